/**
 * Issue 14, requirement 1: DynamoDB requests (and sequential round trips) per operation, counted by
 * a proxy in front of DynamoDB Local (bench/proxy.ts), never by the code's own bookkeeping. Every
 * operation goes over HTTP through the local server of dev/local-server.ts (the same route table,
 * authorizer and handlers as `npm start`), run in a child process (bench/http-service.ts) whose
 * DYNAMODB_ENDPOINT is the proxy. The stream consumer runs in this process against DynamoDB Local
 * directly, so the asynchronous outbox work (emails, webhooks) is never counted.
 *
 * Everything a row needs is made as its users would make it: partners, API keys and tenants with
 * the operator API, sessions with the email sign-in (the link read from the local SES's
 * `GET /store`), relationships by customers accepting on the consent pages. The proxy's record is
 * reset right before each measured operation; each is measured BENCH_RUNS times (3) and the median
 * reported, every run's count kept in results.json.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { forEachConcurrently } from '#shared/util/batching.ts';
import { Api, csrfOf, type PageClient } from './http-client.ts';
import { byOperation, dynamoDbRequests, roundTrips, startCountingProxy, type CountingProxy } from './proxy.ts';
import { dueKeys } from '#shared/table/keys.ts';
import { CHECK_DUE, CHECK_TOTAL, consentCheckItems, writeItems } from './consent-check.ts';
import type { Row, Rows } from './report.ts';
import type { BenchEngines } from './support.ts';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
/** Tenants the partner is authorized for through its reusable link (besides the RUNS accepted requests); 2 of them revoked. */
const LINK_AUTHORIZED = 16;
const REVOKED = 2;
const CHECKED_TENANTS = 100;

export interface Sample {
  requests: number;
  roundTrips: number;
  byOperation: Record<string, number>;
  ms: number;
}

