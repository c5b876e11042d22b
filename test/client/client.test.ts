/**
 * The typed client, derived from the catalog: its types are checked by `tsc` (this file is part of
 * `npm run typecheck`, so the @ts-expect-error lines fail the build when a wrong call compiles),
 * and its calls go through the local gateway to the real handlers.
 */
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { routes } from '../../functions/catalog.js';
import { type Api, ApiError, createApi, type ResponseOf, routeTable } from '../../shared/client/index.js';
import type { EmployeeRecord } from '../../shared/employees/store.js';
import { db } from '../../shared/platform/dynamo.js';
import { filing, seedComplaintSetup } from '../support/complaints.js';
import { freshTable } from '../support/db.js';
import { startTestGateway, type TestGateway } from '../support/http.js';
import { NIP, seedOrg } from '../support/org.js';

let gw: TestGateway;
let employees: EmployeeRecord[];

beforeAll(async () => {
  await freshTable();
  employees = await seedOrg(db());
  await seedComplaintSetup(db());
  gw = await startTestGateway();
});
afterAll(async () => gw?.close());

// Compile-time only: never called.
const typeChecks = (api: Api) => {
  // @ts-expect-error submitComplaint needs its body
  void api.submitComplaint();
  // @ts-expect-error the category is a string, not a number
  void api.submitComplaint({ category: 1, description: 'x', location: {} });
  // @ts-expect-error a route that is not in the catalog
  void api.getNothing();
  // @ts-expect-error trackComplaint needs its path parameter
  void api.trackComplaint({});
  // @ts-expect-error the privacy choice is one of the catalog's enum
  void api.submitComplaint({ category: 'X', description: 'x', location: {}, privacy: 'SECRET' });
  expectTypeOf(api.getMe).returns.resolves.toHaveProperty('profile');
  expectTypeOf<ResponseOf<'submitComplaint'>['trackingCode']>().toEqualTypeOf<string>();
  expectTypeOf<ResponseOf<'trackComplaint'>['status']>().toEqualTypeOf<
    'SUBMITTED' | 'VERIFIED' | 'REJECTED' | 'IN_PROGRESS' | 'RESPONDED' | 'CLOSED' | 'MERGED'
  >();
};
void typeChecks;

describe('the typed client', () => {
  it('has one method per catalog route, with its method and path', () => {
    expect(Object.keys(routeTable).sort()).toEqual(Object.keys(routes).sort());
    expect(routeTable.trackComplaint).toEqual({
      method: 'GET',
      path: '/v1/public/complaints/{trackingCode}',
      params: true,
      query: false,
      body: false,
    });
    const api = createApi();
    for (const id of Object.keys(routes))
      expect(typeof (api as Record<string, unknown>)[id]).toBe('function');
  });

  it('makes real calls through the local gateway: getMe with a token, a complaint filed and tracked', async () => {
    const employee = employees.find((e) => e.nip === NIP.staff) as EmployeeRecord;
    const token = await gw.token(employee);
    const api = createApi({ baseUrl: gw.gateway.url, getToken: () => token });
    const me = await api.getMe();
    expect(me.profile.nip).toBe(NIP.staff);

    const pub = createApi({ baseUrl: gw.gateway.url });
    const submitted = await pub.submitComplaint(
      { ...filing(), privacy: 'CONFIDENTIAL' },
      {
        idempotencyKey: 'client-test-0001',
      },
    );
    expect(submitted.status).toBe('SUBMITTED');
    expect(submitted.reporterSecret).toHaveLength(20);
    const again = await pub.submitComplaint(
      { ...filing(), privacy: 'CONFIDENTIAL' },
      {
        idempotencyKey: 'client-test-0001',
      },
    );
    expect(again).toMatchObject({ trackingCode: submitted.trackingCode, replayed: true });

    const tracked = await pub.trackComplaint(
      { trackingCode: submitted.trackingCode },
      { reporterSecret: submitted.reporterSecret as string },
    );
    expect(tracked.trackingCode).toBe(submitted.trackingCode);
    const feed = await pub.publicComplaintFeed({ limit: '5' });
    expect(Array.isArray(feed.items)).toBe(true);
  });

  it('throws typed errors: the function’s {error} in the chosen language, the gateway’s 401', async () => {
    const api = createApi({ baseUrl: gw.gateway.url, language: () => 'en' });
    const bad = await api
      .submitComplaint({ category: 'JALAN_RUSAK', description: 'short', location: {} })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ApiError);
    expect(bad).toMatchObject({ status: 400, code: 'VALIDATION' });
    expect((bad as ApiError).fieldMessage('body.description')).toMatch(/at least 20/);

    const hidden = await api.trackComplaint({ trackingCode: 'ZZZZZZZZ' }).catch((e: unknown) => e);
    expect(hidden).toMatchObject({ status: expect.any(Number) });
    expect([400, 404]).toContain((hidden as ApiError).status);

    const anonymous = await api.getMe().catch((e: unknown) => e);
    expect(anonymous).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
  });
});
