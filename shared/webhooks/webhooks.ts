import type { Actor } from '#shared/domain/actor.ts';
import { isLocal } from '#shared/config/env.ts';
import { conflict, notFound, validationFailed } from '#shared/domain/errors.ts';
import { nowIso } from '#shared/domain/ids.ts';
import { keptSecret, previousSecretValidUntil, redeliveryRefusal, rotatedSecret, webhookUrlProblem, type WebhookEvent } from '#shared/domain/webhooks.ts';
import { commitChange } from '#shared/outbox/commit.ts';
import { idempotent } from '#shared/table/idempotency.ts';
import { deliveryRedelivered, getDelivery, newDeliveryId, type Delivery } from '#shared/table/outbox.ts';
import { getWebhookConfig, webhookConfigPut, type WebhookConfig } from '#shared/table/webhooks.ts';
import { webhookSecret } from './signing.ts';

const CHANGED_MEANWHILE = 'The webhook was changed by another request; retry';

/**
 * Webhooks (API.md): one endpoint per partner. Events are delivered at least once by the stream
 * consumer (shared/workers/deliver-webhook.ts), signed per Standard Webhooks, retried with back-off
 * (S4). The endpoint must be one webhooks may go to (`webhookUrlProblem`), checked again at each
 * delivery. The signing secret is made (and shown) by the first PUT only; later PUTs keep it, so a
 * change of URL or events never breaks a receiver. A new secret comes from `rotateWebhookSecret`.
 */
export async function putWebhook(partnerId: string, input: { url: string; events: WebhookEvent[] }, actor: Actor): Promise<{ url: string; events: WebhookEvent[]; secret?: string }> {
  const problem = webhookUrlProblem(input.url, isLocal());
  if (problem) throw validationFailed([{ path: 'url', message: problem }]);
  const current = await getWebhookConfig(partnerId);
  const at = nowIso();
  const config: WebhookConfig = { url: input.url, events: [...new Set(input.events)], ...(current ? keptSecret(current, at) : { secretVersion: 1 }), updatedAt: at };
  const outcome = await commitChange({
    at,
    writes: [webhookConfigPut(partnerId, config, current)],
    audit: { action: 'webhook.configured', actor, partnerId, details: { url: config.url, events: config.events, secretVersion: config.secretVersion } },
  });
  if (!outcome.ok) throw conflict(CHANGED_MEANWHILE);
  return { url: config.url, events: config.events, ...(current ? {} : { secret: await webhookSecret(partnerId, config.secretVersion) }) };
}

/**
 * `POST /v1/webhook/secret-rotations`: a new signing secret, shown in this answer only; the secret
 * it replaces keeps signing every delivery beside it for 24 hours (`previousSecretValidUntil`), so a
 * receiver can move to the new one without missing a delivery. One conditional write with its audit
 * event (R18); of two rotations at once one wins and the other is a 409. With an Idempotency-Key a
 * retry answers the same secret again and rotates nothing (R20): the stored answer holds the
 * secret's version, never the secret.
 */
export async function rotateWebhookSecret(partnerId: string, options: { idempotencyKey?: string; actor: Actor }): Promise<{ secret: string; previousSecretValidUntil: string; replayed: boolean }> {
  const answer = await idempotent({ partnerId, route: 'POST /v1/webhook/secret-rotations' }, options.idempotencyKey, '', async () => {
    const current = await requireWebhook(partnerId);
    const at = nowIso();
    const rotated = rotatedSecret(current, at);
    const validUntil = previousSecretValidUntil(at);
    const outcome = await commitChange({
      at,
      writes: [webhookConfigPut(partnerId, { ...current, ...rotated }, current)],
      audit: { action: 'webhook.secret_rotated', actor: options.actor, partnerId, details: { secretVersion: rotated.secretVersion, previousSecretVersion: rotated.previousSecretVersion, previousSecretValidUntil: validUntil } },
    });
    if (!outcome.ok) throw conflict(CHANGED_MEANWHILE);
    return { status: 201, body: { secretVersion: rotated.secretVersion, previousSecretValidUntil: validUntil } };
  });
  return { secret: await webhookSecret(partnerId, answer.body.secretVersion), previousSecretValidUntil: answer.body.previousSecretValidUntil, replayed: answer.replayed };
}

/** The partner's webhook endpoint and its events; a 404 while it has registered none. */
export async function requireWebhook(partnerId: string): Promise<WebhookConfig> {
  const config = await getWebhookConfig(partnerId);
  if (!config) throw notFound('Webhook');
  return config;
}

/**
 * `POST /v1/webhook/deliveries/{deliveryId}/redeliver` (and the portal's redeliver button): sends
 * a delivered or failed delivery again, as a new delivery of the same event with the same
 * `webhook-id`, to the webhook as it is now, retried with S4's back-off like any other. One
 * transaction marks the delivery (`redeliveredAs`), inserts the new one (the stream delivers it
 * at once) and writes the audit event (R18). Idempotent: a delivery already redelivered answers
 * the redelivery it has (a double click sends once), and with an Idempotency-Key a retry answers
 * the same (R20). Another partner's delivery is a 404 (R19); a pending one, or an event the
 * webhook no longer takes, a 409.
 */
export async function redeliverWebhook(partnerId: string, deliveryId: string, options: { idempotencyKey?: string; actor: Actor }): Promise<{ delivery: Delivery; created: boolean; replayed: boolean }> {
  const answer = await idempotent({ partnerId, route: 'POST /v1/webhook/deliveries/{deliveryId}/redeliver' }, options.idempotencyKey, deliveryId, async () => {
    const delivery = await getDelivery(partnerId, deliveryId);
    if (!delivery) throw notFound('Webhook delivery');
    const existing = await redeliveryOf(partnerId, delivery);
    if (existing) return { status: 202, body: { deliveryId: existing, created: false } };
    const webhook = await getWebhookConfig(partnerId);
    const refusal = redeliveryRefusal(delivery, webhook);
    if (refusal) throw conflict(refusal);
    const id = newDeliveryId();
    const outcome = await commitChange({
      writes: [deliveryRedelivered(delivery, id)],
      audit: { action: 'webhook.redelivered', actor: options.actor, partnerId, subject: delivery.id, details: { deliveryId: delivery.id, redeliveryId: id, type: delivery.type } },
      outbox: [{ channel: 'redelivery', id, partnerId, deliveryId: delivery.id, messageId: delivery.messageId, type: delivery.type, payload: delivery.payload, url: webhook!.url }],
    });
    if (outcome.ok) return { status: 202, body: { deliveryId: id, created: true } };
    // Redelivered meanwhile by another click: that redelivery is the answer.
    const meanwhile = await redeliveryOf(partnerId, (await getDelivery(partnerId, deliveryId))!);
    if (!meanwhile) throw conflict(CHANGED_MEANWHILE.replace('webhook', 'delivery'));
    return { status: 202, body: { deliveryId: meanwhile, created: false } };
  });
  const delivery = await getDelivery(partnerId, answer.body.deliveryId);
  if (!delivery) throw notFound('Webhook delivery');
  const { messageId: _messageId, payload: _payload, ...listed } = delivery;
  return { delivery: listed, created: answer.body.created, replayed: answer.replayed };
}

/** The redelivery already made of `delivery`, when there is one. */
async function redeliveryOf(partnerId: string, delivery: Delivery): Promise<string | undefined> {
  return delivery.redeliveredAs && (await getDelivery(partnerId, delivery.redeliveredAs)) ? delivery.redeliveredAs : undefined;
}
