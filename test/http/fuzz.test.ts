/**
 * Hostile input at every catalog route, through the local gateway (127.0.0.1 only): property-based
 * requests built with fast-check from each route's zod schemas — valid-looking bodies mutated
 * (fields dropped, wrong types, huge or odd unicode strings, negative and huge numbers, extra and
 * prototype keys, values at their maximum size), arbitrary JSON, malformed JSON text, wrong and odd
 * content types, CSV and form bodies where the route takes them, query strings with random keys and
 * values (limit=-1, garbage and tampered cursors), hostile path values (`..`, `%00`, very long,
 * unicode, malformed escapes) and odd headers. The caller holds a role the route allows (the
 * mapping of the authorisation walk), so requests reach validation and the use case, over a small
 * organisation with one of everything (plans, assessments, complaints, a TPP run, trainings,
 * forums, practices, protocols, a development plan).
 *
 * For every request: never a 5xx, and never a write on a 4xx — the process-wide DynamoDB client the
 * handlers use counts the write calls that succeeded (Put/Update/Delete/BatchWrite/TransactWrite).
 *
 * FUZZ_RUNS (default 20) runs per route. Each route's seed derives from one run seed, printed with
 * any failure: FUZZ_SEED=<it> replays the run (add `-t <routeId>` and FUZZ_PATH=<fast-check's path>
 * for one route's shrunk case). FUZZ_LOG=1 shows the handlers' error logs (the cause of a 5xx),
 * FUZZ_STATS=1 the statuses per route and kind of request, FUZZ_DEBUG=<routeId> every request.
 */
import { type Agent, Agent as HttpAgent, request as httpRequest } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { routes } from '../../functions/catalog.js';
import { onPredikat } from '../../shared/development/triggers.js';
import * as emp from '../../shared/employees/schemas.js';
import type { EmployeeRecord } from '../../shared/employees/store.js';
import { previousPeriod } from '../../shared/incentives/rules.js';
import * as tpp from '../../shared/incentives/schemas.js';
import { DEFAULT_SETTINGS } from '../../shared/performance/rules.js';
import { wibDate } from '../../shared/platform/clock.js';
import { db } from '../../shared/platform/dynamo.js';
import { logger } from '../../shared/platform/logger.js';
import { ROLES, type Role } from '../../shared/platform/roles.js';
import type { RouteDef } from '../../shared/platform/route.js';
import { filing, REPORTER, seedComplaintSetup, verification } from '../support/complaints.js';
import { depsAt, freshTable } from '../support/db.js';
import { type Answer, startTestGateway, type TestGateway } from '../support/http.js';
import { NIP, seedOrg } from '../support/org.js';
import { planInput, putApprovedPlans, setUnitHeads } from '../support/performance.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
const RUN_SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const PATH = process.env.FUZZ_PATH;
/** the route's own seed: the run seed mixed with the route id (FNV-1a) */
const seedOf = (id: string): number => {
  let h = 0x811c9dc5 ^ RUN_SEED;
  for (const c of id) h = Math.imul(h ^ (c.codePointAt(0) ?? 0), 0x01000193);
  return h | 0;
};
/** FUZZ_STATS=1: print the statuses seen per route and kind of request (to tune the generators) */
const STATS = process.env.FUZZ_STATS === '1';
const stats = new Map<string, number>();

/** The authorisation walk's role → employee mapping. */
const ACTOR_OF_ROLE: Record<Role, string> = {
  EMPLOYEE: NIP.staff,
  AGENCY_ADMIN: NIP.dpuAdmin,
  HR_ADMIN: NIP.hr,
  FINANCE: NIP.finance,
  COMPLAINT_DESK: NIP.desk,
  COMPLAINT_OFFICER: NIP.officer,
  AUDITOR: NIP.auditor,
};

/**
 * Routes that may write before answering 4xx, with the reason. Empty: a 4xx that leaves a write
 * behind is a bug (a half-applied request), not something to excuse here.
 */
const WRITES_ON_4XX_ALLOWED: Partial<Record<string, string>> = {};

// ── the write counter on the handlers' DynamoDB client ───────────────────────────────────────────

const WRITE_COMMANDS = /^(PutItem|UpdateItem|DeleteItem|BatchWriteItem|TransactWriteItems)Command$/;
const writes: string[] = [];

const keyOf = (k: unknown): string => {
  const key = (k ?? {}) as Record<string, unknown>;
  return `${String(key.pk)} / ${String(key.sk)}`;
};
const describeWrite = (command: string, input: Record<string, unknown>): string => {
  if (input.Item) return `${command} ${keyOf(input.Item)}`;
  if (input.Key) return `${command} ${keyOf(input.Key)}`;
  if (Array.isArray(input.TransactItems)) {
    const parts = (input.TransactItems as Array<Record<string, { Item?: unknown; Key?: unknown }>>).map(
      (t) => {
        const [op, v] = Object.entries(t)[0] ?? ['?', {}];
        return `${op} ${keyOf(v?.Item ?? v?.Key)}`;
      },
    );
    return `${command} [${parts.join('; ')}]`;
  }
  return command;
};

let counterInstalled = false;
const installWriteCounter = () => {
  if (counterInstalled) return;
  counterInstalled = true;
  db().doc.middlewareStack.add(
    (next, context) => async (args) => {
      const out = await next(args); // only what succeeded counts
      const command = String(context.commandName ?? '');
      if (WRITE_COMMANDS.test(command)) {
        writes.push(describeWrite(command.replace(/Command$/, ''), args.input as Record<string, unknown>));
      }
      return out;
    },
    { step: 'initialize', name: 'fuzzWriteCounter' },
  );
};

// ── the fixture: one of everything, made through the API ─────────────────────────────────────────

const PERIOD = wibDate(new Date()).slice(0, 7);
const PREV = previousPeriod(PERIOD);
const YEAR = Number(PERIOD.slice(0, 4));
const TODAY = wibDate(new Date());
const inDays = (days: number, hour = 1) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};
const dayIn = (days: number) => inDays(days).slice(0, 10);

interface Fixture {
  /** staff's and staff2's APPROVED, section's SUBMITTED, division's DRAFT */
  planIds: string[];
  /** staff's REVIEWED, staff2's SELF_SUBMITTED, dpuAdmin's OPEN, officer's APPEALED */
  assessmentIds: string[];
  devPlanId: string;
  /** SUBMITTED, VERIFIED, IN_PROGRESS, RESPONDED */
  complaintIds: string[];
  reporterSecrets: string[];
  trainingId: string;
  forumId: string;
  actionId: string;
  practiceId: string;
  protocolId: string;
  /** DPU's DRAFT, DKK's SUBMITTED, DKK's APPROVED */
  runIds: string[];
  notificationKeys: string[];
  /** a real next-page cursor per list route, to tamper with */
  cursors: Map<string, string>;
  /** valid-looking bodies per route, to mutate */
  samples: Map<string, unknown[]>;
}

let gw: TestGateway;
let agent: Agent;
let employees: EmployeeRecord[];
const tokens = new Map<string, string>();
let fx: Fixture;

const must = (res: Answer, status: number, what: string): Answer => {
  if (res.status !== status) throw new Error(`fixture: ${what} answered ${res.status}: ${res.text}`);
  return res;
};

