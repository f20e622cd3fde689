import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DueKind } from '#shared/domain/due-kinds.ts';
import { db, tableName } from './client.ts';
import { dueKeys, type Key } from './keys.ts';
import { keyQuery, queryAll } from './page.ts';
import { ifConditionHolds } from './transact.ts';

/** Items of one kind due at or before `now`, from the sparse due index, at most `max` of them. */
export const queryDue = (kind: DueKind, now: string, max: number): Promise<Record<string, unknown>[]> =>
  queryAll(keyQuery(dueKeys.queryDue(kind), { sortUpTo: now }), max);

/** Moves an item's due time (or takes it off the due index), only if it still is what was read. */
export async function rescheduleDue(key: Key, from: unknown, to: string | undefined): Promise<void> {
  await ifConditionHolds(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: to ? 'SET dueAt = :to' : 'REMOVE dueKind, dueAt',
        ConditionExpression: 'dueAt = :from',
        ExpressionAttributeValues: { ':from': from, ...(to ? { ':to': to } : {}) },
      }),
    ),
  );
}
