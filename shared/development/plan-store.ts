/**
 * Development plans in the single table:
 *
 * | record        | pk                  | sk                          | indexes                                            |
 * |---------------|---------------------|-----------------------------|----------------------------------------------------|
 * | plan          | DEVPLAN#<planId>    | PLAN                        | gsi1 DEVPLANS#EMP#<nip> / <openedAt>#<planId> (mine) |
 * |               |                     |                             | gsi2 DEVPLANS#REVIEWER#<nip> / <openedAt>#<planId>  |
 * |               |                     |                             | gsi3 DEVPLANS#AGENCY#<id> / <openedAt>#<planId>     |
 * | open marker   | DEVPLAN#EMP#<nip>   | OPEN                        | (planId of the one open plan of an employee)        |
 * | predikat seen | DEVPLAN#EMP#<nip>   | EVENT#<assessmentId>#<predikat> | (a predikat event already handled)             |
 *
 * Exactly one open plan per employee: a plan is opened in the same transaction that creates the
 * open marker (`attribute_not_exists`), and closed in the one that deletes it (checking it names
 * this plan). A predikat event is handled at most once: the transaction that acts on it creates its
 * "seen" record under `attribute_not_exists`.
 */
import { type Db, type Item, type Page, queryPage } from '../platform/dynamo.js';
import { getItem, stripKeys } from '../platform/records.js';
import { type TransactItem, transact } from '../platform/transact.js';
import type { Predikat } from './rules.js';

export interface Gap {
  indicators: Array<{ id: string; text: string }>;
  coreValues: string[];
}

export interface PlanEvent {
  at: string;
  assessmentId: string;
  period: string;
  kind: 'PERIODIC' | 'ANNUAL';
  predikat: Predikat;
  effect: 'OPENED' | 'LOGGED' | 'CLOSED';
}

export interface CoachingSession {
  date: string;
  topic: string;
  notes?: string;
  by: string;
  at: string;
}

export interface PlanRecord {
  planId: string;
  nip: string;
  agencyId: string;
  reviewerNip?: string;
  status: 'OPEN' | 'CLOSED';
  source:
    | { kind: 'PREDIKAT'; assessmentId: string; period: string; predikat: Predikat }
    | { kind: 'SUPERVISOR'; openedBy: string; note?: string };
  gap: Gap;
  tags: string[];
  coaching: CoachingSession[];
  events: PlanEvent[];
  targetDate: string;
  outcome?: {
    /** WITHDRAWN_BY_APPEAL: the predikat that opened it was revised to BAIK or better on appeal */
    kind: 'RECOVERED' | 'CLOSED_BY_SUPERVISOR' | 'WITHDRAWN_BY_APPEAL';
    predikat?: string;
    period?: string;
    assessmentId?: string;
    note?: string;
    by?: string;
    at: string;
  };
  openedAt: string;
  closedAt?: string;
  version: number;
  updatedAt: string;
}

/**
 * The partition-key prefixes of the table items this module writes: development plans.
 * The stack scopes write grants with them (dynamodb:LeadingKeys, functions/writes.ts); a test
 * checks every key built here starts with one of them.
 */
export const KEY_PREFIXES = ['DEVPLAN#'] as const;

export const keys = {
  plan: (planId: string) => ({ pk: `DEVPLAN#${planId}`, sk: 'PLAN' }),
  open: (nip: string) => ({ pk: `DEVPLAN#EMP#${nip}`, sk: 'OPEN' }),
  seen: (nip: string, assessmentId: string, predikat: string) => ({
    pk: `DEVPLAN#EMP#${nip}`,
    sk: `EVENT#${assessmentId}#${predikat}`,
  }),
  mine: (nip: string) => `DEVPLANS#EMP#${nip}`,
  reviewees: (nip: string) => `DEVPLANS#REVIEWER#${nip}`,
  agency: (agencyId: string) => `DEVPLANS#AGENCY#${agencyId}`,
};

export const planItem = (p: PlanRecord): Item => {
  const sk = `${p.openedAt}#${p.planId}`;
  return {
    ...keys.plan(p.planId),
    type: 'DEVELOPMENT_PLAN',
    ...p,
    gsi1pk: keys.mine(p.nip),
    gsi1sk: sk,
    ...(p.reviewerNip ? { gsi2pk: keys.reviewees(p.reviewerNip), gsi2sk: sk } : {}),
    gsi3pk: keys.agency(p.agencyId),
    gsi3sk: sk,
  };
};

