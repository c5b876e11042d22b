/** Daily: closes assessments past their deadlines (NOT_SUBMITTED; reviews auto-closed as BAIK). */
import { closeAssessments } from '../../shared/performance/cycle.js';
import { db } from '../../shared/platform/dynamo.js';
import { systemIds } from '../../shared/platform/ids.js';
import { scheduledJob } from '../../shared/platform/job.js';

/** The scheduled event's time is the job's clock (a rerun for a past time behaves as it would have then). */
export const handler = scheduledJob('close-assessments', (time) =>
  closeAssessments({ db: db(), clock: () => time, ids: systemIds }),
);
