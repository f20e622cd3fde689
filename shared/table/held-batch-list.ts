import { effectiveApproval } from '#shared/domain/held-batches.ts';
import { toBatch, type Batch } from './batches.ts';
import { heldBatchKeys } from './keys.ts';
import { keyQuery, queryAll } from './page.ts';

/**
 * R27, R28: the tenant's batches waiting for approval, newest first, from its list (one Query of
 * the sparse index, never a scan: heldBatchKeys, written by batchHeld and removed by
 * heldBatchDecided): those whose time is up but which the check has not expired yet are left out,
 * as their page shows them expired (effectiveApproval). At most `max`, the newest.
 */
export async function listHeldBatches(tenantId: string, now: string, max = 100): Promise<Batch[]> {
  const items = await queryAll(keyQuery(heldBatchKeys.queryOfTenant(tenantId), { descending: true }), max);
  return items.map(toBatch).filter((b) => b.tenantId === tenantId && b.status === 'awaiting_approval' && b.approval !== undefined && effectiveApproval(b.approval, now) === 'pending');
}
