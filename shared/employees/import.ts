/**
 * Bulk import of employees (JSON or CSV, up to 5,000 rows). Every row is validated first — its
 * fields, duplicates, agency and unit, golongan, pejabat penilai and cycles across the whole
 * resulting graph. On any error nothing is written and the answer names each bad row and field.
 * A clean import is an idempotent upsert: unchanged employees are not rewritten; a changed
 * position is kept in the history with the import's effective date; roles and status stay.
 */
import { type Actor, hasRole } from '../platform/actor.js';
import { wibDate } from '../platform/clock.js';
import { mapLimit } from '../platform/concurrency.js';
import { Conflict, type ErrorDetail, Forbidden, fieldError, ValidationError } from '../platform/errors.js';
import type { Deps } from '../platform/http.js';
import { tryParse } from '../platform/validation.js';
import { noteFutureMove } from './moves.js';
import { cyclesIn, gradeMatchesType, nipProblem, positionOn, samePosition, withPosition } from './rules.js';
import { type EmployeeInput, employeeInput, IMPORT_MAX_ROWS } from './schemas.js';
import type { EmployeeRecord } from './store.js';
import * as store from './store.js';

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

const MAX_CHAIN_ROUNDS = 64;

const merge = (
  current: EmployeeRecord | undefined,
  row: EmployeeInput,
  effectiveFrom: string,
  now: Date,
  by = '',
) => {
  const position = {
    effectiveFrom,
    agencyId: row.agencyId,
    unitId: row.unitId,
    positionTitle: row.positionTitle,
    positionType: row.positionType,
    jobClass: row.jobClass,
    grade: row.grade,
    ...(row.functionalLevel ? { functionalLevel: row.functionalLevel } : {}),
  };
  const today = wibDate(now);
  const base: EmployeeRecord = current ?? {
    ...row,
    statusPeriods: [],
    positionHistory: [],
    roleGrants: [],
    version: 0,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  const latest = base.positionHistory.at(-1);
  const history =
    latest && samePosition(latest, position)
      ? base.positionHistory
      : withPosition(base.positionHistory, position);
  const inForce = positionOn(history, today) ?? history[0] ?? position;
  const { effectiveFrom: _e, ...fields } = inForce;
  const next: EmployeeRecord = {
    ...base,
    name: row.name,
    email: row.email,
    employmentType: row.employmentType,
    reviewerNip: row.reviewerNip,
    functionalLevel: undefined,
    ...fields,
    positionHistory: history,
    ...(current && history !== current.positionHistory
      ? { changeLog: store.logged(current, { what: 'POSITION', at: now.toISOString(), by, effectiveFrom }) }
      : {}),
  };
  const changed =
    !current ||
    current.name !== next.name ||
    current.email !== next.email ||
    current.employmentType !== next.employmentType ||
    current.reviewerNip !== next.reviewerNip ||
    history !== current.positionHistory ||
    !samePosition(current, next);
  return { next: { ...next, version: base.version + 1, updatedAt: now.toISOString() }, changed };
};

export const importEmployees = async (
  deps: Deps,
  actor: Actor,
  input: { rows: unknown[]; effectiveFrom?: string },
): Promise<ImportResult> => {
  const citywide = hasRole(actor, 'HR_ADMIN');
  if (!citywide && !(hasRole(actor, 'AGENCY_ADMIN') && actor.agencyId)) throw new Forbidden('FORBIDDEN');
  if (input.rows.length > IMPORT_MAX_ROWS) {
    throw new ValidationError('IMPORT_TOO_LARGE', { limit: IMPORT_MAX_ROWS }, [
      { path: 'body.rows', code: 'too_big', reason: 'too_big_array', params: { maximum: IMPORT_MAX_ROWS } },
    ]);
  }
  const problems: ErrorDetail[] = [];
  const rows: Array<{ index: number; row: EmployeeInput }> = [];
  const seen = new Set<string>();
  input.rows.forEach((raw, index) => {
    const prefix = `body.rows.${index}`;
    const parsed = tryParse(employeeInput, raw, prefix);
    if (!parsed.ok) {
      problems.push(...parsed.details);
      return;
    }
    const row = parsed.value;
    const rowProblems: ErrorDetail[] = [];
    if (seen.has(row.nip)) rowProblems.push(fieldError(`${prefix}.nip`, 'duplicate'));
    seen.add(row.nip);
    const nipIssue = nipProblem(row.nip, row.employmentType);
    if (nipIssue) rowProblems.push(fieldError(`${prefix}.nip`, nipIssue));
    if (!gradeMatchesType(row.grade, row.employmentType))
      rowProblems.push(fieldError(`${prefix}.grade`, 'grade_type'));
    if (!citywide && row.agencyId !== actor.agencyId)
      rowProblems.push(fieldError(`${prefix}.agencyId`, 'forbidden_agency'));
    if (row.reviewerNip === row.nip) rowProblems.push(fieldError(`${prefix}.reviewerNip`, 'reviewer_self'));
    problems.push(...rowProblems);
    if (rowProblems.length === 0) rows.push({ index, row });
  });

  // What the rows refer to, read in batches.
  const { db } = deps;
  const [agencies, units, existing] = await Promise.all([
    store.getAgencies(db, [...new Set(rows.map((r) => r.row.agencyId))]),
    store.getUnits(db, [...new Set(rows.map((r) => r.row.unitId))]),
    store.getEmployees(
      db,
      rows.map((r) => r.row.nip),
    ),
  ]);
  const graph = new Map<string, string | undefined>(rows.map((r) => [r.row.nip, r.row.reviewerNip]));
  let missing = [
    ...new Set(rows.map((r) => r.row.reviewerNip).filter((n): n is string => !!n && !graph.has(n))),
  ];
  const known = new Set<string>(graph.keys());
  for (let round = 0; missing.length > 0 && round < MAX_CHAIN_ROUNDS; round++) {
    const found = await store.getEmployees(db, missing);
    for (const nip of missing) {
      known.add(nip);
      const e = found.get(nip);
      if (e) graph.set(nip, e.reviewerNip);
    }
    missing = [
      ...new Set(
        [...found.values()].map((e) => e.reviewerNip).filter((n): n is string => !!n && !known.has(n)),
      ),
    ];
  }
  const inCycle = cyclesIn(graph);
  const today = wibDate(deps.clock());
  for (const { index, row } of rows) {
    const prefix = `body.rows.${index}`;
    if (!agencies.has(row.agencyId)) problems.push(fieldError(`${prefix}.agencyId`, 'unknown_agency'));
    const unit = units.get(row.unitId);
    if (!unit || unit.agencyId !== row.agencyId)
      problems.push(fieldError(`${prefix}.unitId`, 'unknown_unit'));
    if (row.reviewerNip && !graph.has(row.reviewerNip))
      problems.push(fieldError(`${prefix}.reviewerNip`, 'unknown_employee'));
    if (inCycle.has(row.nip)) problems.push(fieldError(`${prefix}.reviewerNip`, 'reviewer_cycle'));
    const current = existing.get(row.nip);
    if (current && !citywide && current.agencyId !== actor.agencyId) {
      problems.push(fieldError(`${prefix}.nip`, 'forbidden_agency'));
    }
    // nobody sets their own position or reviewer (an unchanged row of oneself is harmless)
    if (row.nip === actor.nip && merge(current, row, input.effectiveFrom ?? today, deps.clock()).changed)
      throw new Forbidden('SELF_PAY_INPUT', { what: 'position' }, [
        fieldError(`${prefix}.nip`, 'self_pay_input'),
      ]);
  }
  if (problems.length > 0) {
    const badRows = new Set(problems.map((p) => p.path.split('.')[2]));
    throw new ValidationError('IMPORT_INVALID', { count: badRows.size }, problems);
  }

  // All rows are valid: upsert, each guarded by its version (a concurrent edit is re-read and re-merged).
  const now = deps.clock();
  const effectiveFrom = input.effectiveFrom ?? wibDate(now);
  const outcomes = await mapLimit(rows, 16, async ({ row }) => {
    let current = existing.get(row.nip);
    for (let attempt = 0; ; attempt++) {
      const { next, changed } = merge(current, row, effectiveFrom, now, actor.nip);
      if (!changed) return 'unchanged' as const;
      if (current) await noteFutureMove(deps, current, { effectiveFrom, agencyId: row.agencyId }, row.nip);
      try {
        if (current && next.agencyId !== current.agencyId && current.roleGrants.some((g) => g.agencyId)) {
          // grants bound to the old agency do not follow the move (the PUT route does the same)
          next.roleGrants = current.roleGrants.filter((g) => !g.agencyId || g.agencyId === next.agencyId);
          await store.saveEmployeeRoles(db, next, current.roleGrants);
        } else if (current) await store.saveEmployee(db, next);
        else await store.createEmployee(db, next);
        return current ? ('updated' as const) : ('created' as const);
      } catch (e) {
        if (attempt >= 3 || !(e instanceof Conflict || (e as { code?: string }).code === 'ALREADY_EXISTS'))
          throw e;
        current = await store.getEmployee(db, row.nip, true);
      }
    }
  });
  return {
    created: outcomes.filter((o) => o === 'created').length,
    updated: outcomes.filter((o) => o === 'updated').length,
    unchanged: outcomes.filter((o) => o === 'unchanged').length,
  };
};
