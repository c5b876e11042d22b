import * as z from 'zod/mini';
import { EMPLOYMENT_TYPES } from '../employees/rules.js';
import { id, isoDate, nip, pageOf, pageQuery, text, versionField, yearParam } from '../platform/schemas.js';
import { PREDIKATS, TAG_RE, TRAINING_KINDS, TRAINING_METHODS } from './rules.js';
import { ENROLMENT_STATUSES } from './training-store.js';

/** The API contract of the development area: trainings and JP, development plans. */

export const tag = z.string().check(z.minLength(2), z.maxLength(40), z.regex(TAG_RE));
const instant = z.iso.datetime({ offset: true });

export const trainingIdParam = z.object({ trainingId: id });
export const enrolmentParam = z.object({ trainingId: id, nip });
export const planIdParam = z.object({ planId: id });
export const nipParam = z.object({ nip });
export const agencyIdParam = z.object({ agencyId: id });

export const sessionInput = z.strictObject({
  startsAt: instant,
  endsAt: instant,
  place: text(200),
  capacity: z.int().check(z.gte(1), z.lte(5000)),
});

export const createTrainingBody = z.strictObject({
  title: text(200, 3),
  description: z.optional(text(2000)),
  kind: z.enum(TRAINING_KINDS),
  method: z.enum(TRAINING_METHODS),
  jp: z.int().check(z.gte(1), z.lte(200)),
  tags: z.array(tag).check(z.minLength(1), z.maxLength(10)),
  /** default: the caller's agency (an agency admin); BKPP may organise for any agency */
  organiserAgencyId: z.optional(id),
  sessions: z.array(sessionInput).check(z.minLength(1), z.maxLength(20)),
});

export const listTrainingsQuery = z.strictObject({
  tag: z.optional(tag),
  organiser: z.optional(id),
  from: z.optional(isoDate),
  to: z.optional(isoDate),
  ...pageQuery,
});

export const trainingSummary = z.object({
  trainingId: z.string(),
  title: z.string(),
  kind: z.enum(TRAINING_KINDS),
  method: z.enum(TRAINING_METHODS),
  jp: z.number(),
  tags: z.array(z.string()),
  organiserAgencyId: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
});
export const trainingPage = pageOf(trainingSummary);

export const session = z.object({
  sessionId: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string(),
  capacity: z.number(),
  seats: z.number(),
  waiting: z.number(),
});

export const training = z.object({
  ...trainingSummary.def.shape,
  description: z.optional(z.string()),
  createdBy: z.string(),
  createdAt: z.string(),
  sessions: z.array(session),
});

export const enrolBody = z.strictObject({
  sessionId: id,
  /** whom to enrol: default the caller; an agency admin enrols the employees of their agency */
  nip: z.optional(nip),
  /** when the session is full: take a place on its waiting list (default) or be refused */
  waitlist: z.optional(z.boolean()),
});

export const enrolment = z.object({
  trainingId: z.string(),
  sessionId: z.string(),
  nip: z.string(),
  agencyId: z.string(),
  status: z.enum(ENROLMENT_STATUSES),
  title: z.string(),
  kind: z.enum(TRAINING_KINDS),
  method: z.enum(TRAINING_METHODS),
  jp: z.number(),
  sessionStartsAt: z.string(),
  sessionEndsAt: z.string(),
  enrolledBy: z.string(),
  enrolledAt: z.string(),
  promotedAt: z.optional(z.string()),
  attendedAt: z.optional(z.string()),
  completedOn: z.optional(z.string()),
  cancelledAt: z.optional(z.string()),
  feedback: z.optional(z.object({ rating: z.number(), comment: z.optional(z.string()), at: z.string() })),
  updatedAt: z.string(),
  /** while WAITLISTED: how many wait before this one (0 = next in line) */
  waitPosition: z.optional(z.number()),
});
export const enrolmentPage = pageOf(enrolment);
export const enrolmentsQuery = z.strictObject({ sessionId: z.optional(id), ...pageQuery });

export const ATTENDANCE_OUTCOMES = ['ATTENDED', 'COMPLETED', 'NO_SHOW'] as const;
export const attendanceBody = z.strictObject({
  sessionId: id,
  records: z
    .array(z.strictObject({ nip, outcome: z.enum(ATTENDANCE_OUTCOMES) }))
    .check(z.minLength(1), z.maxLength(500)),
  /** the WIB date the training was completed (default: the session's last day); decides the JP year */
  completedOn: z.optional(isoDate),
});
export const attendanceResult = z.object({
  results: z.array(
    z.object({ nip: z.string(), status: z.string(), changed: z.boolean(), jpCredited: z.number() }),
  ),
});

export const feedbackBody = z.strictObject({
  rating: z.int().check(z.gte(1), z.lte(5)),
  comment: z.optional(text(2000)),
});

/** The feedback as recorded (201). */
export const feedbackGiven = z.object({
  rating: z.int(),
  comment: z.optional(z.string()),
  at: z.string(),
});

