/** Daily: reminds employees and reviewers of performance deadlines in 3 days or fewer. */
import { remindDeadlines } from '../../shared/performance/cycle.js';
import { db } from '../../shared/platform/dynamo.js';
import { systemIds } from '../../shared/platform/ids.js';
import { scheduledJob } from '../../shared/platform/job.js';

/** The scheduled event's time is the job's clock (a rerun for a past time behaves as it would have then). */
export const handler = scheduledJob('remind-deadlines', (time) =>
  remindDeadlines({ db: db(), clock: () => time, ids: systemIds }),
);
