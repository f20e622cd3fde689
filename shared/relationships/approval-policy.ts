import type { Actor } from '#shared/domain/actor.ts';
import { approvalPolicyOf, samePolicy, type ApprovalPolicy } from '#shared/domain/approval-policy.ts';
import { conflict, notFound } from '#shared/domain/errors.ts';
import { nowIso } from '#shared/domain/ids.ts';
import type { Relationship } from '#shared/domain/relationship.ts';
import { commitChange } from '#shared/outbox/commit.ts';
import { approvalPolicySet, getRelationship } from '#shared/table/relationships.ts';

/**
 * R28: a tenant's global admin sets how one partner's devices are approved (and their default
 * group tag). One conditional write on the relationship (active, and unchanged since it was read)
 * with its audit event `relationship.approval_policy_changed` (from, to) in the same transaction
 * (R18). A relationship the tenant does not have is unknown (R19); an ended one, a conflict. The
 * same policy again writes nothing.
 */
export async function setApprovalPolicy(tenantId: string, partnerId: string, policy: ApprovalPolicy, actor: Actor): Promise<Relationship> {
  const current = await getRelationship(partnerId, tenantId);
  if (!current) throw notFound('Relationship');
  if (current.status !== 'active') throw conflict(`This relationship is ${current.status}: its approval policy can no longer change`);
  const from = approvalPolicyOf(current);
  if (samePolicy(from, policy)) return current;
  const outcome = await commitChange({
    at: nowIso(),
    writes: [approvalPolicySet(current, policy)],
    audit: { action: 'relationship.approval_policy_changed', actor, tenantId, partnerId, details: { from, to: policy } },
  });
  if (!outcome.ok) throw conflict('The relationship changed meanwhile (ended, or its policy changed); reload the page and try again');
  return { ...current, approvalPolicy: policy, rev: (current.rev ?? 0) + 1 };
}
