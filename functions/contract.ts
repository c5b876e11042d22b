/**
 * What the OpenAPI document says beyond the catalog's routes: the names of the domain's types (so
 * a client imports `Assessment`, not a path expression), what JSON Schema cannot learn from a zod
 * refine (patterns), the tags' descriptions and examples of the main operations.
 */
import * as col from '../shared/collaboration/schemas.js';
import * as o311 from '../shared/complaints/open311-schemas.js';
import * as cmp from '../shared/complaints/schemas.js';
import * as dev from '../shared/development/schemas.js';
import * as emp from '../shared/employees/schemas.js';
import * as tpp from '../shared/incentives/schemas.js';
import * as notif from '../shared/notifications/schemas.js';
import * as perf from '../shared/performance/schemas.js';
import { type OpenApiExtras, type OpenApiInfo, openApiDocument } from '../shared/platform/openapi.js';
import type { Schema } from '../shared/platform/route.js';
import * as base from '../shared/platform/schemas.js';
import { routes } from './catalog.js';

const NIP_PATTERN = '^\\d{18}$';

export const named: NonNullable<OpenApiExtras['named']> = {
  Nip: {
    schema: base.nip,
    description: 'Nomor Induk Pegawai: 18 digits',
    extra: { pattern: NIP_PATTERN },
    example: '198503152010011002',
  },
  Date: {
    schema: base.isoDate,
    description: 'A calendar day (Asia/Jakarta)',
    extra: { format: 'date' },
  },
  Period: {
    schema: perf.period,
    description: 'An assessment period: a month (2026-03), a quarter (2026-Q1) or a year (2026)',
    extra: { pattern: '^\\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$' },
    example: '2026-03',
  },
  Month: {
    schema: tpp.period,
    description: 'A month: YYYY-MM',
    extra: { pattern: '^\\d{4}-(0[1-9]|1[0-2])$' },
    example: '2026-03',
  },
  // organisation
  Me: { schema: emp.me, description: 'The caller: profile, roles, pejabat penilai, direct reviewees' },
  Agency: { schema: emp.agency, description: 'A perangkat daerah (agency) of the city' },
  AgencyPage: { schema: emp.agencyPage },
  Unit: { schema: emp.unit, description: 'A unit of an agency' },
  UnitPage: { schema: emp.unitPage },
  Employee: { schema: emp.employee, description: 'An employee (ASN: PNS or PPPK)' },
  EmployeeSummary: { schema: emp.employeeSummary },
  EmployeePage: { schema: emp.employeePage },
  EmployeeImportResult: { schema: emp.importResult },
  Calendar: { schema: emp.calendar, description: 'The working-day calendar of a year' },
  Notification: { schema: notif.notification },
  NotificationPage: { schema: notif.notificationPage },
  // performance
  Plan: { schema: perf.plan, description: 'A yearly performance plan (SKP)' },
  PlanPage: { schema: perf.planPage },
  PlanCascade: { schema: perf.cascade },
  Cycle: { schema: perf.cycle, description: 'An assessment cycle (a period)' },
  CycleOpenResult: { schema: perf.cycleResult },
  Assessment: {
    schema: perf.assessment,
    description:
      "One employee's assessment of one period (id `<nip>-<period>`). Deadlines are the end of a day in WIB, sent as UTC instants.",
  },
  AssessmentSummary: { schema: perf.assessmentSummary },
  AssessmentPage: { schema: perf.assessmentPage },
  Feedback: { schema: perf.feedback, description: 'Continuous feedback given to an employee' },
  FeedbackPage: { schema: perf.feedbackPage },
  UnitPredikat: { schema: perf.unitPredikat },
  Distribution: { schema: perf.distribution },
  AgencyProgress: { schema: perf.progress },
  AngkaKredit: { schema: perf.angkaKredit },
  PerformanceConfig: { schema: perf.config },
  // TPP
  TppRuleSet: { schema: tpp.ruleSet, description: 'The TPP rules of a year (integer rupiah, basis points)' },
  AttendanceImportResult: { schema: tpp.attendanceResult },
  Sanction: { schema: tpp.sanction },
  SanctionList: { schema: tpp.sanctionList },
  TppRun: {
    schema: tpp.run,
    description: "An agency's TPP run of a month: DRAFT → SUBMITTED → APPROVED or REJECTED; integer rupiah",
  },
  TppRunPage: { schema: tpp.runPage },
  TppBreakdown: { schema: tpp.breakdown },
  TppLine: { schema: tpp.line, description: "One employee's line of a run, with its full breakdown" },
  TppLinePage: { schema: tpp.linePage },
  TppLineExplained: { schema: tpp.lineWithWords },
  MyTpp: { schema: tpp.myTpp },
  // complaints
  Location: { schema: cmp.location },
  ComplaintSubmitted: {
    schema: cmp.submitted,
    description: 'The tracking code and, once only, the reporter secret',
  },
  PublicComplaint: { schema: cmp.publicComplaint },
  PublicComplaintPage: { schema: cmp.publicPage },
  ComplaintTracking: { schema: cmp.tracking, description: "A complaint's public tracking page" },
  Complaint: {
    schema: cmp.internalComplaint,
    description: 'A complaint as the city desk and the agencies see it',
  },
  ComplaintPage: { schema: cmp.queuePage },
  ComplaintStats: { schema: cmp.stats },
  ServiceLevel: { schema: cmp.serviceLevel },
  ComplaintCategory: { schema: cmp.category },
  ComplaintCategoryList: { schema: cmp.categoryList },
  ReporterIdentity: { schema: cmp.reporterIdentity },
  ReporterReadPage: { schema: cmp.readsPage },
  Open311Discovery: { schema: o311.discovery },
  Open311Service: { schema: o311.service },
  Open311ServiceList: { schema: o311.serviceList },
  Open311ServiceDefinition: { schema: o311.serviceDefinition },
  Open311Submitted: { schema: o311.submitted },
  Open311Request: { schema: o311.serviceRequest },
  Open311RequestList: { schema: o311.serviceRequests },
  // development
  Training: { schema: dev.training, description: 'A training program with its sessions and capacity' },
  TrainingSummary: { schema: dev.trainingSummary },
  TrainingPage: { schema: dev.trainingPage },
  TrainingSession: { schema: dev.session },
  Enrolment: { schema: dev.enrolment },
  EnrolmentPage: { schema: dev.enrolmentPage },
  TrainingAttendanceResult: { schema: dev.attendanceResult },
  TrainingFeedback: { schema: dev.feedbackGiven },
  TrainingFeedbackSummary: { schema: dev.feedbackSummary },
  DevelopmentSummary: { schema: dev.developmentSummary },
  DevelopmentReport: { schema: dev.developmentReport },
  DevelopmentPlan: {
    schema: dev.plan,
    description: 'A development plan opened by an underperforming predikat',
  },
  DevelopmentPlanPage: { schema: dev.planPage },
  DevelopmentPlanDetail: { schema: dev.planDetail },
  // collaboration
  Forum: { schema: col.forum },
  ForumSummary: { schema: col.forumSummary },
  ForumPage: { schema: col.forumPage },
  ForumActionItem: { schema: col.actionItem },
  ForumActionPage: { schema: col.actionPage },
  ForumRegistration: { schema: col.registration },
  ForumAttendanceResult: { schema: col.forumAttendanceResult },
  Practice: { schema: col.practice },
  PracticeSummary: { schema: col.practiceSummary },
  PracticePage: { schema: col.practicePage },
  PracticeAdoption: { schema: col.adoption },
  Protocol: { schema: col.protocol },
  ProtocolSummary: { schema: col.protocolSummary },
  ProtocolPage: { schema: col.protocolPage },
  ProtocolVersion: { schema: col.protocolVersion },
  OpenApiDocument: { schema: base.openApiDocumentSchema },
};

