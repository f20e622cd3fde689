import { actorRef, systemActor } from '#shared/domain/actor.ts';
import { addDays, planDelegatedAdminNotices, REMINDER_BEFORE_EXPIRY_DAYS, wholeDaysLeft } from '#shared/domain/consent.ts';
import { DUE_KINDS, type DueKind } from '#shared/domain/due-kinds.ts';
import { nowIso } from '#shared/domain/ids.ts';
import { consentEmail, webhookEvent } from '#shared/domain/outbox-events.ts';
import type { Mailer } from '#shared/mail/mailer.ts';
import { correlationIdOfItem, currentCorrelationId, withCorrelationId } from '#shared/observability/correlation.ts';
import { logger } from '#shared/observability/logger.ts';
import { forEachConcurrently } from '#shared/util/batching.ts';
import { BATCH_STUCK_AFTER_MINUTES, countMetric, METRIC, publishBatchesStuck, publishOutboxOldestDueAge } from '#shared/observability/metrics.ts';
import { commitChange } from '#shared/outbox/commit.ts';
import { workOutboxItem, type OutboxWorkers } from './outbox-item.ts';
import { OUTBOX_WORKERS } from './outbox-workers.ts';
import { reminderQueued, requestTransition, toConsentRequest } from '#shared/table/consent-requests.ts';
import { queryDue, rescheduleDue } from '#shared/table/due.ts';
import { OUTBOX_ATTRIBUTE } from '#shared/table/definition.ts';
import { claimKeys, consentRequestKeys, relationshipKeys } from '#shared/table/keys.ts';
import { passClaimDeadline } from '#shared/devices/claims.ts';
import { delegatedAdminNoticeSettled, toRelationship } from '#shared/table/relationships.ts';

const SYSTEM = systemActor('consent-status-check');
const CLAIM_DEADLINE = systemActor('claim-deadline');

export interface CheckResult {
  now: string;
  expired: number;
  reminded: number;
  rolesWarned: number;
  rolesExpired: number;
  emailsSent: number;
  webhooksDelivered: number;
  /** Batch tasks the stream consumer left behind, worked now. */
  batchTasksWorked: number;
  /** Batches with a task still not done BATCH_STUCK_AFTER_MINUTES after planning (published as BatchesStuck). */
  batchesStuck: number;
  /** Deliveries that failed this time and are scheduled again (S4). */
  retried: number;
  /** Deliveries that failed for the last time and are now marked failed (S4). */
  failed: number;
  /**
   * How long the oldest due email or webhook had been due when the run began, in seconds (0 when
   * none; absent when the run did not look at the outbox). Published as OutboxOldestDueAgeSeconds.
   */
  outboxOldestDueAgeSeconds?: number;
  /** Claims whose deadline passed: what their owners left unanswered went to operators as `uncontested` (S6). */
  claimsPastDeadline: number;
  /** Due items read from the due index: the measure of this run's cost. */
  itemsRead: number;
}

/** At most this many due items of each kind per run; the rest wait for the next run. */
const MAX_ITEMS_PER_KIND = 5000;
const CONCURRENCY = 8;

/**
 * The scheduled consent-status check (S1-S4, S6). Its cost follows what is due, never the table: each
 * kind of work is read from the sparse `due` index (`dueKind = kind AND dueAt <= now`), never by
 * a scan. Every step is a conditional write (a claim), so a run that died half-way, or two runs at
 * once, neither lose nor repeat anything. Emails and webhooks a step queues leave through the
 * table's stream at once; the outbox here is only what the stream consumer left behind or
 * what waits for its next attempt (S4), each item through the one state machine (workOutboxItem)
 * with its kind's attempt from `workers` (OUTBOX_WORKERS unless a test gives others).
 */
export async function runConsentStatusCheck(now = nowIso(), options: { mailer?: Mailer; kinds?: readonly DueKind[]; workers?: OutboxWorkers } = {}): Promise<CheckResult> {
  const { workers = OUTBOX_WORKERS } = options;
  const result: CheckResult = { now, expired: 0, reminded: 0, rolesWarned: 0, rolesExpired: 0, emailsSent: 0, webhooksDelivered: 0, batchTasksWorked: 0, batchesStuck: 0, retried: 0, failed: 0, claimsPastDeadline: 0, itemsRead: 0 };
  const kinds = new Set(options.kinds ?? DUE_KINDS);
  if (kinds.has('request')) await forEachDue('request', now, result, (item) => checkRequest(item, now, result));
  if (kinds.has('dap')) await forEachDue('dap', now, result, (item) => checkDelegatedAdmin(item, now, result));
  if (kinds.has('claim')) {
    // S6: each claim is on the due index at its deadline while a device waits for its owner.
    await forEachDue('claim', now, result, async (item) => {
      if (await passClaimDeadline(String(item.id), now, CLAIM_DEADLINE)) result.claimsPastDeadline++;
      else await rescheduleDue(claimKeys.key(String(item.id)), item.dueAt, undefined);
    });
  }
  if (kinds.has('outbox')) {
    // Emails, webhooks and batch tasks share one partition of the due index: one query for all.
    const stuckBatches = new Set<string>();
    await forEachDue('outbox', now, result, async (item) => {
      const channel = item[OUTBOX_ATTRIBUTE];
      // A task still not done long after it was planned: its batch is stuck in processing.
      if (channel === 'batch' && Date.parse(String(item.createdAt)) < Date.parse(now) - BATCH_STUCK_AFTER_MINUTES * 60_000) stuckBatches.add(String(item.batchId));
      const outcome = await workOutboxItem(item, workers, { now, mailer: options.mailer });
      if (outcome === 'done') result[channel === 'email' ? 'emailsSent' : channel === 'webhook' ? 'webhooksDelivered' : 'batchTasksWorked']++;
      if (outcome === 'retry') result.retried++;
      if (outcome === 'failed') result.failed++;
    });
    result.batchesStuck = stuckBatches.size;
    result.outboxOldestDueAgeSeconds ??= 0;
    publishOutboxOldestDueAge(result.outboxOldestDueAgeSeconds);
    publishBatchesStuck(result.batchesStuck);
  }
  return result;
}

