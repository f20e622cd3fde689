import { createHmac, randomBytes } from 'node:crypto';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Webhook } from 'standardwebhooks';
import { isLocal } from '../config/env.ts';
import { getSecrets } from '../config/secrets.ts';
import { nowIso } from '../domain/ids.ts';
import { lookup } from 'node:dns/promises';
import { isPrivateAddress, MAX_WEBHOOK_ATTEMPTS, webhookRetryDelayMs, webhookUrlProblem, type WebhookEvent } from '../domain/webhooks.ts';
import { logger } from '../http/logger.ts';
import { db, tableName } from '../table/client.ts';
import { queryPage, type Page, type PageRequest } from '../table/page.ts';
import { ConditionFailed, ifConditionHolds, transact, type TransactItem } from '../table/transact.ts';
import { type Actor, auditPut } from '../table/audit.ts';
import { conflict } from '../domain/errors.ts';

/**
 * Webhooks (API.md): one endpoint per partner; events delivered at least once through an outbox
 * of delivery items written in the same transaction as the change they report, signed per the
 * Standard Webhooks specification with the `standardwebhooks` library, retried with back-off (S4).
 *
 * Signing secrets are never stored: each is derived from the service's webhook key, the partner
 * and a version that a new `PUT /v1/webhook` bumps (which is how a partner rotates its secret).
 */
const configKey = (partnerId: string) => ({ pk: `PARTNER#${partnerId}`, sk: 'WEBHOOK' });
const deliveryKey = (id: string) => ({ pk: `WEBHOOK#${id}`, sk: 'DELIVERY' });

export interface WebhookConfig {
  url: string;
  events: WebhookEvent[];
  secretVersion: number;
  updatedAt: string;
}

async function secretFor(partnerId: string, version: number): Promise<string> {
  const { webhookKey } = await getSecrets();
  return `whsec_${createHmac('sha256', webhookKey).update(`webhook-secret\n${partnerId}\n${version}`).digest('base64')}`;
}

/** Registers (or replaces) the partner's endpoint; the answer carries the new secret, shown this once. */
export async function putWebhook(partnerId: string, input: { url: string; events: WebhookEvent[] }, actor: Actor) {
  const current = await getWebhook(partnerId);
  const config: WebhookConfig = { url: input.url, events: [...new Set(input.events)], secretVersion: (current?.secretVersion ?? 0) + 1, updatedAt: nowIso() };
  try {
    await transact([
      {
        Put: {
          TableName: tableName(),
          Item: { ...configKey(partnerId), type: 'webhook', ...config },
          // The version read is the version replaced: two PUTs at once cannot hand out one secret twice.
          ConditionExpression: current ? 'secretVersion = :read' : 'attribute_not_exists(pk)',
          ...(current ? { ExpressionAttributeValues: { ':read': current.secretVersion } } : {}),
        },
      },
      auditPut({ action: 'webhook.configured', actor, partnerId, details: { url: config.url, events: config.events, secretVersion: config.secretVersion } }),
    ]);
  } catch (error) {
    if (error instanceof ConditionFailed) throw conflict('The webhook was changed by another request; retry');
    throw error;
  }
  return { url: config.url, events: config.events, secret: await secretFor(partnerId, config.secretVersion) };
}

export async function getWebhook(partnerId: string): Promise<WebhookConfig | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: configKey(partnerId), ConsistentRead: true }));
  return out.Item as WebhookConfig | undefined;
}

export interface EventToSend {
  partnerId: string;
  type: WebhookEvent;
  data: Record<string, unknown>;
}

export interface Delivery {
  id: string;
  partnerId: string;
  type: WebhookEvent;
  url: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  createdAt: string;
  lastAttemptAt?: string;
  lastStatusCode?: number;
  nextAttemptAt?: string;
}

/**
 * The outbox items for these events, for the partners subscribed to them now, to be written in the
 * transaction of the change. Returns the items and the ids of the deliveries to attempt afterwards.
 */
