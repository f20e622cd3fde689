import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getCustomerKey } from '#shared/table/customer-api-keys.ts';
import { asPartner, call, createPartner, createTenant, createUser, ops, unique } from '../support/api.ts';
import { csrfOf, PageClient, signIn } from '../support/pages.ts';

/**
 * R25: customer API keys, made and revoked by a tenant's global admin on the portal: the secret
 * shown once and kept hashed, scopes enforced route by route, revocation at once, 50 live keys at
 * most, and a key that reaches its own tenant only (R19).
 */

let serial = 0;
/** A product key id no other test uses (13 digits). */
const pkid = () => `6${String(Date.now() % 1e8).padStart(8, '0')}${String(serial++ % 1e4).padStart(4, '0')}`;

const CUSTOMER_KEY = /^dcc_([0-9a-f]{24})_([A-Za-z0-9_-]{43})$/;
/** The secret part of a key (it may hold `_` itself). */
const secretOf = (key: string) => CUSTOMER_KEY.exec(key)![2];

/** A tenant with its global admin signed in on the portal. */
async function adminOnPortal() {
  const tenant = await createTenant();
  const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
  const client = await signIn(admin.email);
  return { tenant, admin, client };
}

/** The "Create a key" form as the API keys page renders it, filled in. */
async function keyForm(client: PageClient, name: string, scopes: string[]): Promise<URLSearchParams> {
  const shown = await client.get('/portal/api-keys');
  const once = /name="once" value="([^"]+)"/.exec(shown.html)?.[1];
  expect(once).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const form = new URLSearchParams({ csrf: csrfOf(shown.html), once: once!, name });
  for (const scope of scopes) form.append('scopes', scope);
  return form;
}

/** Posts the portal's "Create a key" form. */
async function postKey(client: PageClient, name: string, scopes: string[]) {
  return client.post('/portal/api-keys', await keyForm(client, name, scopes));
}

/** Creates a key on the portal: its secret (shown this once) and its id. */
async function createKey(client: PageClient, scopes: string[], name = `key ${unique()}`): Promise<{ secret: string; keyId: string; name: string }> {
  const created = await postKey(client, name, scopes);
  expect(created.status, created.html.slice(0, 300)).toBe(200);
  const secret = /<code id="new-key-secret">([^<]+)<\/code>/.exec(created.html)?.[1];
  expect(secret).toMatch(CUSTOMER_KEY);
  return { secret: secret!, keyId: CUSTOMER_KEY.exec(secret!)![1], name };
}

/** The row of one key on the API keys page, as text. */
async function keyRow(client: PageClient, keyId: string): Promise<string> {
  const page = await client.get('/portal/api-keys');
  expect(page.status).toBe(200);
  const row = new RegExp(`<tr id="key-${keyId}">([\\s\\S]*?)</tr>`).exec(page.html)?.[1];
  expect(row, `row of key ${keyId}`).toBeDefined();
  return row!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
}

async function revoke(client: PageClient, keyId: string) {
  const shown = await client.get('/portal/api-keys');
  return client.post(`/portal/api-keys/${keyId}/revoke`, { csrf: csrfOf(shown.html) });
}

const status = async (key: string, method: string, path: string, body?: unknown) => (await call(method, path, { token: key, body })).status;

