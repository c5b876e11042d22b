/**
 * The organisation's records in the single table, and their access patterns:
 *
 * | record          | pk                   | sk                  | indexes                                        |
 * |-----------------|----------------------|---------------------|------------------------------------------------|
 * | employee        | EMP#<nip>            | PROFILE             | gsi1 AGENCY#<id>#EMP / name#nip (by agency)     |
 * |                 |                      |                     | gsi2 UNIT#<id>#EMP / name#nip (by unit)         |
 * |                 |                      |                     | gsi3 REVIEWER#<nip> / name#nip (reviewees)      |
 * |                 |                      |                     | gsi4 NAME#<first letter> / name#nip (search)    |
 * | role grant      | ROLE#<role>          | <agencyId or *>#<nip> | (who holds a role, per agency)                |
 * | agency          | AGENCY#<id>          | PROFILE             | gsi1 AGENCIES / <code>                          |
 * | unit            | UNIT#<id>            | PROFILE             | gsi1 AGENCY#<id>#UNIT / <unitId>                |
 * | move due        | MOVES                | <date>#<nip>        | (agency moves recorded ahead of their day)      |
 */
import { DeleteCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  batchGet,
  batchWrite,
  type Db,
  type Item,
  isConditionFailure,
  type Page,
  queryAll,
  queryPage,
} from '../platform/dynamo.js';
import { conflictFrom, getItem, putNew, putVersioned, stripKeys } from '../platform/records.js';
import type { Role } from '../platform/roles.js';
import { type EmploymentType, nameKey, type Position, type StatusPeriod } from './rules.js';

export interface RoleGrant {
  role: Role;
  agencyId?: string;
}