export async function webhookOutbox(events: EventToSend[], now = nowIso()): Promise<{ items: TransactItem[]; ids: string[] }> {
  const items: TransactItem[] = [];
  const ids: string[] = [];
  for (const event of events) {
    const config = await getWebhook(event.partnerId);
    if (!config || !config.events.includes(event.type)) continue;
    const id = `msg_${randomBytes(12).toString('hex')}`;
    const payload = JSON.stringify({ type: event.type, timestamp: now, data: event.data });
    items.push({
      Put: {
        TableName: tableName(),
        Item: {
          ...deliveryKey(id),
          type: 'webhookDelivery',
          id,
          partnerId: event.partnerId,
          eventType: event.type,
          url: config.url,
          payload,
          status: 'pending',
          attempts: 0,
          createdAt: now,
          gsi1pk: `PARTNER#${event.partnerId}#WEBHOOKS`,
          gsi1sk: `${now}#${id}`,
          dueKind: 'webhook',
          dueAt: now,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
    ids.push(id);
  }
  return { items, ids };
}

/**
 * Tries freshly written deliveries at once, so partners hear within seconds; anything that fails
 * here stays in the outbox for the scheduled check.
 */
export async function deliverNow(ids: string[]): Promise<void> {
  await Promise.all(ids.map((id) => deliverWebhook(id).catch((error: unknown) => logger.warn('webhook delivery error', { id, error: error as Error }))));
}

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

/**
 * One delivery attempt, claimed first (so two runners never both send it): POST the signed body;
 * a 2xx marks it delivered; anything else schedules a retry, or marks it failed after the last.
 */
export async function deliverWebhook(id: string, now = nowIso()): Promise<'delivered' | 'retry' | 'failed' | 'skipped'> {
  const out = await ifConditionHolds(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: deliveryKey(id),
        UpdateExpression: 'SET claimedUntil = :until',
        ConditionExpression: '#status = :pending AND (attribute_not_exists(claimedUntil) OR claimedUntil < :now)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': 'pending', ':now': now, ':until': new Date(Date.parse(now) + 60_000).toISOString() },
        ReturnValues: 'ALL_NEW',
      }),
    ),
  );
  if (!out) return 'skipped';
  const claimed = out.Attributes ?? {};
  const attempts = Number(claimed.attempts) + 1;
  let statusCode = 0;
  // The endpoint and secret as they are now: a partner that moved or rotated gets retries there.
  const config = await getWebhook(String(claimed.partnerId));
  const url = config?.url ?? String(claimed.url);
  const problem = !config
    ? 'webhook removed'
    : !config.events.includes(claimed.eventType as WebhookEvent)
      ? 'event no longer subscribed'
      : (webhookUrlProblem(url, isLocal()) ?? (isLocal() ? undefined : await resolvesPrivately(url)));
  if (!problem) {
    try {
      const signer = new Webhook(await secretFor(String(claimed.partnerId), config!.secretVersion));
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
  const next = new Date(Date.parse(now) + webhookRetryDelayMs(attempts)).toISOString();
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: deliveryKey(id),
      UpdateExpression: delivered || failed
        ? 'SET #status = :status, attempts = :attempts, lastAttemptAt = :now, lastStatusCode = :code, #url = :url REMOVE claimedUntil, dueKind, dueAt, nextAttemptAt'
        : 'SET attempts = :attempts, lastAttemptAt = :now, lastStatusCode = :code, nextAttemptAt = :next, dueAt = :next, #url = :url REMOVE claimedUntil',
      ExpressionAttributeNames: delivered || failed ? { '#status': 'status', '#url': 'url' } : { '#url': 'url' },
      ExpressionAttributeValues: {
        ':url': url,
        ':attempts': attempts,
        ':now': now,
        ':code': statusCode,
        ...(delivered || failed ? { ':status': delivered ? 'delivered' : 'failed' } : { ':next': next }),
      },
    }),
  );
  return delivered ? 'delivered' : failed ? 'failed' : 'retry';
}

const toDelivery = (item: Record<string, unknown>): Delivery => ({
  id: item.id as string,
  partnerId: item.partnerId as string,
  type: item.eventType as WebhookEvent,
  url: item.url as string,
  status: item.status as Delivery['status'],
  attempts: item.attempts as number,
  createdAt: item.createdAt as string,
  ...(item.lastAttemptAt ? { lastAttemptAt: item.lastAttemptAt as string } : {}),
  ...(item.lastStatusCode !== undefined ? { lastStatusCode: item.lastStatusCode as number } : {}),
  ...(item.nextAttemptAt ? { nextAttemptAt: item.nextAttemptAt as string } : {}),
});

/** The partner's deliveries, newest first: S4's "visible in the API". */
export const listDeliveries = (partnerId: string, page: PageRequest): Promise<Page<Delivery>> =>
  queryPage(
    { TableName: tableName(), IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': `PARTNER#${partnerId}#WEBHOOKS` }, ScanIndexForward: false },
    page,
    toDelivery,
  );