const buildFixture = async (): Promise<Fixture> => {
  const as = (nip: string) => tokens.get(nip) as string;
  const call = (nip: string | undefined, method: string, path: string, body?: unknown) =>
    gw.call(method, path, { token: nip ? as(nip) : undefined, body });
  const PREV2 = previousPeriod(PREV);

  // the TPP rules of the years involved (2026 ships a default)
  for (const year of new Set([YEAR, Number(PREV.slice(0, 4)), Number(PREV2.slice(0, 4))])) {
    if (year === 2026) continue;
    const rules = await call(NIP.staff, 'GET', '/v1/tpp/rules/2026');
    const { year: _y, version: _v, createdAt: _c, createdBy: _b, ...input } = rules.json;
    must(await call(NIP.hr, 'PUT', `/v1/tpp/rules/${year}`, input), 200, 'tpp rules');
  }

  // SKPs in every state; the month's cycle open with an assessment in each state that has a route
  const planIds: string[] = [];
  for (const nip of [NIP.staff, NIP.staff2, NIP.section, NIP.division]) {
    const created = must(await call(nip, 'POST', '/v1/plans', planInput(YEAR)), 201, 'plan');
    const planId = created.json.planId as string;
    planIds.push(planId);
    if (nip === NIP.division) continue;
    must(await call(nip, 'POST', `/v1/plans/${planId}/submit`, { version: 1 }), 200, 'submit plan');
    if (nip === NIP.section) continue;
    must(await call(NIP.section, 'POST', `/v1/plans/${planId}/approve`, { version: 2 }), 200, 'approve');
  }
  const byNip = (nip: string) => employees.find((e) => e.nip === nip) as EmployeeRecord;
  await putApprovedPlans(db(), [byNip(NIP.dpuAdmin), byNip(NIP.officer)], YEAR);
  must(await call(NIP.hr, 'POST', '/v1/cycles', { period: PERIOD }), 200, 'open cycle');
  // the month in progress is submitted and reviewed now: BKPP opens submission at any time this year
  must(
    await call(NIP.hr, 'PUT', `/v1/performance-config/${YEAR}`, {
      ...DEFAULT_SETTINGS,
      submitFrom: 'ANY_TIME',
    }),
    200,
    'performance config',
  );
  const [aStaff, aStaff2, aAdmin, aOfficer] = [NIP.staff, NIP.staff2, NIP.dpuAdmin, NIP.officer].map(
    (nip) => `${nip}-${PERIOD}`,
  ) as [string, string, string, string];
  const review = { ratingHasilKerja: 'BELOW', ratingPerilaku: 'AS_EXPECTED' };
  must(
    await call(NIP.staff, 'PUT', `/v1/assessments/${aStaff}/self`, {
      version: 1,
      entries: [{ rhkId: 'RHK-1', actionPlan: 'Inspeksi', realization: '12 km', evidence: [] }],
    }),
    200,
    'self-assessment',
  );
  must(await call(NIP.staff, 'POST', `/v1/assessments/${aStaff}/submit`, { version: 2 }), 200, 'submit');
  must(
    await call(NIP.section, 'POST', `/v1/assessments/${aStaff}/review`, { version: 3, ...review }),
    200,
    'review',
  );
  must(await call(NIP.staff2, 'POST', `/v1/assessments/${aStaff2}/submit`, { version: 1 }), 200, 'submit');
  must(await call(NIP.officer, 'POST', `/v1/assessments/${aOfficer}/submit`, { version: 1 }), 200, 'submit');
  must(
    await call(NIP.section, 'POST', `/v1/assessments/${aOfficer}/review`, { version: 2, ...review }),
    200,
    'review',
  );
  must(
    await call(NIP.officer, 'POST', `/v1/assessments/${aOfficer}/appeal`, {
      version: 3,
      reasons: 'Realisasi saya melampaui target',
    }),
    200,
    'appeal',
  );

  // complaints in the states the routes act on
  const complaintIds: string[] = [];
  const reporterSecrets: string[] = [];
  for (let i = 0; i < 4; i++) {
    const filed = must(await call(undefined, 'POST', '/v1/public/complaints', filing()), 201, 'complaint');
    const code = filed.json.trackingCode as string;
    complaintIds.push(code);
    reporterSecrets.push(filed.json.reporterSecret as string);
    if (i === 0) continue;
    must(await call(NIP.desk, 'POST', `/v1/complaints/${code}/verify`, verification()), 200, 'verify');
    if (i === 1) continue;
    must(await call(NIP.officer, 'POST', `/v1/complaints/${code}/acknowledge`), 200, 'acknowledge');
    if (i === 2) continue;
    must(
      await call(NIP.officer, 'POST', `/v1/complaints/${code}/respond`, {
        answer: 'Lubang sudah ditambal tim pemeliharaan jalan.',
      }),
      200,
      'respond',
    );
  }

  // development: a training with a session, staff enrolled; a plan opened by a predikat
  const training = must(
    await call(NIP.dpuAdmin, 'POST', '/v1/trainings', {
      title: 'Bimtek Drainase',
      kind: 'KLASIKAL',
      method: 'BIMTEK',
      jp: 8,
      tags: ['teknik-infrastruktur'],
      sessions: [{ startsAt: inDays(10), endsAt: inDays(10, 9), place: 'Aula DPU', capacity: 5 }],
    }),
    201,
    'training',
  );
  const trainingId = training.json.trainingId as string;
  must(
    await call(NIP.staff, 'POST', `/v1/trainings/${trainingId}/enrolments`, { sessionId: 'S1' }),
    201,
    'enrol',
  );
  await onPredikat(depsAt(db(), new Date().toISOString()), {
    nip: NIP.staff,
    agencyId: 'DPU',
    reviewerNip: NIP.section,
    assessmentId: aStaff,
    period: PERIOD,
    kind: 'PERIODIC',
    predikat: 'BUTUH_PERBAIKAN',
    gaps: { indicators: [], coreValues: ['KOLABORATIF'] },
    at: new Date(),
  });
  const devPlans = await call(NIP.staff, 'GET', '/v1/development-plans?scope=mine');
  const devPlanId = devPlans.json.items[0].planId as string;

  // collaboration: a forum with an action item and a registration, a practice, a protocol
  const forum = must(
    await call(NIP.dpuAdmin, 'POST', '/v1/forums', {
      kind: 'WORKSHOP',
      topic: 'Sinkronisasi data jalan dan puskesmas',
      invitedAgencyIds: ['DKK'],
      startsAt: inDays(5),
      endsAt: inDays(5, 5),
      place: 'DPU',
      capacity: 10,
    }),
    201,
    'forum',
  );
  const forumId = forum.json.forumId as string;
  must(await call(NIP.staff, 'POST', `/v1/forums/${forumId}/registrations`, {}), 201, 'register');
  const action = must(
    await call(NIP.dpuAdmin, 'POST', `/v1/forums/${forumId}/actions`, {
      title: 'Bagikan peta titik rawan',
      ownerAgencyId: 'DKK',
      dueDate: dayIn(30),
    }),
    201,
    'forum action',
  );
  const practice = must(
    await call(NIP.dkkAdmin, 'POST', '/v1/practices', {
      title: 'Posyandu digital',
      problem: 'Pencatatan balita masih di buku.',
      solution: 'Aplikasi pencatatan di ponsel kader.',
      results: 'Data tersedia harian.',
      tags: ['literasi-digital'],
    }),
    201,
    'practice',
  );
  const protocol = must(
    await call(NIP.dpuAdmin, 'POST', '/v1/protocols', {
      title: 'Tanggap darurat banjir',
      coOwnerAgencyIds: ['DPU', 'DKK'],
      content: 'Langkah-langkah bersama.',
    }),
    201,
    'protocol',
  );

  // TPP: DPU's draft of last month (with attendance); DKK's submitted, and approved the month before
  must(
    await gw.call('PUT', `/v1/attendance/${PREV}`, {
      token: as(NIP.dpuAdmin),
      raw: `nip;TL2;TK;APEL\n${NIP.staff};3;;1\n${NIP.staff2};;2;\n`,
      headers: { 'content-type': 'text/csv' },
    }),
    200,
    'attendance',
  );
  const runIds: string[] = [];
  for (const [admin, agencyId, period, steps] of [
    [NIP.dpuAdmin, 'DPU', PREV, 0],
    [NIP.dkkAdmin, 'DKK', PREV, 1],
    [NIP.dkkAdmin, 'DKK', PREV2, 2],
  ] as const) {
    const run = must(await call(admin, 'POST', '/v1/tpp/runs', { agencyId, period }), 201, 'tpp run');
    const runId = run.json.runId as string;
    runIds.push(runId);
    if (steps === 0) continue;
    const sub = must(
      await call(admin, 'POST', `/v1/tpp/runs/${runId}/submit`, { version: run.json.version }),
      200,
      'submit run',
    );
    if (steps === 1) continue;
    must(
      await call(NIP.finance, 'POST', `/v1/tpp/runs/${runId}/approve`, { version: sub.json.version }),
      200,
      'approve run',
    );
  }

  const notifications = await call(NIP.staff, 'GET', '/v1/me/notifications');
  const notificationKeys = ((notifications.json?.items ?? []) as Array<{ key?: string }>)
    .map((n) => n.key)
    .filter((k): k is string => typeof k === 'string');

  return {
    planIds,
    assessmentIds: [aStaff, aStaff2, aAdmin, aOfficer],
    devPlanId,
    complaintIds,
    reporterSecrets,
    trainingId,
    forumId,
    actionId: action.json.actionId as string,
    practiceId: practice.json.practiceId as string,
    protocolId: protocol.json.protocolId as string,
    runIds,
    notificationKeys,
    cursors: new Map(),
    samples: new Map(),
  };
};

