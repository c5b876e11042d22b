import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Db, Item } from './dynamo.js';
import { isConditionFailure } from './dynamo.js';
import { AlreadyExists, Conflict, NotFound } from './errors.js';

/** Helpers every store uses for guarded writes of one record. */

const KEY_ATTRS = new Set([
  'pk',
  'sk',
  'type',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'gsi3pk',
  'gsi3sk',
  'gsi4pk',
  'gsi4sk',
  'gsi5pk',
  'gsi5sk',
]);

/** The record without its table keys. */
export const stripKeys = <T>(item: Item): T => {
  const out: Item = {};
  for (const [k, v] of Object.entries(item)) if (!KEY_ATTRS.has(k)) out[k] = v;
  return out as T;
};

export const getItem = async (
  db: Db,
  key: { pk: string; sk: string },
  consistent = false,
): Promise<Item | undefined> => {
  const out = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: key, ConsistentRead: consistent }),
  );
  return out.Item;
};

/** Create: fails with 409 ALREADY_EXISTS when the key is taken. */
export const putNew = async (db: Db, item: Item, entity: string): Promise<void> => {
  try {
    await db.doc.send(
      new PutCommand({ TableName: db.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
  } catch (e) {
    if (isConditionFailure(e)) throw new AlreadyExists('ALREADY_EXISTS', { entity });
    throw e;
  }
};

/**
 * Replace a versioned record: succeeds only if the stored version is `expectedVersion`; the item
 * written must carry `expectedVersion + 1`. A lost race answers 409 with the current version.
 */
export const putVersioned = async (
  db: Db,
  item: Item,
  expectedVersion: number,
  entity: string,
): Promise<void> => {
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.table,
        Item: item,
        ConditionExpression: 'attribute_exists(pk) AND #v = :v',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':v': expectedVersion },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
  } catch (e) {
    if (isConditionFailure(e)) throw conflictFrom(e, entity);
    throw e;
  }
};

export const conflictFrom = (e: unknown, entity: string): Conflict | NotFound => {
  const old = (e as { Item?: Record<string, { N?: string }> }).Item;
  if (old === undefined && (e as { name?: string }).name === 'ConditionalCheckFailedException') {
    return new NotFound('NOT_FOUND', { entity });
  }
  const current = old?.version?.N;
  return new Conflict('CONFLICT', { currentVersion: current ?? '?' }, undefined, {
    currentVersion: current === undefined ? undefined : Number(current),
  });
};

/** A Conflict for a stale version known before writing. */
export const staleVersion = (currentVersion: number): Conflict =>
  new Conflict('CONFLICT', { currentVersion }, undefined, { currentVersion });
