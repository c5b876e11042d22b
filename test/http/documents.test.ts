/**
 * Documents to print and sign, through the local gateway: the daftar nominatif of a TPP run as a
 * PDF (read back with pdftotext: the names, NIPs and amounts are the run's lines, the totals the
 * run's), the same version printed again gives the same file and code, and the public
 * verification tells a genuine file from an altered one and a current document from an outdated
 * one. Each PDF's first page is rendered to PNG in test-artifacts/documents/ (not committed).
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../infra/local/env.js';
import { newDocumentCode } from '../../shared/documents/rules.js';
import type { EmployeeRecord } from '../../shared/employees/store.js';
import { previousPeriod } from '../../shared/incentives/rules.js';
import * as store from '../../shared/incentives/store.js';
import { wibDate } from '../../shared/platform/clock.js';
import { db } from '../../shared/platform/dynamo.js';
import { rupiah } from '../../shared/platform/words.js';
import { freshTable } from '../support/db.js';
import { startTestGateway, type TestGateway } from '../support/http.js';
import { NIP, seedOrg } from '../support/org.js';
import { allLines } from '../support/tpp.js';

let gw: TestGateway;
let employees: EmployeeRecord[];
const token = (nip: string) => gw.token(employees.find((e) => e.nip === nip) as EmployeeRecord);
const P = previousPeriod(wibDate(new Date()).slice(0, 7));
const RUN = `TPP-DPU-${P}`;
const work = mkdtempSync(join(tmpdir(), 'sinergi-docs-'));
const ARTEFACTS = join(ROOT, 'test-artifacts', 'documents');

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** GET the PDF as bytes (the gateway helper reads text). */
const print = async (as: string) => {
  const res = await fetch(`${gw.gateway.url}/v1/tpp/runs/${RUN}/daftar-nominatif.pdf`, {
    headers: { authorization: `Bearer ${await token(as)}` },
  });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
};

