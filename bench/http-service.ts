/**
 * The service the request-count rows measure, in a process of its own: the local HTTP server of
 * dev/local-server.ts (the same route table, authorizer and handlers as `npm start` and the CDK
 * stack), whose DynamoDB client talks to the counting proxy (DYNAMODB_ENDPOINT, set by the parent).
 * Its own process, so the stream consumer, which the parent runs against DynamoDB Local directly,
 * never shares its client: asynchronous outbox work is not counted. Started by bench/requests.ts
 * with `fork`; it answers `{ port }` on the IPC channel once it listens, `{ memory }` to `memory`,
 * and stops on `stop`.
 */
const { startLocalServer } = await import('../dev/local-server.ts');
const server = await startLocalServer({ port: 0, health: async () => true });
const address = server.address();
if (!address || typeof address !== 'object') throw new Error('bench service: no address');
process.send!({ port: address.port });
process.on('message', (message: unknown) => {
  // bench/files.ts: this process's memory, its peak (maxRSS) included, in bytes.
  if (message === 'memory') return void process.send!({ memory: { ...process.memoryUsage(), maxRss: process.resourceUsage().maxRSS * 1024 } });
  if (message !== 'stop') return;
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
