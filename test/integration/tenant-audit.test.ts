import { randomBytes } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { asPartner, call, createPartner, createTenant, createUser, ops, unique } from '../support/api.ts';
import { csrfOf, signIn, type PageClient } from '../support/pages.ts';
import { AUDIT_COLUMNS } from '#shared/customers/audit.ts';
import type { AuditEvent } from '#shared/domain/audit.ts';

/**
 * The tenant's audit trail (R29) through the customer API (`GET /v1/tenant/audit`, a key with
 * `audit:read`), the portal (`/portal/audit`) and its CSV export, and the partner's own trail
 * (`GET /v1/audit`): each change with its actor type and actor, the filters, the bad input, who
 * may read it (R19), and the refused attempts that matter to the customer.
 */

type Partner = Awaited<ReturnType<typeof createPartner>>;
const hash = () => randomBytes(128).toString('base64');
/** A key's name a spreadsheet would run, with markup a page must escape. */
const KEY_NAME = '=HYPERLINK("http://evil.example","<b>x</b>")';

/** A customer API key made in the portal by a signed-in global admin. */
async function customerKey(client: PageClient, scopes: string[], name = `key ${unique()}`): Promise<{ secret: string; keyId: string }> {
  const shown = await client.get('/portal/api-keys');
  const form = new URLSearchParams({ csrf: csrfOf(shown.html), name });
  for (const scope of scopes) form.append('scopes', scope);
  const created = await client.post('/portal/api-keys', form);
  const secret = /id="new-key-secret">([^<]+)</.exec(created.html)?.[1];
  if (created.status !== 200 || !secret) throw new Error(`no key shown: ${created.status} ${created.html.slice(0, 300)}`);
  return { secret, keyId: secret.split('_')[1] };
}

/** A signed-in admin accepts a partner's reusable link. */
async function acceptLink(client: PageClient, partner: Partner): Promise<void> {
  const { body } = await asPartner(partner.apiKey, 'GET', '/v1/consent-link');
  const shown = await client.get(body.url);
  const done = await client.post(new URL(body.url).pathname, { csrf: csrfOf(shown.html), confirm: 'yes', action: 'accept' });
  expect(done.html).toContain('Authorization is complete');
}

