/**
 * Use cases of the organisation: profiles, lists, changes with their checks. Each takes its deps
 * (store, clock, ids) and the actor; authorisation is decided here from the actor and the data.
 */
import type { Actor } from '../platform/actor.js';
import { hasRole } from '../platform/actor.js';
import { wibDate } from '../platform/clock.js';
import { Forbidden, fieldError, invalid, NotFound, ValidationError } from '../platform/errors.js';
import type { Deps } from '../platform/http.js';
import { staleVersion } from '../platform/records.js';
import { AGENCY_BOUND_ROLES, incompatiblePair } from '../platform/roles.js';
import { canReadEmployee, ensureManageAgency, ensureNotSelf, ensureViewAgency } from './access.js';
import { noteFutureMove } from './moves.js';
import {
  type EmploymentType,
  gradeMatchesType,
  nameKey,
  nipProblem,
  type Position,
  periodsOverlap,
  positionOn,
  reviewerCycle,
  type StatusPeriod,
  samePosition,
  statusOn,
  withPosition,
} from './rules.js';
import type { EmployeeInput } from './schemas.js';
import type { AgencyRecord, EmployeeRecord, PageRequest, RoleGrant, UnitRecord } from './store.js';
import * as store from './store.js';

const notFound = (entity: string) => new NotFound('NOT_FOUND', { entity });

/** The employee as the API shows it: the record plus the status in force today and the role list. */
export const view = (e: EmployeeRecord, today: string) => ({
  ...e,
  status: statusOn(e.statusPeriods, today),
  roles: ['EMPLOYEE', ...new Set(e.roleGrants.map((g) => g.role).filter((r) => r !== 'EMPLOYEE'))],
});

export const loadEmployee = async (deps: Deps, nip: string, consistent = false): Promise<EmployeeRecord> => {
  const e = await store.getEmployee(deps.db, nip, consistent);
  if (!e) throw notFound('employee');
  return e;
};

export const getMe = async (deps: Deps, actor: Actor) => {
  const today = wibDate(deps.clock());
  const profile = await loadEmployee(deps, actor.nip);
  const [reviewer, reviewees] = await Promise.all([
    profile.reviewerNip ? store.getEmployee(deps.db, profile.reviewerNip) : undefined,
    store.listReviewees(deps.db, actor.nip, { limit: 100 }),
  ]);
  const appealReviewer = reviewer?.reviewerNip
    ? await store.getEmployee(deps.db, reviewer.reviewerNip)
    : undefined;
  const shown = view(profile, today);
  return {
    profile: shown,
    roles: shown.roles,
    reviewer: reviewer ? store.summary(reviewer) : undefined,
    appealReviewer: appealReviewer ? store.summary(appealReviewer) : undefined,
    reviewees: reviewees.items,
    revieweesCursor: reviewees.cursor,
  };
};

export const getEmployee = async (deps: Deps, actor: Actor, nip: string) => {
  const target = await loadEmployee(deps, nip);
  let allowed = canReadEmployee(actor, target);
  if (!allowed && target.reviewerNip) {
    const reviewer = await store.getEmployee(deps.db, target.reviewerNip);
    allowed = canReadEmployee(actor, target, reviewer?.reviewerNip);
  }
  // Someone without access learns nothing, not even that the NIP exists.
  if (!allowed) throw notFound('employee');
  return view(target, wibDate(deps.clock()));
};

export const listAgencyEmployees = async (deps: Deps, actor: Actor, agencyId: string, page: PageRequest) => {
  ensureViewAgency(actor, agencyId);
  if (!(await store.getAgency(deps.db, agencyId))) throw notFound('agency');
  return store.listAgencyEmployees(deps.db, agencyId, page);
};

export const listUnitEmployees = async (deps: Deps, actor: Actor, unitId: string, page: PageRequest) => {
  const unit = await store.getUnit(deps.db, unitId);
  if (!unit) throw notFound('unit');
  ensureViewAgency(actor, unit.agencyId);
  return store.listUnitEmployees(deps.db, unitId, page);
};

export const searchEmployees = async (
  deps: Deps,
  actor: Actor,
  query: { name: string; agencyId?: string } & PageRequest,
) => {
  const citywide = hasRole(actor, 'HR_ADMIN', 'AUDITOR');
  const agencyId = citywide ? query.agencyId : (query.agencyId ?? actor.agencyId);
  if (!citywide) {
    if (!agencyId) throw new Forbidden('FORBIDDEN');
    ensureViewAgency(actor, agencyId);
  }
  // a name of punctuation only has nothing to search by
  if (nameKey(query.name) === '') throw invalid(fieldError('query.name', 'invalid'));
  return store.searchByName(deps.db, query.name, agencyId, { limit: query.limit, cursor: query.cursor });
};

