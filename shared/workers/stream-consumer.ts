import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '#shared/observability/logger.ts';
import { planBatch } from '#shared/devices/batches.ts';
import { workOutboxItem, type OutboxWorkers, type WorkOptions } from './outbox-item.ts';
import { OUTBOX_WORKERS_WITH_UPLOADS } from './upload-workers.ts';

/**
 * The stream consumer: for each inserted outbox item, sends the email, delivers the webhook or
 * works the batch task; for each batch just submitted, plans its tasks; in the stream's order. A record that cannot be worked (the
 * table refused a write, say) stops the batch there and is reported as the batch's first failure,
 * so it and the records after it come again; a send that failed its recipient is not a failure
 * here: it is recorded and retried with back-off by the scheduled check (S4). The consumer makes
 * first attempts only, so a batch that comes again never hurries a retry. Each item goes through the
 * one state machine (workOutboxItem) with its kind's attempt from `workers` (OUTBOX_WORKERS_WITH_UPLOADS unless
 * a test gives others).
 */
export async function handleStreamEvent(event: DynamoDBStreamEvent, options: WorkOptions & { workers?: OutboxWorkers } = {}): Promise<DynamoDBBatchResponse> {
  const { workers = OUTBOX_WORKERS_WITH_UPLOADS, ...work } = options;
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage;
    if (!image) continue;
    const item = unmarshall(image as Record<string, AttributeValue>);
    try {
      if (record.eventName === 'INSERT') await workOutboxItem(item, workers, { ...work, firstAttemptOnly: true });
      else if (record.eventName === 'MODIFY' && item.type === 'deviceBatch' && item.status === 'queued') await planBatch(String(item.id));
    } catch (error) {
      logger.error('outbox item not worked; the batch is retried from it', { pk: item.pk, error: error as Error });
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
}
