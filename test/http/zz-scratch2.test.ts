import { request } from 'node:http';
import { it } from 'vitest';
import { db } from '../../shared/platform/dynamo.js';
import { logger } from '../../shared/platform/logger.js';
import { seedComplaintSetup } from '../support/complaints.js';
import { freshTable } from '../support/db.js';
import { startTestGateway } from '../support/http.js';
import { seedOrg } from '../support/org.js';

it('scratch2', async () => {
  await freshTable();
  const employees = await seedOrg(db());
  await seedComplaintSetup(db());
  const gw = await startTestGateway();
  logger.setLogLevel('ERROR');
  const tok = await gw.token(employees[4]!);
  const send = (method: string, path: string, headers: Record<string, string>, body?: string) =>
    new Promise<string>((resolve) => {
      const r = request({ host: '127.0.0.1', port: gw.gateway.port, method, path, headers }, (res) => {
        let t = '';
        res.on('data', (c) => (t += c));
        res.on('end', () => resolve(`${res.statusCode} ${t.slice(0, 300)}`));
      });
      r.end(body);
    });
  console.log(await send('GET', '/open311/v2/services/PJU.json', {}));
  console.log(await send('GET', '/v1/me', { authorization: `Bearer ${tok}` }, '{'));
  console.log(await send('GET', '/v1/me', { authorization: `Bearer ${tok}`, 'content-type': 'text/plain' }, '{'));
  await gw.close();
}, 60000);