export interface EmployeeRecord extends Omit<Position, 'effectiveFrom'> {
  nip: string;
  name: string;
  email?: string;
  employmentType: EmploymentType;
  reviewerNip?: string;
  statusPeriods: StatusPeriod[];
  positionHistory: Position[];
  roleGrants: RoleGrant[];
  /** who recorded a change of a pay input (position, status period) and when, newest last */
  changeLog?: ChangeEntry[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ChangeEntry {
  what: 'POSITION' | 'STATUS';
  at: string;
  by: string;
  /** the date the change takes effect (a position's effective date, a status period's start) */
  effectiveFrom: string;
}

/** The change log with one more entry (the last 50 are kept). */
export const logged = (e: Pick<EmployeeRecord, 'changeLog'>, entry: ChangeEntry): ChangeEntry[] =>
  [...(e.changeLog ?? []), entry].slice(-50);

export interface AgencyRecord {
  agencyId: string;
  code: string;
  name: string;
  kind: string;
  headNip?: string;
  /** absent on agencies seeded before versions (counts as 1) */
  version?: number;
}

export interface UnitRecord {
  unitId: string;
  agencyId: string;
  name: string;
  parentUnitId?: string;
  headNip?: string;
}

/**
 * The partition-key prefixes of the table items this module writes: organisation: employees, agencies, units and role grants.
 * The stack scopes write grants with them (dynamodb:LeadingKeys, functions/writes.ts); a test
 * checks every key built here starts with one of them.
 */
export const KEY_PREFIXES = ['EMP#', 'AGENCY#', 'UNIT#', 'ROLE#', 'MOVES'] as const;

export const keys = {
  employee: (nip: string) => ({ pk: `EMP#${nip}`, sk: 'PROFILE' }),
  agency: (agencyId: string) => ({ pk: `AGENCY#${agencyId}`, sk: 'PROFILE' }),
  unit: (unitId: string) => ({ pk: `UNIT#${unitId}`, sk: 'PROFILE' }),
  roleGrant: (role: Role, nip: string, agencyId?: string) => ({
    pk: `ROLE#${role}`,
    sk: `${agencyId ?? '*'}#${nip}`,
  }),
  agencyEmployees: (agencyId: string) => `AGENCY#${agencyId}#EMP`,
  unitEmployees: (unitId: string) => `UNIT#${unitId}#EMP`,
  reviewees: (reviewerNip: string) => `REVIEWER#${reviewerNip}`,
  nameBucket: (key: string) => `NAME#${key.slice(0, 1) || '_'}`,
  agencyUnits: (agencyId: string) => `AGENCY#${agencyId}#UNIT`,
  agencies: 'AGENCIES',
  moveDue: (date: string, nip: string) => ({ pk: 'MOVES', sk: `${date}#${nip}` }),
};

/**
 * A move to another agency recorded ahead of its day: the daily sweep (shared/employees/moves.ts)
 * applies it when it comes into force. Written before the employee (a marker with nothing to do
 * is simply removed).
 */
export const putMoveDue = async (db: Db, date: string, nip: string): Promise<void> => {
  await db.doc.send(
    new PutCommand({
      TableName: db.table,
      Item: { ...keys.moveDue(date, nip), type: 'MOVE_DUE', nip, date },
    }),
  );
};

/** The moves due on or before a date, oldest first (a missed day is caught up). */
export async function* movesDue(db: Db, date: string) {
  for await (const items of queryAll(db, { pk: 'MOVES', between: ['0000', `${date}#~`], limit: 200 }))
    yield items.map((i) => ({ date: i.date as string, nip: i.nip as string }));
}

export const deleteMoveDue = async (db: Db, date: string, nip: string): Promise<void> => {
  await db.doc.send(new DeleteCommand({ TableName: db.table, Key: keys.moveDue(date, nip) }));
};

export const employeeItem = (e: EmployeeRecord): Item => {
  const sortName = `${nameKey(e.name)}#${e.nip}`;
  return {
    ...keys.employee(e.nip),
    type: 'EMPLOYEE',
    ...e,
    gsi1pk: keys.agencyEmployees(e.agencyId),
    gsi1sk: sortName,
    gsi2pk: keys.unitEmployees(e.unitId),
    gsi2sk: sortName,
    ...(e.reviewerNip ? { gsi3pk: keys.reviewees(e.reviewerNip), gsi3sk: sortName } : {}),
    gsi4pk: keys.nameBucket(nameKey(e.name)),
    gsi4sk: sortName,
  };
};

const roleGrantItem = (nip: string, g: RoleGrant): Item => ({
  ...keys.roleGrant(g.role, nip, g.agencyId),
  type: 'ROLE_GRANT',
  nip,
  role: g.role,
  agencyId: g.agencyId,
});

export const getEmployee = async (
  db: Db,
  nip: string,
  consistent = false,
): Promise<EmployeeRecord | undefined> => {
  const item = await getItem(db, keys.employee(nip), consistent);
  return item ? stripKeys<EmployeeRecord>(item) : undefined;
};

export const getEmployees = async (db: Db, nips: string[]): Promise<Map<string, EmployeeRecord>> => {
  const items = await batchGet(db, nips.map(keys.employee));
  return new Map(items.map((i) => [i.nip as string, stripKeys<EmployeeRecord>(i)]));
};

/** Creates an employee and their role-grant index entries in one transaction. */
export const createEmployee = async (db: Db, e: EmployeeRecord): Promise<void> => {
  if (e.roleGrants.length === 0) return putNew(db, employeeItem(e), 'employee');
  try {
    await db.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: db.table,
              Item: employeeItem(e),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...e.roleGrants.map((g) => ({ Put: { TableName: db.table, Item: roleGrantItem(e.nip, g) } })),
        ],
      }),
    );
  } catch (err) {
    if (isConditionFailure(err)) return putNew(db, employeeItem(e), 'employee'); // answers ALREADY_EXISTS
    throw err;
  }
};

/** Replaces an employee whose stored version is `e.version - 1` (409 otherwise). */
export const saveEmployee = async (db: Db, e: EmployeeRecord): Promise<void> =>
  putVersioned(db, employeeItem(e), e.version - 1, 'employee');

/** The employee's put inside a transaction: only over the version it was read at. */
const versionedPut = (db: Db, e: EmployeeRecord) => ({
  Put: {
    TableName: db.table,
    Item: employeeItem(e),
    ConditionExpression: 'attribute_exists(pk) AND #v = :v',
    ExpressionAttributeNames: { '#v': 'version' },
    ExpressionAttributeValues: { ':v': e.version - 1 },
  },
});

