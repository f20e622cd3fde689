import { acceptRefusal, grantDelegatedAdmin, type AcceptRefusal, type ConsentRequest } from '../domain/consent.ts';
import type { Tenant, User } from '../domain/directory.ts';
import { nowIso } from '../domain/ids.ts';
import type { Partner } from '../domain/partner.ts';
import type { Relationship } from '../domain/relationship.ts';
import type { Actor } from '../table/audit.ts';
import { auditPut } from '../table/audit.ts';
import { transitionRequest } from '../table/consent-requests.ts';
import { activateRelationshipItems, getRelationship } from '../table/relationships.ts';
import { ConditionFailed, transact } from '../table/transact.ts';
import { conflict } from '../domain/errors.ts';
import { deliverNow, webhookOutbox } from '../webhooks/webhooks.ts';

/** The user may not accept (R1, R5, R9), or the request is no longer pending; the page says which. */
export class AcceptRefused extends Error {
  readonly reason: AcceptRefusal;
  constructor(reason: AcceptRefusal) {
    super(`consent cannot be accepted: ${reason}`);
    this.name = 'AcceptRefused';
    this.reason = reason;
  }
}

export interface Acceptance {
  partner: Partner;
  user: User;
  tenant: Tenant;
  /** Accepting a request, or else the partner's reusable link. */
  request?: ConsentRequest;
  linkId?: string;
  actor: Actor;
}

/**
 * R2: acceptance is instantaneous. One transaction makes the relationship active (with, for a
 * reseller, its provider's grant, R7), moves the request to `accepted` conditionally on it still
 * being pending (two racing accepts: exactly one wins, R5), and writes the audit event (R18).
 */
export async function acceptConsent(input: Acceptance): Promise<Relationship> {
  const { partner, user, tenant, request, actor } = input;
  const now = nowIso();
  const refusal = acceptRefusal({ partner, user, tenant, request, now });
  if (refusal) throw new AcceptRefused(refusal);

  const existing = await getRelationship(partner.id, tenant.id);
  const stillActive = existing?.status === 'active' ? existing : undefined;
  const relationship: Relationship = {
    tenantId: tenant.id,
    partnerId: partner.id,
    partnerKind: partner.kind,
    status: 'active',
    grantedAt: stillActive?.grantedAt ?? now,
    acceptedBy: { userId: user.id, email: user.email },
    source: request ? { requestId: request.id } : { linkId: input.linkId ?? '' },
    ...(partner.providerId ? { providerId: partner.providerId } : {}),
    // A new grant of roles replaces the old; accepting without roles keeps those still granted.
    ...(request?.delegatedAdmin
      ? { delegatedAdmin: grantDelegatedAdmin(request.delegatedAdmin, now) }
      : stillActive?.delegatedAdmin
        ? { delegatedAdmin: stillActive.delegatedAdmin }
        : {}),
  };
  const details = {
    acceptedBy: user.email,
    ...(request ? { requestId: request.id } : { linkId: input.linkId }),
    ...(partner.providerId ? { providerId: partner.providerId } : {}),
    ...(relationship.delegatedAdmin ? { delegatedAdmin: { roles: relationship.delegatedAdmin.roles, expiresAt: relationship.delegatedAdmin.expiresAt } } : {}),
  };
  const data = {
    tenantId: tenant.id,
    partnerId: partner.id,
    ...(request ? { requestId: request.id } : { linkId: input.linkId }),
    relationship: { status: 'active', grantedAt: relationship.grantedAt, ...(relationship.delegatedAdmin ? { delegatedAdmin: { roles: relationship.delegatedAdmin.roles, expiresAt: relationship.delegatedAdmin.expiresAt } } : {}) },
    actor: { type: actor.type, id: actor.id },
  };
  // R7: the provider hears of the consent through its reseller too.
  const outbox = await webhookOutbox(
    [
      { partnerId: partner.id, type: 'consent.accepted', data },
      ...(partner.providerId ? [{ partnerId: partner.providerId, type: 'consent.accepted' as const, data: { ...data, relationship: { status: 'active', grantedAt: relationship.grantedAt }, via: { resellerId: partner.id } } }] : []),
    ],
    now,
  );
  const items = [...activateRelationshipItems(relationship, existing), ...outbox.items];
  try {
    if (request) {
      await transitionRequest(request, 'accepted', { action: 'consent.accepted', actor, tenantId: tenant.id, details }, items, now);
    } else {
      await transact([...items, auditPut({ action: 'consent.accepted', actor, tenantId: tenant.id, partnerId: partner.id, details, at: now })]);
    }
  } catch (error) {
    // The relationship changed between the read and the write (another acceptance, a removal).
    if (error instanceof ConditionFailed) throw conflict('The relationship changed meanwhile; reload the page');
    throw error;
  }
  await deliverNow(outbox.ids);
  return relationship;
}

/** The customer declines a pending request; nothing else changes. */
export async function declineConsent(input: { request: ConsentRequest; user: User; tenant: Tenant; actor: Actor }): Promise<void> {
  const outbox = await webhookOutbox([
    {
      partnerId: input.request.partnerId,
      type: 'consent.declined',
      data: { tenantId: input.tenant.id, partnerId: input.request.partnerId, requestId: input.request.id, actor: { type: input.actor.type, id: input.actor.id } },
    },
  ]);
  await transitionRequest(
    input.request,
    'declined',
    { action: 'consent.declined', actor: input.actor, tenantId: input.tenant.id, details: { declinedBy: input.user.email } },
    outbox.items,
  );
  await deliverNow(outbox.ids);
}
