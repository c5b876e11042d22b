import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import {
  checkJava,
  createTableInput,
  type DynamoLocal,
  DynamoLocalError,
  deleteTable,
  ensureTable,
  startDynamo,
  startTimeoutFromEnv,
} from '../../infra/local/dynamodb.js';
import { GSI_NAMES } from '../../shared/platform/table.js';

const TABLE = 'sinergi-test';
/**
 * The limit of a test that starts Java: a start takes 2 s on an idle machine and can take 30 s or
 * more on a busy one (startDynamo waits adaptively); this only catches a hang.
 */
const JAVA_TEST_LIMIT = 240_000;
const started: DynamoLocal[] = [];
const tempDirs: string[] = [];

afterAll(async () => {
  await Promise.all(started.map((d) => d.stop()));
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

const start = async (options: Parameters<typeof startDynamo>[0] = {}) => {
  const d = await startDynamo(options);
  started.push(d);
  return d;
};

/** Alive = exists and is not a zombie (a killed orphan may wait for init to reap it). */
const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).charAt(0) !== 'Z';
  } catch {
    return true; // no /proc (macOS): kill -0 is all we have
  }
};

const waitUntilGone = async (pid: number, withinMs: number): Promise<boolean> => {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
};

const docClient = (endpoint: string) =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: 'local',
      endpoint,
      credentials: { accessKeyId: 'other', secretAccessKey: 'other' },
    }),
  );

const listen = (port = 0): Promise<Server> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port, host: '127.0.0.1' }, () => resolve(server));
  });

