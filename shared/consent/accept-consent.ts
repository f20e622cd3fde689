import { actorRef, type Actor } from '#shared/domain/actor.ts';
import { acceptRefusal, effectiveStatus, grantDelegatedAdmin, type AcceptRefusal, type ConsentRequest } from '#shared/domain/consent.ts';
import type { Tenant, User } from '#shared/domain/directory.ts';
import { conflict, DomainError } from '#shared/domain/errors.ts';
import { nowIso } from '#shared/domain/ids.ts';
import { webhookEvent, type WebhookEventData } from '#shared/domain/outbox-events.ts';
import type { Partner } from '#shared/domain/partner.ts';
import type { Relationship } from '#shared/domain/relationship.ts';
import { countMetric, METRIC } from '#shared/observability/metrics.ts';
import { commitChange } from '#shared/outbox/commit.ts';
import { getConsentRequest, requestTransition } from '#shared/table/consent-requests.ts';
import { relationshipActivated } from '#shared/table/relationships.ts';
import { failedBecause } from '#shared/table/transact.ts';
import { requirePartnerRequest } from './partner-request.ts';

/** The user may not accept (R1, R5, R9), or the request is no longer pending; the page says which. */
export class AcceptRefused extends Error {
  readonly reason: AcceptRefusal;
  constructor(reason: AcceptRefusal) {
    super(`consent cannot be accepted: ${reason}`);
    this.name = 'AcceptRefused';
    this.reason = reason;
  }
}

/** The request was answered (or cancelled, or expired) by someone else first. */
export class RequestNoLongerPending extends DomainError {
  readonly status: string;
  constructor(status: string) {
    super('conflict', 'Conflict', `This consent request is ${status}`);
    this.name = 'RequestNoLongerPending';
    this.status = status;
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
  /** R5: the tenant of the request's recipient when the recipient is a known user, read by the caller with its other reads. */
  recipientTenantId: string | undefined;
  /** The partner's relationship with the tenant as the caller read it: the acceptance writes over exactly this, or fails. */
  existing: Relationship | undefined;
}

/**
 * R2: acceptance is instantaneous. One transaction makes the relationship active (with, for a
 * reseller, its provider's grant, R7), moves the request to `accepted` conditionally on it still
 * being pending (two racing accepts: exactly one wins, R5), writes the audit event (R18) and the
 * `consent.accepted` webhooks. A request answered meanwhile throws `RequestNoLongerPending`; a
 * relationship changed meanwhile (another acceptance through the link) a conflict.
 */
export async function acceptConsent(input: Acceptance): Promise<Relationship> {
  const { partner, user, tenant, request, actor, recipientTenantId, existing } = input;
  const now = nowIso();
  // R5: a request sent to a known user is for that user's tenant only.
  const refusal = acceptRefusal({ partner, user, tenant, request, recipientTenantId, now });
  if (refusal) throw new AcceptRefused(refusal);

  const stillActive = existing?.status === 'active' ? existing : undefined;
  // Through the reusable link there is nothing more to grant: a second admin (or a second click)
  // finds the partner authorized already, and nothing is written twice.
  if (!request && stillActive) throw conflict('The partner is already authorized for this organization');
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
  const roles = relationship.delegatedAdmin ? { roles: relationship.delegatedAdmin.roles, expiresAt: relationship.delegatedAdmin.expiresAt } : undefined;
  const source = request ? { requestId: request.id } : { linkId: input.linkId };
  const data: WebhookEventData['consent.accepted'] = {
    tenantId: tenant.id,
    partnerId: partner.id,
    ...source,
    relationship: { status: 'active', grantedAt: relationship.grantedAt, ...(roles ? { delegatedAdmin: roles } : {}) },
    actor: actorRef(actor),
  };
  const outcome = await commitChange({
    at: now,
    writes: [...(request ? [requestTransition(request, 'accepted', now, tenant.id)] : []), ...relationshipActivated(relationship, existing)],
    audit: {
      action: 'consent.accepted',
      actor,
      tenantId: tenant.id,
      partnerId: partner.id,
      subjectName: partner.name,
      ...(request ? { subject: request.id } : {}),
      details: { acceptedBy: user.email, ...source, ...(partner.providerId ? { providerId: partner.providerId } : {}), ...(roles ? { delegatedAdmin: roles } : {}) },
    },
    outbox: [
      webhookEvent('consent.accepted', partner.id, data),
      // R7: the provider hears of the consent through its reseller too (without the reseller's roles).
      ...(partner.providerId
        ? [webhookEvent('consent.accepted', partner.providerId, { ...data, relationship: { status: 'active', grantedAt: relationship.grantedAt }, via: { resellerId: partner.id } })]
        : []),
    ],
  });
  if (request && failedBecause(outcome, 'not_pending')) throw await noLongerPending(request.id);
  if (!outcome.ok) throw conflict('The relationship changed meanwhile; reload the page');
  countMetric(METRIC.consentsAccepted);
  return relationship;
}

async function noLongerPending(requestId: string): Promise<Error> {
  const current = await getConsentRequest(requestId);
  return new RequestNoLongerPending(current ? effectiveStatus(current, nowIso()) : 'cancelled');
}

/** The customer declines a pending request; nothing else changes. */
export async function declineConsent(input: { request: ConsentRequest; user: User; tenant: Tenant; actor: Actor }): Promise<void> {
  const { request, tenant, actor } = input;
  const now = nowIso();
  const outcome = await commitChange({
    at: now,
    writes: [requestTransition(request, 'declined', now, tenant.id)],
    audit: { action: 'consent.declined', actor, partnerId: request.partnerId, tenantId: tenant.id, subject: request.id, details: { declinedBy: input.user.email } },
    outbox: [webhookEvent('consent.declined', request.partnerId, { tenantId: tenant.id, partnerId: request.partnerId, requestId: request.id, actor: actorRef(actor) })],
  });
  if (!outcome.ok) throw await noLongerPending(request.id);
  countMetric(METRIC.consentsDeclined);
}

/**
 * A partner cancels its pending request (a 409 when it is pending no more); another partner's
 * request is as unknown as one that does not exist (R19).
 */
export async function cancelConsentRequest(partnerId: string, requestId: string, actor: Actor): Promise<ConsentRequest> {
  const request = await requirePartnerRequest(partnerId, requestId);
  const now = nowIso();
  const outcome = await commitChange({
    at: now,
    writes: [requestTransition(request, 'cancelled', now)],
    audit: { action: 'consent.cancelled', actor, partnerId: request.partnerId, tenantId: request.tenantId, subject: request.id },
  });
  if (!outcome.ok) throw await noLongerPending(request.id);
  return { ...request, status: 'cancelled', cancelledAt: now };
}
