/**
 * TPP (Tambahan Penghasilan Pegawai), DOMAIN §3: the rule set of a year, its validation, the
 * formula of one employee's month and its explanation in plain words. Pure: no AWS, no store,
 * no clock.
 *
 * Money is integer rupiah, rates are basis points (1% = 100 bp). Every amount is rounded half up
 * to the whole rupiah once, where DOMAIN §3.1 defines it:
 *
 *   P     = pagu of the kelas jabatan in force on the last day of the month
 *   K     = round(P × W_K × pctKinerja(predikat))
 *   d     = min(cap, Σ count × rate of the month's attendance codes)
 *   D     = round(P × W_D × (100% − d))
 *   S     = round((K + D) × sanction%)        while a hukuman disiplin is in force, else 0
 *   gross = K + D − S
 *   tax   = round(gross × taxRate(golongan group))
 *   net   = gross − tax
 */
import {
  type EmployeeStatus,
  type EmploymentType,
  isEmployed,
  type Position,
  PPPK_GRADES,
  positionOn,
  STATUSES,
  type StatusPeriod,
} from '../employees/rules.js';
import { PREDIKATS as PERFORMANCE_PREDIKATS } from '../performance/rules.js';
import { rupiah } from '../platform/words.js';

export const BP = 10_000;

/** The performance area's predikat, plus NOT_SUBMITTED (a self-assessment closed unsubmitted: 0%). */
export const PREDIKATS = [...PERFORMANCE_PREDIKATS, 'NOT_SUBMITTED'] as const;
export type Predikat = (typeof PREDIKATS)[number];

/** Attendance codes of DOMAIN §3.3: late arrival, early leave, absence, missed apel. */
export const DEDUCTION_CODES = [
  'TL1',
  'TL2',
  'TL3',
  'TL4',
  'PSW1',
  'PSW2',
  'PSW3',
  'PSW4',
  'TK',
  'APEL',
] as const;
export type DeductionCode = (typeof DEDUCTION_CODES)[number];

/** Tax groups of DOMAIN §3.4: PNS by golongan I–IV; PPPK by golongan I–IV, V–VIII, IX–XII, XIII–XVII. */
export const TAX_GROUPS = [
  'PNS_I',
  'PNS_II',
  'PNS_III',
  'PNS_IV',
  'PPPK_I_IV',
  'PPPK_V_VIII',
  'PPPK_IX_XII',
  'PPPK_XIII_XVII',
] as const;
export type TaxGroup = (typeof TAX_GROUPS)[number];

export const JOB_CLASSES = Array.from({ length: 17 }, (_, i) => i + 1);

export const SANCTION_LEVELS = ['RINGAN', 'SEDANG', 'BERAT'] as const;
export type SanctionLevel = (typeof SANCTION_LEVELS)[number];

/** What an administrator sets for a year (PUT /v1/tpp/rules/{year}). */
export interface RuleSetInput {
  /** W_K and W_D; together 100% */
  weightKinerjaBp: number;
  weightDisiplinBp: number;
  pctKinerjaBp: Record<Predikat, number>;
  /** pagu per kelas jabatan, keys "1" … "17" */
  paguByJobClass: Record<string, number>;
  deductionBp: Record<DeductionCode, number>;
  /** the most the discipline deductions of one month may take (DOMAIN: 100%) */
  deductionCapBp: number;
  /** the cut of a hukuman disiplin in force when neither its level's rate nor the sanction names one */
  sanctionBp: number;
  /**
   * the cut per sanction level while in force (DOMAIN §3.7: RINGAN 0, SEDANG 25%, BERAT 25%);
   * absent in rule sets stored before it existed: the DOMAIN default then applies
   */
  sanctionBpByLevel?: Record<SanctionLevel, number>;
  /**
   * how long a stopping status must last before it stops TPP (DOMAIN §3.5, §3.7): cuti besar only
   * when the leave covers more than 15 days, long sick leave only beyond 1.5 months in a row. A
   * status not listed stops TPP when in force on any day of the month. Absent: the DOMAIN default.
   */
  statusLengths?: Partial<Record<EmployeeStatus, StatusLength>>;
  taxBp: Record<TaxGroup, number>;
  /** statuses that stop TPP for the month when in force on any day of it (DOMAIN §3.5) */
  stoppingStatuses: EmployeeStatus[];
  source?: string;
}

export interface RuleSet extends RuleSetInput {
  year: number;
  version: number;
  createdAt: string;
  createdBy: string;
}

/**
 * A stopping status's length rule. LEAVE: every month the leave touches is stopped when the whole
 * leave (consecutive periods of the status together) lasts more than `moreThanDays` calendar days.
 * BEYOND: only the days after the first `moreThanDays` days of it in a row stop TPP (a month is
 * stopped when one of its days lies beyond).
 */
