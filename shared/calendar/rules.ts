/**
 * The working-day calendar (DOMAIN §7). Pure: no AWS, no store, no clock of its own.
 *
 * Working days exclude Saturdays, Sundays, and the national holidays and cuti bersama of that
 * year (SKB 3 Menteri). The list per year is configuration: an administrator adds next year's
 * list when it is published.
 *
 * A date in a year that has no calendar counts weekends only (every Monday–Friday is a working
 * day). Deadlines that run into a year whose list is not yet published are therefore computed
 * as if that year had no holidays; they can only come out earlier than the real ones, never
 * later. Callers that must not guess can check `hasCalendar` first.
 *
 * Dates are WIB calendar dates written YYYY-MM-DD.
 */
import { addDays, dayOfWeek, endOfWibDay, isIsoDate, wibDate } from '../platform/clock.js';

export interface CalendarDay {
  date: string;
  name: string;
}

/** One year's list, as published (the shape of data/holidays-2026.json). */
export interface HolidayCalendar {
  year: number;
  /** where the list comes from (the SKB's number and date) */
  source?: string;
  nationalHolidays: readonly CalendarDay[];
  cutiBersama: readonly CalendarDay[];
}

/** The calendars by year: a Map or a plain object keyed by year. */
export type Calendars =
  | ReadonlyMap<number, HolidayCalendar>
  | Readonly<Partial<Record<number, HolidayCalendar>>>;

/** Builds the lookup by year from a list of calendars (a later one for the same year wins). */
export const calendarsByYear = (calendars: readonly HolidayCalendar[]): Map<number, HolidayCalendar> =>
  new Map(calendars.map((c) => [c.year, c]));

const calendarFor = (calendars: Calendars, year: number): HolidayCalendar | undefined =>
  calendars instanceof Map
    ? (calendars as ReadonlyMap<number, HolidayCalendar>).get(year)
    : (calendars as Readonly<Partial<Record<number, HolidayCalendar>>>)[year];

/** True when a calendar for this year is configured. */
export const hasCalendar = (calendars: Calendars, year: number): boolean =>
  calendarFor(calendars, year) !== undefined;

// The off-days of a calendar, computed once per calendar object.
const offDaysCache = new WeakMap<HolidayCalendar, ReadonlySet<string>>();
const offDays = (calendar: HolidayCalendar): ReadonlySet<string> => {
  let set = offDaysCache.get(calendar);
  if (!set) {
    set = new Set([...calendar.nationalHolidays, ...calendar.cutiBersama].map((d) => d.date));
    offDaysCache.set(calendar, set);
  }
  return set;
};

const checkDate = (date: string, what: string): void => {
  if (typeof date !== 'string' || !isIsoDate(date)) {
    throw new RangeError(`${what} must be a date written YYYY-MM-DD, got ${JSON.stringify(date)}`);
  }
};

const checkCount = (n: number): void => {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
};

const checkInstant = (at: Date): void => {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new RangeError('at must be a valid Date');
};

const isWorking = (calendars: Calendars, date: string): boolean => {
  const dow = dayOfWeek(date);
  if (dow === 0 || dow === 6) return false;
  const calendar = calendarFor(calendars, Number(date.slice(0, 4)));
  return calendar === undefined || !offDays(calendar).has(date);
};

/**
 * True when the date is a working day: not a Saturday or Sunday, and not a national holiday or
 * cuti bersama in its year's calendar (a year with no calendar counts weekends only).
 */
export const isWorkingDay = (calendars: Calendars, date: string): boolean => {
  checkDate(date, 'date');
  return isWorking(calendars, date);
};

/**
 * The Nth working day after `fromDate`. The event's own day never counts, even when it is a
 * working day: Friday + 1 is the next Monday (if that is a working day). With n = 0 the result
 * is `fromDate` itself, whatever day it is.
 */
export const addWorkingDays = (calendars: Calendars, fromDate: string, n: number): string => {
  checkDate(fromDate, 'fromDate');
  checkCount(n);
  let date = fromDate;
  for (let left = n; left > 0; ) {
    date = addDays(date, 1);
    if (isWorking(calendars, date)) left--;
  }
  return date;
};

/**
 * "N working days after an event": 23:59:59.999 WIB of the Nth working day after the event's
 * WIB date (the WIB date of `at`, not its UTC date).
 */
