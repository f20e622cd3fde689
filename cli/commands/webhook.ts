import { Command } from 'commander';
import { type JsonBody, newIdempotencyKey, ok, UsageError } from '../client.ts';
import { asSent, contextOf, list, positive, table } from '../context.ts';
import { listen } from '../webhook-receiver.ts';

type WebhookEvent = JsonBody<'/v1/webhook', 'put'>['events'][number];

/** `webhook set|get|rotate-secret|deliveries|listen`: a partner's webhook (Standard Webhooks) and a local receiver to try it. */
export const webhook = new Command('webhook').description('Partners: webhooks (Standard Webhooks)');

const SECRET_KEPT = 'signing secret unchanged (shown when the webhook was first set; `device-consent webhook rotate-secret` makes a new one)';

webhook
  .command('set')
  .description('Register your webhook endpoint and events; the first time, prints the signing secret (later ones keep it)')
  // The endpoint's own --url: the service's is given before the command (`device-consent --url <service> webhook set --url <endpoint>`) or by DEVICE_CONSENT_URL.
  .requiredOption('--url <url>', 'your endpoint (the service: --url before `webhook`, or DEVICE_CONSENT_URL)')
  .requiredOption('--events <list>', 'events, comma-separated (e.g. consent.accepted,device_batch.finished)', list)
  .action(async (o: { url: string; events: string[] }, command: Command) => {
    const { partnerApi, print } = contextOf(command);
    const body = await ok(partnerApi().PUT('/v1/webhook', { body: { url: o.url, events: asSent<WebhookEvent>(o.events) } }));
    print(body, () => `webhook ${body.url} for ${body.events.join(', ')}\n${body.secret ? `signing secret: ${body.secret}` : SECRET_KEPT}`);
  });

webhook
  .command('rotate-secret')
  .description('A new signing secret, shown once; for 24 hours every delivery is signed with the previous one too, so switch your receiver before then')
  .option('--idempotency-key <key>', 'to retry safely: the same key answers the same secret and rotates once (default: a new one)')
  .action(async (o: { idempotencyKey?: string }, command: Command) => {
    const { partnerApi, print } = contextOf(command);
    const body = await ok(partnerApi().POST('/v1/webhook/secret-rotations', { params: { header: { 'Idempotency-Key': o.idempotencyKey ?? newIdempotencyKey() } } }));
    print(body, () => `new signing secret: ${body.secret}\nthe previous secret also signs every delivery until ${body.previousSecretValidUntil}; switch your receiver to the new one before then`);
  });

webhook
  .command('get')
  .description('Your webhook endpoint and events (never the secret)')
  .action(async (_o: object, command: Command) => {
    const { partnerApi, print } = contextOf(command);
    const body = await ok(partnerApi().GET('/v1/webhook'));
    print(body, () => `${body.url}: ${body.events.join(', ')}`);
  });

webhook
  .command('deliveries')
  .description('Recent webhook deliveries and their state')
  .option('--limit <n>', 'at most this many', positive, 20)
  .action(async (o: { limit: number }, command: Command) => {
    const { partnerApi, print } = contextOf(command);
    const body = await ok(partnerApi().GET('/v1/webhook/deliveries', { params: { query: { limit: Math.min(o.limit, 100) } } }));
    print(body.items, () => table(body.items, ['id', 'type', 'status', 'attempts', 'lastStatusCode', 'createdAt']));
  });

webhook
  .command('listen')
  .description("A local receiver on 127.0.0.1 that verifies each delivery's signature and prints it; with --register, it registers itself first")
  .option('--port <port>', 'port to listen on', positive, 9000)
  .option('--secret <whsec>', 'the signing secret (env DEVICE_CONSENT_WEBHOOK_SECRET)')
  .option('--register <events>', 'register http://127.0.0.1:<port>/ for these events (comma-separated); the first time, use the secret it answers', list)
  .option('--count <n>', 'stop after this many verified deliveries', positive)
  .action(async (o: { port: number; secret?: string; register?: string[]; count?: number }, command: Command) => {
    const { partnerApi, json, partial } = contextOf(command);
    let secret: string | undefined = o.secret ?? process.env.DEVICE_CONSENT_WEBHOOK_SECRET;
    const server = await listen(o.port, () => secret, { json, count: o.count });
    try {
      if (o.register) {
        const body = await ok(partnerApi().PUT('/v1/webhook', { body: { url: `http://127.0.0.1:${o.port}/`, events: asSent<WebhookEvent>(o.register) } }));
        // A webhook set before keeps its secret, which is not shown again.
        secret = body.secret ?? secret;
        console.error(`registered http://127.0.0.1:${o.port}/ for ${body.events.join(', ')}`);
        if (!secret) throw new UsageError(`${SECRET_KEPT}: give it with --secret or DEVICE_CONSENT_WEBHOOK_SECRET`);
      }
      if (!secret) throw new UsageError('give --secret, DEVICE_CONSENT_WEBHOOK_SECRET, or --register');
    } catch (error) {
      // A receiver left listening would keep the process alive after the error is printed.
      await server.close();
      throw error;
    }
    console.error(`listening on http://127.0.0.1:${o.port}/ (signatures verified; Ctrl-C stops)`);
    await server.done;
    if (server.rejected() > 0) partial();
  });
