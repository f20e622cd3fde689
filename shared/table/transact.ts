import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
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
  try {
    await db().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      const reasons = error.CancellationReasons ?? [];
      const failed = reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
      if (failed.length > 0) throw new ConditionFailed(failed);
    }
    throw error;
  }
}
