import { createHash, timingSafeEqual } from 'node:crypto';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2 } from 'aws-lambda';
import type * as z from 'zod/mini';
import { type Actor, actorFromClaims } from './actor.js';
import type { Clock } from './clock.js';
import { parseCsv } from './csv.js';
import { type Db, db } from './dynamo.js';
import {
  type DomainError,
  Forbidden,
  isDomainError,
  NotFound,
  PayloadTooLarge,
  UnsupportedMediaType,
  ValidationError,
} from './errors.js';
import { entityNames, type Lang, langFrom, message, reason } from './i18n.js';
import { type Ids, systemIds } from './ids.js';
import { logger } from './logger.js';
import { DEFAULT_MAX_BODY_BYTES, type RouteDef } from './route.js';
import { parseOrThrow } from './validation.js';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type HttpResult = APIGatewayProxyResultV2 & {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
};

/** What every use case is given: the store, the clock (the request's time) and the id source. */
export interface Deps {
  db: Db;
  clock: Clock;
  ids: Ids;
}

type Out<S> = S extends z.ZodMiniType ? z.output<S> : undefined;

export interface Request<R extends RouteDef> {
  actor: R['auth'] extends 'public' ? Actor | undefined : Actor;
  params: Out<R['params']>;
  query: Out<R['query']>;
  body: Out<R['body']>;
  headers: Record<string, string>;
  lang: Lang;
  requestId: string;
  now: Date;
  deps: Deps;
}

/** A response other than 200 JSON of the route's default status. */
export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
    /** body is already text (CSV, HTML); a Buffer body is always sent as bytes */
    readonly raw = false,
  ) {}
}

export type Impl<R extends RouteDef> = (req: Request<R>) => Promise<unknown>;

interface State {
  headers: Record<string, string>;
  route: RouteDef;
  lang: Lang;
  requestId: string;
  started: number;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

export const errorBody = (e: DomainError, lang: Lang) => {
  const params: Record<string, string | number> = { ...e.params };
  if (typeof params.entity === 'string' && entityNames[params.entity]) {
    params.entity = entityNames[params.entity]?.[lang] ?? params.entity;
  }
  return {
    error: {
      code: e.code,
      message: message(e.code, lang, params),
      ...(e.details
        ? {
            details: e.details.map((d) => ({
              path: d.path,
              code: d.code,
              message: d.message ?? reason(d.reason ?? d.code, lang, d.params),
            })),
          }
        : {}),
      ...(e.extra ?? {}),
    },
  };
};

const lowerHeaders = (headers: Record<string, string | undefined> | undefined): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (v !== undefined) out[k.toLowerCase()] = v;
  return out;
};

const decodeBody = (event: HttpEvent): string | undefined => {
  if (event.body === undefined || event.body === null) return undefined;
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
};

const mediaType = (headers: Record<string, string>): string =>
  (headers['content-type'] ?? 'application/json').split(';')[0]?.trim().toLowerCase() ?? '';

