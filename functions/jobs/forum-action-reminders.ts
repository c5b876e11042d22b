/** Weekly job: reminds owner agencies' admins of overdue forum action items (once per item and week). */
import { runForumActionReminders } from '../../shared/collaboration/forums.js';
import { db } from '../../shared/platform/dynamo.js';
import { systemIds } from '../../shared/platform/ids.js';
import { scheduledJob } from '../../shared/platform/job.js';

export const handler = scheduledJob('forum-action-reminders', (time) =>
  runForumActionReminders({ db: db(), clock: () => time, ids: systemIds }),
);
