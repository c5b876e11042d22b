import { randomBytes } from 'node:crypto';

/**
 * Identifiers: time-ordered (ULID layout, Crockford base32) so that ids sort by creation time,
 * with 80 random bits so they cannot be guessed in sequence.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export type Ids = () => string;

const encodeTime = (ms: number): string => {
  let out = '';
  let t = ms;
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[t % 32] + out;
    t = Math.floor(t / 32);
  }
  return out;
};

const encodeRandom = (bytes: Buffer, length: number): string => {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[(bytes[i] ?? 0) % 32];
  return out;
};

export const ulid = (now: number = Date.now()): string => encodeTime(now) + encodeRandom(randomBytes(16), 16);

export const systemIds: Ids = () => ulid();
