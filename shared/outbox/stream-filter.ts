import { OUTBOX_ATTRIBUTE } from '../table/definition.ts';

/**
 * Which records of the table's stream wake the stream consumer, written once in the syntax of
 * Lambda event filtering: the CDK event source mapping uses these patterns as its filter criteria,
 * and the local stream poller (`dev/stream-poller.ts`) applies the same patterns before it invokes
 * the same handler. Only the insertion of an outbox item (an item with an `outbox` attribute: an
 * email to send or a webhook to deliver) is work; updates, deletes and every other item are not.
 */
export const STREAM_FILTER_PATTERNS: readonly Record<string, unknown>[] = [
  { eventName: ['INSERT'], dynamodb: { NewImage: { [OUTBOX_ATTRIBUTE]: { S: [{ exists: true }] } } } },
];
