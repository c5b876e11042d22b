/**
 * The local twin of the LeadingKeys grants: a function may write only under its own prefixes, the
 * same lists the stack puts in its role (functions/writes.ts). The whole HTTP suite runs through
 * it (test/support/http.ts), so a use case writing outside its area fails there as in AWS.
 */
import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { areaWrites, jobWrites } from '../../functions/writes.js';
import { asFunction } from '../../infra/local/write-guard.js';
import * as complaints from '../../shared/complaints/store.js';
import * as tpp from '../../shared/incentives/store.js';
import { type Db, db as processDb } from '../../shared/platform/dynamo.js';
import { freshTable } from '../support/db.js';

let db: Db;
beforeAll(async () => {
  await freshTable();
  db = processDb(); // the client the handlers use (the one the guard watches)
});

const put = (pk: string) => db.doc.send(new PutCommand({ TableName: db.table, Item: { pk, sk: 'X' } }));

describe('local write grants', () => {
  it('the complaints function writes complaints and notifications, never a TPP item', async () => {
    await expect(
      asFunction('complaints', areaWrites('complaints'), () => put(complaints.keys.complaint('K7M2QX').pk)),
    ).resolves.toBeDefined();
    await expect(
      asFunction('complaints', areaWrites('complaints'), () => put('NOTIF#199001012015011501')),
    ).resolves.toBeDefined();
    await expect(
      asFunction('complaints', areaWrites('complaints'), () =>
        put(tpp.keys.line('2026-11-DPU', '199001012015011501').pk),
      ),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  it('a transaction is refused whole when one of its items is outside the grant', async () => {
    const write = () =>
      db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: db.table, Item: { pk: 'CMP#T1', sk: 'CMP' } } },
            { Put: { TableName: db.table, Item: { pk: 'TPPRUN#T1', sk: 'RUN' } } },
          ],
        }),
      );
    await expect(asFunction('open311', areaWrites('open311'), write)).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
    await expect(
      asFunction('tpp-monthly', jobWrites('tpp-monthly'), () => put('TPPRUN#T2')),
    ).resolves.toBeDefined();
  });

  it('a read-only function may write nothing; outside any function (seeding, tests) nothing is checked', async () => {
    await expect(asFunction('docs', areaWrites('docs'), () => put('CMP#T3'))).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
    await expect(put('TPPRUN#T4')).resolves.toBeDefined();
  });
});
