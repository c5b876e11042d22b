/** The complaint-sla job on DynamoDB Local: each escalation step, auto-close, idempotence, reads. */
import { beforeAll, describe, expect, it } from 'vitest';
import { runComplaintSla } from '../../functions/jobs/complaint-sla.js';
import * as pub from '../../shared/complaints/public.js';
import { stepTime } from '../../shared/complaints/rules.js';
import type { SubmitInput } from '../../shared/complaints/schemas.js';
import * as store from '../../shared/complaints/store.js';
import * as uc from '../../shared/complaints/use-cases.js';
import { putAll } from '../../shared/employees/store.js';
import { listNotifications } from '../../shared/notifications/store.js';
import type { Db } from '../../shared/platform/dynamo.js';
import { filing, seedComplaintSetup, verification } from '../support/complaints.js';
import { depsAt, freshTable } from '../support/db.js';
import { actors, NIP, seedOrg } from '../support/org.js';

let db: Db;
let who: ReturnType<typeof actors>;
const deps = (iso: string) => depsAt(db, iso);
const file = async (iso: string, extra: Record<string, unknown> = {}) =>
  pub.submitComplaint(deps(iso), filing(extra) as SubmitInput, { source: 'WEB' });
const run = (iso: string) => runComplaintSla({ db }, new Date(iso));
const keysOf = async (nip: string, id: string) =>
  (await listNotifications(db, nip, { limit: 100 })).items
    .map((n) => n.key)
    .filter((k) => k.includes(id))
    .sort();

beforeAll(async () => {
  db = await freshTable();
  who = actors(await seedOrg(db));
  await seedComplaintSetup(db);
});

describe('the escalation ladder of an agency (first action and answer)', () => {
  let id: string;
  beforeAll(async () => {
    id = (await file('2026-03-16T03:00:00.000Z')).trackingCode;
    // verified Tue 17 March 10:00 WIB, SIMPLE: first action due 27 March, answer due 31 March
    await uc.verifyComplaint(deps('2026-03-17T03:00:00.000Z'), who.desk, id, verification());
  });

  it('nothing is due right after verification', async () => {
    const counts = await run('2026-03-17T04:00:00.000Z');
    expect(counts).toMatchObject({ due: 0, escalations: 0, notifications: 0 });
  });

  it('75% of the first-action time: the agency admin is warned, once however often the job runs', async () => {
    const c = await store.getComplaint(db, id);
    const first = c?.clocks.find((k) => k.kind === 'FIRST_ACTION');
    if (!first) throw new Error('no first-action clock');
    const warnAt = stepTime(first, 'WARNING');
    expect(await run(new Date(warnAt.getTime() - 1).toISOString())).toMatchObject({ due: 0 });
    const counts = await run(warnAt.toISOString());
    expect(counts).toMatchObject({ due: 1, escalations: 1, notifications: 1 });
    expect(await keysOf(NIP.dpuAdmin, id)).toEqual([`cmp-${id}-FIRST_ACTION-2-WARNING`]);
    expect(await run(warnAt.toISOString())).toMatchObject({ due: 0, escalations: 0, notifications: 0 });
    expect(await run(new Date(warnAt.getTime() + 60_000).toISOString())).toMatchObject({ due: 0 });
  });

  it('breach of the first action: the agency head; 75% of the answer time: the admin', async () => {
    // first action due 27 March 23:59:59.999 WIB; the answer's 75% falls on 28 March 01:29:59.999Z
    const counts = await run('2026-03-28T02:00:00.000Z');
    expect(counts).toMatchObject({ due: 1, escalations: 2 });
    expect(await keysOf(NIP.dpuHead, id)).toEqual([`cmp-${id}-FIRST_ACTION-2-BREACH`]);
    expect(await keysOf(NIP.dpuAdmin, id)).toEqual([
      `cmp-${id}-ANSWER-3-WARNING`,
      `cmp-${id}-FIRST_ACTION-2-WARNING`,
    ]);
  });

  it('2× the time: the city desk and the Inspektorat; every step is on the internal history', async () => {
    const counts = await run('2026-04-16T00:00:00.000Z');
    expect(counts).toMatchObject({ due: 1, escalations: 3 });
    expect(await keysOf(NIP.desk, id)).toEqual([
      `cmp-${id}-ANSWER-3-DOUBLE`,
      `cmp-${id}-FIRST_ACTION-2-DOUBLE`,
    ]);
    expect(await keysOf(NIP.auditor, id)).toEqual([
      `cmp-${id}-ANSWER-3-DOUBLE`,
      `cmp-${id}-FIRST_ACTION-2-DOUBLE`,
    ]);
    expect(await keysOf(NIP.dpuHead, id)).toEqual([
      `cmp-${id}-ANSWER-3-BREACH`,
      `cmp-${id}-FIRST_ACTION-2-BREACH`,
    ]);
    const c = await uc.getComplaint(deps('2026-04-16T00:00:00.000Z'), who.desk, id);
    expect(c.escalations.map((e) => `${e.kind}:${e.step}`)).toEqual([
      'FIRST_ACTION:WARNING',
      'FIRST_ACTION:BREACH',
      'ANSWER:WARNING',
      'ANSWER:BREACH',
      'FIRST_ACTION:DOUBLE',
      'ANSWER:DOUBLE',
    ]);
    expect(c.history.filter((h) => h.kind === 'ESCALATED')).toHaveLength(6);
    // the public never sees escalations
    const t = await pub.trackComplaint(deps('2026-04-16T00:00:00.000Z'), id, undefined);
    expect(t.history.map((h) => h.kind)).toEqual(['SUBMITTED', 'VERIFIED']);
    expect(await run('2026-05-01T00:00:00.000Z')).toMatchObject({ due: 0 });
  });
});

