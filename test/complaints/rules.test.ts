/** The complaint rules and lifecycle, pure: no table, no clock, the real 2026 calendar. */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Calendars } from '../../shared/calendar/rules.js';
import { defaultCategories } from '../../shared/complaints/categories.js';
import * as life from '../../shared/complaints/lifecycle.js';
import {
  type Action,
  agencyFigures,
  audienceOf,
  CODE_ALPHABET,
  canDo,
  checkSymbol,
  DEFAULT_SERVICE_LEVEL,
  dueSteps,
  insideCity,
  isEmail,
  isHttpsUrl,
  isNik,
  isPhone,
  isTrackingCode,
  median,
  monthsOf,
  newClock,
  newReporterSecret,
  newTrackingCode,
  nextCheckAt,
  normaliseCode,
  open311Status,
  pendingSteps,
  STATUSES,
  type Status,
  stepTime,
  TRANSITIONS,
} from '../../shared/complaints/rules.js';
import { holidays2026 } from '../support/complaints.js';

const cals: Calendars = { 2026: holidays2026 };
const at = (iso: string) => ({ now: new Date(iso), calendars: cals });
const SL = DEFAULT_SERVICE_LEVEL;

describe('service-level deadlines on the 2026 calendar (DOMAIN §7)', () => {
  const due = (iso: string, days: number) => newClock('ANSWER', 1, new Date(iso), days, cals).due;

  it('verified Tuesday 2026-03-17 with a 5-working-day level: due 2026-03-31 end of day WIB', () => {
    // 18 cuti Nyepi, 19 Nyepi, 20 cuti Idul Fitri, 21–22 Idul Fitri (weekend), 23–24 cuti bersama
    expect(due('2026-03-17T03:00:00.000Z', 5)).toBe('2026-03-31T16:59:59.999Z');
  });

  it.each([
    [
      'Friday before a weekend: verification is due Monday',
      '2026-03-13T03:00:00.000Z',
      1,
      '2026-03-16T16:59:59.999Z',
    ],
    [
      'the day before cuti bersama Nyepi: 1 day lands after Lebaran',
      '2026-03-17T03:00:00.000Z',
      1,
      '2026-03-25T16:59:59.999Z',
    ],
    ['first action (3) from 17 March', '2026-03-17T03:00:00.000Z', 3, '2026-03-27T16:59:59.999Z'],
    [
      'Imlek: cuti Monday 16 Feb and Imlek Tuesday 17 Feb are off',
      '2026-02-13T03:00:00.000Z',
      1,
      '2026-02-18T16:59:59.999Z',
    ],
    [
      'Idul Adha, its cuti bersama, Waisak on Sunday and Pancasila day',
      '2026-05-26T03:00:00.000Z',
      2,
      '2026-06-02T16:59:59.999Z',
    ],
    [
      'Christmas: cuti 24 Dec and 25 Dec, then the weekend',
      '2026-12-23T03:00:00.000Z',
      1,
      '2026-12-28T16:59:59.999Z',
    ],
    [
      'Good Friday inside a 10-day auto-close from 31 March',
      '2026-03-31T09:00:00.000Z',
      10,
      '2026-04-15T16:59:59.999Z',
    ],
    [
      'an event at 03:00 WIB counts from its WIB date (the 17th), not its UTC date (the 16th)',
      '2026-03-16T20:00:00.000Z',
      1,
      '2026-03-25T16:59:59.999Z',
    ],
    [
      'a Saturday event: the first working day after it',
      '2026-03-28T03:00:00.000Z',
      1,
      '2026-03-30T16:59:59.999Z',
    ],
    [
      '14 working days (NO_FIELD_CHECK) across May holidays',
      '2026-05-11T03:00:00.000Z',
      14,
      '2026-06-05T16:59:59.999Z',
    ],
  ])('%s', (_what, from, days, expected) => {
    expect(due(from, days)).toBe(expected);
  });

  it('60 working days (FIELD_CHECK) run into 2027, counted with weekends only until its list is published', () => {
    expect(due('2026-11-02T03:00:00.000Z', 60)).toBe('2027-01-27T16:59:59.999Z');
  });

  it('submit starts the desk clock and estimates the answer from the category complexity', () => {
    const { complaint } = life.submit(
      newComplaint({ defaultComplexity: 'SIMPLE' }),
      at('2026-03-17T03:00:00.000Z'),
    );
    expect(complaint.clocks).toEqual([
      { id: 'VERIFY-1', kind: 'VERIFY', start: '2026-03-17T03:00:00.000Z', due: '2026-03-25T16:59:59.999Z' },
    ]);
    // 5 working days after 25 March: 26, 27, 30, 31 March, 1 April
    expect(complaint.expectedAt).toBe('2026-04-01T16:59:59.999Z');
  });
});

