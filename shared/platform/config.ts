/**
 * Runtime configuration, read from the environment once per process and validated.
 * The stack sets these on every function; the local runtime sets them for the in-process handlers.
 */
export interface Config {
  tableName: string;
  region: string;
  /** Set only locally (DynamoDB Local); in AWS the SDK finds the regional endpoint. */
  dynamodbEndpoint?: string;
  stage: string;
  /** Where people open the web app (links in documents and messages): WEB_BASE_URL */
  webBaseUrl: string;
}

let cached: Config | undefined;

export const config = (): Config => {
  if (cached) return cached;
  const env = process.env;
  const tableName = env.TABLE_NAME;
  if (!tableName) throw new Error('TABLE_NAME is not set');
  cached = {
    tableName,
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'local',
    dynamodbEndpoint: env.AWS_ENDPOINT_URL_DYNAMODB || undefined,
    stage: env.STAGE ?? 'local',
    webBaseUrl: env.WEB_BASE_URL || `http://localhost:${env.PORT ?? 3000}`,
  };
  return cached;
};

/** For tests and local tools that point the same process at another table. */
export const resetConfig = (): void => {
  cached = undefined;
};
