import { wibDate } from '../platform/clock.js';
import { agencyOn, grantsInForce, signInRefusal } from './rules.js';
import type { EmployeeRecord } from './store.js';

/**
 * The claims a token carries for an employee: the same in AWS (pre-token trigger) and locally
 * (npm run token). Groups are the roles in force today; every ASN is an EMPLOYEE. The agency
 * that scopes an agency-bound role (AGENCY_ADMIN, COMPLAINT_OFFICER) comes from its grant, never
 * from the employee record; a grant bound to an agency the employee no longer works in does not
 * count. Someone whose employment has ended gets no roles at all (and is refused sign-in).
 */
export const tokenClaims = (e: EmployeeRecord, today: string = wibDate(new Date())) => {
  if (signInRefusal(e, today)) return { nip: e.nip, agencyId: undefined, groups: [] as string[] };
  const grants = grantsInForce(e, today);
  const bound = grants.find((g) => g.agencyId !== undefined);
  return {
    nip: e.nip,
    agencyId: bound?.agencyId ?? agencyOn(e, today),
    groups: ['EMPLOYEE', ...new Set(grants.map((g) => g.role).filter((r) => r !== 'EMPLOYEE'))],
  };
};

/** The sentence that refuses sign-in to someone whose employment has ended (undefined otherwise). */
export const signInRefusedBecause = (e: EmployeeRecord, today: string = wibDate(new Date())) => {
  const ended = signInRefusal(e, today);
  return ended
    ? `Masuk ditolak: status kepegawaian ${ended.status} sejak ${ended.from}; akun ini tidak lagi mempunyai akses. / Sign-in refused: employment ended (${ended.status} since ${ended.from}).`
    : undefined;
};
