/**
 * Use cases of training programs: create and list programs, enrol (capacity-safe, with an ordered
 * waiting list that moves up on cancellation), attendance and completion (JP credited in the year
 * of completion), participants' feedback and its summary for the organiser.
 */
import './messages.js';
import { canManageAgency } from '../employees/access.js';
import * as employees from '../employees/store.js';
import { notify } from '../notifications/notify.js';
import { type Actor, ensure, hasRole } from '../platform/actor.js';
import { wibDate } from '../platform/clock.js';
import { mapLimit } from '../platform/concurrency.js';
import {
  AlreadyExists,
  Conflict,
  type ErrorDetail,
  fieldError,
  InvalidState,
  invalid,
  NotFound,
} from '../platform/errors.js';
import type { Deps } from '../platform/http.js';
import { failedConditions } from '../platform/transact.js';
import {
  jpYear,
  methodFitsKind,
  summariseFeedback,
  type TrainingKind,
  type TrainingMethod,
} from './rules.js';
import type { EnrolmentRecord, EnrolmentStatus, SessionRecord, TrainingRecord } from './training-store.js';
import * as store from './training-store.js';

const notFound = (entity: string) => new NotFound('NOT_FOUND', { entity });

export const loadTraining = async (deps: Deps, trainingId: string): Promise<TrainingRecord> => {
  const t = await store.getTraining(deps.db, trainingId);
  if (!t) throw notFound('training');
  return t;
};

/** BKPP for any program; an agency admin for the programs their agency organises. */
const ensureOrganiser = (actor: Actor, t: TrainingRecord) =>
  ensure(canManageAgency(actor, t.organiserAgencyId));

export interface CreateTrainingInput {
  title: string;
  description?: string;
  kind: TrainingKind;
  method: TrainingMethod;
  jp: number;
  tags: string[];
  organiserAgencyId?: string;
  sessions: Array<{ startsAt: string; endsAt: string; place: string; capacity: number }>;
}

export const createTraining = async (deps: Deps, actor: Actor, input: CreateTrainingInput) => {
  const organiser = input.organiserAgencyId ?? actor.agencyId;
  if (!organiser) throw invalid(fieldError('body.organiserAgencyId', 'required'));
  ensure(canManageAgency(actor, organiser));
  const problems: ErrorDetail[] = [];
  if (!methodFitsKind(input.method, input.kind)) problems.push(fieldError('body.method', 'method_kind'));
  input.sessions.forEach((s, i) => {
    if (Date.parse(s.endsAt) <= Date.parse(s.startsAt))
      problems.push(fieldError(`body.sessions.${i}.endsAt`, 'session_order'));
  });
  if (!(await employees.getAgency(deps.db, organiser)))
    problems.push(fieldError('body.organiserAgencyId', 'unknown_agency'));
  if (problems.length) throw invalid(...problems);

  const now = deps.clock().toISOString();
  const trainingId = deps.ids();
  const ordered = [...input.sessions].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const sessions: SessionRecord[] = ordered.map((s, i) => ({
    trainingId,
    sessionId: `S${i + 1}`,
    startsAt: new Date(s.startsAt).toISOString(),
    endsAt: new Date(s.endsAt).toISOString(),
    place: s.place,
    capacity: s.capacity,
    seats: 0,
  }));
  const training: TrainingRecord = {
    trainingId,
    title: input.title,
    ...(input.description ? { description: input.description } : {}),
    kind: input.kind,
    method: input.method,
    jp: input.jp,
    tags: [...new Set(input.tags)],
    organiserAgencyId: organiser,
    startsOn: wibDate(new Date(sessions[0]?.startsAt ?? now)),
    endsOn: wibDate(new Date(Math.max(...sessions.map((s) => Date.parse(s.endsAt))))),
    createdBy: actor.nip,
    createdAt: now,
  };
  await store.createTraining(deps.db, training, sessions);
  return { ...training, sessions: sessions.map((s) => sessionView(s, 0)) };
};

const sessionView = (s: SessionRecord, waiting: number) => ({
  sessionId: s.sessionId,
  startsAt: s.startsAt,
  endsAt: s.endsAt,
  place: s.place,
  capacity: s.capacity,
  seats: s.seats,
  waiting,
});

