/**
 * Forums and workshops, their registrations and their action items, in the single table:
 *
 * | record       | pk            | sk                  | indexes                                                |
 * |--------------|---------------|---------------------|--------------------------------------------------------|
 * | forum        | FORUM#<id>    | PROFILE             | gsi1 FORUMS / <startsAt>#<id> (by date)                 |
 * | agency entry | FORUM#<id>    | AGENCY#<agencyId>   | gsi1 FORUMS#AGENCY#<agencyId> / <startsAt>#<id> (hosted |
 * |              |               |                     |  or invited; carries the summary: one Query a page)    |
 * | registration | FORUM#<id>    | REG#<nip>           | gsi1 FORUMREG#<nip> / <startsAt>#<id> (my forums)        |
 * | action item  | FORUM#<id>    | ACTION#<actionId>   | gsi1 ACTIONS#AGENCY#<owner> / <dueDate>#<actionId>       |
 * |              |               |                     | gsi2 ACTIONS#OPEN / <dueDate>#<actionId> (only while    |
 * |              |               |                     |  not DONE: the overdue reminders read it by due date)  |
 *
 * The forum's `seats` is taken in the same transaction that writes a registration, under the
 * condition `seats < capacity`; `version` guards the minutes (an Update, so seats are never
 * overwritten by an edit).
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, type Item, type Page, queryAll, queryPage } from '../platform/dynamo.js';
import { getItem, stripKeys } from '../platform/records.js';
import { transact } from '../platform/transact.js';
import type { ActionStatus, ForumKind } from './rules.js';

export interface ForumRecord {
  forumId: string;
  kind: ForumKind;
  topic: string;
  description?: string;
  hostAgencyId: string;
  invitedAgencyIds: string[];
  startsAt: string;
  endsAt: string;
  place: string;
  capacity: number;
  seats: number;
  minutes?: string;
  minutesBy?: string;
  minutesAt?: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface RegistrationRecord {
  forumId: string;
  nip: string;
  agencyId: string;
  status: 'REGISTERED' | 'CANCELLED' | 'ATTENDED';
  topic: string;
  startsAt: string;
  registeredBy: string;
  registeredAt: string;
  attendedAt?: string;
  cancelledAt?: string;
}

export interface ActionRecord {
  actionId: string;
  forumId: string;
  forumTopic: string;
  title: string;
  ownerAgencyId: string;
  dueDate: string;
  status: ActionStatus;
  note?: string;
  doneAt?: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/**
 * The partition-key prefixes of the table items this module writes: forums, registrations and action items.
 * The stack scopes write grants with them (dynamodb:LeadingKeys, functions/writes.ts); a test
 * checks every key built here starts with one of them.
 */
export const KEY_PREFIXES = ['FORUM#'] as const;

export const keys = {
  forum: (id: string) => ({ pk: `FORUM#${id}`, sk: 'PROFILE' }),
  agencyEntry: (id: string, agencyId: string) => ({ pk: `FORUM#${id}`, sk: `AGENCY#${agencyId}` }),
  registration: (id: string, nip: string) => ({ pk: `FORUM#${id}`, sk: `REG#${nip}` }),
  action: (id: string, actionId: string) => ({ pk: `FORUM#${id}`, sk: `ACTION#${actionId}` }),
  all: 'FORUMS',
  byAgency: (agencyId: string) => `FORUMS#AGENCY#${agencyId}`,
  mine: (nip: string) => `FORUMREG#${nip}`,
  actionsOf: (agencyId: string) => `ACTIONS#AGENCY#${agencyId}`,
  openActions: 'ACTIONS#OPEN',
};

export const forumSummary = (f: ForumRecord) => ({
  forumId: f.forumId,
  kind: f.kind,
  topic: f.topic,
  hostAgencyId: f.hostAgencyId,
  invitedAgencyIds: f.invitedAgencyIds,
  startsAt: f.startsAt,
  endsAt: f.endsAt,
  place: f.place,
  capacity: f.capacity,
});

