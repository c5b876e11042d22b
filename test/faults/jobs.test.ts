import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { ScheduledEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { handler as openMonthlyCycle } from '../../functions/jobs/open-monthly-cycle.js';
import { type DynamoLocal, ensureTable, startDynamo } from '../../infra/local/dynamodb.js';
import { useLocalDynamo } from '../../infra/local/env.js';
import { scheduledEvent } from '../../infra/local/jobs.js';
import { planSeed } from '../../infra/local/seed.js';
import { approvedPlanFor } from '../../infra/local/seed-performance.js';
import { agencyItem, employeeItem, putAll, roleGrantItems, unitItem } from '../../shared/employees/store.js';
import { planItem } from '../../shared/performance/store.js';
import { batchWrite, type Db, db as jobDb, type Item } from '../../shared/platform/dynamo.js';
import { logger } from '../../shared/platform/logger.js';

const docClient = (endpoint: string) =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: 'local',
      endpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );

const scanAll = async (endpoint: string, table: string): Promise<Item[]> => {
  const doc = docClient(endpoint);
  const out: Item[] = [];
  let start: Record<string, unknown> | undefined;
  try {
    do {
      const page = await doc.send(
        new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: start }),
      );
      out.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
  } finally {
    doc.destroy();
  }
  return out;
};

const WRITES = /^(TransactWriteItems|BatchWriteItem|PutItem|UpdateItem|DeleteItem)Command$/;

/** Counts the write calls the job's client completes; calls `onWrite` after each (awaited). */
const watchWrites = (db: Db, onWrite: (n: number) => Promise<void> | void) => {
  let n = 0;
  db.doc.middlewareStack.add(
    (next, context) => async (args) => {
      const out = await next(args);
      if (WRITES.test((context as { commandName?: string }).commandName ?? '')) await onWrite(++n);
      return out;
    },
    { step: 'initialize', name: `watchWrites${Math.random()}` },
  );
  return () => n;
};

const captureOutput = () => {
  const lines: string[] = [];
  const spies = [process.stdout, process.stderr].map((s) =>
    vi.spyOn(s, 'write').mockImplementation(((chunk: unknown) => {
      lines.push(String(chunk));
      return true;
    }) as never),
  );
  return {
    lines,
    restore: () => {
      for (const s of spies) s.mockRestore();
    },
  };
};

const tempDirs: string[] = [];
const running: DynamoLocal[] = [];
afterAll(async () => {
  await Promise.all(running.map((d) => d.stop()));
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});

beforeAll(() => {
  logger.setLogLevel('INFO');
});

const prepareCycle = async (db: Db) => {
  const plan = planSeed(1500, new Date('2026-01-02T00:00:00.000Z'));
  await putAll(db, [
    ...plan.agencies.map(agencyItem),
    ...plan.units.map(unitItem),
    ...plan.employees.flatMap((e) => [employeeItem(e), ...roleGrantItems(e.nip, e.roleGrants)]),
  ]);
  const withPlan = plan.employees.filter((e, i) => e.reviewerNip && i % 13 !== 5);
  await batchWrite(
    db,
    withPlan.map((e) => ({ put: planItem(approvedPlanFor(e, 2026)) })),
  );
};

describe('jobs whose DynamoDB goes away half-way', () => {
  it('open-monthly-cycle', async () => {
    const t0 = Date.now();
    const dataDir = mkdtempSync(join(tmpdir(), 'sinergi-fault-'));
    tempDirs.push(dataDir);
    let dynamo = await startDynamo({ port: 0, dataDir });
    running.push(dynamo);
    const table = 'sinergi';
    await ensureTable(dynamo.endpoint, table);
    const prep = useLocalDynamo(dynamo.endpoint, table);
    await prepareCycle(prep);
    console.log('prepared', Date.now() - t0);
    const cleanTable = `clean-${Date.now()}`;
    const globalEndpoint = inject('dynamoEndpoint');
    await ensureTable(globalEndpoint, cleanTable);
    const clean = useLocalDynamo(globalEndpoint, cleanTable);
    const items = await scanAll(dynamo.endpoint, table);
    await putAll(clean, items);
    console.log('copied', items.length, Date.now() - t0);
    const event: ScheduledEvent = scheduledEvent('open-monthly-cycle', new Date('2026-11-30T17:05:00Z'));
    const writes = watchWrites(jobDb(), () => {});
    const out = await openMonthlyCycle(event);
    console.log('clean run', writes(), JSON.stringify(out), Date.now() - t0);

    useLocalDynamo(dynamo.endpoint, table);
    const half = Math.floor(writes() / 2);
    const d = dynamo;
    watchWrites(jobDb(), async (n) => {
      if (n === half) await d.stop();
    });
    const cap = captureOutput();
    const started = Date.now();
    let error: unknown;
    try {
      await openMonthlyCycle(event);
    } catch (e) {
      error = e;
    } finally {
      cap.restore();
    }
    console.log('failed after', Date.now() - started, error, cap.lines.slice(-5));
    await new Promise((r) => setTimeout(r, 8000));
    dynamo = await startDynamo({ port: dynamo.port, dataDir });
    running.push(dynamo);
    const partial = await scanAll(dynamo.endpoint, table);
    console.log('partial', partial.filter((i) => i.type === 'ASSESSMENT').length);
    const again = await openMonthlyCycle(event);
    console.log('rerun', JSON.stringify(again), Date.now() - t0);
  }, 120_000);
});
