/** Lambda of the organisation area: agencies, units, employees, roles, calendars. */
import * as calendars from '../shared/calendar/use-cases.js';
import { importEmployees } from '../shared/employees/import.js';
import * as uc from '../shared/employees/use-cases.js';
import * as notifications from '../shared/notifications/use-cases.js';
import { areaHandler } from './area.js';

const page = (q: { limit?: number; cursor?: string }) => ({ limit: q.limit ?? 25, cursor: q.cursor });

export const handler = areaHandler('employees', {
  getMe: (r) => uc.getMe(r.deps, r.actor),
  listAgencies: (r) => uc.listAgencies(r.deps, page(r.query)),
  getAgency: (r) => uc.getAgency(r.deps, r.params.agencyId),
  createAgency: (r) => uc.createAgency(r.deps, r.actor, r.body),
  updateAgency: (r) => uc.updateAgency(r.deps, r.actor, r.params.agencyId, r.body),
  listUnits: (r) => uc.listUnits(r.deps, r.params.agencyId, page(r.query)),
  createUnit: (r) => uc.createUnit(r.deps, r.actor, r.params.agencyId, r.body),
  listAgencyEmployees: (r) => uc.listAgencyEmployees(r.deps, r.actor, r.params.agencyId, page(r.query)),
  listUnitEmployees: (r) => uc.listUnitEmployees(r.deps, r.actor, r.params.unitId, page(r.query)),
  searchEmployees: (r) => uc.searchEmployees(r.deps, r.actor, { ...r.query, ...page(r.query) }),
  getEmployee: (r) => uc.getEmployee(r.deps, r.actor, r.params.nip),
  createEmployee: (r) => uc.createEmployee(r.deps, r.actor, r.body),
  updateEmployee: (r) => uc.updateEmployee(r.deps, r.actor, r.params.nip, r.body),
  setReviewer: (r) => uc.setReviewer(r.deps, r.actor, r.params.nip, r.body),
  addStatusPeriod: (r) => uc.addStatusPeriod(r.deps, r.actor, r.params.nip, r.body),
  setRoles: (r) => uc.setRoles(r.deps, r.actor, r.params.nip, r.body),
  importEmployees: (r) => importEmployees(r.deps, r.actor, r.body),
  getCalendar: (r) => calendars.readCalendar(r.deps, r.params.year),
  putCalendar: (r) => calendars.putCalendar(r.deps, r.actor, r.params.year, r.body),
  listMyNotifications: (r) =>
    notifications.myNotifications(r.deps, r.actor, { ...r.query, ...page(r.query) }),
  readNotification: (r) => notifications.readNotification(r.deps, r.actor, r.params.key),
});
