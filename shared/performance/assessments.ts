/**
 * Periodic and annual assessments (DOMAIN §2.2): the employee's self-assessment, the pejabat
 * penilai's review (the predikat is computed, never sent), acknowledgement or appeal within the
 * window, the atasan's final decision. Every step checks who acts (from the data), the version
 * (409 with the current one), the state (422) and the deadlines, and is kept in the history.
 */
import { getCalendars } from '../calendar/store.js';
import { onPredikat, type PredikatEvent } from '../development/triggers.js';
import { canViewAgency } from '../employees/access.js';
import type { EmployeeRecord } from '../employees/store.js';
import { getEmployee, getUnit } from '../employees/store.js';
import { notify } from '../notifications/notify.js';
import { type Actor, ensure } from '../platform/actor.js';
import { wibDate } from '../platform/clock.js';
import type { ErrorDetail } from '../platform/errors.js';
import { Conflict, Forbidden, fieldError, InvalidState, invalid, NotFound } from '../platform/errors.js';
import type { Deps } from '../platform/http.js';
import { logger } from '../platform/logger.js';
import { staleVersion } from '../platform/records.js';
import { canReadOwned } from './access.js';
import { type Settings, settingsFor } from './config.js';
import './messages.js';
import {
  type AssessmentAction,
  AUTO_REVIEW,
  appealDeadline,
  assessmentTransition,
  type CoreValue,
  type CoreValueFlag,
  type Deadlines,
  deadlinesOf,
  flagProblems,
  gapsOf,
  OPEN_STATES,
  openingsOf,
  parsePeriod,
  predikatOf,
  type Rating,
  type Rhk,
  type RhkFlag,
  unitHeadRating,
  withinAppealWindow,
} from './rules.js';
import type {
  AssessmentRecord,
  CoreValueReview,
  HistoryEntry,
  PlanRecord,
  Review,
  RhkReview,
  SelfEntry,
} from './store.js';
import * as store from './store.js';

const notFound = () => new NotFound('NOT_FOUND', { entity: 'assessment' });

export const deadlinesFor = (a: Pick<AssessmentRecord, 'period'>, settings: Settings): Deadlines => {
  const period = parsePeriod(a.period);
  if (!period) throw new Error(`assessment period ${a.period} is not a period`);
  return deadlinesOf(period, settings);
};

const historyEntry = (
  at: Date,
  by: string,
  action: string,
  from?: string,
  to?: string,
  note?: string,
): HistoryEntry => ({
  at: at.toISOString(),
  by,
  action,
  ...(from ? { from } : {}),
  ...(to ? { to } : {}),
  ...(note ? { note } : {}),
});

/** The assessment as the API shows it: the record, its deadlines, and for an annual one the year side by side. */
const view = async (deps: Deps, a: AssessmentRecord, withYear = false) => {
  const settings = await settingsFor(deps.db, Number(a.period.slice(0, 4)));
  const d = deadlinesFor(a, settings);
  const periodicResults =
    withYear && a.kind === 'ANNUAL'
      ? (await store.periodicOfYear(deps.db, a.nip, Number(a.period))).map((p) => ({
          period: p.period,
          state: p.state,
          predikat: p.predikat,
        }))
      : undefined;
  return {
    ...a,
    deadlines: {
      selfAssessment: d.selfAssessment.toISOString(),
      review: d.review.toISOString(),
      ...(a.review ? { appeal: appealDeadline(new Date(a.review.reviewedAt), settings).toISOString() } : {}),
    },
    ...(periodicResults ? { periodicResults } : {}),
  };
};

export const summaryOf = (a: AssessmentRecord) => ({
  id: a.id,
  nip: a.nip,
  name: a.name,
  period: a.period,
  kind: a.kind,
  agencyId: a.agencyId,
  unitId: a.unitId,
  reviewerNip: a.reviewerNip,
  state: a.state,
  predikat: a.predikat,
  autoClosed: a.autoClosed,
  version: a.version,
  updatedAt: a.updatedAt,
});

const canRead = (deps: Deps, actor: Actor, a: AssessmentRecord) =>
  canReadOwned(deps.db, actor, a, { appealReviewerNip: a.appeal?.appealReviewerNip });

