/**
 * Issue 11, devices at factory scale: DynamoDB requests and devices per second of a synchronous
 * `POST /v1/devices` of 1,000 (next to validate-1000's time, in the same run), counted on the SDK
 * client (benchBatches); and of device batches (benchBatchRows, BENCH_SIZES below) worked end to
 * end through the stream path of `npm start`, counted by proxies (issue 26).
 */
import { randomBytes } from 'node:crypto';
import { callPartnerApi, countDynamoDbRequests, median, timeIt, type BenchEngines } from './support.ts';
import { byOperation, dynamoDbRequests, startCountingProxy } from './proxy.ts';
import { startService } from './requests.ts';
import type { Rows } from './report.ts';
import { Api, batchFinished, customerOf, partnerOf, settled, startStreamService, startWebhookReceiver, submitBatch } from './world.ts';

type Device = { hardwareHash?: string; productKeyId?: string; manufacturer?: string; model?: string; serialNumber?: string };
let serial = 0;
const realistic = (): Device => ({ hardwareHash: randomBytes(3000).toString('base64'), productKeyId: String(1e12 + Math.floor(Math.random() * 9e12)), manufacturer: 'Contoso', model: 'Laptop 7', serialNumber: `SN-${serial++}` });
const tupleOnly = (): Device => ({ manufacturer: 'Fabrikam', model: 'Tablet 3', serialNumber: `FB-${Date.now()}-${serial++}` });

export async function benchBatches(): Promise<void> {
  const { createPartner } = await import('#shared/partners/partners.ts');
  const { createTenant } = await import('#shared/directory/directory.ts');
  const { relationshipActivated } = await import('#shared/table/relationships.ts');
  const { commitChange } = await import('#shared/outbox/commit.ts');
  await import('../functions/partner-api/handler.ts'); // loaded before the counter wraps the SDK, as before
  const counter = await countDynamoDbRequests();
  const actor = { type: 'system' as const, id: 'bench' };
  const call = callPartnerApi;
  const authorized = async () => {
    const { partner } = await createPartner({ name: 'Bench OEM-free CSP', kind: 'direct-csp', contactEmail: 'bench@example.com' }, actor);
    const tenant = await createTenant({ name: 'Bench tenant', initialDomain: `bench${Date.now()}${serial++}.onmicrosoft.example` }, actor);
    await commitChange({
      writes: relationshipActivated({ tenantId: tenant.id, partnerId: partner.id, partnerKind: partner.kind, status: 'active', grantedAt: new Date().toISOString(), acceptedBy: { userId: 'u', email: 'a@example.com' }, source: { linkId: 'bench' } }),
      audit: { action: 'consent.accepted', actor, tenantId: tenant.id, partnerId: partner.id },
    });
    return { partner, tenant };
  };

  console.log('\n## Devices at factory scale (issue 11)\n');
  {
    const { partner, tenant } = await authorized();
    const devices = Array.from({ length: 1000 }, realistic);
    const validate = median(await timeIt(5, () => call('POST /v1/device-submissions/validate', partner.id, { tenantId: tenant.id, devices })));
    counter.reset();
    const [register] = await timeIt(1, () => call('POST /v1/devices', partner.id, { tenantId: tenant.id, devices }));
    const requests = counter.total();
    console.log('| synchronous, 1,000 devices (hash, product key id and tuple each) | DynamoDB requests | of which TransactWriteItems | time ms | validate-1000 median ms, same run | register / validate |');
    console.log('|---|---:|---:|---:|---:|---:|');
    console.log(`| POST /v1/devices | ${requests} | ${counter.byCommand().TransactWriteItemsCommand ?? 0} | ${register.toFixed(0)} | ${validate.toFixed(0)} | ${(register / validate).toFixed(2)} |`);
  }

}

/** Sizes of the batch rows: `n:kind`, kind `realistic` (hash, product key id, tuple) or `tuple`. */
const BATCH_SIZES = (process.env.BENCH_BATCH_SIZES ?? '1000:realistic,100000:tuple').split(',').map((s) => {
  const [n, kind] = s.split(':');
  return { n: Number(n), kind: kind === 'realistic' ? ('realistic' as const) : ('tuple' as const) };
});

