import { afterAll, describe, expect, it } from 'vitest';
import { asPartner, createPartner, createTenant, createUser, ops, problem } from '../support/api.ts';
import { csrfOf, outboxSettled, PageClient, signIn } from '../support/pages.ts';
import { startReceiver } from '../support/webhook-receiver.ts';

/** R31: delegated admin roles the GDAP way, over HTTP (the lifecycle steps of S7 are in test/scheduler/delegated-admin-lifecycle.test.ts). */

const INTUNE = { name: 'IntuneAdministrator', templateId: '3a2c62db-5318-420d-8d74-23affee5d9d5', displayName: 'Intune Administrator' };
const GLOBAL_READER = { name: 'GlobalReader', templateId: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451', displayName: 'Global Reader' };

const receivers: Awaited<ReturnType<typeof startReceiver>>[] = [];
afterAll(async () => Promise.all(receivers.map((r) => r.close())));

async function partnerWithWebhook() {
  const receiver = await startReceiver();
  receivers.push(receiver);
  const partner = await createPartner('direct-csp');
  const events = ['consent.accepted', 'delegated_admin.roles_changed', 'delegated_admin.removed'];
  expect((await asPartner(partner.apiKey, 'PUT', '/v1/webhook', { url: receiver.url, events })).status).toBe(200);
  return { ...partner, receiver };
}

async function adminOfNewTenant() {
  const tenant = await createTenant();
  return { tenant, admin: await createUser(tenant.id, `admin@${tenant.initialDomain}`) };
}

async function request(apiKey: string, recipientEmail: string, delegatedAdmin?: Record<string, unknown>) {
  const res = await asPartner(apiKey, 'POST', '/v1/consent-requests', { recipientEmail, ...(delegatedAdmin ? { delegatedAdmin } : {}) });
  expect(res.status).toBe(201);
  return res.body.consentRequest;
}

async function accept(client: PageClient, requestId: string) {
  const page = await client.get(`/consent/${requestId}`);
  const res = await client.post(`/consent/${requestId}`, { csrf: csrfOf(page.html), confirm: 'yes', action: 'accept' });
  expect(res.html).toContain('Authorization is complete');
  return page;
}

const customerOf = async (apiKey: string, tenantId: string) => (await asPartner(apiKey, 'GET', `/v1/customers/${tenantId}`)).body.customer;

describe('R31: roles with their Entra template ids, and autoExtend', () => {
  it('R31: a consent request and the customer answer roles as {name, templateId, displayName}, with autoExtend', async () => {
    const partner = await createPartner('direct-csp');
    const { tenant, admin } = await adminOfNewTenant();
    const asked = await request(partner.apiKey, admin.email, { roles: ['IntuneAdministrator', 'GlobalReader'], durationDays: 90, autoExtend: true });
    expect(asked.delegatedAdmin).toEqual({ roles: [INTUNE, GLOBAL_READER], durationDays: 90, autoExtend: true });
    expect((await asPartner(partner.apiKey, 'GET', `/v1/consent-requests/${asked.id}`)).body.consentRequest.delegatedAdmin.roles).toEqual([INTUNE, GLOBAL_READER]);
    const plain = await request(partner.apiKey, admin.email, { roles: ['GlobalReader'], durationDays: 90 });
    expect(plain.delegatedAdmin).toEqual({ roles: [GLOBAL_READER], durationDays: 90, autoExtend: false });

    await accept(await signIn(admin.email), asked.id);
    const customer = await customerOf(partner.apiKey, tenant.id);
    expect(customer.relationship.delegatedAdmin).toEqual({ roles: [INTUNE, GLOBAL_READER], expiresAt: expect.any(String), status: 'active', autoExtend: true });
    const listed = (await asPartner(partner.apiKey, 'GET', '/v1/customers')).body.items.find((c: { tenantId: string }) => c.tenantId === tenant.id);
    expect(listed.relationship.delegatedAdmin.roles).toEqual([INTUNE, GLOBAL_READER]);
  });

  it('R3, R31: the consent page shows before accepting whether the roles are extended automatically', async () => {
    const partner = await createPartner('direct-csp');
    const { admin } = await adminOfNewTenant();
    const client = await signIn(admin.email);
    const auto = await request(partner.apiKey, admin.email, { roles: ['GlobalReader'], durationDays: 90, autoExtend: true });
    const autoPage = (await client.get(`/consent/${auto.id}`)).html;
    expect(autoPage).toContain('id="auto-extend"');
    expect(autoPage).toContain('Automatic extension:');
    expect(autoPage).toContain('extended by 180 days');
    const fixed = await request(partner.apiKey, admin.email, { roles: ['GlobalReader'], durationDays: 90 });
    expect((await client.get(`/consent/${fixed.id}`)).html).toContain('they are not extended automatically');
  });

  it('R31: GET /v1/customers/{tenantId} answers the status: active, expiring with 30 days or fewer left, removed (R10)', async () => {
    const partner = await createPartner('direct-csp');
    const long = await adminOfNewTenant();
    await accept(await signIn(long.admin.email), (await request(partner.apiKey, long.admin.email, { roles: ['GlobalReader'], durationDays: 31 })).id);
    expect((await customerOf(partner.apiKey, long.tenant.id)).relationship.delegatedAdmin.status).toBe('active');
    const short = await adminOfNewTenant();
    const client = await signIn(short.admin.email);
    await accept(client, (await request(partner.apiKey, short.admin.email, { roles: ['GlobalReader'], durationDays: 30 })).id);
    expect((await customerOf(partner.apiKey, short.tenant.id)).relationship.delegatedAdmin.status).toBe('expiring');
    const portal = await client.get('/portal');
    expect(portal.html).toContain('data-status="expiring"');
    await client.post(`/portal/relationships/${partner.partner.id}/remove-roles`, { csrf: csrfOf(portal.html), confirm: 'remove-roles' });
    expect((await customerOf(partner.apiKey, short.tenant.id)).relationship.delegatedAdmin).toMatchObject({ status: 'removed', removedAt: expect.any(String) });
  });
});

describe('R31: bad input changes nothing', () => {
  it('R9, R31: autoExtend on an OEM request is 400 (an OEM consent never carries roles)', async () => {
    const oem = await createPartner('oem', { directApiEligible: true });
    const before = (await asPartner(oem.apiKey, 'GET', '/v1/consent-requests')).body.items.length;
    for (const delegatedAdmin of [{ roles: ['GlobalReader'], durationDays: 30, autoExtend: true }, { roles: ['GlobalReader'], durationDays: 30, autoExtend: false }]) {
      const res = await asPartner(oem.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: 'admin@oem-target.example', delegatedAdmin });
      expect(problem(res)).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(res.body.errors[0].path).toBe('delegatedAdmin');
    }
    expect((await asPartner(oem.apiKey, 'GET', '/v1/consent-requests')).body.items).toHaveLength(before);
  });

  it('R31: a non-boolean autoExtend is 400 naming delegatedAdmin.autoExtend; nothing is created', async () => {
    const partner = await createPartner('direct-csp');
    for (const autoExtend of ['true', 1, null, 'yes', {}]) {
      const res = await asPartner(partner.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: 'admin@target.example', delegatedAdmin: { roles: ['GlobalReader'], durationDays: 30, autoExtend } });
      expect(problem(res)).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(res.body.errors[0].path).toBe('delegatedAdmin.autoExtend');
    }
    expect((await asPartner(partner.apiKey, 'GET', '/v1/consent-requests')).body.items).toEqual([]);
  });
});

