/**
 * The local twin of API Gateway (HTTP API, payload 2.0, JWT authorizer): node:http → the same
 * APIGatewayProxyEventV2 the Lambda gets in AWS → the same area handler → HTTP response.
 *
 * As API Gateway does: unmatched routes answer 404 {"message":"Not Found"}; a missing, unsigned,
 * badly signed, expired or not-yet-valid token, or a wrong issuer or audience, answers 401
 * {"message":"Unauthorized"} before any function runs; claims reach the event as strings
 * (arrays as "[a b]") under requestContext.authorizer.jwt.claims; bodies over 10 MB answer 413.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { decodeJwt, type JWTVerifyGetKey, jwtVerify } from 'jose';
import type { RouteDef } from '../../shared/platform/route.js';
import { CORS } from '../cors.js';
import { ALG, type Key, LOCAL_AUDIENCE, LOCAL_ISSUER } from './keys.js';

type AreaHandler = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => Promise<unknown>;

export interface GatewayOptions {
  port?: number;
  host?: string;
  routes: Record<string, RouteDef>;
  verifyKey: Key;
  issuer?: string;
  audience?: string;
  /** loads an area's handler; default: import functions/<fn>.ts */
  loadHandler?: (fn: string) => Promise<AreaHandler>;
  /** one line per request */
  log?: (line: string) => void;
  /** CORS as the stack configures it (infra/cors.ts); allowOrigins may be narrowed */
  cors?: { allowOrigins: readonly string[] };
  /**
   * Further issuers whose tokens are accepted, each verified by its own key set (the local OpenID
   * Provider's JWKS), as an API Gateway JWT authorizer trusts its issuer's JWKS.
   */
  trustedIssuers?: TrustedIssuer[];
  /** answers requests before the API routes (the local OpenID Provider under /oidc); true when it did */
  before?: (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean>;
  /** answers GET requests no route matched (the web app); true when it did */
  fallback?: (req: IncomingMessage, res: ServerResponse, path: string) => boolean;
}

export interface TrustedIssuer {
  issuer: string;
  audience: string;
  keys: JWTVerifyGetKey;
  algorithms: string[];
}

