import { Webhook } from 'standardwebhooks';
import { isLocal } from '#shared/config/env.ts';
import { signingSecretVersions, webhookUrlProblem, type WebhookEvent } from '#shared/domain/webhooks.ts';
import { logger } from '#shared/observability/logger.ts';
import { countMetric, METRIC } from '#shared/observability/metrics.ts';
import { webhookDeliveryKeys } from '#shared/table/keys.ts';
import { getWebhookConfig } from '#shared/table/webhooks.ts';
import { webhookSecret } from '#shared/webhooks/signing.ts';
import { postPinned, wasRefused } from '#shared/webhooks/pinned-request.ts';
import type { Attempt, AttemptContext } from './outbox-item.ts';

const DELIVERY_TIMEOUT_MS = 5000;

/**
 * One attempt at a webhook delivery, claimed by the outbox's state machine (./outbox-item.ts): to
 * the partner's endpoint and secrets as they are now. An event the partner is not subscribed to
 * when it is first tried is dropped unseen; otherwise it is listed in the partner's deliveries from
 * this attempt on. A 2xx is done; another answer, or no answer, may succeed later; a webhook removed,
 * no longer subscribed, or at an address it may not reach never will. A repeat of an attempt (a
 * sender that died before recording it) carries the same `webhook-id`, so the receiver can tell.
 */
export async function attemptWebhookDelivery(item: Record<string, unknown>, { attemptsBefore, resolve }: AttemptContext): Promise<Attempt> {
  const id = String(item.id);
  // A redelivery carries the webhook-id of the delivery it sends again (Standard Webhooks).
  const messageId = String(item.messageId ?? item.id);
  const partnerId = String(item.partnerId);
  const eventType = item.eventType as WebhookEvent;
  const config = await getWebhookConfig(partnerId);
  const subscribed = config?.events.includes(eventType) ?? false;
  if (!subscribed && attemptsBefore === 0) return { result: 'dropped' };
  const url = config?.url ?? String(item.url);
  let problem = !config ? 'webhook removed' : !subscribed ? 'event no longer subscribed' : webhookUrlProblem(url, isLocal());
  let statusCode = 0;
  if (!problem) {
    // SSRF guard: this attempt's connection goes only to an address its own lookup resolved and
    // checked (never a second resolution), and no redirect is followed.
    try {
      // Signed with every secret that signs now: during a rotation's overlap the new one and the one
      // it replaced, space-separated as Standard Webhooks allows, so a receiver verifies with either.
      const sentAt = new Date();
      const secrets = await Promise.all(signingSecretVersions(config!, sentAt).map((version) => webhookSecret(partnerId, version)));
      const signature = secrets.map((secret) => new Webhook(secret).sign(messageId, sentAt, String(item.payload))).join(' ');
      statusCode = await postPinned(url, {
        headers: {
          'content-type': 'application/json',
          'user-agent': 'device-consent-webhooks/1',
          'webhook-id': messageId,
          'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
          'webhook-signature': signature,
        },
        body: String(item.payload),
        resolve,
        local: isLocal(),
        timeoutMs: DELIVERY_TIMEOUT_MS,
      });
    } catch (error) {
      if (wasRefused(error)) problem = 'resolves to a private address';
      logger.info('webhook delivery failed', { id, error: (error as Error).message, ...(problem ? { problem } : {}) });
    }
  }
  const delivered = statusCode >= 200 && statusCode < 300;
  return {
    ...(delivered ? { result: 'done' } : { result: 'failed', retryable: problem === undefined, ...(problem ? { error: problem } : {}) }),
    // Listed in the partner's deliveries from its first attempt on.
    alongside: () => ({ set: { url, lastStatusCode: statusCode, ...webhookDeliveryKeys.indexes({ partnerId, createdAt: String(item.createdAt), id }) } }),
    recorded: (decision, attempts) => {
      const failed = decision.status === 'failed';
      if (delivered) countMetric(METRIC.webhooksDelivered);
      if (failed) countMetric(METRIC.webhooksFailed);
      logger.info(delivered ? 'webhook delivered' : failed ? 'webhook failed for good' : 'webhook attempt failed, retried later', { id, eventType, partnerId, attempts, statusCode, ...(problem ? { problem } : {}) });
    },
  };
}
