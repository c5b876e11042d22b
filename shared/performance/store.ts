/**
 * Performance records in the single table, and their access patterns:
 *
 * | record         | pk                 | sk                  | indexes (sparse where noted)                                   |
 * |----------------|--------------------|---------------------|----------------------------------------------------------------|
 * | plan (SKP)     | PERF#<nip>         | PLAN#<year>         | gsi1 PERF#REVIEWER#<reviewer> / PLAN#<year>#<nip> (cascade, to approve) |
 * |                |                    |                     | gsi5 PERF#APPROVED#<year>#<agency> / <nip> (only APPROVED: the cycle job) |
 * | assessment     | PERF#<nip>         | ASMT#<period>       | gsi1 PERF#REVIEWER#<reviewer> / ASMT#<period>#<nip> (scope=reviewees) |
 * |                |                    |                     | gsi2 PERF#AGENCY#<agency>#<period> / <unit>#<nip> (scope=agency, progress, distribution) |
 * |                |                    |                     | gsi3 PERF#OPEN#<agency> / <period>#<nip> (only OPEN, SELF_SUBMITTED: deadline jobs) |
 * |                |                    |                     | gsi4 PERF#APPEALS#<atasan> / <period>#<nip> (only APPEALED: scope=appeals) |
 * | feedback       | PERF#<nip>         | FEEDBACK#<at>#<id>  |                                                                |
 * | unit predikat  | PERF#UNIT#<unit>   | PREDIKAT#<period>   |                                                                |
 * | config (year)  | PERF#CONFIG        | <year>              |                                                                |
 * | cycle progress | PERF#CYCLE         | <period>            |                                                                |
 * | cycle lease    | PERF#CYCLE#<period>| LEASE#<agency>      | (one run at a time creates an agency's assessments)            |
 *
 * - scope=mine is a Query of PERF#<nip> (sk ASMT#…); an assessment id is `${nip}-${period}` and a
 *   plan id `${nip}-${year}`, so both map to their key without a lookup.
 * - The agency partitions are per period (≤ a few thousand items) and the open set per agency, so a
 *   cycle opening spreads its index writes over the agencies instead of one hot partition.
 * - reviewerNip, agencyId, unitId and the name are copied onto the assessment when it is created. A
 *   change of pejabat penilai re-homes the open assessments: on the next workflow action on one, and
 *   in the daily close-assessments job for all of them (see assessments.ts, cycle.ts).
 */