export const getTraining = async (deps: Deps, trainingId: string) => {
  const training = await loadTraining(deps, trainingId);
  const sessions = await store.getSessions(deps.db, trainingId);
  const waiting = await Promise.all(
    sessions.map((s) => store.waitingCount(deps.db, trainingId, s.sessionId)),
  );
  return { ...training, sessions: sessions.map((s, i) => sessionView(s, waiting[i] ?? 0)) };
};

export const listTrainings = (
  deps: Deps,
  q: { tag?: string; organiser?: string; from?: string; to?: string; limit: number; cursor?: string },
) => {
  // an inverted range is the client's mistake (DynamoDB refuses such a BETWEEN)
  if (q.from !== undefined && q.to !== undefined && q.to < q.from)
    throw invalid(fieldError('query.to', 'date_order'));
  return store.listTrainings(deps.db, {
    tag: q.tag,
    organiserAgencyId: q.organiser,
    from: q.from,
    to: q.to,
    limit: q.limit,
    cursor: q.cursor,
  });
};

// ── enrolment ──────────────────────────────────────────────────────────────────

const enrolmentView = async (deps: Deps, e: EnrolmentRecord) => {
  const { waitKey, ...shown } = e;
  if (e.status !== 'WAITLISTED' || !waitKey) return shown;
  return { ...shown, waitPosition: await store.waitingCount(deps.db, e.trainingId, e.sessionId, waitKey) };
};

/** The employee themself, their agency's admin, or BKPP. */
const ensureActsFor = (actor: Actor, employee: { nip: string; agencyId: string }) =>
  ensure(actor.nip === employee.nip || canManageAgency(actor, employee.agencyId));

const loadSession = async (deps: Deps, trainingId: string, sessionId: string, path: string) => {
  const session = await store.getSession(deps.db, trainingId, sessionId);
  if (!session) throw invalid(fieldError(path, 'unknown_session'));
  return session;
};

/**
 * Moves the head of a session's waiting list into free seats until the session is full or nobody
 * waits. Safe to run concurrently: each move takes a seat under `seats < capacity`.
 */
export const fillSeats = async (deps: Deps, trainingId: string, sessionId: string): Promise<number> => {
  let moved = 0;
  for (let guard = 0; guard < 1000; guard++) {
    const [head] = await store.waitingList(deps.db, trainingId, sessionId, 1);
    if (!head) break;
    const waiting = head.nip ? await store.getEnrolment(deps.db, trainingId, head.nip) : undefined;
    if (waiting?.status !== 'WAITLISTED' || waiting.waitKey !== head.waitKey) {
      await store.deleteWaitEntry(deps.db, trainingId, head.waitKey); // an entry left by nobody
      continue;
    }
    const at = deps.clock().toISOString();
    const { waitKey: _k, ...rest } = waiting;
    const next: EnrolmentRecord = { ...rest, status: 'ENROLLED', promotedAt: at, updatedAt: at };
    try {
      await store.promote(deps.db, next, head.waitKey);
    } catch (e) {
      const failed = failedConditions(e);
      if (failed.includes(0)) break; // full again
      if (failed.length > 0) continue; // moved or cancelled by someone else meanwhile
      throw e;
    }
    moved++;
    await notify(
      deps.db,
      next.nip,
      {
        key: `training-seat:${trainingId}:${next.sessionId}`,
        kind: 'TRAINING_SEAT',
        title: `Anda mendapat kursi pada pelatihan "${next.title}" dari daftar tunggu.`,
        link: `/v1/trainings/${trainingId}`,
      },
      deps.clock(),
    );
  }
  return moved;
};

