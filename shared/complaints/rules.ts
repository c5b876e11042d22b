/**
 * Public complaints (DOMAIN §6, §7): the lifecycle, the service levels and their clocks, the
 * escalation ladder, tracking codes, the city boundary, the Open311 status mapping and the
 * published figures. Pure: no AWS, no store, no clock and no randomness of its own (callers pass
 * `now` and a random source).
 */
import { type Calendars, workingDayDeadline } from '../calendar/rules.js';
import { wibDate } from '../platform/clock.js';

// ── the lifecycle ────────────────────────────────────────────────────────────

export const STATUSES = [
  'SUBMITTED',
  'VERIFIED',
  'REJECTED',
  'IN_PROGRESS',
  'RESPONDED',
  'CLOSED',
  'MERGED',
] as const;
export type Status = (typeof STATUSES)[number];

export const PRIVACIES = ['PUBLIC', 'ANONYMOUS', 'CONFIDENTIAL'] as const;
export type Privacy = (typeof PRIVACIES)[number];

export const COMPLEXITIES = ['SIMPLE', 'NO_FIELD_CHECK', 'FIELD_CHECK'] as const;
export type Complexity = (typeof COMPLEXITIES)[number];

/** SP4N-LAPOR! classification of a report. */
export const CLASSIFICATIONS = ['PENGADUAN', 'ASPIRASI', 'PERMINTAAN_INFORMASI'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export type Action =
  | 'verify'
  | 'reject'
  | 'merge'
  | 'acknowledge'
  | 'respond'
  | 'handback'
  | 'note'
  | 'message'
  | 'rate'
  | 'confirm'
  | 'reopen'
  | 'autoClose';

/**
 * Which statuses each action may start from, and where it leads (undefined: no change).
 * REJECTED and MERGED are final; CLOSED only reopens (within the window) or takes a rating.
 */
export const TRANSITIONS: Record<Action, { from: readonly Status[]; to?: Status }> = {
  verify: { from: ['SUBMITTED'], to: 'VERIFIED' },
  reject: { from: ['SUBMITTED'], to: 'REJECTED' },
  merge: { from: ['SUBMITTED', 'VERIFIED'], to: 'MERGED' },
  acknowledge: { from: ['VERIFIED'], to: 'IN_PROGRESS' },
  respond: { from: ['IN_PROGRESS'], to: 'RESPONDED' },
  handback: { from: ['VERIFIED', 'IN_PROGRESS'], to: 'SUBMITTED' },
  note: { from: ['SUBMITTED', 'VERIFIED', 'IN_PROGRESS', 'RESPONDED'] },
  message: { from: ['SUBMITTED', 'VERIFIED', 'IN_PROGRESS', 'RESPONDED'] },
  rate: { from: ['RESPONDED', 'CLOSED'] },
  confirm: { from: ['RESPONDED'], to: 'CLOSED' },
  reopen: { from: ['RESPONDED', 'CLOSED'], to: 'IN_PROGRESS' },
  autoClose: { from: ['RESPONDED'], to: 'CLOSED' },
};

export const canDo = (status: Status, action: Action): boolean => TRANSITIONS[action].from.includes(status);

/** Statuses a complaint can still move from (the primary of a merge must be one of them or answered). */
export const isFinal = (status: Status): boolean => status === 'REJECTED' || status === 'MERGED';

// ── service levels ───────────────────────────────────────────────────────────

/** Working days (DOMAIN §6); configuration per category, snapshotted on each complaint. */
export interface ServiceLevel {
  verifyDays: number;
  firstActionDays: number;
  answerDays: Record<Complexity, number>;
  /** RESPONDED closes after this many working days without a word from the reporter */
  autoCloseDays: number;
  /** a CLOSED complaint may be reopened within this many working days */
  reopenDays: number;
}

export const DEFAULT_SERVICE_LEVEL: ServiceLevel = {
  verifyDays: 1,
  firstActionDays: 3,
  answerDays: { SIMPLE: 5, NO_FIELD_CHECK: 14, FIELD_CHECK: 60 },
  autoCloseDays: 10,
  reopenDays: 10,
};

export type ClockKind = 'VERIFY' | 'FIRST_ACTION' | 'ANSWER' | 'AUTO_CLOSE';

/** One running service-level clock. `id` is unique on the complaint (kind + sequence number). */
export interface SlaClock {
  id: string;
  kind: ClockKind;
  start: string;
  due: string;
}

export const newClock = (
  kind: ClockKind,
  seq: number,
  start: Date,
  days: number,
  calendars: Calendars,
): SlaClock => ({
  id: `${kind}-${seq}`,
  kind,
  start: start.toISOString(),
  due: workingDayDeadline(calendars, start, days).toISOString(),
});

// ── escalation ladder ────────────────────────────────────────────────────────

export const STEPS = ['WARNING', 'BREACH', 'DOUBLE'] as const;
export type EscalationStep = (typeof STEPS)[number] | 'CLOSE';

/** DOMAIN §7: a step fires when this share of the wall-clock time from start to deadline has passed. */
export const STEP_FRACTION: Record<(typeof STEPS)[number], number> = { WARNING: 0.75, BREACH: 1, DOUBLE: 2 };

export type Audience = 'AGENCY_ADMIN' | 'AGENCY_HEAD' | 'CITY_DESK' | 'INSPEKTORAT';

/**
 * Who is told at each step. The agency's clocks follow DOMAIN §6 (admin, head, then the city desk
 * and the Inspektorat); the desk's own verification clock warns the desk and, at 2×, the Inspektorat.
 */
export const audienceOf = (kind: ClockKind, step: EscalationStep): Audience[] => {
  if (kind === 'AUTO_CLOSE' || step === 'CLOSE') return [];
  if (kind === 'VERIFY') return step === 'DOUBLE' ? ['CITY_DESK', 'INSPEKTORAT'] : ['CITY_DESK'];
  if (step === 'WARNING') return ['AGENCY_ADMIN'];
  if (step === 'BREACH') return ['AGENCY_HEAD'];
  return ['CITY_DESK', 'INSPEKTORAT'];
};

export interface Escalation {
  clockId: string;
  kind: ClockKind;
  step: EscalationStep;
  /** when the step was due */
  dueAt: string;
  /** when the job recorded it */
  at: string;
}

export interface PendingStep {
  clock: SlaClock;
  step: EscalationStep;
  at: Date;
}

export const stepTime = (clock: SlaClock, step: EscalationStep): Date => {
  const start = Date.parse(clock.start);
  const due = Date.parse(clock.due);
  if (step === 'CLOSE') return new Date(due);
  return new Date(start + Math.round(STEP_FRACTION[step] * (due - start)));
};

/** The steps of the running clocks not yet recorded, earliest first. */
export const pendingSteps = (
  clocks: readonly SlaClock[],
  recorded: readonly Pick<Escalation, 'clockId' | 'step'>[],
): PendingStep[] => {
  const done = new Set(recorded.map((e) => `${e.clockId}:${e.step}`));
  const out: PendingStep[] = [];
  for (const clock of clocks) {
    const steps: EscalationStep[] = clock.kind === 'AUTO_CLOSE' ? ['CLOSE'] : [...STEPS];
    for (const step of steps) {
      if (!done.has(`${clock.id}:${step}`)) out.push({ clock, step, at: stepTime(clock, step) });
    }
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
};

/** When the SLA job must next look at this complaint (undefined: nothing left to watch). */
export const nextCheckAt = (
  clocks: readonly SlaClock[],
  recorded: readonly Pick<Escalation, 'clockId' | 'step'>[],
): Date | undefined => pendingSteps(clocks, recorded)[0]?.at;

/** The steps due at `now` (all of them, when the job was late). */
export const dueSteps = (
  clocks: readonly SlaClock[],
  recorded: readonly Pick<Escalation, 'clockId' | 'step'>[],
  now: Date,
): PendingStep[] => pendingSteps(clocks, recorded).filter((s) => s.at.getTime() <= now.getTime());

// ── tracking codes and reporter secrets ──────────────────────────────────────

/** No 0/O, 1/I/L: a code read aloud or copied by hand cannot be mistaken. 31 symbols. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const N = CODE_ALPHABET.length;
export const CODE_BODY_LENGTH = 8;
export const SECRET_LENGTH = 20;

/** Random bytes from a cryptographic source (node:crypto randomBytes in production). */
export type RandomBytes = (n: number) => Uint8Array;

/** Uniform symbols from random bytes (rejection sampling: no modulo bias). */
const randomSymbols = (random: RandomBytes, length: number): string => {
  const limit = 256 - (256 % N);
  let out = '';
  while (out.length < length) {
    for (const b of random(length * 2)) {
      if (b < limit && out.length < length) out += CODE_ALPHABET[b % N];
    }
  }
  return out;
};

/**
 * The check symbol: position-weighted sum mod 31 (weights 1–9). 31 is prime, so every single
 * wrong symbol and every swap of two adjacent different symbols changes the sum: both are caught.
 */
const weightedSum = (symbols: string): number => {
  let sum = 0;
  for (let i = 0; i < symbols.length; i++) {
    const v = CODE_ALPHABET.indexOf(symbols[i] as string);
    if (v < 0) throw new RangeError(`not a code symbol: ${symbols[i]}`);
    sum += (i + 1) * v;
  }
  return sum % N;
};

/** The symbol c that makes weightedSum(body + c) ≡ 0 (mod 31); 7 is the inverse of 9 mod 31. */
export const checkSymbol = (body: string): string => {
  if (body.length !== CODE_BODY_LENGTH) throw new RangeError(`a code body has ${CODE_BODY_LENGTH} symbols`);
  return CODE_ALPHABET[(((N - weightedSum(body)) % N) * 7) % N] as string;
};

/** A new tracking code: 8 random symbols (31^8 ≈ 8.5 × 10^11) and a check symbol. */
export const newTrackingCode = (random: RandomBytes): string => {
  const body = randomSymbols(random, CODE_BODY_LENGTH);
  return body + checkSymbol(body);
};

/** Upper case, without spaces and dashes (people write "k7qm-4xhp r"). */
export const normaliseCode = (input: string): string => input.toUpperCase().replace(/[\s-]/g, '');

/** True for a well-formed code whose check symbol matches. */
export const isTrackingCode = (input: string): boolean => {
  const code = normaliseCode(input);
  if (code.length !== CODE_BODY_LENGTH + 1) return false;
  if ([...code].some((c) => !CODE_ALPHABET.includes(c))) return false;
  return weightedSum(code) === 0;
};

/** The reporter's secret: 20 symbols (≈ 99 bits), shown once. */
export const newReporterSecret = (random: RandomBytes): string => randomSymbols(random, SECRET_LENGTH);

// ── the city boundary ────────────────────────────────────────────────────────

/**
 * Kota Semarang, as a polygon of [lat, lng]. An approximation: the administrative boundary's
 * bounding box (about -7.11..-6.93 S, 110.27..110.51 E, read off public maps of the 16
 * kecamatan, Tugu in the west to Genuk in the east, the coast to Gunungpati/Banyumanik in the
 * south). It admits corners of Kendal, Demak and Kabupaten Semarang and some sea; the desk
 * rejects those by hand. A finer polygon can replace this list without touching the callers.
 */
export const CITY_BOUNDARY: ReadonlyArray<readonly [number, number]> = [
  [-6.93, 110.27],
  [-6.93, 110.51],
  [-7.11, 110.51],
  [-7.11, 110.27],
];

const onSegment = (lat: number, lng: number, a: readonly [number, number], b: readonly [number, number]) => {
  const cross = (b[0] - a[0]) * (lng - a[1]) - (b[1] - a[1]) * (lat - a[0]);
  if (Math.abs(cross) > 1e-12) return false;
  return (
    lat >= Math.min(a[0], b[0]) &&
    lat <= Math.max(a[0], b[0]) &&
    lng >= Math.min(a[1], b[1]) &&
    lng <= Math.max(a[1], b[1])
  );
};

/** Point in polygon (ray casting); a point on the boundary counts as inside. */
export const insideCity = (lat: number, lng: number, polygon = CITY_BOUNDARY): boolean => {
  if (!Number.isFinite(lat) || !Number.isFinite(lng)) return false;
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i] as readonly [number, number];
    const b = polygon[j] as readonly [number, number];
    if (onSegment(lat, lng, a, b)) return true;
    if (a[0] > lat !== b[0] > lat && lng < ((b[1] - a[1]) * (lat - a[0])) / (b[0] - a[0]) + a[1])
      inside = !inside;
  }
  return inside;
};

