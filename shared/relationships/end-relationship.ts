import { actorRef, type Actor } from '#shared/domain/actor.ts';
import { conflict, notFound } from '#shared/domain/errors.ts';
import { nowIso } from '#shared/domain/ids.ts';
import { webhookEvent, type OutboxMessage } from '#shared/domain/outbox-events.ts';
import { customerMayRemoveRoles, customerMayTerminate, type Relationship } from '#shared/domain/relationship.ts';
import { commitChange } from '#shared/outbox/commit.ts';
import type { AuditInput } from '#shared/table/audit.ts';
import { delegatedAdminRemoved, getRelationship, relationshipEnded } from '#shared/table/relationships.ts';
import { getRemovalRequest, removalRequestClosed } from '#shared/table/removal-requests.ts';
import { failedBecause, type Write } from '#shared/table/transact.ts';

/** R11: a customer admin ends a CSP relationship; for a reseller, the provider's authorization through it ends too. */
export async function terminateRelationship(tenantId: string, partnerId: string, actor: Actor): Promise<Relationship> {
  const current = await getRelationship(partnerId, tenantId);
  if (!current) throw notFound('Relationship');
  if (!customerMayTerminate(current)) throw conflict('This relationship cannot be ended by the customer');
  return endRelationship(current, { status: 'terminated', actor });
}

/**
 * R12: an operator revokes a relationship, with a reason. The relationship becomes `revoked`, the
 * customer's open removal request (if any) is closed, and both are audited, in one transaction.
 */
export async function revokeRelationship(tenantId: string, partnerId: string, reason: string, actor: Actor): Promise<Relationship> {
  const current = await getRelationship(partnerId, tenantId);
  if (!current) throw notFound('Relationship');
  if (current.status !== 'active') throw conflict(`This relationship is already ${current.status}`);
  const removal = await getRemovalRequest(tenantId, partnerId);
  const now = nowIso();
  const closeRemoval = removal?.status === 'open'
    ? { writes: [removalRequestClosed(tenantId, partnerId, now)], audit: [{ action: 'removal_request.closed', actor, tenantId, partnerId, details: { reason } }] }
    : { writes: [], audit: [] };
  return endRelationship(current, { status: 'revoked', actor, reason }, closeRemoval);
}

/** Ends an active relationship, telling the partner (and a reseller's provider, R7) by webhook. */
async function endRelationship(
  current: Relationship,
  change: { status: 'terminated'; actor: Actor } | { status: 'revoked'; actor: Actor; reason: string },
  extra: { writes: Write[]; audit: AuditInput[] } = { writes: [], audit: [] },
): Promise<Relationship> {
  const at = nowIso();
  const reason = change.status === 'revoked' ? change.reason : undefined;
  const base = { tenantId: current.tenantId, partnerId: current.partnerId, at, actor: actorRef(change.actor) };
  // R7: a reseller's provider hears of the end through its reseller.
  const ended = (partnerId: string, via?: { resellerId: string }): OutboxMessage =>
    change.status === 'terminated'
      ? webhookEvent('relationship.terminated', partnerId, { ...base, status: 'terminated', ...(via ? { via } : {}) })
      : webhookEvent('relationship.revoked', partnerId, { ...base, status: 'revoked', reason: change.reason, ...(via ? { via } : {}) });
  const outbox = [ended(current.partnerId), ...(current.providerId ? [ended(current.providerId, { resellerId: current.partnerId })] : [])];
  const outcome = await commitChange({
    at,
    writes: [...relationshipEnded(current, change.status, at, reason), ...extra.writes],
    audit: [
      {
        action: `relationship.${change.status}`,
        actor: change.actor,
        tenantId: current.tenantId,
        partnerId: current.partnerId,
        details: { ...(current.providerId ? { providerId: current.providerId } : {}), ...(reason ? { reason } : {}) },
      },
      ...extra.audit,
    ],
    outbox,
  });
  if (failedBecause(outcome, 'not_active')) throw conflict('This relationship is no longer active');
  if (!outcome.ok) throw conflict('The relationship changed meanwhile; retry');
  const stamp = change.status === 'terminated' ? 'terminatedAt' : 'revokedAt';
  return { ...current, status: change.status, [stamp]: at, ...(reason ? { revokeReason: reason } : {}) };
}

/** R10: the customer removes the delegated admin roles; the relationship stays active. */
export async function removeDelegatedAdmin(tenantId: string, partnerId: string, actor: Actor): Promise<Relationship> {
  const current = await getRelationship(partnerId, tenantId);
  const now = nowIso();
  if (!current) throw notFound('Relationship');
  if (!customerMayRemoveRoles(current, now)) throw conflict('There are no delegated admin roles to remove');
  const roles = current.delegatedAdmin!.roles;
  const outcome = await commitChange({
    at: now,
    writes: [delegatedAdminRemoved(partnerId, tenantId, now)],
    audit: { action: 'delegated_admin.removed', actor, tenantId, partnerId, details: { roles } },
    outbox: [webhookEvent('delegated_admin.removed', partnerId, { tenantId, partnerId, delegatedAdmin: { roles, removedAt: now }, actor: actorRef(actor) })],
  });
  if (!outcome.ok) throw conflict('There are no delegated admin roles to remove');
  return { ...current, delegatedAdmin: { ...current.delegatedAdmin!, removedAt: now } };
}