export interface StatusLength {
  moreThanDays: number;
  counts: 'LEAVE' | 'BEYOND';
}

export const DEFAULT_STATUS_LENGTHS: Partial<Record<EmployeeStatus, StatusLength>> = {
  CUTI_BESAR: { moreThanDays: 15, counts: 'LEAVE' },
  // 1.5 months in a row, counted as 45 calendar days
  CUTI_SAKIT_PANJANG: { moreThanDays: 45, counts: 'BEYOND' },
};

export const DEFAULT_SANCTION_BP_BY_LEVEL: Record<SanctionLevel, number> = {
  RINGAN: 0,
  SEDANG: 2500,
  BERAT: 2500,
};

/** The cut of a sanction level under these rules (DOMAIN §3.7). */
export const sanctionLevelBp = (rules: RuleSetInput, level: SanctionLevel): number =>
  (rules.sanctionBpByLevel ?? DEFAULT_SANCTION_BP_BY_LEVEL)[level] ?? rules.sanctionBp;

/** The statuses of DOMAIN §3.5 (Perwal 76/2021 Pasal 9). */
export const DEFAULT_STOPPING_STATUSES: EmployeeStatus[] = [
  'MASA_PERSIAPAN_PENSIUN',
  'UANG_TUNGGU',
  'PEJABAT_NEGARA',
  'DITAHAN',
  'BANDING_PEMBERHENTIAN',
  'CLTN',
  'CUTI_MELAHIRKAN_ANAK_KETIGA',
  'CUTI_BESAR',
  'CUTI_SAKIT_PANJANG',
];

export const DEFAULT_RULE_SET_YEAR = 2026;

/** The documented example of DOMAIN §3.1–§3.5, shipped for 2026. */
export const defaultRuleSetInput = (): RuleSetInput => ({
  weightKinerjaBp: 6000,
  weightDisiplinBp: 4000,
  pctKinerjaBp: {
    SANGAT_BAIK: 10_000,
    BAIK: 10_000,
    BUTUH_PERBAIKAN: 7000,
    KURANG: 5500,
    SANGAT_KURANG: 2500,
    NOT_SUBMITTED: 0,
  },
  paguByJobClass: {
    '1': 2_600_000,
    '2': 2_800_000,
    '3': 3_000_000,
    '4': 3_300_000,
    '5': 3_700_000,
    '6': 4_200_000,
    '7': 4_800_000,
    '8': 5_600_000,
    '9': 6_500_000,
    '10': 7_800_000,
    '11': 9_400_000,
    '12': 11_500_000,
    '13': 14_000_000,
    '14': 17_500_000,
    '15': 24_000_000,
    '16': 30_000_000,
    '17': 36_000_000,
  },
  deductionBp: {
    TL1: 50,
    TL2: 100,
    TL3: 125,
    TL4: 150,
    PSW1: 50,
    PSW2: 100,
    PSW3: 125,
    PSW4: 150,
    TK: 500,
    APEL: 200,
  },
  deductionCapBp: 10_000,
  sanctionBp: 2500,
  sanctionBpByLevel: { ...DEFAULT_SANCTION_BP_BY_LEVEL },
  statusLengths: structuredClone(DEFAULT_STATUS_LENGTHS),
  taxBp: {
    PNS_I: 0,
    PNS_II: 0,
    PNS_III: 500,
    PNS_IV: 1500,
    PPPK_I_IV: 0,
    PPPK_V_VIII: 0,
    PPPK_IX_XII: 500,
    PPPK_XIII_XVII: 1500,
  },
  stoppingStatuses: [...DEFAULT_STOPPING_STATUSES],
  source: 'DOMAIN §3 (contoh bawaan; angka Perwal yang berlaku belum dipublikasikan)',
});

export const defaultRuleSet = (): RuleSet => ({
  ...defaultRuleSetInput(),
  year: DEFAULT_RULE_SET_YEAR,
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'DEFAULT',
});

// ── arithmetic ────────────────────────────────────────────────────────────────

/**
 * round half up of (a × b × c) / divisor for non-negative integers, exactly (BigInt: a pagu of
 * tens of millions times two rates in bp exceeds 2^53).
 */
export const mulDivRound = (factors: readonly number[], divisor: number): number => {
  let num = 1n;
  for (const f of factors) {
    if (!Number.isSafeInteger(f) || f < 0)
      throw new RangeError(`factor must be a non-negative integer: ${f}`);
    num *= BigInt(f);
  }
  const den = BigInt(divisor);
  return Number((2n * num + den) / (2n * den));
};

// ── rule-set validation ───────────────────────────────────────────────────────

export interface RuleProblem {
  /** where, relative to the rule set, e.g. `paguByJobClass.7` */
  path: string;
  /** reason code (i18n reasons) */
  code:
    | 'required'
    | 'rate_range'
    | 'weights_sum'
    | 'pagu_range'
    | 'pagu_split'
    | 'unknown_status'
    | 'duplicate'
    | 'days_range';
}

