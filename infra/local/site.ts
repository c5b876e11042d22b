/**
 * The whole local origin as `npm start` serves it: the API (the local gateway), the local OpenID
 * Provider under /oidc whose ID tokens the gateway accepts by its JWKS, and the web app (web/dist,
 * built first when missing or outdated) with /config.json. The browser tests start the same.
 */
import { createRemoteJWKSet, exportJWK } from 'jose';
import { routes } from '../../functions/catalog.js';
import type { Db } from '../../shared/platform/dynamo.js';
import { type Gateway, type GatewayOptions, startGateway } from './gateway.js';
import { ALG, type KeyPair } from './keys.js';
import { OIDC_CLIENT_ID, startLocalOidc } from './oidc.js';
import { ensureWebBuilt, webHandler } from './web.js';

export interface Site {
  gateway: Gateway;
  url: string;
  issuer: string;
  close(): Promise<void>;
}

export const startSite = async (options: {
  port: number;
  host?: string;
  keys: KeyPair;
  db: () => Db;
  /** how the gateway loads an area's handler (npm start: under the local write guard) */
  loadHandler?: GatewayOptions['loadHandler'];
  log?: (line: string) => void;
  /** the gateway's request log (one line per request) */
  requestLog?: (line: string) => void;
}): Promise<Site> => {
  await ensureWebBuilt(options.log);
  if (options.port === 0)
    throw new Error('startSite needs a fixed port: the issuer and redirect URIs name it');
  const origin = `http://localhost:${options.port}`;
  const oidc = await startLocalOidc({
    origin,
    db: options.db,
    signingKey: { ...(await exportJWK(options.keys.privateKey)), kid: options.keys.kid },
  });
  const gateway = await startGateway({
    port: options.port,
    host: options.host ?? '127.0.0.1',
    routes,
    verifyKey: options.keys.publicKey,
    loadHandler: options.loadHandler,
    trustedIssuers: [
      {
        issuer: oidc.issuer,
        audience: OIDC_CLIENT_ID,
        keys: createRemoteJWKSet(new URL(`${oidc.issuer}/jwks`)),
        algorithms: [ALG],
      },
    ],
    before: oidc.handle,
    fallback: webHandler({ config: { oidc: { authority: oidc.issuer, clientId: OIDC_CLIENT_ID } } }),
    log: options.requestLog,
  });
  return { gateway, url: origin, issuer: oidc.issuer, close: () => gateway.close() };
};
