/**
 * S4: every outbox item follows one state machine. A sender claims it, makes one attempt and says
 * what happened; what follows (done, another attempt later, failed for good, or dropped) is decided
 * here, from that result and the item's kind, by one table. A constant module: pure values and
 * functions, no I/O.
 */

/**
 * The kinds of outbox item, by their stored `type`: a request's consent email or its reminder
 * (`emailDue`, S2), a sign-in link, a notice to a tenant's admin (S7), a webhook delivery, a device
 * batch's task, a held batch's email to the tenant's global admins (R27), a portal upload's import (R32).
 */
export const OUTBOX_ITEM_TYPES = ['emailDue', 'signinEmail', 'noticeEmail', 'webhookDelivery', 'batchTask', 'uploadImport'] as const;
export type OutboxItemType = (typeof OUTBOX_ITEM_TYPES)[number];

export const isOutboxItemType = (value: unknown): value is OutboxItemType => (OUTBOX_ITEM_TYPES as readonly unknown[]).includes(value);

export interface RetryPolicy {
  /** Attempts before the item is given up and marked failed (visibly, where the API shows it). */
  maxAttempts: number;
  /** How long to wait after the n-th failed attempt (n from 1) before the next. */
  delayMs: (attempts: number) => number;
  /**
   * How long a sender's claim holds (on the wall clock): longer than an attempt can take, so a
   * live sender is never doubled, and short enough that a dead one's item is soon taken over.
   */
  leaseMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** `first`, then `factor` times longer after each failed attempt, never more than `cap`. */
const growing =
  (first: number, factor: number, cap: number) =>
  (attempts: number): number =>
    Math.min(first * factor ** Math.max(0, attempts - 1), cap);

/** S4: how each kind of outbox item is retried. The one place back-off is defined. */
export const S4_RETRIES: { readonly [T in OutboxItemType]: RetryPolicy } = {
  // 1, 4, 16, 64, 256 minutes apart: the recipient still gets it the same day.
  emailDue: { maxAttempts: 6, delayMs: growing(MINUTE, 4, 6 * HOUR), leaseMs: MINUTE },
  // A sign-in link is wanted now or not at all: a few quick retries, then it is given up.
  signinEmail: { maxAttempts: 3, delayMs: () => MINUTE, leaseMs: MINUTE },
  // A notice (S7: roles end in 30 or 7 days) still matters hours later: as a consent email.
  noticeEmail: { maxAttempts: 6, delayMs: growing(MINUTE, 4, 6 * HOUR), leaseMs: MINUTE },
  // 1, 5, 25 minutes... a day at most: a partner's endpoint may be down for a while.
  webhookDelivery: { maxAttempts: 8, delayMs: growing(MINUTE, 5, 24 * HOUR), leaseMs: MINUTE },
  // A task of up to 1000 devices takes a while; given up, its devices are reported failed, so its batch still finishes.
  batchTask: { maxAttempts: 5, delayMs: growing(MINUTE, 2, 30 * MINUTE), leaseMs: 5 * MINUTE },
  // R32: a portal upload's import (up to 100,000 rows staged, about a minute): held longer than the
  // worker's timeout (5 minutes); a retry resumes where the last stopped (idempotent parts, R20).
  uploadImport: { maxAttempts: 5, delayMs: growing(MINUTE, 2, 30 * MINUTE), leaseMs: 6 * MINUTE },
  // As a consent email: the admins have 30 days to decide (S5), so the same day is soon enough.
  // A claim's email to an owner's admins (R26): as a consent email.
};

/** What one attempt at an outbox item came to, as its sender says it: the sender never decides what follows. */
export type AttemptResult =
  /** Sent, delivered, worked. */
  | { result: 'done' }
  /**
   * Not done. `retryable`: a later attempt may succeed (SES throttled, the endpoint answered 500);
   * otherwise it never will (the webhook was removed, the request is no longer pending).
   * `attempted: false`: failed without an attempt being made (a suppressed address), so it is not counted.
   */
  | { result: 'failed'; retryable: boolean; attempted?: boolean; error?: string }
  /** Nothing to send, and nothing to show (no subscription, no account, over a limit): the item goes. */
  | { result: 'dropped' };

/** What becomes of an item after an attempt. */
export type OutboxDecision = { status: 'done' } | { status: 'retry'; nextAttemptAt: string } | { status: 'failed' } | { status: 'dropped' };

/**
 * S4: what follows an attempt at an item of kind `type` that had been attempted `attemptsBefore`
 * times: done, retried at the table's back-off, failed once its attempts are spent (or at once
 * when no attempt can succeed), or dropped. Also answers how many attempts the item then counts.
 */
export function decideAfterAttempt(type: OutboxItemType, attemptsBefore: number, attempt: AttemptResult, now: string): { decision: OutboxDecision; attempts: number } {
  const attempts = attemptsBefore + (attempt.result === 'failed' && attempt.attempted === false ? 0 : 1);
  if (attempt.result === 'done') return { decision: { status: 'done' }, attempts };
  if (attempt.result === 'dropped') return { decision: { status: 'dropped' }, attempts: attemptsBefore };
  const { maxAttempts, delayMs } = S4_RETRIES[type];
  if (!attempt.retryable || attempts >= maxAttempts) return { decision: { status: 'failed' }, attempts };
  return { decision: { status: 'retry', nextAttemptAt: new Date(Date.parse(now) + delayMs(attempts)).toISOString() }, attempts };
}
