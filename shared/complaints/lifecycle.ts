/**
 * The complaint and what each step of its lifecycle does to it (DOMAIN §6): which clocks run,
 * which dates are set, which history entries are written. Pure, like rules.ts: the caller checks
 * `canDo` first and passes `now` and the calendars; nothing here reads or writes a store.
 */
import type { Calendars } from '../calendar/rules.js';
import { workingDayDeadline } from '../calendar/rules.js';
import {
  type Classification,
  type Complexity,
  type Escalation,
  newClock,
  type PendingStep,
  type Privacy,
  type ServiceLevel,
  type SlaClock,
  type Status,
} from './rules.js';

export interface Location {
  lat?: number;
  lng?: number;
  address?: string;
  kelurahan?: string;
}

export interface Answer {
  text: string;
  photoUrls: string[];
  at: string;
}

export interface Rating {
  score: number;
  solved: boolean;
  at: string;
  /** the answer round it rates (reopenCount at the time) */
  cycle: number;
}

/** The complaint as stored. The reporter's identity is NOT here (its own record, desk only). */
export interface Complaint {
  /** the tracking code */
  id: string;
  status: Status;
  privacy: Privacy;
  category: string;
  description: string;
  location: Location;
  photoUrls: string[];
  source: 'WEB' | 'OPEN311';
  /** salted SHA-256 of the reporter secret (never the secret) */
  secret: { salt: string; hash: string };
  hasReporterDetails: boolean;
  title?: string;
  classification?: Classification;
  agencyId?: string;
  complexity?: Complexity;
  /** the category's service level when the complaint was submitted (or last verified) */
  serviceLevel: ServiceLevel;
  submittedAt: string;
  /** when it entered its current status (the desk queue's order) */
  queuedAt: string;
  verifiedAt?: string;
  acknowledgedAt?: string;
  respondedAt?: string;
  firstRespondedAt?: string;
  answeredWithinSla?: boolean;
  closedAt?: string;
  closedBy?: 'REPORTER' | 'AUTO';
  /** a CLOSED complaint may be reopened until then */
  reopenUntil?: string;
  rejectedReason?: string;
  handbackCount: number;
  mergedInto?: string;
  /** the primary it was merged into is itself public (shown on public surfaces only then) */
  mergedIntoPublic?: boolean;
  merged: string[];
  answer?: Answer;
  rating?: Rating;
  reopenCount: number;
  /** the answer's due date, or its estimate before verification (Open311 expected_datetime) */
  expectedAt: string;
  clocks: SlaClock[];
  clockSeq: number;
  escalations: Escalation[];
  version: number;
  updatedAt: string;
}

export type EventKind =
  | 'SUBMITTED'
  | 'VERIFIED'
  | 'REJECTED'
  | 'MERGED'
  | 'MERGED_IN'
  | 'ACKNOWLEDGED'
  | 'NOTE'
  | 'RESPONDED'
  | 'HANDED_BACK'
  | 'MESSAGE'
  | 'RATED'
  | 'REOPENED'
  | 'CLOSED'
  | 'ESCALATED';

/** Which history entries the public (and the reporter) may see; the rest are internal. */
export const PUBLIC_EVENTS: ReadonlySet<EventKind> = new Set<EventKind>([
  'SUBMITTED',
  'VERIFIED',
  'REJECTED',
  'MERGED',
  'ACKNOWLEDGED',
  'RESPONDED',
  'HANDED_BACK',
  'REOPENED',
  'CLOSED',
]);

export interface ComplaintEvent {
  at: string;
  kind: EventKind;
  by: 'REPORTER' | 'DESK' | 'AGENCY' | 'SYSTEM';
  /** the ASN who acted (internal history only) */
  actorNip?: string;
  agencyId?: string;
  /** public text (an answer, a rejection reason) */
  text?: string;
  /** internal text (a note, a handback or reopen reason, the reporter's message) */
  internalText?: string;
  data?: Record<string, string | number | boolean>;
}

export interface Ctx {
  now: Date;
  calendars: Calendars;
}

