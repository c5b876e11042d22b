import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CronSchedule, matches, nextFire, parseSchedule } from '../../shared/platform/cron.js';

const at = (iso: string) => new Date(iso);
const MINUTE = 60_000;

const parseCron = (expr: string): CronSchedule => {
  const s = parseSchedule(expr);
  if (s.kind !== 'cron') throw new Error(`${expr} is not a cron expression`);
  return s;
};

describe('cron(5 17 L * ? *): 00:05 WIB on the 1st = 17:05 UTC on the last day of the previous month', () => {
  const s = parseSchedule('cron(5 17 L * ? *)');

  it.each([
    '2026-11-30T17:05:00Z',
    '2026-02-28T17:05:00Z',
    '2026-01-31T17:05:00Z',
    '2026-04-30T17:05:00Z',
    '2026-12-31T17:05:00Z',
    '2028-02-29T17:05:00Z',
    '2026-11-30T17:05:59.999Z',
  ])('fires at %s', (iso) => {
    expect(matches(s, at(iso))).toBe(true);
  });

  it.each([
    '2026-11-29T17:05:00Z',
    '2026-11-30T17:04:59.999Z',
    '2026-11-30T17:06:00Z',
    '2026-11-30T16:05:00Z',
    '2026-12-01T17:05:00Z',
    '2028-02-28T17:05:00Z',
    '2026-03-30T17:05:00Z',
    '2026-04-31T17:05:00Z', // Date rolls over to May 1st
  ])('does not fire at %s', (iso) => {
    expect(matches(s, at(iso))).toBe(false);
  });

  it('nextFire walks month ends, leap years included', () => {
    expect(nextFire(s, at('2026-11-30T17:04:59.999Z')).toISOString()).toBe('2026-11-30T17:05:00.000Z');
    expect(nextFire(s, at('2026-11-30T17:05:00Z')).toISOString()).toBe('2026-12-31T17:05:00.000Z');
    expect(nextFire(s, at('2026-11-30T17:05:30Z')).toISOString()).toBe('2026-12-31T17:05:00.000Z');
    expect(nextFire(s, at('2026-01-31T17:05:00Z')).toISOString()).toBe('2026-02-28T17:05:00.000Z');
    expect(nextFire(s, at('2028-01-31T18:00:00Z')).toISOString()).toBe('2028-02-29T17:05:00.000Z');
    expect(nextFire(s, at('2026-12-31T17:05:00Z')).toISOString()).toBe('2027-01-31T17:05:00.000Z');
  });

  it('the matching UTC minute is the 1st of the month 00:05 WIB', () => {
    const fire = nextFire(s, at('2026-11-15T00:00:00Z'));
    expect(new Date(fire.getTime() + 7 * 3600_000).toISOString()).toBe('2026-12-01T00:05:00.000Z');
  });
});

