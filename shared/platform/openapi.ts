/**
 * The OpenAPI 3.1 document, generated from the catalog and its zod schemas (never written by hand).
 */
import * as z from 'zod/mini';
import type { RouteDef, Schema } from './route.js';

const jsonSchema = (schema: Schema, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: {
          type: 'string',
          description: 'Bahasa Indonesia by default; English with Accept-Language: en',
        },
        details: {
          type: 'array',
          items: {
            type: 'object',
            properties: { path: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } },
          },
        },
        currentVersion: { type: 'integer', description: 'on 409 CONFLICT: the version to reload' },
      },
    },
  },
};

const parameters = (schema: Schema | undefined, where: 'path' | 'query') => {
  if (!schema) return [];
  const js = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (js.required ?? []).includes(name),
    schema: s,
  }));
};

export const openApiDocument = (
  routes: Record<string, RouteDef>,
  info: { title: string; version: string },
) => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [id, r] of Object.entries(routes)) {
    const op: Record<string, unknown> = {
      operationId: id,
      summary: r.summary,
      tags: [r.tag],
      description:
        r.auth === 'public'
          ? 'Public: no token.'
          : `Roles: ${r.auth.join(', ')} (and the data-level checks of the use case).`,
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      ...(r.auth === 'public' ? { security: [] } : {}),
      responses: {
        [String(r.status ?? 200)]: {
          description: 'OK',
          content: {
            [r.produces ?? 'application/json']: {
              schema: r.response ? jsonSchema(r.response, 'output') : {},
            },
          },
        },
        '4XX': {
          description: 'Refused: see error.code',
          content: { 'application/json': { schema: errorSchema } },
        },
        '500': {
          description: 'Internal error (request id only)',
          content: { 'application/json': { schema: errorSchema } },
        },
      },
    };
    if (r.body) {
      const schema = jsonSchema(r.body, 'input');
      const content: Record<string, unknown> = { 'application/json': { schema } };
      if (r.bodyTypes?.includes('csv'))
        content['text/csv'] = { schema: { type: 'string', description: 'header row + one row per item' } };
      if (r.bodyTypes?.includes('form')) content['application/x-www-form-urlencoded'] = { schema };
      op.requestBody = { required: true, content };
    }
    paths[r.path] ??= {};
    (paths[r.path] as Record<string, unknown>)[r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      ...info,
      description:
        'Sinergi: kinerja ASN, TPP, pengembangan kompetensi, kolaborasi dan pengaduan publik Kota Semarang.',
    },
    components: { securitySchemes: { cognito: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    security: [{ cognito: [] }],
    paths,
  };
};
