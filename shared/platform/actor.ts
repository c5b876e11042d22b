import { Forbidden, Unauthorized } from './errors.js';
import { isRole, type Role } from './roles.js';

/** Who is calling, from the JWT claims the authorizer passed (Cognito in AWS, the local gateway here). */
export interface Actor {
  sub: string;
  nip: string;
  roles: Role[];
  /** The agency of the actor's agency-bound roles (AGENCY_ADMIN, COMPLAINT_OFFICER), and of the employee. */
  agencyId?: string;
}

type Claims = Record<string, string | number | boolean | string[] | undefined>;

/**
 * API Gateway HTTP API passes every claim as a string; an array claim such as `cognito:groups`
 * arrives as "[EMPLOYEE HR_ADMIN]". Accept that, a JSON array, and a real array.
 */
export const parseGroups = (value: Claims[string]): string[] => {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.map(String);
  const text = String(value).trim();
  if (text.startsWith('[') && text.includes('"')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      // fall through to the bracketed, space-separated form
    }
  }
  return text
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
};

export const actorFromClaims = (claims: Claims | undefined): Actor => {
  if (!claims) throw new Unauthorized('UNAUTHORIZED');
  const nip = claims.nip === undefined ? '' : String(claims.nip);
  const sub = claims.sub === undefined ? '' : String(claims.sub);
  if (!/^\d{18}$/.test(nip) || !sub) throw new Unauthorized('UNAUTHORIZED');
  const roles = parseGroups(claims['cognito:groups']).filter(isRole);
  if (!roles.includes('EMPLOYEE')) roles.unshift('EMPLOYEE');
  const agencyId =
    claims.agencyId === undefined || claims.agencyId === '' ? undefined : String(claims.agencyId);
  return { sub, nip, roles, agencyId };
};

export const hasRole = (actor: Actor, ...roles: Role[]): boolean =>
  roles.some((r) => actor.roles.includes(r));

/** Throws FORBIDDEN unless the check holds. */
export const ensure = (allowed: boolean): void => {
  if (!allowed) throw new Forbidden('FORBIDDEN');
};