export const feedbackSummary = z.object({
  trainingId: z.string(),
  participants: z.number(),
  completed: z.number(),
  count: z.number(),
  average: z.nullable(z.number()),
  distribution: z.array(z.number()),
  comments: z.array(z.object({ rating: z.number(), comment: z.string(), at: z.string() })),
});

export const yearQuery = z.strictObject({ year: z.optional(yearParam) });

const standing = z.object({
  rule: z.object({ kind: z.enum(['MINIMUM', 'CEILING']), jp: z.number() }),
  earned: z.number(),
  counted: z.number(),
  remaining: z.number(),
  reached: z.boolean(),
  overCeiling: z.boolean(),
});

export const developmentSummary = z.object({
  nip: z.string(),
  year: z.number(),
  employmentType: z.enum(EMPLOYMENT_TYPES),
  jp: standing,
  /** the pace of a PNS towards 20 JP at today's date (the year's end for a past year) */
  expectedToDate: z.number(),
  behindPace: z.boolean(),
  activities: z.array(enrolment),
  upcoming: z.array(enrolment),
  openPlanId: z.optional(z.string()),
});

export const reportQuery = z.strictObject({ year: z.optional(yearParam), ...pageQuery });
export const developmentReport = z.object({
  agencyId: z.string(),
  year: z.number(),
  asOf: z.string(),
  expectedToDate: z.number(),
  items: z.array(
    z.object({
      nip: z.string(),
      name: z.string(),
      employmentType: z.enum(EMPLOYMENT_TYPES),
      jpEarned: z.number(),
      rule: z.object({ kind: z.string(), jp: z.number() }),
      reached: z.boolean(),
      behindPace: z.boolean(),
    }),
  ),
  cursor: z.optional(z.string()),
  /** the agency's totals as of the last jp-monitor run */
  monitor: z.optional(
    z.object({
      runAt: z.string(),
      asOf: z.string(),
      employees: z.number(),
      pns: z.number(),
      behind: z.number(),
      reached: z.number(),
      averageJp: z.number(),
    }),
  ),
});

// ── development plans ──────────────────────────────────────────────────────────

export const gapInput = z.strictObject({
  indicators: z.array(z.strictObject({ id: id, text: text(500) })).check(z.maxLength(50)),
  coreValues: z.array(text(60)).check(z.maxLength(7)),
});

export const openPlanBody = z.strictObject({
  nip,
  gap: gapInput,
  targetDate: z.optional(isoDate),
  note: z.optional(text(2000)),
});

export const updatePlanBody = z.strictObject({
  version: versionField,
  targetDate: z.optional(isoDate),
  gap: z.optional(gapInput),
});

export const coachingBody = z.strictObject({
  version: versionField,
  date: isoDate,
  topic: text(200),
  notes: z.optional(text(4000)),
});

export const closePlanBody = z.strictObject({ version: versionField, note: text(2000) });

export const PLAN_SCOPES = ['mine', 'reviewees', 'agency'] as const;
export const plansQuery = z.strictObject({
  scope: z.optional(z.enum(PLAN_SCOPES)),
  status: z.optional(z.enum(['OPEN', 'CLOSED'])),
  agencyId: z.optional(id),
  ...pageQuery,
});

const planEvent = z.object({
  at: z.string(),
  assessmentId: z.string(),
  period: z.string(),
  kind: z.string(),
  predikat: z.enum(PREDIKATS),
  effect: z.string(),
});

export const plan = z.object({
  planId: z.string(),
  nip: z.string(),
  agencyId: z.string(),
  reviewerNip: z.optional(z.string()),
  status: z.enum(['OPEN', 'CLOSED']),
  source: z.object({
    kind: z.enum(['PREDIKAT', 'SUPERVISOR']),
    assessmentId: z.optional(z.string()),
    period: z.optional(z.string()),
    predikat: z.optional(z.enum(PREDIKATS)),
    openedBy: z.optional(z.string()),
    note: z.optional(z.string()),
  }),
  gap: z.object({
    indicators: z.array(z.object({ id: z.string(), text: z.string() })),
    coreValues: z.array(z.string()),
  }),
  tags: z.array(z.string()),
  coaching: z.array(
    z.object({
      date: z.string(),
      topic: z.string(),
      notes: z.optional(z.string()),
      by: z.string(),
      at: z.string(),
    }),
  ),
  events: z.array(planEvent),
  targetDate: z.string(),
  outcome: z.optional(
    z.object({
      kind: z.enum(['RECOVERED', 'CLOSED_BY_SUPERVISOR', 'WITHDRAWN_BY_APPEAL']),
      predikat: z.optional(z.enum(PREDIKATS)),
      period: z.optional(z.string()),
      assessmentId: z.optional(z.string()),
      note: z.optional(z.string()),
      by: z.optional(z.string()),
      at: z.string(),
    }),
  ),
  openedAt: z.string(),
  closedAt: z.optional(z.string()),
  version: z.number(),
  updatedAt: z.string(),
});
export const planPage = pageOf(plan);
export const planDetail = z.object({
  ...plan.def.shape,
  recommendedTrainings: z.array(trainingSummary),
});
