/**
 * Issue 22's row (`BENCH_ONLY=claims npm run bench`): a device claim of 1,000 devices opened by a
 * partner, then released whole by the owner's customer key, each over HTTP through the local server
 * with the counting proxy in front of DynamoDB Local (bench/proxy.ts): the DynamoDB requests of each
 * (budgets 40 and 80, issue 22) and the release's time against the HTTP API's 30 s. BENCH_RUNS (3)
 * claims of new devices each; the median is the figure. Devices are tuples (one identity each), as
 * the batch rows make them.
 */
import { Api, csrfOf } from './http-client.ts';
import { startCountingProxy } from './proxy.ts';
import { measure, requestRow, startService, type Sample } from './requests.ts';
import type { Rows } from './report.ts';
import type { BenchEngines } from './support.ts';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const DEVICES = 1000;
/** The HTTP API's timeout (API Gateway's 30 s): the release of a whole claim must answer within it. */
const API_TIMEOUT_MS = 30_000;

/**
 * One side of a claim, made over HTTP as users make it (not counted): a partner, a tenant whose global
 * admin signs in and accepts the partner's consent link, and a customer key with `scopes` made on the portal.
 */
export async function claimSide(api: Api, run: string, label: string, scopes: string[]) {
  const { partner, apiKey } = await api.createPartner(`Bench claims ${label} ${run}`);
  const tenant = await api.createTenant(`c${run}${label}`);
  const admin = await api.createUser(tenant.id, `admin@${tenant.initialDomain}`);
  const client = await api.signIn(admin.email);
  const link = (await api.partner(apiKey, 'GET', '/v1/consent-link')).body.url as string;
  const shown = await client.get(link);
  await client.post(new URL(link).pathname, { csrf: csrfOf(shown.html), confirm: 'yes', action: 'accept' });
  const keysPage = await client.get('/portal/api-keys');
  const form = new URLSearchParams({ csrf: csrfOf(keysPage.html), name: `bench ${label}` });
  for (const scope of scopes) form.append('scopes', scope);
  const key = /<code id="new-key-secret">([^<]+)<\/code>/.exec((await client.post('/portal/api-keys', form)).html)?.[1];
  if (!key) throw new Error(`seeding: no key for ${label}`);
  return { partner, apiKey, tenant, key };
}

export async function benchClaims(engines: BenchEngines, log: (line: string) => void): Promise<Rows> {
  const proxy = await startCountingProxy(engines.dynamoDbEndpoint);
  const service = await startService(proxy.endpoint);
  // The stream consumer in this process, on DynamoDB Local directly (not counted): the sign-in emails of the seeding, the claim's email and events.
  const [{ startStreamPoller }, { handler: streamConsumer }, { STREAM_FILTER_PATTERNS }] = await Promise.all([
    import('../dev/stream-poller.ts'),
    import('../functions/stream-consumer/handler.ts'),
    import('#shared/outbox/stream-filter.ts'),
  ]);
  const poller = await startStreamPoller({ endpoint: engines.dynamoDbEndpoint, tableName: engines.tableName, handler: streamConsumer as never, filters: STREAM_FILTER_PATTERNS, startingPosition: 'LATEST' });
  try {
    const api = new Api(service.url, engines.sesUrl, engines.opsToken);
    const run = Date.now().toString(36);
    // Seeding (not counted): the owner tenant and its partner, the claimant tenant and its partner, the owner's key.
    const side = (label: string, scopes: string[]) => claimSide(api, run, label, scopes);
    const owner = await side('owner', ['claims:write']);
    const claimant = await side('claimant', ['claims:write']);
    const opens: Sample[] = [];
    const releases: Sample[] = [];
    for (let i = 0; i < RUNS; i++) {
      const devices = Array.from({ length: DEVICES }, (_, n) => ({ manufacturer: `CL${run}`, model: 'Tablet 3', serialNumber: `${run}-${i}-${n}` }));
      await api.partner(owner.apiKey, 'POST', '/v1/devices', { tenantId: owner.tenant.id, devices });
      let claimId = '';
      opens.push(
        await measure(proxy, async () => {
          const { body } = await api.expect(201, 'POST', '/v1/device-claims', { token: claimant.apiKey, body: { tenantId: claimant.tenant.id, devices, evidence: { reference: `PO-${i}` } } });
          if (body.summary.claimed !== DEVICES) throw new Error(`claimed ${body.summary.claimed} of ${DEVICES}`);
          claimId = body.claim.id;
        }),
      );
      // The owner's key was used once before: its last use is not written again now (every 5 minutes at most).
      await api.expect(200, 'GET', '/v1/tenant/device-claims', { token: owner.key });
      releases.push(
        await measure(proxy, async () => {
          const { body } = await api.expect(200, 'POST', `/v1/tenant/device-claims/${claimId}/responses`, { token: owner.key, body: { devices: 'all', response: 'release' } });
          if (body.claim.summary.released !== DEVICES) throw new Error(`released ${body.claim.summary.released} of ${DEVICES}`);
        }),
      );
      log(`claims: run ${i + 1}: open ${opens.at(-1)!.requests} requests (${opens.at(-1)!.ms} ms), release all ${releases.at(-1)!.requests} requests (${releases.at(-1)!.ms} ms)`);
    }
    const slowest = Math.max(...releases.map((s) => s.ms));
    return {
      claimOpen1000: requestRow('`POST /v1/device-claims`: a claim of 1,000 devices (tuples) registered to one other tenant, by a partner (issue 22)', opens, 40),
      claimReleaseAll1000: requestRow('`POST /v1/tenant/device-claims/{claimId}/responses` `{devices: "all", response: "release"}`: the owner releases a whole claim of 1,000 devices, each moved to the claimant in the write of its group (issue 22)', releases, 80),
      claimReleaseAll1000Time: {
        figure: slowest,
        budget: API_TIMEOUT_MS,
        unit: 'ms (slowest run)',
        withinBudget: slowest < API_TIMEOUT_MS,
        description: "the owner's release of a whole 1,000-device claim answers within the HTTP API's timeout (30 s), on this machine with DynamoDB Local",
        runs: releases.map((s) => s.ms),
      },
    };
  } finally {
    await poller.stop();
    await service.stop();
    await proxy.stop();
  }
}