// ── agencies and units ─────────────────────────────────────────────────────────

export const listAgencies = (deps: Deps, page: PageRequest) => store.listAgencies(deps.db, page);

export const getAgency = async (deps: Deps, agencyId: string) => {
  const agency = await store.getAgency(deps.db, agencyId);
  if (!agency) throw notFound('agency');
  return agency;
};

export const createAgency = async (
  deps: Deps,
  actor: Actor,
  input: { code: string; name: string; kind: string; headNip?: string },
) => {
  if (!hasRole(actor, 'HR_ADMIN')) throw new Forbidden('FORBIDDEN');
  if (input.headNip && !(await store.getEmployee(deps.db, input.headNip))) {
    throw invalid(fieldError('body.headNip', 'unknown_employee'));
  }
  const agency: AgencyRecord = { agencyId: input.code, ...input, version: 1 };
  await store.createAgency(deps.db, agency);
  return agency;
};

export const updateAgency = async (
  deps: Deps,
  actor: Actor,
  agencyId: string,
  input: { version: number; name?: string; kind?: string; headNip?: string },
) => {
  if (!hasRole(actor, 'HR_ADMIN')) throw new Forbidden('FORBIDDEN');
  const current = await getAgency(deps, agencyId);
  const currentVersion = current.version ?? 1;
  if (input.version !== currentVersion) throw staleVersion(currentVersion);
  if (input.headNip && !(await store.getEmployee(deps.db, input.headNip))) {
    throw invalid(fieldError('body.headNip', 'unknown_employee'));
  }
  const { version: _v, ...changes } = input;
  const next: AgencyRecord = { ...current, ...changes, version: currentVersion + 1 };
  await store.saveAgency(deps.db, next);
  return next;
};

export const listUnits = async (deps: Deps, agencyId: string, page: PageRequest) => {
  await getAgency(deps, agencyId);
  return store.listUnits(deps.db, agencyId, page);
};

export const createUnit = async (
  deps: Deps,
  actor: Actor,
  agencyId: string,
  input: { unitId: string; name: string; parentUnitId?: string; headNip?: string },
) => {
  ensureManageAgency(actor, agencyId);
  await getAgency(deps, agencyId);
  if (input.parentUnitId) {
    const parent = await store.getUnit(deps.db, input.parentUnitId);
    if (!parent || parent.agencyId !== agencyId)
      throw invalid(fieldError('body.parentUnitId', 'unknown_unit'));
  }
  if (input.headNip && !(await store.getEmployee(deps.db, input.headNip))) {
    throw invalid(fieldError('body.headNip', 'unknown_employee'));
  }
  const unit: UnitRecord = { ...input, agencyId };
  await store.createUnit(deps.db, unit);
  return unit;
};

// ── employees: create, change ──────────────────────────────────────────────────

interface PositionChecks {
  agencyId: string;
  unitId: string;
  grade: string;
  employmentType: EmploymentType;
}

/** The agency and unit exist and belong together; the golongan fits the employment type. */
const checkPlacement = async (deps: Deps, p: PositionChecks, prefix = 'body'): Promise<void> => {
  const [agency, unit] = await Promise.all([
    store.getAgency(deps.db, p.agencyId),
    store.getUnit(deps.db, p.unitId),
  ]);
  const problems = [];
  if (!agency) problems.push(fieldError(`${prefix}.agencyId`, 'unknown_agency'));
  if (!unit || unit.agencyId !== p.agencyId) problems.push(fieldError(`${prefix}.unitId`, 'unknown_unit'));
  if (!gradeMatchesType(p.grade, p.employmentType))
    problems.push(fieldError(`${prefix}.grade`, 'grade_type'));
  if (problems.length) throw invalid(...problems);
};

const positionOf = (input: Omit<Position, 'effectiveFrom'>, effectiveFrom: string): Position => ({
  effectiveFrom,
  agencyId: input.agencyId,
  unitId: input.unitId,
  positionTitle: input.positionTitle,
  positionType: input.positionType,
  jobClass: input.jobClass,
  grade: input.grade,
  ...(input.functionalLevel ? { functionalLevel: input.functionalLevel } : {}),
});

/** The current fields follow the position in force today (a future-dated change waits for its day). */
const withCurrentPosition = (e: EmployeeRecord, today: string): EmployeeRecord => {
  const current = positionOn(e.positionHistory, today) ?? e.positionHistory[0];
  if (!current) return e;
  const { effectiveFrom: _from, ...fields } = current;
  return { ...e, functionalLevel: undefined, ...fields };
};

