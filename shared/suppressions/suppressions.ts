import { systemActor, type Actor } from '#shared/domain/actor.ts';
import { normalizeEmail } from '#shared/domain/directory.ts';
import { nowIso } from '#shared/domain/ids.ts';
import { suppressionsOf, type SesNotice, type SuppressionReason } from '#shared/domain/suppression.ts';
import { logger } from '#shared/observability/logger.ts';
import { countMetric, METRIC } from '#shared/observability/metrics.ts';
import { commitChange } from '#shared/outbox/commit.ts';
import { recordEmailBounced } from '#shared/table/consent-requests.ts';
import { getSuppression, listSuppressions, recordRepeatedNotice, suppressionDelete, suppressionPut, type Suppression } from '#shared/table/suppressions.ts';
import { failedBecause } from '#shared/table/transact.ts';

export { getSuppression, listSuppressions, type Suppression };

const SES_EVENTS = systemActor('ses-events');

/**
 * What the service does with one SES notification (delivered to the ses-events function through
 * the configuration set's SNS topic): counts it, suppresses the addresses of a hard bounce or a
 * complaint (never emailed again), and marks the request's email failed when the email that
 * bounced was a consent email or its reminder (its `requestId` tag came back with the notice).
 */
export async function handleSesNotice(notice: SesNotice, now = nowIso()): Promise<void> {
  switch (notice.kind) {
    case 'delivery':
      countMetric(METRIC.emailsDelivered, notice.recipients.length);
      return;
    case 'bounce':
      if (notice.permanent) countMetric(METRIC.emailsBounced, notice.recipients.length);
      logger.info('email bounced', { permanent: notice.permanent, subType: notice.subType, messageId: notice.messageId, requestId: notice.tags.requestId, recipients: notice.recipients.length });
      break;
    case 'complaint':
      countMetric(METRIC.emailsComplained, notice.recipients.length);
      logger.warn('email complained of', { feedbackType: notice.feedbackType, messageId: notice.messageId, requestId: notice.tags.requestId, recipients: notice.recipients.length });
      break;
    default:
      logger.debug('SES notification ignored', { type: notice.type, messageId: notice.messageId });
      return;
  }
  const details = Object.fromEntries(
    Object.entries({
      bounceSubType: notice.kind === 'bounce' ? notice.subType : undefined,
      diagnosticCode: notice.kind === 'bounce' ? notice.diagnosticCode?.slice(0, 300) : undefined,
      complaintFeedbackType: notice.kind === 'complaint' ? notice.feedbackType : undefined,
      feedbackId: notice.feedbackId,
      messageId: notice.messageId,
      requestId: notice.tags.requestId,
    }).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  for (const { email, reason } of suppressionsOf(notice)) await suppressAddress(email, reason, details, SES_EVENTS, now);
  const requestId = notice.tags.requestId;
  if (notice.kind === 'bounce' && notice.permanent && requestId) {
    await recordEmailBounced(requestId, notice.tags.email === 'reminder' ? 'reminder' : 'email');
  }
}

/**
 * Suppresses an address, with its audit event (R18); an address suppressed already keeps its
 * first reason and counts the notice. Answers whether it was newly suppressed.
 */
export async function suppressAddress(email: string, reason: SuppressionReason, details: Record<string, string>, actor: Actor, now = nowIso()): Promise<boolean> {
  const address = normalizeEmail(email);
  const outcome = await commitChange({
    at: now,
    writes: [suppressionPut({ email: address, reason, at: now, details })],
    audit: { action: 'email.suppressed', actor, subject: address, details: { reason, ...details } },
  });
  if (failedBecause(outcome, 'exists')) {
    await recordRepeatedNotice(address, now);
    return false;
  }
  if (!outcome.ok) throw new Error(`suppression not recorded: ${outcome.failed.join(', ')}`);
  logger.info('address suppressed', { reason });
  return true;
}

/**
 * An operator lifts a suppression (the mailbox exists again, the complaint was a mistake), with
 * its audit event and the operator's reason. Answers whether the address was suppressed.
 */
export async function liftSuppression(email: string, reason: string, actor: Actor): Promise<boolean> {
  const address = normalizeEmail(email);
  const outcome = await commitChange({
    writes: [suppressionDelete(address)],
    audit: { action: 'email.suppression_lifted', actor, subject: address, details: { reason } },
  });
  if (failedBecause(outcome, 'not_found')) return false;
  if (!outcome.ok) throw new Error(`suppression not lifted: ${outcome.failed.join(', ')}`);
  return true;
}
