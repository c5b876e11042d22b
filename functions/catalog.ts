/**
 * THE list of what Sinergi exposes: every HTTP route and every scheduled job. Plain data (no CDK):
 * the Lambda routers, the local gateway, the stack, the OpenAPI document and the authorisation
 * tests are all built from it. Adding an endpoint is one entry here plus its use case.
 */
import * as z from 'zod/mini';
import * as emp from '../shared/employees/schemas.js';
import * as notif from '../shared/notifications/schemas.js';
import type { Role } from '../shared/platform/roles.js';
import type { JobDef } from '../shared/platform/route.js';
import { route } from '../shared/platform/route.js';

const ANY: readonly Role[] = ['EMPLOYEE'];
const HR: readonly Role[] = ['HR_ADMIN'];
const ADMINS: readonly Role[] = ['AGENCY_ADMIN', 'HR_ADMIN'];
const ADMINS_AUDIT: readonly Role[] = ['AGENCY_ADMIN', 'HR_ADMIN', 'AUDITOR'];

export const routes = {
  // ── organisation ──────────────────────────────────────────────────────────────
  getMe: route({
    method: 'GET',
    path: '/v1/me',
    fn: 'employees',
    auth: ANY,
    access: 'read',
    tag: 'Organisasi',
    summary: 'My profile, roles, my pejabat penilai and my direct reviewees',
    response: emp.me,
  }),
  listAgencies: route({
    method: 'GET',
    path: '/v1/agencies',
    fn: 'employees',
    auth: ANY,
    access: 'read',
    tag: 'Organisasi',
    summary: "The city's perangkat daerah",
    query: emp.listQuery,
    response: emp.agencyPage,
  }),
  getAgency: route({
    method: 'GET',
    path: '/v1/agencies/{agencyId}',
    fn: 'employees',
    auth: ANY,
    access: 'read',
    tag: 'Organisasi',
    summary: 'One agency',
    params: emp.agencyIdParam,
    response: emp.agency,
  }),
  listUnits: route({
    method: 'GET',
    path: '/v1/agencies/{agencyId}/units',
    fn: 'employees',
    auth: ANY,
    access: 'read',
    tag: 'Organisasi',
    summary: "An agency's units",
    params: emp.agencyIdParam,
    query: emp.listQuery,
    response: emp.unitPage,
  }),
  createUnit: route({
    method: 'POST',
    path: '/v1/agencies/{agencyId}/units',
    fn: 'employees',
    auth: ADMINS,
    access: 'write',
    tag: 'Organisasi',
    summary: 'Add a unit to an agency',
    params: emp.agencyIdParam,
    body: emp.createUnitBody,
    response: emp.unit,
    status: 201,
  }),
  listAgencyEmployees: route({
    method: 'GET',
    path: '/v1/agencies/{agencyId}/employees',
    fn: 'employees',
    auth: ADMINS_AUDIT,
    access: 'read',
    tag: 'Pegawai',
    summary: "An agency's employees by name (paginated)",
    params: emp.agencyIdParam,
    query: emp.listQuery,
    response: emp.employeePage,
  }),
  listUnitEmployees: route({
    method: 'GET',
    path: '/v1/units/{unitId}/employees',
    fn: 'employees',
    auth: ADMINS_AUDIT,
    access: 'read',
    tag: 'Pegawai',
    summary: "A unit's employees by name (paginated)",
    params: emp.unitIdParam,
    query: emp.listQuery,
    response: emp.employeePage,
  }),
  searchEmployees: route({
    method: 'GET',
    path: '/v1/employees',
    fn: 'employees',
    auth: ADMINS_AUDIT,
    access: 'read',
    tag: 'Pegawai',
    summary: 'Search employees by the start of their name',
    query: emp.searchQuery,
    response: emp.employeePage,
  }),
  getEmployee: route({
    method: 'GET',
    path: '/v1/employees/{nip}',
    fn: 'employees',
    auth: ANY,
    access: 'read',
    tag: 'Pegawai',
    summary: 'One employee (themself, their reviewers, their agency admin, BKPP, the auditor)',
    params: emp.nipParam,
    response: emp.employee,
  }),
  createEmployee: route({
    method: 'POST',
    path: '/v1/employees',
    fn: 'employees',
    auth: ADMINS,
    access: 'write',
    tag: 'Pegawai',
    summary: 'Register an employee',
    body: emp.createEmployeeBody,
    response: emp.employee,
    status: 201,
  }),
  updateEmployee: route({
    method: 'PUT',
    path: '/v1/employees/{nip}',
    fn: 'employees',
    auth: ADMINS,
    access: 'write',
    tag: 'Pegawai',
    summary: 'Change an employee (a position change is kept in the history with its effective date)',
    params: emp.nipParam,
    body: emp.updateEmployeeBody,
    response: emp.employee,
  }),
  setReviewer: route({
    method: 'PUT',
    path: '/v1/employees/{nip}/reviewer',
    fn: 'employees',
    auth: ADMINS,
    access: 'write',
    tag: 'Pegawai',
    summary: 'Assign the pejabat penilai (cycles are refused)',
    params: emp.nipParam,
    body: emp.reviewerBody,
    response: emp.employee,
  }),
  addStatusPeriod: route({
    method: 'POST',
    path: '/v1/employees/{nip}/status-periods',
    fn: 'employees',
    auth: ADMINS,
    access: 'write',
    tag: 'Pegawai',
    summary: 'Record a status period (leave, suspension, retirement, ...)',
    params: emp.nipParam,
    body: emp.statusPeriodBody,
    response: emp.employee,
    status: 201,
  }),
  setRoles: route({
    method: 'PUT',
    path: '/v1/employees/{nip}/roles',
    fn: 'employees',
    auth: HR,
    access: 'write',
    tag: 'Pegawai',
    summary: "Set an employee's role grants (every ASN is an EMPLOYEE)",
    params: emp.nipParam,
    body: emp.rolesBody,
    response: emp.employee,
  }),
  importEmployees: route({
    method: 'POST',
    path: '/v1/employees/import',
    fn: 'employees',
    auth: ADMINS,
    access: 'write',
    tag: 'Pegawai',
    summary:
      'Bulk import (JSON or CSV, up to 5,000 rows): all rows validated first, then an idempotent upsert',
    body: emp.importBody,
    response: emp.importResult,
    bodyTypes: ['json', 'csv'],
    maxBodyBytes: 4 * 1024 * 1024,
  }),
  getCalendar: route({
    method: 'GET',
    path: '/v1/calendars/{year}',
    fn: 'employees',
    auth: ANY,
    access: 'read',
    tag: 'Kalender',
    summary: 'The working-day calendar of a year (national holidays and cuti bersama)',
    params: emp.yearPathParam,
    response: emp.calendar,
  }),
  putCalendar: route({
    method: 'PUT',
    path: '/v1/calendars/{year}',
    fn: 'employees',
    auth: HR,
    access: 'write',
    tag: 'Kalender',
    summary: 'Set the working-day calendar of a year',
    params: emp.yearPathParam,
    body: emp.calendarBody,
    response: emp.calendar,
  }),
  listMyNotifications: route({
    method: 'GET',
    path: '/v1/me/notifications',
    fn: 'employees',
    auth: ANY,
    access: 'read',
    tag: 'Notifikasi',
    summary: 'My notifications, newest first (?unread=true for the unread ones)',
    query: notif.notificationsQuery,
    response: notif.notificationPage,
  }),
  readNotification: route({
    method: 'POST',
    path: '/v1/me/notifications/{key}/read',
    fn: 'employees',
    auth: ANY,
    access: 'write',
    tag: 'Notifikasi',
    summary: 'Mark one of my notifications as read',
    params: notif.notificationKeyParam,
    status: 204,
  }),
  // ── performance ── (routes of the performance area go in this block)

  // ── incentives (TPP) ── (routes of the incentives (TPP) area go in this block)

  // ── complaints ── (routes of the complaints area go in this block)

  // ── open311 ── (routes of the open311 area go in this block)

  // ── development ── (routes of the development area go in this block)

  // ── collaboration ── (routes of the collaboration area go in this block)

  // ── the API's own description ────────────────────────────────────────────────
  openapi: route({
    method: 'GET',
    path: '/openapi.json',
    fn: 'docs',
    auth: 'public',
    access: 'read',
    tag: 'Dokumentasi',
    summary: 'This OpenAPI document',
    response: z.unknown(),
  }),
} as const;

export type Routes = typeof routes;
export type RouteId = keyof Routes;

/** Scheduled jobs: EventBridge cron is UTC; 00:05 WIB is 17:05 UTC of the day before. */
export const jobs = {
  // ── performance jobs ──
  // ── incentives (TPP) jobs ──
  // ── complaints jobs ──
  // ── development and collaboration jobs ──
} satisfies Record<string, JobDef>;
export type JobName = keyof typeof jobs;
