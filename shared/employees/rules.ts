/**
 * Pure rules of the organisation: NIP layout, the status and position in force on a date,
 * the pejabat penilai chain, name keys. No AWS, no store, no clock.
 */
import { isIsoDate } from '../platform/clock.js';

export const EMPLOYMENT_TYPES = ['PNS', 'PPPK', 'PPPK_PART_TIME'] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];

export const POSITION_TYPES = ['JPT', 'ADMINISTRATOR', 'PENGAWAS', 'PELAKSANA', 'FUNGSIONAL'] as const;
export type PositionType = (typeof POSITION_TYPES)[number];

/** Jenjang of fungsional positions (PermenPANRB 1/2023), used for angka kredit. */
export const FUNCTIONAL_LEVELS = [
  'PEMULA',
  'TERAMPIL',
  'MAHIR',
  'PENYELIA',
  'AHLI_PERTAMA',
  'AHLI_MUDA',
  'AHLI_MADYA',
  'AHLI_UTAMA',
] as const;
export type FunctionalLevel = (typeof FUNCTIONAL_LEVELS)[number];

/**
 * Employee statuses. ACTIVE is the default when no period covers a date. The TPP-stopping ones are
 * DOMAIN §3.5 (Perwal 76/2021 Pasal 9); the last three end employment.
 */
export const STATUSES = [
  'ACTIVE',
  'MASA_PERSIAPAN_PENSIUN',
  'UANG_TUNGGU',
  'PEJABAT_NEGARA',
  'DITAHAN',
  'BANDING_PEMBERHENTIAN',
  'CLTN',
  'CUTI_MELAHIRKAN_ANAK_KETIGA',
  'CUTI_BESAR',
  'CUTI_SAKIT_PANJANG',
  'PENSIUN',
  'BERHENTI',
  'MENINGGAL',
] as const;
export type EmployeeStatus = (typeof STATUSES)[number];
export const ENDED_STATUSES: readonly EmployeeStatus[] = ['PENSIUN', 'BERHENTI', 'MENINGGAL'];

/** Golongan: PNS I/a–IV/e, PPPK I–XVII. */
export const PNS_GRADES = ['I', 'II', 'III', 'IV'].flatMap((g) =>
  (g === 'IV' ? ['a', 'b', 'c', 'd', 'e'] : ['a', 'b', 'c', 'd']).map((r) => `${g}/${r}`),
);
export const PPPK_GRADES = [
  'I',
  'II',
  'III',
  'IV',
  'V',
  'VI',
  'VII',
  'VIII',
  'IX',
  'X',
  'XI',
  'XII',
  'XIII',
  'XIV',
  'XV',
  'XVI',
  'XVII',
];

export const gradeMatchesType = (grade: string, type: EmploymentType): boolean =>
  type === 'PNS' ? PNS_GRADES.includes(grade) : PPPK_GRADES.includes(grade);

export type NipProblem = 'nip' | 'nip_date';

/**
 * NIP: 18 digits. For PNS the layout is birth date yyyymmdd, TMT yyyymm, sex digit 1/2 and a
 * 3-digit sequence; PPPK NIPs have the same length but are not rejected for their layout.
 */
export const nipProblem = (nip: string, type?: EmploymentType): NipProblem | undefined => {
  if (!/^\d{18}$/.test(nip)) return 'nip';
  if (type !== 'PNS') return undefined;
  const birth = `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`;
  const tmtYear = Number(nip.slice(8, 12));
  const tmtMonth = Number(nip.slice(12, 14));
  const sex = nip[14];
  const birthYear = Number(nip.slice(0, 4));
  if (!isIsoDate(birth) || birthYear < 1940) return 'nip_date';
  if (tmtMonth < 1 || tmtMonth > 12 || tmtYear < birthYear + 15) return 'nip_date';
  if (sex !== '1' && sex !== '2') return 'nip';
  return undefined;
};

export interface StatusPeriod {
  status: EmployeeStatus;
  from: string;
  /** inclusive; open-ended when absent */
  to?: string;
  note?: string;
}

/** The status in force on a date: the period covering it (the latest-starting one), else ACTIVE. */
export const statusOn = (periods: readonly StatusPeriod[], date: string): EmployeeStatus => {
  let found: StatusPeriod | undefined;
  for (const p of periods) {
    if (p.from <= date && (p.to === undefined || date <= p.to) && (!found || p.from >= found.from)) found = p;
  }
  return found?.status ?? 'ACTIVE';
};

/** Every status in force on any day of [from, to] (ACTIVE included when some day has no period). */
export const statusesBetween = (
  periods: readonly StatusPeriod[],
  from: string,
  to: string,
): EmployeeStatus[] => {
  const overlapping = periods.filter((p) => p.from <= to && (p.to === undefined || p.to >= from));
  return [...new Set(overlapping.map((p) => p.status))];
};