export const enrol = async (
  deps: Deps,
  actor: Actor,
  trainingId: string,
  input: { sessionId: string; nip?: string; waitlist?: boolean },
) => {
  const nip = input.nip ?? actor.nip;
  const employee = await employees.getEmployee(deps.db, nip);
  if (!employee) throw invalid(fieldError('body.nip', 'unknown_employee'));
  ensureActsFor(actor, employee);
  const training = await loadTraining(deps, trainingId);
  const session = await loadSession(deps, trainingId, input.sessionId, 'body.sessionId');
  const now = deps.clock();
  if (now.getTime() >= Date.parse(session.startsAt)) throw new InvalidState('ENROLMENT_CLOSED');
  const existing = await store.getEnrolment(deps.db, trainingId, nip);
  if (existing && existing.status !== 'CANCELLED')
    throw new AlreadyExists('ALREADY_ENROLLED', { status: existing.status });

  const at = now.toISOString();
  const record: EnrolmentRecord = {
    trainingId,
    sessionId: session.sessionId,
    nip,
    agencyId: employee.agencyId,
    status: 'ENROLLED',
    title: training.title,
    kind: training.kind,
    method: training.method,
    jp: training.jp,
    sessionStartsAt: session.startsAt,
    sessionEndsAt: session.endsAt,
    enrolledBy: actor.nip,
    enrolledAt: at,
    updatedAt: at,
  };
  const alreadyEnrolled = async () => {
    const now = await store.getEnrolment(deps.db, trainingId, nip);
    return new AlreadyExists('ALREADY_ENROLLED', { status: now?.status ?? 'ENROLLED' });
  };
  try {
    await store.enrolWithSeat(deps.db, record);
    return enrolmentView(deps, record);
  } catch (e) {
    const failed = failedConditions(e);
    if (failed.includes(1)) throw await alreadyEnrolled();
    if (!failed.includes(0)) throw e;
  }
  // Full: a place on the waiting list, ordered by the time of asking, unless refused.
  if (input.waitlist === false) throw new InvalidState('SESSION_FULL', { capacity: session.capacity });
  const waitKey = `${store.keys.waitPrefix(session.sessionId)}${at}#${deps.ids()}`;
  try {
    await store.enrolOnWaitlist(deps.db, { ...record, status: 'WAITLISTED', waitKey });
  } catch (e) {
    if (failedConditions(e).includes(0)) throw await alreadyEnrolled();
    throw e;
  }
  // A seat freed between our attempt and our place in line must not stay empty.
  await fillSeats(deps, trainingId, session.sessionId);
  const current = await store.getEnrolment(deps.db, trainingId, nip);
  return enrolmentView(deps, current ?? { ...record, status: 'WAITLISTED', waitKey });
};

