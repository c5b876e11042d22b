/**
 * Employees become Cognito users: username = NIP (what the pre-token trigger looks up), the
 * e-mail kept in step with the record, the user disabled when employment ends (and enabled again
 * if it resumes). Driven by the table's stream (functions/user-sync.ts in AWS, the local stream
 * poller on one machine), never inside the request that wrote the employee.
 *
 * Each change converges the user to what the record says now, so replays, reordering within a
 * batch and retries leave the same user. Invitations (with the temporary password) and password
 * resets are sent by Cognito through Amazon SES (the user pool's e-mail configuration).
 */
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  type CognitoIdentityProviderClient,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { wibDate } from '../platform/clock.js';
import { isEmployed } from './rules.js';
import type { EmployeeRecord } from './store.js';

/** What the user pool should hold for one employee. */
export interface DesiredUser {
  username: string;
  email?: string;
  name: string;
  enabled: boolean;
}

/** The user an employee record calls for on a date (pure). A deleted record: a disabled user. */
export const desiredUser = (
  nip: string,
  record: Pick<EmployeeRecord, 'name' | 'email' | 'statusPeriods'> | undefined,
  at: Date,
): DesiredUser => {
  if (!record) return { username: nip, name: nip, enabled: false };
  return {
    username: nip,
    name: record.name,
    ...(record.email ? { email: record.email.trim().toLowerCase() } : {}),
    enabled: isEmployed(record.statusPeriods ?? [], wibDate(at)),
  };
};

export type SyncOutcome =
  | 'created'
  | 'updated'
  | 'disabled'
  | 'enabled'
  | 'unchanged'
  | 'waiting-for-email'
  | 'not-created';

/**
 * Brings the user in line with `desired`: creates it (Cognito e-mails the invitation) when the
 * employee is employed and has an e-mail, updates the e-mail, disables or enables it.
 */
export const syncUser = async (
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  desired: DesiredUser,
): Promise<SyncOutcome[]> => {
  let current: { email?: string; enabled: boolean } | undefined;
  try {
    const user = await cognito.send(
      new AdminGetUserCommand({ UserPoolId: userPoolId, Username: desired.username }),
    );
    current = {
      email: user.UserAttributes?.find((a) => a.Name === 'email')?.Value,
      enabled: user.Enabled !== false,
    };
  } catch (e) {
    if (!(e instanceof UserNotFoundException) && (e as Error).name !== 'UserNotFoundException') throw e;
  }

  if (!current) {
    if (!desired.enabled) return ['not-created'];
    if (!desired.email) return ['waiting-for-email'];
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: desired.username,
        UserAttributes: [
          { Name: 'email', Value: desired.email },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'name', Value: desired.name },
        ],
        DesiredDeliveryMediums: ['EMAIL'],
      }),
    );
    return ['created'];
  }

  const outcomes: SyncOutcome[] = [];
  if (desired.email && desired.email !== current.email) {
    await cognito.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: userPoolId,
        Username: desired.username,
        UserAttributes: [
          { Name: 'email', Value: desired.email },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    );
    outcomes.push('updated');
  }
  if (current.enabled && !desired.enabled) {
    await cognito.send(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: desired.username }));
    outcomes.push('disabled');
  } else if (!current.enabled && desired.enabled) {
    await cognito.send(new AdminEnableUserCommand({ UserPoolId: userPoolId, Username: desired.username }));
    outcomes.push('enabled');
  }
  return outcomes.length ? outcomes : ['unchanged'];
};
