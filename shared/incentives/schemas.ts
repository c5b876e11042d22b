import * as z from 'zod/mini';
import { EMPLOYMENT_TYPES, STATUSES } from '../employees/rules.js';
import { id, isoDate, nip, pageOf, pageQuery, text, versionField, yearParam } from '../platform/schemas.js';
import { DEDUCTION_CODES, PREDIKATS, SANCTION_LEVELS, TAX_GROUPS } from './rules.js';

/** The API contract of the incentives (TPP) area. */

/** A month: YYYY-MM. */
export const period = z.string().check(
  z.refine((v) => /^\d{4}-(0[1-9]|1[0-2])$/.test(v) && Number(v.slice(0, 4)) >= 2000, {
    params: { reason: 'invalid_format', values: { format: 'YYYY-MM' } },
    message: 'period',
  }),
);

const bp = z.int().check(z.gte(0), z.lte(10_000));
const recordOf = <K extends readonly [string, ...string[]]>(keys: K) =>
  z.strictObject(Object.fromEntries(keys.map((k) => [k, bp])) as { [P in K[number]]: typeof bp });

export const yearPathParam = z.object({ year: yearParam });
export const periodPathParam = z.object({ period });
export const nipParam = z.object({ nip });
export const runIdParam = z.object({ runId: id });
export const runLineParam = z.object({ runId: id, nip });

/** The whole rule set is checked together by rules.validateRuleSet; here only shapes and types. */
export const ruleSetBody = z.strictObject({
  weightKinerjaBp: z.int(),
  weightDisiplinBp: z.int(),
  pctKinerjaBp: recordOf(PREDIKATS),
  paguByJobClass: z.record(z.string().check(z.regex(/^\d{1,2}$/)), z.int()),
  deductionBp: recordOf(DEDUCTION_CODES),
  deductionCapBp: z.int(),
  sanctionBp: z.int(),
  sanctionBpByLevel: z.optional(recordOf(SANCTION_LEVELS)),
  taxBp: recordOf(TAX_GROUPS),
  stoppingStatuses: z.array(z.enum(STATUSES)).check(z.maxLength(20)),
  statusLengths: z.optional(
    z.partialRecord(
      z.enum(STATUSES),
      z.strictObject({ moreThanDays: z.int(), counts: z.enum(['LEAVE', 'BEYOND']) }),
    ),
  ),
  source: z.optional(text(500)),
  /** the version this change is based on (the latest when read); 409 when another change came first */
  basedOnVersion: z.optional(z.int().check(z.gte(0))),
});

export const ruleSet = z.object({
  year: z.int(),
  version: z.int(),
  weightKinerjaBp: z.int(),
  weightDisiplinBp: z.int(),
  pctKinerjaBp: z.record(z.string(), z.int()),
  paguByJobClass: z.record(z.string(), z.int()),
  deductionBp: z.record(z.string(), z.int()),
  deductionCapBp: z.int(),
  sanctionBp: z.int(),
  sanctionBpByLevel: z.optional(z.record(z.string(), z.int())),
  taxBp: z.record(z.string(), z.int()),
  stoppingStatuses: z.array(z.string()),
  statusLengths: z.optional(z.record(z.string(), z.object({ moreThanDays: z.int(), counts: z.string() }))),
  source: z.optional(z.string()),
  createdAt: z.string(),
  createdBy: z.string(),
});

const count = z.int().check(z.gte(0), z.lte(31));
/** One employee's month of attendance: counts per code (absent codes count 0). */
export const attendanceRow = z.strictObject({
  nip,
  ...(Object.fromEntries(DEDUCTION_CODES.map((c) => [c, z.optional(count)])) as {
    [K in (typeof DEDUCTION_CODES)[number]]: z.ZodMiniOptional<typeof count>;
  }),
});
export type AttendanceRow = z.output<typeof attendanceRow>;

export const ATTENDANCE_MAX_ROWS = 5000;
export const attendanceBody = z.strictObject({ rows: z.array(z.unknown()).check(z.minLength(1)) });
export const attendanceResult = z.object({
  period: z.string(),
  written: z.int(),
  unchanged: z.int(),
});

