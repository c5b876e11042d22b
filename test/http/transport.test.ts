/**
 * What a browser and a phone expect of the transport, through the local gateway: CORS preflights
 * answered as API Gateway answers them with the stack's configuration; ETag and If-None-Match → 304
 * on the reads that repeat; Vary: Accept-Language where the language changes the body.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/catalog.js';
import { CORS } from '../../infra/cors.js';
import { type Gateway, startGateway } from '../../infra/local/gateway.js';
import { newKeyPair } from '../../infra/local/keys.js';
import { CORS_HEADERS } from '../../infra/stack.js';
import type { EmployeeRecord } from '../../shared/employees/store.js';
import { notify } from '../../shared/notifications/notify.js';
import { db } from '../../shared/platform/dynamo.js';
import { filing, seedComplaintSetup } from '../support/complaints.js';
import { freshTable } from '../support/db.js';
import { type Answer, startTestGateway, type TestGateway } from '../support/http.js';
import { NIP, seedOrg } from '../support/org.js';

let gw: TestGateway;
let employees: EmployeeRecord[];
const token = (nip: string) => gw.token(employees.find((e) => e.nip === nip) as EmployeeRecord);
const WEB = 'https://sinergi.semarangkota.go.id';

beforeAll(async () => {
  await freshTable();
  employees = await seedOrg(db());
  await seedComplaintSetup(db());
  await notify(db(), NIP.staff, { key: 'T-1', kind: 'TEST', title: 'Uji' }, new Date('2026-11-02T01:00:00Z'));
  gw = await startTestGateway();
});
afterAll(async () => gw?.close());

const preflight = (url: string, path: string, origin = WEB) =>
  fetch(`${url}${path}`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type,idempotency-key',
    },
  });

describe('CORS, as the stack configures API Gateway', () => {
  it('the local gateway and the stack share one configuration', () => {
    expect(CORS_HEADERS).toEqual([...CORS.allowHeaders]);
  });

  it('answers a preflight itself: 204, the origin, the methods, the headers, the max age', async () => {
    for (const path of ['/v1/me', '/v1/public/complaints', '/v1/assessments/x/review', '/no/such/route']) {
      const res = await preflight(gw.gateway.url, path);
      expect(res.status, path).toBe(204);
      expect(await res.text()).toBe('');
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-allow-methods')).toBe(CORS.allowMethods.join(','));
      expect(res.headers.get('access-control-allow-headers')?.split(',')).toEqual([...CORS.allowHeaders]);
      expect(res.headers.get('access-control-max-age')).toBe(String(CORS.maxAgeSeconds));
    }
  });

  it('adds the allowed origin to real answers, the gateway refusals included', async () => {
    const ok = await gw.call('GET', '/v1/public/complaint-categories', { headers: { origin: WEB } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('*');
    const refused = await gw.call('GET', '/v1/me', { headers: { origin: WEB } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
    const sameOrigin = await gw.call('GET', '/v1/public/complaint-categories');
    expect(sameOrigin.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('with the origins narrowed, a foreign origin gets no CORS headers', async () => {
    const keys = await newKeyPair();
    const narrowed: Gateway = await startGateway({
      routes,
      verifyKey: keys.publicKey,
      cors: { allowOrigins: [WEB] },
    });
    try {
      const mine = await preflight(narrowed.url, '/v1/me');
      expect(mine.headers.get('access-control-allow-origin')).toBe(WEB);
      const foreign = await preflight(narrowed.url, '/v1/me', 'https://evil.example');
      expect(foreign.status).toBe(204);
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
      expect(foreign.headers.get('access-control-allow-headers')).toBeNull();
    } finally {
      await narrowed.close();
    }
  });
});

/** GET twice: the second time with the first answer's ETag. */
const revalidate = async (path: string, headers: Record<string, string> = {}): Promise<[Answer, Answer]> => {
  const first = await gw.call('GET', path, { headers });
  expect(first.status, path).toBe(200);
  const etag = first.headers.get('etag');
  expect(etag, path).toMatch(/^"[A-Za-z0-9_-]+"$/);
  expect(first.headers.get('cache-control')).toContain('no-cache');
  const again = await gw.call('GET', path, { headers: { ...headers, 'if-none-match': etag as string } });
  return [first, again];
};

