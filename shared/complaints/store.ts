/**
 * Complaints in the single table, and their access patterns:
 *
 * | record          | pk                | sk                        | indexes                                                  |
 * |-----------------|-------------------|---------------------------|----------------------------------------------------------|
 * | complaint       | CMP#<code>        | CMP                       | gsi1 CMPQ#<status> / <queuedAt>#<code> (desk queue, oldest first) |
 * |                 |                   |                           | gsi2 CMPAG#<agency> / <status>#<dueAt>#<code> (agency queue by status, due date) |
 * |                 |                   |                           | gsi3 CMPDUE#<shard 0-3> / <nextCheckAt>#<code> (SLA job: only what is due; sparse) |
 * |                 |                   |                           | gsi4 CMPMONTH#<yyyy-mm> / <submittedAt>#<code> (figures per month) |
 * | public copy     | CMP#<code>        | FEED                      | gsi1 CMPFEED, gsi2 CMPFEED#K#<kelurahan>, gsi3 CMPFEED#C#<category>, gsi4 CMPFEED#S#<status>, each / <submittedAt>#<code> (newest first); none for CONFIDENTIAL |
 * | reporter        | CMP#<code>        | REPORTER                  | (identity: read by the desk only, every read audited)    |
 * | history entry   | CMP#<code>        | EV#<at>#<version>#<i>     |                                                          |
 * | reporter read   | CMP#<code>        | READ#<at>#<nip>           | gsi1 CMPREADS#<yyyy-mm> / <at>#<code>#<nip> (auditor)     |
 * | idempotency key | CMPIDEM#<sha256>  | IDEM                      |                                                          |
 * | category        | CMPCAT#<code>     | CMPCAT                    | gsi1 CMPCATS / <code>                                    |
 *
 * The due index holds a complaint only while one of its clocks has a step to come, keyed by the
 * time of the next one; the partition is sharded four ways (by the code) so that a burst of
 * complaints does not make one hot partition. The SLA job queries each shard for keys up to
 * `now`: it reads what is due and nothing else.
 */
import { createHash } from 'node:crypto';
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  batchGet,
  type Db,
  type Item,
  isConditionFailure,
  type Page,
  queryPage,
} from '../platform/dynamo.js';
import { conflictFrom, getItem, putNew, putVersioned, stripKeys } from '../platform/records.js';
import type { Category } from './categories.js';
import { type Complaint, type ComplaintEvent, isPublished } from './lifecycle.js';
import { nextCheckAt, type StatInput, type Status, wibMonth } from './rules.js';
import { type PublicComplaint, publicView } from './views.js';

export interface Reporter {
  name?: string;
  nik?: string;
  phone?: string;
  email?: string;
}

export interface ReporterRead {
  complaintId: string;
  nip: string;
  at: string;
}

export const DUE_SHARDS = 4;

export const shardOf = (code: string): number => {
  let h = 0;
  for (const ch of code) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h % DUE_SHARDS;
};

export const feedKey = (kelurahan: string): string => kelurahan.trim().toUpperCase().replace(/\s+/g, ' ');

/**
 * The partition-key prefixes of the table items this module writes: complaints (with their events, reporter, reads), idempotency keys and categories.
 * The stack scopes write grants with them (dynamodb:LeadingKeys, functions/writes.ts); a test
 * checks every key built here starts with one of them.
 */
export const KEY_PREFIXES = ['CMP#', 'CMPIDEM#', 'CMPCAT#'] as const;

export const keys = {
  complaint: (code: string) => ({ pk: `CMP#${code}`, sk: 'CMP' }),
  feed: (code: string) => ({ pk: `CMP#${code}`, sk: 'FEED' }),
  reporter: (code: string) => ({ pk: `CMP#${code}`, sk: 'REPORTER' }),
  read: (code: string, at: string, nip: string) => ({ pk: `CMP#${code}`, sk: `READ#${at}#${nip}` }),
  idempotency: (key: string) => ({
    pk: `CMPIDEM#${createHash('sha256').update(key).digest('hex')}`,
    sk: 'IDEM',
  }),
  category: (code: string) => ({ pk: `CMPCAT#${code}`, sk: 'CMPCAT' }),
  categories: 'CMPCATS',
  statusQueue: (status: Status) => `CMPQ#${status}`,
  agencyQueue: (agencyId: string) => `CMPAG#${agencyId}`,
  due: (shard: number) => `CMPDUE#${shard}`,
  month: (month: string) => `CMPMONTH#${month}`,
  feedAll: 'CMPFEED',
  feedKelurahan: (k: string) => `CMPFEED#K#${feedKey(k)}`,
  feedCategory: (c: string) => `CMPFEED#C#${c}`,
  feedStatus: (s: Status) => `CMPFEED#S#${s}`,
  readsMonth: (month: string) => `CMPREADS#${month}`,
};