export const getAssessment = async (deps: Deps, actor: Actor, id: string) => {
  const a = await store.getAssessment(deps.db, id);
  if (!a || !(await canRead(deps, actor, a))) throw notFound();
  return view(deps, a, true);
};

export const listAssessments = async (
  deps: Deps,
  actor: Actor,
  q: {
    period?: string;
    scope?: 'mine' | 'reviewees' | 'agency' | 'appeals';
    agencyId?: string;
    unitId?: string;
    limit: number;
    cursor?: string;
  },
) => {
  const page = { limit: q.limit, cursor: q.cursor };
  let out: { items: AssessmentRecord[]; cursor?: string };
  switch (q.scope ?? 'mine') {
    case 'mine':
      out = await store.listMine(deps.db, actor.nip, q.period, page);
      break;
    case 'reviewees':
      out = await store.listByReviewer(deps.db, actor.nip, q.period, page);
      break;
    case 'appeals':
      out = await store.listAppeals(deps.db, actor.nip, q.period, page);
      break;
    default: {
      const agencyId = q.agencyId ?? actor.agencyId;
      const problems: ErrorDetail[] = [];
      if (!q.period) problems.push(fieldError('query.period', 'scope_agency'));
      if (!agencyId) problems.push(fieldError('query.agencyId', 'scope_agency'));
      if (problems.length) throw invalid(...problems);
      ensure(canViewAgency(actor, agencyId as string));
      out = await store.listByAgency(deps.db, agencyId as string, q.period as string, page, q.unitId);
    }
  }
  return { items: out.items.map(summaryOf), cursor: out.cursor };
};

// ── the workflow ─────────────────────────────────────────────────────────────────

interface StepContext {
  current: AssessmentRecord;
  employee: EmployeeRecord | undefined;
  now: Date;
  settings: Settings;
  deadlines: Deadlines;
}

type Who = 'owner' | 'reviewer' | 'appealReviewer';
const WHO: Record<string, Who> = {
  saveSelf: 'owner',
  addEvidence: 'owner',
  submit: 'owner',
  acknowledge: 'owner',
  appeal: 'owner',
  review: 'reviewer',
  decideAppeal: 'appealReviewer',
};

/**
 * Loads, authorises (404 to whoever may not see it, 403 to a reader who may not act), checks the
 * version (409) and the state (422), then writes what `change` returns, versioned. `change` may
 * refuse (deadlines, field checks) before anything is written.
 */
const step = async (
  deps: Deps,
  actor: Actor,
  id: string,
  version: number | undefined,
  action: AssessmentAction,
  change: (ctx: StepContext) => Promise<Partial<AssessmentRecord> & { note?: string }>,
): Promise<{ next: AssessmentRecord; ctx: StepContext }> => {
  const current = await store.getAssessment(deps.db, id, true);
  if (!current || !(await canRead(deps, actor, current))) throw notFound();
  const employee = await getEmployee(deps.db, current.nip, true);
  const who = WHO[action];
  if (who === 'owner' && actor.nip !== current.nip) throw new Forbidden('NOT_OWNER');
  if (who === 'reviewer' && (!employee?.reviewerNip || employee.reviewerNip !== actor.nip))
    throw new Forbidden('NOT_REVIEWER');
  if (who === 'appealReviewer' && current.appeal?.appealReviewerNip !== actor.nip)
    throw new Forbidden('NOT_APPEAL_REVIEWER');
  if (version !== undefined && version !== current.version) throw staleVersion(current.version);
  const to = assessmentTransition(current.state, action);
  if (!to) throw new InvalidState('INVALID_TRANSITION', { action, state: current.state });
  const now = deps.clock();
  const settings = await settingsFor(deps.db, Number(current.period.slice(0, 4)));
  const ctx: StepContext = { current, employee, now, settings, deadlines: deadlinesFor(current, settings) };
  const { note, ...changes } = await change(ctx);
  const reviewerNip =
    OPEN_STATES.includes(current.state) && employee?.reviewerNip ? employee.reviewerNip : current.reviewerNip;
  const history = [...current.history];
  if (reviewerNip !== current.reviewerNip)
    history.push(historyEntry(now, actor.nip, 'REVIEWER_CHANGED', current.reviewerNip, reviewerNip));
  history.push(historyEntry(now, actor.nip, ACTION_NAMES[action], current.state, to, note));
  const next: AssessmentRecord = {
    ...current,
    reviewerNip,
    ...changes,
    state: to,
    history,
    version: current.version + 1,
    updatedAt: now.toISOString(),
  };
  await store.saveAssessment(deps.db, next);
  return { next, ctx };
};

