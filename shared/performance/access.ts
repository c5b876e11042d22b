/**
 * Who may see and do what in performance management, from the actor and the data: the employee,
 * the pejabat penilai (employee.reviewerNip), the atasan pejabat penilai (the reviewer's reviewer),
 * the agency admin (AGENCY_ADMIN of the record's agency), BKPP (HR_ADMIN) and the auditor (reads).
 */

import { canViewAgency } from '../employees/access.js';
import { getEmployee } from '../employees/store.js';
import { type Actor, hasRole } from '../platform/actor.js';
import type { Db } from '../platform/dynamo.js';

export interface Owned {
  nip: string;
  agencyId: string;
  reviewerNip?: string;
}

/**
 * The record's people and administrators may read it: the owner, the pejabat penilai (as recorded
 * on it, or the employee's current one), the appeal reviewer, the atasan, the agency's admin,
 * BKPP and the auditor. The atasan is looked up only when nothing else allows.
 */
export const canReadOwned = async (
  db: Db,
  actor: Actor,
  record: Owned,
  extra: { appealReviewerNip?: string } = {},
): Promise<boolean> => {
  if (actor.nip === record.nip || record.reviewerNip === actor.nip || extra.appealReviewerNip === actor.nip)
    return true;
  if (canViewAgency(actor, record.agencyId)) return true;
  const employee = await getEmployee(db, record.nip);
  if (!employee?.reviewerNip) return false;
  if (employee.reviewerNip === actor.nip) return true;
  const reviewer = await getEmployee(db, employee.reviewerNip);
  return reviewer?.reviewerNip === actor.nip;
};

export const isHr = (actor: Actor): boolean => hasRole(actor, 'HR_ADMIN');
