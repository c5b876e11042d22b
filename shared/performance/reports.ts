/**
 * Seeing where things stand: the organisation's predikat per unit and period, the distribution
 * check (SE MenPANRB 3/2023) with its overrides, an agency's progress, continuous feedback, and
 * angka kredit for fungsional positions.
 */
import { canViewAgency } from '../employees/access.js';
import { positionOn } from '../employees/rules.js';
import type { UnitRecord } from '../employees/store.js';
import { getEmployee, getUnit } from '../employees/store.js';
import { notify } from '../notifications/notify.js';
import { type Actor, ensure, hasRole } from '../platform/actor.js';
import { wibDate } from '../platform/clock.js';
import { Forbidden, fieldError, InvalidState, invalid, NotFound } from '../platform/errors.js';
import type { Deps } from '../platform/http.js';
import { staleVersion } from '../platform/records.js';
import { readableEmployee } from './access.js';
import './messages.js';
import {
  type AssessmentState,
  angkaKredit as angkaKreditOf,
  distributionCheck,
  emptyCounts,
  type Jenjang,
  type OrgPredikat,
  tppPredikat,
} from './rules.js';
import type { UnitPredikatRecord } from './store.js';
import * as store from './store.js';

const loadUnit = async (deps: Deps, unitId: string): Promise<UnitRecord> => {
  const unit = await getUnit(deps.db, unitId);
  if (!unit) throw new NotFound('NOT_FOUND', { entity: 'unit' });
  return unit;
};

/** The head above a unit: the head of its parent unit, else the pejabat penilai of its own head. */
export const headAbove = async (deps: Deps, unit: UnitRecord): Promise<string | undefined> => {
  if (unit.parentUnitId) {
    const parent = await getUnit(deps.db, unit.parentUnitId);
    if (parent?.headNip && parent.headNip !== unit.headNip) return parent.headNip;
  }
  if (!unit.headNip) return undefined;
  return (await getEmployee(deps.db, unit.headNip))?.reviewerNip;
};

const mayJudgeUnit = async (deps: Deps, actor: Actor, unit: UnitRecord) =>
  hasRole(actor, 'HR_ADMIN') || (await headAbove(deps, unit)) === actor.nip;

export const setUnitPredikat = async (
  deps: Deps,
  actor: Actor,
  unitId: string,
  period: string,
  input: { predikat: OrgPredikat; version?: number },
) => {
  const unit = await loadUnit(deps, unitId);
  if (!(await mayJudgeUnit(deps, actor, unit))) throw new Forbidden('NOT_HEAD_ABOVE');
  const current = await store.getUnitPredikat(deps.db, unitId, period, true);
  const currentVersion = current?.version ?? 0;
  if ((input.version ?? 0) !== currentVersion) throw staleVersion(currentVersion);
  const at = deps.clock().toISOString();
  const next: UnitPredikatRecord = {
    unitId,
    agencyId: unit.agencyId,
    period,
    predikat: input.predikat,
    setBy: actor.nip,
    setAt: at,
    overrides: current?.overrides ?? [],
    history: [
      ...(current?.history ?? []),
      {
        at,
        by: actor.nip,
        action: 'PREDIKAT_SET',
        ...(current ? { from: current.predikat } : {}),
        to: input.predikat,
      },
    ],
    version: currentVersion + 1,
  };
  await store.saveUnitPredikat(deps.db, next);
  return next;
};

const unitDistribution = async (deps: Deps, unit: UnitRecord, period: string) => {
  const counts = emptyCounts();
  let notSubmitted = 0;
  let pending = 0;
  for await (const page of store.agencyPeriodAll(deps.db, unit.agencyId, period, unit.unitId))
    for (const a of page) {
      const p = tppPredikat(a);
      if (p === 'NOT_SUBMITTED') notSubmitted++;
      else if (p === undefined) pending++;
      else counts[p]++;
    }
  const org = await store.getUnitPredikat(deps.db, unit.unitId, period);
  const check = org
    ? distributionCheck(org.predikat, counts)
    : { total: Object.values(counts).reduce((s, n) => s + n, 0), rules: [], ok: true };
  return { org, counts, notSubmitted, pending, check };
};

