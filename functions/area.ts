import { createAreaHandler, type Impl } from '../shared/platform/http.js';
import type { AreaFunction, RouteDef } from '../shared/platform/route.js';
import { type RouteId, type Routes, routes } from './catalog.js';

type RoutesOf<F extends AreaFunction> = {
  [K in RouteId as Routes[K]['fn'] extends F ? K : never]: Routes[K];
};

/** Every route of the area must be implemented, with request types inferred from its schemas. */
export type Impls<F extends AreaFunction> = { [K in keyof RoutesOf<F>]: Impl<RoutesOf<F>[K]> };

/** The Lambda handler of one area: a thin router over its routes in the catalog. */
export const areaHandler = <F extends AreaFunction>(fn: F, impls: Impls<F>) => {
  const table = Object.entries(routes)
    .filter(([, r]) => r.fn === fn)
    .map(
      ([id, r]) =>
        [id, r as RouteDef, (impls as Record<string, Impl<RouteDef>>)[id] as Impl<RouteDef>] as const,
    );
  return createAreaHandler(table);
};
