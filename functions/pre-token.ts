/**
 * Cognito pre-token-generation trigger: the employee's role grants in force (data) become the
 * token's groups, and the NIP and the grant's agency become claims. The Cognito username is the
 * NIP. Someone whose employment has ended (PENSIUN, BERHENTI, MENINGGAL) is refused sign-in: a
 * trigger that throws stops the sign-in, and Cognito shows its message.
 *
 * The pool calls it as V2 (infra/stack.ts): the same claims go into the access token (what clients
 * send to the API) and the ID token. A V1 event (ID token only) is still answered, in its shape.
 */
import type { PreTokenGenerationTriggerEvent, PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { signInRefusedBecause, tokenClaims } from '../shared/employees/claims.js';
import { getEmployee } from '../shared/employees/store.js';
import { wibDate } from '../shared/platform/clock.js';
import { type Db, db } from '../shared/platform/dynamo.js';
import { logger } from '../shared/platform/logger.js';

type Event = PreTokenGenerationTriggerEvent | PreTokenGenerationV2TriggerEvent;

const isV2 = (event: Event): event is PreTokenGenerationV2TriggerEvent => event.version === '2';

export const handler = <E extends Event>(event: E): Promise<E> => preToken(event, db(), new Date());

/** The trigger's work, with its table and clock given (tests pass DynamoDB Local and a date). */
export const preToken = async <E extends Event>(event: E, table: Db, now: Date): Promise<E> => {
  const employee = await getEmployee(table, event.userName);
  const today = wibDate(now);
  if (!employee) logger.warn('pre-token: no employee for this user; token carries no roles');
  else {
    const refused = signInRefusedBecause(employee, today);
    if (refused) {
      logger.warn('pre-token: employment ended; sign-in refused');
      throw new Error(refused);
    }
  }
  const claims = employee ? tokenClaims(employee, today) : undefined;
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
