/**
 * The reporter secret is kept only as a salted SHA-256 (the secret has ~99 random bits, so a
 * fast hash with a per-complaint salt is enough) and compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { newReporterSecret, newTrackingCode } from './rules.js';

const hashWith = (salt: string, secret: string): string =>
  createHash('sha256').update(salt).update(':').update(secret).digest('hex');

export const newSecret = (): { secret: string; stored: { salt: string; hash: string } } => {
  const secret = newReporterSecret(randomBytes);
  const salt = randomBytes(16).toString('hex');
  return { secret, stored: { salt, hash: hashWith(salt, secret) } };
};

export const newCode = (): string => newTrackingCode(randomBytes);

/** True when `given` is the secret; the comparison takes the same time whatever `given` is. */
export const secretMatches = (stored: { salt: string; hash: string }, given: string | undefined): boolean => {
  const expected = Buffer.from(stored.hash, 'hex');
  const actual = Buffer.from(hashWith(stored.salt, (given ?? '').trim().toUpperCase()), 'hex');
  return given !== undefined && expected.length === actual.length && timingSafeEqual(expected, actual);
};

/** A stable hash of a request body (keys sorted), to tell a replay from a reuse of its key. */
export const bodyHash = (body: unknown): string => createHash('sha256').update(stable(body)).digest('hex');

const stable = (v: unknown): string => {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v as object)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
};
