import { createServer, type Server } from 'node:http';
import { checkWebhookPayload } from '#shared/domain/webhook-catalogue.ts';
import { openApiDocument } from '#shared/http/openapi.ts';

export interface Received {
  headers: Record<string, string>;
  body: string;
}

interface HeaderParameter {
  name: string;
  in: string;
  required?: boolean;
  schema: { type: string; pattern?: string };
}

/**
 * The Standard Webhooks headers as the OpenAPI document promises them to partners (every event
 * documents the same ones), so a delivery that differs from the document fails the test that caused it.
 */
const documentedHeaders = (): HeaderParameter[] => {
  const webhooks = (openApiDocument() as unknown as { webhooks: Record<string, { post: { parameters: HeaderParameter[] } }> }).webhooks;
  return Object.values(webhooks)[0].post.parameters.filter((p) => p.in === 'header');
};

/**
 * What is wrong with one delivery: its body against the webhook catalogue
 * (shared/domain/webhook-catalogue.ts), its headers against the OpenAPI document. Empty when nothing.
 */
export function deliveryProblems(delivery: Received): string[] {
  const problems: string[] = [];
  for (const header of documentedHeaders()) {
    const value = delivery.headers[header.name];
    if (value === undefined) {
      if (header.required) problems.push(`header ${header.name} is missing`);
      continue;
    }
    const pattern = header.schema.pattern ?? (header.schema.type === 'integer' ? '^[0-9]+$' : undefined);
    if (pattern && !new RegExp(pattern).test(value)) problems.push(`header ${header.name} ${JSON.stringify(value)} does not match ${pattern}`);
  }
  try {
    checkWebhookPayload(JSON.parse(delivery.body));
  } catch (error) {
    problems.push((error as Error).message);
  }
  return problems;
}

/**
 * A partner's webhook endpoint on loopback: records every delivery, and answers 500 to the first
 * `failFirst` of them (or to all while `failing` is set). Every delivery is checked against the
 * webhook catalogue and the documented headers, so every event the suites cause is checked: a
 * delivery that breaks them fails `waitFor` and `events` from then on, and `close` (each suite's
 * `afterAll`) in any case.
 */
export async function startReceiver(options: { failFirst?: number } = {}) {
  const received: Received[] = [];
  const problems: string[] = [];
  let toFail = options.failFirst ?? 0;
  const state = { failing: false };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const delivery = { headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])), body };
      received.push(delivery);
      problems.push(...deliveryProblems(delivery).map((problem) => `delivery ${delivery.headers['webhook-id'] ?? '(no webhook-id)'}: ${problem}`));
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
  const assertKeptTheCatalogue = () => {
    if (problems.length > 0) throw new Error(`webhook deliveries that break the webhook catalogue (shared/domain/webhook-catalogue.ts) or its documented headers:\n${problems.join('\n')}`);
  };
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    /** What was wrong with the deliveries received so far (empty while all kept the catalogue). */
    problems,
    state,
    /** Deliveries answered with a 2xx, by event type. */
    events: (type?: string) => {
      assertKeptTheCatalogue();
      return received.filter((r) => !type || (JSON.parse(r.body) as { type: string }).type === type);
    },
    /** Waits (up to 15 s) until at least `count` deliveries of this type (any, without one) arrived: webhooks leave after the answer. */
    async waitFor(count = 1, type?: string): Promise<Received[]> {
      const end = Date.now() + 15_000;
      const matching = () => received.filter((r) => !type || (JSON.parse(r.body) as { type: string }).type === type);
      while (matching().length < count) {
        assertKeptTheCatalogue();
        if (Date.now() > end) throw new Error(`expected ${count} ${type ?? 'deliveries'}, got ${matching().length}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      assertKeptTheCatalogue();
      return matching();
    },
    /** Stops listening, then fails if any delivery broke the catalogue. */
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      assertKeptTheCatalogue();
    },
  };
}
