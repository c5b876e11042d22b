import { ValidationError } from './errors.js';

/**
 * Opaque page cursors: the DynamoDB LastEvaluatedKey as base64url JSON. A cursor is accepted only
 * if it is an object of string values that belongs to the same partition as the query it continues.
 */
export type Key = Record<string, string>;

export const encodeCursor = (key: Record<string, unknown> | undefined): string | undefined =>
  key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : undefined;

const invalid = () => new ValidationError('INVALID_CURSOR', {}, [{ path: 'query.cursor', code: 'invalid' }]);

export const decodeCursor = (
  cursor: string | undefined,
  expect: { attribute: string; value: string },
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
  if (entries.length === 0 || entries.length > 6 || entries.some(([, v]) => typeof v !== 'string'))
    throw invalid();
  const key = parsed as Key;
  if (key[expect.attribute] !== expect.value) throw invalid();
  return key;
};
