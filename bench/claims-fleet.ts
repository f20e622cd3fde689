/**
 * Issue 22, item 6: "a fleet claim of 150,000 devices through the CLI finishes"
 * (`BENCH_ONLY=claims-fleet npm run bench`; BENCH_FLEET_DEVICES, 150,000).
 *
 * Seeding, over HTTP as users do it and not counted: an owner tenant and its partner, a claimant
 * tenant and its partner, each authorized by the tenant's global admin accepting its consent link
 * (bench/claims.ts's `claimSide`); the owner's partner registers the fleet's tuple devices with
 * `POST /v1/devices`, a part of 1,000 at a time. The devices are written to a CSV file as
 * Get-WindowsAutopilotInfo's tuple columns, and the real CLI (`cli/device-consent.ts devices claim
 * <file> --tenant <claimant> --reference ... --json`) runs in a child process against the local
 * server (bench/http-service.ts, its DynamoDB behind the counting proxy), with the claimant partner's
 * key in DEVICE_CONSENT_KEY as test/support/cli.ts runs it. The stream consumer (the owners'
 * emails and the claimant's events) runs in this process on DynamoDB Local directly, not counted.
 *
 * Rows: `claimFleet150k`, the seconds the CLI takes to finish (exit 0, every device claimed in
 * N/1000 claims, also read back from `GET /v1/device-claims`); `claimFleet150kPer1000`, the
 * DynamoDB requests of the whole run per 1,000 devices claimed (issue 22's 40 for one claim of
 * 1,000). At another BENCH_FLEET_DEVICES the keys name that size (`claimFleet50k`). The bench fails
 * if the CLI does not claim every device.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { claimSide } from './claims.ts';
import { Api } from './http-client.ts';
import { startCountingProxy } from './proxy.ts';
import { measure, pool, startService } from './requests.ts';
import type { Rows } from './report.ts';
import type { BenchEngines } from './support.ts';

const DEVICES = Number(process.env.BENCH_FLEET_DEVICES ?? 150_000);
const PART = 1000;
/** Issue 22: a claim of 1,000 devices opens in at most 40 DynamoDB requests; a fleet's claims may cost no more a thousand. */
const PER_1000_BUDGET = 40;
/**
 * Seconds for the CLI to claim 150,000 devices (scaled to BENCH_FLEET_DEVICES): 15 minutes, 6 s a
 * part of 1,000, for a job a partner runs once and waits for at a terminal. One claim of 1,000 opens
 * in about 2 s here (README); the budget leaves room for a busy 2-core machine with DynamoDB Local.
 */
