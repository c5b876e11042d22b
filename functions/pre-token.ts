/**
 * Cognito pre-token-generation trigger: the employee's role grants (data) become the token's
 * groups, and the NIP and agency become claims. The Cognito username is the NIP.
 *
 * The pool calls it as V2 (infra/stack.ts): the same claims go into the access token (what clients
 * send to the API) and the ID token. A V1 event (ID token only) is still answered, in its shape.
 */
import type { PreTokenGenerationTriggerEvent, PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { tokenClaims } from '../shared/employees/claims.js';
import { getEmployee } from '../shared/employees/store.js';
import { db } from '../shared/platform/dynamo.js';
import { logger } from '../shared/platform/logger.js';

type Event = PreTokenGenerationTriggerEvent | PreTokenGenerationV2TriggerEvent;

const isV2 = (event: Event): event is PreTokenGenerationV2TriggerEvent => event.version === '2';

export const handler = async <E extends Event>(event: E): Promise<E> => {
  const employee = await getEmployee(db(), event.userName);
  if (!employee) logger.warn('pre-token: no employee for this user; token carries no roles');
  const claims = employee ? tokenClaims(employee) : undefined;
  const add: Record<string, string> = claims
    ? { nip: claims.nip, ...(claims.agencyId ? { agencyId: claims.agencyId } : {}) }
    : {};
  const groups = claims?.groups ?? [];
  if (isV2(event)) {
    event.response.claimsAndScopeOverrideDetails = {
      idTokenGeneration: { claimsToAddOrOverride: add },
      accessTokenGeneration: { claimsToAddOrOverride: add },
      groupOverrideDetails: { groupsToOverride: groups },
    };
  } else {
    (event as PreTokenGenerationTriggerEvent).response.claimsOverrideDetails = {
      ...(claims ? { claimsToAddOrOverride: add } : {}),
      groupOverrideDetails: { groupsToOverride: groups },
    };
  }
  return event;
};
