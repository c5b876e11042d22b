/** Job complaint-sla (every 15 minutes): the escalation ladder and the auto-close, from the due index. */
import type { ScheduledEvent } from 'aws-lambda';
import { runComplaintSla } from '../../shared/complaints/sla.js';
import { db } from '../../shared/platform/dynamo.js';
import { logger } from '../../shared/platform/logger.js';

export { runComplaintSla };

export const handler = async (event: ScheduledEvent) => {
  const now = new Date(event.time);
  const counts = await runComplaintSla({ db: db() }, now);
  logger.info('complaint-sla', { time: event.time, ...counts });
  return counts;
};
