import { randomBytes } from 'node:crypto';
import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { REQUEST_LIFETIME_DAYS } from '#shared/domain/consent.ts';
import type { OutboxDecision, OutboxItemType } from '#shared/domain/outbox-retries.ts';
import type { WebhookEvent } from '#shared/domain/webhooks.ts';
import { webhookPayload, type OutboxMessage } from '#shared/domain/outbox-events.ts';
import { db, tableName } from './client.ts';
import { OUTBOX_ATTRIBUTE, TTL_ATTRIBUTE } from './definition.ts';
import { batchKeys, dueKeys, noticeEmailKeys, requestEmailKeys, signInEmailKeys, uploadKeys, webhookDeliveryKeys, type Key } from './keys.ts';
import { keyQuery, queryPage, type Page, type PageRequest } from './page.ts';
import { shardedQueryPage } from './sharded-page.ts';
import { ifConditionHolds, transact, type Write } from './transact.ts';

/**
 * The outbox items: each is inserted by the transaction of the change it reports (never by
 * anything else: see shared/outbox/commit.ts), marked with the `outbox` attribute that the stream's
 * filter selects, and put on the due index a little later than now, so the scheduled check picks
 * it up only if the stream consumer has not done it by then (S4). Every kind keeps the same state:
 * `status` (pending, then its done status, or failed), `attempts`, `lastAttemptAt`,
 * `nextAttemptAt` and the claim (`claimedUntil`); shared/workers/outbox-item.ts moves it.
 */
export const OUTBOX_GRACE_MS = 2 * 60 * 1000;

/** `at` plus `ms`, as an ISO timestamp. */
export const later = (at: string, ms: number) => new Date(Date.parse(at) + ms).toISOString();

/** A new webhook delivery's id (also its `webhook-id`, unless it sends an earlier one again). */
export const newDeliveryId = () => `msg_${randomBytes(12).toString('hex')}`;

/** What a done item is called, by kind: a webhook delivery is `delivered` (API.md), an email `sent`. */
const DONE_STATUS: { readonly [T in OutboxItemType]: string } = { emailDue: 'sent', signinEmail: 'sent', noticeEmail: 'sent', webhookDelivery: 'delivered', batchTask: 'done', uploadImport: 'done' };

/** Seconds since the epoch, `days` after `at`: when TTL may remove an item. */
const ttlAfter = (at: string, days: number) => Math.ceil(Date.parse(at) / 1000) + days * 86400;

/**
 * The item of one outbox message, committed at `at`. Only `commitChange` calls this. Each item
 * carries the due index keys and the correlation id of the change that queued it (the request id
 * of an HTTP call), so the log lines of its sends name that request.
 */
