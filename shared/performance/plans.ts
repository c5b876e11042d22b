/**
 * The yearly plan (SKP, DOMAIN §2.1): the employee writes it, submits it to the pejabat penilai,
 * who approves it or returns it with a note. Every change is versioned and kept in the history.
 */

import { isEmployed } from '../employees/rules.js';
import { getEmployee } from '../employees/store.js';
import { notify } from '../notifications/notify.js';
import type { Actor } from '../platform/actor.js';
import { wibDate } from '../platform/clock.js';
import { Forbidden, fieldError, InvalidState, invalid, NotFound } from '../platform/errors.js';
import type { Deps } from '../platform/http.js';
import { staleVersion } from '../platform/records.js';
import { canReadOwned, readableEmployee } from './access.js';
import { settingsFor } from './config.js';
import './messages.js';
import {
  type CoreValueExpectation,
  type PlanAction,
  planApprovalDeadline,
  planProblems,
  planTransition,
  type RhkInput,
  withCoreValues,
  withIds,
} from './rules.js';
import type { PlanRecord } from './store.js';
import * as store from './store.js';

const notFound = () => new NotFound('NOT_FOUND', { entity: 'plan' });

interface PlanContent {
  approach?: 'KUANTITATIF' | 'KUALITATIF';
  results: RhkInput[];
  coreValues?: CoreValueExpectation[];
}

const parsePlanId = (planId: string) => {
  const m = /^(\d{18})-(\d{4})$/.exec(planId);
  return m ? { nip: m[1] as string, year: Number(m[2]) } : undefined;
};

const view = async (deps: Deps, p: PlanRecord) => {
  const settings = await settingsFor(deps.db, p.year);
  return { ...p, approvalDeadline: planApprovalDeadline(p.year, settings).toISOString() };
};

const loadPlan = async (deps: Deps, planId: string, consistent = false) => {
  const parts = parsePlanId(planId);
  const p = parts ? await store.getPlan(deps.db, parts.nip, parts.year, consistent) : undefined;
  if (!p) throw notFound();
  return p;
};

/** Checks the content against the reviewer's plan of the year (the RHKs it may support). */
const checkContent = async (deps: Deps, content: PlanContent, year: number, reviewerNip?: string) => {
  const reviewerPlan = reviewerNip ? await store.getPlan(deps.db, reviewerNip, year) : undefined;
  const problems = planProblems(content, new Set(reviewerPlan?.results.map((r) => r.id) ?? []));
  if (problems.length) throw invalid(...problems.map((p) => fieldError(`body.${p.path}`, p.code)));
};

const entry = (at: Date, by: string, action: string, from?: string, to?: string, note?: string) => ({
  at: at.toISOString(),
  by,
  action,
  ...(from ? { from } : {}),
  ...(to ? { to } : {}),
  ...(note ? { note } : {}),
});

