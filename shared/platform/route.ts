import type * as z from 'zod/mini';
import type { Role } from './roles.js';

/** The Lambda functions that serve HTTP routes: one per area. */
export const AREA_FUNCTIONS = [
  'employees',
  'performance',
  'incentives',
  'complaints',
  'development',
  'collaboration',
  'open311',
  'documents',
  'docs',
] as const;
export type AreaFunction = (typeof AREA_FUNCTIONS)[number];

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Schema = z.ZodMiniType;

export interface RouteDef {
  method: Method;
  /** API Gateway path template, e.g. /v1/employees/{nip} */
  path: string;
  fn: AreaFunction;
  /** 'public' (no token) or the roles that may call it. */
  auth: 'public' | readonly Role[];
  /** read-only routes get read-only table access in the stack */
  access: 'read' | 'write';
  summary: string;
  tag: string;
  params?: Schema;
  query?: Schema;
  body?: Schema;
  response?: Schema;
  /** success status, default 200 */
  status?: number;
  /** content types the body may have, default json; csv bodies become { rows: [...] } */
  bodyTypes?: ReadonlyArray<'json' | 'csv' | 'form'>;
  /** default 256 KB */
  maxBodyBytes?: number;
  /** response content type when not JSON (e.g. text/csv) */
  produces?: string;
  /** what a client cannot guess from the summary (OpenAPI description) */
  description?: string;
  /** request headers the route reads (declared as OpenAPI parameters) */
  requestHeaders?: ReadonlyArray<'idempotency-key' | 'x-reporter-secret'>;
  /** the body depends on Accept-Language (answers Vary: Accept-Language) */
  localized?: boolean;
}

export interface JobDef {
  /** EventBridge schedule expression, UTC: cron(min hour day-of-month month day-of-week year) */
  schedule: string;
  description: string;
  timeoutSeconds: number;
  access: 'read' | 'write';
}

export const route = <const R extends RouteDef>(def: R): R => def;

export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;