const isRate = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= BP;
export const MAX_PAGU = 1_000_000_000;

/**
 * A rule set is checked as a whole: weights add up to 100%; every rate within 0–100%; every
 * kelas 1–17 has a pagu (a positive whole rupiah amount); the two full components of each pagu,
 * once rounded, do not add up to more than the pagu (so gross ≤ pagu for everyone); every
 * predikat, attendance code and tax group has its rate; the stopping statuses are known.
 */
export const validateRuleSet = (r: RuleSetInput): RuleProblem[] => {
  const problems: RuleProblem[] = [];
  const rate = (path: string, v: unknown) => {
    if (v === undefined) problems.push({ path, code: 'required' });
    else if (!isRate(v)) problems.push({ path, code: 'rate_range' });
  };
  rate('weightKinerjaBp', r.weightKinerjaBp);
  rate('weightDisiplinBp', r.weightDisiplinBp);
  const ratesOk = isRate(r.weightKinerjaBp) && isRate(r.weightDisiplinBp);
  if (ratesOk && r.weightKinerjaBp + r.weightDisiplinBp !== BP)
    problems.push({ path: 'weightDisiplinBp', code: 'weights_sum' });
  const weightsOk = ratesOk && r.weightKinerjaBp + r.weightDisiplinBp === BP;
  for (const p of PREDIKATS) rate(`pctKinerjaBp.${p}`, r.pctKinerjaBp?.[p]);
  for (const c of DEDUCTION_CODES) rate(`deductionBp.${c}`, r.deductionBp?.[c]);
  for (const g of TAX_GROUPS) rate(`taxBp.${g}`, r.taxBp?.[g]);
  rate('deductionCapBp', r.deductionCapBp);
  rate('sanctionBp', r.sanctionBp);
  for (const k of JOB_CLASSES) {
    const path = `paguByJobClass.${k}`;
    const pagu = r.paguByJobClass?.[String(k)];
    if (pagu === undefined) problems.push({ path, code: 'required' });
    else if (!Number.isSafeInteger(pagu) || pagu <= 0 || pagu > MAX_PAGU)
      problems.push({ path, code: 'pagu_range' });
    else if (
      weightsOk &&
      mulDivRound([pagu, r.weightKinerjaBp], BP) + mulDivRound([pagu, r.weightDisiplinBp], BP) > pagu
    )
      problems.push({ path, code: 'pagu_split' });
  }
  for (const key of Object.keys(r.paguByJobClass ?? {}))
    if (!JOB_CLASSES.map(String).includes(key))
      problems.push({ path: `paguByJobClass.${key}`, code: 'pagu_range' });
  if (r.sanctionBpByLevel)
    for (const l of SANCTION_LEVELS) rate(`sanctionBpByLevel.${l}`, r.sanctionBpByLevel[l]);
  for (const [status, len] of Object.entries(r.statusLengths ?? {})) {
    if (!(STATUSES as readonly string[]).includes(status) || status === 'ACTIVE')
      problems.push({ path: `statusLengths.${status}`, code: 'unknown_status' });
    else if (
      !Number.isInteger(len?.moreThanDays) ||
      (len?.moreThanDays ?? -1) < 0 ||
      (len?.moreThanDays ?? 0) > 366
    )
      problems.push({ path: `statusLengths.${status}.moreThanDays`, code: 'days_range' });
  }
  const seen = new Set<string>();
  (r.stoppingStatuses ?? []).forEach((s, i) => {
    if (!(STATUSES as readonly string[]).includes(s) || s === 'ACTIVE')
      problems.push({ path: `stoppingStatuses.${i}`, code: 'unknown_status' });
    else if (seen.has(s)) problems.push({ path: `stoppingStatuses.${i}`, code: 'duplicate' });
    seen.add(s);
  });
  return problems;
};

// ── inputs of one employee's month ────────────────────────────────────────────

/** Golongan → tax group. PNS "III/b" → PNS_III; PPPK "IX" → PPPK_IX_XII. Undefined when unknown. */
export const taxGroupOf = (type: EmploymentType, grade: string): TaxGroup | undefined => {
  if (type === 'PNS') {
    const roman = grade.split('/')[0];
    return ({ I: 'PNS_I', II: 'PNS_II', III: 'PNS_III', IV: 'PNS_IV' } as const)[roman as 'I'];
  }
  const n = PPPK_GRADES.indexOf(grade) + 1;
  if (n <= 0) return undefined;
  return n <= 4 ? 'PPPK_I_IV' : n <= 8 ? 'PPPK_V_VIII' : n <= 12 ? 'PPPK_IX_XII' : 'PPPK_XIII_XVII';
};

