/**
 * npm start [-- --in-memory] [-- --employees N]
 * DynamoDB Local (data in .data/ unless --in-memory) → the table → demo data on first start →
 * the local gateway on PORT (3000) → the local scheduler. Ctrl-C (or SIGTERM) stops all of it;
 * a watchdog stops DynamoDB Local even if this process is killed outright.
 */
import { join } from 'node:path';
import { jobs } from '../../functions/catalog.js';
import { ensureTable, startDynamo } from './dynamodb.js';
import { argValue, DATA_DIR, dynamoPort, gatewayPort, KEYS_FILE, TABLE_NAME, useLocalDynamo } from './env.js';
import { runJob } from './jobs.js';
import { loadOrCreateKeys } from './keys.js';
import { startScheduler } from './scheduler.js';
import { getDemoUsers, seed } from './seed.js';
import { startSite } from './site.js';
import { cognitoPort, startLocalStreams } from './stream-consumers.js';
import { guardedLoader } from './write-guard.js';

process.env.LOG_LEVEL ??= 'WARN';

// A closed terminal or pipe (EPIPE) must not turn every log line into another uncaught error.
process.stdout.on('error', () => undefined);
const log = (line: string) => {
  if (process.stdout.writable) process.stdout.write(`${line}\n`);
};

const main = async () => {
  const args = process.argv.slice(2);
  const inMemory = args.includes('--in-memory');
  const employees = Number(argValue(args, '--employees') ?? 1500);
  if (!Number.isInteger(employees) || employees < 200 || employees > 100_000) {
    log('--employees must be a whole number between 200 and 100000');
    process.exit(2);
  }
  const stops: Array<() => Promise<void>> = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('\nStopping…');
    // Each part gets a few seconds (a job still running is abandoned, as Lambda would on shutdown).
    for (const stop of stops.reverse()) {
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, 5000).unref());
      await Promise.race([stop(), timeout]).catch((e) => log(`  stop failed: ${(e as Error).message}`));
    }
    log('Stopped.');
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  process.on('SIGHUP', () => void stopAll(0));
  // If whoever started us dies without a word (npm killed with SIGKILL), we are re-parented: stop too.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) {
      log('The parent process is gone.');
      void stopAll(0);
    }
  }, 1000).unref();
  process.on('uncaughtException', (e) => {
    if (stopping) return;
    log(`Fatal: ${e.stack ?? e}`);
    void stopAll(1);
  });

  try {
    log(
      `Starting DynamoDB Local on port ${dynamoPort()} (${inMemory ? 'in memory' : `data in ${join(DATA_DIR, 'dynamodb')}`})…`,
    );
    const dynamo = await startDynamo({
      port: dynamoPort(),
      dataDir: inMemory ? undefined : join(DATA_DIR, 'dynamodb'),
      progress: log,
    });
    stops.push(() => dynamo.stop());
    const db = useLocalDynamo(dynamo.endpoint, TABLE_NAME);
    await ensureTable(dynamo.endpoint, TABLE_NAME);

    let demo = await getDemoUsers(db);
    if (!demo) {
      log(`Seeding demo data: Semarang's agencies and ${employees} employees…`);
      const started = Date.now();
      let lastShown = 0;
      const result = await seed(db, {
        employees,
        onArea: (area) => log(`  demo data of ${area}…`),
        progress: (done, total) => {
          if (done === total || Date.now() - lastShown > 1000) {
            lastShown = Date.now();
            log(`  ${done}/${total} items`);
          }
        },
      });
      log(
        `Seeded ${result.agencies} agencies, ${result.units} units, ${result.employees} employees in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
      );
      demo = result.demo;
      const complaints = (result.areas.complaints ?? []) as Array<{
        trackingCode: string;
        privacy: string;
        reporterSecret: string;
      }>;
      const shown = ['PUBLIC', 'CONFIDENTIAL']
        .map((p) => complaints.find((c) => c.privacy === p))
        .filter((c) => !!c);
      if (shown.length) {
        log(
          'Demo complaints, as their reporters see them (the secret is shown only now, as to a real reporter):',
        );
        for (const c of shown) {
          log(
            `  curl -H "X-Reporter-Secret: ${c.reporterSecret}" http://localhost:${gatewayPort()}/v1/public/complaints/${c.trackingCode}   (${c.privacy})`,
          );
        }
      }
    }

    const keys = await loadOrCreateKeys(KEYS_FILE);
    const site = await startSite({
      port: gatewayPort(),
      host: '0.0.0.0',
      keys,
      db: () => db,
      loadHandler: guardedLoader,
      log: (line) => log(line),
      requestLog: (line) => log(`  ${line}`),
    });
    const { gateway } = site;
    stops.push(() => site.close());
    // Work that follows a write (the user sync to Cognito) runs from the table's stream, as in AWS.
    const streams = await startLocalStreams({
      dynamoEndpoint: dynamo.endpoint,
      table: TABLE_NAME,
      dataDir: inMemory ? undefined : DATA_DIR,
      log: (line) => log(`  ${line}`),
    });
    stops.push(() => streams.stop());
    const scheduler = startScheduler({
      jobs,
      run: async (name, time) => {
        log(`  job ${name} @ ${time.toISOString()}`);
        await runJob(name, time);
      },
      log: (line: string) => log(`  ${line}`),
    });
    stops.push(() => scheduler.stop());

    const url = `http://localhost:${gateway.port}`;
    log('');
    log(`Sinergi is running: ${url}   (the web app: open it in a browser)`);
    log(
      `  Sign in         ${url}/ → "Masuk (pegawai)": pick a demo user on the local OpenID Provider (${site.issuer})`,
    );
    log(`  API reference   ${url}/docs   (OpenAPI: ${url}/openapi.json)`);
    log(`  DynamoDB Local  ${dynamo.endpoint}   table ${TABLE_NAME}`);
    log(`  Scheduler       ${Object.keys(jobs).length} jobs on their EventBridge schedules (UTC)`);
    log(
      `  Cognito (local) http://127.0.0.1:${cognitoPort()}   user pool ${streams.userPoolId} (cognito-local; employees synced from the stream)`,
    );
    log('');
    log('Get a token and call the API (in another terminal):');
    log(`  TOKEN=$(npm run -s token -- --role EMPLOYEE)`);
    log(`  curl -H "Authorization: Bearer $TOKEN" ${url}/v1/me`);
    log('');
    log('Seeded users to try (npm run -s token -- <NIP>):');
    for (const [role, nip] of Object.entries(demo.roles)) log(`  ${role.padEnd(18)} ${nip}`);
    log(`  ${'supervisor'.padEnd(18)} ${demo.sectionHead}  (pejabat penilai of the EMPLOYEE above)`);
    log('');
    log('Ctrl-C stops everything.');
  } catch (e) {
    log(`Could not start: ${(e as Error).message}`);
    await stopAll(1);
  }
};

void main();