export const getDistribution = async (deps: Deps, actor: Actor, unitId: string, period: string) => {
  const unit = await loadUnit(deps, unitId);
  const allowed =
    canViewAgency(actor, unit.agencyId) ||
    unit.headNip === actor.nip ||
    (await mayJudgeUnit(deps, actor, unit));
  if (!allowed) throw new Forbidden('FORBIDDEN');
  const d = await unitDistribution(deps, unit, period);
  return {
    unitId,
    period,
    predikatOrganisasi: d.org?.predikat,
    counts: d.counts,
    notSubmitted: d.notSubmitted,
    pending: d.pending,
    total: d.check.total,
    rules: d.check.rules.map(({ predikats: _p, ...r }) => r),
    ok: d.check.ok,
    overrides: d.org?.overrides ?? [],
  };
};

/**
 * The approving official overrides a failing distribution check with a written reason; the
 * reason, who and when, and which rules failed are kept on the unit's predikat record.
 */
export const overrideDistribution = async (
  deps: Deps,
  actor: Actor,
  unitId: string,
  period: string,
  input: { reason: string },
) => {
  const unit = await loadUnit(deps, unitId);
  if (!(await mayJudgeUnit(deps, actor, unit))) throw new Forbidden('NOT_HEAD_ABOVE');
  const d = await unitDistribution(deps, unit, period);
  if (!d.org) throw new InvalidState('UNIT_PREDIKAT_MISSING', { unitId, period });
  const failed = d.check.rules.filter((r) => r.verdict === 'FAIL').map((r) => r.id);
  if (failed.length === 0) throw new InvalidState('DISTRIBUTION_OK');
  const at = deps.clock().toISOString();
  const next: UnitPredikatRecord = {
    ...d.org,
    overrides: [...d.org.overrides, { reason: input.reason, by: actor.nip, at, failedRules: failed }],
    history: [...d.org.history, { at, by: actor.nip, action: 'DISTRIBUTION_OVERRIDDEN', note: input.reason }],
    version: d.org.version + 1,
  };
  await store.saveUnitPredikat(deps.db, next);
  return getDistribution(deps, actor, unitId, period);
};

type ProgressKey =
  | 'notStarted'
  | 'inProgress'
  | 'selfSubmitted'
  | 'reviewed'
  | 'acknowledged'
  | 'appealed'
  | 'appealDecided'
  | 'notSubmitted'
  | 'autoClosed'
  | 'closedLate';

const progressKey = (state: AssessmentState, started: boolean): ProgressKey =>
  ({
    OPEN: started ? 'inProgress' : 'notStarted',
    SELF_SUBMITTED: 'selfSubmitted',
    REVIEWED: 'reviewed',
    ACKNOWLEDGED: 'acknowledged',
    APPEALED: 'appealed',
    APPEAL_DECIDED: 'appealDecided',
    NOT_SUBMITTED: 'notSubmitted',
  })[state] as ProgressKey;

const zero = (): Record<ProgressKey, number> => ({
  notStarted: 0,
  inProgress: 0,
  selfSubmitted: 0,
  reviewed: 0,
  acknowledged: 0,
  appealed: 0,
  appealDecided: 0,
  notSubmitted: 0,
  autoClosed: 0,
  closedLate: 0,
});

/**
 * Per unit, how many assessments are in each state (closed late = not submitted + auto-closed
 * reviews); per reviewer, the reviews pending and the ones closed by the deadline against them.
 */