export const tags: Record<string, string> = {
  Organisasi: 'Agencies (perangkat daerah), units and the caller',
  Pegawai: 'Employees: records, positions, status periods, pejabat penilai, roles, import',
  Kalender: 'Working days per year: holidays and cuti bersama',
  Notifikasi: 'In-app notifications of the caller',
  Kinerja: 'Performance: the yearly SKP, cycles, monthly assessments, appeals, reports',
  TPP: 'The performance allowance: rules, attendance, sanctions, monthly runs and their lines',
  'Pengaduan publik': 'Complaints as citizens use them: no account needed',
  Pengaduan: 'Complaints as the city desk and the agencies handle them',
  Open311: 'Open311 GeoReport v2 over the same complaints',
  Pengembangan: 'Training, JP credits and development plans',
  Kolaborasi: 'Forums, shared practices and joint protocols',
  Dokumen: 'Official documents to print and sign (PDF), and their public verification by code',
  Dokumentasi: "The API's own description",
};

/** operationId → an example of its success body (checked against its schema by the linters). */
export const examples: Record<string, unknown> = {
  listAgencies: {
    items: [
      { agencyId: 'DPU', code: 'DPU', name: 'Dinas Pekerjaan Umum', kind: 'DEPARTMENT', version: 1 },
      {
        agencyId: 'BKPP',
        code: 'BKPP',
        name: 'Badan Kepegawaian dan Pengembangan SDM',
        kind: 'AGENCY',
        version: 1,
      },
    ],
    cursor: 'eyJwayI6IkFHRU5DWSJ9',
  },
  submitComplaint: {
    trackingCode: 'K7QM4XHPE',
    reporterSecret: 'q8Zt3vKp0aLm2Xw9Rb4c',
    replayed: false,
    status: 'SUBMITTED',
    privacy: 'PUBLIC',
    submittedAt: '2026-11-02T01:15:00.000Z',
    due: { verification: '2026-11-03T16:59:59.999Z', expectedAnswer: '2026-11-09T16:59:59.999Z' },
  },
  listMyNotifications: {
    items: [
      {
        key: 'DEADLINE#198503152010011002-2026-10#SELF',
        nip: '198503152010011002',
        kind: 'DEADLINE_SELF_ASSESSMENT',
        title: 'Penilaian kinerja 2026-10: batas pengisian 5 November',
        link: '/v1/assessments/198503152010011002-2026-10',
        createdAt: '2026-11-02T01:00:00.000Z',
      },
    ],
  },
};

