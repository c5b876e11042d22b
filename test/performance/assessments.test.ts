import { beforeAll, describe, expect, it } from 'vitest';
import { employeeItem, getEmployee, putAll } from '../../shared/employees/store.js';
import { setReviewer } from '../../shared/employees/use-cases.js';
import { listNotifications } from '../../shared/notifications/store.js';
import * as uc from '../../shared/performance/assessments.js';
import {
  closeAssessments,
  openCycle,
  openScheduledCycles,
  remindDeadlines,
} from '../../shared/performance/cycle.js';
import { tppPredikat } from '../../shared/performance/rules.js';
import * as store from '../../shared/performance/store.js';
import type { Db } from '../../shared/platform/dynamo.js';
import { Conflict, ValidationError } from '../../shared/platform/errors.js';
import { depsAt, freshTable } from '../support/db.js';
import { actors, NIP, orgEmployees, seedOrg } from '../support/org.js';
import { putApprovedPlans, setUnitHeads } from '../support/performance.js';

let db: Db;
let who: ReturnType<typeof actors>;
const at = (iso: string) => depsAt(db, iso);
const NOV = (nip: string) => `${nip}-2026-11`;
const RETIRED = '196201011985031099';
const NO_PLAN = '199501012020011098';

const outcome = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (e instanceof ValidationError) return (e.details ?? []).map((d) => `${d.path}:${d.code}`).join(' ');
    return `${(e as Error).constructor.name}:${(e as { code?: string }).code}`;
  }
};

const DPU_WITH_PLANS = [NIP.staff, NIP.staff2, NIP.dpuAdmin, NIP.officer, NIP.section, NIP.division];

beforeAll(async () => {
  db = await freshTable();
  const org = await seedOrg(db);
  who = actors(org);
  await setUnitHeads(db);
  const template = orgEmployees().find((e) => e.nip === NIP.staff2);
  await putAll(db, [
    employeeItem({
      ...(template as NonNullable<typeof template>),
      nip: RETIRED,
      name: 'Pensiunan Satu',
      statusPeriods: [{ status: 'PENSIUN', from: '2026-10-01' }],
    }),
    employeeItem({ ...(template as NonNullable<typeof template>), nip: NO_PLAN, name: 'Tanpa SKP' }),
  ]);
  const withPlans = org.filter((e) => DPU_WITH_PLANS.includes(e.nip as never));
  await putApprovedPlans(db, [
    ...withPlans,
    { nip: RETIRED, agencyId: 'DPU', unitId: 'DPU-B1-S1', reviewerNip: NIP.section },
  ]);
});

const agencyCount = async (period: string) => {
  const ids: string[] = [];
  for await (const page of store.agencyPeriodAll(db, 'DPU', period)) ids.push(...page.map((a) => a.id));
  return ids;
};

describe('opening a cycle', () => {
  it('the job at 00:05 WIB on 1 November opens 2026-11: one per active employee with an approved plan; twice gives the same', async () => {
    const [first] = await openScheduledCycles(at('2026-10-31T17:05:00.000Z'));
    expect(first).toMatchObject({
      period: '2026-11',
      created: DPU_WITH_PLANS.length,
      existing: 0,
      notActive: 1,
      withoutApprovedPlan: 2, // the agency head and NO_PLAN
    });
    const again = await openCycle(at('2026-10-31T17:06:00.000Z'), '2026-11');
    expect(again).toMatchObject({ created: 0, agenciesSkipped: again.agencies });
    const ids = await agencyCount('2026-11');
    expect(ids.sort()).toEqual(DPU_WITH_PLANS.map(NOV).sort());
    const a = await store.getAssessment(db, NOV(NIP.staff));
    expect(a).toMatchObject({
      state: 'OPEN',
      reviewerNip: NIP.section,
      unitId: 'DPU-B1-S1',
      version: 1,
      planId: `${NIP.staff}-2026`,
    });
  });

  it('killed half-way and run again: exactly one per employee', async () => {
    let batches = 0;
    const crash = openCycle(at('2026-11-30T17:05:00.000Z'), '2026-12', {
      pageSize: 2,
      concurrency: 1,
      onBatch: () => {
        if (++batches === 2) throw new Error('killed');
      },
    });
    await expect(crash).rejects.toThrow('killed');
    const partial = await agencyCount('2026-12');
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(DPU_WITH_PLANS.length);
    // a concurrent manual run and the resumed job: still exactly one each
    const [resumed, parallel] = await Promise.all([
      openCycle(at('2026-11-30T17:10:00.000Z'), '2026-12', { pageSize: 2 }),
      openCycle(at('2026-11-30T17:10:00.000Z'), '2026-12', { pageSize: 3 }),
    ]);
    expect(partial.length + resumed.created + parallel.created).toBe(DPU_WITH_PLANS.length);
    expect((await agencyCount('2026-12')).sort()).toEqual(DPU_WITH_PLANS.map((n) => `${n}-2026-12`).sort());
    expect((await store.getCycle(db, '2026-12'))?.agenciesDone).toContain('DPU');
  });

  it('refuses a bad period and a quarterly period in a monthly year', async () => {
    expect(await outcome(openCycle(at('2026-11-01T00:00:00Z'), '2026-13'))).toBe('body.period:period');
    expect(await outcome(openCycle(at('2026-11-01T00:00:00Z'), '2026-Q4'))).toBe(
      'InvalidState:PERIOD_NOT_CONFIGURED',
    );
  });
});

