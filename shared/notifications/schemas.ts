import * as z from 'zod/mini';
import { pageOf, pageQuery } from '../platform/schemas.js';

export const notificationsQuery = z.strictObject({
  ...pageQuery,
  unread: z.optional(
    z.pipe(
      z.enum(['true', 'false']),
      z.transform((v: 'true' | 'false') => v === 'true'),
    ),
  ),
});
export const notificationKeyParam = z.object({
  key: z.string().check(z.minLength(1), z.maxLength(200), z.regex(/^[A-Za-z0-9_.:#-]+$/)),
});
export const notification = z.object({
  key: z.string(),
  /** the recipient */
  nip: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.optional(z.string()),
  link: z.optional(z.string()),
  createdAt: z.string(),
  readAt: z.optional(z.string()),
});
export const notificationPage = pageOf(notification);