export const agencyProgress = async (deps: Deps, actor: Actor, agencyId: string, period: string) => {
  ensure(canViewAgency(actor, agencyId));
  const units = new Map<string, Record<ProgressKey, number>>();
  const reviewers = new Map<string, { pendingReviews: number; reviewed: number; autoClosed: number }>();
  for await (const page of store.agencyPeriodAll(deps.db, agencyId, period))
    for (const a of page) {
      const u = units.get(a.unitId) ?? zero();
      units.set(a.unitId, u);
      u[progressKey(a.state, a.self.entries.length > 0)]++;
      if (a.autoClosed) u.autoClosed++;
      if (a.autoClosed || a.state === 'NOT_SUBMITTED') u.closedLate++;
      const reviewerNip = a.review?.reviewerNip ?? a.reviewerNip;
      if (!reviewerNip || a.state === 'OPEN' || a.state === 'NOT_SUBMITTED') continue;
      const r = reviewers.get(reviewerNip) ?? { pendingReviews: 0, reviewed: 0, autoClosed: 0 };
      reviewers.set(reviewerNip, r);
      if (a.state === 'SELF_SUBMITTED') r.pendingReviews++;
      else if (a.autoClosed) r.autoClosed++;
      else r.reviewed++;
    }
  return {
    agencyId,
    period,
    units: [...units.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([unitId, counts]) => ({
        unitId,
        total: Object.entries(counts)
          .filter(([k]) => k !== 'autoClosed' && k !== 'closedLate')
          .reduce((s, [, n]) => s + n, 0),
        counts,
      })),
    reviewers: [...reviewers.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([reviewerNip, r]) => ({ reviewerNip, ...r })),
  };
};

// ── continuous feedback ──────────────────────────────────────────────────────────

export const giveFeedback = async (
  deps: Deps,
  actor: Actor,
  nip: string,
  input: { text: string; rhkId?: string },
) => {
  const employee = await readableEmployee(deps.db, actor, nip);
  if (employee.reviewerNip !== actor.nip) throw new Forbidden('NOT_REVIEWER');
  const now = deps.clock();
  if (input.rhkId) {
    const plan = await store.getPlan(deps.db, nip, Number(wibDate(now).slice(0, 4)));
    if (!plan?.results.some((r) => r.id === input.rhkId))
      throw invalid(fieldError('body.rhkId', 'unknown_rhk'));
  }
  const record = {
    id: deps.ids(),
    nip,
    text: input.text,
    rhkId: input.rhkId,
    by: actor.nip,
    at: now.toISOString(),
  };
  await store.addFeedback(deps.db, record);
  await notify(
    deps.db,
    nip,
    {
      key: `feedback:${record.id}`,
      kind: 'FEEDBACK',
      title: 'Umpan balik baru dari pejabat penilai Anda',
      body: input.text.slice(0, 200),
      link: `/v1/employees/${nip}/feedback`,
    },
    now,
  );
  return record;
};

export const listFeedback = async (
  deps: Deps,
  actor: Actor,
  nip: string,
  page: { limit: number; cursor?: string },
) => {
  await readableEmployee(deps.db, actor, nip);
  return store.listFeedback(deps.db, nip, page);
};

// ── angka kredit ───────────────────────────────────────────────────────────────

/** Yearly angka kredit of a fungsional employee from the final annual predikat (PermenPANRB 1/2023). */
export const getAngkaKredit = async (deps: Deps, actor: Actor, nip: string, year: number) => {
  const employee = await readableEmployee(deps.db, actor, nip);
  const position = positionOn(employee.positionHistory, `${year}-12-31`) ?? employee;
  if (position.positionType !== 'FUNGSIONAL' || !position.functionalLevel)
    throw new InvalidState('NOT_FUNCTIONAL');
  const annual = await store.getAssessment(deps.db, store.assessmentId(nip, String(year)));
  const predikat = annual ? tppPredikat(annual) : undefined;
  if (!predikat || predikat === 'NOT_SUBMITTED') throw new InvalidState('ANNUAL_NOT_FINAL', { year });
  return { nip, year, ...angkaKreditOf(position.functionalLevel as Jenjang, predikat) };
};
