/**
 * Cognito pre-token-generation trigger: the employee's role grants (data) become the token's
 * groups, and the NIP and agency become claims. The Cognito username is the NIP.
 */
import type { PreTokenGenerationTriggerEvent } from 'aws-lambda';
import { tokenClaims } from '../shared/employees/claims.js';
import { getEmployee } from '../shared/employees/store.js';
import { db } from '../shared/platform/dynamo.js';
import { logger } from '../shared/platform/logger.js';

export const handler = async (
  event: PreTokenGenerationTriggerEvent,
): Promise<PreTokenGenerationTriggerEvent> => {
  const employee = await getEmployee(db(), event.userName);
  if (!employee) {
    logger.warn('pre-token: no employee for this user; token carries no roles');
    event.response.claimsOverrideDetails = { groupOverrideDetails: { groupsToOverride: [] } };
    return event;
  }
  const claims = tokenClaims(employee);
  event.response.claimsOverrideDetails = {
    claimsToAddOrOverride: { nip: claims.nip, ...(claims.agencyId ? { agencyId: claims.agencyId } : {}) },
    groupOverrideDetails: { groupsToOverride: claims.groups },
  };
  return event;
};
