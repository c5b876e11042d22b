/**
 * The response check of every HTTP test: each answer the local gateway gives is validated against
 * what the served OpenAPI document declares for that operation and status (JSON Schema 2020-12,
 * formats included). A field the schema does not declare, a status the operation does not list, a
 * body on a 204 or 304: the test fails. Each test file records the operations it covered; the
 * global teardown prints the total.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { inject } from 'vitest';
import { routes } from '../../functions/catalog.js';
import { buildOpenApi } from '../../functions/contract.js';
import { routeMatcher } from '../../infra/local/gateway.js';

// ajv-formats is CommonJS: its function is the module itself or its default
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => void;

const BASE = 'https://sinergi.local/openapi.json';
type Json = Record<string, unknown>;

let state: { doc: ReturnType<typeof buildOpenApi>; ajv: Ajv2020 } | undefined;
const load = () => {
  if (!state) {
    const doc = buildOpenApi();
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: BASE, ...doc });
    state = { doc, ajv };
  }
  return state;
};

/** Builds the document and its validator up front (so the first answer's check is not slow). */
export const warmUpContract = (): void => {
  load();
};

const match = routeMatcher(routes);
const pointer = (...parts: string[]) =>
  parts.map((p) => encodeURIComponent(p.replaceAll('~', '~0').replaceAll('/', '~1'))).join('/');

const validators = new Map<string, ReturnType<Ajv2020['compile']>>();
const validate = (where: string, value: unknown): string | undefined => {
  const { ajv } = load();
  let v = validators.get(where);
  if (!v) {
    v = ajv.compile({ $ref: `${BASE}#/${where}` });
    validators.set(where, v);
  }
  if (v(value)) return undefined;
  return (v.errors ?? [])
    .map((e) => `body${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`)
    .join('\n  ');
};

const covered = new Set<string>();
const record = (operationId: string) => {
  if (covered.has(operationId)) return;
  covered.add(operationId);
  const dir = inject('contractDir');
  mkdirSync(dir, { recursive: true });
  appendFileSync(join(dir, `${process.pid}.txt`), `${operationId}\n`);
};

/** Throws when the answer is not what the document declares for it. */
export const checkAnswer = (
  method: string,
  url: string,
  answer: { status: number; headers: Headers; text: string; json: unknown },
): void => {
  const path = new URL(url, 'http://x').pathname;
  const { doc } = load();
  const m = method.toUpperCase();
  const fail = (why: string) => {
    throw new Error(
      `contract: ${m} ${path} answered ${answer.status}: ${why}\n  ${answer.text.slice(0, 500)}`,
    );
  };
  if (m === 'OPTIONS') return; // preflights are the gateway's (see cors tests)
  const found = match(m, path);
  if (!found) {
    if (answer.status !== 404) fail('no such route, yet not 404');
    const err = validate(pointer('components', 'schemas', 'GatewayError'), answer.json);
    if (err) fail(err);
    return;
  }
  const route = found.c.route;
  const op = (doc.paths[route.path] as Record<string, Json>)[m.toLowerCase()] as Json & {
    operationId: string;
    responses: Record<string, Json>;
  };
  let declared = op.responses[String(answer.status)];
  if (!declared) fail(`status not declared by ${op.operationId}`);
  if (typeof declared?.$ref === 'string') {
    const name = declared.$ref.split('/').at(-1) as string;
    declared = (doc.components.responses as Record<string, Json>)[name];
  }
  const content = declared?.content as Record<string, Json> | undefined;
  if (!content) {
    if (answer.text !== '') fail('a body where none is declared');
  } else {
    const type = (answer.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    if (!content[type]) fail(`content type ${type} not declared (${Object.keys(content).join(', ')})`);
    if (type === 'application/json') {
      const err = validate(
        pointer(
          'paths',
          route.path,
          m.toLowerCase(),
          'responses',
          String(answer.status),
          'content',
          type,
          'schema',
        ),
        answer.json,
      );
      if (err) fail(err);
    }
  }
  record(op.operationId);
};

declare module 'vitest' {
  export interface ProvidedContext {
    contractDir: string;
  }
}
