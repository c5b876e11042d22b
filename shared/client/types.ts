/**
 * The typed client's types, derived from the catalog's own route entries and zod schemas
 * (functions/catalog.ts): no second description of the API. A route renamed, a field removed
 * or a type changed in the catalog breaks every caller at compile time.
 */
import type * as z from 'zod/mini';
import type { Routes } from '../../functions/catalog.js';

export type RouteId = keyof Routes;
type Schema = z.ZodMiniType;

type In<R, K extends string> = R extends { [P in K]: infer S extends Schema } ? z.input<S> : never;
type Has<R, K extends string> = R extends { [P in K]: Schema } ? true : false;

/** What the route answers on success (the 2xx body); void for a route without a declared body. */
export type ResponseOf<Id extends RouteId> = Routes[Id] extends { response: infer S extends Schema }
  ? z.output<S>
  : undefined;
/** The body the route takes, as the caller writes it (before the server's transforms). */
export type BodyOf<Id extends RouteId> = In<Routes[Id], 'body'>;
export type ParamsOf<Id extends RouteId> = In<Routes[Id], 'params'>;
export type QueryOf<Id extends RouteId> = In<Routes[Id], 'query'>;

/** Per-call options: headers the API reads (declared in the catalog's summaries and the OpenAPI). */
export interface CallOptions {
  /** Idempotency-Key: the same key answers the first result again instead of acting twice */
  idempotencyKey?: string;
  /** X-Reporter-Secret: the reporter's secret for their own complaint */
  reporterSecret?: string;
  /** overrides the client's language for this call */
  language?: 'id' | 'en';
  signal?: AbortSignal;
}

/**
 * Path parameters and the query string, in one object. A query-only route may be called without
 * it (every list's query is optional) unless a body follows.
 */
type Input<Id extends RouteId> =
  Has<Routes[Id], 'params'> extends true
    ? [params: ParamsOf<Id> & (Has<Routes[Id], 'query'> extends true ? QueryOf<Id> : unknown)]
    : Has<Routes[Id], 'query'> extends true
      ? Has<Routes[Id], 'body'> extends true
        ? [query: QueryOf<Id> | undefined]
        : [query?: QueryOf<Id>]
      : [];

type BodyArg<Id extends RouteId> =
  Has<Routes[Id], 'body'> extends true
    ? undefined extends BodyOf<Id>
      ? [body?: BodyOf<Id>]
      : [body: BodyOf<Id>]
    : [];

/** One method per catalog route: `(params-and-query?, body?, options?) → Promise<response>`. */
export type ApiMethod<Id extends RouteId> = (
  ...args: [...Input<Id>, ...BodyArg<Id>, options?: CallOptions]
) => Promise<ResponseOf<Id>>;

export type Api = { [Id in RouteId]: ApiMethod<Id> };

/** The runtime part of a route the client needs: method, path template, which inputs it takes. */
export interface RouteShape {
  method: string;
  path: string;
  params: boolean;
  query: boolean;
  body: boolean;
}
export type RouteTable = Record<RouteId, RouteShape>;
