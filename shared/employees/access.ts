import { type Actor, ensure, hasRole } from '../platform/actor.js';
import { Forbidden } from '../platform/errors.js';
import type { EmployeeRecord } from './store.js';

/** Who may see and change what in the organisation (from the actor and the data). */

/** BKPP for any agency; an agency admin for their own. */
export const canManageAgency = (actor: Actor, agencyId: string): boolean =>
  hasRole(actor, 'HR_ADMIN') || (hasRole(actor, 'AGENCY_ADMIN') && actor.agencyId === agencyId);

/** Managers and the auditor (Inspektorat, read-only) see an agency's people. */
export const canViewAgency = (actor: Actor, agencyId: string): boolean =>
  canManageAgency(actor, agencyId) || hasRole(actor, 'AUDITOR');

export const ensureManageAgency = (actor: Actor, agencyId: string): void =>
  ensure(canManageAgency(actor, agencyId));
export const ensureViewAgency = (actor: Actor, agencyId: string): void =>
  ensure(canViewAgency(actor, agencyId));

/**
 * An employee's record is readable by themself, their pejabat penilai and the atasan pejabat
 * penilai (`reviewerOfReviewer`), their agency's admin, BKPP and the auditor.
 */
export const canReadEmployee = (actor: Actor, target: EmployeeRecord, reviewerOfReviewer?: string): boolean =>
  actor.nip === target.nip ||
  target.reviewerNip === actor.nip ||
  (reviewerOfReviewer !== undefined && reviewerOfReviewer === actor.nip) ||
  canViewAgency(actor, target.agencyId);

/**
 * Nobody changes their own pay inputs or chooses their own reviewer (position, status periods,
 * pejabat penilai, attendance, sanctions), whatever their roles: 403 with the reason.
 */
export const ensureNotSelf = (actor: Actor, nip: string, what: SelfEdit): void => {
  if (actor.nip === nip) throw new Forbidden('SELF_PAY_INPUT', { what });
};
export type SelfEdit = 'position' | 'statusPeriods' | 'reviewer' | 'attendance' | 'sanction' | 'roles';
