import { beforeAll, describe, expect, it } from 'vitest';
import { listNotifications } from '../../shared/notifications/store.js';
import * as plans from '../../shared/performance/plans.js';
import { getPlan } from '../../shared/performance/store.js';
import type { Db } from '../../shared/platform/dynamo.js';
import { Conflict, NotFound, ValidationError } from '../../shared/platform/errors.js';
import { depsAt, freshTable } from '../support/db.js';
import { actors, NIP, seedOrg } from '../support/org.js';
import { planInput } from '../support/performance.js';

let db: Db;
let who: ReturnType<typeof actors>;
const deps = (iso = '2026-01-10T03:00:00.000Z') => depsAt(db, iso);

const outcome = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (e instanceof ValidationError) return (e.details ?? []).map((d) => `${d.path}:${d.code}`).join(' ');
    return `${(e as Error).constructor.name}:${(e as { code?: string }).code}`;
  }
};

beforeAll(async () => {
  db = await freshTable();
  who = actors(await seedOrg(db));
});

describe('the SKP workflow', () => {
  it('draft → submitted → returned with a note → edited → submitted → approved, all in the history', async () => {
    const created = await plans.createPlan(deps(), who.staff, planInput());
    expect(created).toMatchObject({
      planId: `${NIP.staff}-2026`,
      state: 'DRAFT',
      version: 1,
      reviewerNip: NIP.section,
    });
    expect(created.results.map((r) => r.id)).toEqual(['RHK-1', 'RHK-2']);
    expect(created.coreValues).toHaveLength(7);
    expect(created.approvalDeadline).toBe('2026-01-31T16:59:59.999Z');

    const submitted = await plans.submitPlan(deps(), who.staff, created.planId, { version: 1 });
    expect(submitted.state).toBe('SUBMITTED');
    const returned = await plans.returnPlan(deps(), who.section, created.planId, {
      version: 2,
      note: 'Target km terlalu rendah',
    });
    expect(returned).toMatchObject({ state: 'RETURNED', returnNote: 'Target km terlalu rendah' });
    const staffNotes = await listNotifications(db, NIP.staff, { limit: 10 });
    expect(staffNotes.items.map((n) => n.kind)).toContain('PLAN_RETURNED');

    const input = planInput();
    (input.results[0] as { indicators: Array<{ target: number }> }).indicators[0].target = 20;
    const edited = await plans.updatePlan(deps(), who.staff, created.planId, { ...input, version: 3 });
    expect(edited).toMatchObject({ state: 'DRAFT', version: 4 });
    await plans.submitPlan(deps(), who.staff, created.planId, { version: 4 });
    const approved = await plans.approvePlan(deps(), who.section, created.planId, { version: 5 });
    expect(approved).toMatchObject({ state: 'APPROVED', approvedBy: NIP.section, version: 6 });
    expect(approved.history.map((h) => h.action)).toEqual([
      'CREATED',
      'SUBMIT',
      'RETURN',
      'EDIT',
      'SUBMIT',
      'APPROVE',
    ]);
    expect(approved.history[2]).toMatchObject({
      by: NIP.section,
      from: 'SUBMITTED',
      to: 'RETURNED',
      note: 'Target km terlalu rendah',
    });
  });

  it('refuses out-of-order steps, the wrong people, stale versions, a second plan; nothing written', async () => {
    const id = `${NIP.staff2}-2026`;
    await plans.createPlan(deps(), who.staff2, planInput());
    expect(await outcome(plans.createPlan(deps(), who.staff2, planInput()))).toBe(
      'AlreadyExists:ALREADY_EXISTS',
    );
    expect(await outcome(plans.approvePlan(deps(), who.section, id, { version: 1 }))).toBe(
      'InvalidState:INVALID_TRANSITION',
    );
    expect(await outcome(plans.submitPlan(deps(), who.section, id, { version: 1 }))).toBe(
      'Forbidden:NOT_OWNER',
    );
    expect(await outcome(plans.submitPlan(deps(), who.staff, id, { version: 1 }))).toBe('NotFound:NOT_FOUND');
    await plans.submitPlan(deps(), who.staff2, id, { version: 1 });
    // the atasan (division) is not the pejabat penilai, nor is the employee
    expect(await outcome(plans.approvePlan(deps(), who.division, id, { version: 2 }))).toBe(
      'Forbidden:NOT_REVIEWER',
    );
    expect(await outcome(plans.approvePlan(deps(), who.staff2, id, { version: 2 }))).toBe(
      'Forbidden:NOT_REVIEWER',
    );
    expect(await outcome(plans.approvePlan(deps(), who.section, id, { version: 1 }))).toBe(
      'Conflict:CONFLICT',
    );
    expect(await outcome(plans.updatePlan(deps(), who.staff2, id, { ...planInput(), version: 2 }))).toBe(
      'InvalidState:INVALID_TRANSITION',
    );
    expect((await getPlan(db, NIP.staff2, 2026))?.version).toBe(2);
  });

  it('validates the content: a UTAMA RHK, a supported RHK that exists in the reviewer plan', async () => {
    expect(
      await outcome(
        plans.createPlan(deps(), who.dpuAdmin, {
          ...planInput(),
          results: [planInput().results[1] as never],
        }),
      ),
    ).toBe('body.results:rhk_utama');
    expect(await outcome(plans.createPlan(deps(), who.dpuAdmin, planInput(2026, 'RHK-7')))).toBe(
      'body.results.0.supportsRhkId:unknown_rhk',
    );
    expect(await getPlan(db, NIP.dpuAdmin, 2026)).toBeUndefined();
  });

  it('the cascade: the reviewer sees which reviewee RHKs support each of theirs', async () => {
    const mine = await plans.createPlan(deps(), who.section, planInput(2027));
    const below = await plans.createPlan(deps(), who.officer, planInput(2027, 'RHK-1'));
    const cascade = await plans.planCascade(deps(), who.section, mine.planId);
    expect(cascade.results[0]?.supportedBy).toEqual([
      {
        nip: NIP.officer,
        planId: below.planId,
        rhkId: 'RHK-1',
        text: below.results[0]?.text,
        state: 'DRAFT',
      },
    ]);
    expect(cascade.results[1]?.supportedBy).toEqual([]);
  });

  it('who reads a plan: the employee, reviewers, the agency admin, BKPP, the auditor; not a colleague', async () => {
    const id = `${NIP.staff}-2026`;
    for (const reader of [who.staff, who.section, who.division, who.dpuAdmin, who.hr, who.auditor])
      expect((await plans.getPlan(deps(), reader, id)).planId).toBe(id);
    for (const stranger of [who.staff2, who.dkkAdmin, who.finance])
      await expect(plans.getPlan(deps(), stranger, id)).rejects.toBeInstanceOf(NotFound);
    const list = await plans.listEmployeePlans(deps(), who.section, NIP.staff, { limit: 10 });
    expect(list.items.map((p) => p.planId)).toEqual([id]);
  });

  it('two reviewer tabs approving at once: one wins, the other gets 409 with the current version', async () => {
    const id = `${NIP.officer}-2027`;
    await plans.submitPlan(deps(), who.officer, id, { version: 1 });
    const results = await Promise.allSettled([
      plans.approvePlan(deps(), who.section, id, { version: 2 }),
      plans.returnPlan(deps(), who.section, id, { version: 2, note: 'Perbaiki indikator' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(Conflict);
    expect(lost.reason.extra).toEqual({ currentVersion: 3 });
    expect((await getPlan(db, NIP.officer, 2027, true))?.version).toBe(3);
  });
});
