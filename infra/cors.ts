/**
 * The HTTP API's CORS configuration, in one place: the stack gives it to API Gateway and the local
 * gateway answers preflights with it as API Gateway does. Tokens travel in the Authorization
 * header, never in cookies, so no credentials are allowed.
 */
export const CORS = {
  /** the stack's default; a deployment may narrow it (SinergiStackProps.allowedOrigins) */
  allowOrigins: ['*'] as string[],
  /** headers browsers may send cross-origin (web and mobile clients) */
  allowHeaders: ['authorization', 'content-type', 'accept-language', 'idempotency-key', 'x-reporter-secret'],
  allowMethods: ['*'],
  maxAgeSeconds: 3600,
} as const;
