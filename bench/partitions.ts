/**
 * Issue 26, item 2: the hot-partition simulation (`BENCH_ONLY=partitions`). Every figure comes from
 * the project's own code paths, recorded once at small scale and scaled, never from constants:
 *
 * 1. The service runs as in `npm start`: the local server (bench/http-service.ts) and the stream
 *    consumer (bench/stream-service.ts: the stream poller, the planner, the batch tasks, the outbox's
 *    deliveries), each with its DynamoDB client behind a recording proxy (bench/recorder.ts) that
 *    keeps, per request, each item before and after each write and the partition and size of each
 *    read. A partner registers a batch of tuple-only devices (BENCH_SIM_TUPLE_DEVICES, 4,000) and
 *    another a batch of devices with hardware hashes (BENCH_SIM_HASH_DEVICES, 1,000) for one tenant,
 *    both subscribed to every webhook event; then that tenant's customer-side reads run once each.
 * 2. bench/partition-model.ts turns each recorded request into units per partition key value
 *    (WCU of the larger image, doubled in a transaction; each index the projected item; RCU per
 *    4 KB read), puts them on the clock of the batch's device transactions (a transaction that puts
 *    a `device` item), and gives one worker's rate on each value at 80 device transactions a second.
 * 3. Each scenario multiplies a pattern's hottest value by the workers that meet on it (the
 *    pattern's placeholders say which: one batch, partner, tenant, (partner, tenant), or all of them)
 *    and the customer-side reads by their calls a second at 1,000 times today's load.
 *
 * The table (each pattern's per-scenario rate, its limit, OVER when above) is printed; results.json
 * gets one row per scenario (its hottest write and read partition, and every pattern's rate).
 */
import { Api } from './http-client.ts';
import { LIMITS, TRANSACTIONS_PER_WORKER_SECOND, chargeOfRead, chargesOfWrite, ratesByPattern, workersSharing, type Scenario, type ValueLoad } from './partition-model.ts';
import { startRecordingProxy, type RecordedRequest, type RecordingProxy } from './recorder.ts';
import { startService } from './requests.ts';
import type { Rows } from './report.ts';
import type { BenchEngines } from './support.ts';
import { batchFinished, customerOf, partnerOf, settled, startStreamService, startWebhookReceiver, submitBatch } from './world.ts';
import { randomBytes } from 'node:crypto';

const TUPLE_DEVICES = Number(process.env.BENCH_SIM_TUPLE_DEVICES ?? 4000);
const HASH_DEVICES = Number(process.env.BENCH_SIM_HASH_DEVICES ?? 1000);

/** The scenarios, and who meets on what in each (at the worst moment: tasks are worked in the stream's order). */
export const SCENARIOS: Scenario[] = [
  { name: '1 worker, 1 batch', devices: 'tuple', workers: 1, perBatch: 1, perPartner: 1, perTenant: 1, perPair: 1 },
  // 100 batches of 10 partners for 100 tenants; a partner's 10 batches submitted together are worked together.
  { name: '100 batches, 10 workers', devices: 'tuple', workers: 10, perBatch: 1, perPartner: 10, perTenant: 1, perPair: 1 },
  { name: '100 workers, devices with hashes', devices: 'hash', workers: 100, perBatch: 1, perPartner: 10, perTenant: 1, perPair: 1 },
  // An OEM's 1,000 batches for 1,000 tenants, 100 worked at once.
  { name: '1,000 batches, one OEM', devices: 'hash', workers: 100, perBatch: 1, perPartner: 100, perTenant: 1, perPair: 1 },
  // A tenant receiving 150,000 devices from 20 partners at once: their 20 batches worked together.
  { name: 'a tenant, 150,000 devices from 20 partners', devices: 'tuple', workers: 20, perBatch: 1, perPartner: 1, perTenant: 20, perPair: 1 },
  // One batch's tasks worked by 10 workers at once (the stream hands a batch's tasks out together).
  { name: '10 workers on one batch', devices: 'tuple', workers: 10, perBatch: 10, perPartner: 10, perTenant: 10, perPair: 10 },
];

/**
 * The customer-side reads of issues 21-24, per tenant, at 1,000 times today's load: calls a second
 * (today: a thousandth of it, e.g. a device page every 100 s at the busiest tenant). An export is a
 * sequential reader, at `pagesPerSecond` Query pages a second while it runs (one running at a time).
 */