interface Target {
  as?: string;
  params?: Record<string, string>;
  headers?: Record<string, string>;
}

/**
 * Who may act on which record of the fixture (the owner, the pejabat penilai, the atasan, the
 * co-owner, the reporter with the secret): half of the requests go there, so that they reach deep
 * into the use case; the other half pick any allowed caller and any fixture record.
 */
const targetOf = (id: string): Target | undefined => {
  const [aStaff, aStaff2, aAdmin, aOfficer] = fx.assessmentIds;
  const [, , sectionPlan, divisionPlan] = fx.planIds;
  const [cSubmitted, cVerified, cInProgress, cResponded] = fx.complaintIds;
  const [runDraft, runSubmitted, runApproved] = fx.runIds;
  const reporter = { 'x-reporter-secret': fx.reporterSecrets[3] as string };
  const t: Record<string, Target> = {
    updatePlan: { as: NIP.division, params: { planId: divisionPlan as string } },
    submitPlan: { as: NIP.division, params: { planId: divisionPlan as string } },
    approvePlan: { as: NIP.division, params: { planId: sectionPlan as string } },
    returnPlan: { as: NIP.division, params: { planId: sectionPlan as string } },
    planCascade: { as: NIP.section, params: { planId: sectionPlan as string } },
    saveSelfAssessment: { as: NIP.dpuAdmin, params: { id: aAdmin as string } },
    submitSelfAssessment: { as: NIP.dpuAdmin, params: { id: aAdmin as string } },
    reviewAssessment: { as: NIP.section, params: { id: aStaff2 as string } },
    acknowledgeAssessment: { as: NIP.staff, params: { id: aStaff as string } },
    appealAssessment: { as: NIP.staff, params: { id: aStaff as string } },
    decideAppeal: { as: NIP.division, params: { id: aOfficer as string } },
    giveFeedback: { as: NIP.section, params: { nip: NIP.staff } },
    setUnitPredikat: { as: NIP.division, params: { unitId: 'DPU-B1-S1', period: PERIOD } },
    overrideDistribution: { as: NIP.division, params: { unitId: 'DPU-B1-S1', period: PERIOD } },
    openDevelopmentPlan: { as: NIP.section },
    updateDevelopmentPlan: { as: NIP.section },
    logCoaching: { as: NIP.section },
    closeDevelopmentPlan: { as: NIP.section },
    approveProtocolVersion: { as: NIP.dkkAdmin, params: { versionNo: '1' } },
    proposeProtocolVersion: { as: NIP.dkkAdmin },
    updateForumAction: { as: NIP.dkkAdmin },
    submitTppRun: { as: NIP.dpuAdmin, params: { runId: runDraft as string } },
    recomputeTppRun: { as: NIP.dpuAdmin, params: { runId: runDraft as string } },
    approveTppRun: { as: NIP.finance, params: { runId: runSubmitted as string } },
    rejectTppRun: { as: NIP.finance, params: { runId: runSubmitted as string } },
    exportTppRun: { as: NIP.finance, params: { runId: runApproved as string } },
    getTppLine: { as: NIP.staff, params: { runId: runDraft as string, nip: NIP.staff } },
    readNotification: { as: NIP.staff },
    cancelEnrolment: { as: NIP.staff, params: { nip: NIP.staff } },
    cancelForumRegistration: { as: NIP.staff, params: { nip: NIP.staff } },
    addForumEvidence: { as: NIP.staff },
    addProtocolEvidence: { as: NIP.staff },
    giveTrainingFeedback: { as: NIP.staff },
    verifyComplaint: { params: { id: cSubmitted as string } },
    rejectComplaint: { params: { id: cSubmitted as string } },
    mergeComplaint: { params: { id: cSubmitted as string } },
    acknowledgeComplaint: { params: { id: cVerified as string } },
    respondComplaint: { params: { id: cInProgress as string } },
    handbackComplaint: { params: { id: cInProgress as string } },
    addComplaintNote: { params: { id: cInProgress as string } },
    trackComplaint: { params: { trackingCode: cResponded as string }, headers: reporter },
    addComplaintMessage: { params: { trackingCode: cResponded as string }, headers: reporter },
    rateComplaint: { params: { trackingCode: cResponded as string }, headers: reporter },
    reopenComplaint: { params: { trackingCode: cResponded as string }, headers: reporter },
  };
  return t[id];
};

