/**
 * Shared practices ("praktik baik") and their adoptions, in the single table:
 *
 * | record    | pk               | sk                 | indexes                                              |
 * |-----------|------------------|--------------------|------------------------------------------------------|
 * | practice  | PRACTICE#<id>    | PROFILE            | gsi1 PRACTICES / <createdAt>#<id> (newest first)      |
 * |           |                  |                    | gsi2 PRACTICES#AGENCY#<agencyId> / <createdAt>#<id>   |
 * | tag entry | PRACTICE#<id>    | TAG#<tag>          | gsi1 PRACTICES#TAG#<tag> / <createdAt>#<id> (summary) |
 * | adoption  | PRACTICE#<id>    | ADOPT#<agencyId>   | (once per agency: the key; adoptionCount on the profile) |
 */

import { type Db, type Item, queryAll, queryPage } from '../platform/dynamo.js';
import { getItem, stripKeys } from '../platform/records.js';
import { transact } from '../platform/transact.js';

export interface PracticeRecord {
  practiceId: string;
  title: string;
  agencyId: string;
  problem: string;
  solution: string;
  results: string;
  tags: string[];
  createdBy: string;
  createdAt: string;
  adoptionCount: number;
}

export interface AdoptionRecord {
  practiceId: string;
  agencyId: string;
  note?: string;
  adoptedBy: string;
  adoptedAt: string;
}

/**
 * The partition-key prefixes of the table items this module writes: shared practices and their adoptions.
 * The stack scopes write grants with them (dynamodb:LeadingKeys, functions/writes.ts); a test
 * checks every key built here starts with one of them.
 */
export const KEY_PREFIXES = ['PRACTICE#'] as const;

export const keys = {
  practice: (id: string) => ({ pk: `PRACTICE#${id}`, sk: 'PROFILE' }),
  tag: (id: string, tag: string) => ({ pk: `PRACTICE#${id}`, sk: `TAG#${tag}` }),
  adoption: (id: string, agencyId: string) => ({ pk: `PRACTICE#${id}`, sk: `ADOPT#${agencyId}` }),
  all: 'PRACTICES',
  byAgency: (agencyId: string) => `PRACTICES#AGENCY#${agencyId}`,
  byTag: (tag: string) => `PRACTICES#TAG#${tag}`,
};

export const practiceSummary = (p: PracticeRecord) => ({
  practiceId: p.practiceId,
  title: p.title,
  agencyId: p.agencyId,
  tags: p.tags,
  createdAt: p.createdAt,
});

export const practiceItems = (p: PracticeRecord): Item[] => {
  const sk = `${p.createdAt}#${p.practiceId}`;
  return [
    {
      ...keys.practice(p.practiceId),
      type: 'PRACTICE',
      ...p,
      gsi1pk: keys.all,
      gsi1sk: sk,
      gsi2pk: keys.byAgency(p.agencyId),
      gsi2sk: sk,
    },
    ...p.tags.map((tag) => ({
      ...keys.tag(p.practiceId, tag),
      type: 'PRACTICE_TAG',
      ...practiceSummary(p),
      gsi1pk: keys.byTag(tag),
      gsi1sk: sk,
    })),
  ];
};

export const createPractice = (db: Db, p: PracticeRecord) =>
  transact(
    db,
    practiceItems(p).map((Item) => ({
      Put: { TableName: db.table, Item, ConditionExpression: 'attribute_not_exists(pk)' },
    })),
  );

export const getPractice = async (db: Db, id: string): Promise<PracticeRecord | undefined> => {
  const item = await getItem(db, keys.practice(id), true);
  return item ? stripKeys<PracticeRecord>(item) : undefined;
};

/** Newest first; by tag (the agency as a filter), by agency, or all: one Query a page. */
export const listPractices = async (
  db: Db,
  q: { tag?: string; agencyId?: string; limit: number; cursor?: string },
) => {
  const page = q.tag
    ? await queryPage(db, {
        index: 'gsi1',
        pk: keys.byTag(q.tag),
        limit: q.limit,
        cursor: q.cursor,
        forward: false,
        filter: q.agencyId
          ? { FilterExpression: 'agencyId = :a', ExpressionAttributeValues: { ':a': q.agencyId } }
          : undefined,
      })
    : await queryPage(db, {
        index: q.agencyId ? 'gsi2' : 'gsi1',
        pk: q.agencyId ? keys.byAgency(q.agencyId) : keys.all,
        limit: q.limit,
        cursor: q.cursor,
        forward: false,
      });
  return { items: page.items.map((i) => practiceSummary(stripKeys<PracticeRecord>(i))), cursor: page.cursor };
};

/** Records an adoption once per agency and counts it. Failed condition [0]: adopted already. */
export const adopt = (db: Db, a: AdoptionRecord) =>
  transact(db, [
    {
      Put: {
        TableName: db.table,
        Item: { ...keys.adoption(a.practiceId, a.agencyId), type: 'PRACTICE_ADOPTION', ...a },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Update: {
        TableName: db.table,
        Key: keys.practice(a.practiceId),
        UpdateExpression: 'SET adoptionCount = adoptionCount + :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':one': 1 },
      },
    },
  ]);

export const adoptions = async (db: Db, id: string): Promise<AdoptionRecord[]> => {
  const out: AdoptionRecord[] = [];
  for await (const items of queryAll(db, { pk: `PRACTICE#${id}`, prefix: 'ADOPT#' }))
    out.push(...items.map((i) => stripKeys<AdoptionRecord>(i)));
  return out;
};
