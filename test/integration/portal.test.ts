import { describe, expect, it } from 'vitest';
import { asPartner, createPartner, createTenant, createUser, ops } from '../support/api.ts';
import { csrfOf, PageClient, signIn } from '../support/pages.ts';

/** A tenant whose global admin accepted `partner` through its link, with roles when a request asks. */
async function related(kind: 'direct-csp' | 'indirect-reseller', delegatedAdmin?: { roles: string[]; durationDays: number }) {
  const tenant = await createTenant();
  const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
  const provider = kind === 'indirect-reseller' ? await createPartner('indirect-provider') : undefined;
  const partner = await createPartner(kind, provider ? { providerId: provider.partner.id } : {});
  const client = await signIn(admin.email);
  const { body } = await asPartner(partner.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: admin.email, ...(delegatedAdmin ? { delegatedAdmin } : {}) });
  const page = await client.get(`/consent/${body.consentRequest.id}`);
  const accepted = await client.post(`/consent/${body.consentRequest.id}`, { csrf: csrfOf(page.html), confirm: 'yes', action: 'accept' });
  expect(accepted.html).toContain('Authorization is complete');
  return { tenant, admin, partner, provider, client };
}

describe('the customer portal', () => {
  it("lists a global admin's partners with what they may do about each", async () => {
    const { client, partner } = await related('direct-csp', { roles: ['GlobalReader'], durationDays: 10 });
    const portal = await client.get('/portal');
    expect(portal.status).toBe(200);
    expect(portal.html).toContain(partner.partner.name);
    expect(portal.html).toContain('Global Reader');
    expect(portal.html).toContain('Remove admin roles');
    expect(portal.html).toContain('End relationship');
  });

  it('R10: removing the delegated admin roles asks for confirmation first (what will happen; nothing changes without it, nor with a foreign CSRF token); then it keeps the relationship active, and is audited', async () => {
    const { client, partner, tenant } = await related('direct-csp', { roles: ['IntuneAdministrator'], durationDays: 10 });
    const portal = await client.get('/portal');
    const path = `/portal/relationships/${partner.partner.id}/remove-roles`;
    expect(portal.html).toContain(`href="${path}"`);
    const confirmation = await client.get(path);
    expect(confirmation.status).toBe(200);
    expect(confirmation.html).toContain(`Remove the admin roles of ${partner.partner.name}?`);
    expect(confirmation.html).toContain('Intune Administrator');
    expect(confirmation.html).toContain('The relationship stays active');
    expect(confirmation.html).toContain(tenant.name);
    expect(confirmation.html).toContain('name="confirm" value="remove-roles"');
    const rolesOf = async () => (await asPartner(partner.apiKey, 'GET', `/v1/customers/${tenant.id}`)).body.customer.relationship.delegatedAdmin;
    // Without the confirmation: the confirmation page again, nothing removed.
    const unconfirmed = await client.post(path, { csrf: csrfOf(portal.html) });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.html).toContain('Nothing was removed');
    expect((await rolesOf()).status).toBe('expiring');
    // Confirmed, but without this session's CSRF token: refused.
    expect((await client.post(path, { csrf: 'x'.repeat(43), confirm: 'remove-roles' })).status).toBe(403);
    expect((await rolesOf()).status).toBe('expiring');
    const res = await client.post(path, { csrf: csrfOf(confirmation.html), confirm: 'remove-roles' });
    expect(res.status).toBe(303);
    expect((await client.get(res.location!)).html).toContain('The admin roles were removed');
    const customer = (await asPartner(partner.apiKey, 'GET', `/v1/customers/${tenant.id}`)).body.customer;
    expect(customer.relationship.status).toBe('active');
    expect(customer.relationship.delegatedAdmin).toMatchObject({ roles: [{ name: 'IntuneAdministrator', templateId: '3a2c62db-5318-420d-8d74-23affee5d9d5' }], status: 'removed', removedAt: expect.any(String) });
    const again = await client.post(path, { csrf: csrfOf(portal.html), confirm: 'remove-roles' });
    expect(again.status).toBe(409);
    expect((await client.get(path)).status).toBe(409);
    const audit = await ops('GET', `/ops/audit?tenantId=${tenant.id}`);
    expect(audit.body.items[0]).toMatchObject({ action: 'delegated_admin.removed', actor: { type: 'user' } });
  });

  it("R11: ending a reseller's relationship asks for confirmation first, naming the provider that loses its authorization too; confirmed, both end at the same moment", async () => {
    const { client, partner, provider, tenant } = await related('indirect-reseller');
    expect((await asPartner(provider!.apiKey, 'GET', `/v1/customers/${tenant.id}`)).status).toBe(200);
    const portal = await client.get('/portal');
    const path = `/portal/relationships/${partner.partner.id}/terminate`;
    const confirmation = await client.get(path);
    expect(confirmation.status).toBe(200);
    expect(confirmation.html).toContain(`End the relationship with ${partner.partner.name}?`);
    expect(confirmation.html).toContain(`${provider!.partner.name}, the indirect provider of ${partner.partner.name}, loses its authorization`);
    expect(confirmation.html).toContain('can no longer register or deregister devices');
    const unconfirmed = await client.post(path, { csrf: csrfOf(portal.html) });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.html).toContain('Nothing was ended');
    expect((await asPartner(partner.apiKey, 'GET', `/v1/customers/${tenant.id}`)).status).toBe(200);
    const res = await client.post(path, { csrf: csrfOf(confirmation.html), confirm: 'terminate' });
    expect(res.status).toBe(303);
    for (const p of [partner, provider!]) {
      expect((await asPartner(p.apiKey, 'GET', `/v1/customers/${tenant.id}`)).status).toBe(404);
      expect((await asPartner(p.apiKey, 'GET', '/v1/customers')).body.items).toEqual([]);
      expect((await asPartner(p.apiKey, 'POST', '/v1/consent-checks', { tenants: [tenant.id] })).body.results[0].status).toBe('terminated');
    }
    const audit = await ops('GET', `/ops/audit?tenantId=${tenant.id}`);
    expect(audit.body.items[0]).toMatchObject({ action: 'relationship.terminated', partnerId: partner.partner.id, details: { providerId: provider!.partner.id } });
    expect((await client.get('/portal')).html).not.toContain('End relationship');
  });

  it('R1: a user without GlobalAdministrator can neither see nor change the partners', async () => {
    const { tenant, partner } = await related('direct-csp');
    const reader = await createUser(tenant.id, `reader@${tenant.initialDomain}`, ['GlobalReader']);
    const client = await signIn(reader.email);
    const portal = await client.get('/portal');
    expect(portal.status).toBe(403);
    expect(portal.html).not.toContain(partner.partner.name);
    expect((await client.get(`/portal/relationships/${partner.partner.id}/terminate`)).status).toBe(403);
    const res = await client.post(`/portal/relationships/${partner.partner.id}/terminate`, { csrf: csrfOf(portal.html), confirm: 'terminate' });
    expect(res.status).toBe(403);
    expect((await asPartner(partner.apiKey, 'GET', `/v1/customers/${tenant.id}`)).status).toBe(200);
  });

  it("R19: an admin cannot end another tenant's relationship (404), and signed-out users are sent to sign in", async () => {
    const first = await related('direct-csp');
    const other = await createTenant();
    const otherAdmin = await createUser(other.id, `admin@${other.initialDomain}`);
    const client = await signIn(otherAdmin.email);
    const portal = await client.get('/portal');
    expect(portal.html).not.toContain(first.partner.partner.name);
    expect((await client.get(`/portal/relationships/${first.partner.partner.id}/terminate`)).status).toBe(404);
    const res = await client.post(`/portal/relationships/${first.partner.partner.id}/terminate`, { csrf: csrfOf(portal.html), confirm: 'terminate' });
    expect(res.status).toBe(404);
    expect((await asPartner(first.partner.apiKey, 'GET', `/v1/customers/${first.tenant.id}`)).status).toBe(200);
    expect((await new PageClient().get('/portal')).location).toBe('/signin?next=%2Fportal');
  });

  it('signing out ends the session', async () => {
    const { client } = await related('direct-csp');
    const portal = await client.get('/portal');
    const out = await client.post('/signout', { csrf: csrfOf(portal.html) });
    expect(out.status).toBe(303);
    expect((await client.get('/portal')).status).toBe(303);
  });
});
