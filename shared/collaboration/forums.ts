/**
 * Use cases of forums and workshops (DOMAIN §5): the host agency plans one and invites agencies;
 * their employees register (capacity-safe); the host records attendance, the minutes and the
 * outcomes as action items owned by an agency, tracked to DONE; a weekly job reminds the owners of
 * overdue items.
 */
import './messages.js';
import { canManageAgency, ensureViewAgency } from '../employees/access.js';
import * as employees from '../employees/store.js';
import { notifyRole } from '../notifications/notify.js';
import { type Actor, ensure } from '../platform/actor.js';
import { addDays, wibDate } from '../platform/clock.js';
import { mapLimit } from '../platform/concurrency.js';
import {
  AlreadyExists,
  type ErrorDetail,
  fieldError,
  InvalidState,
  invalid,
  NotFound,
} from '../platform/errors.js';
import type { Deps } from '../platform/http.js';
import { logger } from '../platform/logger.js';
import { staleVersion } from '../platform/records.js';
import { failedConditions } from '../platform/transact.js';
import type { ActionRecord, ForumRecord, RegistrationRecord } from './forum-store.js';
import * as store from './forum-store.js';
import { type ActionStatus, type ForumKind, forumAgencies, isOverdue, isoWeek, takesPart } from './rules.js';

const notFound = (entity: string) => new NotFound('NOT_FOUND', { entity });

export const loadForum = async (deps: Deps, forumId: string, consistent = false): Promise<ForumRecord> => {
  const f = await store.getForum(deps.db, forumId, consistent);
  if (!f) throw notFound('forum');
  return f;
};

const ensureHost = (actor: Actor, f: ForumRecord) => ensure(canManageAgency(actor, f.hostAgencyId));

const unknownAgencies = async (deps: Deps, ids: string[], path: (i: number) => string) => {
  const found = await employees.getAgencies(deps.db, [...new Set(ids)]);
  return ids.flatMap((a, i) => (found.has(a) ? [] : [fieldError(path(i), 'unknown_agency')]));
};

