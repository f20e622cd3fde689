import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findTenantIdByDomain, findTenantIdByIdpTenantId } from '#shared/table/directory.ts';
import { asPartner, createPartner, createTenant, createUser, ops, unique } from '../support/api.ts';
import { publishTxt } from '../support/dns.ts';
import { addProviderAccount, idpUrl, signInWithOrganization } from '../support/oidc.ts';
import { csrfOf, PageClient, signIn } from '../support/pages.ts';

/**
 * R21: a tenant's domains are proven, never taken from a claim a user controls. At a tenant's
 * registration at sign-in they come from the provider's own list of the organization's verified
 * domains (the local provider serves Microsoft Graph's `GET /v1.0/organization`); later from a DNS
 * TXT record the tenant's global admin publishes, checked through a real DNS server on 127.0.0.1
 * (dev/dns.ts); a domain belongs to one tenant. R19: nothing of another tenant leaks on the way.
 */

const tenantOf = async (tenantId: string) => (await ops('GET', `/ops/tenants/${tenantId}`)).body.tenant as { id: string; name: string; initialDomain: string; domains: string[]; idpTenantId?: string };
const auditOf = async (tenantId: string) => (await ops('GET', `/ops/audit?tenantId=${tenantId}&limit=100`)).body.items as { action: string; actor: { type: string }; details?: Record<string, unknown> }[];

/** The value of the TXT record the domains page asks to publish for `domain`. */
function recordOn(html: string, domain: string): string {
  const section = new RegExp(`<section class="proof" id="proof-${domain.replaceAll('.', '\\.')}"[\\s\\S]*?</section>`).exec(html)?.[0];
  expect(section, `the proof of ${domain} on the page`).toBeDefined();
  const value = /<code class="record">([^<]+)<\/code>/.exec(section!)?.[1];
  expect(value).toMatch(/^device-consent-verification=[A-Za-z0-9_-]{43}$/);
  return value!;
}

/** A global admin of a new tenant (made by operators), signed in with an emailed link, on the domains page. */
async function adminOnDomains(extra: { domains?: string[] } = {}) {
  const tenant = await createTenant(extra);
  const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
  const client = await signIn(admin.email);
  return { tenant, admin, client };
}

/** Adds a domain on the page; answers the page that follows and the record it shows. */
async function startProof(client: PageClient, domain: string) {
  const shown = await client.get('/portal/domains');
  const added = await client.post('/portal/domains', { csrf: csrfOf(shown.html), domain });
  expect(added.status, added.html.slice(0, 400)).toBe(303);
  expect(added.location).toBe('/portal/domains');
  const page = await client.get('/portal/domains');
  return { page, record: recordOn(page.html, domain) };
}

async function check(client: PageClient, domain: string) {
  const shown = await client.get('/portal/domains');
  return client.post('/portal/domains/check', { csrf: csrfOf(shown.html), domain });
}

const consentRequest = async (apiKey: string, body: Record<string, unknown>) => {
  const res = await asPartner(apiKey, 'POST', '/v1/consent-requests', body);
  expect(res.status, res.text).toBe(201);
  return res.body.consentRequest as { id: string; tenantId?: string };
};

