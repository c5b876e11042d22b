import * as z from 'zod/mini';
import { ROLES } from '../platform/roles.js';
import { id, isoDate, nip, pageOf, pageQuery, text, versionField, yearParam } from '../platform/schemas.js';
import { EMPLOYMENT_TYPES, FUNCTIONAL_LEVELS, POSITION_TYPES, STATUSES } from './rules.js';

/** The API contract of the organisation area (agencies, units, employees, roles, calendars). */

export const agencyIdParam = z.object({ agencyId: id });
export const unitIdParam = z.object({ unitId: id });
export const nipParam = z.object({ nip });
export const yearPathParam = z.object({ year: yearParam });

export const listQuery = z.strictObject({ ...pageQuery });

export const AGENCY_KINDS = [
  'SECRETARIAT',
  'INSPECTORATE',
  'AGENCY',
  'DEPARTMENT',
  'HOSPITAL',
  'DISTRICT',
] as const;

export const agency = z.object({
  agencyId: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(AGENCY_KINDS),
  headNip: z.optional(z.string()),
  version: z.optional(z.number()),
});

/** A new perangkat daerah; its code is its id (upper case, as in data/semarang-agencies.json). */
export const createAgencyBody = z.strictObject({
  code: z.string().check(z.regex(/^[A-Z][A-Z0-9-]{1,39}$/)),
  name: text(200),
  kind: z.enum(AGENCY_KINDS),
  headNip: z.optional(nip),
});

export const updateAgencyBody = z.strictObject({
  version: versionField,
  name: z.optional(text(200)),
  kind: z.optional(z.enum(AGENCY_KINDS)),
  headNip: z.optional(nip),
});
export const agencyPage = pageOf(agency);

export const unit = z.object({
  unitId: z.string(),
  agencyId: z.string(),
  name: z.string(),
  parentUnitId: z.optional(z.string()),
  headNip: z.optional(z.string()),
});
export const unitPage = pageOf(unit);

export const createUnitBody = z.strictObject({
  unitId: id,
  name: text(200),
  parentUnitId: z.optional(id),
  headNip: z.optional(nip),
});

export const roleGrant = z.strictObject({
  role: z.enum(ROLES),
  agencyId: z.optional(id),
});

export const statusPeriod = z.strictObject({
  status: z.enum(STATUSES),
  from: isoDate,
  to: z.optional(isoDate),
  note: z.optional(text(500)),
});

const positionFields = {
  agencyId: id,
  unitId: id,
  positionTitle: text(200),
  positionType: z.enum(POSITION_TYPES),
  jobClass: z.int().check(z.gte(1), z.lte(17)),
  grade: text(8),
  functionalLevel: z.optional(z.enum(FUNCTIONAL_LEVELS)),
};

export const position = z.object({ effectiveFrom: z.string(), ...positionFields });

/** One employee as written by an admin (create, import row). */
export const employeeInput = z.strictObject({
  nip,
  name: text(200, 2),
  ...positionFields,
  employmentType: z.enum(EMPLOYMENT_TYPES),
  reviewerNip: z.optional(nip),
  email: z.optional(z.email()),
});
export type EmployeeInput = z.output<typeof employeeInput>;

export const createEmployeeBody = z.strictObject({
  ...employeeInput.def.shape,
  /** when the position took effect; default: today (WIB) */
  effectiveFrom: z.optional(isoDate),
});

export const updateEmployeeBody = z.strictObject({
  version: versionField,
  name: z.optional(text(200, 2)),
  email: z.optional(z.email()),
  employmentType: z.optional(z.enum(EMPLOYMENT_TYPES)),
  agencyId: z.optional(id),
  unitId: z.optional(id),
  positionTitle: z.optional(text(200)),
  positionType: z.optional(z.enum(POSITION_TYPES)),
  jobClass: z.optional(z.int().check(z.gte(1), z.lte(17))),
  grade: z.optional(text(8)),
  functionalLevel: z.optional(z.enum(FUNCTIONAL_LEVELS)),
  /** when a position change takes effect; default: today (WIB) */
  effectiveFrom: z.optional(isoDate),
});

export const reviewerBody = z.strictObject({
  version: versionField,
  /** absent: no pejabat penilai (the top of the chain) */
  reviewerNip: z.optional(nip),
});

export const rolesBody = z.strictObject({
  version: versionField,
  roles: z.array(roleGrant).check(z.maxLength(10)),
});

export const statusPeriodBody = z.strictObject({ version: versionField, period: statusPeriod });

export const employee = z.object({
  nip: z.string(),
  name: z.string(),
  email: z.optional(z.string()),
  employmentType: z.enum(EMPLOYMENT_TYPES),
  ...positionFields,
  reviewerNip: z.optional(z.string()),
  status: z.enum(STATUSES),
  statusPeriods: z.array(statusPeriod),
  positionHistory: z.array(position),
  roles: z.array(z.enum(ROLES)),
  roleGrants: z.array(z.object({ role: z.enum(ROLES), agencyId: z.optional(z.string()) })),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const employeeSummary = z.object({
  nip: z.string(),
  name: z.string(),
  agencyId: z.string(),
  unitId: z.string(),
  positionTitle: z.string(),
  positionType: z.enum(POSITION_TYPES),
  jobClass: z.number(),
  employmentType: z.enum(EMPLOYMENT_TYPES),
  reviewerNip: z.optional(z.string()),
});
export const employeePage = pageOf(employeeSummary);

export const searchQuery = z.strictObject({
  name: text(100, 2),
  agencyId: z.optional(id),
  ...pageQuery,
});

export const me = z.object({
  profile: employee,
  roles: z.array(z.enum(ROLES)),
  reviewer: z.optional(employeeSummary),
  appealReviewer: z.optional(employeeSummary),
  reviewees: z.array(employeeSummary),
  revieweesCursor: z.optional(z.string()),
});

export const IMPORT_MAX_ROWS = 5000;
export const importBody = z.strictObject({
  rows: z.array(z.unknown()).check(z.minLength(1)),
  effectiveFrom: z.optional(isoDate),
});
export const importResult = z.object({
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
});

const holiday = z.strictObject({ date: isoDate, name: text(200) });
export const calendarBody = z.strictObject({
  nationalHolidays: z.array(holiday).check(z.maxLength(100)),
  cutiBersama: z.array(holiday).check(z.maxLength(100)),
  source: z.optional(text(500)),
  version: z.optional(versionField),
});
export const calendar = z.object({
  year: z.number(),
  nationalHolidays: z.array(z.object({ date: z.string(), name: z.string() })),
  cutiBersama: z.array(z.object({ date: z.string(), name: z.string() })),
  source: z.optional(z.string()),
  version: z.number(),
  updatedAt: z.string(),
});