export const createForum = async (
  deps: Deps,
  actor: Actor,
  input: {
    kind: ForumKind;
    topic: string;
    description?: string;
    hostAgencyId?: string;
    invitedAgencyIds: string[];
    startsAt: string;
    endsAt: string;
    place: string;
    capacity: number;
  },
) => {
  const host = input.hostAgencyId ?? actor.agencyId;
  if (!host) throw invalid(fieldError('body.hostAgencyId', 'required'));
  ensure(canManageAgency(actor, host));
  const invited = [...new Set(input.invitedAgencyIds)];
  const problems: ErrorDetail[] = [];
  if (Date.parse(input.endsAt) <= Date.parse(input.startsAt))
    problems.push(fieldError('body.endsAt', 'ends_before_start'));
  input.invitedAgencyIds.forEach((a, i) => {
    if (a === host) problems.push(fieldError(`body.invitedAgencyIds.${i}`, 'host_invited'));
  });
  problems.push(
    ...(await unknownAgencies(deps, [host], () => 'body.hostAgencyId')),
    ...(await unknownAgencies(deps, input.invitedAgencyIds, (i) => `body.invitedAgencyIds.${i}`)),
  );
  if (problems.length) throw invalid(...problems);
  const at = deps.clock().toISOString();
  const forum: ForumRecord = {
    forumId: deps.ids(),
    kind: input.kind,
    topic: input.topic,
    ...(input.description ? { description: input.description } : {}),
    hostAgencyId: host,
    invitedAgencyIds: invited,
    startsAt: new Date(input.startsAt).toISOString(),
    endsAt: new Date(input.endsAt).toISOString(),
    place: input.place,
    capacity: input.capacity,
    seats: 0,
    createdBy: actor.nip,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await store.createForum(deps.db, forum);
  return { ...forum, actions: [] };
};

const actionView = (a: ActionRecord, today: string) => ({ ...a, overdue: isOverdue(a, today) });

export const getForum = async (deps: Deps, forumId: string) => {
  const forum = await loadForum(deps, forumId);
  const today = wibDate(deps.clock());
  const actions = await store.forumActions(deps.db, forumId);
  return { ...forum, actions: actions.map((a) => actionView(a, today)) };
};

export const listForums = (
  deps: Deps,
  q: { agencyId?: string; from?: string; to?: string; limit: number; cursor?: string },
) => {
  // an inverted range is the client's mistake (DynamoDB refuses such a BETWEEN)
  if (q.from !== undefined && q.to !== undefined && q.to < q.from)
    throw invalid(fieldError('query.to', 'date_order'));
  return store.listForums(deps.db, q);
};

// ── registration and attendance ────────────────────────────────────────────────

/**
 * An employee of the host or an invited agency registers (or is registered by their agency's
 * admin); BKPP may register anyone. Seats are taken under `seats < capacity`: never more than the
 * capacity, whatever the concurrency.
 */
export const register = async (deps: Deps, actor: Actor, forumId: string, input: { nip?: string }) => {
  const nip = input.nip ?? actor.nip;
  const employee = await employees.getEmployee(deps.db, nip);
  if (!employee) throw invalid(fieldError('body.nip', 'unknown_employee'));
  ensure(actor.nip === nip || canManageAgency(actor, employee.agencyId));
  const forum = await loadForum(deps, forumId);
  if (!takesPart(forum, employee.agencyId)) throw new InvalidState('NOT_INVITED');
  const now = deps.clock();
  if (now.getTime() >= Date.parse(forum.startsAt)) throw new InvalidState('REGISTRATION_CLOSED');
  const record: RegistrationRecord = {
    forumId,
    nip,
    agencyId: employee.agencyId,
    status: 'REGISTERED',
    topic: forum.topic,
    startsAt: forum.startsAt,
    registeredBy: actor.nip,
    registeredAt: now.toISOString(),
  };
  try {
    await store.register(deps.db, record);
  } catch (e) {
    const failed = failedConditions(e);
    if (failed.includes(1)) throw new AlreadyExists('ALREADY_REGISTERED');
    if (failed.includes(0)) throw new InvalidState('FORUM_FULL', { capacity: forum.capacity });
    throw e;
  }
  return record;
};

export const cancelRegistration = async (deps: Deps, actor: Actor, forumId: string, nip: string) => {
  const current = await store.getRegistration(deps.db, forumId, nip);
  if (!current) throw notFound('registration');
  ensure(actor.nip === nip || canManageAgency(actor, current.agencyId));
  const now = deps.clock();
  if (current.status !== 'REGISTERED' || now.getTime() >= Date.parse(current.startsAt))
    throw new InvalidState('REGISTRATION_NOT_CANCELLABLE', { status: current.status });
  const next: RegistrationRecord = { ...current, status: 'CANCELLED', cancelledAt: now.toISOString() };
  try {
    await store.cancelRegistration(deps.db, next);
  } catch (e) {
    if (failedConditions(e).length) throw new InvalidState('REGISTRATION_NOT_CANCELLABLE', { status: '?' });
    throw e;
  }
  return next;
};

/** The host records who attended (registered employees only; a repeat changes nothing). */
export const recordAttendance = async (
  deps: Deps,
  actor: Actor,
  forumId: string,
  input: { nips: string[] },
) => {
  const forum = await loadForum(deps, forumId);
  ensureHost(actor, forum);
  const now = deps.clock();
  if (now.getTime() < Date.parse(forum.startsAt)) throw new InvalidState('FORUM_NOT_STARTED');
  const nips = [...new Set(input.nips)];
  const current = await mapLimit(nips, 10, (n) => store.getRegistration(deps.db, forumId, n));
  const problems = nips.flatMap((n, i) =>
    current[i] && current[i]?.status !== 'CANCELLED'
      ? []
      : [fieldError(`body.nips.${input.nips.indexOf(n)}`, 'not_registered')],
  );
  if (problems.length) throw invalid(...problems);
  const changed = await mapLimit(nips, 10, (n) => store.markAttended(deps.db, forumId, n, now.toISOString()));
  const attended = changed.filter(Boolean).length;
  return { attended, unchanged: nips.length - attended };
};

export const setMinutes = async (
  deps: Deps,
  actor: Actor,
  forumId: string,
  input: { version: number; minutes: string },
) => {
  const forum = await loadForum(deps, forumId, true);
  ensureHost(actor, forum);
  const now = deps.clock();
  if (now.getTime() < Date.parse(forum.startsAt)) throw new InvalidState('FORUM_NOT_STARTED');
  if (forum.version !== input.version) throw staleVersion(forum.version);
  try {
    await store.setMinutes(deps.db, forumId, input.version, {
      text: input.minutes,
      by: actor.nip,
      at: now.toISOString(),
    });
  } catch (e) {
    if ((e as { name?: string }).name === 'ConditionalCheckFailedException')
      throw staleVersion((await loadForum(deps, forumId, true)).version);
    throw e;
  }
  return getForum(deps, forumId);
};

// ── action items ───────────────────────────────────────────────────────────────

export const createAction = async (
  deps: Deps,
  actor: Actor,
  forumId: string,
  input: { title: string; ownerAgencyId: string; dueDate: string },
) => {
  const forum = await loadForum(deps, forumId);
  ensureHost(actor, forum);
  if (!forumAgencies(forum).includes(input.ownerAgencyId))
    throw invalid(fieldError('body.ownerAgencyId', 'not_participant_agency'));
  const now = deps.clock();
  const at = now.toISOString();
  const action: ActionRecord = {
    actionId: deps.ids(),
    forumId,
    forumTopic: forum.topic,
    title: input.title,
    ownerAgencyId: input.ownerAgencyId,
    dueDate: input.dueDate,
    status: 'OPEN',
    createdBy: actor.nip,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await store.createAction(deps.db, action);
  return actionView(action, wibDate(now));
};

/** The owner agency's admin or the host's (or BKPP) moves an item along, or changes its due date. */
export const updateAction = async (
  deps: Deps,
  actor: Actor,
  forumId: string,
  actionId: string,
  input: { version: number; status?: ActionStatus; dueDate?: string; note?: string },
) => {
  const [forum, current] = await Promise.all([
    loadForum(deps, forumId),
    store.getAction(deps.db, forumId, actionId),
  ]);
  if (!current) throw notFound('actionItem');
  ensure(canManageAgency(actor, current.ownerAgencyId) || canManageAgency(actor, forum.hostAgencyId));
  if (current.version !== input.version) throw staleVersion(current.version);
  const now = deps.clock();
  const status = input.status ?? current.status;
  const next: ActionRecord = {
    ...current,
    status,
    dueDate: input.dueDate ?? current.dueDate,
    ...(input.note !== undefined ? { note: input.note } : {}),
    doneAt: status === 'DONE' ? (current.doneAt ?? now.toISOString()) : undefined,
    updatedAt: now.toISOString(),
    version: current.version + 1,
  };
  try {
    await store.saveAction(deps.db, next);
  } catch (e) {
    if (failedConditions(e).length)
      throw staleVersion((await store.getAction(deps.db, forumId, actionId))?.version ?? current.version);
    throw e;
  }
  return actionView(next, wibDate(now));
};

export const agencyActions = async (
  deps: Deps,
  actor: Actor,
  agencyId: string,
  q: { status?: 'open' | 'all'; limit: number; cursor?: string },
) => {
  ensureViewAgency(actor, agencyId);
  const today = wibDate(deps.clock());
  const page = await store.agencyActions(deps.db, agencyId, {
    openOnly: (q.status ?? 'open') === 'open',
    limit: q.limit,
    cursor: q.cursor,
  });
  return { items: page.items.map((a) => actionView(a, today)), cursor: page.cursor };
};

/**
 * The weekly job: every item not DONE whose due date has passed (WIB) reminds the owner agency's
 * admins, once per item and ISO week (the notification key): a second run that week adds nothing.
 */
export const runForumActionReminders = async (deps: Deps) => {
  const now = deps.clock();
  const today = wibDate(now);
  const week = isoWeek(today);
  let overdue = 0;
  let notified = 0;
  for await (const items of store.openActionsDueBy(deps.db, addDays(today, -1))) {
    const due = items.filter((a) => isOverdue(a, today));
    overdue += due.length;
    const added = await mapLimit(due, 8, (a) =>
      notifyRole(
        deps.db,
        'AGENCY_ADMIN',
        a.ownerAgencyId,
        {
          key: `forum-action-overdue:${a.actionId}:${week}`,
          kind: 'FORUM_ACTION_OVERDUE',
          title: `Tindak lanjut forum "${a.forumTopic}" lewat tenggat ${a.dueDate}: ${a.title}`.slice(0, 300),
          link: `/v1/forums/${a.forumId}`,
        },
        now,
      ),
    );
    notified += added.reduce((s, n) => s + n, 0);
  }
  const result = { week, overdue, notified };
  logger.info('forum-action-reminders', result);
  return result;
};