describe('startDynamo', () => {
  it(
    'starts in memory on a free port, creates the table, puts and gets, and stop() leaves no process',
    async () => {
      const lines: string[] = [];
      const dynamo = await start({ log: (line) => lines.push(line) });
      expect(dynamo.port).toBeGreaterThan(0);
      expect(dynamo.endpoint).toBe(`http://127.0.0.1:${dynamo.port}`);
      expect(isAlive(dynamo.pid)).toBe(true);
      expect(dynamo.watchdogPid).toBeTypeOf('number');
      expect(isAlive(dynamo.watchdogPid as number)).toBe(true);
      expect(lines.join('\n')).toMatch(/InMemory:\s+true/);
      expect(lines.join('\n')).toMatch(/SharedDb:\s+true/);

      expect(await ensureTable(dynamo.endpoint, TABLE)).toEqual({ created: true });
      expect(await ensureTable(dynamo.endpoint, TABLE)).toEqual({ created: false });

      const raw = new DynamoDBClient({
        region: 'local',
        endpoint: dynamo.endpoint,
        credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
      });
      const table = (await raw.send(new DescribeTableCommand({ TableName: TABLE }))).Table;
      expect(table?.TableStatus).toBe('ACTIVE');
      expect(table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
      expect(table?.KeySchema).toEqual([
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ]);
      expect(table?.GlobalSecondaryIndexes?.map((g) => g.IndexName).sort()).toEqual([...GSI_NAMES]);
      for (const g of table?.GlobalSecondaryIndexes ?? []) {
        expect(g.Projection?.ProjectionType).toBe('ALL');
        expect(g.KeySchema).toEqual([
          { AttributeName: `${g.IndexName}pk`, KeyType: 'HASH' },
          { AttributeName: `${g.IndexName}sk`, KeyType: 'RANGE' },
        ]);
      }
      // ensureTable also accepts a client
      expect(await ensureTable(raw, TABLE)).toEqual({ created: false });
      raw.destroy();

      // other credentials see the same table (-sharedDb)
      const doc = docClient(dynamo.endpoint);
      const item = {
        pk: 'EMP#199001012020121001',
        sk: 'PROFILE',
        gsi3pk: 'AGENCY#DISKOMINFO',
        gsi3sk: 'NAME#Sari',
        name: 'Sari',
      };
      await doc.send(new PutCommand({ TableName: TABLE, Item: item }));
      const got = await doc.send(new GetCommand({ TableName: TABLE, Key: { pk: item.pk, sk: item.sk } }));
      expect(got.Item).toEqual(item);
      const byIndex = await doc.send(
        new QueryCommand({
          TableName: TABLE,
          IndexName: 'gsi3',
          KeyConditionExpression: 'gsi3pk = :pk',
          ExpressionAttributeValues: { ':pk': 'AGENCY#DISKOMINFO' },
        }),
      );
      expect(byIndex.Items).toEqual([item]);
      doc.destroy();

      expect(await deleteTable(dynamo.endpoint, TABLE)).toEqual({ deleted: true });
      expect(await deleteTable(dynamo.endpoint, TABLE)).toEqual({ deleted: false });

      await dynamo.stop();
      expect(isAlive(dynamo.pid)).toBe(false);
      expect(() => process.kill(dynamo.pid, 0)).toThrow(/ESRCH/);
      expect(await waitUntilGone(dynamo.watchdogPid as number, 20_000)).toBe(true);
      await dynamo.stop(); // a second stop is harmless
    },
    JAVA_TEST_LIMIT,
  );

  it(
    'fails clearly when the port is taken, naming the port and DYNAMODB_PORT',
    async () => {
      const server = await listen();
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      try {
        const error = await startDynamo({ port }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DynamoLocalError);
        expect((error as Error).message).toContain(`Port ${port} is already in use`);
        expect((error as Error).message).toContain('DYNAMODB_PORT');
      } finally {
        await new Promise((r) => server.close(r));
      }
    },
    JAVA_TEST_LIMIT,
  );

  it(
    'fails clearly on a port taken by another DynamoDB Local instead of talking to it',
    async () => {
      const first = await start();
      const error = await startDynamo({ port: first.port }).catch((e: unknown) => e);
      expect((error as Error).message).toContain(`Port ${first.port} is already in use`);
      await first.stop();
    },
    JAVA_TEST_LIMIT,
  );

  it('rejects an invalid port', async () => {
    await expect(startDynamo({ port: 70_000 })).rejects.toThrow(/DYNAMODB_PORT/);
    await expect(startDynamo({ port: 1.5 })).rejects.toThrow(/Invalid DynamoDB Local port/);
  });

  it(
    'waits while Java works, tells what it waits for, and gives up early on a Java that does nothing',
    async () => {
      // a JVM that waits for a debugger before running anything: alive, listening nowhere, no CPU used
      const messages: string[] = [];
      const began = Date.now();
      const error = (await startDynamo({
        javaOptions: '-agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=127.0.0.1:0',
        stallTimeoutMs: 4_000,
        startTimeoutMs: 200_000,
        progressEveryMs: 500,
        progress: (m) => messages.push(m),
      }).catch((e: unknown) => e)) as DynamoLocalError;
      expect(error).toBeInstanceOf(DynamoLocalError);
      expect(error.message).toMatch(
        /did not answer on http:\/\/127\.0\.0\.1:\d+ within \d+ s, and Java \(pid \d+\) has used no CPU for the last 4 s: it looks stuck/,
      );
      expect(Date.now() - began, 'gave up long before the overall limit').toBeLessThan(150_000);
      expect(isAlive(error.pid as number)).toBe(false);
      expect(messages.length).toBeGreaterThan(0);
      expect(messages[0]).toMatch(
        /^Still waiting for DynamoDB Local \(Java, pid \d+\) to answer on http:\/\/127\.0\.0\.1:\d+: \d+ s so far, Java is (working|idle); giving up after 200 s \(DYNAMODB_START_TIMEOUT\)\.$/,
      );
    },
    JAVA_TEST_LIMIT,
  );

  it('reads the longest wait from DYNAMODB_START_TIMEOUT (seconds), 300 s by default', () => {
    expect(startTimeoutFromEnv({})).toBe(300_000);
    expect(startTimeoutFromEnv({ DYNAMODB_START_TIMEOUT: '600' })).toBe(600_000);
    expect(startTimeoutFromEnv({ DYNAMODB_START_TIMEOUT: '2.5' })).toBe(2_500);
    for (const bad of ['0', '-5', 'lama', '10s']) {
      expect(() => startTimeoutFromEnv({ DYNAMODB_START_TIMEOUT: bad })).toThrow(
        new RegExp(
          `Invalid DYNAMODB_START_TIMEOUT=${bad}: give the longest wait for DynamoDB Local in seconds`,
        ),
      );
    }
  });

  it(
    'times out with a clear error, the output so far, and no process left',
    async () => {
      const error = (await startDynamo({ startTimeoutMs: 1 }).catch((e: unknown) => e)) as DynamoLocalError;
      expect(error).toBeInstanceOf(DynamoLocalError);
      expect(error.message).toMatch(/did not answer on http:\/\/127\.0\.0\.1:\d+ within/);
      expect(error.pid).toBeTypeOf('number');
      expect(isAlive(error.pid as number)).toBe(false);
    },
    JAVA_TEST_LIMIT,
  );

  it(
    'kills Java when the Node process that started it is killed with SIGKILL',
    async () => {
      const fixture = fileURLToPath(new URL('./fixtures/start-dynamo.ts', import.meta.url));
      const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      });
      let stderr = '';
      child.stderr?.on('data', (d) => {
        stderr += d;
      });
      const exited = new Promise((r) => child.once('exit', r));
      try {
        const firstLine = await new Promise<string>((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error(`fixture did not start within 200 s: ${stderr}`)),
            200_000,
          );
          createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', (line) => {
            clearTimeout(timer);
            resolve(line);
          });
          child.once('exit', (code) => reject(new Error(`fixture exited (${code}): ${stderr}`)));
        });
        const info = JSON.parse(firstLine) as { pid: number; watchdogPid: number; endpoint: string };
        expect(isAlive(info.pid)).toBe(true);
        expect(isAlive(info.watchdogPid)).toBe(true);
        // it really is serving
        expect(await ensureTable(info.endpoint, TABLE)).toEqual({ created: true });

        child.kill('SIGKILL');
        await exited;
        expect(await waitUntilGone(info.pid, 30_000)).toBe(true);
        expect(await waitUntilGone(info.watchdogPid, 20_000)).toBe(true);
      } finally {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    },
    JAVA_TEST_LIMIT,
  );

  it(
    'the watchdog exits by itself when Java exits, and stop() still resolves',
    async () => {
      const dynamo = await start();
      const watchdogPid = dynamo.watchdogPid as number;
      expect(isAlive(watchdogPid)).toBe(true);
      process.kill(dynamo.pid, 'SIGKILL');
      expect(await waitUntilGone(dynamo.pid, 20_000)).toBe(true);
      expect(await waitUntilGone(watchdogPid, 20_000)).toBe(true);
      await dynamo.stop();
    },
    JAVA_TEST_LIMIT,
  );

  it(
    'keeps data in dataDir across a stop and a start',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sinergi-ddb-'));
      tempDirs.push(dir);
      const dataDir = join(dir, 'nested', 'data'); // created if missing
      const item = { pk: 'AGENCY#BKPP', sk: 'PROFILE', name: 'Badan Kepegawaian, Pendidikan dan Pelatihan' };

      const first = await start({ dataDir });
      expect(await ensureTable(first.endpoint, TABLE)).toEqual({ created: true });
      const doc1 = docClient(first.endpoint);
      await doc1.send(new PutCommand({ TableName: TABLE, Item: item }));
      doc1.destroy();
      await first.stop();
      expect(isAlive(first.pid)).toBe(false);

      const second = await start({ dataDir });
      expect(await ensureTable(second.endpoint, TABLE)).toEqual({ created: false });
      const doc2 = docClient(second.endpoint);
      const got = await doc2.send(new GetCommand({ TableName: TABLE, Key: { pk: item.pk, sk: item.sk } }));
      expect(got.Item).toEqual(item);
      doc2.destroy();
      await second.stop();
      expect(isAlive(second.pid)).toBe(false);
    },
    JAVA_TEST_LIMIT,
  );
});