export const CUSTOMER_READS: { name: string; perSecond?: number; pagesPerSecond?: number }[] = [
  { name: 'devices page (GET /v1/tenant/devices?limit=100)', perSecond: 10 },
  { name: 'devices export (GET /v1/tenant/devices, text/csv)', pagesPerSecond: 10 },
  { name: 'audit trail page (GET /v1/tenant/audit)', perSecond: 10 },
  { name: 'held batches list (GET /portal)', perSecond: 2 },
  { name: 'claims (GET /v1/tenant/device-claims)', perSecond: 2 },
  { name: 'access page ACTIVITY counters (GET /v1/tenant/partners)', perSecond: 10 },
  { name: "a partner's device list for the tenant (GET /v1/devices?tenantId=)", perSecond: 10 },
];
const CUSTOMER_SCENARIO = 'customer-side reads at 1,000x';

type Loads = Map<string, ValueLoad>;

/** Every charge of the recorded requests, on the clock of the device transactions among them. */
export function loadsOf(records: readonly RecordedRequest[]): { loads: Loads; transactions: number } {
  const loads: Loads = new Map();
  let clock = 0;
  for (const r of records) {
    const isDeviceTx = r.operation === 'TransactWriteItems' && r.writes.some((w) => w.action === 'put' && w.after?.type?.S === 'device');
    if (isDeviceTx) clock++;
    const charges = [...r.writes.flatMap((w) => chargesOfWrite(w)), ...r.reads.map(chargeOfRead)];
    for (const c of charges) {
      const id = `${c.kind} ${c.index} ${c.partition}`;
      const load = loads.get(id) ?? { index: c.index, partition: c.partition, kind: c.kind, units: 0, first: clock, last: clock };
      load.units += c.units;
      load.last = clock;
      loads.set(id, load);
    }
  }
  return { loads, transactions: clock };
}

/**
 * The whole table's and each index's units a second in a scenario (every partition together: what
 * CDK's warmThroughput must be ready for): the recording's units per device transaction, times 80
 * transactions a second, times the workers.
 */
export function throughputOf(run: { loads: Loads; transactions: number }, workers: number) {
  const sums: Record<string, { writeUnitsPerSecond: number; readUnitsPerSecond: number }> = {};
  for (const l of run.loads.values()) {
    sums[l.index] ??= { writeUnitsPerSecond: 0, readUnitsPerSecond: 0 };
    sums[l.index][l.kind === 'write' ? 'writeUnitsPerSecond' : 'readUnitsPerSecond'] += (l.units / Math.max(1, run.transactions)) * TRANSACTIONS_PER_WORKER_SECOND * workers;
  }
  return Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, { writeUnitsPerSecond: Math.round(v.writeUnitsPerSecond), readUnitsPerSecond: Math.round(v.readUnitsPerSecond) }]));
}

/** Per value, the units of one call of each customer read, times its calls a second. */
function customerRates(calls: { read: (typeof CUSTOMER_READS)[number]; records: RecordedRequest[] }[], known: ReadonlyMap<string, string>) {
  const perValue: Loads = new Map();
  for (const { read, records } of calls) {
    const { loads } = loadsOf(records);
    const pages = records.filter((r) => r.operation === 'Query').length;
    const perSecond = read.perSecond ?? ((read.pagesPerSecond ?? 1) / Math.max(1, pages));
    for (const [id, l] of loads) {
      const v = perValue.get(id) ?? { ...l, units: 0, first: 0, last: 0 };
      v.units += l.units * perSecond; // units a second; span 1 below
      perValue.set(id, v);
    }
  }
  // The loads are already per second: a span of one second's transactions.
  return ratesByPattern([...perValue.values()].map((v) => ({ ...v, first: 0, last: TRANSACTIONS_PER_WORKER_SECOND - 1 })), TRANSACTIONS_PER_WORKER_SECOND, known);
}

const realistic = (i: number) => ({ hardwareHash: randomBytes(3000).toString('base64'), productKeyId: String(1e12 + Math.floor(Math.random() * 9e12)), manufacturer: 'Contoso', model: 'Laptop 7', serialNumber: `SIMH-${Date.now()}-${i}` });
const tuple = (i: number) => ({ manufacturer: 'Fabrikam', model: 'Tablet 3', serialNumber: `SIMT-${Date.now()}-${i}` });

