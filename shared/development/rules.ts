/**
 * Pure rules of competency development (DOMAIN §4; PP 11/2017 as amended by PP 17/2020,
 * Pasal 203–206): the yearly JP rule per employment type, the pro-rata pace, the year a JP counts
 * in, competency tags derived from a performance gap, and what a final predikat does to a
 * development plan. No AWS, no store, no clock.
 */
import type { EmploymentType } from '../employees/rules.js';
import { CORE_VALUES, PREDIKATS, parsePeriod } from '../performance/rules.js';

export const TRAINING_KINDS = ['KLASIKAL', 'NONKLASIKAL'] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];

/** Methods by kind (PermenPANRB/Perlan LAN 10/2018 lists; "OTHER" for what the list lacks). */
export const TRAINING_METHODS = [
  'COURSE',
  'BIMTEK',
  'SEMINAR',
  'WORKSHOP',
  'CONFERENCE',
  'COACHING',
  'MENTORING',
  'E_LEARNING',
  'SECONDMENT',
  'SELF_STUDY',
  'OTHER',
] as const;
export type TrainingMethod = (typeof TRAINING_METHODS)[number];

export const KLASIKAL_METHODS: readonly TrainingMethod[] = [
  'COURSE',
  'BIMTEK',
  'SEMINAR',
  'WORKSHOP',
  'CONFERENCE',
];
export const NONKLASIKAL_METHODS: readonly TrainingMethod[] = [
  'COACHING',
  'MENTORING',
  'E_LEARNING',
  'SECONDMENT',
  'SELF_STUDY',
];

/** A method belongs to its kind ("OTHER" fits both). */
export const methodFitsKind = (method: TrainingMethod, kind: TrainingKind): boolean =>
  method === 'OTHER' || (kind === 'KLASIKAL' ? KLASIKAL_METHODS : NONKLASIKAL_METHODS).includes(method);

/** A competency tag: lower-case words joined by hyphens (e.g. pelayanan-publik). */
export const TAG_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

// ── the yearly JP rule ─────────────────────────────────────────────────────────

export interface JpRule {
  /** PNS: a right to at least `jp` a year; PPPK: at most `jp` a year */
  kind: 'MINIMUM' | 'CEILING';
  jp: number;
}

/** PP 17/2020 Pasal 203: PNS ≥ 20 JP a year; PPPK (full or part time) ≤ 24 JP a year. */
export const jpRuleFor = (type: EmploymentType): JpRule =>
  type === 'PNS' ? { kind: 'MINIMUM', jp: 20 } : { kind: 'CEILING', jp: 24 };

export interface JpStanding {
  rule: JpRule;
  earned: number;
  /** JP that count towards the year (a PPPK's JP above the ceiling do not) */
  counted: number;
  /** PNS: JP still missing to reach 20 */
  remaining: number;
  /** PNS: reached 20; PPPK: always true */
  reached: boolean;
  /** PPPK: earned more than 24 */
  overCeiling: boolean;
}

export const jpStanding = (type: EmploymentType, earned: number): JpStanding => {
  const rule = jpRuleFor(type);
  if (rule.kind === 'MINIMUM') {
    return {
      rule,
      earned,
      counted: earned,
      remaining: Math.max(0, rule.jp - earned),
      reached: earned >= rule.jp,
      overCeiling: false,
    };
  }
  return {
    rule,
    earned,
    counted: Math.min(earned, rule.jp),
    remaining: 0,
    reached: true,
    overCeiling: earned > rule.jp,
  };
};

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
export const daysInYear = (year: number): number => (isLeap(year) ? 366 : 365);

/** 1 for 1 January … 365/366 for 31 December of a YYYY-MM-DD date. */
export const dayOfYear = (date: string): number => {
  const d = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return Math.round((d - Date.UTC(Number(date.slice(0, 4)), 0, 1)) / 86_400_000) + 1;
};

