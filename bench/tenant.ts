/**
 * Issue 21, item 5: the customer API at a tenant's scale. A tenant with many devices from several
 * partners (BENCH_TENANT_DEVICES, 150,000, from BENCH_TENANT_PARTNERS, 20) and two smaller ones for
 * the export (BENCH_EXPORT_SIZES, 5,000 and 20,000):
 *
 * - `tenantDevicesPage`: `GET /v1/tenant/devices?limit=100`, DynamoDB requests and round trips.
 * - `tenantExport`: `GET /v1/tenant/devices` with `Accept: text/csv` (the 303) and the download of
 *   its presigned URL: DynamoDB requests against the Query pages it read and their bytes, and the
 *   S3 requests (a second counting proxy in front of the local S3).
 * - `release100k`: a release batch of BENCH_RELEASE_DEVICES (100,000) devices through the customer
 *   API (created, a part of 1000 at a time, submitted), worked by the stream consumer: DynamoDB
 *   requests per 1,000 devices, against a registration of the same devices measured the same way in
 *   the same run, and whether it finished.
 *
 * Everything is made as users make it, over HTTP to the local server (bench/http-service.ts, its
 * DynamoDB client behind the counting proxy): partners and tenants with the operator API, the
 * tenants' global admins signed in by email, each partner authorized by the admin accepting its
 * consent link, the customer API keys created on the portal (`POST /portal/api-keys`, the secret
 * read from the page), devices registered by the partners' batches, the release file cut from the
 * tenant's own export (its columns are those a release reads).
 *
 * The stream consumer (the planner, the batch tasks, the webhook deliveries) runs in this process
 * on DynamoDB Local directly, as in bench/requests.ts, but each record is handed to it on its own
 * and the requests its SDK client sends meanwhile are counted (support.ts's counter) and put down
 * to that record's kind and batch: the batch rows add the planner and the tasks of their batch to
 * what the proxy counted of the HTTP calls, as bench/batches.ts counts a batch end to end.
 */
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { Api, csrfOf, type PageClient } from './http-client.ts';
import { byOperation, dynamoDbRequests, roundTrips, startCountingProxy, type CountingProxy, type ProxiedRequest } from './proxy.ts';
import { devices as submittedDevices, measure, pool, requestRow, startService, type Sample } from './requests.ts';
import type { Row, Rows } from './report.ts';
import { countDynamoDbRequests, type BenchEngines } from './support.ts';
import { deviceKeys } from '#shared/table/keys.ts';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const TENANT_DEVICES = Number(process.env.BENCH_TENANT_DEVICES ?? 150_000);
const PARTNERS = Number(process.env.BENCH_TENANT_PARTNERS ?? 20);
const RELEASE_DEVICES = Math.min(TENANT_DEVICES, Number(process.env.BENCH_RELEASE_DEVICES ?? 100_000));
const EXPORT_SIZES = (process.env.BENCH_EXPORT_SIZES ?? '5000,20000').split(',').map(Number);
/** Today's registration figure (README, Performance: a batch of 100,000 tuple devices), the release's budget. */
const REGISTRATION_PER_1000 = 34;
const PART = 1000;
const MB = 1024 * 1024;
/**
 * Issue 26: a tenant's devices are on `deviceKeys.tenantShards` shards and the unsharded partition
 * of older devices, each a Query of every list: a page is the key's read and one parallel round of
 * those Queries; an export one Query a 1 MB page of each shard, and each shard's last, short one.
 */
const TENANT_DEVICE_QUERIES = deviceKeys.tenantShards + 1;

type Counter = Awaited<ReturnType<typeof countDynamoDbRequests>>;
type Tally = { records: number; requests: number; byOperation: Record<string, number> };

const add = (into: Record<string, number>, from: Record<string, number>, sign = 1) => {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + sign * v;
  return into;
};
const sorted = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([, v]) => v !== 0).sort(([a], [b]) => a.localeCompare(b)));
const opName = (command: string) => command.replace(/Command$/, '');

