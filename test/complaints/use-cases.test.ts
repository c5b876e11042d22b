/** Complaint use cases on DynamoDB Local: every transition, every refusal, privacy, idempotency. */
import { beforeAll, describe, expect, it } from 'vitest';
import * as pub from '../../shared/complaints/public.js';
import type { SubmitInput } from '../../shared/complaints/schemas.js';
import * as store from '../../shared/complaints/store.js';
import * as uc from '../../shared/complaints/use-cases.js';
import type { Actor } from '../../shared/platform/actor.js';
import type { Db } from '../../shared/platform/dynamo.js';
import { ValidationError } from '../../shared/platform/errors.js';
import { getItem } from '../../shared/platform/records.js';
import { filing, REPORTER, seedComplaintSetup, verification } from '../support/complaints.js';
import { depsAt, freshTable } from '../support/db.js';
import { actors, NIP, seedOrg } from '../support/org.js';

let db: Db;
let who: ReturnType<typeof actors>;
const deps = (iso: string) => depsAt(db, iso);
/** A COMPLAINT_OFFICER of another agency (DKK). */
const dkkOfficer: Actor = {
  sub: 'x',
  nip: NIP.dkkAdmin,
  roles: ['EMPLOYEE', 'COMPLAINT_OFFICER'],
  agencyId: 'DKK',
};

const file = (iso: string, extra: Record<string, unknown> = {}, key?: string) =>
  pub.submitComplaint(deps(iso), filing(extra) as SubmitInput, { source: 'WEB', idempotencyKey: key });

const outcome = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (e instanceof ValidationError) return (e.details ?? []).map((d) => `${d.path}:${d.code}`).join(' ');
    return `${(e as Error).constructor.name}:${(e as { code?: string }).code}`;
  }
};

const identityLeaks = (value: unknown) =>
  Object.values(REPORTER).filter((v) => JSON.stringify(value).includes(v));

beforeAll(async () => {
  db = await freshTable();
  who = actors(await seedOrg(db));
  await seedComplaintSetup(db);
});