describe('a tenant registered at sign-in takes only proven domains (R21)', () => {
  it('R21, R19: the squatting chain fails at its first step: a domain in a username is not taken; the real owner signs in fine; a consent request to that domain is not bound to the squatter', async () => {
    const victim = `${unique('victim')}.example`;
    const squatterTid = randomUUID();
    const ownerTid = randomUUID();
    const { apiKey } = await createPartner('direct-csp');

    // 1. An organization signs in first with a username on someone else's domain.
    await addProviderAccount({ email: `boss@${victim}`, tid: squatterTid, roles: ['GlobalAdministrator'] });
    const squatter = await signInWithOrganization(`boss@${victim}`);
    expect(squatter.callback.status).toBe(303);
    const squatterTenantId = (await findTenantIdByIdpTenantId(squatterTid))!;
    const squatterTenant = await tenantOf(squatterTenantId);
    // Registered, with its initial domain only: not the username's domain.
    expect(squatterTenant.domains).toEqual([]);
    expect(squatterTenant.initialDomain).not.toBe(victim);
    expect(squatterTenant.name).not.toBe(victim);
    expect(await findTenantIdByDomain(victim)).toBeUndefined();
    const registered = (await auditOf(squatterTenantId)).find((e) => e.action === 'tenant.registered');
    expect(registered?.details).toMatchObject({ domains: [squatterTenant.initialDomain], domainsFrom: 'provider' });

    // 2. A partner's consent request to that domain is bound to nobody; a consent check by domain answers nothing of the squatter.
    const early = await consentRequest(apiKey, { recipientEmail: `admin@${victim}`, tenantDomain: victim });
    expect(early.tenantId).toBeUndefined();
    const checked = await asPartner(apiKey, 'POST', '/v1/consent-checks', { tenants: [victim] });
    expect(checked.body.results).toEqual([{ tenant: victim, status: 'none' }]);
    // The squatter cannot accept it: the request is for the domain's tenant, and that is not the squatter's.
    const shown = await squatter.client.get(`/consent/${early.id}`);
    expect(shown.status).toBe(403);
    expect(shown.html).toContain('This request is for another organization');
    const refused = await squatter.client.post(`/consent/${early.id}`, { csrf: csrfOf(shown.html), confirm: 'yes', action: 'accept' });
    expect(refused.status).toBe(403);
    expect((await asPartner(apiKey, 'GET', '/v1/customers')).body.items).toEqual([]);
    // So no device can be registered into the squatter's tenant by this partner.
    const devices = await asPartner(apiKey, 'POST', '/v1/devices', { tenantId: squatterTenantId, devices: [{ productKeyId: `7${String(Date.now()).slice(-12)}` }] });
    expect(devices.body.results[0].errors[0].code).toBe('consent_required');

    // 3. The real owner, whose provider lists the domain as verified, signs in with its own tid: registered with it.
    await addProviderAccount({
      email: `admin@${victim}`,
      tid: ownerTid,
      roles: ['GlobalAdministrator'],
      organization: { displayName: 'Victim Corp', initialDomain: `${victim.split('.')[0]}.onmicrosoft.example`, domains: [victim] },
    });
    const owner = await signInWithOrganization(`admin@${victim}`);
    expect(owner.callback.status).toBe(303);
    expect(owner.callback.location).toBe('/portal');
    const ownerTenantId = (await findTenantIdByIdpTenantId(ownerTid))!;
    expect(await tenantOf(ownerTenantId)).toMatchObject({ name: 'Victim Corp', initialDomain: `${victim.split('.')[0]}.onmicrosoft.example`, domains: [victim] });
    expect(await findTenantIdByDomain(victim)).toBe(ownerTenantId);

    // 4. A consent request to that domain is now bound to the owner, and only the owner's admin accepts it.
    const later = await consentRequest(apiKey, { recipientEmail: `admin@${victim}`, tenantDomain: victim });
    expect(later.tenantId).toBe(ownerTenantId);
    expect((await squatter.client.get(`/consent/${later.id}`)).status).toBe(403);
    const page = await owner.client.get(`/consent/${later.id}`);
    const accepted = await owner.client.post(`/consent/${later.id}`, { csrf: csrfOf(page.html), confirm: 'yes', action: 'accept' });
    expect(accepted.html).toContain('Authorization is complete');
    expect((await asPartner(apiKey, 'POST', '/v1/consent-checks', { tenants: [victim] })).body.results[0]).toMatchObject({ tenantId: ownerTenantId, status: 'active' });
  });

  it("R21: the verified domains are read from the provider's list (Graph's GET /organization, with the sign-in's access token); the list answers only with a valid token", async () => {
    const tid = randomUUID();
    const base = unique('org');
    const username = `someone@${unique('elsewhere')}.example`;
    await addProviderAccount({
      email: username,
      tid,
      roles: ['GlobalAdministrator'],
      organization: { displayName: 'Fourth Coffee', initialDomain: `${base}.onmicrosoft.example`, domains: [`${base}.example`, `${base}-eu.example`] },
    });
    const { callback } = await signInWithOrganization(username);
    expect(callback.status).toBe(303);
    const tenantId = (await findTenantIdByIdpTenantId(tid))!;
    const tenant = await tenantOf(tenantId);
    expect(tenant).toMatchObject({ name: 'Fourth Coffee', initialDomain: `${base}.onmicrosoft.example` });
    expect(tenant.domains.sort()).toEqual([`${base}-eu.example`, `${base}.example`]);
    // The username's own domain is not among them.
    expect(await findTenantIdByDomain(username.split('@')[1])).toBeUndefined();
    for (const domain of [`${base}.onmicrosoft.example`, `${base}.example`, `${base}-eu.example`]) expect(await findTenantIdByDomain(domain)).toBe(tenantId);

    // The provider's list is no open door: no token, or a made-up one, reads nothing.
    const anonymous = await fetch(`${idpUrl()}/v1.0/organization`);
    expect(anonymous.status).toBe(401);
    const forged = await fetch(`${idpUrl()}/v1.0/organization`, { headers: { authorization: `Bearer ${'x'.repeat(43)}` } });
    expect(forged.status).toBe(401);
    expect(JSON.stringify(await forged.json())).not.toContain(base);
  });
});

