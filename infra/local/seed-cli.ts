/**
 * npm run seed -- --employees N
 * Seeds the running local system (or, if none runs, DynamoDB Local on .data/ started for the
 * purpose). Deterministic: the same N gives the same people; running it again rewrites them.
 */
import { join } from 'node:path';
import { ensureTable, startDynamo } from './dynamodb.js';
import {
  argValue,
  DATA_DIR,
  dynamoAnswers,
  dynamoEndpoint,
  dynamoPort,
  TABLE_NAME,
  useLocalDynamo,
} from './env.js';
import { seed } from './seed.js';

const main = async () => {
  const args = process.argv.slice(2);
  const employees = Number(argValue(args, '--employees') ?? 1500);
  if (!Number.isInteger(employees) || employees < 200 || employees > 100_000) {
    process.stderr.write('--employees must be a whole number between 200 and 100000\n');
    process.exit(2);
  }
  let endpoint = dynamoEndpoint();
  let stop: (() => Promise<void>) | undefined;
  if (!(await dynamoAnswers(useLocalDynamo(endpoint)))) {
    process.stdout.write(`No DynamoDB Local at ${endpoint}; starting one on .data/ for this seed…\n`);
    const dynamo = await startDynamo({
      port: dynamoPort(),
      dataDir: join(DATA_DIR, 'dynamodb'),
      progress: (message) => process.stdout.write(`${message}\n`),
    });
    endpoint = dynamo.endpoint;
    stop = () => dynamo.stop();
  }
  try {
    const db = useLocalDynamo(endpoint);
    await ensureTable(endpoint, TABLE_NAME);
    const started = Date.now();
    const result = await seed(db, {
      employees,
      onArea: (area) => process.stdout.write(`  demo data of ${area}…\n`),
      progress: (done, total) =>
        process.stdout.write(`  ${done}/${total} items (${Math.round((done / total) * 100)}%)\n`),
    });
    process.stdout.write(
      `Seeded ${result.agencies} agencies, ${result.units} units, ${result.employees} employees (${result.items} items) in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`,
    );
  } finally {
    await stop?.();
  }
};

main().catch((e) => {
  process.stderr.write(`seed failed: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
