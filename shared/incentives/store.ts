/**
 * The TPP records in the single table, and their access patterns:
 *
 * | record            | pk                  | sk                 | indexes                                            |
 * |-------------------|---------------------|--------------------|----------------------------------------------------|
 * | rule-set version  | TPPRULES#<year>     | V#<000001>         | (latest: Query backwards, limit 1)                 |
 * | attendance month  | TPPATT#<nip>        | <period>           | gsi3 TPPATT#<agencyId>#<period> / <nip> (a run     |
 * |                   |                     |                    | reads its agency's month in a few Query pages)      |
 * | sanction          | TPPSANC#<nip>       | S#<start>#<id>     | (an employee's sanctions)                           |
 * | sanction month    | TPPSANCM#<period>   | <nip>#<id>         | (the sanctions in force in a month, city-wide: few) |
 * | run               | TPPRUN#<runId>      | RUN                | gsi1 TPPRUNS#<period> / <agencyId>#<runId>          |
 * |                   |                     |                    | gsi2 TPPRUNS#AGENCY#<agencyId> / <period>#<runId>   |
 * | run line          | TPPRUN#<runId>      | LINE#<nip>         | gsi1 TPPLINE#<nip> / <period>#<runId> (my TPP)      |
 *
 * Run ids are deterministic (`TPP-<agency>-<period>`, adjustments `…-A<n>`), and a line's key is its
 * run and NIP: computing again overwrites the same items, never adds a second line.
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
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
import { AlreadyExists, Conflict } from '../platform/errors.js';
import { getItem, putNew, putVersioned, stripKeys } from '../platform/records.js';
import type {
  AttendanceCounts,
  Breakdown,
  InputChange,
  RuleSet,
  SanctionInForce,
  SanctionLevel,
} from './rules.js';

export type RunKind = 'REGULAR' | 'ADJUSTMENT';
export type RunStatus = 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'REJECTED';

export interface Totals {
  gross: number;
  tax: number;
  net: number;
}

export interface RunCounts {
  lines: number;
  paid: number;
  stopped: number;
  noAssessment: number;
  openAssessment: number;
  noAttendance: number;
}

export interface RunEvent {
  action: 'COMPUTED' | 'SUBMITTED' | 'APPROVED' | 'REJECTED';
  at: string;
  by: string;
  reason?: string;
}

export interface RunRecord {
  runId: string;
  kind: RunKind;
  agencyId: string;
  period: string;
  status: RunStatus;
  version: number;
  /** ADJUSTMENT: the approved regular run it corrects */
  adjusts?: string;
  /** ADJUSTMENT: why */
  reason?: string;
  ruleSetVersion?: number;
  /** a computation is writing lines (set when it starts, cleared when its totals are written) */
  computing?: boolean;
  computeToken?: string;
  counts: RunCounts;
  totals: Totals;
  history: RunEvent[];
  createdAt: string;
  updatedAt: string;
}

export interface LineRecord {
  runId: string;
  period: string;
  agencyId: string;
  nip: string;
  name: string;
  unitId: string;
  /** REGULAR: the month's amounts; ADJUSTMENT: current − already paid */
  gross: number;
  tax: number;
  net: number;
  breakdown: Breakdown;
  /** ADJUSTMENT: what the approved runs had paid */
  previous?: Totals;
  reason?: string;
  /** ADJUSTMENT: which inputs changed since the approval, who recorded each change and when */
  changes?: InputChange[];
  computeToken: string;
}

export interface AttendanceRecord {
  nip: string;
  period: string;
  agencyId: string;
  counts: AttendanceCounts;
  importedAt: string;
  importedBy: string;
}

export interface SanctionRecord {
  sanctionId: string;
  nip: string;
  level: SanctionLevel;
  rateBp: number;
  /** the rate was named for this sanction; otherwise the rule set's rate of its level applies */
  explicitRate?: boolean;
  startDate: string;
  months: number;
  endDate: string;
  note?: string;
  createdAt: string;
  createdBy: string;
}

