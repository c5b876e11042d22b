/**
 * Lambda of Open311 GeoReport v2 (JSON). API Gateway HTTP API path parameters must be whole
 * segments, so `/requests/{id}.json` cannot be a route: the routes are `/requests/{file}` and
 * `/services/{file}`, and the handler takes the `.json` off (`.xml` answers 400: JSON only).
 * Errors leave in Open311's shape, `[{ "code": <HTTP status>, "description": "..." }]`, with the
 * same HTTP status: the platform's error envelope is rewritten at this Lambda's edge, so chain
 * errors (415, 413, validation) are covered too.
 */
import type { Context } from 'aws-lambda';
import * as o311 from '../shared/complaints/open311.js';
import { type HttpEvent, type HttpResult, Reply } from '../shared/platform/http.js';
import { areaHandler } from './area.js';

const baseUrl = (headers: Record<string, string>) => {
  const host = headers['x-forwarded-host'] ?? headers.host ?? 'localhost';
  const proto = headers['x-forwarded-proto'] ?? (/^(localhost|127\.)/.test(host) ? 'http' : 'https');
  return `${proto}://${host}`;
};

const CHANGESET = '2026-01-01T00:00:00+07:00';

const inner = areaHandler('open311', {
  open311Discovery: async (r) => o311.discovery(baseUrl(r.headers), CHANGESET),
  open311Services: (r) => o311.listServices(r.deps),
  open311Service: (r) => o311.getServiceDefinition(r.deps, r.params.file),
  open311PostRequest: async (r) =>
    new Reply(201, await o311.postRequest(r.deps, r.body, r.headers['idempotency-key'])),
  open311GetRequests: (r) => o311.getRequests(r.deps, r.query),
  open311GetRequest: (r) => o311.getRequest(r.deps, r.params.file),
});

interface Envelope {
  error?: { message?: string; details?: Array<{ path?: string; message?: string }> };
}

/** `{ error: { message, details } }` → `[{ code, description }]`, same status. */
export const toOpen311Error = (res: HttpResult): HttpResult => {
  if (res.statusCode < 400) return res;
  let parsed: Envelope | undefined;
  try {
    parsed = JSON.parse(res.body) as Envelope;
  } catch {
    parsed = undefined;
  }
  // One clean sentence: "<message>: <field> <reason>; <field> <reason>." (no ".:" or doubled stops)
  const bare = (t: string) => t.trim().replace(/[.\s]+$/, '');
  const details = (parsed?.error?.details ?? []).map((d) =>
    bare(`${(d.path ?? '').replace(/^(body|query|path)\./, '')} ${bare(d.message ?? '')}`),
  );
  const head = bare(parsed?.error?.message ?? 'Error') || 'Error';
  const description = details.length ? `${head}: ${details.join('; ')}.` : `${head}.`;
  return {
    statusCode: res.statusCode,
    headers: res.headers,
    body: JSON.stringify([{ code: res.statusCode, description }]),
  };
};

export const handler = async (event: HttpEvent, context: Context): Promise<HttpResult> =>
  toOpen311Error((await inner(event, context)) as HttpResult);