describe('a month: self-assessment, review, acknowledgement', () => {
  it('the employee writes and submits; the pejabat penilai reviews; the predikat is computed', async () => {
    const id = NOV(NIP.staff);
    expect(
      await outcome(
        uc.saveSelfAssessment(at('2026-11-20T03:00:00Z'), who.staff, id, {
          version: 1,
          entries: [{ rhkId: 'RHK-9', realization: 'x' }],
        }),
      ),
    ).toBe('body.entries.0.rhkId:unknown_rhk');
    const saved = await uc.saveSelfAssessment(at('2026-11-20T03:00:00Z'), who.staff, id, {
      version: 1,
      entries: [
        {
          rhkId: 'RHK-1',
          actionPlan: 'Inspeksi ruas jalan mingguan',
          realization: '14 km dipelihara',
          evidence: [{ title: 'Laporan', url: 'https://drive.example/laporan-nov.pdf' }],
        },
      ],
    });
    expect(saved.version).toBe(2);
    const withEvidence = await uc.appendCoreValueEvidence(
      at('2026-11-21T03:00:00Z'),
      who.staff,
      id,
      'KOLABORATIF',
      {
        kind: 'FORUM',
        ref: 'FORUM-1',
        title: 'Forum lintas OPD banjir',
      },
    );
    expect(withEvidence.self.coreValueEvidence).toEqual([
      {
        coreValue: 'KOLABORATIF',
        kind: 'FORUM',
        ref: 'FORUM-1',
        title: 'Forum lintas OPD banjir',
        addedAt: '2026-11-21T03:00:00.000Z',
      },
    ]);
    expect(
      await outcome(
        uc.appendCoreValueEvidence(at('2026-11-21T03:00:00Z'), who.section, id, 'LOYAL', {
          kind: 'LINK',
          title: 'x',
        }),
      ),
    ).toBe('Forbidden:NOT_OWNER');
    // a review before the submission is out of order
    expect(
      await outcome(
        uc.reviewAssessment(at('2026-11-22T03:00:00Z'), who.section, id, {
          version: 3,
          ratingHasilKerja: 'ABOVE',
          ratingPerilaku: 'ABOVE',
        }),
      ),
    ).toBe('InvalidState:INVALID_TRANSITION');
    const submitted = await uc.submitSelfAssessment(at('2026-12-03T03:00:00Z'), who.staff, id, {
      version: 3,
    });
    expect(submitted).toMatchObject({ state: 'SELF_SUBMITTED', version: 4 });
    expect((await listNotifications(db, NIP.section, { limit: 20 })).items.map((n) => n.key)).toContain(
      `review-waiting:${id}`,
    );

    // refused: the atasan, a colleague (cannot even see it), a rating outside the three is the schema's 400
    expect(
      await outcome(
        uc.reviewAssessment(at('2026-12-08T03:00:00Z'), who.division, id, {
          version: 4,
          ratingHasilKerja: 'ABOVE',
          ratingPerilaku: 'ABOVE',
        }),
      ),
    ).toBe('Forbidden:NOT_REVIEWER');
    expect(
      await outcome(
        uc.reviewAssessment(at('2026-12-08T03:00:00Z'), who.staff2, id, {
          version: 4,
          ratingHasilKerja: 'ABOVE',
          ratingPerilaku: 'ABOVE',
        }),
      ),
    ).toBe('NotFound:NOT_FOUND');
    expect(
      await outcome(
        uc.saveSelfAssessment(at('2026-12-04T03:00:00Z'), who.staff, id, { version: 4, entries: [] }),
      ),
    ).toBe('InvalidState:INVALID_TRANSITION');

    const reviewed = await uc.reviewAssessment(at('2026-12-08T03:00:00Z'), who.section, id, {
      version: 4,
      ratingHasilKerja: 'ABOVE',
      ratingPerilaku: 'ABOVE',
      results: [{ rhkId: 'RHK-1', feedback: 'Melampaui target' }],
      coreValues: [{ coreValue: 'KOLABORATIF', feedback: 'Aktif di forum' }],
      behaviourFeedback: 'Teladan',
    });
    expect(reviewed).toMatchObject({ state: 'REVIEWED', predikat: 'SANGAT_BAIK', autoClosed: false });
    expect(reviewed.review).toMatchObject({
      reviewerNip: NIP.section,
      hasilKerjaFrom: 'REVIEWER',
      configVersion: 0,
    });
    expect(reviewed.deadlines.appeal).toBe('2026-12-22T16:59:59.999Z');
    expect(tppPredikat(reviewed)).toBe('SANGAT_BAIK');
    const ack = await uc.acknowledgeAssessment(at('2026-12-09T03:00:00Z'), who.staff, id, { version: 5 });
    expect(ack.state).toBe('ACKNOWLEDGED');
    expect(ack.history.map((h) => [h.action, h.by])).toEqual([
      ['OPENED', 'system'],
      ['SELF_SAVED', NIP.staff],
      ['EVIDENCE_ADDED', NIP.staff],
      ['SUBMITTED', NIP.staff],
      ['REVIEWED', NIP.section],
      ['ACKNOWLEDGED', NIP.staff],
    ]);
    expect(
      await outcome(
        uc.appealAssessment(at('2026-12-09T04:00:00Z'), who.staff, id, {
          version: 6,
          reasons: 'Tidak setuju sama sekali',
        }),
      ),
    ).toBe('InvalidState:INVALID_TRANSITION');
  });

  it('a unit head: the organisation predikat decides the rating hasil kerja', async () => {
    const id = NOV(NIP.section);
    await store.saveUnitPredikat(db, {
      unitId: 'DPU-B1-S1',
      agencyId: 'DPU',
      period: '2026-11',
      predikat: 'ISTIMEWA',
      setBy: NIP.division,
      setAt: '2026-12-01T00:00:00Z',
      overrides: [],
      history: [],
      version: 1,
    });
    await uc.submitSelfAssessment(at('2026-12-02T03:00:00Z'), who.section, id, { version: 1 });
    expect(
      await outcome(
        uc.reviewAssessment(at('2026-12-08T03:00:00Z'), who.division, id, {
          version: 2,
          ratingHasilKerja: 'BELOW',
          ratingPerilaku: 'AS_EXPECTED',
        }),
      ),
    ).toBe('body.ratingHasilKerja:rating_from_unit');
    const r = await uc.reviewAssessment(at('2026-12-08T03:00:00Z'), who.division, id, {
      version: 2,
      ratingPerilaku: 'AS_EXPECTED',
    });
    expect(r.review).toMatchObject({ ratingHasilKerja: 'ABOVE', hasilKerjaFrom: 'UNIT' });
    expect(r.predikat).toBe('BAIK');
  });
});

