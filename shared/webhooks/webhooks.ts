import type { Actor } from '#shared/domain/actor.ts';
import { isLocal } from '#shared/config/env.ts';
import { conflict, notFound, validationFailed } from '#shared/domain/errors.ts';
import { nowIso } from '#shared/domain/ids.ts';
import { webhookUrlProblem, type WebhookEvent } from '#shared/domain/webhooks.ts';
import { commitChange } from '#shared/outbox/commit.ts';
import { getWebhookConfig, webhookConfigPut, type WebhookConfig } from '#shared/table/webhooks.ts';
import { webhookSecret } from './signing.ts';

/**
 * Webhooks (API.md): one endpoint per partner. Events are delivered at least once by the stream
 * consumer (shared/workers/deliver-webhook.ts), signed per Standard Webhooks, retried with back-off
 * (S4). The endpoint must be one webhooks may go to (`webhookUrlProblem`), checked again at each
 * delivery.
 */
export async function putWebhook(partnerId: string, input: { url: string; events: WebhookEvent[] }, actor: Actor) {
  const problem = webhookUrlProblem(input.url, isLocal());
  if (problem) throw validationFailed([{ path: 'url', message: problem }]);
  const current = await getWebhookConfig(partnerId);
  const config: WebhookConfig = { url: input.url, events: [...new Set(input.events)], secretVersion: (current?.secretVersion ?? 0) + 1, updatedAt: nowIso() };
  // The version read is the version replaced: two PUTs at once cannot hand out one secret twice.
  const outcome = await commitChange({
    at: config.updatedAt,
    writes: [webhookConfigPut(partnerId, config, current)],
    audit: { action: 'webhook.configured', actor, partnerId, details: { url: config.url, events: config.events, secretVersion: config.secretVersion } },
  });
  if (!outcome.ok) throw conflict('The webhook was changed by another request; retry');
  return { url: config.url, events: config.events, secret: await webhookSecret(partnerId, config.secretVersion) };
}

/** The partner's webhook endpoint and its events; a 404 while it has registered none. */
export async function requireWebhook(partnerId: string): Promise<WebhookConfig> {
  const config = await getWebhookConfig(partnerId);
  if (!config) throw notFound('Webhook');
  return config;
}
