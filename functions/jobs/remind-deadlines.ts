/** Daily: reminds employees and reviewers of performance deadlines in 3 days or fewer. */
import type { ScheduledEvent } from 'aws-lambda';
import { remindDeadlines } from '../../shared/performance/cycle.js';
import { db } from '../../shared/platform/dynamo.js';
import { systemIds } from '../../shared/platform/ids.js';

/** The scheduled event's time is the job's clock (a rerun for a past time behaves as it would have then). */
export const handler = async (event: ScheduledEvent) => {
  const time = new Date(event.time);
  return remindDeadlines({ db: db(), clock: () => time, ids: systemIds });
};