/** Every event a key reads with these filters (a query string starting with `&`), page by page (`limit` a page). */
async function trail(key: string, filters = '', limit = 100): Promise<AuditEvent[]> {
  const items: AuditEvent[] = [];
  let cursor: string | null = null;
  do {
    const res: { status: number; text: string; body: { items: AuditEvent[]; nextCursor: string | null } } = await call('GET', `/v1/tenant/audit?limit=${limit}${filters}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: key });
    expect(res.status, res.text).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}

async function partnerTrail(apiKey: string, filters = ''): Promise<AuditEvent[]> {
  const items: AuditEvent[] = [];
  let cursor: string | null = null;
  do {
    const res: { status: number; text: string; body: { items: AuditEvent[]; nextCursor: string | null } } = await asPartner(apiKey, 'GET', `/v1/audit?limit=100${filters}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.status, res.text).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}

const newestFirst = (events: AuditEvent[]) => expect(events.map((e) => e.at)).toEqual([...events.map((e) => e.at)].sort().reverse());
const one = (events: AuditEvent[], action: string, pred: (e: AuditEvent) => boolean = () => true) => {
  const found = events.filter((e) => e.action === action && pred(e));
  expect(found, `${action} in ${JSON.stringify(events.map((e) => e.action))}`).toHaveLength(1);
  return found[0];
};

/**
 * One tenant's history: a consent with roles (a direct CSP, accepted by its global admin), a
 * reseller accepted through its link that registers by CSV (its provider named), a release by a
 * customer key, the roles removed in the portal, an OEM accepted and revoked by an operator; a
 * non-admin of the tenant refused an acceptance (R1), a custom-domain admin refused the OEM (R9).
 * And another tenant served by the same direct CSP, whose events are never the first one's.
 */
async function auditWorld() {
  const tenant = await createTenant({ domains: [`${unique('c')}.example`] });
  const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
  const nonAdmin = await createUser(tenant.id, `user@${tenant.initialDomain}`, []);
  const customAdmin = await createUser(tenant.id, `admin@${tenant.domains[0]}`);
  const client = await signIn(admin.email);

  const direct = await createPartner('direct-csp');
  const provider = await createPartner('indirect-provider');
  const reseller = await createPartner('indirect-reseller', { providerId: provider.partner.id });
  const oem = await createPartner('oem');
  expect((await ops('PATCH', `/ops/partners/${oem.partner.id}`, { directApiEligible: true })).status).toBe(200);

  // A consent with delegated admin roles, through the emailed request's page.
  const requested = await asPartner(direct.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: admin.email, delegatedAdmin: { roles: ['GlobalReader'], durationDays: 30 } });
  expect(requested.status, requested.text).toBe(201);
  const requestId = requested.body.consentRequest.id as string;
  const consentPage = await client.get(`/consent/${requestId}`);
  expect((await client.post(`/consent/${requestId}`, { csrf: csrfOf(consentPage.html), confirm: 'yes', action: 'accept' })).html).toContain('Authorization is complete');
  await acceptLink(client, reseller);

  // The reseller registers by CSV (its channel).
  const serial = unique('SN').toUpperCase();
  const uploaded = await call('POST', `/v1/device-uploads?tenantId=${tenant.id}`, { token: reseller.apiKey, rawBody: `Manufacturer name,Device model,Device Serial Number\r\nContoso,Laptop 7,${serial}\r\n`, headers: { 'content-type': 'text/csv' } });
  expect(uploaded.status, uploaded.text).toBe(200);
  const resellerDevice = uploaded.body.results[0].deviceId as string;

  // The direct CSP registers two devices; a customer key (named like a formula) releases one.
  const registered = await asPartner(direct.apiKey, 'POST', '/v1/devices', { tenantId: tenant.id, devices: [{ hardwareHash: hash() }, { hardwareHash: hash() }] });
  expect(registered.status, registered.text).toBe(200);
  const [releasedDevice] = registered.body.results.map((r: { deviceId: string }) => r.deviceId) as string[];
  const releaser = await customerKey(client, ['devices:release'], KEY_NAME);
  const released = await call('POST', '/v1/tenant/device-releases', { token: releaser.secret, body: { confirm: 'irreversible', devices: [{ deviceId: releasedDevice }] } });
  expect(released.status, released.text).toBe(200);
  expect(released.body.summary.released).toBe(1);

  // The roles removed in the portal (R10).
  const removePath = `/portal/relationships/${direct.partner.id}/remove-roles`;
  const confirmation = await client.get(removePath);
  expect((await client.post(removePath, { csrf: csrfOf(confirmation.html), confirm: 'remove-roles' })).status).toBe(303);

  // A custom-domain admin is refused the OEM (R9); the cloud-native admin accepts it; an operator revokes it (R12).
  const custom = await signIn(customAdmin.email);
  const oemLink = (await asPartner(oem.apiKey, 'GET', '/v1/consent-link')).body.url as string;
  const refusedOem = await custom.get(oemLink);
  expect(refusedOem.status).toBe(403);
  expect((await custom.post(new URL(oemLink).pathname, { csrf: csrfOf(refusedOem.html), confirm: 'yes', action: 'accept' })).status).toBe(403);
  await acceptLink(client, oem);
  expect((await ops('POST', `/ops/relationships/${tenant.id}/${oem.partner.id}/revoke`, { reason: 'Customer asked; verified by phone' })).status).toBe(200);

  // A user who is no global admin opens a partner's consent link, twice, and posts the form anyway (R1).
  const late = await createPartner('direct-csp');
  const user = await signIn(nonAdmin.email);
  const lateLink = (await asPartner(late.apiKey, 'GET', '/v1/consent-link')).body.url as string;
  const refusedPage = await user.get(lateLink);
  expect(refusedPage.html).toContain('You need global administrator privileges');
  await user.get(lateLink);
  expect((await user.post(new URL(lateLink).pathname, { csrf: csrfOf(refusedPage.html), confirm: 'yes', action: 'accept' })).status).toBe(403);

  const key = await customerKey(client, ['audit:read']);

  // Another tenant, served by the same direct CSP.
  const other = await createTenant();
  const otherAdmin = await createUser(other.id, `admin@${other.initialDomain}`);
  const otherClient = await signIn(otherAdmin.email);
  await acceptLink(otherClient, direct);
  const otherRegistered = await asPartner(direct.apiKey, 'POST', '/v1/devices', { tenantId: other.id, devices: [{ hardwareHash: hash() }] });
  expect(otherRegistered.status).toBe(200);
  const otherKey = await customerKey(otherClient, ['audit:read']);

  return { tenant, admin, nonAdmin, customAdmin, client, direct, provider, reseller, oem, late, requestId, resellerDevice, releasedDevice, releaser, key, other, otherKey, user };
}