export const cancelEnrolment = async (deps: Deps, actor: Actor, trainingId: string, nip: string) => {
  const current = await store.getEnrolment(deps.db, trainingId, nip);
  if (!current) throw notFound('enrolment');
  ensureActsFor(actor, current);
  const now = deps.clock();
  const cancellable = current.status === 'ENROLLED' || current.status === 'WAITLISTED';
  if (!cancellable || now.getTime() >= Date.parse(current.sessionStartsAt))
    throw new InvalidState('NOT_CANCELLABLE', { status: current.status });
  const { waitKey, ...rest } = current;
  const next: EnrolmentRecord = {
    ...rest,
    status: 'CANCELLED',
    cancelledAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  try {
    await store.changeEnrolment(deps.db, next, current.status, {
      freeSeat: current.status === 'ENROLLED',
      dropWait: current.status === 'WAITLISTED' ? waitKey : undefined,
    });
  } catch (e) {
    if (failedConditions(e).length) throw new Conflict('CONFLICT', { currentVersion: '?' });
    throw e;
  }
  if (current.status === 'ENROLLED') await fillSeats(deps, trainingId, current.sessionId);
  return next;
};

export const listEnrolments = async (
  deps: Deps,
  actor: Actor,
  trainingId: string,
  q: { sessionId?: string; limit: number; cursor?: string },
) => {
  const training = await loadTraining(deps, trainingId);
  ensure(canManageAgency(actor, training.organiserAgencyId) || hasRole(actor, 'AUDITOR'));
  const page = await store.listEnrolments(deps.db, trainingId, q);
  return { items: await Promise.all(page.items.map((e) => enrolmentView(deps, e))), cursor: page.cursor };
};

// ── attendance, completion, feedback ──────────────────────────────────────────

type Outcome = 'ATTENDED' | 'COMPLETED' | 'NO_SHOW';
const SEATED: readonly EnrolmentStatus[] = ['ENROLLED', 'ATTENDED', 'NO_SHOW', 'COMPLETED'];

/**
 * The organiser records who attended, completed (JP credited to the year of `completedOn`, once)
 * or did not show up. Every row is checked before anything is written; a completed enrolment
 * stays completed.
 */
export const recordAttendance = async (
  deps: Deps,
  actor: Actor,
  trainingId: string,
  input: { sessionId: string; records: Array<{ nip: string; outcome: Outcome }>; completedOn?: string },
) => {
  const training = await loadTraining(deps, trainingId);
  ensureOrganiser(actor, training);
  const session = await loadSession(deps, trainingId, input.sessionId, 'body.sessionId');
  const now = deps.clock();
  if (now.getTime() < Date.parse(session.startsAt)) throw new InvalidState('ATTENDANCE_TOO_EARLY');
  const today = wibDate(now);
  const lastDay = wibDate(new Date(session.endsAt));
  const completedOn = input.completedOn ?? ([lastDay, today].sort()[0] as string);
  const problems: ErrorDetail[] = [];
  if (completedOn < wibDate(new Date(session.startsAt)))
    problems.push(fieldError('body.completedOn', 'completed_before_start'));
  if (completedOn > today) problems.push(fieldError('body.completedOn', 'future_date'));
  const seen = new Set<string>();
  const current = await mapLimit(input.records, 10, (r) => store.getEnrolment(deps.db, trainingId, r.nip));
  input.records.forEach((r, i) => {
    const e = current[i];
    if (seen.has(r.nip)) problems.push(fieldError(`body.records.${i}.nip`, 'duplicate'));
    seen.add(r.nip);
    if (!e || e.sessionId !== session.sessionId || !SEATED.includes(e.status))
      problems.push(fieldError(`body.records.${i}.nip`, 'not_enrolled'));
    else if (e.status === 'COMPLETED' && r.outcome !== 'COMPLETED')
      problems.push(fieldError(`body.records.${i}.outcome`, 'already_completed'));
  });
  if (problems.length) throw invalid(...problems);

  const at = now.toISOString();
  const results = await mapLimit(input.records, 10, async (r) => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const e =
        attempt === 0
          ? current[input.records.indexOf(r)]
          : await store.getEnrolment(deps.db, trainingId, r.nip);
      if (!e) break;
      if (e.status === r.outcome) return { nip: r.nip, status: e.status, changed: false, jpCredited: 0 };
      if (e.status === 'COMPLETED') break;
      const next: EnrolmentRecord = {
        ...e,
        status: r.outcome,
        updatedAt: at,
        ...(r.outcome !== 'NO_SHOW' ? { attendedAt: e.attendedAt ?? at } : {}),
        ...(r.outcome === 'COMPLETED' ? { completedOn } : {}),
      };
      const credit = r.outcome === 'COMPLETED' ? { year: jpYear(completedOn), jp: e.jp } : undefined;
      try {
        await store.changeEnrolment(deps.db, next, e.status, { credit });
        return { nip: r.nip, status: next.status, changed: true, jpCredited: credit?.jp ?? 0 };
      } catch (err) {
        if (!failedConditions(err).length) throw err;
      }
    }
    throw new Conflict('CONFLICT', { currentVersion: '?' });
  });
  return { results };
};

export const giveFeedback = async (
  deps: Deps,
  actor: Actor,
  trainingId: string,
  input: { rating: number; comment?: string },
) => {
  await loadTraining(deps, trainingId);
  const feedback = {
    rating: input.rating,
    ...(input.comment ? { comment: input.comment } : {}),
    at: deps.clock().toISOString(),
  };
  try {
    await store.setFeedback(deps.db, trainingId, actor.nip, feedback);
  } catch (e) {
    if ((e as { name?: string }).name === 'ConditionalCheckFailedException')
      throw new InvalidState('FEEDBACK_NOT_ALLOWED');
    throw e;
  }
  return feedback;
};

/** For the organiser (and the auditor): the ratings' summary and the comments, newest first. */
export const feedbackSummary = async (deps: Deps, actor: Actor, trainingId: string) => {
  const training = await loadTraining(deps, trainingId);
  ensure(canManageAgency(actor, training.organiserAgencyId) || hasRole(actor, 'AUDITOR'));
  const all = await store.allEnrolments(deps.db, trainingId);
  const rated = all.filter((e) => e.feedback);
  return {
    trainingId,
    participants: all.filter((e) => SEATED.includes(e.status)).length,
    completed: all.filter((e) => e.status === 'COMPLETED').length,
    ...summariseFeedback(rated.map((e) => e.feedback?.rating ?? 0)),
    comments: rated
      .filter((e) => e.feedback?.comment)
      .map((e) => ({
        rating: e.feedback?.rating ?? 0,
        comment: e.feedback?.comment ?? '',
        at: e.feedback?.at ?? '',
      }))
      .sort((a, b) => b.at.localeCompare(a.at)),
  };
};