/**
 * The stream consumer, a record at a time, each record's DynamoDB requests (this process's SDK
 * client) put down to what it was: `plan:<batchId>`, `task:<batchId>`, `webhook:<event>`, or the
 * item's type. A record that fails is reported failed as the consumer would (it and those after it
 * come again).
 */
function attributingConsumer(consumer: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>, counter: Counter) {
  const work = new Map<string, Tally>();
  const labelOf = (record: DynamoDBRecord): string => {
    const image = record.dynamodb?.NewImage;
    if (!image) return 'other';
    const item = unmarshall(image as Record<string, AttributeValue>);
    if (record.eventName === 'MODIFY' && item.type === 'deviceBatch') return `plan:${String(item.id)}`;
    if (item.type === 'batchTask') return `task:${String(item.batchId)}`;
    if (item.type === 'webhookDelivery') return `webhook:${String(item.eventType)}`;
    return String(item.type ?? 'other');
  };
  const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    for (const record of event.Records) {
      const label = labelOf(record);
      const before = counter.byCommand();
      let answer: DynamoDBBatchResponse | void;
      try {
        answer = await consumer({ Records: [record] });
      } finally {
        const spent = add({ ...counter.byCommand() }, before, -1);
        const tally = work.get(label) ?? { records: 0, requests: 0, byOperation: {} };
        tally.records++;
        for (const [command, n] of Object.entries(spent)) {
          tally.requests += n;
          tally.byOperation[opName(command)] = (tally.byOperation[opName(command)] ?? 0) + n;
        }
        work.set(label, tally);
      }
      if (answer?.batchItemFailures?.length) return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
    return { batchItemFailures: [] };
  };
  /** What the consumer did so far, by label (a copy, to subtract a later one from). */
  const snapshot = () => new Map([...work].map(([k, t]) => [k, { records: t.records, requests: t.requests, byOperation: { ...t.byOperation } }]));
  /** The work of `labels` (or of labels `matching`) between two snapshots. */
  const between = (from: Map<string, Tally>, to: Map<string, Tally>, matching: (label: string) => boolean): Tally => {
    const sum: Tally = { records: 0, requests: 0, byOperation: {} };
    for (const [label, t] of to) {
      if (!matching(label)) continue;
      const f = from.get(label);
      sum.records += t.records - (f?.records ?? 0);
      sum.requests += t.requests - (f?.requests ?? 0);
      add(sum.byOperation, t.byOperation);
      if (f) add(sum.byOperation, f.byOperation, -1);
    }
    return { ...sum, byOperation: sorted(sum.byOperation) };
  };
  return { handler, snapshot, between };
}

/**
 * The Query pages among proxied requests: how many, their items, the data they read as DynamoDB
 * sizes it (the 1 MB of a page) and on the wire, the 1 MB pages that data fills at the least, and
 * what ended each page (its Limit, or DynamoDB's 1 MB).
 */
function queryPages(records: readonly ProxiedRequest[]) {
  const pages = records.filter((r) => r.target.endsWith('.Query'));
  const itemBytes = pages.reduce((n, r) => n + (r.page?.itemBytes ?? 0), 0);
  return {
    pages: pages.length,
    items: pages.reduce((n, r) => n + (r.page?.items ?? 0), 0),
    dataMB: Math.round((itemBytes / MB) * 100) / 100,
    mbPages: Math.max(1, Math.ceil(itemBytes / MB)),
    wireMB: Math.round((pages.reduce((n, r) => n + r.bytes, 0) / MB) * 100) / 100,
    endedByTheirLimit: pages.filter((r) => r.page?.more && (r.page.limit === undefined || r.page.items >= r.page.limit)).length,
    endedBy1MB: pages.filter((r) => r.page?.more && r.page.limit !== undefined && r.page.items < r.page.limit).length,
    empty: pages.filter((r) => r.page?.items === 0).length,
    limits: [...new Set(pages.map((r) => r.page?.limit))].slice(0, 8),
  };
}

