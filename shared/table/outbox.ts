import { randomBytes } from 'node:crypto';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { WebhookEvent } from '#shared/domain/webhooks.ts';
import type { OutboxMessage } from '#shared/domain/outbox-events.ts';
import { db, tableName } from './client.ts';
import { OUTBOX_ATTRIBUTE, TTL_ATTRIBUTE } from './definition.ts';
import { batchKeys, dueKeys, requestEmailKeys, signInEmailKeys, webhookDeliveryKeys, type Key } from './keys.ts';
import { keyQuery, queryPage, type Page, type PageRequest } from './page.ts';
import { ifConditionHolds, type Write } from './transact.ts';

/**
 * The outbox items: each is inserted by the transaction of the change it reports (never by
 * anything else: see shared/outbox/commit.ts), marked with the `outbox` attribute that the stream's
 * filter selects, and put on the due index a little later than now, so the scheduled check picks
 * it up only if the stream consumer has not done it by then (S4).
 */
export const OUTBOX_GRACE_MS = 2 * 60 * 1000;
/** How long a sender holds an item it claimed; measured on the wall clock, whatever `now` a run uses. */
export const CLAIM_LEASE_MS = 60 * 1000;

/** `at` plus `ms`, as an ISO timestamp. */
export const later = (at: string, ms: number) => new Date(Date.parse(at) + ms).toISOString();

/**
 * The item of one outbox message, committed at `at`. Only `commitChange` calls this. Each item
 * carries the due index keys and the correlation id of the change that queued it (the request id
 * of an HTTP call), so the log lines of its sends name that request.
 */
export function outboxItem(message: OutboxMessage, at: string, correlationId?: string): Write {
  const due = { ...dueKeys.indexes('outbox', later(at, OUTBOX_GRACE_MS)), ...(correlationId ? { correlationId } : {}) };
  if (message.channel === 'batch') {
    // Keyed by batch and number, so a planner run again writes no task twice (`task_exists`).
    const { channel: _channel, ...task } = message;
    return { ...put({ ...batchKeys.task(task.batchId, task.taskNo), type: 'batchTask', [OUTBOX_ATTRIBUTE]: 'batch', ...task, status: 'pending', attempts: 0, createdAt: at, ...due }), ifConditionFails: 'task_exists' };
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
      payload: JSON.stringify({ type: message.type, timestamp: at, data: message.data }),
      status: 'pending',
      attempts: 0,
      createdAt: at,
      ...due,
    });
  }
  if (message.email === 'signin') {
    const id = randomBytes(12).toString('hex');
    return put({
      ...signInEmailKeys.key(id),
      type: 'signinEmail',
      [OUTBOX_ATTRIBUTE]: 'email',
      id,
      email: message.to,
      ...(message.next ? { next: message.next } : {}),
      status: 'pending',
      attempts: 0,
      createdAt: at,
      [TTL_ATTRIBUTE]: Math.ceil(Date.parse(at) / 1000) + 86400,
      ...due,
    });
  }
  const which = message.email === 'consent' ? 'email' : 'reminder';
  return put({ ...requestEmailKeys.key(message.requestId, which), type: 'emailDue', [OUTBOX_ATTRIBUTE]: 'email', requestId: message.requestId, which, ...due });
}

const put = (item: Record<string, unknown>): Write => ({ Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } });

/**
 * Claims a pending outbox item (a webhook delivery, a sign-in email) for one sender: of two
 * senders (the stream consumer and the check, or a retried batch) only one gets it while the
 * lease lasts. Returns the item as claimed, or `undefined`. `firstAttemptOnly` (the stream
 * consumer) leaves an item that was tried before to the check, which keeps its back-off (S4).
 */
export async function claimOutboxItem(key: Key, options: { leaseMs?: number; firstAttemptOnly?: boolean } = {}): Promise<Record<string, unknown> | undefined> {
  const wall = Date.now();
  const leaseMs = options.leaseMs ?? CLAIM_LEASE_MS;
  const out = await ifConditionHolds(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: 'SET claimedUntil = :until',
        ConditionExpression: `#status = :pending AND (attribute_not_exists(claimedUntil) OR claimedUntil < :wall)${options.firstAttemptOnly ? ' AND attempts = :zero' : ''}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':pending': 'pending',
          ':wall': new Date(wall).toISOString(),
          ':until': new Date(wall + leaseMs).toISOString(),
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
    db().send(new DeleteCommand({ TableName: tableName(), Key: key, ConditionExpression: '#status = :pending', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':pending': 'pending' } })),
  );
}

export type AttemptOutcome = { status: 'done' } | { status: 'retry'; nextAttemptAt: string } | { status: 'failed' };

/**
 * Records an attempt of a claimed item and releases the claim: done (delivered, sent), to be
 * retried at `nextAttemptAt` (the due index moves there), or failed for good (S4).
 */
export async function recordOutboxAttempt(
  key: Key,
  outcome: AttemptOutcome,
  fields: { attempts: number; now: string; doneStatus: string; set?: Record<string, unknown> },
): Promise<void> {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':attempts': fields.attempts, ':now': fields.now };
  const sets = ['attempts = :attempts', 'lastAttemptAt = :now'];
  Object.entries(fields.set ?? {}).forEach(([name, value], i) => {
    names[`#s${i}`] = name;
    values[`:s${i}`] = value;
    sets.push(`#s${i} = :s${i}`);
  });
  let remove = 'REMOVE claimedUntil';
  if (outcome.status === 'retry') {
    sets.push('nextAttemptAt = :next', 'dueAt = :next');
    values[':next'] = outcome.nextAttemptAt;
  } else {
    names['#status'] = 'status';
    sets.push('#status = :final');
    values[':final'] = outcome.status === 'done' ? fields.doneStatus : 'failed';
    remove += ', dueKind, dueAt, nextAttemptAt';
  }
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: key,
      UpdateExpression: `SET ${sets.join(', ')} ${remove}`,
      ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
      ExpressionAttributeValues: values,
    }),
  );
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