describe('R31: a partner already authorized asks for other roles with a new consent request', () => {
  it('R31, R18: its acceptance replaces the roles, keeps the relationship (since when, its history), raises delegated_admin.roles_changed and is audited', async () => {
    const partner = await partnerWithWebhook();
    const { tenant, admin } = await adminOfNewTenant();
    const second = await createUser(tenant.id, `second@${tenant.initialDomain}`);
    const first = await request(partner.apiKey, admin.email, { roles: ['IntuneAdministrator'], durationDays: 90 });
    await accept(await signIn(admin.email), first.id);
    const before = await customerOf(partner.apiKey, tenant.id);

    // Not refused as "already authorized": the page says what changes.
    const other = await request(partner.apiKey, second.email, { roles: ['GlobalReader'], durationDays: 200, autoExtend: true });
    const client = await signIn(second.email);
    const page = await accept(client, other.id);
    expect(page.html).toContain('id="roles-change"');
    expect(page.html).toContain('is already authorized for your organization');
    expect(page.html).toContain('Intune Administrator');

    const after = await customerOf(partner.apiKey, tenant.id);
    expect(after.relationship.status).toBe('active');
    expect(after.relationship.grantedAt).toBe(before.relationship.grantedAt);
    expect(after.relationship.delegatedAdmin).toMatchObject({ roles: [GLOBAL_READER], status: 'active', autoExtend: true });
    expect(after.relationship.delegatedAdmin.expiresAt > before.relationship.delegatedAdmin.expiresAt).toBe(true);
    expect((await asPartner(partner.apiKey, 'GET', `/v1/consent-requests/${other.id}`)).body.consentRequest.status).toBe('accepted');

    await outboxSettled();
    expect(partner.receiver.events().map((r) => JSON.parse(r.body).type)).toEqual(['consent.accepted', 'delegated_admin.roles_changed']);
    const changed = JSON.parse(partner.receiver.events('delegated_admin.roles_changed')[0].body).data;
    expect(changed).toMatchObject({
      tenantId: tenant.id,
      partnerId: partner.partner.id,
      requestId: other.id,
      delegatedAdmin: { roles: ['GlobalReader'], autoExtend: true },
      previous: { roles: ['IntuneAdministrator'], expiresAt: before.relationship.delegatedAdmin.expiresAt, status: 'active' },
      actor: { type: 'user' },
    });

    // The history is kept: the first acceptance, then the change, each with its actor.
    const audit = (await ops('GET', `/ops/audit?tenantId=${tenant.id}&partnerId=${partner.partner.id}`)).body.items as { action: string; actor: { type: string } }[];
    const actions = audit.map((e) => e.action);
    expect(actions.indexOf('delegated_admin.roles_changed')).toBeLessThan(actions.indexOf('consent.accepted'));
    expect(audit.filter((e) => e.action === 'consent.accepted')).toHaveLength(1);
    expect(audit.find((e) => e.action === 'delegated_admin.roles_changed')).toMatchObject({ actor: { type: 'user' }, subject: other.id });

    // The roles removed then asked for again: the same, over removed roles.
    const portal = await client.get('/portal');
    await client.post(`/portal/relationships/${partner.partner.id}/remove-roles`, { csrf: csrfOf(portal.html), confirm: 'remove-roles' });
    await accept(client, (await request(partner.apiKey, second.email, { roles: ['IntuneAdministrator'], durationDays: 60 })).id);
    expect((await customerOf(partner.apiKey, tenant.id)).relationship).toMatchObject({ grantedAt: before.relationship.grantedAt, delegatedAdmin: { roles: [INTUNE], status: 'active', autoExtend: false } });
    await outboxSettled();
    const again = partner.receiver.events('delegated_admin.roles_changed').map((r) => JSON.parse(r.body).data);
    expect(again.at(-1)).toMatchObject({ delegatedAdmin: { roles: ['IntuneAdministrator'] }, previous: { roles: ['GlobalReader'], status: 'removed' } });
  });
});

