import { getItem, type ItemRead } from './batch.ts';
import { tableName } from './client.ts';
import { fieldsOf, pick } from './items.ts';
import { holdBlockKeys } from './keys.ts';
import { keyQuery, queryAll } from './page.ts';
import type { Write } from './transact.ts';

/**
 * R27: a partner that a tenant's global admin blocked from holding batches for the tenant (chosen
 * when rejecting a held batch), until an admin unblocks it in the portal.
 */
export interface HoldBlock {
  tenantId: string;
  partnerId: string;
  partnerName: string;
  blockedAt: string;
  blockedBy: { userId: string; email: string };
  /** The held batch whose rejection blocked it. */
  batchId: string;
}

const FIELDS = /* @__PURE__ */ fieldsOf<HoldBlock>()(['tenantId', 'partnerId', 'partnerName', 'blockedAt', 'blockedBy', 'batchId']);

export const holdBlockRead = (tenantId: string, partnerId: string): ItemRead<HoldBlock | undefined> => ({
  key: holdBlockKeys.key(tenantId, partnerId),
  from: (item) => (item ? pick(item, FIELDS) : undefined),
});

export const getHoldBlock = (tenantId: string, partnerId: string): Promise<HoldBlock | undefined> => getItem(holdBlockRead(tenantId, partnerId));

/** The block, written with the rejection that asks for it; a partner blocked already stays blocked (the newer one is kept). */
export const holdBlockPut = (block: HoldBlock): Write => ({
  Put: { TableName: tableName(), Item: { ...holdBlockKeys.key(block.tenantId, block.partnerId), type: 'holdBlock', ...block } },
});

/** The end of a block, only while there is one (`not_blocked`). */
export const holdBlockDelete = (tenantId: string, partnerId: string): Write => ({
  ifConditionFails: 'not_blocked',
  Delete: { TableName: tableName(), Key: holdBlockKeys.key(tenantId, partnerId), ConditionExpression: 'attribute_exists(pk)' },
});

/** The tenant's blocked partners (a handful at most: the portal lists them all). */
export async function listHoldBlocks(tenantId: string): Promise<HoldBlock[]> {
  const items = await queryAll(keyQuery(holdBlockKeys.queryOfTenant(tenantId), { consistent: true }), 200);
  return items.map((item) => pick(item, FIELDS));
}
