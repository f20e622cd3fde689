import { requestEmailKeys, webhookDeliveryKeys, type Key } from '#shared/table/keys.ts';
import { attemptConsentEmail, attemptNoticeEmail, attemptSignInEmail } from './deliver-email.ts';
import { attemptWebhookDelivery } from './deliver-webhook.ts';
import { workOutboxItem, type OutboxOutcome, type OutboxWorkers, type WorkOptions } from './outbox-item.ts';
import { attemptBatchTask } from './work-batch-task.ts';

/**
 * Each kind of outbox item and its attempt: the one place they are put together, handed to the
 * state machine (workOutboxItem) by the stream consumer and the scheduled check alike, as the
 * route table's implementations are handed to the HTTP chain.
 */
export const OUTBOX_WORKERS: OutboxWorkers = {
  emailDue: attemptConsentEmail,
  signinEmail: attemptSignInEmail,
  noticeEmail: attemptNoticeEmail,
  webhookDelivery: attemptWebhookDelivery,
  batchTask: attemptBatchTask,
  // R32: a portal upload's import reads S3; only the stream consumer and the scheduled check bundle
  // it (OUTBOX_WORKERS_WITH_UPLOADS, ./upload-workers.ts). Anyone else (an operator's run of the
  // check) leaves it, uncounted, to them: retried a minute later.
  uploadImport: async () => ({ result: 'failed', retryable: true, attempted: false, error: 'upload imports are worked by the stream consumer and the scheduled check' }),
};

/** A settled or dropped item is skipped by whoever asks for it by id; each sender names done its own way. */
const named = <D extends string>(done: D) => (outcome: OutboxOutcome) => (outcome === 'done' ? done : outcome === 'dropped' ? 'skipped' : outcome);

// By id, now, whatever the item's due time: what the consumer or the check would do with it (the stream tests and the bench drive single items this way).

/** Works a request's consent email (or its reminder). */
export const deliverConsentEmail = async (requestId: string, which: 'email' | 'reminder', options: WorkOptions = {}) =>
  named('sent')(await workOutboxItem({ ...requestEmailKeys.key(requestId, which), type: 'emailDue' }, OUTBOX_WORKERS, options));

/** Works a webhook delivery. */
export const deliverWebhook = async (id: string, options: WorkOptions = {}) => named('delivered')(await workOutboxItem({ ...webhookDeliveryKeys.key(id), type: 'webhookDelivery' }, OUTBOX_WORKERS, options));

/** Works a batch task (`batchKeys.task`). */
export const workBatchTask = async (task: Key, options: WorkOptions = {}) => named('done')(await workOutboxItem({ ...task, type: 'batchTask' }, OUTBOX_WORKERS, options));
