import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  type Calendars,
  calendarDayDeadline,
  calendarsByYear,
  type HolidayCalendar,
  hasCalendar,
  isWorkingDay,
  validateCalendar,
  workingDayDeadline,
  workingDaysBetween,
} from '../../shared/calendar/rules.js';

const holidays2026 = JSON.parse(
  readFileSync(new URL('../../data/holidays-2026.json', import.meta.url), 'utf8'),
) as HolidayCalendar;

const cals: Calendars = { 2026: holidays2026 };
const none: Calendars = {};

/** A stand-in for a 2027 list (only New Year's Day, enough to show it is used). */
const cal2027: HolidayCalendar = {
  year: 2027,
  nationalHolidays: [{ date: '2027-01-01', name: 'Tahun Baru 2027 Masehi' }],
  cutiBersama: [],
};

const wib = (iso: string) => new Date(iso);

describe('the 2026 data file', () => {
  it('is a valid calendar', () => {
    expect(validateCalendar(holidays2026)).toEqual([]);
    expect(holidays2026.year).toBe(2026);
  });
});

describe('isWorkingDay', () => {
  it('every national holiday and cuti bersama of 2026 is off', () => {
    for (const d of [...holidays2026.nationalHolidays, ...holidays2026.cutiBersama]) {
      expect(isWorkingDay(cals, d.date), d.date).toBe(false);
      // without the calendar only the weekend ones are off
      const weekend = [0, 6].includes(new Date(`${d.date}T00:00:00Z`).getUTCDay());
      expect(isWorkingDay(none, d.date), d.date).toBe(!weekend);
    }
  });

  it('weekends are off, weekdays on', () => {
    expect(isWorkingDay(cals, '2026-04-11')).toBe(false); // Saturday
    expect(isWorkingDay(cals, '2026-04-12')).toBe(false); // Sunday
    expect(isWorkingDay(cals, '2026-04-13')).toBe(true); // Monday
    expect(isWorkingDay(cals, '2026-04-10')).toBe(true); // Friday
    expect(isWorkingDay(cals, '2026-03-17')).toBe(true); // Tuesday before the Nyepi/Lebaran break
    expect(isWorkingDay(cals, '2026-03-25')).toBe(true); // first day back
  });

  it('working days per month of 2026 (counted independently from the SKB list)', () => {
    const expected = [20, 18, 17, 21, 16, 20, 23, 19, 22, 22, 21, 21];
    const counted = new Array(12).fill(0);
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      if (isWorkingDay(cals, date)) counted[new Date(t).getUTCMonth()]++;
    }
    expect(counted).toEqual(expected);
    expect(counted.reduce((a, b) => a + b, 0)).toBe(240);
  });

  it('a year with no calendar counts weekends only', () => {
    expect(isWorkingDay(cals, '2027-01-01')).toBe(true); // Friday, New Year, but no 2027 list
    expect(isWorkingDay(cals, '2027-01-02')).toBe(false); // Saturday
    expect(isWorkingDay(cals, '2025-12-25')).toBe(true); // Thursday, no 2025 list
    expect(isWorkingDay({ 2026: holidays2026, 2027: cal2027 }, '2027-01-01')).toBe(false);
    expect(hasCalendar(cals, 2026)).toBe(true);
    expect(hasCalendar(cals, 2027)).toBe(false);
  });

  it('accepts a Map as the lookup', () => {
    const map = calendarsByYear([holidays2026, cal2027]);
    expect(isWorkingDay(map, '2026-08-17')).toBe(false);
    expect(isWorkingDay(map, '2027-01-01')).toBe(false);
    expect(isWorkingDay(map, '2026-08-18')).toBe(true);
    expect(hasCalendar(map, 2027)).toBe(true);
  });

  it('uses the calendar of the date’s own year only', () => {
    // a calendar filed under the wrong year does not leak into another year
    const misfiled: Calendars = { 2027: holidays2026 };
    expect(isWorkingDay(misfiled, '2026-08-17')).toBe(true);
  });

  it.each(['2026-02-30', '2026-3-1', '20260301', '', 'today', '2026-03-01T00:00:00Z'])(
    'rejects %j',
    (date) => {
      expect(() => isWorkingDay(cals, date)).toThrow(RangeError);
    },
  );
});