export interface Gateway {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

const MAX_PAYLOAD = 10 * 1024 * 1024;

interface Compiled {
  route: RouteDef;
  regex: RegExp;
  names: string[];
  literals: number;
}

const compile = (route: RouteDef): Compiled => {
  const names: string[] = [];
  const segments = route.path.split('/').filter(Boolean);
  const pattern = segments
    .map((s) => {
      const m = /^\{(\w+)\}$/.exec(s);
      if (m) {
        names.push(m[1] as string);
        return '([^/]+)';
      }
      return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { route, regex: new RegExp(`^/${pattern}/?$`), names, literals: segments.length - names.length };
};

/** The routes in API Gateway's matching order: more literal segments first. */
export const routeMatcher = (routes: Record<string, RouteDef>) => {
  const compiled = Object.values(routes)
    .map(compile)
    .sort((a, b) => b.literals - a.literals);
  return (method: string, path: string): { c: Compiled; m: RegExpExecArray } | undefined => {
    for (const c of compiled) {
      if (c.route.method !== method) continue;
      const m = c.regex.exec(path);
      if (m) return { c, m };
    }
    return undefined;
  };
};

const defaultLoader = async (fn: string): Promise<AreaHandler> => {
  const mod = (await import(`../../functions/${fn}.ts`)) as { handler: AreaHandler };
  return mod.handler;
};

/** API Gateway's request-time format: 28/Nov/2026:09:05:39 +0000 */
const apiTime = (d: Date): string => {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
};

/** The JWT authorizer passes every claim as a string; arrays become "[a b]". */
const claimString = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(String).join(' ')}]`;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
};

const TEXT_TYPES = /^(application\/(json|.*\+json|x-www-form-urlencoded|xml)|text\/)/i;

const readBody = (req: IncomingMessage): Promise<Buffer | 'too-large'> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_PAYLOAD) tooLarge = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });

/** The Access-Control-Allow-Origin API Gateway answers for this origin, if it allows it. */
export const allowedOrigin = (
  origin: string | undefined,
  allowOrigins: readonly string[],
): string | undefined => {
  if (!origin) return undefined;
  if (allowOrigins.includes('*')) return '*';
  const ok = allowOrigins.some((a) => a === origin || (a.endsWith('*') && origin.startsWith(a.slice(0, -1))));
  return ok ? origin : undefined;
};

const send = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
};

const docsHtml = `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Sinergi API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#ui', persistAuthorization: true });</script>
</body></html>`;

const swaggerDir = (): string =>
  dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

export const startGateway = async (options: GatewayOptions): Promise<Gateway> => {
  const match = routeMatcher(options.routes);
  const loader = options.loadHandler ?? defaultLoader;
  const handlers = new Map<string, Promise<AreaHandler>>();
  const handlerFor = (fn: string) => {
    let h = handlers.get(fn);
    if (!h) {
      h = loader(fn);
      handlers.set(fn, h);
    }
    return h;
  };
  const issuer = options.issuer ?? LOCAL_ISSUER;
  const audience = options.audience ?? LOCAL_AUDIENCE;

  const serveDocs = (path: string, res: ServerResponse): boolean => {
    if (path === '/docs' || path === '/docs/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(docsHtml);
      return true;
    }
    const asset = /^\/docs\/assets\/(swagger-ui(?:-bundle)?\.(?:js|css))$/.exec(path);
    if (asset) {
      const file = asset[1] as string;
      res.writeHead(200, { 'content-type': file.endsWith('.css') ? 'text/css' : 'text/javascript' });
      res.end(readFileSync(join(swaggerDir(), file)));
      return true;
    }
    return false;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const started = Date.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname;
    const finish = (status: number) => options.log?.(`${method} ${path} ${status} ${Date.now() - started}ms`);
    // CORS as API Gateway does it: it answers preflights itself and adds the origin to every answer
    const origin = allowedOrigin(req.headers.origin, options.cors?.allowOrigins ?? CORS.allowOrigins);
    if (origin) res.setHeader('access-control-allow-origin', origin);
    if (method === 'OPTIONS' && req.headers.origin && req.headers['access-control-request-method']) {
      res.writeHead(
        204,
        origin
          ? {
              'access-control-allow-methods': CORS.allowMethods.join(','),
              'access-control-allow-headers': CORS.allowHeaders.join(','),
              'access-control-max-age': String(CORS.maxAgeSeconds),
            }
          : {},
      );
      res.end();
      return finish(204);
    }
    if (method === 'GET' && serveDocs(path, res)) return finish(200);
    if (options.before && (await options.before(req, res, path))) return finish(res.statusCode);

    const found = match(method, path);
    if (!found) {
      if (options.fallback?.(req, res, path)) return finish(res.statusCode);
      send(res, 404, JSON.stringify({ message: 'Not Found' }));
      return finish(404);
    }
    const { route } = found.c;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
    }
    // As the CloudFront distribution does in AWS: its origin header replaces whatever the client sent.
    if (process.env.ORIGIN_VERIFY_SECRET) headers['x-origin-verify'] = process.env.ORIGIN_VERIFY_SECRET;

    let claims: Record<string, string> | undefined;
    if (route.auth !== 'public') {
      const raw = (headers.authorization ?? '').replace(/^Bearer\s+/i, '').trim();
      try {
        if (!raw) throw new Error('no token');
        const trusted = options.trustedIssuers?.find((t) => t.issuer === decodeJwt(raw).iss);
        const { payload } = trusted
          ? await jwtVerify(raw, trusted.keys, {
              issuer: trusted.issuer,
              audience: trusted.audience,
              algorithms: trusted.algorithms,
            })
          : await jwtVerify(raw, options.verifyKey, { issuer, audience, algorithms: [ALG] });
        claims = Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, claimString(v)]));
      } catch {
        send(res, 401, JSON.stringify({ message: 'Unauthorized' }), { 'www-authenticate': 'Bearer' });
        return finish(401);
      }
    }

    // like API Gateway, a request without a body has none (no need to wait for the stream's end)
    const hasBody =
      req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
    const body = hasBody ? await readBody(req) : Buffer.alloc(0);
    if (body === 'too-large') {
      send(res, 413, JSON.stringify({ message: 'Request Entity Too Large' }));
      return finish(413);
    }
    const isText = TEXT_TYPES.test(headers['content-type'] ?? 'application/json');
    const pathParameters = Object.fromEntries(
      found.c.names.map((n, i) => {
        const value = found.m[i + 1] ?? '';
        try {
          return [n, decodeURIComponent(value)];
        } catch {
          return [n, value];
        }
      }),
    );
    // no prototype: `?__proto__=x` or `?constructor=y` are keys like any other, as API Gateway passes them
    const query: Record<string, string> = Object.create(null);
    for (const [k, v] of url.searchParams) query[k] = Object.hasOwn(query, k) ? `${query[k]},${v}` : v;
    const now = new Date();
    const requestId = randomBytes(12).toString('base64url');
    const routeKey = `${route.method} ${route.path}`;
    const event = {
      version: '2.0',
      routeKey,
      rawPath: path,
      rawQueryString: url.search.replace(/^\?/, ''),
      headers,
      ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
      ...(found.c.names.length ? { pathParameters } : {}),
      requestContext: {
        accountId: 'local',
        apiId: 'local',
        domainName: headers.host ?? 'localhost',
        domainPrefix: 'localhost',
        http: {
          method,
          path,
          protocol: `HTTP/${req.httpVersion}`,
          sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
          userAgent: headers['user-agent'] ?? '',
        },
        requestId,
        routeKey,
        stage: '$default',
        time: apiTime(now),
        timeEpoch: now.getTime(),
        ...(claims
          ? { authorizer: { principalId: '', integrationLatency: 0, jwt: { claims, scopes: [] } } }
          : {}),
      },
      ...(body.length ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
      isBase64Encoded: body.length > 0 && !isText,
    } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
    const deadline = Date.now() + 30_000;
    const context = {
      awsRequestId: requestId,
      functionName: `sinergi-${route.fn}`,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:sinergi-${route.fn}`,
      memoryLimitInMB: '512',
      logGroupName: `/aws/lambda/sinergi-${route.fn}`,
      logStreamName: 'local',
      callbackWaitsForEmptyEventLoop: false,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    } as Context;
    let result: unknown;
    try {
      result = await (await handlerFor(route.fn))(event, context);
    } catch (e) {
      options.log?.(`handler ${route.fn} threw: ${(e as Error).stack ?? e}`);
      send(res, 500, JSON.stringify({ message: 'Internal Server Error' }));
      return finish(500);
    }
    // Payload 2.0: an object with statusCode is a full response; anything else is 200 JSON.
    if (typeof result === 'object' && result !== null && 'statusCode' in result) {
      const r = result as {
        statusCode: number;
        headers?: Record<string, string>;
        body?: string;
        isBase64Encoded?: boolean;
      };
      res.writeHead(r.statusCode, r.headers ?? {});
      res.end(r.body === undefined ? undefined : r.isBase64Encoded ? Buffer.from(r.body, 'base64') : r.body);
      return finish(r.statusCode);
    }
    send(res, 200, typeof result === 'string' ? result : JSON.stringify(result ?? null));
    return finish(200);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      options.log?.(`gateway error: ${(e as Error).stack ?? e}`);
      if (!res.headersSent) send(res, 500, JSON.stringify({ message: 'Internal Server Error' }));
      else res.end();
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
