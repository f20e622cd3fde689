import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { conflict } from '#shared/domain/errors.ts';
import { db } from './client.ts';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * One item of a transaction, with the reason to give if its condition fails: callers learn *why*
 * a transaction did not commit by name, never by the position of an item in someone else's list.
 */
export type Write = TransactItem & { ifConditionFails?: string };

/** Labels a write with the reason its condition can fail. */
export const guarded = (item: TransactItem, reason: string): Write => ({ ...item, ifConditionFails: reason });

/** A transaction committed, or did not because the conditions of these writes did not hold. */
export type TransactOutcome = { ok: true } | { ok: false; failed: string[] };

/** The reason given for a failed condition of a write that was not labelled. */
export const UNLABELLED = 'condition_failed';

/**
 * Writes all items or none (R18: the change and its audit event together). Conditions that did
 * not hold are an outcome, not an error: `{ ok: false, failed: [reasons] }`. A transaction that
 * only collided with another one is retried a few times, then refused as a conflict.
 */
export async function transact(writes: Write[]): Promise<TransactOutcome> {
  const items = writes.map(({ ifConditionFails: _reason, ...item }) => item as TransactItem);
  for (let attempt = 1; ; attempt++) {
    try {
      await db().send(new TransactWriteCommand({ TransactItems: items }));
      return { ok: true };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failed = reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [writes[i]?.ifConditionFails ?? UNLABELLED] : []));
      if (failed.length > 0) return { ok: false, failed };
      // Another transaction held one of the items: try again shortly, then give up.
      if (!reasons.some((r) => r.Code === 'TransactionConflict')) throw error;
      if (attempt >= MAX_CONFLICT_ATTEMPTS) throw conflict('The item is being changed by another request; retry');
      await new Promise((r) => setTimeout(r, 20 * 2 ** attempt * (0.5 + Math.random())));
    }
  }
}

const MAX_CONFLICT_ATTEMPTS = 6;

/** True when the transaction did not commit because of this reason. */
export const failedBecause = (outcome: TransactOutcome, reason: string): boolean => !outcome.ok && outcome.failed.includes(reason);

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
