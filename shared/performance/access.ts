/**
 * Who may see and do what in performance management, from the actor and the data: the employee,
 * the pejabat penilai (employee.reviewerNip), the atasan pejabat penilai (the reviewer's reviewer),
 * the agency admin (AGENCY_ADMIN of the record's agency), BKPP (HR_ADMIN) and the auditor (reads).
 */

import { canViewAgency } from '../employees/access.js';
import { type EmployeeRecord, getEmployee } from '../employees/store.js';
import { type Actor, hasRole } from '../platform/actor.js';
import type { Db } from '../platform/dynamo.js';
import { NotFound } from '../platform/errors.js';

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
  /** the record's employee, when the caller has it already (saves reading it again) */
  known?: EmployeeRecord,
): Promise<boolean> => {
  if (actor.nip === record.nip || record.reviewerNip === actor.nip || extra.appealReviewerNip === actor.nip)
    return true;
  if (canViewAgency(actor, record.agencyId)) return true;
  const employee = known?.nip === record.nip ? known : await getEmployee(db, record.nip);
  if (!employee?.reviewerNip) return false;
  if (employee.reviewerNip === actor.nip) return true;
  const reviewer = await getEmployee(db, employee.reviewerNip);
  return reviewer?.reviewerNip === actor.nip;
};

/** The employee, if the actor may read their performance records; otherwise 404 (nothing is told). */
export const readableEmployee = async (db: Db, actor: Actor, nip: string): Promise<EmployeeRecord> => {
  const employee = await getEmployee(db, nip);
  if (!employee || !(await canReadOwned(db, actor, employee, {}, employee))) {
    throw new NotFound('NOT_FOUND', { entity: 'employee' });
  }
  return employee;
};

export const isHr = (actor: Actor): boolean => hasRole(actor, 'HR_ADMIN');
