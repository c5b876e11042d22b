/**
 * Transactions that race (enrolment for the last seats, registrations, approvals). DynamoDB
 * cancels a transaction that touches an item another transaction is writing
 * (TransactionConflict): that is a lost race, not an answer, so it is retried with jittered
 * backoff. A failed condition is an answer and is thrown at once, with the index of each item
 * whose condition failed (`failedConditions`).
 */
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Db } from './dynamo.js';

type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;
export type TransactItem = TransactItems[number];

const reasonCodes = (e: unknown): string[] =>
  ((e as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? []).map(
    (r) => r.Code ?? 'None',
  );

/** Indexes of the transaction's items whose condition failed (empty for other failures). */
export const failedConditions = (e: unknown): number[] => {
  if ((e as { name?: string })?.name !== 'TransactionCanceledException') return [];
  return reasonCodes(e).flatMap((code, i) => (code === 'ConditionalCheckFailed' ? [i] : []));
};

export const isRaceLost = (e: unknown): boolean => {
  const name = (e as { name?: string })?.name;
  if (name === 'TransactionConflictException' || name === 'TransactionInProgressException') return true;
  if (name !== 'TransactionCanceledException') return false;
  const codes = reasonCodes(e);
  return !codes.includes('ConditionalCheckFailed') && codes.some((c) => c === 'TransactionConflict');
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Up to 30 attempts: 50 callers on one seat counter settle well within that. */
const MAX_ATTEMPTS = 30;

export const transact = async (db: Db, items: TransactItem[]): Promise<void> => {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (e) {
      if (!isRaceLost(e) || attempt >= MAX_ATTEMPTS) throw e;
      await sleep(Math.min(500, 10 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random()));
    }
  }
};

/** A single write that may meet a running transaction on the same item: retried the same way. */
export const retryRace = async <T>(write: () => Promise<T>): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (e) {
      if (!isRaceLost(e) || attempt >= MAX_ATTEMPTS) throw e;
      await sleep(Math.min(500, 10 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random()));
    }
  }
};
