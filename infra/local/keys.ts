/**
 * Local stand-in for Cognito's signing: an ES256 key pair kept in .data/jwt-keys.json, used by
 * `npm run token` to sign and by the local gateway to verify, with Cognito's claim layout.
 */
import type { KeyObject, webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';

export const LOCAL_ISSUER = 'https://sinergi.local/cognito';
export const LOCAL_AUDIENCE = 'sinergi-local-client';
export const ALG = 'ES256';

export type Key = webcrypto.CryptoKey | KeyObject | Uint8Array;

export interface KeyPair {
  privateKey: Key;
  publicKey: Key;
  kid: string;
}

export const newKeyPair = async (kid = 'local-1'): Promise<KeyPair> => {
  const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
  return { privateKey, publicKey, kid };
};

/** Loads the key pair from `file`, creating it (mode 600) on first use. */
export const loadOrCreateKeys = async (file: string): Promise<KeyPair> => {
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { kid: string; privateJwk: JWK; publicJwk: JWK };
    return {
      kid: stored.kid,
      // extractable: the local OpenID Provider publishes and signs with the same pair (as a JWK)
      privateKey: (await importJWK(stored.privateJwk, ALG, { extractable: true })) as Key,
      publicKey: (await importJWK(stored.publicJwk, ALG)) as Key,
    };
  }
  const pair = await newKeyPair();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(
    file,
    JSON.stringify({
      kid: pair.kid,
      privateJwk: await exportJWK(pair.privateKey),
      publicJwk: await exportJWK(pair.publicKey),
    }),
    { mode: 0o600 },
  );
  return pair;
};

export interface TokenClaims {
  nip: string;
  agencyId?: string;
  groups: string[];
}

/** An ID token as Cognito would issue it after the pre-token trigger (username = NIP). */
export const mintToken = async (
  keys: Pick<KeyPair, 'privateKey' | 'kid'>,
  claims: TokenClaims,
  options: { expiresInSeconds?: number; issuer?: string; audience?: string; now?: Date } = {},
): Promise<string> => {
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new SignJWT({
    nip: claims.nip,
    ...(claims.agencyId ? { agencyId: claims.agencyId } : {}),
    'cognito:groups': claims.groups,
    'cognito:username': claims.nip,
    token_use: 'id',
  })
    .setProtectedHeader({ alg: ALG, kid: keys.kid, typ: 'JWT' })
    .setSubject(`local-${claims.nip}`)
    .setIssuer(options.issuer ?? LOCAL_ISSUER)
    .setAudience(options.audience ?? LOCAL_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (options.expiresInSeconds ?? 8 * 3600))
    .sign(keys.privateKey);
};
