/**
 * What the stream-path benches (bench/batches.ts, bench/partitions.ts) share: the stream consumer
 * in a process of its own (bench/stream-service.ts), a webhook receiver on loopback, and partners
 * and tenants made as their users make them, over HTTP to the local server (bench/http-service.ts).
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { Api, csrfOf, type PageClient } from './http-client.ts';
import { callPartnerApi } from './support.ts';

/** Starts bench/stream-service.ts: the stream consumer with DYNAMODB_ENDPOINT `proxyEndpoint`, reading the stream of DynamoDB Local at `streamEndpoint`. */
export async function startStreamService(proxyEndpoint: string, streamEndpoint: string): Promise<{ stop(): Promise<void> }> {
  const child = fork(new URL('./stream-service.ts', import.meta.url), [], {
    env: { ...process.env, DYNAMODB_ENDPOINT: proxyEndpoint, BENCH_STREAM_ENDPOINT: streamEndpoint },
    execPath: process.execPath,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout!.pipe(process.stderr);
  child.stderr!.pipe(process.stderr);
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`the bench stream service exited (${code}) before it polled`)));
  });
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send('stop');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/** A webhook endpoint on loopback that answers 204 to every delivery and counts them. */
export async function startWebhookReceiver(): Promise<{ url: string; received(): number; stop(): Promise<void> }> {
  let received = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1' }, () => resolve()));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}/hooks`,
    received: () => received,
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export interface Customer {
  tenant: { id: string; initialDomain: string };
  client: PageClient;
  /** A customer API key made on the portal with the scopes asked for. */
  key: string;
}

/** A tenant whose global admin signs in, accepts each partner's consent link and makes a customer key on the portal. */
export async function customerOf(api: Api, label: string, links: string[], scopes: string[]): Promise<Customer> {
  const tenant = await api.createTenant(label);
  const admin = await api.createUser(tenant.id, `admin@${tenant.initialDomain}`);
  const client = await api.signIn(admin.email);
  for (const link of links) {
    const shown = await client.get(link);
    const done = await client.post(new URL(link).pathname, { csrf: csrfOf(shown.html), confirm: 'yes', action: 'accept' });
    if (!done.html.includes('Authorization is complete')) throw new Error(`bench: ${label}'s acceptance failed (${done.status})`);
  }
  const keysPage = await client.get('/portal/api-keys');
  const form = new URLSearchParams({ csrf: csrfOf(keysPage.html), name: `bench ${label}` });
  for (const scope of scopes) form.append('scopes', scope);
  const created = await client.post('/portal/api-keys', form);
  const key = /<code id="new-key-secret">([^<]+)<\/code>/.exec(created.html)?.[1];
  if (created.status !== 200 || !key) throw new Error(`bench: the portal made no key for ${label} (${created.status})`);
  return { tenant, client, key };
}

/** A partner with its API key, its consent link, and a webhook subscribed to every event at `webhookUrl`. */
export async function partnerOf(api: Api, name: string, webhookUrl: string, kind = 'direct-csp') {
  const { partner, apiKey } = await api.createPartner(name, kind);
  const link = (await api.partner(apiKey, 'GET', '/v1/consent-link')).body.url as string;
  const { WEBHOOK_EVENTS } = await import('#shared/domain/webhooks.ts');
  await api.partner(apiKey, 'PUT', '/v1/webhook', { url: webhookUrl, events: [...WEBHOOK_EVENTS] });
  return { partner, apiKey, link };
}

/** A partner's registration batch over HTTP: created, a part of 1,000 devices at a time, submitted; answers its id. */
export async function submitBatch(api: Api, apiKey: string, tenantId: string, devices: unknown[]): Promise<string> {
  const { body } = await api.partner(apiKey, 'POST', '/v1/device-batches', { tenantId, action: 'register' });
  const id = body.batch.id as string;
  for (let i = 0; i < devices.length; i += 1000) await api.partner(apiKey, 'POST', `/v1/device-batches/${id}/devices`, { devices: devices.slice(i, i + 1000) });
  await api.partner(apiKey, 'POST', `/v1/device-batches/${id}/submit`);
  return id;
}

/**
 * Waits for the batch to finish, asking every 2 s through the partner API's handler in this process
 * (bench/support.ts's callPartnerApi, on DynamoDB Local directly): the bench's polling is not what
 * the batch causes, so it never goes through the proxied service. Answers the batch's last state.
 */
export async function batchFinished(partnerId: string, id: string, log: (line: string) => void) {
  let lastLog = Date.now();
  for (;;) {
    const { batch } = (await callPartnerApi('GET /v1/device-batches/{batchId}', partnerId, undefined, { batchId: id })) as { batch: { status: string; summary: { received: number; processed: number; succeeded: number } } };
    if (batch.status.startsWith('finished')) return batch;
    if (Date.now() - lastLog > 30_000) {
      log(`batch ${id}: ${batch.status}, ${batch.summary.processed} of ${batch.summary.received} processed`);
      lastLog = Date.now();
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
}

/** Resolves once `count()` (requests seen by the proxies) has not moved for `quietMs`: the outbox has settled. */
export async function settled(count: () => number, idle: () => Promise<void>, quietMs = 3000): Promise<void> {
  let last = -1;
  for (;;) {
    await idle();
    const now = count();
    if (now === last) return;
    last = now;
    await new Promise((r) => setTimeout(r, quietMs));
  }
}

export { Api };
