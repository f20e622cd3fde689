import { publicUrl } from '#shared/config/env.ts';
import { effectiveStatus } from '#shared/domain/consent.ts';
import { mailboxOf } from '#shared/domain/mailbox.ts';
import { LIMITS } from '#shared/domain/rate-limits.ts';
import { renderConsentEmail, renderSignInEmail } from '#shared/mail/consent-email.ts';
import { renderNoticeEmail } from '#shared/mail/notice-email.ts';
import type { AdminNotice } from '#shared/domain/outbox-events.ts';
import { effectiveApproval } from '#shared/domain/held-batches.ts';
import { getBatch } from '#shared/table/batches.ts';
import { sesMailer } from '#shared/mail/mailer.ts';
import { logger } from '#shared/observability/logger.ts';
import { countMetric, METRIC } from '#shared/observability/metrics.ts';
import { getConsentRequest, requestEmailRecorded, type RequestEmail } from '#shared/table/consent-requests.ts';
import { getTenant, getUserByEmail } from '#shared/table/directory.ts';
import { getItem } from '#shared/table/batch.ts';
import { claimKeys } from '#shared/table/keys.ts';
import { toClaimOwner } from '#shared/table/device-claims.ts';
import { getPartner, getPartners } from '#shared/table/partners.ts';
import { takeFromWindow } from '#shared/table/rate-limit.ts';
import { getSuppression } from '#shared/table/suppressions.ts';
import { issueToken } from '#shared/table/tokens.ts';
import { findPeopleByEmail, getPartnerPersonByEmail } from '#shared/table/partner-people.ts';
import type { Attempt, AttemptContext } from './outbox-item.ts';

/**
 * One attempt at a request's consent email (or its reminder, S2), claimed by the outbox's state
 * machine (./outbox-item.ts). A fresh one-time sign-in token is issued for each attempt; only its
 * hash is stored. An address that bounced for good or complained before is never mailed: the
 * email fails at once, without an attempt, and says why (`suppressed`). Each decision is shown on
 * the request (API.md `email`, `reminder`) in the same write as the item's record.
 */
export async function attemptConsentEmail(item: Record<string, unknown>, { now, mailer }: AttemptContext): Promise<Attempt> {
  const requestId = String(item.requestId);
  const which: RequestEmail = item.which === 'reminder' ? 'reminder' : 'email';
  const request = await getConsentRequest(requestId);
  const state = request?.[which];
  // Only a pointer of the previous version can point at an email that is not queued (it was removed once settled).
  if (!request || state?.status !== 'queued') return { result: 'dropped' };
  // A pointer of the previous version does not count attempts: its request did.
  const attemptsBefore = item.attempts === undefined ? state.attempts : undefined;
  const onRequest = (error?: string): Pick<Attempt, 'alongside' | 'attemptsBefore'> => ({
    attemptsBefore,
    alongside: (decision, attempts) => ({
      writes: [
        requestEmailRecorded(
          requestId,
          which,
          decision.status === 'done' ? { status: 'sent', attempts } : decision.status === 'retry' ? { status: 'queued', attempts, nextAttemptAt: decision.nextAttemptAt, error } : { status: 'failed', attempts, error },
          now,
        ),
      ],
    }),
  });
  const status = effectiveStatus(request, now);
  if (status !== 'pending') return { result: 'failed', retryable: false, ...onRequest(`request is ${status}`) };
  const suppression = await getSuppression(request.recipientEmail);
  if (suppression) {
    return {
      result: 'failed',
      retryable: false,
      attempted: false,
      alongside: () => ({ writes: [requestEmailRecorded(requestId, which, { status: 'failed', suppressed: suppression.reason }, now)] }),
      recorded: () => {
        countMetric(METRIC.emailsSuppressed);
        logger.info('consent email not sent: the address is suppressed', { requestId, which, reason: suppression.reason });
      },
    };
  }
  let messageId = '';
  try {
    const partner = await getPartner(request.partnerId);
    if (!partner) throw new Error('partner not found');
    const provider = partner.providerId ? await getPartner(partner.providerId) : undefined;
    const token = await issueToken({ purpose: 'consent-signin', email: request.recipientEmail, requestId, expiresAt: request.expiresAt });
    const link = `${publicUrl()}/consent/${token}`;
    // The tags come back with SES's bounce and complaint events (ses-events).
    const tags = { requestId, email: which };
    ({ messageId } = await (mailer ?? sesMailer).send({ ...renderConsentEmail({ partner, provider, request, link, reminder: which === 'reminder' }), tags }));
  } catch (error) {
    return {
      result: 'failed',
      retryable: true,
      ...onRequest((error as Error).name),
      recorded: (decision, attempts) => {
        const failedForGood = decision.status === 'failed';
        logger.warn('consent email not sent', { requestId, which, attempts, failedForGood, error: (error as Error).message });
        if (failedForGood) countMetric(METRIC.emailsFailed);
      },
    };
  }
  return {
    result: 'done',
    ...onRequest(),
    recorded: (_decision, attempts) => {
      countMetric(METRIC.emailsSent);
      logger.info('consent email sent', { requestId, which, attempts, messageId });
    },
  };
}

