/**
 * Daily 00:05 WIB: first the agency moves that come into force today (the old agency's role
 * grants go), then the assessments past their deadlines (NOT_SUBMITTED; reviews auto-closed as
 * BAIK) and the re-homing after a reviewer change.
 */
import { applyDueMoves } from '../../shared/employees/moves.js';
import { closeAssessments } from '../../shared/performance/cycle.js';
import { db } from '../../shared/platform/dynamo.js';
import { systemIds } from '../../shared/platform/ids.js';
import { scheduledJob } from '../../shared/platform/job.js';

/** The scheduled event's time is the job's clock (a rerun for a past time behaves as it would have then). */
export const handler = scheduledJob('close-assessments', async (time) => {
  const deps = { db: db(), clock: () => time, ids: systemIds };
  const moves = await applyDueMoves(deps);
  return { ...(await closeAssessments(deps)), movesApplied: moves.applied };
});