/** Valid-looking bodies written by hand, where the schema alone rarely gives a valid one. */
const sampleBodies = async (): Promise<Map<string, unknown[]>> => {
  const [aStaff] = fx.assessmentIds;
  const get = async (path: string) =>
    (await gw.call('GET', path, { token: tokens.get(NIP.staff) })).json as Record<string, unknown>;
  const { year: _y, results: _r, ...plan } = planInput(YEAR);
  const employee = {
    nip: '199001012015011999',
    name: 'Pegawai Baru',
    agencyId: 'DPU',
    unitId: 'DPU-B1-S1',
    positionTitle: 'Pengadministrasi Umum',
    positionType: 'PELAKSANA',
    jobClass: 6,
    grade: 'III/a',
    employmentType: 'PNS',
    reviewerNip: NIP.section,
  };
  const categories = (await get('/v1/public/complaint-categories')).items as Array<Record<string, unknown>>;
  const review = { ratingHasilKerja: 'ABOVE', ratingPerilaku: 'AS_EXPECTED' };
  const samples: Record<string, unknown[]> = {
    putCalendar: [await get(`/v1/calendars/${YEAR}`)],
    putPerformanceConfig: [await get(`/v1/performance-config/${YEAR}`)],
    putTppRules: [await get(`/v1/tpp/rules/${YEAR}`)],
    putComplaintCategory: categories.slice(0, 2),
    createEmployee: [employee],
    updateEmployee: [{ version: 1, name: 'Nama Baru', unitId: 'DPU-B1', effectiveFrom: TODAY }],
    importEmployees: [{ rows: [employee, { ...employee, nip: '199001012015011998' }] }],
    setRoles: [{ version: 1, roles: [{ role: 'AGENCY_ADMIN', agencyId: 'DPU' }] }],
    addStatusPeriod: [{ version: 1, period: { status: 'CUTI_BESAR', from: dayIn(10), to: dayIn(40) } }],
    createPlan: [planInput(YEAR + 1)],
    updatePlan: [{ version: 1, ...plan, results: planInput(YEAR).results }],
    reviewAssessment: [
      { version: 2, ...review },
      { version: 2, ...review, results: [] },
    ],
    decideAppeal: [
      { version: 4, outcome: 'UPHELD', note: 'Penilaian sesuai bukti' },
      { version: 4, outcome: 'REVISED', ...review, note: 'Direvisi' },
    ],
    appealAssessment: [{ version: 4, reasons: 'Realisasi saya melampaui target' }],
    saveSelfAssessment: [
      {
        version: 1,
        entries: [{ rhkId: 'RHK-1', actionPlan: 'Inspeksi', realization: '12 km', evidence: [] }],
      },
    ],
    submitComplaint: [filing(), filing({ privacy: 'CONFIDENTIAL' })],
    verifyComplaint: [{ ...verification(), version: 1 }],
    respondComplaint: [{ answer: 'Lubang sudah ditambal tim pemeliharaan jalan.' }],
    rateComplaint: [{ score: 4, solved: true }],
    reopenComplaint: [{ reason: 'Masih berlubang di sisi utara.' }],
    open311PostRequest: [
      {
        api_key: 'any-client-key',
        service_code: 'PJU',
        lat: '-6.9932',
        long: '110.4203',
        address_string: 'Jl. Pandanaran 1',
        'attribute[kelurahan]': 'Mugasari',
        description: 'Tiga lampu PJU padam sejak seminggu di depan toko oleh-oleh.',
        email: REPORTER.email,
        media_url: 'https://foto.example.id/pju.jpg',
      },
    ],
    importAttendance: [
      {
        rows: [
          { nip: NIP.staff, TL2: 3, APEL: 1 },
          { nip: NIP.staff2, TK: 2 },
        ],
      },
    ],
    createTppRun: [{ agencyId: 'DPU', period: PREV, reason: 'Koreksi' }],
    addSanction: [{ level: 'RINGAN', startDate: TODAY, months: 3, note: 'Teguran' }],
    createTraining: [
      {
        title: 'Bimtek Drainase',
        kind: 'KLASIKAL',
        method: 'BIMTEK',
        jp: 8,
        tags: ['teknik-infrastruktur'],
        sessions: [{ startsAt: inDays(12), endsAt: inDays(12, 9), place: 'Aula DPU', capacity: 5 }],
      },
    ],
    recordAttendance: [{ sessionId: 'S1', records: [{ nip: NIP.staff, outcome: 'COMPLETED' }] }],
    createForum: [
      {
        kind: 'FORUM',
        topic: 'Sinkronisasi data jalan',
        invitedAgencyIds: ['DKK'],
        startsAt: inDays(6),
        endsAt: inDays(6, 5),
        place: 'DPU',
        capacity: 10,
      },
    ],
    recordForumAttendance: [{ nips: [NIP.staff] }],
    setForumMinutes: [{ version: 1, minutes: 'Notulen rapat koordinasi.' }],
    createForumAction: [{ title: 'Bagikan data', ownerAgencyId: 'DKK', dueDate: dayIn(20) }],
    addForumEvidence: [{ assessmentId: aStaff }],
    addProtocolEvidence: [{ assessmentId: aStaff }],
    createPractice: [
      {
        title: 'Posyandu digital',
        problem: 'Pencatatan balita masih di buku.',
        solution: 'Aplikasi pencatatan di ponsel kader.',
        results: 'Data tersedia harian.',
        tags: ['literasi-digital'],
      },
    ],
    createProtocol: [
      { title: 'Tanggap banjir', coOwnerAgencyIds: ['DPU', 'DKK'], content: 'Langkah bersama.' },
    ],
    proposeProtocolVersion: [{ content: 'Langkah-langkah bersama, versi kedua.', changeNote: 'Revisi' }],
  };
  // a sample is cut down to the fields the body takes (GET answers carry more)
  const out = new Map<string, unknown[]>();
  for (const [id, bodies] of Object.entries(samples)) {
    const props = jsonSchemaOf((routes as Record<string, RouteDef>)[id]?.body)?.properties;
    out.set(
      id,
      bodies.map((b) =>
        props && isContainer(b) && !Array.isArray(b)
          ? Object.fromEntries(Object.entries(b).filter(([k]) => k in props))
          : b,
      ),
    );
  }
  return out;
};

/** Valid values of a path parameter, for the route's area. */
const pathValues = (route: RouteDef, name: string): string[] => {
  switch (name) {
    case 'nip':
      return [NIP.staff, NIP.staff2, NIP.section, NIP.dpuAdmin];
    case 'agencyId':
      return ['DPU', 'DKK'];
    case 'unitId':
      return ['DPU-B1-S1', 'DPU-B1'];
    case 'year':
      return [String(YEAR)];
    case 'period':
      return [PERIOD, PREV];
    case 'planId':
      return route.fn === 'development' ? [fx.devPlanId] : fx.planIds;
    case 'id':
      return route.fn === 'complaints' ? fx.complaintIds : fx.assessmentIds;
    case 'trackingCode':
      return fx.complaintIds;
    case 'code':
      // not PJU: the Open311 routes serve it
      return ['JALAN_RUSAK', 'FUZZ_KATEGORI'];
    case 'file':
      return route.path.includes('/services/')
        ? ['PJU.json', 'JALAN_RUSAK.json']
        : fx.complaintIds.map((c) => `${c}.json`);
    case 'key':
      return fx.notificationKeys.length ? fx.notificationKeys : ['NOTIF#none'];
    case 'trainingId':
      return [fx.trainingId];
    case 'forumId':
      return [fx.forumId];
    case 'actionId':
      return [fx.actionId];
    case 'practiceId':
      return [fx.practiceId];
    case 'protocolId':
      return [fx.protocolId];
    case 'versionNo':
      return ['1', '2'];
    case 'runId':
      return fx.runIds;
    default:
      return ['X1'];
  }
};

// ── JSON Schema → valid-looking values ────────────────────────────────────────────────────────────

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
}

const jsonSchemaOf = (schema: z.ZodMiniType | undefined): JsonSchema | undefined =>
  schema ? (z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema) : undefined;

/** The rows of the bulk imports are z.unknown() in the body schema; their row schemas. */
const ROW_SCHEMAS: Partial<Record<string, JsonSchema>> = {
  importEmployees: jsonSchemaOf(emp.employeeInput),
  importAttendance: jsonSchemaOf(tpp.attendanceRow),
};

type Mode = 'typical' | 'maximal';
type Arb = fc.Arbitrary<unknown>;

const ORG_NIPS = Object.values(NIP) as string[];
// biome-ignore format: a long list
const DATE_KEYS = new Set([
  'date', 'dueDate', 'from', 'to', 'startDate', 'targetDate', 'completedOn', 'effectiveFrom', 'start_date',
  'end_date',
]);
const FILLERS = ['x', 'é', '語', '💥'];

