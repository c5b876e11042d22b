/**
 * The environment of the local runtime: the same variables the stack gives a Lambda, pointed at
 * DynamoDB Local. Ports come from PORT (gateway, default 3000) and DYNAMODB_PORT (default 8000).
 */

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { resetConfig } from '../../shared/platform/config.js';
import { createDb, type Db, resetDb } from '../../shared/platform/dynamo.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Local data (DynamoDB files, signing keys); SINERGI_DATA_DIR moves it (tests use a temp dir). */
export const DATA_DIR = process.env.SINERGI_DATA_DIR || join(ROOT, '.data');
export const KEYS_FILE = join(DATA_DIR, 'jwt-keys.json');
export const TABLE_NAME = process.env.TABLE_NAME ?? 'sinergi';

const port = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name}=${raw} is not a port number`);
  return n;
};

export const gatewayPort = () => port('PORT', 3000);
export const dynamoPort = () => port('DYNAMODB_PORT', 8000);
export const dynamoEndpoint = (p = dynamoPort()) => `http://127.0.0.1:${p}`;

/** Points this process's handlers (and their config) at a DynamoDB endpoint and table. */
export const useLocalDynamo = (endpoint: string, table = TABLE_NAME): Db => {
  process.env.AWS_ENDPOINT_URL_DYNAMODB = endpoint;
  process.env.TABLE_NAME = table;
  process.env.AWS_REGION ??= 'local';
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  resetConfig();
  resetDb();
  return createDb({ table, endpoint });
};

/** True when a DynamoDB (Local) answers at the endpoint. */
export const dynamoAnswers = async (db: Db): Promise<boolean> => {
  try {
    await db.doc.send(new ListTablesCommand({ Limit: 1 }));
    return true;
  } catch {
    return false;
  }
};

export const argValue = (args: string[], name: string): string | undefined => {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
};
