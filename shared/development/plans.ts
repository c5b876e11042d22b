/**
 * Use cases of development plans (DOMAIN §4.2): opened by an underperforming predikat (see
 * triggers.ts) or by the employee's pejabat penilai; coaching logged and the plan closed by that
 * supervisor; readable by the employee, the supervisor, the agency's admin, BKPP and the auditor.
 */
import './messages.js';
import { canViewAgency, ensureViewAgency } from '../employees/access.js';
import * as employees from '../employees/store.js';
import { notify } from '../notifications/notify.js';
import { type Actor, ensure } from '../platform/actor.js';
import { wibDate } from '../platform/clock.js';
import { fieldError, InvalidState, invalid, NotFound } from '../platform/errors.js';
import type { Deps } from '../platform/http.js';
import { staleVersion } from '../platform/records.js';
import { failedConditions } from '../platform/transact.js';
import * as store from './plan-store.js';
import { type Gap, type PlanRecord, getPlan as readPlan } from './plan-store.js';
import { defaultTargetDate, type Predikat, periodEnd, planEffect, tagsForGap } from './rules.js';
import { listTrainings } from './training-store.js';
import type { PredikatEvent } from './triggers.js';

const notFound = () => new NotFound('NOT_FOUND', { entity: 'developmentPlan' });

const mergeGap = (a: Gap, b: Gap): Gap => ({
  indicators: [...a.indicators, ...b.indicators.filter((i) => !a.indicators.some((x) => x.id === i.id))],
  coreValues: [...new Set([...a.coreValues, ...b.coreValues])],
});

/** The day after which a periodic BAIK counts as a recovery (rules.planEffect). */
const sinceOf = (p: PlanRecord): string =>
  p.source.kind === 'PREDIKAT' ? periodEnd(p.source.period) : wibDate(new Date(p.openedAt));

const tellOpened = async (deps: Deps, p: PlanRecord) => {
  const n = {
    key: `devplan-opened:${p.planId}`,
    kind: 'DEVELOPMENT_PLAN_OPENED',
    title: 'Rencana pengembangan kompetensi dibuka.',
    body: `Target: ${p.targetDate}.`,
    link: `/v1/development-plans/${p.planId}`,
  };
  const at = new Date(p.openedAt);
  await notify(deps.db, p.nip, n, at);
  if (p.reviewerNip) await notify(deps.db, p.reviewerNip, n, at);
};

/**
 * Handles one final predikat; idempotent: the same event (assessment and predikat) acts once, so a
 * repeated call neither opens a second plan nor logs the event twice.
 */
export const handlePredikat = async (deps: Deps, event: PredikatEvent): Promise<void> => {
  const seenEvent = { assessmentId: event.assessmentId, predikat: event.predikat };
  const at = event.at.toISOString();
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await store.wasSeen(deps.db, event.nip, event.assessmentId, event.predikat)) return;
    const openId = await store.openPlanId(deps.db, event.nip);
    const open = openId ? await readPlan(deps.db, openId, true) : undefined;
    const effect = planEffect(
      event,
      open
        ? {
            since: sinceOf(open),
            ...(open.source.kind === 'PREDIKAT' ? { openedBy: open.source.assessmentId } : {}),
          }
        : undefined,
    );
    const logged = {
      at,
      assessmentId: event.assessmentId,
      period: event.period,
      kind: event.kind,
      predikat: event.predikat as Predikat,
    };
    try {
      if (effect === 'NONE') return;
      if (effect === 'OPEN') {
        const employee = await employees.getEmployee(deps.db, event.nip);
        const plan: PlanRecord = {
          planId: deps.ids(),
          nip: event.nip,
          agencyId: event.agencyId,
          reviewerNip: event.reviewerNip ?? employee?.reviewerNip,
          status: 'OPEN',
          source: {
            kind: 'PREDIKAT',
            assessmentId: event.assessmentId,
            period: event.period,
            predikat: event.predikat,
          },
          gap: { indicators: event.gaps.indicators, coreValues: event.gaps.coreValues },
          tags: tagsForGap(event.gaps),
          coaching: [],
          events: [{ ...logged, effect: 'OPENED' }],
          targetDate: defaultTargetDate(wibDate(event.at)),
          openedAt: at,
          version: 1,
          updatedAt: at,
        };
        await store.openPlan(deps.db, plan, seenEvent);
        await tellOpened(deps, plan);
        return;
      }
      if (!open) return;
      if (effect === 'LOG') {
        const gap = mergeGap(open.gap, event.gaps);
        await store.savePlan(
          deps.db,
          {
            ...open,
            gap,
            tags: tagsForGap(gap),
            events: [...open.events, { ...logged, effect: 'LOGGED' }],
            version: open.version + 1,
            updatedAt: at,
          },
          { event: seenEvent },
        );
        return;
      }
      await store.savePlan(
        deps.db,
        {
          ...open,
          status: 'CLOSED',
          events: [...open.events, { ...logged, effect: 'CLOSED' }],
          outcome: {
            kind: effect === 'WITHDRAW' ? 'WITHDRAWN_BY_APPEAL' : 'RECOVERED',
            predikat: event.predikat,
            period: event.period,
            assessmentId: event.assessmentId,
            ...(effect === 'WITHDRAW'
              ? {
                  note: `Keberatan diputus REVISED: predikat ${event.period} menjadi ${event.predikat}; rencana yang dibuka oleh predikat semula ditutup.`,
                }
              : {}),
            at,
          },
          closedAt: at,
          version: open.version + 1,
          updatedAt: at,
        },
        { closing: true, event: seenEvent },
      );
      return;
    } catch (e) {
      if (!failedConditions(e).length) throw e;
      // Someone else acted meanwhile (another event, the supervisor): read again and decide again.
    }
  }
  throw new Error(`onPredikat: gave up for ${event.nip} ${event.assessmentId} after 5 attempts`);
};

