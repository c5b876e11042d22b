/**
 * The local twin of the write grants: in AWS each function's role may write only items whose
 * partition key starts with one of its prefixes (dynamodb:LeadingKeys, functions/writes.ts); here
 * the same lists are checked on the DynamoDB client for the function that is running, so a use
 * case that writes outside its area fails locally (and in the tests) as it would in AWS, with
 * AccessDeniedException, instead of on the first day in production.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { areaWrites, mayWrite } from '../../functions/writes.js';
import { type Db, db } from '../../shared/platform/dynamo.js';
import { AREA_FUNCTIONS, type AreaFunction } from '../../shared/platform/route.js';

interface Running {
  fn: string;
  prefixes: readonly string[];
}
const running = new AsyncLocalStorage<Running>();
const guarded = new WeakSet<object>();

type Key = Record<string, unknown> | undefined;
const pkOf = (key: Key): string => {
  const pk = key?.pk as string | { S?: string } | undefined;
  return typeof pk === 'string' ? pk : (pk?.S ?? '');
};

/** The partition keys a write command touches (document or low-level form). */
export const writtenKeys = (command: string, input: Record<string, unknown>): string[] => {
  const name = command.replace(/Command$/, '').replace(/Items?$/, '');
  if (name === 'Put') return [pkOf(input.Item as Key)];
  if (name === 'Update' || name === 'Delete') return [pkOf(input.Key as Key)];
  if (name === 'BatchWrite') {
    const tables = Object.values(
      (input.RequestItems ?? {}) as Record<string, Record<string, { Item?: Key; Key?: Key }>[]>,
    );
    return tables.flat().map((r) => pkOf(r.PutRequest?.Item ?? r.DeleteRequest?.Key));
  }
  if (name === 'TransactWrite') {
    const items = (input.TransactItems ?? []) as Record<string, { Item?: Key; Key?: Key }>[];
    return items.flatMap((t) =>
      t.Put ? [pkOf(t.Put.Item)] : t.Update ? [pkOf(t.Update.Key)] : t.Delete ? [pkOf(t.Delete.Key)] : [],
    );
  }
  return [];
};

export class AccessDeniedException extends Error {
  override name = 'AccessDeniedException';
}

/** Adds the check to this Db's client (once). */
export const guardWrites = (target: Db = db()): void => {
  if (guarded.has(target.doc)) return;
  guarded.add(target.doc);
  target.doc.middlewareStack.add(
    (next, context) => async (args) => {
      const who = running.getStore();
      if (who) {
        const input = args.input as Record<string, unknown>;
        for (const pk of writtenKeys(context.commandName ?? '', input)) {
          if (!mayWrite(who.prefixes, pk)) {
            throw new AccessDeniedException(
              `${who.fn} is not authorized to write ${pk} (dynamodb:LeadingKeys: ${who.prefixes.join(' ') || 'none'})`,
            );
          }
        }
      }
      return next(args);
    },
    { step: 'initialize', name: 'sinergiLocalWriteGuard', priority: 'high' },
  );
};

/** Runs `work` as the function `fn` with its grant. */
export const asFunction = <T>(
  fn: string,
  prefixes: readonly string[],
  work: () => Promise<T>,
): Promise<T> => {
  // a process with no table configured (the docs function has none) has nothing to guard
  if (process.env.TABLE_NAME) guardWrites();
  return running.run({ fn, prefixes }, work);
};

const isArea = (fn: string): fn is AreaFunction => (AREA_FUNCTIONS as readonly string[]).includes(fn);

type Handler = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => Promise<unknown>;
/** The gateway's loader with the area's grant around every invocation. */
export const guardedLoader = async (fn: string) => {
  const mod = (await import(`../../functions/${fn}.ts`)) as { handler: Handler };
  const prefixes = isArea(fn) ? areaWrites(fn) : [];
  return ((event: never, context: never) =>
    asFunction(fn, prefixes, () => mod.handler(event, context))) as Handler;
};
