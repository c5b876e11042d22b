/**
 * The wrapper of every scheduled job's Lambda handler. The event's time is the job's clock (a
 * retried or replayed event computes what it would have then). A failure is logged once, as one
 * ERROR line naming the job, the event and the cause (the error with its code and, for a DynamoDB
 * call, the SDK's attempts), then rethrown: the invocation fails and EventBridge retries it (then
 * the dead-letter queue). Every job is idempotent and resumable, so a retry finishes the work.
 */
import type { ScheduledEvent } from 'aws-lambda';
import { logger } from './logger.js';

export const scheduledJob =
  <R>(job: string, run: (time: Date, event: ScheduledEvent) => Promise<R>) =>
  async (event: ScheduledEvent): Promise<R> => {
    try {
      return await run(new Date(event.time), event);
    } catch (e) {
      logger.error('job failed', { job, eventTime: event.time, eventId: event.id, error: e as Error });
      throw e;
    }
  };
