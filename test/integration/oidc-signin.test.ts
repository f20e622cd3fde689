import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { asPartner, createPartner, createTenant, createUser, ops, problem, unique } from '../support/api.ts';
import { csrfOf, linkIn, outboxSettled, PageClient, signIn, useSignInLink, waitForMail } from '../support/pages.ts';
import { findTenantIdByIdpTenantId } from '#shared/table/directory.ts';
import { addProviderAccount, authorizeAtProvider, idpUrl, signInWithOrganization } from '../support/oidc.ts';

/**
 * Sign-in with the organization's identity provider (R21), over HTTP through the local OpenID
 * Provider (a real one, dev/idp.ts): the code flow with PKCE, state and nonce, who the user is from
 * the token, and what they may then do (R1, R5, R9); tampered and replayed answers; tenants
 * registered at their first admin's sign-in; tenants that require their provider.
 */

async function requestConsent(apiKey: string, body: Record<string, unknown>) {
  const res = await asPartner(apiKey, 'POST', '/v1/consent-requests', body);
  expect(res.status, res.text).toBe(201);
  return res.body.consentRequest as { id: string; consentUrl: string };
}

async function status(apiKey: string, requestId: string) {
  return (await asPartner(apiKey, 'GET', `/v1/consent-requests/${requestId}`)).body.consentRequest.status as string;
}

async function accept(client: PageClient, path: string) {
  const page = await client.get(path);
  return { page, res: await client.post(path, { csrf: csrfOf(page.html), confirm: 'yes', action: 'accept' }) };
}

const auditOf = async (tenantId: string) => (await ops('GET', `/ops/audit?tenantId=${tenantId}&limit=100`)).body.items as { action: string; actor: { type: string; id: string }; details?: Record<string, unknown> }[];

