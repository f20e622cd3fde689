import { createServer, type Server } from 'node:http';

export interface Received {
  headers: Record<string, string>;
  body: string;
}

/**
 * A partner's webhook endpoint on loopback: records every delivery, and answers 500 to the first
 * `failFirst` of them (or to all while `failing` is set).
 */
export async function startReceiver(options: { failFirst?: number } = {}) {
  const received: Received[] = [];
  let toFail = options.failFirst ?? 0;
  const state = { failing: false };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])), body });
      if (state.failing || toFail > 0) {
        toFail--;
        res.writeHead(500).end('not now');
      } else {
        res.writeHead(204).end();
      }
    });
  });
  await new Promise<void>((r) => server.listen({ port: 0, host: '127.0.0.1' }, () => r()));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    state,
    /** Deliveries answered with a 2xx, by event type. */
    events: (type?: string) => received.filter((r) => !type || (JSON.parse(r.body) as { type: string }).type === type),
    /** Waits (up to 15 s) until at least `count` deliveries of this type (any, without one) arrived: webhooks leave after the answer. */
    async waitFor(count = 1, type?: string): Promise<Received[]> {
      const end = Date.now() + 15_000;
      const matching = () => received.filter((r) => !type || (JSON.parse(r.body) as { type: string }).type === type);
      while (matching().length < count) {
        if (Date.now() > end) throw new Error(`expected ${count} ${type ?? 'deliveries'}, got ${matching().length}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return matching();
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
