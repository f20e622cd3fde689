import { OUTBOX_ATTRIBUTE } from '#shared/table/definition.ts';

/**
 * Which records of the table's stream wake the stream consumer, written once in the syntax of
 * Lambda event filtering: the CDK event source mapping uses these patterns as its filter criteria,
 * and the local stream poller (`dev/stream-poller.ts`) applies the same patterns before it invokes
 * the same handler. Two kinds of record are work: the insertion of an outbox item (an item with an
 * `outbox` attribute: an email to send, a webhook to deliver, a batch task to work), and a device
 * batch going from `open` to `queued` (its submission, which the planner cuts into tasks) or from
 * `awaiting_approval` to `queued` (a held batch approved, R27). Every
 * other update, every delete and every other item is not.
 */
export const STREAM_FILTER_PATTERNS: readonly Record<string, unknown>[] = [
  { eventName: ['INSERT'], dynamodb: { NewImage: { [OUTBOX_ATTRIBUTE]: { S: [{ exists: true }] } } } },
  { eventName: ['MODIFY'], dynamodb: { NewImage: { type: { S: ['deviceBatch'] }, status: { S: ['queued'] } }, OldImage: { status: { S: ['open', 'awaiting_approval'] } } } },
];
