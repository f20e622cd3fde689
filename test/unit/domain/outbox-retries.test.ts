import { describe, expect, it } from 'vitest';
import { decideAfterAttempt, OUTBOX_ITEM_TYPES, S4_RETRIES, type AttemptResult, type OutboxItemType } from '#shared/domain/outbox-retries.ts';

const MINUTE = 60_000;
const now = '2026-01-01T00:00:00.000Z';
const failed: AttemptResult = { result: 'failed', retryable: true, error: 'TooManyRequestsException' };

// The names the back-off had before it moved into the one table, so the tests read as they did.
const MAX_EMAIL_ATTEMPTS = S4_RETRIES.emailDue.maxAttempts;
const emailRetryDelayMs = S4_RETRIES.emailDue.delayMs;
const MAX_WEBHOOK_ATTEMPTS = S4_RETRIES.webhookDelivery.maxAttempts;
const webhookRetryDelayMs = S4_RETRIES.webhookDelivery.delayMs;

/** Fails an item of `type` with a retryable error until it is given up: the attempts made and the waits between them. */
function failUntilGivenUp(type: OutboxItemType) {
  const waits: number[] = [];
  let attempts = 0;
  for (let at = now; ; ) {
    const next = decideAfterAttempt(type, attempts, failed, at);
    attempts = next.attempts;
    if (next.decision.status !== 'retry') return { attempts, waits, last: next.decision };
    waits.push(Date.parse(next.decision.nextAttemptAt) - Date.parse(at));
    at = next.decision.nextAttemptAt;
    if (attempts > 100) throw new Error(`${type} is never given up`);
  }
}

describe('emailRetryDelayMs (S4)', () => {
  const CAP = 6 * 60 * 60 * 1000;

  it('S4: starts at a minute and grows with every attempt until the cap', () => {
    expect(emailRetryDelayMs(1)).toBe(60_000);
    const delays = Array.from({ length: 10 }, (_, i) => emailRetryDelayMs(i + 1));
    for (let i = 1; i < delays.length; i++) {
      expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]);
      if (delays[i - 1] < CAP) expect(delays[i]).toBeGreaterThan(delays[i - 1]);
    }
  });

  it('S4: never waits more than 6 hours, and reaches that cap', () => {
    for (const attempts of [MAX_EMAIL_ATTEMPTS, 10, 100, 10_000]) {
      expect(emailRetryDelayMs(attempts)).toBeLessThanOrEqual(CAP);
    }
    expect(emailRetryDelayMs(100)).toBe(CAP);
    expect(Number.isFinite(emailRetryDelayMs(10_000))).toBe(true);
  });

  it('S4: zero or negative attempts wait the first delay, never less', () => {
    expect(emailRetryDelayMs(0)).toBe(60_000);
    expect(emailRetryDelayMs(-5)).toBe(60_000);
  });
});

describe('S4: webhook back-off', () => {
  it('grows with each attempt and is capped at a day; the last attempt is the eighth', () => {
    const delays = Array.from({ length: MAX_WEBHOOK_ATTEMPTS }, (_, i) => webhookRetryDelayMs(i + 1));
    expect(delays[0]).toBe(60_000);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]);
    expect(Math.max(...delays)).toBe(24 * 60 * 60 * 1000);
    expect(MAX_WEBHOOK_ATTEMPTS).toBe(8);
  });
});

describe('S4: one retry table for every kind of outbox item', () => {
  it('S4: each kind is tried as often, and waits as long between tries, as before the table (emails 6, sign-in links 3, webhooks 8, batch tasks 5)', () => {
    expect(failUntilGivenUp('emailDue')).toEqual({ attempts: 6, waits: [1, 4, 16, 64, 256].map((m) => m * MINUTE), last: { status: 'failed' } });
    expect(failUntilGivenUp('signinEmail')).toEqual({ attempts: 3, waits: [1, 1].map((m) => m * MINUTE), last: { status: 'failed' } });
    expect(failUntilGivenUp('webhookDelivery')).toEqual({ attempts: 8, waits: [1, 5, 25, 125, 625, 1440, 1440].map((m) => m * MINUTE), last: { status: 'failed' } });
    expect(failUntilGivenUp('batchTask')).toEqual({ attempts: 5, waits: [1, 2, 4, 8].map((m) => m * MINUTE), last: { status: 'failed' } });
  });

  it('S4: a claim outlives an attempt: a minute for a message, five for a task of up to 1000 devices, six for an upload import (its worker times out at five)', () => {
    expect(OUTBOX_ITEM_TYPES.map((type) => [type, S4_RETRIES[type].leaseMs])).toEqual([
      ['emailDue', MINUTE],
      ['signinEmail', MINUTE],
      ['noticeEmail', MINUTE],
      ['webhookDelivery', MINUTE],
      ['batchTask', 5 * MINUTE],
      ['uploadImport', 6 * MINUTE],
    ]);
  });
});

describe('S4: what follows an attempt (decideAfterAttempt)', () => {
  it('S4: a done attempt is done, and counted', () => {
    for (const type of OUTBOX_ITEM_TYPES) expect(decideAfterAttempt(type, 2, { result: 'done' }, now)).toEqual({ decision: { status: 'done' }, attempts: 3 });
  });

  it('S4: a failed attempt that may succeed later is retried after the back-off of its kind, counted from this attempt', () => {
    expect(decideAfterAttempt('emailDue', 1, failed, now)).toEqual({ decision: { status: 'retry', nextAttemptAt: '2026-01-01T00:04:00.000Z' }, attempts: 2 });
    expect(decideAfterAttempt('webhookDelivery', 1, failed, now)).toEqual({ decision: { status: 'retry', nextAttemptAt: '2026-01-01T00:05:00.000Z' }, attempts: 2 });
  });

  it('S4: after the last try it is failed, whatever kind', () => {
    for (const type of OUTBOX_ITEM_TYPES) {
      const { maxAttempts } = S4_RETRIES[type];
      expect(decideAfterAttempt(type, maxAttempts - 2, failed, now).decision.status).toBe('retry');
      expect(decideAfterAttempt(type, maxAttempts - 1, failed, now)).toEqual({ decision: { status: 'failed' }, attempts: maxAttempts });
    }
  });

  it('S4: a failure no later attempt can mend (a webhook removed, a request no longer pending) fails at the first try', () => {
    expect(decideAfterAttempt('webhookDelivery', 0, { result: 'failed', retryable: false, error: 'webhook removed' }, now)).toEqual({ decision: { status: 'failed' }, attempts: 1 });
  });

  it('S4: a suppressed address fails at once without an attempt: its attempts stay as they were', () => {
    expect(decideAfterAttempt('emailDue', 0, { result: 'failed', retryable: false, attempted: false }, now)).toEqual({ decision: { status: 'failed' }, attempts: 0 });
  });

  it('an item with nothing to send (no subscription, no account, over a limit) is dropped, nothing counted', () => {
    expect(decideAfterAttempt('signinEmail', 0, { result: 'dropped' }, now)).toEqual({ decision: { status: 'dropped' }, attempts: 0 });
  });

  it('S4: an item that already counts more attempts than its kind allows (the table lowered) is failed at its next failure, not retried', () => {
    expect(decideAfterAttempt('signinEmail', 7, failed, now)).toEqual({ decision: { status: 'failed' }, attempts: 8 });
  });
});
