/**
 * Performance management through the local gateway: a whole month as the people do it —
 * plan → approval → the cycle → self-assessment → review → acknowledgement, or appeal → decision —
 * and the refusals a client sees. The gateway stamps the real request time, so the month is the
 * current WIB month (its deadlines are always ahead).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmployeeRecord } from '../../shared/employees/store.js';
import { DEFAULT_SETTINGS } from '../../shared/performance/rules.js';
import { getAssessment } from '../../shared/performance/store.js';
import { wibDate } from '../../shared/platform/clock.js';
import { db } from '../../shared/platform/dynamo.js';
import { freshTable } from '../support/db.js';
import { startTestGateway, type TestGateway } from '../support/http.js';
import { NIP, seedOrg } from '../support/org.js';
import { planInput } from '../support/performance.js';

let gw: TestGateway;
let employees: EmployeeRecord[];
const token = (nip: string) => gw.token(employees.find((e) => e.nip === nip) as EmployeeRecord);
const PERIOD = wibDate(new Date()).slice(0, 7);
const YEAR = Number(PERIOD.slice(0, 4));

beforeAll(async () => {
  await freshTable();
  employees = await seedOrg(db());
  gw = await startTestGateway();
});
afterAll(async () => gw?.close());

const call = async (
  nip: string,
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => gw.call(method, path, { token: await token(nip), body, headers });

describe('a month of performance management', () => {
  it('plans are written, submitted and approved by the pejabat penilai', async () => {
    for (const nip of [NIP.staff, NIP.staff2]) {
      const created = await call(nip, 'POST', '/v1/plans', planInput(YEAR));
      expect(created.status, created.text).toBe(201);
      expect(created.json.state).toBe('DRAFT');
      const planId = created.json.planId;
      const wrong = await call(nip, 'POST', `/v1/plans/${planId}/approve`, { version: 1 });
      expect(wrong.status).toBe(403);
      expect(wrong.json.error.code).toBe('NOT_REVIEWER');
      expect((await call(nip, 'POST', `/v1/plans/${planId}/submit`, { version: 1 })).status).toBe(200);
      const approved = await call(NIP.section, 'POST', `/v1/plans/${planId}/approve`, { version: 2 });
      expect(approved.status, approved.text).toBe(200);
      expect(approved.json.state).toBe('APPROVED');
    }
    const list = await call(NIP.section, 'GET', `/v1/employees/${NIP.staff}/plans`);
    expect(list.json.items.map((p: { planId: string }) => p.planId)).toEqual([`${NIP.staff}-${YEAR}`]);
  });

  it('BKPP opens the cycle (only BKPP), twice gives the same assessments', async () => {
    const refused = await call(NIP.dpuAdmin, 'POST', '/v1/cycles', { period: PERIOD });
    expect(refused.status).toBe(403);
    const opened = await call(NIP.hr, 'POST', '/v1/cycles', { period: PERIOD });
    expect(opened.status, opened.text).toBe(200);
    expect(opened.json).toMatchObject({ period: PERIOD, created: 2 });
    const again = await call(NIP.hr, 'POST', '/v1/cycles', { period: PERIOD });
    expect(again.json.created).toBe(0);
    const bad = await call(NIP.hr, 'POST', '/v1/cycles', { period: '2026-13' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0]).toMatchObject({ path: 'body.period', code: 'period' });
  });

  it('self-assessment, submission, review: the predikat comes from the matrix', async () => {
    // The month in progress (the real clock): its submission would open on its last working day
    // (DOMAIN §2.3, tested in test/performance/timing.test.ts); BKPP opens it now for this year.
    const cfg = await call(NIP.hr, 'PUT', `/v1/performance-config/${YEAR}`, {
      ...DEFAULT_SETTINGS,
      submitFrom: 'ANY_TIME',
    });
    expect(cfg.status, cfg.text).toBe(200);
    const id = `${NIP.staff}-${PERIOD}`;
    const mine = await call(NIP.staff, 'GET', `/v1/assessments?period=${PERIOD}`);
    expect(mine.json.items.map((a: { id: string }) => a.id)).toEqual([id]);
    const self = await call(NIP.staff, 'PUT', `/v1/assessments/${id}/self`, {
      version: 1,
      entries: [
        {
          rhkId: 'RHK-1',
          actionPlan: 'Inspeksi',
          realization: '12 km',
          evidence: [{ title: 'Foto', url: 'https://drive.example/foto' }],
        },
      ],
    });
    expect(self.status, self.text).toBe(200);
    const notMine = await call(NIP.staff2, 'PUT', `/v1/assessments/${id}/self`, { version: 2, entries: [] });
    expect(notMine.status).toBe(404);
    const early = await call(NIP.section, 'POST', `/v1/assessments/${id}/review`, {
      version: 2,
      ratingHasilKerja: 'ABOVE',
      ratingPerilaku: 'ABOVE',
    });
    expect(early.status).toBe(422);
    expect(early.json.error.code).toBe('INVALID_TRANSITION');
    expect((await call(NIP.staff, 'POST', `/v1/assessments/${id}/submit`, { version: 2 })).status).toBe(200);

    const reviewees = await call(NIP.section, 'GET', `/v1/assessments?scope=reviewees&period=${PERIOD}`);
    expect(reviewees.json.items.map((a: { nip: string }) => a.nip).sort()).toEqual(
      [NIP.staff, NIP.staff2].sort(),
    );

    const badRating = await call(NIP.section, 'POST', `/v1/assessments/${id}/review`, {
      version: 3,
      ratingHasilKerja: 'EXCELLENT',
      ratingPerilaku: 'ABOVE',
      predikat: 'SANGAT_BAIK',
    });
    expect(badRating.status).toBe(400);
    expect(badRating.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'body.predikat',
      'body.ratingHasilKerja',
    ]);
    const byAtasan = await call(NIP.division, 'POST', `/v1/assessments/${id}/review`, {
      version: 3,
      ratingHasilKerja: 'ABOVE',
      ratingPerilaku: 'ABOVE',
    });
    expect(byAtasan.status).toBe(403);
    expect((await getAssessment(db(), id, true))?.state).toBe('SELF_SUBMITTED');

    const [first, second] = await Promise.all([
      call(NIP.section, 'POST', `/v1/assessments/${id}/review`, {
        version: 3,
        ratingHasilKerja: 'BELOW',
        ratingPerilaku: 'AS_EXPECTED',
      }),
      call(NIP.section, 'POST', `/v1/assessments/${id}/review`, {
        version: 3,
        ratingHasilKerja: 'BELOW',
        ratingPerilaku: 'AS_EXPECTED',
      }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const conflict = first.status === 409 ? first : second;
    expect(conflict.json.error).toMatchObject({ code: 'CONFLICT', currentVersion: 4 });
    const won = first.status === 200 ? first : second;
    expect(won.json).toMatchObject({ state: 'REVIEWED', predikat: 'BUTUH_PERBAIKAN' });
  });

  it('the employee appeals; the atasan upholds; everything is in the history and the notifications', async () => {
    const id = `${NIP.staff}-${PERIOD}`;
    const appeal = await call(NIP.staff, 'POST', `/v1/assessments/${id}/appeal`, {
      version: 4,
      reasons: 'Realisasi saya melampaui target',
    });
    expect(appeal.status, appeal.text).toBe(200);
    const notTheAtasan = await call(NIP.section, 'POST', `/v1/assessments/${id}/appeal-decision`, {
      version: 5,
      outcome: 'UPHELD',
      note: 'Tetap',
    });
    expect(notTheAtasan.status).toBe(403);
    const decided = await call(NIP.division, 'POST', `/v1/assessments/${id}/appeal-decision`, {
      version: 5,
      outcome: 'UPHELD',
      note: 'Penilaian sesuai bukti',
    });
    expect(decided.status, decided.text).toBe(200);
    expect(decided.json).toMatchObject({ state: 'APPEAL_DECIDED', predikat: 'BUTUH_PERBAIKAN' });
    const read = await call(NIP.staff, 'GET', `/v1/assessments/${id}`, undefined, {
      'accept-language': 'en',
    });
    expect(read.json.history.map((h: { action: string }) => h.action)).toEqual([
      'OPENED',
      'SELF_SAVED',
      'SUBMITTED',
      'REVIEWED',
      'APPEALED',
      'APPEAL_DECIDED',
    ]);
    const notes = await call(NIP.staff, 'GET', '/v1/me/notifications');
    expect(notes.json.items.map((n: { kind: string }) => n.kind)).toEqual(
      expect.arrayContaining(['PLAN_APPROVED', 'RESULT_TO_ACKNOWLEDGE', 'APPEAL_DECIDED']),
    );
    const divisionNotes = await call(NIP.division, 'GET', '/v1/me/notifications');
    expect(divisionNotes.json.items.map((n: { kind: string }) => n.kind)).toContain('APPEAL_TO_DECIDE');
  });

  it('the other employee acknowledges; the agency sees its progress', async () => {
    const id = `${NIP.staff2}-${PERIOD}`;
    await call(NIP.staff2, 'POST', `/v1/assessments/${id}/submit`, { version: 1 });
    await call(NIP.section, 'POST', `/v1/assessments/${id}/review`, {
      version: 2,
      ratingHasilKerja: 'AS_EXPECTED',
      ratingPerilaku: 'ABOVE',
    });
    const ack = await call(NIP.staff2, 'POST', `/v1/assessments/${id}/acknowledge`, { version: 3 });
    expect(ack.json).toMatchObject({ state: 'ACKNOWLEDGED', predikat: 'BAIK' });
    const stale = await call(NIP.staff2, 'POST', `/v1/assessments/${id}/acknowledge`, { version: 3 });
    expect(stale.status).toBe(409);
    const progress = await call(NIP.dpuAdmin, 'GET', `/v1/agencies/DPU/progress?period=${PERIOD}`);
    expect(progress.status, progress.text).toBe(200);
    expect(progress.json.units).toEqual([
      expect.objectContaining({
        unitId: 'DPU-B1-S1',
        total: 2,
        counts: expect.objectContaining({ acknowledged: 1, appealDecided: 1 }),
      }),
    ]);
    const otherAgency = await call(NIP.dkkAdmin, 'GET', `/v1/agencies/DPU/progress?period=${PERIOD}`);
    expect(otherAgency.status).toBe(403);
    const distribution = await call(NIP.hr, 'GET', `/v1/units/DPU-B1-S1/distribution?period=${PERIOD}`);
    expect(distribution.json).toMatchObject({
      counts: { BAIK: 1, BUTUH_PERBAIKAN: 1 },
      total: 2,
      ok: true,
      rules: [],
    });
  });

  it('feedback outside the cycle, from the reviewer only, visible to the employee', async () => {
    const given = await call(NIP.section, 'POST', `/v1/employees/${NIP.staff}/feedback`, {
      text: 'Laporan minggu ini rapi',
    });
    expect(given.status, given.text).toBe(201);
    expect(
      (await call(NIP.staff2, 'POST', `/v1/employees/${NIP.staff}/feedback`, { text: 'Hai' })).status,
    ).toBe(404);
    const seen = await call(NIP.staff, 'GET', `/v1/employees/${NIP.staff}/feedback`);
    expect(seen.json.items.map((f: { text: string }) => f.text)).toEqual(['Laporan minggu ini rapi']);
  });
});
