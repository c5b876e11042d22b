/** TPP through the local gateway: what the agency admin, finance and the employee see. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmployeeRecord } from '../../shared/employees/store.js';
import { previousPeriod } from '../../shared/incentives/rules.js';
import * as store from '../../shared/incentives/store.js';
import { wibDate } from '../../shared/platform/clock.js';
import { db } from '../../shared/platform/dynamo.js';
import { freshTable } from '../support/db.js';
import { startTestGateway, type TestGateway } from '../support/http.js';
import { NIP, seedOrg } from '../support/org.js';

let gw: TestGateway;
let employees: EmployeeRecord[];
const token = (nip: string) => gw.token(employees.find((e) => e.nip === nip) as EmployeeRecord);
// the month before this one (WIB), whatever day the tests run
const P = previousPeriod(wibDate(new Date()).slice(0, 7));
const RUN = `TPP-DPU-${P}`;

beforeAll(async () => {
  await freshTable();
  employees = await seedOrg(db());
  gw = await startTestGateway();
  // the rules of the month's year (2026 ships a default; a later year needs BKPP's)
  const rules = await gw.call('GET', '/v1/tpp/rules/2026', { token: await token(NIP.staff) });
  const { year: _y, version: _v, createdAt: _c, createdBy: _b, ...input } = rules.json;
  const put = await gw.call('PUT', `/v1/tpp/rules/${P.slice(0, 4)}`, {
    token: await token(NIP.hr),
    body: input,
  });
  expect(put.status, put.text).toBe(200);
});
afterAll(async () => gw?.close());

describe('rule sets', () => {
  it('anyone reads them; only BKPP changes them; a bad set names each field', async () => {
    const bad = await gw.call('PUT', '/v1/tpp/rules/2030', {
      token: await token(NIP.hr),
      body: { weightKinerjaBp: 6000 },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.map((d: { path: string }) => d.path)).toContain('body.paguByJobClass');
    const weights = await gw.call('GET', '/v1/tpp/rules/2026', { token: await token(NIP.staff) });
    const { year: _y, version: _v, createdAt: _c, createdBy: _b, ...input } = weights.json;
    const sum = await gw.call('PUT', '/v1/tpp/rules/2030', {
      token: await token(NIP.hr),
      body: { ...input, weightDisiplinBp: 5000 },
      headers: { 'accept-language': 'en' },
    });
    expect(sum.status).toBe(400);
    expect(sum.json.error.details).toEqual([
      {
        path: 'body.weightDisiplinBp',
        code: 'weights_sum',
        message: 'the performance and discipline weights must add up to 100% (10000 bp)',
      },
    ]);
    const forbidden = await gw.call('PUT', '/v1/tpp/rules/2030', {
      token: await token(NIP.dpuAdmin),
      body: input,
    });
    expect(forbidden.status).toBe(403);
  });
});

describe('attendance CSV → run → submit → approve race → export → adjustment', () => {
  it('a CSV with a bad row: 400 naming the row, nothing written', async () => {
    const csv = [
      'nip,TL1,TL2,TL3,TL4,PSW1,PSW2,PSW3,PSW4,TK,APEL',
      `${NIP.staff},0,3,0,0,0,0,0,0,0,1`,
      `${NIP.staff2},x,0,0,0,0,0,0,0,2,0`,
      `${NIP.dkkAdmin},1,0,0,0,0,0,0,0,0,0`,
    ].join('\n');
    const res = await gw.call('PUT', `/v1/attendance/${P}`, {
      token: await token(NIP.dpuAdmin),
      raw: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('ATTENDANCE_INVALID');
    expect(res.json.error.message).toBe(
      'Impor kehadiran dibatalkan: 2 baris bermasalah; tidak ada data yang disimpan.',
    );
    expect(res.json.error.details.map((d: { path: string }) => d.path)).toEqual([
      'body.rows.1.TL1',
      'body.rows.2.nip',
    ]);
    expect((await store.getAttendance(db(), [NIP.staff], P)).size).toBe(0);
  });

  it('a clean CSV is written; the same again changes nothing', async () => {
    const csv = `nip;TL2;TK;APEL\n${NIP.staff};3;;1\n${NIP.staff2};;2;\n`;
    const call = async () =>
      gw.call('PUT', `/v1/attendance/${P}`, {
        token: await token(NIP.dpuAdmin),
        raw: csv,
        headers: { 'content-type': 'text/csv; charset=utf-8' },
      });
    expect((await call()).json).toEqual({ period: P, written: 2, unchanged: 0 });
    expect((await call()).json).toEqual({ period: P, written: 0, unchanged: 2 });
  });

  it('the agency admin computes the draft; lines page by page; one line in plain words', async () => {
    const bad = await gw.call('POST', '/v1/tpp/runs', {
      token: await token(NIP.dpuAdmin),
      body: { agencyId: 'DPU', period: '2026-13' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe('body.period');
    const res = await gw.call('POST', '/v1/tpp/runs', {
      token: await token(NIP.dpuAdmin),
      body: { agencyId: 'DPU', period: P },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ runId: RUN, status: 'DRAFT', counts: { lines: 7, noAssessment: 7 } });
    const first = await gw.call('GET', `/v1/tpp/runs/${RUN}/lines?limit=5`, {
      token: await token(NIP.finance),
    });
    const rest = await gw.call('GET', `/v1/tpp/runs/${RUN}/lines?limit=5&cursor=${first.json.cursor}`, {
      token: await token(NIP.finance),
    });
    expect(first.json.items).toHaveLength(5);
    expect(rest.json.items).toHaveLength(2);
    const sum = [...first.json.items, ...rest.json.items].reduce(
      (s: number, l: { net: number }) => s + l.net,
      0,
    );
    expect(sum).toBe(res.json.totals.net);
    const line = await gw.call('GET', `/v1/tpp/runs/${RUN}/lines/${NIP.staff}`, {
      token: await token(NIP.staff),
    });
    expect(line.status).toBe(200);
    expect(line.json.explanation).toContain(
      'TL2 (terlambat 31–60 menit) × 3 = 3% dari komponen disiplin (1% per kejadian).',
    );
    const other = await gw.call('GET', `/v1/tpp/runs/${RUN}/lines/${NIP.staff}`, {
      token: await token(NIP.staff2),
    });
    expect(other.status).toBe(404);
  });

  it('submit, then two finance officers approve at once: one 200, one 409', async () => {
    const run = await gw.call('GET', `/v1/tpp/runs/${RUN}`, { token: await token(NIP.dpuAdmin) });
    const submitted = await gw.call('POST', `/v1/tpp/runs/${RUN}/submit`, {
      token: await token(NIP.dpuAdmin),
      body: { version: run.json.version },
    });
    expect(submitted.status, submitted.text).toBe(200);
    const t = await token(NIP.finance);
    const body = { version: submitted.json.version };
    const answers = await Promise.all([
      gw.call('POST', `/v1/tpp/runs/${RUN}/approve`, { token: t, body }),
      gw.call('POST', `/v1/tpp/runs/${RUN}/approve`, { token: t, body }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)?.json.error.code).toBe('CONFLICT');
    const locked = await gw.call('POST', `/v1/tpp/runs/${RUN}/recompute`, {
      token: await token(NIP.dpuAdmin),
    });
    expect(locked.status).toBe(422);
    expect(locked.json.error.message).toBe(
      `Run TPP ${RUN} berstatus APPROVED; tindakan ini tidak dapat dilakukan sekarang.`,
    );
  });

  it('export.csv: one line per employee, totals equal to the run', async () => {
    const run = await gw.call('GET', `/v1/tpp/runs/${RUN}`, { token: await token(NIP.finance) });
    const res = await gw.call('GET', `/v1/tpp/runs/${RUN}/export.csv`, { token: await token(NIP.finance) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const [header, ...rows] = res.text.trim().split('\r\n');
    const cols = (header as string).split(',');
    expect(rows).toHaveLength(7);
    const total = (name: string) => rows.reduce((s, r) => s + Number(r.split(',')[cols.indexOf(name)]), 0);
    expect({ gross: total('gross'), tax: total('tax'), net: total('net') }).toEqual(run.json.totals);
    const staff = await gw.call('GET', `/v1/tpp/runs/${RUN}/export.csv`, { token: await token(NIP.staff) });
    expect(staff.status).toBe(403);
  });

  it('a later correction: an ADJUSTMENT run with only the difference and its reason', async () => {
    await gw.call('PUT', `/v1/attendance/${P}`, {
      token: await token(NIP.dpuAdmin),
      body: { rows: [{ nip: NIP.staff, TL2: 3 }] },
    });
    const noReason = await gw.call('POST', '/v1/tpp/runs', {
      token: await token(NIP.dpuAdmin),
      body: { agencyId: 'DPU', period: P },
    });
    expect(noReason.status).toBe(400);
    expect(noReason.json.error.details[0].path).toBe('body.reason');
    const adj = await gw.call('POST', '/v1/tpp/runs', {
      token: await token(NIP.dpuAdmin),
      body: { agencyId: 'DPU', period: P, reason: 'Apel tercatat keliru' },
    });
    expect(adj.status, adj.text).toBe(201);
    // APEL × 1 removed: D + 2% × Rp1.680.000 = +33.600; PNS III/a tax 5%: +1.680
    expect(adj.json).toMatchObject({
      kind: 'ADJUSTMENT',
      adjusts: RUN,
      reason: 'Apel tercatat keliru',
      counts: { lines: 1 },
      totals: { gross: 33_600, tax: 1680, net: 31_920 },
    });
  });

  it('GET /v1/me/tpp: my month in plain words, Indonesian by default, English on request', async () => {
    const id = await gw.call('GET', `/v1/me/tpp?period=${P}`, { token: await token(NIP.staff) });
    expect(id.status).toBe(200);
    expect(id.json.lines.map((l: { kind: string }) => l.kind)).toEqual(['REGULAR', 'ADJUSTMENT']);
    expect(id.json.lines[0].explanation.join(' ')).toContain('Tidak ada penilaian kinerja bulan ini');
    const en = await gw.call('GET', `/v1/me/tpp?period=${P}`, {
      token: await token(NIP.staff),
      headers: { 'accept-language': 'en' },
    });
    expect(en.json.lines[0].explanation).toContain(
      'TL2 (late 31–60 min) × 3 = 3% of the discipline component (1% each).',
    );
    // the words depend on the language: caches must keep one copy per language, and so must ETags
    expect(id.headers.get('vary')).toBe('Accept-Language');
    expect(en.headers.get('etag')).not.toBe(id.headers.get('etag'));
    const bad = await gw.call('GET', '/v1/me/tpp?period=2026-1', { token: await token(NIP.staff) });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe('query.period');
  });
});