describe('ETag and If-None-Match', () => {
  it('catalogues and categories: 304 with no body while unchanged', async () => {
    const auth = { authorization: `Bearer ${await token(NIP.staff)}` };
    for (const [path, headers] of [
      ['/v1/public/complaint-categories', {}],
      ['/v1/agencies', auth],
      ['/v1/trainings', auth],
      ['/open311/v2/services.json', {}],
    ] as const) {
      const [first, again] = await revalidate(path, headers);
      expect(again.status, path).toBe(304);
      expect(again.text).toBe('');
      expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
      expect(again.headers.get('content-type')).toBeNull();
    }
  });

  it("a complaint's tracking page: 304 until it changes, then 200 with a new tag", async () => {
    const filed = await gw.call('POST', '/v1/public/complaints', { body: filing() });
    expect(filed.status).toBe(201);
    const path = `/v1/public/complaints/${filed.json.trackingCode}`;
    const secret = { 'x-reporter-secret': filed.json.reporterSecret as string };
    const [first, again] = await revalidate(path, secret);
    expect(again.status).toBe(304);
    const added = await gw.call('POST', `${path}/messages`, {
      body: { text: 'Lubangnya makin besar.' },
      headers: secret,
    });
    expect(added.status).toBe(200);
    const changed = await gw.call('GET', path, {
      headers: { ...secret, 'if-none-match': first.headers.get('etag') as string },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(first.headers.get('etag'));
  });

  it('my notifications: 304 until one is read; a stale or foreign tag gets the body', async () => {
    const auth = { authorization: `Bearer ${await token(NIP.staff)}` };
    const [first, again] = await revalidate('/v1/me/notifications', auth);
    expect(again.status).toBe(304);
    expect(first.json.items.map((n: { key: string }) => n.key)).toContain('T-1');
    const read = await gw.call('POST', '/v1/me/notifications/T-1/read', { headers: auth });
    expect(read.status).toBe(204);
    const stale = await gw.call('GET', '/v1/me/notifications', {
      headers: { ...auth, 'if-none-match': first.headers.get('etag') as string },
    });
    expect(stale.status).toBe(200);
    expect(stale.json.items[0].readAt).toBeDefined();
    const foreign = await gw.call('GET', '/v1/me/notifications', {
      headers: { ...auth, 'if-none-match': '"x"' },
    });
    expect(foreign.status).toBe(200);
  });

  it('another caller never gets a 304 for someone else’s list: the tag is of the body', async () => {
    const mine = await gw.call('GET', '/v1/me/notifications', {
      headers: { authorization: `Bearer ${await token(NIP.staff)}` },
    });
    const theirs = await gw.call('GET', '/v1/me/notifications', {
      headers: {
        authorization: `Bearer ${await token(NIP.section)}`,
        'if-none-match': mine.headers.get('etag') as string,
      },
    });
    expect(theirs.status).toBe(200);
  });
});

describe('Vary: Accept-Language', () => {
  it('where the language changes the body (worded TPP), and on every refusal', async () => {
    const localized = Object.entries(routes).filter(([, r]) => 'localized' in r && r.localized);
    expect(localized.map(([id]) => id).sort()).toEqual(['getMyTpp', 'getTppLine']);
    const refused = await gw.call('GET', '/v1/me/tpp?period=2026-1', {
      headers: { authorization: `Bearer ${await token(NIP.staff)}`, 'accept-language': 'en' },
    });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('vary')).toBe('Accept-Language');
    expect(refused.headers.get('content-language')).toBe('en');
    const plain = await gw.call('GET', '/v1/public/complaint-categories');
    expect(plain.headers.get('vary')).toBeNull();
  });
});