export interface Step {
  complaint: Complaint;
  events: ComplaintEvent[];
}

const bump = (c: Complaint, now: Date, changes: Partial<Complaint>): Complaint => ({
  ...c,
  ...changes,
  version: c.version + 1,
  updatedAt: now.toISOString(),
});

const answerClockOf = (c: Complaint) => c.clocks.find((k) => k.kind === 'ANSWER');

export interface NewComplaint {
  id: string;
  privacy: Privacy;
  category: string;
  description: string;
  location: Location;
  photoUrls: string[];
  source: 'WEB' | 'OPEN311';
  secret: { salt: string; hash: string };
  hasReporterDetails: boolean;
  serviceLevel: ServiceLevel;
  /** the category's usual complexity: gives the estimate of the answer date before verification */
  defaultComplexity: Complexity;
}

/** SUBMITTED: the desk's verification clock starts. */
export const submit = (input: NewComplaint, ctx: Ctx): Step => {
  const { defaultComplexity, ...fields } = input;
  const verify = newClock('VERIFY', 1, ctx.now, input.serviceLevel.verifyDays, ctx.calendars);
  const expectedAt = workingDayDeadline(
    ctx.calendars,
    new Date(verify.due),
    input.serviceLevel.answerDays[defaultComplexity],
  ).toISOString();
  const at = ctx.now.toISOString();
  return {
    complaint: {
      ...fields,
      status: 'SUBMITTED',
      submittedAt: at,
      queuedAt: at,
      handbackCount: 0,
      merged: [],
      reopenCount: 0,
      expectedAt,
      clocks: [verify],
      clockSeq: 1,
      escalations: [],
      version: 1,
      updatedAt: at,
    },
    events: [{ at, kind: 'SUBMITTED', by: 'REPORTER', data: { category: input.category } }],
  };
};

export interface Verification {
  title: string;
  classification: Classification;
  category: string;
  agencyId: string;
  complexity: Complexity;
  /** the (possibly new) category's service level */
  serviceLevel: ServiceLevel;
}

/** VERIFIED and assigned: the agency's first-action and answer clocks start. */
export const verify = (c: Complaint, v: Verification, actorNip: string, ctx: Ctx): Step => {
  const seq = c.clockSeq;
  const first = newClock('FIRST_ACTION', seq + 1, ctx.now, v.serviceLevel.firstActionDays, ctx.calendars);
  const answer = newClock('ANSWER', seq + 2, ctx.now, v.serviceLevel.answerDays[v.complexity], ctx.calendars);
  const at = ctx.now.toISOString();
  return {
    complaint: bump(c, ctx.now, {
      status: 'VERIFIED',
      title: v.title,
      classification: v.classification,
      category: v.category,
      agencyId: v.agencyId,
      complexity: v.complexity,
      serviceLevel: v.serviceLevel,
      verifiedAt: c.verifiedAt ?? at,
      queuedAt: at,
      expectedAt: answer.due,
      clocks: [first, answer],
      clockSeq: seq + 2,
    }),
    events: [
      {
        at,
        kind: 'VERIFIED',
        by: 'DESK',
        actorNip,
        agencyId: v.agencyId,
        data: { category: v.category, complexity: v.complexity, classification: v.classification },
      },
    ],
  };
};

export const reject = (c: Complaint, reason: string, actorNip: string, ctx: Ctx): Step => {
  const at = ctx.now.toISOString();
  return {
    complaint: bump(c, ctx.now, { status: 'REJECTED', rejectedReason: reason, queuedAt: at, clocks: [] }),
    events: [{ at, kind: 'REJECTED', by: 'DESK', actorNip, text: reason }],
  };
};

/** A complaint with a public copy (feed, Open311): every one but the CONFIDENTIAL (DOMAIN §6). */
export const isPublished = (c: Pick<Complaint, 'privacy'>): boolean => c.privacy !== 'CONFIDENTIAL';

