/** Job complaint-sla (every 15 minutes): the escalation ladder and the auto-close, from the due index. */
import { runComplaintSla } from '../../shared/complaints/sla.js';
import { db } from '../../shared/platform/dynamo.js';
import { scheduledJob } from '../../shared/platform/job.js';
import { logger } from '../../shared/platform/logger.js';

export { runComplaintSla };

export const handler = scheduledJob('complaint-sla', async (now, event) => {
  const counts = await runComplaintSla({ db: db() }, now);
  logger.info('complaint-sla', { time: event.time, ...counts });
  return counts;
});