export const workingDayDeadline = (calendars: Calendars, at: Date, n: number): Date => {
  checkInstant(at);
  return endOfWibDay(addWorkingDays(calendars, wibDate(at), n));
};

/** "N calendar days after an event": 23:59:59.999 WIB of the date N days after the event's WIB date. */
export const calendarDayDeadline = (at: Date, n: number): Date => {
  checkInstant(at);
  checkCount(n);
  return endOfWibDay(addDays(wibDate(at), n));
};

/**
 * The number of working days in (fromDate, toDate]: fromDate excluded, toDate included. So
 * `workingDaysBetween(c, d, addWorkingDays(c, d, n)) === n`. Zero when toDate is not after
 * fromDate (never negative).
 */
export const workingDaysBetween = (calendars: Calendars, fromDate: string, toDate: string): number => {
  checkDate(fromDate, 'fromDate');
  checkDate(toDate, 'toDate');
  let count = 0;
  for (let date = addDays(fromDate, 1); date <= toDate; date = addDays(date, 1)) {
    if (isWorking(calendars, date)) count++;
  }
  return count;
};

export interface CalendarProblem {
  /** where, e.g. `nationalHolidays[3].date` */
  path: string;
  /** machine-readable, one of the field reasons of shared/platform/i18n.ts (params: `year`) */
  code: CalendarProblemCode;
  /** for people (English) */
  reason: string;
}

export type CalendarProblemCode = 'required' | 'invalid' | 'year_mismatch' | 'duplicate';

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

/**
 * Checks a calendar an administrator supplies (it may be any parsed JSON): a sensible year,
 * both lists present, every entry a real date in that year with a non-empty name, no date twice
 * within a list. Returns the problems found, empty when the calendar is valid.
 */
export const validateCalendar = (cal: unknown): CalendarProblem[] => {
  const problems: CalendarProblem[] = [];
  if (typeof cal !== 'object' || cal === null || Array.isArray(cal)) {
    return [
      {
        path: '',
        code: 'invalid',
        reason: 'a calendar must be an object { year, nationalHolidays, cutiBersama }',
      },
    ];
  }
  const c = cal as Record<string, unknown>;
  const year = c.year;
  const yearOk = typeof year === 'number' && Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
  if (!yearOk) {
    problems.push({
      path: 'year',
      code: year === undefined ? 'required' : 'invalid',
      reason: `year must be an integer between ${MIN_YEAR} and ${MAX_YEAR}`,
    });
  }
  if (c.source !== undefined && typeof c.source !== 'string') {
    problems.push({ path: 'source', code: 'invalid', reason: 'source must be a string when present' });
  }
  for (const list of ['nationalHolidays', 'cutiBersama'] as const) {
    const entries = c[list];
    if (!Array.isArray(entries)) {
      problems.push({
        path: list,
        code: entries === undefined ? 'required' : 'invalid',
        reason: `${list} must be a list (it may be empty)`,
      });
      continue;
    }
    const seen = new Map<string, number>();
    entries.forEach((entry: unknown, i) => {
      const at = `${list}[${i}]`;
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
        problems.push({ path: at, code: 'invalid', reason: 'each entry must be an object { date, name }' });
        return;
      }
      const { date, name } = entry as Record<string, unknown>;
      if (typeof date !== 'string' || !isIsoDate(date)) {
        problems.push({
          path: `${at}.date`,
          code: date === undefined ? 'required' : 'invalid',
          reason: `not a valid date written YYYY-MM-DD: ${JSON.stringify(date)}`,
        });
      } else {
        if (yearOk && Number(date.slice(0, 4)) !== year) {
          problems.push({
            path: `${at}.date`,
            code: 'year_mismatch',
            reason: `${date} is not in the calendar's year ${year}`,
          });
        }
        const first = seen.get(date);
        if (first !== undefined) {
          problems.push({
            path: `${at}.date`,
            code: 'duplicate',
            reason: `${date} is already listed at ${list}[${first}]`,
          });
        } else {
          seen.set(date, i);
        }
      }
      if (typeof name !== 'string' || name.trim() === '') {
        problems.push({ path: `${at}.name`, code: 'required', reason: 'name must be a non-empty string' });
      }
    });
  }
  return problems;
};
