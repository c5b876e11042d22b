/**
 * The edge's local twin: in AWS only CloudFront knows the origin secret and adds it to every
 * request it forwards; locally the gateway plays the distribution. With the secret configured, a
 * request through the gateway is served, the same handler called without the header (a request
 * straight to the execute-api URL) is refused. The docs function serves its prebuilt document
 * without any table configured.
 */
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { handler as docs } from '../../functions/docs.js';
import { resetConfig } from '../../shared/platform/config.js';
import type { HttpEvent } from '../../shared/platform/http.js';
import { startTestGateway, type TestGateway } from '../support/http.js';

const SECRET = 'local-edge-secret-for-tests';
let gw: TestGateway;

beforeAll(async () => {
  vi.stubEnv('ORIGIN_VERIFY_SECRET', SECRET);
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw?.close();
  vi.unstubAllEnvs();
});

const direct = (headers: Record<string, string>): HttpEvent =>
  ({
    version: '2.0',
    routeKey: 'GET /openapi.json',
    rawPath: '/openapi.json',
    rawQueryString: '',
    headers,
    isBase64Encoded: false,
    requestContext: { requestId: 'r1', timeEpoch: Date.now() },
  }) as unknown as HttpEvent;

describe('the API behind the edge', () => {
  it('serves a request that came through the (local) distribution', async () => {
    const res = await gw.call('GET', '/openapi.json', { headers: { 'x-origin-verify': 'forged' } });
    expect(res.status).toBe(200);
    expect(res.json.openapi).toMatch(/^3\./);
  });

  it('refuses the same handler called directly, without the header', async () => {
    const res = await docs(direct({}), { awsRequestId: 'a' } as Context);
    expect(res.statusCode).toBe(403);
    expect(JSON.parse(res.body).error.code).toBe('FORBIDDEN_ORIGIN');
  });

  it('the docs function answers with no table configured (it has no table grant in AWS)', async () => {
    vi.stubEnv('TABLE_NAME', '');
    resetConfig();
    try {
      const res = await docs(direct({ 'x-origin-verify': SECRET }), { awsRequestId: 'a' } as Context);
      expect(res.statusCode).toBe(200);
      expect(JSON.parse(res.body).paths['/openapi.json']).toBeDefined();
    } finally {
      vi.unstubAllEnvs();
      vi.stubEnv('ORIGIN_VERIFY_SECRET', SECRET);
      resetConfig();
    }
  });
});