const pad = (n: number) => String(n).padStart(6, '0');

/**
 * The partition-key prefixes of the table items this module writes: TPP rule sets, attendance, sanctions, runs and their lines.
 * The stack scopes write grants with them (dynamodb:LeadingKeys, functions/writes.ts); a test
 * checks every key built here starts with one of them.
 */
export const KEY_PREFIXES = ['TPPRULES#', 'TPPATT#', 'TPPSANC#', 'TPPSANCM#', 'TPPRUN#'] as const;

export const keys = {
  ruleSet: (year: number, version: number) => ({ pk: `TPPRULES#${year}`, sk: `V#${pad(version)}` }),
  ruleSets: (year: number) => `TPPRULES#${year}`,
  attendance: (nip: string, period: string) => ({ pk: `TPPATT#${nip}`, sk: period }),
  agencyAttendance: (agencyId: string, period: string) => `TPPATT#${agencyId}#${period}`,
  sanction: (nip: string, startDate: string, id: string) => ({
    pk: `TPPSANC#${nip}`,
    sk: `S#${startDate}#${id}`,
  }),
  sanctions: (nip: string) => `TPPSANC#${nip}`,
  sanctionMonth: (period: string, nip: string, id: string) => ({
    pk: `TPPSANCM#${period}`,
    sk: `${nip}#${id}`,
  }),
  sanctionMonths: (period: string) => `TPPSANCM#${period}`,
  run: (runId: string) => ({ pk: `TPPRUN#${runId}`, sk: 'RUN' }),
  line: (runId: string, nip: string) => ({ pk: `TPPRUN#${runId}`, sk: `LINE#${nip}` }),
  runPartition: (runId: string) => `TPPRUN#${runId}`,
  runsOfPeriod: (period: string) => `TPPRUNS#${period}`,
  runsOfAgency: (agencyId: string) => `TPPRUNS#AGENCY#${agencyId}`,
  linesOfEmployee: (nip: string) => `TPPLINE#${nip}`,
};

export const regularRunId = (agencyId: string, period: string) => `TPP-${agencyId}-${period}`;
export const adjustmentRunId = (agencyId: string, period: string, n: number) =>
  `TPP-${agencyId}-${period}-A${n}`;

// ── rule sets ─────────────────────────────────────────────────────────────────

export const ruleSetItem = (r: RuleSet): Item => ({
  ...keys.ruleSet(r.year, r.version),
  type: 'TPP_RULES',
  ...r,
});

export const latestRuleSet = async (db: Db, year: number): Promise<RuleSet | undefined> => {
  const page = await queryPage(db, { pk: keys.ruleSets(year), limit: 1, forward: false });
  const item = page.items[0];
  return item ? stripKeys<RuleSet>(item) : undefined;
};

export const getRuleSet = async (db: Db, year: number, version: number): Promise<RuleSet | undefined> => {
  const item = await getItem(db, keys.ruleSet(year, version));
  return item ? stripKeys<RuleSet>(item) : undefined;
};

/** Adds a version; another change that took the same version number first answers 409. */
export const addRuleSet = async (db: Db, r: RuleSet): Promise<void> => {
  try {
    await putNew(db, ruleSetItem(r), 'tppRules');
  } catch (e) {
    if (e instanceof AlreadyExists)
      throw new Conflict('CONFLICT', { currentVersion: r.version }, undefined, { currentVersion: r.version });
    throw e;
  }
};

// ── attendance ────────────────────────────────────────────────────────────────

export const attendanceItem = (a: AttendanceRecord): Item => ({
  ...keys.attendance(a.nip, a.period),
  type: 'TPP_ATTENDANCE',
  ...a,
  gsi3pk: keys.agencyAttendance(a.agencyId, a.period),
  gsi3sk: a.nip,
});