export const SIGNIN_LINK_MINUTES = 15;

/**
 * One attempt at a sign-in link asked for on `POST /signin`. The page answered before anything was
 * looked up, the same whether or not the address has an account (and in the same time): here, an
 * address without an account, suppressed (a hard bounce or a complaint before), or past its limit
 * (taken at the first attempt only), gets nothing and the item is dropped.
 */
export async function attemptSignInEmail(item: Record<string, unknown>, context: AttemptContext): Promise<Attempt> {
  if (item.portal === 'partner') return attemptPartnerSignInEmail(item, context);
  const { mailer, attemptsBefore } = context;
  const user = await getUserByEmail(String(item.email));
  const suppressed = user ? await getSuppression(user.email) : undefined;
  if (suppressed) countMetric(METRIC.emailsSuppressed);
  if (!user || suppressed || (attemptsBefore === 0 && !(await takeFromWindow(`signin-emails:${mailboxOf(user.email)}`, LIMITS.signInEmails)).allowed)) return { result: 'dropped' };
  try {
    const token = await issueToken({
      purpose: 'signin',
      email: user.email,
      expiresAt: new Date(Date.now() + SIGNIN_LINK_MINUTES * 60_000).toISOString(),
      ...(item.next ? { next: String(item.next) } : {}),
    });
    await (mailer ?? sesMailer).send({ ...renderSignInEmail({ to: user.email, links: [{ link: `${publicUrl()}/signin/verify?token=${token}` }], expiresInMinutes: SIGNIN_LINK_MINUTES }), tags: { email: 'signin' } });
  } catch (error) {
    return {
      result: 'failed',
      retryable: true,
      recorded: (decision, attempts) => {
        const failedForGood = decision.status === 'failed';
        logger.warn('sign-in email not sent', { attempts, failedForGood, error: (error as Error).message });
        if (failedForGood) countMetric(METRIC.emailsFailed);
      },
    };
  }
  return {
    result: 'done',
    recorded: (_decision, attempts) => {
      countMetric(METRIC.emailsSent);
      logger.info('sign-in email sent', { attempts });
    },
  };
}

/**
 * One attempt at a notice to a tenant's global admin, one item per admin (S7: a partner's
 * delegated admin roles end soon; R27, R28: a partner's batch waits for approval). What it says
 * is on the item; the partner's and the tenant's names (and a held batch's provider) are read now.
 * A suppressed address, a partner or a tenant gone: nothing to send (dropped). A held batch
 * decided or expired before its email left needs none: dropped too (one more read, the batch's).
 * R26: a claim's notice names who claims on the item (R19: never the claimant tenant) and reads
 * only the owner's part of the claim: gone, or answered in full already (not `open`), dropped.
 */
