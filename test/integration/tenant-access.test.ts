import { afterAll, describe, expect, it } from 'vitest';
import { asPartner, call, type ApiResponse, createPartner, createTenant, createUser, ops, unique } from '../support/api.ts';
import { cli } from '../support/cli.ts';
import { signInWithOrganization } from '../support/oidc.ts';
import { csrfOf, outboxSettled, PageClient, signIn } from '../support/pages.ts';
import { startReceiver } from '../support/webhook-receiver.ts';
import type { AccessRow } from '#shared/customers/access.ts';

/**
 * R30: everyone with access to a tenant, through the customer API (`GET /v1/tenant/partners`) and
 * the portal (`/portal/access`), checked against the relationships and what partners see of them;
 * the devices counted by the transactions that register, deregister and release them; and "end
 * every CSP relationship" (R11 each, OEMs untouched: R12).
 */

const receivers: Awaited<ReturnType<typeof startReceiver>>[] = [];
afterAll(async () => Promise.all(receivers.map((r) => r.close())));

type Partner = Awaited<ReturnType<typeof createPartner>>;

let serial = 0;
/** A product key id no other test uses (13 digits). */
const pkid = () => `6${String(Date.now() % 1e8).padStart(8, '0')}${String(serial++ % 1e4).padStart(4, '0')}`;

/** A signed-in admin accepts a partner's reusable link. */
async function acceptLink(client: PageClient, apiKey: string): Promise<void> {
  const { body } = await asPartner(apiKey, 'GET', '/v1/consent-link');
  const shown = await client.get(body.url);
  const done = await client.post(new URL(body.url).pathname, { csrf: csrfOf(shown.html), confirm: 'yes', action: 'accept' });
  expect(done.html).toContain('Authorization is complete');
}

/** A signed-in admin accepts a consent request a partner sent them, with delegated admin roles. */
async function acceptRequest(client: PageClient, apiKey: string, recipientEmail: string, delegatedAdmin: { roles: string[]; durationDays: number }): Promise<void> {
  const { body } = await asPartner(apiKey, 'POST', '/v1/consent-requests', { recipientEmail, delegatedAdmin });
  const shown = await client.get(`/consent/${body.consentRequest.id}`);
  const done = await client.post(`/consent/${body.consentRequest.id}`, { csrf: csrfOf(shown.html), confirm: 'yes', action: 'accept' });
  expect(done.html).toContain('Authorization is complete');
}

/** A customer API key made on the portal by a signed-in global admin. */
async function customerKey(client: PageClient, scopes: string[]): Promise<string> {
  const shown = await client.get('/portal/api-keys');
  const form = new URLSearchParams({ csrf: csrfOf(shown.html), name: `key ${unique()}` });
  for (const scope of scopes) form.append('scopes', scope);
  const created = await client.post('/portal/api-keys', form);
  const secret = /id="new-key-secret">([^<]+)</.exec(created.html)?.[1];
  if (created.status !== 200 || !secret) throw new Error(`no key shown: ${created.status} ${created.html.slice(0, 300)}`);
  return secret;
}

/**
 * A tenant with everyone: a direct CSP with roles (accepted by a request, signed in by an emailed
 * link), a reseller and its provider (accepted through the link by an admin signed in with the
 * organization's provider), and an OEM that operators made eligible.
 */
async function accessWorld() {
  const tenant = await createTenant();
  const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
  const client = await signIn(admin.email);
  const { client: orgClient } = await signInWithOrganization(admin.email);
  const direct = await createPartner('direct-csp');
  const provider = await createPartner('indirect-provider');
  const reseller = await createPartner('indirect-reseller', { providerId: provider.partner.id });
  const oem = await createPartner('oem');
  expect((await ops('PATCH', `/ops/partners/${oem.partner.id}`, { directApiEligible: true })).status).toBe(200);
  await acceptRequest(client, direct.apiKey, admin.email, { roles: ['IntuneAdministrator', 'GlobalReader'], durationDays: 90 });
  await acceptLink(orgClient, reseller.apiKey);
  await acceptLink(client, oem.apiKey);
  const key = await customerKey(client, ['access:read', 'devices:read', 'devices:release']);
  return { tenant, admin, client, direct, provider, reseller, oem, key };
}