describe('appeals', () => {
  it('within 14 days to the atasan, who revises; the decision is final', async () => {
    const id = NOV(NIP.staff2);
    await uc.submitSelfAssessment(at('2026-12-01T03:00:00Z'), who.staff2, id, { version: 1 });
    const reviewed = await uc.reviewAssessment(at('2026-12-02T03:00:00Z'), who.section, id, {
      version: 2,
      ratingHasilKerja: 'AS_EXPECTED',
      ratingPerilaku: 'BELOW',
      results: [{ rhkId: 'RHK-1', belowExpectation: true, indicatorIds: ['RHK-1.2'] }],
      coreValues: [{ coreValue: 'HARMONIS', belowExpectation: true }],
    });
    expect(reviewed.predikat).toBe('KURANG');
    const appealed = await uc.appealAssessment(at('2026-12-16T16:59:59.999Z'), who.staff2, id, {
      version: 3,
      reasons: 'Perilaku saya dinilai tanpa bukti yang jelas',
    });
    expect(appealed).toMatchObject({ state: 'APPEALED', appeal: { appealReviewerNip: NIP.division } });
    expect(tppPredikat(appealed)).toBeUndefined();
    expect(
      (
        await uc.listAssessments(at('2026-12-17T00:00:00Z'), who.division, { scope: 'appeals', limit: 10 })
      ).items.map((a) => a.id),
    ).toEqual([id]);
    // only the atasan decides; UPHELD carries no ratings; REVISED needs them
    expect(
      await outcome(
        uc.decideAppeal(at('2026-12-18T03:00:00Z'), who.section, id, {
          version: 4,
          outcome: 'UPHELD',
          note: 'Tetap',
        }),
      ),
    ).toBe('Forbidden:NOT_APPEAL_REVIEWER');
    expect(
      await outcome(
        uc.decideAppeal(at('2026-12-18T03:00:00Z'), who.division, id, {
          version: 4,
          outcome: 'REVISED',
          note: 'Direvisi',
        }),
      ),
    ).toBe('body.ratingPerilaku:required');
    const decided = await uc.decideAppeal(at('2026-12-18T03:00:00Z'), who.division, id, {
      version: 4,
      outcome: 'REVISED',
      ratingHasilKerja: 'AS_EXPECTED',
      ratingPerilaku: 'AS_EXPECTED',
      note: 'Bukti perilaku tidak cukup',
    });
    expect(decided).toMatchObject({ state: 'APPEAL_DECIDED', predikat: 'BAIK' });
    expect(decided.appeal?.decision).toMatchObject({
      outcome: 'REVISED',
      previousPredikat: 'KURANG',
      predikat: 'BAIK',
      decidedBy: NIP.division,
    });
    expect(tppPredikat(decided)).toBe('BAIK');
    expect(
      await outcome(
        uc.decideAppeal(at('2026-12-19T03:00:00Z'), who.division, id, {
          version: 5,
          outcome: 'UPHELD',
          note: 'Lagi',
        }),
      ),
    ).toBe('InvalidState:INVALID_TRANSITION');
    expect((await listNotifications(db, NIP.staff2, { limit: 20 })).items.map((n) => n.kind)).toEqual(
      expect.arrayContaining(['RESULT_TO_ACKNOWLEDGE', 'APPEAL_DECIDED']),
    );
  });

  it('after 14 days the appeal is refused and nothing is written', async () => {
    const id = NOV(NIP.officer);
    await uc.submitSelfAssessment(at('2026-12-01T03:00:00Z'), who.officer, id, { version: 1 });
    await uc.reviewAssessment(at('2026-12-01T18:00:00Z'), who.section, id, {
      version: 2,
      ratingHasilKerja: 'BELOW',
      ratingPerilaku: 'BELOW',
    });
    // reviewed on 2 Dec WIB → window ends 16 Dec 23:59:59.999 WIB
    expect(
      await outcome(
        uc.appealAssessment(at('2026-12-16T17:00:00.000Z'), who.officer, id, {
          version: 3,
          reasons: 'Terlambat tapi tetap keberatan',
        }),
      ),
    ).toBe('InvalidState:APPEAL_WINDOW_CLOSED');
    expect((await store.getAssessment(db, id, true))?.version).toBe(3);
  });
});