const ACTION_NAMES: Record<AssessmentAction, string> = {
  saveSelf: 'SELF_SAVED',
  addEvidence: 'EVIDENCE_ADDED',
  submit: 'SUBMITTED',
  review: 'REVIEWED',
  autoReview: 'AUTO_REVIEWED',
  closeNotSubmitted: 'CLOSED_NOT_SUBMITTED',
  acknowledge: 'ACKNOWLEDGED',
  appeal: 'APPEALED',
  decideAppeal: 'APPEAL_DECIDED',
};

/** When this assessment's period may be submitted and reviewed (the year's calendar and settings). */
const openingsFor = async (deps: Deps, ctx: StepContext) => {
  const period = parsePeriod(ctx.current.period);
  if (!period) throw new Error(`assessment ${ctx.current.id} has no valid period`);
  const calendars = await getCalendars(deps.db, [period.year]);
  return openingsOf(period, ctx.settings, calendars);
};

const beforeSelfDeadline = (ctx: StepContext) => {
  if (ctx.now.getTime() > ctx.deadlines.selfAssessment.getTime())
    throw new InvalidState('SELF_DEADLINE_PASSED', { deadline: ctx.deadlines.selfAssessment.toISOString() });
};

const loadPlanOf = async (deps: Deps, a: AssessmentRecord): Promise<PlanRecord> => {
  const [nip, year] = [a.planId.slice(0, 18), Number(a.planId.slice(19))];
  const plan = await store.getPlan(deps.db, nip, year);
  if (!plan) throw new Error(`plan ${a.planId} of assessment ${a.id} is missing`);
  return plan;
};

export const saveSelfAssessment = async (
  deps: Deps,
  actor: Actor,
  id: string,
  input: { version: number; entries: SelfEntry[] },
) => {
  const { next } = await step(deps, actor, id, input.version, 'saveSelf', async (ctx) => {
    beforeSelfDeadline(ctx);
    const plan = await loadPlanOf(deps, ctx.current);
    const known = new Set(plan.results.map((r) => r.id));
    const seen = new Set<string>();
    const problems: ErrorDetail[] = [];
    input.entries.forEach((e, i) => {
      if (!known.has(e.rhkId)) problems.push(fieldError(`body.entries.${i}.rhkId`, 'unknown_rhk'));
      else if (seen.has(e.rhkId)) problems.push(fieldError(`body.entries.${i}.rhkId`, 'duplicate'));
      seen.add(e.rhkId);
    });
    if (problems.length) throw invalid(...problems);
    return { self: { ...ctx.current.self, entries: input.entries } };
  });
  return view(deps, next);
};

/**
 * Adds evidence for a BerAKHLAK value to the self-assessment (e.g. forum participation, verified
 * by the collaboration area). Owner only, while the self-assessment is editable. It re-reads and
 * tries again when a concurrent edit won (an append loses nothing by being retried).
 */
export const appendCoreValueEvidence = async (
  deps: Deps,
  actor: Actor,
  assessmentId: string,
  coreValue: CoreValue,
  evidence: { kind: 'FORUM' | 'PROTOCOL' | 'LINK'; ref?: string; title: string; url?: string },
) => {
  for (let attempt = 0; ; attempt++) {
    try {
      const { next } = await step(deps, actor, assessmentId, undefined, 'addEvidence', async (ctx) => {
        beforeSelfDeadline(ctx);
        const item = { coreValue, ...evidence, addedAt: ctx.now.toISOString() };
        return {
          self: { ...ctx.current.self, coreValueEvidence: [...ctx.current.self.coreValueEvidence, item] },
          note: `${coreValue}: ${evidence.title}`.slice(0, 200),
        };
      });
      return view(deps, next);
    } catch (e) {
      if (!(e instanceof Conflict) || attempt >= 3) throw e;
    }
  }
};

