/**
 * EventBridge schedule expressions, evaluated in UTC (as EventBridge does): which minutes a
 * `cron(...)` or `rate(...)` expression fires on. Pure: the local scheduler and the tests use it to
 * fire the catalog's jobs exactly when AWS would.
 *
 * Supported:
 * - `cron(minutes hours day-of-month month day-of-week year)`, six fields separated by spaces, with
 *   `*`, numbers, lists `a,b`, ranges `a-b`, steps `a/n`, `*\/n` and `a-b/n`, month names JAN–DEC,
 *   day names SUN–SAT (day-of-week 1 = SUN … 7 = SAT), `L` (last day of the month) alone in
 *   day-of-month, and `?` in exactly one of day-of-month and day-of-week (as EventBridge requires).
 * - `rate(N minute|minutes|hour|hours|day|days)` (singular only for N = 1, as EventBridge
 *   requires). A rate fires on every UTC minute whose number since the epoch is divisible by the
 *   period in minutes (EventBridge counts from the rule's creation; this is the local stand-in).
 *
 * Not supported (rejected with an error): `L` in day-of-week, `W`, `#`, `L-n`, ranges that wrap
 * around (e.g. `FRI-MON`).
 */

export interface CronSchedule {
  kind: 'cron';
  expression: string;
  /** allowed values per field, as lookup tables indexed by value */
  minutes: readonly boolean[];
  hours: readonly boolean[];
  /** days 1–31; ignored when lastDayOfMonth or dayOfMonthAny */
  daysOfMonth: readonly boolean[];
  /** day-of-month is `L` */
  lastDayOfMonth: boolean;
  /** months 1–12 */
  months: readonly boolean[];
  /** JavaScript getUTCDay numbering: 0 = Sunday … 6 = Saturday */
  daysOfWeek: readonly boolean[];
  /** which day field selects the days (the other one is `?`) */
  daySelector: 'dayOfMonth' | 'dayOfWeek';
  /** null = any year */
  years: ReadonlySet<number> | null;
}

export interface RateSchedule {
  kind: 'rate';
  expression: string;
  /** period in minutes */
  everyMinutes: number;
}

export type Schedule = CronSchedule | RateSchedule;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const MIN_YEAR = 1970;
const MAX_YEAR = 2199;

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  /** names mapped to values (month and day-of-week) */
  names?: readonly string[];
  /** value of names[0] */
  nameBase?: number;
}

const FIELDS = {
  minutes: { name: 'minutes', min: 0, max: 59 },
  hours: { name: 'hours', min: 0, max: 23 },
  dayOfMonth: { name: 'day-of-month', min: 1, max: 31 },
  month: { name: 'month', min: 1, max: 12, names: MONTH_NAMES, nameBase: 1 },
  dayOfWeek: { name: 'day-of-week', min: 1, max: 7, names: DAY_NAMES, nameBase: 1 },
  year: { name: 'year', min: MIN_YEAR, max: MAX_YEAR },
} satisfies Record<string, FieldSpec>;

class ScheduleError extends Error {
  constructor(expression: string, reason: string) {
    super(`Invalid schedule expression ${JSON.stringify(expression)}: ${reason}`);
    this.name = 'ScheduleError';
  }
}

const INTEGER_RE = /^\d+$/;

const parseValue = (token: string, spec: FieldSpec, fail: (reason: string) => never): number => {
  if (INTEGER_RE.test(token)) {
    const value = Number(token);
    if (value < spec.min || value > spec.max) {
      fail(`${spec.name} value ${token} is out of range ${spec.min}-${spec.max}`);
    }
    return value;
  }
  if (spec.names) {
    const index = spec.names.indexOf(token.toUpperCase());
    if (index >= 0) return index + (spec.nameBase ?? 0);
  }
  return fail(`${spec.name} value ${JSON.stringify(token)} is not a number${spec.names ? ' or a name' : ''}`);
};

