/**
 * The OpenAPI 3.1 document, generated from the catalog and its zod schemas (never written by hand).
 *
 * - Named types: the schemas given in `named` (the domain's types: Assessment, TppRun, ...) become
 *   `components.schemas` and every operation refers to them; the rest is inlined.
 * - Errors: each operation lists the statuses it can answer, each with the shape that answers it
 *   (`ApiError` from the functions, `GatewayError` from API Gateway itself, `Open311Error` on the
 *   Open311 routes); `ApiError.error.code` is the enum of the codes the system uses.
 * - Headers: Accept-Language, Idempotency-Key, X-Reporter-Secret and If-None-Match as parameters;
 *   Content-Language, ETag and Vary as response headers where they are sent.
 */
import * as z from 'zod/mini';
import { ERROR_CODES } from './errors.js';
import type { RouteDef, Schema } from './route.js';

type Json = Record<string, unknown>;
type Io = 'input' | 'output';

export interface NamedSchema {
  schema: Schema;
  description?: string;
  /** JSON Schema keywords the zod schema cannot say (a refine's pattern, a format) */
  extra?: Json;
  example?: unknown;
}

export interface OpenApiInfo {
  title: string;
  version: string;
  /** default: the host that serves the document (`/`) */
  servers?: Array<{ url: string; description: string }>;
}

export interface OpenApiExtras {
  /** the named types: name → schema (and what JSON Schema cannot learn from zod) */
  named?: Record<string, NamedSchema>;
  /** tag → description (every tag the routes use must be here) */
  tags?: Record<string, string>;
  /** operationId → an example of its success body */
  examples?: Record<string, unknown>;
  /**
   * What a path or query value means once parsed, where zod can only say "a string of digits"
   * (limit, year): the schema is replaced by this one in the parameters.
   */
  parsedAs?: ReadonlyArray<readonly [Schema, Json]>;
  /** Request parts validated item by item inside the use case (import rows): the item's schema. */
  itemsOf?: ReadonlyArray<readonly [Schema, Schema]>;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const INSTANT_KEY = /(At|Datetime|_datetime|Until)$|^(start|due)$/;
/** Deadlines: the end of a day in WIB (Asia/Jakarta), sent as the UTC instant it ends. */
const DEADLINE_KEY = /^(due|dueAt|verification|expectedAnswer|selfAssessment|review|appeal|expectedAt)$/;
const PERIOD_PATTERN = '^\\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$';
const DATE_KEY = /^(date|startDate|endDate|effectiveFrom|effectiveTo|completedOn|dueDate)$/;

/**
 * Output strings whose property name says what they hold get the format a client can rely on:
 * `...At` are instants (date-time, UTC), the listed date keys are calendar dates (Asia/Jakarta).
 * The HTTP tests validate every response against these formats, so a wrong guess fails the build.
 */
const formats =
  (io: Io, parsedAs: ReadonlyMap<unknown, Json>) =>
  (ctx: { zodSchema: unknown; jsonSchema: Json; path: (string | number)[] }) => {
    const replacement = parsedAs.get(ctx.zodSchema);
    if (replacement && io === 'input') {
      for (const k of Object.keys(ctx.jsonSchema)) delete ctx.jsonSchema[k];
      Object.assign(ctx.jsonSchema, structuredClone(replacement));
      return;
    }
    const js = ctx.jsonSchema;
    // z.int() says "a safe integer" with bounds no client needs to read
    if (js.minimum === Number.MIN_SAFE_INTEGER) delete js.minimum;
    if (js.maximum === Number.MAX_SAFE_INTEGER) delete js.maximum;
    const name = ctx.path.at(-2) === 'properties' ? ctx.path.at(-1) : undefined;
    if (typeof name === 'string' && /Bp$/.test(name) && (js.type === 'integer' || js.type === 'number'))
      js.description ??= 'Basis points: 10000 = 100%';
    if (io !== 'output') return;
    if (js.type !== 'string' || js.format || js.enum || js.pattern || js.const !== undefined) return;
    const key = ctx.path.at(-1);
    if (typeof key !== 'string' || ctx.path.at(-2) !== 'properties') return;
    if (DEADLINE_KEY.test(key)) {
      js.format = 'date-time';
      js.description ??= 'A deadline: the end of that day in WIB (Asia/Jakarta), as a UTC instant';
    } else if (INSTANT_KEY.test(key)) js.format = 'date-time';
    else if (DATE_KEY.test(key)) js.format = 'date';
    else if (key === 'period') {
      js.pattern = PERIOD_PATTERN;
      js.description ??= 'A month (2026-03), a quarter (2026-Q1) or a year (2026)';
    }
  };

const walk = (node: unknown, visit: (o: Json) => void): void => {
  if (Array.isArray(node)) for (const n of node) walk(n, visit);
  else if (node && typeof node === 'object') {
    visit(node as Json);
    for (const v of Object.values(node as Json)) walk(v, visit);
  }
};

const canonical = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(canonical)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.entries(v as Json)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, x]) => [k, canonical(x)]),
        )
      : v;
