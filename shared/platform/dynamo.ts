import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  type NativeAttributeValue,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { mapLimit } from './concurrency.js';
import { config } from './config.js';
import { decodeCursor, encodeCursor, invalidCursor } from './cursor.js';
import { type GsiName, indexKeys, KEY } from './table.js';

export type Item = Record<string, NativeAttributeValue>;

/** What a store needs: the document client and the table name. Tests build one per table. */
export interface Db {
  doc: DynamoDBDocumentClient;
  table: string;
}

export interface DbOptions {
  table: string;
  endpoint?: string;
  region?: string;
  /** Total attempts per call, retries included (throttling and 5xx are retried with backoff by the SDK). */
  maxAttempts?: number;
}

export const createDb = (options: DbOptions): Db => {
  const client = new DynamoDBClient({
    region: options.region ?? 'local',
    endpoint: options.endpoint,
    maxAttempts: options.maxAttempts ?? 8,
    ...(options.endpoint ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { doc, table: options.table };
};

let shared: Db | undefined;
/** The process-wide Db, from config (one client per Lambda container, reused across invocations). */
export const db = (): Db => {
  if (!shared) {
    const c = config();
    shared = createDb({ table: c.tableName, endpoint: c.dynamodbEndpoint, region: c.region });
  }
  return shared;
};
export const resetDb = (): void => {
  shared = undefined;
};

export interface Page<T> {
  items: T[];
  cursor?: string;
}

export interface QueryPageInput {
  index?: GsiName;
  pk: string;
  /** begins_with on the sort key */
  prefix?: string;
  /** sort key between [from, to] (inclusive) */
  between?: [string, string];
  limit: number;
  cursor?: string;
  forward?: boolean;
  filter?: Pick<
    QueryCommandInput,
    'FilterExpression' | 'ExpressionAttributeValues' | 'ExpressionAttributeNames'
  >;
}

/** One Query, one page: the only way lists are read on a request path (no Scan). */
export const queryPage = async (db: Db, input: QueryPageInput): Promise<Page<Item>> => {
  const keys = input.index ? indexKeys(input.index) : KEY;
  const startKey = decodeCursor(input.cursor, {
    attribute: keys.pk,
    value: input.pk,
    // a GSI's LastEvaluatedKey holds the index's keys and the table's
    attributes: input.index ? [keys.pk, keys.sk, KEY.pk, KEY.sk] : [KEY.pk, KEY.sk],
  });
  // Strings compare as DynamoDB compares them: by their UTF-8 bytes.
  const cmp = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
  // An inverted range holds nothing; DynamoDB would refuse the BETWEEN (ValidationException → 500).
  if (input.between && cmp(input.between[0], input.between[1]) > 0) return { items: [] };
  // A cursor continues this query only if its sort key satisfies the key condition; DynamoDB
  // refuses a starting key outside it (ValidationException → 500).
  const startSk = startKey?.[keys.sk];
  if (
    startSk !== undefined &&
    ((input.prefix && !startSk.startsWith(input.prefix)) ||
      (input.between && (cmp(startSk, input.between[0]) < 0 || cmp(startSk, input.between[1]) > 0)))
  ) {
    throw invalidCursor();
  }
  const names: Record<string, string> = { '#pk': keys.pk, ...(input.filter?.ExpressionAttributeNames ?? {}) };
  const values: Record<string, NativeAttributeValue> = {
    ':pk': input.pk,
    ...(input.filter?.ExpressionAttributeValues ?? {}),
  };
  let condition = '#pk = :pk';
  // begins_with '' holds for every sort key (and DynamoDB refuses an empty key value)
  if (input.prefix) {
    names['#sk'] = keys.sk;
    values[':prefix'] = input.prefix;
    condition += ' AND begins_with(#sk, :prefix)';
  } else if (input.between) {
    names['#sk'] = keys.sk;
    values[':from'] = input.between[0];
    values[':to'] = input.between[1];
    condition += ' AND #sk BETWEEN :from AND :to';
  }
  const out = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      IndexName: input.index,
      KeyConditionExpression: condition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      FilterExpression: input.filter?.FilterExpression,
      Limit: input.limit,
      ExclusiveStartKey: startKey,
      ScanIndexForward: input.forward ?? true,
    }),
  );
  return { items: out.Items ?? [], cursor: encodeCursor(out.LastEvaluatedKey) };
};