const newComplaint = (extra: Partial<life.NewComplaint> = {}): life.NewComplaint => ({
  id: 'ABCDEFGH2',
  privacy: 'PUBLIC',
  category: 'JALAN_RUSAK',
  description: 'Jalan berlubang dalam di depan sekolah.',
  location: { lat: -7.05, lng: 110.43 },
  photoUrls: [],
  source: 'WEB',
  secret: { salt: 's', hash: 'h' },
  hasReporterDetails: true,
  serviceLevel: SL,
  defaultComplexity: 'FIELD_CHECK',
  ...extra,
});

describe('the lifecycle state machine', () => {
  const ACTIONS = Object.keys(TRANSITIONS) as Action[];
  const allowed: Record<Status, Action[]> = {
    SUBMITTED: ['verify', 'reject', 'merge', 'note', 'message'],
    VERIFIED: ['merge', 'acknowledge', 'handback', 'note', 'message'],
    IN_PROGRESS: ['respond', 'handback', 'note', 'message'],
    RESPONDED: ['note', 'message', 'rate', 'confirm', 'reopen', 'autoClose'],
    CLOSED: ['rate', 'reopen'],
    REJECTED: [],
    MERGED: [],
  };
  const cells = STATUSES.flatMap((s) => ACTIONS.map((a) => [s, a, allowed[s].includes(a)] as const));
  it.each(cells)('%s · %s → allowed %s', (status, action, expected) => {
    expect(canDo(status, action)).toBe(expected);
  });

  const verified = () => {
    const s = life.submit(newComplaint(), at('2026-03-16T03:00:00.000Z')).complaint;
    return life.verify(
      s,
      {
        title: 'Jalan berlubang',
        classification: 'PENGADUAN',
        category: 'JALAN_RUSAK',
        agencyId: 'DPU',
        complexity: 'SIMPLE',
        serviceLevel: SL,
      },
      '199211112018032011',
      at('2026-03-17T03:00:00.000Z'),
    );
  };

  it('verify assigns and starts the first-action and answer clocks (with the due date of DOMAIN §7)', () => {
    const { complaint: c, events } = verified();
    expect(c.status).toBe('VERIFIED');
    expect(c.agencyId).toBe('DPU');
    expect(c.version).toBe(2);
    expect(c.clocks.map((k) => [k.id, k.due])).toEqual([
      ['FIRST_ACTION-2', '2026-03-27T16:59:59.999Z'],
      ['ANSWER-3', '2026-03-31T16:59:59.999Z'],
    ]);
    expect(c.expectedAt).toBe('2026-03-31T16:59:59.999Z');
    expect(events[0]).toMatchObject({ kind: 'VERIFIED', by: 'DESK', agencyId: 'DPU' });
  });

  it('acknowledge stops the first-action clock, respond starts auto-close and records the service level', () => {
    const a = life.acknowledge(verified().complaint, 'o', at('2026-03-25T03:00:00.000Z')).complaint;
    expect(a.status).toBe('IN_PROGRESS');
    expect(a.clocks.map((k) => k.kind)).toEqual(['ANSWER']);
    const r = life.respond(
      a,
      { text: 'Sudah ditambal.', photoUrls: [] },
      'o',
      at('2026-03-31T09:00:00.000Z'),
    );
    expect(r.complaint.status).toBe('RESPONDED');
    expect(r.complaint.answeredWithinSla).toBe(true);
    expect(r.complaint.clocks).toEqual([
      {
        id: 'AUTO_CLOSE-4',
        kind: 'AUTO_CLOSE',
        start: '2026-03-31T09:00:00.000Z',
        due: '2026-04-15T16:59:59.999Z',
      },
    ]);
    const late = life.respond(
      a,
      { text: 'Sudah ditambal.', photoUrls: [] },
      'o',
      at('2026-04-01T01:00:00.000Z'),
    );
    expect(late.complaint.answeredWithinSla).toBe(false);
  });

  it('reopen restarts the answer clock from the reopening and keeps the first answer in the figures', () => {
    const a = life.acknowledge(verified().complaint, 'o', at('2026-03-25T03:00:00.000Z')).complaint;
    const r = life.respond(
      a,
      { text: 'Sudah.', photoUrls: [] },
      'o',
      at('2026-03-26T03:00:00.000Z'),
    ).complaint;
    const o = life.reopen(r, 'Masih berlubang.', at('2026-03-30T03:00:00.000Z')).complaint;
    expect(o.status).toBe('IN_PROGRESS');
    expect(o.reopenCount).toBe(1);
    expect(o.clocks).toEqual([
      { id: 'ANSWER-5', kind: 'ANSWER', start: '2026-03-30T03:00:00.000Z', due: '2026-04-07T16:59:59.999Z' },
    ]);
    expect(o.expectedAt).toBe('2026-04-07T16:59:59.999Z');
    expect(o.firstRespondedAt).toBe('2026-03-26T03:00:00.000Z');
  });

  it('a CLOSED complaint may be reopened within 10 working days of closing, not after', () => {
    const a = life.acknowledge(verified().complaint, 'o', at('2026-03-25T03:00:00.000Z')).complaint;
    const r = life.respond(
      a,
      { text: 'Sudah.', photoUrls: [] },
      'o',
      at('2026-03-26T03:00:00.000Z'),
    ).complaint;
    const closed = life.rate(r, 4, true, at('2026-03-31T09:00:00.000Z')).complaint;
    expect(closed.status).toBe('CLOSED');
    expect(closed.closedBy).toBe('REPORTER');
    expect(closed.reopenUntil).toBe('2026-04-15T16:59:59.999Z');
    expect(life.mayReopen(closed, new Date('2026-04-15T16:59:59.999Z'))).toBe(true);
    expect(life.mayReopen(closed, new Date('2026-04-15T17:00:00.000Z'))).toBe(false);
    expect(life.mayReopen(r, new Date('2027-01-01T00:00:00.000Z'))).toBe(true);
  });

  it('a rating that is not "solved" keeps it RESPONDED', () => {
    const a = life.acknowledge(verified().complaint, 'o', at('2026-03-25T03:00:00.000Z')).complaint;
    const r = life.respond(
      a,
      { text: 'Sudah.', photoUrls: [] },
      'o',
      at('2026-03-26T03:00:00.000Z'),
    ).complaint;
    const rated = life.rate(r, 2, false, at('2026-03-27T03:00:00.000Z'));
    expect(rated.complaint.status).toBe('RESPONDED');
    expect(rated.complaint.rating).toMatchObject({ score: 2, solved: false, cycle: 0 });
    expect(rated.events.map((e) => e.kind)).toEqual(['RATED']);
  });

  it('handback returns it to the desk without the agency and restarts the verification clock', () => {
    const h = life.handback(
      verified().complaint,
      'Jalan provinsi, bukan wewenang kota.',
      'o',
      at('2026-03-25T03:00:00.000Z'),
    );
    expect(h.complaint.status).toBe('SUBMITTED');
    expect(h.complaint.agencyId).toBeUndefined();
    expect(h.complaint.handbackCount).toBe(1);
    expect(h.complaint.clocks).toEqual([
      { id: 'VERIFY-4', kind: 'VERIFY', start: '2026-03-25T03:00:00.000Z', due: '2026-03-26T16:59:59.999Z' },
    ]);
    expect(h.events[0]).toMatchObject({
      kind: 'HANDED_BACK',
      agencyId: 'DPU',
      internalText: expect.any(String),
    });
  });

  it('merge: the duplicate points at the primary, which lists it; no clock runs on the duplicate', () => {
    const dup = life.submit(newComplaint({ id: 'DUPLICAT3' }), at('2026-03-16T04:00:00.000Z')).complaint;
    const m = life.merge(dup, verified().complaint, 'd', at('2026-03-17T05:00:00.000Z'));
    expect(m.duplicate.complaint).toMatchObject({ status: 'MERGED', mergedInto: 'ABCDEFGH2', clocks: [] });
    expect(m.primary.complaint.merged).toEqual(['DUPLICAT3']);
  });

  it('a message while RESPONDED breaks the silence: the auto-close clock starts again', () => {
    const a = life.acknowledge(verified().complaint, 'o', at('2026-03-25T03:00:00.000Z')).complaint;
    const r = life.respond(
      a,
      { text: 'Sudah.', photoUrls: [] },
      'o',
      at('2026-03-26T03:00:00.000Z'),
    ).complaint;
    const m = life.message(r, 'Belum selesai di sisi utara.', at('2026-04-06T03:00:00.000Z')).complaint;
    expect(m.clocks[0]?.start).toBe('2026-04-06T03:00:00.000Z');
    const before = life.message(a, 'Tambahan foto.', at('2026-03-26T03:00:00.000Z')).complaint;
    expect(before.clocks).toEqual(a.clocks);
  });
});

