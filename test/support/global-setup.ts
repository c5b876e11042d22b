process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import type { TestProject } from 'vitest/node';
import { startDynamo } from '../../infra/local/dynamodb.js';
import { ensureWebBuilt } from '../../infra/local/web.js';

/** One DynamoDB Local (in memory) for the whole run; each test file makes its own table. */
export default async function setup(project: TestProject) {
  // once, before the workers: the browser tests and `npm start` in the start test serve web/dist
  await ensureWebBuilt();
  const dynamo = await startDynamo({ port: 0 });
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return async () => {
    await dynamo.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
