/** The organisation's HTTP surface through the local gateway: what a client sees. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmployeeRecord } from '../../shared/employees/store.js';
import * as store from '../../shared/employees/store.js';
import { db } from '../../shared/platform/dynamo.js';
import { freshTable } from '../support/db.js';
import { startTestGateway, type TestGateway } from '../support/http.js';
import { NIP, seedOrg } from '../support/org.js';

let gw: TestGateway;
let employees: EmployeeRecord[];
const token = (nip: string) => gw.token(employees.find((e) => e.nip === nip) as EmployeeRecord);

beforeAll(async () => {
  await freshTable();
  employees = await seedOrg(db());
  gw = await startTestGateway();
});
afterAll(async () => gw?.close());

const newRow = (nip: string) => ({
  nip,
  name: 'Wulan Sari',
  agencyId: 'DPU',
  unitId: 'DPU-B1-S1',
  positionTitle: 'Pengelola Data',
  positionType: 'PELAKSANA',
  jobClass: 6,
  grade: 'III/a',
  employmentType: 'PNS',
  reviewerNip: NIP.section,
});

describe('GET /v1/me', () => {
  it('answers a seeded user with profile, roles, reviewer and reviewees', async () => {
    const res = await gw.call('GET', '/v1/me', { token: await token(NIP.section) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.json.profile.nip).toBe(NIP.section);
    expect(res.json.reviewer.nip).toBe(NIP.division);
    expect(res.json.reviewees).toHaveLength(4);
  });
});

describe('bad input: a clear 4xx naming the field, never a 500, never a partial write', () => {
  it('malformed JSON', async () => {
    const res = await gw.call('POST', '/v1/employees', {
      token: await token(NIP.hr),
      raw: '{"nip": "1990',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('MALFORMED_JSON');
    expect(res.json.error.message).toBe('Badan permintaan bukan JSON yang valid.');
  });

  it('unknown fields, wrong types, missing fields, each named, in Indonesian and in English', async () => {
    const body = { ...newRow('199001012015011401'), jobClass: 'enam', salary: 1, name: undefined };
    const id = await gw.call('POST', '/v1/employees', { token: await token(NIP.hr), body });
    expect(id.status).toBe(400);
    expect(id.json.error.code).toBe('VALIDATION');
    expect(id.json.error.message).toBe('Data yang dikirim tidak valid.');
    const byPath = Object.fromEntries(
      id.json.error.details.map((d: { path: string; message: string }) => [d.path, d.message]),
    );
    expect(byPath).toEqual({
      'body.name': 'wajib diisi',
      'body.jobClass': 'harus bertipe number',
      'body.salary': 'kolom tidak dikenal',
    });
    const en = await gw.call('POST', '/v1/employees', {
      token: await token(NIP.hr),
      body,
      headers: { 'accept-language': 'en-US,en;q=0.8' },
    });
    expect(en.json.error.message).toBe('The request is not valid.');
    expect(en.json.error.details.map((d: { message: string }) => d.message).sort()).toEqual(
      ['is not a known field', 'is required', 'must be of type number'].sort(),
    );
    expect(await store.getEmployee(db(), '199001012015011401')).toBeUndefined();
  });

  it('a bad NIP in the path, an unknown NIP', async () => {
    const bad = await gw.call('GET', '/v1/employees/12345', { token: await token(NIP.hr) });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details).toEqual([
      { path: 'path.nip', code: 'nip', message: 'NIP harus 18 digit angka' },
    ]);
    const unknown = await gw.call('GET', '/v1/employees/199901012020011999', { token: await token(NIP.hr) });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toEqual({ code: 'NOT_FOUND', message: 'Pegawai tidak ditemukan.' });
  });

  it('an oversized body (> 256 KB) and a content type the route does not take', async () => {
    const big = await gw.call('POST', '/v1/employees', {
      token: await token(NIP.hr),
      body: { ...newRow('199001012015011402'), name: 'x'.repeat(300 * 1024) },
    });
    expect(big.status).toBe(413);
    expect(big.json.error.code).toBe('PAYLOAD_TOO_LARGE');
    const xml = await gw.call('POST', '/v1/employees', {
      token: await token(NIP.hr),
      raw: '<employee/>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(xml.status).toBe(415);
    expect(await store.getEmployee(db(), '199001012015011402')).toBeUndefined();
  });

  it('a bad page size and a bad cursor', async () => {
    const t = await token(NIP.hr);
    expect(
      (await gw.call('GET', '/v1/agencies/DPU/employees?limit=1000', { token: t })).json.error.details[0]
        .path,
    ).toBe('query.limit');
    expect(
      (await gw.call('GET', '/v1/agencies/DPU/employees?cursor=abc', { token: t })).json.error.details[0]
        .path,
    ).toBe('query.cursor');
  });

  it('an unknown route answers 404 as API Gateway does', async () => {
    const res = await gw.call('GET', '/v1/nothing-here', { token: await token(NIP.hr) });
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ message: 'Not Found' });
  });
});

describe('optimistic locking over HTTP', () => {
  it('answers 409 with the current version to the slower tab', async () => {
    const t = await token(NIP.hr);
    const created = await gw.call('POST', '/v1/employees', { token: t, body: newRow('199001012015011403') });
    expect(created.status).toBe(201);
    const [a, b] = await Promise.all([
      gw.call('PUT', '/v1/employees/199001012015011403', {
        token: t,
        body: { version: 1, name: 'Tab Satu' },
      }),
      gw.call('PUT', '/v1/employees/199001012015011403', { token: t, body: { version: 1, name: 'Tab Dua' } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.json.error.code).toBe('CONFLICT');
    expect(loser.json.error.currentVersion).toBe(2);
  });
});

describe('bulk import over HTTP', () => {
  it('takes CSV, names each bad row, and writes nothing when any row is bad', async () => {
    const t = await token(NIP.dpuAdmin);
    const header =
      'nip,name,agencyId,unitId,positionTitle,positionType,jobClass,grade,employmentType,reviewerNip';
    const good = `199001012015011501,Ani Rahayu,DPU,DPU-B1-S1,Pengelola Data,PELAKSANA,6,III/a,PNS,${NIP.section}`;
    const bad = `199001012015011502,Budi,DPU,DPU-B1-S1,Pengelola Data,PELAKSANA,99,III/a,PNS,${NIP.section}`;
    const refused = await gw.call('POST', '/v1/employees/import', {
      token: t,
      raw: [header, good, bad].join('\n'),
      headers: { 'content-type': 'text/csv' },
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe('IMPORT_INVALID');
    expect(refused.json.error.message).toBe(
      'Impor dibatalkan: 1 baris bermasalah; tidak ada data yang disimpan.',
    );
    expect(refused.json.error.details).toEqual([
      { path: 'body.rows.1.jobClass', code: 'too_big', message: 'maksimal 17' },
    ]);
    expect(await store.getEmployee(db(), '199001012015011501')).toBeUndefined();

    const ok = await gw.call('POST', '/v1/employees/import', {
      token: t,
      raw: `${header}\n${good}\n`,
      headers: { 'content-type': 'text/csv; charset=utf-8' },
    });
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ created: 1, updated: 0, unchanged: 0 });
  });
});

describe('calendars', () => {
  it('BKPP sets a year; everyone reads it; a stale version is refused; bad dates are named', async () => {
    const hr = await token(NIP.hr);
    const body = {
      nationalHolidays: [{ date: '2027-01-01', name: 'Tahun Baru 2027 Masehi' }],
      cutiBersama: [],
    };
    const put = await gw.call('PUT', '/v1/calendars/2027', { token: hr, body });
    expect(put.status).toBe(200);
    expect(put.json.version).toBe(1);
    const read = await gw.call('GET', '/v1/calendars/2027', { token: await token(NIP.staff) });
    expect(read.json.nationalHolidays).toEqual(body.nationalHolidays);
    const stale = await gw.call('PUT', '/v1/calendars/2027', { token: hr, body });
    expect(stale.status).toBe(409);
    const wrongYear = await gw.call('PUT', '/v1/calendars/2027', {
      token: hr,
      body: { version: 1, nationalHolidays: [{ date: '2026-12-25', name: 'Natal' }], cutiBersama: [] },
    });
    expect(wrongYear.status).toBe(400);
    expect(wrongYear.json.error.details[0].path).toBe('body.nationalHolidays.0.date');
  });
});

describe('the API description', () => {
  it('serves an OpenAPI document generated from the catalog, and the reference page', async () => {
    const res = await gw.call('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe('3.1.0');
    expect(res.json.paths['/v1/employees/{nip}'].get.parameters[0]).toMatchObject({
      name: 'nip',
      in: 'path',
    });
    expect(
      res.json.paths['/v1/employees'].post.requestBody.content['application/json'].schema.required,
    ).toContain('nip');
    const docs = await fetch(`${gw.gateway.url}/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger-ui');
    const asset = await fetch(`${gw.gateway.url}/docs/assets/swagger-ui-bundle.js`);
    expect(asset.status).toBe(200);
  });
});
