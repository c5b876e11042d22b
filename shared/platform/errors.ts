/**
 * Typed domain errors. Use cases throw these; the HTTP chain maps them to a response once, by class
 * (see http.ts). The message is looked up in i18n.ts by `code` and filled with `params`.
 */
export interface ErrorDetail {
  /** where: body.rows.3.nip, query.limit, path.nip */
  path: string;
  /** Machine-readable reason, e.g. "too_small", "required", "unknown_unit" (a key of i18n reasons). */
  code: string;
  /** The reason in the caller's language; filled from `code` and `params` by the HTTP chain when absent. */
  message?: string;
  params?: Record<string, string | number>;
  /** The i18n reason key when it differs from `code` (e.g. too_small_string); not sent to clients. */
  reason?: string;
}

/** A field problem found by a use case (the HTTP chain words it in the caller's language). */
export const fieldError = (
  path: string,
  code: string,
  params?: Record<string, string | number>,
): ErrorDetail => ({
  path,
  code,
  ...(params ? { params } : {}),
});

/** 400 VALIDATION with the given field problems. */
export const invalid = (...details: ErrorDetail[]): ValidationError =>
  new ValidationError('VALIDATION', {}, details);

export abstract class DomainError extends Error {
  abstract readonly status: number;
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> = {},
    readonly details?: ErrorDetail[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(code);
    this.name = new.target.name;
  }
}

/** 400: the request is malformed or a field is invalid. */
export class ValidationError extends DomainError {
  readonly status = 400;
}
/** 401: no valid identity. */
export class Unauthorized extends DomainError {
  readonly status = 401;
}
/** 403: the actor may not do this. */
export class Forbidden extends DomainError {
  readonly status = 403;
}
/** 404: the record does not exist (or the actor may not know it exists). */
export class NotFound extends DomainError {
  readonly status = 404;
}
/** 409: a concurrent change won; `extra.currentVersion` tells the client what to reload. */
export class Conflict extends DomainError {
  readonly status = 409;
}
/** 409: the record exists already. */
export class AlreadyExists extends DomainError {
  readonly status = 409;
}
/** 422: well-formed, but the workflow does not allow it now. */
export class InvalidState extends DomainError {
  readonly status = 422;
}
/** 413: body too large. */
export class PayloadTooLarge extends DomainError {
  readonly status = 413;
}
/** 415: not a content type the route takes. */
export class UnsupportedMediaType extends DomainError {
  readonly status = 415;
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
