/** Weekly job: reminds owner agencies' admins of overdue forum action items (once per item and week). */
import type { ScheduledEvent } from 'aws-lambda';
import { runForumActionReminders } from '../../shared/collaboration/forums.js';
import { db } from '../../shared/platform/dynamo.js';
import { systemIds } from '../../shared/platform/ids.js';

export const handler = async (event: ScheduledEvent) => {
  const time = new Date(event.time);
  return runForumActionReminders({ db: db(), clock: () => time, ids: systemIds });
};
