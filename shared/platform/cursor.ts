import { ValidationError } from './errors.js';

/**
 * Opaque page cursors: the DynamoDB LastEvaluatedKey as base64url JSON. A cursor is accepted only
 * if it has exactly the key attributes of the query it continues (the table's keys, and the index's
 * on a GSI), each a non-empty string within DynamoDB's key sizes, and belongs to the same partition:
 * anything else would reach DynamoDB as an invalid ExclusiveStartKey (ValidationException → 500).
 */
export type Key = Record<string, string>;

export const encodeCursor = (key: Record<string, unknown> | undefined): string | undefined =>
  key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : undefined;

export const invalidCursor = () =>
  new ValidationError('INVALID_CURSOR', {}, [{ path: 'query.cursor', code: 'invalid' }]);
const invalid = invalidCursor;

/** DynamoDB's key sizes, in UTF-8 bytes: partition keys 2048, sort keys 1024. */
const MAX_KEY_BYTES = (attribute: string) => (attribute.endsWith('sk') ? 1024 : 2048);

export const decodeCursor = (
  cursor: string | undefined,
  expect: { attribute: string; value: string; attributes: readonly string[] },
): Key | undefined => {
  if (cursor === undefined || cursor === '') return undefined;
  if (cursor.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid();
  const entries = Object.entries(parsed as Record<string, unknown>);
  const attributes = new Set(expect.attributes);
  if (
    entries.length !== attributes.size ||
    entries.some(
      ([k, v]) =>
        !attributes.has(k) ||
        typeof v !== 'string' ||
        v === '' ||
        /\p{Cs}/u.test(v) || // a lone surrogate has no UTF-8 form
        Buffer.byteLength(v, 'utf8') > MAX_KEY_BYTES(k),
    )
  )
    throw invalid();
  const key = parsed as Key;
  if (key[expect.attribute] !== expect.value) throw invalid();
  return key;
};
