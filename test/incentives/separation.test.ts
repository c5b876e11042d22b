/** Issue 11: a TPP run is approved only by someone who neither computed nor submitted it. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ComputeDeps } from '../../shared/incentives/compute.js';
import * as uc from '../../shared/incentives/use-cases.js';
import type { Actor } from '../../shared/platform/actor.js';
import type { Db } from '../../shared/platform/dynamo.js';
import { Forbidden } from '../../shared/platform/errors.js';
import { message } from '../../shared/platform/i18n.js';
import { depsAt, freshTable } from '../support/db.js';
import { actors, NIP, seedOrg } from '../support/org.js';
import { fakeAssessments } from '../support/tpp.js';

let db: Db;
let who: ReturnType<typeof actors>;
const deps = (): ComputeDeps => ({
  ...depsAt(db, '2026-12-11T03:00:00.000Z'),
  assessments: fakeAssessments(new Map()),
});

const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof Forbidden ? `${e.code}:${e.params.action ?? ''}` : (e as Error).constructor.name;
  }
};

beforeAll(async () => {
  db = await freshTable();
  who = actors(await seedOrg(db));
});

describe('separation of duties on TPP runs', () => {
  it('one person holding AGENCY_ADMIN and FINANCE (granted before the pairs were refused) cannot approve what they submitted', async () => {
    const both: Actor = { ...who.dpuAdmin, roles: ['EMPLOYEE', 'AGENCY_ADMIN', 'FINANCE'] };
    const run = await uc.createRun(deps(), who.dpuAdmin, { agencyId: 'DPU', period: '2026-10' });
    const submitted = await uc.submitRun(deps(), both, run.runId, { version: run.version });
    expect(await refusal(uc.approveRun(deps(), both, run.runId, { version: submitted.version }))).toBe(
      'TPP_SELF_APPROVAL:COMPUTED',
    );
    const approved = await uc.approveRun(deps(), who.finance, run.runId, { version: submitted.version });
    expect(approved.history.map((h) => `${h.action}:${h.by}`)).toEqual([
      `COMPUTED:${NIP.dpuAdmin}`,
      `SUBMITTED:${NIP.dpuAdmin}`,
      `APPROVED:${NIP.finance}`,
    ]);
  });

  it('whoever recomputed a run may not approve it either, even when someone else submitted it', async () => {
    const hrFinance: Actor = { ...who.hr, roles: ['EMPLOYEE', 'HR_ADMIN', 'FINANCE'] };
    const run = await uc.createRun(deps(), who.dpuAdmin, { agencyId: 'DPU', period: '2026-09' });
    const again = await uc.recomputeRun(deps(), hrFinance, run.runId);
    const submitted = await uc.submitRun(deps(), who.dpuAdmin, run.runId, { version: again.version });
    expect(await refusal(uc.approveRun(deps(), hrFinance, run.runId, { version: submitted.version }))).toBe(
      'TPP_SELF_APPROVAL:COMPUTED',
    );
    expect((await uc.getRun(deps(), who.finance, run.runId)).status).toBe('SUBMITTED');
    expect(message('TPP_SELF_APPROVAL', 'en', { runId: run.runId, action: 'COMPUTED' })).toBe(
      `You may not approve TPP run ${run.runId}: you computed or submitted it (COMPUTED); another official must approve it.`,
    );
  });
});
