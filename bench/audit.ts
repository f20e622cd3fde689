/**
 * Issue 24, item 5: the tenant's audit trail at scale (R29). Two tenants, one with a short trail
 * (BENCH_AUDIT_SMALL, 10 events) and one with a long one (BENCH_AUDIT_EVENTS, 1,000,000 events,
 * spread over the last 300 days), each read by a customer key with `audit:read`:
 *
 * - `tenantAuditPage`: `GET /v1/tenant/audit?limit=100` on the long trail, DynamoDB requests and
 *   round trips counted by the proxy (bench/proxy.ts): the key's authentication and one round of
 *   Queries in parallel, one a shard of the trail (issue 26: `auditKeys`) and one of its unsharded partition,
 *   and a second Query of a shard or two that the hash gave more than their share of the page.
 * - `tenantAuditScale`: the first page's time on the long trail over its time on the short one, the
 *   same number of events a page (the short trail's 10; medians of BENCH_AUDIT_RUNS, 25, runs each,
 *   alternated, after 5 not counted): a page reads one range of the tenant's index, whatever the
 *   trail's size, so the ratio stays near 1. Pages of 100 are reported beside it.
 *
 * The tenants, their admins and their keys are made over HTTP as users make them (the keys on the
 * portal, `POST /portal/api-keys`); the long trail is written straight into the table (DynamoDB
 * Local, BatchWriteItem) as the service writes audit items (`auditItem`, the same keys, TTL and
 * data): a million changes over HTTP would take hours and measure nothing of the read.
 */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { Api, csrfOf, type PageClient } from './http-client.ts';
import { startCountingProxy } from './proxy.ts';
import { measure, requestRow, startService, type Sample } from './requests.ts';
import type { Rows } from './report.ts';
import type { BenchEngines } from './support.ts';
import { writeItems } from './consent-check.ts';
import { auditKeys } from '#shared/table/keys.ts';

const BIG = Number(process.env.BENCH_AUDIT_EVENTS ?? 1_000_000);
const SMALL = Number(process.env.BENCH_AUDIT_SMALL ?? 10);
const RUNS = Math.max(3, Number(process.env.BENCH_AUDIT_RUNS ?? 25));
const WARM_UP = 5;
/** Items written per chunk while seeding (the items of one chunk are held in memory at once). */
const CHUNK = 50_000;
const DAY_MS = 86_400_000;