/**
 * The pro-rata pace towards the 20 JP of a PNS at the end of `date` (WIB): 20 × the share of the
 * year gone, in tenths of a JP rounded down (so the last day of the year expects the full 20).
 * Only the minimum of a PNS has a pace; a PPPK's 24 is a ceiling, not a target.
 */
export const expectedByDate = (rule: JpRule, date: string): number => {
  if (rule.kind !== 'MINIMUM') return 0;
  const year = Number(date.slice(0, 4));
  return Math.floor((rule.jp * 10 * dayOfYear(date)) / daysInYear(year)) / 10;
};

export const behindPace = (type: EmploymentType, earned: number, date: string): boolean => {
  const rule = jpRuleFor(type);
  return rule.kind === 'MINIMUM' && earned < expectedByDate(rule, date);
};

/** JP count in the year the activity was completed (its WIB completion date), not when it began. */
export const jpYear = (completedOn: string): number => Number(completedOn.slice(0, 4));

// ── feedback ───────────────────────────────────────────────────────────────────

export interface FeedbackSummary {
  count: number;
  /** mean rating, two decimals; null with no feedback */
  average: number | null;
  /** how many gave 1, 2, 3, 4, 5 */
  distribution: [number, number, number, number, number];
}

export const summariseFeedback = (ratings: readonly number[]): FeedbackSummary => {
  const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  for (const r of ratings) distribution[r - 1] = (distribution[r - 1] ?? 0) + 1;
  const count = ratings.length;
  const average = count === 0 ? null : Math.round((ratings.reduce((a, b) => a + b, 0) * 100) / count) / 100;
  return { count, average, distribution };
};

// ── development plans and the predikat ─────────────────────────────────────────

/** The predikat: the performance area's (DOMAIN §2.2). */
export { PREDIKATS };
export type Predikat = (typeof PREDIKATS)[number];
export const UNDERPERFORMING: readonly Predikat[] = ['BUTUH_PERBAIKAN', 'KURANG', 'SANGAT_KURANG'];

/** The last day of a period: '2026-11' → 2026-11-30, '2026-Q4' → 2026-12-31, '2026' → 2026-12-31. */
export const periodEnd = (period: string): string =>
  parsePeriod(period)?.end ?? `${period.slice(0, 4)}-12-31`;

export type PlanEffect = 'OPEN' | 'LOG' | 'CLOSE' | 'WITHDRAW' | 'NONE';

/**
 * What a final predikat does (DOMAIN §2.2, §4.2): an underperforming predikat (periodic or annual)
 * opens a plan, or is logged on the plan already open; a periodic BAIK or better closes the open
 * plan, but only for a period that ends after `open.since` (the end of the period that opened the
 * plan, or the day a supervisor opened it): a late result for an earlier month says nothing about
 * the recovery. An annual BAIK closes nothing. A BAIK-or-better predikat of the very assessment
 * that opened the plan (an appeal decided REVISED) withdraws it.
 */
export const planEffect = (
  event: { kind: 'PERIODIC' | 'ANNUAL'; predikat: Predikat; period: string; assessmentId?: string },
  open: { since: string; openedBy?: string } | undefined,
): PlanEffect => {
  if (UNDERPERFORMING.includes(event.predikat)) return open ? 'LOG' : 'OPEN';
  // The predikat that opened the plan was revised on appeal to BAIK or better: the plan is
  // withdrawn, as if that predikat had never been given (PP 30/2019 Pasal 59: the decision is final).
  if (open?.openedBy !== undefined && open.openedBy === event.assessmentId) return 'WITHDRAW';
  if (!open || event.kind !== 'PERIODIC') return 'NONE';
  return periodEnd(event.period) > open.since ? 'CLOSE' : 'NONE';
};

/** Target date of a plan opened without one: three months after opening (a quarter of coaching). */
export const DEFAULT_PLAN_MONTHS = 3;
export const defaultTargetDate = (openedOn: string): string => {
  const [y, m, d] = openedOn.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 + DEFAULT_PLAN_MONTHS + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + DEFAULT_PLAN_MONTHS, Math.min(d, last))).toISOString().slice(0, 10);
};

