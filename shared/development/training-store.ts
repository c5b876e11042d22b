/**
 * Training programs, their sessions, enrolments and the JP ledger, in the single table:
 *
 * | record      | pk               | sk                                  | indexes                                          |
 * |-------------|------------------|-------------------------------------|--------------------------------------------------|
 * | training    | TRAINING#<id>    | PROFILE                             | gsi1 TRAININGS / <startsOn>#<id> (by date)        |
 * |             |                  |                                     | gsi2 TRAININGS#ORG#<agencyId> / <startsOn>#<id>   |
 * | tag entry   | TRAINING#<id>    | TAG#<tag>                           | gsi1 TRAININGS#TAG#<tag> / <startsOn>#<id>        |
 * | session     | TRAINING#<id>    | SESSION#<sessionId>                 | (seats: the enrolled count, guarded by capacity)  |
 * | enrolment   | TRAINING#<id>    | ENROL#<nip>                         | gsi1 DEV#<nip> / <date>#<id> (my activities;      |
 * |             |                  |                                     |  date = completion date once completed, else the  |
 * |             |                  |                                     |  session's start; absent once cancelled)          |
 * | wait entry  | TRAINING#<id>    | WAIT#<sessionId>#<at>#<ulid>        | (the waiting list, oldest first, read consistently)|
 * | JP ledger   | JP#<nip>         | Y#<year>                            | (JP completed in that year: one GetItem per person)|
 *
 * Access patterns: trainings by date (gsi1 TRAININGS), by organiser (gsi2), by tag (gsi1 of the
 * tag entries, which carry the program's summary so a page is one Query); a program with its
 * sessions (one partition); the participants of a program (prefix ENROL#); the waiting list of a
 * session (prefix WAIT#<sessionId>#); an employee's activities of a year or still to come (gsi1
 * DEV#<nip> between dates); an employee's JP of a year (GetItem), an agency's (BatchGet over its
 * employees).
 *
 * One enrolment per employee per program (the key); its seat is taken in the same transaction
 * that increments the session's `seats` under the condition `seats < capacity`.
 */
import { DeleteCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { wibDate } from '../platform/clock.js';
import { batchGet, type Db, type Item, type Page, queryAll, queryPage } from '../platform/dynamo.js';
import { getItem, stripKeys } from '../platform/records.js';
import { type TransactItem, transact } from '../platform/transact.js';
import type { TrainingKind, TrainingMethod } from './rules.js';

export interface TrainingRecord {
  trainingId: string;
  title: string;
  description?: string;
  kind: TrainingKind;
  method: TrainingMethod;
  jp: number;
  tags: string[];
  organiserAgencyId: string;
  /** WIB dates of the first session's start and the last session's end */
  startsOn: string;
  endsOn: string;
  createdBy: string;
  createdAt: string;
}

export interface SessionRecord {
  trainingId: string;
  sessionId: string;
  startsAt: string;
  endsAt: string;
  place: string;
  capacity: number;
  /** seats taken (ENROLLED, ATTENDED, COMPLETED, NO_SHOW) */
  seats: number;
}

export const ENROLMENT_STATUSES = [
  'ENROLLED',
  'WAITLISTED',
  'CANCELLED',
  'ATTENDED',
  'COMPLETED',
  'NO_SHOW',
] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

export interface Feedback {
  rating: number;
  comment?: string;
  at: string;
}

export interface EnrolmentRecord {
  trainingId: string;
  sessionId: string;
  nip: string;
  agencyId: string;
  status: EnrolmentStatus;
  title: string;
  kind: TrainingKind;
  method: TrainingMethod;
  jp: number;
  sessionStartsAt: string;
  sessionEndsAt: string;
  enrolledBy: string;
  enrolledAt: string;
  /** sort key of the wait entry while WAITLISTED */
  waitKey?: string;
  promotedAt?: string;
  attendedAt?: string;
  completedOn?: string;
  cancelledAt?: string;
  feedback?: Feedback;
  updatedAt: string;
}

export interface JpLedger {
  nip: string;
  year: number;
  jp: number;
  completions: number;
}

/**
 * The partition-key prefixes of the table items this module writes: trainings (sessions, enrolments, waiting list) and the JP ledger.
 * The stack scopes write grants with them (dynamodb:LeadingKeys, functions/writes.ts); a test
 * checks every key built here starts with one of them.
 */
export const KEY_PREFIXES = ['TRAINING#', 'JP#'] as const;

export const keys = {
  training: (id: string) => ({ pk: `TRAINING#${id}`, sk: 'PROFILE' }),
  tag: (id: string, tag: string) => ({ pk: `TRAINING#${id}`, sk: `TAG#${tag}` }),
  session: (id: string, sessionId: string) => ({ pk: `TRAINING#${id}`, sk: `SESSION#${sessionId}` }),
  enrolment: (id: string, nip: string) => ({ pk: `TRAINING#${id}`, sk: `ENROL#${nip}` }),
  waitPrefix: (sessionId: string) => `WAIT#${sessionId}#`,
  ledger: (nip: string, year: number) => ({ pk: `JP#${nip}`, sk: `Y#${year}` }),
  all: 'TRAININGS',
  byOrganiser: (agencyId: string) => `TRAININGS#ORG#${agencyId}`,
  byTag: (tag: string) => `TRAININGS#TAG#${tag}`,
  activities: (nip: string) => `DEV#${nip}`,
};

const sortKey = (t: Pick<TrainingRecord, 'startsOn' | 'trainingId'>) => `${t.startsOn}#${t.trainingId}`;

export const summaryOf = (t: TrainingRecord) => ({
  trainingId: t.trainingId,
  title: t.title,
  kind: t.kind,
  method: t.method,
  jp: t.jp,
  tags: t.tags,
  organiserAgencyId: t.organiserAgencyId,
  startsOn: t.startsOn,
  endsOn: t.endsOn,
});
export type TrainingSummary = ReturnType<typeof summaryOf>;

export const trainingItems = (t: TrainingRecord, sessions: SessionRecord[]): Item[] => [
  {
    ...keys.training(t.trainingId),
    type: 'TRAINING',
    ...t,
    gsi1pk: keys.all,
    gsi1sk: sortKey(t),
    gsi2pk: keys.byOrganiser(t.organiserAgencyId),
    gsi2sk: sortKey(t),
  },
  ...t.tags.map((tag) => ({
    ...keys.tag(t.trainingId, tag),
    type: 'TRAINING_TAG',
    ...summaryOf(t),
    gsi1pk: keys.byTag(tag),
    gsi1sk: sortKey(t),
  })),
  ...sessions.map((s) => ({ ...keys.session(t.trainingId, s.sessionId), type: 'TRAINING_SESSION', ...s })),
];

/** A program with its sessions and tag entries, all or nothing. */
export const createTraining = async (db: Db, t: TrainingRecord, sessions: SessionRecord[]) =>
  transact(
    db,
    trainingItems(t, sessions).map((Item) => ({
      Put: { TableName: db.table, Item, ConditionExpression: 'attribute_not_exists(pk)' },
    })),
  );

export const getTraining = async (db: Db, id: string): Promise<TrainingRecord | undefined> => {
  const item = await getItem(db, keys.training(id));
  return item ? stripKeys<TrainingRecord>(item) : undefined;
};

export const getSessions = async (db: Db, id: string): Promise<SessionRecord[]> => {
  const out: SessionRecord[] = [];
  for await (const items of queryAll(db, { pk: `TRAINING#${id}`, prefix: 'SESSION#' }))
    out.push(...items.map((i) => stripKeys<SessionRecord>(i)));
  return out;
};

export const getSession = async (
  db: Db,
  id: string,
  sessionId: string,
): Promise<SessionRecord | undefined> => {
  const item = await getItem(db, keys.session(id, sessionId), true);
  return item ? stripKeys<SessionRecord>(item) : undefined;
};

export interface TrainingQuery {
  tag?: string;
  organiserAgencyId?: string;
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

/** One Query per page: by tag (with the organiser as a filter), by organiser, or all; by start date. */
export const listTrainings = async (db: Db, q: TrainingQuery): Promise<Page<TrainingSummary>> => {
  const between: [string, string] | undefined =
    q.from || q.to ? [q.from ?? '0000', `${q.to ?? '9999-12-31'}#~`] : undefined;
  const base = { limit: q.limit, cursor: q.cursor, between };
  const page = q.tag
    ? await queryPage(db, {
        index: 'gsi1',
        pk: keys.byTag(q.tag),
        ...base,
        filter: q.organiserAgencyId
          ? {
              FilterExpression: 'organiserAgencyId = :org',
              ExpressionAttributeValues: { ':org': q.organiserAgencyId },
            }
          : undefined,
      })
    : q.organiserAgencyId
      ? await queryPage(db, { index: 'gsi2', pk: keys.byOrganiser(q.organiserAgencyId), ...base })
      : await queryPage(db, { index: 'gsi1', pk: keys.all, ...base });
  return {
    items: page.items.map((i) => summaryOf(stripKeys<TrainingRecord>(i))),
    cursor: page.cursor,
  };
};

// ── enrolments ─────────────────────────────────────────────────────────────────

/** The WIB date an activity is filed under: its completion date, else its session's first day. */
const activityDate = (e: EnrolmentRecord) => e.completedOn ?? wibDate(new Date(e.sessionStartsAt));

export const enrolmentItem = (e: EnrolmentRecord): Item => ({
  ...keys.enrolment(e.trainingId, e.nip),
  type: 'ENROLMENT',
  ...e,
  ...(e.status === 'CANCELLED'
    ? {}
    : { gsi1pk: keys.activities(e.nip), gsi1sk: `${activityDate(e)}#${e.trainingId}` }),
});

export const getEnrolment = async (db: Db, id: string, nip: string): Promise<EnrolmentRecord | undefined> => {
  const out = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: keys.enrolment(id, nip), ConsistentRead: true }),
  );
  return out.Item ? stripKeys<EnrolmentRecord>(out.Item) : undefined;
};