export const forumItems = (f: ForumRecord): Item[] => {
  const sk = `${f.startsAt}#${f.forumId}`;
  return [
    { ...keys.forum(f.forumId), type: 'FORUM', ...f, gsi1pk: keys.all, gsi1sk: sk },
    ...[f.hostAgencyId, ...f.invitedAgencyIds].map((agencyId) => ({
      ...keys.agencyEntry(f.forumId, agencyId),
      type: 'FORUM_AGENCY',
      ...forumSummary(f),
      gsi1pk: keys.byAgency(agencyId),
      gsi1sk: sk,
    })),
  ];
};

export const createForum = (db: Db, f: ForumRecord) =>
  transact(
    db,
    forumItems(f).map((Item) => ({
      Put: { TableName: db.table, Item, ConditionExpression: 'attribute_not_exists(pk)' },
    })),
  );

export const getForum = async (db: Db, id: string, consistent = false): Promise<ForumRecord | undefined> => {
  const item = await getItem(db, keys.forum(id), consistent);
  return item ? stripKeys<ForumRecord>(item) : undefined;
};

export const listForums = async (
  db: Db,
  q: { agencyId?: string; from?: string; to?: string; limit: number; cursor?: string },
) => {
  const between: [string, string] | undefined =
    q.from || q.to ? [q.from ?? '0000', `${q.to ?? '9999-12-31'}~`] : undefined;
  const page = await queryPage(db, {
    index: 'gsi1',
    pk: q.agencyId ? keys.byAgency(q.agencyId) : keys.all,
    between,
    limit: q.limit,
    cursor: q.cursor,
  });
  return { items: page.items.map((i) => forumSummary(stripKeys<ForumRecord>(i))), cursor: page.cursor };
};

/** Sets the minutes of a forum whose stored version is `version` (false when it is not). */
export const setMinutes = async (
  db: Db,
  id: string,
  version: number,
  minutes: { text: string; by: string; at: string },
) => {
  await db.doc.send(
    new UpdateCommand({
      TableName: db.table,
      Key: keys.forum(id),
      UpdateExpression: 'SET #m = :m, minutesBy = :by, minutesAt = :at, updatedAt = :at, #v = #v + :one',
      ConditionExpression: 'attribute_exists(pk) AND #v = :v',
      ExpressionAttributeNames: { '#v': 'version', '#m': 'minutes' },
      ExpressionAttributeValues: {
        ':m': minutes.text,
        ':by': minutes.by,
        ':at': minutes.at,
        ':v': version,
        ':one': 1,
      },
    }),
  );
};

// ── registrations ──────────────────────────────────────────────────────────────

export const registrationItem = (r: RegistrationRecord): Item => ({
  ...keys.registration(r.forumId, r.nip),
  type: 'FORUM_REGISTRATION',
  ...r,
  ...(r.status === 'CANCELLED' ? {} : { gsi1pk: keys.mine(r.nip), gsi1sk: `${r.startsAt}#${r.forumId}` }),
});

export const getRegistration = async (db: Db, id: string, nip: string) => {
  const item = await getItem(db, keys.registration(id, nip), true);
  return item ? stripKeys<RegistrationRecord>(item) : undefined;
};

/** Takes a seat and writes the registration. Failed conditions: [0] full, [1] registered already. */
export const register = (db: Db, r: RegistrationRecord) =>
  transact(db, [
    {
      Update: {
        TableName: db.table,
        Key: keys.forum(r.forumId),
        UpdateExpression: 'SET #seats = #seats + :one',
        ConditionExpression: 'attribute_exists(pk) AND #seats < #cap',
        ExpressionAttributeNames: { '#seats': 'seats', '#cap': 'capacity' },
        ExpressionAttributeValues: { ':one': 1 },
      },
    },
    {
      Put: {
        TableName: db.table,
        Item: registrationItem(r),
        ConditionExpression: 'attribute_not_exists(pk) OR #s = :c',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':c': 'CANCELLED' },
      },
    },
  ]);

