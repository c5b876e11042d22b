/**
 * Everything written to stdout, stderr, the console and the logger while the complaint flows run
 * (LOG_LEVEL=INFO, so the request logs are on) must be free of the reporter's NIK, phone number,
 * e-mail address and name.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.LOG_LEVEL = 'INFO';
});

import { runComplaintSla } from '../../functions/jobs/complaint-sla.js';
import type { EmployeeRecord } from '../../shared/employees/store.js';
import { db } from '../../shared/platform/dynamo.js';
import { logger } from '../../shared/platform/logger.js';
import { filing, REPORTER, seedComplaintSetup, verification } from '../support/complaints.js';
import { freshTable } from '../support/db.js';
import { startTestGateway, type TestGateway } from '../support/http.js';
import { NIP, seedOrg } from '../support/org.js';

let gw: TestGateway;
let employees: EmployeeRecord[];
const token = (nip: string) => gw.token(employees.find((e) => e.nip === nip) as EmployeeRecord);
const captured: string[] = [];
const text = (args: unknown[]) =>
  args.map((a) => (typeof a === 'string' ? a : (JSON.stringify(a) ?? String(a)))).join(' ');

beforeAll(async () => {
  await freshTable();
  employees = await seedOrg(db());
  await seedComplaintSetup(db());
  gw = await startTestGateway();
  logger.setLogLevel('INFO');
  const outWrite = process.stdout.write.bind(process.stdout);
  const errWrite = process.stderr.write.bind(process.stderr);
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
    captured.push(String(chunk));
    return outWrite(chunk, ...(rest as []));
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
    captured.push(String(chunk));
    return errWrite(chunk, ...(rest as []));
  });
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[level].bind(console);
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      captured.push(text(args));
      original(...args);
    });
  }
  for (const level of ['info', 'warn', 'error', 'debug'] as const) {
    const original = logger[level].bind(logger) as (...args: unknown[]) => void;
    vi.spyOn(logger, level).mockImplementation(((...args: unknown[]) => {
      captured.push(text(args));
      original(...args);
    }) as never);
  }
});
afterAll(async () => {
  vi.restoreAllMocks();
  logger.setLogLevel('SILENT');
  await gw?.close();
});

describe('no personal data in the logs', () => {
  it('while citizens file, follow and rate, the desk reads the identity, the agency answers and the job escalates', async () => {
    const headers = { 'idempotency-key': 'log-test-1' };
    const filed = await gw.call('POST', '/v1/public/complaints', { body: filing(), headers });
    expect(filed.status).toBe(201);
    await gw.call('POST', '/v1/public/complaints', { body: filing(), headers });
    await gw.call('POST', '/v1/public/complaints', { body: filing({ privacy: 'ANONYMOUS' }), headers }); // 422
    // refused bodies carrying the personal data
    await gw.call('POST', '/v1/public/complaints', { body: filing({ description: 'pendek' }) });
    await gw.call('POST', '/v1/public/complaints', {
      body: { ...filing(), reporter: { ...REPORTER, email: `${REPORTER.name}@` } },
    });
    await gw.call('POST', '/v1/public/complaints', {
      raw: `{"reporter":{"nik":"${REPORTER.nik}"`,
      headers: { 'content-type': 'application/json' },
    });
    const code = filed.json.trackingCode;
    const secret = filed.json.reporterSecret;
    const desk = await token(NIP.desk);
    await gw.call('GET', `/v1/complaints/${code}/reporter`, { token: desk });
    await gw.call('POST', `/v1/complaints/${code}/verify`, { token: desk, body: verification() });
    const officer = await token(NIP.officer);
    await gw.call('POST', `/v1/complaints/${code}/acknowledge`, { token: officer });
    await gw.call('POST', `/v1/complaints/${code}/respond`, {
      token: officer,
      body: { answer: `Sudah ditangani, terima kasih ${REPORTER.name}.` },
    });
    await gw.call('POST', `/v1/public/complaints/${code}/messages`, {
      headers: { 'x-reporter-secret': secret },
      body: { text: `Hubungi saya di ${REPORTER.phone} atau ${REPORTER.email}.` },
    });
    await gw.call('POST', `/v1/public/complaints/${code}/rating`, {
      headers: { 'x-reporter-secret': secret },
      body: { score: 4, solved: true },
    });
    await gw.call('GET', `/v1/public/complaints/${code}`, { headers: { 'x-reporter-secret': secret } });
    await gw.call('POST', '/open311/v2/requests.json', {
      raw: new URLSearchParams({
        service_code: 'PJU',
        lat: '-6.9932',
        long: '110.4203',
        description: 'Tiga lampu PJU padam sejak seminggu di depan toko oleh-oleh.',
        email: REPORTER.email,
        phone: REPORTER.phone,
        first_name: REPORTER.name,
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await runComplaintSla({ db: db() }, new Date(Date.now() + 90 * 24 * 3_600_000));

    const all = captured.join('\n');
    // the capture works: the request logs are there
    expect(all).toContain('"message":"request"');
    expect(all).toContain('"message":"request refused"');
    for (const [field, value] of Object.entries(REPORTER)) {
      expect(all.includes(value), `${field} appears in the logs`).toBe(false);
    }
    expect(all.includes(secret)).toBe(false);
  });
});
