/** Open311 GeoReport v2 through the gateway, as a third-party client would use it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmployeeRecord } from '../../shared/employees/store.js';
import { db } from '../../shared/platform/dynamo.js';
import { REPORTER, seedComplaintSetup, verification } from '../support/complaints.js';
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

const form = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
  gw.call('POST', '/open311/v2/requests.json', {
    raw: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });

const streetLight = {
  api_key: 'any-client-key',
  service_code: 'PJU',
  lat: '-6.9932',
  long: '110.4203',
  address_string: 'Jl. Pandanaran 1',
  'attribute[kelurahan]': 'Mugasari',
  description: 'Tiga lampu PJU padam sejak seminggu di depan toko oleh-oleh.',
  email: REPORTER.email,
  first_name: 'Sulastri',
  last_name: 'Widyaningsih',
  phone: REPORTER.phone,
  media_url: 'https://foto.example.id/pju.jpg',
};

const isOpen311Error = (json: unknown, code: number) => {
  expect(Array.isArray(json)).toBe(true);
  expect((json as Array<{ code: number; description: string }>)[0]).toMatchObject({
    code,
    description: expect.any(String),
  });
  return (json as Array<{ description: string }>)[0]?.description ?? '';
};

describe('a third-party Open311 client files and follows a complaint (round trip)', () => {
  it('discovery → services → definition → POST → GET → the city answers → closed', async () => {
    const discovery = await gw.call('GET', '/open311/v2/discovery.json');
    expect(discovery.status).toBe(200);
    const endpoint = discovery.json.endpoints[0];
    expect(endpoint).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      formats: ['application/json'],
    });
    const base = new URL(endpoint.url).pathname; // /open311/v2

    const services = await gw.call('GET', `${base}/services.json`);
    expect(services.status).toBe(200);
    const pju = services.json.find((s: { service_code: string }) => s.service_code === 'PJU');
    expect(pju).toMatchObject({
      service_name: 'Penerangan jalan umum mati',
      metadata: true,
      type: 'realtime',
    });

    const definition = await gw.call('GET', `${base}/services/PJU.json`);
    expect(definition.status).toBe(200);
    expect(definition.json.attributes.map((a: { code: string }) => a.code)).toEqual(['kelurahan', 'privacy']);

    const posted = await form(streetLight);
    expect(posted.status, posted.text).toBe(201);
    const [{ service_request_id: id, reporter_secret: secret }] = posted.json;
    expect(id).toMatch(/^[23456789A-HJKMNP-Z]{9}$/);

    const one = await gw.call('GET', `${base}/requests/${id}.json`);
    expect(one.status).toBe(200);
    expect(one.json).toHaveLength(1);
    expect(one.json[0]).toMatchObject({
      service_request_id: id,
      status: 'open',
      service_code: 'PJU',
      service_name: 'Penerangan jalan umum mati',
      lat: -6.9932,
      long: 110.4203,
      address: 'Jl. Pandanaran 1, Mugasari',
      media_url: 'https://foto.example.id/pju.jpg',
      agency_responsible: null,
    });
    expect(Date.parse(one.json[0].expected_datetime)).toBeGreaterThan(
      Date.parse(one.json[0].requested_datetime),
    );
    for (const v of Object.values(REPORTER)) expect(one.text).not.toContain(v);

    // the city works on it through its own API
    await gw.call('POST', `/v1/complaints/${id}/verify`, {
      token: await token(NIP.desk),
      body: verification({ category: 'PJU', agencyId: 'DPU' }),
    });
    const officer = await token(NIP.officer);
    await gw.call('POST', `/v1/complaints/${id}/acknowledge`, { token: officer });
    const answer = 'Lampu sudah diganti oleh petugas PJU pada pagi ini.';
    expect(
      (await gw.call('POST', `/v1/complaints/${id}/respond`, { token: officer, body: { answer } })).status,
    ).toBe(200);

    const followed = await gw.call('GET', `${base}/requests/${id}.json`);
    expect(followed.json[0]).toMatchObject({
      status: 'open',
      status_notes: answer,
      agency_responsible: 'Dinas Pekerjaan Umum',
    });

    // the reporter confirms with the secret the client received
    await gw.call('POST', `/v1/public/complaints/${id}/rating`, {
      headers: { 'x-reporter-secret': secret },
      body: { score: 5, solved: true },
    });
    const done = await gw.call('GET', `${base}/requests.json?service_request_id=${id}`);
    expect(done.json).toEqual([
      expect.objectContaining({ service_request_id: id, status: 'closed', status_notes: answer }),
    ]);
  });

  it('JSON bodies are accepted too, with the attribute object', async () => {
    const res = await gw.call('POST', '/open311/v2/requests.json', {
      body: {
        service_code: 'sampah',
        lat: -6.9825,
        long: 110.3921,
        description: 'Sampah di TPS belum diangkut selama empat hari, bau menyengat.',
        attribute: { kelurahan: 'Salamanmloyo' },
      },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json[0].service_request_id).toMatch(/^[23456789A-HJKMNP-Z]{9}$/);
  });

  it('the same Idempotency-Key gives the same request id', async () => {
    const headers = { 'idempotency-key': 'open311-client-42' };
    const a = await form(streetLight, headers);
    const b = await form(streetLight, headers);
    expect(b.status).toBe(201);
    expect(b.json[0].service_request_id).toBe(a.json[0].service_request_id);
    expect(b.json[0].reporter_secret).toBeUndefined();
  });
});

describe('GET requests.json filters', () => {
  let pju: string;
  let sampah: string;
  let secretOne: string;
  beforeAll(async () => {
    pju = (await form(streetLight)).json[0].service_request_id;
    const s = await form({
      ...streetLight,
      service_code: 'SAMPAH',
      description: 'Sampah menumpuk di pinggir jalan dekat pasar.',
    });
    sampah = s.json[0].service_request_id;
    const c = await form({ ...streetLight, 'attribute[privacy]': 'CONFIDENTIAL' });
    secretOne = c.json[0].service_request_id;
    await gw.call('POST', `/v1/complaints/${sampah}/reject`, {
      token: await token(NIP.desk),
      body: { reason: 'Sudah dilaporkan; lihat laporan lain.' },
    });
  });

  const ids = (json: Array<{ service_request_id: string }>) => json.map((r) => r.service_request_id);

  it('by service_request_id (a list): other filters are ignored; confidential ones never appear', async () => {
    const res = await gw.call(
      'GET',
      `/open311/v2/requests.json?service_request_id=${pju},${sampah},${secretOne}&status=closed`,
    );
    expect(res.status).toBe(200);
    expect(ids(res.json).sort()).toEqual([pju, sampah].sort());
    expect((await gw.call('GET', `/open311/v2/requests/${secretOne}.json`)).status).toBe(404);
  });

  it('by service_code and status', async () => {
    const open = await gw.call('GET', '/open311/v2/requests.json?service_code=PJU,SAMPAH&status=open');
    expect(ids(open.json)).toContain(pju);
    expect(ids(open.json)).not.toContain(sampah);
    const closed = await gw.call('GET', '/open311/v2/requests.json?status=closed');
    const rejected = closed.json.find((r: { service_request_id: string }) => r.service_request_id === sampah);
    expect(rejected).toMatchObject({
      status: 'closed',
      status_notes: 'Sudah dilaporkan; lihat laporan lain.',
    });
    expect(ids(closed.json)).not.toContain(pju);
  });

  it('by date range (default the last 90 days)', async () => {
    const all = await gw.call('GET', '/open311/v2/requests.json');
    expect(ids(all.json)).toEqual(expect.arrayContaining([pju, sampah]));
    expect(ids(all.json)).not.toContain(secretOne);
    const past = await gw.call(
      'GET',
      '/open311/v2/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00%2B07:00',
    );
    expect(past.status).toBe(200);
    expect(past.json).toEqual([]);
  });

  it('errors come as Open311 error arrays with the HTTP status', async () => {
    isOpen311Error((await gw.call('GET', '/open311/v2/requests.json?status=pending')).json, 400);
    isOpen311Error((await gw.call('GET', '/open311/v2/requests.json?start_date=yesterday')).json, 400);
    const missing = await gw.call('GET', '/open311/v2/requests/23456789A.json');
    expect(missing.status).toBe(404);
    isOpen311Error(missing.json, 404);
    expect(isOpen311Error((await gw.call('GET', '/open311/v2/services/NOPE.json')).json, 404)).toContain(
      'service_code',
    );
    const xml = await gw.call('GET', '/open311/v2/services/PJU.xml');
    expect(xml.status).toBe(400);
    isOpen311Error(xml.json, 400);
  });
});

describe('POST errors', () => {
  it.each([
    ['an unknown service_code', { service_code: 'TIDAK_ADA' }, 'service_code'],
    ['a short description', { description: 'Lampu mati.' }, 'description'],
    ['coordinates outside the city', { lat: '-6.2', long: '106.8' }, 'lat/long'],
    ['a non-numeric lat', { lat: 'utara' }, 'lat'],
    ['an http media_url', { media_url: 'http://foto.example.id/a.jpg' }, 'media_url'],
    ['a malformed email', { email: 'bukan-email' }, 'email'],
    ['an unknown privacy', { 'attribute[privacy]': 'SECRET' }, 'attribute[privacy]'],
  ])('%s → 400 naming %s', async (_what, extra, field) => {
    const res = await form({ ...streetLight, ...extra });
    expect(res.status, res.text).toBe(400);
    expect(isOpen311Error(res.json, 400)).toContain(field);
  });

  it('a body that is neither form nor JSON → 415 in the Open311 shape', async () => {
    const res = await gw.call('POST', '/open311/v2/requests.json', {
      raw: 'service_code=PJU',
      headers: { 'content-type': 'text/plain' },
    });
    expect(res.status).toBe(415);
    isOpen311Error(res.json, 415);
  });
});

describe('GeoReport v2 as written (issue 11)', () => {
  it('a request with address_string alone (no lat/long, no kelurahan) is accepted', async () => {
    const res = await form({
      service_code: 'PJU',
      address_string: 'Jl. Pemuda 148, depan Balai Kota',
      description: 'Dua lampu PJU padam sejak tiga hari di depan Balai Kota.',
    });
    expect(res.status, res.text).toBe(201);
    const id = res.json[0].service_request_id;
    const one = await gw.call('GET', `/open311/v2/requests/${id}.json`);
    expect(one.json[0]).toMatchObject({ address: 'Jl. Pemuda 148, depan Balai Kota', lat: null, long: null });
    // with neither an address nor coordinates it is still refused, naming the fields
    const none = await form({
      service_code: 'PJU',
      description: 'Dua lampu PJU padam sejak tiga hari di sana.',
    });
    expect(none.status).toBe(400);
    expect(isOpen311Error(none.json, 400)).toContain('lat/long/address_string');
  });

  it('every media URL a request has is returned (media_url keeps the first)', async () => {
    const urls = [
      'https://foto.example.id/a.jpg',
      'https://foto.example.id/b.jpg',
      'https://foto.example.id/c.jpg',
    ];
    const res = await gw.call('POST', '/open311/v2/requests.json', {
      body: {
        service_code: 'PJU',
        address_string: 'Jl. Pandanaran 9',
        description: 'Tiang PJU miring dan lampunya padam, berbahaya bagi pejalan kaki.',
        media_url: urls,
      },
    });
    expect(res.status, res.text).toBe(201);
    const one = await gw.call('GET', `/open311/v2/requests/${res.json[0].service_request_id}.json`);
    expect(one.json[0]).toMatchObject({ media_url: urls[0], media_urls: urls });
  });

  it('error descriptions are clean sentences', async () => {
    const res = await gw.call('POST', '/open311/v2/requests.json', {
      body: { service_code: 'PJU', lat: '-6.2', long: '106.8', description: 'Lampu mati.' },
      headers: { 'accept-language': 'en' },
    });
    expect(res.status).toBe(400);
    const description = isOpen311Error(res.json, 400);
    expect(description).toBe('The request is not valid: description must have at least 20 characters.');
    expect(description).not.toMatch(/\.:|\.\.|\s{2}|: :/);
  });
});
