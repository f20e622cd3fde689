import { actorRef, type Actor } from '#shared/domain/actor.ts';
import { acceptRefusal, delegatedAdminState, effectiveStatus, grantDelegatedAdmin, type AcceptRefusal, type ConsentRequest } from '#shared/domain/consent.ts';
import type { Tenant, User } from '#shared/domain/directory.ts';
import { conflict, DomainError } from '#shared/domain/errors.ts';
import { nowIso } from '#shared/domain/ids.ts';
import { webhookEvent, type WebhookEventData } from '#shared/domain/outbox-events.ts';
import type { Partner } from '#shared/domain/partner.ts';
import type { Relationship } from '#shared/domain/relationship.ts';
import { countMetric, METRIC } from '#shared/observability/metrics.ts';
import { commitChange, type Change } from '#shared/outbox/commit.ts';
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
  /** R30: how the accepting user had signed in (an emailed link, or their organization's identity provider). */
  signedInWith?: 'email' | 'organization';
  /**
   * R27: the acceptance is the approval of this held batch: the batch's change (its transition,
   * audit event and webhook) commits in the acceptance's own transaction, and `refused` names the
   * error when a condition of that change did not hold (the batch was decided meanwhile).
   */
  heldBatch?: { batchId: string; change: Omit<Change, 'at'>; refused: (failed: string[]) => Error | undefined };
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
  // R31: a partner already authorized asks for other roles with a new request; its acceptance
  // replaces the roles and keeps the relationship as it was (since when, who accepted, its history).
  if (request?.delegatedAdmin && stillActive) return changeRoles({ ...input, request: { ...request, delegatedAdmin: request.delegatedAdmin }, existing: stillActive }, now);
  const relationship: Relationship = {
    tenantId: tenant.id,
    partnerId: partner.id,
    partnerKind: partner.kind,
    status: 'active',
    grantedAt: stillActive?.grantedAt ?? now,
    acceptedBy: { userId: user.id, email: user.email, ...(input.signedInWith ? { signedInWith: input.signedInWith } : {}) },
    source: request ? { requestId: request.id } : input.heldBatch ? { batchId: input.heldBatch.batchId } : { linkId: input.linkId ?? '' },
    ...(partner.providerId ? { providerId: partner.providerId } : {}),
    // A new grant of roles replaces the old; accepting without roles keeps those still granted.
    ...(request?.delegatedAdmin
      ? { delegatedAdmin: grantDelegatedAdmin(request.delegatedAdmin, now) }
      : stillActive?.delegatedAdmin
        ? { delegatedAdmin: stillActive.delegatedAdmin }
        : {}),
    // R28: the customer's approval policy for this partner outlives a new acceptance (even after the relationship ended).
    ...(existing?.approvalPolicy ? { approvalPolicy: existing.approvalPolicy } : {}),
  };
  const dap = relationship.delegatedAdmin;
  const roles = dap ? { roles: dap.roles, expiresAt: dap.expiresAt } : undefined;
  const source = request ? { requestId: request.id } : input.heldBatch ? { batchId: input.heldBatch.batchId } : { linkId: input.linkId };
  const data: WebhookEventData['consent.accepted'] = {
    tenantId: tenant.id,
    partnerId: partner.id,
    ...source,
    relationship: { status: 'active', grantedAt: relationship.grantedAt, ...(roles ? { delegatedAdmin: { ...roles, autoExtend: dap!.autoExtend === true } } : {}) },
    actor: actorRef(actor),
  };
  const batch = input.heldBatch?.change;
  const outcome = await commitChange({
    at: now,
    writes: [...(request ? [requestTransition(request, 'accepted', now, tenant.id)] : []), ...relationshipActivated(relationship, existing), ...(batch?.writes ?? [])],
    audit: [{
      action: 'consent.accepted',
      actor,
      tenantId: tenant.id,
      partnerId: partner.id,
      subjectName: partner.name,
      ...(request ? { subject: request.id } : {}),
      details: { acceptedBy: user.email, ...source, ...(partner.providerId ? { providerId: partner.providerId } : {}), ...(roles ? { delegatedAdmin: { ...roles, autoExtend: dap!.autoExtend === true } } : {}) },
    }, ...[batch?.audit ?? []].flat()],
    outbox: [
      webhookEvent('consent.accepted', partner.id, data),
      // R7: the provider hears of the consent through its reseller too (without the reseller's roles).
      ...(partner.providerId
        ? [webhookEvent('consent.accepted', partner.providerId, { ...data, relationship: { status: 'active', grantedAt: relationship.grantedAt }, via: { resellerId: partner.id } })]
        : []),
      ...(batch?.outbox ?? []),
    ],
  });
  if (request && failedBecause(outcome, 'not_pending')) throw await noLongerPending(request.id);
  const batchRefusal = !outcome.ok ? input.heldBatch?.refused(outcome.failed) : undefined;
  if (batchRefusal) throw batchRefusal;
  if (!outcome.ok) throw conflict('The relationship changed meanwhile; reload the page');
  countMetric(METRIC.consentsAccepted);
  return relationship;
}

/**
 * R31: the acceptance of a request with roles from a partner already authorized. One transaction:
 * the request accepted (while pending, R5), the relationship rewritten over exactly what was read
 * with only its roles replaced (its grantedAt, acceptedBy, source and provider kept), the audit
 * event `delegated_admin.roles_changed` naming the roles replaced, and the partner's
 * `delegated_admin.roles_changed` (instead of `consent.accepted`: the consent was there already;
 * a reseller's provider holds none of its roles, so it hears nothing).
 */
async function changeRoles(input: Acceptance & { request: ConsentRequest & { delegatedAdmin: NonNullable<ConsentRequest['delegatedAdmin']> }; existing: Relationship }, now: string): Promise<Relationship> {
  const { partner, user, tenant, request, actor, existing } = input;
  const granted = grantDelegatedAdmin(request.delegatedAdmin, now);
  const relationship: Relationship = { ...existing, delegatedAdmin: granted };
  const before = existing.delegatedAdmin;
  const previous = before ? { roles: before.roles, expiresAt: before.expiresAt, status: delegatedAdminState(before, now) } : undefined;
  const delegatedAdmin = { roles: granted.roles, expiresAt: granted.expiresAt, autoExtend: granted.autoExtend === true };
  const outcome = await commitChange({
    at: now,
    writes: [requestTransition(request, 'accepted', now, tenant.id), ...relationshipActivated(relationship, existing)],
    audit: {
      action: 'delegated_admin.roles_changed',
      actor,
      tenantId: tenant.id,
      partnerId: partner.id,
      subject: request.id,
      details: { acceptedBy: user.email, requestId: request.id, delegatedAdmin, ...(previous ? { previous } : {}) },
    },
    outbox: [webhookEvent('delegated_admin.roles_changed', partner.id, { tenantId: tenant.id, partnerId: partner.id, requestId: request.id, delegatedAdmin, ...(previous ? { previous } : {}), actor: actorRef(actor) })],
  });
  if (failedBecause(outcome, 'not_pending')) throw await noLongerPending(request.id);
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
