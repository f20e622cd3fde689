import { lookup } from 'node:dns/promises';
import { Webhook } from 'standardwebhooks';
import { isLocal } from '../config/env.ts';
import { nowIso } from '../domain/ids.ts';
import { isPrivateAddress, MAX_WEBHOOK_ATTEMPTS, webhookRetryDelayMs, webhookUrlProblem, type WebhookEvent } from '../domain/webhooks.ts';
import { logger } from '../observability/logger.ts';
import { webhookDeliveryKeys } from '../table/keys.ts';
import { claimOutboxItem, dropOutboxItem, recordOutboxAttempt } from '../table/outbox.ts';
import { getWebhookConfig } from '../table/webhooks.ts';
import { webhookSecret } from '../webhooks/signing.ts';

const DELIVERY_TIMEOUT_MS = 5000;

/**
 * SSRF guard in AWS: a public-looking name that resolves to a private, loopback or link-local
 * address is refused. (The connection resolves again; a rebinding name could still switch between
 * the check and the connect: pinning the checked address needs a custom agent, not done yet.)
 */
async function resolvesPrivately(url: string): Promise<string | undefined> {
  try {
    const addresses = await lookup(new URL(url).hostname, { all: true });
    return addresses.some((a) => isPrivateAddress(a.address, a.family as 4 | 6)) ? 'resolves to a private address' : undefined;
  } catch {
    return undefined; // unresolvable now: the attempt fails and is retried
  }
}

export type DeliveryOutcome = 'delivered' | 'retry' | 'failed' | 'skipped';

/**
 * One attempt at a webhook delivery, claimed first (so two senders never both send it): to the
 * partner's endpoint and secret as they are now. An event the partner is not subscribed to when
 * it is first tried is dropped unseen; otherwise it is listed in the partner's deliveries, and a
 * 2xx marks it delivered while anything else schedules a retry, or marks it failed after the last
 * attempt (S4). A repeat of an attempt (a sender that died before recording it) carries the same
 * `webhook-id`, so the receiver can tell.
 */
export async function deliverWebhook(id: string, options: { now?: string; leaseMs?: number; firstAttemptOnly?: boolean } = {}): Promise<DeliveryOutcome> {
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
  const problem = !config
    ? 'webhook removed'
    : !subscribed
      ? 'event no longer subscribed'
      : (webhookUrlProblem(url, isLocal()) ?? (isLocal() ? undefined : await resolvesPrivately(url)));
  let statusCode = 0;
  if (!problem) {
    try {
      const signer = new Webhook(await webhookSecret(partnerId, config!.secretVersion));
      const sentAt = new Date();
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'device-consent-webhooks/1',
          'webhook-id': id,
          'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
          'webhook-signature': signer.sign(id, sentAt, String(claimed.payload)),
        },
        body: String(claimed.payload),
        redirect: 'manual',
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      statusCode = res.status;
      await res.body?.cancel();
    } catch (error) {
      logger.info('webhook delivery failed', { id, error: (error as Error).message });
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
  return delivered ? 'delivered' : failed ? 'failed' : 'retry';
}