describe('the deadline job, on both sides of each deadline', () => {
  it('self-assessments close as NOT_SUBMITTED only after day 5; reviews auto-close as BAIK only after day 10', async () => {
    // November settles first: the two never submitted close, the rest were done
    expect(await closeAssessments(at('2026-12-31T00:00:00.000Z'))).toMatchObject({
      notSubmitted: 2,
      autoReviewed: 0,
    });
    expect((await store.getAssessment(db, NOV(NIP.dpuAdmin)))?.state).toBe('NOT_SUBMITTED');
    // December: staff submits on time, dpuAdmin never does
    const dec = (nip: string) => `${nip}-2026-12`;
    await uc.submitSelfAssessment(at('2027-01-05T16:59:59.999Z'), who.staff, dec(NIP.staff), { version: 1 });
    expect(
      await outcome(
        uc.submitSelfAssessment(at('2027-01-05T17:00:00.000Z'), who.dpuAdmin, dec(NIP.dpuAdmin), {
          version: 1,
        }),
      ),
    ).toBe('InvalidState:SELF_DEADLINE_PASSED');

    const before = await closeAssessments(at('2027-01-05T16:59:59.999Z'));
    expect(before).toMatchObject({ notSubmitted: 0, autoReviewed: 0 });
    const after = await closeAssessments(at('2027-01-05T17:05:00.000Z'));
    expect(after.notSubmitted).toBe(DPU_WITH_PLANS.length - 1);
    expect((await store.getAssessment(db, dec(NIP.dpuAdmin)))?.state).toBe('NOT_SUBMITTED');
    expect(tppPredikat((await store.getAssessment(db, dec(NIP.dpuAdmin))) as store.AssessmentRecord)).toBe(
      'NOT_SUBMITTED',
    );

    expect((await closeAssessments(at('2027-01-10T16:59:59.999Z'))).autoReviewed).toBe(0);
    expect(
      await outcome(
        uc.reviewAssessment(at('2027-01-10T17:00:00.000Z'), who.section, dec(NIP.staff), {
          version: 2,
          ratingHasilKerja: 'ABOVE',
          ratingPerilaku: 'ABOVE',
        }),
      ),
    ).toBe('InvalidState:REVIEW_DEADLINE_PASSED');
    const auto = await closeAssessments(at('2027-01-10T17:05:00.000Z'));
    expect(auto.autoReviewed).toBe(1);
    const closed = await store.getAssessment(db, dec(NIP.staff));
    expect(closed).toMatchObject({ state: 'REVIEWED', predikat: 'BAIK', autoClosed: true });
    expect(closed?.review).toMatchObject({
      ratingHasilKerja: 'AS_EXPECTED',
      ratingPerilaku: 'AS_EXPECTED',
      autoClosed: true,
    });
    expect(closed?.history.at(-1)).toMatchObject({ by: 'system', action: 'AUTO_REVIEWED' });
    // running again changes nothing
    expect(await closeAssessments(at('2027-01-10T17:06:00.000Z'))).toMatchObject({
      notSubmitted: 0,
      autoReviewed: 0,
    });
  });
});