export const createEmployee = async (
  deps: Deps,
  actor: Actor,
  input: EmployeeInput & { effectiveFrom?: string },
) => {
  ensureManageAgency(actor, input.agencyId);
  const problem = nipProblem(input.nip, input.employmentType);
  if (problem) throw invalid(fieldError('body.nip', problem));
  await checkPlacement(deps, input);
  if (input.reviewerNip !== undefined) {
    if (input.reviewerNip === input.nip) throw invalid(fieldError('body.reviewerNip', 'reviewer_self'));
    if (!(await store.getEmployee(deps.db, input.reviewerNip))) {
      throw invalid(fieldError('body.reviewerNip', 'unknown_employee'));
    }
  }
  const now = deps.clock();
  const today = wibDate(now);
  const { effectiveFrom, ...fields } = input;
  const record: EmployeeRecord = withCurrentPosition(
    {
      ...fields,
      statusPeriods: [],
      positionHistory: [positionOf(fields, effectiveFrom ?? today)],
      roleGrants: [],
      version: 1,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    },
    today,
  );
  await store.createEmployee(deps.db, record);
  return view(record, today);
};

type EmployeeChanges = Partial<Omit<EmployeeInput, 'nip' | 'reviewerNip'>> & {
  version: number;
  effectiveFrom?: string;
};

export const updateEmployee = async (deps: Deps, actor: Actor, nip: string, changes: EmployeeChanges) => {
  const current = await loadEmployee(deps, nip, true);
  ensureManageAgency(actor, current.agencyId);
  if (changes.version !== current.version) throw staleVersion(current.version);
  const { version: _v, effectiveFrom, ...fields } = changes;
  const now = deps.clock();
  const today = wibDate(now);
  const latest = current.positionHistory.at(-1) ?? positionOf(current, today);
  const nextPosition = positionOf({ ...latest, ...fields } as Position, effectiveFrom ?? today);
  if (nextPosition.agencyId !== current.agencyId) ensureManageAgency(actor, nextPosition.agencyId);
  const employmentType = fields.employmentType ?? current.employmentType;
  await checkPlacement(deps, { ...nextPosition, employmentType });
  const problem = nipProblem(nip, employmentType);
  if (problem) throw invalid(fieldError('body.employmentType', problem));
  const positionChanged = !samePosition(latest, nextPosition);
  // name and email are one's own to correct; the position and employment type set one's pay
  if (positionChanged || employmentType !== current.employmentType) ensureNotSelf(actor, nip, 'position');
  const next = withCurrentPosition(
    {
      ...current,
      name: fields.name ?? current.name,
      email: fields.email ?? current.email,
      employmentType,
      positionHistory: positionChanged
        ? withPosition(current.positionHistory, nextPosition)
        : current.positionHistory,
      ...(positionChanged
        ? {
            changeLog: store.logged(current, {
              what: 'POSITION',
              at: now.toISOString(),
              by: actor.nip,
              effectiveFrom: nextPosition.effectiveFrom,
            }),
          }
        : {}),
      version: current.version + 1,
      updatedAt: now.toISOString(),
    },
    today,
  );
  if (positionChanged) await noteFutureMove(deps, current, nextPosition, nip);
  if (next.agencyId !== current.agencyId && current.roleGrants.some((g) => g.agencyId)) {
    // Agency-bound roles (AGENCY_ADMIN, COMPLAINT_OFFICER) do not follow a move to another agency.
    next.roleGrants = current.roleGrants.filter((g) => !g.agencyId || g.agencyId === next.agencyId);
    await store.saveEmployeeRoles(deps.db, next, current.roleGrants);
  } else await store.saveEmployee(deps.db, next);
  return view(next, today);
};

/** Longest pejabat penilai chain walked before giving up (the city's chains are < 10 deep). */
const MAX_CHAIN = 64;

/** Loads the chain above `start` (inclusive) until the top, a repeat, or MAX_CHAIN. */
const chainAbove = async (
  deps: Deps,
  start: string,
): Promise<{
  reviewerOf: Map<string, string | undefined>;
  versions: Array<{ nip: string; version: number }>;
}> => {
  const reviewerOf = new Map<string, string | undefined>();
  const versions: Array<{ nip: string; version: number }> = [];
  let current: string | undefined = start;
  while (current !== undefined && !reviewerOf.has(current) && reviewerOf.size < MAX_CHAIN) {
    const e = await store.getEmployee(deps.db, current, true);
    if (!e) break;
    reviewerOf.set(current, e.reviewerNip);
    versions.push({ nip: current, version: e.version });
    current = e.reviewerNip;
  }
  return { reviewerOf, versions };
};

