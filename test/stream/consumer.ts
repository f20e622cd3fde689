import type { DynamoDBStreamEvent } from 'aws-lambda';
import { startStreamPoller, type StreamPoller } from '../../dev/stream-poller.ts';
import type { WorkOptions } from '#shared/workers/outbox-item.ts';
import { handleStreamEvent } from '#shared/workers/stream-consumer.ts';
import { STREAM_FILTER_PATTERNS } from '#shared/outbox/stream-filter.ts';

/**
 * The stream consumer as the tests of this project run it: the real handler on DynamoDB Local's
 * real stream, through the same poller as `npm start`, from the records committed after it
 * starts, with the faults a test injects (a failing mailer, a short claim lease).
 */
export async function startConsumer(options: WorkOptions & { wrap?: (event: DynamoDBStreamEvent, next: () => ReturnType<typeof handleStreamEvent>) => ReturnType<typeof handleStreamEvent> } = {}): Promise<StreamPoller> {
  const { wrap, ...sendOptions } = options;
  return startStreamPoller({
    endpoint: process.env.DYNAMODB_ENDPOINT!,
    tableName: process.env.TABLE_NAME!,
    filters: STREAM_FILTER_PATTERNS,
    startingPosition: 'LATEST',
    log: () => {},
    handler: (event) => (wrap ? wrap(event, () => handleStreamEvent(event, sendOptions)) : handleStreamEvent(event, sendOptions)),
  });
}

/** Polls `check` until it holds (up to 15 s). */
export async function eventually<T>(check: () => Promise<T | undefined | false>, what: string): Promise<T> {
  const end = Date.now() + 15_000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
