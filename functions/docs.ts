/** Lambda serving the OpenAPI document generated from the catalog (built and serialised once per container). */
import { Reply } from '../shared/platform/http.js';
import { areaHandler } from './area.js';
import { buildOpenApi } from './contract.js';

let cached: string | undefined;

export const handler = areaHandler('docs', {
  openapi: async () => {
    cached ??= JSON.stringify(buildOpenApi());
    return new Reply(200, cached, { 'cache-control': 'public, max-age=300' }, true);
  },
});