describe('filing a complaint', () => {
  it('answers the tracking code, the secret once, the status and the due dates; stores the secret hashed', async () => {
    const out = await file('2026-03-17T03:00:00.000Z');
    expect(out.trackingCode).toMatch(/^[23456789A-HJKMNP-Z]{9}$/);
    expect(out.reporterSecret).toMatch(/^[23456789A-HJKMNP-Z]{20}$/);
    expect(out).toMatchObject({
      replayed: false,
      status: 'SUBMITTED',
      // roads default to FIELD_CHECK: 60 working days after the verification due date
      due: { verification: '2026-03-25T16:59:59.999Z', expectedAnswer: '2026-06-29T16:59:59.999Z' },
    });
    const raw = await getItem(db, store.keys.complaint(out.trackingCode));
    expect(JSON.stringify(raw)).not.toContain(out.reporterSecret as string);
    expect(raw?.secret.hash).toMatch(/^[0-9a-f]{64}$/);
    // identity lives in its own record, not in the complaint or its public copy
    expect(identityLeaks(raw)).toEqual([]);
    expect(identityLeaks(await getItem(db, store.keys.feed(out.trackingCode)))).toEqual([]);
    expect(await store.getReporter(db, out.trackingCode)).toEqual(REPORTER);
  });

  it.each([
    ['an unknown category', { category: 'NOT_A_CATEGORY' }, 'body.category:unknown_category'],
    [
      'coordinates outside the city',
      { location: { lat: -6.2088, lng: 106.8456 } },
      'body.location:outside_city',
    ],
    [
      'no coordinates and no kelurahan',
      { location: { address: 'Jl. Pemuda' } },
      'body.location:location_required',
    ],
    ['half a coordinate', { location: { lat: -7.0 } }, 'body.location:coordinates_pair'],
    [
      'a kelurahan that is not one of the city’s 177',
      { location: { address: 'Jl. Pemuda 148', kelurahan: 'Kelurahan Khayalan' } },
      'body.location.kelurahan:kelurahan_unknown',
    ],
  ])('refuses %s with 400 naming the field', async (_what, extra, expected) => {
    expect(await outcome(file('2026-03-17T03:00:00.000Z', extra))).toBe(expected);
  });

  it('accepts an address with its kelurahan instead of coordinates', async () => {
    const out = await file('2026-03-17T03:00:00.000Z', {
      location: { address: 'Jl. Pemuda 148', kelurahan: 'Sekayu' },
    });
    expect(out.status).toBe('SUBMITTED');
    // the name as a citizen types it: any case, extra spaces
    const typed = await file('2026-03-17T03:00:00.000Z', {
      location: { address: 'Jl. Pandanaran 1', kelurahan: '  terboyo   KULON ' },
    });
    expect(typed.status).toBe('SUBMITTED');
  });

  it('Idempotency-Key: the same key and body give the same complaint (without the secret), never two', async () => {
    const before = (await store.statInputsOfMonth(db, '2026-04')).length;
    const first = await file('2026-04-06T03:00:00.000Z', {}, 'key-idem-1');
    const again = await file('2026-04-06T03:00:05.000Z', {}, 'key-idem-1');
    expect(again.trackingCode).toBe(first.trackingCode);
    expect(again.replayed).toBe(true);
    expect(again.reporterSecret).toBeUndefined();
    expect((await store.statInputsOfMonth(db, '2026-04')).length).toBe(before + 1);
    expect(
      await outcome(
        file('2026-04-06T03:00:09.000Z', { description: `${filing().description} lagi` }, 'key-idem-1'),
      ),
    ).toBe('InvalidState:IDEMPOTENCY_KEY_REUSED');
    expect(await outcome(file('2026-04-06T03:00:00.000Z', {}, 'bad key with spaces'))).toBe(
      'header.idempotency-key:idempotency_key',
    );
  });

  it('concurrent retries with one key still make one complaint', async () => {
    const outs = await Promise.all(
      Array.from({ length: 5 }, () => file('2026-04-07T03:00:00.000Z', {}, 'key-race-1')),
    );
    expect(new Set(outs.map((o) => o.trackingCode)).size).toBe(1);
    expect(outs.filter((o) => o.reporterSecret).length).toBe(1);
  });
});

