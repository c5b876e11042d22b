/**
 * The local twin of the Cognito user pool's admin API: `cognito-local` 5.3 (npm), a server that
 * speaks the Cognito Identity Provider protocol, so the user sync (shared/employees/user-sync.ts)
 * runs the same AWS SDK calls locally as in AWS; only AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER
 * differs. Its data lives in `<dataDir>/.cognito/` (it writes under its working directory).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';

export interface CognitoLocal {
  endpoint: string;
  client: CognitoIdentityProviderClient;
  stop(): Promise<void>;
}

const binOf = (): string =>
  join(
    dirname(createRequire(import.meta.url).resolve('cognito-local/package.json')),
    'lib',
    'bin',
    'start.js',
  );

export const cognitoClient = (endpoint: string): CognitoIdentityProviderClient =>
  new CognitoIdentityProviderClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

/** Starts cognito-local on the port and waits (bounded) until it answers. */
export const startCognitoLocal = async (options: {
  port: number;
  dataDir: string;
  timeoutMs?: number;
}): Promise<CognitoLocal> => {
  // As the stack's pool: the username is the NIP, no e-mail or phone as username (cognito-local's
  // own default makes the e-mail the username).
  mkdirSync(join(options.dataDir, '.cognito'), { recursive: true });
  const configFile = join(options.dataDir, '.cognito', 'config.json');
  if (!existsSync(configFile)) {
    writeFileSync(configFile, JSON.stringify({ UserPoolDefaults: { UsernameAttributes: [] } }, null, 2));
  }
  // cognito-local exits by itself when its parent is gone (killed outright): no orphan server.
  const watchdog = `data:text/javascript,const p=process.ppid;setInterval(()=>{if(process.ppid!==p)process.exit(0)},1000).unref()`;
  const child: ChildProcess = spawn(process.execPath, ['--import', watchdog, binOf()], {
    cwd: options.dataDir,
    env: { ...process.env, PORT: String(options.port), HOST: '127.0.0.1', NODE_NO_WARNINGS: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-2000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = `http://127.0.0.1:${options.port}`;
  const client = cognitoClient(endpoint);
  const stop = async () => {
    client.destroy();
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  for (;;) {
    try {
      await client.send(new ListUserPoolsCommand({ MaxResults: 1 }));
      return { endpoint, client, stop };
    } catch (e) {
      if (child.exitCode !== null || Date.now() > deadline) {
        await stop();
        throw new Error(
          `cognito-local did not answer on ${endpoint} (${(e as Error).message}); its stderr: ${stderr.trim()}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
};

/** The id of the user pool with this name, created when missing (as the stack creates it in AWS). */
export const ensureUserPool = async (
  client: CognitoIdentityProviderClient,
  name: string,
): Promise<string> => {
  const pools = await client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  const found = pools.UserPools?.find((p) => p.Name === name)?.Id;
  if (found) return found;
  const created = await client.send(
    new CreateUserPoolCommand({
      PoolName: name,
      UsernameAttributes: [],
      UsernameConfiguration: { CaseSensitive: false },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    }),
  );
  const id = created.UserPool?.Id;
  if (!id) throw new Error(`cognito-local: user pool ${name} not created`);
  return id;
};
