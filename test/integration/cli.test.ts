import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.ts';
import { createPartner, createTenant, createUser, stack, unique } from '../support/api.ts';
import { acceptThroughLink } from '../support/pages.ts';

/**
 * The command-line tool (cli/device-consent.ts) against the local service, run as a partner runs
 * it: a child process with its URL and key in the environment, its stdout, stderr and exit code.
 */
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'device-consent-cli-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});


async function authorizedPartner() {
  const tenant = await createTenant();
  const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
  const partner = await createPartner('direct-csp');
  await acceptThroughLink(admin.email, partner.apiKey);
  return { tenant, partner, admin };
}

describe('device-consent CLI', () => {
  it('registers a 3,000-row Get-WindowsAutopilotInfo-style CSV through a batch, with a summary, a results CSV and exit 2 for the invalid rows', async () => {
    const { tenant, partner } = await authorizedPartner();
    const run = unique('cli');
    // Rows 500, 1000, ... have no serial number: `missing_identifier`; every other row is a new device.
    const lines = ['Device Serial Number,Windows Product ID,Hardware Hash,Manufacturer name,Device model'];
    for (let i = 1; i <= 3000; i++) lines.push(`${i % 500 === 0 ? '' : `${run}-${i}`},,,Contoso,Laptop 7`);
    const file = join(dir, 'devices.csv');
    await writeFile(file, `${lines.join('\r\n')}\r\n`);

    const result = await cli(['--json', 'devices', 'register', file, '--tenant', tenant.id, '--poll', '200'], { DEVICE_CONSENT_KEY: partner.apiKey });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ action: 'register', tenantId: tenant.id, batchStatus: 'finished_with_errors', total: 3000, succeeded: 2994, failed: 6, byStatus: { registered: 2994, invalid: 6 }, byErrorCode: { missing_identifier: 6 } });
    expect(report.batchId).toMatch(/^b_/);
    expect(report.resultsFile).toBe(join(dir, 'devices.results.csv'));

    const results = parse(await readFile(report.resultsFile), { columns: true }) as { line: string; status: string; deviceId: string; errorCodes: string; autopilotErrors: string }[];
    expect(results).toHaveLength(3000);
    expect(results.map((r) => Number(r.line))).toEqual(Array.from({ length: 3000 }, (_, i) => i + 2));
    const invalid = results.filter((r) => r.status === 'invalid');
    expect(invalid.map((r) => Number(r.line) - 1)).toEqual([500, 1000, 1500, 2000, 2500, 3000]);
    expect(invalid.every((r) => r.errorCodes === 'missing_identifier' && r.autopilotErrors === '803 MissingZtdSerialNumberAndProductKey')).toBe(true);
    expect(results.filter((r) => r.status === 'registered').every((r) => /^d_/.test(r.deviceId))).toBe(true);

    // The same file again: every device is already registered, nothing new; validate says so too.
    const again = await cli(['--json', 'devices', 'validate', file, '--tenant', tenant.id, '--no-results'], { DEVICE_CONSENT_KEY: partner.apiKey });
    expect(again.code).toBe(2);
    expect(JSON.parse(again.stdout)).toMatchObject({ total: 3000, succeeded: 0, byErrorCode: { device_already_assigned: 2994, missing_identifier: 6 } });
  }, 180_000);

  it('prints a summary table for people, and exit 0 when every device is registered (JSON file)', async () => {
    const { tenant, partner } = await authorizedPartner();
    const run = unique('json');
    const file = join(dir, 'devices.json');
    await writeFile(file, JSON.stringify([1, 2, 3].map((i) => ({ manufacturer: 'Contoso', model: 'Laptop 7', serialNumber: `${run}-${i}` }))));
    const result = await cli(['devices', 'register', file, '--tenant', tenant.id, '--results', join(dir, 'json-results.csv')], { DEVICE_CONSENT_KEY: partner.apiKey });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/register 3 devices for tenant .* \(batch b_\w+: finished\)/);
    expect(result.stdout).toMatch(/registered\s+3/);
    expect((await readFile(join(dir, 'json-results.csv'), 'utf8')).trim().split('\n')).toHaveLength(4);
  }, 60_000);

  it('answers --json for scripts: consent requests with automatic Idempotency-Keys, list, cancel, consent checks with exit 2 for tenants without consent', async () => {
    const { tenant, partner } = await authorizedPartner();
    const env = { DEVICE_CONSENT_KEY: partner.apiKey };
    const created = await cli(['--json', 'consent', 'request', '--email', `someone@${tenant.initialDomain}`, '--roles', 'IntuneAdministrator', '--days', '30', '--auto-extend'], env);
    expect(created.code).toBe(0);
    const request = JSON.parse(created.stdout);
    // R31: roles with their Entra template ids; --auto-extend asks for autoExtend.
    expect(request).toMatchObject({ status: 'pending', delegatedAdmin: { roles: [{ name: 'IntuneAdministrator', templateId: '3a2c62db-5318-420d-8d74-23affee5d9d5' }], durationDays: 30, autoExtend: true } });
    const second = JSON.parse((await cli(['--json', 'consent', 'request', '--email', `someone@${tenant.initialDomain}`], env)).stdout);
    expect(second.id).not.toBe(request.id);

    const listed = JSON.parse((await cli(['--json', 'consent', 'list', '--status', 'pending'], env)).stdout) as { id: string }[];
    expect(listed.map((r) => r.id)).toEqual(expect.arrayContaining([request.id, second.id]));
    const cancelled = await cli(['--json', 'consent', 'cancel', request.id], env);
    expect(JSON.parse(cancelled.stdout).status).toBe('cancelled');
    const waited = await cli(['--json', 'consent', 'wait', request.id], env);
    expect(waited.code).toBe(2);

    const tenantsFile = join(dir, 'tenants.txt');
    await writeFile(tenantsFile, `# our customers\n${tenant.id}\nnobody-${unique()}.example\n`);
    const checked = await cli(['--json', 'customers', 'check', '--file', tenantsFile], env);
    expect(checked.code).toBe(2);
    expect(JSON.parse(checked.stdout).map((r: { status: string }) => r.status)).toEqual(['active', 'none']);
    const onlyActive = await cli(['customers', 'check', tenant.id], env);
    expect(onlyActive.code).toBe(0);
    expect(onlyActive.stdout).toContain('active');
  }, 60_000);

  it('operators create partners, tenants and users with DEVICE_CONSENT_OPS_TOKEN', async () => {
    const env = { DEVICE_CONSENT_OPS_TOKEN: stack().opsToken };
    const domain = `${unique('t')}.onmicrosoft.example`;
    const tenant = JSON.parse((await cli(['--json', 'tenants', 'create', '--name', 'CLI Tenant', '--domain', domain], env)).stdout);
    expect(tenant.initialDomain).toBe(domain);
    const user = await cli(['users', 'create', tenant.id, '--email', `admin@${domain}`, '--name', 'Admin', '--roles', 'GlobalAdministrator'], env);
    expect(user.code).toBe(0);
    const provider = JSON.parse((await cli(['--json', 'partners', 'create', '--name', 'CLI Provider', '--kind', 'indirect-provider', '--email', 'ops@provider.example'], env)).stdout);
    const reseller = JSON.parse((await cli(['--json', 'partners', 'create', '--name', 'CLI Reseller', '--kind', 'indirect-reseller', '--email', 'ops@reseller.example', '--provider', provider.partner.id], env)).stdout);
    expect(reseller.partner).toMatchObject({ kind: 'indirect-reseller', providerId: provider.partner.id });
    const me = await cli(['--json', 'me'], { DEVICE_CONSENT_KEY: reseller.apiKey });
    expect(JSON.parse(me.stdout).id).toBe(reseller.partner.id);
    const key = JSON.parse((await cli(['--json', 'keys', 'create', provider.partner.id], env)).stdout);
    expect((await cli(['keys', 'revoke', provider.partner.id, key.keyId], env)).code).toBe(0);
    expect((await cli(['me'], { DEVICE_CONSENT_KEY: key.apiKey })).code).toBe(1);
  }, 60_000);

  it('exits 1 on bad arguments, a missing key and a bad key, saying why; --help on every command exits 0', async () => {
    const noTenant = await cli(['devices', 'register', 'samples/devices.csv'], { DEVICE_CONSENT_KEY: 'dck_x' });
    expect(noTenant.code).toBe(1);
    expect(noTenant.stderr).toContain("required option '--tenant <tenantId>' not specified");

    const unknown = await cli(['devices', 'frobnicate']);
    expect(unknown.code).toBe(1);
    const badKind = await cli(['partners', 'create', '--name', 'x', '--kind', 'wholesaler', '--email', 'a@b.example'], { DEVICE_CONSENT_OPS_TOKEN: 'x' });
    expect(badKind.code).toBe(1);
    expect(badKind.stderr).toContain('wholesaler');
    const badNumber = await cli(['consent', 'wait', 'cr_1', '--timeout', 'soon'], { DEVICE_CONSENT_KEY: 'dck_x' });
    expect(badNumber.code).toBe(1);
    const missingFile = await cli(['devices', 'validate', join(dir, 'nope.csv'), '--tenant', 't_1'], { DEVICE_CONSENT_KEY: 'dck_x' });
    expect(missingFile.code).toBe(1);
    expect(missingFile.stderr).toContain('cannot read');

    const noKey = await cli(['me']);
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toContain('DEVICE_CONSENT_KEY');

    const badKey = await cli(['--json', 'me'], { DEVICE_CONSENT_KEY: 'dck_not_a_real_key' });
    expect(badKey.code).toBe(1);
    expect(JSON.parse(badKey.stdout)).toMatchObject({ error: { status: 401, code: 'unauthorized' } });
    expect(badKey.stderr).toContain('401');

    for (const args of [['--help'], ['devices', 'register', '--help'], ['consent', 'wait', '--help'], ['webhook', 'listen', '--help'], ['local', 'accept', '--help']]) {
      const help = await cli(args);
      expect(help.code, args.join(' ')).toBe(0);
      expect(help.stdout, args.join(' ')).toContain('Usage: device-consent');
    }
  }, 60_000);

  it('webhook listen --register receives and verifies a signed delivery on 127.0.0.1', async () => {
    const { partner, tenant } = await authorizedPartner();
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const listening = cli(['--json', 'webhook', 'listen', '--port', String(port), '--register', 'devices.registered', '--count', '1'], { DEVICE_CONSENT_KEY: partner.apiKey });
    // Wait for it to register, then cause one event.
    const end = Date.now() + 15_000;
    for (;;) {
      const res = await fetch(`${stack().apiUrl}/v1/webhook`, { headers: { authorization: `Bearer ${partner.apiKey}` } });
      if (res.status === 200 && ((await res.json()) as { url: string }).url.includes(String(port))) break;
      if (Date.now() > end) throw new Error('the receiver never registered');
      await new Promise((r) => setTimeout(r, 100));
    }
    const file = join(dir, 'one.json');
    await writeFile(file, JSON.stringify([{ manufacturer: 'Contoso', model: 'Laptop 7', serialNumber: unique('wh') }]));
    expect((await cli(['devices', 'register', file, '--tenant', tenant.id, '--no-results'], { DEVICE_CONSENT_KEY: partner.apiKey })).code).toBe(0);
    const received = await listening;
    expect(received.code).toBe(0);
    expect(JSON.parse(received.stdout.trim().split('\n')[0])).toMatchObject({ type: 'devices.registered' });
  }, 60_000);

  it('webhook set --url names the endpoint (the root --url no longer takes it); a second set keeps the secret; rotate-secret prints a new one; --url and --json still work before or after a command', async () => {
    const { apiKey, partner } = await createPartner('direct-csp');
    // The service from the environment; --url after `webhook set` is the endpoint.
    const env = { DEVICE_CONSENT_KEY: apiKey };
    const first = await cli(['--json', 'webhook', 'set', '--url', 'http://127.0.0.1:9/first', '--events', 'consent.accepted'], env);
    expect(first.code, first.stderr).toBe(0);
    const set = JSON.parse(first.stdout) as { url: string; secret: string };
    expect(set).toMatchObject({ url: 'http://127.0.0.1:9/first', secret: expect.stringMatching(/^whsec_/) });
    const read = await fetch(`${stack().apiUrl}/v1/webhook`, { headers: { authorization: `Bearer ${apiKey}` } });
    expect(((await read.json()) as { url: string }).url).toBe('http://127.0.0.1:9/first');

    // The service before the command, the endpoint after it: both honoured, with a wrong DEVICE_CONSENT_URL.
    const nowhere = { ...env, DEVICE_CONSENT_URL: 'http://127.0.0.1:1' };
    const second = await cli(['--url', stack().apiUrl, 'webhook', 'set', '--url', 'http://127.0.0.1:9/second', '--events', 'consent.accepted,consent.declined'], nowhere);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('webhook http://127.0.0.1:9/second for consent.accepted, consent.declined');
    expect(second.stdout).toContain('signing secret unchanged');
    expect(second.stdout).not.toContain('whsec_');

    // --url and --json after a command that has no --url of its own: as before, the service's.
    const got = await cli(['webhook', 'get', '--url', stack().apiUrl, '--json'], nowhere);
    expect(got.code, got.stderr).toBe(0);
    expect(JSON.parse(got.stdout)).toMatchObject({ url: 'http://127.0.0.1:9/second', events: ['consent.accepted', 'consent.declined'] });

    const rotated = await cli(['webhook', 'rotate-secret', '--json'], env);
    expect(rotated.code, rotated.stderr).toBe(0);
    const rotation = JSON.parse(rotated.stdout) as { secret: string; previousSecretValidUntil: string };
    expect(rotation.secret).toMatch(/^whsec_/);
    expect(rotation.secret).not.toBe(set.secret);
    expect(Date.parse(rotation.previousSecretValidUntil)).toBeGreaterThan(Date.now() + 23 * 3600 * 1000);
    const human = await cli(['webhook', 'rotate-secret', '--idempotency-key', `rot-${partner.id}`], env);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/^new signing secret: whsec_\S+\nthe previous secret also signs every delivery until \d{4}-/);
    const replay = await cli(['--json', 'webhook', 'rotate-secret', '--idempotency-key', `rot-${partner.id}`], env);
    expect(JSON.parse(replay.stdout).secret).toBe(/whsec_\S+/.exec(human.stdout)![0]);

    // listen --register on a webhook set before: its secret is not shown again, so it asks for it.
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const listen = await cli(['webhook', 'listen', '--port', String(port), '--register', 'consent.accepted'], env);
    expect(listen.code).toBe(1);
    expect(listen.stderr).toContain('--secret');
  }, 60_000);
});
