/**
 * Pure rules of inter-agency collaboration (DOMAIN §5): who takes part in a forum, when an action
 * item is overdue, the reminder week, and when a joint protocol's version may become ACTIVE.
 * No AWS, no store, no clock.
 */
import { addDays, dayOfWeek } from '../platform/clock.js';

export const FORUM_KINDS = ['FORUM', 'WORKSHOP'] as const;
export type ForumKind = (typeof FORUM_KINDS)[number];

export const ACTION_STATUSES = ['OPEN', 'IN_PROGRESS', 'DONE'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const PROTOCOL_VERSION_STATUSES = ['PROPOSED', 'ACTIVE', 'SUPERSEDED'] as const;
export type ProtocolVersionStatus = (typeof PROTOCOL_VERSION_STATUSES)[number];

/** The agencies taking part in a forum: the host and the invited ones. */
export const forumAgencies = (f: { hostAgencyId: string; invitedAgencyIds: readonly string[] }): string[] => [
  f.hostAgencyId,
  ...f.invitedAgencyIds.filter((a) => a !== f.hostAgencyId),
];

export const takesPart = (
  f: { hostAgencyId: string; invitedAgencyIds: readonly string[] },
  agencyId: string,
): boolean => forumAgencies(f).includes(agencyId);

/** An action item is overdue from the day after its due date (WIB) until it is DONE. */
export const isOverdue = (a: { status: ActionStatus; dueDate: string }, today: string): boolean =>
  a.status !== 'DONE' && a.dueDate < today;

/** The ISO week of a date, e.g. 2026-W48 (weeks start on Monday; week 1 holds the first Thursday). */
export const isoWeek = (date: string): string => {
  const dow = dayOfWeek(date) || 7; // Monday 1 … Sunday 7
  const thursday = addDays(date, 4 - dow);
  const year = Number(thursday.slice(0, 4));
  const firstThursdayWeekStart = (() => {
    const jan4 = `${year}-01-04`;
    return addDays(jan4, 1 - (dayOfWeek(jan4) || 7));
  })();
  const days = Math.round((Date.parse(thursday) - Date.parse(firstThursdayWeekStart)) / 86_400_000);
  return `${year}-W${String(Math.floor(days / 7) + 1).padStart(2, '0')}`;
};

/** Co-owners that have not approved yet (in the co-owners' order). */
export const missingApprovals = (coOwners: readonly string[], approvals: Readonly<Record<string, unknown>>) =>
  coOwners.filter((a) => !(a in approvals));

/** A version becomes ACTIVE only when every co-owner agency has approved it. */
export const approvedByAll = (coOwners: readonly string[], approvals: Readonly<Record<string, unknown>>) =>
  coOwners.length > 0 && missingApprovals(coOwners, approvals).length === 0;
