import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DueKind } from '#shared/domain/due-kinds.ts';
import { db, tableName } from './client.ts';
import { dueKeys, type Key } from './keys.ts';
import { keyQuery } from './page.ts';
import { ifConditionHolds } from './transact.ts';

/** At most this many items a Query (as `queryAll`): bounded work per request. */
const MAX_PER_QUERY = 1000;

type Item = Record<string, unknown>;

/** Oldest first, and among items due at the same time by their key, so the order never depends on which shard answered first. */
export const byDueAt = (a: Item, b: Item): number =>
  String(a.dueAt).localeCompare(String(b.dueAt)) || String(a.pk).localeCompare(String(b.pk)) || String(a.sk).localeCompare(String(b.sk));

/**
 * How many items to ask each open shard for in the next round: the budget left, shared evenly
 * (rounded up, so the round reads at least what is left), at most a Query's worth.
 */
export const shareOf = (left: number, openShards: number): number => Math.max(1, Math.min(MAX_PER_QUERY, Math.ceil(left / openShards)));

/**
 * Items of one kind due at or before `now`, oldest first, at most `max` of them. A kind's items
 * are spread over the partitions of `dueKeys.queryDue` (issue 26), read in parallel and merged by
 * `dueAt`. The cap is spread fairly: each round asks every shard that may hold more for an even
 * share of what is left, so a backlog on one shard takes the budget only when the others are
 * done, and no shard is read past what the run can work. An idle kind costs one Query per
 * partition, each returning nothing; a busy one what it returns (the rest waits for the next run).
 */
export async function queryDue(kind: DueKind, now: string, max: number): Promise<Item[]> {
  const items: Item[] = [];
  let open = dueKeys.queryDue(kind).map((q) => ({ params: keyQuery(q, { sortUpTo: now }), startKey: undefined as Item | undefined }));
  while (open.length > 0 && items.length < max) {
    const share = shareOf(max - items.length, open.length);
    const pages = await Promise.all(open.map((shard) => db().send(new QueryCommand({ ...shard.params, Limit: share, ExclusiveStartKey: shard.startKey }))));
    pages.forEach((page, i) => {
      items.push(...(page.Items ?? []));
      open[i].startKey = page.LastEvaluatedKey;
    });
    open = open.filter((shard) => shard.startKey !== undefined);
  }
  // A round may read a few more than the cap (its shares are rounded up): the oldest are kept.
  return items.sort(byDueAt).slice(0, max);
}

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