describe('the lifecycle through the use cases', () => {
  it('SUBMITTED → VERIFIED → IN_PROGRESS → RESPONDED → CLOSED, then reopened within the window', async () => {
    const { trackingCode: id, reporterSecret: secret } = await file('2026-03-16T03:00:00.000Z');
    const queue = await uc.listComplaints(deps('2026-03-16T04:00:00.000Z'), who.desk, { limit: 100 });
    expect(queue.items.map((c) => c.trackingCode)).toContain(id);

    const v = await uc.verifyComplaint(deps('2026-03-17T03:00:00.000Z'), who.desk, id, verification());
    expect(v).toMatchObject({ status: 'VERIFIED', agencyId: 'DPU', expectedAt: '2026-03-31T16:59:59.999Z' });
    const officerQueue = await uc.listComplaints(deps('2026-03-17T04:00:00.000Z'), who.officer, {
      status: 'VERIFIED',
      limit: 100,
    });
    expect(officerQueue.items.map((c) => c.trackingCode)).toContain(id);

    const a = await uc.acknowledgeComplaint(deps('2026-03-25T03:00:00.000Z'), who.officer, id);
    expect(a.status).toBe('IN_PROGRESS');
    await uc.addNote(deps('2026-03-25T04:00:00.000Z'), who.officer, id, 'Survei lokasi Kamis.');
    const r = await uc.respondComplaint(deps('2026-03-26T03:00:00.000Z'), who.officer, id, {
      answer: 'Lubang sudah ditambal oleh tim pemeliharaan.',
      photoUrls: ['https://foto.example.id/sesudah.jpg'],
    });
    expect(r).toMatchObject({ status: 'RESPONDED', answeredWithinSla: true });

    const rated = await pub.rateAnswer(deps('2026-03-27T03:00:00.000Z'), id, secret, {
      score: 5,
      solved: true,
    });
    expect(rated).toMatchObject({ status: 'CLOSED', reopenUntil: '2026-04-13T16:59:59.999Z' });
    expect(rated.history.map((h) => h.kind)).toEqual([
      'SUBMITTED',
      'VERIFIED',
      'ACKNOWLEDGED',
      'RESPONDED',
      'CLOSED',
    ]);

    const reopened = await pub.reopenComplaint(
      deps('2026-04-01T03:00:00.000Z'),
      id,
      secret,
      'Lubang muncul lagi.',
    );
    expect(reopened.status).toBe('IN_PROGRESS');
    const internal = await uc.getComplaint(deps('2026-04-01T03:00:00.000Z'), who.officer, id);
    expect(internal.clocks).toEqual([
      expect.objectContaining({
        kind: 'ANSWER',
        start: '2026-04-01T03:00:00.000Z',
        due: '2026-04-09T16:59:59.999Z',
      }),
    ]);
    expect(internal.reopenCount).toBe(1);
    // the internal history has the note; the public one does not
    expect(internal.history.some((h) => h.kind === 'NOTE')).toBe(true);
    expect(reopened.history.some((h) => h.kind === ('NOTE' as string))).toBe(false);
  });

  it('refuses what the lifecycle does not allow, with 422', async () => {
    const { trackingCode: id, reporterSecret: secret } = await file('2026-03-16T03:00:00.000Z');
    const at = deps('2026-03-17T03:00:00.000Z');
    expect(await outcome(uc.acknowledgeComplaint(at, who.officer, id))).toBe('NotFound:NOT_FOUND'); // not yet DPU's
    expect(await outcome(pub.rateAnswer(at, id, secret, { score: 4, solved: true }))).toBe(
      'InvalidState:COMPLAINT_STATE',
    );
    expect(await outcome(pub.reopenComplaint(at, id, secret, 'Belum apa-apa.'))).toBe(
      'InvalidState:COMPLAINT_STATE',
    );
    await uc.verifyComplaint(at, who.desk, id, verification());
    expect(await outcome(uc.verifyComplaint(at, who.desk, id, verification()))).toBe(
      'InvalidState:COMPLAINT_STATE',
    );
    expect(await outcome(uc.rejectComplaint(at, who.desk, id, { reason: 'Terlambat.' }))).toBe(
      'InvalidState:COMPLAINT_STATE',
    );
    expect(await outcome(uc.respondComplaint(at, who.officer, id, { answer: 'Sudah ditangani.' }))).toBe(
      'InvalidState:COMPLAINT_STATE',
    );
    expect(await outcome(uc.acknowledgeComplaint(at, who.officer, id, 1))).toBe('Conflict:CONFLICT');
    await uc.acknowledgeComplaint(at, who.officer, id, 2);
    expect(await outcome(uc.acknowledgeComplaint(at, who.officer, id))).toBe('InvalidState:COMPLAINT_STATE');
    await uc.respondComplaint(at, who.officer, id, { answer: 'Sudah ditangani.' });
    expect(await outcome(uc.handbackComplaint(at, who.officer, id, { reason: 'Bukan wewenang.' }))).toBe(
      'InvalidState:COMPLAINT_STATE',
    );
    await pub.rateAnswer(at, id, secret, { score: 3, solved: false });
    expect(await outcome(pub.rateAnswer(at, id, secret, { score: 4, solved: true }))).toBe(
      'InvalidState:COMPLAINT_ALREADY_RATED',
    );
  });

  it('reopening a CLOSED complaint after 10 working days is refused', async () => {
    const { trackingCode: id, reporterSecret: secret } = await file('2026-03-02T03:00:00.000Z');
    await uc.verifyComplaint(deps('2026-03-02T04:00:00.000Z'), who.desk, id, verification());
    await uc.acknowledgeComplaint(deps('2026-03-02T05:00:00.000Z'), who.officer, id);
    await uc.respondComplaint(deps('2026-03-03T03:00:00.000Z'), who.officer, id, {
      answer: 'Sudah ditambal.',
    });
    const closed = await pub.rateAnswer(deps('2026-03-04T03:00:00.000Z'), id, secret, {
      score: 4,
      solved: true,
    });
    // 10 working days after Wed 4 March: 5, 6, 9–13, 16, 17, 25 (18–24 off) → 25 March end of day
    expect(closed.reopenUntil).toBe('2026-03-25T16:59:59.999Z');
    expect(
      await outcome(pub.reopenComplaint(deps('2026-03-25T17:00:00.000Z'), id, secret, 'Rusak lagi.')),
    ).toBe('InvalidState:COMPLAINT_REOPEN_WINDOW');
  });

  it('reject: with a reason, final, public', async () => {
    const { trackingCode: id, reporterSecret: secret } = await file('2026-03-16T03:00:00.000Z');
    const r = await uc.rejectComplaint(deps('2026-03-16T05:00:00.000Z'), who.desk, id, {
      reason: 'Bukan layanan publik kota.',
    });
    expect(r).toMatchObject({ status: 'REJECTED', rejectedReason: 'Bukan layanan publik kota.' });
    expect(
      await outcome(pub.addMessage(deps('2026-03-16T06:00:00.000Z'), id, secret, 'Mohon ditinjau.')),
    ).toBe('InvalidState:COMPLAINT_STATE');
  });

  it('handback: "bukan wewenang" returns it to the desk, who routes it again', async () => {
    const { trackingCode: id } = await file('2026-03-16T03:00:00.000Z');
    await uc.verifyComplaint(deps('2026-03-16T04:00:00.000Z'), who.desk, id, verification());
    const h = await uc.handbackComplaint(deps('2026-03-16T05:00:00.000Z'), who.officer, id, {
      reason: 'Jalan nasional, wewenang BBPJN.',
    });
    expect(h).toMatchObject({ status: 'SUBMITTED', agencyId: undefined, handbackCount: 1 });
    const queue = await uc.listComplaints(deps('2026-03-16T06:00:00.000Z'), who.desk, {
      status: 'SUBMITTED',
      limit: 100,
    });
    expect(queue.items.find((c) => c.trackingCode === id)?.handbackCount).toBe(1);
    // the officer no longer sees it
    expect(await outcome(uc.getComplaint(deps('2026-03-16T06:00:00.000Z'), who.officer, id))).toBe(
      'NotFound:NOT_FOUND',
    );
    const again = await uc.verifyComplaint(
      deps('2026-03-16T07:00:00.000Z'),
      who.desk,
      id,
      verification({ agencyId: 'DISPERKIM', category: 'POHON_TAMAN' }),
    );
    expect(again.agencyId).toBe('DISPERKIM');
  });

  it('merge: the duplicate follows the primary; self-merge and merging into a final one are refused', async () => {
    const primary = await file('2026-03-16T03:00:00.000Z');
    const dup = await file('2026-03-16T03:30:00.000Z');
    const at = deps('2026-03-16T04:00:00.000Z');
    expect(
      await outcome(uc.mergeComplaint(at, who.desk, dup.trackingCode, { primary: dup.trackingCode })),
    ).toBe('InvalidState:COMPLAINT_MERGE_SELF');
    const m = await uc.mergeComplaint(at, who.desk, dup.trackingCode, { primary: primary.trackingCode });
    expect(m).toMatchObject({ status: 'MERGED', mergedInto: primary.trackingCode });
    expect((await uc.getComplaint(at, who.desk, primary.trackingCode)).merged).toEqual([dup.trackingCode]);
    await uc.verifyComplaint(at, who.desk, primary.trackingCode, verification());
    const tracked = await pub.trackComplaint(at, dup.trackingCode, undefined);
    expect(tracked.primary).toMatchObject({ trackingCode: primary.trackingCode, status: 'VERIFIED' });
    const rejected = await file('2026-03-16T03:40:00.000Z');
    await uc.rejectComplaint(at, who.desk, rejected.trackingCode, { reason: 'Tidak jelas.' });
    const third = await file('2026-03-16T03:50:00.000Z');
    expect(
      await outcome(uc.mergeComplaint(at, who.desk, third.trackingCode, { primary: rejected.trackingCode })),
    ).toBe('InvalidState:COMPLAINT_MERGE_SELF');
  });

  it('verify refuses an unknown category or agency, naming the field', async () => {
    const { trackingCode: id } = await file('2026-03-16T03:00:00.000Z');
    expect(
      await outcome(
        uc.verifyComplaint(
          deps('2026-03-16T04:00:00.000Z'),
          who.desk,
          id,
          verification({ category: 'NOPE', agencyId: 'NOPE' }),
        ),
      ),
    ).toBe('body.category:unknown_category body.agencyId:unknown_agency');
  });
});

