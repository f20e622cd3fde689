import { actorRef, type Actor } from '#shared/domain/actor.ts';
import type { Tenant, User } from '#shared/domain/directory.ts';
import { DomainError } from '#shared/domain/errors.ts';
import { effectiveApproval, type ApprovalStatus } from '#shared/domain/held-batches.ts';
import { nowIso } from '#shared/domain/ids.ts';
import { webhookEvent } from '#shared/domain/outbox-events.ts';
import type { Partner } from '#shared/domain/partner.ts';
import type { Relationship } from '#shared/domain/relationship.ts';
import { commitChange, type Change } from '#shared/outbox/commit.ts';
import { getBatch, heldBatchDecided, type Batch } from '#shared/table/batches.ts';
import { holdBlockDelete, holdBlockPut } from '#shared/table/hold-blocks.ts';
import { authorizationFor } from '#shared/table/relationships.ts';
import { failedBecause } from '#shared/table/transact.ts';
import { acceptConsent } from './accept-consent.ts';

/*
 * The customer's decisions on a held batch (R27): approve it (with the acceptance of the partner
 * when it has none yet: the one acceptance use case, acceptConsent, with the batch's change in its
 * transaction), or reject it, optionally blocking the partner from holding more; and unblock later.
 * Each decision is conditional on the batch still waiting (`not_awaiting`), so of two decisions,
 * or a decision and the expiry (S5), exactly one wins; each is audited with its actor (R18).
 */

/** The held batch was decided already (approved, rejected) or expired: a 409, and the page says which. */
export class HeldBatchDecided extends DomainError {
  readonly status: ApprovalStatus;
  constructor(status: ApprovalStatus) {
    super('conflict', 'Conflict', `This held batch is ${status === 'pending' ? 'being decided by someone else' : status}`);
    this.name = 'HeldBatchDecided';
    this.status = status;
  }
}

/** Why a decision did not commit: the batch is no longer waiting, as it now is. */
async function decidedMeanwhile(batchId: string): Promise<HeldBatchDecided> {
  const now = await getBatch(batchId);
  return new HeldBatchDecided(now?.approval ? effectiveApproval(now.approval, nowIso()) : 'expired');
}

/** A held batch still waiting at `now`, or the 409 of what it is. */
function requireWaiting(batch: Batch, now: string): asserts batch is Batch & { partnerId: string; approval: NonNullable<Batch['approval']> } {
  if (!batch.partnerId || !batch.approval) throw new HeldBatchDecided('expired');
  const status = effectiveApproval(batch.approval, now);
  if (batch.status !== 'awaiting_approval' || status !== 'pending') throw new HeldBatchDecided(status === 'pending' ? 'expired' : status);
}

const heldData = (batch: Batch & { partnerId: string; approval: NonNullable<Batch['approval']> }, actor: Actor) => ({
  batchId: batch.id,
  tenantId: batch.tenantId,
  partnerId: batch.partnerId,
  ...(batch.reference !== undefined ? { reference: batch.reference } : {}),
  reason: batch.approval.reason,
  actor: actorRef(actor),
});

export interface Approver {
  user: User;
  tenant: Tenant;
  actor: Actor;
  /** R30: how the approving admin had signed in, recorded on the relationship when the approval is also the acceptance. */
  signedInWith?: 'email' | 'organization';
}

/**
 * R27: a global admin of the batch's tenant approves it: the batch becomes `queued` (the planner
 * works it as any batch, R22 judged per device then). When the partner is not authorized now, the
 * approval is also its acceptance (acceptConsent: R1-R9, R5, R21, its audit and `consent.accepted`),
 * in the same transaction. Answers the relationship when one was granted.
 */
export async function approveHeldBatch(batch: Batch, partner: Partner, approver: Approver, existing: Relationship | undefined): Promise<{ relationship?: Relationship }> {
  const now = nowIso();
  requireWaiting(batch, now);
  const authorized = (await authorizationFor(partner, batch.tenantId)).status === 'active';
  const { actor, user, tenant } = approver;
  const change: Omit<Change, 'at'> = {
    writes: [heldBatchDecided(batch.id, 'approved', now, user.id)],
    audit: { action: 'device_batch.approved', actor, partnerId: partner.id, tenantId: batch.tenantId, subject: batch.id, details: { approvedBy: user.email, withConsent: !authorized, received: batch.received } },
    outbox: [webhookEvent('device_batch.approved', partner.id, { ...heldData(batch, actor), withConsent: !authorized })],
  };
  if (!authorized) {
    const refused = (failed: string[]) => (failed.includes('not_awaiting') ? new HeldBatchDecided('pending') : undefined);
    try {
      const relationship = await acceptConsent({
        partner,
        user,
        tenant,
        actor,
        recipientTenantId: undefined,
        existing,
        ...(approver.signedInWith ? { signedInWith: approver.signedInWith } : {}),
        heldBatch: { batchId: batch.id, change, refused },
      });
      return { relationship };
    } catch (error) {
      if (error instanceof HeldBatchDecided) throw await decidedMeanwhile(batch.id);
      throw error;
    }
  }
  const outcome = await commitChange({ at: now, ...change });
  if (failedBecause(outcome, 'not_awaiting')) throw await decidedMeanwhile(batch.id);
  if (!outcome.ok) throw new Error(`approval not committed: ${outcome.failed.join(', ')}`);
  return {};
}

/**
 * R27: a global admin of the batch's tenant rejects it ("I did not authorize this"): it ends
 * `rejected`, nothing is registered; with `block`, the partner may hold no more batches for the
 * tenant (checkMayHold refuses them) until an admin unblocks it.
 */
export async function rejectHeldBatch(batch: Batch, partner: Partner, approver: Approver, options: { block: boolean }): Promise<void> {
  const now = nowIso();
  requireWaiting(batch, now);
  const { actor, user } = approver;
  const outcome = await commitChange({
    at: now,
    writes: [
      heldBatchDecided(batch.id, 'rejected', now, user.id),
      ...(options.block
        ? [holdBlockPut({ tenantId: batch.tenantId, partnerId: partner.id, partnerName: partner.name, blockedAt: now, blockedBy: { userId: user.id, email: user.email }, batchId: batch.id })]
        : []),
    ],
    audit: [
      { action: 'device_batch.rejected', actor, partnerId: partner.id, tenantId: batch.tenantId, subject: batch.id, details: { rejectedBy: user.email, blocked: options.block, received: batch.received } },
      ...(options.block ? [{ action: 'held_batches.partner_blocked', actor, partnerId: partner.id, tenantId: batch.tenantId, subject: partner.id, details: { batchId: batch.id } }] : []),
    ],
    outbox: [webhookEvent('device_batch.rejected', partner.id, { ...heldData(batch, actor), blocked: options.block })],
  });
  if (failedBecause(outcome, 'not_awaiting')) throw await decidedMeanwhile(batch.id);
  if (!outcome.ok) throw new Error(`rejection not committed: ${outcome.failed.join(', ')}`);
}

/** R27: a global admin lets a blocked partner hold batches for the tenant again; not blocked: a 404. */
export async function unblockPartner(tenantId: string, partnerId: string, actor: Actor): Promise<void> {
  const outcome = await commitChange({
    writes: [holdBlockDelete(tenantId, partnerId)],
    audit: { action: 'held_batches.partner_unblocked', actor, partnerId, tenantId, subject: partnerId },
  });
  if (failedBecause(outcome, 'not_blocked')) throw new DomainError('not_found', 'Not found', 'This partner is not blocked');
  if (!outcome.ok) throw new Error(`unblock not committed: ${outcome.failed.join(', ')}`);
}
