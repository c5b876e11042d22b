/**
 * The role-by-route walk: every catalog route, called through the local gateway with no token and
 * with a token of each role. No token → 401 before any function runs (public routes excepted);
 * a role the route does not list → 403 FORBIDDEN_ROLE; a listed role is never refused for its
 * role (it may still be refused by the data-level checks, or get 400/404 for the sample input);
 * nothing answers 5xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/catalog.js';
import type { EmployeeRecord } from '../../shared/employees/store.js';
import { ROLES, type Role } from '../../shared/platform/roles.js';
import type { RouteDef } from '../../shared/platform/route.js';
import { freshTable } from '../support/db.js';
import { startTestGateway, type TestGateway } from '../support/http.js';
import { NIP, seedOrg } from '../support/org.js';

const ACTOR_OF_ROLE: Record<Role, string> = {
  EMPLOYEE: NIP.staff,
  AGENCY_ADMIN: NIP.dpuAdmin,
  HR_ADMIN: NIP.hr,
  FINANCE: NIP.finance,
  COMPLAINT_DESK: NIP.desk,
  COMPLAINT_OFFICER: NIP.officer,
  AUDITOR: NIP.auditor,
};

const SAMPLE_PARAMS: Record<string, string> = {
  nip: NIP.staff,
  agencyId: 'DPU',
  unitId: 'DPU-B1-S1',
  year: '2026',
  period: '2026-11',
  planId: `${NIP.staff}-2026`,
  id: `${NIP.staff}-2026-11`,
  trackingCode: 'K7QM4XHPE',
  code: 'JALAN_RUSAK',
  file: 'PJU.json',
};

const concretePath = (path: string) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(SAMPLE_PARAMS[name] ?? 'X1'));

let gw: TestGateway;
const tokens = new Map<Role, string>();

beforeAll(async () => {
  await freshTable();
  const employees = await seedOrg((await import('../../shared/platform/dynamo.js')).db());
  gw = await startTestGateway();
  for (const role of ROLES) {
    tokens.set(role, await gw.token(employees.find((e) => e.nip === ACTOR_OF_ROLE[role]) as EmployeeRecord));
  }
});
afterAll(async () => gw?.close());

const entries = Object.entries(routes) as Array<[string, RouteDef]>;

describe.each(entries)('%s', (_id, route) => {
  const path = concretePath(route.path);
  const body = route.method === 'GET' ? undefined : {};

  it('without a token', async () => {
    const res = await gw.call(route.method, path, { body });
    if (route.auth === 'public') {
      expect(res.status).not.toBe(401);
      expect(res.status).toBeLessThan(500);
    } else {
      expect(res.status).toBe(401);
      expect(res.json).toEqual({ message: 'Unauthorized' });
    }
  });

  it.each(ROLES)('as %s', async (role) => {
    const res = await gw.call(route.method, path, { body, token: tokens.get(role) });
    expect(res.status, res.text).toBeLessThan(500);
    const allowed = route.auth === 'public' || route.auth.includes(role) || route.auth.includes('EMPLOYEE');
    if (allowed) {
      expect(res.status).not.toBe(401);
      expect(res.json?.error?.code, res.text).not.toBe('FORBIDDEN_ROLE');
    } else {
      expect(res.status, res.text).toBe(403);
      expect(res.json.error.code).toBe('FORBIDDEN_ROLE');
    }
  });
});