describe('confidentiality, for every role', () => {
  let pubId: string;
  let pubSecret: string;
  let confId: string;
  let confSecret: string;

  beforeAll(async () => {
    const p = await file('2026-03-10T03:00:00.000Z', {
      location: { lat: -7.0, lng: 110.4, kelurahan: 'Jatingaleh' },
    });
    const c = await file('2026-03-10T03:00:00.000Z', {
      privacy: 'CONFIDENTIAL',
      location: { lat: -7.0, lng: 110.4, kelurahan: 'Jatingaleh' },
    });
    pubId = p.trackingCode;
    pubSecret = p.reporterSecret as string;
    confId = c.trackingCode;
    confSecret = c.reporterSecret as string;
    for (const id of [pubId, confId])
      await uc.verifyComplaint(deps('2026-03-10T04:00:00.000Z'), who.desk, id, verification());
    await pub.addMessage(
      deps('2026-03-10T05:00:00.000Z'),
      confId,
      confSecret,
      'Saya bisa dihubungi sore hari.',
    );
  });

  const at = () => deps('2026-03-11T03:00:00.000Z');

  it('the public: a PUBLIC complaint without identity; a CONFIDENTIAL one does not exist without its secret', async () => {
    const t = await pub.trackComplaint(at(), pubId, undefined);
    expect(identityLeaks(t)).toEqual([]);
    expect(t.messages).toBeUndefined();
    expect(await outcome(pub.trackComplaint(at(), confId, undefined))).toBe('NotFound:NOT_FOUND');
    expect(await outcome(pub.trackComplaint(at(), confId, 'WRONGSECRETWRONGSECR'))).toBe(
      'NotFound:NOT_FOUND',
    );
    expect(await outcome(pub.trackComplaint(at(), confId, pubSecret))).toBe('NotFound:NOT_FOUND');
    const feed = await pub.publicFeed(at(), { kelurahan: 'jatingaleh', limit: 100 });
    expect(feed.items.map((c) => c.trackingCode)).toEqual([pubId]);
  });

  it('the reporter, with the secret: the CONFIDENTIAL complaint and their own messages, still no identity', async () => {
    const t = await pub.trackComplaint(at(), confId, confSecret.toLowerCase());
    expect(t.trackingCode).toBe(confId);
    expect(t.messages?.map((m) => m.text)).toEqual(['Saya bisa dihubungi sore hari.']);
    expect(identityLeaks(t)).toEqual([]);
  });

  it('secret actions with a wrong secret: 403 on a public complaint, 404 on a confidential one', async () => {
    expect(await outcome(pub.addMessage(at(), pubId, 'X', 'Halo'))).toBe('Forbidden:REPORTER_SECRET');
    expect(await outcome(pub.addMessage(at(), pubId, undefined, 'Halo'))).toBe('Forbidden:REPORTER_SECRET');
    expect(await outcome(pub.addMessage(at(), confId, pubSecret, 'Halo'))).toBe('NotFound:NOT_FOUND');
  });

  it.each([
    ['the assigned officer', () => who.officer],
    ['the agency admin', () => who.dpuAdmin],
    ['the auditor', () => who.auditor],
    ['the desk', () => who.desk],
  ])('%s sees the complaint (CONFIDENTIAL too) but never the identity', async (_who, actor) => {
    for (const id of [pubId, confId]) {
      const c = await uc.getComplaint(at(), actor(), id);
      expect(c.trackingCode).toBe(id);
      expect(identityLeaks(c)).toEqual([]);
      expect(JSON.stringify(c)).not.toContain('"secret"');
    }
  });

  it('an officer of another agency, or an agency admin elsewhere, learns nothing', async () => {
    expect(await outcome(uc.getComplaint(at(), dkkOfficer, confId))).toBe('NotFound:NOT_FOUND');
    expect(await outcome(uc.getComplaint(at(), who.dkkAdmin, pubId))).toBe('NotFound:NOT_FOUND');
    expect(await outcome(uc.acknowledgeComplaint(at(), dkkOfficer, pubId))).toBe('NotFound:NOT_FOUND');
    expect(await outcome(uc.listComplaints(at(), dkkOfficer, { agencyId: 'DPU', limit: 10 }))).toBe(
      'Forbidden:FORBIDDEN',
    );
  });

  it('only the desk reads the identity, and every read is in the audit trail the auditor reads', async () => {
    expect(await outcome(uc.readReporter(at(), who.officer, confId))).toBe('Forbidden:FORBIDDEN');
    expect(await outcome(uc.readReporter(at(), who.auditor, confId))).toBe('Forbidden:FORBIDDEN');
    const identity = await uc.readReporter(deps('2026-03-11T04:00:00.000Z'), who.desk, confId);
    expect(identity).toMatchObject({ trackingCode: confId, ...REPORTER });
    await uc.readReporter(deps('2026-03-11T05:00:00.000Z'), who.desk, confId);
    const reads = await uc.reporterReads(at(), who.auditor, confId, { limit: 10 });
    expect(reads.items).toEqual([
      { complaintId: confId, nip: NIP.desk, at: '2026-03-11T04:00:00.000Z' },
      { complaintId: confId, nip: NIP.desk, at: '2026-03-11T05:00:00.000Z' },
    ]);
    const month = await uc.reporterReadsOfMonth(at(), who.auditor, '2026-03', { limit: 100 });
    expect(month.items.filter((r) => r.complaintId === confId)).toHaveLength(2);
    expect(await outcome(uc.reporterReads(at(), who.desk, confId, { limit: 10 }))).toBe(
      'Forbidden:FORBIDDEN',
    );
  });
});

