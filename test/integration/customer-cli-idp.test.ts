import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.ts';
import { asPartner, call, ops, stack, unique } from '../support/api.ts';
import { authorizedPartner } from '../support/authorized.ts';
import { csrfOf, signIn } from '../support/pages.ts';

/**
 * The customer's side from the command line (`tenant devices list|export|release`, R23, R24), and
 * R25's rule that a customer API key never outlives its tenant's `requireIdpSignIn` choice.
 */
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'device-consent-tenant-cli-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});


/** A customer API key made the way a global admin makes one: on the portal's API keys page. */
async function customerKey(adminEmail: string, scopes: string[]): Promise<string> {
  const client = await signIn(adminEmail);
  const shown = await client.get('/portal/api-keys');
  const body = new URLSearchParams({ csrf: csrfOf(shown.html), name: `key ${unique()}` });
  for (const scope of scopes) body.append('scopes', scope);
  const created = await client.post('/portal/api-keys', body);
  const secret = /id="new-key-secret">([^<]+)</.exec(created.html)?.[1];
  if (!secret) throw new Error(`no key shown: ${created.status} ${created.html.slice(0, 300)}`);
  return secret;
}

describe('the customer CLI and key lifetime', () => {
  it('R23, R24: tenant devices list, export and release (over 1000 devices, a release batch) from the command line', async () => {
    const { tenant, admin, partner } = await authorizedPartner();
    const run = unique('tcli');
    const devices = Array.from({ length: 1200 }, (_, i) => ({ manufacturer: 'Contoso', model: 'Laptop 7', serialNumber: `${run}-${i}` }));
    for (let i = 0; i < devices.length; i += 1000) {
      const res = await asPartner(partner.apiKey, 'POST', '/v1/devices', { tenantId: tenant.id, devices: devices.slice(i, i + 1000) });
      expect(res.status).toBe(200);
    }
    const key = await customerKey(admin.email, ['devices:read', 'devices:release']);
    const env = { DEVICE_CONSENT_TENANT_KEY: key };

    const listed = await cli(['--json', 'tenant', 'devices', 'list', '-q', `${run}-7`], env);
    expect(listed.code, listed.stderr).toBe(0);
    expect((JSON.parse(listed.stdout) as { serialNumber: string; partner: { id: string } }[]).map((d) => [d.serialNumber, d.partner.id])).toEqual([[`${run}-7`, partner.partner.id]]);

    const out = join(dir, `${run}.csv`);
    const exported = await cli(['tenant', 'devices', 'export', '--out', out], env);
    expect(exported.code, exported.stderr).toBe(0);
    const rows = parse(await readFile(out, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1200);
    expect(new Set(rows.map((r) => r['Device Serial Number']))).toEqual(new Set(devices.map((d) => d.serialNumber)));

    // The export is itself a release file (its identity columns are those Microsoft's tools write).
    const refused = await cli(['tenant', 'devices', 'release', out], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--yes-irreversible');
    const released = await cli(['--json', 'tenant', 'devices', 'release', out, '--yes-irreversible', '--poll', '300'], env);
    expect(released.code, released.stderr + released.stdout).toBe(0);
    expect(JSON.parse(released.stdout)).toMatchObject({ total: 1200, released: 1200, notReleased: 0, batchId: expect.stringMatching(/^b_/) });
    const after = await call('GET', '/v1/tenant/devices', { token: key });
    expect(after.body.items).toEqual([]);
  }, 240_000);

  it('R25: keys made in sessions an emailed link started stop working when the tenant requires its identity provider', async () => {
    const { tenant, admin } = await authorizedPartner();
    const key = await customerKey(admin.email, ['devices:read']);
    expect((await call('GET', '/v1/tenant', { token: key })).status).toBe(200);
    expect((await ops('PATCH', `/ops/tenants/${tenant.id}`, { requireIdpSignIn: true })).status).toBe(200);
    const refused = await call('GET', '/v1/tenant', { token: key });
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('unauthorized');
    const audit = await ops('GET', `/ops/audit?tenantId=${tenant.id}`);
    const change = (audit.body.items as { action: string; details?: { revokedCustomerKeys?: string[] } }[]).find((e) => e.action === 'tenant.sign_in_changed');
    expect(change?.details?.revokedCustomerKeys).toHaveLength(1);
    expect(key).toContain(`dcc_${change!.details!.revokedCustomerKeys![0]}_`);
  }, 120_000);
});