let w: Awaited<ReturnType<typeof auditWorld>>;
let all: AuditEvent[];
beforeAll(async () => {
  w = await auditWorld();
  all = await trail(w.key.secret);
}, 240_000);

describe("the tenant's audit trail (R29)", () => {
  it('R29, R18: the trail after a consent, a registration by a reseller (provider named), a release, a role removal and an operator\'s revocation, each with its actor type and actor; newest first', () => {
    newestFirst(all);
    expect(all.every((e) => e.tenantId === w.tenant.id)).toBe(true);

    const consent = one(all, 'consent.accepted', (e) => e.partnerId === w.direct.partner.id && e.outcome === 'succeeded');
    expect(consent).toMatchObject({
      category: 'consent',
      actor: { type: 'customer_user', id: expect.any(String), name: 'Test User', signIn: 'email' },
      subject: { type: 'relationship', id: w.direct.partner.id, name: w.direct.partner.name },
      details: { acceptedBy: w.admin.email, requestId: w.requestId },
    });

    const registration = one(all, 'device.registered', (e) => e.partnerId === w.reseller.partner.id);
    expect(registration).toMatchObject({
      category: 'devices',
      actor: { type: 'partner_key', id: w.reseller.keyId, name: w.reseller.partner.name },
      subject: { type: 'device', id: w.resellerDevice },
      outcome: 'succeeded',
      details: { channel: 'csv', provider: { id: w.provider.partner.id, name: w.provider.partner.name } },
    });
    // A partner key is named by its id, never its secret.
    expect(JSON.stringify(all)).not.toContain(w.reseller.apiKey);

    expect(one(all, 'device.released')).toMatchObject({
      category: 'devices',
      actor: { type: 'customer_key', id: w.releaser.keyId, name: KEY_NAME },
      subject: { type: 'device', id: w.releasedDevice },
      partnerId: w.direct.partner.id,
    });
    expect(one(all, 'delegated_admin.removed')).toMatchObject({
      category: 'delegated_admin',
      actor: { type: 'customer_user', name: 'Test User' },
      subject: { type: 'relationship', id: w.direct.partner.id },
      details: { roles: ['GlobalReader'] },
    });
    expect(one(all, 'relationship.revoked')).toMatchObject({
      category: 'relationship',
      actor: { type: 'operator' },
      subject: { type: 'relationship', id: w.oem.partner.id },
      partnerId: w.oem.partner.id,
      details: { reason: 'Customer asked; verified by phone' },
    });
  });

  it('R29: refused attempts appear with outcome refused: an acceptance by a non-admin (R1, once however often tried that day) and an OEM refused to a non-cloud-native admin (R9); nothing else changed', async () => {
    const refused = all.filter((e) => e.outcome === 'refused');
    expect(refused.map((e) => e.details?.reason).sort()).toEqual(['not_cloud_native', 'not_global_admin']);
    expect(one(refused, 'consent.accepted', (e) => e.details?.reason === 'not_global_admin')).toMatchObject({
      actor: { type: 'customer_user', name: 'Test User' },
      partnerId: w.late.partner.id,
      subject: { type: 'relationship', id: w.late.partner.id, name: w.late.partner.name },
    });
    expect(one(refused, 'consent.accepted', (e) => e.details?.reason === 'not_cloud_native')).toMatchObject({ actor: { type: 'customer_user' }, partnerId: w.oem.partner.id });
    // Nothing changed: the partner refused has no customer.
    expect((await asPartner(w.late.apiKey, 'GET', '/v1/customers')).body.items).toEqual([]);
  });

  it('R29: every audit item carries a TTL 400 days after its time', async () => {
    const { db, tableName } = await import('#shared/table/client.ts');
    const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
    const { auditKeys } = await import('#shared/table/keys.ts');
    for (const e of all.slice(0, 3)) {
      const item = (await db().send(new GetCommand({ TableName: tableName(), Key: auditKeys.key(e.id) }))).Item;
      expect(item?.ttl).toBe(Math.floor(Date.parse(e.at) / 1000) + 400 * 86_400);
    }
  });

  it('R29: each filter: actor type, partner, action, time range; pages of any size give the same trail', async () => {
    // Operators made the tenant and its users, and revoked the OEM.
    const operatorOnly = await trail(w.key.secret, '&actorType=operator');
    expect(operatorOnly.map((e) => e.action).sort()).toEqual(['relationship.revoked', 'tenant.created', 'user.created', 'user.created', 'user.created']);
    for (const actorType of ['operator', 'customer_user', 'customer_key', 'partner_key', 'system']) {
      const found = await trail(w.key.secret, `&actorType=${actorType}`);
      expect(found.map((e) => e.id)).toEqual(all.filter((e) => e.actor.type === actorType).map((e) => e.id));
    }
    expect((await trail(w.key.secret, '&actorType=partner_key')).length).toBeGreaterThan(0);

    const ofReseller = await trail(w.key.secret, `&partnerId=${w.reseller.partner.id}`);
    expect(ofReseller.map((e) => e.id)).toEqual(all.filter((e) => e.partnerId === w.reseller.partner.id).map((e) => e.id));
    expect(ofReseller.map((e) => e.action).sort()).toEqual(['consent.accepted', 'device.registered']);

    expect((await trail(w.key.secret, '&action=device.released')).map((e) => e.id)).toEqual([one(all, 'device.released').id]);
    expect((await trail(w.key.secret, `&action=device.registered&partnerId=${w.direct.partner.id}&actorType=partner_key`)).map((e) => e.id)).toEqual(
      all.filter((e) => e.action === 'device.registered' && e.partnerId === w.direct.partner.id).map((e) => e.id),
    );
    expect(await trail(w.key.secret, '&action=device_claim.opened')).toEqual([]);

    // A time range: both ends included, to the millisecond.
    const middle = all[Math.floor(all.length / 2)];
    const later = all[Math.floor(all.length / 4)];
    const ranged = await trail(w.key.secret, `&from=${middle.at}&to=${later.at}`);
    expect(ranged.map((e) => e.id)).toEqual(all.filter((e) => e.at >= middle.at && e.at <= later.at).map((e) => e.id));
    expect(await trail(w.key.secret, '&from=2020-01-01&to=2020-12-31')).toEqual([]);

    // Small pages, filtered or not: the same events, in the same order.
    expect((await trail(w.key.secret, '', 3)).map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect((await trail(w.key.secret, '&actorType=customer_user', 2)).map((e) => e.id)).toEqual(all.filter((e) => e.actor.type === 'customer_user').map((e) => e.id));
  });

  it('R29: bad input is 400 validation_failed naming the parameter: a backwards range, a range over 400 days, an unknown actor type or action, a malformed time, a cursor of another list', async () => {
    const cases: [string, string][] = [
      ['from=2026-11-30&to=2026-11-01', 'to'],
      ['from=2025-01-01&to=2026-11-30', 'from'],
      ['from=2020-01-01', 'from'],
      ['actorType=robot', 'actorType'],
      ['actorType=partner', 'actorType'],
      ['action=consent.stolen', 'action'],
      ['action=', 'action'],
      ['from=yesterday', 'from'],
      ['to=2026-13-01', 'to'],
      ['limit=101', 'limit'],
    ];
    for (const [query, path] of cases) {
      const res = await call('GET', `/v1/tenant/audit?${query}`, { token: w.key.secret });
      expect(res.status, query).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors.map((e: { path: string }) => e.path), query).toContain(path);
    }
    // A cursor of the unfiltered list does not page a filtered one, nor another tenant's.
    const first = await call('GET', '/v1/tenant/audit?limit=1', { token: w.key.secret });
    const cursor = encodeURIComponent(first.body.nextCursor);
    expect((await call('GET', `/v1/tenant/audit?limit=1&actorType=system&cursor=${cursor}`, { token: w.key.secret })).status).toBe(400);
    expect((await call('GET', `/v1/tenant/audit?limit=1&cursor=${cursor}`, { token: w.otherKey.secret })).status).toBe(400);
  });

  it('R29, R25: a key without audit:read is 403; a partner key, an operator token, no key are 401', async () => {
    const forbidden = await call('GET', '/v1/tenant/audit', { token: w.releaser.secret });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('forbidden');
    for (const token of [w.direct.apiKey, undefined, 'dck_c_nope_nope']) {
      const res = await call('GET', '/v1/tenant/audit', token ? { token } : {});
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('unauthorized');
    }
  });

  it("R19: another tenant's events never appear, and the other tenant sees only its own", async () => {
    const theirs = await trail(w.otherKey.secret);
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every((e) => e.tenantId === w.other.id)).toBe(true);
    const ids = new Set(all.map((e) => e.id));
    expect(theirs.filter((e) => ids.has(e.id))).toEqual([]);
    // Filtering on a partner both tenants share does not cross over either.
    expect((await trail(w.key.secret, `&partnerId=${w.direct.partner.id}`)).every((e) => e.tenantId === w.tenant.id)).toBe(true);
  });

  it('R29: the CSV export (Accept: text/csv) is a download of the whole trail the filters select, with formula-inert cells', async () => {
    const res = await call('GET', '/v1/tenant/audit', { token: w.key.secret, headers: { accept: 'text/csv' } });
    expect(res.status).toBe(303);
    const file = await fetch(res.headers.get('location')!);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('text/csv');
    const rows = parse(await file.text()) as string[][];
    expect(rows[0]).toEqual([...AUDIT_COLUMNS]);
    // The trail may have grown since (nothing writes to this tenant now): the same events.
    expect(rows.slice(1).map((r) => r[0])).toEqual(all.map((e) => e.id));
    const releasedRow = rows.find((r) => r[2] === 'device.released')!;
    expect(releasedRow[AUDIT_COLUMNS.indexOf('Actor name')]).toBe(`'${KEY_NAME}`);
    expect(releasedRow[AUDIT_COLUMNS.indexOf('Actor type')]).toBe('customer_key');

    const filtered = await call('GET', '/v1/tenant/audit?actorType=operator&action=relationship.revoked', { token: w.key.secret, headers: { accept: 'text/csv' } });
    const filteredRows = parse(await (await fetch(filtered.headers.get('location')!)).text()) as string[][];
    expect(filteredRows.slice(1).map((r) => r[0])).toEqual([one(all, 'relationship.revoked').id]);
  });
});

