import { publicUrl } from '#shared/config/env.ts';
import type { Actor } from '#shared/domain/actor.ts';
import { addDays, checkMayRequestConsent, effectiveStatus, REQUEST_LIFETIME_DAYS, type ConsentRequest, type DelegatedAdminRequest, type EmailState } from '#shared/domain/consent.ts';
import { normalizeDomain, normalizeEmail, roleRef } from '#shared/domain/directory.ts';
import { conflict, idempotencyKeyReused, RateLimited, validationFailed } from '#shared/domain/errors.ts';
import { newId, nowIso } from '#shared/domain/ids.ts';
import { consentEmail } from '#shared/domain/outbox-events.ts';
import type { Partner } from '#shared/domain/partner.ts';
import { sha256 } from '#shared/domain/tokens.ts';
import { MAX_PENDING_REQUESTS_PER_RECIPIENT } from '#shared/domain/rate-limits.ts';
import { canonicalJson } from '#shared/util/canonical-json.ts';
import { countMetric, METRIC } from '#shared/observability/metrics.ts';
import { commitChange } from '#shared/outbox/commit.ts';
import { consentRequestPut, getConsentRequest, type StoredConsentRequest } from '#shared/table/consent-requests.ts';
import { findTenantIdByDomain } from '#shared/table/directory.ts';
import { LIMIT_RACE } from '#shared/table/rate-limit.ts';
import { failedBecause } from '#shared/table/transact.ts';
import { consentRequestLimits, type ConsentRequestLimits, type LimitReport } from './consent-limits.ts';

export interface RequestConsentInput {
  recipientEmail: string;
  tenantDomain?: string;
  delegatedAdmin?: DelegatedAdminRequest;
  message?: string;
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
    // R31: roles with their Entra template ids.
    ...(request.delegatedAdmin
      ? { delegatedAdmin: { roles: request.delegatedAdmin.roles.map(roleRef), durationDays: request.delegatedAdmin.durationDays, autoExtend: request.delegatedAdmin.autoExtend === true } }
      : {}),
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
): Promise<{ request: StoredConsentRequest; created: boolean; rateLimit: LimitReport }> {
  checkMayRequestConsent(partner, input.delegatedAdmin);
  const now = nowIso();
  const bodyHash = sha256(canonicalJson(input));
  const id = options.idempotencyKey ? `cr_${sha256(`${partner.id}\n${options.idempotencyKey}`).slice(0, 24)}` : newId('cr');
  const tenantDomain = input.tenantDomain ? normalizeDomain(input.tenantDomain) : undefined;
  // The domain's tenant is read while the limits are (below), not before them.
  const tenantLookup = tenantDomain ? findTenantIdByDomain(tenantDomain) : Promise.resolve(undefined);
  const draft: Omit<StoredConsentRequest, 'tenantId'> = {
    id,
    partnerId: partner.id,
    ...(partner.providerId ? { providerId: partner.providerId } : {}),
    status: 'pending',
    recipientEmail: normalizeEmail(input.recipientEmail),
    ...(tenantDomain ? { tenantDomain } : {}),
    ...(input.delegatedAdmin
      ? { delegatedAdmin: { roles: [...new Set(input.delegatedAdmin.roles)], durationDays: input.delegatedAdmin.durationDays, ...(input.delegatedAdmin.autoExtend ? { autoExtend: true } : {}) } }
      : {}),
    ...(input.message ? { message: input.message } : {}),
    createdAt: now,
    expiresAt: addDays(now, REQUEST_LIFETIME_DAYS),
    email: { status: 'queued', attempts: 0 },
    bodyHash,
  };
  const replay = async (rateLimit: LimitReport) => {
    const existing = options.idempotencyKey ? await getConsentRequest(id) : undefined;
    if (existing && existing.bodyHash !== bodyHash) throw idempotencyKeyReused();
    return existing ? { request: existing, created: false, rateLimit } : undefined;
  };
  // The limits of API.md are taken in the request's own transaction: a request over a limit
  // changes nothing, and one that is not created (a replay) takes nothing. Losing a race for the
  // last unit of a limit means reading the limits again.
  for (let attempt = 1; ; attempt++) {
    let limits: ConsentRequestLimits;
    let tenantId: string | undefined;
    try {
      [limits, tenantId] = await Promise.all([
        consentRequestLimits({ partnerId: partner.id, recipientEmail: draft.recipientEmail, requestId: id, expiresAt: draft.expiresAt }),
        tenantLookup,
      ]);
    } catch (error) {
      // A retry of a request already made is answered as before, whatever the limits say now.
      const replayed = error instanceof RateLimited ? await replay(error.ownReport) : undefined;
      if (replayed) return replayed;
      throw error;
    }
    const request: StoredConsentRequest = { ...draft, ...(tenantId ? { tenantId } : {}) };
    const outcome = await commitChange({
      at: now,
      writes: [consentRequestPut(request), ...limits.writes],
      audit: { action: 'consent.requested', actor: options.actor, partnerId: partner.id, tenantId, subject: id, details: { recipientEmail: request.recipientEmail, delegatedAdmin: request.delegatedAdmin } },
      outbox: [consentEmail(id)],
    });
    if (failedBecause(outcome, 'exists')) {
      const replayed = await replay(limits.reportUntaken);
      if (replayed) return replayed;
    }
    if (failedBecause(outcome, LIMIT_RACE) && attempt < MAX_LIMIT_ATTEMPTS) {
      // Spread the retries of callers that lost together, so they do not collide again in step.
      await new Promise((r) => setTimeout(r, 5 * attempt * (0.5 + Math.random())));
      continue;
    }
    if (!outcome.ok) throw conflict('Another request changed the same limits meanwhile; retry');
    countMetric(METRIC.consentsRequested);
    return { request, created: true, rateLimit: limits.report };
  }
}

/**
 * Tries of a request that keeps losing races for its limits' last units, before a 409 says to
 * retry. Each lost race is another request taking a unit, so a caller racing for a recipient's
 * pending places loses at most that many times before it reads a full set and is told 429; the
 * sliding windows count with `c <= max` and collide only at a window's roll-over.
 */
const MAX_LIMIT_ATTEMPTS = MAX_PENDING_REQUESTS_PER_RECIPIENT + 4;

const apiEmailState = (e: EmailState) => ({
  status: e.status,
  attempts: e.attempts,
  ...(e.lastAttemptAt ? { lastAttemptAt: e.lastAttemptAt } : {}),
  ...(e.nextAttemptAt && e.status === 'queued' ? { nextAttemptAt: e.nextAttemptAt } : {}),
  // Why it failed when the address is suppressed (it bounced for good or complained): `bounced` or `complained`.
  ...(e.suppressed ? { suppressed: e.suppressed } : {}),
});