export const createPlan = async (deps: Deps, actor: Actor, input: PlanContent & { year: number }) => {
  const employee = await getEmployee(deps.db, actor.nip);
  if (!employee) throw new NotFound('NOT_FOUND', { entity: 'employee' });
  const now = deps.clock();
  if (!isEmployed(employee.statusPeriods, wibDate(now))) throw new InvalidState('NOT_EMPLOYED');
  await checkContent(deps, input, input.year, employee.reviewerNip);
  const plan: PlanRecord = {
    planId: store.planId(actor.nip, input.year),
    nip: actor.nip,
    year: input.year,
    agencyId: employee.agencyId,
    unitId: employee.unitId,
    reviewerNip: employee.reviewerNip,
    approach: input.approach ?? 'KUANTITATIF',
    results: withIds(input.results),
    coreValues: withCoreValues(input.coreValues),
    state: 'DRAFT',
    history: [entry(now, actor.nip, 'CREATED', undefined, 'DRAFT')],
    version: 1,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  await store.createPlan(deps.db, plan);
  return view(deps, plan);
};

export const getPlan = async (deps: Deps, actor: Actor, planId: string) => {
  const p = await loadPlan(deps, planId);
  if (!(await canReadOwned(deps.db, actor, p))) throw notFound();
  return view(deps, p);
};

export const listEmployeePlans = async (
  deps: Deps,
  actor: Actor,
  nip: string,
  page: { limit: number; cursor?: string },
) => {
  await readableEmployee(deps.db, actor, nip);
  const out = await store.listEmployeePlans(deps.db, nip, page);
  return { items: await Promise.all(out.items.map((p) => view(deps, p))), cursor: out.cursor };
};

/**
 * One step of the workflow: the actor must be the owner (edit, submit) or the employee's current
 * pejabat penilai (approve, return); the version must be the stored one; the state must allow it.
 */
const step = async (
  deps: Deps,
  actor: Actor,
  planId: string,
  version: number,
  action: PlanAction,
  change: (p: PlanRecord, now: Date) => Partial<PlanRecord> | Promise<Partial<PlanRecord>>,
  note?: string,
) => {
  const current = await loadPlan(deps, planId, true);
  if (!(await canReadOwned(deps.db, actor, current))) throw notFound();
  const employee = await getEmployee(deps.db, current.nip, true);
  const byOwner = action === 'edit' || action === 'submit';
  if (byOwner && actor.nip !== current.nip) throw new Forbidden('NOT_OWNER');
  if (!byOwner && (!employee?.reviewerNip || employee.reviewerNip !== actor.nip))
    throw new Forbidden('NOT_REVIEWER');
  if (version !== current.version) throw staleVersion(current.version);
  const to = planTransition(current.state, action);
  if (!to) throw new InvalidState('INVALID_TRANSITION', { action, state: current.state });
  const now = deps.clock();
  const next: PlanRecord = {
    ...current,
    // the pejabat penilai in force now: a reviewer change before approval moves the plan along
    reviewerNip: employee?.reviewerNip,
    ...(await change(current, now)),
    state: to,
    history: [...current.history, entry(now, actor.nip, action.toUpperCase(), current.state, to, note)],
    version: current.version + 1,
    updatedAt: now.toISOString(),
  };
  await store.savePlan(deps.db, next);
  return next;
};

export const updatePlan = async (
  deps: Deps,
  actor: Actor,
  planId: string,
  input: PlanContent & { version: number },
) => {
  const next = await step(deps, actor, planId, input.version, 'edit', async (p) => {
    const employee = await getEmployee(deps.db, p.nip);
    await checkContent(deps, input, p.year, employee?.reviewerNip);
    return {
      approach: input.approach ?? p.approach,
      results: withIds(input.results),
      coreValues: withCoreValues(input.coreValues),
    };
  });
  return view(deps, next);
};

export const submitPlan = async (deps: Deps, actor: Actor, planId: string, input: { version: number }) => {
  const next = await step(deps, actor, planId, input.version, 'submit', async (p) => {
    const employee = await getEmployee(deps.db, p.nip);
    if (!employee?.reviewerNip) throw new InvalidState('NO_REVIEWER');
    return { returnNote: undefined };
  });
  if (next.reviewerNip)
    await notify(
      deps.db,
      next.reviewerNip,
      {
        key: `plan-submitted:${next.planId}:v${next.version}`,
        kind: 'PLAN_SUBMITTED',
        title: `SKP ${next.year} menunggu persetujuan Anda`,
        body: `SKP ${next.year} pegawai ${next.nip} diajukan untuk disetujui.`,
        link: `/v1/plans/${next.planId}`,
      },
      deps.clock(),
    );
  return view(deps, next);
};

export const approvePlan = async (deps: Deps, actor: Actor, planId: string, input: { version: number }) => {
  const next = await step(deps, actor, planId, input.version, 'approve', (_p, now) => ({
    approvedBy: actor.nip,
    approvedAt: now.toISOString(),
  }));
  await notify(
    deps.db,
    next.nip,
    {
      key: `plan-approved:${next.planId}:v${next.version}`,
      kind: 'PLAN_APPROVED',
      title: `SKP ${next.year} Anda disetujui`,
      link: `/v1/plans/${next.planId}`,
    },
    deps.clock(),
  );
  return view(deps, next);
};

export const returnPlan = async (
  deps: Deps,
  actor: Actor,
  planId: string,
  input: { version: number; note: string },
) => {
  const next = await step(
    deps,
    actor,
    planId,
    input.version,
    'return',
    () => ({ returnNote: input.note }),
    input.note,
  );
  await notify(
    deps.db,
    next.nip,
    {
      key: `plan-returned:${next.planId}:v${next.version}`,
      kind: 'PLAN_RETURNED',
      title: `SKP ${next.year} Anda dikembalikan untuk diperbaiki`,
      body: input.note,
      link: `/v1/plans/${next.planId}`,
    },
    deps.clock(),
  );
  return view(deps, next);
};

/**
 * The cascade of a plan: for each of its RHKs, the reviewees' RHKs that support it (the
 * reviewees' plans of the same year, found by their pejabat penilai).
 */
export const planCascade = async (deps: Deps, actor: Actor, planId: string) => {
  const p = await loadPlan(deps, planId);
  if (!(await canReadOwned(deps.db, actor, p))) throw notFound();
  const below = await store.revieweePlans(deps.db, p.nip, p.year);
  return {
    planId: p.planId,
    results: p.results.map((r) => ({
      id: r.id,
      text: r.text,
      supportedBy: below.flatMap((b) =>
        b.results
          .filter((x) => x.supportsRhkId === r.id)
          .map((x) => ({ nip: b.nip, planId: b.planId, rhkId: x.id, text: x.text, state: b.state })),
      ),
    })),
  };
};