const same = (a: unknown, b: unknown) =>
  JSON.stringify(canonical(a)).replaceAll('#/$defs/', '#/components/schemas/') ===
  JSON.stringify(canonical(b)).replaceAll('#/$defs/', '#/components/schemas/');

class SchemaSet {
  readonly components: Record<string, Json> = {};
  readonly registry = z.registry<Json>();
  private readonly cache = new Map<Schema, Json>();

  private readonly parsedAs: Map<unknown, Json>;

  constructor(
    named: Record<string, NamedSchema>,
    parsedAs: ReadonlyArray<readonly [Schema, Json]> = [],
    itemsOf: ReadonlyArray<readonly [Schema, Schema]> = [],
  ) {
    this.parsedAs = new Map(parsedAs);
    for (const [id, n] of Object.entries(named)) {
      this.registry.add(n.schema, {
        id,
        ...(n.description ? { description: n.description } : {}),
        ...(n.example !== undefined ? { examples: [n.example] } : {}),
        ...n.extra,
      });
    }
    for (const [unknownItems, item] of itemsOf) this.parsedAs.set(unknownItems, this.convert(item, 'input'));
  }

  /** The schema's JSON Schema with named types moved to components (input variants suffixed). */
  convert(schema: Schema, io: Io): Json {
    const key = `${io}` as const;
    const cached = this.cache.get(schema);
    if (cached?.[key]) return structuredClone(cached[key] as Json);
    const js = z.toJSONSchema(schema, {
      metadata: this.registry,
      io,
      target: 'draft-2020-12',
      unrepresentable: 'any',
      override: formats(io, this.parsedAs),
    }) as Json;
    delete js.$schema;
    const defs = (js.$defs ?? {}) as Record<string, Json>;
    delete js.$defs;
    const renamed: Record<string, string> = {};
    for (const [id, def] of Object.entries(defs)) {
      let name = id;
      if (this.components[name] && !same(this.components[name], def))
        name = `${id}${io === 'input' ? 'Input' : '2'}`;
      if (this.components[name] && !same(this.components[name], def))
        throw new Error(`OpenAPI: ${id} converts differently in two places`);
      renamed[id] = name;
    }
    const fix = (o: Json) => {
      const r = o.$ref;
      if (typeof r === 'string' && r.startsWith('#/$defs/')) {
        const id = r.slice('#/$defs/'.length);
        o.$ref = `#/components/schemas/${renamed[id] ?? id}`;
      }
    };
    for (const [id, def] of Object.entries(defs)) {
      walk(def, fix);
      this.components[renamed[id] as string] ??= def;
    }
    walk(js, fix);
    this.cache.set(schema, { ...(cached ?? {}), [key]: js });
    return structuredClone(js);
  }
}

// ── shared parts ──────────────────────────────────────────────────────────────