export const setReviewer = async (
  deps: Deps,
  actor: Actor,
  nip: string,
  input: { version: number; reviewerNip?: string },
) => {
  const current = await loadEmployee(deps, nip, true);
  ensureManageAgency(actor, current.agencyId);
  ensureNotSelf(actor, nip, 'reviewer');
  if (input.version !== current.version) throw staleVersion(current.version);
  let chainRead: Array<{ nip: string; version: number }> = [];
  if (input.reviewerNip !== undefined) {
    if (input.reviewerNip === nip) throw invalid(fieldError('body.reviewerNip', 'reviewer_self'));
    const chain = await chainAbove(deps, input.reviewerNip);
    if (!chain.reviewerOf.has(input.reviewerNip))
      throw invalid(fieldError('body.reviewerNip', 'unknown_employee'));
    const cycle = reviewerCycle(nip, input.reviewerNip, (n) => chain.reviewerOf.get(n));
    if (cycle) {
      throw new ValidationError('REVIEWER_CYCLE', { chain: cycle.join(' → ') }, [
        fieldError('body.reviewerNip', 'reviewer_cycle'),
      ]);
    }
    chainRead = chain.versions;
  }
  const now = deps.clock();
  const next: EmployeeRecord = {
    ...current,
    reviewerNip: input.reviewerNip,
    version: current.version + 1,
    updatedAt: now.toISOString(),
  };
  // The chain checked above must still be the chain when this lands: two admins assigning each
  // other's people at the same moment could otherwise close a cycle between them.
  await store.saveEmployeeIfUnchanged(deps.db, next, chainRead);
  return view(next, wibDate(now));
};

export const addStatusPeriod = async (
  deps: Deps,
  actor: Actor,
  nip: string,
  input: { version: number; period: StatusPeriod },
) => {
  const current = await loadEmployee(deps, nip, true);
  ensureManageAgency(actor, current.agencyId);
  ensureNotSelf(actor, nip, 'statusPeriods');
  if (input.version !== current.version) throw staleVersion(current.version);
  const { period } = input;
  if (period.to !== undefined && period.to < period.from)
    throw invalid(fieldError('body.period.to', 'date_order'));
  if (current.statusPeriods.some((p) => periodsOverlap(p, period))) {
    throw invalid(fieldError('body.period', 'overlap'));
  }
  const now = deps.clock();
  const next: EmployeeRecord = {
    ...current,
    statusPeriods: [...current.statusPeriods, period].sort((a, b) => a.from.localeCompare(b.from)),
    changeLog: store.logged(current, {
      what: 'STATUS',
      at: now.toISOString(),
      by: actor.nip,
      effectiveFrom: period.from,
    }),
    version: current.version + 1,
    updatedAt: now.toISOString(),
  };
  await store.saveEmployee(deps.db, next);
  return view(next, wibDate(now));
};

export const setRoles = async (
  deps: Deps,
  actor: Actor,
  nip: string,
  input: { version: number; roles: RoleGrant[] },
) => {
  if (!hasRole(actor, 'HR_ADMIN')) throw new Forbidden('FORBIDDEN');
  ensureNotSelf(actor, nip, 'roles');
  const current = await loadEmployee(deps, nip, true);
  if (input.version !== current.version) throw staleVersion(current.version);
  const grants = new Map<string, RoleGrant>();
  const problems = [];
  for (const [i, g] of input.roles.entries()) {
    if (g.role === 'EMPLOYEE') continue; // every ASN is an EMPLOYEE; not stored
    if (AGENCY_BOUND_ROLES.includes(g.role)) {
      // An agency-bound role acts for the employee's own agency (the token carries one agencyId).
      const agencyId = g.agencyId ?? current.agencyId;
      if (agencyId !== current.agencyId) {
        problems.push(fieldError(`body.roles.${i}.agencyId`, 'agency_mismatch'));
        continue;
      }
      grants.set(`${g.role}#${agencyId}`, { role: g.role, agencyId });
    } else grants.set(g.role, { role: g.role });
  }
  if (problems.length) throw invalid(...problems);
  const clash = incompatiblePair([...grants.values()].map((g) => g.role));
  if (clash)
    throw new ValidationError('ROLE_CONFLICT', { roles: clash.join(' + ') }, [
      fieldError('body.roles', 'role_conflict', { roles: clash.join(' + ') }),
    ]);
  const now = deps.clock();
  const next: EmployeeRecord = {
    ...current,
    roleGrants: [...grants.values()],
    version: current.version + 1,
    updatedAt: now.toISOString(),
  };
  await store.saveEmployeeRoles(deps.db, next, current.roleGrants);
  return view(next, wibDate(now));
};