export const sanctionBody = z.strictObject({
  level: z.enum(SANCTION_LEVELS),
  /** default: the rule set's sanction rate of the start year */
  rateBp: z.optional(bp),
  startDate: isoDate,
  months: z.int().check(z.gte(1), z.lte(36)),
  note: z.optional(text(500)),
});
export const sanction = z.object({
  sanctionId: z.string(),
  nip: z.string(),
  level: z.enum(SANCTION_LEVELS),
  rateBp: z.int(),
  explicitRate: z.optional(z.boolean()),
  startDate: z.string(),
  months: z.int(),
  endDate: z.string(),
  note: z.optional(z.string()),
  createdAt: z.string(),
  createdBy: z.string(),
});
export const sanctionList = z.object({ items: z.array(sanction) });

export const createRunBody = z.strictObject({
  agencyId: id,
  period,
  /** required when the month's run is already approved: the change is paid by an adjustment run */
  reason: z.optional(text(500)),
});
export const transitionBody = z.strictObject({ version: versionField });
export const rejectBody = z.strictObject({ version: versionField, reason: text(500) });

export const runsQuery = z.strictObject({
  period: z.optional(period),
  agencyId: z.optional(id),
  ...pageQuery,
});
export const linesQuery = z.strictObject({ ...pageQuery });
export const myTppQuery = z.strictObject({ period });

const totals = z.object({ gross: z.int(), tax: z.int(), net: z.int() });

export const run = z.object({
  runId: z.string(),
  kind: z.enum(['REGULAR', 'ADJUSTMENT']),
  agencyId: z.string(),
  period,
  status: z.enum(['DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED']),
  version: z.int(),
  adjusts: z.optional(z.string()),
  reason: z.optional(z.string()),
  ruleSetVersion: z.optional(z.int()),
  computing: z.optional(z.boolean()),
  counts: z.object({
    lines: z.int(),
    paid: z.int(),
    stopped: z.int(),
    noAssessment: z.int(),
    openAssessment: z.int(),
    noAttendance: z.int(),
  }),
  totals,
  history: z.array(
    z.object({ action: z.string(), at: z.string(), by: z.string(), reason: z.optional(z.string()) }),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const runPage = pageOf(run);

const deduction = z.object({
  code: z.enum(DEDUCTION_CODES),
  count: z.int(),
  rateBp: z.int(),
  totalBp: z.int(),
});
export const breakdown = z.object({
  ruleSetYear: z.int(),
  ruleSetVersion: z.int(),
  period,
  employmentType: z.enum(EMPLOYMENT_TYPES),
  jobClass: z.int(),
  grade: z.string(),
  taxGroup: z.string(),
  stoppedBy: z.optional(
    z.object({
      status: z.enum(STATUSES),
      from: z.string(),
      to: z.optional(z.string()),
      days: z.optional(z.int()),
      moreThanDays: z.optional(z.int()),
      stopsFrom: z.optional(z.string()),
    }),
  ),
  pagu: z.int(),
  weightKinerjaBp: z.int(),
  weightDisiplinBp: z.int(),
  predikat: z.enum(PREDIKATS),
  predikatSource: z.string(),
  pctKinerjaBp: z.int(),
  kinerja: z.int(),
  attendanceImported: z.boolean(),
  deductions: z.array(deduction),
  deductionTotalBp: z.int(),
  deductionAppliedBp: z.int(),
  deductionCapped: z.boolean(),
  disiplin: z.int(),
  sanction: z.optional(z.object({ sanctionId: z.string(), level: z.enum(SANCTION_LEVELS), rateBp: z.int() })),
  sanctionAmount: z.int(),
  gross: z.int(),
  taxBp: z.int(),
  tax: z.int(),
  net: z.int(),
});

export const line = z.object({
  runId: z.string(),
  nip: z.string(),
  name: z.string(),
  unitId: z.string(),
  /** for a REGULAR run the month's amounts; for an ADJUSTMENT the differences */
  gross: z.int(),
  tax: z.int(),
  net: z.int(),
  breakdown,
  previous: z.optional(totals),
  reason: z.optional(z.string()),
  changes: z.optional(
    z.array(
      z.object({
        what: z.string(),
        before: z.string(),
        after: z.string(),
        by: z.optional(z.string()),
        at: z.optional(z.string()),
      }),
    ),
  ),
});
export const linePage = pageOf(line);
export const lineWithWords = z.object({
  ...line.def.shape,
  kind: z.enum(['REGULAR', 'ADJUSTMENT']),
  runStatus: z.enum(['DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED']),
  explanation: z.array(z.string()),
});
export const myTpp = z.object({
  period,
  lines: z.array(lineWithWords),
  /** what the approved runs of the month pay: the regular line plus approved adjustments */
  approved: totals,
});