/** A new enrolment, or one replacing a cancelled enrolment of the same person. */
const putEnrolment = (db: Db, e: EnrolmentRecord): TransactItem => ({
  Put: {
    TableName: db.table,
    Item: enrolmentItem(e),
    ConditionExpression: 'attribute_not_exists(pk) OR #s = :cancelled',
    ExpressionAttributeNames: { '#s': 'status' },
    ExpressionAttributeValues: { ':cancelled': 'CANCELLED' },
  },
});

const takeSeat = (db: Db, e: Pick<EnrolmentRecord, 'trainingId' | 'sessionId'>): TransactItem => ({
  Update: {
    TableName: db.table,
    Key: keys.session(e.trainingId, e.sessionId),
    UpdateExpression: 'SET #seats = #seats + :one',
    ConditionExpression: 'attribute_exists(pk) AND #seats < #cap',
    ExpressionAttributeNames: { '#seats': 'seats', '#cap': 'capacity' },
    ExpressionAttributeValues: { ':one': 1 },
  },
});

const freeSeat = (db: Db, e: Pick<EnrolmentRecord, 'trainingId' | 'sessionId'>): TransactItem => ({
  Update: {
    TableName: db.table,
    Key: keys.session(e.trainingId, e.sessionId),
    UpdateExpression: 'SET #seats = #seats - :one',
    ConditionExpression: '#seats > :zero',
    ExpressionAttributeNames: { '#seats': 'seats' },
    ExpressionAttributeValues: { ':one': 1, ':zero': 0 },
  },
});

/** Takes a seat and writes the enrolment, or neither. Failed conditions: [0] full, [1] enrolled already. */
export const enrolWithSeat = (db: Db, e: EnrolmentRecord) =>
  transact(db, [takeSeat(db, e), putEnrolment(db, e)]);

/** Writes a WAITLISTED enrolment and its place on the waiting list. Failed condition [0]: enrolled already. */
export const enrolOnWaitlist = (db: Db, e: EnrolmentRecord & { waitKey: string }) =>
  transact(db, [
    putEnrolment(db, e),
    {
      Put: {
        TableName: db.table,
        Item: {
          pk: `TRAINING#${e.trainingId}`,
          sk: e.waitKey,
          type: 'TRAINING_WAIT',
          nip: e.nip,
          sessionId: e.sessionId,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ]);

/** Replaces an enrolment whose status is still `from` (freeing the seat or the wait entry as told). */
export const changeEnrolment = (
  db: Db,
  next: EnrolmentRecord,
  from: EnrolmentStatus,
  extra: { freeSeat?: boolean; dropWait?: string; credit?: { year: number; jp: number } } = {},
) =>
  transact(db, [
    {
      Put: {
        TableName: db.table,
        Item: enrolmentItem(next),
        ConditionExpression: '#s = :from',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':from': from },
      },
    },
    ...(extra.freeSeat ? [freeSeat(db, next)] : []),
    ...(extra.dropWait
      ? [{ Delete: { TableName: db.table, Key: { pk: `TRAINING#${next.trainingId}`, sk: extra.dropWait } } }]
      : []),
    ...(extra.credit
      ? [
          {
            Update: {
              TableName: db.table,
              Key: keys.ledger(next.nip, extra.credit.year),
              UpdateExpression: 'SET #t = :type, nip = :nip, #y = :year ADD jp :jp, completions :one',
              ExpressionAttributeNames: { '#t': 'type', '#y': 'year' },
              ExpressionAttributeValues: {
                ':type': 'JP_LEDGER',
                ':nip': next.nip,
                ':year': extra.credit.year,
                ':jp': extra.credit.jp,
                ':one': 1,
              },
            },
          },
        ]
      : []),
  ]);

/** Moves a waiting employee into a seat: the seat, the enrolment and the wait entry, or nothing. */
export const promote = (db: Db, next: EnrolmentRecord, waitKey: string) =>
  transact(db, [
    takeSeat(db, next),
    {
      Put: {
        TableName: db.table,
        Item: enrolmentItem(next),
        ConditionExpression: '#s = :w AND waitKey = :k',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':w': 'WAITLISTED', ':k': waitKey },
      },
    },
    {
      Delete: {
        TableName: db.table,
        Key: { pk: `TRAINING#${next.trainingId}`, sk: waitKey },
        ConditionExpression: 'attribute_exists(pk)',
      },
    },
  ]);

export const deleteWaitEntry = async (db: Db, trainingId: string, waitKey: string) => {
  await db.doc.send(
    new DeleteCommand({ TableName: db.table, Key: { pk: `TRAINING#${trainingId}`, sk: waitKey } }),
  );
};

/** The first entries of a session's waiting list, oldest first, read consistently. */
export const waitingList = async (db: Db, trainingId: string, sessionId: string, limit: number) => {
  const out = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': `TRAINING#${trainingId}`, ':p': keys.waitPrefix(sessionId) },
      ConsistentRead: true,
      Limit: limit,
    }),
  );
  return (out.Items ?? []).map((i) => ({ waitKey: i.sk as string, nip: i.nip as string | undefined }));
};

