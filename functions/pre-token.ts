/**
 * Cognito pre-token-generation trigger: the employee's role grants in force (data) become the
 * token's groups, and the NIP and the grant's agency become claims. The Cognito username is the
 * NIP. Someone whose employment has ended (PENSIUN, BERHENTI, MENINGGAL) is refused sign-in: a
 * trigger that throws stops the sign-in, and Cognito shows its message.
 */
import type { PreTokenGenerationTriggerEvent } from 'aws-lambda';
import { signInRefusedBecause, tokenClaims } from '../shared/employees/claims.js';
import { getEmployee } from '../shared/employees/store.js';
import { wibDate } from '../shared/platform/clock.js';
import { type Db, db } from '../shared/platform/dynamo.js';
import { logger } from '../shared/platform/logger.js';

export const handler = (event: PreTokenGenerationTriggerEvent): Promise<PreTokenGenerationTriggerEvent> =>
  preToken(event, db(), new Date());

/** The trigger's work, with its table and clock given (tests pass DynamoDB Local and a date). */
export const preToken = async (
  event: PreTokenGenerationTriggerEvent,
  table: Db,
  now: Date,
): Promise<PreTokenGenerationTriggerEvent> => {
  const employee = await getEmployee(table, event.userName);
  if (!employee) {
    logger.warn('pre-token: no employee for this user; token carries no roles');
    event.response.claimsOverrideDetails = { groupOverrideDetails: { groupsToOverride: [] } };
    return event;
  }
  const today = wibDate(now);
  const refused = signInRefusedBecause(employee, today);
  if (refused) {
    logger.warn('pre-token: employment ended; sign-in refused');
    throw new Error(refused);
  }
  const claims = tokenClaims(employee, today);
  event.response.claimsOverrideDetails = {
    claimsToAddOrOverride: { nip: claims.nip, ...(claims.agencyId ? { agencyId: claims.agencyId } : {}) },
    groupOverrideDetails: { groupsToOverride: claims.groups },
  };
  return event;
};