import {
  DeleteCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { type EmployeeRecord, keys as employeeKeys } from '../employees/store.js';
import { mapLimit } from '../platform/concurrency.js';
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
import { getItem, putNew, putVersioned, stripKeys } from '../platform/records.js';
import type {
  AppealOutcome,
  AssessmentState,
  CoreValue,
  CoreValueExpectation,
  OrgPredikat,
  PerformanceSettings,
  PeriodKind,
  PlanState,
  Predikat,
  Rating,
  Rhk,
} from './rules.js';
import { OPEN_STATES } from './rules.js';

export interface HistoryEntry {
  at: string;
  /** NIP of who did it, or 'system' for the jobs */
  by: string;
  action: string;
  from?: string;
  to?: string;
  note?: string;
}

export interface PlanRecord {
  planId: string;
  nip: string;
  year: number;
  agencyId: string;
  unitId: string;
  reviewerNip?: string;
  approach: 'KUANTITATIF' | 'KUALITATIF';
  results: Rhk[];
  coreValues: CoreValueExpectation[];
  state: PlanState;
  returnNote?: string;
  approvedBy?: string;
  approvedAt?: string;
  history: HistoryEntry[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Evidence {
  title: string;
  url: string;
}
export interface SelfEntry {
  rhkId: string;
  actionPlan?: string;
  realization?: string;
  evidence?: Evidence[];
}
export interface CoreValueEvidence {
  coreValue: CoreValue;
  kind: 'FORUM' | 'PROTOCOL' | 'LINK';
  ref?: string;
  title: string;
  url?: string;
  addedAt: string;
}
export interface RhkReview {
  rhkId: string;
  feedback?: string;
  belowExpectation?: boolean;
  indicatorIds?: string[];
}
export interface CoreValueReview {
  coreValue: CoreValue;
  feedback?: string;
  belowExpectation?: boolean;
}
export interface Review {
  ratingHasilKerja: Rating;
  ratingPerilaku: Rating;
  /** REVIEWER, or UNIT when the assessee heads a unit and the organisation predikat decided it */
  hasilKerjaFrom: 'REVIEWER' | 'UNIT';
  predikat: Predikat;
  results: RhkReview[];
  coreValues: CoreValueReview[];
  behaviourFeedback?: string;
  reviewerNip: string;
  reviewedAt: string;
  autoClosed?: boolean;
  configVersion: number;
}
export interface Appeal {
  reasons: string;
  filedAt: string;
  appealReviewerNip: string;
  decision?: {
    outcome: AppealOutcome;
    ratingHasilKerja: Rating;
    ratingPerilaku: Rating;
    predikat: Predikat;
    previousPredikat: Predikat;
    note: string;
    decidedBy: string;
    decidedAt: string;
  };
}

export interface AssessmentRecord {
  /** `${nip}-${period}` */
  id: string;
  nip: string;
  name: string;
  period: string;
  kind: PeriodKind;
  planId: string;
  agencyId: string;
  unitId: string;
  reviewerNip?: string;
  state: AssessmentState;
  self: { entries: SelfEntry[]; coreValueEvidence: CoreValueEvidence[]; submittedAt?: string };
  review?: Review;
  /** the predikat in force (the review's, or the appeal decision's) */
  predikat?: Predikat;
  autoClosed?: boolean;
  appeal?: Appeal;
  history: HistoryEntry[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface FeedbackRecord {
  id: string;
  nip: string;
  text: string;
  rhkId?: string;
  by: string;
  at: string;
}

export interface UnitPredikatRecord {
  unitId: string;
  agencyId: string;
  period: string;
  predikat: OrgPredikat;
  setBy: string;
  setAt: string;
  /** the distribution warnings overridden, each with its written reason (kept, never replaced) */
  overrides: Array<{ reason: string; by: string; at: string; failedRules: string[] }>;
  history: HistoryEntry[];
  version: number;
}

export interface ConfigRecord extends PerformanceSettings {
  year: number;
  version: number;
  updatedAt?: string;
  updatedBy?: string;
}

export interface CycleRecord {
  period: string;
  startedAt: string;
  finishedAt?: string;
  agenciesDone: string[];
  created: number;
}

// ── keys ───────────────────────────────────────────────────────────────────────

export const planId = (nip: string, year: number) => `${nip}-${year}`;
export const assessmentId = (nip: string, period: string) => `${nip}-${period}`;

const ID_RE = /^(\d{18})-(\d{4}(?:-(?:0[1-9]|1[0-2]|Q[1-4]))?)$/;
/** Splits `${nip}-${period}` (or `${nip}-${year}`); undefined when it is not such an id. */
export const splitId = (id: string): { nip: string; period: string } | undefined => {
  const m = ID_RE.exec(id);
  return m ? { nip: m[1] as string, period: m[2] as string } : undefined;
};

/**
 * The partition-key prefixes of the table items this module writes: plans, assessments, feedback, unit predikat, config, cycles and their leases.
 * The stack scopes write grants with them (dynamodb:LeadingKeys, functions/writes.ts); a test
 * checks every key built here starts with one of them.
 */
export const KEY_PREFIXES = ['PERF#'] as const;

export const keys = {
  owner: (nip: string) => `PERF#${nip}`,
  plan: (nip: string, year: number | string) => ({ pk: `PERF#${nip}`, sk: `PLAN#${year}` }),
  assessment: (nip: string, period: string) => ({ pk: `PERF#${nip}`, sk: `ASMT#${period}` }),
  feedback: (nip: string, at: string, id: string) => ({ pk: `PERF#${nip}`, sk: `FEEDBACK#${at}#${id}` }),
  unitPredikat: (unitId: string, period: string) => ({ pk: `PERF#UNIT#${unitId}`, sk: `PREDIKAT#${period}` }),
  config: (year: number) => ({ pk: 'PERF#CONFIG', sk: String(year) }),
  cycle: (period: string) => ({ pk: 'PERF#CYCLE', sk: period }),
  reviewer: (nip: string) => `PERF#REVIEWER#${nip}`,
  approved: (year: number, agencyId: string) => `PERF#APPROVED#${year}#${agencyId}`,
  agencyPeriod: (agencyId: string, period: string) => `PERF#AGENCY#${agencyId}#${period}`,
  open: (agencyId: string) => `PERF#OPEN#${agencyId}`,
  appeals: (nip: string) => `PERF#APPEALS#${nip}`,
};

export const planItem = (p: PlanRecord): Item => ({
  ...keys.plan(p.nip, p.year),
  type: 'PLAN',
  ...p,
  ...(p.reviewerNip ? { gsi1pk: keys.reviewer(p.reviewerNip), gsi1sk: `PLAN#${p.year}#${p.nip}` } : {}),
  ...(p.state === 'APPROVED' ? { gsi5pk: keys.approved(p.year, p.agencyId), gsi5sk: p.nip } : {}),
});

export const assessmentItem = (a: AssessmentRecord): Item => ({
  ...keys.assessment(a.nip, a.period),
  type: 'ASSESSMENT',
  ...a,
  ...(a.reviewerNip ? { gsi1pk: keys.reviewer(a.reviewerNip), gsi1sk: `ASMT#${a.period}#${a.nip}` } : {}),
  gsi2pk: keys.agencyPeriod(a.agencyId, a.period),
  gsi2sk: `${a.unitId}#${a.nip}`,
  ...(OPEN_STATES.includes(a.state) ? { gsi3pk: keys.open(a.agencyId), gsi3sk: `${a.period}#${a.nip}` } : {}),
  ...(a.state === 'APPEALED' && a.appeal
    ? { gsi4pk: keys.appeals(a.appeal.appealReviewerNip), gsi4sk: `${a.period}#${a.nip}` }
    : {}),
});

// ── plans ──────────────────────────────────────────────────────────────────────

export const getPlan = async (db: Db, nip: string, year: number, consistent = false) => {
  const item = await getItem(db, keys.plan(nip, year), consistent);
  return item ? stripKeys<PlanRecord>(item) : undefined;
};

export const createPlan = (db: Db, p: PlanRecord) => putNew(db, planItem(p), 'plan');
/** Replaces a plan whose stored version is `p.version - 1` (409 otherwise). */
export const savePlan = (db: Db, p: PlanRecord) => putVersioned(db, planItem(p), p.version - 1, 'plan');

export const listEmployeePlans = async (db: Db, nip: string, page: { limit: number; cursor?: string }) => {
  const out = await queryPage(db, { pk: keys.owner(nip), prefix: 'PLAN#', forward: false, ...page });
  return { items: out.items.map((i) => stripKeys<PlanRecord>(i)), cursor: out.cursor };
};

/** The plans of a reviewer's reviewees for a year (bounded by the number of reviewees). */
export const revieweePlans = async (db: Db, reviewerNip: string, year: number): Promise<PlanRecord[]> => {
  const out: PlanRecord[] = [];
  for await (const items of queryAll(db, {
    index: 'gsi1',
    pk: keys.reviewer(reviewerNip),
    prefix: `PLAN#${year}#`,
  }))
    out.push(...items.map((i) => stripKeys<PlanRecord>(i)));
  return out;
};

/** NIPs with an APPROVED plan for the year in one agency (keys only; one agency at a time). */
export const approvedPlanNips = async (db: Db, year: number, agencyId: string): Promise<Set<string>> => {
  const nips = new Set<string>();
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.doc.send(
      new QueryCommand({
        TableName: db.table,
        IndexName: 'gsi5',
        KeyConditionExpression: 'gsi5pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.approved(year, agencyId) },
        ProjectionExpression: 'gsi5sk',
        ExclusiveStartKey: start,
      }),
    );
    for (const i of out.Items ?? []) nips.add(i.gsi5sk as string);
    start = out.LastEvaluatedKey;
  } while (start);
  return nips;
};

/** What the cycle job needs of an employee (a projection: the job reads the whole city). */
export type CycleEmployee = Pick<
  EmployeeRecord,
  'nip' | 'name' | 'agencyId' | 'unitId' | 'reviewerNip' | 'statusPeriods'
>;

/** One page of an agency's employees (the organisation's gsi1), projected for the cycle job. */
export const agencyEmployeesPage = async (
  db: Db,
  agencyId: string,
  limit: number,
  start?: Record<string, unknown>,
): Promise<{ items: CycleEmployee[]; next?: Record<string, unknown> }> => {
  const out = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': employeeKeys.agencyEmployees(agencyId) },
      ExpressionAttributeNames: { '#name': 'name' },
      ProjectionExpression: 'nip, #name, agencyId, unitId, reviewerNip, statusPeriods',
      Limit: limit,
      ExclusiveStartKey: start,
    }),
  );
  return { items: (out.Items ?? []) as CycleEmployee[], next: out.LastEvaluatedKey };
};

// ── assessments ────────────────────────────────────────────────────────────────

export const getAssessment = async (db: Db, id: string, consistent = false) => {
  const parts = splitId(id);
  if (!parts) return undefined;
  const item = await getItem(db, keys.assessment(parts.nip, parts.period), consistent);
  return item ? stripKeys<AssessmentRecord>(item) : undefined;
};

/** Reads assessments by id in batches of 100 (the TPP run reads a month of an agency this way). */
export const getAssessments = async (db: Db, ids: string[]): Promise<Map<string, AssessmentRecord>> => {
  const wanted = ids.map(splitId).filter((p): p is { nip: string; period: string } => p !== undefined);
  const items = await batchGet(
    db,
    wanted.map((p) => keys.assessment(p.nip, p.period)),
  );
  return new Map(items.map((i) => [i.id as string, stripKeys<AssessmentRecord>(i)]));
};

/** Replaces an assessment whose stored version is `a.version - 1` (409 with the current version otherwise). */
export const saveAssessment = (db: Db, a: AssessmentRecord) =>
  putVersioned(db, assessmentItem(a), a.version - 1, 'assessment');

type PageReq = { limit: number; cursor?: string };
const assessmentPage = (p: Page<Item>): Page<AssessmentRecord> => ({
  items: p.items.map((i) => stripKeys<AssessmentRecord>(i)),
  cursor: p.cursor,
});

export const listMine = async (db: Db, nip: string, period: string | undefined, page: PageReq) =>
  assessmentPage(
    await queryPage(db, {
      pk: keys.owner(nip),
      ...(period
        ? { between: [`ASMT#${period}`, `ASMT#${period}`] as [string, string] }
        : { prefix: 'ASMT#' }),
      forward: false,
      ...page,
    }),
  );

export const listByReviewer = async (
  db: Db,
  reviewerNip: string,
  period: string | undefined,
  page: PageReq,
) =>
  assessmentPage(
    await queryPage(db, {
      index: 'gsi1',
      pk: keys.reviewer(reviewerNip),
      prefix: period ? `ASMT#${period}#` : 'ASMT#',
      ...page,
    }),
  );

export const listByAgency = async (
  db: Db,
  agencyId: string,
  period: string,
  page: PageReq,
  unitId?: string,
) =>
  assessmentPage(
    await queryPage(db, {
      index: 'gsi2',
      pk: keys.agencyPeriod(agencyId, period),
      ...(unitId ? { prefix: `${unitId}#` } : {}),
      ...page,
    }),
  );

export const listAppeals = async (db: Db, nip: string, period: string | undefined, page: PageReq) =>
  assessmentPage(
    await queryPage(db, {
      index: 'gsi4',
      pk: keys.appeals(nip),
      ...(period ? { prefix: `${period}#` } : {}),
      ...page,
    }),
  );

/** Every assessment of an agency's period, or of one unit in it (reports; bounded by the agency's size). */
export async function* agencyPeriodAll(db: Db, agencyId: string, period: string, unitId?: string) {
  for await (const items of queryAll(db, {
    index: 'gsi2',
    pk: keys.agencyPeriod(agencyId, period),
    ...(unitId ? { prefix: `${unitId}#` } : {}),
  }))
    yield items.map((i) => stripKeys<AssessmentRecord>(i));
}

/** An agency's assessments still open (self-assessment or review outstanding), page by page. */
export async function* openAssessments(db: Db, agencyId: string) {
  for await (const items of queryAll(db, { index: 'gsi3', pk: keys.open(agencyId), limit: 200 }))
    yield items.map((i) => stripKeys<AssessmentRecord>(i));
}

export const periodicOfYear = async (db: Db, nip: string, year: number): Promise<AssessmentRecord[]> => {
  const out: AssessmentRecord[] = [];
  for await (const items of queryAll(db, { pk: keys.owner(nip), prefix: `ASMT#${year}-` }))
    out.push(...items.map((i) => stripKeys<AssessmentRecord>(i)));
  return out;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Creates assessments, each only if absent (`attribute_not_exists`), up to 100 per transaction.
 * When some exist already (a rerun, a resumed run, a concurrent run), the transaction is cancelled
 * with a reason per item: those are dropped and the rest is written again. Returns how many were
 * created and how many existed.
 */
export const createAssessments = async (
  db: Db,
  records: AssessmentRecord[],
): Promise<{ created: number; existing: number }> => {
  let created = 0;
  let existing = 0;
  for (let i = 0; i < records.length; i += 100) {
    let pending = records.slice(i, i + 100).map(assessmentItem);
    for (let attempt = 0; pending.length > 0; attempt++) {
      try {
        await db.doc.send(
          new TransactWriteCommand({
            TransactItems: pending.map((Item) => ({
              Put: { TableName: db.table, Item, ConditionExpression: 'attribute_not_exists(pk)' },
            })),
          }),
        );
        created += pending.length;
        pending = [];
      } catch (e) {
        const name = (e as { name?: string }).name;
        const reasons = (e as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons;
        if (name !== 'TransactionCanceledException' || !reasons || attempt >= 8) throw e;
        const failed = new Set(reasons.flatMap((r, j) => (r.Code === 'ConditionalCheckFailed' ? [j] : [])));
        existing += failed.size;
        pending = pending.filter((_, j) => !failed.has(j));
        // a conflict with another transaction on the same items: wait a little, then try again
        if (failed.size === 0) await sleep(Math.min(1000, 20 * 2 ** attempt));
      }
    }
  }
  return { created, existing };
};

// ── feedback, unit predikat, config, cycle progress ──────────────────────────────────────

export const addFeedback = (db: Db, f: FeedbackRecord) =>
  putNew(db, { ...keys.feedback(f.nip, f.at, f.id), type: 'FEEDBACK', ...f }, 'feedback');

export const listFeedback = async (db: Db, nip: string, page: PageReq) => {
  const out = await queryPage(db, { pk: keys.owner(nip), prefix: 'FEEDBACK#', forward: false, ...page });
  return { items: out.items.map((i) => stripKeys<FeedbackRecord>(i)), cursor: out.cursor };
};

export const getUnitPredikat = async (db: Db, unitId: string, period: string, consistent = false) => {
  const item = await getItem(db, keys.unitPredikat(unitId, period), consistent);
  return item ? stripKeys<UnitPredikatRecord>(item) : undefined;
};

export const saveUnitPredikat = (db: Db, u: UnitPredikatRecord) => {
  const item = { ...keys.unitPredikat(u.unitId, u.period), type: 'UNIT_PREDIKAT', ...u };
  return u.version === 1
    ? putNew(db, item, 'unitPredikat')
    : putVersioned(db, item, u.version - 1, 'unitPredikat');
};

export const getConfig = async (db: Db, year: number): Promise<ConfigRecord | undefined> => {
  const item = await getItem(db, keys.config(year));
  return item ? stripKeys<ConfigRecord>(item) : undefined;
};

export const saveConfig = (db: Db, c: ConfigRecord) => {
  const item = { ...keys.config(c.year), type: 'PERF_CONFIG', ...c };
  return c.version === 1
    ? putNew(db, item, 'performanceConfig')
    : putVersioned(db, item, c.version - 1, 'performanceConfig');
};

export const getCycle = async (db: Db, period: string): Promise<CycleRecord | undefined> => {
  const item = await getItem(db, keys.cycle(period), true);
  if (!item) return undefined;
  const c = stripKeys<CycleRecord & { agenciesDone?: Set<string> | string[] }>(item);
  return { ...c, agenciesDone: [...(c.agenciesDone ?? [])].sort() };
};

// ── opening a cycle: one run at a time per agency ────────────────────────────────────

const leaseKey = (period: string, agencyId: string) => ({
  pk: `PERF#CYCLE#${period}`,
  sk: `LEASE#${agencyId}`,
});

/**
 * Takes (or renews) the lease on creating an agency's assessments of a period: granted when free,
 * expired, or already ours. While a run holds it, no other run writes that agency's assessments,
 * so the run may create the missing ones with plain batch writes (nobody can edit an assessment
 * that does not exist yet). A crashed run's lease expires after `ms`.
 */
export const takeCycleLease = async (
  db: Db,
  period: string,
  agencyId: string,
  owner: string,
  now: Date,
  ms: number,
): Promise<boolean> => {
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.table,
        Item: { ...leaseKey(period, agencyId), type: 'CYCLE_LEASE', owner, expiresAt: now.getTime() + ms },
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now OR #owner = :owner',
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: { ':now': now.getTime(), ':owner': owner },
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
};

export const releaseCycleLease = async (db: Db, period: string, agencyId: string, owner: string) => {
  try {
    await db.doc.send(
      new DeleteCommand({
        TableName: db.table,
        Key: leaseKey(period, agencyId),
        ConditionExpression: '#owner = :owner',
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: { ':owner': owner },
      }),
    );
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
};

/** Which of these employees already have their assessment of the period (keys only). */
export const existingAssessmentNips = async (
  db: Db,
  nips: string[],
  period: string,
): Promise<Set<string>> => {
  const found = await batchGet(
    db,
    nips.map((nip) => keys.assessment(nip, period)),
    { projection: ['nip'] },
  );
  return new Set(found.map((i) => i.nip as string));
};

/** Writes new assessments with batch puts: only under the agency's cycle lease (see above). */
export const putNewAssessments = async (db: Db, records: AssessmentRecord[], inFlight = 4) => {
  const chunks: AssessmentRecord[][] = [];
  for (let i = 0; i < records.length; i += 25) chunks.push(records.slice(i, i + 25));
  await mapLimit(chunks, inFlight, (chunk) =>
    batchWrite(
      db,
      chunk.map((r) => ({ put: assessmentItem(r) })),
    ),
  );
};

/**
 * Records that an agency's assessments of the period are all created (a resumed run skips it) and
 * adds their number (`assessments`: all of the agency's, whichever run created them) to the
 * cycle's count — once: an agency already recorded (by a run that overlapped this one) is left as is.
 */
export const markAgencyDone = async (
  db: Db,
  period: string,
  agencyId: string,
  assessments: number,
  at: string,
) => {
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: keys.cycle(period),
        UpdateExpression:
          'SET #type = :type, period = :period, startedAt = if_not_exists(startedAt, :at) ADD agenciesDone :agency, created :n',
        ConditionExpression: 'attribute_not_exists(agenciesDone) OR NOT contains(agenciesDone, :agencyId)',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: {
          ':type': 'CYCLE',
          ':period': period,
          ':at': at,
          ':agency': new Set([agencyId]),
          ':agencyId': agencyId,
          ':n': assessments,
        },
      }),
    );
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
};

export const markCycleFinished = async (db: Db, period: string, at: string) => {
  await db.doc.send(
    new UpdateCommand({
      TableName: db.table,
      Key: keys.cycle(period),
      UpdateExpression:
        'SET #type = :type, period = :period, startedAt = if_not_exists(startedAt, :at), finishedAt = if_not_exists(finishedAt, :at)',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':type': 'CYCLE', ':period': period, ':at': at },
    }),
  );
};
