import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { handleStreamEvent } from '#shared/workers/stream-consumer.ts';
import { checkConfig } from '#shared/config/config.ts';
import { FUNCTION_SECRETS } from '#shared/config/secrets.ts';
import { observedHandler } from '#shared/observability/middleware.ts';
import { correlatedPerRecord } from '#shared/observability/stream.ts';

// Cold start: wrong configuration fails here, naming the variable, before any request is served.
await checkConfig(['TABLE_NAME', 'PUBLIC_URL', 'MAIL_FROM'], { secrets: FUNCTION_SECRETS['stream-consumer'] });

/**
 * Fed by the table's DynamoDB stream through an event source mapping whose filter criteria
 * (`shared/outbox/stream-filter.ts`) pass only inserted outbox items: sends each email and
 * delivers each webhook, and reports the records that failed so only they are retried.
 */
export const handler = observedHandler(
  (_event: DynamoDBStreamEvent, context) => context.awsRequestId,
  // Each record under the correlation id of the request that queued its item.
  correlatedPerRecord((event): Promise<DynamoDBBatchResponse> => handleStreamEvent(event)),
  'stream-consumer',
);