export const submitSelfAssessment = async (
  deps: Deps,
  actor: Actor,
  id: string,
  input: { version: number },
) => {
  const { next } = await step(deps, actor, id, input.version, 'submit', async (ctx) => {
    beforeSelfDeadline(ctx);
    const opens = await openingsFor(deps, ctx);
    // drafted during the period, submitted from its last working day on (DOMAIN §2.3)
    if (ctx.now.getTime() < opens.submit.getTime())
      throw new InvalidState('SUBMIT_TOO_EARLY', { period: ctx.current.period, from: wibDate(opens.submit) });
    return { self: { ...ctx.current.self, submittedAt: ctx.now.toISOString() } };
  });
  if (next.reviewerNip)
    await notify(
      deps.db,
      next.reviewerNip,
      {
        key: `review-waiting:${next.id}`,
        kind: 'REVIEW_WAITING',
        title: `Penilaian ${next.period} ${next.name} menunggu Anda`,
        body: 'Penilaian mandiri telah diajukan; mohon berikan penilaian dan umpan balik.',
        link: `/v1/assessments/${next.id}`,
      },
      deps.clock(),
    );
  return view(deps, next);
};

interface RatingsInput {
  ratingHasilKerja?: Rating;
  ratingPerilaku?: Rating;
  results?: RhkReview[];
  coreValues?: CoreValueReview[];
}

/**
 * The rating hasil kerja: for the head of a unit whose predikat organisasi for the period is set,
 * the unit's achievement decides it (a different value sent is refused); otherwise the reviewer's.
 */
const resolveHasilKerja = async (
  deps: Deps,
  a: AssessmentRecord,
  given: Rating | undefined,
): Promise<{ rating: Rating; from: 'REVIEWER' | 'UNIT' }> => {
  const unit = await getUnit(deps.db, a.unitId);
  if (unit?.headNip === a.nip) {
    const org = await store.getUnitPredikat(deps.db, a.unitId, a.period);
    if (org) {
      const rating = unitHeadRating(org.predikat);
      if (given !== undefined && given !== rating)
        throw invalid(fieldError('body.ratingHasilKerja', 'rating_from_unit', { expected: rating }));
      return { rating, from: 'UNIT' };
    }
  }
  if (given === undefined) throw invalid(fieldError('body.ratingHasilKerja', 'required'));
  return { rating: given, from: 'REVIEWER' };
};

const checkFlags = (plan: PlanRecord, input: RatingsInput) => {
  const problems = flagProblems(plan.results, input.results ?? [], toValueFlags(input.coreValues), {
    rhk: 'body.results',
    value: 'body.coreValues',
  });
  if (problems.length) throw invalid(...problems.map((p) => fieldError(p.path, p.code)));
};

const toValueFlags = (values: CoreValueReview[] = []): CoreValueFlag[] =>
  values.map((v) => ({ coreValue: v.coreValue, belowExpectation: v.belowExpectation }));
const toRhkFlags = (results: RhkReview[] = []): RhkFlag[] => results;

/** Tells the development area about a final predikat (best effort: the result is already saved). */
export const announcePredikat = async (deps: Deps, a: AssessmentRecord, results: Rhk[], at: Date) => {
  if (!a.predikat || !a.review) return;
  const event: PredikatEvent = {
    nip: a.nip,
    agencyId: a.agencyId,
    reviewerNip: a.review.reviewerNip,
    assessmentId: a.id,
    period: a.period,
    kind: a.kind === 'ANNUAL' ? 'ANNUAL' : 'PERIODIC',
    predikat: a.predikat,
    gaps: gapsOf(results, toRhkFlags(a.review.results), toValueFlags(a.review.coreValues)),
    at,
  };
  try {
    await onPredikat(deps, event);
  } catch (e) {
    logger.error('onPredikat failed', { assessmentId: a.id, error: (e as Error).message });
  }
};

