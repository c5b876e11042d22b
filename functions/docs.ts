/** Lambda serving the OpenAPI document generated from the catalog. */
import { openApiDocument } from '../shared/platform/openapi.js';
import { areaHandler } from './area.js';
import { routes } from './catalog.js';

let cached: unknown;

export const handler = areaHandler('docs', {
  openapi: async () => {
    cached ??= openApiDocument(routes, { title: 'Sinergi API', version: '1' });
    return cached;
  },
});