const SECONDS_BUDGET = Math.round((900 * DEVICES) / 150_000);
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The CLI as its users run it (test/support/cli.ts): a child process with the service's URL and the partner's key. */
function runCli(args: string[], env: Record<string, string>, timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['cli/device-consent.ts', ...args], { cwd: ROOT, env: { PATH: process.env.PATH, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    // A CLI that hangs fails the bench rather than holding it forever.
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export async function benchClaimsFleet(engines: BenchEngines, log: (line: string) => void): Promise<Rows> {
  if (!Number.isInteger(DEVICES) || DEVICES < 1) throw new Error(`BENCH_FLEET_DEVICES must be a positive integer, not ${process.env.BENCH_FLEET_DEVICES}`);
  const proxy = await startCountingProxy(engines.dynamoDbEndpoint);
  const service = await startService(proxy.endpoint);
  // The stream consumer in this process, on DynamoDB Local directly (not counted): the sign-in emails of the seeding, the claims' emails and events.
  const [{ startStreamPoller }, { handler: streamConsumer }, { STREAM_FILTER_PATTERNS }] = await Promise.all([
    import('../dev/stream-poller.ts'),
    import('../functions/stream-consumer/handler.ts'),
    import('#shared/outbox/stream-filter.ts'),
  ]);
  const poller = await startStreamPoller({ endpoint: engines.dynamoDbEndpoint, tableName: engines.tableName, handler: streamConsumer as never, filters: STREAM_FILTER_PATTERNS, startingPosition: 'LATEST' });
  const dir = await mkdtemp(join(tmpdir(), 'bench-fleet-'));
  const started = Date.now();
  const at = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
  const size = `${DEVICES.toLocaleString('en')}`;
  try {
    const api = new Api(service.url, engines.sesUrl, engines.opsToken);
    const run = Date.now().toString(36);
    // --- Seeding (not counted) -------------------------------------------------------------------
    log(`claims-fleet: a fleet of ${size} devices; seeding over HTTP...`);
    const owner = await claimSide(api, run, 'fleetowner', ['claims:write']);
    const claimant = await claimSide(api, run, 'fleetclaimant', ['claims:write']);
    const maker = `FL${run}`;
    const devices = Array.from({ length: DEVICES }, (_, i) => ({ manufacturer: maker, model: 'Tablet 3', serialNumber: `${maker}-${i}` }));
    const parts = Array.from({ length: Math.ceil(DEVICES / PART) }, (_, i) => devices.slice(i * PART, (i + 1) * PART));
    let registered = 0;
    let lastLog = Date.now();
    await pool(parts, 2, async (part) => {
      const { body } = await api.partner(owner.apiKey, 'POST', '/v1/devices', { tenantId: owner.tenant.id, devices: part });
      if (body.summary.registered !== part.length) throw new Error(`seeding: registered ${body.summary.registered} of a part of ${part.length}: ${JSON.stringify(body.results.find((r: { errors: unknown[] }) => r.errors.length))}`);
      registered += part.length;
      if (Date.now() - lastLog > 30_000) {
        log(`claims-fleet: ${registered.toLocaleString('en')} of ${size} registered, at ${at()}`);
        lastLog = Date.now();
      }
    });
    const seedSeconds = (Date.now() - started) / 1000;
    log(`claims-fleet: ${size} devices registered to the owner in ${seedSeconds.toFixed(0)} s`);
    const file = join(dir, 'fleet.csv');
    await writeFile(file, `Manufacturer name,Device model,Device Serial Number\r\n${devices.map((d) => `${d.manufacturer},${d.model},${d.serialNumber}`).join('\r\n')}\r\n`);

    // --- The fleet claim through the CLI, counted -------------------------------------------------
    const args = ['--json', 'devices', 'claim', file, '--tenant', claimant.tenant.id, '--reference', `PO-FLEET-${run}`, '--note', `A fleet of ${size} devices`];
    let cli: Awaited<ReturnType<typeof runCli>> = { code: null, stdout: '', stderr: '' };
    const sample = await measure(proxy, async () => {
      cli = await runCli(args, { DEVICE_CONSENT_URL: service.url, DEVICE_CONSENT_KEY: claimant.apiKey }, SECONDS_BUDGET * 3 * 1000);
    });
    const seconds = Math.round(sample.ms / 100) / 10;
    log(`claims-fleet: the CLI exited ${cli.code} after ${seconds} s, ${sample.requests} DynamoDB requests, at ${at()}`);
    const expectedClaims = Math.ceil(DEVICES / PART);
    let report: { total?: number; claimed?: number; invalid?: number; claims?: string[]; byErrorCode?: Record<string, number> } = {};
    try {
      report = JSON.parse(cli.stdout);
    } catch {
      // Reported below with its output.
    }
    const failure = (why: string) =>
      new Error(`claims-fleet: the CLI did not claim the fleet: ${why} (exit ${cli.code}; stdout ${cli.stdout.slice(0, 600) || '(none)'}; stderr ${cli.stderr.slice(-600) || '(none)'})`);
    if (cli.code !== 0) throw failure(`exit code ${cli.code}`);
    if (report.claimed !== DEVICES) throw failure(`claimed ${report.claimed} of ${DEVICES}`);
    if (report.claims?.length !== expectedClaims) throw failure(`${report.claims?.length} claims, not ${expectedClaims}`);
    // What the service holds, read back over the partner API (not counted): every claim open, every device in one.
    const held = new Map<string, number>();
    let cursor: string | null = null;
    do {
      const { body }: { body: { items: unknown[]; nextCursor: string | null } } = await api.partner(claimant.apiKey, 'GET', `/v1/device-claims?tenantId=${claimant.tenant.id}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      for (const claim of body.items as { id: string; status: string; summary: { claimed: number } }[]) {
        if (claim.status !== 'open') throw failure(`claim ${claim.id} is ${claim.status}`);
        held.set(claim.id, claim.summary.claimed);
      }
      cursor = body.nextCursor;
    } while (cursor);
    const heldDevices = [...held.values()].reduce((a, b) => a + b, 0);
    if (held.size !== expectedClaims || heldDevices !== DEVICES || !report.claims.every((id) => held.has(id))) {
      throw failure(`the service holds ${held.size} claims of ${heldDevices} devices`);
    }

    const key = `claimFleet${DEVICES % 1000 === 0 ? `${DEVICES / 1000}k` : DEVICES}`;
    const per1000 = Math.round((sample.requests / DEVICES) * 1000 * 10) / 10;
    const common = { devices: DEVICES, claims: expectedClaims, cliExitCode: cli.code, seedingSeconds: Math.round(seedSeconds), command: `device-consent ${args.join(' ').replace(file, 'fleet.csv').replace(claimant.tenant.id, '<claimant tenant>')}` };
    return {
      [key]: {
        figure: seconds,
        budget: SECONDS_BUDGET,
        unit: 's (the CLI, start to exit)',
        withinBudget: seconds <= SECONDS_BUDGET,
        description: `\`device-consent devices claim fleet.csv\`: a partner claims a CSV of ${size} tuple devices registered to one other tenant through the CLI, in claims of 1,000; exit 0, every device claimed in ${expectedClaims} claims, read back from \`GET /v1/device-claims\` (issue 22)`,
        ...common,
        secondsPerClaim: Math.round((seconds / expectedClaims) * 100) / 100,
      },
      [`${key}Per1000`]: {
        figure: per1000,
        budget: PER_1000_BUDGET,
        unit: 'DynamoDB requests per 1,000 devices claimed',
        withinBudget: per1000 <= PER_1000_BUDGET,
        description: `the same CLI run: every DynamoDB request it caused, per 1,000 devices claimed (a claim of 1,000's budget, issue 22)`,
        ...common,
        requests: sample.requests,
        roundTripsInAll: sample.roundTrips,
        byOperation: sample.byOperation,
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
    await poller.stop();
    await service.stop();
    await proxy.stop();
  }
}
