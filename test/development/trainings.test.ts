import { beforeAll, describe, expect, it } from 'vitest';
import * as report from '../../shared/development/report.js';
import * as store from '../../shared/development/training-store.js';
import * as uc from '../../shared/development/trainings.js';
import type { EmployeeRecord } from '../../shared/employees/store.js';
import { listNotifications } from '../../shared/notifications/store.js';
import type { Db } from '../../shared/platform/dynamo.js';
import { InvalidState, ValidationError } from '../../shared/platform/errors.js';
import { depsAt, freshTable } from '../support/db.js';
import { actorOf, actors, NIP, seedOrg } from '../support/org.js';
import { seedPeople } from '../support/people.js';

let db: Db;
let who: ReturnType<typeof actors>;
let crowd: EmployeeRecord[];
const NOW = '2026-11-28T03:00:00.000Z';
const deps = (iso = NOW) => depsAt(db, iso);

const codes = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (e instanceof ValidationError) return (e.details ?? []).map((d) => `${d.path}:${d.code}`).join(' ');
    return `${(e as Error).constructor.name}:${(e as { code?: string }).code ?? ''}`;
  }
};

const program = (extra: Partial<uc.CreateTrainingInput> = {}): uc.CreateTrainingInput => ({
  title: 'Bimtek Pelayanan Publik',
  kind: 'KLASIKAL',
  method: 'BIMTEK',
  jp: 8,
  tags: ['pelayanan-publik'],
  sessions: [
    { startsAt: '2026-12-10T01:00:00Z', endsAt: '2026-12-10T09:00:00Z', place: 'Aula BKPP', capacity: 30 },
  ],
  ...extra,
});

beforeAll(async () => {
  db = await freshTable();
  who = actors(await seedOrg(db));
  crowd = await seedPeople(db, 52);
});

describe('training programs', () => {
  it('BKPP or the admin of the organising agency creates them; bad input names the field', async () => {
    expect(await codes(uc.createTraining(deps(), who.staff, program({ organiserAgencyId: 'DPU' })))).toBe(
      'Forbidden:FORBIDDEN',
    );
    expect(await codes(uc.createTraining(deps(), who.dkkAdmin, program({ organiserAgencyId: 'DPU' })))).toBe(
      'Forbidden:FORBIDDEN',
    );
    expect(
      await codes(
        uc.createTraining(
          deps(),
          who.hr,
          program({
            organiserAgencyId: 'NOPE',
            kind: 'NONKLASIKAL',
            sessions: [
              { startsAt: '2026-12-10T09:00:00Z', endsAt: '2026-12-10T01:00:00Z', place: 'X', capacity: 1 },
            ],
          }),
        ),
      ),
    ).toBe(
      'body.method:method_kind body.sessions.0.endsAt:session_order body.organiserAgencyId:unknown_agency',
    );
    const made = await uc.createTraining(deps(), who.dpuAdmin, program());
    expect(made.organiserAgencyId).toBe('DPU');
    expect(made.startsOn).toBe('2026-12-10');
    expect(made.sessions).toEqual([
      expect.objectContaining({ sessionId: 'S1', capacity: 30, seats: 0, waiting: 0 }),
    ]);
  });

  it('lists by date, by tag and by organiser, one page at a time', async () => {
    const h = deps();
    await uc.createTraining(
      h,
      who.hr,
      program({
        title: 'Literasi Digital',
        tags: ['literasi-digital', 'inovasi'],
        organiserAgencyId: 'BKPP',
        sessions: [
          {
            startsAt: '2027-01-12T01:00:00Z',
            endsAt: '2027-01-12T05:00:00Z',
            place: 'Daring',
            capacity: 100,
          },
        ],
      }),
    );
    await uc.createTraining(
      h,
      who.dkkAdmin,
      program({
        title: 'Pelayanan Kesehatan Prima',
        tags: ['pelayanan-publik', 'kesehatan-masyarakat'],
        sessions: [
          { startsAt: '2026-12-20T01:00:00Z', endsAt: '2026-12-20T05:00:00Z', place: 'DKK', capacity: 20 },
        ],
      }),
    );
    const byTag = await uc.listTrainings(h, { tag: 'pelayanan-publik', limit: 1 });
    expect(byTag.items).toHaveLength(1);
    const next = await uc.listTrainings(h, { tag: 'pelayanan-publik', limit: 1, cursor: byTag.cursor });
    expect([byTag.items[0]?.title, next.items[0]?.title]).toEqual([
      'Bimtek Pelayanan Publik',
      'Pelayanan Kesehatan Prima',
    ]);
    const dkk = await uc.listTrainings(h, { organiser: 'DKK', limit: 10 });
    expect(dkk.items.map((t) => t.title)).toEqual(['Pelayanan Kesehatan Prima']);
    const tagAndOrg = await uc.listTrainings(h, { tag: 'pelayanan-publik', organiser: 'DKK', limit: 10 });
    expect(tagAndOrg.items.map((t) => t.title)).toEqual(['Pelayanan Kesehatan Prima']);
    const january = await uc.listTrainings(h, { from: '2027-01-01', to: '2027-01-31', limit: 10 });
    expect(january.items.map((t) => t.title)).toEqual(['Literasi Digital']);
  });
});

