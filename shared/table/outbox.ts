import { randomBytes } from 'node:crypto';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { REQUEST_LIFETIME_DAYS } from '#shared/domain/consent.ts';
import type { OutboxDecision, OutboxItemType } from '#shared/domain/outbox-retries.ts';
import type { WebhookEvent } from '#shared/domain/webhooks.ts';
import { webhookPayload, type OutboxMessage } from '#shared/domain/outbox-events.ts';
import { db, tableName } from './client.ts';
import { OUTBOX_ATTRIBUTE, TTL_ATTRIBUTE } from './definition.ts';
import { batchKeys, dueKeys, uploadKeys, noticeEmailKeys, requestEmailKeys, signInEmailKeys, webhookDeliveryKeys, type Key } from './keys.ts';
import { keyQuery, queryPage, type Page, type PageRequest } from './page.ts';
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
  const due = { ...dueKeys.indexes('outbox', later(at, OUTBOX_GRACE_MS)), ...(correlationId ? { correlationId } : {}) };
  const pending = { status: 'pending', attempts: 0, createdAt: at };
  if (message.channel === 'batch') {
    // Keyed by batch and number, so a planner run again writes no task twice (`task_exists`).
    const { channel: _channel, ...task } = message;
    return { ...put({ ...batchKeys.task(task.batchId, task.taskNo), type: 'batchTask', [OUTBOX_ATTRIBUTE]: 'batch', ...task, ...pending, ...due }), ifConditionFails: 'task_exists' };
  }
  if (message.channel === 'upload') {
    // Keyed by the upload: its page marks it received once, so it is imported once (R20).
    return put({ ...uploadKeys.importTask(message.uploadId), type: 'uploadImport', [OUTBOX_ATTRIBUTE]: 'upload', uploadId: message.uploadId, ...pending, ...due });
  }
  if (message.channel === 'webhook') {
    const id = `msg_${randomBytes(12).toString('hex')}`;
    return put({
      ...webhookDeliveryKeys.key(id),
      type: 'webhookDelivery',
      [OUTBOX_ATTRIBUTE]: 'webhook',
      id,
      partnerId: message.partnerId,
      eventType: message.type,
      payload: JSON.stringify(webhookPayload(message, at)),
      ...pending,
      ...due,
    });
  }
  if (message.email === 'signin' || message.email === 'partner-signin') {
    const id = randomBytes(12).toString('hex');
    return put({
      ...signInEmailKeys.key(id),
      type: 'signinEmail',
      [OUTBOX_ATTRIBUTE]: 'email',
      id,
      email: message.to,
      ...(message.next ? { next: message.next } : {}),
      // R32: the partner portal's link (its own token purpose and page), for one partner or any the address is a person of.
      ...(message.email === 'partner-signin' ? { portal: 'partner', ...(message.partnerId ? { partnerId: message.partnerId, invited: true } : {}) } : {}),
      ...pending,
      [TTL_ATTRIBUTE]: ttlAfter(at, 1),
      ...due,
    });
  }
  if (message.email === 'notice') {
    // What it says travels on the item: the sender reads only the names it shows.
    const id = randomBytes(12).toString('hex');
    return put({ ...noticeEmailKeys.key(id), type: 'noticeEmail', [OUTBOX_ATTRIBUTE]: 'email', id, email: message.to, notice: message.notice, ...pending, [TTL_ATTRIBUTE]: ttlAfter(at, 30), ...due });
  }
  // The request shows this email's state (API.md); the item keeps the claim and the attempts, and
  // is of no use once its request has expired (R5), when every email of it has long settled.
  const which = message.email === 'consent' ? 'email' : 'reminder';
  return put({
    ...requestEmailKeys.key(message.requestId, which),
    type: 'emailDue',
    [OUTBOX_ATTRIBUTE]: 'email',
    requestId: message.requestId,
    which,
    ...pending,
    [TTL_ATTRIBUTE]: ttlAfter(at, REQUEST_LIFETIME_DAYS + 1),
    ...due,
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
    sets.push('nextAttemptAt = :next', 'dueAt = :next');
    values[':next'] = decision.nextAttemptAt;
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
  queryPage(keyQuery(webhookDeliveryKeys.queryOfPartner(partnerId), { descending: true }), page, toDelivery);
