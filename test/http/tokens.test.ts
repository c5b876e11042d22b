/**
 * Tokens at the gateway, as API Gateway's JWT authorizer treats them: only a token signed by the
 * pool's key, of the right issuer and audience, inside its validity window, gets through.
 */
import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, mintToken, newKeyPair } from '../../infra/local/keys.js';
import type { EmployeeRecord } from '../../shared/employees/store.js';
import { db } from '../../shared/platform/dynamo.js';
import { freshTable } from '../support/db.js';
import { startTestGateway, type TestGateway } from '../support/http.js';
import { NIP, seedOrg } from '../support/org.js';

let gw: TestGateway;
let staff: EmployeeRecord;
const claims = () => ({ nip: staff.nip, groups: ['EMPLOYEE'] });

beforeAll(async () => {
  await freshTable();
  staff = (await seedOrg(db())).find((e) => e.nip === NIP.staff) as EmployeeRecord;
  gw = await startTestGateway();
});
afterAll(async () => gw?.close());

const me = (token: string) => gw.call('GET', '/v1/me', { token });

describe('tokens', () => {
  it('a valid token passes', async () => {
    expect((await me(await mintToken(gw.keys, claims()))).status).toBe(200);
  });

  it('unsigned (alg: none) is refused', async () => {
    const token = new UnsecuredJWT({ nip: staff.nip, 'cognito:groups': ['EMPLOYEE', 'HR_ADMIN'] })
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setSubject('x')
      .setExpirationTime('1h')
      .encode();
    expect((await me(token)).status).toBe(401);
  });

  it('a token with its signature stripped or tampered claims is refused', async () => {
    const token = await mintToken(gw.keys, claims());
    const [h, , s] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ nip: NIP.hr, 'cognito:groups': ['HR_ADMIN'], sub: 'x' }),
    ).toString('base64url');
    expect((await me(`${h}.${forged}.${s}`)).status).toBe(401);
    expect((await me(`${h}.${token.split('.')[1]}.`)).status).toBe(401);
  });

  it('a token signed with another key is refused', async () => {
    expect((await me(await mintToken(await newKeyPair(), claims()))).status).toBe(401);
  });

  it('an HS256 token signed with the public key as a secret is refused', async () => {
    const token = await new SignJWT({ nip: staff.nip })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setSubject('x')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('not-the-key'));
    expect((await me(token)).status).toBe(401);
  });

  it('expired, or not yet valid, is refused', async () => {
    const expired = await mintToken(gw.keys, claims(), {
      now: new Date(Date.now() - 10 * 3600_000),
      expiresInSeconds: 3600,
    });
    expect((await me(expired)).status).toBe(401);
    const future = await new SignJWT({ nip: staff.nip, 'cognito:groups': ['EMPLOYEE'] })
      .setProtectedHeader({ alg: 'ES256', kid: gw.keys.kid })
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setSubject('x')
      .setNotBefore(Math.floor(Date.now() / 1000) + 3600)
      .setExpirationTime('2h')
      .sign(gw.keys.privateKey);
    expect((await me(future)).status).toBe(401);
  });

  it('a wrong audience or issuer is refused', async () => {
    expect((await me(await mintToken(gw.keys, claims(), { audience: 'another-client' }))).status).toBe(401);
    expect(
      (await me(await mintToken(gw.keys, claims(), { issuer: 'https://evil.example/pool' }))).status,
    ).toBe(401);
  });

  it("a valid token for someone else's record does not open it", async () => {
    const res = await gw.call('GET', `/v1/employees/${NIP.dpuHead}`, {
      token: await mintToken(gw.keys, claims()),
    });
    expect(res.status).toBe(404);
  });

  it('a token without a NIP claim is refused by the function (401)', async () => {
    const token = await new SignJWT({ 'cognito:groups': ['EMPLOYEE'] })
      .setProtectedHeader({ alg: 'ES256', kid: gw.keys.kid })
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setSubject('x')
      .setExpirationTime('1h')
      .sign(gw.keys.privateKey);
    const res = await me(token);
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('UNAUTHORIZED');
  });
});