describe('customer API keys (R25)', () => {
  it('R25: a global admin creates a key on the portal; its secret is shown once, only its hash is kept, and it is audited', async () => {
    const { tenant, client } = await adminOnPortal();
    const key = await createKey(client, ['devices:read', 'audit:read'], 'Asset inventory');
    expect((await call('GET', '/v1/tenant', { token: key.secret })).body.tenant).toMatchObject({ id: tenant.id });

    // A reload (and every later page) never shows it again.
    const reloaded = await client.get('/portal/api-keys');
    expect(reloaded.status).toBe(200);
    expect(reloaded.html).not.toContain(key.secret);
    expect(reloaded.html).not.toContain(secretOf(key.secret));
    expect(reloaded.html).not.toContain('id="new-key-secret"');
    expect(reloaded.html).toContain(`id="key-${key.keyId}"`);

    // Stored hashed: the SHA-256 of the secret, never the secret.
    const stored = await getCustomerKey(key.keyId);
    expect(stored).toMatchObject({ tenantId: tenant.id, name: 'Asset inventory', scopes: ['devices:read', 'audit:read'] });
    expect(stored!.secretHash).toBe(createHash('sha256').update(secretOf(key.secret)).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(secretOf(key.secret));

    const audit = await ops('GET', `/ops/audit?tenantId=${tenant.id}&limit=5`);
    expect(audit.body.items[0]).toMatchObject({ action: 'customer_api_key.created', actor: { type: 'user' }, details: { name: 'Asset inventory', scopes: ['devices:read', 'audit:read'] } });
    expect(JSON.stringify(audit.body)).not.toContain(secretOf(key.secret));

    // The same form posted again (a browser's reload of the answer) makes no second key and shows no secret.
    const form = await keyForm(client, 'Posted twice', ['devices:read']);
    const first = await client.post('/portal/api-keys', form);
    expect(first.html).toContain('id="new-key-secret"');
    const again = await client.post('/portal/api-keys', form);
    expect(again.status).toBe(200);
    expect(again.html).not.toContain('id="new-key-secret"');
    expect(again.html).toContain('created already');
    expect(again.html.match(/<tr id="key-/g)).toHaveLength(2);
    // Another rendering of the form is another request: another key.
    expect((await postKey(client, 'Posted twice', ['devices:read'])).html).toContain('id="new-key-secret"');
    expect((await client.get('/portal/api-keys')).html.match(/<tr id="key-/g)).toHaveLength(3);
  });

  it("R25: the portal lists each key's scopes, creator and last use (which appears once the key is used)", async () => {
    const { admin, client } = await adminOnPortal();
    const used = await createKey(client, ['devices:read', 'devices:release'], 'MDM sync');
    const idle = await createKey(client, ['access:read'], 'Idle');
    const before = await keyRow(client, used.keyId);
    expect(before).toContain('MDM sync');
    expect(before).toContain('devices:read, devices:release');
    expect(before).toContain('Test User');
    expect(before).toContain(admin.email);
    expect(before).toContain('never');

    const start = new Date();
    expect(await status(used.secret, 'GET', '/v1/tenant/devices')).toBe(200);
    const after = await keyRow(client, used.keyId);
    expect(after).not.toContain('never');
    const shown = /(\d{4}-\d\d-\d\d \d\d:\d\d) UTC/.exec(after)?.[1];
    expect(shown, after).toBeDefined();
    expect(Date.parse(`${shown!.replace(' ', 'T')}:59.999Z`)).toBeGreaterThanOrEqual(start.getTime());
    expect((await getCustomerKey(used.keyId))!.lastUsedAt).toEqual(expect.any(String));
    // The other key was not used.
    expect(await keyRow(client, idle.keyId)).toContain('never');
    // A call its scopes refuse is no use of the key.
    expect(await status(idle.secret, 'GET', '/v1/tenant/devices')).toBe(403);
    expect(await keyRow(client, idle.keyId)).toContain('never');
  });

  it('R25: scopes are enforced route by route (403 outside them); /v1/tenant answers any key of the tenant', async () => {
    const { client } = await adminOnPortal();
    const reader = await createKey(client, ['devices:read']);
    const releaser = await createKey(client, ['devices:release']);
    const auditor = await createKey(client, ['audit:read', 'access:read', 'claims:write']);
    const releaseBody = { confirm: 'irreversible', devices: [{ deviceId: 'd_000000000000000000000000' }] };

    for (const key of [reader, releaser, auditor]) expect(await status(key.secret, 'GET', '/v1/tenant')).toBe(200);
    expect(await status(reader.secret, 'GET', '/v1/tenant/devices')).toBe(200);
    expect(await status(releaser.secret, 'POST', '/v1/tenant/device-releases', releaseBody)).toBe(200);
    const created = await call('POST', '/v1/tenant/release-batches', { token: releaser.secret, body: { confirm: 'irreversible' } });
    expect(created.status).toBe(201);
    const batchId = created.body.batch.id as string;
    expect(await status(releaser.secret, 'GET', `/v1/tenant/release-batches/${batchId}`)).toBe(200);

    const refusals: [typeof reader, string, string, unknown?][] = [
      [releaser, 'GET', '/v1/tenant/devices'],
      [auditor, 'GET', '/v1/tenant/devices'],
      [reader, 'POST', '/v1/tenant/device-releases', releaseBody],
      [auditor, 'POST', '/v1/tenant/device-releases', releaseBody],
      [reader, 'POST', '/v1/tenant/release-batches', { confirm: 'irreversible' }],
      [reader, 'GET', `/v1/tenant/release-batches/${batchId}`],
      [reader, 'POST', `/v1/tenant/release-batches/${batchId}/devices`, { devices: [{ productKeyId: '1234567890123' }] }],
      [reader, 'POST', `/v1/tenant/release-batches/${batchId}/submit`],
      [reader, 'GET', `/v1/tenant/release-batches/${batchId}/results`],
    ];
    for (const [key, method, path, body] of refusals) {
      const res = await call(method, path, { token: key.secret, body });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body).toMatchObject({ code: 'forbidden' });
    }
    // The export is refused as the list is.
    expect((await call('GET', '/v1/tenant/devices', { token: releaser.secret, headers: { accept: 'text/csv' } })).status).toBe(403);
    // Nothing was added by the refused calls.
    expect((await call('GET', `/v1/tenant/release-batches/${batchId}`, { token: releaser.secret })).body.batch.summary.received).toBe(0);
  });

  it('R25: a revoked key is refused at once (401), stays revoked, and shows as revoked; another tenant cannot revoke it (404)', async () => {
    const { tenant, client } = await adminOnPortal();
    const key = await createKey(client, ['devices:read']);
    const other = await adminOnPortal();
    expect(await status(key.secret, 'GET', '/v1/tenant/devices')).toBe(200);

    // Another tenant's admin: unknown to them (R19), and the key keeps working.
    const foreign = await revoke(other.client, key.keyId);
    expect(foreign.status).toBe(404);
    expect(await status(key.secret, 'GET', '/v1/tenant/devices')).toBe(200);

    const revoked = await revoke(client, key.keyId);
    expect(revoked.status).toBe(303);
    expect(revoked.location).toBe('/portal/api-keys');
    for (const path of ['/v1/tenant', '/v1/tenant/devices']) {
      const res = await call('GET', path, { token: key.secret });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('unauthorized');
    }
    expect(await keyRow(client, key.keyId)).toMatch(/revoked \d{4}-\d\d-\d\d/);
    expect((await client.get('/portal/api-keys')).html).not.toContain(`/portal/api-keys/${key.keyId}/revoke`);
    // Revoking again changes nothing.
    expect((await revoke(client, key.keyId)).status).toBe(303);
    expect(await status(key.secret, 'GET', '/v1/tenant')).toBe(401);
    const audit = await ops('GET', `/ops/audit?tenantId=${tenant.id}&limit=10`);
    expect(audit.body.items.filter((e: { action: string }) => e.action === 'customer_api_key.revoked')).toHaveLength(1);
  });

  it('R25: the 51st live key of a tenant is refused (409) and nothing is created; revoking one makes room', async () => {
    const { client } = await adminOnPortal();
    const keys: { secret: string; keyId: string }[] = [];
    for (let i = 0; i < 50; i++) keys.push(await createKey(client, ['devices:read'], `key ${i}`));
    const refused = await postKey(client, 'one too many', ['devices:read']);
    expect(refused.status).toBe(409);
    expect(refused.html).toContain('at most 50');
    expect(refused.html).not.toContain('id="new-key-secret"');
    const listed = await client.get('/portal/api-keys');
    expect(listed.html).not.toContain('one too many');
    // Every one of the 50 still works.
    expect(await status(keys[49].secret, 'GET', '/v1/tenant')).toBe(200);

    expect((await revoke(client, keys[0].keyId)).status).toBe(303);
    const room = await createKey(client, ['devices:read'], 'the 50th again');
    expect(await status(room.secret, 'GET', '/v1/tenant')).toBe(200);
    expect((await postKey(client, 'still too many', ['devices:read'])).status).toBe(409);
  }, 240_000);

  it('R25: an unknown scope, no scope, or a scope twice is refused (400 page) and creates nothing', async () => {
    const { tenant, client } = await adminOnPortal();
    for (const scopes of [['devices:write'], ['devices:read', 'admin'], [], ['devices:read', 'devices:read']]) {
      const res = await postKey(client, 'refused', scopes);
      expect(res.status, JSON.stringify(scopes)).toBe(400);
      expect(res.html).toContain('scopes');
      expect(res.html).not.toContain('id="new-key-secret"');
    }
    const listed = await client.get('/portal/api-keys');
    expect(listed.html).toContain('id="no-keys"');
    const audit = await ops('GET', `/ops/audit?tenantId=${tenant.id}&limit=20`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).not.toContain('customer_api_key.created');
  });

  it('R25: a user who is not a global admin can neither see the keys nor create or revoke one (403 page)', async () => {
    const { tenant, client } = await adminOnPortal();
    const key = await createKey(client, ['devices:read']);
    const reader = await createUser(tenant.id, `reader@${tenant.initialDomain}`, ['GlobalReader']);
    const readerClient = await signIn(reader.email);
    const page = await readerClient.get('/portal/api-keys');
    expect(page.status).toBe(403);
    expect(page.html).toContain('global administrator');
    expect(page.html).not.toContain(key.keyId);
    const csrf = csrfOf(page.html);
    const created = await readerClient.post('/portal/api-keys', new URLSearchParams([['csrf', csrf], ['name', 'mine'], ['scopes', 'devices:read']]));
    expect(created.status).toBe(403);
    expect(created.html).not.toContain('new-key-secret');
    expect((await readerClient.post(`/portal/api-keys/${key.keyId}/revoke`, { csrf })).status).toBe(403);
    expect(await status(key.secret, 'GET', '/v1/tenant')).toBe(200);
    expect((await client.get('/portal/api-keys')).html.match(/<tr id="key-/g)).toHaveLength(1);
    // Signed out, the page asks for a sign-in.
    const anonymous = await new PageClient().get('/portal/api-keys');
    expect(anonymous.status).toBe(303);
    expect(anonymous.location).toMatch(/^\/signin\?next=/);
  });

  it('R25: a partner key on the customer API and a customer key on the partner API are 401, as are forged and missing keys', async () => {
    const { client } = await adminOnPortal();
    const key = await createKey(client, ['devices:read', 'devices:release']);
    const partner = await createPartner('direct-csp');
    for (const path of ['/v1/tenant', '/v1/tenant/devices']) {
      for (const token of [partner.apiKey, undefined, 'dcc_nope', `dcc_${key.keyId}_${'A'.repeat(43)}`, key.secret.toUpperCase()]) {
        const res = await call('GET', path, token ? { token } : {});
        expect(res.status, `${path} with ${token?.slice(0, 8)}`).toBe(401);
        expect(res.body.code).toBe('unauthorized');
      }
    }
    expect((await call('POST', '/v1/tenant/device-releases', { token: partner.apiKey, body: { confirm: 'irreversible', devices: [{ deviceId: 'd_000000000000000000000000' }] } })).status).toBe(401);
    for (const [method, path] of [['GET', '/v1/me'], ['GET', '/v1/customers'], ['GET', '/v1/consent-link']] as const) {
      const res = await asPartner(key.secret, method, path);
      expect(res.status, path).toBe(401);
      expect(res.body.code).toBe('unauthorized');
    }
    // The operator API too.
    expect((await call('GET', '/ops/removal-requests', { token: key.secret })).status).toBe(401);
  });

  it("R25, R19: a key never reaches another tenant's devices or releases (not listed, device_not_registered, 404)", async () => {
    const mine = await adminOnPortal();
    const theirs = await adminOnPortal();
    const partner = await createPartner('direct-csp');
    for (const side of [mine, theirs]) {
      const { body } = await asPartner(partner.apiKey, 'GET', '/v1/consent-link');
      const shown = await side.client.get(body.url);
      expect((await side.client.post(new URL(body.url).pathname, { csrf: csrfOf(shown.html), confirm: 'yes', action: 'accept' })).html).toContain('Authorization is complete');
    }
    const registered = await asPartner(partner.apiKey, 'POST', '/v1/devices', { tenantId: theirs.tenant.id, devices: [{ productKeyId: pkid() }] });
    const theirDevice = registered.body.results[0].deviceId as string;
    expect(theirDevice).toMatch(/^d_/);
    const batch = await asPartner(partner.apiKey, 'POST', '/v1/device-batches', { tenantId: theirs.tenant.id, action: 'register' });
    const partnerBatchId = batch.body.batch.id as string;
    const myKey = await createKey(mine.client, ['devices:read', 'devices:release']);
    const theirKey = await createKey(theirs.client, ['devices:read', 'devices:release']);
    const theirRelease = (await call('POST', '/v1/tenant/release-batches', { token: theirKey.secret, body: { confirm: 'irreversible' } })).body.batch.id as string;

    expect((await call('GET', '/v1/tenant', { token: myKey.secret })).body.tenant.id).toBe(mine.tenant.id);
    expect((await call('GET', '/v1/tenant/devices', { token: myKey.secret })).body.items).toEqual([]);
    expect((await call('GET', `/v1/tenant/devices?partnerId=${partner.partner.id}`, { token: myKey.secret })).body.items).toEqual([]);
    expect((await call('GET', `/v1/tenant/devices?q=${registered.body.results[0].deviceId as string}`, { token: myKey.secret })).body.items).toEqual([]);
    const released = await call('POST', '/v1/tenant/device-releases', { token: myKey.secret, body: { confirm: 'irreversible', devices: [{ deviceId: theirDevice }] } });
    expect(released.body.results[0]).toMatchObject({ status: 'invalid', errors: [{ code: 'device_not_registered' }] });
    expect((await call('GET', '/v1/tenant/devices', { token: theirKey.secret })).body.items.map((d: { id: string }) => d.id)).toEqual([theirDevice]);

    // Their release, and a partner's batch, are unknown to my key.
    for (const id of [theirRelease, partnerBatchId]) {
      for (const [method, path, body] of [
        ['GET', `/v1/tenant/release-batches/${id}`],
        ['GET', `/v1/tenant/release-batches/${id}/results`],
        ['POST', `/v1/tenant/release-batches/${id}/devices`, { devices: [{ productKeyId: '1234567890123' }] }],
        ['POST', `/v1/tenant/release-batches/${id}/submit`],
      ] as const) {
        const res = await call(method, path, { token: myKey.secret, body });
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(res.body.code).toBe('not_found');
      }
    }
    expect((await call('GET', `/v1/tenant/release-batches/${theirRelease}`, { token: theirKey.secret })).body.batch.summary.received).toBe(0);
    // Their portal's release page is unknown to my admin too.
    expect((await mine.client.get(`/portal/devices/releases/${theirRelease}`)).status).toBe(404);

    // A cursor of their list does not page mine.
    for (let i = 0; i < 2; i++) await asPartner(partner.apiKey, 'POST', '/v1/devices', { tenantId: theirs.tenant.id, devices: [{ productKeyId: pkid() }] });
    const page = await call('GET', '/v1/tenant/devices?limit=1', { token: theirKey.secret });
    expect(page.body.nextCursor).toEqual(expect.any(String));
    const replayed = await call('GET', `/v1/tenant/devices?limit=1&cursor=${encodeURIComponent(page.body.nextCursor)}`, { token: myKey.secret });
    expect(replayed.status).toBe(400);
    expect(replayed.body.errors[0].path).toBe('cursor');
  });
});