describe("the desk's verification clock", () => {
  it('warns the desk at 75% and breach, and the Inspektorat at 2×', async () => {
    const { trackingCode: id } = await file('2026-06-08T03:00:00.000Z'); // Mon 10:00 WIB: due Tue 9 June
    await run('2026-06-09T17:00:00.000Z');
    expect(await keysOf(NIP.desk, id)).toEqual([`cmp-${id}-VERIFY-1-BREACH`, `cmp-${id}-VERIFY-1-WARNING`]);
    expect(await keysOf(NIP.auditor, id)).toEqual([]);
    await run('2026-06-11T07:00:00.000Z');
    expect(await keysOf(NIP.auditor, id)).toEqual([`cmp-${id}-VERIFY-1-DOUBLE`]);
  });
});

describe('auto-close after 10 working days of silence', () => {
  it('closes a RESPONDED complaint at the end of the 10th working day, once; the reporter may reopen', async () => {
    const { trackingCode: id, reporterSecret } = await file('2026-03-30T01:00:00.000Z');
    await uc.verifyComplaint(deps('2026-03-30T02:00:00.000Z'), who.desk, id, verification());
    await uc.acknowledgeComplaint(deps('2026-03-30T03:00:00.000Z'), who.officer, id);
    await uc.respondComplaint(deps('2026-03-31T09:00:00.000Z'), who.officer, id, {
      answer: 'Sudah ditambal.',
    });
    // 1, 2, 6–10, 13, 14, 15 April (Good Friday 3 April off): closes at 15 April 23:59:59.999 WIB
    await run('2026-04-15T16:59:59.998Z');
    expect((await store.getComplaint(db, id))?.status).toBe('RESPONDED');
    const counts = await run('2026-04-15T16:59:59.999Z');
    expect(counts.closed).toBe(1);
    const closed = await store.getComplaint(db, id);
    expect(closed).toMatchObject({
      status: 'CLOSED',
      closedBy: 'AUTO',
      reopenUntil: '2026-04-29T16:59:59.999Z',
    });
    expect((await run('2026-04-16T00:00:00.000Z')).closed).toBe(0);
    const reopened = await pub.reopenComplaint(
      deps('2026-04-20T03:00:00.000Z'),
      id,
      reporterSecret,
      'Belum beres.',
    );
    expect(reopened.status).toBe('IN_PROGRESS');
  });

  it('a message from the reporter while RESPONDED restarts the silence', async () => {
    const { trackingCode: id, reporterSecret } = await file('2026-03-30T01:00:00.000Z');
    await uc.verifyComplaint(deps('2026-03-30T02:00:00.000Z'), who.desk, id, verification());
    await uc.acknowledgeComplaint(deps('2026-03-30T03:00:00.000Z'), who.officer, id);
    await uc.respondComplaint(deps('2026-03-31T09:00:00.000Z'), who.officer, id, {
      answer: 'Sudah ditambal.',
    });
    await pub.addMessage(deps('2026-04-14T03:00:00.000Z'), id, reporterSecret, 'Masih ada genangan.');
    await run('2026-04-16T00:00:00.000Z');
    expect((await store.getComplaint(db, id))?.status).toBe('RESPONDED');
    await run('2026-04-28T17:00:00.000Z');
    expect((await store.getComplaint(db, id))?.status).toBe('CLOSED');
  });
});

