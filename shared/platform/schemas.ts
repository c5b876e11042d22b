import * as z from 'zod/mini';
import { isIsoDate } from './clock.js';

/** Building blocks of the API contract shared by every area. */

export const nip = z.string().check(
  z.refine((v) => /^\d{18}$/.test(v), {
    params: { reason: 'nip', values: {} },
    message: 'nip',
    abort: true,
  }),
);

export const isoDate = z.string().check(
  z.refine((v) => isIsoDate(v), {
    params: { reason: 'invalid_format', values: { format: 'YYYY-MM-DD' } },
    message: 'date',
  }),
);

export const year = z.int().check(z.gte(2000), z.lte(2100));
/** A year in a path or query: digits only */
export const yearParam = z.pipe(
  z.string().check(z.regex(/^\d{4}$/)),
  z.pipe(
    z.transform((v: string) => Number(v)),
    z.int().check(z.gte(2000), z.lte(2100)),
  ),
);

export const id = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_.-]+$/));
export const text = (max: number, min = 1) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));

/** `?limit=&cursor=` of every list: limit 1–100, default 25. */
export const pageQuery = {
  limit: z.optional(
    z.pipe(
      z.string().check(z.regex(/^\d{1,3}$/)),
      z.pipe(
        z.transform((v: string) => Number(v)),
        z.int().check(z.gte(1), z.lte(100)),
      ),
    ),
  ),
  cursor: z.optional(z.string().check(z.maxLength(2048))),
};

export const pageOf = <T extends z.ZodMiniType>(item: T) =>
  z.object({ items: z.array(item), cursor: z.optional(z.string()) });

export const versionField = z.int().check(z.gte(1));

/** The OpenAPI document's outline (GET /openapi.json): a client reads it with an OpenAPI tool. */
export const openApiDocumentSchema = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});
