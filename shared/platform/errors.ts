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

/**
 * Every error code a function answers with: the OpenAPI document publishes it as the enum of
 * `error.code`, and the compiler refuses a domain error whose code is not in it.
 */
export const ERROR_CODES = [
  'ALREADY_ADOPTED',
  'ALREADY_APPROVED',
  'ALREADY_ENROLLED',
  'ALREADY_EXISTS',
  'ALREADY_REGISTERED',
  'ANNUAL_NOT_FINAL',
  'APPEAL_WINDOW_CLOSED',
  'ATTENDANCE_INVALID',
  'ATTENDANCE_TOO_EARLY',
  'COMPLAINT_ALREADY_RATED',
  'COMPLAINT_MERGE_SELF',
  'COMPLAINT_REOPEN_WINDOW',
  'COMPLAINT_STATE',
  'CONFLICT',
  'DISTRIBUTION_OK',
  'ENROLMENT_CLOSED',
  'FEEDBACK_NOT_ALLOWED',
  'FORBIDDEN',
  'FORBIDDEN_ORIGIN',
  'FORBIDDEN_ROLE',
  'FORUM_FULL',
  'FORUM_NOT_STARTED',
  'IDEMPOTENCY_KEY_REUSED',
  'IMPORT_INVALID',
  'IMPORT_TOO_LARGE',
  'INTERNAL',
  'INVALID_CURSOR',
  'INVALID_PERIOD',
  'INVALID_TRANSITION',
  'MALFORMED_JSON',
  'NOT_APPEAL_REVIEWER',
  'NOT_CANCELLABLE',
  'NOT_EMPLOYED',
  'NOT_FORUM_PARTICIPANT',
  'NOT_FOUND',
  'NOT_FUNCTIONAL',
  'NOT_HEAD_ABOVE',
  'NOT_INVITED',
  'NOT_OWNER',
  'NOT_PROTOCOL_CONTRIBUTOR',
  'NOT_REVIEWER',
  'NO_APPEAL_REVIEWER',
  'NO_REVIEWER',
  'OWN_PRACTICE',
  'PAYLOAD_TOO_LARGE',
  'PENDING_VERSION',
  'PERIOD_NOT_CONFIGURED',
  'PLAN_ALREADY_OPEN',
  'PLAN_CLOSED',
  'REGISTRATION_CLOSED',
  'REGISTRATION_NOT_CANCELLABLE',
  'REPORTER_SECRET',
  'REVIEWER_CYCLE',
  'REVIEW_DEADLINE_PASSED',
  'REVIEW_TOO_EARLY',
  'ROLE_CONFLICT',
  'ROUTE_NOT_FOUND',
  'SELF_DEADLINE_PASSED',
  'SELF_PAY_INPUT',
  'SESSION_FULL',
  'SUBMIT_TOO_EARLY',
  'TPP_NOT_APPROVED',
  'TPP_NO_RULE_SET',
  'TPP_RULES_INVALID',
  'TPP_RUN_COMPUTING',
  'TPP_RUN_STATE',
  'TPP_SELF_APPROVAL',
  'UNAUTHORIZED',
  'UNIT_PREDIKAT_MISSING',
  'UNSUPPORTED_MEDIA_TYPE',
  'VALIDATION',
  'VERSION_NOT_PENDING',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export abstract class DomainError extends Error {
  abstract readonly status: number;
  constructor(
    readonly code: ErrorCode,
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