describe('a domain proven by a DNS TXT record (R21)', () => {
  it('R21, R18: the page shows the record; missing and wrong records prove nothing; the right one makes the domain the tenant\'s, audited, and binds consent requests to it', async () => {
    const { tenant, client } = await adminOnDomains();
    const domain = `${unique('proof')}.example`;
    const { page, record } = await startProof(client, domain);
    expect(page.html).toContain(`<code>${domain}</code>`);
    expect(page.html).toContain('TXT');

    // Adding it again keeps the same token (a record already published stays right).
    const again = await client.post('/portal/domains', { csrf: csrfOf(page.html), domain: domain.toUpperCase() });
    expect(again.status).toBe(303);
    expect(recordOn((await client.get('/portal/domains')).html, domain)).toBe(record);

    // Missing: the name has no record at all (NXDOMAIN from the DNS server).
    const missing = await check(client, domain);
    expect(missing.status).toBe(422);
    expect(missing.html).toContain('No device-consent-verification TXT record was found');
    // Records, none of ours.
    await publishTxt(domain, ['v=spf1 -all']);
    expect((await check(client, domain)).status).toBe(422);
    // Wrong token.
    await publishTxt(domain, ['v=spf1 -all', `device-consent-verification=${'A'.repeat(43)}`]);
    const wrong = await check(client, domain);
    expect(wrong.status).toBe(422);
    expect(wrong.html).toContain('holds another value');
    expect((await tenantOf(tenant.id)).domains).toEqual([]);
    expect(await findTenantIdByDomain(domain)).toBeUndefined();

    // Proven.
    await publishTxt(domain, ['v=spf1 -all', record]);
    const proven = await check(client, domain);
    expect(proven.status).toBe(200);
    expect(proven.html).toContain(`${domain} is proven`);
    expect(proven.html).toContain(`id="domain-${domain}"`);
    expect(proven.html).not.toContain(`id="proof-${domain}"`);
    expect((await tenantOf(tenant.id)).domains).toEqual([domain]);
    expect(await findTenantIdByDomain(domain)).toBe(tenant.id);
    const actions = (await auditOf(tenant.id)).map((e) => e.action);
    expect(actions).toContain('tenant.domain_proof_started');
    expect((await auditOf(tenant.id)).find((e) => e.action === 'tenant.domain_verified')).toMatchObject({ actor: { type: 'user' }, details: { domain, method: 'dns_txt' } });

    // A consent request to the domain is now this tenant's.
    const { apiKey } = await createPartner('direct-csp');
    expect((await consentRequest(apiKey, { recipientEmail: `it@${domain}`, tenantDomain: domain })).tenantId).toBe(tenant.id);
    // Proven already: adding it again is refused as one of the tenant's own.
    const own = await client.post('/portal/domains', { csrf: csrfOf(proven.html), domain });
    expect(own.status).toBe(400);
    expect(own.html).toContain('already one of your domains');
  });

  it("R21, R19: another tenant's record proves nothing for this one; a domain another tenant holds stays with it", async () => {
    const first = await adminOnDomains();
    const second = await adminOnDomains();
    const domain = `${unique('shared')}.example`;
    const { record: firstRecord } = await startProof(first.client, domain);
    const { record: secondRecord } = await startProof(second.client, domain);
    expect(secondRecord).not.toBe(firstRecord);
    // The first tenant's record is published: the second's check finds another value.
    await publishTxt(domain, [firstRecord]);
    expect((await check(second.client, domain)).status).toBe(422);
    expect((await check(first.client, domain)).status).toBe(200);
    expect(await findTenantIdByDomain(domain)).toBe(first.tenant.id);

    // Even with its own record published, the second tenant does not take a domain another tenant holds.
    await publishTxt(domain, [firstRecord, secondRecord]);
    const taken = await check(second.client, domain);
    expect(taken.status).toBe(409);
    expect(taken.html).toContain('already belongs to another organization');
    expect(taken.html).not.toContain(first.tenant.name);
    expect(taken.html).not.toContain(first.tenant.id);
    expect(await findTenantIdByDomain(domain)).toBe(first.tenant.id);
    expect((await tenantOf(second.tenant.id)).domains).toEqual([]);
    // The proof waits (for the operators to settle it).
    expect(taken.html).toContain(`id="proof-${domain}"`);

    // A domain operators gave another tenant: the same.
    const held = `${unique('held')}.example`;
    const holder = await createTenant({ domains: [held] });
    const { record } = await startProof(second.client, held);
    await publishTxt(held, [record]);
    expect((await check(second.client, held)).status).toBe(409);
    expect(await findTenantIdByDomain(held)).toBe(holder.id);
  });
});

