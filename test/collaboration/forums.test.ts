import { beforeAll, describe, expect, it } from 'vitest';
import { handler as remindersJob } from '../../functions/jobs/forum-action-reminders.js';
import { scheduledEvent } from '../../infra/local/jobs.js';
import * as store from '../../shared/collaboration/forum-store.js';
import * as uc from '../../shared/collaboration/forums.js';
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
const NOW = '2026-11-20T03:00:00.000Z';
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

const forumInput = (extra: Record<string, unknown> = {}) => ({
  kind: 'FORUM' as const,
  topic: 'Penanganan banjir rob terpadu',
  invitedAgencyIds: ['DKK', 'SETDA'],
  startsAt: '2026-11-25T01:00:00Z',
  endsAt: '2026-11-25T05:00:00Z',
  place: 'Ruang Rapat DPU',
  capacity: 20,
  ...extra,
});

beforeAll(async () => {
  db = await freshTable();
  who = actors(await seedOrg(db));
  crowd = await seedPeople(db, 30);
});

describe('forums', () => {
  it('the host agency plans one and invites agencies; bad input names the field', async () => {
    expect(await codes(uc.createForum(deps(), who.dkkAdmin, { ...forumInput(), hostAgencyId: 'DPU' }))).toBe(
      'Forbidden:FORBIDDEN',
    );
    expect(
      await codes(
        uc.createForum(
          deps(),
          who.dpuAdmin,
          forumInput({ invitedAgencyIds: ['DPU', 'NOPE'], endsAt: '2026-11-24T00:00:00Z' }),
        ),
      ),
    ).toBe(
      'body.endsAt:ends_before_start body.invitedAgencyIds.0:host_invited body.invitedAgencyIds.1:unknown_agency',
    );
    const f = await uc.createForum(deps(), who.dpuAdmin, forumInput());
    expect(f).toMatchObject({
      hostAgencyId: 'DPU',
      invitedAgencyIds: ['DKK', 'SETDA'],
      seats: 0,
      version: 1,
    });
    const forDkk = await uc.listForums(deps(), { agencyId: 'DKK', limit: 10 });
    expect(forDkk.items.map((x) => x.forumId)).toContain(f.forumId);
    const forBpkad = await uc.listForums(deps(), { agencyId: 'BPKAD', limit: 10 });
    expect(forBpkad.items).toHaveLength(0);
    const byDate = await uc.listForums(deps(), { from: '2026-11-25', to: '2026-11-25', limit: 10 });
    expect(byDate.items.map((x) => x.forumId)).toEqual([f.forumId]);
  });

  it('registration holds the capacity under a race of 30 for 8 seats; only invited agencies', async () => {
    const f = await uc.createForum(deps(), who.dpuAdmin, forumInput({ capacity: 8 }));
    const results = await Promise.allSettled(
      crowd.map((p) => uc.register(deps(), actorOf(p), f.forumId, {})),
    );
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(8);
    expect(lost).toHaveLength(22);
    for (const l of lost) {
      expect(l.reason).toBeInstanceOf(InvalidState);
      expect(l.reason.code).toBe('FORUM_FULL');
    }
    expect((await store.getForum(db, f.forumId, true))?.seats).toBe(8);
    const other = await uc.createForum(deps(), who.dkkAdmin, forumInput({ invitedAgencyIds: ['SETDA'] }));
    expect(await codes(uc.register(deps(), who.staff, other.forumId, {}))).toBe('InvalidState:NOT_INVITED');
    expect(await codes(uc.register(deps('2026-11-25T02:00:00Z'), who.dkkAdmin, other.forumId, {}))).toBe(
      'InvalidState:REGISTRATION_CLOSED',
    );
  });

  it('attendance, minutes (versioned), cancellation frees a seat', async () => {
    const f = await uc.createForum(deps(), who.dpuAdmin, forumInput({ capacity: 2 }));
    await uc.register(deps(), who.staff, f.forumId, {});
    await uc.register(deps(), who.dkkAdmin, f.forumId, {});
    expect(await codes(uc.register(deps(), who.staff2, f.forumId, {}))).toBe('InvalidState:FORUM_FULL');
    await uc.cancelRegistration(deps(), who.staff, f.forumId, NIP.staff);
    await uc.register(deps(), who.dpuAdmin, f.forumId, { nip: NIP.staff2 });
    const during = deps('2026-11-25T02:00:00Z');
    expect(await codes(uc.recordAttendance(during, who.dpuAdmin, f.forumId, { nips: [NIP.staff] }))).toBe(
      'body.nips.0:not_registered',
    );
    expect(
      await uc.recordAttendance(during, who.dpuAdmin, f.forumId, { nips: [NIP.staff2, NIP.dkkAdmin] }),
    ).toEqual({
      attended: 2,
      unchanged: 0,
    });
    expect(await codes(uc.setMinutes(deps(), who.dpuAdmin, f.forumId, { version: 1, minutes: 'x' }))).toBe(
      'InvalidState:FORUM_NOT_STARTED',
    );
    const withMinutes = await uc.setMinutes(during, who.dpuAdmin, f.forumId, {
      version: 1,
      minutes: 'Notulen rapat',
    });
    expect(withMinutes).toMatchObject({ minutes: 'Notulen rapat', version: 2, seats: 2 });
    expect(await codes(uc.setMinutes(during, who.dpuAdmin, f.forumId, { version: 1, minutes: 'lama' }))).toBe(
      'Conflict:CONFLICT',
    );
  });
});