export function outboxItem(message: OutboxMessage, at: string, correlationId?: string): Write {
  // On the outbox's shard of the due index that the item's own key picks (dueKeys).
  const dueAt = later(at, OUTBOX_GRACE_MS);
  const keyed = (key: Key) => ({ ...key, ...dueKeys.indexes('outbox', dueAt, key), ...(correlationId ? { correlationId } : {}) });
  const pending = { status: 'pending', attempts: 0, createdAt: at };
  if (message.channel === 'batch') {
    // Keyed by batch and number, so a planner run again writes no task twice (`task_exists`).
    const { channel: _channel, ...task } = message;
    return { ...put({ ...keyed(batchKeys.task(task.batchId, task.taskNo)), type: 'batchTask', [OUTBOX_ATTRIBUTE]: 'batch', ...task, ...pending }), ifConditionFails: 'task_exists' };
  }
  if (message.channel === 'upload') {
    // Keyed by the upload: its page marks it received once, so it is imported once (R20).
    return put({ ...keyed(uploadKeys.importTask(message.uploadId)), type: 'uploadImport', [OUTBOX_ATTRIBUTE]: 'upload', uploadId: message.uploadId, ...pending });
  }
  if (message.channel === 'webhook') {
    const id = newDeliveryId();
    return put({
      ...keyed(webhookDeliveryKeys.key(id)),
      type: 'webhookDelivery',
      [OUTBOX_ATTRIBUTE]: 'webhook',
      id,
      partnerId: message.partnerId,
      eventType: message.type,
      payload: JSON.stringify(webhookPayload(message, at)),
      ...pending,
    });
  }
  if (message.channel === 'redelivery') {
    // Listed in the partner's deliveries at once (beside the one it sends again), and signed with the
    // same webhook-id as that one (Standard Webhooks: a resend keeps its id).
    const { id } = message;
    return put({
      ...keyed(webhookDeliveryKeys.key(id)),
      ...webhookDeliveryKeys.indexes({ partnerId: message.partnerId, createdAt: at, id }),
      type: 'webhookDelivery',
      [OUTBOX_ATTRIBUTE]: 'webhook',
      id,
      messageId: message.messageId,
      redeliveryOf: message.deliveryId,
      url: message.url,
      partnerId: message.partnerId,
      eventType: message.type,
      payload: message.payload,
      ...pending,
    });
  }
  if (message.email === 'signin' || message.email === 'partner-signin') {
    const id = randomBytes(12).toString('hex');
    return put({
      ...keyed(signInEmailKeys.key(id)),
      type: 'signinEmail',
      [OUTBOX_ATTRIBUTE]: 'email',
      id,
      email: message.to,
      ...(message.next ? { next: message.next } : {}),
      // R32: the partner portal's link (its own token purpose and page), for one partner or any the address is a person of.
      ...(message.email === 'partner-signin' ? { portal: 'partner', ...(message.partnerId ? { partnerId: message.partnerId, invited: true } : {}) } : {}),
      ...pending,
      [TTL_ATTRIBUTE]: ttlAfter(at, 1),
    });
  }
  if (message.email === 'notice') {
    // What it says travels on the item: the sender reads only the names it shows.
    const id = randomBytes(12).toString('hex');
    return put({ ...keyed(noticeEmailKeys.key(id)), type: 'noticeEmail', [OUTBOX_ATTRIBUTE]: 'email', id, email: message.to, notice: message.notice, ...pending, [TTL_ATTRIBUTE]: ttlAfter(at, 30) });
  }
  // The request shows this email's state (API.md); the item keeps the claim and the attempts, and
  // is of no use once its request has expired (R5), when every email of it has long settled.
  const which = message.email === 'consent' ? 'email' : 'reminder';
  return put({
    ...keyed(requestEmailKeys.key(message.requestId, which)),
    type: 'emailDue',
    [OUTBOX_ATTRIBUTE]: 'email',
    requestId: message.requestId,
    which,
    ...pending,
    [TTL_ATTRIBUTE]: ttlAfter(at, REQUEST_LIFETIME_DAYS + 1),
  });
}

const put = (item: Record<string, unknown>): Write => ({ Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } });

/**
 * Pending, or a consent email's pointer written before its state moved onto it (no status: its
 * request kept the state), which is pending too while it exists.
 */
const PENDING = '(#status = :pending OR (attribute_exists(pk) AND attribute_not_exists(#status)))';

/**
 * Claims a pending outbox item for one sender: of two senders (the stream consumer and the check,
 * or a retried batch) only one gets it while the lease lasts. Returns the item as claimed, or
 * `undefined`. `firstAttemptOnly` (the stream consumer) leaves an item that was tried before to
 * the check, which keeps its back-off (S4).
 */
