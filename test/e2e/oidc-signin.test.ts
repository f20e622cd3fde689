import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserForFile, chainOf, seriousViolations, open, click, h1 } from '../support/browser.ts';
import { asPartner, createPartner, createTenant, createUser, ops, stack, unique } from '../support/api.ts';
import { linkIn, mailTo, outboxSettled } from '../support/pages.ts';
import { addProviderAccount, idpUrl } from '../support/oidc.ts';

/**
 * Sign-in with the organization's identity provider (R21) in a real browser: Chromium follows the
 * redirects to the local OpenID Provider (dev/idp.ts, panva's oidc-provider), its login page asks
 * for the email only, and the answer comes back to the callback. Nothing mocks the protocol. Then
 * what the signed-in admin may do (R1, R5, R9), tampered and replayed answers, a tenant registered
 * at its first admin's sign-in, a tenant that requires its provider; an axe scan and the security
 * headers of every new page.
 */


// Pages work without JavaScript, so it is off unless a test asks for it.
const { newPage } = browserForFile({ javaScriptEnabled: false });

const publicOrigin = () => stack().env.PUBLIC_URL;




/** The provider's login page: one field, the email, and the button. */
async function signInAtProvider(page: Page, email: string): Promise<Response> {
  expect(new URL(page.url()).origin).toBe(idpUrl());
  expect(await page.locator('main form input').count()).toBe(1);
  await page.fill('input[name=login]', email);
  return click(page, 'main form button[type=submit]');
}

/** From one of our pages: "Sign in with your organization", then the provider's login page. */
async function signInWithOrganization(page: Page, email: string): Promise<Response> {
  const login = await click(page, '#signin-organization');
  expect(login.status()).toBe(200);
  return signInAtProvider(page, email);
}


async function requestConsent(apiKey: string, body: Record<string, unknown>) {
  const res = await asPartner(apiKey, 'POST', '/v1/consent-requests', body);
  expect(res.status, res.text).toBe(201);
  return res.body.consentRequest as { id: string; consentUrl: string };
}

const status = async (apiKey: string, id: string) => (await asPartner(apiKey, 'GET', `/v1/consent-requests/${id}`)).body.consentRequest.status as string;

async function acceptOnPage(page: Page): Promise<Response> {
  await page.check('#consent-form input[name=confirm]');
  return click(page, '#consent-form button[name=action][value=accept]');
}

