/**
 * `npm run check:openapi-types`: what a client team outside TypeScript-from-the-catalog does. Writes
 * the document GET /openapi.json serves, generates types from it with `openapi-typescript`, and
 * type-checks them (strict) together with a few uses of the named types and of an operation.
 *
 * openapi-typescript loads the TypeScript compiler API, which TypeScript 7 (the project's) does not
 * have: both run from npm's exec cache, pinned, with the TypeScript 5 they need, in a temporary
 * folder outside the project (so its own node_modules is never picked up).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOpenApi } from '../../functions/contract.js';

const OPENAPI_TYPESCRIPT = 'openapi-typescript@7.13.0';
const TYPESCRIPT = 'typescript@5.9.3';

const dir = mkdtempSync(join(tmpdir(), 'sinergi-openapi-types-'));
const npmExec = (packages: string[], args: string[]) =>
  execFileSync('npm', ['exec', '--yes', ...packages.map((p) => `--package=${p}`), '--', ...args], {
    cwd: dir,
    stdio: 'inherit',
  });

try {
  writeFileSync(join(dir, 'openapi.json'), JSON.stringify(buildOpenApi(), null, 2));
  npmExec([OPENAPI_TYPESCRIPT, TYPESCRIPT], ['openapi-typescript', 'openapi.json', '-o', 'api.d.ts']);
  writeFileSync(
    join(dir, 'use.ts'),
    `import type { components, operations, paths } from './api.js';
type Assessment = components['schemas']['Assessment'];
type TppRun = components['schemas']['TppRun'];
type ApiError = components['schemas']['ApiError'];
type Me = paths['/v1/me']['get']['responses'][200]['content']['application/json'];
type Review = operations['reviewAssessment']['requestBody'];
export const state = (a: Assessment): string => a.state;
export const net = (r: TppRun): number => r.totals.net;
export const code = (e: ApiError): string => e.error.code;
export const roles = (m: Me): readonly string[] => m.roles;
export type { Review };
`,
  );
  npmExec(
    [TYPESCRIPT],
    [
      'tsc',
      '--noEmit',
      '--strict',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      'use.ts',
      'api.d.ts',
    ],
  );
  console.log(
    `openapi-typescript: types generated from the served document and type-checked (${TYPESCRIPT})`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