/** A cancelled transaction does not say the stored version: read it for the 409. */
const conflictNow = async (db: Db, nip: string) => {
  const current = await getEmployee(db, nip, true);
  return conflictFrom(
    { Item: current ? { version: { N: String(current.version) } } : undefined },
    'employee',
  );
};

/**
 * Replaces an employee (stored version `e.version - 1`) only if each of `unchanged` still has the
 * version it was read at, in one transaction (at most 99 of them). A change of either → 409.
 */
export const saveEmployeeIfUnchanged = async (
  db: Db,
  e: EmployeeRecord,
  unchanged: Array<{ nip: string; version: number }>,
): Promise<void> => {
  const others = unchanged.filter((u) => u.nip !== e.nip).slice(0, 99);
  if (others.length === 0) return saveEmployee(db, e);
  try {
    await db.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          versionedPut(db, e),
          ...others.map((u) => ({
            ConditionCheck: {
              TableName: db.table,
              Key: keys.employee(u.nip),
              ConditionExpression: '#v = :v',
              ExpressionAttributeNames: { '#v': 'version' },
              ExpressionAttributeValues: { ':v': u.version },
            },
          })),
        ],
      }),
    );
  } catch (err) {
    if (isConditionFailure(err) || (err as { name?: string }).name === 'TransactionCanceledException') {
      throw await conflictNow(db, e.nip);
    }
    throw err;
  }
};

/** Replaces an employee and rewrites their role-grant index entries, in one transaction. */
export const saveEmployeeRoles = async (db: Db, e: EmployeeRecord, previous: RoleGrant[]): Promise<void> => {
  const removed = previous.filter(
    (p) => !e.roleGrants.some((g) => g.role === p.role && g.agencyId === p.agencyId),
  );
  try {
    await db.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          versionedPut(db, e),
          ...removed.map((g) => ({
            Delete: { TableName: db.table, Key: keys.roleGrant(g.role, e.nip, g.agencyId) },
          })),
          ...e.roleGrants.map((g) => ({ Put: { TableName: db.table, Item: roleGrantItem(e.nip, g) } })),
        ],
      }),
    );
  } catch (err) {
    if (isConditionFailure(err)) throw await conflictNow(db, e.nip);
    throw err;
  }
};

type Summary = Pick<
  EmployeeRecord,
  | 'nip'
  | 'name'
  | 'agencyId'
  | 'unitId'
  | 'positionTitle'
  | 'positionType'
  | 'jobClass'
  | 'employmentType'
  | 'reviewerNip'
>;
export const summary = (e: EmployeeRecord): Summary => ({
  nip: e.nip,
  name: e.name,
  agencyId: e.agencyId,
  unitId: e.unitId,
  positionTitle: e.positionTitle,
  positionType: e.positionType,
  jobClass: e.jobClass,
  employmentType: e.employmentType,
  reviewerNip: e.reviewerNip,
});

const employeePage = (page: Page<Item>): Page<Summary> => ({
  items: page.items.map((i) => summary(stripKeys<EmployeeRecord>(i))),
  cursor: page.cursor,
});

export interface PageRequest {
  limit: number;
  cursor?: string;
}

export const listAgencyEmployees = async (db: Db, agencyId: string, page: PageRequest) =>
  employeePage(await queryPage(db, { index: 'gsi1', pk: keys.agencyEmployees(agencyId), ...page }));

export const listUnitEmployees = async (db: Db, unitId: string, page: PageRequest) =>
  employeePage(await queryPage(db, { index: 'gsi2', pk: keys.unitEmployees(unitId), ...page }));

export const listReviewees = async (db: Db, reviewerNip: string, page: PageRequest) =>
  employeePage(await queryPage(db, { index: 'gsi3', pk: keys.reviewees(reviewerNip), ...page }));

