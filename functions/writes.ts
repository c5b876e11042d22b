/**
 * What each function may write: the partition-key prefixes of the items it owns, and of those it
 * writes on purpose (every area notifies; performance opens development plans; collaboration
 * attaches evidence to assessments). Plain data like the catalog, no CDK import: the stack turns
 * each list into a `dynamodb:LeadingKeys` condition on the function's write grant, and the tests
 * check that no function can touch another area's items.
 *
 * The prefixes come from the stores themselves (each exports KEY_PREFIXES next to its key
 * builders), so a key renamed in a store moves its grant with it.
 */
import { KEY_PREFIXES as CALENDAR } from '../shared/calendar/store.js';
import { KEY_PREFIXES as FORUMS } from '../shared/collaboration/forum-store.js';
import { KEY_PREFIXES as PRACTICES } from '../shared/collaboration/practice-store.js';
import { KEY_PREFIXES as PROTOCOLS } from '../shared/collaboration/protocol-store.js';
import { KEY_PREFIXES as COMPLAINTS } from '../shared/complaints/store.js';
import { KEY_PREFIXES as DEVELOPMENT_PLANS } from '../shared/development/plan-store.js';
import { KEY_PREFIXES as DEVELOPMENT_REPORT } from '../shared/development/report.js';
import { KEY_PREFIXES as TRAININGS } from '../shared/development/training-store.js';
import { KEY_PREFIXES as DOCUMENTS } from '../shared/documents/store.js';
import { KEY_PREFIXES as ORGANISATION } from '../shared/employees/store.js';
import { KEY_PREFIXES as TPP } from '../shared/incentives/store.js';
import { KEY_PREFIXES as NOTIFICATIONS } from '../shared/notifications/store.js';
import { KEY_PREFIXES as PERFORMANCE } from '../shared/performance/store.js';
import type { AreaFunction, JobDef, RouteDef } from '../shared/platform/route.js';
import { jobs, routes } from './catalog.js';

/** Every module that owns items, by name: what the ownership tests walk. */
export const OWNERS = {
  organisation: ORGANISATION,
  calendar: CALENDAR,
  notifications: NOTIFICATIONS,
  performance: PERFORMANCE,
  developmentPlans: DEVELOPMENT_PLANS,
  developmentReport: DEVELOPMENT_REPORT,
  trainings: TRAININGS,
  tpp: TPP,
  complaints: COMPLAINTS,
  forums: FORUMS,
  practices: PRACTICES,
  protocols: PROTOCOLS,
  documents: DOCUMENTS,
} as const;

export type Owner = keyof typeof OWNERS;

const of = (...owners: Owner[]): readonly string[] => owners.flatMap((o) => OWNERS[o]);

/** Area functions: the docs function writes nothing (and gets no table at all). */
export const AREA_WRITES: Record<AreaFunction, readonly string[]> = {
  employees: of('organisation', 'calendar', 'notifications'),
  performance: of('performance', 'developmentPlans', 'notifications'),
  incentives: of('tpp', 'notifications'),
  complaints: of('complaints', 'notifications'),
  open311: of('complaints', 'notifications'),
  development: of('trainings', 'developmentPlans', 'notifications'),
  collaboration: of('forums', 'practices', 'protocols', 'performance', 'notifications'),
  documents: of('documents'),
  docs: [],
};

/** Scheduled jobs (read-only jobs of the catalog get no write grant whatever is listed here). */
export const JOB_WRITES: Record<keyof typeof jobs, readonly string[]> = {
  'open-monthly-cycle': of('performance', 'developmentPlans', 'notifications'),
  // applies the agency moves due today first (the employee, the old agency's grants, the marker)
  'close-assessments': of('organisation', 'performance', 'developmentPlans', 'notifications'),
  'remind-deadlines': of('performance', 'notifications'),
  // closes the month's overdue assessments first (as close-assessments does), then computes
  'tpp-monthly': of('tpp', 'performance', 'developmentPlans', 'notifications'),
  'complaint-sla': of('complaints', 'notifications'),
  'jp-monitor': of('developmentReport', 'notifications'),
  'forum-action-reminders': of('forums', 'notifications'),
};

/** Does a partition key fall under one of these prefixes (as IAM's StringLike `PREFIX*` reads it)? */
export const mayWrite = (prefixes: readonly string[], pk: string): boolean =>
  prefixes.some((p) => pk.startsWith(p));

/** What an area function is granted: its list when it has a write route, nothing otherwise. */
export const areaWrites = (fn: AreaFunction): readonly string[] =>
  (Object.values(routes) as RouteDef[]).some((r) => r.fn === fn && r.access === 'write')
    ? AREA_WRITES[fn]
    : [];

/** What a job is granted: its list when the catalog says it writes, nothing otherwise. */
export const jobWrites = (name: string): readonly string[] => {
  const job = (jobs as Record<string, JobDef>)[name];
  return job?.access === 'write' ? (JOB_WRITES[name as keyof typeof JOB_WRITES] ?? []) : [];
};
