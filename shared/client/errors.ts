/**
 * The API's errors as the client sees them. Functions answer `{ error: { code, message, details } }`
 * (message in the caller's language); the gateway itself answers `{ message }` for 401/404/413 as
 * API Gateway does, and a network failure has no status at all.
 */
export interface ApiErrorDetail {
  /** where: body.location.kelurahan, query.limit, path.trackingCode */
  path: string;
  /** machine-readable reason, e.g. too_small, kelurahan */
  code: string;
  message: string;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    /** HTTP status; 0 when the request never got an answer */
    readonly status: number,
    /** the API's error code (VALIDATION, NOT_FOUND, CONFLICT, ...), or the gateway's/network's */
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[] = [],
    /** other fields the error carries (e.g. currentVersion on a 409) */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** The message for one field, by its path (body.description) or its last segment. */
  fieldMessage(path: string): string | undefined {
    return this.details.find((d) => d.path === path || d.path.endsWith(`.${path}`))?.message;
  }
}

/** Codes the gateway and the network produce (the functions' own codes come in the body). */
const GATEWAY_CODES: Record<number, string> = {
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'TOO_MANY_REQUESTS',
};

export const errorFromResponse = (status: number, body: unknown): ApiError => {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const { code, message, details, ...extra } = (body as { error: Record<string, unknown> }).error;
    return new ApiError(
      status,
      String(code ?? 'ERROR'),
      String(message ?? ''),
      Array.isArray(details) ? (details as ApiErrorDetail[]) : [],
      extra,
    );
  }
  const message =
    typeof body === 'object' && body !== null && 'message' in body
      ? String((body as { message: unknown }).message)
      : `HTTP ${status}`;
  return new ApiError(status, GATEWAY_CODES[status] ?? (status >= 500 ? 'INTERNAL' : 'ERROR'), message);
};

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;