/** Names starting with `prefix` (normalised), optionally within one agency. */
export const searchByName = async (
  db: Db,
  prefix: string,
  agencyId: string | undefined,
  page: PageRequest,
) => {
  const key = nameKey(prefix);
  return employeePage(
    await queryPage(db, {
      index: 'gsi4',
      pk: keys.nameBucket(key),
      prefix: key,
      ...page,
      filter: agencyId
        ? { FilterExpression: 'agencyId = :agency', ExpressionAttributeValues: { ':agency': agencyId } }
        : undefined,
    }),
  );
};

/** Who holds a role (in an agency, for agency-bound roles), first by sort order. */
export const holdersOfRole = async (db: Db, role: Role, agencyId: string | undefined, limit = 25) => {
  const page = await queryPage(db, {
    pk: `ROLE#${role}`,
    prefix: agencyId ? `${agencyId}#` : undefined,
    limit,
  });
  return page.items.map((i) => i.nip as string);
};

// ── agencies and units ────────────────────────────────────────────────────────

export const agencyItem = (a: AgencyRecord): Item => ({
  ...keys.agency(a.agencyId),
  type: 'AGENCY',
  ...a,
  gsi1pk: keys.agencies,
  gsi1sk: a.code,
});

export const unitItem = (u: UnitRecord): Item => ({
  ...keys.unit(u.unitId),
  type: 'UNIT',
  ...u,
  gsi1pk: keys.agencyUnits(u.agencyId),
  gsi1sk: u.unitId,
});

export const getAgency = async (db: Db, agencyId: string): Promise<AgencyRecord | undefined> => {
  const item = await getItem(db, keys.agency(agencyId));
  return item ? stripKeys<AgencyRecord>(item) : undefined;
};

export const getUnit = async (db: Db, unitId: string): Promise<UnitRecord | undefined> => {
  const item = await getItem(db, keys.unit(unitId));
  return item ? stripKeys<UnitRecord>(item) : undefined;
};

export const getUnits = async (db: Db, unitIds: string[]): Promise<Map<string, UnitRecord>> => {
  const items = await batchGet(db, unitIds.map(keys.unit));
  return new Map(items.map((i) => [i.unitId as string, stripKeys<UnitRecord>(i)]));
};

export const getAgencies = async (db: Db, agencyIds: string[]): Promise<Map<string, AgencyRecord>> => {
  const items = await batchGet(db, agencyIds.map(keys.agency));
  return new Map(items.map((i) => [i.agencyId as string, stripKeys<AgencyRecord>(i)]));
};

export const listAgencies = async (db: Db, page: PageRequest): Promise<Page<AgencyRecord>> => {
  const out = await queryPage(db, { index: 'gsi1', pk: keys.agencies, ...page });
  return { items: out.items.map((i) => stripKeys<AgencyRecord>(i)), cursor: out.cursor };
};

export const listUnits = async (db: Db, agencyId: string, page: PageRequest): Promise<Page<UnitRecord>> => {
  const out = await queryPage(db, { index: 'gsi1', pk: keys.agencyUnits(agencyId), ...page });
  return { items: out.items.map((i) => stripKeys<UnitRecord>(i)), cursor: out.cursor };
};

export const createAgency = async (db: Db, a: AgencyRecord): Promise<void> =>
  putNew(db, agencyItem(a), 'agency');

/** Replaces an agency whose stored version is `a.version - 1` (a seeded agency without one counts as 1). */
export const saveAgency = async (db: Db, a: AgencyRecord): Promise<void> => {
  const expected = (a.version ?? 2) - 1;
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.table,
        Item: agencyItem(a),
        ConditionExpression: 'attribute_exists(pk) AND (#v = :v OR (attribute_not_exists(#v) AND :v = :one))',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':v': expected, ':one': 1 },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
  } catch (e) {
    if (isConditionFailure(e)) throw conflictFrom(e, 'agency');
    throw e;
  }
};

export const createUnit = async (db: Db, u: UnitRecord): Promise<void> => putNew(db, unitItem(u), 'unit');

/** Seeding and imports: unconditional batch puts of prepared items. */
export const putAll = async (db: Db, items: Item[]): Promise<void> =>
  batchWrite(
    db,
    items.map((put) => ({ put })),
  );

export const roleGrantItems = (nip: string, grants: RoleGrant[]): Item[] =>
  grants.map((g) => roleGrantItem(nip, g));
