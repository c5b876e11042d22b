/**
 * The inputs of TPP an administrator supplies: the monthly attendance summary (import) and
 * discipline sanctions (hukuman disiplin).
 */

import { ensureNotSelf } from '../employees/access.js';
import { getEmployee, getEmployees } from '../employees/store.js';
import { type Actor, ensure, hasRole } from '../platform/actor.js';
import { wibDate } from '../platform/clock.js';
import {
  type ErrorDetail,
  Forbidden,
  fieldError,
  invalid,
  NotFound,
  ValidationError,
} from '../platform/errors.js';
import type { Deps } from '../platform/http.js';
import { tryParse } from '../platform/validation.js';
import { ruleSetFor } from './compute.js';
import {
  type AttendanceCounts,
  DEDUCTION_CODES,
  employeeInMonth,
  type SanctionLevel,
  sanctionEnd,
  sanctionLevelBp,
  sanctionPeriods,
} from './rules.js';
import { ATTENDANCE_MAX_ROWS, type AttendanceRow, attendanceRow } from './schemas.js';
import type { AttendanceRecord, SanctionRecord } from './store.js';
import * as store from './store.js';
import './messages.js';

/** A month that has begun (WIB): its attendance can be recorded and its run computed. */
export const checkPeriodStarted = (deps: Deps, period: string, path: string): void => {
  if (period > wibDate(deps.clock()).slice(0, 7)) throw invalid(fieldError(path, 'period_future'));
};

const countsOf = (row: AttendanceRow): AttendanceCounts =>
  Object.fromEntries(DEDUCTION_CODES.map((c) => [c, row[c] ?? 0])) as AttendanceCounts;

const sameCounts = (a: AttendanceCounts, b: AttendanceCounts) => DEDUCTION_CODES.every((c) => a[c] === b[c]);

/**
 * PUT /v1/attendance/{period}: one row per employee with the month's counts per code. Every row is
 * checked first (fields, duplicates, the employee exists and, for an agency admin, was in their
 * agency that month); on any error nothing is written and each bad row is named. A row replaces
 * that employee's month; an unchanged row is not rewritten (importing twice changes nothing).
 */
export const importAttendance = async (
  deps: Deps,
  actor: Actor,
  period: string,
  input: { rows: unknown[] },
): Promise<{ period: string; written: number; unchanged: number }> => {
  const citywide = hasRole(actor, 'HR_ADMIN');
  ensure(citywide || (hasRole(actor, 'AGENCY_ADMIN') && !!actor.agencyId));
  checkPeriodStarted(deps, period, 'path.period');
  if (input.rows.length > ATTENDANCE_MAX_ROWS) {
    throw new ValidationError('ATTENDANCE_INVALID', { count: input.rows.length }, [
      {
        path: 'body.rows',
        code: 'too_big',
        reason: 'too_big_array',
        params: { maximum: ATTENDANCE_MAX_ROWS },
      },
    ]);
  }
  const problems: ErrorDetail[] = [];
  const rows: Array<{ index: number; row: AttendanceRow }> = [];
  const seen = new Set<string>();
  input.rows.forEach((raw, index) => {
    const parsed = tryParse(attendanceRow, raw, `body.rows.${index}`);
    if (!parsed.ok) {
      problems.push(...parsed.details);
      return;
    }
    if (parsed.value.nip === actor.nip) {
      // nobody records their own attendance (it sets their pay)
      throw new Forbidden('SELF_PAY_INPUT', { what: 'attendance' }, [
        fieldError(`body.rows.${index}.nip`, 'self_pay_input'),
      ]);
    }
    if (seen.has(parsed.value.nip)) {
      problems.push(fieldError(`body.rows.${index}.nip`, 'duplicate'));
      return;
    }
    seen.add(parsed.value.nip);
    rows.push({ index, row: parsed.value });
  });
  const [employees, existing] = await Promise.all([
    getEmployees(
      deps.db,
      rows.map((r) => r.row.nip),
    ),
    store.getAttendance(
      deps.db,
      rows.map((r) => r.row.nip),
      period,
    ),
  ]);
  const now = deps.clock().toISOString();
  const records: AttendanceRecord[] = [];
  let unchanged = 0;
  for (const { index, row } of rows) {
    const e = employees.get(row.nip);
    if (!e) {
      problems.push(fieldError(`body.rows.${index}.nip`, 'unknown_employee'));
      continue;
    }
    const agencyId = employeeInMonth(e, period).agencyId;
    if (!citywide && agencyId !== actor.agencyId) {
      problems.push(fieldError(`body.rows.${index}.nip`, 'not_in_agency'));
      continue;
    }
    const counts = countsOf(row);
    const before = existing.get(row.nip);
    if (before && before.agencyId === agencyId && sameCounts(before.counts, counts)) {
      unchanged++;
      continue;
    }
    records.push({ nip: row.nip, period, agencyId, counts, importedAt: now, importedBy: actor.nip });
  }
  if (problems.length > 0) {
    const badRows = new Set(problems.map((p) => p.path.split('.')[2]));
    throw new ValidationError('ATTENDANCE_INVALID', { count: badRows.size }, problems);
  }
  await store.putAttendance(deps.db, records);
  return { period, written: records.length, unchanged };
};

/** POST /v1/employees/{nip}/sanctions (BKPP): a hukuman disiplin that cuts TPP while in force. */
export const addSanction = async (
  deps: Deps,
  actor: Actor,
  nip: string,
  input: { level: SanctionLevel; rateBp?: number; startDate: string; months: number; note?: string },
): Promise<SanctionRecord> => {
  ensure(hasRole(actor, 'HR_ADMIN'));
  ensureNotSelf(actor, nip, 'sanction');
  if (!(await getEmployee(deps.db, nip))) throw new NotFound('NOT_FOUND', { entity: 'employee' });
  // The cut follows the level in the rule set in force when it is computed (DOMAIN §3.7); the
  // rate shown here is that of the start year's rules, unless BKPP names one for this sanction.
  let rateBp = input.rateBp;
  if (rateBp === undefined) {
    const rules = await ruleSetFor(deps, Number(input.startDate.slice(0, 4)));
    if (!rules) throw invalid(fieldError('body.rateBp', 'required'));
    rateBp = sanctionLevelBp(rules, input.level);
  }
  const endDate = sanctionEnd(input.startDate, input.months);
  const s: SanctionRecord = {
    sanctionId: deps.ids(),
    nip,
    level: input.level,
    rateBp,
    ...(input.rateBp !== undefined ? { explicitRate: true } : {}),
    startDate: input.startDate,
    months: input.months,
    endDate,
    ...(input.note ? { note: input.note } : {}),
    createdAt: deps.clock().toISOString(),
    createdBy: actor.nip,
  };
  await store.createSanction(deps.db, s, sanctionPeriods(input.startDate, endDate));
  return s;
};

/** An employee's sanctions: themself, their agency's admin, BKPP, the auditor. */
export const listSanctions = async (deps: Deps, actor: Actor, nip: string) => {
  const e = await getEmployee(deps.db, nip);
  const allowed =
    !!e &&
    (actor.nip === nip ||
      hasRole(actor, 'HR_ADMIN', 'AUDITOR') ||
      (hasRole(actor, 'AGENCY_ADMIN') && actor.agencyId === e.agencyId));
  if (!allowed) throw new NotFound('NOT_FOUND', { entity: 'employee' });
  return { items: await store.listSanctions(deps.db, nip) };
};
