import { publicUrl } from '../config/env.ts';
import type { Actor } from '../domain/actor.ts';
import { addDays, checkMayRequestConsent, effectiveStatus, REQUEST_LIFETIME_DAYS, type ConsentRequest, type DelegatedAdminRequest, type EmailState } from '../domain/consent.ts';
import { normalizeDomain, normalizeEmail } from '../domain/directory.ts';
import { idempotencyKeyReused, notFound, validationFailed } from '../domain/errors.ts';
import { newId, nowIso } from '../domain/ids.ts';
import { consentEmail } from '../domain/outbox-events.ts';
import type { Partner } from '../domain/partner.ts';
import { sha256 } from '../domain/tokens.ts';
import { commitChange } from '../outbox/commit.ts';
import { consentRequestPut, getConsentRequest, type StoredConsentRequest } from '../table/consent-requests.ts';
import { findTenantIdByDomain } from '../table/directory.ts';
import { failedBecause } from '../table/transact.ts';

export interface RequestConsentInput {
  recipientEmail: string;
  tenantDomain?: string;
  delegatedAdmin?: DelegatedAdminRequest;
  message?: string;
}

/** JSON with object keys sorted at every level, so equal bodies hash equal whatever their key order. */
export const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );

/** Idempotency keys: printable ASCII, as the IETF draft's examples use (UUIDs, random strings). */
export function checkIdempotencyKey(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw validationFailed([{ path: 'Idempotency-Key', message: 'must be 1-255 printable ASCII characters' }], 'Request header is invalid');
  }
  return key;
}

/** The link a partner may share: it opens the consent page but signs nobody in. */
export const consentUrl = (requestId: string) => `${publicUrl()}/consent/${requestId}`;

/** What a partner sees of its request (API.md `consentRequest`). */
export function toApiConsentRequest(request: ConsentRequest, now = nowIso()) {
  return {
    id: request.id,
    status: effectiveStatus(request, now),
    recipientEmail: request.recipientEmail,
    ...(request.tenantDomain ? { tenantDomain: request.tenantDomain } : {}),
    ...(request.tenantId ? { tenantId: request.tenantId } : {}),
    ...(request.delegatedAdmin ? { delegatedAdmin: request.delegatedAdmin } : {}),
    ...(request.message ? { message: request.message } : {}),
    consentUrl: consentUrl(request.id),
    createdAt: request.createdAt,
    expiresAt: request.expiresAt,
    ...(request.acceptedAt ? { acceptedAt: request.acceptedAt } : {}),
    ...(request.declinedAt ? { declinedAt: request.declinedAt } : {}),
    ...(request.cancelledAt ? { cancelledAt: request.cancelledAt } : {}),
    email: apiEmailState(request.email),
    ...(request.reminder ? { reminder: apiEmailState(request.reminder) } : {}),
  };
}

/**
 * A partner asks a customer for consent (R4, R5, R8, R9). The request, its consent email (an outbox
 * item) and the audit event commit together; the email leaves through the table's stream, not on
 * the caller's time, and the scheduled check retries it if it fails (S4). With an Idempotency-Key
 * the request id is derived from the key, so a retry finds the request it already made instead of
 * making another (R20).
 */
export async function requestConsent(
  partner: Partner,
  input: RequestConsentInput,
  options: { idempotencyKey?: string; actor: Actor },
): Promise<{ request: StoredConsentRequest; created: boolean }> {
  checkMayRequestConsent(partner, input.delegatedAdmin);
  const now = nowIso();
  const bodyHash = sha256(canonicalJson(input));
  const id = options.idempotencyKey ? `cr_${sha256(`${partner.id}\n${options.idempotencyKey}`).slice(0, 24)}` : newId('cr');
  const tenantDomain = input.tenantDomain ? normalizeDomain(input.tenantDomain) : undefined;
  const tenantId = tenantDomain ? await findTenantIdByDomain(tenantDomain) : undefined;
  const request: StoredConsentRequest = {
    id,
    partnerId: partner.id,
    status: 'pending',
    recipientEmail: normalizeEmail(input.recipientEmail),
    ...(tenantDomain ? { tenantDomain } : {}),
    ...(tenantId ? { tenantId } : {}),
    ...(input.delegatedAdmin ? { delegatedAdmin: { roles: [...new Set(input.delegatedAdmin.roles)], durationDays: input.delegatedAdmin.durationDays } } : {}),
    ...(input.message ? { message: input.message } : {}),
    createdAt: now,
    expiresAt: addDays(now, REQUEST_LIFETIME_DAYS),
    email: { status: 'queued', attempts: 0 },
    bodyHash,
  };
  const outcome = await commitChange({
    at: now,
    writes: [consentRequestPut(request)],
    audit: { action: 'consent.requested', actor: options.actor, partnerId: partner.id, tenantId, subject: id, details: { recipientEmail: request.recipientEmail, delegatedAdmin: request.delegatedAdmin } },
    outbox: [consentEmail(id)],
  });
  if (failedBecause(outcome, 'exists') && options.idempotencyKey) {
    const existing = await getConsentRequest(id);
    if (existing && existing.bodyHash !== bodyHash) throw idempotencyKeyReused();
    if (existing) return { request: existing, created: false };
  }
  if (!outcome.ok) throw new Error(`consent request not created: ${outcome.failed.join(', ')}`);
  return { request, created: true };
}

const apiEmailState = (e: EmailState) => ({
  status: e.status,
  attempts: e.attempts,
  ...(e.lastAttemptAt ? { lastAttemptAt: e.lastAttemptAt } : {}),
  ...(e.nextAttemptAt && e.status === 'queued' ? { nextAttemptAt: e.nextAttemptAt } : {}),
});


/** R19: a request of another partner is as unknown as one that does not exist. */
export async function requirePartnerRequest(partnerId: string, requestId: string): Promise<StoredConsentRequest> {
  const request = await getConsentRequest(requestId);
  if (!request || request.partnerId !== partnerId) throw notFound('Consent request');
  return request;
}
