/**
 * The typed client's runtime: one method per catalog route, built from a route table (method, path
 * template, which inputs the route takes). The table comes from the catalog itself: `routeTableOf`
 * in Node (shared/client/index.ts), a build-time module in the web app (web/vite.config.ts), so a
 * browser does not download every zod schema to know a path.
 */
import { errorFromResponse } from './errors.js';
import type { Api, CallOptions, RouteId, RouteShape, RouteTable } from './types.js';

export interface ClientOptions {
  /** e.g. http://localhost:3000, or '' for the same origin */
  baseUrl?: string;
  /** the ID token to send, if any (read on every call: tokens are renewed) */
  getToken?: () => string | undefined | Promise<string | undefined>;
  /** Accept-Language of every call (Indonesian by default, as the API) */
  language?: () => 'id' | 'en';
  fetch?: typeof globalThis.fetch;
}

/** The route table of a catalog: what the client needs at runtime, nothing more. */
export const routeTableOf = (routes: Record<string, { method: string; path: string } & object>) =>
  Object.fromEntries(
    Object.entries(routes).map(([id, r]) => [
      id,
      {
        method: r.method,
        path: r.path,
        params: 'params' in r && !!r.params,
        query: 'query' in r && !!r.query,
        body: 'body' in r && !!r.body,
      } satisfies RouteShape,
    ]),
  ) as RouteTable;

const fillPath = (template: string, input: Record<string, unknown>, used: Set<string>): string =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => {
    used.add(name);
    const value = input[name];
    if (value === undefined || value === null || value === '')
      throw new TypeError(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });

export const createClient = (table: RouteTable, options: ClientOptions = {}): Api => {
  const doFetch = options.fetch ?? ((...a: Parameters<typeof fetch>) => globalThis.fetch(...a));
  const call = async (shape: RouteShape, args: unknown[]): Promise<unknown> => {
    let i = 0;
    const input = (shape.params || shape.query ? args[i++] : undefined) as
      | Record<string, unknown>
      | undefined;
    const body = shape.body ? args[i++] : undefined;
    const opts = (args[i] ?? {}) as CallOptions;
    const used = new Set<string>();
    let url = `${options.baseUrl ?? ''}${fillPath(shape.path, input ?? {}, used)}`;
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(input ?? {})) {
      if (!used.has(k) && v !== undefined && v !== null && v !== '') search.set(k, String(v));
    }
    if (search.size) url += `?${search}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    const lang = opts.language ?? options.language?.();
    if (lang) headers['accept-language'] = lang;
    const token = await options.getToken?.();
    if (token) headers.authorization = `Bearer ${token}`;
    if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
    if (opts.reporterSecret) headers['x-reporter-secret'] = opts.reporterSecret;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await doFetch(url, {
        method: shape.method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
    } catch (e) {
      if ((e as Error).name === 'AbortError') throw e;
      throw errorFromResponse(0, { error: { code: 'NETWORK', message: (e as Error).message } });
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    if (!res.ok) throw errorFromResponse(res.status, json);
    return json;
  };
  const api: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const [id, shape] of Object.entries(table) as Array<[RouteId, RouteShape]>) {
    api[id] = (...args) => call(shape, args);
  }
  return api as unknown as Api;
};