const notifyResult = (deps: Deps, a: AssessmentRecord, at: Date) =>
  notify(
    deps.db,
    a.nip,
    {
      key: `result:${a.id}`,
      kind: 'RESULT_TO_ACKNOWLEDGE',
      title: `Hasil penilaian ${a.period}: ${a.predikat}${a.autoClosed ? ' (ditutup otomatis)' : ''}`,
      body: 'Terima hasil penilaian, atau ajukan keberatan dalam masa keberatan.',
      link: `/v1/assessments/${a.id}`,
    },
    at,
  );

export const reviewAssessment = async (
  deps: Deps,
  actor: Actor,
  id: string,
  input: RatingsInput & { version: number; ratingPerilaku: Rating; behaviourFeedback?: string },
) => {
  let plan: PlanRecord | undefined;
  const { next, ctx } = await step(deps, actor, id, input.version, 'review', async (c) => {
    if (c.now.getTime() > c.deadlines.review.getTime())
      throw new InvalidState('REVIEW_DEADLINE_PASSED', { deadline: c.deadlines.review.toISOString() });
    const opens = await openingsFor(deps, c);
    if (c.now.getTime() < opens.review.getTime())
      throw new InvalidState('REVIEW_TOO_EARLY', { period: c.current.period, from: wibDate(opens.review) });
    plan = await loadPlanOf(deps, c.current);
    checkFlags(plan, input);
    const hasil = await resolveHasilKerja(deps, c.current, input.ratingHasilKerja);
    const predikat = predikatOf(hasil.rating, input.ratingPerilaku);
    const review: Review = {
      ratingHasilKerja: hasil.rating,
      ratingPerilaku: input.ratingPerilaku,
      hasilKerjaFrom: hasil.from,
      predikat,
      results: input.results ?? [],
      coreValues: input.coreValues ?? [],
      ...(input.behaviourFeedback ? { behaviourFeedback: input.behaviourFeedback } : {}),
      reviewerNip: actor.nip,
      reviewedAt: c.now.toISOString(),
      configVersion: c.settings.version,
    };
    return { review, predikat, autoClosed: false, note: predikat };
  });
  await notifyResult(deps, next, ctx.now);
  await announcePredikat(deps, next, (plan as PlanRecord).results, ctx.now);
  return view(deps, next);
};

export const acknowledgeAssessment = async (
  deps: Deps,
  actor: Actor,
  id: string,
  input: { version: number },
) => {
  const { next } = await step(deps, actor, id, input.version, 'acknowledge', async () => ({}));
  return view(deps, next);
};

export const appealAssessment = async (
  deps: Deps,
  actor: Actor,
  id: string,
  input: { version: number; reasons: string },
) => {
  const { next, ctx } = await step(deps, actor, id, input.version, 'appeal', async (c) => {
    const review = c.current.review as Review;
    if (!withinAppealWindow(new Date(review.reviewedAt), c.now, c.settings))
      throw new InvalidState('APPEAL_WINDOW_CLOSED', {
        deadline: appealDeadline(new Date(review.reviewedAt), c.settings).toISOString(),
      });
    // the atasan pejabat penilai: the superior of whoever reviewed (PP 30/2019 Pasal 59)
    const reviewer = await getEmployee(deps.db, review.reviewerNip);
    if (!reviewer?.reviewerNip) throw new InvalidState('NO_APPEAL_REVIEWER');
    return {
      appeal: {
        reasons: input.reasons,
        filedAt: c.now.toISOString(),
        appealReviewerNip: reviewer.reviewerNip,
      },
    };
  });
  await notify(
    deps.db,
    next.appeal?.appealReviewerNip as string,
    {
      key: `appeal:${next.id}`,
      kind: 'APPEAL_TO_DECIDE',
      title: `Keberatan atas penilaian ${next.period} ${next.name}`,
      body: 'Sebagai atasan pejabat penilai, mohon putuskan keberatan ini.',
      link: `/v1/assessments/${next.id}`,
    },
    ctx.now,
  );
  return view(deps, next);
};