/** Reads every page of a partition (jobs and bounded internal reads only). */
export async function* queryAll(
  db: Db,
  input: Omit<QueryPageInput, 'cursor' | 'limit'> & { limit?: number },
) {
  let cursor: string | undefined;
  do {
    const page = await queryPage(db, { ...input, limit: input.limit ?? 500, cursor });
    yield page.items;
    cursor = page.cursor;
  } while (cursor);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const backoff = (attempt: number) => sleep(Math.min(2000, 25 * 2 ** attempt) * (0.5 + Math.random() / 2));

export interface BatchOptions {
  /** Attempts for UnprocessedItems/Keys before giving up (throttling of the call itself is the SDK's). */
  maxAttempts?: number;
  /** batchGet: read only these attributes */
  projection?: string[];
}

/** Writes (puts or deletes) in batches of 25, retrying UnprocessedItems with jittered backoff. */
export const batchWrite = async (
  db: Db,
  requests: Array<{ put: Item } | { delete: { pk: string; sk: string } }>,
  options: BatchOptions = {},
): Promise<void> => {
  const maxAttempts = options.maxAttempts ?? 10;
  for (let i = 0; i < requests.length; i += 25) {
    let pending = requests
      .slice(i, i + 25)
      .map((r) => ('put' in r ? { PutRequest: { Item: r.put } } : { DeleteRequest: { Key: r.delete } }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= maxAttempts)
        throw new Error(`batchWrite: ${pending.length} items unprocessed after ${attempt} attempts`);
      if (attempt > 0) await backoff(attempt);
      const out = await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.table]: pending } }));
      pending = (out.UnprocessedItems?.[db.table] ?? []) as typeof pending;
    }
  }
};

/** Reads keys in batches of 100, retrying UnprocessedKeys; returns the items found (any order). */
export const batchGet = async (
  db: Db,
  keys: Array<{ pk: string; sk: string }>,
  options: BatchOptions = {},
): Promise<Item[]> => {
  const maxAttempts = options.maxAttempts ?? 10;
  const found: Item[] = [];
  const unique = [...new Map(keys.map((k) => [`${k.pk}\u0000${k.sk}`, k])).values()];
  const chunks: Array<Array<Record<string, NativeAttributeValue>>> = [];
  for (let i = 0; i < unique.length; i += 100) chunks.push(unique.slice(i, i + 100));
  // up to 4 calls in flight: a job reading thousands of keys does not wait on each in turn
  await mapLimit(chunks, 4, async (chunk) => {
    let pending = chunk;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= maxAttempts)
        throw new Error(`batchGet: ${pending.length} keys unprocessed after ${attempt} attempts`);
      if (attempt > 0) await backoff(attempt);
      const projection = options.projection
        ? {
            ProjectionExpression: options.projection.map((_, i) => `#p${i}`).join(', '),
            ExpressionAttributeNames: Object.fromEntries(options.projection.map((a, i) => [`#p${i}`, a])),
          }
        : {};
      const out = await db.doc.send(
        new BatchGetCommand({ RequestItems: { [db.table]: { Keys: pending, ...projection } } }),
      );
      found.push(...(out.Responses?.[db.table] ?? []));
      pending = out.UnprocessedKeys?.[db.table]?.Keys ?? [];
    }
  });
  return found;
};

/** True when a write failed its condition (single write or a transaction). */
export const isConditionFailure = (e: unknown): boolean => {
  const name = (e as { name?: string } | undefined)?.name;
  if (name === 'ConditionalCheckFailedException') return true;
  if (name === 'TransactionCanceledException') {
    const reasons = (e as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? [];
    return reasons.some((r) => r.Code === 'ConditionalCheckFailed');
  }
  return false;
};
