import { randomInt } from 'node:crypto';
import { batchGet } from './batch.ts';
import { tableName } from './client.ts';
import { activityKeys } from './keys.ts';
import type { Write } from './transact.ts';

/**
 * R30: a partner's activity for a tenant (the devices it registered that are still registered,
 * and when it last registered or deregistered any), kept by the transactions that change them
 * rather than counted from the tenant's devices at each view: every device transaction (a group
 * of up to ~95 devices) adds its count to one of `activityKeys.shards` items of the (tenant,
 * partner), chosen at random, so parallel batch writers seldom meet on an item (one shard would
 * be a hot item every transaction of a batch waits on: a TransactionConflict and a retry).
 */
export interface PartnerActivity {
  devicesRegistered: number;
  lastActivityAt?: string;
}

/**
 * The write that counts a device transaction: `devices` registered (positive) or gone (negative),
 * and, for the partner's own acts (`at`), its last activity. Unconditional: it holds whenever the
 * transaction's other writes do, and a transaction that fails counts nothing. On `shard` (a batch
 * task's number: consecutive tasks count on different shards), or one at random.
 */
export function activityCounted(tenantId: string, partnerId: string, devices: number, at?: string, shard = randomInt(activityKeys.shards)): Write {
  return {
    Update: {
      TableName: tableName(),
      Key: activityKeys.key(tenantId, partnerId, shard % activityKeys.shards),
      UpdateExpression: `SET #type = :type, tenantId = :tenant, partnerId = :partner${at ? ', lastActivityAt = :at' : ''} ADD devices :n`,
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':type': 'activity', ':tenant': tenantId, ':partner': partnerId, ':n': devices, ...(at ? { ':at': at } : {}) },
    },
  };
}

/**
 * The activity of these partners for a tenant: their shards read by key (a page of 50 partners is
 * 400 keys, four BatchGetItem calls at once), summed; the latest time of any shard. A partner
 * with no shard yet has registered nothing since counting began (devices registered before it
 * are not counted, and their later removal never takes the sum below zero).
 */
export async function activityOf(tenantId: string, partnerIds: string[]): Promise<Map<string, PartnerActivity>> {
  const ids = [...new Set(partnerIds)];
  const items = await batchGet(ids.flatMap((id) => Array.from({ length: activityKeys.shards }, (_, shard) => activityKeys.key(tenantId, id, shard))));
  const activity = new Map<string, PartnerActivity>(ids.map((id) => [id, { devicesRegistered: 0 }]));
  for (const item of items) {
    const entry = activity.get(item.partnerId as string);
    if (!entry) continue;
    entry.devicesRegistered += Number(item.devices ?? 0);
    const at = item.lastActivityAt as string | undefined;
    if (at && (!entry.lastActivityAt || at > entry.lastActivityAt)) entry.lastActivityAt = at;
  }
  for (const entry of activity.values()) entry.devicesRegistered = Math.max(0, entry.devicesRegistered);
  return activity;
}
