import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '#shared/domain/ids.ts';
import { webhookEvent } from '#shared/domain/outbox-events.ts';
import { auditItem } from '#shared/table/audit.ts';
import { auditKeys, shardOf, webhookDeliveryKeys } from '#shared/table/keys.ts';
import { newDeliveryId, outboxItem } from '#shared/table/outbox.ts';

const shardNumber = (partition: unknown) => Number(String(partition).split('#').at(-1));

/** Counts of `count` fresh ids over `shards` shards, and their chi-square against a uniform spread. */
function spread(ids: string[], shards: number) {
  const counts = new Array<number>(shards).fill(0);
  for (const id of ids) counts[shardOf(id, shards)]++;
  const expected = ids.length / shards;
  return { counts, chiSquare: counts.reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0) };
}

describe('the audit trails and the deliveries list are spread over shards (issue 26)', () => {
  beforeAll(() => {
    process.env.TABLE_NAME ??= 'unit-test-table';
  });

  it("issue 26: an audit event is on its partner's and its tenant's trail on the shard its id picks, the same on both and every time", () => {
    const event = { id: 'ev_0123456789abcdef01234567', at: '2026-12-03T20:00:00.000Z', partnerId: 'p_1', tenantId: 't_1' };
    const shard = shardOf(event.id, auditKeys.shards);
    expect(auditKeys.indexes(event)).toEqual({
      gsi1pk: `AUDIT#PARTNER#p_1#${shard}`,
      gsi1sk: `2026-12-03T20:00:00.000Z#${event.id}`,
      gsi2pk: `AUDIT#TENANT#t_1#${shard}`,
      gsi2sk: `2026-12-03T20:00:00.000Z#${event.id}`,
    });
    expect(auditKeys.indexes(event)).toEqual(auditKeys.indexes({ ...event }));
    // An event on no partner's trail (onPartnerTrail) is on the tenant's alone.
    expect(Object.keys(auditKeys.indexes({ ...event, partnerId: undefined }))).toEqual(['gsi2pk', 'gsi2sk']);
    const item = (auditItem({ action: 'consent.accepted', category: 'consent', actor: { type: 'system' }, subject: { type: 'consent', id: 'c_1' }, outcome: 'succeeded', tenantId: 't_1', partnerId: 'p_1', at: event.at } as never, event.id).Put!.Item) as Record<string, unknown>;
    expect(item.gsi2pk).toBe(`AUDIT#TENANT#t_1#${shard}`);
  });

  it('issue 26: a delivery stays on one shard of its partner\'s list from creation through every attempt (its id picks it)', () => {
    const id = newDeliveryId();
    const listed = webhookDeliveryKeys.indexes({ partnerId: 'p_1', createdAt: '2026-12-03T20:00:00.000Z', id });
    expect(listed.gsi1pk).toBe(`PARTNER#p_1#WEBHOOKS#${shardOf(id, webhookDeliveryKeys.shards)}`);
    expect(webhookDeliveryKeys.indexes({ partnerId: 'p_1', createdAt: '2026-12-03T20:00:00.000Z', id })).toEqual(listed);
    // A redelivery is listed at once, on its own id's shard.
    const redelivery = outboxItem({ channel: 'redelivery', id, messageId: 'msg_x', deliveryId: 'msg_y', url: 'https://example.com/hook', partnerId: 'p_1', type: 'devices.registered', payload: '{}' } as never, '2026-12-03T20:00:00.000Z');
    expect((redelivery as { Put: { Item: Record<string, unknown> } }).Put.Item.gsi1pk).toBe(listed.gsi1pk);
    // A new delivery is not listed before its first attempt (deliver-webhook.ts lists it then).
    const fresh = outboxItem(webhookEvent('consent.accepted', 'p_1', {} as never), '2026-12-03T20:00:00.000Z') as { Put: { Item: Record<string, unknown> } };
    expect(fresh.Put.Item.gsi1pk).toBeUndefined();
  });

  it('issue 26: a trail or a deliveries list is read as every shard, then the unsharded partition of items written before the shards', () => {
    const partner = auditKeys.queryShardsOfPartner('p_1');
    expect(partner).toHaveLength(auditKeys.shards + 1);
    expect(partner.map((q) => q.index)).toEqual(new Array(auditKeys.shards + 1).fill('gsi1'));
    expect(partner.slice(0, -1).map((q) => shardNumber(q.partition))).toEqual(Array.from({ length: auditKeys.shards }, (_, n) => n));
    expect(partner.at(-1)!.partition).toBe('AUDIT#PARTNER#p_1');
    const tenant = auditKeys.queryShardsOfTenant('t_1');
    expect(tenant.map((q) => q.index)).toEqual(new Array(auditKeys.shards + 1).fill('gsi2'));
    expect(tenant.at(-1)!.partition).toBe('AUDIT#TENANT#t_1');
    const deliveries = webhookDeliveryKeys.queryShardsOfPartner('p_1');
    expect(deliveries).toHaveLength(webhookDeliveryKeys.shards + 1);
    expect(deliveries.at(-1)!.partition).toBe('PARTNER#p_1#WEBHOOKS');
  });

  it('issue 26: a shard resumes just after a position, whichever shard its item was on (index keys and the table key of the id it ends with)', () => {
    const position = '2026-12-03T20:00:00.000Z#ev_0123456789abcdef01234567';
    expect(auditKeys.isPosition(position)).toBe(true);
    expect(auditKeys.isPosition('2026-12-03T20:00:00.000Z#ev_x"; DROP')).toBe(false);
    expect(auditKeys.isPosition(42)).toBe(false);
    const q = auditKeys.queryShardsOfTenant('t_1')[3]!;
    expect(auditKeys.startAfter(q, position)).toEqual({ gsi2pk: 'AUDIT#TENANT#t_1#3', gsi2sk: position, pk: 'AUDIT#ev_0123456789abcdef01234567', sk: 'AUDIT' });
    const d = webhookDeliveryKeys.queryShardsOfPartner('p_1')[5]!;
    const at = '2026-12-03T20:00:00.000Z#msg_0123456789abcdef01234567';
    expect(webhookDeliveryKeys.isPosition(at)).toBe(true);
    expect(webhookDeliveryKeys.startAfter(d, at)).toEqual({ gsi1pk: 'PARTNER#p_1#WEBHOOKS#5', gsi1sk: at, pk: 'WEBHOOK#msg_0123456789abcdef01234567', sk: 'DELIVERY' });
  });

  it('issue 26: 100,000 audit and delivery ids spread evenly over the 16 shards (chi-square under the 0.1% critical value, max/min under 1.1)', () => {
    for (const ids of [Array.from({ length: 100_000 }, () => newId('ev')), Array.from({ length: 100_000 }, () => newDeliveryId())]) {
      const { counts, chiSquare } = spread(ids, 16);
      // 15 degrees of freedom: P(chi-square > 37.7) = 0.001 for a uniform spread.
      expect(chiSquare).toBeLessThan(37.7);
      expect(Math.max(...counts) / Math.min(...counts)).toBeLessThan(1.1);
    }
  });
});