/** Parses one cron field (no `?`, no `L`) into the set of allowed values. */
const parseField = (field: string, spec: FieldSpec, fail: (reason: string) => never): Set<number> => {
  const values = new Set<number>();
  if (field === '') fail(`${spec.name} field is empty`);
  for (const part of field.split(',')) {
    if (part === '') fail(`${spec.name} field ${JSON.stringify(field)} has an empty list item`);
    const slash = part.split('/');
    if (slash.length > 2) fail(`${spec.name} item ${JSON.stringify(part)} has more than one "/"`);
    const [rangeText, stepText] = slash as [string, string | undefined];
    let step = 1;
    if (stepText !== undefined) {
      if (!INTEGER_RE.test(stepText) || Number(stepText) < 1) {
        fail(`${spec.name} step ${JSON.stringify(stepText)} must be a positive integer`);
      }
      step = Number(stepText);
    }
    let from: number;
    let to: number;
    if (rangeText === '*') {
      from = spec.min;
      to = spec.max;
    } else {
      const dash = rangeText.split('-');
      if (dash.length > 2 || dash.some((t) => t === '')) {
        fail(`${spec.name} item ${JSON.stringify(part)} is not a value or a range a-b`);
      }
      from = parseValue(dash[0] as string, spec, fail);
      if (dash.length === 2) {
        to = parseValue(dash[1] as string, spec, fail);
        if (to < from)
          fail(`${spec.name} range ${JSON.stringify(rangeText)} runs backwards (wrapping is not supported)`);
      } else {
        // `a/n` means from a to the end of the field's range, every n; a plain `a` is just a.
        to = stepText === undefined ? from : spec.max;
      }
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
};

const table = (values: Set<number>, size: number): boolean[] => {
  const out = new Array<boolean>(size).fill(false);
  for (const v of values) out[v] = true;
  return out;
};

const RATE_UNITS: Record<string, { minutes: number; singular: boolean }> = {
  minute: { minutes: 1, singular: true },
  minutes: { minutes: 1, singular: false },
  hour: { minutes: 60, singular: true },
  hours: { minutes: 60, singular: false },
  day: { minutes: 1440, singular: true },
  days: { minutes: 1440, singular: false },
};

const parseRate = (expression: string, body: string, fail: (reason: string) => never): RateSchedule => {
  const m = /^(\d+) ([a-z]+)$/.exec(body);
  if (!m) return fail('rate(...) must be "rate(N unit)", e.g. rate(5 minutes)');
  const value = Number(m[1]);
  const unit = RATE_UNITS[m[2] as string];
  if (!unit) return fail(`rate unit ${JSON.stringify(m[2])} must be minute(s), hour(s) or day(s)`);
  if (!Number.isSafeInteger(value) || value < 1) fail('rate value must be a positive integer');
  if (unit.singular !== (value === 1)) {
    fail(value === 1 ? 'rate(1 ...) takes a singular unit' : `rate(${value} ...) takes a plural unit`);
  }
  return { kind: 'rate', expression, everyMinutes: value * unit.minutes };
};

const parseCron = (expression: string, body: string, fail: (reason: string) => never): CronSchedule => {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) {
    fail(
      `cron(...) needs 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}`,
    );
  }
  const [min, hour, dom, month, dow, year] = fields as [string, string, string, string, string, string];
  // (Only the W in day-of-month means "nearest weekday": WED is a day-of-week name.)
  if (/W/i.test(dom)) fail('"W" (nearest weekday) in day-of-month is not supported');
  if (dow.includes('#')) fail('"#" (nth weekday of the month) in day-of-week is not supported');
  for (const [text, spec] of [
    [dom, FIELDS.dayOfMonth],
    [dow, FIELDS.dayOfWeek],
  ] as const) {
    if (text !== '?' && text.includes('?')) fail(`"?" must stand alone in ${spec.name}`);
  }
  if (dom === '?' && dow === '?') fail('only one of day-of-month and day-of-week may be "?"');
  if (dom !== '?' && dow !== '?') {
    fail('one of day-of-month and day-of-week must be "?" (EventBridge does not allow both to be set)');
  }
  for (const [text, spec] of [
    [min, FIELDS.minutes],
    [hour, FIELDS.hours],
    [month, FIELDS.month],
    [year, FIELDS.year],
  ] as const) {
    if (text.includes('?')) fail(`"?" is allowed only in day-of-month or day-of-week, not in ${spec.name}`);
  }
  // No day name contains an L, so any L in day-of-week is the unsupported "last weekday" form.
  if (/L/i.test(dow)) fail('"L" in day-of-week is not supported');

  let lastDayOfMonth = false;
  let daysOfMonth = new Array<boolean>(32).fill(false);
  let daysOfWeek = new Array<boolean>(7).fill(false);
  if (dom === '?') {
    // EventBridge numbers 1 = SUN … 7 = SAT; store as getUTCDay() (0 = Sunday … 6 = Saturday).
    daysOfWeek = table(new Set([...parseField(dow, FIELDS.dayOfWeek, fail)].map((v) => v - 1)), 7);
  } else if (dom.toUpperCase() === 'L') {
    lastDayOfMonth = true;
  } else {
    if (/L/i.test(dom)) fail('"L" in day-of-month must stand alone (no lists, ranges or offsets)');
    daysOfMonth = table(parseField(dom, FIELDS.dayOfMonth, fail), 32);
  }

  return {
    kind: 'cron',
    expression,
    minutes: table(parseField(min, FIELDS.minutes, fail), 60),
    hours: table(parseField(hour, FIELDS.hours, fail), 24),
    daysOfMonth,
    lastDayOfMonth,
    months: table(parseField(month, FIELDS.month, fail), 13),
    daysOfWeek,
    daySelector: dom === '?' ? 'dayOfWeek' : 'dayOfMonth',
    years: year === '*' ? null : parseField(year, FIELDS.year, fail),
  };
};

/**
 * Parses an EventBridge schedule expression. Throws an Error naming the expression and the
 * problem when it is not valid (or uses a feature this module does not support).
 */
export const parseSchedule = (expression: string): Schedule => {
  const fail = (reason: string): never => {
    throw new ScheduleError(expression, reason);
  };
  if (typeof expression !== 'string') return fail('not a string');
  const m = /^(cron|rate)\((.*)\)$/.exec(expression.trim());
  if (!m) return fail('must be cron(...) or rate(...)');
  return m[1] === 'rate'
    ? parseRate(expression, (m[2] as string).trim(), fail)
    : parseCron(expression, m[2] as string, fail);
};

const toSchedule = (schedule: Schedule | string): Schedule =>
  typeof schedule === 'string' ? parseSchedule(schedule) : schedule;

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** True when the schedule allows this UTC calendar day (year, month, day-of-month/week). */
const dayMatches = (s: CronSchedule, day: Date): boolean => {
  const year = day.getUTCFullYear();
  const month = day.getUTCMonth() + 1;
  const dom = day.getUTCDate();
  if (s.years && !s.years.has(year)) return false;
  if (!s.months[month]) return false;
  if (s.daySelector === 'dayOfWeek') return s.daysOfWeek[day.getUTCDay()] === true;
  if (s.lastDayOfMonth) return dom === daysInMonth(year, month);
  return s.daysOfMonth[dom] === true;
};

const checkDate = (date: Date, what: string): number => {
  const t = date instanceof Date ? date.getTime() : Number.NaN;
  if (Number.isNaN(t)) throw new TypeError(`${what} must be a valid Date`);
  return t;
};

/** True when the schedule fires in the UTC minute that contains `date` (seconds are ignored). */
export const matches = (schedule: Schedule | string, date: Date): boolean => {
  const s = toSchedule(schedule);
  const minuteNumber = Math.floor(checkDate(date, 'date') / MINUTE_MS);
  if (s.kind === 'rate') return minuteNumber % s.everyMinutes === 0;
  return (
    s.minutes[date.getUTCMinutes()] === true && s.hours[date.getUTCHours()] === true && dayMatches(s, date)
  );
};

/**
 * The start of the first UTC minute strictly after `after` on which the schedule fires. Throws
 * when the schedule never fires again (e.g. `cron(0 0 30 2 ? *)`, or a year list in the past).
 */
export const nextFire = (schedule: Schedule | string, after: Date): Date => {
  const s = toSchedule(schedule);
  const first = (Math.floor(checkDate(after, 'after') / MINUTE_MS) + 1) * MINUTE_MS;
  if (s.kind === 'rate') {
    const period = s.everyMinutes * MINUTE_MS;
    return new Date(Math.ceil(first / period) * period);
  }
  const limit = Date.UTC(MAX_YEAR + 1, 0, 1);
  // Walk day by day; within the first (partial) day only minutes from `first` on count.
  for (let dayStart = Math.floor(first / DAY_MS) * DAY_MS; dayStart < limit; dayStart += DAY_MS) {
    const day = new Date(dayStart);
    if (!dayMatches(s, day)) continue;
    const fromMinute = dayStart < first ? (first - dayStart) / MINUTE_MS : 0;
    for (let hour = Math.floor(fromMinute / 60); hour < 24; hour++) {
      if (!s.hours[hour]) continue;
      const startMinute = hour === Math.floor(fromMinute / 60) ? fromMinute % 60 : 0;
      for (let minute = startMinute; minute < 60; minute++) {
        if (s.minutes[minute]) return new Date(dayStart + (hour * 60 + minute) * MINUTE_MS);
      }
    }
  }
  throw new Error(`Schedule ${JSON.stringify(s.expression)} never fires after ${after.toISOString()}`);
};
