/**
 * Job tpp-monthly (00:05 WIB on the 11th): computes the DRAFT TPP run of the previous month for
 * every agency. Idempotent and resumable: run twice, or again after a crash, it leaves one run
 * per agency and month with the same lines; a month already submitted or approved is left alone.
 */
import { computeAllAgencies } from '../../shared/incentives/compute.js';
import { previousPeriod } from '../../shared/incentives/rules.js';
import { closeAssessments } from '../../shared/performance/cycle.js';
import { wibDate } from '../../shared/platform/clock.js';
import { db } from '../../shared/platform/dynamo.js';
import type { Deps } from '../../shared/platform/http.js';
import { systemIds } from '../../shared/platform/ids.js';
import { scheduledJob } from '../../shared/platform/job.js';
import { logger } from '../../shared/platform/logger.js';

/** The month a run at `time` computes: the one before the WIB month of the event. */
export const periodFor = (time: Date): string => previousPeriod(wibDate(time).slice(0, 7));

/**
 * The drafts must see the month closed: close-assessments fires at the same minute, and which
 * Lambda starts first is chance. So this job first closes what is past its deadline itself (the
 * same idempotent, version-guarded closing; whichever job gets there second finds nothing to do),
 * and only then computes. Either order gives the same lines.
 */
export const runTppMonthly = async (deps: Deps) => {
  await closeAssessments(deps);
  const period = periodFor(deps.clock());
  const out = await computeAllAgencies(deps, period, { log: (line) => logger.info(line) });
  logger.info('tpp-monthly done', { ...out, skipped: out.skipped.length });
  return out;
};

export const handler = scheduledJob('tpp-monthly', (time) =>
  runTppMonthly({ db: db(), clock: () => time, ids: systemIds }),
);
