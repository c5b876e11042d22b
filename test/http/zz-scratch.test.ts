import { it } from 'vitest';
import { db } from '../../shared/platform/dynamo.js';
import { logger } from '../../shared/platform/logger.js';
import { freshTable } from '../support/db.js';
import { startTestGateway } from '../support/http.js';
import { NIP, seedOrg } from '../support/org.js';

it('scratch', async () => {
  await freshTable();
  const employees = await seedOrg(db());
  const gw = await startTestGateway();
  logger.setLogLevel('ERROR');
  const tok = (nip: string) => gw.token(employees.find((e) => e.nip === nip)!);
  const reqs: Array<[string, string, string, unknown]> = JSON.parse(process.env.REQS ?? '[]');
  for (const [nip, method, path, body] of reqs) {
    const r = await gw.call(method, path, { token: nip ? await tok(nip) : undefined, body: body ?? undefined });
    console.log(method, path, r.status, r.text.slice(0, 300));
  }
  await gw.close();
}, 60000);