/** Valid-looking strings for the fields zod refines in code (no pattern in the JSON Schema). */
const stringByName = (key: string): Arb | undefined => {
  const k = key.replace(/\[\]$/, '');
  if (/nip$/i.test(k) || k === 'nips') return fc.constantFrom(...ORG_NIPS, '199001012015011999');
  if (k === 'primary' || k === 'service_request_id') return fc.constantFrom(...fx.complaintIds);
  if (k === 'assessmentId') return fc.constantFrom(...fx.assessmentIds, 'NO-SUCH-ASSESSMENT');
  if (k === 'period' || k === 'month') return fc.constantFrom(PERIOD, PREV, `${YEAR}-01`);
  if (DATE_KEYS.has(k)) return fc.constantFrom(TODAY, dayIn(7), dayIn(30), `${YEAR}-01-01`, `${YEAR}-12-31`);
  if (k === 'startsAt') return fc.constantFrom(inDays(3), inDays(20));
  if (k === 'endsAt') return fc.constantFrom(inDays(3, 9), inDays(20, 9));
  if (/url/i.test(k)) return fc.constantFrom('https://foto.example.id/a.jpg', 'https://drive.example/x');
  if (k === 'email') return fc.constantFrom(REPORTER.email, 'pegawai@semarangkota.go.id');
  if (k === 'nik') return fc.constant(REPORTER.nik);
  if (k === 'phone') return fc.constant(REPORTER.phone);
  if (k === 'lat') return fc.constantFrom('-6.9932', '-7.0565');
  if (k === 'long') return fc.constantFrom('110.4203', '110.4381');
  if (k === 'rhkId' || k === 'supportsRhkId') return fc.constantFrom('RHK-1', 'RHK-2', 'RHK-9');
  if (k === 'indicatorIds') return fc.constantFrom('RHK-1-1', 'RHK-1-2');
  if (k === 'grade') return fc.constantFrom('III/a', 'IV/b', 'IX');
  if (k === 'service_code') return fc.constantFrom('PJU', 'JALAN_RUSAK');
  if (k === 'kelurahan' || k === 'attribute[kelurahan]') return fc.constantFrom('Tembalang', 'Mugasari');
  if (k === 'sessionId') return fc.constantFrom('S1', 'S2');
  if (k === 'agencyId' || /AgencyIds?$/.test(k)) return fc.constantFrom('DPU', 'DKK', 'BKPP');
  if (k === 'unitId' || k === 'parentUnitId') return fc.constantFrom('DPU-B1-S1', 'DPU-B1', 'DPU-NEW');
  if (k === 'category') return fc.constantFrom('JALAN_RUSAK', 'PJU');
  if (k === 'tags' || k === 'tag') return fc.constantFrom('literasi-digital', 'teknik-infrastruktur');
  if (k === 'limit') return fc.constantFrom('1', '2', '25', '100');
  return undefined;
};

const stringArb = (s: JsonSchema, key: string, mode: Mode): Arb => {
  const named = stringByName(key);
  if (named && !(mode === 'maximal' && s.maxLength !== undefined && !s.pattern)) return named;
  if (s.format === 'date-time') return fc.constantFrom(inDays(3), inDays(20));
  if (s.format === 'email') return fc.constant('pegawai@semarangkota.go.id');
  if (s.format === 'uri' || s.format === 'url') return fc.constant('https://drive.example/bukti');
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? Math.max(min, 40);
  if (s.pattern) {
    // the pattern decides the length unless the schema limits it (a default limit could reject
    // every match, e.g. 64 hex digits, and fast-check's filter would then retry forever)
    const most = s.maxLength ?? Number.POSITIVE_INFINITY;
    return fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length >= min && v.length <= most);
  }
  if (mode === 'maximal') {
    // at the limit zod counts (UTF-16 units); '語' is 3 bytes a unit, for the item-size limits
    return fc.constantFrom(...FILLERS).map((f) => f.repeat(Math.floor(Math.min(max, 60_000) / f.length)));
  }
  return fc.string({ minLength: Math.max(min, 1), maxLength: Math.min(max, Math.max(min, 1) + 30) });
};

const numberArb = (s: JsonSchema, key: string, integer: boolean, mode: Mode): Arb => {
  const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1_000_000);
  const hi = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 1_000_000);
  if (key === 'version') return fc.integer({ min: 1, max: 8 });
  if (key === 'year') return fc.constantFrom(YEAR, YEAR + 1);
  if (key === 'lat') return fc.double({ min: -7.1, max: -6.95, noNaN: true });
  if (key === 'lng') return fc.double({ min: 110.3, max: 110.5, noNaN: true });
  const min = Math.max(lo, -1_000_000);
  const max = Math.min(hi, 1_000_000);
  if (mode === 'maximal') return fc.constantFrom(min, max);
  return integer ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true });
};

/** Valid-looking values of a JSON Schema: the shape and the limits, with plausible field values. */
const valueArb = (s: JsonSchema, key: string, mode: Mode, rows?: JsonSchema): Arb => {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => valueArb(a, key, mode, rows)));
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string':
      return stringArb(s, key, mode);
    case 'integer':
      return numberArb(s, key, true, mode);
    case 'number':
      return numberArb(s, key, false, mode);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const item = s.items && Object.keys(s.items).length ? s.items : key === 'rows' ? rows : undefined;
      const itemArb = item
        ? valueArb(item, `${key}[]`, mode === 'maximal' ? 'typical' : mode)
        : fc.jsonValue();
      const min = s.minItems ?? 0;
      const max = Math.min(s.maxItems ?? min + 3, mode === 'maximal' ? 200 : min + 3);
      return mode === 'maximal'
        ? fc.array(itemArb, { minLength: max, maxLength: max })
        : fc.array(itemArb, { minLength: min, maxLength: Math.max(min, max) });
    }
    case 'object': {
      const props = s.properties ?? {};
      const required = new Set(s.required ?? []);
      const model: Record<string, Arb> = {};
      for (const [k, v] of Object.entries(props)) model[k] = valueArb(v, k, mode, rows);
      if (Object.keys(props).length === 0) return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue());
      return fc.record(model, { requiredKeys: [...required].filter((k) => k in props) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
};

// ── hostile values and mutations ──────────────────────────────────────────────────────────────────

// biome-ignore format: a long list
const ODD_STRINGS = [
  '', ' ', '\u0000', '\ud800', '\udfff\ud800', '\u202eRTL', '\ufeff', 'Z̸̢̛̠͎a̵̢͇͑l̷g̶o̸', '𝕏𝕐ℤ',
  '💥👩‍👩‍👧‍👦', '語語語', '<script>alert(1)</script>', "' OR '1'='1", '$' + '{jndi:ldap://x}', '{{7*7}}',
  '__proto__', 'constructor', 'null', 'undefined', 'NaN', '-1', '1e309', '0x1F', '2026-02-30',
  '2026-13-01', '9999-12-31', '0000-00-00', '2026-11', '1970-01-01T00:00:00Z', '../../etc/passwd', '%00',
  '%', '\\', '"', '\r\n', 'a'.repeat(5000),
];

// biome-ignore format: a long list
const WRONG_VALUES: unknown[] = [
  null, true, false, 0, -1, -0, 0.5, -999_999_999, 2 ** 31, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e308,
  -1e308, 5e-324, [], {}, [null], { '': null }, [[[[[]]]]],
];

/** Values of the wrong type, size or kind for any field. */
const weird: Arb = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom<unknown>(...WRONG_VALUES, ...ODD_STRINGS),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...FILLERS), fc.integer({ min: 1_000, max: 140_000 }))
      .map(([f, n]) => f.repeat(n)),
  },
);

const EXTRA_KEYS = ['__proto__', 'constructor', 'prototype', 'pk', 'sk', 'version', 'nip', 'role', 'id', ''];

type Mutation =
  | { op: 'drop'; at: number }
  | { op: 'set'; at: number; value: unknown }
  | { op: 'extra'; at: number; key: string; value: unknown };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: weird }),
  fc.record({
    op: fc.constant('extra' as const),
    at: fc.nat(),
    key: fc.oneof(fc.constantFrom(...EXTRA_KEYS), fc.string({ maxLength: 12 })),
    value: weird,
  }),
);

type Container = Record<string, unknown> | unknown[];
const isContainer = (v: unknown): v is Container => typeof v === 'object' && v !== null;

/** Every (parent, key) in a value, parents first. */
const slots = (value: unknown): Array<[Container, string | number]> => {
  const out: Array<[Container, string | number]> = [];
  const walk = (v: unknown) => {
    if (!isContainer(v)) return;
    for (const k of Array.isArray(v) ? v.keys() : Object.keys(v)) {
      out.push([v, k]);
      walk((v as Record<string | number, unknown>)[k]);
    }
  };
  walk(value);
  return out;
};
const containers = (value: unknown): Container[] => {
  const out: Container[] = [];
  const walk = (v: unknown) => {
    if (!isContainer(v)) return;
    out.push(v);
    for (const c of Object.values(v)) walk(c);
  };
  walk(value);
  return out;
};

const setOwn = (target: Container, key: string | number, value: unknown) =>
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });

const mutate = (base: unknown, mutations: Mutation[]): unknown => {
  let value = structuredClone(base);
  for (const m of mutations) {
    if (m.op === 'extra') {
      const all = containers(value);
      const target = all[m.at % Math.max(all.length, 1)];
      if (target && !Array.isArray(target)) setOwn(target, m.key, structuredClone(m.value));
      else if (Array.isArray(target)) target.push(structuredClone(m.value));
      continue;
    }
    const all = slots(value);
    if (all.length === 0) {
      if (m.op === 'set') value = structuredClone(m.value);
      continue;
    }
    const [parent, key] = all[m.at % all.length] as [Container, string | number];
    if (m.op === 'drop') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
    } else setOwn(parent, key, structuredClone(m.value));
  }
  return value;
};

/** A valid-looking value (sometimes at its limits), then 0–3 mutations. */
const mutatedArb = (schema: JsonSchema, rows?: JsonSchema): Arb =>
  fc
    .tuple(
      fc.oneof(
        { weight: 5, arbitrary: valueArb(schema, 'body', 'typical', rows) },
        { weight: 1, arbitrary: valueArb(schema, 'body', 'maximal', rows) },
      ),
      fc.array(mutationArb, { minLength: 0, maxLength: 3 }),
    )
    .map(([v, ms]) => mutate(v, ms));

// ── requests ──────────────────────────────────────────────────────────────────────────────────────

interface FuzzRequest {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** the caller's NIP, or undefined for no token */
  as?: string;
}