/** Reads the body the route declares: JSON (default), CSV → { rows }, or form-encoded. */
const readBody = (route: RouteDef, event: HttpEvent, headers: Record<string, string>): unknown => {
  const text = decodeBody(event);
  const limit = route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (text !== undefined && Buffer.byteLength(text, 'utf8') > limit) {
    throw new PayloadTooLarge('PAYLOAD_TOO_LARGE', { limit });
  }
  if (!route.body) return undefined;
  if (text === undefined || text.trim() === '') {
    return undefined; // the schema decides whether a body is required
  }
  const type = mediaType(headers);
  const accepted = route.bodyTypes ?? ['json'];
  if (type === 'text/csv' && accepted.includes('csv')) {
    const { rows, badRows } = parseCsv(text);
    if (badRows.length > 0) {
      throw new ValidationError(
        'VALIDATION',
        {},
        badRows.map((i) => ({ path: `body.rows.${i}`, code: 'csv_columns' })),
      );
    }
    return { rows };
  }
  if (type === 'application/x-www-form-urlencoded' && accepted.includes('form')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  if (type !== 'application/json' && !type.endsWith('+json')) {
    const expected = accepted.map((t) =>
      t === 'csv' ? 'text/csv' : t === 'form' ? 'application/x-www-form-urlencoded' : 'application/json',
    );
    throw new UnsupportedMediaType('UNSUPPORTED_MEDIA_TYPE', {
      contentType: type,
      expected: expected.join(', '),
    });
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError('MALFORMED_JSON', {}, [{ path: 'body', code: 'malformed_json' }]);
  }
};

/** A strong validator of the body: equal bodies, equal tags. */
export const etagOf = (body: string): string =>
  `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

const matches = (ifNoneMatch: string | undefined, etag: string): boolean =>
  (ifNoneMatch ?? '').split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });

/**
 * The response. A successful GET carries an ETag and `Cache-Control: private, no-cache` (clients keep
 * it and revalidate); `If-None-Match` with the current tag answers 304 with no body. A body that
 * depends on the language says so with `Vary: Accept-Language`.
 */
const toResult = (
  route: RouteDef,
  value: unknown,
  lang: Lang,
  headers: Record<string, string>,
): HttpResult => {
  const base: Record<string, string> = {
    ...JSON_HEADERS,
    'content-language': lang,
    ...(route.localized ? { vary: 'Accept-Language' } : {}),
  };
  let result: HttpResult;
  if (value instanceof Reply) {
    if (Buffer.isBuffer(value.body)) {
      // bytes (a PDF): base64, as API Gateway and the Lambda payload 2.0 carry binary bodies
      result = {
        statusCode: value.status,
        headers: { ...base, ...value.headers },
        body: value.body.toString('base64'),
        isBase64Encoded: true,
      };
    } else {
      const body = value.raw
        ? String(value.body)
        : value.body === undefined
          ? ''
          : JSON.stringify(value.body);
      result = { statusCode: value.status, headers: { ...base, ...value.headers }, body };
    }
  } else {
    const status = route.status ?? 200;
    if (value === undefined || status === 204) return { statusCode: 204, headers: base, body: '' };
    result = { statusCode: status, headers: base, body: JSON.stringify(value) };
  }
  if (route.method !== 'GET' || result.statusCode !== 200) return result;
  const etag = etagOf(result.body);
  result.headers.etag = etag;
  result.headers['cache-control'] ??= 'private, no-cache';
  if (!matches(headers['if-none-match'], etag)) return result;
  const { 'content-type': _type, ...kept } = result.headers;
  return { statusCode: 304, headers: kept, body: '' };
};

/** The header CloudFront adds to every request it forwards to the API (infra/stack.ts). */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';

/**
 * Where the deployment says so (ORIGIN_VERIFY_SECRET set: prod), only requests that came through
 * the CloudFront distribution, and so through its WAF, are served: the distribution adds the
 * shared secret as a header, a request sent straight to the execute-api URL lacks it. Locally the
 * gateway plays the distribution and adds the header when the variable is set.
 */
const requireEdge = (headers: Record<string, string>): void => {
  const secret = process.env.ORIGIN_VERIFY_SECRET;
  if (!secret) return;
  const given = Buffer.from(headers[ORIGIN_VERIFY_HEADER] ?? '');
  const expected = Buffer.from(secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new Forbidden('FORBIDDEN_ORIGIN');
  }
};

export interface AreaOptions {
  deps?: () => Omit<Deps, 'clock'>;
}

/**
 * The one handler chain for an area's Lambda, built from the catalog: context and logging →
 * body (JSON/CSV/form, size limit) → actor from the JWT claims and the route's roles → zod
 * validation of path, query and body → the route's use case → the error mapper (onError).
 */
export const createAreaHandler = (
  routes: ReadonlyArray<readonly [string, RouteDef, Impl<RouteDef>]>,
  options: AreaOptions = {},
) => {
  const byKey = new Map(routes.map(([, route, impl]) => [`${route.method} ${route.path}`, { route, impl }]));
  // The table client is made on first use: a function with no table (docs) never touches it.
  const getDeps =
    options.deps ??
    (() => ({
      get db() {
        return db();
      },
      ids: systemIds,
    }));

  /** What withContext read of each event (headers, language, ids), for the handler to reuse. */
  const states = new WeakMap<HttpEvent, State>();
  const withContext: middy.MiddlewareObj<
    HttpEvent,
    HttpResult,
    Error,
    import('aws-lambda').Context,
    { state?: State }
  > = {
    before: async (request) => {
      const event = request.event;
      const headers = lowerHeaders(event.headers);
      const found = byKey.get(event.routeKey);
      const state: State = {
        route: found?.route as RouteDef,
        headers,
        lang: langFrom(headers['accept-language']),
        requestId: event.requestContext?.requestId ?? request.context.awsRequestId,
        started: Date.now(),
      };
      request.internal.state = state;
      states.set(event, state);
      requireEdge(headers);
      logger.appendKeys({ requestId: state.requestId, route: event.routeKey });
      if (!found) throw new NotFound('ROUTE_NOT_FOUND');
    },
    after: async (request) => {
      const state = request.internal.state as State;
      logger.info('request', { status: request.response?.statusCode, ms: Date.now() - state.started });
      logger.removeKeys(['requestId', 'route', 'actor']);
    },
    onError: async (request) => {
      const state = (request.internal.state ?? {
        lang: 'id',
        requestId: request.context.awsRequestId,
      }) as State;
      const e = request.error;
      if (isDomainError(e)) {
        request.response = {
          statusCode: e.status,
          // the message is in the caller's language
          headers: { ...JSON_HEADERS, 'content-language': state.lang, vary: 'Accept-Language' },
          body: JSON.stringify(errorBody(e, state.lang)),
        };
        logger.info('request refused', { status: e.status, code: e.code });
      } else {
        logger.error('request failed', e as Error);
        request.response = {
          statusCode: 500,
          headers: { ...JSON_HEADERS, 'content-language': state.lang },
          body: JSON.stringify({
            error: {
              code: 'INTERNAL',
              message: message('INTERNAL', state.lang, { requestId: state.requestId }),
              requestId: state.requestId,
            },
          }),
        };
      }
      logger.removeKeys(['requestId', 'route', 'actor']);
    },
  };

  return middy<HttpEvent, HttpResult, Error, import('aws-lambda').Context, { state?: State }>()
    .use(withContext)
    .handler(async (event, context) => {
      const found = byKey.get(event.routeKey);
      if (!found) throw new NotFound('ROUTE_NOT_FOUND');
      const { route, impl } = found;
      const state = states.get(event) as State; // set by withContext.before
      const { headers } = state;
      let actor: Actor | undefined;
      if (route.auth !== 'public') {
        actor = actorFromClaims(
          event.requestContext?.authorizer?.jwt?.claims as Record<string, string> | undefined,
        );
        logger.appendKeys({ actor: actor.nip });
        if (!route.auth.some((r) => actor?.roles.includes(r))) {
          throw new Forbidden('FORBIDDEN_ROLE', { roles: route.auth.join(', ') });
        }
      }
      const rawBody = readBody(route, event, headers);
      const params = route.params
        ? parseOrThrow(route.params, event.pathParameters ?? {}, 'path')
        : undefined;
      const query = route.query
        ? parseOrThrow(route.query, event.queryStringParameters ?? {}, 'query')
        : undefined;
      const body = route.body ? parseOrThrow(route.body, rawBody, 'body') : undefined;
      const now = new Date(event.requestContext?.timeEpoch ?? Date.now());
      const base = getDeps();
      const requestId = event.requestContext?.requestId ?? context.awsRequestId;
      const value = await impl({
        actor,
        params,
        query,
        body,
        headers,
        lang: state.lang,
        requestId,
        now,
        deps: {
          get db() {
            return base.db;
          },
          ids: base.ids,
          clock: () => now,
        },
      } as Request<RouteDef>);
      return toResult(route, value, state.lang, headers);
    });
};