export async function claimOutboxItem(key: Key, options: { leaseMs: number; firstAttemptOnly?: boolean }): Promise<Record<string, unknown> | undefined> {
  const wall = Date.now();
  const out = await ifConditionHolds(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: 'SET claimedUntil = :until',
        ConditionExpression: `${PENDING} AND (attribute_not_exists(claimedUntil) OR claimedUntil < :wall)${options.firstAttemptOnly ? ' AND attempts = :zero' : ''}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':pending': 'pending',
          ':wall': new Date(wall).toISOString(),
          ':until': new Date(wall + options.leaseMs).toISOString(),
          ...(options.firstAttemptOnly ? { ':zero': 0 } : {}),
        },
        ReturnValues: 'ALL_NEW',
      }),
    ),
  );
  return out?.Attributes;
}

/** Removes an outbox item that turned out to have nothing to send (no subscription, no account, over a limit). */
export async function dropOutboxItem(key: Key): Promise<void> {
  await ifConditionHolds(
    db().send(new DeleteCommand({ TableName: tableName(), Key: key, ConditionExpression: PENDING, ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':pending': 'pending' } })),
  );
}

/** What an attempt recorded leaves the item as: done, to be tried again at `nextAttemptAt`, or failed for good (S4). */
export type RecordedDecision = Exclude<OutboxDecision, { status: 'dropped' }>;

/**
 * Records what came of an attempt at a claimed item of kind `type` and releases the claim: done
 * (sent, delivered, worked), to be retried at `nextAttemptAt` (the due index moves there), or
 * failed for good (S4); settled, it leaves the due index. `attempts` is what the item now counts
 * (absent: no attempt was made, e.g. a suppressed address). `set` adds fields to the item;
 * `writes` are other items changed by the same attempt (the request showing its email's state, a
 * task's results), committed in the same transaction. Answers false when a condition of those
 * writes did not hold (another sender recorded the same work first), and nothing was written.
 */
export async function recordOutboxAttempt(
  key: Key,
  type: OutboxItemType,
  decision: RecordedDecision,
  fields: { attempts?: number; now: string; set?: Record<string, unknown>; writes?: Write[] },
): Promise<boolean> {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = {};
  const sets = ['#status = :status'];
  if (fields.attempts !== undefined) {
    sets.push('attempts = :attempts', 'lastAttemptAt = :now');
    Object.assign(values, { ':attempts': fields.attempts, ':now': fields.now });
  }
  Object.entries(fields.set ?? {}).forEach(([name, value], i) => {
    names[`#s${i}`] = name;
    values[`:s${i}`] = value;
    sets.push(`#s${i} = :s${i}`);
  });
  let remove = 'REMOVE claimedUntil';
  if (decision.status === 'retry') {
    // On its shard of the due index: where it is already, or for an item written before the
    // outbox was sharded (on `outbox` alone), its move onto its shard.
    sets.push('nextAttemptAt = :next', 'dueKind = :dueKind', 'dueAt = :next');
    values[':next'] = decision.nextAttemptAt;
    values[':dueKind'] = dueKeys.indexes('outbox', decision.nextAttemptAt, key).dueKind;
    values[':status'] = 'pending';
  } else {
    values[':status'] = decision.status === 'done' ? DONE_STATUS[type] : 'failed';
    remove += ', dueKind, dueAt, nextAttemptAt';
  }
  const update = { TableName: tableName(), Key: key, UpdateExpression: `SET ${sets.join(', ')} ${remove}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values };
  if (!fields.writes?.length) {
    await db().send(new UpdateCommand(update));
    return true;
  }
  return (await transact([{ Update: update }, ...fields.writes])).ok;
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
  /** A redelivery (S4): the delivery it sends again. */
  redeliveryOf?: string;
  /** Sent again as this delivery, at the partner's request. */
  redeliveredAs?: string;
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
  ...(item.redeliveryOf ? { redeliveryOf: item.redeliveryOf as string } : {}),
  ...(item.redeliveredAs ? { redeliveredAs: item.redeliveredAs as string } : {}),
});

/**
 * One delivery of the partner's, as listed (R19: another partner's, or an event never attempted
 * and so never listed, is `undefined`), with what a redelivery sends again: its `webhook-id` and
 * its payload as first signed.
 */
export async function getDelivery(partnerId: string, deliveryId: string): Promise<(Delivery & { messageId: string; payload: string }) | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: webhookDeliveryKeys.key(deliveryId), ConsistentRead: true }));
  const item = out.Item;
  if (!item || item.type !== 'webhookDelivery' || item.partnerId !== partnerId || item.gsi1pk === undefined) return undefined;
  return { ...toDelivery(item), messageId: String(item.messageId ?? item.id), payload: String(item.payload) };
}

/**
 * The mark a redelivery leaves on the delivery it sends again, in the redelivery's transaction:
 * only on a delivery still settled as it was read and still pointing where it did (nowhere, or at
 * a redelivery that was dropped since), so of two redeliveries at once one is made
 * (`already_redelivered`).
 */
export const deliveryRedelivered = (read: Pick<Delivery, 'id' | 'status' | 'redeliveredAs'>, redeliveryId: string): Write => ({
  Update: {
    TableName: tableName(),
    Key: webhookDeliveryKeys.key(read.id),
    UpdateExpression: 'SET redeliveredAs = :redelivery',
    ConditionExpression: `#status = :status AND ${read.redeliveredAs ? 'redeliveredAs = :previous' : 'attribute_not_exists(redeliveredAs)'}`,
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':status': read.status, ':redelivery': redeliveryId, ...(read.redeliveredAs ? { ':previous': read.redeliveredAs } : {}) },
  },
  ifConditionFails: 'already_redelivered',
});

/** The partner's deliveries, newest first: S4's "visible in the API", the shards of its list merged (keys.ts). */
export const listDeliveries = (partnerId: string, page: PageRequest): Promise<Page<Delivery>> => {
  const queries = webhookDeliveryKeys.queryShardsOfPartner(partnerId);
  return shardedQueryPage(
    { queries: queries.map((q) => keyQuery(q, { descending: true })), startAfter: (n, position) => webhookDeliveryKeys.startAfter(queries[n]!, position), isPosition: webhookDeliveryKeys.isPosition },
    page,
    toDelivery,
  );
};
