import { describe, expect, it } from 'vitest';
import { decideAfterAttempt, OUTBOX_ITEM_TYPES, S4_RETRIES, type AttemptResult, type OutboxItemType } from '#shared/domain/outbox-retries.ts';

const MINUTE = 60_000;
const now = '2026-01-01T00:00:00.000Z';
const failed: AttemptResult = { result: 'failed', retryable: true, error: 'TooManyRequestsException' };

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

describe('S4: one retry table for every kind of outbox item', () => {
  it('S4: each kind is tried as often, and waits as long between tries, as before the table (emails 6, sign-in links 3, webhooks 8, batch tasks 5)', () => {
    expect(failUntilGivenUp('emailDue')).toEqual({ attempts: 6, waits: [1, 4, 16, 64, 256].map((m) => m * MINUTE), last: { status: 'failed' } });
    expect(failUntilGivenUp('signinEmail')).toEqual({ attempts: 3, waits: [1, 1].map((m) => m * MINUTE), last: { status: 'failed' } });
    expect(failUntilGivenUp('webhookDelivery')).toEqual({ attempts: 8, waits: [1, 5, 25, 125, 625, 1440, 1440].map((m) => m * MINUTE), last: { status: 'failed' } });
    expect(failUntilGivenUp('batchTask')).toEqual({ attempts: 5, waits: [1, 2, 4, 8].map((m) => m * MINUTE), last: { status: 'failed' } });
  });

  it('S4: a claim outlives an attempt: a minute for a message, five for a task of up to 1000 devices', () => {
    expect(OUTBOX_ITEM_TYPES.map((type) => [type, S4_RETRIES[type].leaseMs])).toEqual([
      ['emailDue', MINUTE],
      ['signinEmail', MINUTE],
      ['webhookDelivery', MINUTE],
      ['batchTask', 5 * MINUTE],
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
