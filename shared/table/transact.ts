import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { conflict } from '../domain/errors.ts';
import { db } from './client.ts';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A transaction was cancelled because the conditions at these positions did not hold. */
export class ConditionFailed extends Error {
  readonly failedIndexes: number[];
  constructor(failedIndexes: number[]) {
    super(`Transaction condition failed at ${failedIndexes.join(', ')}`);
    this.name = 'ConditionFailed';
    this.failedIndexes = failedIndexes;
  }
  /** True when the item at `index` of the transaction was the one whose condition failed. */
  at(index: number): boolean {
    return this.failedIndexes.includes(index);
  }
}

/**
 * Writes all items or none (R18: the change and its audit event together). A cancelled
 * transaction whose reasons are condition failures becomes `ConditionFailed`, so the caller can
 * map "someone else got there first" to a 409, a 404 or "already done".
 */
export async function transact(items: TransactItem[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await db().send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failed = reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
      if (failed.length > 0) throw new ConditionFailed(failed);
      // Another transaction held one of the items: try again shortly, then give up with a 409.
      if (!reasons.some((r) => r.Code === 'TransactionConflict')) throw error;
      if (attempt >= MAX_CONFLICT_ATTEMPTS) throw conflict('The item is being changed by another request; retry');
      await new Promise((r) => setTimeout(r, 20 * 2 ** attempt * (0.5 + Math.random())));
    }
  }
}

const MAX_CONFLICT_ATTEMPTS = 4;

/**
 * A single conditional write whose condition may fairly not hold (a claim someone else holds, a
 * token already used): its result, or `undefined` when the condition failed. Other errors throw.
 */
export async function ifConditionHolds<T>(write: Promise<T>): Promise<T | undefined> {
  try {
    return await write;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}