/** The date the agency works towards now (the queue's order); far future when none. */
const currentDue = (c: Complaint): string =>
  c.clocks.map((k) => k.due).sort()[0] ?? c.closedAt ?? '9999-12-31T23:59:59.999Z';

export const complaintItem = (c: Complaint): Item => {
  const next = nextCheckAt(c.clocks, c.escalations)?.toISOString();
  return {
    ...keys.complaint(c.id),
    type: 'COMPLAINT',
    ...c,
    gsi1pk: keys.statusQueue(c.status),
    gsi1sk: `${c.queuedAt}#${c.id}`,
    ...(c.agencyId
      ? { gsi2pk: keys.agencyQueue(c.agencyId), gsi2sk: `${c.status}#${currentDue(c)}#${c.id}` }
      : {}),
    ...(next ? { gsi3pk: keys.due(shardOf(c.id)), gsi3sk: `${next}#${c.id}` } : {}),
    gsi4pk: keys.month(wibMonth(new Date(c.submittedAt))),
    gsi4sk: `${c.submittedAt}#${c.id}`,
  };
};

/** The public copy: what the feed and Open311 show. CONFIDENTIAL complaints have none. */
export const feedItem = (c: Complaint): Item | undefined => {
  if (!isPublished(c)) return undefined;
  const sk = `${c.submittedAt}#${c.id}`;
  return {
    ...keys.feed(c.id),
    type: 'COMPLAINT_FEED',
    ...publicView(c),
    gsi1pk: keys.feedAll,
    gsi1sk: sk,
    ...(c.location.kelurahan ? { gsi2pk: keys.feedKelurahan(c.location.kelurahan), gsi2sk: sk } : {}),
    gsi3pk: keys.feedCategory(c.category),
    gsi3sk: sk,
    gsi4pk: keys.feedStatus(c.status),
    gsi4sk: sk,
  };
};

/** The history entries of one step, as items (the step's complaint gives their order). */
export const eventItems = (c: Complaint, events: readonly ComplaintEvent[]): Item[] =>
  events.map((e, i) => ({
    pk: `CMP#${c.id}`,
    sk: `EV#${e.at}#${String(c.version).padStart(6, '0')}#${i}`,
    type: 'COMPLAINT_EVENT',
    ...e,
  }));

type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

/** The writes of one step of one complaint: the record (version-checked), its public copy, its history. */
const stepWrites = (db: Db, c: Complaint, events: readonly ComplaintEvent[]): TransactItem[] => {
  const feed = feedItem(c);
  return [
    {
      Put: {
        TableName: db.table,
        Item: complaintItem(c),
        ...(c.version === 1
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: 'attribute_exists(pk) AND #v = :v',
              ExpressionAttributeNames: { '#v': 'version' },
              ExpressionAttributeValues: { ':v': c.version - 1 },
            }),
      },
    },
    feed
      ? { Put: { TableName: db.table, Item: feed } }
      : { Delete: { TableName: db.table, Key: keys.feed(c.id) } },
    ...eventItems(c, events).map((Item) => ({ Put: { TableName: db.table, Item } })),
  ];
};

export const getComplaint = async (
  db: Db,
  code: string,
  consistent = false,
): Promise<Complaint | undefined> => {
  const item = await getItem(db, keys.complaint(code), consistent);
  return item ? fromItem(item) : undefined;
};

export const fromItem = (item: Item): Complaint => stripKeys<Complaint>(item);

export type CreateOutcome = { created: true } | { created: false; reason: 'code_taken' | 'idempotency_key' };

/**
 * Creates a complaint with its public copy, its reporter record, its first history entry and
 * (when given) its idempotency key, all or nothing.
 */
