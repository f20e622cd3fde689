import { beforeAll, describe, expect, it } from 'vitest';
import { DUE_KINDS } from '#shared/domain/due-kinds.ts';
import { newId } from '#shared/domain/ids.ts';
import { consentEmail, webhookEvent } from '#shared/domain/outbox-events.ts';
import { byDueAt, sharesOf } from '#shared/table/due.ts';
import { batchKeys, dueKeys, requestEmailKeys, shardOf, webhookDeliveryKeys, type Key } from '#shared/table/keys.ts';
import { outboxItem } from '#shared/table/outbox.ts';

/** A small seeded generator (mulberry32): the same ids every run, so the spread bound cannot flake. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 100,000 keys of the items the outbox holds, with ids of the shapes the service makes (24 hex digits, `msg_`, batch task numbers). */
function realisticOutboxKeys(count: number): Key[] {
  const random = seeded(26);
  const hex = (digits: number) => Array.from({ length: digits }, () => Math.floor(random() * 16).toString(16)).join('');
  const keys: Key[] = [];
  for (let i = 0; i < count; i++) {
    const shape = i % 4;
    if (shape === 0) keys.push(webhookDeliveryKeys.key(`msg_${hex(24)}`));
    else if (shape === 1) keys.push(batchKeys.task(`b_${hex(24)}`, i % 300));
    else if (shape === 2) keys.push(requestEmailKeys.key(`cr_${hex(24)}`, i % 8 === 2 ? 'email' : 'reminder'));
    // Ids that differ only in their last characters (one batch's tasks, numbered): the worst case for a weak hash.
    else keys.push(batchKeys.task('b_000000000000000000000001', i));
  }
  return keys;
}

describe('the due index is spread over shards (issue 26)', () => {
  beforeAll(() => {
    process.env.TABLE_NAME ??= 'unit-test-table';
  });

  it('issue 26: shardOf is stable: the same key gives the same shard every time, in [0, shards)', () => {
    const key = webhookDeliveryKeys.key('msg_0123456789abcdef01234567');
    const shard = shardOf(`${key.pk}\n${key.sk}`, 64);
    expect(shard).toBeGreaterThanOrEqual(0);
    expect(shard).toBeLessThan(64);
    for (let i = 0; i < 100; i++) expect(shardOf(`${key.pk}\n${key.sk}`, 64)).toBe(shard);
    // A fixed value: a change of the hash would move every item written before it off the shard readers look on.
    expect(shardOf('WEBHOOK#msg_0123456789abcdef01234567\nDELIVERY', 64)).toBe(shard);
    expect(shardOf('anything', 1)).toBe(0);
  });

  it('issue 26: shardOf spreads 100,000 realistic outbox keys evenly over the 64 outbox shards (chi-square under the 0.1% critical value, max/min under 1.2)', () => {
    const shards = dueKeys.shards.outbox;
    expect(shards).toBe(64);
    const counts = new Array<number>(shards).fill(0);
    for (const key of realisticOutboxKeys(100_000)) counts[shardOf(`${key.pk}\n${key.sk}`, shards)]++;
    const expected = 100_000 / shards;
    const chiSquare = counts.reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
    // 63 degrees of freedom: P(chi-square > 103.4) = 0.001 for a uniform spread.
    expect(chiSquare).toBeLessThan(103.4);
    // About 1,562 a shard; a uniform spread's fullest and emptiest of 64 differ by about 2.5 standard deviations each way (1.13).
    expect(Math.max(...counts) / Math.min(...counts)).toBeLessThan(1.2);
  }, 120_000); // 100,000 hashes: seconds on a loaded 2-core machine, over the unit tier's 5 s default

  it('issue 26: an outbox item is written on its own shard, `outbox#<n>` of its key, and a retry keeps it there', () => {
    const at = '2026-01-01T00:00:00.000Z';
    const items = [outboxItem(consentEmail('cr_1'), at), outboxItem(webhookEvent('consent.declined', 'p_1', { tenantId: 't', partnerId: 'p_1', requestId: 'cr_1', actor: { type: 'user', id: 'u' } }), at)];
    for (const write of items) {
      const item = (write as { Put: { Item: Record<string, unknown> } }).Put.Item;
      const key = { pk: String(item.pk), sk: String(item.sk) };
      expect(item.dueKind).toMatch(/^outbox#\d+$/);
      expect(item.dueKind).toBe(`outbox#${shardOf(`${key.pk}\n${key.sk}`, 64)}`);
      expect(dueKeys.indexes('outbox', '2026-02-01T00:00:00.000Z', key).dueKind).toBe(item.dueKind);
      expect(dueKeys.partitions('outbox')).toContain(item.dueKind);
    }
  });

  it('issue 26: every kind is read from each of its partitions: the outbox from its 64 shards and `outbox` alone (items written before the sharding), the other kinds from one partition named by the kind, as before', () => {
    expect(dueKeys.partitions('outbox')).toHaveLength(65);
    expect(new Set(dueKeys.partitions('outbox')).size).toBe(65);
    expect(dueKeys.partitions('outbox').at(-1)).toBe('outbox');
    for (const kind of DUE_KINDS.filter((k) => k !== 'outbox')) {
      expect(dueKeys.shards[kind]).toBe(1);
      expect(dueKeys.partitions(kind)).toEqual([kind]);
      expect(dueKeys.indexes(kind, '2026-01-01T00:00:00.000Z', { pk: `X#${newId('x')}`, sk: 'X' })).toEqual({ dueKind: kind, dueAt: '2026-01-01T00:00:00.000Z' });
    }
    expect(dueKeys.queryDue('outbox').every((q) => q.index === 'due')).toBe(true);
  });

  it("issue 26: a run's cap is shared evenly over the shards still holding items, never more than the cap in all, at most 1,000 a Query", () => {
    const sum = (shares: number[]) => shares.reduce((a, b) => a + b, 0);
    expect(sharesOf(5000, 65)).toHaveLength(65);
    expect(sum(sharesOf(5000, 65))).toBe(5000);
    expect(new Set(sharesOf(5000, 65))).toEqual(new Set([76, 77]));
    expect(sharesOf(5000, 1)).toEqual([1000]);
    expect(sharesOf(3, 5)).toEqual([1, 1, 1, 0, 0]);
    expect(sharesOf(130, 65)).toEqual(new Array(65).fill(2));
  });

  it('issue 26: items merged from the shards are oldest first, ties by key, whatever order the shards answered in', () => {
    const a = { pk: 'A', sk: 'X', dueAt: '2026-01-01T00:00:02.000Z' };
    const b = { pk: 'B', sk: 'X', dueAt: '2026-01-01T00:00:01.000Z' };
    const c = { pk: 'C', sk: 'X', dueAt: '2026-01-01T00:00:01.000Z' };
    expect([a, c, b].sort(byDueAt)).toEqual([b, c, a]);
    expect([c, b, a].sort(byDueAt)).toEqual([b, c, a]);
  });
});
