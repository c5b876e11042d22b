/**
 * Onboarding end to end on one machine: employees written to DynamoDB Local → the table's stream
 * (read by the local stream poller, as Lambda's event source mapping reads it in AWS) → the same
 * user sync code → the Cognito admin API of cognito-local. Importing employees creates their users
 * (invited by e-mail), an e-mail change follows, ending employment disables the user.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isEmployeeProfile, userSyncHandler } from '../../functions/user-sync.js';
import { type CognitoLocal, ensureUserPool, startCognitoLocal } from '../../infra/local/cognito.js';
import { type StreamPoller, startStreamPoller } from '../../infra/local/streams.js';
import { importEmployees } from '../../shared/employees/import.js';
import * as uc from '../../shared/employees/use-cases.js';
import type { Db } from '../../shared/platform/dynamo.js';
import { depsAt, freshTable } from '../support/db.js';
import { actors, NIP, seedOrg } from '../support/org.js';

const NOW = '2026-11-28T03:00:00.000Z';
let db: Db;
let who: ReturnType<typeof actors>;
let cognito: CognitoLocal;
let poller: StreamPoller;
let userPoolId: string;
let dataDir: string;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });

const person = (nip: string, email?: string) => ({
  nip,
  name: `Pegawai ${nip.slice(-3)}`,
  agencyId: 'DPU',
  unitId: 'DPU-B1-S1',
  positionTitle: 'Pengelola Data',
  positionType: 'PELAKSANA' as const,
  jobClass: 6,
  grade: 'III/a',
  employmentType: 'PNS' as const,
  reviewerNip: NIP.section,
  ...(email ? { email } : {}),
});

const userOf = async (nip: string) => {
  try {
    const u = await cognito.client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: nip }));
    return { enabled: u.Enabled, email: u.UserAttributes?.find((a) => a.Name === 'email')?.Value };
  } catch (e) {
    if ((e as Error).name === 'UserNotFoundException') return undefined;
    throw e;
  }
};

beforeAll(async () => {
  db = await freshTable({ stream: true });
  who = actors(await seedOrg(db));
  dataDir = mkdtempSync(join(tmpdir(), 'sinergi-cognito-'));
  cognito = await startCognitoLocal({ port: await freePort(), dataDir });
  userPoolId = await ensureUserPool(cognito.client, 'sinergi-local-users');
  poller = await startStreamPoller({
    endpoint: inject('dynamoEndpoint'),
    table: db.table,
    consumers: [
      {
        name: 'user-sync',
        accepts: isEmployeeProfile,
        handle: userSyncHandler(() => ({ cognito: cognito.client, userPoolId })),
      },
    ],
    intervalMs: 100,
  });
  await poller.drain(); // the seed is before the poller's start (LATEST): only what follows counts
}, 90_000);

afterAll(async () => {
  await poller?.stop();
  await cognito?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('onboarding through the stream', () => {
  const A = '199001012015011501';
  const B = '199001012015011502';
  const C = '199001012015011503';

  it('importing employees creates their users (username = NIP, e-mail verified); no e-mail, no user yet', async () => {
    const deps = depsAt(db, NOW);
    const rows = [
      person(A, 'a.pegawai@semarangkota.go.id'),
      person(B, 'B.Pegawai@semarangkota.go.id'),
      person(C),
    ];
    expect(await importEmployees(deps, who.dpuAdmin, { rows })).toMatchObject({ created: 3 });
    await poller.drain();
    expect(await userOf(A)).toEqual({ enabled: true, email: 'a.pegawai@semarangkota.go.id' });
    expect(await userOf(B)).toEqual({ enabled: true, email: 'b.pegawai@semarangkota.go.id' });
    expect(await userOf(C)).toBeUndefined();
    expect(poller.deadLetters).toEqual([]);
  });

  it('an e-mail given later creates the user; a changed e-mail follows', async () => {
    const deps = depsAt(db, NOW);
    await uc.updateEmployee(deps, who.dpuAdmin, C, { version: 1, email: 'c.pegawai@semarangkota.go.id' });
    await uc.updateEmployee(deps, who.dpuAdmin, A, { version: 1, email: 'a.baru@semarangkota.go.id' });
    await poller.drain();
    expect(await userOf(C)).toEqual({ enabled: true, email: 'c.pegawai@semarangkota.go.id' });
    expect(await userOf(A)).toEqual({ enabled: true, email: 'a.baru@semarangkota.go.id' });
  });

  it('ending employment disables the user; the rest stay enabled; a re-import changes nothing', async () => {
    const deps = depsAt(db, NOW);
    await uc.addStatusPeriod(deps, who.dpuAdmin, B, {
      version: 1,
      period: { status: 'PENSIUN', from: '2026-11-01' },
    });
    await poller.drain();
    expect(await userOf(B)).toEqual({ enabled: false, email: 'b.pegawai@semarangkota.go.id' });
    expect((await userOf(A))?.enabled).toBe(true);
    const rows = [person(C, 'c.pegawai@semarangkota.go.id')];
    expect(await importEmployees(deps, who.dpuAdmin, { rows })).toMatchObject({ unchanged: 1 });
    await poller.drain();
    expect(await userOf(C)).toEqual({ enabled: true, email: 'c.pegawai@semarangkota.go.id' });
    expect(poller.deadLetters).toEqual([]);
  });
});