export async function attemptNoticeEmail(item: Record<string, unknown>, { mailer, now }: AttemptContext): Promise<Attempt> {
  const to = String(item.email);
  const notice = item.notice as AdminNotice;
  const held = notice.kind === 'held_batch' ? notice : undefined;
  const claim = notice.kind === 'device_claim' ? notice : undefined;
  const ofPartner = notice.kind === 'device_claim' ? undefined : notice;
  const [suppressed, partner, tenant, batch, owner] = await Promise.all([
    getSuppression(to),
    ofPartner ? getPartner(ofPartner.partnerId) : undefined,
    ofPartner ? getTenant(ofPartner.tenantId) : undefined,
    held ? getBatch(held.batchId) : undefined,
    claim ? getItem({ key: claimKeys.owner(claim.claimId, claim.tenantId), from: (found) => (found ? toClaimOwner(found) : undefined) }) : undefined,
  ]);
  if (suppressed || (ofPartner && (!partner || !tenant))) return { result: 'dropped' };
  if (held && (batch?.status !== 'awaiting_approval' || effectiveApproval(batch.approval!, now) !== 'pending')) return { result: 'dropped' };
  if (claim && owner?.status !== 'open') return { result: 'dropped' };
  try {
    const provider = held && partner?.providerId ? await getPartner(partner.providerId) : undefined;
    const tags: Record<string, string> = held ? { batchId: held.batchId, email: 'held_batch' } : claim ? { email: 'claim' } : { email: 'notice' };
    await (mailer ?? sesMailer).send({ ...renderNoticeEmail({ to, notice, ...(partner ? { partner } : {}), ...(provider ? { provider } : {}), ...(tenant ? { tenantName: tenant.name } : {}), portalUrl: `${publicUrl()}/portal` }), tags });
  } catch (error) {
    return {
      result: 'failed',
      retryable: true,
      recorded: (decision, attempts) => {
        logger.warn('notice email not sent', { attempts, failedForGood: decision.status === 'failed', error: (error as Error).message });
        if (decision.status === 'failed') countMetric(METRIC.emailsFailed);
      },
    };
  }
  return { result: 'done', recorded: () => countMetric(METRIC.emailsSent) };
}

/**
 * R32: one attempt at a partner portal sign-in link (an invitation is one). As the customers': the
 * page answered before anything was looked up; an address that is no (active) partner's person
 * (or no longer the inviting partner's), suppressed, or past the limit shared with the customers'
 * sign-in (5 per address per 15 minutes, taken at the first attempt) gets nothing. One link per
 * partner the address is a person of (each signs into that partner only), in one email.
 */
async function attemptPartnerSignInEmail(item: Record<string, unknown>, { mailer, attemptsBefore }: AttemptContext): Promise<Attempt> {
  const email = String(item.email);
  const people = item.partnerId ? [await getPartnerPersonByEmail(String(item.partnerId), email)].filter((p) => p !== undefined) : await findPeopleByEmail(email);
  const partners = (await getPartners(people.slice(0, 10).map((p) => p.partnerId))).filter((p) => p?.status === 'active');
  if (partners.length === 0 || (await getSuppression(email)) || (attemptsBefore === 0 && !(await takeFromWindow(`signin-emails:${mailboxOf(email)}`, LIMITS.signInEmails)).allowed)) return { result: 'dropped' };
  const expiresAt = new Date(Date.now() + SIGNIN_LINK_MINUTES * 60_000).toISOString();
  try {
    const links = await Promise.all(
      partners.map(async (p) => ({ name: p!.name, link: `${publicUrl()}/partner/signin/verify?token=${await issueToken({ purpose: 'partner-signin', email, partnerId: p!.id, expiresAt, ...(item.next ? { next: String(item.next) } : {}) })}` })),
    );
    await (mailer ?? sesMailer).send({ ...renderSignInEmail({ to: email, links, expiresInMinutes: SIGNIN_LINK_MINUTES, portal: { invited: Boolean(item.invited) } }), tags: { email: 'partner-signin' } });
  } catch {
    return {
      result: 'failed',
      retryable: true,
      recorded: (decision) => {
        if (decision.status === 'failed') countMetric(METRIC.emailsFailed);
      },
    };
  }
  return { result: 'done', recorded: () => countMetric(METRIC.emailsSent) };
}