describe('idempotent and resumable', () => {
  it('a crash after notifying but before recording: the rerun records the steps and sends nothing twice', async () => {
    const { trackingCode: id } = await file('2026-07-06T03:00:00.000Z');
    const before = await store.getComplaint(db, id, true);
    if (!before) throw new Error('missing');
    await run('2026-07-07T17:00:00.000Z');
    const sent = await keysOf(NIP.desk, id);
    expect(sent).toHaveLength(2);
    // the crash: the complaint as it was before the job recorded anything
    await putAll(db, [store.complaintItem(before)]);
    const rerun = await run('2026-07-07T17:00:00.000Z');
    expect(rerun).toMatchObject({ due: 1, escalations: 2, notifications: 0 });
    expect(await keysOf(NIP.desk, id)).toEqual(sent);
    expect((await store.getComplaint(db, id))?.escalations).toHaveLength(2);
  });
});

describe('reads only what is due', () => {
  it('300 complaints not due and 5 due: the job reads the 5 (and its calendars and role holders)', async () => {
    const quiet = await freshTable();
    await seedOrg(quiet);
    await seedComplaintSetup(quiet);
    const qdeps = (iso: string) => depsAt(quiet, iso);
    const due: string[] = [];
    for (let i = 0; i < 5; i++) {
      due.push(
        (
          await pub.submitComplaint(qdeps('2026-08-03T03:00:00.000Z'), filing() as SubmitInput, {
            source: 'WEB',
          })
        ).trackingCode,
      );
    }
    // 300 filed much later: their first step is weeks after the run
    const template = await store.getComplaint(quiet, due[0] as string);
    if (!template) throw new Error('missing');
    const later = Array.from({ length: 300 }, (_, i) => {
      const code = `Q${String(i).padStart(8, '0')}`;
      return store.complaintItem({
        ...template,
        id: code,
        submittedAt: '2026-09-01T03:00:00.000Z',
        queuedAt: '2026-09-01T03:00:00.000Z',
        clocks: [
          {
            id: 'VERIFY-1',
            kind: 'VERIFY',
            start: '2026-09-01T03:00:00.000Z',
            due: '2026-09-02T16:59:59.999Z',
          },
        ],
      });
    });
    await putAll(quiet, later);
    const counts = await runComplaintSla({ db: quiet }, new Date('2026-08-05T00:00:00.000Z'));
    expect(counts.due).toBe(5);
    // 5 due entries + 1 calendar + 1 desk holder
    expect(counts.itemsRead).toBe(7);
  });
});