describe('the escalation ladder', () => {
  const clock = newClock('ANSWER', 3, new Date('2026-03-17T03:00:00.000Z'), 5, cals);

  it('75% of the wall-clock time, the deadline, and twice the time', () => {
    expect(stepTime(clock, 'WARNING').toISOString()).toBe('2026-03-28T01:29:59.999Z');
    expect(stepTime(clock, 'BREACH').toISOString()).toBe('2026-03-31T16:59:59.999Z');
    expect(stepTime(clock, 'DOUBLE').toISOString()).toBe('2026-04-15T06:59:59.998Z');
  });

  it('who is told at each step', () => {
    expect(audienceOf('ANSWER', 'WARNING')).toEqual(['AGENCY_ADMIN']);
    expect(audienceOf('FIRST_ACTION', 'BREACH')).toEqual(['AGENCY_HEAD']);
    expect(audienceOf('ANSWER', 'DOUBLE')).toEqual(['CITY_DESK', 'INSPEKTORAT']);
    expect(audienceOf('VERIFY', 'WARNING')).toEqual(['CITY_DESK']);
    expect(audienceOf('VERIFY', 'DOUBLE')).toEqual(['CITY_DESK', 'INSPEKTORAT']);
    expect(audienceOf('AUTO_CLOSE', 'CLOSE')).toEqual([]);
  });

  it('steps come due one by one and each is recorded once', () => {
    expect(dueSteps([clock], [], new Date('2026-03-28T01:29:59.998Z'))).toEqual([]);
    const warn = dueSteps([clock], [], new Date('2026-03-28T01:29:59.999Z'));
    expect(warn.map((s) => s.step)).toEqual(['WARNING']);
    const recorded = [{ clockId: clock.id, step: 'WARNING' as const }];
    expect(nextCheckAt([clock], recorded)?.toISOString()).toBe('2026-03-31T16:59:59.999Z');
    expect(dueSteps([clock], recorded, new Date('2026-04-20T00:00:00.000Z')).map((s) => s.step)).toEqual([
      'BREACH',
      'DOUBLE',
    ]);
    const all = [
      ...recorded,
      { clockId: clock.id, step: 'BREACH' as const },
      { clockId: clock.id, step: 'DOUBLE' as const },
    ];
    expect(nextCheckAt([clock], all)).toBeUndefined();
  });

  it('a late job records every step that passed, and the auto-close closes', () => {
    const a = life.submit(newComplaint(), at('2026-03-16T03:00:00.000Z')).complaint;
    const v = life.verify(
      a,
      {
        title: 'Jalan',
        classification: 'PENGADUAN',
        category: 'JALAN_RUSAK',
        agencyId: 'DPU',
        complexity: 'SIMPLE',
        serviceLevel: SL,
      },
      'd',
      at('2026-03-17T03:00:00.000Z'),
    ).complaint;
    const now = new Date('2026-04-16T00:00:00.000Z');
    const steps = dueSteps(v.clocks, v.escalations, now);
    expect(steps.map((s) => `${s.clock.kind}:${s.step}`)).toEqual([
      'FIRST_ACTION:WARNING',
      'FIRST_ACTION:BREACH',
      'ANSWER:WARNING',
      'ANSWER:BREACH',
      'FIRST_ACTION:DOUBLE',
      'ANSWER:DOUBLE',
    ]);
    const e = life.escalate(v, steps, { now, calendars: cals });
    expect(e.complaint.escalations).toHaveLength(6);
    expect(e.events.every((x) => x.kind === 'ESCALATED')).toBe(true);
    expect(pendingSteps(e.complaint.clocks, e.complaint.escalations)).toEqual([]);

    const ack = life.acknowledge(v, 'o', at('2026-03-18T03:00:00.000Z')).complaint;
    const resp = life.respond(
      ack,
      { text: 'Selesai.', photoUrls: [] },
      'o',
      at('2026-03-31T09:00:00.000Z'),
    ).complaint;
    const closeAt = new Date('2026-04-15T16:59:59.999Z');
    expect(dueSteps(resp.clocks, resp.escalations, new Date(closeAt.getTime() - 1))).toEqual([]);
    const closing = life.escalate(resp, dueSteps(resp.clocks, resp.escalations, closeAt), {
      now: closeAt,
      calendars: cals,
    });
    expect(closing.complaint).toMatchObject({ status: 'CLOSED', closedBy: 'AUTO', clocks: [] });
    expect(closing.events.map((x) => x.kind)).toEqual(['CLOSED']);
  });
});

