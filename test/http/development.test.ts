/** The development area's HTTP surface through the local gateway. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPredikat } from '../../shared/development/triggers.js';
import type { EmployeeRecord } from '../../shared/employees/store.js';
import { db } from '../../shared/platform/dynamo.js';
import { depsAt, freshTable } from '../support/db.js';
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

const future = (days: number, hour = 1) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

describe('trainings over HTTP', () => {
  it('creates, lists, enrols, refuses a full session, and names bad fields in both languages', async () => {
    const admin = await token(NIP.dpuAdmin);
    const bad = await gw.call('POST', '/v1/trainings', {
      token: admin,
      body: { title: 'X', kind: 'KLASIKAL', method: 'BIMTEK', jp: 0, tags: ['Bad Tag'], sessions: [] },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual(
      ['body.jp', 'body.sessions', 'body.tags.0', 'body.title'].sort(),
    );
    const created = await gw.call('POST', '/v1/trainings', {
      token: admin,
      body: {
        title: 'Bimtek Drainase',
        kind: 'KLASIKAL',
        method: 'BIMTEK',
        jp: 8,
        tags: ['teknik-infrastruktur'],
        sessions: [{ startsAt: future(10), endsAt: future(10, 9), place: 'Aula DPU', capacity: 1 }],
      },
    });
    expect(created.status).toBe(201);
    const id = created.json.trainingId;
    const listed = await gw.call('GET', '/v1/trainings?tag=teknik-infrastruktur&organiser=DPU', {
      token: await token(NIP.staff),
    });
    expect(listed.json.items.map((t: { trainingId: string }) => t.trainingId)).toEqual([id]);
    const mine = await gw.call('POST', `/v1/trainings/${id}/enrolments`, {
      token: await token(NIP.staff),
      body: { sessionId: 'S1' },
    });
    expect(mine.status).toBe(201);
    expect(mine.json.status).toBe('ENROLLED');
    const full = await gw.call('POST', `/v1/trainings/${id}/enrolments`, {
      token: await token(NIP.staff2),
      body: { sessionId: 'S1', waitlist: false },
      headers: { 'accept-language': 'en' },
    });
    expect(full.status).toBe(422);
    expect(full.json.error).toEqual({
      code: 'SESSION_FULL',
      message: 'The training session is full (1 participants); no waiting-list place was asked for.',
    });
    const waiting = await gw.call('POST', `/v1/trainings/${id}/enrolments`, {
      token: await token(NIP.staff2),
      body: { sessionId: 'S1' },
    });
    expect(waiting.json).toMatchObject({ status: 'WAITLISTED', waitPosition: 0 });
    const again = await gw.call('POST', `/v1/trainings/${id}/enrolments`, {
      token: await token(NIP.staff),
      body: { sessionId: 'S1' },
    });
    expect(again.status).toBe(409);
    expect(again.json.error.message).toBe(
      'Pegawai ini sudah terdaftar pada pelatihan ini (status ENROLLED).',
    );
    const cancel = await gw.call('POST', `/v1/trainings/${id}/enrolments/${NIP.staff}/cancel`, {
      token: await token(NIP.staff),
    });
    expect(cancel.json.status).toBe('CANCELLED');
    const detail = await gw.call('GET', `/v1/trainings/${id}`, { token: await token(NIP.staff) });
    expect(detail.json.sessions[0]).toMatchObject({ seats: 1, waiting: 0 });
    const participants = await gw.call('GET', `/v1/trainings/${id}/enrolments`, { token: admin });
    expect(
      participants.json.items.map((e: { nip: string; status: string }) => [e.nip, e.status]).sort(),
    ).toEqual(
      [
        [NIP.staff2, 'ENROLLED'],
        [NIP.staff, 'CANCELLED'],
      ].sort(),
    );
    const summary = await gw.call('GET', `/v1/employees/${NIP.staff2}/development`, {
      token: await token(NIP.staff2),
    });
    expect(summary.status).toBe(200);
    expect(summary.json.upcoming.map((a: { trainingId: string }) => a.trainingId)).toEqual([id]);
    const report = await gw.call('GET', '/v1/agencies/DPU/development-report?year=2026', { token: admin });
    expect(report.status).toBe(200);
    expect(report.json.items.length).toBeGreaterThan(0);
    const foreign = await gw.call('GET', '/v1/agencies/DPU/development-report', {
      token: await token(NIP.dkkAdmin),
    });
    expect(foreign.status).toBe(403);
  });
});

describe('development plans over HTTP', () => {
  it('the employee reads the plan a predikat opened; the supervisor closes it; a stale version is 409', async () => {
    await onPredikat(depsAt(db(), new Date().toISOString()), {
      nip: NIP.staff,
      agencyId: 'DPU',
      reviewerNip: NIP.section,
      assessmentId: 'A-http',
      period: '2026-11',
      kind: 'PERIODIC',
      predikat: 'BUTUH_PERBAIKAN',
      gaps: { indicators: [], coreValues: ['KOLABORATIF'] },
      at: new Date(),
    });
    const mine = await gw.call('GET', '/v1/development-plans?scope=mine', { token: await token(NIP.staff) });
    expect(mine.status).toBe(200);
    expect(mine.json.items).toHaveLength(1);
    const planId = mine.json.items[0].planId;
    const read = await gw.call('GET', `/v1/development-plans/${planId}`, { token: await token(NIP.staff) });
    expect(read.json).toMatchObject({ status: 'OPEN', tags: ['kolaborasi', 'kerja-sama-tim'] });
    const byStaff = await gw.call('POST', `/v1/development-plans/${planId}/close`, {
      token: await token(NIP.staff),
      body: { version: 1, note: 'saya tutup' },
    });
    expect(byStaff.status).toBe(403);
    const stale = await gw.call('POST', `/v1/development-plans/${planId}/close`, {
      token: await token(NIP.section),
      body: { version: 7, note: 'Sudah membaik' },
    });
    expect(stale.status).toBe(409);
    expect(stale.json.error.currentVersion).toBe(1);
    const closed = await gw.call('POST', `/v1/development-plans/${planId}/close`, {
      token: await token(NIP.section),
      body: { version: 1, note: 'Sudah membaik' },
    });
    expect(closed.status).toBe(200);
    expect(closed.json.status).toBe('CLOSED');
    const badScope = await gw.call('GET', '/v1/development-plans?scope=everyone', {
      token: await token(NIP.staff),
    });
    expect(badScope.status).toBe(400);
    expect(badScope.json.error.details[0].path).toBe('query.scope');
  });
});
