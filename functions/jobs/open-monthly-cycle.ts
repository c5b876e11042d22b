/** 00:05 WIB on the 1st: opens the month's cycle (and in January the past year's annual cycle). */
import { openScheduledCycles } from '../../shared/performance/cycle.js';
import { db } from '../../shared/platform/dynamo.js';
import { systemIds } from '../../shared/platform/ids.js';
import { scheduledJob } from '../../shared/platform/job.js';

/** The scheduled event's time is the job's clock (a rerun for a past time behaves as it would have then). */
export const handler = scheduledJob('open-monthly-cycle', (time) =>
  openScheduledCycles({ db: db(), clock: () => time, ids: systemIds }),
);