/**
 * Issue 26, item 3: everything a registration batch causes, through the path of `npm start`. The
 * partner's calls go over HTTP to the local server (bench/http-service.ts), the stream consumer
 * runs in a process of its own (bench/stream-service.ts: the stream poller of dev/stack.ts and the
 * consumer's handler: the planner, the tasks, the outbox's webhook deliveries of the events the
 * batch wrote, to a receiver on loopback the partner subscribed to every event). Each process's
 * DynamoDB client talks to a counting proxy of its own; the figure is both proxies' requests from
 * the batch's creation until the outbox has settled, per 1,000 devices.
 */
export async function benchBatchRows(engines: BenchEngines, log: (line: string) => void): Promise<Rows> {
  const httpProxy = await startCountingProxy(engines.dynamoDbEndpoint);
  const streamProxy = await startCountingProxy(engines.dynamoDbEndpoint);
  const service = await startService(httpProxy.endpoint);
  const stream = await startStreamService(streamProxy.endpoint, engines.dynamoDbEndpoint);
  const hooks = await startWebhookReceiver();
  const rows: Rows = {};
  try {
    const api = new Api(service.url, engines.sesUrl, engines.opsToken);
    const run = Date.now().toString(36);
    console.log('\n| batch | identities a device | DynamoDB requests (HTTP calls + stream consumer) | requests per 1,000 devices | time s | devices per second |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const { n, kind } of BATCH_SIZES) {
      const { partner, apiKey, link } = await partnerOf(api, `Bench batches ${run} ${n}`, hooks.url);
      const { tenant } = await customerOf(api, `bb${run}n${n}`, [link], ['devices:read']);
      const devices = Array.from({ length: n }, kind === 'realistic' ? realistic : tupleOnly);
      const quiet = () => settled(() => httpProxy.records().length + streamProxy.records().length, async () => void (await Promise.all([httpProxy.idle(), streamProxy.idle()])));
      await quiet();
      httpProxy.reset();
      streamProxy.reset();
      const hooksBefore = hooks.received();
      log(`batches: ${n.toLocaleString('en')} ${kind} devices through the stream path...`);
      const start = performance.now();
      const id = await submitBatch(api, apiKey, tenant.id, devices);
      const done = await batchFinished(partner.id, id, log);
      const seconds = (performance.now() - start) / 1000;
      await quiet();
      if (done.status !== 'finished' || done.summary.succeeded !== n) throw new Error(`batch ended ${done.status} with ${done.summary.succeeded} of ${n}`);
      const http = dynamoDbRequests(httpProxy.records());
      const consumer = dynamoDbRequests(streamProxy.records());
      const total = http.length + consumer.length;
      const per1000 = Math.round((total / n) * 1000 * 10) / 10;
      rows[`batchRegister${n}${kind === 'realistic' ? 'Realistic' : 'Tuple'}`] = {
        figure: per1000,
        budget: 40,
        unit: 'DynamoDB requests per 1,000 devices',
        withinBudget: per1000 <= 40,
        description: `a registration batch of ${n.toLocaleString('en')} devices (${kind === 'realistic' ? 'hash, product key id and tuple' : 'tuple'}), HTTP calls, planner, tasks and the outbox's webhook deliveries, counted by the proxies`,
        requests: total,
        httpCalls: { requests: http.length, per1000: Math.round((http.length / n) * 1000 * 10) / 10, byOperation: byOperation(http) },
        streamConsumer: { requests: consumer.length, per1000: Math.round((consumer.length / n) * 1000 * 10) / 10, byOperation: byOperation(consumer) },
        webhooksDelivered: hooks.received() - hooksBefore,
        seconds: Math.round(seconds * 10) / 10,
      };
      console.log(`| ${n.toLocaleString('en')} (${kind}) | ${kind === 'realistic' ? 3 : 1} | ${total} (${http.length} + ${consumer.length}) | ${per1000} | ${seconds.toFixed(1)} | ${(n / seconds).toFixed(0)} |`);
    }
  } finally {
    await stream.stop();
    await service.stop();
    await hooks.stop();
    await httpProxy.stop();
    await streamProxy.stop();
  }
  console.log(`
Budget: at most 40 requests for 1,000 devices, everything the batch causes included (issue 26). The partner's
calls over HTTP to the local server, the stream consumer of \`npm start\` in its own process (planner, tasks,
the webhook deliveries of the events they wrote, to a loopback receiver subscribed to every event); each
process's DynamoDB client behind a counting proxy, from the batch's creation until the outbox settled.`);
  return rows;
}
