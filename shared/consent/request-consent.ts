import { publicUrl } from '../config/env.ts';
import { addDays, checkMayRequestConsent, effectiveStatus, emailRetryDelayMs, MAX_EMAIL_ATTEMPTS, REQUEST_LIFETIME_DAYS, type ConsentRequest, type DelegatedAdminRequest, type EmailState } from '../domain/consent.ts';
import { normalizeDomain, normalizeEmail } from '../domain/directory.ts';
import { idempotencyKeyReused, validationFailed } from '../domain/errors.ts';
import { newId, nowIso } from '../domain/ids.ts';
import type { Partner } from '../domain/partner.ts';
import { sha256 } from '../domain/tokens.ts';
import { logger } from '../http/logger.ts';
import { consentEmail } from '../mail/consent-email.ts';
import { sesMailer, type Mailer } from '../mail/mailer.ts';
import { type Actor, auditPut } from '../table/audit.ts';
import { getConsentRequest, claimEmail, putEmailDue, putRequestItem, recordEmailAttempt, type RequestEmail, type StoredConsentRequest } from '../table/consent-requests.ts';
import { findTenantIdByDomain } from '../table/directory.ts';
import { getPartner } from '../table/partners.ts';
import { issueToken } from '../table/tokens.ts';
import { ConditionFailed, transact } from '../table/transact.ts';

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

/** How long the inline send has before the scheduled check treats the email as left behind. */
const INLINE_SEND_GRACE_MS = 2 * 60 * 1000;

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
 * A partner asks a customer for consent (R4, R5, R8, R9). The request, its email outbox pointer and
 * the audit event commit together; the email is then sent at once, and if that fails the scheduled
 * check retries it (S4). With an Idempotency-Key the request id is derived from the key, so a retry
 * finds the request it already made instead of making another (R20).
 */
export async function requestConsent(
  partner: Partner,
  input: RequestConsentInput,
  options: { idempotencyKey?: string; actor: Actor; mailer?: Mailer },
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
  try {
    await transact([
      putRequestItem(request),
      putEmailDue(id, 'email', new Date(Date.parse(now) + INLINE_SEND_GRACE_MS).toISOString()),
      auditPut({ action: 'consent.requested', actor: options.actor, partnerId: partner.id, tenantId, subject: id, details: { recipientEmail: request.recipientEmail, delegatedAdmin: request.delegatedAdmin } }),
    ]);
  } catch (error) {
    if (options.idempotencyKey && error instanceof ConditionFailed && error.at(0)) {
      const existing = await getConsentRequest(id);
      if (!existing) throw error;
      if (existing.bodyHash !== bodyHash) throw idempotencyKeyReused();
      return { request: existing, created: false };
    }
    throw error;
  }
  await deliverConsentEmail(id, 'email', { mailer: options.mailer });
  return { request: (await getConsentRequest(id)) ?? request, created: true };
}

const apiEmailState = (e: EmailState) => ({
  status: e.status,
  attempts: e.attempts,
  ...(e.lastAttemptAt ? { lastAttemptAt: e.lastAttemptAt } : {}),
  ...(e.nextAttemptAt && e.status === 'queued' ? { nextAttemptAt: e.nextAttemptAt } : {}),
});

/**
 * Sends the consent email (or the reminder, S2) of a request if it is still queued, claiming it
 * first so two senders (the API call and the scheduled check, or two checks) never both send it.
 * A fresh one-time sign-in token is issued for each attempt; only its hash is stored.
 */
export async function deliverConsentEmail(
  requestId: string,
  which: RequestEmail,
  options: { mailer?: Mailer; now?: string } = {},
): Promise<'sent' | 'retry' | 'failed' | 'skipped'> {
  const now = options.now ?? nowIso();
  const request = await getConsentRequest(requestId);
  const state = request?.[which];
  if (!request || state?.status !== 'queued') return 'skipped';
  if (!(await claimEmail(requestId, which, now))) return 'skipped';
  if (effectiveStatus(request, now) !== 'pending') {
    await recordEmailAttempt(requestId, which, { status: 'failed' }, now, `request is ${effectiveStatus(request, now)}`);
    return 'failed';
  }
  const attempts = state.attempts + 1;
  try {
    const partner = await getPartner(request.partnerId);
    if (!partner) throw new Error('partner not found');
    const provider = partner.providerId ? await getPartner(partner.providerId) : undefined;
    const token = await issueToken({ purpose: 'consent-signin', email: request.recipientEmail, requestId, expiresAt: request.expiresAt });
    const link = `${publicUrl()}/consent/${token}`;
    await (options.mailer ?? sesMailer).send(consentEmail({ partner, provider, request, link, reminder: which === 'reminder' }));
  } catch (error) {
    const failedForGood = attempts >= MAX_EMAIL_ATTEMPTS;
    logger.warn('consent email not sent', { requestId, which, attempts, failedForGood, error: (error as Error).message });
    await recordEmailAttempt(
      requestId,
      which,
      failedForGood ? { status: 'failed' } : { status: 'queued', nextAttemptAt: new Date(Date.parse(now) + emailRetryDelayMs(attempts)).toISOString() },
      now,
      (error as Error).name,
    );
    return failedForGood ? 'failed' : 'retry';
  }
  await recordEmailAttempt(requestId, which, { status: 'sent' }, now);
  return 'sent';
}
