/** Lambda serving the OpenAPI document generated from the catalog (built and serialised once per container). */
import { Reply } from '../shared/platform/http.js';
import { openApiDocument } from '../shared/platform/openapi.js';
import { areaHandler } from './area.js';
import { routes } from './catalog.js';

let cached: string | undefined;

export const handler = areaHandler('docs', {
  openapi: async () => {
    cached ??= JSON.stringify(openApiDocument(routes, { title: 'Sinergi API', version: '1' }));
    return new Reply(200, cached, { 'cache-control': 'public, max-age=300' }, true);
  },
});