const apiError = {
  type: 'object',
  description:
    'What a function answers on a refusal. `message` is in Bahasa Indonesia, or English with `Accept-Language: en`.',
  required: ['error'],
  additionalProperties: false,
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      additionalProperties: false,
      properties: {
        code: { type: 'string', enum: [...ERROR_CODES], description: 'Stable machine-readable code' },
        message: { type: 'string', description: 'For people: Indonesian by default, English on request' },
        details: {
          type: 'array',
          description: 'On 400: each field refused, with the reason',
          items: {
            type: 'object',
            required: ['path', 'code', 'message'],
            additionalProperties: false,
            properties: {
              path: { type: 'string', description: 'Where: body.rows.3.nip, query.limit, path.nip' },
              code: { type: 'string', description: 'Why, machine-readable: too_small, required, ...' },
              message: { type: 'string' },
            },
          },
        },
        currentVersion: {
          type: ['integer', 'string'],
          description: 'On 409 CONFLICT: the version to reload before trying again',
        },
        requestId: { type: 'string', description: 'On 500: the request id to quote' },
        status: { type: 'string', description: 'On 409 ALREADY_ENROLLED: the enrolment status' },
      },
    },
  },
  example: { error: { code: 'NOT_FOUND', message: 'Penilaian tidak ditemukan.' } },
};

const gatewayError = {
  type: 'object',
  description:
    "API Gateway's own answer (no route, no or bad token, body over 10 MB, throttled): not produced by a function.",
  required: ['message'],
  additionalProperties: false,
  properties: {
    message: {
      type: 'string',
      enum: ['Not Found', 'Unauthorized', 'Request Entity Too Large', 'Too Many Requests'],
    },
  },
  example: { message: 'Unauthorized' },
};

const open311Error = {
  type: 'array',
  description: 'Open311 GeoReport v2 errors: the HTTP status and a description',
  items: {
    type: 'object',
    required: ['code', 'description'],
    additionalProperties: false,
    properties: { code: { type: 'integer' }, description: { type: 'string' } },
  },
  example: [{ code: 404, description: 'Pengaduan tidak ditemukan.' }],
};

const headerParams = {
  AcceptLanguage: {
    name: 'Accept-Language',
    in: 'header',
    required: false,
    description: 'Language of messages and worded fields: `id` (default) or `en`.',
    schema: { type: 'string', example: 'en' },
  },
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description:
      'A key the client makes up per submission (8–128 characters): a retry with the same key and body answers the first submission again instead of creating a second one.',
    schema: { type: 'string', minLength: 8, maxLength: 128 },
  },
  ReporterSecret: {
    name: 'X-Reporter-Secret',
    in: 'header',
    required: false,
    description:
      'The reporter secret shown once on submission. With it the reporter sees their own confidential complaint and may write, rate and reopen.',
    schema: { type: 'string', maxLength: 200 },
  },
  IfNoneMatch: {
    name: 'If-None-Match',
    in: 'header',
    required: false,
    description: 'The ETag of a copy the client holds: 304 with no body when it is still current.',
    schema: { type: 'string' },
  },
};

const responseHeaders = {
  ContentLanguage: {
    description: 'The language of the messages: id or en',
    schema: { type: 'string', enum: ['id', 'en'] },
  },
  ETag: { description: 'The version of this representation, for If-None-Match', schema: { type: 'string' } },
  Vary: {
    description: 'Accept-Language where the language changes the body',
    schema: { type: 'string' },
  },
};

const errorContent = (schema: Json) => ({ 'application/json': { schema } });

