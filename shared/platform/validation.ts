import * as z from 'zod/mini';
import { type ErrorDetail, ValidationError } from './errors.js';

type Issue = z.core.$ZodIssue & { input?: unknown; params?: Record<string, unknown> };

const pathOf = (prefix: string, path: PropertyKey[]): string =>
  [prefix, ...path.map(String)].filter((p) => p !== '').join('.');

/**
 * One zod issue → field details (path, code, params). The HTTP chain words them in the caller's
 * language from i18n reasons; use cases can therefore validate without knowing the language.
 */
export const issueDetails = (issue: Issue, prefix = ''): ErrorDetail[] => {
  const path = pathOf(prefix, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return [{ path, code: 'required' }];
      return [{ path, code: 'invalid_type', params: { expected: String(issue.expected) } }];
    case 'too_small':
    case 'too_big': {
      const origin = ['string', 'array'].includes(String(issue.origin)) ? String(issue.origin) : 'number';
      const params: Record<string, string> =
        issue.code === 'too_small' ? { minimum: String(issue.minimum) } : { maximum: String(issue.maximum) };
      return [{ path, code: issue.code, params, reason: `${issue.code}_${origin}` }];
    }
    case 'unrecognized_keys':
      return issue.keys.map((k) => ({ path: pathOf(path, [k]), code: 'unrecognized_key' }));
    case 'invalid_format':
      return [{ path, code: 'invalid_format', params: { format: issue.format } }];
    case 'invalid_value':
      return [{ path, code: 'invalid_value', params: { values: issue.values.map(String).join(', ') } }];
    case 'custom': {
      const code = String(issue.params?.reason ?? 'invalid');
      const params = (issue.params?.values ?? undefined) as Record<string, string | number> | undefined;
      return [{ path, code, ...(params && Object.keys(params).length ? { params } : {}) }];
    }
    default:
      return [{ path, code: 'invalid' }];
  }
};

export type Parsed<S extends z.ZodMiniType> =
  | { ok: true; value: z.output<S> }
  | { ok: false; details: ErrorDetail[] };

export const tryParse = <S extends z.ZodMiniType>(schema: S, value: unknown, prefix: string): Parsed<S> => {
  const result = z.safeParse(schema, value, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, details: result.error.issues.flatMap((i) => issueDetails(i as Issue, prefix)) };
};

/** Parses or throws a 400 ValidationError naming every bad field. */
export const parseOrThrow = <S extends z.ZodMiniType>(
  schema: S,
  value: unknown,
  prefix: string,
): z.output<S> => {
  const parsed = tryParse(schema, value, prefix);
  if (parsed.ok) return parsed.value;
  throw new ValidationError('VALIDATION', {}, parsed.details);
};