describe('tracking codes and secrets', () => {
  it('use an alphabet without 0, O, 1, I or L', () => {
    expect(CODE_ALPHABET).toHaveLength(31);
    for (const c of '0O1IL') expect(CODE_ALPHABET).not.toContain(c);
  });

  it('are 8 random symbols and a check symbol; 5,000 from crypto are valid and distinct', () => {
    const codes = Array.from({ length: 5000 }, () => newTrackingCode(randomBytes));
    expect(new Set(codes).size).toBe(5000);
    for (const c of codes) {
      expect(c).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{9}$/);
      expect(isTrackingCode(c)).toBe(true);
    }
  });

  it('come from the random source, not a counter; biased bytes are rejected', () => {
    const fixed = (bytes: number[]) => (n: number) =>
      Uint8Array.from({ length: n }, (_, i) => bytes[i % bytes.length] as number);
    expect(newTrackingCode(fixed([0]))).toBe(newTrackingCode(fixed([0])));
    // 248..255 would favour the first eight symbols: they are skipped
    const code = newTrackingCode(fixed([255, 250, 1]));
    expect(code.slice(0, 8)).toBe('33333333');
  });

  it('catch every single-symbol mistake', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 64, maxLength: 64 }),
        fc.nat(8),
        fc.nat(29),
        (bytes, pos, delta) => {
          const code = newTrackingCode(() => bytes.map((b) => b % 248));
          const wrong = CODE_ALPHABET[
            (CODE_ALPHABET.indexOf(code[pos] as string) + 1 + delta) % 31
          ] as string;
          expect(isTrackingCode(code.slice(0, pos) + wrong + code.slice(pos + 1))).toBe(false);
        },
      ),
    );
  });

  it('catch every adjacent swap of two different symbols, the check symbol included', () => {
    for (let i = 0; i < 2000; i++) {
      const code = newTrackingCode(randomBytes);
      for (let pos = 0; pos < 8; pos++) {
        if (code[pos] === code[pos + 1]) continue;
        const swapped = code.slice(0, pos) + code[pos + 1] + code[pos] + code.slice(pos + 2);
        expect(isTrackingCode(swapped), `${code} → ${swapped}`).toBe(false);
      }
    }
  });

  it('are read forgivingly (case, dashes, spaces) but never with a foreign symbol', () => {
    const code = newTrackingCode(randomBytes);
    const typed = `${code.slice(0, 4).toLowerCase()}-${code.slice(4)} `;
    expect(isTrackingCode(typed)).toBe(true);
    expect(normaliseCode(typed)).toBe(code);
    expect(isTrackingCode(`${code.slice(0, 8)}0`)).toBe(false);
    expect(isTrackingCode(code.slice(0, 8))).toBe(false);
    expect(checkSymbol('22222222')).toMatch(/^[23456789A-HJKMNP-Z]$/);
  });

  it('secrets are 20 symbols of the same alphabet', () => {
    const s = newReporterSecret(randomBytes);
    expect(s).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{20}$/);
    expect(newReporterSecret(randomBytes)).not.toBe(s);
  });
});