/** The duplicate becomes MERGED; its reporters follow the primary, which lists it. */
export const merge = (
  duplicate: Complaint,
  primary: Complaint,
  actorNip: string,
  ctx: Ctx,
): { duplicate: Step; primary: Step } => {
  const at = ctx.now.toISOString();
  return {
    duplicate: {
      complaint: bump(duplicate, ctx.now, {
        status: 'MERGED',
        mergedInto: primary.id,
        // a CONFIDENTIAL primary exists publicly for nobody: its code never reaches a public surface
        mergedIntoPublic: isPublished(primary),
        queuedAt: at,
        clocks: [],
      }),
      events: [{ at, kind: 'MERGED', by: 'DESK', actorNip, data: { into: primary.id } }],
    },
    primary: {
      complaint: bump(primary, ctx.now, { merged: [...primary.merged, duplicate.id] }),
      events: [{ at, kind: 'MERGED_IN', by: 'DESK', actorNip, data: { from: duplicate.id } }],
    },
  };
};

/** IN_PROGRESS: the first-action clock stops; the answer clock runs on. */
export const acknowledge = (c: Complaint, actorNip: string, ctx: Ctx): Step => {
  const at = ctx.now.toISOString();
  return {
    complaint: bump(c, ctx.now, {
      status: 'IN_PROGRESS',
      acknowledgedAt: c.acknowledgedAt ?? at,
      queuedAt: at,
      clocks: c.clocks.filter((k) => k.kind === 'ANSWER'),
    }),
    events: [{ at, kind: 'ACKNOWLEDGED', by: 'AGENCY', actorNip, agencyId: c.agencyId }],
  };
};

/** RESPONDED: the answer is published; the auto-close clock starts. */
export const respond = (
  c: Complaint,
  answer: { text: string; photoUrls: string[] },
  actorNip: string,
  ctx: Ctx,
): Step => {
  const at = ctx.now.toISOString();
  const due = answerClockOf(c)?.due;
  const seq = c.clockSeq + 1;
  return {
    complaint: bump(c, ctx.now, {
      status: 'RESPONDED',
      answer: { ...answer, at },
      respondedAt: at,
      firstRespondedAt: c.firstRespondedAt ?? at,
      answeredWithinSla: c.answeredWithinSla ?? (due === undefined || at <= due),
      queuedAt: at,
      clocks: [newClock('AUTO_CLOSE', seq, ctx.now, c.serviceLevel.autoCloseDays, ctx.calendars)],
      clockSeq: seq,
    }),
    events: [{ at, kind: 'RESPONDED', by: 'AGENCY', actorNip, agencyId: c.agencyId, text: answer.text }],
  };
};

/** "Bukan wewenang": back to the desk, which must re-route it within its verification level. */
export const handback = (c: Complaint, reason: string, actorNip: string, ctx: Ctx): Step => {
  const at = ctx.now.toISOString();
  const seq = c.clockSeq + 1;
  const { agencyId: _previous, ...rest } = c;
  return {
    complaint: bump(rest as Complaint, ctx.now, {
      status: 'SUBMITTED',
      handbackCount: c.handbackCount + 1,
      queuedAt: at,
      clocks: [newClock('VERIFY', seq, ctx.now, c.serviceLevel.verifyDays, ctx.calendars)],
      clockSeq: seq,
    }),
    events: [{ at, kind: 'HANDED_BACK', by: 'AGENCY', actorNip, agencyId: c.agencyId, internalText: reason }],
  };
};

export const note = (
  c: Complaint,
  text: string,
  actorNip: string,
  by: 'DESK' | 'AGENCY',
  ctx: Ctx,
): Step => ({
  complaint: bump(c, ctx.now, {}),
  events: [{ at: ctx.now.toISOString(), kind: 'NOTE', by, actorNip, internalText: text }],
});

/** The reporter adds information. While RESPONDED this breaks the silence: auto-close restarts. */
export const message = (c: Complaint, text: string, ctx: Ctx): Step => {
  const changes: Partial<Complaint> = {};
  if (c.status === 'RESPONDED') {
    const seq = c.clockSeq + 1;
    changes.clocks = [newClock('AUTO_CLOSE', seq, ctx.now, c.serviceLevel.autoCloseDays, ctx.calendars)];
    changes.clockSeq = seq;
  }
  return {
    complaint: bump(c, ctx.now, changes),
    events: [{ at: ctx.now.toISOString(), kind: 'MESSAGE', by: 'REPORTER', internalText: text }],
  };
};