/** Every row of the tenant's access list, page by page (`limit` a page). */
async function allRows(key: string, limit = 50): Promise<AccessRow[]> {
  const rows: AccessRow[] = [];
  let cursor: string | null = null;
  do {
    const res: ApiResponse = await call('GET', `/v1/tenant/partners?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: key });
    expect(res.status, res.text).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(limit);
    rows.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return rows;
}

const rowOf = (rows: AccessRow[], partnerId: string) => {
  const found = rows.filter((r) => r.partner.id === partnerId);
  expect(found, `rows of ${partnerId}`).toHaveLength(1);
  return found[0];
};

async function register(partner: Partner, tenantId: string, count: number): Promise<string[]> {
  const res = await asPartner(partner.apiKey, 'POST', '/v1/devices', { tenantId, devices: Array.from({ length: count }, () => ({ productKeyId: pkid() })) });
  expect(res.status, res.text).toBe(200);
  expect(res.body.summary.registered).toBe(count);
  return res.body.results.map((r: { deviceId: string }) => r.deviceId);
}

/** A partner's batch of `action` over these devices, worked to its end. */
async function batch(partner: Partner, tenantId: string, action: 'register' | 'deregister', devices: { productKeyId: string }[]) {
  const created = await asPartner(partner.apiKey, 'POST', '/v1/device-batches', { tenantId, action });
  expect(created.status, created.text).toBe(201);
  const batchId = created.body.batch.id as string;
  expect((await asPartner(partner.apiKey, 'POST', `/v1/device-batches/${batchId}/devices`, { devices })).status).toBe(200);
  expect((await asPartner(partner.apiKey, 'POST', `/v1/device-batches/${batchId}/submit`)).status).toBe(202);
  const end = Date.now() + 200_000;
  for (;;) {
    const res = await asPartner(partner.apiKey, 'GET', `/v1/device-batches/${batchId}`);
    if (res.body.batch.status.startsWith('finished')) {
      expect(res.body.batch.summary).toMatchObject({ succeeded: devices.length, failed: 0 });
      return;
    }
    if (Date.now() > end) throw new Error(`batch ${batchId} still ${res.body.batch.status}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** How many devices of this partner the tenant's own list holds (the truth the counter must match). */
async function listedDevices(key: string, partnerId: string): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const res: ApiResponse = await call('GET', `/v1/tenant/devices?limit=100&partnerId=${partnerId}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: key });
    expect(res.status, res.text).toBe(200);
    count += res.body.items.length;
    cursor = res.body.nextCursor;
  } while (cursor);
  return count;
}

describe('everyone with access (R30)', () => {
  it('R30 R7 R8 R10: a row for each partner with access (a direct CSP with roles, a reseller and the provider authorized through it, an OEM), as the relationships and the partners\' own customer views say, page by page', async () => {
    const w = await accessWorld();
    const rows = await allRows(w.key);
    expect(rows).toHaveLength(4);
    // Pages of one row give the same rows, each once.
    const paged = await allRows(w.key, 1);
    expect(paged.map((r) => r.partner.id).sort()).toEqual(rows.map((r) => r.partner.id).sort());

    const customerOf = async (p: Partner) => (await asPartner(p.apiKey, 'GET', `/v1/customers/${w.tenant.id}`)).body.customer;
    const direct = rowOf(rows, w.direct.partner.id);
    const directView = await customerOf(w.direct);
    expect(direct).toEqual({
      partner: { id: w.direct.partner.id, name: w.direct.partner.name, kind: 'direct-csp' },
      since: directView.relationship.grantedAt,
      acceptedBy: { userId: w.admin.id, email: w.admin.email, signedInWith: 'email' },
      delegatedAdmin: directView.relationship.delegatedAdmin,
      approvalPolicy: { mode: 'automatic' },
      devicesRegistered: 0,
    });
    expect(direct.delegatedAdmin).toMatchObject({ roles: [{ name: 'IntuneAdministrator' }, { name: 'GlobalReader' }], status: 'active' });

    const reseller = rowOf(rows, w.reseller.partner.id);
    expect(reseller).toEqual({
      partner: { id: w.reseller.partner.id, name: w.reseller.partner.name, kind: 'indirect-reseller' },
      provider: { id: w.provider.partner.id, name: w.provider.partner.name },
      since: (await customerOf(w.reseller)).relationship.grantedAt,
      acceptedBy: { userId: w.admin.id, email: w.admin.email, signedInWith: 'organization' },
      approvalPolicy: { mode: 'automatic' },
      devicesRegistered: 0,
    });
    // R8: the provider has access through its reseller's consent, since then, and none of its roles.
    const provider = rowOf(rows, w.provider.partner.id);
    const providerView = await customerOf(w.provider);
    expect(providerView.relationship.via).toEqual({ resellerId: w.reseller.partner.id });
    expect(provider).toEqual({
      partner: { id: w.provider.partner.id, name: w.provider.partner.name, kind: 'indirect-provider' },
      via: { resellerId: w.reseller.partner.id, resellerName: w.reseller.partner.name },
      since: reseller.since,
      acceptedBy: reseller.acceptedBy,
      approvalPolicy: { mode: 'automatic' },
      devicesRegistered: 0,
    });
    expect(rowOf(rows, w.oem.partner.id)).toMatchObject({ partner: { kind: 'oem' }, acceptedBy: { signedInWith: 'email' }, devicesRegistered: 0 });
    expect(rowOf(rows, w.oem.partner.id).delegatedAdmin).toBeUndefined();

    // R10: roles removed show as removed; the partner keeps its access.
    const remove = `/portal/relationships/${w.direct.partner.id}/remove-roles`;
    const confirmation = await w.client.get(remove);
    expect((await w.client.post(remove, { csrf: csrfOf(confirmation.html), confirm: 'remove-roles' })).status).toBe(303);
    const after = rowOf(await allRows(w.key), w.direct.partner.id);
    expect(after.delegatedAdmin).toEqual((await customerOf(w.direct)).relationship.delegatedAdmin);
    expect(after.delegatedAdmin).toMatchObject({ status: 'removed', removedAt: expect.any(String) });

    // The CLI answers the same rows (`tenant partners`), and a table of them.
    const listed = await cli(['--json', 'tenant', 'partners'], { DEVICE_CONSENT_TENANT_KEY: w.key });
    expect(listed.code, listed.stderr).toBe(0);
    expect((JSON.parse(listed.stdout) as AccessRow[]).map((r) => r.partner.id).sort()).toEqual(rows.map((r) => r.partner.id).sort());
    const shown = await cli(['tenant', 'partners'], { DEVICE_CONSENT_TENANT_KEY: w.key });
    expect(shown.stdout).toMatch(new RegExp(`${w.provider.partner.name}\\s+indirect-provider\\s+${w.reseller.partner.name}`));

    // The page shows the same.
    const page = await w.client.get('/portal/access');
    expect(page.status).toBe(200);
    for (const p of [w.direct, w.reseller, w.provider, w.oem]) expect(page.html).toContain(p.partner.name);
    expect(page.html).toContain(`through ${w.reseller.partner.name}`);
    expect(page.html).toContain('signed in with the organization&#39;s identity provider');
    expect(page.html).toContain('Intune Administrator, Global Reader');
  });

  it("R30 R28 R8: each row shows the partner's approval policy as the partner sees it on its customer; a provider's row shows its reseller's, which it follows; the page has it in its Approval column", async () => {
    const w = await accessWorld();
    const setPolicy = async (partnerId: string, fields: Record<string, string>) => {
      const path = `/portal/relationships/${partnerId}/approval-policy`;
      const form = await w.client.get(path);
      expect((await w.client.post(path, { csrf: csrfOf(form.html), ...fields })).status).toBe(303);
    };
    await setPolicy(w.direct.partner.id, { mode: 'above', threshold: '250', defaultGroupTag: 'Contoso-Sales' });
    await setPolicy(w.reseller.partner.id, { mode: 'each_batch' });
    const rows = await allRows(w.key);
    const customerOf = async (p: Partner) => (await asPartner(p.apiKey, 'GET', `/v1/customers/${w.tenant.id}`)).body.customer;
    for (const p of [w.direct, w.reseller, w.provider, w.oem]) expect(rowOf(rows, p.partner.id).approvalPolicy).toEqual((await customerOf(p)).relationship.approvalPolicy);
    expect(rowOf(rows, w.direct.partner.id).approvalPolicy).toEqual({ mode: 'above', threshold: 250, defaultGroupTag: 'Contoso-Sales' });
    expect(rowOf(rows, w.reseller.partner.id).approvalPolicy).toEqual({ mode: 'each_batch' });
    expect(rowOf(rows, w.provider.partner.id).approvalPolicy).toEqual({ mode: 'each_batch' });
    expect(rowOf(rows, w.oem.partner.id).approvalPolicy).toEqual({ mode: 'automatic' });

    const page = await w.client.get('/portal/access');
    expect(page.html).toContain('<th scope="col">Approval</th>');
    const cell = (id: string) => new RegExp(`<tr id="${id}">[\\s\\S]*?<td data-label="Approval" class="approval">([\\s\\S]*?)</td>`).exec(page.html)?.[1] ?? '';
    expect(cell(`access-${w.direct.partner.id}`)).toContain('Batches of more than 250 devices wait for your approval. Default group tag: Contoso-Sales');
    expect(cell(`access-${w.direct.partner.id}`)).toContain(`href="/portal/relationships/${w.direct.partner.id}/approval-policy"`);
    expect(cell(`access-${w.reseller.partner.id}`)).toContain('Each batch waits for your approval');
    const providerCell = cell(`access-${w.provider.partner.id}-via-${w.reseller.partner.id}`);
    expect(providerCell).toContain('Each batch waits for your approval');
    expect(providerCell).toContain(`${w.reseller.partner.name}'s policy`);
    expect(providerCell).not.toContain('approval-policy');
    expect(cell(`access-${w.oem.partner.id}`)).toContain('Automatic: devices are registered as they come');
  });

  it('R30 R22 R24: devices registered and last activity follow registrations and deregistrations by two partners, in a batch too, and releases, as the tenant\'s device list counts them', async () => {
    const w = await accessWorld();
    const before = new Date().toISOString();
    const direct = await register(w.direct, w.tenant.id, 3);
    await register(w.oem, w.tenant.id, 2);
    await register(w.provider, w.tenant.id, 1);
    expect((await asPartner(w.direct.apiKey, 'DELETE', `/v1/devices/${direct[0]}`)).status).toBe(204);
    let rows = await allRows(w.key);
    expect(rowOf(rows, w.direct.partner.id).devicesRegistered).toBe(2);
    expect(rowOf(rows, w.oem.partner.id).devicesRegistered).toBe(2);
    expect(rowOf(rows, w.provider.partner.id).devicesRegistered).toBe(1);
    expect(rowOf(rows, w.reseller.partner.id)).not.toHaveProperty('lastActivityAt');
    const afterDeregistration = rowOf(rows, w.direct.partner.id).lastActivityAt!;
    expect(afterDeregistration > before).toBe(true);

    // A batch of 300 (several transactions in parallel), then a batch deregistering 40 of them.
    const batchDevices = Array.from({ length: 300 }, () => ({ productKeyId: pkid() }));
    await batch(w.direct, w.tenant.id, 'register', batchDevices);
    await batch(w.direct, w.tenant.id, 'deregister', batchDevices.slice(0, 40));
    rows = await allRows(w.key);
    expect(rowOf(rows, w.direct.partner.id).devicesRegistered).toBe(2 + 300 - 40);
    const lastActivity = rowOf(rows, w.direct.partner.id).lastActivityAt!;
    expect(lastActivity > afterDeregistration).toBe(true);
    expect(rowOf(rows, w.oem.partner.id).devicesRegistered).toBe(2);

    // R24: a release lowers the count of the partner that registered the devices; it is the tenant's act, not the partner's activity.
    const released = await call('POST', '/v1/tenant/device-releases', { token: w.key, body: { confirm: 'irreversible', devices: [{ deviceId: direct[1] }, { deviceId: direct[2] }] } });
    expect(released.body.summary.released).toBe(2);
    rows = await allRows(w.key);
    expect(rowOf(rows, w.direct.partner.id)).toMatchObject({ devicesRegistered: 260, lastActivityAt: lastActivity });
    for (const p of [w.direct, w.oem, w.provider]) expect(rowOf(rows, p.partner.id).devicesRegistered).toBe(await listedDevices(w.key, p.partner.id));
  });

  it('R30 R11 R12 R18: "end every CSP relationship" asks first, then ends each CSP by R11 (one audit event and one webhook each, the reseller\'s provider told too) and leaves the OEM; the page says how many ended', async () => {
    const w = await accessWorld();
    const hooks = new Map<string, Awaited<ReturnType<typeof startReceiver>>>();
    for (const p of [w.direct, w.reseller, w.provider, w.oem]) {
      const receiver = await startReceiver();
      receivers.push(receiver);
      expect((await asPartner(p.apiKey, 'PUT', '/v1/webhook', { url: receiver.url, events: ['relationship.terminated', 'relationship.revoked'] })).status).toBe(200);
      hooks.set(p.partner.id, receiver);
    }
    const access = await w.client.get('/portal/access');
    expect(access.html).toContain('href="/portal/access/end-all"');
    const confirmation = await w.client.get('/portal/access/end-all');
    expect(confirmation.status).toBe(200);
    expect(confirmation.html).toContain(`${w.direct.partner.name} (Direct CSP)`);
    expect(confirmation.html).toContain(`${w.reseller.partner.name} (Indirect CSP Reseller), and the access of its provider ${w.provider.partner.name} through it`);
    expect(confirmation.html).toContain(`The OEMs (${w.oem.partner.name}) keep their access`);
    expect(confirmation.html).toContain('name="confirm" value="end-all"');
    const authorized = async (p: Partner) => (await asPartner(p.apiKey, 'GET', `/v1/customers/${w.tenant.id}`)).status;

    // Without the confirmation, or with another session's CSRF token: nothing ends.
    const unconfirmed = await w.client.post('/portal/access/end-all', { csrf: csrfOf(access.html) });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.html).toContain('Nothing was ended');
    expect((await w.client.post('/portal/access/end-all', { csrf: 'x'.repeat(43), confirm: 'end-all' })).status).toBe(403);
    for (const p of [w.direct, w.reseller, w.provider, w.oem]) expect(await authorized(p)).toBe(200);

    const done = await w.client.post('/portal/access/end-all', { csrf: csrfOf(confirmation.html), confirm: 'end-all' });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/portal/access?ended=2&notEnded=0');
    const after = await w.client.get(done.location!);
    expect(after.html).toContain('2 CSP relationships were ended.');
    expect(after.html).toContain(w.oem.partner.name);
    for (const p of [w.direct, w.reseller, w.provider]) expect(after.html).not.toContain(p.partner.name);
    expect((await allRows(w.key)).map((r) => r.partner.id)).toEqual([w.oem.partner.id]);
    for (const p of [w.direct, w.reseller, w.provider]) expect(await authorized(p)).toBe(404);
    expect(await authorized(w.oem)).toBe(200);

    // R11, R18: one audit event a CSP relationship, by the signed-in admin.
    const audit = (await ops('GET', `/ops/audit?tenantId=${w.tenant.id}&limit=100`)).body.items as { action: string; partnerId: string; actor: { type: string } }[];
    const ended = audit.filter((e) => e.action === 'relationship.terminated');
    expect(ended.map((e) => e.partnerId).sort()).toEqual([w.direct.partner.id, w.reseller.partner.id].sort());
    for (const e of ended) expect(e.actor.type).toBe('user');
    // One webhook each, the provider's through its reseller; none for the OEM.
    for (const p of [w.direct, w.reseller]) {
      const [event] = await hooks.get(p.partner.id)!.waitFor(1, 'relationship.terminated');
      expect(JSON.parse(event.body).data).toMatchObject({ tenantId: w.tenant.id, partnerId: p.partner.id, status: 'terminated' });
    }
    const [viaReseller] = await hooks.get(w.provider.partner.id)!.waitFor(1, 'relationship.terminated');
    expect(JSON.parse(viaReseller.body).data).toMatchObject({ partnerId: w.reseller.partner.id, via: { resellerId: w.reseller.partner.id } });
    await outboxSettled();
    for (const p of [w.direct, w.reseller, w.provider]) expect(hooks.get(p.partner.id)!.events('relationship.terminated')).toHaveLength(1);
    expect(hooks.get(w.oem.partner.id)!.events()).toHaveLength(0);

    // Again: nothing left to end, the OEM still untouched.
    const again = await w.client.get('/portal/access/end-all');
    expect(again.html).toContain('there is nothing to end');
    const twice = await w.client.post('/portal/access/end-all', { csrf: csrfOf(again.html), confirm: 'end-all' });
    expect(twice.location).toBe('/portal/access?ended=0&notEnded=0');
    expect(await authorized(w.oem)).toBe(200);
  });

  it('R30 R25 R19: a partner key is 401, a customer key without access:read 403, bad input 400; another tenant\'s partners and cursors never cross', async () => {
    const w = await accessWorld();
    const noScope = await customerKey(w.client, ['devices:read']);
    expect((await call('GET', '/v1/tenant/partners', { token: w.direct.apiKey })).status).toBe(401);
    expect((await call('GET', '/v1/tenant/partners')).status).toBe(401);
    const forbidden = await call('GET', '/v1/tenant/partners', { token: noScope });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('forbidden');
    for (const query of ['limit=0', 'limit=101', 'limit=x', 'cursor=forged.cursor']) {
      const res = await call('GET', `/v1/tenant/partners?${query}`, { token: w.key });
      expect(res.status, query).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }

    // Another tenant, with a partner of its own and one partner in common.
    const other = await createTenant();
    const otherAdmin = await createUser(other.id, `admin@${other.initialDomain}`);
    const otherClient = await signIn(otherAdmin.email);
    const own = await createPartner('direct-csp');
    await acceptLink(otherClient, own.apiKey);
    await acceptLink(otherClient, w.oem.apiKey);
    await register(w.oem, other.id, 3);
    const otherKey = await customerKey(otherClient, ['access:read']);
    const mine = await allRows(w.key);
    expect(mine.map((r) => r.partner.id)).not.toContain(own.partner.id);
    expect(rowOf(mine, w.oem.partner.id).devicesRegistered).toBe(0);
    const theirs = await allRows(otherKey);
    expect(theirs.map((r) => r.partner.id).sort()).toEqual([own.partner.id, w.oem.partner.id].sort());
    expect(rowOf(theirs, w.oem.partner.id)).toMatchObject({ devicesRegistered: 3, acceptedBy: { email: otherAdmin.email } });
    // A cursor of one tenant's list is refused on another's.
    const first = await call('GET', '/v1/tenant/partners?limit=1', { token: w.key });
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect((await call('GET', `/v1/tenant/partners?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`, { token: otherKey })).status).toBe(400);
    const otherPage = await otherClient.get('/portal/access');
    expect(otherPage.html).not.toContain(w.direct.partner.name);

    // The pages: not signed in, sent to sign in; signed in without global admin, refused.
    const anonymous = await new PageClient().get('/portal/access');
    expect(anonymous.status).toBe(303);
    expect(anonymous.location).toBe('/signin?next=%2Fportal%2Faccess');
    const reader = await createUser(w.tenant.id, `reader@${w.tenant.initialDomain}`, []);
    const readerClient = await signIn(reader.email);
    expect((await readerClient.get('/portal/access')).status).toBe(403);
    expect((await readerClient.get('/portal/access/end-all')).status).toBe(403);
    const refused = await readerClient.post('/portal/access/end-all', { csrf: csrfOf((await readerClient.get('/portal/access')).html), confirm: 'end-all' });
    expect(refused.status).toBe(403);
    expect((await allRows(w.key)).length).toBe(4);
  });

  it('R30: the page and its confirmation escape a partner name with HTML in it', async () => {
    const tenant = await createTenant();
    const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
    const client = await signIn(admin.email);
    const evil = await createPartner('direct-csp', { name: `<img src=x onerror=alert(1)> & "Co" ${unique()}` });
    await acceptLink(client, evil.apiKey);
    for (const path of ['/portal/access', '/portal/access/end-all']) {
      const page = await client.get(path);
      expect(page.status).toBe(200);
      expect(page.html).not.toContain('<img src=x');
      expect(page.html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Co&quot;');
    }
  });
});
