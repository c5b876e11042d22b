/** The local twin of the CloudFront + S3 web hosting: the app beside the API on one origin. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/catalog.js';
import { type Gateway, startGateway } from '../../infra/local/gateway.js';
import { newKeyPair } from '../../infra/local/keys.js';
import { webHandler } from '../../infra/local/web.js';

let gateway: Gateway;
let root: string;
const config = { oidc: { authority: 'http://localhost:1/oidc', clientId: 'c' } };

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'sinergi-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(root, 'assets', 'app-1a2b3c.js'), 'console.log(1)');
  const keys = await newKeyPair();
  gateway = await startGateway({ routes, verifyKey: keys.publicKey, fallback: webHandler({ root, config }) });
});
afterAll(async () => {
  await gateway?.close();
  rmSync(root, { recursive: true, force: true });
});

const get = (path: string, init?: RequestInit) => fetch(`${gateway.url}${path}`, init);

describe('the web app on the API origin', () => {
  it('answers any app path with index.html (the SPA routes it), with the security headers', async () => {
    for (const path of ['/', '/lapor', '/lacak/K7RM4QXA']) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(await res.text()).toContain('<title>app</title>');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('serves hashed assets with a year-long immutable cache; a missing asset is a 404', async () => {
    const res = await get('/assets/app-1a2b3c.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await get('/assets/app-gone.js')).status).toBe(404);
  });

  it('tells the app its OpenID Provider in /config.json, never cached', async () => {
    const res = await get('/config.json');
    expect(await res.json()).toEqual(config);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('leaves API paths to the API: an unknown one is the gateway’s 404, never the app', async () => {
    const res = await get('/v1/no-such-route');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ message: 'Not Found' });
    expect((await get('/v1/public/complaint-categories', { method: 'DELETE' })).status).toBe(404);
    expect((await get('/../../etc/passwd')).status).toBe(200); // normalised by the URL parser to /etc/passwd → the app
    expect(await (await get('/%2e%2e/%2e%2e/etc/passwd')).text()).not.toContain('root:');
  });
});
