import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { currentCorrelationId, withCorrelationId } from './correlation.ts';

/**
 * Works a stream batch one record at a time, each under the correlation id its outbox item
 * carries (written by commitChange from the request that made the change), so the log lines of a
 * send name the request that caused it. The same contract as the consumer itself: records in
 * order, stopping at the first one reported failed and reporting it (ReportBatchItemFailures), so
 * it and those after it come again.
 */
export function correlatedPerRecord(
  handle: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>,
): (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse> {
  return async (event) => {
    for (const record of event.Records ?? []) {
      const id = (record.dynamodb?.NewImage as Record<string, { S?: string }> | undefined)?.correlationId?.S;
      const answer = await withCorrelationId(id ?? currentCorrelationId(), () => handle({ Records: [record] }));
      if (answer.batchItemFailures.length > 0) return answer;
    }
    return { batchItemFailures: [] };
  };
}
