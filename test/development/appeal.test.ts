/**
 * Issue 11: an appeal decided REVISED to BAIK or better closes the development plan that the
 * original predikat opened (reason: the appeal), as if a weak predikat had never opened it. The
 * whole path runs through the performance use cases: review → plan opened → appeal → decision.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as planStore from '../../shared/development/plan-store.js';
import { planEffect } from '../../shared/development/rules.js';
import * as uc from '../../shared/performance/assessments.js';
import { openCycle } from '../../shared/performance/cycle.js';
import type { Db } from '../../shared/platform/dynamo.js';
import { depsAt, freshTable } from '../support/db.js';
import { actors, NIP, seedOrg } from '../support/org.js';
import { putApprovedPlans } from '../support/performance.js';

let db: Db;
let who: ReturnType<typeof actors>;
const at = (iso: string) => depsAt(db, iso);
const NOV = (nip: string) => `${nip}-2026-11`;

const openPlan = async (nip: string) => {
  const id = await planStore.openPlanId(db, nip);
  return id ? planStore.getPlan(db, id, true) : undefined;
};

beforeAll(async () => {
  db = await freshTable();
  const org = await seedOrg(db);
  who = actors(org);
  await putApprovedPlans(
    db,
    org.filter((e) => [NIP.staff, NIP.staff2].includes(e.nip as never)),
  );
  await openCycle(at('2026-10-31T17:05:00.000Z'), '2026-11');
});

const reviewedWeak = async (nip: string, actor: (typeof who)['staff']) => {
  const id = NOV(nip);
  await uc.submitSelfAssessment(at('2026-12-01T03:00:00Z'), actor, id, { version: 1 });
  const r = await uc.reviewAssessment(at('2026-12-02T03:00:00Z'), who.section, id, {
    version: 2,
    ratingHasilKerja: 'BELOW',
    ratingPerilaku: 'AS_EXPECTED',
  });
  expect(r.predikat).toBe('BUTUH_PERBAIKAN');
  const plan = await openPlan(nip);
  expect(plan).toMatchObject({ status: 'OPEN', source: { kind: 'PREDIKAT', assessmentId: id } });
  return uc.appealAssessment(at('2026-12-03T03:00:00Z'), actor, id, {
    version: 3,
    reasons: 'Target tercapai',
  });
};

describe('an appeal decided REVISED to BAIK withdraws the plan the original predikat opened', () => {
  it('REVISED to BAIK: the plan is closed with the appeal as its reason', async () => {
    const appealed = await reviewedWeak(NIP.staff, who.staff);
    const planId = (await openPlan(NIP.staff))?.planId as string;
    const decided = await uc.decideAppeal(at('2026-12-10T03:00:00Z'), who.division, NOV(NIP.staff), {
      version: appealed.version,
      outcome: 'REVISED',
      ratingHasilKerja: 'AS_EXPECTED',
      ratingPerilaku: 'AS_EXPECTED',
      note: 'Target tercapai menurut bukti',
    });
    expect(decided.predikat).toBe('BAIK');
    expect(await openPlan(NIP.staff)).toBeUndefined();
    const plan = await planStore.getPlan(db, planId, true);
    expect(plan).toMatchObject({
      status: 'CLOSED',
      outcome: { kind: 'WITHDRAWN_BY_APPEAL', predikat: 'BAIK', assessmentId: NOV(NIP.staff) },
    });
    expect(plan?.outcome?.note).toContain('Keberatan diputus REVISED');
  });

  it('UPHELD keeps the plan open', async () => {
    const appealed = await reviewedWeak(NIP.staff2, who.staff2);
    await uc.decideAppeal(at('2026-12-10T03:00:00Z'), who.division, NOV(NIP.staff2), {
      version: appealed.version,
      outcome: 'UPHELD',
      note: 'Tetap',
    });
    expect((await openPlan(NIP.staff2))?.status).toBe('OPEN');
  });

  it('the rule: only the assessment that opened the plan withdraws it; another month of the same period length still needs a later period', () => {
    const open = { since: '2026-11-30', openedBy: 'X-2026-11' };
    expect(
      planEffect({ kind: 'PERIODIC', predikat: 'BAIK', period: '2026-11', assessmentId: 'X-2026-11' }, open),
    ).toBe('WITHDRAW');
    expect(
      planEffect({ kind: 'PERIODIC', predikat: 'BAIK', period: '2026-11', assessmentId: 'Y-2026-11' }, open),
    ).toBe('NONE');
    expect(
      planEffect({ kind: 'PERIODIC', predikat: 'BAIK', period: '2026-12', assessmentId: 'X-2026-12' }, open),
    ).toBe('CLOSE');
  });
});
