import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { ensureTable } from '../../infra/local/dynamodb.js';
import { useLocalDynamo } from '../../infra/local/env.js';
import { fixedClock } from '../../shared/platform/clock.js';
import type { Db } from '../../shared/platform/dynamo.js';
import type { Deps } from '../../shared/platform/http.js';
import { systemIds } from '../../shared/platform/ids.js';

/**
 * A fresh table on the run's DynamoDB Local; this process's handlers are pointed at it. Without its
 * stream unless the test reads it (`stream: true`): every stream record DynamoDB Local keeps makes
 * each later write of the whole run slower (see createTableInput).
 */
export const freshTable = async (options: { stream?: boolean } = {}): Promise<Db> => {
  const endpoint = inject('dynamoEndpoint');
  const table = `t-${randomBytes(6).toString('hex')}`;
  await ensureTable(endpoint, table, { stream: options.stream ?? false });
  return useLocalDynamo(endpoint, table);
};

export const depsAt = (db: Db, iso: string): Deps => ({ db, clock: fixedClock(iso), ids: systemIds });
