/**
 * DynamoDB pushes back: throttling (ProvisionedThroughputExceeded / ThrottlingException) and
 * partial batches (UnprocessedItems / UnprocessedKeys). Both are retried with backoff and nothing
 * is lost. The faults are injected into the real client talking to DynamoDB Local.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchGet, batchWrite, createDb, type Db } from '../../shared/platform/dynamo.js';
import { freshTable } from '../support/db.js';

let table: string;
let endpoint: string;

beforeAll(async () => {
  const db = await freshTable();
  table = db.table;
  endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB as string;
});

type Args = { input: Record<string, unknown> };
type Out = { output: Record<string, unknown> };

/** A client whose batch calls get only half their items through, `times` times. */
const halfProcessing = (times: number): { db: Db; calls: () => number } => {
  const db = createDb({ table, endpoint });
  let calls = 0;
  let left = times;
  db.doc.middlewareStack.add(
    (next, context) => async (args) => {
      const { commandName } = context as { commandName?: string };
      const input = (args as Args).input;
      if (left > 0 && commandName === 'BatchWriteItemCommand') {
        left--;
        calls++;
        const requests = (input.RequestItems as Record<string, unknown[]>)[table] ?? [];
        const half = Math.ceil(requests.length / 2);
        const result = (await next({
          ...args,
          input: { ...input, RequestItems: { [table]: requests.slice(0, half) } },
        } as never)) as Out;
        result.output.UnprocessedItems = requests.length > half ? { [table]: requests.slice(half) } : {};
        return result as never;
      }
      if (left > 0 && commandName === 'BatchGetItemCommand') {
        left--;
        calls++;
        const keys = ((input.RequestItems as Record<string, { Keys: unknown[] }>)[table]?.Keys ??
          []) as unknown[];
        const half = Math.ceil(keys.length / 2);
        const result = (await next({
          ...args,
          input: { ...input, RequestItems: { [table]: { Keys: keys.slice(0, half) } } },
        } as never)) as Out;
        result.output.UnprocessedKeys = keys.length > half ? { [table]: { Keys: keys.slice(half) } } : {};
        return result as never;
      }
      return next(args);
    },
    { step: 'initialize', name: 'halfProcessing' },
  );
  return { db, calls: () => calls };
};

describe('partial batches', () => {
  it('retries UnprocessedItems until every item is written', async () => {
    const { db, calls } = halfProcessing(6);
    const items = Array.from({ length: 60 }, (_, i) => ({ pk: `FAULT#${i}`, sk: 'X', n: i }));
    await batchWrite(
      db,
      items.map((put) => ({ put })),
    );
    expect(calls()).toBe(6);
    const read = await batchGet(
      createDb({ table, endpoint }),
      items.map(({ pk, sk }) => ({ pk, sk })),
    );
    expect(read.map((i) => i.n).sort((a, b) => a - b)).toEqual(items.map((i) => i.n));
  });

  it('retries UnprocessedKeys until every key is read', async () => {
    const { db, calls } = halfProcessing(3);
    const keys = Array.from({ length: 60 }, (_, i) => ({ pk: `FAULT#${i}`, sk: 'X' }));
    const read = await batchGet(db, keys);
    expect(calls()).toBe(3);
    expect(read).toHaveLength(60);
  });

  it('gives up with a clear error when DynamoDB never takes the rest', async () => {
    const { db } = halfProcessing(1000);
    // 25 items taken half at a time need 5 attempts; allow 3
    const items = Array.from({ length: 25 }, (_, i) => ({ pk: `FAULT#GIVEUP#${i}`, sk: 'X' }));
    await expect(
      batchWrite(
        db,
        items.map((put) => ({ put })),
        { maxAttempts: 3 },
      ),
    ).rejects.toThrow(/items unprocessed after 3 attempts/);
  });
});

describe('throttling', () => {
  /** The first `times` sends fail as DynamoDB fails a throttled request; the SDK must retry them. */
  const throttled = (times: number, name: string) => {
    const db = createDb({ table, endpoint });
    let left = times;
    db.doc.middlewareStack.add(
      (next) => async (args) => {
        if (left > 0) {
          left--;
          const error = Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
            name,
            $fault: 'client',
            $metadata: { httpStatusCode: 400 },
          });
          throw error;
        }
        return next(args);
      },
      // below the SDK's retry middleware, where a real throttled response would surface
      { step: 'deserialize', name: 'throttle' },
    );
    return db;
  };

  it.each(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded'])(
    '%s is retried with backoff and the write lands once',
    async (name) => {
      const db = throttled(3, name);
      const started = Date.now();
      await db.doc.send(
        new PutCommand({ TableName: table, Item: { pk: `THROTTLE#${name}`, sk: 'X', v: 1 } }),
      );
      expect(Date.now() - started).toBeGreaterThan(10); // it waited before retrying
      const got = await createDb({ table, endpoint }).doc.send(
        new GetCommand({ TableName: table, Key: { pk: `THROTTLE#${name}`, sk: 'X' } }),
      );
      expect(got.Item?.v).toBe(1);
    },
  );

  it('a batch under throttling still writes everything', async () => {
    const db = throttled(2, 'ProvisionedThroughputExceededException');
    const items = Array.from({ length: 30 }, (_, i) => ({ pk: `THROTTLE#BATCH#${i}`, sk: 'X' }));
    await batchWrite(
      db,
      items.map((put) => ({ put })),
    );
    expect(await batchGet(createDb({ table, endpoint }), items)).toHaveLength(30);
  });
});