// ── supervisor's actions ───────────────────────────────────────────────────────

/** The employee's current pejabat penilai, and only them. */
const ensureSupervisor = async (deps: Deps, actor: Actor, nip: string) => {
  const employee = await employees.getEmployee(deps.db, nip);
  if (!employee) throw notFound();
  ensure(employee.reviewerNip === actor.nip);
  return employee;
};

const loadOpenForSupervisor = async (deps: Deps, actor: Actor, planId: string, version: number) => {
  const plan = await readPlan(deps.db, planId, true);
  if (!plan) throw notFound();
  await ensureSupervisor(deps, actor, plan.nip);
  if (plan.status !== 'OPEN') throw new InvalidState('PLAN_CLOSED');
  if (plan.version !== version) throw staleVersion(plan.version);
  return plan;
};

const saveOrConflict = async (deps: Deps, next: PlanRecord, closing = false) => {
  try {
    await store.savePlan(deps.db, next, { closing });
  } catch (e) {
    if (!failedConditions(e).length) throw e;
    const current = await readPlan(deps.db, next.planId, true);
    throw staleVersion(current?.version ?? next.version - 1);
  }
  return next;
};

export const openPlan = async (
  deps: Deps,
  actor: Actor,
  input: { nip: string; gap: Gap; targetDate?: string; note?: string },
) => {
  const employee = await employees.getEmployee(deps.db, input.nip);
  if (!employee) throw invalid(fieldError('body.nip', 'unknown_employee'));
  if (employee.reviewerNip !== actor.nip) throw invalid(fieldError('body.nip', 'not_reviewee'));
  const now = deps.clock();
  const today = wibDate(now);
  if (input.targetDate !== undefined && input.targetDate <= today)
    throw invalid(fieldError('body.targetDate', 'date_past'));
  const at = now.toISOString();
  const plan: PlanRecord = {
    planId: deps.ids(),
    nip: employee.nip,
    agencyId: employee.agencyId,
    reviewerNip: actor.nip,
    status: 'OPEN',
    source: { kind: 'SUPERVISOR', openedBy: actor.nip, ...(input.note ? { note: input.note } : {}) },
    gap: input.gap,
    tags: tagsForGap(input.gap),
    coaching: [],
    events: [],
    targetDate: input.targetDate ?? defaultTargetDate(today),
    openedAt: at,
    version: 1,
    updatedAt: at,
  };
  try {
    await store.openPlan(deps.db, plan);
  } catch (e) {
    if (failedConditions(e).includes(0))
      throw new InvalidState('PLAN_ALREADY_OPEN', {
        planId: (await store.openPlanId(deps.db, plan.nip)) ?? '?',
      });
    throw e;
  }
  await tellOpened(deps, plan);
  return plan;
};

