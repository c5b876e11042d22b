/**
 * The OpenAPI document generated from the catalog, served by the docs area. Locally (npm start,
 * tests) it is built when this module loads; the deployed Lambda's entry is generated at synth
 * time with the document already built (infra/openapi-build.ts), so it ships no generator.
 */
import { openApiDocument } from '../shared/platform/openapi.js';
import { routes } from './catalog.js';
import { docsHandler } from './docs-handler.js';

export const OPENAPI_INFO = { title: 'Sinergi API', version: '1' } as const;

export const buildOpenApiJson = (): string => JSON.stringify(openApiDocument(routes, OPENAPI_INFO));

export const handler = docsHandler(buildOpenApiJson());
