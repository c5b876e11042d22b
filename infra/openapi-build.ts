/**
 * Build time for the OpenAPI document: at synth the stack writes the docs Lambda's entry with the
 * document inlined as a string literal, so the deployed function neither builds it on its first
 * request nor bundles the generator, and needs no table. The entry lives in `.build/` (ignored by
 * git) inside the project, so esbuild resolves its imports as for every other function.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApiJson } from '../functions/docs.js';
import { PROJECT_ROOT } from './bundling.js';

export const BUILD_DIR = join(PROJECT_ROOT, '.build');

/** Writes `.build/docs/index.ts` (and the document beside it, for inspection); returns the entry's path. */
export const writeDocsEntry = (dir = join(BUILD_DIR, 'docs')): { entry: string; bytes: number } => {
  const json = buildOpenApiJson();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'openapi.json'), json);
  const entry = join(dir, 'index.ts');
  writeFileSync(
    entry,
    [
      '// Generated at synth by infra/openapi-build.ts from functions/catalog.ts: do not edit.',
      "import { docsHandler } from '../../functions/docs-handler.js';",
      `export const handler = docsHandler(${JSON.stringify(json)});`,
      '',
    ].join('\n'),
  );
  return { entry, bytes: Buffer.byteLength(json) };
};
