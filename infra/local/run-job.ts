/**
 * npm run job -- <name> [--time ISO]
 * Runs one scheduled job now, as EventBridge would, with that event time (default: now), against
 * the running local system (DynamoDB Local on DYNAMODB_PORT).
 */
import { jobs } from '../../functions/catalog.js';
import { argValue, dynamoAnswers, dynamoEndpoint, useLocalDynamo } from './env.js';
import { isJob, runJob } from './jobs.js';

const main = async () => {
  const args = process.argv.slice(2);
  const name = args.find((a) => !a.startsWith('--') && a !== argValue(args, '--time'));
  if (!name || !isJob(name)) {
    process.stderr.write(
      `usage: npm run job -- <name> [--time ISO]\njobs: ${Object.keys(jobs).join(', ') || '(none yet)'}\n`,
    );
    process.exit(2);
  }
  const timeArg = argValue(args, '--time');
  const time = timeArg ? new Date(timeArg) : new Date();
  if (Number.isNaN(time.getTime())) {
    process.stderr.write(`--time ${timeArg} is not an ISO date-time\n`);
    process.exit(2);
  }
  const db = useLocalDynamo(dynamoEndpoint());
  if (!(await dynamoAnswers(db))) {
    process.stderr.write(
      `DynamoDB Local does not answer at ${dynamoEndpoint()}: start the system first (npm start).\n`,
    );
    process.exit(2);
  }
  process.env.LOG_LEVEL ??= 'INFO';
  const started = Date.now();
  const result = await runJob(name, time);
  process.stdout.write(
    `job ${name} @ ${time.toISOString()} done in ${Date.now() - started} ms: ${JSON.stringify(result ?? {})}\n`,
  );
};

main().catch((e) => {
  process.stderr.write(`job failed: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
