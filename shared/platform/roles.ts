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
