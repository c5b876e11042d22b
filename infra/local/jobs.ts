/**
 * Runs a scheduled job's Lambda handler in this process with the event EventBridge would send.
 */
import { randomUUID } from 'node:crypto';
import type { ScheduledEvent } from 'aws-lambda';
import { jobs } from '../../functions/catalog.js';
import { jobWrites } from '../../functions/writes.js';
import { asFunction } from './write-guard.js';

type JobHandler = (event: ScheduledEvent) => Promise<unknown>;

export const scheduledEvent = (name: string, time: Date): ScheduledEvent => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '000000000000',
  // EventBridge sends the rule's minute, without milliseconds
  time: `${time.toISOString().slice(0, 19)}Z`,
  region: 'local',
  resources: [`arn:aws:events:local:000000000000:rule/sinergi-${name}`],
  detail: {},
});

export const isJob = (name: string): name is keyof typeof jobs => Object.hasOwn(jobs, name);

export const runJob = async (name: string, time: Date): Promise<unknown> => {
  if (!isJob(name))
    throw new Error(`unknown job "${name}"; jobs: ${Object.keys(jobs).join(', ') || '(none)'}`);
  const mod = (await import(`../../functions/jobs/${name}.ts`)) as { handler: JobHandler };
  // with the job's write grant, as its role has in AWS
  return asFunction(name, jobWrites(name), () => mod.handler(scheduledEvent(name, time)));
};