/** Tuple-only devices, as the 100,000-device batch of bench/batches.ts makes them (one identity each). */
const tupleDevices = (n: number, maker: string) => Array.from({ length: n }, (_, i) => ({ manufacturer: maker, model: 'Tablet 3', serialNumber: `${maker}-${Date.now().toString(36)}-${i}` }));

export async function benchTenant(engines: BenchEngines, log: (line: string) => void): Promise<Rows> {
  const counter = await countDynamoDbRequests();
  const proxy = await startCountingProxy(engines.dynamoDbEndpoint);
  // The downloads go through a counting proxy of their own: the service writes to it, the presigned URLs name it.
  const s3Proxy = await startCountingProxy(process.env.S3_ENDPOINT!);
  const service = await startService(proxy.endpoint, { S3_ENDPOINT: s3Proxy.endpoint });
  const [{ startStreamPoller }, { handler: streamConsumer }, { STREAM_FILTER_PATTERNS }] = await Promise.all([
    import('../dev/stream-poller.ts'),
    import('../functions/stream-consumer/handler.ts'),
    import('#shared/outbox/stream-filter.ts'),
  ]);
  const consumer = attributingConsumer(streamConsumer as (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>, counter);
  // From now on only: in a full run the stream holds bench/requests.ts's records, worked already.
  const poller = await startStreamPoller({ endpoint: engines.dynamoDbEndpoint, tableName: engines.tableName, handler: consumer.handler, filters: STREAM_FILTER_PATTERNS, startingPosition: 'LATEST' });
  const rows: Rows = {};
  const started = Date.now();
  const at = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
  try {
    const api = new Api(service.url, engines.sesUrl, engines.opsToken);
    const run = Date.now().toString(36);
    const customerCall = (key: string, method: string, path: string, body?: unknown) => api.expect('2xx', method, path, { token: key, body });

    // --- Seeding (not counted): partners, tenants, their admins' acceptances, customer keys -------
    log(`tenant: ${PARTNERS} partners, a tenant of ${TENANT_DEVICES.toLocaleString('en')} devices, exports of ${EXPORT_SIZES.join(' and ')}; seeding over HTTP...`);
    const partners = await pool(Array.from({ length: PARTNERS }, (_, i) => i), 4, async (i) => {
      const { partner, apiKey } = await api.createPartner(`Bench maker ${run} ${i}`);
      const link = (await api.partner(apiKey, 'GET', '/v1/consent-link')).body.url as string;
      return { partner, apiKey, link, maker: `M${run}p${i}` };
    });
    /** A tenant whose global admin signs in, accepts the partners' links and creates a customer key on the portal. */
    const customer = async (label: string, authorizing: typeof partners, scopes: string[]) => {
      const tenant = await api.createTenant(`b${run}${label}`);
      const admin = await api.createUser(tenant.id, `admin@${tenant.initialDomain}`);
      const client: PageClient = await api.signIn(admin.email);
      for (const { link } of authorizing) {
        const shown = await client.get(link);
        const done = await client.post(new URL(link).pathname, { csrf: csrfOf(shown.html), confirm: 'yes', action: 'accept' });
        if (!done.html.includes('Authorization is complete')) throw new Error(`seeding: ${label}'s acceptance failed (${done.status})`);
      }
      const keysPage = await client.get('/portal/api-keys');
      const form = new URLSearchParams({ csrf: csrfOf(keysPage.html), name: `bench ${label}` });
      for (const scope of scopes) form.append('scopes', scope);
      const created = await client.post('/portal/api-keys', form);
      const key = /<code id="new-key-secret">([^<]+)<\/code>/.exec(created.html)?.[1];
      if (created.status !== 200 || !key) throw new Error(`seeding: the portal made no key for ${label} (${created.status}): ${created.html.slice(0, 300)}`);
      return { tenant, client, key };
    };
    const big = await customer('big', partners, ['devices:read', 'devices:release']);
    const exportTenants = await pool(EXPORT_SIZES, 2, async (n) => ({ n, ...(await customer(`x${n}`, partners.slice(0, Math.max(1, Math.min(PARTNERS, Math.ceil(n / PART)))), ['devices:read'])) }));
    log(`tenant: partners, tenants and keys at ${at()}`);

    /** A partner's batch over HTTP: created, a part of 1000 at a time, submitted; answers its id. */
    const batchOf = async (apiKey: string, tenantId: string, rows: unknown[]) => {
      const { body } = await api.partner(apiKey, 'POST', '/v1/device-batches', { tenantId, action: 'register' });
      const id = body.batch.id as string;
      for (let i = 0; i < rows.length; i += PART) await api.partner(apiKey, 'POST', `/v1/device-batches/${id}/devices`, { devices: rows.slice(i, i + PART) });
      await api.partner(apiKey, 'POST', `/v1/device-batches/${id}/submit`);
      return id;
    };
    /** Waits for batches read by `read` to finish, all their devices done; answers the last state of each. */
    const finished = async (ids: string[], read: (id: string) => Promise<{ status: string; summary: { received: number; succeeded: number } }>, what: string) => {
      const states = new Map<string, { status: string; summary: { received: number; succeeded: number } }>();
      let lastLog = Date.now();
      for (;;) {
        for (const id of ids) if (!states.get(id)?.status.startsWith('finished')) states.set(id, await read(id));
        const done = [...states.values()].filter((s) => s.status.startsWith('finished')).length;
        if (done === ids.length) return states;
        if (Date.now() - lastLog > 30_000) {
          const processed = [...states.values()].reduce((n, s) => n + ((s.summary as { processed?: number }).processed ?? 0), 0);
          log(`tenant: ${what}: ${done} of ${ids.length} finished, ${processed.toLocaleString('en')} devices processed, at ${at()}`);
          lastLog = Date.now();
        }
        await new Promise((r) => setTimeout(r, 2000));
      }
    };
    const partnerBatch = (apiKey: string) => async (id: string) => (await api.partner(apiKey, 'GET', `/v1/device-batches/${id}`)).body.batch;

    // The export tenants: devices as the request rows make them (a hash each, a product key id on half, the tuple on two thirds), a part from each partner.
    {
      const batches: { id: string; apiKey: string; n: number }[] = [];
      for (const { n, tenant } of exportTenants) {
        const from = partners.slice(0, Math.max(1, Math.min(PARTNERS, Math.ceil(n / PART))));
        await pool(from, 2, async (p) => {
          const share = Math.ceil(n / from.length);
          const count = Math.max(0, Math.min(share, n - from.indexOf(p) * share));
          if (count > 0) batches.push({ id: await batchOf(p.apiKey, tenant.id, submittedDevices(count)), apiKey: p.apiKey, n: count });
        });
      }
      const states = await finished(batches.map((b) => b.id), async (id) => partnerBatch(batches.find((b) => b.id === id)!.apiKey)(id), 'export tenants');
      for (const b of batches) if (states.get(b.id)!.summary.succeeded !== b.n) throw new Error(`seeding: batch ${b.id} registered ${states.get(b.id)!.summary.succeeded} of ${b.n}`);
      log(`tenant: export tenants registered at ${at()}`);
    }

    // The big tenant: tuple devices, a batch from every partner, counted as the release is (the registration's figure in the same run).
    const share = Math.ceil(TENANT_DEVICES / PARTNERS);
    const registration = { http: [] as ProxiedRequest[], ids: [] as { id: string; apiKey: string; n: number }[], seconds: 0 };
    {
      const regStart = Date.now();
      const before = consumer.snapshot();
      await proxy.idle();
      proxy.reset();
      await pool(partners, 2, async (p) => {
        const n = Math.max(0, Math.min(share, TENANT_DEVICES - partners.indexOf(p) * share));
        if (n > 0) registration.ids.push({ id: await batchOf(p.apiKey, big.tenant.id, tupleDevices(n, p.maker)), apiKey: p.apiKey, n });
      });
      await proxy.idle();
      registration.http = dynamoDbRequests(proxy.records());
      const states = await finished(registration.ids.map((b) => b.id), async (id) => partnerBatch(registration.ids.find((b) => b.id === id)!.apiKey)(id), `registering ${TENANT_DEVICES.toLocaleString('en')}`);
      for (const b of registration.ids) if (states.get(b.id)!.summary.succeeded !== b.n) throw new Error(`seeding: batch ${b.id} registered ${states.get(b.id)!.summary.succeeded} of ${b.n}`);
      registration.seconds = (Date.now() - regStart) / 1000;
      // The consumer's work for these batches, once it has settled (the last task's webhook events included).
      await settle(proxy, consumer.snapshot);
      const ids = new Set(registration.ids.map((b) => b.id));
      const after = consumer.snapshot();
      Object.assign(registration, {
        planner: consumer.between(before, after, (l) => l.startsWith('plan:') && ids.has(l.slice(5))),
        tasks: consumer.between(before, after, (l) => l.startsWith('task:') && ids.has(l.slice(5))),
        webhooks: consumer.between(before, after, (l) => l === 'webhook:devices.registered' || l === 'webhook:device_batch.finished'),
      });
      log(`tenant: ${TENANT_DEVICES.toLocaleString('en')} devices registered in ${registration.seconds.toFixed(0)} s, at ${at()}`);
    }

    // --- tenantDevicesPage ----------------------------------------------------------------------
    // The key's first call records its last use (one conditional write every few minutes): made
    // while seeding, by the portal's key of each tenant, so the runs show the steady cost.
    await customerCall(big.key, 'GET', '/v1/tenant');
    for (const t of exportTenants) await customerCall(t.key, 'GET', '/v1/tenant');
    const pageSamples: Sample[] = [];
    let pageAnswer: { items: unknown[]; nextCursor: string | null } = { items: [], nextCursor: null };
    for (let i = 0; i < RUNS; i++) {
      pageSamples.push(
        await measure(proxy, async () => {
          pageAnswer = (await customerCall(big.key, 'GET', '/v1/tenant/devices?limit=100')).body;
        }),
      );
    }
    const partnersOnPage = new Set((pageAnswer.items as { partner: { id: string } }[]).map((d) => d.partner.id)).size;
    rows.tenantDevicesPage = requestRow(
      `\`GET /v1/tenant/devices?limit=100\`, a tenant with ${TENANT_DEVICES.toLocaleString('en')} devices from ${PARTNERS} partners (customer key made on the portal)`,
      pageSamples,
      1 + TENANT_DEVICE_QUERIES,
      { roundTripBudget: 2, devicesInTenant: TENANT_DEVICES, partners: PARTNERS, answer: { items: pageAnswer.items.length, nextCursor: pageAnswer.nextCursor !== null, partnersOnPage } },
    );
    log(`tenant: page row at ${at()}`);

    // --- tenantExport ---------------------------------------------------------------------------
    /** One export: the 303 (the function's time), then the download of its URL; DynamoDB and S3 requests counted. */
    const exportOnce = async (key: string, filter = '') => {
      await proxy.idle();
      await s3Proxy.idle();
      proxy.reset();
      s3Proxy.reset();
      const t0 = performance.now();
      const redirect = await api.call('GET', `/v1/tenant/devices${filter}`, { token: key, headers: { accept: 'text/csv' } });
      const functionMs = performance.now() - t0;
      const location = redirect.headers.get('location');
      if (redirect.status !== 303 || !location) throw new Error(`export answered ${redirect.status}: ${redirect.text.slice(0, 300)}`);
      const t1 = performance.now();
      const download = await fetch(location);
      const csv = await download.text();
      const downloadMs = performance.now() - t1;
      if (download.status !== 200) throw new Error(`the export's download answered ${download.status}: ${csv.slice(0, 300)}`);
      await new Promise((r) => setTimeout(r, 25));
      await proxy.idle();
      await s3Proxy.idle();
      const records = dynamoDbRequests(proxy.records());
      const s3 = s3Proxy.records();
      return {
        csv,
        sample: { requests: records.length, roundTrips: roundTrips(records), byOperation: byOperation(records), ms: Math.round(functionMs * 10) / 10 } satisfies Sample,
        pages: queryPages(records),
        s3Requests: s3.length,
        downloadMs: Math.round(downloadMs),
        csvMB: Math.round((Buffer.byteLength(csv) / MB) * 100) / 100,
        lines: csv.trimEnd().split('\n').length - 1,
      };
    };
    const sizes: Record<string, unknown>[] = [];
    let largest: Sample[] = [];
    for (const { n, key } of exportTenants) {
      const runs: Awaited<ReturnType<typeof exportOnce>>[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await exportOnce(key));
      const mid = [...runs].sort((a, b) => a.sample.requests - b.sample.requests)[Math.floor(runs.length / 2)];
      if (mid.lines !== n) throw new Error(`the export of ${n} devices has ${mid.lines} lines`);
      sizes.push({
        devices: n,
        requests: mid.sample.requests,
        byOperation: mid.sample.byOperation,
        queryPages: mid.pages.pages,
        requestsBesidesPages: mid.sample.requests - mid.pages.pages,
        dataMB: mid.pages.dataMB,
        mbPages: mid.pages.mbPages,
        requestsPerMBPage: Math.round((mid.sample.requests / mid.pages.mbPages) * 100) / 100,
        requestsPer1000Devices: Math.round((mid.sample.requests / n) * 1000 * 100) / 100,
        devicesPerQuery: Math.round(n / mid.pages.pages),
        pagesEndedByTheirLimit: mid.pages.endedByTheirLimit,
        pagesEndedBy1MB: mid.pages.endedBy1MB,
        emptyPages: mid.pages.empty,
        queryLimits: mid.pages.limits,
        wireMB: mid.pages.wireMB,
        csvMB: mid.csvMB,
        s3Requests: mid.s3Requests,
        httpRequests: 2,
        runs: runs.map((r) => ({ requests: r.sample.requests, roundTrips: r.sample.roundTrips, ms: r.sample.ms, downloadMs: r.downloadMs })),
      });
      largest = runs.map((r) => r.sample);
      log(`tenant: export of ${n.toLocaleString('en')} at ${at()}`);
    }
    // The big tenant's whole export, once: the release file is cut from it, as a customer would. On a
    // loaded machine it can outlast the function's timeout (a 500): then the figure says so, and the
    // release file is cut from one export a partner (`?partnerId=`), as a customer could also do.
    const whole = await exportOnce(big.key).catch((error: Error) => ({ failed: error.message }) as const);
    let releaseCsv: string;
    if ('failed' in whole) {
      log(`tenant: export of ${TENANT_DEVICES.toLocaleString('en')} failed (${whole.failed.slice(0, 80)}), at ${at()}; the release file from one export a partner`);
      const parts: string[] = [];
      for (const p of partners) parts.push((await exportOnce(big.key, `?partnerId=${p.partner.id}`)).csv.trimEnd());
      releaseCsv = [parts[0], ...parts.slice(1).map((csv) => csv.slice(csv.indexOf('\n') + 1))].join('\n');
    } else {
      log(`tenant: export of ${TENANT_DEVICES.toLocaleString('en')} (the release file) in ${(whole.sample.ms / 1000).toFixed(1)} s, at ${at()}`);
      releaseCsv = whole.csv;
    }
    const biggest = sizes.at(-1)!;
    // One Query a 1 MB page of a shard, and each shard's last: what else an export reads is the key (not a read a device, nor a page).
    const perPage = biggest.requestsPerMBPage as number;
    const exportBudget = Math.round(((Math.ceil((biggest.mbPages as number) * 1.1) + TENANT_DEVICE_QUERIES + 1) / (biggest.mbPages as number)) * 100) / 100;
    rows.tenantExport = {
      ...requestRow(
        `\`GET /v1/tenant/devices\` with \`Accept: text/csv\` (303) and its download: DynamoDB requests per 1 MB page of devices read, ${Number(biggest.devices).toLocaleString('en')} devices`,
        largest,
        exportBudget,
      ),
      figure: perPage,
      budget: exportBudget,
      unit: 'DynamoDB requests per 1 MB page read',
      withinBudget: perPage <= exportBudget && sizes.every((s) => (s.requestsBesidesPages as number) <= 1 && (s.requests as number) <= Math.ceil((s.mbPages as number) * 1.1) + TENANT_DEVICE_QUERIES + 1),
      parts: sizes,
      wholeTenant: 'failed' in whole ? { devices: TENANT_DEVICES, failed: whole.failed } : {
        devices: TENANT_DEVICES,
        requests: whole.sample.requests,
        queryPages: whole.pages.pages,
        dataMB: whole.pages.dataMB,
        mbPages: whole.pages.mbPages,
        requestsPerMBPage: Math.round((whole.sample.requests / whole.pages.mbPages) * 100) / 100,
        pagesEndedByTheirLimit: whole.pages.endedByTheirLimit,
        pagesEndedBy1MB: whole.pages.endedBy1MB,
        wireMB: whole.pages.wireMB,
        csvMB: whole.csvMB,
        s3Requests: whole.s3Requests,
        functionMs: whole.sample.ms,
        downloadMs: whole.downloadMs,
      },
    } satisfies Row;

    // --- release100k ----------------------------------------------------------------------------
    // The release file: the first RELEASE_DEVICES rows of the tenant's own export, 1000 a part, as CSV.
    const [header, ...lines] = releaseCsv.trimEnd().split('\n');
    if (lines.length !== TENANT_DEVICES) throw new Error(`the tenant's export has ${lines.length} rows, not ${TENANT_DEVICES}`);
    const releaseLines = lines.slice(0, RELEASE_DEVICES);
    const releaseStart = Date.now();
    const beforeRelease = consumer.snapshot();
    await proxy.idle();
    proxy.reset();
    const { body: created } = await customerCall(big.key, 'POST', '/v1/tenant/release-batches', { confirm: 'irreversible' });
    const releaseId = created.batch.id as string;
    for (let i = 0; i < releaseLines.length; i += PART) {
      const res = await fetch(`${service.url}/v1/tenant/release-batches/${releaseId}/devices`, {
        method: 'POST',
        headers: { authorization: `Bearer ${big.key}`, 'content-type': 'text/csv' },
        body: `${header}\n${releaseLines.slice(i, i + PART).join('\n')}\n`,
      });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`release part ${i / PART} answered ${res.status}: ${text.slice(0, 300)}`);
      if (JSON.parse(text).malformedLines?.length) throw new Error(`release part ${i / PART}: malformed lines ${text.slice(0, 300)}`);
    }
    await customerCall(big.key, 'POST', `/v1/tenant/release-batches/${releaseId}/submit`);
    await proxy.idle();
    const releaseHttp = dynamoDbRequests(proxy.records());
    const releaseHttpSeconds = (Date.now() - releaseStart) / 1000;
    log(`tenant: release of ${RELEASE_DEVICES.toLocaleString('en')} submitted at ${at()}`);
    const releaseState = (await finished([releaseId], async (id) => (await customerCall(big.key, 'GET', `/v1/tenant/release-batches/${id}`)).body.batch, `releasing ${RELEASE_DEVICES.toLocaleString('en')}`)).get(releaseId)!;
    const releaseSeconds = (Date.now() - releaseStart) / 1000;
    await settle(proxy, consumer.snapshot);
    const afterRelease = consumer.snapshot();
    const releasePlanner = consumer.between(beforeRelease, afterRelease, (l) => l === `plan:${releaseId}`);
    const releaseTasks = consumer.between(beforeRelease, afterRelease, (l) => l === `task:${releaseId}`);
    const releaseWebhooks = consumer.between(beforeRelease, afterRelease, (l) => l.startsWith('webhook:'));
    const otherWork = consumer.between(beforeRelease, afterRelease, (l) => !l.startsWith('webhook:') && l !== `plan:${releaseId}` && l !== `task:${releaseId}`);
    const releaseTotal = releaseHttp.length + releasePlanner.requests + releaseTasks.requests;
    const per1000 = (n: number, devices: number) => Math.round((n / devices) * 1000 * 10) / 10;
    const reg = registration as typeof registration & { planner: Tally; tasks: Tally; webhooks: Tally };
    const regTotal = reg.http.length + reg.planner.requests + reg.tasks.requests;
    const releaseFinished = releaseState.status === 'finished' && releaseState.summary.succeeded === RELEASE_DEVICES;
    const figure = per1000(releaseTotal, RELEASE_DEVICES);
    rows.release100k = {
      figure,
      budget: REGISTRATION_PER_1000,
      unit: 'DynamoDB requests per 1,000 devices',
      withinBudget: figure <= REGISTRATION_PER_1000 && releaseFinished,
      description: `a release batch of ${RELEASE_DEVICES.toLocaleString('en')} devices (tuple, ${PARTNERS} partners) through the customer API, worked by the stream consumer: HTTP calls + planner + tasks`,
      finished: releaseFinished,
      status: releaseState.status,
      summary: releaseState.summary,
      devices: RELEASE_DEVICES,
      requests: releaseTotal,
      seconds: Math.round(releaseSeconds),
      devicesPerSecond: Math.round(RELEASE_DEVICES / releaseSeconds),
      parts: {
        http: { calls: 2 + Math.ceil(RELEASE_DEVICES / PART), requests: releaseHttp.length, per1000: per1000(releaseHttp.length, RELEASE_DEVICES), byOperation: byOperation(releaseHttp), seconds: Math.round(releaseHttpSeconds) },
        planner: { ...releasePlanner, per1000: per1000(releasePlanner.requests, RELEASE_DEVICES) },
        tasks: { ...releaseTasks, per1000: per1000(releaseTasks.requests, RELEASE_DEVICES) },
        notCounted: {
          webhookDeliveries: { ...releaseWebhooks, per1000: per1000(releaseWebhooks.requests, RELEASE_DEVICES), note: 'the devices.released events the consumer delivers (no partner has a webhook here): counted, not in the figure, as the registration figure leaves out its devices.registered' },
          otherConsumerWork: otherWork,
        },
      },
      registrationSameRun: {
        description: `the same ${TENANT_DEVICES.toLocaleString('en')} devices registered by ${PARTNERS} partners' batches, counted the same way`,
        devices: TENANT_DEVICES,
        requests: regTotal,
        per1000: per1000(regTotal, TENANT_DEVICES),
        http: { requests: reg.http.length, per1000: per1000(reg.http.length, TENANT_DEVICES), byOperation: byOperation(reg.http) },
        planner: { ...reg.planner, per1000: per1000(reg.planner.requests, TENANT_DEVICES) },
        tasks: { ...reg.tasks, per1000: per1000(reg.tasks.requests, TENANT_DEVICES) },
        webhookDeliveries: { ...reg.webhooks, per1000: per1000(reg.webhooks.requests, TENANT_DEVICES) },
        seconds: Math.round(reg.seconds),
        devicesPerSecond: Math.round(TENANT_DEVICES / reg.seconds),
      },
      runs: [{ requests: releaseTotal, per1000: figure, seconds: Math.round(releaseSeconds) }],
    } satisfies Row;
    log(`tenant: release ${releaseState.status} (${releaseState.summary.succeeded} of ${RELEASE_DEVICES}) in ${releaseSeconds.toFixed(0)} s, at ${at()}`);
    return rows;
  } finally {
    await poller.stop();
    await service.stop();
    await proxy.stop();
    await s3Proxy.stop();
  }
}


/** Waits until the stream consumer has had nothing to do for two seconds (its last records worked). */
async function settle(proxy: CountingProxy, snapshot: () => Map<string, Tally>): Promise<void> {
  const total = () => [...snapshot().values()].reduce((n, t) => n + t.records, 0);
  let last = total();
  for (;;) {
    await new Promise((r) => setTimeout(r, 2000));
    await proxy.idle();
    const now = total();
    if (now === last) return;
    last = now;
  }
}