/** The undelivered messages whose age the check publishes (batch tasks have their own gauge, BatchesStuck). */
const AGED_CHANNELS: readonly unknown[] = ['email', 'webhook'];

async function forEachDue(kind: DueKind, now: string, result: CheckResult, work: (item: Record<string, unknown>) => Promise<void>): Promise<void> {
  const items = await queryDue(kind, now, MAX_ITEMS_PER_KIND);
  result.itemsRead += items.length;
  // The due index is read oldest first: the first email or webhook is the one that has waited longest.
  const oldest = kind === 'outbox' ? items.find((item) => AGED_CHANNELS.includes(item[OUTBOX_ATTRIBUTE])) : undefined;
  if (oldest) {
    const age = Math.max(0, Math.round((Date.parse(now) - Date.parse(String(oldest.dueAt))) / 1000));
    result.outboxOldestDueAgeSeconds = Math.max(result.outboxOldestDueAgeSeconds ?? 0, age);
  }
  await forEachConcurrently(items, CONCURRENCY, async (item) => {
    try {
      // An outbox item is worked under the correlation id of the change that queued it.
      await withCorrelationId(correlationIdOfItem(item) ?? currentCorrelationId(), () => work(item));
    } catch (error) {
      // One item's failure never stops the run; it stays due and is tried next time.
      logger.error('consent-status-check item failed', { kind, pk: item.pk, error: error as Error });
    }
  });
}

/** S1 and S2 for one pending request. */
async function checkRequest(item: Record<string, unknown>, now: string, result: CheckResult): Promise<void> {
  const request = toConsentRequest(item);
  const key = consentRequestKeys.key(request.id);
  if (request.status !== 'pending') return rescheduleDue(key, item.dueAt, undefined);
  if (request.expiresAt <= now) {
    // S1: expire, and tell the partner. Answered meanwhile: nothing to do.
    const outcome = await commitChange({
      at: now,
      writes: [requestTransition(request, 'expired', now, request.tenantId)],
      audit: { action: 'consent.expired', actor: SYSTEM, partnerId: request.partnerId, tenantId: request.tenantId, subject: request.id },
      outbox: [
        webhookEvent('consent.expired', request.partnerId, {
          requestId: request.id,
          partnerId: request.partnerId,
          recipientEmail: request.recipientEmail,
          expiresAt: request.expiresAt,
          ...(request.tenantId ? { tenantId: request.tenantId } : {}),
          actor: actorRef(SYSTEM),
        }),
      ],
    });
    if (outcome.ok) {
      result.expired++;
      countMetric(METRIC.consentsExpired);
    }
    return;
  }
  const reminderAt = addDays(request.expiresAt, -REMINDER_BEFORE_EXPIRY_DAYS);
  if (request.reminder || reminderAt > now) return rescheduleDue(key, item.dueAt, request.reminder ? request.expiresAt : reminderAt);
  // S2: one reminder, claimed on the request itself so it is queued once, never twice.
  const outcome = await commitChange({
    at: now,
    writes: [reminderQueued(request)],
    audit: { action: 'consent.reminder_queued', actor: SYSTEM, partnerId: request.partnerId, tenantId: request.tenantId, subject: request.id },
    outbox: [consentEmail(request.id, 'reminder')],
  });
  if (outcome.ok) result.reminded++;
}

/** S3 for one relationship with delegated admin roles: warnings 30 and 7 days before, then expiry (R13). */
async function checkDelegatedAdmin(item: Record<string, unknown>, now: string, result: CheckResult): Promise<void> {
  const relationship = toRelationship(item);
  const key = relationshipKeys.key(relationship.partnerId, relationship.tenantId);
  const dap = relationship.delegatedAdmin;
  if (relationship.status !== 'active' || !dap) return rescheduleDue(key, item.dueAt, undefined);
  const plan = planDelegatedAdminNotices(dap, now);
  if (!plan.send) return rescheduleDue(key, item.dueAt, plan.nextAt);
  const { tenantId, partnerId } = relationship;
  const roles = { roles: dap.roles, expiresAt: dap.expiresAt };
  const actor = actorRef(SYSTEM);
  const event =
    plan.send.event === 'delegated_admin.expired'
      ? webhookEvent('delegated_admin.expired', partnerId, { tenantId, partnerId, delegatedAdmin: roles, actor })
      : webhookEvent('delegated_admin.expiring', partnerId, { tenantId, partnerId, delegatedAdmin: roles, daysLeft: wholeDaysLeft(dap.expiresAt, now), actor });
  const outcome = await commitChange({
    at: now,
    writes: [delegatedAdminNoticeSettled(relationship, plan, now)],
    audit: { action: plan.send.event, actor: SYSTEM, tenantId, partnerId, details: event.data },
    outbox: [event],
  });
  if (!outcome.ok) return;
  if (plan.send.event === 'delegated_admin.expired') result.rolesExpired++;
  else result.rolesWarned++;
}