/** The text of a PDF, laid out as on the page (poppler's pdftotext). */
const textOf = (bytes: Buffer, name: string): string => {
  const file = join(work, `${name}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-']).toString();
};

const pngOf = (bytes: Buffer, name: string) => {
  mkdirSync(ARTEFACTS, { recursive: true });
  const file = join(work, `${name}.pdf`);
  writeFileSync(file, bytes);
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', file, join(ARTEFACTS, name)]);
};

beforeAll(async () => {
  await freshTable();
  employees = await seedOrg(db());
  gw = await startTestGateway();
  const rules = await gw.call('GET', '/v1/tpp/rules/2026', { token: await token(NIP.staff) });
  const { year: _y, version: _v, createdAt: _c, createdBy: _b, ...input } = rules.json;
  const put = await gw.call('PUT', `/v1/tpp/rules/${P.slice(0, 4)}`, {
    token: await token(NIP.hr),
    body: input,
  });
  expect(put.status, put.text).toBe(200);
  const att = await gw.call('PUT', `/v1/attendance/${P}`, {
    token: await token(NIP.dpuAdmin),
    raw: `nip;TL2;TK\n${NIP.staff};3;\n${NIP.staff2};;2\n`,
    headers: { 'content-type': 'text/csv' },
  });
  expect(att.status, att.text).toBe(200);
  const run = await gw.call('POST', '/v1/tpp/runs', {
    token: await token(NIP.dpuAdmin),
    body: { agencyId: 'DPU', period: P },
  });
  expect(run.status, run.text).toBe(201);
});
afterAll(async () => {
  await gw?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the daftar nominatif of a TPP run', () => {
  let first: Awaited<ReturnType<typeof print>>;

  it('prints every employee with NIP, golongan and amounts, and totals equal to the run', async () => {
    first = await print(NIP.dpuAdmin);
    expect(first.status, first.bytes.toString()).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/pdf');
    expect(first.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const code = first.headers.get('x-document-code') as string;
    expect(code).toMatch(/^[0-9A-Z]{9}$/);
    expect(first.headers.get('x-document-sha256')).toBe(sha256(first.bytes));

    const text = textOf(first.bytes, 'nominatif');
    pngOf(first.bytes, 'daftar-nominatif');
    const run = (await store.getRun(db(), RUN)) as store.RunRecord;
    const lines = await allLines(db(), RUN);
    expect(lines.length).toBeGreaterThan(3);
    expect(text).toContain('DAFTAR NOMINATIF TAMBAHAN PENGHASILAN PEGAWAI (TPP)');
    expect(text).toContain('Draf (belum diajukan)');
    expect(text).toContain(`Kode: ${code}`);
    const digits = (n: number) => rupiah(n).replace('Rp', '');
    for (const l of lines) {
      // the line of this employee: name, then on the next line the NIP; its amounts on the name's line
      const row = text.split('\n').find((t) => /^\s*\d+\s/.test(t) && t.includes(l.name)) as string;
      expect(row, l.name).toBeDefined();
      expect(text).toContain(`NIP ${l.nip}`);
      for (const amount of [l.breakdown.kinerja, l.breakdown.disiplin, l.gross, l.tax, l.net])
        expect(row, `${l.name}: ${amount}`).toContain(digits(amount));
    }
    const totals = text.split('\n').find((t) => t.includes('JUMLAH')) as string;
    for (const amount of [run.totals.gross, run.totals.tax, run.totals.net])
      expect(totals).toContain(digits(amount));
    expect(text).toContain(`Jumlah yang dibayarkan (neto): ${rupiah(run.totals.net)}`);
    expect(text).toContain('Bendahara Pengeluaran');
  });

  it('the same version prints again as the same file with the same code, whoever prints it', async () => {
    const again = await print(NIP.finance);
    expect(again.status).toBe(200);
    expect(again.headers.get('x-document-code')).toBe(first.headers.get('x-document-code'));
    expect(sha256(again.bytes)).toBe(sha256(first.bytes));
  });

  it('only finance and the admin of the run’s agency print it', async () => {
    for (const nip of [NIP.staff, NIP.dkkAdmin]) expect((await print(nip)).status, nip).toBe(403);
  });
});

describe('verifying a printed document (public, no account)', () => {
  const verify = (code: string, query = '', lang?: string) =>
    gw.call(
      'GET',
      `/v1/public/documents/${code}${query}`,
      lang ? { headers: { 'accept-language': lang } } : {},
    );

  it('a genuine, current file: what was issued, current, and the file matches', async () => {
    const file = await print(NIP.dpuAdmin);
    const code = file.headers.get('x-document-code') as string;
    const res = await verify(code.toLowerCase().replace(/^(....)/, '$1-'), `?sha256=${sha256(file.bytes)}`);
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({
      code,
      kind: 'TPP_DAFTAR_NOMINATIF',
      kindName: 'Daftar Nominatif Tambahan Penghasilan Pegawai',
      current: true,
      matches: true,
      matchesText: 'Asli: berkas ini sama persis dengan dokumen yang diterbitkan.',
    });
    expect(res.json.issuedAtText).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}\.\d{2} WIB$/);
  });

  it('an altered file does not match; a recomputed run makes the old document outdated', async () => {
    const file = await print(NIP.dpuAdmin);
    const code = file.headers.get('x-document-code') as string;
    const altered = Buffer.from(file.bytes);
    altered[altered.length - 40] = (altered[altered.length - 40] as number) ^ 1;
    const tampered = await verify(code, `?sha256=${sha256(altered)}`);
    expect(tampered.json.matches).toBe(false);
    expect(tampered.json.matchesText).toMatch(/^Tidak cocok/);

    const run = (await store.getRun(db(), RUN)) as store.RunRecord;
    const recomputed = await gw.call('POST', `/v1/tpp/runs/${RUN}/recompute`, {
      token: await token(NIP.dpuAdmin),
      body: { version: run.version },
    });
    expect(recomputed.status, recomputed.text).toBe(200);
    const old = await verify(code, '', 'en');
    expect(old.json).toMatchObject({ current: false });
    expect(old.json.currentText).toMatch(/^No longer current/);
    const reprint = await print(NIP.dpuAdmin);
    expect(reprint.headers.get('x-document-code')).not.toBe(code);
  });

  it('an unknown or malformed code: 404 and 400 in plain words', async () => {
    const malformed = await verify('ABC');
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.details[0]).toMatchObject({ path: 'path.code' });
    expect(malformed.json.error.details[0].message).toMatch(/kode dokumen/);
    const unknown = await verify(newDocumentCode(randomBytes));
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.message).toBe('Dokumen dengan kode itu tidak ditemukan.');
  });
});