export type AttendanceCounts = Record<DeductionCode, number>;
export const noAttendance = (): AttendanceCounts =>
  Object.fromEntries(DEDUCTION_CODES.map((c) => [c, 0])) as AttendanceCounts;

/** A hukuman disiplin in force during the month. */
export interface SanctionInForce {
  sanctionId: string;
  level: SanctionLevel;
  rateBp: number;
  /** the rate was named on the sanction itself; otherwise its level's rate of the rule set applies */
  explicitRate?: boolean;
  startDate: string;
  endDate: string;
}

/** Where the predikat came from; a missing or still-open assessment is paid as NOT_SUBMITTED. */
export type PredikatSource = 'ASSESSMENT' | 'NO_ASSESSMENT' | 'ASSESSMENT_OPEN';

export interface LineInput {
  period: string;
  employmentType: EmploymentType;
  /** kelas jabatan and golongan in force on the last day of the month */
  jobClass: number;
  grade: string;
  predikat: Predikat;
  predikatSource: PredikatSource;
  attendance: AttendanceCounts;
  /** false when no attendance summary was imported for the month */
  attendanceImported: boolean;
  sanctions: readonly SanctionInForce[];
  statusPeriods: readonly StatusPeriod[];
}

export interface DeductionItem {
  code: DeductionCode;
  count: number;
  rateBp: number;
  totalBp: number;
}

/** One employee's month, with every number that made it (DOMAIN §3.1 "breakdown"). */
export interface Breakdown {
  ruleSetYear: number;
  ruleSetVersion: number;
  period: string;
  employmentType: EmploymentType;
  jobClass: number;
  grade: string;
  taxGroup: TaxGroup | 'UNKNOWN';
  /** the stopping status in force during the month, if any (then every amount is 0) */
  stoppedBy?: StoppedBy;
  pagu: number;
  weightKinerjaBp: number;
  weightDisiplinBp: number;
  predikat: Predikat;
  predikatSource: PredikatSource;
  pctKinerjaBp: number;
  kinerja: number;
  attendanceImported: boolean;
  deductions: DeductionItem[];
  /** Σ of the items, before the cap */
  deductionTotalBp: number;
  /** min(cap, total): what was applied */
  deductionAppliedBp: number;
  deductionCapped: boolean;
  disiplin: number;
  sanction?: { sanctionId: string; level: SanctionLevel; rateBp: number };
  sanctionAmount: number;
  gross: number;
  taxBp: number;
  tax: number;
  net: number;
}

/** The month's first and last day of a YYYY-MM period. */
export const monthBounds = (period: string): { first: string; last: string } => {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return { first: `${period}-01`, last };
};

/** The YYYY-MM before a YYYY-MM. */
export const previousPeriod = (period: string): string => {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};

/** Why a month pays no TPP: the status, its whole stretch, and the length rule that applied. */
export interface StoppedBy {
  status: EmployeeStatus;
  from: string;
  to?: string;
  /** calendar days of the stretch (absent while open-ended) */
  days?: number;
  /** the length rule: more than this many days */
  moreThanDays?: number;
  /** BEYOND: the first day that stops TPP */
  stopsFrom?: string;
}

