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
 * and never more in all (the first `left % shards` ask one more; 0: not asked this round, still
 * open), at most a Query's worth each.
 */
export const sharesOf = (left: number, openShards: number): number[] =>
  Array.from({ length: openShards }, (_, i) => Math.min(MAX_PER_QUERY, Math.floor(left / openShards) + (i < left % openShards ? 1 : 0)));

/**
 * Items of one kind due at or before `now`, oldest first, at most `max` of them. A kind's items
 * are spread over the partitions of `dueKeys.queryDue` (issue 26), read in parallel and merged by
 * `dueAt`. The cap is spread fairly: each round asks every shard that may hold more for an even
 * share of what is left (never more than the cap in all), so a backlog on one shard takes the
 * budget only as the others run dry, and no shard is read past what the run can work. An idle
 * kind costs one Query per partition, each returning nothing; a busy one about what it returns
 * (the rest waits for the next run).
 */
export async function queryDue(kind: DueKind, now: string, max: number): Promise<Item[]> {
  const items: Item[] = [];
  let open = dueKeys.queryDue(kind).map((q) => ({ params: keyQuery(q, { sortUpTo: now }), startKey: undefined as Item | undefined, exhausted: false }));
  while (open.length > 0 && items.length < max) {
    const shares = sharesOf(max - items.length, open.length);
    await Promise.all(
      open.map(async (shard, i) => {
        if (shares[i] === 0) return;
        const page = await db().send(new QueryCommand({ ...shard.params, Limit: shares[i], ExclusiveStartKey: shard.startKey }));
        items.push(...(page.Items ?? []));
        shard.startKey = page.LastEvaluatedKey;
        shard.exhausted = page.LastEvaluatedKey === undefined;
      }),
    );
    open = open.filter((shard) => !shard.exhausted);
  }
  return items.sort(byDueAt);
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