// ── competency tags from a gap ─────────────────────────────────────────────────

/** BerAKHLAK core values: the performance area's codes. */
export { CORE_VALUES };

/**
 * Competency tags a BerAKHLAK value below expectation calls for (the behaviour indicators of
 * SE MenPANRB 20/2021 mapped to the kinds of training BKPP runs).
 */
export const CORE_VALUE_TAGS: Record<(typeof CORE_VALUES)[number], string[]> = {
  BERORIENTASI_PELAYANAN: ['pelayanan-publik', 'komunikasi'],
  AKUNTABEL: ['akuntabilitas', 'manajemen-kinerja'],
  KOMPETEN: ['pengembangan-diri', 'manajemen-kinerja'],
  HARMONIS: ['komunikasi', 'kerja-sama-tim'],
  LOYAL: ['integritas', 'wawasan-kebangsaan'],
  ADAPTIF: ['inovasi', 'literasi-digital'],
  KOLABORATIF: ['kolaborasi', 'kerja-sama-tim'],
};

/**
 * Keywords in an indicator's text (Indonesian, matched on whole words after normalising) and the
 * tag each points to. An indicator may match several; one that matches none adds nothing.
 */
export const INDICATOR_KEYWORD_TAGS: ReadonlyArray<readonly [string, string]> = [
  ['laporan', 'penulisan-laporan'],
  ['dokumen', 'penulisan-laporan'],
  ['anggaran', 'pengelolaan-keuangan'],
  ['keuangan', 'pengelolaan-keuangan'],
  ['realisasi', 'pengelolaan-keuangan'],
  ['pengadaan', 'pengadaan-barang-jasa'],
  ['data', 'analisis-data'],
  ['statistik', 'analisis-data'],
  ['aplikasi', 'literasi-digital'],
  ['sistem', 'literasi-digital'],
  ['digital', 'literasi-digital'],
  ['layanan', 'pelayanan-publik'],
  ['pelayanan', 'pelayanan-publik'],
  ['pengaduan', 'pelayanan-publik'],
  ['perencanaan', 'perencanaan'],
  ['rencana', 'perencanaan'],
  ['program', 'perencanaan'],
  ['arsip', 'kearsipan'],
  ['surat', 'kearsipan'],
  ['jalan', 'teknik-infrastruktur'],
  ['jembatan', 'teknik-infrastruktur'],
  ['drainase', 'teknik-infrastruktur'],
  ['konstruksi', 'teknik-infrastruktur'],
  ['kesehatan', 'kesehatan-masyarakat'],
  ['pegawai', 'manajemen-sdm'],
  ['kepegawaian', 'manajemen-sdm'],
  ['regulasi', 'hukum-regulasi'],
  ['peraturan', 'hukum-regulasi'],
  ['sosialisasi', 'komunikasi'],
  ['koordinasi', 'kolaborasi'],
];

const words = (text: string): string[] =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** 'Berorientasi Pelayanan', 'berorientasi-pelayanan' → BERORIENTASI_PELAYANAN */
export const coreValueCode = (value: string): string => words(value).join('_').toUpperCase();

/** The competency tags of a gap, in a stable order (values first, then indicators), without repeats. */
export const tagsForGap = (gap: {
  indicators: ReadonlyArray<{ text: string }>;
  coreValues: readonly string[];
}) => {
  const tags: string[] = [];
  const add = (t: string) => {
    if (!tags.includes(t)) tags.push(t);
  };
  for (const v of gap.coreValues) {
    for (const t of CORE_VALUE_TAGS[coreValueCode(v) as keyof typeof CORE_VALUE_TAGS] ?? []) add(t);
  }
  for (const i of gap.indicators) {
    const w = new Set(words(i.text));
    for (const [keyword, tag] of INDICATOR_KEYWORD_TAGS) if (w.has(keyword)) add(tag);
  }
  return tags;
};
