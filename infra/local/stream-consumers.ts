/**
 * `npm start`'s stream work: the table's stream polled locally (infra/local/streams.ts), with the
 * consumers the stack attaches to the stream in AWS. Today: the user sync, against cognito-local
 * (the Cognito admin API's local twin). A later consumer (notification delivery, ...) is one more
 * entry in `consumers` below.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isEmployeeProfile, userSyncHandler } from '../../functions/user-sync.js';
import { type CognitoLocal, ensureUserPool, startCognitoLocal } from './cognito.js';
import { type StreamConsumer, type StreamPoller, startStreamPoller } from './streams.js';

export const COGNITO_PORT_ENV_VAR = 'COGNITO_PORT';
export const cognitoPort = (): number => Number(process.env[COGNITO_PORT_ENV_VAR] || 9229);
export const LOCAL_USER_POOL = 'sinergi-local-users';

export interface LocalStreams {
  cognito: CognitoLocal;
  userPoolId: string;
  poller: StreamPoller;
  stop(): Promise<void>;
}

export const startLocalStreams = async (options: {
  dynamoEndpoint: string;
  table: string;
  /** where cognito-local keeps its users; none: a temporary folder removed on stop (--in-memory) */
  dataDir?: string;
  log: (line: string) => void;
}): Promise<LocalStreams> => {
  const temp = options.dataDir ? undefined : mkdtempSync(join(tmpdir(), 'sinergi-cognito-'));
  const cognito = await startCognitoLocal({
    port: cognitoPort(),
    dataDir: temp ?? join(options.dataDir as string, 'cognito'),
  });
  const cleanup = async () => {
    await cognito.stop();
    if (temp) rmSync(temp, { recursive: true, force: true });
  };
  try {
    const userPoolId = await ensureUserPool(cognito.client, LOCAL_USER_POOL);
    // the same variables the stack gives the user sync function
    process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER = cognito.endpoint;
    process.env.USER_POOL_ID = userPoolId;
    const consumers: StreamConsumer[] = [
      {
        name: 'user-sync',
        accepts: isEmployeeProfile,
        handle: userSyncHandler(() => ({ cognito: cognito.client, userPoolId })),
      },
    ];
    const poller = await startStreamPoller({
      endpoint: options.dynamoEndpoint,
      table: options.table,
      consumers,
      log: options.log,
    });
    return {
      cognito,
      userPoolId,
      poller,
      stop: async () => {
        await poller.stop();
        await cleanup();
      },
    };
  } catch (e) {
    await cleanup();
    throw e;
  }
};
