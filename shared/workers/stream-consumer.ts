import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '#shared/observability/logger.ts';
import { planBatch } from '#shared/devices/batches.ts';
import { deliverOutboxItem } from './deliver.ts';
import type { SendOptions } from './deliver-email.ts';

/**
 * The stream consumer: for each inserted outbox item, sends the email, delivers the webhook or
 * works the batch task; for each batch just submitted, plans its tasks; in the stream's order. A record that cannot be worked (the
 * table refused a write, say) stops the batch there and is reported as the batch's first failure,
 * so it and the records after it come again; a send that failed its recipient is not a failure
 * here: it is recorded and retried with back-off by the scheduled check (S4). The consumer makes
 * first attempts only, so a batch that comes again never hurries a retry.
 */
export async function handleStreamEvent(event: DynamoDBStreamEvent, options: SendOptions = {}): Promise<DynamoDBBatchResponse> {
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage;
    if (!image) continue;
    const item = unmarshall(image as Record<string, AttributeValue>);
    try {
      if (record.eventName === 'INSERT') await deliverOutboxItem(item, { ...options, firstAttemptOnly: true });
      else if (record.eventName === 'MODIFY' && item.type === 'deviceBatch' && item.status === 'queued') await planBatch(String(item.id));
    } catch (error) {
      logger.error('outbox item not worked; the batch is retried from it', { pk: item.pk, error: error as Error });
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
}
