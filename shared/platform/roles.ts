/**
 * Roles are Cognito groups. Every ASN is an EMPLOYEE; the others are granted as data
 * (PUT /v1/employees/{nip}/roles) and reach the token as claims. "Supervisor" is not a role:
 * it comes from the data (who is whose pejabat penilai).
 */
export const ROLES = [
  'EMPLOYEE',
  'AGENCY_ADMIN',
  'HR_ADMIN',
  'FINANCE',
  'COMPLAINT_DESK',
  'COMPLAINT_OFFICER',
  'AUDITOR',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that act for one agency only; their grant names the agency. */
export const AGENCY_BOUND_ROLES: readonly Role[] = ['AGENCY_ADMIN', 'COMPLAINT_OFFICER'];

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/**
 * Role pairs one person may not hold together: holding both would let one person do what the
 * other role exists to check. FINANCE (BPKAD) approves the TPP runs that an AGENCY_ADMIN submits
 * and BKPP (HR_ADMIN) computes, for every agency, so neither pair may meet in one person.
 */
export const INCOMPATIBLE_ROLES: ReadonlyArray<readonly [Role, Role]> = [
  ['FINANCE', 'AGENCY_ADMIN'],
  ['FINANCE', 'HR_ADMIN'],
];

/** The first incompatible pair among these roles, if any. */
export const incompatiblePair = (roles: readonly Role[]): readonly [Role, Role] | undefined =>
  INCOMPATIBLE_ROLES.find(([a, b]) => roles.includes(a) && roles.includes(b));