/** Two periods of the same employee may not overlap (a status change closes the previous one). */
export const periodsOverlap = (a: StatusPeriod, b: StatusPeriod): boolean =>
  a.from <= (b.to ?? '9999-12-31') && b.from <= (a.to ?? '9999-12-31');

export const isEmployed = (periods: readonly StatusPeriod[], date: string): boolean =>
  !ENDED_STATUSES.includes(statusOn(periods, date));

export interface Position {
  effectiveFrom: string;
  agencyId: string;
  unitId: string;
  positionTitle: string;
  positionType: PositionType;
  jobClass: number;
  grade: string;
  functionalLevel?: FunctionalLevel;
}

/** The position in force on a date: the latest entry that took effect on or before it. */
export const positionOn = <P extends Position>(history: readonly P[], date: string): P | undefined => {
  let found: P | undefined;
  for (const p of history)
    if (p.effectiveFrom <= date && (!found || p.effectiveFrom >= found.effectiveFrom)) found = p;
  return found;
};

/**
 * Records a position change in the history: an entry with the same effective date is replaced,
 * entries stay sorted by date. Returns a new array.
 */
export const withPosition = <P extends Position>(history: readonly P[], next: P): P[] =>
  [...history.filter((p) => p.effectiveFrom !== next.effectiveFrom), next].sort((a, b) =>
    a.effectiveFrom.localeCompare(b.effectiveFrom),
  );

export const samePosition = (
  a: Omit<Position, 'effectiveFrom'>,
  b: Omit<Position, 'effectiveFrom'>,
): boolean =>
  a.agencyId === b.agencyId &&
  a.unitId === b.unitId &&
  a.positionTitle === b.positionTitle &&
  a.positionType === b.positionType &&
  a.jobClass === b.jobClass &&
  a.grade === b.grade &&
  a.functionalLevel === b.functionalLevel;

/**
 * Would `nip` → `reviewerNip` close a cycle? `reviewerOf` gives each known employee's current
 * reviewer. Returns the cycle (starting and ending at nip), or undefined.
 */
export const reviewerCycle = (
  nip: string,
  reviewerNip: string | undefined,
  reviewerOf: (nip: string) => string | undefined,
): string[] | undefined => {
  if (reviewerNip === undefined) return undefined;
  const chain = [nip];
  const seen = new Set<string>([nip]);
  let current: string | undefined = reviewerNip;
  while (current !== undefined) {
    chain.push(current);
    if (current === nip) return chain;
    if (seen.has(current)) return undefined; // a cycle above us that does not include nip
    seen.add(current);
    current = reviewerOf(current);
  }
  return undefined;
};

/** Finds every employee whose chain of reviewers returns to them, in a whole graph. */
export const cyclesIn = (graph: ReadonlyMap<string, string | undefined>): Set<string> => {
  const inCycle = new Set<string>();
  const state = new Map<string, 1 | 2>(); // 1 visiting, 2 done
  for (const start of graph.keys()) {
    if (state.has(start)) continue;
    const path: string[] = [];
    let node: string | undefined = start;
    while (node !== undefined && !state.has(node)) {
      state.set(node, 1);
      path.push(node);
      node = graph.get(node);
    }
    if (node !== undefined && state.get(node) === 1) {
      for (let i = path.indexOf(node); i < path.length; i++) inCycle.add(path[i] as string);
    }
    for (const p of path) state.set(p, 2);
  }
  return inCycle;
};

/** Sort/search key of a name: lower case, accents and punctuation dropped, single spaces. */
export const nameKey = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The agency an employee works for on a date: the position in force then (else the record's). */
export const agencyOn = (
  e: { agencyId: string; positionHistory: readonly Position[] },
  date: string,
): string => positionOn(e.positionHistory, date)?.agencyId ?? e.agencyId;

/**
 * The role grants that count on a date: none once employment has ended (PENSIUN, BERHENTI,
 * MENINGGAL); an agency-bound grant only for the agency the employee works in on that date (a
 * move, even one recorded ahead of its day, ends the old agency's grants when it comes into force).
 */
export const grantsInForce = <G extends { role: string; agencyId?: string }>(
  e: {
    agencyId: string;
    positionHistory: readonly Position[];
    statusPeriods: readonly StatusPeriod[];
    roleGrants: readonly G[];
  },
  date: string,
): G[] => {
  if (!isEmployed(e.statusPeriods, date)) return [];
  const agency = agencyOn(e, date);
  return e.roleGrants.filter((g) => g.agencyId === undefined || g.agencyId === agency);
};

/** Why an employee may not sign in on a date (their employment has ended), if so. */
export const signInRefusal = (
  e: { statusPeriods: readonly StatusPeriod[] },
  date: string,
): { status: EmployeeStatus; from: string } | undefined => {
  const status = statusOn(e.statusPeriods, date);
  if (!ENDED_STATUSES.includes(status)) return undefined;
  const period = e.statusPeriods.find(
    (p) => p.status === status && p.from <= date && (p.to === undefined || date <= p.to),
  );
  return { status, from: period?.from ?? date };
};