/**
 * The month's attendance of an agency (the agency of each employee's month when it was imported),
 * by NIP: counts only, a few thousand at most.
 */
export const attendanceOfAgency = async (db: Db, agencyId: string, period: string) => {
  const out = new Map<string, AttendanceCounts>();
  for await (const items of queryAll(db, {
    index: 'gsi3',
    pk: keys.agencyAttendance(agencyId, period),
    limit: 1000,
  }))
    for (const i of items) out.set(i.nip as string, i.counts as AttendanceCounts);
  return out;
};

export const getAttendance = async (db: Db, nips: string[], period: string) => {
  const items = await batchGet(
    db,
    nips.map((n) => keys.attendance(n, period)),
  );
  return new Map(items.map((i) => [i.nip as string, stripKeys<AttendanceRecord>(i)]));
};

export const putAttendance = (db: Db, records: AttendanceRecord[]) =>
  batchWrite(
    db,
    records.map((r) => ({ put: attendanceItem(r) })),
  );

// ── sanctions ─────────────────────────────────────────────────────────────────

/** The sanction and one index item per month it touches, in one transaction. */
export const createSanction = async (db: Db, s: SanctionRecord, periods: string[]): Promise<void> => {
  try {
    await db.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: db.table,
              Item: { ...keys.sanction(s.nip, s.startDate, s.sanctionId), type: 'TPP_SANCTION', ...s },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...periods.map((p) => ({
            Put: {
              TableName: db.table,
              Item: {
                ...keys.sanctionMonth(p, s.nip, s.sanctionId),
                type: 'TPP_SANCTION_MONTH',
                nip: s.nip,
                sanctionId: s.sanctionId,
                level: s.level,
                rateBp: s.rateBp,
                ...(s.explicitRate ? { explicitRate: true } : {}),
                startDate: s.startDate,
                endDate: s.endDate,
              },
            },
          })),
        ],
      }),
    );
  } catch (e) {
    if (isConditionFailure(e)) throw new AlreadyExists('ALREADY_EXISTS', { entity: 'sanction' });
    throw e;
  }
};

export const listSanctions = async (db: Db, nip: string): Promise<SanctionRecord[]> => {
  const out: SanctionRecord[] = [];
  for await (const items of queryAll(db, { pk: keys.sanctions(nip), limit: 100 }))
    out.push(...items.map((i) => stripKeys<SanctionRecord>(i)));
  return out;
};

/** Every sanction touching a month, by NIP (hukuman disiplin are few: the whole city's fit easily). */
export const sanctionsOfMonth = async (db: Db, period: string): Promise<Map<string, SanctionInForce[]>> => {
  const byNip = new Map<string, SanctionInForce[]>();
  for await (const items of queryAll(db, { pk: keys.sanctionMonths(period) })) {
    for (const i of items) {
      const s: SanctionInForce = {
        sanctionId: i.sanctionId as string,
        level: i.level as SanctionLevel,
        rateBp: i.rateBp as number,
        ...(i.explicitRate === true ? { explicitRate: true } : {}),
        startDate: i.startDate as string,
        endDate: i.endDate as string,
      };
      byNip.set(i.nip as string, [...(byNip.get(i.nip as string) ?? []), s]);
    }
  }
  return byNip;
};

// ── runs ──────────────────────────────────────────────────────────────────────

export const runItem = (r: RunRecord): Item => ({
  ...keys.run(r.runId),
  type: 'TPP_RUN',
  ...r,
  gsi1pk: keys.runsOfPeriod(r.period),
  gsi1sk: `${r.agencyId}#${r.runId}`,
  gsi2pk: keys.runsOfAgency(r.agencyId),
  gsi2sk: `${r.period}#${r.runId}`,
});

export const getRun = async (db: Db, runId: string, consistent = false): Promise<RunRecord | undefined> => {
  const item = await getItem(db, keys.run(runId), consistent);
  return item ? stripKeys<RunRecord>(item) : undefined;
};

