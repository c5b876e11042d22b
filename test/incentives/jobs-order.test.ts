/**
 * Issue 11: `tpp-monthly` and `close-assessments` fire at the same minute (17:05 UTC on the
 * 10th). Whichever Lambda starts first, the TPP drafts must see the month closed: reviews past
 * their deadline auto-closed as BAIK, self-assessments never submitted closed as NOT_SUBMITTED.
 * Both jobs run through their Lambda handlers, at the same event time, in both orders and at once.
 */
import { describe, expect, it } from 'vitest';
import { handler as closeJob } from '../../functions/jobs/close-assessments.js';
import { handler as tppJob } from '../../functions/jobs/tpp-monthly.js';
import { scheduledEvent } from '../../infra/local/jobs.js';
import type { LineRecord } from '../../shared/incentives/store.js';
import * as assessments from '../../shared/performance/assessments.js';
import { openCycle } from '../../shared/performance/cycle.js';
import { getAssessment } from '../../shared/performance/store.js';
import type { Db } from '../../shared/platform/dynamo.js';
import { depsAt, freshTable } from '../support/db.js';
import { actors, NIP, seedOrg } from '../support/org.js';
import { putApprovedPlans } from '../support/performance.js';
import { allLines } from '../support/tpp.js';

const TIME = new Date('2026-12-10T17:05:00.000Z');
const RUN = 'TPP-DPU-2026-11';

/** November in DPU: staff submitted and was never reviewed; staff2 reviewed KURANG; officer never submitted. */
const setUp = async (): Promise<Db> => {
  const db = await freshTable();
  const org = await seedOrg(db);
  const who = actors(org);
  await putApprovedPlans(
    db,
    org.filter((e) => [NIP.staff, NIP.staff2, NIP.officer].includes(e.nip as never)),
  );
  const at = (iso: string) => depsAt(db, iso);
  await openCycle(at('2026-10-31T17:05:00.000Z'), '2026-11');
  await assessments.submitSelfAssessment(at('2026-12-01T03:00:00Z'), who.staff, `${NIP.staff}-2026-11`, {
    version: 1,
  });
  await assessments.submitSelfAssessment(at('2026-12-01T03:00:00Z'), who.staff2, `${NIP.staff2}-2026-11`, {
    version: 1,
  });
  await assessments.reviewAssessment(at('2026-12-02T03:00:00Z'), who.section, `${NIP.staff2}-2026-11`, {
    version: 2,
    ratingHasilKerja: 'AS_EXPECTED',
    ratingPerilaku: 'BELOW',
  });
  return db;
};

const linesOf = async (db: Db) =>
  (await allLines(db, RUN)).map((l: LineRecord) => ({
    nip: l.nip,
    predikat: l.breakdown.predikat,
    source: l.breakdown.predikatSource,
    gross: l.gross,
    net: l.net,
  }));

const tpp = () => tppJob(scheduledEvent('tpp-monthly', TIME));
const close = () => closeJob(scheduledEvent('close-assessments', TIME));

describe('tpp-monthly and close-assessments at the same minute', { timeout: 120_000 }, () => {
  const results: Record<string, Awaited<ReturnType<typeof linesOf>>> = {};

  it('close-assessments first, then tpp-monthly', async () => {
    const db = await setUp();
    await close();
    await tpp();
    results.closeFirst = await linesOf(db);
    expect((await getAssessment(db, `${NIP.staff}-2026-11`))?.autoClosed).toBe(true);
  });

  it('tpp-monthly first, then close-assessments', async () => {
    const db = await setUp();
    await tpp();
    await close();
    results.tppFirst = await linesOf(db);
  });

  it('both at once', async () => {
    const db = await setUp();
    await Promise.all([tpp(), close()]);
    results.together = await linesOf(db);
  });

  it('give the same lines, computed on the closed month', () => {
    expect(results.tppFirst).toEqual(results.closeFirst);
    expect(results.together).toEqual(results.closeFirst);
    const by = new Map(results.closeFirst?.map((l) => [l.nip, l]));
    // the unreviewed month was auto-closed BAIK before the draft: paid as BAIK, not as open
    expect(by.get(NIP.staff)).toMatchObject({ predikat: 'BAIK', source: 'ASSESSMENT' });
    expect(by.get(NIP.staff2)).toMatchObject({ predikat: 'KURANG', source: 'ASSESSMENT' });
    expect(by.get(NIP.officer)).toMatchObject({ predikat: 'NOT_SUBMITTED', source: 'ASSESSMENT' });
  });
});
