/**
 * The OpenAPI document generated from the catalog (functions/contract.ts), served by the docs
 * area. Locally (npm start, tests) it is built when this module loads; the deployed Lambda's entry
 * is generated at synth time with the document already built (infra/openapi-build.ts), so it ships
 * no generator.
 */
import { buildOpenApi } from './contract.js';
import { docsHandler } from './docs-handler.js';

export const buildOpenApiJson = (): string => JSON.stringify(buildOpenApi());

export const handler = docsHandler(buildOpenApiJson());
