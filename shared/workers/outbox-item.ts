import { nowIso } from '#shared/domain/ids.ts';
import { decideAfterAttempt, isOutboxItemType, S4_RETRIES, type AttemptResult, type OutboxItemType } from '#shared/domain/outbox-retries.ts';
import type { Mailer } from '#shared/mail/mailer.ts';
import { claimOutboxItem, dropOutboxItem, recordOutboxAttempt, type RecordedDecision } from '#shared/table/outbox.ts';
import type { Key } from '#shared/table/keys.ts';
import type { Write } from '#shared/table/transact.ts';
import type { Resolver } from '#shared/webhooks/pinned-request.ts';

/** How an outbox item is worked: by whom, as of when, with what (tests inject a failing mailer, a resolver). */
export interface WorkOptions {
  mailer?: Mailer;
  /** Resolves a webhook's host (tests answer a rebinding name). */
  resolve?: Resolver;
  /** The time the sender acts at (the scheduled check may be run "as of" another time locally). */
  now?: string;
  /** How long a claim holds (wall clock); by default the kind's lease in S4_RETRIES. */
  leaseMs?: number;
  /**
   * Only an item never tried before (the stream consumer, which sees an item as it is inserted,
   * and again if its batch is retried): a retry keeps its back-off and is the check's (S4).
   */
  firstAttemptOnly?: boolean;
}

/** What an attempt is given: the item as claimed, and what it acts with. */
export interface AttemptContext {
  now: string;
  /** Attempts made before this one, as the item counts them (0: this is the first). */
  attemptsBefore: number;
  mailer?: Mailer;
  resolve?: Resolver;
}

/** What an attempt reports: what happened (never what follows), and how to write it down. */
export type Attempt = AttemptResult & {
  /**
   * Attempts made before this one, when the item does not count them: a consent email's pointer
   * written by the previous version, whose request counted them.
   */
  attemptsBefore?: number;
  /**
   * What else the decision changes, in the same write as the item's own state: fields of the item
   * (a webhook delivery's URL and status code), other items (the request showing its email's state,
   * a task's results). Told the decision and the attempts the item then counts.
   */
  alongside?: (decision: RecordedDecision, attempts: number) => { set?: Record<string, unknown>; writes?: Write[] };
  /** Once the decision is recorded: its log line and metrics, a batch's end after its last task. */
  recorded?: (decision: RecordedDecision, attempts: number) => Promise<void> | void;
};

/** One attempt at a claimed item: does the work (sends the mail, posts the webhook, works the task) and says what happened. */
export type OutboxWorker = (item: Record<string, unknown>, context: AttemptContext) => Promise<Attempt>;

/** Each kind of outbox item and its attempt (composed once, in ./outbox-workers.ts). */
export type OutboxWorkers = { readonly [T in OutboxItemType]: OutboxWorker };

export type OutboxOutcome = 'done' | 'retry' | 'failed' | 'dropped' | 'skipped';

/**
 * The one state machine of every outbox item, whoever found it (the stream consumer as it is
 * inserted, the scheduled check when it is due again, S4): claims it for the kind's lease (another
 * sender holding it, or it settled already: `skipped`), runs its kind's attempt, decides from the
 * attempt's result and the kind's row of S4_RETRIES whether it is done, retried later, failed or
 * dropped, and records that with whatever the attempt changes beside it, in one write. An attempt
 * that throws records nothing: the claim lapses and the item is tried again, uncounted (a crash
 * after sending repeats the send: at least once, with the same `webhook-id`).
 */
export async function workOutboxItem(item: Record<string, unknown>, workers: OutboxWorkers, options: WorkOptions = {}): Promise<OutboxOutcome> {
  const type = item.type;
  if (!isOutboxItemType(type)) throw new Error(`not an outbox item: ${String(type)}`);
  const key: Key = { pk: String(item.pk), sk: String(item.sk) };
  const claimed = await claimOutboxItem(key, { leaseMs: options.leaseMs ?? S4_RETRIES[type].leaseMs, firstAttemptOnly: options.firstAttemptOnly });
  if (!claimed) return 'skipped';
  const now = options.now ?? nowIso();
  const counted = claimed.attempts === undefined ? undefined : Number(claimed.attempts);
  const attempt = await workers[type](claimed, { now, attemptsBefore: counted ?? 0, mailer: options.mailer, resolve: options.resolve });
  const { decision, attempts } = decideAfterAttempt(type, counted ?? attempt.attemptsBefore ?? 0, attempt, now);
  if (decision.status === 'dropped') {
    await dropOutboxItem(key);
    return 'dropped';
  }
  const attempted = !(attempt.result === 'failed' && attempt.attempted === false);
  const { set, writes } = attempt.alongside?.(decision, attempts) ?? {};
  if (!(await recordOutboxAttempt(key, type, decision, { attempts: attempted ? attempts : undefined, now, set, writes }))) return 'skipped';
  await attempt.recorded?.(decision, attempts);
  return decision.status;
}