describe('enrolment under concurrency', () => {
  it('50 people race for the last 10 seats: exactly 10 get in, 40 are told the session is full', async () => {
    const t = await uc.createTraining(
      deps(),
      who.hr,
      program({
        organiserAgencyId: 'BKPP',
        sessions: [
          { startsAt: '2026-12-15T01:00:00Z', endsAt: '2026-12-15T09:00:00Z', place: 'Aula', capacity: 12 },
        ],
      }),
    );
    for (const p of crowd.slice(50, 52))
      await uc.enrol(deps(), actorOf(p), t.trainingId, { sessionId: 'S1' });
    const racers = crowd.slice(0, 50);
    const results = await Promise.allSettled(
      racers.map((p) => uc.enrol(deps(), actorOf(p), t.trainingId, { sessionId: 'S1', waitlist: false })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(10);
    expect(lost).toHaveLength(40);
    for (const l of lost) {
      expect(l.reason).toBeInstanceOf(InvalidState);
      expect(l.reason.code).toBe('SESSION_FULL');
    }
    const session = await store.getSession(db, t.trainingId, 'S1');
    expect(session?.seats).toBe(12);
    const all = await store.allEnrolments(db, t.trainingId);
    expect(all.filter((e) => e.status === 'ENROLLED')).toHaveLength(12);
    expect(all).toHaveLength(12);
  });

  it('with the waiting list: 10 seats, 40 places in order, and the list moves up on cancellation', async () => {
    const t = await uc.createTraining(
      deps(),
      who.hr,
      program({
        organiserAgencyId: 'BKPP',
        sessions: [
          { startsAt: '2026-12-16T01:00:00Z', endsAt: '2026-12-16T09:00:00Z', place: 'Aula', capacity: 10 },
        ],
      }),
    );
    const racers = crowd.slice(0, 50);
    const results = await Promise.all(
      racers.map((p) => uc.enrol(deps(), actorOf(p), t.trainingId, { sessionId: 'S1' })),
    );
    const enrolled = results.filter((r) => r.status === 'ENROLLED');
    const waiting = results.filter((r) => r.status === 'WAITLISTED');
    expect(enrolled).toHaveLength(10);
    expect(waiting).toHaveLength(40);
    expect((await store.getSession(db, t.trainingId, 'S1'))?.seats).toBe(10);
    const list = await store.waitingList(db, t.trainingId, 'S1', 100);
    expect(list).toHaveLength(40);
    const positions = await Promise.all(
      list.map(async (w) => {
        const e = await store.getEnrolment(db, t.trainingId, w.nip as string);
        return store.waitingCount(db, t.trainingId, 'S1', e?.waitKey);
      }),
    );
    expect(positions).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect((await uc.getTraining(deps(), t.trainingId)).sessions[0]).toMatchObject({
      seats: 10,
      waiting: 40,
    });

    const head = list[0]?.nip as string;
    const leaver = enrolled[0]?.nip as string;
    const cancelled = await uc.cancelEnrolment(
      deps(),
      actorOf(crowd.find((p) => p.nip === leaver) as EmployeeRecord),
      t.trainingId,
      leaver,
    );
    expect(cancelled.status).toBe('CANCELLED');
    expect((await store.getEnrolment(db, t.trainingId, head))?.status).toBe('ENROLLED');
    expect((await store.getSession(db, t.trainingId, 'S1'))?.seats).toBe(10);
    expect(await store.waitingCount(db, t.trainingId, 'S1')).toBe(39);
    const told = await listNotifications(db, head, { limit: 10 });
    expect(told.items.map((n) => n.kind)).toContain('TRAINING_SEAT');

    // a waiting employee who leaves the list frees no seat and moves nobody in
    const second = list[1]?.nip as string;
    await uc.cancelEnrolment(deps(), who.hr, t.trainingId, second);
    expect(await store.waitingCount(db, t.trainingId, 'S1')).toBe(38);
    expect((await store.getSession(db, t.trainingId, 'S1'))?.seats).toBe(10);
  });

  it('one enrolment per program; only the employee or their admin enrols; closed once started', async () => {
    const t = await uc.createTraining(deps(), who.hr, program({ organiserAgencyId: 'BKPP' }));
    await uc.enrol(deps(), who.dpuAdmin, t.trainingId, { sessionId: 'S1', nip: NIP.staff });
    expect(await codes(uc.enrol(deps(), who.staff, t.trainingId, { sessionId: 'S1' }))).toBe(
      'AlreadyExists:ALREADY_ENROLLED',
    );
    expect(
      await codes(uc.enrol(deps(), who.dkkAdmin, t.trainingId, { sessionId: 'S1', nip: NIP.staff2 })),
    ).toBe('Forbidden:FORBIDDEN');
    expect(await codes(uc.enrol(deps(), who.staff2, t.trainingId, { sessionId: 'S9' }))).toBe(
      'body.sessionId:unknown_session',
    );
    expect(
      await codes(uc.enrol(deps('2026-12-10T02:00:00Z'), who.staff2, t.trainingId, { sessionId: 'S1' })),
    ).toBe('InvalidState:ENROLMENT_CLOSED');
    await uc.cancelEnrolment(deps(), who.staff, t.trainingId, NIP.staff);
    expect((await uc.enrol(deps(), who.staff, t.trainingId, { sessionId: 'S1' })).status).toBe('ENROLLED');
  });
});

describe('attendance, completion and JP across a year boundary', () => {
  it('credits JP to the year of completion, once, and shows the year against the 20 JP target', async () => {
    const h = deps('2026-12-01T03:00:00Z');
    const dec = await uc.createTraining(
      h,
      who.hr,
      program({
        title: 'Akhir Tahun',
        jp: 12,
        organiserAgencyId: 'BKPP',
        sessions: [
          { startsAt: '2026-12-29T01:00:00Z', endsAt: '2026-12-31T09:00:00Z', place: 'Aula', capacity: 5 },
        ],
      }),
    );
    const cross = await uc.createTraining(
      h,
      who.hr,
      program({
        title: 'Lintas Tahun',
        jp: 10,
        organiserAgencyId: 'BKPP',
        sessions: [
          { startsAt: '2026-12-30T01:00:00Z', endsAt: '2027-01-02T09:00:00Z', place: 'Aula', capacity: 5 },
        ],
      }),
    );
    const late = await uc.createTraining(
      h,
      who.hr,
      program({
        title: 'Januari',
        jp: 6,
        organiserAgencyId: 'BKPP',
        sessions: [
          { startsAt: '2027-01-20T01:00:00Z', endsAt: '2027-01-20T09:00:00Z', place: 'Aula', capacity: 5 },
        ],
      }),
    );
    for (const t of [dec, cross, late]) await uc.enrol(h, who.section, t.trainingId, { sessionId: 'S1' });

    // December: the first training is recorded late (on 3 January) but completed on 31 December.
    const jan3 = deps('2027-01-03T02:00:00Z');
    expect(
      await codes(
        uc.recordAttendance(jan3, who.dpuAdmin, dec.trainingId, {
          sessionId: 'S1',
          records: [{ nip: NIP.section, outcome: 'COMPLETED' }],
        }),
      ),
    ).toBe('Forbidden:FORBIDDEN');
    expect(
      await codes(
        uc.recordAttendance(jan3, who.hr, dec.trainingId, {
          sessionId: 'S1',
          records: [{ nip: NIP.staff2, outcome: 'COMPLETED' }],
        }),
      ),
    ).toBe('body.records.0.nip:not_enrolled');
    const first = await uc.recordAttendance(jan3, who.hr, dec.trainingId, {
      sessionId: 'S1',
      records: [{ nip: NIP.section, outcome: 'COMPLETED' }],
    });
    expect(first.results).toEqual([{ nip: NIP.section, status: 'COMPLETED', changed: true, jpCredited: 12 }]);
    const again = await uc.recordAttendance(jan3, who.hr, dec.trainingId, {
      sessionId: 'S1',
      records: [{ nip: NIP.section, outcome: 'COMPLETED' }],
    });
    expect(again.results[0]).toMatchObject({ changed: false, jpCredited: 0 });
    expect(
      await codes(
        uc.recordAttendance(jan3, who.hr, dec.trainingId, {
          sessionId: 'S1',
          records: [{ nip: NIP.section, outcome: 'NO_SHOW' }],
        }),
      ),
    ).toBe('body.records.0.outcome:already_completed');
    // The cross-year one ends on 2 January: its JP belong to 2027.
    await uc.recordAttendance(jan3, who.hr, cross.trainingId, {
      sessionId: 'S1',
      records: [{ nip: NIP.section, outcome: 'COMPLETED' }],
    });
    expect(
      await codes(
        uc.recordAttendance(jan3, who.hr, late.trainingId, {
          sessionId: 'S1',
          records: [{ nip: NIP.section, outcome: 'COMPLETED' }],
        }),
      ),
    ).toBe('InvalidState:ATTENDANCE_TOO_EARLY');

    const y2026 = await report.employeeDevelopment(jan3, who.section, NIP.section, 2026);
    expect(y2026.jp).toMatchObject({
      earned: 12,
      remaining: 8,
      reached: false,
      rule: { kind: 'MINIMUM', jp: 20 },
    });
    expect(y2026.activities.map((a) => [a.title, a.status, a.completedOn])).toEqual([
      ['Akhir Tahun', 'COMPLETED', '2026-12-31'],
    ]);
    expect(y2026.expectedToDate).toBe(20);
    expect(y2026.behindPace).toBe(true);
    const y2027 = await report.employeeDevelopment(jan3, who.section, NIP.section, 2027);
    expect(y2027.jp).toMatchObject({ earned: 10, remaining: 10 });
    expect(y2027.activities.map((a) => [a.title, a.status])).toEqual([
      ['Lintas Tahun', 'COMPLETED'],
      ['Januari', 'ENROLLED'],
    ]);
    expect(y2027.upcoming.map((a) => a.title)).toEqual(['Januari']);
    expect(y2027.behindPace).toBe(false); // 10 JP on 3 January is well ahead of 0.1
    // the supervisor and the agency admin may read it; a colleague learns nothing
    expect(await codes(report.employeeDevelopment(jan3, who.division, NIP.section, 2027))).toBe('ok');
    expect(await codes(report.employeeDevelopment(jan3, who.dpuAdmin, NIP.section, 2027))).toBe('ok');
    expect(await codes(report.employeeDevelopment(jan3, who.staff, NIP.section, 2027))).toBe(
      'NotFound:NOT_FOUND',
    );
  });

  it('a PPPK sees the 24 JP ceiling', async () => {
    const [pppk] = await seedPeople(db, 1, { employmentType: 'PPPK', birth: '19920202' });
    const p = pppk as EmployeeRecord;
    const t = await uc.createTraining(
      deps('2026-03-01T00:00:00Z'),
      who.hr,
      program({
        jp: 30,
        organiserAgencyId: 'BKPP',
        sessions: [
          { startsAt: '2026-03-10T01:00:00Z', endsAt: '2026-03-12T09:00:00Z', place: 'Aula', capacity: 5 },
        ],
      }),
    );
    await uc.enrol(deps('2026-03-01T00:00:00Z'), actorOf(p), t.trainingId, { sessionId: 'S1' });
    await uc.recordAttendance(deps('2026-03-13T00:00:00Z'), who.hr, t.trainingId, {
      sessionId: 'S1',
      records: [{ nip: p.nip, outcome: 'COMPLETED' }],
    });
    const view = await report.employeeDevelopment(deps('2026-03-13T00:00:00Z'), actorOf(p), p.nip, 2026);
    expect(view.jp).toEqual({
      rule: { kind: 'CEILING', jp: 24 },
      earned: 30,
      counted: 24,
      remaining: 0,
      reached: true,
      overCeiling: true,
    });
    expect(view.behindPace).toBe(false);
  });
});

describe('feedback', () => {
  it('participants who attended give it once; the organiser sees the summary', async () => {
    const h = deps('2026-10-01T00:00:00Z');
    const t = await uc.createTraining(
      h,
      who.dpuAdmin,
      program({
        sessions: [
          { startsAt: '2026-10-10T01:00:00Z', endsAt: '2026-10-10T09:00:00Z', place: 'DPU', capacity: 10 },
        ],
      }),
    );
    for (const p of crowd.slice(0, 4)) await uc.enrol(h, actorOf(p), t.trainingId, { sessionId: 'S1' });
    const after = deps('2026-10-11T00:00:00Z');
    await uc.recordAttendance(after, who.dpuAdmin, t.trainingId, {
      sessionId: 'S1',
      records: [
        { nip: crowd[0]?.nip as string, outcome: 'COMPLETED' },
        { nip: crowd[1]?.nip as string, outcome: 'COMPLETED' },
        { nip: crowd[2]?.nip as string, outcome: 'ATTENDED' },
        { nip: crowd[3]?.nip as string, outcome: 'NO_SHOW' },
      ],
    });
    const a = (i: number) => actorOf(crowd[i] as EmployeeRecord);
    await uc.giveFeedback(after, a(0), t.trainingId, { rating: 5, comment: 'Sangat bermanfaat' });
    await uc.giveFeedback(after, a(1), t.trainingId, { rating: 3 });
    await uc.giveFeedback(after, a(2), t.trainingId, { rating: 4, comment: 'Materi padat' });
    expect(await codes(uc.giveFeedback(after, a(0), t.trainingId, { rating: 1 }))).toBe(
      'InvalidState:FEEDBACK_NOT_ALLOWED',
    );
    expect(await codes(uc.giveFeedback(after, a(3), t.trainingId, { rating: 1 }))).toBe(
      'InvalidState:FEEDBACK_NOT_ALLOWED',
    );
    expect(await codes(uc.feedbackSummary(after, who.dkkAdmin, t.trainingId))).toBe('Forbidden:FORBIDDEN');
    const summary = await uc.feedbackSummary(after, who.dpuAdmin, t.trainingId);
    expect(summary).toMatchObject({
      participants: 4,
      completed: 2,
      count: 3,
      average: 4,
      distribution: [0, 0, 1, 1, 1],
    });
    expect(summary.comments.map((c) => c.comment).sort()).toEqual(['Materi padat', 'Sangat bermanfaat']);
  });
});
