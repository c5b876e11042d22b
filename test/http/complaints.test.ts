/** The complaints HTTP surface through the local gateway: citizens without a token, desk, agency. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmployeeRecord } from '../../shared/employees/store.js';
import { db } from '../../shared/platform/dynamo.js';
import { filing, REPORTER, seedComplaintSetup, verification } from '../support/complaints.js';
import { freshTable } from '../support/db.js';
import { startTestGateway, type TestGateway } from '../support/http.js';
import { NIP, seedOrg } from '../support/org.js';

let gw: TestGateway;
let employees: EmployeeRecord[];
const token = (nip: string) => gw.token(employees.find((e) => e.nip === nip) as EmployeeRecord);

beforeAll(async () => {
  await freshTable();
  employees = await seedOrg(db());
  await seedComplaintSetup(db());
  gw = await startTestGateway();
});
afterAll(async () => gw?.close());

const submit = (body: unknown, headers: Record<string, string> = {}) =>
  gw.call('POST', '/v1/public/complaints', { body, headers });

const noIdentity = (text: string) => Object.values(REPORTER).filter((v) => text.includes(v));

describe('citizens, without a token', () => {
  it('see the categories with their agency and service level', async () => {
    const res = await gw.call('GET', '/v1/public/complaint-categories');
    expect(res.status).toBe(200);
    const roads = res.json.items.find((c: { code: string }) => c.code === 'JALAN_RUSAK');
    expect(roads).toMatchObject({
      agencyId: 'DPU',
      agencyName: 'Dinas Pekerjaan Umum',
      serviceLevel: {
        verifyDays: 1,
        firstActionDays: 3,
        answerDays: { SIMPLE: 5, NO_FIELD_CHECK: 14, FIELD_CHECK: 60 },
      },
    });
  });

  it('file a complaint: 201, the tracking code and the secret once; tracking shows no identity', async () => {
    const res = await submit(filing());
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ status: 'SUBMITTED', privacy: 'PUBLIC', replayed: false });
    expect(res.json.reporterSecret).toHaveLength(20);
    const t = await gw.call('GET', `/v1/public/complaints/${res.json.trackingCode}`);
    expect(t.status).toBe(200);
    expect(t.json).toMatchObject({
      trackingCode: res.json.trackingCode,
      status: 'SUBMITTED',
      category: 'JALAN_RUSAK',
    });
    expect(noIdentity(t.text)).toEqual([]);
    // a code typed with a dash and in lower case is the same code
    const typed = `${res.json.trackingCode.slice(0, 4).toLowerCase()}-${res.json.trackingCode.slice(4)}`;
    expect((await gw.call('GET', `/v1/public/complaints/${typed}`)).json.trackingCode).toBe(
      res.json.trackingCode,
    );
  });

  it('Idempotency-Key: the same key and body answer the same complaint; another body 422', async () => {
    const headers = { 'idempotency-key': 'http-idem-0001' };
    const first = await submit(filing(), headers);
    const again = await submit(filing(), headers);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json).toMatchObject({ trackingCode: first.json.trackingCode, replayed: true });
    expect(again.json.reporterSecret).toBeUndefined();
    const other = await submit(filing({ privacy: 'ANONYMOUS' }), headers);
    expect(other.status).toBe(422);
    expect(other.json.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it.each([
    ['a description under 20 characters', { description: 'Jalan rusak.' }, 'body.description', 'too_small'],
    ['a description over 4,000 characters', { description: 'x'.repeat(4001) }, 'body.description', 'too_big'],
    [
      'a photo link over http',
      { photoUrls: ['http://foto.example.id/a.jpg'] },
      'body.photoUrls.0',
      'https_url',
    ],
    [
      'coordinates outside the city',
      { location: { lat: -6.2, lng: 106.8 } },
      'body.location',
      'outside_city',
    ],
    ['an unknown category', { category: 'TIDAK_ADA' }, 'body.category', 'unknown_category'],
    ['a NIK of 15 digits', { reporter: { nik: '337401550788000' } }, 'body.reporter.nik', 'nik'],
    ['a malformed phone number', { reporter: { phone: '12345' } }, 'body.reporter.phone', 'phone'],
    ['a malformed e-mail', { reporter: { email: 'warga-at-example' } }, 'body.reporter.email', 'email'],
    ['an unknown privacy', { privacy: 'SECRET' }, 'body.privacy', 'invalid_value'],
  ])('refuse %s: 400 naming the field', async (_what, extra, path, code) => {
    const res = await submit(filing(extra));
    expect(res.status, res.text).toBe(400);
    expect(res.json.error.code).toBe('VALIDATION');
    expect(res.json.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path, code })]));
  });

  it('messages are in Indonesian, and English on request', async () => {
    const res = await gw.call('POST', '/v1/public/complaints', {
      body: filing({ location: { lat: -6.2, lng: 106.8 } }),
      headers: { 'accept-language': 'en' },
    });
    expect(res.json.error.details[0].message).toBe('the coordinates are outside the city of Semarang');
    const id = await submit(filing({ location: { lat: -6.2, lng: 106.8 } }));
    expect(id.json.error.details[0].message).toBe('koordinat berada di luar wilayah Kota Semarang');
  });

  it('a CONFIDENTIAL complaint exists only for its secret; it is not in the feed', async () => {
    const res = await submit(
      filing({ privacy: 'CONFIDENTIAL', location: { address: 'Jl. Rahasia 1', kelurahan: 'Kembangsari' } }),
    );
    const code = res.json.trackingCode;
    expect((await gw.call('GET', `/v1/public/complaints/${code}`)).status).toBe(404);
    expect(
      (
        await gw.call('GET', `/v1/public/complaints/${code}`, {
          headers: { 'x-reporter-secret': 'NOTTHESECRET22222222' },
        })
      ).status,
    ).toBe(404);
    const mine = await gw.call('GET', `/v1/public/complaints/${code}`, {
      headers: { 'x-reporter-secret': res.json.reporterSecret },
    });
    expect(mine.status).toBe(200);
    expect(noIdentity(mine.text)).toEqual([]);
    const feed = await gw.call('GET', '/v1/public/complaints?kelurahan=Kembangsari');
    expect(feed.status).toBe(200);
    expect(feed.json.items).toEqual([]);
  });

  it('an unknown or malformed tracking code', async () => {
    // K7QM4XHPE is well-formed (its check symbol matches) but was never issued
    const unknown = await gw.call('GET', '/v1/public/complaints/K7QM4XHPE');
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('NOT_FOUND');
    const bad = await gw.call('GET', '/v1/public/complaints/NOT-A-CODE');
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0]).toMatchObject({ path: 'path.trackingCode', code: 'tracking_code' });
  });
});

describe('the whole flow over HTTP, and who may do what', () => {
  let code: string;
  let secret: string;

  beforeAll(async () => {
    const res = await submit(filing());
    code = res.json.trackingCode;
    secret = res.json.reporterSecret;
  });

  it('the desk sees its queue and verifies; an employee or an officer may not', async () => {
    const desk = await token(NIP.desk);
    const queue = await gw.call('GET', '/v1/complaints?status=SUBMITTED&limit=100', { token: desk });
    expect(queue.status).toBe(200);
    expect(queue.json.items.map((c: { trackingCode: string }) => c.trackingCode)).toContain(code);
    expect((await gw.call('GET', '/v1/complaints', { token: await token(NIP.staff) })).status).toBe(403);
    const byOfficer = await gw.call('POST', `/v1/complaints/${code}/verify`, {
      token: await token(NIP.officer),
      body: verification(),
    });
    expect(byOfficer.status).toBe(403);
    expect(byOfficer.json.error.code).toBe('FORBIDDEN_ROLE');
    const v = await gw.call('POST', `/v1/complaints/${code}/verify`, { token: desk, body: verification() });
    expect(v.status, v.text).toBe(200);
    expect(v.json).toMatchObject({ status: 'VERIFIED', agencyId: 'DPU', version: 2 });
    const twice = await gw.call('POST', `/v1/complaints/${code}/verify`, {
      token: desk,
      body: verification(),
    });
    expect(twice.status).toBe(422);
    expect(twice.json.error.code).toBe('COMPLAINT_STATE');
  });

  it('the officer acknowledges, notes and answers; the officer never sees the identity', async () => {
    const officer = await token(NIP.officer);
    const mine = await gw.call('GET', '/v1/complaints?status=VERIFIED', { token: officer });
    expect(mine.json.items.map((c: { trackingCode: string }) => c.trackingCode)).toContain(code);
    const stale = await gw.call('POST', `/v1/complaints/${code}/acknowledge`, {
      token: officer,
      body: { version: 1 },
    });
    expect(stale.status).toBe(409);
    expect(
      (await gw.call('POST', `/v1/complaints/${code}/acknowledge`, { token: officer })).json.status,
    ).toBe('IN_PROGRESS');
    expect(
      (
        await gw.call('POST', `/v1/complaints/${code}/notes`, {
          token: officer,
          body: { text: 'Tim berangkat besok.' },
        })
      ).status,
    ).toBe(200);
    const early = await gw.call('POST', `/v1/complaints/${code}/respond`, {
      token: officer,
      body: { answer: 'Sudah ditambal.', photoUrls: ['http://foto.example.id/x.jpg'] },
    });
    expect(early.status).toBe(400);
    const r = await gw.call('POST', `/v1/complaints/${code}/respond`, {
      token: officer,
      body: {
        answer: 'Lubang sudah ditambal tim pemeliharaan jalan.',
        photoUrls: ['https://foto.example.id/x.jpg'],
      },
    });
    expect(r.status).toBe(200);
    expect(r.json.status).toBe('RESPONDED');
    const view = await gw.call('GET', `/v1/complaints/${code}`, { token: officer });
    expect(noIdentity(view.text)).toEqual([]);
    const reporter = await gw.call('GET', `/v1/complaints/${code}/reporter`, { token: officer });
    expect(reporter.status).toBe(403);
    expect(reporter.json.error.code).toBe('FORBIDDEN_ROLE');
  });

  it('the reporter adds information, rates, and reopens with the secret only', async () => {
    const without = await gw.call('POST', `/v1/public/complaints/${code}/rating`, {
      body: { score: 5, solved: false },
    });
    expect(without.status).toBe(403);
    expect(without.json.error.code).toBe('REPORTER_SECRET');
    const headers = { 'x-reporter-secret': secret };
    const bad = await gw.call('POST', `/v1/public/complaints/${code}/rating`, {
      headers,
      body: { score: 6, solved: true },
    });
    expect(bad.status).toBe(400);
    const rated = await gw.call('POST', `/v1/public/complaints/${code}/rating`, {
      headers,
      body: { score: 2, solved: false },
    });
    expect(rated.status).toBe(200);
    expect(rated.json).toMatchObject({ status: 'RESPONDED', rating: { score: 2, solved: false } });
    const msg = await gw.call('POST', `/v1/public/complaints/${code}/messages`, {
      headers,
      body: { text: 'Sisi utara masih berlubang.' },
    });
    expect(msg.json.messages).toEqual([expect.objectContaining({ text: 'Sisi utara masih berlubang.' })]);
    const reopened = await gw.call('POST', `/v1/public/complaints/${code}/reopen`, {
      headers,
      body: { reason: 'Masih berlubang di sisi utara.' },
    });
    expect(reopened.status).toBe(200);
    expect(reopened.json.status).toBe('IN_PROGRESS');
    expect(reopened.json.history.map((h: { kind: string }) => h.kind)).toContain('REOPENED');
  });

  it('the desk reads the identity (recorded); the auditor reads the record, not the identity', async () => {
    const desk = await token(NIP.desk);
    const identity = await gw.call('GET', `/v1/complaints/${code}/reporter`, { token: desk });
    expect(identity.status).toBe(200);
    expect(identity.json).toMatchObject(REPORTER);
    const auditor = await token(NIP.auditor);
    expect((await gw.call('GET', `/v1/complaints/${code}/reporter`, { token: auditor })).status).toBe(403);
    const reads = await gw.call('GET', `/v1/complaints/${code}/reporter-reads`, { token: auditor });
    expect(reads.status).toBe(200);
    expect(reads.json.items).toEqual([expect.objectContaining({ complaintId: code, nip: NIP.desk })]);
    const month = new Date().toISOString().slice(0, 7);
    const all = await gw.call('GET', `/v1/complaint-reporter-reads?month=${month}`, { token: auditor });
    expect(all.status).toBe(200);
    expect(
      (await gw.call('GET', `/v1/complaint-reporter-reads?month=${month}`, { token: desk })).status,
    ).toBe(403);
  });

  it('the public figures and the feed', async () => {
    const stats = await gw.call('GET', '/v1/public/complaint-stats');
    expect(stats.status).toBe(200);
    expect(stats.json.agencies.find((a: { agencyId: string }) => a.agencyId === 'DPU')).toMatchObject({
      answered: 1,
    });
    expect((await gw.call('GET', '/v1/public/complaint-stats?period=2026-13')).status).toBe(400);
    const feed = await gw.call('GET', '/v1/public/complaints?category=JALAN_RUSAK&limit=100');
    expect(feed.status).toBe(200);
    expect(feed.json.items.map((c: { trackingCode: string }) => c.trackingCode)).toContain(code);
    expect(noIdentity(feed.text)).toEqual([]);
  });
});

describe('a PUBLIC complaint merged into a CONFIDENTIAL one leaks nothing (issue 11)', () => {
  it('tracking page, public feed and Open311 show only that it was merged; its reporter still sees the progress', async () => {
    const secretPrimary = await submit(
      filing({ privacy: 'CONFIDENTIAL', location: { address: 'Jl. Rahasia 9', kelurahan: 'Pleburan' } }),
    );
    const pub = await submit(filing({ location: { address: 'Jl. Terbuka 9', kelurahan: 'Pleburan' } }));
    const [confidential, dup] = [secretPrimary.json.trackingCode, pub.json.trackingCode];
    const desk = await token(NIP.desk);
    const merged = await gw.call('POST', `/v1/complaints/${dup}/merge`, {
      token: desk,
      body: { primary: confidential },
    });
    expect(merged.status, merged.text).toBe(200);
    // the desk still sees where it went
    expect(merged.json).toMatchObject({ status: 'MERGED', mergedInto: confidential });

    const surfaces = {
      tracking: await gw.call('GET', `/v1/public/complaints/${dup}`),
      feed: await gw.call('GET', '/v1/public/complaints?kelurahan=Pleburan'),
      open311One: await gw.call('GET', `/open311/v2/requests/${dup}.json`),
      open311List: await gw.call('GET', `/open311/v2/requests.json?service_request_id=${dup}`),
    };
    for (const [name, res] of Object.entries(surfaces)) {
      expect(res.status, name).toBe(200);
      expect(res.text, name).not.toContain(confidential);
    }
    expect(surfaces.tracking.json).toMatchObject({ trackingCode: dup, status: 'MERGED' });
    expect(surfaces.tracking.json.primary).toBeUndefined();
    expect(surfaces.tracking.json.mergedInto).toBeUndefined();
    expect(surfaces.feed.json.items.map((c: { trackingCode: string }) => c.trackingCode)).toEqual([dup]);
    expect(surfaces.feed.json.items[0].mergedInto).toBeUndefined();
    expect(surfaces.open311One.json[0]).toMatchObject({ service_request_id: dup, status: 'closed' });
    expect(surfaces.open311One.json[0].status_notes).not.toMatch(/\(/);

    // the merged complaint's own reporter follows the progress, without the primary's identity
    const own = await gw.call('GET', `/v1/public/complaints/${dup}`, {
      headers: { 'x-reporter-secret': pub.json.reporterSecret },
    });
    expect(own.status).toBe(200);
    expect(own.json.primary).toEqual({ status: 'SUBMITTED', expectedAt: expect.any(String) });
    expect(own.text).not.toContain(confidential);
  });

  it('merged into a PUBLIC primary, the primary is still shown as before', async () => {
    const primary = (await submit(filing())).json.trackingCode;
    const dup = (await submit(filing())).json.trackingCode;
    await gw.call('POST', `/v1/complaints/${dup}/merge`, { token: await token(NIP.desk), body: { primary } });
    const t = await gw.call('GET', `/v1/public/complaints/${dup}`);
    expect(t.json).toMatchObject({ mergedInto: primary, primary: { trackingCode: primary } });
  });
});