describe('R31: the customer turns auto-extension off in the portal', () => {
  it('R31, R18: a CSRF form of a global admin, audited; the partner sees autoExtend false; once off it cannot be turned off again (409)', async () => {
    const partner = await createPartner('direct-csp');
    const { tenant, admin } = await adminOfNewTenant();
    const user = await createUser(tenant.id, `helpdesk@${tenant.initialDomain}`, []);
    const client = await signIn(admin.email);
    await accept(client, (await request(partner.apiKey, admin.email, { roles: ['GlobalReader'], durationDays: 90, autoExtend: true })).id);
    const path = `/portal/relationships/${partner.partner.id}/auto-extend`;
    const portal = await client.get('/portal');
    expect(portal.html).toContain(`action="${path}"`);
    expect(portal.html).toContain('extended automatically');

    // Not signed in, not an admin, a foreign CSRF token, a bad value: nothing changes.
    expect((await new PageClient().post(path, { csrf: csrfOf(portal.html), autoExtend: 'off' })).status).toBe(401);
    const helpdesk = await signIn(user.email);
    expect((await helpdesk.post(path, { csrf: csrfOf((await helpdesk.get('/portal')).html), autoExtend: 'off' })).status).toBe(403);
    expect((await client.post(path, { csrf: 'x'.repeat(43), autoExtend: 'off' })).status).toBe(403);
    expect((await client.post(path, { csrf: csrfOf(portal.html), autoExtend: 'on' })).status).toBe(400);
    expect((await customerOf(partner.apiKey, tenant.id)).relationship.delegatedAdmin.autoExtend).toBe(true);
    // Another tenant's admin: no such relationship for it (R19).
    const stranger = await adminOfNewTenant();
    const strangerClient = await signIn(stranger.admin.email);
    expect((await strangerClient.post(path, { csrf: csrfOf((await strangerClient.get('/portal')).html), autoExtend: 'off' })).status).toBe(404);

    const res = await client.post(path, { csrf: csrfOf(portal.html), autoExtend: 'off' });
    expect(res.status).toBe(303);
    expect((await client.get(res.location!)).html).toContain('no longer be extended automatically');
    expect((await customerOf(partner.apiKey, tenant.id)).relationship.delegatedAdmin).toMatchObject({ autoExtend: false, status: 'active' });
    expect((await client.get('/portal')).html).not.toContain(`action="${path}"`);
    expect((await client.post(path, { csrf: csrfOf(portal.html), autoExtend: 'off' })).status).toBe(409);
    const audit = await ops('GET', `/ops/audit?tenantId=${tenant.id}`);
    expect(audit.body.items.filter((e: { action: string }) => e.action === 'delegated_admin.auto_extend_disabled')).toEqual([
      expect.objectContaining({ actor: expect.objectContaining({ type: 'user' }), partnerId: partner.partner.id }),
    ]);
  });
});
