/**
 * In-app notifications, per recipient:
 *
 * | record       | pk            | sk             | gsi1                                  |
 * |--------------|---------------|----------------|---------------------------------------|
 * | notification | NOTIF#<nip>   | N#<key>        | NOTIF#<nip> / <createdAt>#<key> (newest first) |
 *
 * `key` is chosen by the sender so that a job run twice leaves one notification, not two.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, isConditionFailure, type Page, queryPage } from '../platform/dynamo.js';
import { NotFound } from '../platform/errors.js';
import { putNew, stripKeys } from '../platform/records.js';

export interface NotificationRecord {
  nip: string;
  key: string;
  kind: string;
  /** short text in Bahasa Indonesia, shown as is */
  title: string;
  body?: string;
  /** what it is about, for the client to open (e.g. /v1/assessments/...) */
  link?: string;
  createdAt: string;
  readAt?: string;
}

/**
 * The partition-key prefixes of the table items this module writes: in-app notifications (every area writes them on purpose).
 * The stack scopes write grants with them (dynamodb:LeadingKeys, functions/writes.ts); a test
 * checks every key built here starts with one of them.
 */
export const KEY_PREFIXES = ['NOTIF#'] as const;

const keyOf = (nip: string, key: string) => ({ pk: `NOTIF#${nip}`, sk: `N#${key}` });

/** Adds a notification unless one with the same key exists; returns whether it was new. */
export const addNotification = async (db: Db, n: NotificationRecord): Promise<boolean> => {
  try {
    await putNew(
      db,
      {
        ...keyOf(n.nip, n.key),
        type: 'NOTIFICATION',
        ...n,
        gsi1pk: `NOTIF#${n.nip}`,
        gsi1sk: `${n.createdAt}#${n.key}`,
      },
      'notification',
    );
    return true;
  } catch (e) {
    if ((e as { code?: string }).code === 'ALREADY_EXISTS') return false;
    throw e;
  }
};

export const listNotifications = async (
  db: Db,
  nip: string,
  page: { limit: number; cursor?: string; unreadOnly?: boolean },
): Promise<Page<NotificationRecord>> => {
  const out = await queryPage(db, {
    index: 'gsi1',
    pk: `NOTIF#${nip}`,
    limit: page.limit,
    cursor: page.cursor,
    forward: false,
    filter: page.unreadOnly ? { FilterExpression: 'attribute_not_exists(readAt)' } : undefined,
  });
  return { items: out.items.map((i) => stripKeys<NotificationRecord>(i)), cursor: out.cursor };
};

/** Marks one as read (idempotent: reading twice keeps the first time). */
export const markRead = async (db: Db, nip: string, key: string, at: string): Promise<void> => {
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: keyOf(nip, key),
        UpdateExpression: 'SET readAt = if_not_exists(readAt, :at)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  } catch (e) {
    if (isConditionFailure(e)) throw new NotFound('NOT_FOUND', { entity: 'notification' });
    throw e;
  }
};