export const createComplaint = async (
  db: Db,
  c: Complaint,
  events: readonly ComplaintEvent[],
  reporter: Reporter | undefined,
  idempotency: { key: string; bodyHash: string; at: string } | undefined,
): Promise<CreateOutcome> => {
  const items: TransactItem[] = stepWrites(db, c, events);
  if (reporter) {
    items.push({
      Put: { TableName: db.table, Item: { ...keys.reporter(c.id), type: 'COMPLAINT_REPORTER', ...reporter } },
    });
  }
  if (idempotency) {
    items.push({
      Put: {
        TableName: db.table,
        Item: {
          ...keys.idempotency(idempotency.key),
          type: 'COMPLAINT_IDEMPOTENCY',
          complaintId: c.id,
          bodyHash: idempotency.bodyHash,
          createdAt: idempotency.at,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
  }
  try {
    await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
    return { created: true };
  } catch (e) {
    const reasons = (e as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons;
    if (reasons?.[0]?.Code === 'ConditionalCheckFailed') return { created: false, reason: 'code_taken' };
    if (idempotency && reasons?.at(-1)?.Code === 'ConditionalCheckFailed')
      return { created: false, reason: 'idempotency_key' };
    throw e;
  }
};

export const getIdempotency = async (
  db: Db,
  key: string,
): Promise<{ complaintId: string; bodyHash: string } | undefined> => {
  const item = await getItem(db, keys.idempotency(key), true);
  return item ? { complaintId: item.complaintId as string, bodyHash: item.bodyHash as string } : undefined;
};

/** Saves one or two steps (a merge writes both complaints) in one transaction; 409 on a stale version. */
export const saveSteps = async (
  db: Db,
  steps: ReadonlyArray<{ complaint: Complaint; events: readonly ComplaintEvent[] }>,
): Promise<void> => {
  try {
    await db.doc.send(
      new TransactWriteCommand({
        TransactItems: steps.flatMap((s) => stepWrites(db, s.complaint, s.events)),
      }),
    );
  } catch (e) {
    if (isConditionFailure(e)) {
      const reasons = (e as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? [];
      let offset = 0;
      for (const s of steps) {
        if (reasons[offset]?.Code === 'ConditionalCheckFailed') {
          const current = await getComplaint(db, s.complaint.id, true);
          throw conflictFrom(
            { Item: current ? { version: { N: String(current.version) } } : undefined },
            'complaint',
          );
        }
        offset += stepWrites(db, s.complaint, s.events).length;
      }
    }
    throw e;
  }
};

/** The history of a complaint, oldest first (a complaint's life is a few dozen entries). */
export const listEvents = async (db: Db, code: string): Promise<ComplaintEvent[]> => {
  const out: ComplaintEvent[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryPage(db, { pk: `CMP#${code}`, prefix: 'EV#', limit: 200, cursor });
    out.push(...page.items.map((i) => stripKeys<ComplaintEvent>(i)));
    cursor = page.cursor;
  } while (cursor && out.length < 1000);
  return out;
};

export const getReporter = async (db: Db, code: string): Promise<Reporter | undefined> => {
  const item = await getItem(db, keys.reporter(code));
  if (!item) return undefined;
  const { name, nik, phone, email } = item as Reporter;
  return { name, nik, phone, email };
};

/** Records one read of a reporter's identity (who, when). */
export const recordReporterRead = async (db: Db, read: ReporterRead): Promise<void> =>
  putNew(
    db,
    {
      ...keys.read(read.complaintId, read.at, read.nip),
      type: 'COMPLAINT_REPORTER_READ',
      ...read,
      gsi1pk: keys.readsMonth(wibMonth(new Date(read.at))),
      gsi1sk: `${read.at}#${read.complaintId}#${read.nip}`,
    },
    'reporterRead',
  );

const readsPage = (page: Page<Item>): Page<ReporterRead> => ({
  items: page.items.map((i) => ({ complaintId: i.complaintId, nip: i.nip, at: i.at }) as ReporterRead),
  cursor: page.cursor,
});

export const listReporterReads = async (db: Db, code: string, page: { limit: number; cursor?: string }) =>
  readsPage(await queryPage(db, { pk: `CMP#${code}`, prefix: 'READ#', ...page }));

export const listReporterReadsOfMonth = async (
  db: Db,
  month: string,
  page: { limit: number; cursor?: string },
) => readsPage(await queryPage(db, { index: 'gsi1', pk: keys.readsMonth(month), ...page }));

// ── lists ─────────────────────────────────────────────────────────────────────

export interface PageRequest {
  limit: number;
  cursor?: string;
}

const complaintPage = (page: Page<Item>): Page<Complaint> => ({
  items: page.items.map(fromItem),
  cursor: page.cursor,
});

export const listByStatus = async (db: Db, status: Status, page: PageRequest) =>
  complaintPage(await queryPage(db, { index: 'gsi1', pk: keys.statusQueue(status), ...page }));

export const listByAgency = async (db: Db, agencyId: string, status: Status | undefined, page: PageRequest) =>
  complaintPage(
    await queryPage(db, {
      index: 'gsi2',
      pk: keys.agencyQueue(agencyId),
      prefix: status ? `${status}#` : undefined,
      ...page,
    }),
  );

/** The due complaints of one shard (nextCheckAt ≤ now), one page. */
export const listDue = async (db: Db, shard: number, now: Date, page: PageRequest) =>
  complaintPage(
    await queryPage(db, {
      index: 'gsi3',
      pk: keys.due(shard),
      between: ['0', `${now.toISOString()}#~`],
      ...page,
    }),
  );

export interface FeedFilter {
  kelurahan?: string;
  category?: string;
  status?: Status;
  /** submittedAt range, ISO, inclusive */
  from?: string;
  to?: string;
  /** Open311: any of these statuses */
  statuses?: readonly Status[];
}

/**
 * The public feed, newest first: one Query on the most selective of kelurahan, category, status;
 * the other filters as a filter expression.
 */
export const listFeed = async (db: Db, f: FeedFilter, page: PageRequest): Promise<Page<PublicComplaint>> => {
  const [index, pk] = f.kelurahan
    ? (['gsi2', keys.feedKelurahan(f.kelurahan)] as const)
    : f.category
      ? (['gsi3', keys.feedCategory(f.category)] as const)
      : f.status
        ? (['gsi4', keys.feedStatus(f.status)] as const)
        : (['gsi1', keys.feedAll] as const);
  const conditions: string[] = [];
  const values: Record<string, unknown> = {};
  const names: Record<string, string> = {};
  if (f.kelurahan && f.category) {
    conditions.push('category = :category');
    values[':category'] = f.category;
  }
  if ((f.kelurahan || f.category) && f.status) {
    conditions.push('#status = :status');
    names['#status'] = 'status';
    values[':status'] = f.status;
  }
  if (f.statuses && f.statuses.length > 0) {
    names['#status'] = 'status';
    conditions.push(`#status IN (${f.statuses.map((_, i) => `:s${i}`).join(', ')})`);
    f.statuses.forEach((s, i) => {
      values[`:s${i}`] = s;
    });
  }
  const out = await queryPage(db, {
    index,
    pk,
    ...(f.from || f.to ? { between: [f.from ?? '0', `${f.to ?? '9999'}#~`] as [string, string] } : {}),
    ...page,
    forward: false,
    filter: conditions.length
      ? {
          FilterExpression: conditions.join(' AND '),
          ExpressionAttributeValues: values,
          ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
        }
      : undefined,
  });
  return { items: out.items.map((i) => stripKeys<PublicComplaint>(i)), cursor: out.cursor };
};

/** Public copies by code (Open311 `service_request_id=a,b,c`); unknown and confidential ones are absent. */
export const getFeedItems = async (db: Db, codes: readonly string[]): Promise<PublicComplaint[]> =>
  (await batchGet(db, codes.map(keys.feed))).map((i) => stripKeys<PublicComplaint>(i));

export const getFeedItem = async (db: Db, code: string): Promise<PublicComplaint | undefined> => {
  const item = await getItem(db, keys.feed(code));
  return item ? stripKeys<PublicComplaint>(item) : undefined;
};

const STAT_FIELDS = [
  'agencyId',
  'status',
  'submittedAt',
  'verifiedAt',
  'acknowledgedAt',
  'firstRespondedAt',
  'answeredWithinSla',
  'reopenCount',
  'rating',
];

/** What the figures need of every complaint submitted in a month (only those fields are read). */
export const statInputsOfMonth = async (db: Db, month: string): Promise<StatInput[]> => {
  const out: StatInput[] = [];
  let start: Record<string, unknown> | undefined;
  const names = Object.fromEntries(STAT_FIELDS.map((f, i) => [`#f${i}`, f]));
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.table,
        IndexName: 'gsi4',
        KeyConditionExpression: 'gsi4pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.month(month) },
        ExpressionAttributeNames: names,
        ProjectionExpression: Object.keys(names).join(', '),
        ExclusiveStartKey: start,
        Limit: 1000,
      }),
    );
    out.push(...((page.Items ?? []) as StatInput[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
};

// ── categories ────────────────────────────────────────────────────────────────

export const categoryItem = (c: Category): Item => ({
  ...keys.category(c.code),
  type: 'COMPLAINT_CATEGORY',
  ...c,
  gsi1pk: keys.categories,
  gsi1sk: c.code,
});

export const getCategory = async (db: Db, code: string): Promise<Category | undefined> => {
  const item = await getItem(db, keys.category(code));
  return item ? stripKeys<Category>(item) : undefined;
};

/** All categories (a few dozen at most: one page of up to 100). */
export const listCategories = async (db: Db): Promise<Category[]> =>
  (await queryPage(db, { index: 'gsi1', pk: keys.categories, limit: 100 })).items.map((i) =>
    stripKeys<Category>(i),
  );

export const saveCategory = async (db: Db, c: Category): Promise<void> =>
  c.version === 1
    ? putNew(db, categoryItem(c), 'category')
    : putVersioned(db, categoryItem(c), c.version - 1, 'category');