describe('concurrency', () => {
  it('a review racing the auto-close, and two review tabs: one wins, the other gets 409', async () => {
    await openCycle(at('2025-12-31T17:05:00.000Z'), '2026-01');
    const jan = `${NIP.staff2}-2026-01`;
    await uc.submitSelfAssessment(at('2026-02-05T10:00:00Z'), who.staff2, jan, { version: 1 });
    const officerJan = `${NIP.officer}-2026-01`;
    await uc.submitSelfAssessment(at('2026-02-01T10:00:00Z'), who.officer, officerJan, { version: 1 });
    const tabs = await Promise.allSettled([
      uc.reviewAssessment(at('2026-02-09T03:00:00Z'), who.section, officerJan, {
        version: 2,
        ratingHasilKerja: 'ABOVE',
        ratingPerilaku: 'ABOVE',
      }),
      uc.reviewAssessment(at('2026-02-09T03:00:00Z'), who.section, officerJan, {
        version: 2,
        ratingHasilKerja: 'BELOW',
        ratingPerilaku: 'BELOW',
      }),
    ]);
    expect(tabs.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = tabs.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(Conflict);
    expect(lost.reason.extra).toEqual({ currentVersion: 3 });
    const [review, job] = await Promise.allSettled([
      uc.reviewAssessment(at('2026-02-10T16:59:00.000Z'), who.section, jan, {
        version: 2,
        ratingHasilKerja: 'BELOW',
        ratingPerilaku: 'AS_EXPECTED',
      }),
      closeAssessments(at('2026-02-10T17:05:00.000Z')),
    ]);
    expect(job.status).toBe('fulfilled');
    const stored = await store.getAssessment(db, jan, true);
    expect(stored?.version).toBe(3);
    if (review.status === 'fulfilled')
      expect(stored).toMatchObject({ predikat: 'BUTUH_PERBAIKAN', autoClosed: false });
    else {
      expect(review.reason).toBeInstanceOf(Conflict);
      expect(stored).toMatchObject({ predikat: 'BAIK', autoClosed: true });
    }
  });
});

describe('lists, reminders and a change of pejabat penilai', () => {
  it('mine, reviewees, agency: one query each; agency scope needs a period and the right agency', async () => {
    const mine = await uc.listAssessments(at('2026-12-20T00:00:00Z'), who.staff, {
      period: '2026-11',
      limit: 10,
    });
    expect(mine.items.map((a) => a.id)).toEqual([NOV(NIP.staff)]);
    const all = await uc.listAssessments(at('2026-12-20T00:00:00Z'), who.staff, { limit: 10 });
    expect(all.items.map((a) => a.period)).toEqual(['2026-12', '2026-11', '2026-01']);
    const reviewees = await uc.listAssessments(at('2026-12-20T00:00:00Z'), who.section, {
      scope: 'reviewees',
      period: '2026-11',
      limit: 10,
    });
    expect(reviewees.items.map((a) => a.nip).sort()).toEqual(
      [NIP.staff, NIP.staff2, NIP.dpuAdmin, NIP.officer].sort(),
    );
    const paged = await uc.listAssessments(at('2026-12-20T00:00:00Z'), who.section, {
      scope: 'reviewees',
      period: '2026-11',
      limit: 3,
    });
    expect(paged.items).toHaveLength(3);
    const rest = await uc.listAssessments(at('2026-12-20T00:00:00Z'), who.section, {
      scope: 'reviewees',
      period: '2026-11',
      limit: 3,
      cursor: paged.cursor,
    });
    expect(rest.items).toHaveLength(1);
    const agency = await uc.listAssessments(at('2026-12-20T00:00:00Z'), who.dpuAdmin, {
      scope: 'agency',
      period: '2026-11',
      limit: 50,
    });
    expect(agency.items).toHaveLength(DPU_WITH_PLANS.length);
    expect(
      await outcome(
        uc.listAssessments(at('2026-12-20T00:00:00Z'), who.dpuAdmin, { scope: 'agency', limit: 5 }),
      ),
    ).toBe('query.period:scope_agency');
    expect(
      await outcome(
        uc.listAssessments(at('2026-12-20T00:00:00Z'), who.dkkAdmin, {
          scope: 'agency',
          agencyId: 'DPU',
          period: '2026-11',
          limit: 5,
        }),
      ),
    ).toBe('Forbidden:FORBIDDEN');
  });

  it('reminds 3 days before the self-assessment deadline, once', async () => {
    await openCycle(at('2026-02-28T17:05:00.000Z'), '2026-03');
    const mar = `${NIP.dpuAdmin}-2026-03`;
    const early = await remindDeadlines(at('2026-04-01T16:59:00.000Z')); // 1 Apr WIB: 4 days
    expect(early.employees).toBe(0);
    const due = await remindDeadlines(at('2026-04-01T17:00:00.000Z')); // 2 Apr WIB: 3 days
    expect(due.employees).toBeGreaterThanOrEqual(1);
    expect((await remindDeadlines(at('2026-04-02T17:00:00.000Z'))).employees).toBe(0);
    const notes = await listNotifications(db, NIP.dpuAdmin, { limit: 50 });
    expect(notes.items.filter((n) => n.key === `deadline-self:${mar}`)).toHaveLength(1);
  });

  it('a new pejabat penilai: the open assessments follow (job), and the new one may review', async () => {
    const mar = `${NIP.officer}-2026-03`;
    const officer = await getEmployee(db, NIP.officer);
    await setReviewer(at('2026-03-10T03:00:00Z'), who.hr, NIP.officer, {
      version: officer?.version ?? 1,
      reviewerNip: NIP.division,
    });
    const result = await closeAssessments(at('2026-03-10T17:05:00.000Z'));
    expect(result.rehomed).toBeGreaterThanOrEqual(1);
    const divisionList = await uc.listAssessments(at('2026-03-11T00:00:00Z'), who.division, {
      scope: 'reviewees',
      period: '2026-03',
      limit: 10,
    });
    expect(divisionList.items.map((a) => a.nip)).toContain(NIP.officer);
    const a = await store.getAssessment(db, mar);
    expect(a?.history.at(-1)).toMatchObject({
      action: 'REVIEWER_CHANGED',
      from: NIP.section,
      to: NIP.division,
    });
    await uc.submitSelfAssessment(at('2026-04-02T03:00:00Z'), who.officer, mar, { version: a?.version ?? 0 });
    expect(
      await outcome(
        uc.reviewAssessment(at('2026-04-03T03:00:00Z'), who.section, mar, {
          version: (a?.version ?? 0) + 1,
          ratingHasilKerja: 'ABOVE',
          ratingPerilaku: 'ABOVE',
        }),
      ),
    ).toBe('NotFound:NOT_FOUND'); // the former reviewer no longer sees it
    const r = await uc.reviewAssessment(at('2026-04-03T03:00:00Z'), who.division, mar, {
      version: (a?.version ?? 0) + 1,
      ratingHasilKerja: 'ABOVE',
      ratingPerilaku: 'AS_EXPECTED',
    });
    expect(r.review?.reviewerNip).toBe(NIP.division);
  });
});