describe('the city boundary and reporter fields', () => {
  it.each([
    [-6.9932, 110.4203, true, 'Simpang Lima'],
    [-7.0565, 110.4381, true, 'Tembalang'],
    [-6.93, 110.27, true, 'a corner of the box'],
    [-7.11, 110.4, true, 'on the southern edge'],
    [-6.2088, 106.8456, false, 'Jakarta'],
    [-7.2575, 110.4, false, 'Ungaran (Kab. Semarang)'],
    [-6.95, 110.6, false, 'Demak side'],
    [6.99, 110.42, false, 'the wrong hemisphere'],
    [Number.NaN, 110.42, false, 'not a number'],
  ])('(%s, %s) inside: %s (%s)', (lat, lng, expected) => {
    expect(insideCity(lat, lng)).toBe(expected);
  });

  it('NIK, phone, e-mail, https links', () => {
    expect(isNik('3374015507880003')).toBe(true);
    expect(isNik('337401550788000')).toBe(false);
    expect(isNik('0074015507880003')).toBe(false);
    expect(isNik('33740155078800AB')).toBe(false);
    expect(isPhone('081234567890')).toBe(true);
    expect(isPhone('+62 812-3456-7890')).toBe(true);
    expect(isPhone('021555')).toBe(false);
    expect(isEmail('warga@example.id')).toBe(true);
    expect(isEmail('warga@localhost')).toBe(false);
    expect(isHttpsUrl('https://foto.example.id/a.jpg')).toBe(true);
    expect(isHttpsUrl('http://foto.example.id/a.jpg')).toBe(false);
    expect(isHttpsUrl('javascript:alert(1)')).toBe(false);
  });
});