export const getRuns = async (db: Db, runIds: string[]): Promise<Map<string, RunRecord>> => {
  const items = await batchGet(db, runIds.map(keys.run));
  return new Map(items.map((i) => [i.runId as string, stripKeys<RunRecord>(i)]));
};

export const createRun = (db: Db, r: RunRecord): Promise<void> => putNew(db, runItem(r), 'tppRun');

/** Replaces a run whose stored version is `r.version - 1` (409 otherwise). */
export const saveRun = (db: Db, r: RunRecord): Promise<void> =>
  putVersioned(db, runItem(r), r.version - 1, 'tppRun');

const runPage = (page: Page<Item>): Page<RunRecord> => ({
  items: page.items.map((i) => stripKeys<RunRecord>(i)),
  cursor: page.cursor,
});

export const listRunsOfPeriod = async (
  db: Db,
  period: string,
  agencyId: string | undefined,
  page: { limit: number; cursor?: string },
) =>
  runPage(
    await queryPage(db, {
      index: 'gsi1',
      pk: keys.runsOfPeriod(period),
      prefix: agencyId ? `${agencyId}#` : undefined,
      ...page,
    }),
  );

export const listRunsOfAgency = async (db: Db, agencyId: string, page: { limit: number; cursor?: string }) =>
  runPage(await queryPage(db, { index: 'gsi2', pk: keys.runsOfAgency(agencyId), ...page, forward: false }));

/** Every run of an agency and month (the regular one and its adjustments): a handful. */
export const runsOfAgencyMonth = async (db: Db, agencyId: string, period: string): Promise<RunRecord[]> => {
  const out: RunRecord[] = [];
  for await (const items of queryAll(db, {
    index: 'gsi2',
    pk: keys.runsOfAgency(agencyId),
    prefix: `${period}#`,
    limit: 50,
  }))
    out.push(...items.map((i) => stripKeys<RunRecord>(i)));
  return out;
};

// ── lines ─────────────────────────────────────────────────────────────────────

export const lineItem = (l: LineRecord): Item => ({
  ...keys.line(l.runId, l.nip),
  type: 'TPP_LINE',
  ...l,
  gsi1pk: keys.linesOfEmployee(l.nip),
  gsi1sk: `${l.period}#${l.runId}`,
});

export const putLines = (db: Db, lines: LineRecord[]) =>
  batchWrite(
    db,
    lines.map((l) => ({ put: lineItem(l) })),
  );

export const deleteLines = (db: Db, runId: string, nips: string[]) =>
  batchWrite(
    db,
    nips.map((n) => ({ delete: keys.line(runId, n) })),
  );

export const getLine = async (db: Db, runId: string, nip: string): Promise<LineRecord | undefined> => {
  const item = await getItem(db, keys.line(runId, nip));
  return item ? stripKeys<LineRecord>(item) : undefined;
};

export const listLines = async (db: Db, runId: string, page: { limit: number; cursor?: string }) => {
  const out = await queryPage(db, { pk: keys.runPartition(runId), prefix: 'LINE#', ...page });
  return { items: out.items.map((i) => stripKeys<LineRecord>(i)), cursor: out.cursor };
};

/** Every line of a run, page by page (internal reads: computing, export). */
export async function* linePages(db: Db, runId: string, limit = 500) {
  for await (const items of queryAll(db, { pk: keys.runPartition(runId), prefix: 'LINE#', limit }))
    yield items.map((i) => stripKeys<LineRecord>(i));
}

/** An employee's lines of a month, in every run of it. */
export const linesOfEmployee = async (db: Db, nip: string, period: string): Promise<LineRecord[]> => {
  const out: LineRecord[] = [];
  for await (const items of queryAll(db, {
    index: 'gsi1',
    pk: keys.linesOfEmployee(nip),
    prefix: `${period}#`,
    limit: 50,
  }))
    out.push(...items.map((i) => stripKeys<LineRecord>(i)));
  return out;
};
