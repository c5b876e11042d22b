/**
 * Issue 11 / DOMAIN §2.3: a month cannot be reviewed before it is over. The self-assessment is
 * drafted during the period, submitted from its last working day (WIB) on, reviewed after that;
 * configurable per year like the deadlines.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { saveCalendar } from '../../shared/calendar/store.js';
import * as uc from '../../shared/performance/assessments.js';
import { putConfig } from '../../shared/performance/config.js';
import { openCycle } from '../../shared/performance/cycle.js';
import { DEFAULT_SETTINGS } from '../../shared/performance/rules.js';
import type { Db } from '../../shared/platform/dynamo.js';
import { InvalidState } from '../../shared/platform/errors.js';
import { message } from '../../shared/platform/i18n.js';
import { depsAt, freshTable } from '../support/db.js';
import { actors, NIP, seedOrg } from '../support/org.js';
import { putApprovedPlans } from '../support/performance.js';

let db: Db;
let who: ReturnType<typeof actors>;
const at = (iso: string) => depsAt(db, iso);
const DEC = (nip: string) => `${nip}-2026-12`;

const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof InvalidState ? `${e.code} from ${e.params.from}` : (e as Error).message;
  }
};

beforeAll(async () => {
  db = await freshTable();
  const org = await seedOrg(db);
  who = actors(org);
  await putApprovedPlans(
    db,
    org.filter((e) => [NIP.staff, NIP.staff2, NIP.officer].includes(e.nip as never)),
  );
  await openCycle(at('2026-11-30T17:05:00.000Z'), '2026-12');
});

describe('the month is over before it is reviewed (DOMAIN §2.3)', () => {
  it('drafted during the month; submitting on 2 December is refused with the day it opens', async () => {
    const draft = await uc.saveSelfAssessment(at('2026-12-02T03:00:00.000Z'), who.staff, DEC(NIP.staff), {
      version: 1,
      entries: [],
    });
    expect(draft.state).toBe('OPEN');
    // no 2026 calendar stored: weekends only, so the last working day is Thursday 31 December
    expect(
      await refusal(
        uc.submitSelfAssessment(at('2026-12-02T03:00:00.000Z'), who.staff, DEC(NIP.staff), { version: 2 }),
      ),
    ).toBe('SUBMIT_TOO_EARLY from 2026-12-31');
    expect(message('SUBMIT_TOO_EARLY', 'en', { period: '2026-12', from: '2026-12-31' })).toBe(
      "The self-assessment of 2026-12 can be submitted from 2026-12-31 (the period's last working day); until then keep it as a draft.",
    );
  });

  it('the last working day follows the calendar; the review opens only the day after it', async () => {
    await saveCalendar(db, {
      year: 2026,
      nationalHolidays: [{ date: '2026-12-25', name: 'Natal' }],
      cutiBersama: [
        { date: '2026-12-24', name: 'Cuti Bersama Natal' },
        { date: '2026-12-31', name: 'Cuti bersama (uji)' },
      ],
      version: 1,
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    const id = DEC(NIP.staff);
    // Wednesday 30 December is now the last working day: 00:00 WIB is 17:00 UTC the day before
    expect(
      await refusal(uc.submitSelfAssessment(at('2026-12-29T16:59:59.999Z'), who.staff, id, { version: 2 })),
    ).toBe('SUBMIT_TOO_EARLY from 2026-12-30');
    const submitted = await uc.submitSelfAssessment(at('2026-12-29T17:00:00.000Z'), who.staff, id, {
      version: 2,
    });
    expect(submitted.state).toBe('SELF_SUBMITTED');
    const review = { ratingHasilKerja: 'AS_EXPECTED' as const, ratingPerilaku: 'AS_EXPECTED' as const };
    expect(
      await refusal(
        uc.reviewAssessment(at('2026-12-30T16:59:59.999Z'), who.section, id, { version: 3, ...review }),
      ),
    ).toBe('REVIEW_TOO_EARLY from 2026-12-31');
    const reviewed = await uc.reviewAssessment(at('2026-12-30T17:00:00.000Z'), who.section, id, {
      version: 3,
      ...review,
    });
    expect(reviewed.state).toBe('REVIEWED');
  });

  it('configurable per year: PERIOD_END waits for the month to end; ANY_TIME is the old behaviour', async () => {
    const v1 = await putConfig(at('2026-12-02T03:00:00.000Z'), who.hr, 2026, {
      ...DEFAULT_SETTINGS,
      submitFrom: 'PERIOD_END',
    });
    expect(v1.submitFrom).toBe('PERIOD_END');
    expect(
      await refusal(
        uc.submitSelfAssessment(at('2026-12-30T17:00:00.000Z'), who.staff2, DEC(NIP.staff2), { version: 1 }),
      ),
    ).toBe('SUBMIT_TOO_EARLY from 2027-01-01');
    await putConfig(at('2026-12-02T03:00:00.000Z'), who.hr, 2026, {
      ...DEFAULT_SETTINGS,
      submitFrom: 'ANY_TIME',
      version: v1.version,
    });
    const early = await uc.submitSelfAssessment(
      at('2026-12-02T03:00:00.000Z'),
      who.officer,
      DEC(NIP.officer),
      {
        version: 1,
      },
    );
    expect(early.state).toBe('SELF_SUBMITTED');
  });
});