describe('sign-in with the organization (R21)', () => {
  it('R21, R1, R2: a global admin signs in with the organization, comes back to the request and accepts it', async () => {
    const tenant = await createTenant();
    const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
    const { apiKey } = await createPartner('direct-csp');
    const request = await requestConsent(apiKey, { recipientEmail: admin.email });

    const client = new PageClient();
    const { start, callbackUrl, loginPage } = await authorizeAtProvider(client, admin.email, `/consent/${request.id}`);
    // The authorization request: code flow, PKCE S256, state and nonce, our redirect URI.
    const authorize = new URL(start.location!);
    expect(authorize.origin).toBe(idpUrl());
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      response_type: 'code',
      code_challenge_method: 'S256',
      redirect_uri: `${new URL(callbackUrl).origin}/signin/oidc/callback`,
      scope: 'openid profile User.Read',
    });
    for (const param of ['state', 'nonce', 'code_challenge', 'client_id']) expect(authorize.searchParams.get(param)).toBeTruthy();
    const flowCookie = start.headers.getSetCookie().find((c) => c.startsWith('dc_oidc='));
    expect(flowCookie).toMatch(/HttpOnly/);
    expect(flowCookie).toMatch(/SameSite=Lax/);
    expect(flowCookie).toMatch(/Path=\/;/);
    // The provider's login page asks for the email only.
    expect(loginPage.match(/<input /g)).toHaveLength(1);
    expect(loginPage).toContain('name="login"');

    const callback = await client.get(callbackUrl);
    expect(callback.status).toBe(303);
    expect(callback.location).toBe(`/consent/${request.id}`);
    expect(callback.headers.getSetCookie().some((c) => /^dc_session=.+HttpOnly/.test(c))).toBe(true);
    const { page, res } = await accept(client, `/consent/${request.id}`);
    expect(page.html).toContain(admin.email);
    expect(res.status).toBe(200);
    expect(res.html).toContain('Authorization is complete');
    expect(await status(apiKey, request.id)).toBe('accepted');
    expect((await asPartner(apiKey, 'GET', `/v1/customers/${tenant.id}`)).status).toBe(200);
    // The acceptance names the same directory user, whichever way they signed in.
    const accepted = (await auditOf(tenant.id)).find((e) => e.action === 'consent.accepted');
    expect(accepted?.actor).toMatchObject({ type: 'user', id: admin.id });
    expect((await client.get('/portal')).status).toBe(200);
  });

  it('R1, R21: a user without the Global Administrator role (by wids) sees the R1 page, and nothing changes', async () => {
    const tenant = await createTenant();
    await createUser(tenant.id, `boss@${tenant.initialDomain}`);
    const user = await createUser(tenant.id, `helpdesk@${tenant.initialDomain}`, ['HelpdeskAdministrator']);
    const { apiKey } = await createPartner('direct-csp');
    const request = await requestConsent(apiKey, { recipientEmail: user.email });
    const { client, callback } = await signInWithOrganization(user.email, { next: `/consent/${request.id}` });
    expect(callback.location).toBe(`/consent/${request.id}`);
    const { page, res } = await accept(client, `/consent/${request.id}`);
    expect(page.status).toBe(403);
    expect(page.html).toContain('You need global administrator privileges');
    expect(page.html).toContain(`boss@${tenant.initialDomain}`);
    expect(page.html).not.toContain('id="roles-unknown"');
    expect(res.status).toBe(403);
    expect(await status(apiKey, request.id)).toBe('pending');
    expect((await client.get('/portal')).status).toBe(403);
  });

  it('R1, R21: a token without wids is no role: the R1 page says the app registration must emit wids', async () => {
    const tid = randomUUID();
    const tenant = await createTenant();
    expect((await ops('PATCH', `/ops/tenants/${tenant.id}`, { idpTenantId: tid })).status).toBe(200);
    // In the directory a global admin; the provider's token says nothing of roles.
    const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
    const { apiKey } = await createPartner('direct-csp');
    const request = await requestConsent(apiKey, { recipientEmail: admin.email });
    const username = `nowids@${tenant.initialDomain}`;
    await addProviderAccount({ email: username, tid, name: 'No Wids' });
    const { client } = await signInWithOrganization(username, { next: `/consent/${request.id}` });
    const page = await client.get(`/consent/${request.id}`);
    expect(page.status).toBe(403);
    expect(page.html).toContain('You need global administrator privileges');
    expect(page.html).toContain('id="roles-unknown"');
    expect(page.html).toContain('must emit the <code>wids</code> claim');
    const portal = await client.get('/portal');
    expect(portal.status).toBe(403);
    expect(portal.html).toContain('id="roles-unknown"');
  });

  it('R5, R21: an admin of another tenant, signed in with the organization, can accept neither a request addressed to a domain nor one sent to a known user of another tenant', async () => {
    const target = await createTenant();
    const recipient = await createUser(target.id, `admin@${target.initialDomain}`);
    const other = await createTenant();
    const otherAdmin = await createUser(other.id, `admin@${other.initialDomain}`);
    const { apiKey } = await createPartner('direct-csp');
    const byDomain = await requestConsent(apiKey, { recipientEmail: otherAdmin.email, tenantDomain: target.initialDomain });
    // Sent without tenantDomain to a user of the target: its URL must not let another tenant's admin accept.
    const byRecipient = await requestConsent(apiKey, { recipientEmail: recipient.email });

    const { client } = await signInWithOrganization(otherAdmin.email);
    for (const request of [byDomain, byRecipient]) {
      const { page, res } = await accept(client, `/consent/${request.id}`);
      expect(page.status).toBe(403);
      expect(page.html).toContain('This request is for another organization');
      expect(res.status).toBe(403);
      expect(await status(apiKey, request.id)).toBe('pending');
    }
    expect((await asPartner(apiKey, 'GET', '/v1/customers')).body.items).toEqual([]);

    // The same rule for an emailed-link session: it is the rule, not the way of signing in.
    const emailed = await signIn(otherAdmin.email);
    expect((await emailed.get(`/consent/${byRecipient.id}`)).status).toBe(403);
    // The recipient's own tenant may.
    const { client: own } = await signInWithOrganization(recipient.email);
    expect((await accept(own, `/consent/${byRecipient.id}`)).res.html).toContain('Authorization is complete');
  });

  it('R9, R21: an OEM consent is refused to a custom-domain global admin and accepted by a cloud-native one', async () => {
    const custom = `${unique('c')}.example`;
    const tenant = await createTenant({ domains: [custom] });
    const customAdmin = await createUser(tenant.id, `admin@${custom}`);
    const cloudNative = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
    const oem = await createPartner('oem');
    await ops('PATCH', `/ops/partners/${oem.partner.id}`, { directApiEligible: true });
    const request = await requestConsent(oem.apiKey, { recipientEmail: customAdmin.email });

    const { client: customClient } = await signInWithOrganization(customAdmin.email);
    const refused = await accept(customClient, `/consent/${request.id}`);
    expect(refused.page.status).toBe(403);
    expect(refused.page.html).toContain('Sign in with your cloud-native account');
    expect(refused.res.status).toBe(403);
    expect(await status(oem.apiKey, request.id)).toBe('pending');

    const { client } = await signInWithOrganization(cloudNative.email);
    const { res } = await accept(client, `/consent/${request.id}`);
    expect(res.html).toContain('Authorization is complete');
    expect(await status(oem.apiKey, request.id)).toBe('accepted');
  });

  it('R21: a tampered state signs nobody in and says so; the untampered answer still works once', async () => {
    const tenant = await createTenant();
    const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
    const client = new PageClient();
    const { callbackUrl } = await authorizeAtProvider(client, admin.email);
    const tampered = new URL(callbackUrl);
    tampered.searchParams.set('state', `${tampered.searchParams.get('state')}x`);
    const res = await client.get(tampered.href);
    expect(res.status).toBe(400);
    expect(res.html).toContain('Sign-in did not complete');
    expect(res.html).toContain('Nobody was signed in');
    expect(client.cookies.has('dc_session')).toBe(false);
    const noState = new URL(callbackUrl);
    noState.searchParams.delete('state');
    expect((await client.get(noState.href)).status).toBe(400);
    expect(client.cookies.has('dc_session')).toBe(false);
    // The flow itself was never found by the tampered answers: the real one still signs in, once.
    expect((await client.get(callbackUrl)).status).toBe(303);
    expect(client.cookies.has('dc_session')).toBe(true);
    // A changed code (with the right state) fails the exchange: nobody is signed in, and that flow is spent.
    const other = new PageClient();
    const second = await authorizeAtProvider(other, admin.email);
    const badCode = new URL(second.callbackUrl);
    badCode.searchParams.set('code', 'x'.repeat(43));
    const refused = await other.get(badCode.href);
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Your organization&#39;s answer could not be verified');
    expect(other.cookies.has('dc_session')).toBe(false);
  });

  it('R21: a replayed callback signs nobody in: not again in the same browser, not in another one', async () => {
    const tenant = await createTenant();
    const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
    const { client, callback, callbackUrl } = await signInWithOrganization(admin.email);
    expect(callback.status).toBe(303);
    const session = client.cookies.get('dc_session');
    expect(session).toBeTruthy();

    const again = await client.get(callbackUrl);
    expect(again.status).toBe(400);
    expect(again.html).toContain('used already');
    expect(again.headers.getSetCookie().some((c) => c.startsWith('dc_session=') && !c.startsWith('dc_session=;'))).toBe(false);

    const thief = new PageClient();
    const stolen = await thief.get(callbackUrl);
    expect(stolen.status).toBe(400);
    expect(thief.cookies.has('dc_session')).toBe(false);
  });

  it("R21: an answer delivered to another browser than the one that started the sign-in (login CSRF) signs nobody in", async () => {
    const tenant = await createTenant();
    const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
    const attacker = new PageClient();
    const { callbackUrl } = await authorizeAtProvider(attacker, admin.email);
    const victim = new PageClient();
    const res = await victim.get(callbackUrl);
    expect(res.status).toBe(400);
    expect(res.html).toContain('started in another browser');
    expect(victim.cookies.has('dc_session')).toBe(false);
  });

  it('R21, R18: an unknown organization is registered at its global admin first sign-in, audited; its other users then belong to it', async () => {
    const tid = randomUUID();
    const domain = `${unique('n')}.onmicrosoft.example`;
    await addProviderAccount({ email: `admin@${domain}`, tid, name: 'First Admin', roles: ['GlobalAdministrator'] });
    await addProviderAccount({ email: `reader@${domain}`, tid, name: 'A Reader', roles: ['GlobalReader'] });

    // Before the admin: a non-admin of the unknown organization is refused, and nothing is registered.
    const early = await signInWithOrganization(`reader@${domain}`);
    expect(early.callback.status).toBe(403);
    expect(early.callback.html).toContain('Your organization is not registered here yet');
    expect(early.client.cookies.has('dc_session')).toBe(false);

    const { client, callback } = await signInWithOrganization(`admin@${domain}`);
    expect(callback.location).toBe('/portal');
    const portal = await client.get('/portal');
    expect(portal.status).toBe(200);
    expect(portal.html).toContain(`Partners of ${domain}`);

    const tenantId = (await tenantOfTid(tid))!;
    const tenant = (await ops('GET', `/ops/tenants/${tenantId}`)).body.tenant;
    expect(tenant).toMatchObject({ name: domain, initialDomain: domain, idpTenantId: tid, requireIdpSignIn: false });
    const registered = (await auditOf(tenantId)).filter((e) => e.action === 'tenant.registered');
    expect(registered).toHaveLength(1);
    expect(registered[0]).toMatchObject({ actor: { type: 'user' }, details: { idpTenantId: tid, registeredBy: `admin@${domain}` } });

    // Another admin later: the same tenant, registered once.
    await addProviderAccount({ email: `second@${domain}`, tid, roles: ['GlobalAdministrator'] });
    await signInWithOrganization(`second@${domain}`);
    expect((await auditOf(tenantId)).filter((e) => e.action === 'tenant.registered')).toHaveLength(1);
    // The reader now signs in to that tenant (R1 applies as anywhere).
    const reader = await signInWithOrganization(`reader@${domain}`);
    expect(reader.callback.status).toBe(303);
    expect((await reader.client.get('/portal')).status).toBe(403);

    // An OEM consent through the link: the registering admin is cloud-native on the initial domain (R9).
    const oem = await createPartner('oem');
    await ops('PATCH', `/ops/partners/${oem.partner.id}`, { directApiEligible: true });
    const link = (await asPartner(oem.apiKey, 'GET', '/v1/consent-link')).body.url as string;
    expect((await accept(client, new URL(link).pathname)).res.html).toContain('Authorization is complete');
  });

  it("R21, R9: an admin on a custom domain registers the organization with its initial domain only (the provider lists no other), without making anyone cloud-native; a non-admin without wids is told why", async () => {
    const tid = randomUUID();
    const domain = `${unique('d')}.example`;
    await addProviderAccount({ email: `nobody@${domain}`, tid });
    const refused = await signInWithOrganization(`nobody@${domain}`);
    expect(refused.callback.status).toBe(403);
    expect(refused.callback.html).toContain('id="roles-unknown"');

    await addProviderAccount({ email: `admin@${domain}`, tid, roles: ['GlobalAdministrator'] });
    const { client, callback } = await signInWithOrganization(`admin@${domain}`);
    expect(callback.status).toBe(303);
    const tenantId = (await tenantOfTid(tid))!;
    const tenant = (await ops('GET', `/ops/tenants/${tenantId}`)).body.tenant;
    // The username's domain is no proof: the tenant has only the initial domain its provider lists.
    expect(tenant).toMatchObject({ domains: [], idpTenantId: tid });
    expect(tenant.initialDomain).toMatch(/\.onmicrosoft\.example$/);
    expect(tenant.initialDomain).not.toContain(domain);
    const oem = await createPartner('oem');
    await ops('PATCH', `/ops/partners/${oem.partner.id}`, { directApiEligible: true });
    const link = (await asPartner(oem.apiKey, 'GET', '/v1/consent-link')).body.url as string;
    expect((await client.get(new URL(link).pathname)).html).toContain('Sign in with your cloud-native account');
  });

  it("R21: a tid equal to a tenant's own id signs into that (unbound) tenant when running locally", async () => {
    // The local provider's tokens carry a tenant's own id as tid when it has no binding (tests run locally).
    const tenant = await createTenant();
    const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
    const { client, callback } = await signInWithOrganization(admin.email);
    expect(callback.status).toBe(303);
    expect((await client.get('/portal')).html).toContain(`Partners of ${tenant.name}`);
    expect(await tenantOfTid(tenant.id)).toBeUndefined();
  });

  it("R21: an organization whose provider lists a domain another tenant already holds is not registered; operators bind that tenant instead", async () => {
    const existing = await createTenant();
    const tid = randomUUID();
    await addProviderAccount({ email: `owner@${existing.initialDomain}`, tid, roles: ['GlobalAdministrator'], organization: { initialDomain: existing.initialDomain } });
    const res = await signInWithOrganization(`owner@${existing.initialDomain}`);
    expect(res.callback.status).toBe(409);
    expect(res.callback.html).toContain('Your organization can&#39;t be registered');
    expect(res.client.cookies.has('dc_session')).toBe(false);
    // Bound by an operator, the same sign-in lands in that tenant.
    expect((await ops('PATCH', `/ops/tenants/${existing.id}`, { idpTenantId: tid })).status).toBe(200);
    const bound = await signInWithOrganization(`owner@${existing.initialDomain}`);
    expect(bound.callback.status).toBe(303);
    expect((await bound.client.get('/portal')).html).toContain(`Partners of ${existing.name}`);
  });

  it('R21: sessions rotate at sign-in (the previous one ends) and sign-out ends this one, saying the provider keeps its own', async () => {
    const tenant = await createTenant();
    const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
    const client = await signIn(admin.email);
    const emailSession = client.cookies.get('dc_session')!;
    await signInWithOrganization(admin.email, { client });
    const orgSession = client.cookies.get('dc_session')!;
    expect(orgSession).not.toBe(emailSession);
    const stale = new PageClient();
    stale.cookies.set('dc_session', emailSession);
    expect((await stale.get('/portal')).status).toBe(303);

    const portal = await client.get('/portal');
    expect(portal.status).toBe(200);
    const out = await client.post('/signout', { csrf: csrfOf(portal.html) });
    expect(out.status).toBe(303);
    expect(out.location).toBe('/signin?signedout=organization');
    const signedOut = await client.get(out.location!);
    expect(signedOut.html).toContain('You are signed out of device-consent');
    expect(signedOut.html).toContain('that sign-in belongs to your organization&#39;s identity provider');
    expect((await client.get('/portal')).status).toBe(303);
  });

  it('R21: /signin links to the organization sign-in (keeping next); a next that is not a local page is dropped', async () => {
    const signin = await new PageClient().get('/signin?next=%2Fportal');
    expect(signin.html).toContain('href="/signin/oidc?next=%2Fportal"');
    const tenant = await createTenant();
    const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
    const { callback } = await signInWithOrganization(admin.email, { next: 'https://evil.example/portal' });
    expect(callback.location).toBe('/portal');
  });
});