const errorResponses = {
  BadRequest: { description: 'The request is malformed, or a field is refused (each named in details)' },
  Unauthorized: { description: 'No token, or a token API Gateway refuses (its own answer)' },
  Forbidden: { description: 'The role or the data does not allow this caller' },
  NotFound: { description: 'No such record (or the caller may not know it exists)' },
  Conflict: {
    description: 'Changed concurrently (CONFLICT, with currentVersion to reload) or already exists',
  },
  PayloadTooLarge: { description: 'The body is over the route limit (or over 10 MB at the gateway)' },
  UnsupportedMediaType: { description: 'A content type this route does not take' },
  Unprocessable: { description: 'Well-formed, but the workflow does not allow it now' },
  TooManyRequests: { description: 'Throttled by API Gateway: wait and try again' },
  InternalError: { description: 'Internal error: the answer holds only the request id' },
} as const;

const STATUS_RESPONSE: Record<string, keyof typeof errorResponses> = {
  '400': 'BadRequest',
  '401': 'Unauthorized',
  '403': 'Forbidden',
  '404': 'NotFound',
  '409': 'Conflict',
  '413': 'PayloadTooLarge',
  '415': 'UnsupportedMediaType',
  '422': 'Unprocessable',
  '429': 'TooManyRequests',
  '500': 'InternalError',
};

/** The statuses a route can answer besides its success, from what the chain and the stack do. */
export const errorStatuses = (r: RouteDef): string[] => {
  const out = new Set<string>();
  if (r.params || r.query || r.body) out.add('400');
  if (r.auth !== 'public') out.add('401').add('403');
  if (r.requestHeaders?.includes('x-reporter-secret')) out.add('403');
  if (r.params) out.add('404');
  if (r.access === 'write') out.add('409').add('422');
  if (r.params) out.add('422'); // a record that exists but whose state does not allow the read (NOT_FUNCTIONAL)
  if (r.body) out.add('413').add('415');
  if (r.requestHeaders?.includes('idempotency-key')) out.add('422');
  out.add('429').add('500');
  return [...out].sort();
};

const errorBodyFor = (r: RouteDef, status: string): Json => {
  if (r.fn === 'open311') return status === '429' ? ref('GatewayError') : ref('Open311Error');
  if (status === '429') return ref('GatewayError');
  // the gateway's own 401, or the function's when a token lacks the claims it needs
  if (status === '401') return { anyOf: [ref('GatewayError'), ref('ApiError')] };
  if (status === '413') return { anyOf: [ref('ApiError'), ref('GatewayError')] };
  return ref('ApiError');
};

