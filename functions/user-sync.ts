/**
 * The table's stream → Cognito: every change of an employee record (create, import, e-mail,
 * status) converges that employee's user (shared/employees/user-sync.ts). Only employee profile
 * items reach this function (the event source's filter in infra/stack.ts; the local poller applies
 * the same test). A record that fails is reported alone, so the rest of the batch is not retried.
 */
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { keys } from '../shared/employees/store.js';
import { desiredUser, syncUser } from '../shared/employees/user-sync.js';
import { logger } from '../shared/platform/logger.js';

/** The employee profile items: `EMP#<nip>` / `PROFILE` (from the store's key builder). */
const PROFILE = keys.employee('');
export const isEmployeeProfile = (r: DynamoDBRecord): boolean => {
  const pk = r.dynamodb?.Keys?.pk?.S;
  return !!pk && pk.startsWith(PROFILE.pk) && r.dynamodb?.Keys?.sk?.S === PROFILE.sk;
};

export interface UserSyncDeps {
  cognito: CognitoIdentityProviderClient;
  userPoolId: string;
}

export const userSyncHandler =
  (deps: () => UserSyncDeps) =>
  async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const failures: DynamoDBBatchResponse['batchItemFailures'] = [];
    const { cognito, userPoolId } = deps();
    for (const record of event.Records) {
      if (!isEmployeeProfile(record)) continue;
      const nip = record.dynamodb?.Keys?.pk?.S?.slice(PROFILE.pk.length) ?? '';
      const image = record.dynamodb?.NewImage;
      // the change's own time: a replay judges employment as of the write, not as of the replay
      const at = new Date((record.dynamodb?.ApproximateCreationDateTime ?? Date.now() / 1000) * 1000);
      try {
        const employee = image
          ? (unmarshall(image as Parameters<typeof unmarshall>[0]) as Parameters<typeof desiredUser>[1])
          : undefined;
        const outcomes = await syncUser(cognito, userPoolId, desiredUser(nip, employee, at));
        logger.info('user sync', { nip, outcomes });
      } catch (e) {
        logger.error('user sync failed', { nip, error: e as Error });
        const id = record.dynamodb?.SequenceNumber;
        if (id) failures.push({ itemIdentifier: id });
      }
    }
    return { batchItemFailures: failures };
  };

let client: CognitoIdentityProviderClient | undefined;
export const handler = userSyncHandler(() => {
  const userPoolId = process.env.USER_POOL_ID;
  if (!userPoolId) throw new Error('USER_POOL_ID is not set');
  // AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER points it at a local stand-in (cognito-local)
  client ??= new CognitoIdentityProviderClient({});
  return { cognito: client, userPoolId };
});
