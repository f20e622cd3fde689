/**
 * The stream consumer of `npm start` in a process of its own, for the benches that count what a
 * batch causes after its HTTP calls: dev/stream-poller.ts reading the table's stream (its own
 * endpoint, BENCH_STREAM_ENDPOINT: DynamoDB Local itself, as dev/stack.ts wires it), handing the
 * records that pass the deployed filter patterns to functions/stream-consumer/handler.ts, whose
 * DynamoDB client talks to DYNAMODB_ENDPOINT (a counting or recording proxy, set by the parent).
 * So the planner, the batch tasks and the outbox deliveries (webhooks, emails) are counted on the
 * wire like the HTTP calls. Started with `fork` by startStreamService (bench/world.ts); answers
 * `{ ready: true }` once it polls, and stops on `stop`.
 */
const [{ startStreamPoller }, { handler }, { STREAM_FILTER_PATTERNS }] = await Promise.all([
  import('../dev/stream-poller.ts'),
  import('../functions/stream-consumer/handler.ts'),
  import('#shared/outbox/stream-filter.ts'),
]);
const poller = await startStreamPoller({
  endpoint: process.env.BENCH_STREAM_ENDPOINT!,
  tableName: process.env.TABLE_NAME!,
  handler,
  filters: STREAM_FILTER_PATTERNS,
  // Only what is written from now on: in a full bench run the stream holds earlier rows' records.
  startingPosition: 'LATEST',
});
process.send!({ ready: true });
process.on('message', async (message: unknown) => {
  if (message !== 'stop') return;
  await poller.stop();
  process.exit(0);
});
process.on('disconnect', () => process.exit(0));
