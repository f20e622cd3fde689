import { Webhook } from 'standardwebhooks';
import { isLocal } from '#shared/config/env.ts';
import { nowIso } from '#shared/domain/ids.ts';
import { MAX_WEBHOOK_ATTEMPTS, webhookRetryDelayMs, webhookUrlProblem, type WebhookEvent } from '#shared/domain/webhooks.ts';
import { logger } from '#shared/observability/logger.ts';
import { countMetric, METRIC } from '#shared/observability/metrics.ts';
import { webhookDeliveryKeys } from '#shared/table/keys.ts';
import { claimOutboxItem, dropOutboxItem, recordOutboxAttempt } from '#shared/table/outbox.ts';
import { getWebhookConfig } from '#shared/table/webhooks.ts';
import { webhookSecret } from '#shared/webhooks/signing.ts';
import { postPinned, wasRefused, type Resolver } from '#shared/webhooks/pinned-request.ts';

const DELIVERY_TIMEOUT_MS = 5000;

export type DeliveryOutcome = 'delivered' | 'retry' | 'failed' | 'skipped';

/**
 * One attempt at a webhook delivery, claimed first (so two senders never both send it): to the
 * partner's endpoint and secret as they are now. An event the partner is not subscribed to when
 * it is first tried is dropped unseen; otherwise it is listed in the partner's deliveries, and a
 * 2xx marks it delivered while anything else schedules a retry, or marks it failed after the last
 * attempt (S4). A repeat of an attempt (a sender that died before recording it) carries the same
 * `webhook-id`, so the receiver can tell.
 */
export async function deliverWebhook(id: string, options: { now?: string; leaseMs?: number; firstAttemptOnly?: boolean; resolve?: Resolver } = {}): Promise<DeliveryOutcome> {
  const now = options.now ?? nowIso();
  const key = webhookDeliveryKeys.key(id);
  const claimed = await claimOutboxItem(key, options);
  if (!claimed) return 'skipped';
  const partnerId = String(claimed.partnerId);
  const eventType = claimed.eventType as WebhookEvent;
  const attempts = Number(claimed.attempts) + 1;
  const config = await getWebhookConfig(partnerId);
  const subscribed = config?.events.includes(eventType) ?? false;
  if (!subscribed && Number(claimed.attempts) === 0) {
    await dropOutboxItem(key);
    return 'skipped';
  }
  const url = config?.url ?? String(claimed.url);
  let problem = !config ? 'webhook removed' : !subscribed ? 'event no longer subscribed' : webhookUrlProblem(url, isLocal());
  let statusCode = 0;
  if (!problem) {
    // SSRF guard: this attempt's connection goes only to an address its own lookup resolved and
    // checked (never a second resolution), and no redirect is followed.
    try {
      const signer = new Webhook(await webhookSecret(partnerId, config!.secretVersion));
      const sentAt = new Date();
      statusCode = await postPinned(url, {
        headers: {
          'content-type': 'application/json',
          'user-agent': 'device-consent-webhooks/1',
          'webhook-id': id,
          'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
          'webhook-signature': signer.sign(id, sentAt, String(claimed.payload)),
        },
        body: String(claimed.payload),
        resolve: options.resolve,
        local: isLocal(),
        timeoutMs: DELIVERY_TIMEOUT_MS,
      });
    } catch (error) {
      if (wasRefused(error)) problem = 'resolves to a private address';
      logger.info('webhook delivery failed', { id, error: (error as Error).message, ...(problem ? { problem } : {}) });
    }
  }
  const delivered = statusCode >= 200 && statusCode < 300;
  const failed = !delivered && (attempts >= MAX_WEBHOOK_ATTEMPTS || problem !== undefined);
  await recordOutboxAttempt(
    key,
    delivered ? { status: 'done' } : failed ? { status: 'failed' } : { status: 'retry', nextAttemptAt: new Date(Date.parse(now) + webhookRetryDelayMs(attempts)).toISOString() },
    {
      attempts,
      now,
      doneStatus: 'delivered',
      // Listed in the partner's deliveries from its first attempt on.
      set: { url, lastStatusCode: statusCode, ...webhookDeliveryKeys.indexes({ partnerId, createdAt: String(claimed.createdAt), id }) },
    },
  );
  if (delivered) countMetric(METRIC.webhooksDelivered);
  if (failed) countMetric(METRIC.webhooksFailed);
  logger.info(delivered ? 'webhook delivered' : failed ? 'webhook failed for good' : 'webhook attempt failed, retried later', { id, eventType, partnerId, attempts, statusCode, ...(problem ? { problem } : {}) });
  return delivered ? 'delivered' : failed ? 'failed' : 'retry';
}