describe('Open311 statuses', () => {
  it.each([
    ['SUBMITTED', 'open'],
    ['VERIFIED', 'open'],
    ['IN_PROGRESS', 'open'],
    ['RESPONDED', 'open'],
    ['CLOSED', 'closed'],
    ['REJECTED', 'closed'],
    ['MERGED', 'closed'],
  ] as const)('%s → %s', (status, expected) => {
    expect(open311Status(status)).toBe(expected);
  });
});

describe('figures', () => {
  it('median of odd, even and empty lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeUndefined();
  });

  it('per agency: volume, median hours, share within the level, reopen rate, satisfaction', () => {
    const base = { submittedAt: '2026-03-02T00:00:00.000Z', reopenCount: 0 };
    const figures = agencyFigures([
      {
        ...base,
        agencyId: 'DPU',
        status: 'CLOSED',
        verifiedAt: '2026-03-02T02:00:00.000Z',
        acknowledgedAt: '2026-03-02T12:00:00.000Z',
        firstRespondedAt: '2026-03-04T02:00:00.000Z',
        answeredWithinSla: true,
        rating: { score: 5, solved: true },
      },
      {
        ...base,
        agencyId: 'DPU',
        status: 'IN_PROGRESS',
        verifiedAt: '2026-03-02T04:00:00.000Z',
        acknowledgedAt: '2026-03-03T04:00:00.000Z',
        firstRespondedAt: '2026-03-12T04:00:00.000Z',
        answeredWithinSla: false,
        reopenCount: 1,
        rating: { score: 2, solved: false },
      },
      { ...base, agencyId: 'DPU', status: 'VERIFIED', verifiedAt: '2026-03-02T06:00:00.000Z' },
      { ...base, agencyId: 'DLH', status: 'MERGED' },
      { ...base, status: 'SUBMITTED' },
    ]);
    expect(figures).toEqual([
      {
        agencyId: 'DPU',
        volume: 3,
        medianHoursToVerify: 4,
        medianHoursToFirstAction: 17,
        medianHoursToAnswer: 144,
        answered: 2,
        withinServiceLevelPct: 50,
        reopenRatePct: 50,
        ratings: 2,
        averageRating: 3.5,
        solvedPct: 50,
      },
    ]);
  });

  it('periods: a month, or the twelve months of a year', () => {
    expect(monthsOf('2026-03')).toEqual(['2026-03']);
    expect(monthsOf('2026')).toHaveLength(12);
    expect(monthsOf('2026')[11]).toBe('2026-12');
  });
});

describe('default categories', () => {
  it('route to agencies of Semarang, with DOMAIN §6 levels unless a category says otherwise', () => {
    const cats = defaultCategories(new Date('2026-01-01T00:00:00.000Z'));
    const by = new Map(cats.map((c) => [c.code, c]));
    expect(by.get('JALAN_RUSAK')?.agencyId).toBe('DPU');
    expect(by.get('DRAINASE')?.agencyId).toBe('DPU');
    expect(by.get('PJU')?.agencyId).toBe('DISPERKIM');
    expect(by.get('SAMPAH')?.agencyId).toBe('DLH');
    expect(by.get('JALAN_RUSAK')?.serviceLevel).toEqual(SL);
    expect(by.get('BENCANA')?.serviceLevel.firstActionDays).toBe(1);
    expect(by.get('BENCANA')?.serviceLevel.answerDays).toEqual(SL.answerDays);
  });
});