/** Runs one operation with the proxy's record reset right before, and counts what it sent to DynamoDB. */
export async function measure(proxy: CountingProxy, operation: () => Promise<void>): Promise<Sample> {
  await proxy.idle();
  proxy.reset();
  const start = performance.now();
  await operation();
  const ms = performance.now() - start;
  // Anything the handler sent without awaiting it still belongs to the operation.
  await new Promise((r) => setTimeout(r, 25));
  await proxy.idle();
  const records = dynamoDbRequests(proxy.records());
  return { requests: records.length, roundTrips: roundTrips(records), byOperation: byOperation(records), ms: Math.round(ms * 10) / 10 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The medians of a row's runs, and every run, for results.json. */
export function summary(samples: Sample[]) {
  const requests = median(samples.map((s) => s.requests));
  const trips = median(samples.map((s) => s.roundTrips));
  return {
    requests,
    roundTrips: trips,
    byOperation: samples.find((s) => s.requests === requests)!.byOperation,
    medianMs: median(samples.map((s) => s.ms)),
    runs: samples.map(({ requests: r, roundTrips: t, ms }) => ({ requests: r, roundTrips: t, ms })),
  };
}

/** A row whose figure is the median number of DynamoDB requests; `roundTripBudget` adds a second budget. */
export function requestRow(description: string, samples: Sample[], budget: number, extra: Record<string, unknown> & { roundTripBudget?: number } = {}): Row {
  const s = summary(samples);
  const withinBudget = s.requests <= budget && (extra.roundTripBudget === undefined || s.roundTrips <= extra.roundTripBudget);
  return { figure: s.requests, budget, unit: 'DynamoDB requests', withinBudget, description, ...s, ...extra };
}

/** A row whose figure is the median number of sequential round trips to DynamoDB. */
function roundTripRow(description: string, samples: Sample[], budget: number, extra: Record<string, unknown> = {}): Row {
  const s = summary(samples);
  return { figure: s.roundTrips, budget, unit: 'sequential round trips', withinBudget: s.roundTrips <= budget, description, ...s, ...extra };
}

/** The service process's memory in bytes (`process.memoryUsage()`), and its peak resident set so far (`maxRss`). */
export type ServiceMemory = NodeJS.MemoryUsage & { maxRss: number };

/** Starts bench/http-service.ts with this process's environment (and `env`), DYNAMODB_ENDPOINT being the proxy. */
export async function startService(proxyEndpoint: string, env: Record<string, string> = {}): Promise<{ url: string; memory(): Promise<ServiceMemory>; stop(): Promise<void> }> {
  const child = fork(new URL('./http-service.ts', import.meta.url), [], {
    env: { ...process.env, ...env, DYNAMODB_ENDPOINT: proxyEndpoint },
    execPath: process.execPath,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  // Its output goes to stderr: stdout is the bench's tables.
  child.stdout!.pipe(process.stderr);
  child.stderr!.pipe(process.stderr);
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`the bench service exited (${code}) before it listened`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    memory: () =>
      new Promise<ServiceMemory>((resolve) => {
        const answer = (m: unknown) => {
          if (!(m as { memory?: ServiceMemory }).memory) return;
          child.off('message', answer);
          resolve((m as { memory: ServiceMemory }).memory);
        };
        child.on('message', answer);
        child.send('memory');
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send('stop');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/** `work` over `items`, at most `concurrency` at a time, answering its results in the items' order. */
export async function pool<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Map<T, R>();
  await forEachConcurrently(items, concurrency, async (item) => {
    results.set(item, await work(item));
  });
  return items.map((item) => results.get(item)!);
}

/** Devices as issue 5's bench makes them: a hash each, a product key id on half, the tuple on two thirds. */
export function devices(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    hardwareHash: randomBytes(256).toString('base64'),
    ...(i % 2 ? { productKeyId: String(1e12 + Math.floor(Math.random() * 9e12)) } : {}),
    ...(i % 3 ? { manufacturer: 'Contoso', model: 'Laptop', serialNumber: `SN-${randomBytes(6).toString('hex')}-${i}` } : {}),
  }));
}

export async function benchRequests(engines: BenchEngines, log: (line: string) => void): Promise<Rows> {
  const proxy = await startCountingProxy(engines.dynamoDbEndpoint);
  const service = await startService(proxy.endpoint);
  const [{ startStreamPoller }, { handler: streamConsumer }, { STREAM_FILTER_PATTERNS }] = await Promise.all([
    import('../dev/stream-poller.ts'),
    import('../functions/stream-consumer/handler.ts'),
    import('#shared/outbox/stream-filter.ts'),
  ]);
  // The outbox (sign-in and consent emails, webhooks) on DynamoDB Local directly: never through the proxy.
  let poller: { stop(): Promise<void> } | undefined = await startStreamPoller({
    endpoint: engines.dynamoDbEndpoint,
    tableName: engines.tableName,
    handler: streamConsumer,
    filters: STREAM_FILTER_PATTERNS,
  });
  const rows: Rows = {};
  try {
    const api = new Api(service.url, engines.sesUrl, engines.opsToken);
    const run = Date.now().toString(36);
    const domainOf = (label: string) => `b${run}${label}.onmicrosoft.example`;
    const newTenant = (label: string) => api.createTenant(`b${run}${label}`);

    // --- Seeding (not counted) -------------------------------------------------------------
    const seedStart = Date.now();
    log('seeding: partner, tenants, sign-ins and acceptances through the HTTP API and pages...');
    const { partner, apiKey } = await api.createPartner(`Bench CSP ${run}`);
    const linkUrl = (await api.partner(apiKey, 'GET', '/v1/consent-link')).body.url as string;
    /** A tenant whose global admin signs in by email and accepts the partner's reusable link. */
    const authorizedThroughLink = async (label: string) => {
      const tenant = await newTenant(label);
      const admin = await api.createUser(tenant.id, `admin@${tenant.initialDomain}`);
      const client = await api.signIn(admin.email);
      const shown = await client.get(linkUrl);
      const done = await client.post(new URL(linkUrl).pathname, { csrf: csrfOf(shown.html), confirm: 'yes', action: 'accept' });
      if (!done.html.includes('Authorization is complete')) throw new Error(`seeding: acceptance through the link failed (${done.status})`);
      return tenant;
    };
    const linked = await pool(Array.from({ length: LINK_AUTHORIZED }, (_, i) => `l${i}`), 4, authorizedThroughLink);
    for (const tenant of linked.slice(-REVOKED)) {
      await api.ops('POST', `/ops/relationships/${tenant.id}/${partner.id}/revoke`, { reason: 'bench: a revoked relationship among the checked tenants' });
    }
    const [validateTenant] = linked;
    // For the consent rows: one tenant, global admin and signed-in session per run.
    const consentRuns = await pool(Array.from({ length: RUNS }, (_, i) => i), 4, async (i) => {
      const tenant = await newTenant(`c${i}`);
      const admin = await api.createUser(tenant.id, `admin@${tenant.initialDomain}`);
      return { tenant, admin, client: await api.signIn(admin.email) };
    });
    // The same for a reseller, whose page also names its indirect provider (R7).
    const { partner: provider } = await api.createPartner(`Bench provider ${run}`, 'indirect-provider');
    const { apiKey: resellerKey } = await api.createPartner(`Bench reseller ${run}`, 'indirect-reseller', provider.id);
    const resellerRuns = await pool(Array.from({ length: RUNS }, (_, i) => i), 4, async (i) => {
      const tenant = await newTenant(`r${i}`);
      const admin = await api.createUser(tenant.id, `admin@${tenant.initialDomain}`);
      return { tenant, admin, client: await api.signIn(admin.email) };
    });
    const unrelated = await pool(Array.from({ length: CHECKED_TENANTS - LINK_AUTHORIZED - RUNS }, (_, i) => `u${i}`), 4, newTenant);
    // Validation finds a fifth of the devices registered already, as in issue 5's bench.
    const submission = devices(1000);
    await api.partner(apiKey, 'POST', '/v1/devices', { tenantId: validateTenant.id, devices: submission.slice(0, 200) });
    log(`seeded in ${((Date.now() - seedStart) / 1000).toFixed(0)} s`);

    // --- Partner API -------------------------------------------------------------------------
    const partnerCall = (method: string, path: string, body?: unknown) => () => api.partner(apiKey, method, path, body).then(() => undefined);
    const times = async (operation: () => Promise<void>) => {
      const samples: Sample[] = [];
      for (let i = 0; i < RUNS; i++) samples.push(await measure(proxy, operation));
      return samples;
    };
    rows.me = requestRow('`GET /v1/me` with a partner API key', await times(partnerCall('GET', '/v1/me')), 2);
    let validated: { summary?: { valid: number; invalid: number } } = {};
    rows.validate1000 = requestRow(
      '`POST /v1/device-submissions/validate`, 1,000 devices (a fifth registered already)',
      await times(async () => {
        validated = (await api.partner(apiKey, 'POST', '/v1/device-submissions/validate', { tenantId: validateTenant.id, devices: submission })).body;
      }),
      25,
      { identities: submission.reduce((n, d) => n + 1 + (d.productKeyId ? 1 : 0) + (d.serialNumber ? 1 : 0), 0) },
    );
    rows.validate1000.answer = validated.summary;

    // --- Consent: a request, the page, the acceptance (a fresh tenant and session per run) -----
    const create: Sample[] = [];
    const createWithoutDomain: Sample[] = [];
    const open: Sample[] = [];
    const accept: Sample[] = [];
    for (const [i, { tenant, admin, client }] of consentRuns.entries()) {
      let consentUrl = '';
      create.push(
        await measure(proxy, async () => {
          const { body } = await api.expect(201, 'POST', '/v1/consent-requests', { token: apiKey, body: { recipientEmail: admin.email, tenantDomain: tenant.initialDomain } });
          consentUrl = body.consentRequest.consentUrl;
        }),
      );
      createWithoutDomain.push(
        await measure(proxy, async () => {
          await api.expect(201, 'POST', '/v1/consent-requests', { token: apiKey, body: { recipientEmail: `it${i}@${domainOf(`x${i}`)}` } });
        }),
      );
      const path = new URL(consentUrl).pathname;
      let html = '';
      open.push(
        await measure(proxy, async () => {
          const shown = await (client as PageClient).get(path);
          if (shown.status !== 200 || !shown.html.includes('name="csrf"')) throw new Error(`consent page answered ${shown.status} without its form`);
          html = shown.html;
        }),
      );
      const csrf = csrfOf(html);
      accept.push(
        await measure(proxy, async () => {
          const done = await client.post(path, { csrf, confirm: 'yes', action: 'accept' });
          if (done.status !== 200 || !done.html.includes('Authorization is complete')) throw new Error(`acceptance answered ${done.status}`);
        }),
      );
    }
    // A reseller's request: the page reads the provider with the partner (its id is on the request).
    const openReseller: Sample[] = [];
    const acceptReseller: Sample[] = [];
    for (const { admin, client } of resellerRuns) {
      const { body } = await api.expect(201, 'POST', '/v1/consent-requests', { token: resellerKey, body: { recipientEmail: admin.email } });
      const path = new URL(body.consentRequest.consentUrl).pathname;
      let html = '';
      openReseller.push(
        await measure(proxy, async () => {
          const shown = await (client as PageClient).get(path);
          if (shown.status !== 200 || !shown.html.includes(provider.name)) throw new Error(`reseller consent page answered ${shown.status} without its provider`);
          html = shown.html;
        }),
      );
      const csrf = csrfOf(html);
      acceptReseller.push(
        await measure(proxy, async () => {
          const done = await client.post(path, { csrf, confirm: 'yes', action: 'accept' });
          if (done.status !== 200 || !done.html.includes('Authorization is complete')) throw new Error(`reseller acceptance answered ${done.status}`);
        }),
      );
    }
    rows.createConsentRequest = requestRow('`POST /v1/consent-requests` with `recipientEmail` and `tenantDomain`', create, 5, {
      withoutTenantDomain: summary(createWithoutDomain),
    });
    rows.acceptConsent = requestRow('a signed-in global admin accepts: `POST /consent/{requestId}` (session cookie, CSRF token)', accept, 4, { roundTripBudget: 3 });
    rows.openConsentPageSignedIn = roundTripRow('`GET /consent/{requestId}` with a session cookie', open, 2);
    rows.openConsentPageSignedInReseller = roundTripRow("the same page of an indirect reseller's request (it names the provider, R7)", openReseller, 2);
    rows.acceptConsentReseller = requestRow("a signed-in global admin accepts an indirect reseller's request (R7: the provider is granted too)", acceptReseller, 4, { roundTripBudget: 3 });

    // --- Customers and consent checks (the partner now has LINK_AUTHORIZED + RUNS relationships) --
    rows.listCustomers = requestRow(`\`GET /v1/customers\` (${LINK_AUTHORIZED + RUNS - REVOKED} active customers, one page)`, await times(partnerCall('GET', '/v1/customers')), 4);
    const checked = [...linked, ...consentRuns.map((r) => r.tenant), ...unrelated];
    const statuses = async (tenants: string[]) => {
      const { body } = await api.partner(apiKey, 'POST', '/v1/consent-checks', { tenants });
      const tally: Record<string, number> = {};
      for (const r of body.results as { status: string }[]) tally[r.status] = (tally[r.status] ?? 0) + 1;
      return tally;
    };
    let answer: Record<string, number> = {};
    const ids = checked.map((t) => t.id);
    rows.consentCheckTenantIds100 = requestRow('`POST /v1/consent-checks`, 100 tenant ids', await times(async () => void (answer = await statuses(ids))), 3);
    rows.consentCheckTenantIds100.answer = answer;
    const domains = checked.map((t) => t.initialDomain);
    rows.consentCheckDomains100 = requestRow('`POST /v1/consent-checks`, 100 domains', await times(async () => void (answer = await statuses(domains))), 4);
    rows.consentCheckDomains100.answer = answer;

    // --- The scheduled check, through the operator route ------------------------------------
    // The outbox settles first (a sign-in email asked for now arrives after everything queued before
    // it), then the stream consumer stops: the seeded items are not the outbox's, and the check's
    // own webhooks are not what is measured.
    const barrier = await newTenant('barrier');
    const barrierUser = await api.createUser(barrier.id, `barrier@${barrier.initialDomain}`, []);
    await api.signIn(barrierUser.email);
    await poller.stop();
    poller = undefined;
    const now = new Date().toISOString();
    log(`seeding ${CHECK_TOTAL.toLocaleString('en')} items for the scheduled check (${CHECK_DUE} due), straight into DynamoDB Local...`);
    const seedSeconds = await writeItems(await consentCheckItems(CHECK_TOTAL, CHECK_DUE, now));
    let result: Record<string, number> = {};
    const check = () => api.ops('POST', '/ops/jobs/consent-status-check', { now }).then(({ body }) => void (result = body));
    // Each run works its own due items: before every run after the first, 100 more are added.
    const due: Sample[] = [];
    const dueResults: Record<string, number>[] = [];
    for (let r = 0; r < RUNS; r++) {
      if (r > 0) await writeItems(await consentCheckItems(CHECK_DUE, CHECK_DUE, now, CHECK_TOTAL + r * CHECK_DUE));
      due.push(await measure(proxy, check));
      dueResults.push(result);
    }
    const idle = await times(check);
    const itemsInTable = CHECK_TOTAL + (RUNS - 1) * CHECK_DUE;
    // Issue 26: the outbox is read from each of its partitions (64 shards and the unsharded one), in parallel: one Query each more than before.
    const outboxQueries = dueKeys.partitions('outbox').length;
    rows.scheduledCheck100Due = {
      ...requestRow(`\`POST /ops/jobs/consent-status-check\`, ${CHECK_DUE} due among ${CHECK_TOTAL.toLocaleString('en')} items`, due, 110 + outboxQueries - 1),
      itemsInTable,
      seedSeconds: Math.round(seedSeconds),
      results: dueResults.map(({ itemsRead, expired, rolesExpired }) => ({ itemsRead, expired, rolesExpired })),
    };
    rows.idleCheck = { ...requestRow(`the same check when nothing is due (one Query a partition: 4 kinds of one, the outbox's ${outboxQueries} in parallel)`, idle, 4 + outboxQueries, { roundTripBudget: 5 }), itemsInTable, itemsRead: result.itemsRead };
    const order = ['me', 'validate1000', 'listCustomers', 'createConsentRequest', 'acceptConsent', 'openConsentPageSignedIn', 'acceptConsentReseller', 'openConsentPageSignedInReseller', 'consentCheckTenantIds100', 'consentCheckDomains100', 'scheduledCheck100Due', 'idleCheck'];
    return Object.fromEntries(order.map((key) => [key, rows[key]]));
  } finally {
    await poller?.stop();
    await service.stop();
    await proxy.stop();
  }
}