// ── reporter details ─────────────────────────────────────────────────────────

/** NIK: 16 digits, the first two a province code (11–94), no all-zero date part. */
export const isNik = (v: string): boolean => /^\d{16}$/.test(v) && Number(v.slice(0, 2)) >= 11;
/** Indonesian phone numbers: 08…, +628… or 628…, 9–13 digits after the 0. */
export const isPhone = (v: string): boolean => /^(?:\+?62|0)8\d{7,12}$/.test(v.replace(/[\s-]/g, ''));
export const isEmail = (v: string): boolean => v.length <= 254 && /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/.test(v);
export const isHttpsUrl = (v: string): boolean => {
  try {
    const u = new URL(v);
    return u.protocol === 'https:' && u.hostname.length > 0;
  } catch {
    return false;
  }
};

// ── Open311 ──────────────────────────────────────────────────────────────────

/**
 * GeoReport v2 knows open and closed. RESPONDED stays open: the answer is published but the
 * reporter may still reopen it ("responded" is not "resolved").
 */
export const open311Status = (status: Status): 'open' | 'closed' =>
  status === 'CLOSED' || status === 'REJECTED' || status === 'MERGED' ? 'closed' : 'open';

export const OPEN311_STATUS_NOTES: Record<Status, string> = {
  SUBMITTED: 'Diterima, menunggu verifikasi meja pengaduan kota.',
  VERIFIED: 'Terverifikasi dan diteruskan ke perangkat daerah.',
  IN_PROGRESS: 'Sedang ditangani perangkat daerah.',
  RESPONDED: 'Sudah dijawab; menunggu konfirmasi pelapor.',
  CLOSED: 'Selesai.',
  REJECTED: 'Ditolak.',
  MERGED: 'Digabung dengan laporan lain.',
};

