import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { deliverConsentEmail } from '../consent/request-consent.ts';
import { addDays, planDelegatedAdminNotices, REMINDER_BEFORE_EXPIRY_DAYS } from '../domain/consent.ts';
import { ProblemError } from '../domain/errors.ts';
import { nowIso } from '../domain/ids.ts';
import type { Relationship } from '../domain/relationship.ts';
import { logger } from '../http/logger.ts';
import type { Mailer } from '../mail/mailer.ts';
import { type Actor, auditPut } from '../table/audit.ts';
import { db, tableName } from '../table/client.ts';
import { queryAll } from '../table/page.ts';
import { putEmailDue, requestKey, toConsentRequest, transitionRequest } from '../table/consent-requests.ts';
import { BUMP_REV, relationshipKey } from '../table/relationships.ts';
import { ConditionFailed, ifConditionHolds, transact } from '../table/transact.ts';
import { deliverWebhook, webhookOutbox } from '../webhooks/webhooks.ts';

const SYSTEM: Actor = { type: 'system', id: 'consent-status-check' };

export interface CheckResult {
  now: string;
  expired: number;
  reminded: number;
  rolesWarned: number;
  rolesExpired: number;
  emailsSent: number;
  webhooksDelivered: number;
  /** Deliveries that failed this time and are scheduled again (S4). */
  retried: number;
  /** Deliveries that failed for the last time and are now marked failed (S4). */
  failed: number;
  /** Due items read from the due index: the measure of this run's cost. */
  itemsRead: number;
}

/** The kinds of work on the `due` index, in the order a run does them. */
export const DUE_KINDS = ['request', 'dap', 'email', 'webhook'] as const;
export type DueKind = (typeof DUE_KINDS)[number];
/** The outbox alone: run every minute so S4's back-off (1, 4, 16 minutes...) is kept, not rounded up to the hour. */
export const OUTBOX_KINDS: readonly DueKind[] = ['email', 'webhook'];

/** At most this many due items of each kind per run; the rest wait for the next run. */
const MAX_ITEMS_PER_KIND = 5000;
const CONCURRENCY = 8;

/**
 * The scheduled consent-status check (S1-S4). Its cost follows what is due, never the table: each
 * kind of work is read from the sparse `due` index (`dueKind = kind AND dueAt <= now`), never by
 * a scan. Every step is a conditional write (a claim), so a run that died half-way, or two runs at
 * once, neither lose nor repeat anything. Kinds run in order, so work one step creates (a reminder
 * email, a webhook) is done by the later steps of the same run.
 */
export async function runConsentStatusCheck(now = nowIso(), options: { mailer?: Mailer; kinds?: readonly DueKind[] } = {}): Promise<CheckResult> {
  const result: CheckResult = { now, expired: 0, reminded: 0, rolesWarned: 0, rolesExpired: 0, emailsSent: 0, webhooksDelivered: 0, retried: 0, failed: 0, itemsRead: 0 };
  const kinds = new Set(options.kinds ?? DUE_KINDS);
  if (kinds.has('request')) await forEachDue('request', now, result, (item) => checkRequest(item, now, result));
  if (kinds.has('dap')) await forEachDue('dap', now, result, (item) => checkDelegatedAdmin(item, now, result));
  if (kinds.has('email')) await forEachDue('email', now, result, async (item) => {
    const outcome = await deliverConsentEmail(item.requestId as string, item.which as 'email' | 'reminder', { now, mailer: options.mailer });
    if (outcome === 'sent') result.emailsSent++;
    if (outcome === 'retry') result.retried++;
    if (outcome === 'failed') result.failed++;
  });
  if (kinds.has('webhook')) await forEachDue('webhook', now, result, async (item) => {
    const outcome = await deliverWebhook(item.id as string, now);
    if (outcome === 'delivered') result.webhooksDelivered++;
    if (outcome === 'retry') result.retried++;
    if (outcome === 'failed') result.failed++;
  });
  return result;
}

async function forEachDue(kind: string, now: string, result: CheckResult, work: (item: Record<string, unknown>) => Promise<void>): Promise<void> {
  const items = await queryAll(
    {
      TableName: tableName(),
      IndexName: 'due',
      KeyConditionExpression: 'dueKind = :kind AND dueAt <= :now',
      ExpressionAttributeValues: { ':kind': kind, ':now': now },
    },
    MAX_ITEMS_PER_KIND,
  );
  result.itemsRead += items.length;
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      try {
        await work(item);
      } catch (error) {
        // One item's failure never stops the run; it stays due and is tried next time.
        logger.error('consent-status-check item failed', { kind, pk: item.pk, error: error as Error });
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

/** Moves an item's due time (or takes it off the due index), only if it still is what was read. */
async function reschedule(key: Record<string, unknown>, from: unknown, to: string | undefined): Promise<void> {
  await ifConditionHolds(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: to ? 'SET dueAt = :to' : 'REMOVE dueKind, dueAt',
        ConditionExpression: 'dueAt = :from',
        ExpressionAttributeValues: { ':from': from, ...(to ? { ':to': to } : {}) },
      }),
    ),
  );
}