const addDays = (date: string, n: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/** Consecutive periods of one status joined into stretches (a leave extended is one leave). */
const stretches = (periods: readonly StatusPeriod[], status: EmployeeStatus): StatusPeriod[] => {
  const out: StatusPeriod[] = [];
  for (const p of [...periods]
    .filter((x) => x.status === status)
    .sort((a, b) => a.from.localeCompare(b.from))) {
    const last = out.at(-1);
    if (last && last.to !== undefined && addDays(last.to, 1) >= p.from)
      out[out.length - 1] = { ...last, to: p.to === undefined || p.to > last.to ? p.to : last.to };
    else out.push({ ...p });
  }
  return out;
};

/**
 * The stopping status that stops TPP in the month, if any (the earliest). A status without a
 * length rule stops it when in force on any day of the month; with one, only as the rule says.
 */
export const stoppingStatusIn = (
  periods: readonly StatusPeriod[],
  period: string,
  stopping: readonly EmployeeStatus[],
  lengths: Partial<Record<EmployeeStatus, StatusLength>> = {},
): StoppedBy | undefined => {
  const { first, last } = monthBounds(period);
  const found: StoppedBy[] = [];
  for (const status of new Set(periods.map((p) => p.status))) {
    if (!stopping.includes(status)) continue;
    const rule = lengths[status];
    for (const p of stretches(periods, status)) {
      if (!(p.from <= last && (p.to === undefined || p.to >= first))) continue;
      const days = p.to === undefined ? undefined : daysBetween(p.from, p.to);
      const base: StoppedBy = {
        status,
        from: p.from,
        ...(p.to ? { to: p.to } : {}),
        ...(days ? { days } : {}),
      };
      if (!rule) {
        found.push(base);
        continue;
      }
      if (rule.counts === 'LEAVE') {
        if (days === undefined || days > rule.moreThanDays)
          found.push({ ...base, moreThanDays: rule.moreThanDays });
        continue;
      }
      const stopsFrom = addDays(p.from, rule.moreThanDays);
      if (stopsFrom <= last && (p.to === undefined || p.to >= stopsFrom))
        found.push({ ...base, moreThanDays: rule.moreThanDays, stopsFrom });
    }
  }
  return found.sort((a, b) => a.from.localeCompare(b.from))[0];
};

/** The strongest sanction in force during the month (sanctions do not add up: the highest rate applies). */
export const sanctionIn = (
  sanctions: readonly SanctionInForce[],
  period: string,
  rules?: RuleSetInput,
): SanctionInForce | undefined => {
  const { first, last } = monthBounds(period);
  return (
    [...sanctions]
      .filter((s) => s.startDate <= last && s.endDate >= first)
      // the cut of a level comes from the rule set (DOMAIN §3.7: a RINGAN sanction cuts nothing)
      .map((s) => (rules && !s.explicitRate ? { ...s, rateBp: sanctionLevelBp(rules, s.level) } : s))
      .filter((s) => s.rateBp > 0)
      .sort((a, b) => b.rateBp - a.rateBp || a.sanctionId.localeCompare(b.sanctionId))[0]
  );
};

/** The last day a sanction of `months` months starting on `startDate` is in force. */
export const sanctionEnd = (startDate: string, months: number): string => {
  const [y, m, d] = startDate.split('-').map(Number) as [number, number, number];
  // same day-of-month `months` later, minus one day (clamped to that month's length)
  const targetMonthLast = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  const end = new Date(Date.UTC(y, m - 1 + months, Math.min(d, targetMonthLast)));
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
};

/** The periods (YYYY-MM) a sanction touches. */
export const sanctionPeriods = (startDate: string, endDate: string): string[] => {
  const out: string[] = [];
  let p = startDate.slice(0, 7);
  const lastP = endDate.slice(0, 7);
  while (p <= lastP) {
    out.push(p);
    const [y, m] = p.split('-').map(Number) as [number, number];
    p = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  }
  return out;
};

/** The formula of DOMAIN §3.1 for one employee and month. */
export const computeLine = (rules: RuleSet, input: LineInput): Breakdown => {
  const taxGroup = taxGroupOf(input.employmentType, input.grade);
  const pagu = rules.paguByJobClass[String(input.jobClass)] ?? 0;
  const stopped = stoppingStatusIn(
    input.statusPeriods,
    input.period,
    rules.stoppingStatuses,
    rules.statusLengths ?? DEFAULT_STATUS_LENGTHS,
  );
  const deductions: DeductionItem[] = DEDUCTION_CODES.filter((c) => (input.attendance[c] ?? 0) > 0).map(
    (code) => {
      const count = input.attendance[code];
      const rateBp = rules.deductionBp[code];
      return { code, count, rateBp, totalBp: count * rateBp };
    },
  );
  const deductionTotalBp = deductions.reduce((s, d) => s + d.totalBp, 0);
  const deductionAppliedBp = Math.min(rules.deductionCapBp, deductionTotalBp);
  const pctKinerjaBp = rules.pctKinerjaBp[input.predikat];
  const sanction = sanctionIn(input.sanctions, input.period, rules);
  const base = {
    ruleSetYear: rules.year,
    ruleSetVersion: rules.version,
    period: input.period,
    employmentType: input.employmentType,
    jobClass: input.jobClass,
    grade: input.grade,
    taxGroup: taxGroup ?? ('UNKNOWN' as const),
    pagu,
    weightKinerjaBp: rules.weightKinerjaBp,
    weightDisiplinBp: rules.weightDisiplinBp,
    predikat: input.predikat,
    predikatSource: input.predikatSource,
    pctKinerjaBp,
    attendanceImported: input.attendanceImported,
    deductions,
    deductionTotalBp,
    deductionAppliedBp,
    deductionCapped: deductionTotalBp > deductionAppliedBp,
    ...(sanction
      ? { sanction: { sanctionId: sanction.sanctionId, level: sanction.level, rateBp: sanction.rateBp } }
      : {}),
  };
  const taxBp = taxGroup ? rules.taxBp[taxGroup] : 0;
  if (stopped) {
    return {
      ...base,
      stoppedBy: stopped,
      kinerja: 0,
      disiplin: 0,
      sanctionAmount: 0,
      gross: 0,
      taxBp,
      tax: 0,
      net: 0,
    };
  }
  const kinerja = mulDivRound([pagu, rules.weightKinerjaBp, pctKinerjaBp], BP * BP);
  const disiplin = mulDivRound([pagu, rules.weightDisiplinBp, BP - deductionAppliedBp], BP * BP);
  const sanctionAmount = sanction ? mulDivRound([kinerja + disiplin, sanction.rateBp], BP) : 0;
  const gross = kinerja + disiplin - sanctionAmount;
  const tax = mulDivRound([gross, taxBp], BP);
  return { ...base, kinerja, disiplin, sanctionAmount, gross, taxBp, tax, net: gross - tax };
};

// ── plain words ───────────────────────────────────────────────────────────────

export type Lang = 'id' | 'en';

/** 150 bp → "1,5%" (id) or "1.5%" (en). */
export const percent = (bp: number, lang: Lang): string => {
  const whole = Math.trunc(bp / 100);
  const frac = Math.abs(bp % 100);
  const text = frac === 0 ? String(whole) : `${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}`;
  return `${lang === 'id' ? text.replace('.', ',') : text}%`;
};

export const PREDIKAT_WORDS: Record<Predikat, { id: string; en: string }> = {
  SANGAT_BAIK: { id: 'Sangat Baik', en: 'Sangat Baik (outstanding)' },
  BAIK: { id: 'Baik', en: 'Baik (good)' },
  BUTUH_PERBAIKAN: { id: 'Butuh Perbaikan', en: 'Butuh Perbaikan (needs improvement)' },
  KURANG: { id: 'Kurang', en: 'Kurang (poor)' },
  SANGAT_KURANG: { id: 'Sangat Kurang', en: 'Sangat Kurang (very poor)' },
  NOT_SUBMITTED: { id: 'tidak mengisi penilaian', en: 'not submitted' },
};

const STATUS_WORDS: Partial<Record<EmployeeStatus, { id: string; en: string }>> = {
  MASA_PERSIAPAN_PENSIUN: { id: 'masa persiapan pensiun / bebas tugas', en: 'pre-retirement leave' },
  UANG_TUNGGU: { id: 'uang tunggu', en: 'uang tunggu (waiting pay)' },
  PEJABAT_NEGARA: { id: 'diangkat menjadi pejabat negara / komisioner', en: 'appointed a state official' },
  DITAHAN: { id: 'diberhentikan sementara karena ditahan', en: 'suspended while detained' },
  BANDING_PEMBERHENTIAN: {
    id: 'mengajukan banding atas hukuman pemberhentian',
    en: 'appealing a dismissal-level sanction',
  },
  CLTN: { id: 'cuti di luar tanggungan negara (CLTN)', en: 'unpaid leave (CLTN)' },
  CUTI_MELAHIRKAN_ANAK_KETIGA: {
    id: 'cuti melahirkan anak ketiga atau seterusnya',
    en: 'maternity leave for the third child or later',
  },
  CUTI_BESAR: { id: 'cuti besar', en: 'long leave (cuti besar)' },
  CUTI_SAKIT_PANJANG: { id: 'cuti sakit panjang', en: 'long sick leave' },
};

const CODE_WORDS: Record<DeductionCode, { id: string; en: string }> = {
  TL1: { id: 'terlambat 1–30 menit', en: 'late 1–30 min' },
  TL2: { id: 'terlambat 31–60 menit', en: 'late 31–60 min' },
  TL3: { id: 'terlambat 61–90 menit', en: 'late 61–90 min' },
  TL4: { id: 'terlambat > 90 menit atau tanpa catatan hadir', en: 'late > 90 min or no attendance record' },
  PSW1: { id: 'pulang 1–30 menit lebih awal', en: 'left 1–30 min early' },
  PSW2: { id: 'pulang 31–60 menit lebih awal', en: 'left 31–60 min early' },
  PSW3: { id: 'pulang 61–90 menit lebih awal', en: 'left 61–90 min early' },
  PSW4: { id: 'pulang > 90 menit lebih awal', en: 'left > 90 min early' },
  TK: { id: 'tidak masuk kerja tanpa keterangan sah', en: 'absent without valid reason' },
  APEL: { id: 'tidak mengikuti apel/upacara', en: 'missed apel/ceremony' },
};

/** The breakdown as sentences an employee can check, one per step of the formula. */
export const explain = (b: Breakdown, lang: Lang): string[] => {
  const id = lang === 'id';
  const rp = (n: number) => rupiah(n, lang);
  const pc = (bp: number) => percent(bp, lang);
  const lines: string[] = [];
  lines.push(
    id
      ? `Aturan TPP ${b.ruleSetYear} versi ${b.ruleSetVersion}; periode ${b.period}.`
      : `TPP rules ${b.ruleSetYear} version ${b.ruleSetVersion}; period ${b.period}.`,
  );
  lines.push(
    id
      ? `Pagu kelas jabatan ${b.jobClass}: ${rp(b.pagu)} (komponen kinerja ${pc(b.weightKinerjaBp)}, komponen disiplin ${pc(b.weightDisiplinBp)}).`
      : `Pagu of kelas jabatan ${b.jobClass}: ${rp(b.pagu)} (performance component ${pc(b.weightKinerjaBp)}, discipline component ${pc(b.weightDisiplinBp)}).`,
  );
  if (b.stoppedBy) {
    const st = b.stoppedBy;
    const words = STATUS_WORDS[st.status]?.[lang] ?? st.status;
    const until = st.to ?? (id ? 'seterusnya' : 'further notice');
    const length = st.days !== undefined ? (id ? `, ${st.days} hari` : `, ${st.days} days`) : '';
    const rule =
      st.moreThanDays === undefined
        ? id
          ? 'berlaku pada hari dalam bulan ini'
          : 'in force on a day of this month'
        : st.stopsFrom
          ? id
            ? `lebih dari ${st.moreThanDays} hari berturut-turut; TPP berhenti mulai ${st.stopsFrom}`
            : `more than ${st.moreThanDays} days in a row; TPP stops from ${st.stopsFrom}`
          : id
            ? `lebih dari ${st.moreThanDays} hari`
            : `more than ${st.moreThanDays} days`;
    lines.push(
      id
        ? `TPP tidak dibayarkan bulan ini: status ${words} ${st.from} s.d. ${until}${length} (${rule}; Perwal 76/2021 Pasal 9). Semua komponen Rp0.`
        : `No TPP this month: status ${words} ${st.from} to ${until}${length} (${rule}; Perwal 76/2021 Art. 9). Every component is Rp0.`,
    );
    return lines;
  }
  const pred = PREDIKAT_WORDS[b.predikat][lang];
  const source =
    b.predikatSource === 'NO_ASSESSMENT'
      ? id
        ? ' Tidak ada penilaian kinerja bulan ini (mis. SKP belum disetujui), sehingga dihitung sebagai tidak mengisi.'
        : ' There is no performance assessment for this month (e.g. no approved SKP), so it counts as not submitted.'
      : b.predikatSource === 'ASSESSMENT_OPEN' && b.predikat !== 'NOT_SUBMITTED'
        ? id
          ? ' Penilaian bulan ini sedang dalam keberatan: predikat hasil penilaian dipakai sementara; bila keputusan mengubahnya, selisihnya dibayar lewat penyesuaian.'
          : ' The assessment of this month is under appeal: the reviewed predikat is used for now; if the decision changes it, the difference is paid through an adjustment.'
        : b.predikatSource === 'ASSESSMENT_OPEN'
          ? id
            ? ' Penilaian bulan ini belum final, sehingga sementara dihitung sebagai tidak mengisi; selisihnya dibayar lewat penyesuaian.'
            : ' The assessment of this month is not final yet, so it counts as not submitted for now; the difference is paid through an adjustment.'
          : '';
  lines.push(
    id
      ? `Komponen kinerja: predikat ${pred} = ${pc(b.pctKinerjaBp)} × ${pc(b.weightKinerjaBp)} × ${rp(b.pagu)} = ${rp(b.kinerja)}.${source}`
      : `Performance component: predikat ${pred} = ${pc(b.pctKinerjaBp)} × ${pc(b.weightKinerjaBp)} × ${rp(b.pagu)} = ${rp(b.kinerja)}.${source}`,
  );
  if (!b.attendanceImported)
    lines.push(
      id
        ? 'Belum ada rekap kehadiran bulan ini: tidak ada potongan disiplin.'
        : 'No attendance summary for this month: no discipline deduction.',
    );
  for (const d of b.deductions) {
    const words = CODE_WORDS[d.code][lang];
    lines.push(
      id
        ? `${d.code} (${words}) × ${d.count} = ${pc(d.totalBp)} dari komponen disiplin (${pc(d.rateBp)} per kejadian).`
        : `${d.code} (${words}) × ${d.count} = ${pc(d.totalBp)} of the discipline component (${pc(d.rateBp)} each).`,
    );
  }
  if (b.deductionCapped)
    lines.push(
      id
        ? `Jumlah potongan ${pc(b.deductionTotalBp)} dibatasi ${pc(b.deductionAppliedBp)}.`
        : `Total deductions of ${pc(b.deductionTotalBp)} are capped at ${pc(b.deductionAppliedBp)}.`,
    );
  lines.push(
    id
      ? `Komponen disiplin: (100% − ${pc(b.deductionAppliedBp)}) × ${pc(b.weightDisiplinBp)} × ${rp(b.pagu)} = ${rp(b.disiplin)}.`
      : `Discipline component: (100% − ${pc(b.deductionAppliedBp)}) × ${pc(b.weightDisiplinBp)} × ${rp(b.pagu)} = ${rp(b.disiplin)}.`,
  );
  if (b.sanction)
    lines.push(
      id
        ? `Hukuman disiplin ${b.sanction.level.toLowerCase()} berlaku: potongan ${pc(b.sanction.rateBp)} × ${rp(b.kinerja + b.disiplin)} = ${rp(b.sanctionAmount)}.`
        : `Disciplinary sanction (${b.sanction.level.toLowerCase()}) in force: ${pc(b.sanction.rateBp)} × ${rp(b.kinerja + b.disiplin)} = ${rp(b.sanctionAmount)} deducted.`,
    );
  lines.push(
    id
      ? `TPP bruto: ${rp(b.kinerja)} + ${rp(b.disiplin)} − ${rp(b.sanctionAmount)} = ${rp(b.gross)}.`
      : `Gross TPP: ${rp(b.kinerja)} + ${rp(b.disiplin)} − ${rp(b.sanctionAmount)} = ${rp(b.gross)}.`,
  );
  const group = b.taxGroup.replace(/_/g, ' ');
  lines.push(
    id
      ? `PPh 21 golongan ${b.grade} (${group}): ${pc(b.taxBp)} × ${rp(b.gross)} = ${rp(b.tax)}.`
      : `Income tax (PPh 21) for golongan ${b.grade} (${group}): ${pc(b.taxBp)} × ${rp(b.gross)} = ${rp(b.tax)}.`,
  );
  lines.push(id ? `TPP bersih diterima: ${rp(b.net)}.` : `Net TPP paid: ${rp(b.net)}.`);
  return lines;
};

/** What changed in an input of a month already approved: shown on the adjustment line. */
export interface InputChange {
  what: 'POSITION' | 'STATUS' | 'SANCTION' | 'ATTENDANCE' | 'PREDIKAT' | 'RULES';
  before: string;
  after: string;
  /** who recorded the change and when (absent when the source keeps no author, e.g. a predikat) */
  by?: string;
  at?: string;
}

const deductionText = (b: Breakdown) =>
  b.attendanceImported ? b.deductions.map((d) => `${d.code}×${d.count}`).join(' ') || '0' : '-';

/** The inputs that differ between the breakdown approved and the one computed now. */
export const changesBetween = (before: Breakdown, after: Breakdown): InputChange[] => {
  const out: InputChange[] = [];
  const diff = (what: InputChange['what'], a: string, b: string) => {
    if (a !== b) out.push({ what, before: a, after: b });
  };
  diff('POSITION', `kelas ${before.jobClass} ${before.grade}`, `kelas ${after.jobClass} ${after.grade}`);
  diff('STATUS', before.stoppedBy?.status ?? 'ACTIVE', after.stoppedBy?.status ?? 'ACTIVE');
  const sanction = (b: Breakdown) => (b.sanction ? `${b.sanction.level} ${b.sanction.rateBp}bp` : '-');
  diff('SANCTION', sanction(before), sanction(after));
  diff('ATTENDANCE', deductionText(before), deductionText(after));
  diff('PREDIKAT', before.predikat, after.predikat);
  diff(
    'RULES',
    `${before.ruleSetYear}.${before.ruleSetVersion}`,
    `${after.ruleSetYear}.${after.ruleSetVersion}`,
  );
  return out;
};

/** An adjustment's own sentence: what was paid, what is due now, the difference and why. */
export const explainAdjustment = (
  a: { previous: { gross: number; tax: number; net: number }; gross: number; net: number; reason: string },
  lang: Lang,
): string => {
  const rp = (n: number) => rupiah(n, lang);
  const due = a.previous.net + a.net;
  return lang === 'id'
    ? `Penyesuaian: sudah dibayar bersih ${rp(a.previous.net)}, seharusnya ${rp(due)}, selisih ${rp(a.net)} (alasan: ${a.reason}).`
    : `Adjustment: net already paid ${rp(a.previous.net)}, due now ${rp(due)}, difference ${rp(a.net)} (reason: ${a.reason}).`;
};

/**
 * Where an employee stood in a month: the position (kelas jabatan, golongan, agency, unit) in
 * force on its last day, and whether they were still employed on its first day.
 */
export const employeeInMonth = (
  e: {
    employmentType: EmploymentType;
    agencyId: string;
    unitId: string;
    jobClass: number;
    grade: string;
    positionHistory: readonly Position[];
    statusPeriods: readonly StatusPeriod[];
  },
  period: string,
): { agencyId: string; unitId: string; jobClass: number; grade: string; employed: boolean } => {
  const { first, last } = monthBounds(period);
  const p = positionOn(e.positionHistory, last);
  return {
    agencyId: p?.agencyId ?? e.agencyId,
    unitId: p?.unitId ?? e.unitId,
    jobClass: p?.jobClass ?? e.jobClass,
    grade: p?.grade ?? e.grade,
    employed: isEmployed(e.statusPeriods, first) && (e.positionHistory.length === 0 || p !== undefined),
  };
};
