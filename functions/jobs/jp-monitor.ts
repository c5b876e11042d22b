/** Monthly job: per agency, the PNS behind the pro-rata pace towards 20 JP; the agency admins are told. */
import { runJpMonitor } from '../../shared/development/report.js';
import { db } from '../../shared/platform/dynamo.js';
import { systemIds } from '../../shared/platform/ids.js';
import { scheduledJob } from '../../shared/platform/job.js';

export const handler = scheduledJob('jp-monitor', (time) =>
  runJpMonitor({ db: db(), clock: () => time, ids: systemIds }),
);