/** How many wait before `waitKey` (or in all, without it). */
export const waitingCount = async (db: Db, trainingId: string, sessionId: string, before?: string) => {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.doc.send(
      new QueryCommand({
        TableName: db.table,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': `TRAINING#${trainingId}`,
          ':from': keys.waitPrefix(sessionId),
          ':to': before ?? `${keys.waitPrefix(sessionId)}~`,
        },
        ConsistentRead: true,
        Select: 'COUNT',
        ExclusiveStartKey: start,
      }),
    );
    count += out.Count ?? 0;
    start = out.LastEvaluatedKey;
  } while (start);
  return before === undefined ? count : Math.max(0, count - 1);
};

/** The participants of a program, by NIP (optionally one session), one Query per page. */
export const listEnrolments = async (
  db: Db,
  trainingId: string,
  q: { sessionId?: string; limit: number; cursor?: string },
): Promise<Page<EnrolmentRecord>> => {
  const page = await queryPage(db, {
    pk: `TRAINING#${trainingId}`,
    prefix: 'ENROL#',
    limit: q.limit,
    cursor: q.cursor,
    filter: q.sessionId
      ? { FilterExpression: 'sessionId = :s', ExpressionAttributeValues: { ':s': q.sessionId } }
      : undefined,
  });
  return { items: page.items.map((i) => stripKeys<EnrolmentRecord>(i)), cursor: page.cursor };
};

/** Every enrolment of a program (bounded by its sessions' capacity and waiting lists). */
export const allEnrolments = async (db: Db, trainingId: string): Promise<EnrolmentRecord[]> => {
  const out: EnrolmentRecord[] = [];
  for await (const items of queryAll(db, { pk: `TRAINING#${trainingId}`, prefix: 'ENROL#' }))
    out.push(...items.map((i) => stripKeys<EnrolmentRecord>(i)));
  return out;
};

/** Sets the feedback once. */
export const setFeedback = async (db: Db, trainingId: string, nip: string, feedback: Feedback) =>
  db.doc.send(
    new UpdateCommand({
      TableName: db.table,
      Key: keys.enrolment(trainingId, nip),
      UpdateExpression: 'SET feedback = :f',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(feedback) AND #s IN (:a, :c)',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':f': feedback, ':a': 'ATTENDED', ':c': 'COMPLETED' },
    }),
  );

/** An employee's activities between two dates (inclusive), or from a date on. */
export const activities = async (
  db: Db,
  nip: string,
  from: string,
  to: string,
): Promise<EnrolmentRecord[]> => {
  const out: EnrolmentRecord[] = [];
  for await (const items of queryAll(db, {
    index: 'gsi1',
    pk: keys.activities(nip),
    between: [from, `${to}~`],
  }))
    out.push(...items.map((i) => stripKeys<EnrolmentRecord>(i)));
  return out;
};

export const getLedger = async (db: Db, nip: string, year: number): Promise<JpLedger> => {
  const item = await getItem(db, keys.ledger(nip, year), true);
  return item ? stripKeys<JpLedger>(item) : { nip, year, jp: 0, completions: 0 };
};

export const getLedgers = async (db: Db, nips: string[], year: number): Promise<Map<string, number>> => {
  const items = await batchGet(
    db,
    nips.map((n) => keys.ledger(n, year)),
  );
  return new Map(items.map((i) => [i.nip as string, Number(i.jp ?? 0)]));
};
