import { describe, expect, it } from 'vitest';
import { asPartner, call, createPartner, createTenant, createUser, ops, problem, unique } from '../support/api.ts';
import { csrfOf, PageClient, signIn } from '../support/pages.ts';

async function eligibleOem() {
  const oem = await createPartner('oem');
  await ops('PATCH', `/ops/partners/${oem.partner.id}`, { directApiEligible: true });
  return oem;
}

/** A tenant with a custom domain, and global admins on its initial (cloud-native) and custom domains. */
async function tenantWithAdmins() {
  const custom = `${unique('c')}.example`;
  const tenant = await createTenant({ domains: [custom] });
  const cloudNative = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
  const customDomainAdmin = await createUser(tenant.id, `admin@${custom}`);
  const nonAdmin = await createUser(tenant.id, `user@${tenant.initialDomain}`, []);
  return { tenant, cloudNative, customDomainAdmin, nonAdmin };
}

async function acceptThroughLink(email: string, url: string) {
  const client = await signIn(email);
  const page = await client.get(url);
  const res = await client.post(new URL(url).pathname, { csrf: csrfOf(page.html), confirm: 'yes', action: 'accept' });
  return { client, page, res };
}

describe('OEM eligibility (R9)', () => {
  it('an OEM gets its link and may request consent only while directApiEligible', async () => {
    const oem = await createPartner('oem');
    const link = () => asPartner(oem.apiKey, 'GET', '/v1/consent-link');
    const request = () => asPartner(oem.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: `${unique('a')}@example.com` });
    expect(problem(await link())).toMatchObject({ status: 403, code: 'partner_not_eligible' });
    expect(problem(await request())).toMatchObject({ status: 403, code: 'partner_not_eligible' });

    await ops('PATCH', `/ops/partners/${oem.partner.id}`, { directApiEligible: true });
    const granted = await link();
    expect(granted.status).toBe(200);
    expect((await request()).status).toBe(201);

    // A customer accepts while eligible; then eligibility is withdrawn.
    const { tenant, cloudNative } = await tenantWithAdmins();
    expect((await acceptThroughLink(cloudNative.email, granted.body.url)).res.html).toContain('Authorization is complete');
    await ops('PATCH', `/ops/partners/${oem.partner.id}`, { directApiEligible: false });
    expect(problem(await link())).toMatchObject({ status: 403, code: 'partner_not_eligible' });
    expect(problem(await request())).toMatchObject({ status: 403, code: 'partner_not_eligible' });
    const page = await new PageClient().get(granted.body.url);
    expect(page.html).toContain('This link is not active');
    expect(page.html).not.toContain('consent-form');
    // Withdrawing eligibility deletes no relationship.
    expect((await asPartner(oem.apiKey, 'GET', `/v1/customers/${tenant.id}`)).status).toBe(200);
  });

  it('an OEM request with delegated admin roles is refused (400); an OEM consent page grants no admin permissions', async () => {
    const oem = await eligibleOem();
    const res = await asPartner(oem.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: 'a@example.com', delegatedAdmin: { roles: ['GlobalReader'], durationDays: 5 } });
    expect(problem(res)).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(res.body.errors[0].path).toBe('delegatedAdmin');
    const { url } = (await asPartner(oem.apiKey, 'GET', '/v1/consent-link')).body;
    const page = await new PageClient().get(url);
    expect(page.html).toContain('No admin permissions in your organization are granted');
    expect(page.html).toContain('OEM');
  });
});

describe('OEM acceptance (R9)', () => {
  it('only a cloud-native global administrator can accept; a custom-domain admin is told why and nothing changes', async () => {
    const oem = await eligibleOem();
    const { url } = (await asPartner(oem.apiKey, 'GET', '/v1/consent-link')).body;
    const { tenant, cloudNative, customDomainAdmin, nonAdmin } = await tenantWithAdmins();

    const custom = await signIn(customDomainAdmin.email);
    const customPage = await custom.get(url);
    expect(customPage.status).toBe(403);
    expect(customPage.html).toContain('Sign in with your cloud-native account');
    const forced = await custom.post(new URL(url).pathname, { csrf: csrfOf(customPage.html), confirm: 'yes', action: 'accept' });
    expect(forced.status).toBe(403);
    expect((await asPartner(oem.apiKey, 'GET', '/v1/customers')).body.items).toEqual([]);

    const user = await signIn(nonAdmin.email);
    const userPage = await user.get(url);
    expect(userPage.html).toContain('You need global administrator privileges');

    // R2: at once in the customer list and the status check.
    const { res } = await acceptThroughLink(cloudNative.email, url);
    expect(res.html).toContain('Authorization is complete');
    expect((await asPartner(oem.apiKey, 'GET', '/v1/customers')).body.items.map((c: { tenantId: string }) => c.tenantId)).toEqual([tenant.id]);
    expect((await asPartner(oem.apiKey, 'POST', '/v1/consent-checks', { tenants: [tenant.initialDomain] })).body.results[0]).toEqual({
      tenant: tenant.initialDomain,
      tenantId: tenant.id,
      status: 'active',
    });
  });

  it('the same holds for an emailed OEM request', async () => {
    const oem = await eligibleOem();
    const { tenant, cloudNative, customDomainAdmin } = await tenantWithAdmins();
    const toCustom = await asPartner(oem.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: customDomainAdmin.email });
    const custom = await signIn(customDomainAdmin.email);
    expect((await custom.get(`/consent/${toCustom.body.consentRequest.id}`)).html).toContain('cloud-native account');
    const cloud = await signIn(cloudNative.email);
    const page = await cloud.get(`/consent/${toCustom.body.consentRequest.id}`);
    const res = await cloud.post(`/consent/${toCustom.body.consentRequest.id}`, { csrf: csrfOf(page.html), confirm: 'yes', action: 'accept' });
    expect(res.html).toContain('Authorization is complete');
    expect((await asPartner(oem.apiKey, 'GET', `/v1/customers/${tenant.id}`)).body.customer.relationship.delegatedAdmin).toBeUndefined();
  });
});