/** Cancels a registration that is still REGISTERED and frees its seat. */
export const cancelRegistration = (db: Db, r: RegistrationRecord) =>
  transact(db, [
    {
      Update: {
        TableName: db.table,
        Key: keys.forum(r.forumId),
        UpdateExpression: 'SET #seats = #seats - :one',
        ConditionExpression: '#seats > :zero',
        ExpressionAttributeNames: { '#seats': 'seats' },
        ExpressionAttributeValues: { ':one': 1, ':zero': 0 },
      },
    },
    {
      Put: {
        TableName: db.table,
        Item: registrationItem(r),
        ConditionExpression: '#s = :r',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':r': 'REGISTERED' },
      },
    },
  ]);

/** REGISTERED → ATTENDED (false when it was not REGISTERED). */
export const markAttended = async (db: Db, id: string, nip: string, at: string): Promise<boolean> => {
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: keys.registration(id, nip),
        UpdateExpression: 'SET #s = :a, attendedAt = :at',
        ConditionExpression: '#s = :r',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':a': 'ATTENDED', ':r': 'REGISTERED', ':at': at },
      }),
    );
    return true;
  } catch (e) {
    if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
};

// ── action items ───────────────────────────────────────────────────────────────

export const actionItem = (a: ActionRecord): Item => ({
  ...keys.action(a.forumId, a.actionId),
  type: 'FORUM_ACTION',
  ...a,
  gsi1pk: keys.actionsOf(a.ownerAgencyId),
  gsi1sk: `${a.dueDate}#${a.actionId}`,
  ...(a.status === 'DONE' ? {} : { gsi2pk: keys.openActions, gsi2sk: `${a.dueDate}#${a.actionId}` }),
});

export const createAction = (db: Db, a: ActionRecord) =>
  transact(db, [
    { Put: { TableName: db.table, Item: actionItem(a), ConditionExpression: 'attribute_not_exists(pk)' } },
  ]);

export const saveAction = (db: Db, a: ActionRecord) =>
  transact(db, [
    {
      Put: {
        TableName: db.table,
        Item: actionItem(a),
        ConditionExpression: 'attribute_exists(pk) AND #v = :v',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':v': a.version - 1 },
      },
    },
  ]);

export const getAction = async (db: Db, id: string, actionId: string) => {
  const item = await getItem(db, keys.action(id, actionId), true);
  return item ? stripKeys<ActionRecord>(item) : undefined;
};

export const forumActions = async (db: Db, id: string): Promise<ActionRecord[]> => {
  const out: ActionRecord[] = [];
  for await (const items of queryAll(db, { pk: `FORUM#${id}`, prefix: 'ACTION#' }))
    out.push(...items.map((i) => stripKeys<ActionRecord>(i)));
  return out;
};

export const agencyActions = async (
  db: Db,
  agencyId: string,
  q: { openOnly: boolean; limit: number; cursor?: string },
): Promise<Page<ActionRecord>> => {
  const page = await queryPage(db, {
    index: 'gsi1',
    pk: keys.actionsOf(agencyId),
    limit: q.limit,
    cursor: q.cursor,
    filter: q.openOnly
      ? {
          FilterExpression: '#s <> :done',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':done': 'DONE' },
        }
      : undefined,
  });
  return { items: page.items.map((i) => stripKeys<ActionRecord>(i)), cursor: page.cursor };
};

/** Every action item not DONE whose due date is on or before `lastDue` (jobs). */
export async function* openActionsDueBy(db: Db, lastDue: string) {
  for await (const items of queryAll(db, {
    index: 'gsi2',
    pk: keys.openActions,
    between: ['0000', `${lastDue}#~`],
  }))
    yield items.map((i) => stripKeys<ActionRecord>(i));
}
