/**
 * Pure rules of performance management (DOMAIN §2; PermenPANRB 6/2022, PP 30/2019, SE MenPANRB
 * 3/2023, PermenPANRB 1/2023): periods, the predikat matrix, the plan and assessment state
 * machines, deadlines, the distribution check, angka kredit, the TPP view of a result.
 * No AWS, no store, no clock of its own: time is always an argument.
 */
import { type Calendars, calendarDayDeadline, isWorkingDay } from '../calendar/rules.js';
import { addDays, endOfWibDay, lastDayOfMonth, startOfWibDay, wibDate } from '../platform/clock.js';

// ── vocabularies ──────────────────────────────────────────────────────────────

export const RATINGS = ['ABOVE', 'AS_EXPECTED', 'BELOW'] as const;
export type Rating = (typeof RATINGS)[number];

export const PREDIKATS = ['SANGAT_BAIK', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG', 'SANGAT_KURANG'] as const;
export type Predikat = (typeof PREDIKATS)[number];

/** The organisation's (unit's) predikat: capaian kinerja organisasi. */
export const ORG_PREDIKATS = ['ISTIMEWA', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG', 'SANGAT_KURANG'] as const;
export type OrgPredikat = (typeof ORG_PREDIKATS)[number];

/** The 7 BerAKHLAK core values (SE MenPANRB 20/2021), always part of every plan. */
export const CORE_VALUES = [
  'BERORIENTASI_PELAYANAN',
  'AKUNTABEL',
  'KOMPETEN',
  'HARMONIS',
  'LOYAL',
  'ADAPTIF',
  'KOLABORATIF',
] as const;
export type CoreValue = (typeof CORE_VALUES)[number];

export const APPROACHES = ['KUANTITATIF', 'KUALITATIF'] as const;
export const RHK_KINDS = ['UTAMA', 'TAMBAHAN'] as const;
export const RHK_CLASSIFICATIONS = ['ORGANISASI', 'INDIVIDU'] as const;
export const ASPECTS = ['KUANTITAS', 'KUALITAS', 'WAKTU'] as const;
export const EVIDENCE_KINDS = ['FORUM', 'PROTOCOL', 'LINK'] as const;
export const APPEAL_OUTCOMES = ['UPHELD', 'REVISED'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

// ── the predikat matrix (PermenPANRB 6/2022, Lampiran) ─────────────────────────

const MATRIX: Record<Rating, Record<Rating, Predikat>> = {
  // hasil kerja → perilaku → predikat
  ABOVE: { BELOW: 'KURANG', AS_EXPECTED: 'BAIK', ABOVE: 'SANGAT_BAIK' },
  AS_EXPECTED: { BELOW: 'KURANG', AS_EXPECTED: 'BAIK', ABOVE: 'BAIK' },
  BELOW: { BELOW: 'SANGAT_KURANG', AS_EXPECTED: 'BUTUH_PERBAIKAN', ABOVE: 'BUTUH_PERBAIKAN' },
};

export const predikatOf = (hasilKerja: Rating, perilaku: Rating): Predikat => MATRIX[hasilKerja][perilaku];

/** For the head of a unit, the rating hasil kerja is the unit's achievement (DOMAIN §2.2). */
export const unitHeadRating = (org: OrgPredikat): Rating =>
  org === 'ISTIMEWA' ? 'ABOVE' : org === 'BAIK' ? 'AS_EXPECTED' : 'BELOW';

export const isUnderperforming = (p: Predikat): boolean =>
  p === 'BUTUH_PERBAIKAN' || p === 'KURANG' || p === 'SANGAT_KURANG';

// ── periods ─────────────────────────────────────────────────────────────────

export type PeriodKind = 'MONTHLY' | 'QUARTERLY' | 'ANNUAL';

export interface Period {
  /** '2026-11', '2026-Q4' or '2026' */
  id: string;
  kind: PeriodKind;
  year: number;
  /** first and last WIB date of the period, YYYY-MM-DD */
  start: string;
  end: string;
}

const PERIOD_RE = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$/;

/** Parses a period id; undefined when it is not one. */
export const parsePeriod = (id: string): Period | undefined => {
  const m = PERIOD_RE.exec(id);
  if (!m) return undefined;
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return undefined;
  if (m[2]) {
    const month = `${m[1]}-${m[2]}`;
    return { id, kind: 'MONTHLY', year, start: `${month}-01`, end: lastDayOfMonth(month) };
  }
  if (m[3]) {
    const q = Number(m[3]);
    const first = String(q * 3 - 2).padStart(2, '0');
    const last = `${m[1]}-${String(q * 3).padStart(2, '0')}`;
    return { id, kind: 'QUARTERLY', year, start: `${m[1]}-${first}-01`, end: lastDayOfMonth(last) };
  }
  return { id, kind: 'ANNUAL', year, start: `${m[1]}-01-01`, end: `${m[1]}-12-31` };
};

export const isPeriod = (id: string): boolean => parsePeriod(id) !== undefined;

// ── configuration per year (Perwal; config with defaults, DOMAIN §2.2) ──────────────

export interface PerformanceSettings {
  /** periodic evaluation: monthly by default in Semarang */
  frequency: 'MONTHLY' | 'QUARTERLY';
  /** self-assessment due by this day of the month after a periodic period */
  selfAssessmentDay: number;
  /** review due by this day of the month after a periodic period */
  reviewDay: number;
  /** appeal window (keberatan, PP 30/2019 Pasal 59), calendar days after the review */
  appealDays: number;
  /** annual evaluation: self-assessment and review due by these days of January of the next year */
  annualSelfAssessmentDay: number;
  annualReviewDay: number;
  /** SKP approval due by this date of the plan's year (MM-DD) */
  planApprovalDeadline: string;
  /**
   * When a periodic self-assessment may be submitted (DOMAIN §2.3; drafting is open all period):
   * LAST_WORKING_DAY (default) from the period's last working day (WIB) on, reviewed from the day
   * after it; PERIOD_END both from the day after the period; ANY_TIME as soon as it is open.
   * Absent in years configured before it existed: the default.
   */
  submitFrom?: SubmitFrom;
}

export const SUBMIT_FROM = ['LAST_WORKING_DAY', 'PERIOD_END', 'ANY_TIME'] as const;
export type SubmitFrom = (typeof SUBMIT_FROM)[number];

export const DEFAULT_SETTINGS: PerformanceSettings = {
  frequency: 'MONTHLY',
  selfAssessmentDay: 5,
  reviewDay: 10,
  appealDays: 14,
  annualSelfAssessmentDay: 15,
  annualReviewDay: 31,
  planApprovalDeadline: '01-31',
  submitFrom: 'LAST_WORKING_DAY',
};

/** The moments a period's self-assessment may be submitted and its review given (DOMAIN §2.3). */
export interface Openings {
  submit: Date;
  review: Date;
  /** the period's last working day (WIB) */
  lastWorkingDay: string;
}

export const openingsOf = (
  period: Period,
  s: Pick<PerformanceSettings, 'submitFrom'>,
  calendars: Calendars,
): Openings => {
  let last = period.end;
  while (last > period.start && !isWorkingDay(calendars, last)) last = addDays(last, -1);
  const after = startOfWibDay(addDays(period.end, 1));
  switch (s.submitFrom ?? 'LAST_WORKING_DAY') {
    case 'ANY_TIME':
      return { submit: new Date(0), review: new Date(0), lastWorkingDay: last };
    case 'PERIOD_END':
      return { submit: after, review: after, lastWorkingDay: last };
    default:
      return { submit: startOfWibDay(last), review: startOfWibDay(addDays(last, 1)), lastWorkingDay: last };
  }
};

export interface Deadlines {
  selfAssessment: Date;
  review: Date;
}

const dayOfMonthAfter = (end: string, day: number): string => {
  const firstNext = addDays(end, 1);
  const last = lastDayOfMonth(firstNext.slice(0, 7));
  const d = `${firstNext.slice(0, 8)}${String(day).padStart(2, '0')}`;
  return d > last ? last : d;
};

/**
 * Self-assessment by day `selfAssessmentDay` of the month after the period, review by day
 * `reviewDay` (23:59:59.999 WIB); the annual period by the annual days of the following January.
 * A day beyond the month's length means its last day.
 */
export const deadlinesOf = (period: Period, s: PerformanceSettings): Deadlines => {
  const annual = period.kind === 'ANNUAL';
  return {
    selfAssessment: endOfWibDay(
      dayOfMonthAfter(period.end, annual ? s.annualSelfAssessmentDay : s.selfAssessmentDay),
    ),
    review: endOfWibDay(dayOfMonthAfter(period.end, annual ? s.annualReviewDay : s.reviewDay)),
  };
};

/** The appeal window: `appealDays` calendar days after the review's WIB date (DOMAIN §7). */
export const appealDeadline = (reviewedAt: Date, s: Pick<PerformanceSettings, 'appealDays'>): Date =>
  calendarDayDeadline(reviewedAt, s.appealDays);

export const withinAppealWindow = (
  reviewedAt: Date,
  now: Date,
  s: Pick<PerformanceSettings, 'appealDays'>,
): boolean => now.getTime() <= appealDeadline(reviewedAt, s).getTime();

export const planApprovalDeadline = (year: number, s: PerformanceSettings): Date =>
  endOfWibDay(`${year}-${s.planApprovalDeadline}`);

/**
 * The periods the cycle job opens at `now` (its scheduled time, 00:05 WIB on the 1st): the month
 * that starts (or the quarter, when the year is quarterly), and in January the past year's annual.
 */
export const periodsToOpen = (now: Date, frequency: PerformanceSettings['frequency']): string[] => {
  const today = wibDate(now);
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const out: string[] = [];
  if (frequency === 'MONTHLY') out.push(today.slice(0, 7));
  else if (month % 3 === 1) out.push(`${year}-Q${(month + 2) / 3}`);
  if (month === 1) out.push(String(year - 1));
  return out;
};

/** Whole WIB calendar days from `now`'s date to the deadline's date (negative once past). */
export const daysUntil = (now: Date, deadline: Date): number =>
  Math.round(
    (new Date(`${wibDate(deadline)}T00:00:00Z`).getTime() - new Date(`${wibDate(now)}T00:00:00Z`).getTime()) /
      86_400_000,
  );

/** A deadline "in 3 days" (or fewer) that has not passed yet: the daily reminder's test. */
export const isDueSoon = (now: Date, deadline: Date, days = 3): boolean =>
  now.getTime() <= deadline.getTime() && daysUntil(now, deadline) <= days;

// ── the plan (SKP) workflow, DOMAIN §2.1 ───────────────────────────────────────────

export const PLAN_STATES = ['DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED'] as const;
export type PlanState = (typeof PLAN_STATES)[number];
export const PLAN_ACTIONS = ['edit', 'submit', 'approve', 'return'] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

/**
 * DRAFT → SUBMITTED → APPROVED, or RETURNED (with a note) back to the employee, who edits it
 * (→ DRAFT) or submits it again. An approved plan is final.
 */
const PLAN_TRANSITIONS: Record<PlanAction, Partial<Record<PlanState, PlanState>>> = {
  edit: { DRAFT: 'DRAFT', RETURNED: 'DRAFT' },
  submit: { DRAFT: 'SUBMITTED', RETURNED: 'SUBMITTED' },
  approve: { SUBMITTED: 'APPROVED' },
  return: { SUBMITTED: 'RETURNED' },
};

export const planTransition = (state: PlanState, action: PlanAction): PlanState | undefined =>
  PLAN_TRANSITIONS[action][state];

// ── the assessment workflow, DOMAIN §2.2 ─────────────────────────────────────────

export const ASSESSMENT_STATES = [
  'OPEN',
  'SELF_SUBMITTED',
  'REVIEWED',
  'ACKNOWLEDGED',
  'APPEALED',
  'APPEAL_DECIDED',
  'NOT_SUBMITTED',
] as const;
export type AssessmentState = (typeof ASSESSMENT_STATES)[number];

export const ASSESSMENT_ACTIONS = [
  'saveSelf',
  'addEvidence',
  'submit',
  'review',
  'autoReview',
  'closeNotSubmitted',
  'acknowledge',
  'appeal',
  'decideAppeal',
] as const;
export type AssessmentAction = (typeof ASSESSMENT_ACTIONS)[number];

const ASSESSMENT_TRANSITIONS: Record<AssessmentAction, Partial<Record<AssessmentState, AssessmentState>>> = {
  saveSelf: { OPEN: 'OPEN' },
  addEvidence: { OPEN: 'OPEN' },
  submit: { OPEN: 'SELF_SUBMITTED' },
  review: { SELF_SUBMITTED: 'REVIEWED' },
  // the review deadline passed: both ratings AS_EXPECTED, marked autoClosed
  autoReview: { SELF_SUBMITTED: 'REVIEWED' },
  // the self-assessment deadline passed without a submission
  closeNotSubmitted: { OPEN: 'NOT_SUBMITTED' },
  acknowledge: { REVIEWED: 'ACKNOWLEDGED' },
  appeal: { REVIEWED: 'APPEALED' },
  // the atasan's decision is final (PP 30/2019 Pasal 59)
  decideAppeal: { APPEALED: 'APPEAL_DECIDED' },
};

export const assessmentTransition = (
  state: AssessmentState,
  action: AssessmentAction,
): AssessmentState | undefined => ASSESSMENT_TRANSITIONS[action][state];

/** States the deadline job still watches (self-assessment or review outstanding). */
export const OPEN_STATES: readonly AssessmentState[] = ['OPEN', 'SELF_SUBMITTED'];

/** What the daily job does to an assessment at `now`: close it as not submitted, auto-review it, or nothing. */
export const closingAction = (
  state: AssessmentState,
  now: Date,
  d: Deadlines,
): 'closeNotSubmitted' | 'autoReview' | undefined => {
  if (state === 'OPEN' && now.getTime() > d.selfAssessment.getTime()) return 'closeNotSubmitted';
  if (state === 'SELF_SUBMITTED' && now.getTime() > d.review.getTime()) return 'autoReview';
  return undefined;
};

/** The ratings a review closed by its deadline gets (the employee is not punished for the delay). */
export const AUTO_REVIEW: { ratingHasilKerja: Rating; ratingPerilaku: Rating } = {
  ratingHasilKerja: 'AS_EXPECTED',
  ratingPerilaku: 'AS_EXPECTED',
};

// ── the result as TPP reads it ────────────────────────────────────────────────

export interface AssessmentResult {
  state: AssessmentState;
  /** the predikat in force: the review's, or the appeal decision's when REVISED */
  predikat?: Predikat;
}

export type TppPredikat = Predikat | 'NOT_SUBMITTED';

/**
 * The final predikat for TPP (DOMAIN §3.1): NOT_SUBMITTED when closed as such; the (possibly
 * revised) predikat once reviewed, auto-closed, acknowledged or appeal-decided; undefined while
 * the assessment is open (OPEN, SELF_SUBMITTED) or UNDER APPEAL (APPEALED). An appealed result is
 * not final until the atasan decides (PP 30/2019 Pasal 59): a TPP run treats undefined as "not yet
 * final" — it may wait, or pay on `predikatUnderAppeal` and correct in an adjustment run.
 */
export const tppPredikat = (a: AssessmentResult): TppPredikat | undefined => {
  switch (a.state) {
    case 'NOT_SUBMITTED':
      return 'NOT_SUBMITTED';
    case 'REVIEWED':
    case 'ACKNOWLEDGED':
    case 'APPEAL_DECIDED':
      return a.predikat;
    default:
      return undefined;
  }
};

/** The contested predikat of an assessment under appeal (the review's), else undefined. */
export const predikatUnderAppeal = (a: AssessmentResult): Predikat | undefined =>
  a.state === 'APPEALED' ? a.predikat : undefined;

// ── the distribution check (SE MenPANRB 3/2023), a warning, never a block ─────────────

export type PredikatCounts = Record<Predikat, number>;

export const emptyCounts = (): PredikatCounts => ({
  SANGAT_BAIK: 0,
  BAIK: 0,
  BUTUH_PERBAIKAN: 0,
  KURANG: 0,
  SANGAT_KURANG: 0,
});

export interface DistributionRule {
  /** e.g. 'SANGAT_BAIK<=70%' */
  id: string;
  predikats: Predikat[];
  /** 'max' share, 'min' share, or 'minCount' / 'maxCount' of people */
  kind: 'max' | 'min' | 'minCount' | 'maxCount';
  /** basis points for shares, a number of people for counts */
  limit: number;
}

export interface RuleVerdict extends DistributionRule {
  /** share in basis points (rounded down) or number of people */
  actual: number;
  verdict: 'PASS' | 'FAIL' | 'NO_DATA';
}

const share = (id: string, predikats: Predikat[], kind: 'max' | 'min', pct: number): DistributionRule => ({
  id,
  predikats,
  kind,
  limit: pct * 100,
});

export const DISTRIBUTION_RULES: Record<OrgPredikat, DistributionRule[]> = {
  ISTIMEWA: [share('SANGAT_BAIK<=70%', ['SANGAT_BAIK'], 'max', 70)],
  BAIK: [
    share('BAIK<=70%', ['BAIK'], 'max', 70),
    { id: 'BUTUH_PERBAIKAN+KURANG>=1', predikats: ['BUTUH_PERBAIKAN', 'KURANG'], kind: 'minCount', limit: 1 },
  ],
  BUTUH_PERBAIKAN: [
    share('BUTUH_PERBAIKAN>=60%', ['BUTUH_PERBAIKAN'], 'min', 60),
    share('SANGAT_BAIK<=10%', ['SANGAT_BAIK'], 'max', 10),
  ],
  KURANG: [
    share('KURANG>=60%', ['KURANG'], 'min', 60),
    share('BUTUH_PERBAIKAN>=10%', ['BUTUH_PERBAIKAN'], 'min', 10),
    share('SANGAT_BAIK<=10%', ['SANGAT_BAIK'], 'max', 10),
  ],
  SANGAT_KURANG: [
    share('SANGAT_KURANG>=60%', ['SANGAT_KURANG'], 'min', 60),
    share('KURANG+BUTUH_PERBAIKAN>=10%', ['KURANG', 'BUTUH_PERBAIKAN'], 'min', 10),
    { id: 'SANGAT_BAIK=0', predikats: ['SANGAT_BAIK'], kind: 'maxCount', limit: 0 },
  ],
};

/**
 * Each rule of the unit's predikat organisasi with its verdict. Shares are exact (compared in
 * integers: count × 10000 against limit × total); with no predikat yet every verdict is NO_DATA.
 */
export const distributionCheck = (
  org: OrgPredikat,
  counts: PredikatCounts,
): { total: number; rules: RuleVerdict[]; ok: boolean } => {
  const total = PREDIKATS.reduce((s, p) => s + counts[p], 0);
  const rules = DISTRIBUTION_RULES[org].map((rule): RuleVerdict => {
    const n = rule.predikats.reduce((s, p) => s + counts[p], 0);
    const isShare = rule.kind === 'max' || rule.kind === 'min';
    const actual = isShare ? (total === 0 ? 0 : Math.floor((n * 10_000) / total)) : n;
    if (total === 0) return { ...rule, actual, verdict: 'NO_DATA' };
    const pass =
      rule.kind === 'max'
        ? n * 10_000 <= rule.limit * total
        : rule.kind === 'min'
          ? n * 10_000 >= rule.limit * total
          : rule.kind === 'minCount'
            ? n >= rule.limit
            : n <= rule.limit;
    return { ...rule, actual, verdict: pass ? 'PASS' : 'FAIL' };
  });
  return { total, rules, ok: rules.every((r) => r.verdict !== 'FAIL') };
};

// ── angka kredit (PermenPANRB 1/2023) ──────────────────────────────────────────────

/** Yearly coefficient per jenjang, in thousandths (3.75 → 3750) so that products stay exact. */
export const AK_COEFFICIENTS_MILLI = {
  PEMULA: 3750,
  TERAMPIL: 5000,
  MAHIR: 12_500,
  PENYELIA: 25_000,
  AHLI_PERTAMA: 12_500,
  AHLI_MUDA: 25_000,
  AHLI_MADYA: 37_500,
  AHLI_UTAMA: 50_000,
} as const;
export type Jenjang = keyof typeof AK_COEFFICIENTS_MILLI;

export const AK_PERCENT: Record<Predikat, number> = {
  SANGAT_BAIK: 150,
  BAIK: 100,
  BUTUH_PERBAIKAN: 75,
  KURANG: 50,
  SANGAT_KURANG: 25,
};

/** Yearly AK = coefficient of the jenjang × percentage of the annual predikat. */
export const angkaKredit = (jenjang: Jenjang, predikat: Predikat) => {
  const milli = (AK_COEFFICIENTS_MILLI[jenjang] * AK_PERCENT[predikat]) / 100;
  return {
    jenjang,
    predikat,
    coefficient: AK_COEFFICIENTS_MILLI[jenjang] / 1000,
    percent: AK_PERCENT[predikat],
    angkaKredit: milli / 1000,
  };
};

// ── plans: ids, shape checks, gaps ───────────────────────────────────────────────────

export interface IndicatorInput {
  aspect: (typeof ASPECTS)[number];
  text: string;
  target: number;
  unit: string;
}
export interface RhkInput {
  text: string;
  kind: (typeof RHK_KINDS)[number];
  classification: (typeof RHK_CLASSIFICATIONS)[number];
  /** the reviewer's RHK this one supports ("intervened"), by its id in the reviewer's plan */
  supportsRhkId?: string;
  indicators: IndicatorInput[];
}
export interface Indicator extends IndicatorInput {
  id: string;
}
export interface Rhk extends Omit<RhkInput, 'indicators'> {
  id: string;
  indicators: Indicator[];
}
export interface CoreValueExpectation {
  value: CoreValue;
  /** ekspektasi khusus pimpinan */
  expectation?: string;
}

/** Positional ids: RHK-1, its indicators RHK-1.1, RHK-1.2 … (a plan is edited only before approval). */
export const withIds = (results: readonly RhkInput[]): Rhk[] =>
  results.map((r, i) => ({
    ...r,
    id: `RHK-${i + 1}`,
    indicators: r.indicators.map((ind, j) => ({ ...ind, id: `RHK-${i + 1}.${j + 1}` })),
  }));

/** All 7 values, in the official order, with the leader's expectations where given. */
export const withCoreValues = (given: readonly CoreValueExpectation[] = []): CoreValueExpectation[] =>
  CORE_VALUES.map((value) => {
    const expectation = given.find((g) => g.value === value)?.expectation;
    return expectation ? { value, expectation } : { value };
  });

export interface Problem {
  path: string;
  code: string;
}

/**
 * What a plan must satisfy: at least one UTAMA RHK; each value at most once; a supported RHK
 * that exists in the reviewer's plan (`reviewerRhkIds`, empty when there is none).
 */
export const planProblems = (
  input: { results: readonly RhkInput[]; coreValues?: readonly CoreValueExpectation[] },
  reviewerRhkIds: ReadonlySet<string>,
): Problem[] => {
  const problems: Problem[] = [];
  if (!input.results.some((r) => r.kind === 'UTAMA')) problems.push({ path: 'results', code: 'rhk_utama' });
  input.results.forEach((r, i) => {
    if (r.supportsRhkId !== undefined && !reviewerRhkIds.has(r.supportsRhkId))
      problems.push({ path: `results.${i}.supportsRhkId`, code: 'unknown_rhk' });
  });
  const seen = new Set<string>();
  (input.coreValues ?? []).forEach((c, i) => {
    if (seen.has(c.value)) problems.push({ path: `coreValues.${i}.value`, code: 'duplicate' });
    seen.add(c.value);
  });
  return problems;
};

export interface RhkFlag {
  rhkId: string;
  belowExpectation?: boolean;
  /** the indicators below expectation; all of the RHK's when absent */
  indicatorIds?: string[];
}
export interface CoreValueFlag {
  coreValue: CoreValue;
  belowExpectation?: boolean;
}

/** The gap a development plan starts from: indicators and core values below expectation. */
export const gapsOf = (
  results: readonly Rhk[],
  rhkFlags: readonly RhkFlag[],
  valueFlags: readonly CoreValueFlag[],
): { indicators: Array<{ id: string; text: string }>; coreValues: CoreValue[] } => {
  const indicators: Array<{ id: string; text: string }> = [];
  for (const f of rhkFlags) {
    if (!f.belowExpectation) continue;
    const rhk = results.find((r) => r.id === f.rhkId);
    if (!rhk) continue;
    for (const ind of rhk.indicators)
      if (!f.indicatorIds || f.indicatorIds.includes(ind.id)) indicators.push({ id: ind.id, text: ind.text });
  }
  const coreValues = [...new Set(valueFlags.filter((v) => v.belowExpectation).map((v) => v.coreValue))];
  return { indicators, coreValues };
};

/** Problems of review flags against the plan: unknown RHKs or indicators, a value named twice. */
export const flagProblems = (
  results: readonly Rhk[],
  rhkFlags: readonly RhkFlag[],
  valueFlags: readonly CoreValueFlag[],
  prefix: { rhk: string; value: string },
): Problem[] => {
  const problems: Problem[] = [];
  const seenRhk = new Set<string>();
  rhkFlags.forEach((f, i) => {
    const rhk = results.find((r) => r.id === f.rhkId);
    if (!rhk) problems.push({ path: `${prefix.rhk}.${i}.rhkId`, code: 'unknown_rhk' });
    else if (seenRhk.has(f.rhkId)) problems.push({ path: `${prefix.rhk}.${i}.rhkId`, code: 'duplicate' });
    else
      for (const [j, id] of (f.indicatorIds ?? []).entries())
        if (!rhk.indicators.some((ind) => ind.id === id))
          problems.push({ path: `${prefix.rhk}.${i}.indicatorIds.${j}`, code: 'unknown_indicator' });
    seenRhk.add(f.rhkId);
  });
  const seenValue = new Set<string>();
  valueFlags.forEach((v, i) => {
    if (seenValue.has(v.coreValue))
      problems.push({ path: `${prefix.value}.${i}.coreValue`, code: 'duplicate' });
    seenValue.add(v.coreValue);
  });
  return problems;
};
