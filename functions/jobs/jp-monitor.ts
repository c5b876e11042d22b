/** Monthly job: per agency, the PNS behind the pro-rata pace towards 20 JP; the agency admins are told. */
import type { ScheduledEvent } from 'aws-lambda';
import { runJpMonitor } from '../../shared/development/report.js';
import { db } from '../../shared/platform/dynamo.js';
import { systemIds } from '../../shared/platform/ids.js';

export const handler = async (event: ScheduledEvent) => {
  const time = new Date(event.time);
  return runJpMonitor({ db: db(), clock: () => time, ids: systemIds });
};