async function newTenantWithAdmin(roles: string[] = ['GlobalAdministrator'], extra: { domains?: string[] } = {}) {
  const tenant = await createTenant(extra);
  const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`, roles);
  return { tenant, admin };
}

describe('sign-in with the organization in Chromium (R21)', () => {
  it('R21, R1, R2: a global admin opens the request, signs in with the organization, comes back signed in and accepts', async () => {
    const { partner, apiKey } = await createPartner('direct-csp');
    const { tenant, admin } = await newTenantWithAdmin();
    const request = await requestConsent(apiKey, { recipientEmail: admin.email });

    const page = await newPage();
    expect((await open(page, request.consentUrl)).status()).toBe(200);
    const back = await signInWithOrganization(page, admin.email);
    expect(back.status()).toBe(200);
    expect(page.url()).toBe(`${publicOrigin()}/consent/${request.id}`);
    // Through the provider and our callback: the redirects a browser follows.
    const chain = (await chainOf(back)).map((r) => `${r.status()} ${new URL(r.url()).origin === idpUrl() ? 'idp' : 'us'} ${new URL(r.url()).pathname}`);
    expect(chain).toEqual(expect.arrayContaining([expect.stringMatching(/^303 idp \/auth\//), `303 us /signin/oidc/callback`, `200 us /consent/${request.id}`]));
    expect(await h1(page)).toBe(`${partner.name} asks for permission to register devices`);
    expect(await page.locator('header').innerText()).toContain(admin.email);
    const session = (await page.context().cookies()).find((c) => c.name === 'dc_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

    const accepted = await acceptOnPage(page);
    expect(accepted.status()).toBe(200);
    expect(await h1(page)).toBe('Authorization is complete');
    expect(await status(apiKey, request.id)).toBe('accepted');
    expect((await asPartner(apiKey, 'GET', `/v1/customers/${tenant.id}`)).status).toBe(200);
    expect((await open(page, `${publicOrigin()}/portal`)).status()).toBe(200);
    expect(await h1(page)).toBe(`Partners of ${tenant.name}`);
  });

  it('R1, R21: a user whose token carries no Global Administrator role sees the R1 page', async () => {
    const { tenant } = await newTenantWithAdmin();
    const reader = await createUser(tenant.id, `reader@${tenant.initialDomain}`, ['GlobalReader']);
    const { apiKey } = await createPartner('direct-csp');
    const request = await requestConsent(apiKey, { recipientEmail: reader.email });
    const page = await newPage();
    await open(page, request.consentUrl);
    const res = await signInWithOrganization(page, reader.email);
    expect(res.status()).toBe(403);
    expect(await h1(page)).toBe('You need global administrator privileges');
    expect(await page.locator('#global-admins').innerText()).toContain(`admin@${tenant.initialDomain}`);
    expect(await page.locator('#consent-form').count()).toBe(0);
    expect(await status(apiKey, request.id)).toBe('pending');
  });

  it('R5, R21: an admin of another tenant can accept neither a request addressed to a domain nor one sent to a user of another tenant', async () => {
    const target = await newTenantWithAdmin();
    const other = await newTenantWithAdmin();
    const { apiKey } = await createPartner('direct-csp');
    const byDomain = await requestConsent(apiKey, { recipientEmail: other.admin.email, tenantDomain: target.tenant.initialDomain });
    const byRecipient = await requestConsent(apiKey, { recipientEmail: target.admin.email });
    const page = await newPage();
    await open(page, byDomain.consentUrl);
    expect((await signInWithOrganization(page, other.admin.email)).status()).toBe(403);
    expect(await h1(page)).toBe('This request is for another organization');
    expect((await open(page, byRecipient.consentUrl)).status()).toBe(403);
    expect(await h1(page)).toBe('This request is for another organization');
    expect(await status(apiKey, byDomain.id)).toBe('pending');
    expect(await status(apiKey, byRecipient.id)).toBe('pending');
  });

  it('R9, R21: an OEM consent: the custom-domain global admin is refused, the cloud-native one accepts', async () => {
    const custom = `${unique('c')}.example`;
    const { tenant, admin: cloudNative } = await newTenantWithAdmin(['GlobalAdministrator'], { domains: [custom] });
    const customAdmin = await createUser(tenant.id, `admin@${custom}`);
    const oem = await createPartner('oem');
    await ops('PATCH', `/ops/partners/${oem.partner.id}`, { directApiEligible: true });
    const request = await requestConsent(oem.apiKey, { recipientEmail: customAdmin.email });

    const refused = await newPage();
    await open(refused, request.consentUrl);
    expect((await signInWithOrganization(refused, customAdmin.email)).status()).toBe(403);
    expect(await h1(refused)).toBe('Sign in with your cloud-native account');

    const page = await newPage();
    await open(page, request.consentUrl);
    expect((await signInWithOrganization(page, cloudNative.email)).status()).toBe(200);
    expect((await acceptOnPage(page)).status()).toBe(200);
    expect(await h1(page)).toBe('Authorization is complete');
    expect(await status(oem.apiKey, request.id)).toBe('accepted');
  });

  it('R21: a tampered state and a replayed callback sign nobody in, and the page says so', async () => {
    const { admin } = await newTenantWithAdmin();
    const page = await newPage();
    await open(page, `${publicOrigin()}/signin`);
    // Hold the provider's answer before it reaches us, to change it: the login post and the
    // provider's redirects are made with this browser context's own cookies (the protocol runs for
    // real), and the answer, the redirect to our callback, is kept instead of followed.
    let answer = '';
    await page.route(`${idpUrl()}/interaction/**/login`, async (route) => {
      const posted = await route.fetch({ maxRedirects: 0 });
      let location = new URL(posted.headers().location, idpUrl()).href;
      while (location.startsWith(idpUrl())) {
        const hop = await page.context().request.get(location, { maxRedirects: 0 });
        location = new URL(hop.headers().location, location).href;
      }
      answer = location;
      await route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>held</title><h1>held</h1>' });
    });
    await click(page, '#signin-organization');
    await page.fill('input[name=login]', admin.email);
    await click(page, 'main form button[type=submit]');
    expect(answer).toMatch(/\/signin\/oidc\/callback\?/);
    await page.unroute(`${idpUrl()}/interaction/**/login`);

    const tampered = new URL(answer);
    tampered.searchParams.set('state', `${tampered.searchParams.get('state')}-x`);
    expect((await open(page, tampered.href)).status()).toBe(400);
    expect(await h1(page)).toBe('Sign-in did not complete');
    expect(await page.locator('#signin-error').innerText()).toContain('Nobody was signed in');
    expect((await page.context().cookies()).some((c) => c.name === 'dc_session')).toBe(false);

    // The genuine answer signs in once; the same answer again signs nobody in.
    expect((await open(page, answer)).status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/portal');
    const session = (await page.context().cookies()).find((c) => c.name === 'dc_session')?.value;
    expect(session).toBeTruthy();
    expect((await open(page, answer)).status()).toBe(400);
    expect(await page.locator('#signin-error').innerText()).toContain('used already');
    expect((await page.context().cookies()).find((c) => c.name === 'dc_session')?.value).toBe(session);

    // Another browser replaying it gets nothing either.
    const other = await newPage();
    expect((await open(other, answer)).status()).toBe(400);
    expect((await other.context().cookies()).some((c) => c.name === 'dc_session')).toBe(false);
  });

  it('R21, R18: an unknown organization is registered at its global admin first sign-in (audited)', async () => {
    const tid = randomUUID();
    const domain = `${unique('n')}.onmicrosoft.example`;
    await addProviderAccount({ email: `admin@${domain}`, tid, name: 'First Admin', roles: ['GlobalAdministrator'] });
    const page = await newPage();
    await open(page, `${publicOrigin()}/signin?next=%2Fportal`);
    expect((await signInWithOrganization(page, `admin@${domain}`)).status()).toBe(200);
    expect(await h1(page)).toBe(`Partners of ${domain}`);
    const { findTenantIdByIdpTenantId } = await import('#shared/table/directory.ts');
    const tenantId = await findTenantIdByIdpTenantId(tid);
    expect(tenantId).toBeDefined();
    const audit = (await ops('GET', `/ops/audit?tenantId=${tenantId}`)).body.items as { action: string; details: Record<string, unknown> }[];
    expect(audit.filter((e) => e.action === 'tenant.registered')).toEqual([expect.objectContaining({ details: expect.objectContaining({ idpTenantId: tid }) })]);
  });

  it('R21: a tenant that requires its provider: the emailed link leads to the request page, which offers only the organization, and that works', async () => {
    const { tenant, admin } = await newTenantWithAdmin();
    await ops('PATCH', `/ops/tenants/${tenant.id}`, { requireIdpSignIn: true });
    const { apiKey } = await createPartner('direct-csp');
    const request = await requestConsent(apiKey, { recipientEmail: admin.email });
    await outboxSettled();
    const mail = (await mailTo(admin.email)).filter((m) => /\/consent\//.test(m.body.text)).at(-1)!;
    const page = await newPage();
    expect((await open(page, linkIn(mail.body.text))).status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe(`/consent/${request.id}`);
    expect((await page.context().cookies()).some((c) => c.name === 'dc_session')).toBe(false);
    expect(await page.locator('main a[href^="/signin?"]').count()).toBe(0);
    expect((await signInWithOrganization(page, admin.email)).status()).toBe(200);
    expect((await acceptOnPage(page)).status()).toBe(200);
    expect(await status(apiKey, request.id)).toBe('accepted');
  });
});

describe('the new pages (R21) in Chromium', () => {
  it('R1, R21 (API.md pages): every page of the organization sign-in passes an axe scan and sends the security headers', async () => {
    const problems: string[] = [];
    const violations: Record<string, string[]> = {};
    const seen: string[] = [];
    const visit = async (name: string, page: Page, response: Response, expected: { status: number; h1: RegExp }) => {
      expect(response.status(), `${name}: status`).toBe(expected.status);
      expect(await h1(page), `${name}: heading`).toMatch(expected.h1);
      const found = await seriousViolations(page);
      if (found.length) violations[name] = found;
      // Our responses on the way (the provider's own redirects are the provider's business).
      for (const r of (await chainOf(response)).filter((r) => new URL(r.url()).origin === publicOrigin() || r === response)) {
        const headers = await r.allHeaders();
        const where = `${name}: ${r.status()} ${new URL(r.url()).pathname}`;
        const csp = headers['content-security-policy'] ?? '';
        if (!/default-src 'none'/.test(csp) || /script-src|unsafe-eval/.test(csp)) problems.push(`${where}: CSP ${csp}`);
        if (headers['x-frame-options'] !== 'DENY') problems.push(`${where}: X-Frame-Options ${headers['x-frame-options']}`);
        if (headers['referrer-policy'] !== 'no-referrer') problems.push(`${where}: Referrer-Policy ${headers['referrer-policy']}`);
        for (const cookie of (await r.headerValues('set-cookie')).filter((c) => /^dc_(session|oidc)=/.test(c))) {
          if (!/HttpOnly/i.test(cookie) || !/SameSite=Lax/i.test(cookie)) problems.push(`${where}: cookie ${cookie}`);
        }
      }
      seen.push(name);
    };
    // axe runs in the page: these pages have JavaScript on (ours use none either way).
    const scanPage = () => newPage({ javaScriptEnabled: true });

    const { tenant, admin } = await newTenantWithAdmin();
    const page = await scanPage();
    await visit('sign-in page with the organization', page, await open(page, `${publicOrigin()}/signin`), { status: 200, h1: /^Sign in$/ });
    await visit("the provider's login page", page, await click(page, '#signin-organization'), { status: 200, h1: /Sign in to your organization/ });
    await page.fill('input[name=login]', `nobody-${unique()}@${tenant.initialDomain}`);
    await visit("the provider's login page, unknown email", page, await click(page, 'main form button[type=submit]'), { status: 401, h1: /Sign in to your organization/ });
    await page.fill('input[name=login]', admin.email);
    await visit('the portal, signed in with the organization', page, await click(page, 'main form button[type=submit]'), { status: 200, h1: /Partners of/ });
    await visit('signed out', page, await click(page, 'header button[type=submit]'), { status: 200, h1: /^Sign in$/ });
    expect(await page.locator('#signed-out').innerText()).toContain("your organization's identity provider");
    await visit('sign-in did not complete (an answer not waited for)', page, await open(page, `${publicOrigin()}/signin/oidc/callback?state=${'x'.repeat(43)}&code=x`), { status: 400, h1: /Sign-in did not complete/ });

    const tid = randomUUID();
    const domain = `${unique('u')}.onmicrosoft.example`;
    await addProviderAccount({ email: `user@${domain}`, tid });
    const unknown = await scanPage();
    await open(unknown, `${publicOrigin()}/signin`);
    await click(unknown, '#signin-organization');
    await unknown.fill('input[name=login]', `user@${domain}`);
    await visit('organization not registered (no wids)', unknown, await click(unknown, 'main form button[type=submit]'), { status: 403, h1: /not registered here yet/ });

    const noWids = await newTenantWithAdmin();
    const bound = randomUUID();
    await ops('PATCH', `/ops/tenants/${noWids.tenant.id}`, { idpTenantId: bound });
    await addProviderAccount({ email: `nowids@${noWids.tenant.initialDomain}`, tid: bound });
    const { apiKey } = await createPartner('direct-csp');
    const request = await requestConsent(apiKey, { recipientEmail: noWids.admin.email });
    const r1 = await scanPage();
    await open(r1, request.consentUrl);
    await click(r1, '#signin-organization');
    await r1.fill('input[name=login]', `nowids@${noWids.tenant.initialDomain}`);
    await visit('R1 page, roles unknown (no wids)', r1, await click(r1, 'main form button[type=submit]'), { status: 403, h1: /need global administrator privileges/ });
    expect(await r1.locator('#roles-unknown').innerText()).toContain('wids');

    const required = await newTenantWithAdmin();
    await ops('PATCH', `/ops/tenants/${required.tenant.id}`, { requireIdpSignIn: true });
    const asked = await scanPage();
    await open(asked, `${publicOrigin()}/signin`);
    await asked.fill('#email', required.admin.email);
    await click(asked, 'form[action="/signin"] button[type=submit]');
    await outboxSettled();
    const signInMail = (await mailTo(required.admin.email)).filter((m) => /signin\/verify/.test(m.body.text)).at(-1)!;
    await visit('emailed sign-in link refused: sign in with your organization', asked, await open(asked, linkIn(signInMail.body.text)), { status: 403, h1: /Sign in with your organization/ });
    const consentPage = await scanPage();
    const requiredRequest = await requestConsent(apiKey, { recipientEmail: required.admin.email });
    await visit('request page offering only the organization', consentPage, await open(consentPage, requiredRequest.consentUrl), { status: 200, h1: /asks for permission/ });

    expect(seen).toHaveLength(10);
    expect(violations).toEqual({});
    expect(problems).toEqual([]);
  });
});
