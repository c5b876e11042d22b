process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { routes } from '../../functions/catalog.js';
import { startDynamo } from '../../infra/local/dynamodb.js';
import { ensureWebBuilt } from '../../infra/local/web.js';

/** One DynamoDB Local (in memory) for the whole run; each test file makes its own table. */
export default async function setup(project: TestProject) {
  // once, before the workers: the browser tests and `npm start` in the start test serve web/dist
  await ensureWebBuilt();
  const dynamo = await startDynamo({
    port: 0,
    progress: (message) => process.stderr.write(`[global setup] ${message}\n`),
  });
  project.provide('dynamoEndpoint', dynamo.endpoint);
  const contractDir = mkdtempSync(join(tmpdir(), 'sinergi-contract-'));
  project.provide('contractDir', contractDir);
  return async () => {
    await dynamo.stop();
    const covered = new Set(
      readdirSync(contractDir).flatMap((f) =>
        readFileSync(join(contractDir, f), 'utf8').split('\n').filter(Boolean),
      ),
    );
    if (covered.size > 0) {
      console.log(
        `response schema check: ${covered.size} of ${Object.keys(routes).length} routes answered and validated against their declared schemas`,
      );
    }
    rmSync(contractDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