describe("the partner's own trail (GET /v1/audit, R29)", () => {
  it('R29, R19: a partner sees only its own events (its actions and the changes on it), filtered by tenant and action; never a refused attempt of a customer user; a customer key is 401 there', async () => {
    const own = await partnerTrail(w.direct.apiKey);
    newestFirst(own);
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((e) => e.partnerId === w.direct.partner.id)).toBe(true);
    expect(new Set(own.flatMap((e) => (e.tenantId ? [e.tenantId] : [])))).toEqual(new Set([w.tenant.id, w.other.id]));
    const forTenant = await partnerTrail(w.direct.apiKey, `&tenantId=${w.tenant.id}`);
    expect(forTenant.every((e) => e.tenantId === w.tenant.id)).toBe(true);
    expect(forTenant.map((e) => e.action)).toEqual(expect.arrayContaining(['consent.accepted', 'device.registered', 'device.released', 'delegated_admin.removed']));
    // The customer's people are not named to the partner, nor the tenant's details.
    const accepted = one(forTenant, 'consent.accepted');
    expect(accepted.actor).toEqual({ type: 'customer_user' });
    expect(accepted.details).toBeUndefined();
    expect((await partnerTrail(w.direct.apiKey, `&tenantId=${w.tenant.id}&action=device.released`)).map((e) => e.id)).toEqual([one(all, 'device.released').id]);
    expect((await partnerTrail(w.direct.apiKey, '&actorType=partner_key')).every((e) => e.actor.type === 'partner_key' && e.actor.id === w.direct.keyId)).toBe(true);

    // R19: nothing of the reseller's, and the refused acceptance stays the tenant's.
    expect((await partnerTrail(w.reseller.apiKey)).every((e) => e.partnerId === w.reseller.partner.id)).toBe(true);
    expect(await partnerTrail(w.late.apiKey)).toEqual(expect.not.arrayContaining([expect.objectContaining({ outcome: 'refused' })]));
    expect((await partnerTrail(w.late.apiKey)).filter((e) => e.tenantId === w.tenant.id)).toEqual([]);

    const bad = await asPartner(w.direct.apiKey, 'GET', '/v1/audit?from=2026-11-30&to=2026-11-01');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('to');
    expect((await call('GET', '/v1/audit', { token: w.key.secret })).status).toBe(401);
  });
});