describe('ensureTable on a table that does not match the definition', () => {
  it('refuses with a clear message', async () => {
    const raw = new DynamoDBClient({
      region: 'local',
      endpoint: inject('dynamoEndpoint'),
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    const name = `old-shape-${process.pid}-${Date.now()}`;
    const input = createTableInput(name);
    input.GlobalSecondaryIndexes = input.GlobalSecondaryIndexes?.slice(0, 3);
    input.AttributeDefinitions = input.AttributeDefinitions?.filter(
      (a) => !/^gsi[45]/.test(a.AttributeName ?? ''),
    );
    await raw.send(new CreateTableCommand(input));
    await expect(ensureTable(raw, name)).rejects.toThrow(/index gsi4 is missing; index gsi5 is missing/);
    await deleteTable(raw, name);
    raw.destroy();
  });
});

describe('checkJava', () => {
  it('finds Java 17+ here', async () => {
    expect(await checkJava()).toBeGreaterThanOrEqual(17);
  });

  it('says how to install Java when it is missing', async () => {
    await expect(checkJava('java-that-does-not-exist-here')).rejects.toThrow(
      /apt-get install -y openjdk-17-jre-headless/,
    );
  });

  it('startDynamo fails before spawning anything when java is not on the PATH', async () => {
    const path = process.env.PATH;
    const empty = mkdtempSync(join(tmpdir(), 'sinergi-nojava-'));
    tempDirs.push(empty);
    process.env.PATH = empty;
    try {
      await expect(startDynamo()).rejects.toThrow(/Java was not found.*openjdk-17-jre-headless/s);
    } finally {
      process.env.PATH = path;
    }
  });
});