/** The Queries of one round of a tenant's trail (issue 26): one a shard, and the unsharded partition of older events. */
const TRAIL_QUERIES = auditKeys.queryShardsOfTenant('t').length;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchAudit(engines: BenchEngines, log: (line: string) => void): Promise<Rows> {
  const proxy = await startCountingProxy(engines.dynamoDbEndpoint);
  const service = await startService(proxy.endpoint);
  const [{ startStreamPoller }, { handler: streamConsumer }, { STREAM_FILTER_PATTERNS }, { auditItem, queryTrail }] = await Promise.all([
    import('../dev/stream-poller.ts'),
    import('../functions/stream-consumer/handler.ts'),
    import('#shared/outbox/stream-filter.ts'),
    import('#shared/table/audit.ts'),
  ]);
  // The sign-in emails leave through the stream.
  const poller = await startStreamPoller({
    endpoint: engines.dynamoDbEndpoint,
    tableName: engines.tableName,
    handler: streamConsumer as (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>,
    filters: STREAM_FILTER_PATTERNS,
    startingPosition: 'LATEST',
  });
  const started = Date.now();
  const at = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
  try {
    const api = new Api(service.url, engines.sesUrl, engines.opsToken);
    const run = Date.now().toString(36);
    const partner = await api.createPartner(`Bench audit partner ${run}`);

    /** A tenant whose global admin signs in and makes a key with `audit:read` on the portal. */
    const customer = async (label: string) => {
      const tenant = await api.createTenant(`a${run}${label}`);
      const admin = await api.createUser(tenant.id, `admin@${tenant.initialDomain}`);
      const client: PageClient = await api.signIn(admin.email);
      const keysPage = await client.get('/portal/api-keys');
      const form = new URLSearchParams({ csrf: csrfOf(keysPage.html), name: `bench audit ${label}`, scopes: 'audit:read' });
      const created = await client.post('/portal/api-keys', form);
      const key = /<code id="new-key-secret">([^<]+)<\/code>/.exec(created.html)?.[1];
      if (created.status !== 200 || !key) throw new Error(`seeding: the portal made no key for ${label} (${created.status})`);
      return { tenant, key };
    };
    const small = await customer('small');
    const big = await customer('big');

    /** Seeds `n` audit events on a tenant, as the service writes them, spread over the last 300 days. */
    const seed = async (tenantId: string, n: number) => {
      const now = Date.now();
      for (let from = 0; from < n; from += CHUNK) {
        const items: Record<string, unknown>[] = [];
        for (let i = from; i < Math.min(n, from + CHUNK); i++) {
          const at = new Date(now - DAY_MS - Math.floor(((n - i) / n) * 300 * DAY_MS)).toISOString();
          const deviceId = `d_${i.toString(16).padStart(24, '0')}`;
          const write = auditItem({ at, action: 'device.registered', actor: { type: 'partner', id: partner.partner.id, keyId: 'k_bench', name: partner.partner.name }, tenantId, partnerId: partner.partner.id, subject: deviceId, details: { channel: 'api', deviceIds: [deviceId] } });
          items.push(write.Put!.Item as Record<string, unknown>);
        }
        await writeItems(items);
        if (n > CHUNK) log(`audit: ${Math.min(n, from + CHUNK).toLocaleString('en')} of ${n.toLocaleString('en')} events seeded at ${at()}`);
      }
    };
    // The short trail is SMALL events in all: those of its making (tenant, user, key) and the rest seeded.
    const made = (await queryTrail({ tenantId: small.tenant.id }, { from: '2000-01-01T00:00:00.000Z', to: '9999-12-31T00:00:00.000Z' }, { limit: 100, scope: 'bench' })).items.length;
    await seed(small.tenant.id, Math.max(0, SMALL - made));
    log(`audit: seeding ${BIG.toLocaleString('en')} events on the long trail...`);
    await seed(big.tenant.id, BIG);
    log(`audit: seeded at ${at()}`);

    // The key's first call records its last use (a write every few minutes): made before the runs.
    for (const t of [small, big]) await api.expect(200, 'GET', '/v1/tenant/audit?limit=1', { token: t.key });

    /**
     * The first page of each trail, alternated, RUNS times after WARM_UP runs not counted: at
     * `limit` events a page (the short trail answers all it has).
     */
    const firstPages = async (limit: number) => {
      const samples: Record<'small' | 'big', Sample[]> = { small: [], big: [] };
      const answers: Record<'small' | 'big', { items: unknown[]; nextCursor: string | null }> = { small: { items: [], nextCursor: null }, big: { items: [], nextCursor: null } };
      for (let i = -WARM_UP; i < RUNS; i++) {
        for (const which of i % 2 ? (['big', 'small'] as const) : (['small', 'big'] as const)) {
          const t = which === 'big' ? big : small;
          const sample = await measure(proxy, async () => {
            answers[which] = (await api.expect(200, 'GET', `/v1/tenant/audit?limit=${limit}`, { token: t.key })).body;
          });
          if (i >= 0) samples[which].push(sample);
        }
      }
      const ms = (which: 'small' | 'big') => median(samples[which].map((s) => s.ms));
      return { samples, answers, bigMs: ms('big'), smallMs: ms('small'), ratio: Math.round((ms('big') / ms('small')) * 100) / 100 };
    };
    // The same answer from both (SMALL events): what differs is only the trail's size.
    const same = await firstPages(SMALL);
    // Pages of 100: the long trail answers ten times the events of the short one.
    const hundred = await firstPages(100);
    if (hundred.answers.big.items.length !== 100) throw new Error(`the long trail's first page has ${hundred.answers.big.items.length} events`);
    if (same.answers.small.items.length !== SMALL || same.answers.big.items.length !== SMALL) throw new Error('the short trail does not hold its events');
    const rows: Rows = {};
    rows.tenantAuditPage = requestRow(
      `\`GET /v1/tenant/audit?limit=100\`, a tenant with ${BIG.toLocaleString('en')} audit events (the key's authentication and one round of Queries, one a shard of the trail and one of its unsharded partition: ${TRAIL_QUERIES}; a shard given more than its share of the page by the hash is read again: up to 2)`,
      hundred.samples.big,
      1 + TRAIL_QUERIES + 2,
      { eventsInTrail: BIG, queries: hundred.samples.big.map((s) => s.byOperation.Query ?? 0), answer: { items: hundred.answers.big.items.length, nextCursor: hundred.answers.big.nextCursor !== null } },
    );
    rows.tenantAuditScale = {
      figure: same.ratio,
      budget: 1.5,
      unit: 'ratio of median times',
      withinBudget: same.ratio <= 1.5,
      description: `The first page of a trail of ${BIG.toLocaleString('en')} events against that of a trail of ${SMALL} (the same ${SMALL} events a page; medians of ${RUNS} alternated runs each)`,
      bigMedianMs: same.bigMs,
      smallMedianMs: same.smallMs,
      requests: { big: median(same.samples.big.map((s) => s.requests)), small: median(same.samples.small.map((s) => s.requests)) },
      runs: { big: same.samples.big.map((s) => s.ms), small: same.samples.small.map((s) => s.ms) },
      pagesOf100: { ratio: hundred.ratio, bigMedianMs: hundred.bigMs, smallMedianMs: hundred.smallMs, note: 'the long trail answers 100 events, the short one its 10' },
    };
    log(`audit: rows done at ${at()}`);
    return rows;
  } finally {
    await poller.stop();
    await service.stop();
    await proxy.stop();
  }
}
