import type { Actor } from '../platform/actor.js';
import type { Deps } from '../platform/http.js';
import { registerEntities } from '../platform/i18n.js';
import { listNotifications, markRead } from './store.js';

registerEntities({ notification: { id: 'Notifikasi', en: 'Notification' } });

/** My notifications, newest first. */
export const myNotifications = (
  deps: Deps,
  actor: Actor,
  q: { limit: number; cursor?: string; unread?: boolean },
) => listNotifications(deps.db, actor.nip, { limit: q.limit, cursor: q.cursor, unreadOnly: q.unread });

export const readNotification = async (deps: Deps, actor: Actor, key: string) => {
  await markRead(deps.db, actor.nip, key, deps.clock().toISOString());
};