describe('the audit page of the portal (R29)', () => {
  it("R29: a global admin's page shows the trail with its filters, escaped, paged; the export is a download; bad input is 400; a non-admin sees who to ask", async () => {
    const shown = await w.client.get('/portal/audit');
    expect(shown.status).toBe(200);
    expect(shown.html).toContain('id="audit-filter"');
    for (const e of all.slice(0, 10)) expect(shown.html).toContain(`id="event-${e.id}"`);
    expect(shown.html).toContain('refused');
    // A key's name is text, never markup.
    expect(shown.html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(shown.html).not.toContain('<b>x</b>');

    const filtered = await w.client.get('/portal/audit?from=&to=&actorType=operator&partnerId=&action=');
    expect(filtered.status).toBe(200);
    expect(filtered.html).toContain(`id="event-${one(all, 'relationship.revoked').id}"`);
    expect(filtered.html).not.toContain(`id="event-${one(all, 'device.released').id}"`);

    const exported = await w.client.get('/portal/audit/export?actorType=operator&action=relationship.revoked');
    expect(exported.status).toBe(303);
    const rows = parse(await (await fetch(exported.location!)).text()) as string[][];
    expect(rows.slice(1).map((r) => r[0])).toEqual([one(all, 'relationship.revoked').id]);

    expect((await w.client.get('/portal/audit?from=2026-11-30&to=2026-11-01')).status).toBe(400);
    expect((await w.client.get('/portal/audit?actorType=robot')).status).toBe(400);
    const denied = await w.user.get('/portal/audit');
    expect(denied.status).toBe(403);
    expect(denied.html).toContain('You need global administrator privileges');
  });
});
