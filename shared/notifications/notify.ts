/**
 * Leaving notifications for whoever must act: a person, or the holders of a role in an agency
 * (e.g. the agency's admins). Used by use cases and jobs of every area.
 */
import { holdersOfRole } from '../employees/store.js';
import type { Db } from '../platform/dynamo.js';
import type { Role } from '../platform/roles.js';
import { addNotification, type NotificationRecord } from './store.js';

export type NotificationInput = Omit<NotificationRecord, 'nip' | 'createdAt' | 'readAt'>;

export const notify = (db: Db, nip: string, n: NotificationInput, at: Date): Promise<boolean> =>
  addNotification(db, { ...n, nip, createdAt: at.toISOString() });

/** Notifies every holder of `role` (in `agencyId`, for agency-bound roles); returns how many were new. */
export const notifyRole = async (
  db: Db,
  role: Role,
  agencyId: string | undefined,
  n: NotificationInput,
  at: Date,
) => {
  const nips = await holdersOfRole(db, role, agencyId, 100);
  const added = await Promise.all(nips.map((nip) => notify(db, nip, n, at)));
  return added.filter(Boolean).length;
};
