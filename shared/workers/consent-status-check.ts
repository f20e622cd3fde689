import { actorRef, systemActor } from '#shared/domain/actor.ts';
import { addDays, AUTO_EXTEND_DAYS, extendDelegatedAdmin, planDelegatedAdminNotices, REMINDER_BEFORE_EXPIRY_DAYS, wholeDaysLeft } from '#shared/domain/consent.ts';
import { DUE_KINDS, type DueKind } from '#shared/domain/due-kinds.ts';
import { nowIso } from '#shared/domain/ids.ts';
import { consentEmail, noticeEmail, webhookEvent, type WebhookEventData } from '#shared/domain/outbox-events.ts';
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
import { listGlobalAdmins } from '#shared/table/directory.ts';
import { delegatedAdminExtended, delegatedAdminNoticeSettled, toRelationship } from '#shared/table/relationships.ts';
import { heldBatchDecided, toBatch } from '#shared/table/batches.ts';
import { batchKeys } from '#shared/table/keys.ts';
import { passClaimDeadline } from '#shared/devices/claims.ts';

const SYSTEM = systemActor('consent-status-check');
const CLAIM_DEADLINE = systemActor('claim-deadline');

export interface CheckResult {
  now: string;
  expired: number;
  reminded: number;
  rolesWarned: number;
  rolesExpired: number;
  /** R31, S7: auto-extended roles extended at their end. */
  rolesExtended: number;
  /** S7: emails to tenants' global admins queued with the 30- and 7-day warnings. */
  adminsNotified: number;
  /** S5: held batches nobody decided on in 30 days, now `expired`. */
  heldBatchesExpired: number;
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
 * The scheduled consent-status check (S1-S4, S6, S7). Its cost follows what is due, never the table: each
 * kind of work is read from the sparse `due` index (`dueKind = <each partition of the kind> AND
 * dueAt <= now`, queryDue), never by a scan. Every step is a conditional write (a claim), so a run that died half-way, or two runs at
 * once, neither lose nor repeat anything. Emails and webhooks a step queues leave through the
 * table's stream at once; the outbox here is only what the stream consumer left behind or
 * what waits for its next attempt (S4), each item through the one state machine (workOutboxItem)
 * with its kind's attempt from `workers` (OUTBOX_WORKERS unless a test gives others).
 */
export async function runConsentStatusCheck(now = nowIso(), options: { mailer?: Mailer; kinds?: readonly DueKind[]; workers?: OutboxWorkers } = {}): Promise<CheckResult> {
  const { workers = OUTBOX_WORKERS } = options;
  const result: CheckResult = { now, expired: 0, reminded: 0, rolesWarned: 0, rolesExpired: 0, rolesExtended: 0, adminsNotified: 0, heldBatchesExpired: 0, emailsSent: 0, webhooksDelivered: 0, batchTasksWorked: 0, batchesStuck: 0, retried: 0, failed: 0, claimsPastDeadline: 0, itemsRead: 0 };
  const kinds = new Set(options.kinds ?? DUE_KINDS);
  if (kinds.has('request')) await forEachDue('request', now, result, (item) => checkRequest(item, now, result));
  if (kinds.has('dap')) await forEachDue('dap', now, result, (item) => checkDelegatedAdmin(item, now, result));
  if (kinds.has('held')) await forEachDue('held', now, result, (item) => checkHeldBatch(item, now, result));
  if (kinds.has('claim')) {
    // S6: each claim is on the due index at its deadline while a device waits for its owner.
    await forEachDue('claim', now, result, async (item) => {
      if (await passClaimDeadline(String(item.id), now, CLAIM_DEADLINE)) result.claimsPastDeadline++;
      else await rescheduleDue(claimKeys.key(String(item.id)), item.dueAt, undefined);
    });
  }
  if (kinds.has('outbox')) {
    // Emails, webhooks and batch tasks share one kind of the due index (its shards read in parallel, oldest first).
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

/**
 * S3 and S7 for one relationship with delegated admin roles, at its next notice: the partner
 * warned 30, 7 and 1 days before the end (the tenant's global admins emailed at 30 and 7), then
 * the end: expired (R13), or for an auto-extended grant extended by 180 days (R31). Each notice
 * commits once (its flag, or the end it moves, is the write's condition), so a second run, or a
 * late one, never repeats a notice; the relationship then waits on the due index for its next.
 */
async function checkDelegatedAdmin(item: Record<string, unknown>, now: string, result: CheckResult): Promise<void> {
  const relationship = toRelationship(item);
  const key = relationshipKeys.key(relationship.partnerId, relationship.tenantId);
  const dap = relationship.delegatedAdmin;
  if (relationship.status !== 'active' || !dap) return rescheduleDue(key, item.dueAt, undefined);
  const plan = planDelegatedAdminNotices(dap, now);
  if (!plan.send) return rescheduleDue(key, item.dueAt, plan.nextAt);
  const { tenantId, partnerId } = relationship;
  const actor = actorRef(SYSTEM);
  if (plan.send.event === 'delegated_admin.extended') {
    const extended = extendDelegatedAdmin(dap, now);
    const data: WebhookEventData['delegated_admin.extended'] = { tenantId, partnerId, delegatedAdmin: { roles: dap.roles, expiresAt: extended.expiresAt, previousExpiresAt: dap.expiresAt, extendedByDays: AUTO_EXTEND_DAYS }, actor };
    const outcome = await commitChange({
      at: now,
      writes: [delegatedAdminExtended(relationship, extended, planDelegatedAdminNotices(extended, now).nextAt)],
      audit: { action: 'delegated_admin.extended', actor: SYSTEM, tenantId, partnerId, details: data.delegatedAdmin },
      outbox: [webhookEvent('delegated_admin.extended', partnerId, data)],
    });
    if (outcome.ok) result.rolesExtended++;
    return;
  }
  const roles = { roles: dap.roles, expiresAt: dap.expiresAt };
  const autoExtend = dap.autoExtend === true;
  const daysLeft = wholeDaysLeft(dap.expiresAt, now);
  // S7: the 30- and 7-day warnings also go to the tenant's global admins, one email each.
  const admins = plan.send.emailAdmins ? await listGlobalAdmins(tenantId) : [];
  const event =
    plan.send.event === 'delegated_admin.expired'
      ? webhookEvent('delegated_admin.expired', partnerId, { tenantId, partnerId, delegatedAdmin: roles, actor })
      : webhookEvent('delegated_admin.expiring', partnerId, { tenantId, partnerId, delegatedAdmin: { ...roles, autoExtend }, daysLeft, actor });
  const outcome = await commitChange({
    at: now,
    writes: [delegatedAdminNoticeSettled(relationship, plan, now)],
    audit: { action: plan.send.event, actor: SYSTEM, tenantId, partnerId, details: { ...event.data, ...(admins.length ? { adminsNotified: admins.length } : {}) } },
    outbox: [event, ...admins.map((admin) => noticeEmail(admin.email, { kind: 'delegated_admin_expiring', tenantId, partnerId, roles: dap.roles, expiresAt: dap.expiresAt, daysLeft, autoExtend }))],
  });
  if (!outcome.ok) return;
  if (plan.send.event === 'delegated_admin.expired') result.rolesExpired++;
  else result.rolesWarned++;
  result.adminsNotified += admins.length;
}

/**
 * S5 for one held batch on the due index: still waiting and past its time, it ends `expired` and
 * the partner is told, conditionally on its still waiting (an approval or a rejection meanwhile
 * wins, and this writes nothing); decided meanwhile, it just leaves the index.
 */
async function checkHeldBatch(item: Record<string, unknown>, now: string, result: CheckResult): Promise<void> {
  const batch = toBatch(item);
  const key = batchKeys.key(batch.id);
  if (batch.status !== 'awaiting_approval' || !batch.approval || !batch.partnerId) return rescheduleDue(key, item.dueAt, undefined);
  if (batch.approval.until > now) return rescheduleDue(key, item.dueAt, batch.approval.until);
  const outcome = await commitChange({
    at: now,
    writes: [heldBatchDecided(batch.id, 'expired', now)],
    audit: { action: 'device_batch.expired', actor: SYSTEM, partnerId: batch.partnerId, tenantId: batch.tenantId, subject: batch.id, details: { received: batch.received, until: batch.approval.until } },
    outbox: [
      webhookEvent('device_batch.expired', batch.partnerId, {
        batchId: batch.id,
        tenantId: batch.tenantId,
        partnerId: batch.partnerId,
        ...(batch.reference !== undefined ? { reference: batch.reference } : {}),
        reason: batch.approval.reason,
        actor: actorRef(SYSTEM),
      }),
    ],
  });
  if (outcome.ok) result.heldBatchesExpired++;
}