/** S1 and S2 for one pending request. */
async function checkRequest(item: Record<string, unknown>, now: string, result: CheckResult): Promise<void> {
  const request = toConsentRequest(item);
  const key = requestKey(request.id);
  if (request.status !== 'pending') return reschedule(key, item.dueAt, undefined);
  if (request.expiresAt <= now) {
    // S1: expire, and tell the partner.
    const outbox = await webhookOutbox(
      [{ partnerId: request.partnerId, type: 'consent.expired', data: { requestId: request.id, partnerId: request.partnerId, recipientEmail: request.recipientEmail, expiresAt: request.expiresAt, ...(request.tenantId ? { tenantId: request.tenantId } : {}) } }],
      now,
    );
    try {
      await transitionRequest(request, 'expired', { action: 'consent.expired', actor: SYSTEM, tenantId: request.tenantId }, outbox.items, now);
      result.expired++;
    } catch (error) {
      if (!(error instanceof ProblemError && error.status === 409)) throw error;
    }
    return;
  }
  const reminderAt = addDays(request.expiresAt, -REMINDER_BEFORE_EXPIRY_DAYS);
  if (request.reminder || reminderAt > now) return reschedule(key, item.dueAt, request.reminder ? request.expiresAt : reminderAt);
  // S2: one reminder, claimed on the request itself so it is queued once, never twice.
  try {
    await transact([
      {
        Update: {
          TableName: tableName(),
          Key: key,
          UpdateExpression: 'SET reminder = :reminder, dueAt = :expiry',
          ConditionExpression: '#status = :pending AND attribute_not_exists(reminder)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':reminder': { status: 'queued', attempts: 0 }, ':expiry': request.expiresAt, ':pending': 'pending' },
        },
      },
      putEmailDue(request.id, 'reminder', now),
      auditPut({ action: 'consent.reminder_queued', actor: SYSTEM, partnerId: request.partnerId, tenantId: request.tenantId, subject: request.id, at: now }),
    ]);
    result.reminded++;
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
  }
}

/** S3 for one relationship with delegated admin roles: warnings 30 and 7 days before, then expiry (R13). */
async function checkDelegatedAdmin(item: Record<string, unknown>, now: string, result: CheckResult): Promise<void> {
  const relationship = item as unknown as Relationship;
  const key = relationshipKey(relationship.partnerId, relationship.tenantId);
  const dap = relationship.delegatedAdmin;
  if (relationship.status !== 'active' || !dap) return reschedule(key, item.dueAt, undefined);
  const plan = planDelegatedAdminNotices(dap, now);
  if (!plan.send) return reschedule(key, item.dueAt, plan.nextAt);
  const expired = plan.send.event === 'delegated_admin.expired';
  const data = {
    tenantId: relationship.tenantId,
    partnerId: relationship.partnerId,
    delegatedAdmin: { roles: dap.roles, expiresAt: dap.expiresAt },
    ...(expired ? {} : { daysLeft: plan.send.daysBefore }),
  };
  const outbox = await webhookOutbox([{ partnerId: relationship.partnerId, type: plan.send.event, data }], now);
  const names: Record<string, string> = { '#status': 'status', '#rev': 'rev' };
  const sets = plan.settle.map((flag, i) => {
    names[`#f${i}`] = flag;
    return `delegatedAdmin.#f${i} = :now`;
  });
  try {
    await transact([
      {
        Update: {
          TableName: tableName(),
          Key: key,
          UpdateExpression: `SET ${sets.join(', ')}, ${BUMP_REV}${plan.nextAt ? ', dueAt = :next' : ''}${plan.nextAt ? '' : ' REMOVE dueKind, dueAt'}`,
          ConditionExpression: `#status = :active AND delegatedAdmin.expiresAt = :expiresAt AND attribute_not_exists(delegatedAdmin.removedAt) AND attribute_not_exists(delegatedAdmin.#f${plan.settle.indexOf(plan.send.flag)})`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ':now': now, ':active': 'active', ':expiresAt': dap.expiresAt, ':zero': 0, ':one': 1, ...(plan.nextAt ? { ':next': plan.nextAt } : {}) },
        },
      },
      auditPut({ action: plan.send.event, actor: SYSTEM, tenantId: relationship.tenantId, partnerId: relationship.partnerId, details: data, at: now }),
      ...outbox.items,
    ]);
    if (expired) result.rolesExpired++;
    else result.rolesWarned++;
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
  }
}
