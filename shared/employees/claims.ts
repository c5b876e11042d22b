import type { EmployeeRecord } from './store.js';

/**
 * The claims a token carries for an employee: the same in AWS (pre-token trigger) and locally
 * (npm run token). Groups are the roles; every ASN is an EMPLOYEE.
 */
export const tokenClaims = (e: EmployeeRecord) => ({
  nip: e.nip,
  agencyId: e.agencyId,
  groups: ['EMPLOYEE', ...new Set(e.roleGrants.map((g) => g.role).filter((r) => r !== 'EMPLOYEE'))],
});