export async function benchPartitions(engines: BenchEngines, log: (line: string) => void): Promise<Rows> {
  const httpProxy = await startRecordingProxy(engines.dynamoDbEndpoint);
  const streamProxy = await startRecordingProxy(engines.dynamoDbEndpoint);
  const service = await startService(httpProxy.endpoint);
  const stream = await startStreamService(streamProxy.endpoint, engines.dynamoDbEndpoint);
  const hooks = await startWebhookReceiver();
  const proxies: RecordingProxy[] = [httpProxy, streamProxy];
  const quiet = () => settled(() => proxies.reduce((n, p) => n + p.records().length, 0), async () => void (await Promise.all(proxies.map((p) => p.idle()))));
  const reset = async () => {
    await quiet();
    proxies.forEach((p) => p.reset());
  };
  try {
    const api = new Api(service.url, engines.sesUrl, engines.opsToken);
    const run = Date.now().toString(36);
    const known = new Map<string, string>();
    const maker = await partnerOf(api, `Sim tuple maker ${run}`, hooks.url);
    const oem = await partnerOf(api, `Sim hash maker ${run}`, hooks.url);
    const customer = await customerOf(api, `sim${run}`, [maker.link, oem.link], ['devices:read', 'audit:read', 'access:read', 'claims:write']);
    known.set(maker.partner.id, 'partner').set(oem.partner.id, 'partner').set(customer.tenant.id, 'tenant');

    const recordBatch = async (p: typeof maker, n: number, make: (i: number) => unknown) => {
      await reset();
      const id = await submitBatch(api, p.apiKey, customer.tenant.id, Array.from({ length: n }, (_, i) => make(i)));
      known.set(id, 'batch');
      const done = await batchFinished(p.partner.id, id, log);
      if (done.summary.succeeded !== n) throw new Error(`simulation: the batch registered ${done.summary.succeeded} of ${n}`);
      await quiet();
      return loadsOf(streamProxy.records());
    };
    log(`partitions: recording a batch of ${TUPLE_DEVICES.toLocaleString('en')} tuple devices...`);
    const tupleRun = await recordBatch(maker, TUPLE_DEVICES, tuple);
    log(`partitions: recording a batch of ${HASH_DEVICES.toLocaleString('en')} devices with hashes...`);
    const hashRun = await recordBatch(oem, HASH_DEVICES, realistic);

    // The customer-side reads, once each (the key's first use, which records it, made before).
    const customerCall = (path: string, headers: Record<string, string> = {}) => api.call('GET', path, { token: customer.key, headers });
    await customerCall('/v1/tenant');
    const calls: { read: (typeof CUSTOMER_READS)[number]; records: RecordedRequest[] }[] = [];
    const doers: Record<string, () => Promise<unknown>> = {
      [CUSTOMER_READS[0].name]: () => customerCall('/v1/tenant/devices?limit=100'),
      [CUSTOMER_READS[1].name]: () => customerCall('/v1/tenant/devices', { accept: 'text/csv' }),
      [CUSTOMER_READS[2].name]: () => customerCall('/v1/tenant/audit'),
      [CUSTOMER_READS[3].name]: () => customer.client.get('/portal'),
      [CUSTOMER_READS[4].name]: () => customerCall('/v1/tenant/device-claims'),
      [CUSTOMER_READS[5].name]: () => customerCall('/v1/tenant/partners'),
      [CUSTOMER_READS[6].name]: () => api.call('GET', `/v1/devices?tenantId=${customer.tenant.id}&limit=100`, { token: maker.apiKey }),
    };
    for (const read of CUSTOMER_READS) {
      await reset();
      const answer = (await doers[read.name]()) as { status: number };
      if (answer.status >= 400) throw new Error(`simulation: ${read.name} answered ${answer.status}`);
      await quiet();
      calls.push({ read, records: httpProxy.records() });
    }

    // --- The scenarios ---------------------------------------------------------------------------
    const perRun = { tuple: ratesByPattern(tupleRun.loads.values(), tupleRun.transactions, known), hash: ratesByPattern(hashRun.loads.values(), hashRun.transactions, known) };
    const customer1000 = customerRates(calls, known);
    type Line = { kind: 'write' | 'read'; index: string; pattern: string; rates: Record<string, number>; hottest: string };
    const lines = new Map<string, Line>();
    const put = (id: string, e: { kind: 'write' | 'read'; index: string; pattern: string; hottest: string }, scenario: string, rate: number) => {
      const line = lines.get(id) ?? { kind: e.kind, index: e.index, pattern: e.pattern, rates: {}, hottest: e.hottest };
      line.rates[scenario] = Math.round(rate);
      lines.set(id, line);
    };
    for (const s of SCENARIOS) for (const [id, e] of perRun[s.devices]) put(id, e, s.name, e.rate * workersSharing(e.pattern, s));
    for (const [id, e] of customer1000) put(id, e, CUSTOMER_SCENARIO, e.rate);
    const scenarioNames = [...SCENARIOS.map((s) => s.name), CUSTOMER_SCENARIO];
    const peak = (l: Line) => Math.max(...Object.values(l.rates));
    const over = (l: Line) => Object.values(l.rates).some((r) => r > LIMITS[l.kind]);
    const ordered = [...lines.values()].sort((a, b) => peak(b) / LIMITS[b.kind] - peak(a) / LIMITS[a.kind]);

    // --- The table -----------------------------------------------------------------------------
    const keyName = (l: Line) => `${l.index} \`${l.pattern}\` (${l.kind === 'write' ? 'WCU' : 'RCU'})`;
    const shown = ordered.filter((l) => peak(l) >= 50 || over(l));
    console.log('\n## Issue 26: per-partition load at 1,000x, from the code paths (units a second)\n');
    console.log(`| key | ${scenarioNames.join(' | ')} | limit | |`);
    console.log(`|---|${scenarioNames.map(() => '---:').join('|')}|---:|---|`);
    for (const l of shown) {
      const cells = scenarioNames.map((s) => (l.rates[s] === undefined ? '' : l.rates[s] > LIMITS[l.kind] ? `**${l.rates[s].toLocaleString('en')}**` : l.rates[s].toLocaleString('en')));
      console.log(`| ${keyName(l)} | ${cells.join(' | ')} | ${LIMITS[l.kind].toLocaleString('en')} | ${over(l) ? '**OVER**' : ''} |`);
    }
    console.log(`
${shown.length} of ${lines.size} partition key patterns shown (those at 50 units a second or more somewhere); every one is in
bench/results.json. Recorded: a batch of ${TUPLE_DEVICES.toLocaleString('en')} tuple devices (${tupleRun.transactions} device transactions) and one of
${HASH_DEVICES.toLocaleString('en')} devices with hashes (${hashRun.transactions}), through the stream path of \`npm start\`, each request's items before and after it read
by the recording proxy; one worker at ${TRANSACTIONS_PER_WORKER_SECOND} device transactions a second, times the workers that meet on the key in
the scenario; a \`{shard}\` key at its whole rate over its shards (those touched, or the highest shard number seen plus
one), any other at its hottest value. A ConditionCheck is billed as a transactional write.`);

    console.log('\n| scenario | table WCU/s | gsi1 WCU/s | gsi2 WCU/s | due WCU/s | table RCU/s | gsi1 RCU/s |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const sc of SCENARIOS) {
      const t = throughputOf(sc.devices === 'tuple' ? tupleRun : hashRun, sc.workers);
      const w = (i: string) => (t[i]?.writeUnitsPerSecond ?? 0).toLocaleString('en');
      const r = (i: string) => (t[i]?.readUnitsPerSecond ?? 0).toLocaleString('en');
      console.log(`| ${sc.name} | ${w('table')} | ${w('gsi1')} | ${w('gsi2')} | ${w('due')} | ${r('table')} | ${r('gsi1')} |`);
    }
    console.log('\nEvery partition together (what CDK `warmThroughput` must be ready for): units per device transaction of the recording, times 80 a second, times the workers.');

    // --- results.json --------------------------------------------------------------------------
    const rows: Rows = {};
    const all = ordered.map((l) => ({ key: `${l.index} ${l.pattern}`, kind: l.kind, limit: LIMITS[l.kind], rates: l.rates, over: over(l) }));
    scenarioNames.forEach((s, i) => {
      const mine = ordered.filter((l) => l.rates[s] !== undefined);
      const hottest = (kind: 'write' | 'read') => mine.filter((l) => l.kind === kind).sort((a, b) => b.rates[s] - a.rates[s])[0];
      const w = hottest('write');
      const r = hottest('read');
      const scenario = SCENARIOS.find((x) => x.name === s);
      const ratio = Math.max((w?.rates[s] ?? 0) / LIMITS.write, (r?.rates[s] ?? 0) / LIMITS.read);
      rows[`partitions${i + 1}`] = {
        figure: Math.round(ratio * 100) / 100,
        budget: 1,
        unit: 'hottest partition key / its limit (1,000 WCU, 3,000 RCU a second)',
        withinBudget: ratio <= 1,
        description: `per-partition load, ${s}`,
        scenario: scenario ?? { name: s, reads: CUSTOMER_READS },
        hottestWrite: w ? { key: `${w.index} ${w.pattern}`, wcuPerSecond: w.rates[s] } : null,
        hottestRead: r ? { key: `${r.index} ${r.pattern}`, rcuPerSecond: r.rates[s] } : null,
        over: mine.filter((l) => l.rates[s] > LIMITS[l.kind]).map((l) => `${l.kind} ${l.index} ${l.pattern}: ${l.rates[s]}`),
        ...(scenario ? { throughput: throughputOf(scenario.devices === 'tuple' ? tupleRun : hashRun, scenario.workers) } : {}),
      };
    });
    rows.partitionsTable = { figure: all.filter((l) => l.over).length, budget: 0, unit: 'partition key patterns over their limit in some scenario', withinBudget: all.every((l) => !l.over), description: 'every partition key pattern and its rate in each scenario', recorded: { tupleDevices: TUPLE_DEVICES, tupleTransactions: tupleRun.transactions, hashDevices: HASH_DEVICES, hashTransactions: hashRun.transactions, webhooksDelivered: hooks.received() }, keys: all };
    return rows;
  } finally {
    await stream.stop();
    await service.stop();
    await hooks.stop();
    await Promise.all(proxies.map((p) => p.stop()));
  }
}