describe('addWorkingDays: the Nth working day after the date (the date itself never counts)', () => {
  it.each([
    // DOMAIN §7: 18th–20th, 21st–22nd and 23rd–24th are off
    ['2026-03-17', 5, '2026-03-31', 'the DOMAIN §7 example'],
    ['2026-03-17', 1, '2026-03-25', 'Tuesday before the break'],
    ['2026-03-16', 1, '2026-03-17', 'Monday, next day is working'],
    ['2026-03-18', 5, '2026-03-31', 'from a cuti bersama'],
    ['2026-03-21', 1, '2026-03-25', 'from a Saturday holiday'],
    ['2026-03-24', 1, '2026-03-25', 'last day of the break'],
    ['2026-03-25', 1, '2026-03-26', 'a working day counts only the next'],
    ['2026-04-10', 1, '2026-04-13', 'Friday + 1 → Monday'],
    ['2026-04-11', 1, '2026-04-13', 'Saturday + 1 → Monday'],
    ['2026-04-12', 1, '2026-04-13', 'Sunday + 1 → Monday'],
    ['2026-04-10', 5, '2026-04-17', 'Friday + 5 → next Friday'],
    ['2026-04-10', 6, '2026-04-20', 'Friday + 6 → Monday after'],
    ['2026-08-14', 1, '2026-08-18', 'Friday before the Monday 17 August holiday'],
    ['2026-05-29', 1, '2026-06-02', 'Friday before Hari Lahir Pancasila (Monday)'],
    ['2026-02-13', 1, '2026-02-18', 'Friday before cuti bersama Imlek (Mon) and Imlek (Tue)'],
    ['2026-01-15', 1, '2026-01-19', 'Thursday before Isra Mikraj (Friday)'],
    ['2026-04-02', 1, '2026-04-06', 'Thursday before Good Friday, Easter Sunday'],
    ['2026-05-13', 1, '2026-05-18', 'Kenaikan (Thu) + cuti bersama (Fri)'],
    ['2026-05-26', 1, '2026-05-29', 'Idul Adha (Wed) + cuti bersama (Thu)'],
    ['2026-05-26', 2, '2026-06-02', '…then the weekend and 1 June'],
    ['2026-06-15', 1, '2026-06-17', '1 Muharam (Tue)'],
    ['2026-04-30', 1, '2026-05-04', 'Hari Buruh (Fri)'],
    ['2026-12-23', 1, '2026-12-28', 'cuti bersama Natal, Natal, weekend'],
    ['2026-12-23', 3, '2026-12-30', 'into the last week'],
    ['2026-12-31', 1, '2027-01-01', 'into 2027 without a 2027 list: weekends only'],
    ['2026-12-30', 3, '2027-01-04', 'across the year boundary (1 Jan 2027 counts: no list)'],
    ['2025-12-31', 1, '2026-01-02', 'from a year without a list into 2026 (1 Jan is a holiday)'],
    ['2026-02-27', 1, '2026-03-02', 'across a month end'],
    ['2026-01-01', 20, '2026-01-30', 'January 2026 has 20 working days'],
    ['2025-12-31', 240, '2026-12-31', '2026 has 240 working days, the last is 31 December'],
  ])('%s + %i → %s (%s)', (from, n, expected) => {
    expect(addWorkingDays(cals, from, n)).toBe(expected);
  });

  it('uses the 2027 list once it is added', () => {
    const both: Calendars = { 2026: holidays2026, 2027: cal2027 };
    expect(addWorkingDays(both, '2026-12-31', 1)).toBe('2027-01-04');
    expect(addWorkingDays(both, '2026-12-30', 3)).toBe('2027-01-05');
    expect(addWorkingDays(both, '2026-12-30', 2)).toBe('2027-01-04');
  });

  it('without any calendar, weekends only', () => {
    expect(addWorkingDays(none, '2026-03-17', 5)).toBe('2026-03-24');
    expect(addWorkingDays(none, '2026-08-14', 1)).toBe('2026-08-17');
  });

  it('n = 0 is the date itself', () => {
    expect(addWorkingDays(cals, '2026-03-21', 0)).toBe('2026-03-21');
    expect(addWorkingDays(cals, '2026-03-25', 0)).toBe('2026-03-25');
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects n = %s', (n) => {
    expect(() => addWorkingDays(cals, '2026-03-17', n)).toThrow(RangeError);
  });

  it('rejects an invalid date', () => {
    expect(() => addWorkingDays(cals, '2026-02-29', 1)).toThrow(/YYYY-MM-DD/);
  });

  it('always lands on a working day strictly after the start, with exactly n working days in between', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2025, 10, 1), max: Date.UTC(2027, 1, 1) }),
        fc.integer({ min: 1, max: 40 }),
        (t, n) => {
          const from = new Date(t).toISOString().slice(0, 10);
          const due = addWorkingDays(cals, from, n);
          expect(due > from).toBe(true);
          expect(isWorkingDay(cals, due)).toBe(true);
          expect(workingDaysBetween(cals, from, due)).toBe(n);
          // the day before the due date still had only n - 1
          const dayBefore = new Date(Date.parse(`${due}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
          expect(workingDaysBetween(cals, from, dayBefore)).toBe(n - 1);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('workingDayDeadline: end of the Nth working day after the event’s WIB date', () => {
  it('the DOMAIN §7 example: verified Tuesday 2026-03-17, 5 working days → 2026-03-31 end of day WIB', () => {
    const due = workingDayDeadline(cals, wib('2026-03-17T10:00:00+07:00'), 5);
    expect(due.getTime()).toBe(wib('2026-03-31T23:59:59.999+07:00').getTime());
    expect(due.toISOString()).toBe('2026-03-31T16:59:59.999Z');
  });

  it('uses the WIB date of the event, not the UTC date', () => {
    // 2026-03-17T20:00Z is already Wednesday 2026-03-18 03:00 WIB (a cuti bersama): same result here
    expect(workingDayDeadline(cals, wib('2026-03-17T20:00:00Z'), 5).toISOString()).toBe(
      '2026-03-31T16:59:59.999Z',
    );
    // Monday 23:59:59.999 WIB vs Tuesday 00:00 WIB: one working day after differs by a week
    expect(workingDayDeadline(cals, wib('2026-03-16T16:59:59.999Z'), 1).toISOString()).toBe(
      '2026-03-17T16:59:59.999Z',
    );
    expect(workingDayDeadline(cals, wib('2026-03-16T17:00:00Z'), 1).toISOString()).toBe(
      '2026-03-25T16:59:59.999Z',
    );
    // Thursday 18:00 UTC is Friday 01:00 WIB: + 1 is Monday, not Friday
    expect(workingDayDeadline(cals, wib('2026-04-09T18:00:00Z'), 1).toISOString()).toBe(
      '2026-04-13T16:59:59.999Z',
    );
    expect(workingDayDeadline(cals, wib('2026-04-09T16:59:59.999Z'), 1).toISOString()).toBe(
      '2026-04-10T16:59:59.999Z',
    );
  });

  it('an event at New Year’s Eve WIB late night', () => {
    // 2026-12-31T17:30Z is 2027-01-01 00:30 WIB (Friday; no 2027 list → a working day; + 1 → Monday)
    expect(workingDayDeadline(cals, wib('2026-12-31T17:30:00Z'), 1).toISOString()).toBe(
      '2027-01-04T16:59:59.999Z',
    );
    expect(workingDayDeadline(cals, wib('2026-12-31T16:30:00Z'), 1).toISOString()).toBe(
      '2027-01-01T16:59:59.999Z',
    );
  });

  it('rejects an invalid Date', () => {
    expect(() => workingDayDeadline(cals, new Date(Number.NaN), 1)).toThrow(RangeError);
  });
});

describe('calendarDayDeadline: end of the WIB date N days after the event’s WIB date', () => {
  it.each([
    ['2026-03-17T10:00:00+07:00', 14, '2026-03-31T23:59:59.999+07:00'],
    ['2026-03-17T20:00:00Z', 14, '2026-04-01T23:59:59.999+07:00'], // already the 18th WIB
    ['2026-03-17T16:59:59.999Z', 14, '2026-03-31T23:59:59.999+07:00'], // still the 17th WIB
    ['2026-12-25T09:00:00+07:00', 14, '2027-01-08T23:59:59.999+07:00'],
    ['2026-02-20T09:00:00+07:00', 14, '2026-03-06T23:59:59.999+07:00'],
    ['2028-02-20T09:00:00+07:00', 14, '2028-03-05T23:59:59.999+07:00'], // leap year
    ['2026-03-21T09:00:00+07:00', 1, '2026-03-22T23:59:59.999+07:00'], // holidays do not matter
    ['2026-03-17T10:00:00+07:00', 0, '2026-03-17T23:59:59.999+07:00'],
  ])('%s + %i days → %s', (at, n, expected) => {
    expect(calendarDayDeadline(wib(at), n).getTime()).toBe(wib(expected).getTime());
  });

  it('rejects bad input', () => {
    expect(() => calendarDayDeadline(wib('2026-03-17T10:00:00Z'), -1)).toThrow(RangeError);
    expect(() => calendarDayDeadline(new Date('nope'), 1)).toThrow(RangeError);
  });
});

describe('workingDaysBetween: working days in (from, to]', () => {
  it.each([
    ['2026-03-17', '2026-03-31', 5],
    ['2026-03-17', '2026-03-24', 0],
    ['2026-03-17', '2026-03-25', 1],
    ['2026-03-16', '2026-03-17', 1],
    ['2026-03-17', '2026-03-17', 0],
    ['2026-03-31', '2026-03-17', 0],
    ['2026-04-10', '2026-04-13', 1],
    ['2026-04-11', '2026-04-12', 0],
    ['2025-12-31', '2026-12-31', 240],
    ['2026-12-31', '2027-01-08', 6],
  ])('(%s, %s] → %i', (from, to, expected) => {
    expect(workingDaysBetween(cals, from, to)).toBe(expected);
  });

  it('rejects invalid dates', () => {
    expect(() => workingDaysBetween(cals, '2026-03-17', '2026-13-01')).toThrow(RangeError);
  });
});

describe('validateCalendar', () => {
  const valid = (): HolidayCalendar => ({
    year: 2027,
    nationalHolidays: [
      { date: '2027-01-01', name: 'Tahun Baru' },
      { date: '2027-08-17', name: 'Proklamasi' },
    ],
    cutiBersama: [{ date: '2027-12-24', name: 'Cuti Bersama Natal' }],
  });

  it('accepts a valid calendar, including empty lists', () => {
    expect(validateCalendar(valid())).toEqual([]);
    expect(validateCalendar({ year: 2027, nationalHolidays: [], cutiBersama: [] })).toEqual([]);
  });

  it('reports dates outside the year, invalid dates, duplicates and empty names, with paths', () => {
    const cal = {
      year: 2027,
      nationalHolidays: [
        { date: '2027-01-01', name: 'Tahun Baru' },
        { date: '2026-08-17', name: 'Proklamasi' },
        { date: '2027-02-29', name: 'Not a day' },
        { date: '2027-01-01', name: 'Again' },
        { date: '2027-04-01', name: '   ' },
        { date: 20270501, name: 'Number' },
        { name: 'No date' },
        'nope',
      ],
      cutiBersama: [
        { date: '2027-12-24', name: 'Natal' },
        { date: '2027-12-24', name: 'Natal' },
        { date: '2027-01-01', name: 'same date as a holiday is allowed across lists' },
        { date: '2027-6-1', name: '' },
      ],
    };
    const problems = validateCalendar(cal);
    expect(problems.map((p) => p.path)).toEqual([
      'nationalHolidays[1].date',
      'nationalHolidays[2].date',
      'nationalHolidays[3].date',
      'nationalHolidays[4].name',
      'nationalHolidays[5].date',
      'nationalHolidays[6].date',
      'nationalHolidays[7]',
      'cutiBersama[1].date',
      'cutiBersama[3].date',
      'cutiBersama[3].name',
    ]);
    expect(problems.map((p) => p.code)).toEqual([
      'year_mismatch',
      'invalid',
      'duplicate',
      'required',
      'invalid',
      'required',
      'invalid',
      'duplicate',
      'invalid',
      'required',
    ]);
    expect(problems[0]?.reason).toMatch(/not in the calendar's year 2027/);
    expect(problems[2]?.reason).toMatch(/already listed at nationalHolidays\[0\]/);
    expect(problems[7]?.reason).toMatch(/already listed at cutiBersama\[0\]/);
    for (const p of problems) expect(p.reason.length).toBeGreaterThan(5);
  });

  it('reports a bad year and missing lists', () => {
    expect(
      validateCalendar({ year: '2027', nationalHolidays: [], cutiBersama: [] }).map((p) => p.path),
    ).toEqual(['year']);
    expect(
      validateCalendar({ year: 2027.5, nationalHolidays: [], cutiBersama: [] }).map((p) => p.path),
    ).toEqual(['year']);
    expect(
      validateCalendar({ year: 1999, nationalHolidays: [], cutiBersama: [] }).map((p) => p.path),
    ).toEqual(['year']);
    expect(validateCalendar({ year: 2027 }).map((p) => [p.path, p.code])).toEqual([
      ['nationalHolidays', 'required'],
      ['cutiBersama', 'required'],
    ]);
    expect(validateCalendar({ nationalHolidays: [], cutiBersama: [] })).toEqual([
      { path: 'year', code: 'required', reason: expect.any(String) },
    ]);
    expect(
      validateCalendar({ year: 2027, nationalHolidays: {}, cutiBersama: null }).map((p) => p.path),
    ).toEqual(['nationalHolidays', 'cutiBersama']);
    expect(validateCalendar({ year: 2027, source: 5, nationalHolidays: [], cutiBersama: [] })).toEqual([
      { path: 'source', code: 'invalid', reason: expect.any(String) },
    ]);
  });

  it('with a bad year, still checks dates and names but not the year match', () => {
    const problems = validateCalendar({
      nationalHolidays: [{ date: '2027-02-30', name: '' }],
      cutiBersama: [],
    });
    expect(problems.map((p) => p.path)).toEqual([
      'year',
      'nationalHolidays[0].date',
      'nationalHolidays[0].name',
    ]);
  });

  it.each([null, undefined, 2027, 'calendar', []])('rejects %j as a whole', (value) => {
    expect(validateCalendar(value)).toEqual([
      { path: '', code: 'invalid', reason: expect.stringMatching(/object/) },
    ]);
  });
});
