import { BatchWriteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { db, tableName } from '#shared/table/client.ts';
import { byDueAt, queryDue } from '#shared/table/due.ts';
import { webhookEvent } from '#shared/domain/outbox-events.ts';
import { dueKeys, type Key } from '#shared/table/keys.ts';
import { outboxItem } from '#shared/table/outbox.ts';
import { workOutboxItem, type OutboxWorker } from '#shared/workers/outbox-item.ts';
import { OUTBOX_WORKERS } from '#shared/workers/outbox-workers.ts';
import { unique } from '../support/api.ts';

/**
 * Issue 26: the outbox's items are spread over shards of the due index, read in parallel. These
 * items are due in 1970, so a read "as of" 1971 sees only them (every other item of the table is
 * due years later), and carry no `outbox` mark (the stream passes them by); each test deletes its own.
 */
let written: Key[] = [];
const OLD = '1971-01-01T00:00:00.000Z';
const dueAt = (n: number) => new Date(Date.UTC(1970, 0, 1) + n * 1000).toISOString();

async function put(items: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
  written.push(...items.map((item) => ({ pk: String(item.pk), sk: String(item.sk) })));
}

afterEach(async () => {
  for (let i = 0; i < written.length; i += 25) {
    await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: written.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } })) } }));
  }
  written = [];
});

/** `count` test items due one second apart from `from`, each on the outbox shard of its own key; `onShard` keeps only keys of that shard. */
function outboxItems(count: number, from: number, onShard?: string): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  const run = unique();
  for (let n = 0; items.length < count; n++) {
    const key = { pk: `TEST#due-${run}-${n}`, sk: 'TEST' };
    if (onShard && dueKeys.partitionOf('outbox', key) !== onShard) continue;
    items.push({ ...key, type: 'dueShardTest', ...dueKeys.indexes('outbox', dueAt(from + items.length), key) });
  }
  return items;
}

/** Counts the Queries of a read (every DynamoDB call goes through the one document client). */
async function countingQueries<T>(read: () => Promise<T>): Promise<{ result: T; queries: number }> {
  const client: DynamoDBDocumentClient = db();
  const send = vi.spyOn(client, 'send');
  try {
    const result = await read();
    return { result, queries: send.mock.calls.filter(([command]) => command.constructor.name === 'QueryCommand').length };
  } finally {
    send.mockRestore();
  }
}

describe('the due index read over its shards (issue 26)', () => {
  it('issue 26: an idle check of the outbox costs one Query per partition (64 shards and the unsharded `outbox`), each returning nothing; another kind one Query', async () => {
    const idle = await countingQueries(() => queryDue('outbox', '1960-01-01T00:00:00.000Z', 5000));
    expect(idle).toEqual({ result: [], queries: dueKeys.shards.outbox + 1 });
    expect(dueKeys.shards.outbox + 1).toBe(65);
    expect((await countingQueries(() => queryDue('request', '1960-01-01T00:00:00.000Z', 5000))).queries).toBe(1);
  });

  it('issue 26, S4: every due item is found on whichever shard its key put it, and those written before the sharding (dueKind `outbox`) too, merged oldest first, nothing twice', async () => {
    const sharded = outboxItems(150, 0);
    const legacy: Record<string, unknown>[] = outboxItems(3, 1000).map((item) => ({ ...item, dueKind: 'outbox' }));
    const later: Record<string, unknown>[] = outboxItems(2, 2000).map((item) => ({ ...item, dueAt: '1972-01-01T00:00:00.000Z' }));
    await put([...sharded, ...legacy, ...later]);
    expect(new Set(sharded.map((item) => item.dueKind)).size).toBeGreaterThan(40);
    const found = await queryDue('outbox', OLD, 5000);
    const expected = [...sharded, ...legacy].sort(byDueAt);
    expect(found.map((item) => item.pk)).toEqual(expected.map((item) => item.pk));
  });

  it("issue 26: a run's cap is shared fairly: a backlog on one shard does not crowd out the other shards' items, and the cap holds exactly", async () => {
    // 300 items on one shard due first, then 30 items on the other shards, due later.
    const hot = dueKeys.partitionOf('outbox', { pk: `TEST#hot-${unique()}`, sk: 'TEST' });
    const backlog = outboxItems(300, 10_000, hot);
    const others = outboxItems(60, 20_000).filter((item) => item.dueKind !== hot).slice(0, 30);
    await put([...backlog, ...others]);
    const capped = await queryDue('outbox', OLD, 100);
    expect(capped).toHaveLength(100);
    expect(capped.map((item) => item.pk)).toEqual([...capped].sort(byDueAt).map((item) => item.pk));
    // Every other shard's item is read, though 300 older ones wait on the hot shard; the rest of the cap is the backlog's oldest.
    expect(capped.slice(70).map((item) => item.pk)).toEqual(others.sort(byDueAt).map((item) => String(item.pk)));
    expect(capped.slice(0, 70).map((item) => item.pk)).toEqual(backlog.slice(0, 70).map((item) => item.pk));
    // Uncapped, all of them.
    expect(await queryDue('outbox', OLD, 5000)).toHaveLength(330);
  });

  it('issue 26, S4: an outbox item written before the sharding (on `outbox` alone) moves onto its shard at its retry, and is found there', async () => {
    const write = outboxItem(webhookEvent('consent.declined', `p_${unique()}`, { tenantId: 't', partnerId: 'p', requestId: 'cr', actor: { type: 'user', id: 'u' } }), '1970-01-01T00:00:00.000Z');
    // Without the `outbox` mark, so the stream passes it by; as the previous version wrote it, on `outbox`.
    const { outbox: _mark, ...item }: Record<string, unknown> = { ...(write.Put!.Item as Record<string, unknown>), dueKind: 'outbox' };
    await db().send(new PutCommand({ TableName: tableName(), Item: item }));
    const key = { pk: String(item.pk), sk: String(item.sk) };
    written.push(key);
    expect((await queryDue('outbox', OLD, 5000)).map((i) => i.pk)).toEqual([key.pk]);
    const failing: OutboxWorker = async () => ({ result: 'failed', retryable: true });
    expect(await workOutboxItem(item, { ...OUTBOX_WORKERS, webhookDelivery: failing }, { now: '1970-01-01T00:10:00.000Z' })).toBe('retry');
    const stored = (await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item!;
    expect(stored.dueKind).toBe(dueKeys.partitionOf('outbox', key));
    expect(stored.dueKind).toMatch(/^outbox#\d+$/);
    expect((await queryDue('outbox', OLD, 5000)).map((i) => ({ pk: i.pk, dueKind: i.dueKind }))).toEqual([{ pk: key.pk, dueKind: stored.dueKind }]);
  });
});