describe('feed, figures and categories', () => {
  it('the feed filters by kelurahan, category and status, newest first', async () => {
    const a = await file('2026-05-04T03:00:00.000Z', {
      category: 'SAMPAH',
      location: { address: 'Jl. A', kelurahan: 'Bendan Ngisor' },
    });
    const b = await file('2026-05-04T04:00:00.000Z', {
      category: 'PJU',
      location: { address: 'Jl. B', kelurahan: 'Bendan Ngisor' },
    });
    await uc.verifyComplaint(
      deps('2026-05-04T05:00:00.000Z'),
      who.desk,
      b.trackingCode,
      verification({ category: 'PJU', agencyId: 'DISPERKIM' }),
    );
    const at = deps('2026-05-04T06:00:00.000Z');
    expect(
      (await pub.publicFeed(at, { kelurahan: 'Bendan Ngisor', limit: 10 })).items.map((c) => c.trackingCode),
    ).toEqual([b.trackingCode, a.trackingCode]);
    expect(
      (await pub.publicFeed(at, { kelurahan: 'BENDAN NGISOR', category: 'SAMPAH', limit: 10 })).items.map(
        (c) => c.trackingCode,
      ),
    ).toEqual([a.trackingCode]);
    expect(
      (await pub.publicFeed(at, { kelurahan: 'Bendan Ngisor', status: 'VERIFIED', limit: 10 })).items.map(
        (c) => c.trackingCode,
      ),
    ).toEqual([b.trackingCode]);
    const byStatus = await pub.publicFeed(at, { status: 'VERIFIED', limit: 100 });
    expect(byStatus.items.every((c) => c.status === 'VERIFIED')).toBe(true);
    expect(byStatus.items.map((c) => c.trackingCode)).toContain(b.trackingCode);
  });

  it('the figures of a month per agency', async () => {
    const one = await file('2026-06-08T01:00:00.000Z');
    const two = await file('2026-06-08T01:00:00.000Z');
    await uc.verifyComplaint(deps('2026-06-08T03:00:00.000Z'), who.desk, one.trackingCode, verification());
    await uc.verifyComplaint(deps('2026-06-08T05:00:00.000Z'), who.desk, two.trackingCode, verification());
    await uc.acknowledgeComplaint(deps('2026-06-08T07:00:00.000Z'), who.officer, one.trackingCode);
    await uc.respondComplaint(deps('2026-06-09T03:00:00.000Z'), who.officer, one.trackingCode, {
      answer: 'Sudah ditambal.',
    });
    await pub.rateAnswer(deps('2026-06-09T04:00:00.000Z'), one.trackingCode, one.reporterSecret, {
      score: 4,
      solved: true,
    });
    const stats = await pub.complaintStats(deps('2026-06-10T00:00:00.000Z'), '2026-06');
    expect(stats).toMatchObject({ period: '2026-06', received: 2, awaitingVerification: 0 });
    expect(stats.agencies).toEqual([
      {
        agencyId: 'DPU',
        volume: 2,
        medianHoursToVerify: 3,
        medianHoursToFirstAction: 4,
        medianHoursToAnswer: 24,
        answered: 1,
        withinServiceLevelPct: 100,
        reopenRatePct: 0,
        ratings: 1,
        averageRating: 4,
        solvedPct: 100,
      },
    ]);
    expect((await pub.complaintStats(deps('2026-06-10T00:00:00.000Z'), undefined)).period).toBe('2026-06');
  });

  it('categories carry their agency and level; the desk changes a level (versioned) and new complaints follow it', async () => {
    const list = await pub.listPublicCategories(deps('2026-03-01T00:00:00.000Z'));
    expect(list.items.find((c) => c.code === 'JALAN_RUSAK')).toMatchObject({
      agencyId: 'DPU',
      agencyName: 'Dinas Pekerjaan Umum',
    });
    const cat = list.items.find((c) => c.code === 'PARKIR_LIAR');
    if (!cat) throw new Error('PARKIR_LIAR missing');
    const { agencyName: _n, code: _c, updatedAt: _u, ...fields } = cat;
    const at = deps('2026-03-01T00:00:00.000Z');
    expect(await outcome(uc.putCategory(at, who.desk, 'PARKIR_LIAR', { ...fields, version: 7 }))).toBe(
      'Conflict:CONFLICT',
    );
    expect(await outcome(uc.putCategory(at, who.officer, 'PARKIR_LIAR', { ...fields }))).toBe(
      'Forbidden:FORBIDDEN',
    );
    const changed = await uc.putCategory(at, who.desk, 'PARKIR_LIAR', {
      ...fields,
      serviceLevel: { ...fields.serviceLevel, verifyDays: 2 },
      version: cat.version,
    });
    expect(changed.version).toBe(2);
    const out = await file('2026-03-13T03:00:00.000Z', { category: 'PARKIR_LIAR' });
    expect(out.due.verification).toBe('2026-03-17T16:59:59.999Z'); // Fri + 2 working days
  });
});
