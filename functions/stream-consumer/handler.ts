import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { handleStreamEvent } from '../../shared/outbox/stream-consumer.ts';
import { checkConfig } from '../../shared/config/config.ts';

// Cold start: wrong configuration fails here, naming the variable, before any request is served.
await checkConfig(['TABLE_NAME', 'PUBLIC_URL', 'MAIL_FROM']);

/**
 * Fed by the table's DynamoDB stream through an event source mapping whose filter criteria
 * (`shared/outbox/stream-filter.ts`) pass only inserted outbox items: sends each email and
 * delivers each webhook, and reports the records that failed so only they are retried.
 */
export const handler = (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => handleStreamEvent(event);