/** encodeURIComponent, also for lone surrogates (as their UTF-8 replacement bytes). */
const encode = (s: string): string => {
  try {
    return encodeURIComponent(s);
  } catch {
    return [...Buffer.from(s, 'utf8')]
      .map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`)
      .join('');
  }
};

// biome-ignore format: a long list
const MALFORMED_JSON = [
  '{', '}', '[', '{"a":', '{"version":1,}', "{'version':1}", '{"version":01}', '{"version":1e999}',
  '{"version":-}', 'nul', 'undefined', 'NaN', '"unterminated', '{"a":"\\ud800"}', '{"a":"\\u00"}',
  '\ufeff{}', '{}{}', '{"a":1}garbage', '\u0000', '[1,2,3', '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}', `${'['.repeat(5000)}${']'.repeat(5000)}`,
  `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`, 'true', '0', '""', 'null', '[]', '<xml/>', 'a=1&b=2',
  'nip,TK\n1,2',
];

// biome-ignore format: a long list
const CONTENT_TYPES = [
  'application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/json;;;',
  'application/merge-patch+json', 'application/vnd.sinergi+json', 'text/plain', 'text/csv',
  'text/csv; charset=utf-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=xyz',
  'application/xml', 'application/octet-stream', 'image/png', '*/*', ';', 'json',
];

const ODD_HEADER_VALUES = fc.oneof(
  fc.constantFrom('', ' ', 'en', 'id', 'EN-us', 'xx', 'en;q=0.1, id;q=0.9', '*', 'null', 'a'.repeat(4000)),
  fc.string({ maxLength: 60 }),
);

const csvOf = (rows: unknown[], sep: string): string => {
  const objects = rows.filter((r): r is Record<string, unknown> => isContainer(r) && !Array.isArray(r));
  const columns = [...new Set(objects.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => {
    const s = typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v);
    return /[",;\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.join(sep), ...objects.map((r) => columns.map((c) => cell(r[c])).join(sep))].join('\n');
};

// biome-ignore format: a long list
const HOSTILE_SEGMENTS = [
  '..', '.', '%00', '\u0000', '../../../etc/passwd', ' ', '%', '%25', 'null', 'undefined', '__proto__',
  'constructor', 'toString', '-1', '0', '1e309', 'NaN', '{}', '[]', "'", '"', '\\', '<script>', '#', '?',
  '&', ';', '*', 'a\nb', '\u202e', '\ufeff', '💥', '\ud800', 'ｎｉｐ', '𝕏'.repeat(40), 'x'.repeat(5000),
  '9'.repeat(17), '9'.repeat(18), '9'.repeat(19), '1'.repeat(300), 'NOTIF#x', 'pk',
  'EMP#198507072010032007',
];
/** Inserted unencoded: malformed escapes and the like reach the gateway as typed. */
// biome-ignore format: a long list
const RAW_SEGMENTS = [
  '%', '%zz', '%E0%A4%A', '%C0%AF', '%ff', '%%', '%2', '%u0041', '..', '.', '%2e%2e', '~',
];

const tamperCursor = (cursor: string | undefined): fc.Arbitrary<string> => {
  const decoded = (() => {
    try {
      return cursor
        ? (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>)
        : {};
    } catch {
      return {};
    }
  })();
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');
  return fc.oneof(
    fc.constantFrom('garbage', '', '!!!', 'a'.repeat(2049), b64('x'), b64([]), b64(null), b64({})),
    fc.string({ maxLength: 40 }),
    fc.base64String({ maxLength: 60 }),
    // a cursor of the right partition with its other keys tampered with
    fc
      .tuple(
        fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
        fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
      )
      .map(([ms, extra]) => b64(mutate({ ...decoded, ...extra }, ms))),
    fc
      .tuple(
        fc.constantFrom(...Object.keys(decoded), 'sk'),
        fc.oneof(fc.string(), fc.string({ unit: 'binary' })),
      )
      .map(([k, v]) => b64({ ...decoded, [k]: v })),
    fc.constant(b64({ ...decoded, sk: 'z'.repeat(1500) })),
  );
};

// biome-ignore format: a long list
const ODD_NUMBERS = ['-1', '0', '1', '101', '999', '1000', '99999999999999999999', '1e3', '0x10', ' 10', '1.5'];

const ODD_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'a[b]'];

const queryString = (pairs: Array<[string, string]>, rawTail: string): string => {
  const q = pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
  const all = [q, rawTail].filter(Boolean).join('&');
  return all ? `?${all}` : '';
};

const stringify = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));

interface RouteFuzz {
  id: string;
  route: RouteDef;
  arb: fc.Arbitrary<FuzzRequest>;
}

const routeFuzz = (id: string, route: RouteDef): RouteFuzz => {
  const paramNames = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  const bodySchema = jsonSchemaOf(route.body);
  const querySchema = jsonSchemaOf(route.query);
  const rows = ROW_SCHEMAS[id];
  const samples = fx.samples.get(id) ?? [];
  const types = route.bodyTypes ?? ['json'];
  const hasBody = route.method !== 'GET';
  const json = 'application/json';
  const target = targetOf(id);

  // the caller: a holder of an allowed role (the authorisation walk's mapping; everyone is an
  // EMPLOYEE, the pejabat penilai too)
  const callers: Array<string | undefined> =
    route.auth === 'public'
      ? [undefined]
      : route.auth.includes('EMPLOYEE')
        ? [...new Set([...ROLES.map((r) => ACTOR_OF_ROLE[r]), NIP.section])]
        : [...new Set(route.auth.map((r) => ACTOR_OF_ROLE[r]))];
  const anyCaller = fc.constantFrom(...callers);

  type Segment = { v: string; raw: boolean };
  const pathOf = (values: Segment[]) => {
    let i = 0;
    return route.path.replace(/\{(\w+)\}/g, () => {
      const p = values[i++] as Segment;
      return p.raw ? p.v : encode(p.v);
    });
  };
  const validSegment = (n: string) => fc.constantFrom(...pathValues(route, n));
  const hostileSegment = (n: string): fc.Arbitrary<Segment> =>
    fc.oneof(
      { weight: 2, arbitrary: validSegment(n).map((v) => ({ v, raw: false })) },
      {
        weight: 3,
        arbitrary: fc
          .oneof(
            fc.constantFrom(...HOSTILE_SEGMENTS),
            fc.string({ unit: 'binary', maxLength: 60 }),
            fc.string({ unit: 'grapheme', maxLength: 30 }),
            fc.string({ maxLength: 80 }),
            fc.integer().map(String),
            fc
              .tuple(validSegment(n), fc.string({ maxLength: 6 }), fc.nat(3))
              .map(([v, s, how]) =>
                how === 0
                  ? `${v}${s}`
                  : how === 1
                    ? `${s}${v}`
                    : how === 2
                      ? v.toLowerCase()
                      : v.slice(0, -1),
              ),
          )
          .map((v) => ({ v, raw: false })),
      },
      { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS).map((v) => ({ v, raw: true })) },
    );

  /** where a request goes and who sends it: the route's target, or any valid combination */
  interface Place {
    path: string;
    as?: string;
    headers: Record<string, string>;
  }
  const anyPlace: fc.Arbitrary<Place> = fc
    .record({ params: fc.tuple(...paramNames.map(validSegment)), as: anyCaller })
    .map((r) => ({ path: pathOf(r.params.map((v) => ({ v, raw: false }))), as: r.as, headers: {} }));
  const targetPlace: fc.Arbitrary<Place> | undefined = target
    ? fc
        .tuple(
          ...paramNames.map((n) => (target.params?.[n] ? fc.constant(target.params[n]) : validSegment(n))),
        )
        .map((params) => ({
          path: pathOf(params.map((v) => ({ v, raw: false }))),
          as: route.auth === 'public' ? undefined : (target.as ?? callers[0]),
          headers: target.headers ?? {},
        }))
    : undefined;
  const place = targetPlace ? fc.oneof(targetPlace, anyPlace) : anyPlace;

  const queryKeys = Object.keys(querySchema?.properties ?? {});
  const validQuery: fc.Arbitrary<string> = querySchema
    ? valueArb(querySchema, 'query', 'typical').map((q) =>
        queryString(
          Object.entries((q ?? {}) as Record<string, unknown>)
            .filter(([k]) => k !== 'cursor')
            .map(([k, v]) => [k, stringify(v)] as [string, string]),
          '',
        ),
      )
    : fc.constant('');
  const queryValue = (key: string): fc.Arbitrary<string> =>
    fc.oneof(
      fc.constantFrom(...ODD_NUMBERS),
      fc.constantFrom('', 'true', 'false', 'null', '[]', '{}', 'garbage', ...ODD_STRINGS),
      key === 'cursor' ? tamperCursor(fx.cursors.get(id)) : fc.string({ maxLength: 30 }),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.integer({ min: 1, max: 40 }).map((n) => 'q'.repeat(n * 100)),
      querySchema?.properties?.[key]
        ? valueArb(querySchema.properties[key] as JsonSchema, key, 'typical').map(stringify)
        : fc.constant('x'),
    );
  const hostileQuery: fc.Arbitrary<string> = fc
    .tuple(
      fc.array(
        fc
          .oneof(
            { weight: 3, arbitrary: fc.constantFrom(...queryKeys, 'limit', 'cursor') },
            {
              weight: 1,
              arbitrary: fc.constantFrom(...ODD_KEYS),
            },
            { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
          )
          .chain((k) => queryValue(k).map((v) => [k, v] as [string, string])),
        { minLength: 1, maxLength: 5 },
      ),
      fc.constantFrom('', '', '', 'limit=%zz', 'cursor=%', '&&&', '=', 'a=1=2', 'limit', 'limit=1&limit=2'),
    )
    .map(([pairs, tail]) => queryString(pairs, tail));

  // the samples with a version the record may have now (the fuzzing moves records along)
  const sampleArb: Arb | undefined = samples.length
    ? fc
        .tuple(fc.constantFrom(...samples), fc.integer({ min: 1, max: 8 }))
        .map(([b, version]) => (isContainer(b) && 'version' in b ? { ...b, version } : b))
    : undefined;
  // the bulk imports just over their row limit
  const tooManyRows: Arb | undefined =
    rows && sampleArb
      ? sampleArb.map((b) => {
          const first =
            isContainer(b) && Array.isArray((b as { rows?: unknown }).rows)
              ? (b as { rows: unknown[] }).rows[0]
              : b;
          return { rows: Array.from({ length: 5001 }, () => structuredClone(first)) };
        })
      : undefined;
  const baseBody: Arb = bodySchema
    ? fc.oneof(
        { weight: 4, arbitrary: valueArb(bodySchema, 'body', 'typical', rows) },
        { weight: 1, arbitrary: valueArb(bodySchema, 'body', 'maximal', rows) },
        ...(sampleArb ? [{ weight: 4, arbitrary: sampleArb }] : []),
        ...(tooManyRows ? [{ weight: 1, arbitrary: tooManyRows }] : []),
      )
    : fc.jsonValue({ maxDepth: 3 });
  const mutatedBody: Arb = fc
    .tuple(baseBody, fc.array(mutationArb, { minLength: 0, maxLength: 3 }))
    .map(([v, ms]) => mutate(v, ms));
  const validBody: fc.Arbitrary<string | undefined> = bodySchema
    ? (sampleArb
        ? fc.oneof(sampleArb, valueArb(bodySchema, 'body', 'typical', rows))
        : valueArb(bodySchema, 'body', 'typical', rows)
      ).map((v) => JSON.stringify(v))
    : fc.constant(undefined);
  const langArb = fc.option(ODD_HEADER_VALUES, { nil: undefined });

  const request = (
    kind: string,
    p: Place,
    extra: { query?: string; path?: string; headers?: Record<string, string>; body?: string },
  ): FuzzRequest => ({
    kind,
    method: route.method,
    path: (extra.path ?? p.path) + (extra.query ?? ''),
    headers: { ...p.headers, ...(extra.headers ?? {}) },
    body: extra.body,
    as: p.as,
  });
  const jsonBody = (b: string | undefined): { headers: Record<string, string>; body?: string } =>
    hasBody ? { headers: { 'content-type': json }, body: b } : { headers: {} };

  const kinds: Array<fc.Arbitrary<FuzzRequest>> = [];
  // a mutated valid-looking body (or any JSON), well-formed JSON
  if (hasBody)
    kinds.push(
      fc.record({ p: place, q: validQuery, body: mutatedBody, lang: langArb }).map((r) =>
        request('body', r.p, {
          query: r.q,
          headers: { 'content-type': json, ...(r.lang !== undefined ? { 'accept-language': r.lang } : {}) },
          body: JSON.stringify(r.body) ?? 'null',
        }),
      ),
    );
  // arbitrary JSON, malformed JSON text, other content types, a body on a GET
  kinds.push(
    fc
      .record({
        p: place,
        body: fc.oneof(
          fc.constantFrom(...MALFORMED_JSON),
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc.anything().map((v) => JSON.stringify(v) ?? 'undefined'),
          fc.string({ unit: 'binary', maxLength: 200 }),
          validBody.map((b) => b ?? '{}'),
        ),
        type: fc.option(fc.constantFrom(...CONTENT_TYPES), { nil: undefined }),
      })
      .map((r) =>
        request('raw', r.p, {
          headers: r.type !== undefined ? { 'content-type': r.type } : {},
          body: r.body,
        }),
      ),
  );
  // CSV and form bodies where the route takes them
  if (types.includes('csv'))
    kinds.push(
      fc
        .record({
          p: place,
          rows: fc.array(rows ? mutatedArb(rows) : fc.object(), { minLength: 0, maxLength: 6 }),
          sep: fc.constantFrom(',', ';', '\t', '|'),
          tail: fc.constantFrom(
            '',
            '\n',
            '\r\n',
            '\n,,,,',
            '\n"unterminated',
            '\ufeff',
            '\n\n\n',
            `\n${'1,'.repeat(3000)}`,
          ),
          bom: fc.boolean(),
        })
        .map((r) =>
          request('csv', r.p, {
            headers: { 'content-type': 'text/csv' },
            body: `${r.bom ? '\ufeff' : ''}${csvOf(r.rows as unknown[], r.sep)}${r.tail}`,
          }),
        ),
    );
  if (types.includes('form'))
    kinds.push(
      fc
        .record({
          p: place,
          fields: mutatedBody,
          tail: fc.constantFrom('', '&', '%zz=1', '=&=', 'a', 'attribute[x]=%', 'lat=1&lat=2'),
        })
        .map((r) => {
          const fields = isContainer(r.fields) ? Object.entries(r.fields) : [];
          const text = new URLSearchParams(fields.map(([k, v]) => [k, stringify(v)] as [string, string]));
          return request('form', r.p, {
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: [text.toString(), r.tail].filter(Boolean).join('&'),
          });
        }),
    );
  // hostile query strings
  kinds.push(
    fc
      .record({ p: place, q: hostileQuery, body: validBody })
      .map((r) => request('query', r.p, { query: r.q, ...jsonBody(r.body) })),
  );
  // hostile path values
  if (paramNames.length)
    kinds.push(
      fc
        .record({ p: place, params: fc.tuple(...paramNames.map(hostileSegment)), body: validBody })
        .map((r) => request('path', r.p, { path: pathOf(r.params), ...jsonBody(r.body) })),
    );
  // valid-looking requests with odd headers (language, idempotency key, reporter secret, host)
  kinds.push(
    fc
      .record({
        p: place,
        q: validQuery,
        body: validBody,
        lang: ODD_HEADER_VALUES,
        idem: fc.option(fc.oneof(fc.constantFrom('k-1', 'k-2'), fc.string({ maxLength: 300 })), {
          nil: undefined,
        }),
        secret: fc.option(
          fc.oneof(
            fc.constantFrom(...fx.reporterSecrets),
            fc.string({ maxLength: 40 }),
            fc.constantFrom(...fx.reporterSecrets.map((x) => x.toLowerCase())),
          ),
          { nil: undefined },
        ),
        host: fc.option(fc.constantFrom('evil.example', 'a'.repeat(300), '[::1]', 'x:99999'), {
          nil: undefined,
        }),
      })
      .map((r) =>
        request('headers', r.p, {
          query: r.q,
          ...jsonBody(r.body),
          headers: {
            'accept-language': r.lang,
            ...(hasBody ? { 'content-type': json } : {}),
            ...(r.idem !== undefined ? { 'idempotency-key': r.idem } : {}),
            ...(r.secret !== undefined ? { 'x-reporter-secret': r.secret } : {}),
            ...(r.host !== undefined ? { 'x-forwarded-host': r.host, 'x-forwarded-proto': 'gopher' } : {}),
          },
        }),
      ),
  );
  // the valid-looking request as such (the target, a sample body): the use case's own refusals
  if (hasBody)
    kinds.push(
      fc
        .record({ p: place, q: validQuery, body: validBody })
        .map((r) => request('valid', r.p, { query: r.q, ...jsonBody(r.body) })),
    );
  return { id, route, arb: fc.oneof(...kinds) };
};

// ── sending ───────────────────────────────────────────────────────────────────────────────────────

const send = (req: FuzzRequest): Promise<{ status: number; text: string }> =>
  new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...req.headers };
    if (req.as) headers.authorization = `Bearer ${tokens.get(req.as)}`;
    // framed explicitly: Node sends a GET's body unframed otherwise
    if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body, 'utf8'));
    const r = httpRequest(
      { host: '127.0.0.1', port: gw.gateway.port, method: req.method, path: req.path, headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    r.end(req.body);
  });

const short = (s: string | undefined, n = 600) =>
  s === undefined ? '(none)' : s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s;

const check = async (fuzz: RouteFuzz, req: FuzzRequest): Promise<void> => {
  writes.length = 0;
  const res = await send(req);
  const wrote = [...writes];
  if (process.env.FUZZ_DEBUG === fuzz.id)
    console.log(
      `${req.kind} ${req.method} ${req.path.slice(0, 150)} as=${req.as} ${short(req.body, 200)} → ${res.status} ${short(res.text, 300)}`,
    );
  if (STATS) {
    const key = `${fuzz.id} ${req.kind} ${res.status}${wrote.length ? ' w' : ''}`;
    stats.set(key, (stats.get(key) ?? 0) + 1);
  }
  const where = () =>
    [
      `${req.method} ${short(req.path, 300)} [${req.kind}] as ${req.as ?? 'nobody'}`,
      `headers: ${short(JSON.stringify(req.headers), 300)}`,
      `body: ${short(req.body)}`,
      `→ ${res.status} ${short(res.text, 400)}`,
    ].join('\n');
  if (res.status >= 500) throw new Error(`5xx\n${where()}`);
  if (res.status >= 400 && wrote.length > 0 && !WRITES_ON_4XX_ALLOWED[fuzz.id]) {
    throw new Error(`write on a ${res.status}: ${wrote.join(', ')}\n${where()}`);
  }
};

// ── the run ───────────────────────────────────────────────────────────────────────────────────────

beforeAll(async () => {
  if (process.env.FUZZ_LOG === '1') logger.setLogLevel('ERROR'); // the causes of 5xx answers
  await freshTable();
  employees = await seedOrg(db());
  await seedComplaintSetup(db());
  await setUnitHeads(db());
  gw = await startTestGateway();
  agent = new HttpAgent({ keepAlive: true, maxSockets: 1 });
  for (const e of employees) tokens.set(e.nip, await gw.token(e));
  fx = await buildFixture();
  // a real next-page cursor of each list route, to tamper with
  for (const [id, route] of Object.entries(routes) as Array<[string, RouteDef]>) {
    const q = jsonSchemaOf(route.query);
    if (route.method !== 'GET' || !q?.properties?.cursor) continue;
    const as = route.auth === 'public' ? undefined : ACTOR_OF_ROLE[route.auth[0] as Role];
    const path = route.path.replace(/\{(\w+)\}/g, (_, n: string) => encode(pathValues(route, n)[0] ?? 'X'));
    const required = (q.required ?? []).map((k) => `${k}=${k === 'name' ? 'Su' : PERIOD}`);
    const res = await gw.call('GET', `${path}?${['limit=1', ...required].join('&')}`, {
      token: as ? tokens.get(as) : undefined,
    });
    if (typeof res.json?.cursor === 'string') fx.cursors.set(id, res.json.cursor);
  }
  fx.samples = await sampleBodies();
  installWriteCounter();
});

afterAll(async () => {
  if (STATS)
    console.log(
      [...stats]
        .sort()
        .map(([k, n]) => `${k}: ${n}`)
        .join('\n'),
    );
  agent?.destroy();
  await gw?.close();
});

const entries = Object.entries(routes) as Array<[string, RouteDef]>;

it("the write counter sees the handlers' writes, and only those that succeed", async () => {
  writes.length = 0;
  const created = await gw.call('POST', '/v1/practices', {
    token: tokens.get(NIP.dkkAdmin),
    body: fx.samples.get('createPractice')?.[0],
  });
  expect(created.status, created.text).toBe(201);
  expect(writes.length).toBeGreaterThan(0);
  writes.length = 0;
  const adopt = () =>
    gw.call('POST', `/v1/practices/${created.json.practiceId}/adoptions`, {
      token: tokens.get(NIP.dpuAdmin),
      body: {},
    });
  expect([(await adopt()).status, (await adopt()).status]).toEqual([201, 409]);
  expect(writes).toHaveLength(1); // the conditional write refused the second time does not count
});

describe('hostile input: never a 5xx, never a write on a 4xx', () => {
  it.each(entries)(
    '%s',
    async (id, route) => {
      const fuzz = routeFuzz(id, route);
      try {
        await fc.assert(
          fc.asyncProperty(fuzz.arb, (req) => check(fuzz, req)),
          { numRuns: RUNS, seed: seedOf(id), ...(PATH ? { path: PATH } : {}) },
        );
      } catch (e) {
        (e as Error).message =
          `replay: FUZZ_SEED=${RUN_SEED} (this route alone: -t ${id})\n${(e as Error).message}`;
        throw e;
      }
    },
    60_000,
  );
});
