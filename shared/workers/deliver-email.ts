import { publicUrl } from '#shared/config/env.ts';
import { effectiveStatus, emailRetryDelayMs, MAX_EMAIL_ATTEMPTS } from '#shared/domain/consent.ts';
import { nowIso } from '#shared/domain/ids.ts';
import { renderConsentEmail, renderSignInEmail } from '#shared/mail/consent-email.ts';
import { sesMailer, type Mailer } from '#shared/mail/mailer.ts';
import { logger } from '#shared/observability/logger.ts';
import { countMetric, METRIC } from '#shared/observability/metrics.ts';
import { claimEmail, getConsentRequest, recordEmailAttempt, recordEmailSuppressed, type RequestEmail } from '#shared/table/consent-requests.ts';
import { getUserByEmail } from '#shared/table/directory.ts';
import { signInEmailKeys } from '#shared/table/keys.ts';
import { claimOutboxItem, dropOutboxItem, recordOutboxAttempt } from '#shared/table/outbox.ts';
import { getPartner } from '#shared/table/partners.ts';
import { takeFromWindow } from '#shared/table/rate-limit.ts';
import { LIMITS } from '#shared/domain/rate-limits.ts';
import { getSuppression } from '#shared/table/suppressions.ts';
import { issueToken } from '#shared/table/tokens.ts';

export interface SendOptions {
  mailer?: Mailer;
  /** The time the sender acts at (the scheduled check may be run "as of" another time locally). */
  now?: string;
  /** How long a claim holds (wall clock). */
  leaseMs?: number;
  /**
   * Only an item never tried before (the stream consumer, which sees an item as it is inserted,
   * and again if its batch is retried): a retry keeps its back-off and is the check's (S4).
   */
  firstAttemptOnly?: boolean;
}

export type SendOutcome = 'sent' | 'retry' | 'failed' | 'skipped';

/**
 * Sends the consent email (or the reminder, S2) of a request if it is still queued, claiming it
 * first so two senders (the stream consumer and the scheduled check, or a retried batch) never
 * both send it. A fresh one-time sign-in token is issued for each attempt; only its hash is stored.
 * An address that bounced for good or complained before is never mailed: the email fails at once,
 * without an attempt, and says why (`suppressed`).
 */
export async function deliverConsentEmail(requestId: string, which: RequestEmail, options: SendOptions = {}): Promise<SendOutcome> {
  const now = options.now ?? nowIso();
  const request = await getConsentRequest(requestId);
  const state = request?.[which];
  if (!request || state?.status !== 'queued') return 'skipped';
  if (!(await claimEmail(requestId, which, options))) return 'skipped';
  if (effectiveStatus(request, now) !== 'pending') {
    await recordEmailAttempt(requestId, which, { status: 'failed' }, now, `request is ${effectiveStatus(request, now)}`);
    return 'failed';
  }
  const suppression = await getSuppression(request.recipientEmail);
  if (suppression) {
    await recordEmailSuppressed(requestId, which, suppression.reason);
    countMetric(METRIC.emailsSuppressed);
    logger.info('consent email not sent: the address is suppressed', { requestId, which, reason: suppression.reason });
    return 'failed';
  }
  const attempts = state.attempts + 1;
  let messageId = '';
  try {
    const partner = await getPartner(request.partnerId);
    if (!partner) throw new Error('partner not found');
    const provider = partner.providerId ? await getPartner(partner.providerId) : undefined;
    const token = await issueToken({ purpose: 'consent-signin', email: request.recipientEmail, requestId, expiresAt: request.expiresAt });
    const link = `${publicUrl()}/consent/${token}`;
    // The tags come back with SES's bounce and complaint events (ses-events).
    const tags = { requestId, email: which };
    ({ messageId } = await (options.mailer ?? sesMailer).send({ ...renderConsentEmail({ partner, provider, request, link, reminder: which === 'reminder' }), tags }));
  } catch (error) {
    const failedForGood = attempts >= MAX_EMAIL_ATTEMPTS;
    logger.warn('consent email not sent', { requestId, which, attempts, failedForGood, error: (error as Error).message });
    if (failedForGood) countMetric(METRIC.emailsFailed);
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
  countMetric(METRIC.emailsSent);
  logger.info('consent email sent', { requestId, which, attempts, messageId });
  return 'sent';
}

export const SIGNIN_LINK_MINUTES = 15;
/** A sign-in link is wanted now or not at all: a few quick retries, then it is given up. */
const SIGNIN_ATTEMPTS = 3;

/**
 * Sends a sign-in link asked for on `POST /signin`. The page answered before anything was looked
 * up, the same whether or not the address has an account (and in the same time): here, an address
 * without an account, suppressed (a hard bounce or a complaint before), or past its limit, gets
 * nothing and the item is dropped.
 */
export async function deliverSignInEmail(id: string, options: SendOptions = {}): Promise<SendOutcome> {
  const now = options.now ?? nowIso();
  const key = signInEmailKeys.key(id);
  const claimed = await claimOutboxItem(key, options);
  if (!claimed) return 'skipped';
  const firstAttempt = Number(claimed.attempts) === 0;
  const user = await getUserByEmail(String(claimed.email));
  const suppressed = user ? await getSuppression(user.email) : undefined;
  if (suppressed) countMetric(METRIC.emailsSuppressed);
  if (!user || suppressed || (firstAttempt && !(await takeFromWindow(`signin-emails:${user.email}`, LIMITS.signInEmails)).allowed)) {
    await dropOutboxItem(key);
    return 'skipped';
  }
  const attempts = Number(claimed.attempts) + 1;
  try {
    const token = await issueToken({
      purpose: 'signin',
      email: user.email,
      expiresAt: new Date(Date.now() + SIGNIN_LINK_MINUTES * 60_000).toISOString(),
      ...(claimed.next ? { next: String(claimed.next) } : {}),
    });
    await (options.mailer ?? sesMailer).send({ ...renderSignInEmail({ to: user.email, link: `${publicUrl()}/signin/verify?token=${token}`, expiresInMinutes: SIGNIN_LINK_MINUTES }), tags: { email: 'signin' } });
  } catch (error) {
    const failedForGood = attempts >= SIGNIN_ATTEMPTS;
    logger.warn('sign-in email not sent', { attempts, failedForGood, error: (error as Error).message });
    if (failedForGood) countMetric(METRIC.emailsFailed);
    await recordOutboxAttempt(key, failedForGood ? { status: 'failed' } : { status: 'retry', nextAttemptAt: new Date(Date.parse(now) + 60_000).toISOString() }, { attempts, now, doneStatus: 'sent' });
    return failedForGood ? 'failed' : 'retry';
  }
  await recordOutboxAttempt(key, { status: 'done' }, { attempts, now, doneStatus: 'sent' });
  countMetric(METRIC.emailsSent);
  logger.info('sign-in email sent', { attempts });
  return 'sent';
}