const closed = (c: Complaint, by: 'REPORTER' | 'AUTO', ctx: Ctx): Partial<Complaint> => ({
  status: 'CLOSED',
  closedAt: ctx.now.toISOString(),
  closedBy: by,
  reopenUntil: workingDayDeadline(ctx.calendars, ctx.now, c.serviceLevel.reopenDays).toISOString(),
  queuedAt: ctx.now.toISOString(),
  clocks: [],
});

/** The reporter rates the answer; "solved" on a RESPONDED complaint closes it (reporter confirmed). */
export const rate = (c: Complaint, score: number, solved: boolean, ctx: Ctx): Step => {
  const at = ctx.now.toISOString();
  const rating: Rating = { score, solved, at, cycle: c.reopenCount };
  const closes = solved && c.status === 'RESPONDED';
  const events: ComplaintEvent[] = [{ at, kind: 'RATED', by: 'REPORTER', data: { score, solved } }];
  if (closes) events.push({ at, kind: 'CLOSED', by: 'REPORTER' });
  return { complaint: bump(c, ctx.now, { rating, ...(closes ? closed(c, 'REPORTER', ctx) : {}) }), events };
};

/** True when the reporter may reopen now: RESPONDED, or CLOSED and within the window. */
export const mayReopen = (c: Complaint, now: Date): boolean =>
  c.status === 'RESPONDED' ||
  (c.status === 'CLOSED' && c.reopenUntil !== undefined && now.toISOString() <= c.reopenUntil);

/** Reopened: back with the agency (IN_PROGRESS) and the answer clock starts again. */
export const reopen = (c: Complaint, reason: string, ctx: Ctx): Step => {
  const at = ctx.now.toISOString();
  const seq = c.clockSeq + 1;
  const days = c.serviceLevel.answerDays[c.complexity ?? 'SIMPLE'];
  const answer = newClock('ANSWER', seq, ctx.now, days, ctx.calendars);
  const { closedAt: _a, closedBy: _b, reopenUntil: _c, ...rest } = c;
  return {
    complaint: bump(rest as Complaint, ctx.now, {
      status: 'IN_PROGRESS',
      reopenCount: c.reopenCount + 1,
      queuedAt: at,
      expectedAt: answer.due,
      clocks: [answer],
      clockSeq: seq,
    }),
    events: [{ at, kind: 'REOPENED', by: 'REPORTER', agencyId: c.agencyId, internalText: reason }],
  };
};

/**
 * The SLA job's step: records every due step once (an ESCALATED entry each) and, for the
 * auto-close clock, closes the complaint.
 */
export const escalate = (c: Complaint, due: readonly PendingStep[], ctx: Ctx): Step => {
  const at = ctx.now.toISOString();
  const recorded: Escalation[] = due.map((s) => ({
    clockId: s.clock.id,
    kind: s.clock.kind,
    step: s.step,
    dueAt: s.at.toISOString(),
    at,
  }));
  const events: ComplaintEvent[] = due
    .filter((s) => s.step !== 'CLOSE')
    .map((s) => ({
      at,
      kind: 'ESCALATED' as const,
      by: 'SYSTEM' as const,
      agencyId: c.agencyId,
      data: { clock: s.clock.kind, step: s.step, due: s.clock.due },
    }));
  const closes = due.some((s) => s.step === 'CLOSE') && c.status === 'RESPONDED';
  if (closes) events.push({ at, kind: 'CLOSED', by: 'SYSTEM', data: { auto: true } });
  return {
    complaint: bump(c, ctx.now, {
      escalations: [...c.escalations, ...recorded],
      ...(closes ? closed(c, 'AUTO', ctx) : {}),
    }),
    events,
  };
};
