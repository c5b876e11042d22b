/**
 * Working-day calendars, one record per year: pk CALENDAR#<year>, sk CALENDAR.
 */
import type { Db } from '../platform/dynamo.js';
import { getItem, putNew, putVersioned, stripKeys } from '../platform/records.js';

export interface Holiday {
  date: string;
  name: string;
}

export interface CalendarRecord {
  year: number;
  nationalHolidays: Holiday[];
  cutiBersama: Holiday[];
  source?: string;
  version: number;
  updatedAt: string;
}

/**
 * The partition-key prefixes of the table items this module writes: the working-day calendar of each year.
 * The stack scopes write grants with them (dynamodb:LeadingKeys, functions/writes.ts); a test
 * checks every key built here starts with one of them.
 */
export const KEY_PREFIXES = ['CALENDAR#'] as const;

export const calendarKey = (year: number) => ({ pk: `CALENDAR#${year}`, sk: 'CALENDAR' });

const item = (c: CalendarRecord) => ({ ...calendarKey(c.year), type: 'CALENDAR', ...c });

export const getCalendar = async (db: Db, year: number): Promise<CalendarRecord | undefined> => {
  const found = await getItem(db, calendarKey(year));
  return found ? stripKeys<CalendarRecord>(found) : undefined;
};

/** Reads the calendars of several years (e.g. a deadline that crosses 31 December). */
export const getCalendars = async (db: Db, years: number[]): Promise<Map<number, CalendarRecord>> => {
  const found = await Promise.all([...new Set(years)].map((y) => getCalendar(db, y)));
  return new Map(found.filter((c): c is CalendarRecord => !!c).map((c) => [c.year, c]));
};

export const saveCalendar = async (db: Db, c: CalendarRecord): Promise<void> =>
  c.version === 1 ? putNew(db, item(c), 'calendar') : putVersioned(db, item(c), c.version - 1, 'calendar');
