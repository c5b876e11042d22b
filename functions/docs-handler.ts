/**
 * The docs area: it serves one document, built once before the handler exists. The Lambda gets the
 * document prebuilt at synth time (infra/openapi-build.ts writes an entry that passes it in as a
 * string), so the function needs no table and does no work on its first request; locally
 * functions/docs.ts builds it when the module loads.
 */
import { Reply } from '../shared/platform/http.js';
import { areaHandler } from './area.js';

export const docsHandler = (document: string) =>
  areaHandler('docs', {
    openapi: async () => new Reply(200, document, { 'cache-control': 'public, max-age=300' }, true),
  });
