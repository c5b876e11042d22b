/** The pre-token trigger against a real table: V2 puts the same claims in the access and ID tokens. */
import type { PreTokenGenerationTriggerEvent, PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { handler } from '../../functions/pre-token.js';
import { freshTable } from '../support/db.js';
import { NIP, seedOrg } from '../support/org.js';

beforeAll(async () => {
  await seedOrg(await freshTable());
});

const base = (userName: string, version: string) => ({
  version,
  region: 'ap-southeast-3',
  userPoolId: 'pool',
  userName,
  callerContext: { awsSdkVersion: '3', clientId: 'client' },
  triggerSource: 'TokenGeneration_Authentication',
  request: { userAttributes: {}, groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [] } },
  response: {},
});

describe('pre-token generation', () => {
  it('V2: nip, agency and the roles in both the access token and the ID token', async () => {
    const out = await handler(base(NIP.hr, '2') as unknown as PreTokenGenerationV2TriggerEvent);
    const details = out.response.claimsAndScopeOverrideDetails;
    expect(details?.accessTokenGeneration?.claimsToAddOrOverride).toEqual(
      details?.idTokenGeneration?.claimsToAddOrOverride,
    );
    expect(details?.accessTokenGeneration?.claimsToAddOrOverride).toMatchObject({ nip: NIP.hr });
    expect(details?.groupOverrideDetails?.groupsToOverride).toEqual(
      expect.arrayContaining(['EMPLOYEE', 'HR_ADMIN']),
    );
  });

  it('V1: the ID token claims in the V1 shape; an unknown user gets no roles', async () => {
    const out = await handler(base(NIP.hr, '1') as unknown as PreTokenGenerationTriggerEvent);
    expect(out.response.claimsOverrideDetails?.claimsToAddOrOverride).toMatchObject({ nip: NIP.hr });
    const unknown = await handler(
      base('199901012020011999', '2') as unknown as PreTokenGenerationV2TriggerEvent,
    );
    expect(unknown.response.claimsAndScopeOverrideDetails?.groupOverrideDetails?.groupsToOverride).toEqual(
      [],
    );
    expect(
      unknown.response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.claimsToAddOrOverride,
    ).toEqual({});
  });
});
