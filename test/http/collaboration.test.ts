/** The collaboration area's HTTP surface through the local gateway. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmployeeRecord } from '../../shared/employees/store.js';
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

const inDays = (days: number, hour = 1) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

describe('forums over HTTP', () => {
  it('plans, registers, refuses an uninvited agency, and checks participation before citing it as evidence', async () => {
    const created = await gw.call('POST', '/v1/forums', {
      token: await token(NIP.dpuAdmin),
      body: {
        kind: 'WORKSHOP',
        topic: 'Sinkronisasi data jalan dan puskesmas',
        invitedAgencyIds: ['DKK'],
        startsAt: inDays(5),
        endsAt: inDays(5, 5),
        place: 'DPU',
        capacity: 10,
      },
    });
    expect(created.status).toBe(201);
    const id = created.json.forumId;
    const reg = await gw.call('POST', `/v1/forums/${id}/registrations`, { token: await token(NIP.staff) });
    expect(reg.status).toBe(201);
    const outsider = await gw.call('POST', `/v1/forums/${id}/registrations`, {
      token: await token(NIP.finance),
      body: {},
    });
    expect(outsider.status).toBe(422);
    expect(outsider.json.error.message).toBe('Perangkat daerah pegawai ini tidak diundang ke forum ini.');
    const notThere = await gw.call('POST', `/v1/forums/${id}/evidence`, {
      token: await token(NIP.staff2),
      body: { assessmentId: 'A1' },
    });
    expect(notThere.status).toBe(422);
    expect(notThere.json.error.code).toBe('NOT_FORUM_PARTICIPANT');
    // a participant reaches the performance area, which knows no such assessment
    const unknown = await gw.call('POST', `/v1/forums/${id}/evidence`, {
      token: await token(NIP.staff),
      body: { assessmentId: 'NO-SUCH-ASSESSMENT' },
    });
    expect(unknown.status).toBe(404);
    const action = await gw.call('POST', `/v1/forums/${id}/actions`, {
      token: await token(NIP.dpuAdmin),
      body: { title: 'Bagikan peta titik rawan', ownerAgencyId: 'DKK', dueDate: '2026-12-31' },
    });
    expect(action.status).toBe(201);
    const owned = await gw.call('GET', '/v1/agencies/DKK/forum-actions', {
      token: await token(NIP.dkkAdmin),
    });
    expect(owned.json.items.map((a: { title: string }) => a.title)).toEqual(['Bagikan peta titik rawan']);
  });
});

describe('protocols and practices over HTTP', () => {
  it('a protocol waits for every co-owner; a practice is adopted once per agency', async () => {
    const created = await gw.call('POST', '/v1/protocols', {
      token: await token(NIP.dpuAdmin),
      body: {
        title: 'Tanggap darurat banjir',
        coOwnerAgencyIds: ['DPU', 'DKK'],
        content: 'Langkah-langkah bersama.',
      },
    });
    expect(created.status).toBe(201);
    const id = created.json.protocolId;
    const first = await gw.call('POST', `/v1/protocols/${id}/versions/1/approve`, {
      token: await token(NIP.dpuAdmin),
    });
    expect(first.json).toMatchObject({ status: 'PROPOSED', missingApprovals: ['DKK'] });
    const badNo = await gw.call('POST', `/v1/protocols/${id}/versions/satu/approve`, {
      token: await token(NIP.dkkAdmin),
    });
    expect(badNo.status).toBe(400);
    expect(badNo.json.error.details[0].path).toBe('path.versionNo');
    const second = await gw.call('POST', `/v1/protocols/${id}/versions/1/approve`, {
      token: await token(NIP.dkkAdmin),
    });
    expect(second.json).toMatchObject({ status: 'ACTIVE', missingApprovals: [] });
    const hr = await gw.call('POST', `/v1/protocols/${id}/versions/1/approve`, {
      token: await token(NIP.hr),
    });
    expect(hr.status).toBe(403);

    const practice = await gw.call('POST', '/v1/practices', {
      token: await token(NIP.dkkAdmin),
      body: {
        title: 'Posyandu digital',
        problem: 'Pencatatan balita masih di buku.',
        solution: 'Aplikasi pencatatan di ponsel kader.',
        results: 'Data tersedia harian.',
        tags: ['literasi-digital'],
      },
    });
    expect(practice.status).toBe(201);
    const pid = practice.json.practiceId;
    const adopt = await gw.call('POST', `/v1/practices/${pid}/adoptions`, {
      token: await token(NIP.dpuAdmin),
      body: {},
    });
    expect(adopt.status).toBe(201);
    const twice = await gw.call('POST', `/v1/practices/${pid}/adoptions`, {
      token: await token(NIP.dpuAdmin),
    });
    expect(twice.status).toBe(409);
    expect(twice.json.error.code).toBe('ALREADY_ADOPTED');
    const found = await gw.call('GET', '/v1/practices?tag=literasi-digital', {
      token: await token(NIP.staff),
    });
    expect(found.json.items.map((p: { practiceId: string }) => p.practiceId)).toEqual([pid]);
  });
});