const inner = (s: unknown) => (s as { def: { innerType: Schema } }).def.innerType;
const shape = (s: unknown) => (s as { def: { shape: Record<string, Schema> } }).def.shape;
const limit = { type: 'integer', minimum: 1, maximum: 100, default: 25, description: 'Items per page' };
const year = { type: 'integer', minimum: 2000, maximum: 2100, example: 2026 };

/** Path and query values as they are once parsed (on the wire they are text). */
export const parsedAs: NonNullable<OpenApiExtras['parsedAs']> = [
  [base.pageQuery.limit, limit],
  [inner(base.pageQuery.limit), limit],
  [base.yearParam, year],
  [
    shape(perf.planIdParam).planId as Schema,
    {
      type: 'string',
      pattern: '^\\d{18}-\\d{4}$',
      description: 'The SKP of an employee and year: `<nip>-<year>`',
    },
  ],
  [
    shape(perf.assessmentIdParam).id as Schema,
    {
      type: 'string',
      pattern: '^\\d{18}-\\d{4}(-(0[1-9]|1[0-2]|Q[1-4]))?$',
      description: 'An assessment: `<nip>-<period>`',
    },
  ],
  [shape(col.protocolVersionParam).versionNo as Schema, { type: 'integer', minimum: 1, maximum: 9999 }],
  [inner(shape(notif.notificationsQuery).unread), { type: 'boolean', description: 'only the unread ones' }],
];

const element = (s: unknown) => (s as { def: { element: Schema } }).def.element;

/** Import rows are checked one by one (each bad row named); the document still says what a row is. */
export const itemsOf: NonNullable<OpenApiExtras['itemsOf']> = [
  [element(shape(emp.importBody).rows), emp.employeeInput],
  [element(shape(tpp.attendanceBody).rows), tpp.attendanceRow],
];

export const INFO: OpenApiInfo = { title: 'Sinergi API', version: '1' };

/** The document served at GET /openapi.json. */
export const buildOpenApi = () => openApiDocument(routes, INFO, { named, tags, examples, parsedAs, itemsOf });