describe('cron(0/15 * * * ? *)', () => {
  const s = parseSchedule('cron(0/15 * * * ? *)');

  it('fires at :00 :15 :30 :45 only', () => {
    const fired: number[] = [];
    for (let m = 0; m < 60; m++) {
      if (matches(s, new Date(Date.UTC(2026, 5, 1, 10, m)))) fired.push(m);
    }
    expect(fired).toEqual([0, 15, 30, 45]);
  });

  it('nextFire', () => {
    expect(nextFire(s, at('2026-06-01T12:00:00Z')).toISOString()).toBe('2026-06-01T12:15:00.000Z');
    expect(nextFire(s, at('2026-06-01T11:59:59.999Z')).toISOString()).toBe('2026-06-01T12:00:00.000Z');
    expect(nextFire(s, at('2026-06-01T12:50:00Z')).toISOString()).toBe('2026-06-01T13:00:00.000Z');
    expect(nextFire(s, at('2026-12-31T23:59:00Z')).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('*/15 and 0-59/15 are the same', () => {
    for (const expr of ['cron(*/15 * * * ? *)', 'cron(0-59/15 * * * ? *)', 'cron(0,15,30,45 * * * ? *)']) {
      expect(parseCron(expr).minutes).toEqual(parseCron('cron(0/15 * * * ? *)').minutes);
    }
  });

  it('a/n starts at a: 7/20 is 7, 27, 47', () => {
    const t = parseSchedule('cron(7/20 * * * ? *)');
    const fired = Array.from({ length: 60 }, (_, m) => m).filter((m) =>
      matches(t, new Date(Date.UTC(2026, 0, 1, 0, m))),
    );
    expect(fired).toEqual([7, 27, 47]);
  });
});

describe('cron(5 17 10 * ? *)', () => {
  const s = parseSchedule('cron(5 17 10 * ? *)');
  it('fires on the 10th at 17:05 UTC only', () => {
    expect(matches(s, at('2026-03-10T17:05:00Z'))).toBe(true);
    expect(matches(s, at('2026-03-11T17:05:00Z'))).toBe(false);
    expect(matches(s, at('2026-03-10T17:15:00Z'))).toBe(false);
    expect(matches(s, at('2026-03-10T05:05:00Z'))).toBe(false);
  });
  it('nextFire', () => {
    expect(nextFire(s, at('2026-03-10T17:05:00Z')).toISOString()).toBe('2026-04-10T17:05:00.000Z');
    expect(nextFire(s, at('2026-03-01T00:00:00Z')).toISOString()).toBe('2026-03-10T17:05:00.000Z');
    expect(nextFire(s, at('2026-12-10T17:05:00Z')).toISOString()).toBe('2027-01-10T17:05:00.000Z');
  });
});

describe('day-of-week: 1 = SUN … 7 = SAT', () => {
  it('cron(0 1 ? * MON *) fires on Mondays 01:00 UTC', () => {
    const s = parseSchedule('cron(0 1 ? * MON *)');
    expect(matches(s, at('2026-03-16T01:00:00Z'))).toBe(true); // Monday
    expect(matches(s, at('2026-03-17T01:00:00Z'))).toBe(false); // Tuesday
    expect(matches(s, at('2026-03-15T01:00:00Z'))).toBe(false); // Sunday
    expect(nextFire(s, at('2026-03-16T01:00:00Z')).toISOString()).toBe('2026-03-23T01:00:00.000Z');
    expect(nextFire(s, at('2026-03-17T00:00:00Z')).toISOString()).toBe('2026-03-23T01:00:00.000Z');
    expect(nextFire(s, at('2026-12-29T00:00:00Z')).toISOString()).toBe('2027-01-04T01:00:00.000Z');
  });

  it('numbers and names agree', () => {
    const names = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
    // 2026-03-15 is a Sunday
    names.forEach((name, i) => {
      const byName = parseSchedule(`cron(0 0 ? * ${name} *)`);
      const byNumber = parseSchedule(`cron(0 0 ? * ${i + 1} *)`);
      const lower = parseSchedule(`cron(0 0 ? * ${name.toLowerCase()} *)`);
      for (let d = 0; d < 7; d++) {
        const day = new Date(Date.UTC(2026, 2, 15 + d));
        expect(matches(byName, day)).toBe(d === i);
        expect(matches(byNumber, day)).toBe(d === i);
        expect(matches(lower, day)).toBe(d === i);
      }
    });
  });

  it('MON-FRI and 1,7 (weekends)', () => {
    const weekdays = parseSchedule('cron(0 0 ? * MON-FRI *)');
    const weekends = parseSchedule('cron(0 0 ? * 1,7 *)');
    for (let d = 0; d < 14; d++) {
      const day = new Date(Date.UTC(2026, 2, 15 + d));
      const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
      expect(matches(weekdays, day)).toBe(!weekend);
      expect(matches(weekends, day)).toBe(weekend);
    }
  });

  it('nextFire of a Friday-only schedule from Saturday goes to next Friday', () => {
    expect(nextFire('cron(30 9 ? * FRI *)', at('2026-03-21T00:00:00Z')).toISOString()).toBe(
      '2026-03-27T09:30:00.000Z',
    );
  });
});

describe('months, hours, years', () => {
  it('month names and lists', () => {
    const s = parseSchedule('cron(0 0 1 JAN,JUL ? *)');
    expect(matches(s, at('2026-01-01T00:00:00Z'))).toBe(true);
    expect(matches(s, at('2026-07-01T00:00:00Z'))).toBe(true);
    expect(matches(s, at('2026-02-01T00:00:00Z'))).toBe(false);
    expect(nextFire(s, at('2026-01-01T00:00:00Z')).toISOString()).toBe('2026-07-01T00:00:00.000Z');
    const months = (expr: string) => parseCron(expr).months;
    expect(months('cron(0 0 1 mar-may ? *)')).toEqual(months('cron(0 0 1 3-5 ? *)'));
    expect(months('cron(0 0 1 3-5 ? *)').flatMap((on, m) => (on ? [m] : []))).toEqual([3, 4, 5]);
  });

  it('hour ranges with steps: 9-17/4 is 9, 13, 17; 3/6 is 3, 9, 15, 21', () => {
    const hoursOf = (expr: string) => {
      const s = parseSchedule(expr);
      return Array.from({ length: 24 }, (_, h) => h).filter((h) =>
        matches(s, new Date(Date.UTC(2026, 0, 5, h))),
      );
    };
    expect(hoursOf('cron(0 9-17/4 * * ? *)')).toEqual([9, 13, 17]);
    expect(hoursOf('cron(0 3/6 * * ? *)')).toEqual([3, 9, 15, 21]);
    expect(hoursOf('cron(0 1,5-7,22 * * ? *)')).toEqual([1, 5, 6, 7, 22]);
  });

  it('a fixed year', () => {
    const s = parseSchedule('cron(0 0 1 1 ? 2027)');
    expect(nextFire(s, at('2026-05-05T00:00:00Z')).toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(matches(s, at('2026-01-01T00:00:00Z'))).toBe(false);
    expect(() => nextFire(s, at('2027-01-01T00:00:00Z'))).toThrow(/never fires/);
  });

  it('Feb 29 waits for a leap year; Feb 30 never fires', () => {
    expect(nextFire('cron(0 0 29 2 ? *)', at('2026-03-01T00:00:00Z')).toISOString()).toBe(
      '2028-02-29T00:00:00.000Z',
    );
    expect(() => nextFire('cron(0 0 30 2 ? *)', at('2026-01-01T00:00:00Z'))).toThrow(/never fires/);
  });

  it('the 31st skips short months', () => {
    expect(nextFire('cron(0 12 31 * ? *)', at('2026-03-31T12:00:00Z')).toISOString()).toBe(
      '2026-05-31T12:00:00.000Z',
    );
  });
});

describe('rate()', () => {
  it('rate(5 minutes) fires when the epoch minute is divisible by 5', () => {
    const s = parseSchedule('rate(5 minutes)');
    expect(s).toMatchObject({ kind: 'rate', everyMinutes: 5 });
    expect(matches(s, at('2026-06-01T12:05:00Z'))).toBe(true);
    expect(matches(s, at('2026-06-01T12:05:42Z'))).toBe(true);
    expect(matches(s, at('2026-06-01T12:03:00Z'))).toBe(false);
    expect(nextFire(s, at('2026-06-01T12:03:30Z')).toISOString()).toBe('2026-06-01T12:05:00.000Z');
    expect(nextFire(s, at('2026-06-01T12:05:00Z')).toISOString()).toBe('2026-06-01T12:10:00.000Z');
  });

  it('units', () => {
    expect(parseSchedule('rate(1 minute)')).toMatchObject({ everyMinutes: 1 });
    expect(parseSchedule('rate(1 hour)')).toMatchObject({ everyMinutes: 60 });
    expect(parseSchedule('rate(2 hours)')).toMatchObject({ everyMinutes: 120 });
    expect(parseSchedule('rate(1 day)')).toMatchObject({ everyMinutes: 1440 });
    expect(parseSchedule('rate(7 days)')).toMatchObject({ everyMinutes: 10080 });
    expect(nextFire('rate(1 day)', at('2026-06-01T12:00:00Z')).toISOString()).toBe(
      '2026-06-02T00:00:00.000Z',
    );
    expect(nextFire('rate(1 hour)', at('2026-06-01T12:00:00Z')).toISOString()).toBe(
      '2026-06-01T13:00:00.000Z',
    );
    expect(nextFire('rate(1 minute)', at('2026-06-01T12:00:00.001Z')).toISOString()).toBe(
      '2026-06-01T12:01:00.000Z',
    );
  });
});

describe('invalid expressions throw a clear error', () => {
  it.each([
    '',
    'cron()',
    '0 0 * * ? *',
    'cron(* * * * *)',
    'cron(0 0 * * ? * *)',
    'cron(0 0 * * * *)',
    'cron(0 0 1 * 2 *)',
    'cron(0 0 ? * ? *)',
    'cron(60 0 * * ? *)',
    'cron(0 24 * * ? *)',
    'cron(0 0 0 * ? *)',
    'cron(0 0 32 * ? *)',
    'cron(0 0 * 0 ? *)',
    'cron(0 0 * 13 ? *)',
    'cron(0 0 ? * 0 *)',
    'cron(0 0 ? * 8 *)',
    'cron(0 0 ? * FOO *)',
    'cron(0 0 1 FOO ? *)',
    'cron(0 0 1 MON ? *)',
    'cron(0 0 ? * JAN *)',
    'cron(0/0 * * * ? *)',
    'cron(0/x * * * ? *)',
    'cron(0/5/2 * * * ? *)',
    'cron(5-1 * * * ? *)',
    'cron(0 0 ? * FRI-MON *)',
    'cron(-1 0 * * ? *)',
    'cron(1- 0 * * ? *)',
    'cron(1.5 0 * * ? *)',
    'cron(a 0 * * ? *)',
    'cron(1,,2 0 * * ? *)',
    'cron(1, 0 * * ? *)',
    'cron(? 0 * * ? *)',
    'cron(0 0 * ? ? *)',
    'cron(0 0 ?,1 * MON *)',
    'cron(0 0 * * ? 1969)',
    'cron(0 0 * * ? 2200)',
    'cron(0 0 L-2 * ? *)',
    'cron(0 0 LW * ? *)',
    'cron(0 0 15W * ? *)',
    'cron(0 0 1,L * ? *)',
    'cron(0 0 ? * L *)',
    'cron(0 0 ? * 6L *)',
    'cron(0 0 ? * MON#2 *)',
    'rate(0 minutes)',
    'rate(-5 minutes)',
    'rate(1 minutes)',
    'rate(5 minute)',
    'rate(5 weeks)',
    'rate(5minutes)',
    'rate(1.5 hours)',
    'rate()',
    'every 5 minutes',
    'cron(0 0 * * ? *) ',
  ])('%j', (expr) => {
    if (expr === 'cron(0 0 * * ? *) ') {
      // surrounding whitespace is tolerated; this one is valid
      expect(() => parseSchedule(expr)).not.toThrow();
      return;
    }
    expect(() => parseSchedule(expr)).toThrow(/Invalid schedule expression/);
  });

  it('the message names the expression and the field', () => {
    expect(() => parseSchedule('cron(0 25 * * ? *)')).toThrow(
      'Invalid schedule expression "cron(0 25 * * ? *)": hours value 25 is out of range 0-23',
    );
    expect(() => parseSchedule('cron(0 0 * * * *)')).toThrow(/day-of-week must be "\?"/);
  });

  it('matches and nextFire parse strings and reject invalid dates', () => {
    expect(matches('cron(5 17 L * ? *)', at('2026-11-30T17:05:00Z'))).toBe(true);
    expect(() => matches('cron(5 17 L * ?)', at('2026-11-30T17:05:00Z'))).toThrow(/Invalid schedule/);
    expect(() => matches('rate(1 minute)', new Date(Number.NaN))).toThrow(TypeError);
    expect(() => nextFire('rate(1 minute)', new Date(Number.NaN))).toThrow(TypeError);
  });
});

describe('nextFire agrees with matches (property)', () => {
  const expressions = [
    'cron(5 17 L * ? *)',
    'cron(0/15 * * * ? *)',
    'cron(5 17 10 * ? *)',
    'cron(0 1 ? * MON *)',
    'cron(30 2 ? * MON-FRI *)',
    'cron(0 9-17/4 * * ? *)',
    'cron(7,53 */5 1-3,28 * ? *)',
    'cron(0 0 1 JAN,APR,JUL,OCT ? *)',
    'rate(7 minutes)',
    'rate(3 hours)',
  ];
  const startOf2026 = Date.UTC(2026, 0, 1);
  const endOf2028 = Date.UTC(2029, 0, 1);

  it('the result matches, lies strictly after, and no minute in between matches', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...expressions),
        fc.integer({ min: startOf2026, max: endOf2028 }),
        (expr, t) => {
          const s = parseSchedule(expr);
          const after = new Date(t);
          const next = nextFire(s, after);
          expect(next.getTime()).toBeGreaterThan(t);
          expect(next.getTime() % MINUTE).toBe(0);
          expect(matches(s, next)).toBe(true);
          // brute force: every minute between `after` and `next` must not match
          for (let m = Math.floor(t / MINUTE) + 1; m * MINUTE < next.getTime(); m++) {
            if (matches(s, new Date(m * MINUTE))) return false;
          }
          return true;
        },
      ),
      { numRuns: 60 },
    );
  });
});