describe('a tenant that requires its identity provider (R21)', () => {
  it('R21: no emailed link signs its users in: the consent email leads to the request page, /signin links are refused; the organization sign-in works', async () => {
    const tenant = await createTenant();
    expect((await ops('PATCH', `/ops/tenants/${tenant.id}`, { requireIdpSignIn: true })).body.tenant.requireIdpSignIn).toBe(true);
    const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
    const { apiKey } = await createPartner('direct-csp');
    const request = await requestConsent(apiKey, { recipientEmail: admin.email });

    // The consent email's link: the request's page, nobody signed in, only the organization offered.
    const mails = await waitForMail(admin.email);
    const client = new PageClient();
    const landing = await client.get(linkIn(mails.at(-1)!.body.text));
    expect(landing.status).toBe(303);
    expect(landing.location).toBe(`/consent/${request.id}`);
    expect(client.cookies.has('dc_session')).toBe(false);
    const page = await client.get(landing.location!);
    expect(page.status).toBe(200);
    expect(page.html).toContain(`href="/signin/oidc?next=%2Fconsent%2F${request.id}"`);
    expect(page.html).toContain('requires you to sign in with its own sign-in');
    expect(page.html).not.toContain('href="/signin?next=');

    // A /signin link: its page and its button both refuse, pointing to the organization sign-in.
    await client.post('/signin', { email: admin.email });
    await outboxSettled();
    const signInMail = (await waitForMail(admin.email, 2)).find((m) => /signin\/verify/.test(m.body.text))!;
    const shown = await client.get(linkIn(signInMail.body.text));
    expect(shown.status).toBe(403);
    expect(shown.html).toContain('Sign in with your organization');
    const token = new URL(linkIn(signInMail.body.text)).searchParams.get('token')!;
    const pressed = await client.post('/signin/verify', { token });
    expect(pressed.status).toBe(403);
    expect(client.cookies.has('dc_session')).toBe(false);

    // Through the organization: signed in, and the request can be accepted.
    await signInWithOrganization(admin.email, { client, next: `/consent/${request.id}` });
    expect((await accept(client, `/consent/${request.id}`)).res.html).toContain('Authorization is complete');
  });

  it('R21, R18: an operator requiring the provider ends what emailed links started; the change is audited', async () => {
    const tenant = await createTenant();
    const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
    const emailed = await signIn(admin.email);
    expect((await emailed.get('/portal')).status).toBe(200);
    const patched = await ops('PATCH', `/ops/tenants/${tenant.id}`, { requireIdpSignIn: true });
    expect(patched.status).toBe(200);
    expect((await emailed.get('/portal')).status).toBe(303);
    const changed = (await auditOf(tenant.id)).find((e) => e.action === 'tenant.sign_in_changed');
    expect(changed).toMatchObject({ actor: { type: 'operator' }, details: { requireIdpSignIn: true } });
    // A link sent before the change signs nobody in now.
    const other = new PageClient();
    await other.post('/signin', { email: admin.email });
    await outboxSettled();
    const mails = (await waitForMail(admin.email)).filter((m) => /signin\/verify/.test(m.body.text));
    const res = await useSignInLink(other, linkIn(mails.at(-1)!.body.text));
    expect(res.status).toBe(403);
    expect(other.cookies.has('dc_session')).toBe(false);
  });
});