describe('the domains page (R21)', () => {
  it('R21: escapes what it prints, sends the page headers, refuses names it cannot prove, and removes a proof', async () => {
    const tenant = (await ops('POST', '/ops/tenants', { name: '<script>alert(1)</script> & Co', initialDomain: `${unique('esc')}.onmicrosoft.example` })).body.tenant as { id: string; initialDomain: string };
    const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
    const client = await signIn(admin.email);
    const page = await client.get('/portal/domains');
    expect(page.status).toBe(200);
    expect(page.html).toContain('Domains of &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    expect(page.html).not.toContain('<script>alert(1)');
    expect(page.html).toContain(tenant.initialDomain);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.html).toContain('href="/portal/domains" aria-current="page"');

    // Refused, escaped, nothing started.
    const csrf = csrfOf(page.html);
    const bad = await client.post('/portal/domains', { csrf, domain: '<img src=x>.example' });
    expect(bad.status).toBe(400);
    expect(bad.html).not.toContain('<img src=x>');
    expect(bad.html).toContain('must be a domain name');
    const initial = await client.post('/portal/domains', { csrf, domain: `other.onmicrosoft.example` });
    expect(initial.status).toBe(400);
    expect(initial.html).toContain('initial domain');
    expect((await client.post('/portal/domains', { csrf, domain: tenant.initialDomain })).status).toBe(400);
    expect((await client.get('/portal/domains')).html).not.toContain('class="proof"');

    // Removed: the page no longer shows it, and its token proves nothing any more.
    const domain = `${unique('gone')}.example`;
    const { record } = await startProof(client, domain);
    const removed = await client.post('/portal/domains/remove', { csrf, domain });
    expect(removed.status).toBe(303);
    expect((await client.get('/portal/domains')).html).not.toContain(`id="proof-${domain}"`);
    await publishTxt(domain, [record]);
    expect((await check(client, domain)).status).toBe(404);
    expect(await findTenantIdByDomain(domain)).toBeUndefined();
    expect((await auditOf(tenant.id)).find((e) => e.action === 'tenant.domain_proof_ended')).toMatchObject({ details: { domain, reason: 'removed' } });
  });

  it('R21, R1: posts need the session\'s CSRF token and a same-site origin; only a global admin sees and uses the page', async () => {
    const { tenant, client } = await adminOnDomains();
    const page = await client.get('/portal/domains');
    const domain = `${unique('csrf')}.example`;
    expect((await client.post('/portal/domains', { domain })).status).toBe(403);
    expect((await client.post('/portal/domains', { csrf: 'x'.repeat(43), domain })).status).toBe(403);
    expect((await client.post('/portal/domains', { csrf: csrfOf(page.html), domain }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await client.get('/portal/domains')).html).not.toContain(`id="proof-${domain}"`);
    const { record } = await startProof(client, domain);
    await publishTxt(domain, [record]);
    expect((await client.post('/portal/domains/check', { csrf: csrfOf(page.html), domain }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await client.post('/portal/domains/remove', { domain })).status).toBe(403);
    expect((await tenantOf(tenant.id)).domains).toEqual([]);

    // Signed out: sent to sign in. A user without the role: told whom to ask, and refused.
    const anonymous = await new PageClient().get('/portal/domains');
    expect(anonymous.status).toBe(303);
    expect(anonymous.location).toBe('/signin?next=%2Fportal%2Fdomains');
    const reader = await createUser(tenant.id, `reader@${tenant.initialDomain}`, ['GlobalReader']);
    const readerClient = await signIn(reader.email);
    const refused = await readerClient.get('/portal/domains');
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('You need global administrator privileges');
    const readerPage = await readerClient.get('/portal');
    expect((await readerClient.post('/portal/domains/check', { csrf: csrfOf(readerPage.html), domain })).status).toBe(403);
    // Another tenant's admin cannot check or remove this tenant's proof (R19: it is not there for them).
    const other = await adminOnDomains();
    const otherPage = await other.client.get('/portal/domains');
    expect((await other.client.post('/portal/domains/check', { csrf: csrfOf(otherPage.html), domain })).status).toBe(404);
    expect((await other.client.post('/portal/domains/remove', { csrf: csrfOf(otherPage.html), domain })).status).toBe(404);
    expect((await tenantOf(other.tenant.id)).domains).toEqual([]);
    // The tenant's own admin still can.
    expect((await check(client, domain)).status).toBe(200);
  });
});