export const openApiDocument = (
  routes: Record<string, RouteDef>,
  info: OpenApiInfo,
  extras: OpenApiExtras = {},
) => {
  const set = new SchemaSet(extras.named ?? {}, extras.parsedAs, extras.itemsOf);
  const parameters = (schema: Schema | undefined, where: 'path' | 'query') => {
    if (!schema) return [];
    const js = set.convert(schema, 'input') as { properties?: Record<string, Json>; required?: string[] };
    return Object.entries(js.properties ?? {}).map(([name, s]) => {
      const { description, ...rest } = s;
      return {
        name,
        in: where,
        required: where === 'path' || (js.required ?? []).includes(name),
        ...(typeof description === 'string' ? { description } : {}),
        schema: rest,
      };
    });
  };

  const paths: Record<string, Record<string, unknown>> = {};
  for (const [id, r] of Object.entries(routes)) {
    const status = String(r.status ?? 200);
    const isGet = r.method === 'GET';
    const successHeaders: Record<string, unknown> = {
      'Content-Language': { $ref: '#/components/headers/ContentLanguage' },
      ...(isGet ? { ETag: { $ref: '#/components/headers/ETag' } } : {}),
      ...(r.localized ? { Vary: { $ref: '#/components/headers/Vary' } } : {}),
    };
    const success: Json = { description: r.summary, headers: successHeaders };
    if (status !== '204') {
      const type = r.produces ?? 'application/json';
      const schema = r.response
        ? set.convert(r.response, 'output')
        : type.startsWith('text/csv')
          ? { type: 'string', description: 'header row + one row per item' }
          : { type: 'string', format: 'binary' };
      const example = extras.examples?.[id];
      success.content = { [type]: { schema, ...(example !== undefined ? { example } : {}) } };
    }
    const responses: Record<string, unknown> = { [status]: success };
    if (isGet) responses['304'] = { $ref: '#/components/responses/NotModified' };
    for (const s of errorStatuses(r)) {
      const base = errorResponses[STATUS_RESPONSE[s] as keyof typeof errorResponses];
      responses[s] = { description: base.description, content: errorContent(errorBodyFor(r, s)) };
    }
    const headerRefs = [
      { $ref: '#/components/parameters/AcceptLanguage' },
      ...(isGet ? [{ $ref: '#/components/parameters/IfNoneMatch' }] : []),
      ...(r.requestHeaders?.includes('idempotency-key')
        ? [{ $ref: '#/components/parameters/IdempotencyKey' }]
        : []),
      ...(r.requestHeaders?.includes('x-reporter-secret')
        ? [{ $ref: '#/components/parameters/ReporterSecret' }]
        : []),
    ];
    const op: Record<string, unknown> = {
      operationId: id,
      summary: r.summary,
      tags: [r.tag],
      description: [
        r.description,
        r.auth === 'public'
          ? 'Public: no token.'
          : `Roles: ${r.auth.join(', ')} (and the data-level checks of the use case).`,
      ]
        .filter(Boolean)
        .join('\n\n'),
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query'), ...headerRefs],
      ...(r.auth === 'public' ? { security: [] } : {}),
      responses,
    };
    if (r.body) {
      const schema = set.convert(r.body, 'input');
      const content: Record<string, unknown> = { 'application/json': { schema } };
      if (r.bodyTypes?.includes('csv'))
        content['text/csv'] = { schema: { type: 'string', description: 'header row + one row per item' } };
      if (r.bodyTypes?.includes('form')) content['application/x-www-form-urlencoded'] = { schema };
      op.requestBody = { required: true, content };
    }
    paths[r.path] ??= {};
    (paths[r.path] as Record<string, unknown>)[r.method.toLowerCase()] = op;
  }
  const usedTags = [...new Set(Object.values(routes).map((r) => r.tag))];
  return {
    openapi: '3.1.0',
    info: {
      title: info.title,
      version: info.version,
      description:
        'Sinergi: kinerja ASN, TPP, pengembangan kompetensi, kolaborasi dan pengaduan publik Kota Semarang.\n\n' +
        'Money is integer rupiah and rates are integer basis points (10000 = 100%). Instants are UTC ' +
        '(`date-time`); business dates and deadlines are days in Asia/Jakarta (WIB): a deadline sent as ' +
        'an instant is the end of that day in WIB. Lists take `limit` (1–100, default 25) and answer a ' +
        '`cursor` to pass back for the next page while there is one.',
      contact: {
        name: 'BKPP Kota Semarang',
        url: 'https://semarangkota.go.id',
        email: 'bkpp@semarangkota.go.id',
      },
      license: { name: 'Proprietary', url: 'https://semarangkota.go.id' },
    },
    servers: info.servers ?? [
      {
        url: '/',
        description:
          'The host that serves this document: the API Gateway stage in AWS (the stack output ApiUrl), or the local gateway of `npm start` (http://localhost:3000)',
      },
    ],
    tags: usedTags.map((name) => ({ name, description: extras.tags?.[name] ?? name })),
    components: {
      securitySchemes: {
        cognito: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'The Cognito ID token (locally: `npm run token`)',
        },
      },
      schemas: {
        ...Object.fromEntries(Object.entries(set.components).sort(([a], [b]) => a.localeCompare(b))),
        ApiError: apiError,
        GatewayError: gatewayError,
        Open311Error: open311Error,
      },
      parameters: headerParams,
      headers: responseHeaders,
      responses: {
        NotModified: {
          description: 'The copy named by If-None-Match is still current: no body',
          headers: { ETag: { $ref: '#/components/headers/ETag' } },
        },
      },
    },
    security: [{ cognito: [] }],
    paths,
  };
};