// ── figures ──────────────────────────────────────────────────────────────────

export const median = (values: readonly number[]): number | undefined => {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/** What the figures need of one complaint. */
export interface StatInput {
  agencyId?: string;
  status: Status;
  submittedAt: string;
  verifiedAt?: string;
  acknowledgedAt?: string;
  firstRespondedAt?: string;
  answeredWithinSla?: boolean;
  reopenCount: number;
  rating?: { score: number; solved: boolean };
}

export interface AgencyFigures {
  agencyId: string;
  volume: number;
  /** medians in hours (wall clock), undefined when nothing to measure */
  medianHoursToVerify?: number;
  medianHoursToFirstAction?: number;
  medianHoursToAnswer?: number;
  answered: number;
  /** % of the answered ones answered by their deadline */
  withinServiceLevelPct?: number;
  /** % of the answered ones reopened at least once */
  reopenRatePct?: number;
  ratings: number;
  averageRating?: number;
  /** % of the rated ones the reporter said were solved */
  solvedPct?: number;
}

const hours = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 3_600_000;
const pct = (part: number, whole: number) =>
  whole === 0 ? undefined : Math.round((1000 * part) / whole) / 10;
const round1 = (n: number | undefined) => (n === undefined ? undefined : Math.round(n * 10) / 10);

/** Figures per agency of the complaints assigned to it (rejected and merged ones are not counted). */
export const agencyFigures = (items: readonly StatInput[]): AgencyFigures[] => {
  const by = new Map<string, StatInput[]>();
  for (const c of items) {
    if (!c.agencyId || c.status === 'REJECTED' || c.status === 'MERGED') continue;
    by.set(c.agencyId, [...(by.get(c.agencyId) ?? []), c]);
  }
  return [...by.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([agencyId, list]) => {
      const answered = list.filter((c) => c.firstRespondedAt);
      const rated = list.filter((c) => c.rating);
      return {
        agencyId,
        volume: list.length,
        medianHoursToVerify: round1(
          median(list.filter((c) => c.verifiedAt).map((c) => hours(c.submittedAt, c.verifiedAt as string))),
        ),
        medianHoursToFirstAction: round1(
          median(
            list
              .filter((c) => c.verifiedAt && c.acknowledgedAt)
              .map((c) => hours(c.verifiedAt as string, c.acknowledgedAt as string)),
          ),
        ),
        medianHoursToAnswer: round1(
          median(answered.map((c) => hours(c.verifiedAt ?? c.submittedAt, c.firstRespondedAt as string))),
        ),
        answered: answered.length,
        withinServiceLevelPct: pct(answered.filter((c) => c.answeredWithinSla).length, answered.length),
        reopenRatePct: pct(answered.filter((c) => c.reopenCount > 0).length, answered.length),
        ratings: rated.length,
        averageRating: round1(
          rated.length === 0
            ? undefined
            : rated.reduce((s, c) => s + (c.rating?.score ?? 0), 0) / rated.length,
        ),
        solvedPct: pct(rated.filter((c) => c.rating?.solved).length, rated.length),
      };
    });
};

/** The WIB month (YYYY-MM) a complaint belongs to in the figures and the month index. */
export const wibMonth = (at: Date): string => wibDate(at).slice(0, 7);

/** The months of a period: YYYY-MM itself, or the twelve of YYYY. */
export const monthsOf = (period: string): string[] =>
  /^\d{4}$/.test(period)
    ? Array.from({ length: 12 }, (_, i) => `${period}-${String(i + 1).padStart(2, '0')}`)
    : [period];
