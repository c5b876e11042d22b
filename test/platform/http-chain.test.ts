/** The handler chain on its own: errors mapped once, by class; a 5xx shows nothing internal. */
import type { Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { Conflict, InvalidState } from '../../shared/platform/errors.js';
import { createAreaHandler, type HttpEvent, type Impl, Reply } from '../../shared/platform/http.js';
import { logger } from '../../shared/platform/logger.js';
import { type RouteDef, route } from '../../shared/platform/route.js';

const r = route({
  method: 'POST',
  path: '/v1/things/{id}',
  fn: 'employees',
  auth: ['HR_ADMIN'],
  access: 'write',
  summary: 't',
  tag: 't',
  params: z.object({ id: z.string() }),
  body: z.strictObject({ n: z.int() }),
});

const event = (
  over: Partial<HttpEvent> = {},
  claims: Record<string, string> | null = {
    sub: 's',
    nip: '198507072010032007',
    'cognito:groups': '[EMPLOYEE HR_ADMIN]',
  },
): HttpEvent =>
  ({
    version: '2.0',
    routeKey: 'POST /v1/things/{id}',
    rawPath: '/v1/things/a',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    pathParameters: { id: 'a' },
    body: '{"n":1}',
    isBase64Encoded: false,
    requestContext: {
      requestId: 'req-123',
      timeEpoch: Date.parse('2026-11-28T03:00:00Z'),
      ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {}),
    },
    ...over,
  }) as unknown as HttpEvent;

const ctx = { awsRequestId: 'aws-1' } as Context;
const handlerWith = (impl: Impl<RouteDef>) =>
  createAreaHandler([['thing', r as RouteDef, impl]], { deps: () => ({ db: {} as never, ids: () => 'id' }) });

describe('the chain', () => {
  it('gives the use case typed input, the actor and the request time', async () => {
    const seen = vi.fn(async (req: Parameters<Impl<RouteDef>>[0]) => ({ ok: true, req }));
    const res = await handlerWith(seen)(event(), ctx);
    expect(res.statusCode).toBe(200);
    const req = seen.mock.calls[0]?.[0];
    expect(req?.actor?.roles).toEqual(['EMPLOYEE', 'HR_ADMIN']);
    expect(req?.body).toEqual({ n: 1 });
    expect(req?.deps.clock().toISOString()).toBe('2026-11-28T03:00:00.000Z');
  });

  it('reads base64 bodies and JSON claim arrays', async () => {
    const res = await handlerWith(async (req) => req.body)(
      event(
        { body: Buffer.from('{"n":2}').toString('base64'), isBase64Encoded: true },
        {
          sub: 's',
          nip: '198507072010032007',
          'cognito:groups': '["HR_ADMIN"]',
        },
      ),
      ctx,
    );
    expect(JSON.parse(res.body)).toEqual({ n: 2 });
  });

  it('maps typed errors by class, with the current version on a conflict', async () => {
    const conflict = await handlerWith(async () => {
      throw new Conflict('CONFLICT', { currentVersion: 4 }, undefined, { currentVersion: 4 });
    })(event(), ctx);
    expect(conflict.statusCode).toBe(409);
    expect(JSON.parse(conflict.body).error.currentVersion).toBe(4);
    const state = await handlerWith(async () => {
      throw new InvalidState('FORBIDDEN');
    })(event(), ctx);
    expect(state.statusCode).toBe(422);
  });

  it('answers an unexpected failure with "internal error" and the request id only, and logs the cause', async () => {
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const res = await handlerWith(async () => {
      throw new Error('secret table name and stack');
    })(event(), ctx);
    expect(res.statusCode).toBe(500);
    expect(JSON.parse(res.body)).toEqual({
      error: {
        code: 'INTERNAL',
        message: 'Terjadi kesalahan internal (id permintaan req-123).',
        requestId: 'req-123',
      },
    });
    expect(res.body).not.toContain('secret');
    expect(logged).toHaveBeenCalledWith(
      'request failed',
      expect.objectContaining({ message: 'secret table name and stack' }),
    );
    logged.mockRestore();
  });

  it('refuses a request without claims (401) and a role the route does not list (403)', async () => {
    const none = await handlerWith(async () => 1)(event({}, null), ctx);
    expect(none.statusCode).toBe(401);
    const employee = await handlerWith(async () => 1)(
      event({}, { sub: 's', nip: '198507072010032007', 'cognito:groups': '[EMPLOYEE]' }),
      ctx,
    );
    expect(employee.statusCode).toBe(403);
    expect(JSON.parse(employee.body).error.code).toBe('FORBIDDEN_ROLE');
  });

  it('sends a Reply as it is (status, headers, raw text)', async () => {
    const res = await handlerWith(
      async () => new Reply(201, 'a,b\n1,2\n', { 'content-type': 'text/csv' }, true),
    )(event(), ctx);
    expect(res).toMatchObject({ statusCode: 201, body: 'a,b\n1,2\n' });
    expect(res.headers['content-type']).toBe('text/csv');
  });

  it('with ORIGIN_VERIFY_SECRET set (prod), serves only requests carrying the edge header', async () => {
    const secret = 'edge-secret-0123456789';
    vi.stubEnv('ORIGIN_VERIFY_SECRET', secret);
    try {
      const handler = handlerWith(async () => ({ ok: true }));
      const missing = await handler(event(), ctx);
      expect(missing.statusCode).toBe(403);
      expect(JSON.parse(missing.body).error).toMatchObject({
        code: 'FORBIDDEN_ORIGIN',
        message: 'Permintaan harus melalui alamat resmi layanan.',
      });
      const wrong = await handler(
        event({ headers: { 'content-type': 'application/json', 'x-origin-verify': `${secret}x` } }),
        ctx,
      );
      expect(wrong.statusCode).toBe(403);
      const through = await handler(
        event({ headers: { 'content-type': 'application/json', 'X-Origin-Verify': secret } }),
        ctx,
      );
      expect(through.statusCode).toBe(200);
    } finally {
      vi.unstubAllEnvs();
    }
    // without the variable (dev, local) the header is not required
    expect((await handlerWith(async () => ({ ok: true }))(event(), ctx)).statusCode).toBe(200);
  });
});
