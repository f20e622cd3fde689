import type { Actor } from '#shared/domain/actor.ts';
import { conflict, notFound } from '#shared/domain/errors.ts';
import { nowIso } from '#shared/domain/ids.ts';
import { commitChange } from '#shared/outbox/commit.ts';
import { getRelationship } from '#shared/table/relationships.ts';
import { removalRequestFiled, type RemovalRequest } from '#shared/table/removal-requests.ts';

/** R12: the customer asks operators to remove an active OEM relationship; one open request at a time. */
export async function fileRemovalRequest(
  tenantId: string,
  partnerId: string,
  input: { reason: string; requestedBy: { userId: string; email: string } },
  actor: Actor,
): Promise<RemovalRequest> {
  const relationship = await getRelationship(partnerId, tenantId);
  if (!relationship) throw notFound('Relationship');
  if (relationship.status !== 'active' || relationship.partnerKind !== 'oem') throw conflict('Removal requests are for active OEM relationships');
  const request: RemovalRequest = { tenantId, partnerId, status: 'open', reason: input.reason, requestedBy: input.requestedBy, createdAt: nowIso() };
  const outcome = await commitChange({
    at: request.createdAt,
    writes: [removalRequestFiled(request)],
    audit: { action: 'removal_request.filed', actor, tenantId, partnerId, details: { reason: input.reason } },
  });
  if (!outcome.ok) throw conflict('A removal request for this partner is already open');
  return request;
}
