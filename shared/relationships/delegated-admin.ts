import type { Actor } from '#shared/domain/actor.ts';
import { conflict, notFound } from '#shared/domain/errors.ts';
import { nowIso } from '#shared/domain/ids.ts';
import { customerMayTurnOffAutoExtend, type Relationship } from '#shared/domain/relationship.ts';
import { commitChange } from '#shared/outbox/commit.ts';
import { delegatedAdminAutoExtendOff, getRelationship } from '#shared/table/relationships.ts';

/**
 * R31: a customer global admin turns off the automatic extension of a partner's delegated admin
 * roles: they then end at their end (S3), with the 7- and 1-day warnings still to come. One
 * conditional write with its audit event (R18); the partner sees `autoExtend: false` on its
 * customer. Roles that no longer grant, or are not extended automatically, are a conflict.
 */
export async function turnOffAutoExtend(tenantId: string, partnerId: string, actor: Actor): Promise<Relationship> {
  const current = await getRelationship(partnerId, tenantId);
  const now = nowIso();
  if (!current) throw notFound('Relationship');
  if (!customerMayTurnOffAutoExtend(current, now)) throw conflict('These admin roles are not extended automatically');
  const dap = current.delegatedAdmin!;
  const outcome = await commitChange({
    at: now,
    writes: [delegatedAdminAutoExtendOff(current, now)],
    audit: { action: 'delegated_admin.auto_extend_disabled', actor, tenantId, partnerId, details: { roles: dap.roles, expiresAt: dap.expiresAt } },
  });
  if (!outcome.ok) throw conflict('These admin roles are not extended automatically');
  return { ...current, delegatedAdmin: { ...dap, autoExtend: false, autoExtendOffAt: now } };
}