describe('action items and the weekly reminders', () => {
  it('reminds the owner agency of overdue items, once per item and week; DONE items are left alone', async () => {
    const f = await uc.createForum(deps(), who.dpuAdmin, forumInput());
    expect(
      await codes(
        uc.createAction(deps(), who.dpuAdmin, f.forumId, {
          title: 'Data',
          ownerAgencyId: 'BPKAD',
          dueDate: '2026-12-01',
        }),
      ),
    ).toBe('body.ownerAgencyId:not_participant_agency');
    const late = await uc.createAction(deps(), who.dpuAdmin, f.forumId, {
      title: 'Petakan titik genangan',
      ownerAgencyId: 'DKK',
      dueDate: '2026-11-27',
    });
    const done = await uc.createAction(deps(), who.dpuAdmin, f.forumId, {
      title: 'Siapkan posko kesehatan',
      ownerAgencyId: 'DKK',
      dueDate: '2026-11-26',
    });
    const later = await uc.createAction(deps(), who.dpuAdmin, f.forumId, {
      title: 'Evaluasi',
      ownerAgencyId: 'DPU',
      dueDate: '2026-12-31',
    });
    expect(
      await codes(
        uc.updateAction(deps(), who.staff, f.forumId, done.actionId, { version: 1, status: 'DONE' }),
      ),
    ).toBe('Forbidden:FORBIDDEN');
    await uc.updateAction(deps(), who.dkkAdmin, f.forumId, done.actionId, {
      version: 1,
      status: 'DONE',
      note: 'Selesai',
    });
    expect(
      await codes(
        uc.updateAction(deps(), who.dkkAdmin, f.forumId, done.actionId, { version: 1, status: 'OPEN' }),
      ),
    ).toBe('Conflict:CONFLICT');

    // Monday 30 November 07:00 WIB: the item due on the 27th is overdue
    const monday = new Date('2026-11-30T00:00:00Z');
    const first = await remindersJob(scheduledEvent('forum-action-reminders', monday));
    expect(first).toEqual({ week: '2026-W49', overdue: 1, notified: 1 });
    const again = await remindersJob(scheduledEvent('forum-action-reminders', monday));
    expect(again).toEqual({ week: '2026-W49', overdue: 1, notified: 0 });
    const told = await listNotifications(db, NIP.dkkAdmin, { limit: 10 });
    expect(told.items.filter((n) => n.kind === 'FORUM_ACTION_OVERDUE').map((n) => n.link)).toEqual([
      `/v1/forums/${f.forumId}`,
    ]);
    expect(
      (await listNotifications(db, NIP.dpuAdmin, { limit: 10 })).items.filter(
        (n) => n.kind === 'FORUM_ACTION_OVERDUE',
      ),
    ).toHaveLength(0);
    // still overdue a week later: reminded again
    expect(
      await remindersJob(scheduledEvent('forum-action-reminders', new Date('2026-12-07T00:00:00Z'))),
    ).toEqual({
      week: '2026-W50',
      overdue: 1,
      notified: 1,
    });
    // done: no more reminders
    await uc.updateAction(deps(), who.dkkAdmin, f.forumId, late.actionId, { version: 1, status: 'DONE' });
    expect(
      await remindersJob(scheduledEvent('forum-action-reminders', new Date('2026-12-14T00:00:00Z'))),
    ).toEqual({
      week: '2026-W51',
      overdue: 0,
      notified: 0,
    });
    const open = await uc.agencyActions(deps('2027-01-05T00:00:00Z'), who.dpuAdmin, 'DPU', { limit: 10 });
    expect(open.items.map((a) => [a.actionId, a.overdue])).toEqual([[later.actionId, true]]);
  });
});