export const getPlan = async (
  db: Db,
  planId: string,
  consistent = false,
): Promise<PlanRecord | undefined> => {
  const item = await getItem(db, keys.plan(planId), consistent);
  return item ? stripKeys<PlanRecord>(item) : undefined;
};

/** The planId of the employee's open plan, if any (read consistently). */
export const openPlanId = async (db: Db, nip: string): Promise<string | undefined> => {
  const item = await getItem(db, keys.open(nip), true);
  return item?.planId as string | undefined;
};

const seenItem = (db: Db, nip: string, event?: { assessmentId: string; predikat: string; at: string }) =>
  event
    ? [
        {
          Put: {
            TableName: db.table,
            Item: {
              ...keys.seen(nip, event.assessmentId, event.predikat),
              type: 'DEVPLAN_EVENT',
              at: event.at,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        } satisfies TransactItem,
      ]
    : [];

/**
 * Opens a plan: the plan, the open marker, and (for a predikat) the event's "seen" record.
 * Failed conditions: [0] a plan is open already, [2] the event was handled already.
 */
export const openPlan = (db: Db, p: PlanRecord, event?: { assessmentId: string; predikat: string }) =>
  transact(db, [
    {
      Put: {
        TableName: db.table,
        Item: { ...keys.open(p.nip), type: 'DEVPLAN_OPEN', planId: p.planId, openedAt: p.openedAt },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    { Put: { TableName: db.table, Item: planItem(p), ConditionExpression: 'attribute_not_exists(pk)' } },
    ...seenItem(db, p.nip, event ? { ...event, at: p.updatedAt } : undefined),
  ]);

const versioned = (db: Db, p: PlanRecord): TransactItem => ({
  Put: {
    TableName: db.table,
    Item: planItem(p),
    ConditionExpression: 'attribute_exists(pk) AND #v = :v',
    ExpressionAttributeNames: { '#v': 'version' },
    ExpressionAttributeValues: { ':v': p.version - 1 },
  },
});

/**
 * Saves a changed plan (version `p.version - 1` stored). When it closes, the open marker goes in
 * the same transaction; a predikat event is recorded as seen. Failed conditions: [0] stale
 * version, [1] the marker (closing) or the event (logging) says otherwise.
 */
export const savePlan = (
  db: Db,
  p: PlanRecord,
  options: { closing?: boolean; event?: { assessmentId: string; predikat: string } } = {},
) =>
  transact(db, [
    versioned(db, p),
    ...(options.closing
      ? [
          {
            Delete: {
              TableName: db.table,
              Key: keys.open(p.nip),
              ConditionExpression: 'planId = :id',
              ExpressionAttributeValues: { ':id': p.planId },
            },
          } satisfies TransactItem,
        ]
      : []),
    ...seenItem(db, p.nip, options.event ? { ...options.event, at: p.updatedAt } : undefined),
  ]);

/** Records an event that changed nothing (so a repeat is recognised); false when seen before. */
export const markSeen = async (
  db: Db,
  nip: string,
  event: { assessmentId: string; predikat: string; at: string },
) => {
  try {
    await transact(db, seenItem(db, nip, event));
    return true;
  } catch (e) {
    if ((e as { name?: string }).name === 'TransactionCanceledException') return false;
    throw e;
  }
};

export const wasSeen = async (db: Db, nip: string, assessmentId: string, predikat: string) =>
  (await getItem(db, keys.seen(nip, assessmentId, predikat), true)) !== undefined;

export type PlanList = { by: 'mine' | 'reviewees' | 'agency'; key: string };

export const listPlans = async (
  db: Db,
  list: PlanList,
  q: { status?: 'OPEN' | 'CLOSED'; limit: number; cursor?: string },
): Promise<Page<PlanRecord>> => {
  const index = list.by === 'mine' ? 'gsi1' : list.by === 'reviewees' ? 'gsi2' : 'gsi3';
  const pk =
    list.by === 'mine'
      ? keys.mine(list.key)
      : list.by === 'reviewees'
        ? keys.reviewees(list.key)
        : keys.agency(list.key);
  const page = await queryPage(db, {
    index,
    pk,
    limit: q.limit,
    cursor: q.cursor,
    forward: false,
    filter: q.status
      ? {
          FilterExpression: '#s = :s',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':s': q.status },
        }
      : undefined,
  });
  return { items: page.items.map((i) => stripKeys<PlanRecord>(i)), cursor: page.cursor };
};