export const decideAppeal = async (
  deps: Deps,
  actor: Actor,
  id: string,
  input: RatingsInput & { version: number; outcome: 'UPHELD' | 'REVISED'; note: string },
) => {
  let plan: PlanRecord | undefined;
  const { next, ctx } = await step(deps, actor, id, input.version, 'decideAppeal', async (c) => {
    const review = c.current.review as Review;
    const appeal = c.current.appeal as NonNullable<AssessmentRecord['appeal']>;
    plan = await loadPlanOf(deps, c.current);
    if (input.outcome === 'UPHELD') {
      const extra = (['ratingHasilKerja', 'ratingPerilaku', 'results', 'coreValues'] as const).filter(
        (k) => input[k] !== undefined,
      );
      if (extra.length) throw invalid(...extra.map((k) => fieldError(`body.${k}`, 'invalid')));
      const decision = {
        outcome: 'UPHELD' as const,
        ratingHasilKerja: review.ratingHasilKerja,
        ratingPerilaku: review.ratingPerilaku,
        predikat: review.predikat,
        previousPredikat: review.predikat,
        note: input.note,
        decidedBy: actor.nip,
        decidedAt: c.now.toISOString(),
      };
      return { appeal: { ...appeal, decision }, note: 'UPHELD' };
    }
    if (input.ratingPerilaku === undefined) throw invalid(fieldError('body.ratingPerilaku', 'required'));
    checkFlags(plan, input);
    const hasil = await resolveHasilKerja(deps, c.current, input.ratingHasilKerja);
    const predikat = predikatOf(hasil.rating, input.ratingPerilaku);
    const decision = {
      outcome: 'REVISED' as const,
      ratingHasilKerja: hasil.rating,
      ratingPerilaku: input.ratingPerilaku,
      predikat,
      previousPredikat: review.predikat,
      note: input.note,
      decidedBy: actor.nip,
      decidedAt: c.now.toISOString(),
    };
    // the revised ratings and flags become the result in force; the review as given stays in history
    const revised: Review = {
      ...review,
      ratingHasilKerja: hasil.rating,
      ratingPerilaku: input.ratingPerilaku,
      hasilKerjaFrom: hasil.from,
      predikat,
      results: input.results ?? review.results,
      coreValues: input.coreValues ?? review.coreValues,
    };
    return {
      appeal: { ...appeal, decision },
      review: revised,
      predikat,
      note: `REVISED ${review.predikat} → ${predikat}`,
    };
  });
  await notify(
    deps.db,
    next.nip,
    {
      key: `appeal-decided:${next.id}`,
      kind: 'APPEAL_DECIDED',
      title: `Keberatan penilaian ${next.period} diputus: ${next.appeal?.decision?.outcome} (${next.predikat})`,
      link: `/v1/assessments/${next.id}`,
    },
    ctx.now,
  );
  await announcePredikat(deps, next, (plan as PlanRecord).results, ctx.now);
  return view(deps, next);
};

// ── what the deadline job writes ─────────────────────────────────────────────────

/** The record after the deadline job closed it (not submitted, or auto-reviewed as BAIK). */
export const closedBySystem = (
  a: AssessmentRecord,
  action: 'closeNotSubmitted' | 'autoReview',
  now: Date,
  settings: Settings,
): AssessmentRecord => {
  const to = assessmentTransition(a.state, action);
  if (!to) throw new InvalidState('INVALID_TRANSITION', { action, state: a.state });
  const base = {
    ...a,
    state: to,
    history: [...a.history, historyEntry(now, 'system', ACTION_NAMES[action], a.state, to)],
    version: a.version + 1,
    updatedAt: now.toISOString(),
  };
  if (action === 'closeNotSubmitted') return base;
  const predikat = predikatOf(AUTO_REVIEW.ratingHasilKerja, AUTO_REVIEW.ratingPerilaku);
  return {
    ...base,
    predikat,
    autoClosed: true,
    review: {
      ...AUTO_REVIEW,
      hasilKerjaFrom: 'REVIEWER',
      predikat,
      results: [],
      coreValues: [],
      reviewerNip: a.reviewerNip ?? 'system',
      reviewedAt: now.toISOString(),
      autoClosed: true,
      configVersion: settings.version,
    },
  };
};

export const afterSystemClose = async (deps: Deps, a: AssessmentRecord, now: Date) => {
  if (a.state !== 'REVIEWED') return;
  await notifyResult(deps, a, now);
  await announcePredikat(deps, a, [], now);
};