describe('OEM removal (R12)', () => {
  it('the customer cannot remove an OEM, files a removal request; an operator revokes it with a reason', async () => {
    const oem = await eligibleOem();
    const { url } = (await asPartner(oem.apiKey, 'GET', '/v1/consent-link')).body;
    const { tenant, cloudNative } = await tenantWithAdmins();
    const { client } = await acceptThroughLink(cloudNative.email, url);

    const portal = await client.get('/portal');
    expect(portal.html).toContain(oem.partner.name);
    expect(portal.html).not.toContain('End relationship');
    expect(portal.html).toContain('Request removal');
    const csrf = csrfOf(portal.html);
    expect((await client.post(`/portal/relationships/${oem.partner.id}/terminate`, { csrf })).status).toBe(409);
    expect((await client.post(`/portal/relationships/${oem.partner.id}/terminate`, { csrf, confirm: 'terminate' })).status).toBe(409);
    expect((await client.get(`/portal/relationships/${oem.partner.id}/terminate`)).status).toBe(409);
    expect((await client.post(`/portal/relationships/${oem.partner.id}/removal-request`, { csrf, reason: '' })).status).toBe(400);
    const filed = await client.post(`/portal/relationships/${oem.partner.id}/removal-request`, { csrf, reason: 'We no longer buy from them' });
    expect(filed.status).toBe(303);
    expect((await client.get('/portal')).html).toContain('Removal requested on');
    expect((await client.post(`/portal/relationships/${oem.partner.id}/removal-request`, { csrf, reason: 'again' })).status).toBe(409);
    expect((await asPartner(oem.apiKey, 'GET', `/v1/customers/${tenant.id}`)).status).toBe(200);

    const open = await ops('GET', '/ops/removal-requests?limit=100');
    const mine = open.body.items.find((r: { tenantId: string }) => r.tenantId === tenant.id);
    expect(mine).toMatchObject({ partnerId: oem.partner.id, status: 'open', reason: 'We no longer buy from them', requestedBy: { email: cloudNative.email } });

    const revoked = await ops('POST', `/ops/relationships/${tenant.id}/${oem.partner.id}/revoke`, { reason: 'Customer asked; verified by phone' });
    expect(revoked.status).toBe(200);
    expect(revoked.body.relationship).toMatchObject({ status: 'revoked', revokeReason: 'Customer asked; verified by phone' });
    expect((await asPartner(oem.apiKey, 'GET', `/v1/customers/${tenant.id}`)).status).toBe(404);
    expect((await asPartner(oem.apiKey, 'POST', '/v1/consent-checks', { tenants: [tenant.id] })).body.results[0].status).toBe('revoked');
    const stillOpen = await ops('GET', '/ops/removal-requests?limit=100');
    expect(stillOpen.body.items.find((r: { tenantId: string }) => r.tenantId === tenant.id)).toBeUndefined();
    const audit = await ops('GET', `/ops/audit?tenantId=${tenant.id}`);
    expect(audit.body.items.slice(0, 3).map((e: { action: string }) => e.action).sort()).toEqual(['relationship.revoked', 'removal_request.closed', 'removal_request.filed'].sort());

    // A revoked OEM needs a new consent: nothing in the partner API brings it back.
    expect((await asPartner(oem.apiKey, 'GET', '/v1/customers')).body.items).toEqual([]);
    expect(problem(await ops('POST', `/ops/relationships/${tenant.id}/${oem.partner.id}/revoke`, { reason: 'again' }))).toMatchObject({ status: 409, code: 'conflict' });
    const again = await acceptThroughLink(cloudNative.email, url);
    expect(again.res.html).toContain('Authorization is complete');
    expect((await asPartner(oem.apiKey, 'GET', `/v1/customers/${tenant.id}`)).body.customer.relationship.status).toBe('active');
  });

  it('revoke: bad input is 400, unknown is 404, and only operators may call it', async () => {
    const tenant = await createTenant();
    const oem = await eligibleOem();
    expect(problem(await ops('POST', `/ops/relationships/${tenant.id}/${oem.partner.id}/revoke`, {}))).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(problem(await ops('POST', `/ops/relationships/${tenant.id}/${oem.partner.id}/revoke`, { reason: 'x' }))).toMatchObject({ status: 404, code: 'not_found' });
    const asOem = await call('POST', `/ops/relationships/${tenant.id}/${oem.partner.id}/revoke`, { token: oem.apiKey, body: { reason: 'x' } });
    expect(problem(asOem)).toMatchObject({ status: 401, code: 'unauthorized' });
    expect(problem(await call('GET', '/ops/removal-requests', { token: oem.apiKey }))).toMatchObject({ status: 401, code: 'unauthorized' });
  });
});