export const updatePlan = async (
  deps: Deps,
  actor: Actor,
  planId: string,
  input: { version: number; targetDate?: string; gap?: Gap },
) => {
  const plan = await loadOpenForSupervisor(deps, actor, planId, input.version);
  if (input.targetDate !== undefined && input.targetDate <= wibDate(deps.clock()))
    throw invalid(fieldError('body.targetDate', 'date_past'));
  const gap = input.gap ?? plan.gap;
  return saveOrConflict(deps, {
    ...plan,
    reviewerNip: actor.nip,
    gap,
    tags: tagsForGap(gap),
    targetDate: input.targetDate ?? plan.targetDate,
    version: plan.version + 1,
    updatedAt: deps.clock().toISOString(),
  });
};

export const logCoaching = async (
  deps: Deps,
  actor: Actor,
  planId: string,
  input: { version: number; date: string; topic: string; notes?: string },
) => {
  const plan = await loadOpenForSupervisor(deps, actor, planId, input.version);
  const now = deps.clock();
  if (input.date > wibDate(now)) throw invalid(fieldError('body.date', 'future_date'));
  const session = {
    date: input.date,
    topic: input.topic,
    ...(input.notes ? { notes: input.notes } : {}),
    by: actor.nip,
    at: now.toISOString(),
  };
  return saveOrConflict(deps, {
    ...plan,
    reviewerNip: actor.nip,
    coaching: [...plan.coaching, session].sort((a, b) => a.date.localeCompare(b.date)),
    version: plan.version + 1,
    updatedAt: now.toISOString(),
  });
};

export const closePlan = async (
  deps: Deps,
  actor: Actor,
  planId: string,
  input: { version: number; note: string },
) => {
  const plan = await loadOpenForSupervisor(deps, actor, planId, input.version);
  const at = deps.clock().toISOString();
  return saveOrConflict(
    deps,
    {
      ...plan,
      reviewerNip: actor.nip,
      status: 'CLOSED',
      outcome: { kind: 'CLOSED_BY_SUPERVISOR', note: input.note, by: actor.nip, at },
      closedAt: at,
      version: plan.version + 1,
      updatedAt: at,
    },
    true,
  );
};

// ── reading ────────────────────────────────────────────────────────────────────

const canReadPlan = async (deps: Deps, actor: Actor, plan: PlanRecord) => {
  if (actor.nip === plan.nip || actor.nip === plan.reviewerNip || canViewAgency(actor, plan.agencyId))
    return true;
  const employee = await employees.getEmployee(deps.db, plan.nip);
  return (
    employee?.reviewerNip === actor.nip || (employee !== undefined && canViewAgency(actor, employee.agencyId))
  );
};

/** The plan, with upcoming trainings matching its tags (at most 10, soonest first). */
export const getPlan = async (deps: Deps, actor: Actor, planId: string) => {
  const plan = await readPlan(deps.db, planId);
  if (!plan || !(await canReadPlan(deps, actor, plan))) throw notFound();
  const today = wibDate(deps.clock());
  const pages = await Promise.all(
    plan.tags.slice(0, 6).map((tag) => listTrainings(deps.db, { tag, from: today, limit: 5 })),
  );
  const found = new Map(pages.flatMap((p) => p.items).map((t) => [t.trainingId, t]));
  const recommendedTrainings = [...found.values()]
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.trainingId.localeCompare(b.trainingId))
    .slice(0, 10);
  return { ...plan, recommendedTrainings };
};

export const listPlans = async (
  deps: Deps,
  actor: Actor,
  q: {
    scope?: 'mine' | 'reviewees' | 'agency';
    status?: 'OPEN' | 'CLOSED';
    agencyId?: string;
    limit: number;
    cursor?: string;
  },
) => {
  const scope = q.scope ?? 'mine';
  const page = { status: q.status, limit: q.limit, cursor: q.cursor };
  if (scope === 'mine') return store.listPlans(deps.db, { by: 'mine', key: actor.nip }, page);
  if (scope === 'reviewees') return store.listPlans(deps.db, { by: 'reviewees', key: actor.nip }, page);
  const agencyId = q.agencyId ?? actor.agencyId;
  if (!agencyId) throw invalid(fieldError('query.agencyId', 'scope_agency'));
  ensureViewAgency(actor, agencyId);
  return store.listPlans(deps.db, { by: 'agency', key: agencyId }, page);
};