describe('operators: a tenant sign-in settings (R21)', () => {
  it('R21, R18: create with idpTenantId and requireIdpSignIn; PATCH binds, moves and unbinds the provider tenant id, uniquely, audited', async () => {
    const tid = randomUUID();
    const created = await ops('POST', '/ops/tenants', { name: 'Bound', initialDomain: `${unique('b')}.onmicrosoft.example`, idpTenantId: tid, requireIdpSignIn: true });
    expect(created.status).toBe(201);
    expect(created.body.tenant).toMatchObject({ idpTenantId: tid, requireIdpSignIn: true });
    const plain = await createTenant();
    expect((await ops('GET', `/ops/tenants/${plain.id}`)).body.tenant.requireIdpSignIn).toBe(false);
    // One tenant per provider tenant id.
    expect(problem(await ops('PATCH', `/ops/tenants/${plain.id}`, { idpTenantId: tid }))).toMatchObject({ status: 409, code: 'conflict' });
    expect(problem(await ops('POST', '/ops/tenants', { name: 'Again', initialDomain: `${unique('b')}.onmicrosoft.example`, idpTenantId: tid }))).toMatchObject({ status: 409 });
    // Moved: the old id is free again.
    const moved = randomUUID();
    expect((await ops('PATCH', `/ops/tenants/${created.body.tenant.id}`, { idpTenantId: moved })).body.tenant.idpTenantId).toBe(moved);
    expect((await ops('PATCH', `/ops/tenants/${plain.id}`, { idpTenantId: tid })).body.tenant.idpTenantId).toBe(tid);
    // Unbound.
    const unbound = await ops('PATCH', `/ops/tenants/${plain.id}`, { idpTenantId: null });
    expect(unbound.status).toBe(200);
    expect(unbound.body.tenant.idpTenantId).toBeUndefined();
    expect((await ops('GET', `/ops/tenants/${plain.id}`)).body.tenant.idpTenantId).toBeUndefined();
    expect((await ops('PATCH', `/ops/tenants/${created.body.tenant.id}`, { idpTenantId: tid })).status).toBe(200);
    const events = (await auditOf(plain.id)).filter((e) => e.action === 'tenant.sign_in_changed');
    expect(events.map((e) => e.details?.idpTenantId)).toEqual([null, tid]);
    // Validation and unknown tenants.
    expect(problem(await ops('PATCH', `/ops/tenants/${plain.id}`, {}))).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(problem(await ops('PATCH', `/ops/tenants/${plain.id}`, { idpTenantId: 'a b' }))).toMatchObject({ status: 400 });
    expect(problem(await ops('PATCH', '/ops/tenants/t_000000000000000000000000', { requireIdpSignIn: true }))).toMatchObject({ status: 404 });
  });
});

/** The tenant bound to a provider tenant id, read from the table (nothing public names it). */
const tenantOfTid = (tid: string) => findTenantIdByIdpTenantId(tid);
