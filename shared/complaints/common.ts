/** What the complaint use cases share: loading, the calendars, the state check, notifications. */
import type { Calendars } from '../calendar/rules.js';
import { getCalendars } from '../calendar/store.js';
import { notifyRole } from '../notifications/notify.js';
import { wibDate } from '../platform/clock.js';
import type { Db } from '../platform/dynamo.js';
import { InvalidState, NotFound } from '../platform/errors.js';
import type { Deps } from '../platform/http.js';
import type { Role } from '../platform/roles.js';
import type { Complaint } from './lifecycle.js';
import './messages.js';
import { type Action, canDo } from './rules.js';
import { getComplaint } from './store.js';

export const notFound = (entity = 'complaint') => new NotFound('NOT_FOUND', { entity });

export const loadComplaint = async (deps: Deps, code: string, consistent = false): Promise<Complaint> => {
  const c = await getComplaint(deps.db, code, consistent);
  if (!c) throw notFound();
  return c;
};

/** The calendars a deadline starting now can need (a 60-working-day answer crosses the year end). */
export const calendarsFrom = async (db: Db, now: Date): Promise<Calendars> => {
  const year = Number(wibDate(now).slice(0, 4));
  return getCalendars(db, [year, year + 1]);
};

/** 422 unless the lifecycle allows the action from the complaint's status. */
export const ensureCan = (c: Complaint, action: Action): void => {
  if (!canDo(c.status, action)) throw new InvalidState('COMPLAINT_STATE', { status: c.status, action });
};

/** Tells the holders of a role (in an agency) about a complaint; keyed so that a retry adds nothing. */
export const tell = (
  db: Db,
  role: Role,
  agencyId: string | undefined,
  c: Complaint,
  what: { key: string; kind: string; title: string },
  at: Date,
) =>
  notifyRole(
    db,
    role,
    agencyId,
    {
      key: `cmp-${c.id}-${what.key}`,
      kind: what.kind,
      title: what.title,
      link: `/v1/complaints/${c.id}`,
    },
    at,
  );
