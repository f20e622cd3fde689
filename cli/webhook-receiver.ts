import { createServer } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { UsageError } from './client.ts';

/**
 * A partner's webhook endpoint for trying things out: listens on 127.0.0.1 only, verifies each
 * delivery's Standard Webhooks signature (webhook-id, webhook-timestamp, webhook-signature) with
 * the secret, answers 204 to a verified one and 401 to anything else, and prints each.
 */
export async function listen(port: number, secret: () => string | undefined, options: { json: boolean; count?: number }) {
  let verified = 0;
  let rejected = 0;
  let finish!: () => void;
  const done = new Promise<void>((r) => (finish = r));
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const key = secret();
      let event: { type?: string; timestamp?: string; data?: unknown } | undefined;
      try {
        if (!key) throw new Error('no secret yet');
        event = new Webhook(key).verify(body, req.headers as Record<string, string>) as typeof event;
      } catch (error) {
        rejected++;
        res.writeHead(401).end();
        console.error(`rejected a delivery: ${(error as Error).message}`);
        return;
      }
      verified++;
      res.writeHead(204).end();
      if (options.json) console.log(JSON.stringify({ id: req.headers['webhook-id'], ...event }));
      else console.log(`${event?.timestamp ?? ''} ${event?.type ?? '?'} (verified) ${JSON.stringify(event?.data)}`);
      if (options.count && verified >= options.count) server.close(() => finish());
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(new UsageError(error.code === 'EADDRINUSE' ? `port ${port} is busy: choose another with --port` : error.message)));
    server.listen({ port, host: '127.0.0.1' }, () => resolve());
  });
  const stop = () => server.close(() => finish());
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { done, rejected: () => rejected, close: () => new Promise<void>((r) => server.close(() => r())) };
}
