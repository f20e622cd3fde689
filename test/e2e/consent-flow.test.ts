import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserForFile, chainOf, seriousViolations, open, click, h1 } from '../support/browser.ts';
import { asPartner, createPartner, createTenant, createUser, stack } from '../support/api.ts';
import { linkIn, mailTo, outboxSettled, waitForMail } from '../support/pages.ts';

/**
 * The customer's side of consent, in a real browser (Chromium, no JavaScript needed by the pages):
 * the emailed link, the consent page, Accept without and with the confirmation, the confirmation
 * page, and what the partner's API shows afterwards; an axe scan of every page; escaping of
 * partner-supplied text; the security headers of API.md on every page response.
 */


// JavaScript on, as a customer's browser has it; a test may turn it off.
const { newPage } = browserForFile({ javaScriptEnabled: true });

/** The emailed links use PUBLIC_URL (http://localhost:<port>); the browser must stay on that origin for form posts. */
const publicOrigin = () => stack().env.PUBLIC_URL;

// ---------------------------------------------------------------------------------------------
// Set-up through the real API
// ---------------------------------------------------------------------------------------------

interface Customer {
  tenant: Awaited<ReturnType<typeof createTenant>>;
  admin: Awaited<ReturnType<typeof createUser>>;
}

async function newCustomer(roles: string[] = ['GlobalAdministrator']): Promise<Customer> {
  const tenant = await createTenant();
  const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`, roles);
  return { tenant, admin };
}

async function requestConsent(apiKey: string, recipientEmail: string, extra: Record<string, unknown> = {}) {
  const res = await asPartner(apiKey, 'POST', '/v1/consent-requests', {
    recipientEmail,
    delegatedAdmin: { roles: ['IntuneAdministrator'], durationDays: 30 },
    ...extra,
  });
  expect(res.status, res.text).toBe(201);
  return res.body.consentRequest as { id: string; status: string; consentUrl: string; email: { status: string } };
}

/** The consent email for one request (the newest for that recipient whose link is a consent link). */
async function consentMail(recipient: string) {
  await outboxSettled(); // mail leaves through the table's stream, after the answer
  const mails = (await mailTo(recipient)).filter((m) => /\/consent\//.test(m.body.text));
  expect(mails.length, `consent email to ${recipient}`).toBeGreaterThan(0);
  const mail = mails.at(-1)!;
  return { mail, link: linkIn(mail.body.text) };
}

async function requestStatus(apiKey: string, requestId: string): Promise<string> {
  const res = await asPartner(apiKey, 'GET', `/v1/consent-requests/${requestId}`);
  expect(res.status).toBe(200);
  return res.body.consentRequest.status;
}

async function customerIds(apiKey: string): Promise<string[]> {
  const res = await asPartner(apiKey, 'GET', '/v1/customers?limit=100');
  expect(res.status).toBe(200);
  return (res.body.items as { tenantId: string }[]).map((c) => c.tenantId);
}

// ---------------------------------------------------------------------------------------------
// Browser helpers
// ---------------------------------------------------------------------------------------------


/** Clicks a submit button and returns the response of the page it navigates to (after redirects). */
async function submit(page: Page, selector: string): Promise<Response> {
  const res = await click(page, selector);
  if (res.status() === 403 && res.request().method() === 'POST') {
    // A form posted from our own page must never look cross-site; say why it was refused.
    const said = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    const origin = await res.request().headerValue('origin');
    throw new Error(`the form post from ${page.url()} was refused (403: ${said}); the browser sent Origin: ${origin}`);
  }
  return res;
}



// ---------------------------------------------------------------------------------------------
// Walks every customer page once; the axe and the header tests each run a walk of their own
// ---------------------------------------------------------------------------------------------

interface Visit {
  name: string;
  page: Page;
  /** The final response and any redirects that led to it, first first. */
  chain: Response[];
}

/**
 * Every page a customer can meet, each reached the way a customer reaches it, with a check that it
 * really is that page (so a scan never passes on the wrong page). `onPage` runs on each.
 */
async function walkEveryPage(onPage: (visit: Visit) => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const visit = async (name: string, page: Page, response: Response, expected: { status: number; h1: RegExp }) => {
    expect(response.status(), `${name}: status`).toBe(expected.status);
    expect(await h1(page), `${name}: heading`).toMatch(expected.h1);
    await onPage({ name, page, chain: await chainOf(response) });
    seen.push(name);
  };

  const { partner, apiKey } = await createPartner('direct-csp');
  const customer = await newCustomer();
  const request = await requestConsent(apiKey, customer.admin.email);

  // Before sign-in: the consent page as a shared link shows it, then the sign-in pages.
  const anonymous = await newPage();
  await visit('consent page before sign-in', anonymous, await open(anonymous, request.consentUrl), { status: 200, h1: /asks for permission to register devices/ });
  await visit('sign-in page', anonymous, await submitLink(anonymous, 'main a[href^="/signin"]'), { status: 200, h1: /^Sign in$/ });
  await anonymous.fill('#email', customer.admin.email);
  await visit('sign-in "check your email" page', anonymous, await submit(anonymous, 'form[action="/signin"] button[type=submit]'), { status: 200, h1: /Check your email/ });

  // The sign-in email's link leads back to the consent page, signed in.
  await outboxSettled();
  const signInMail = (await mailTo(customer.admin.email)).filter((m) => /signin\/verify/.test(m.body.text)).at(-1);
  expect(signInMail, 'sign-in email').toBeDefined();
  const signInLink = linkIn(signInMail!.body.text);
  const signedIn = anonymous;
  await visit('sign-in link page', signedIn, await open(signedIn, signInLink), { status: 200, h1: /^Sign in$/ });
  await visit('consent page signed in', signedIn, await submit(signedIn, 'form[action="/signin/verify"] button[type=submit]'), { status: 200, h1: new RegExp(`${escapeRegExp(partner.name)} asks for permission`) });
  await visit('consent page without the confirmation (400)', signedIn, await submit(signedIn, 'button[name=action][value=accept]'), { status: 400, h1: /asks for permission/ });
  await signedIn.check('input[name=confirm]');
  await visit('confirmation page', signedIn, await submit(signedIn, 'button[name=action][value=accept]'), { status: 200, h1: /Authorization is complete/ });
  await visit('portal with a relationship', signedIn, await open(signedIn, `${publicOrigin()}/portal`), { status: 200, h1: /Partners of/ });
  await visit('sign-in link used twice', signedIn, await open(signedIn, signInLink), { status: 410, h1: /can't be used/ });

  // A cancelled request, opened from its email.
  const other = await createPartner('direct-csp');
  const mailsBefore = (await mailTo(customer.admin.email)).length;
  const cancelled = await requestConsent(other.apiKey, customer.admin.email);
  await waitForMail(customer.admin.email, mailsBefore + 1); // received, then cancelled
  expect((await asPartner(other.apiKey, 'DELETE', `/v1/consent-requests/${cancelled.id}`)).status).toBe(200);
  const cancelledLink = (await consentMail(customer.admin.email)).link;
  const cancelledPage = await newPage();
  await visit('cancelled request', cancelledPage, await open(cancelledPage, cancelledLink), { status: 409, h1: /cancelled/ });

  // A signed-in user without the Global Administrator role (R1).
  const notAdmin = await newCustomer([]);
  await requestConsent(apiKey, notAdmin.admin.email);
  const notAdminPage = await newPage();
  await visit('not a global administrator', notAdminPage, await open(notAdminPage, (await consentMail(notAdmin.admin.email)).link), { status: 403, h1: /need global administrator privileges/ });

  return seen;
}

/** Follows a link by clicking it; returns the page's response. */
async function submitLink(page: Page, selector: string): Promise<Response> {
  const [res] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
  if (!res) throw new Error(`no navigation from ${selector}`);
  return res;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// ---------------------------------------------------------------------------------------------

describe('customer consent pages in Chromium', () => {
  it('R3, R2, R6: a global admin opens the emailed link, is refused without "Yes", accepts, and the partner sees the customer', async () => {
    const { partner, apiKey } = await createPartner('direct-csp');
    const { tenant, admin } = await newCustomer();
    const request = await requestConsent(apiKey, admin.email);
    expect(request.status).toBe('pending');
    const { mail, link } = await consentMail(admin.email);
    expect(mail.subject).toContain(partner.name);
    expect(new URL(link).origin).toBe(publicOrigin());

    // The pages work without JavaScript: run them without it.
    const page = await newPage({ javaScriptEnabled: false });
    const landed = await open(page, link);
    expect(landed.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe(`/consent/${request.id}`);
    expect((await chainOf(landed)).map((r) => r.status())).toEqual([303, 200]);

    // R3: who asks, what they will be able to do, which roles and for how long, before anything is accepted.
    expect(await h1(page)).toBe(`${partner.name} asks for permission to register devices`);
    expect(await page.locator('#partner-name').innerText()).toBe(partner.name);
    expect(await page.locator('dt:has-text("Kind") + dd').innerText()).toBe('Direct CSP');
    const main = await page.locator('main').innerText();
    expect(main).toContain('Register Windows devices to your organization, and deregister them.');
    expect(await page.locator('#admin-roles').innerText()).toContain('for 30 days');
    expect(await page.locator('#admin-roles + ul li').allInnerTexts()).toEqual(['Intune Administrator']);
    expect(await page.locator('#consent-form input[name=confirm]').isChecked()).toBe(false);
    expect(await page.locator('header').innerText()).toContain(admin.email);
    await page.screenshot({ path: join(tmpdir(), `e2e-consent-page-${process.pid}.png`), fullPage: true }); // per run: two runs at once never share it

    // Accept without the "Yes" confirmation: a 400 page with an alert, and nothing changes.
    const refused = await submit(page, '#consent-form button[name=action][value=accept]');
    expect(refused.status()).toBe(400);
    expect(refused.request().method()).toBe('POST');
    const alert = page.locator('#form-error[role=alert]');
    expect(await alert.isVisible()).toBe(true);
    expect(await alert.innerText()).toContain('Nothing was accepted');
    expect(await page.locator('#consent-form').count()).toBe(1);
    expect(await requestStatus(apiKey, request.id)).toBe('pending');
    expect(await customerIds(apiKey)).not.toContain(tenant.id);

    // Accept with it: the confirmation page; R2: the API shows it at once.
    await page.check('#consent-form input[name=confirm]');
    const accepted = await submit(page, '#consent-form button[name=action][value=accept]');
    expect(accepted.status()).toBe(200);
    expect(await h1(page)).toBe('Authorization is complete');
    expect(await page.locator('main [role=status]').innerText()).toContain(`${partner.name} is now authorized`);
    expect(await page.locator('main').innerText()).toContain('Intune Administrator');
    expect(await requestStatus(apiKey, request.id)).toBe('accepted');
    const customers = await asPartner(apiKey, 'GET', '/v1/customers?limit=100');
    const listed = (customers.body.items as { tenantId: string; relationship: { status: string; delegatedAdmin?: { roles: { name: string }[] } } }[]).find((c) => c.tenantId === tenant.id);
    expect(listed?.relationship.status).toBe('active');
    expect(listed?.relationship.delegatedAdmin?.roles.map((r) => r.name)).toEqual(['IntuneAdministrator']);

    // The emailed link works once: opened again, it signs nobody in and shows the request as it is.
    const reuse = await newPage();
    expect((await open(reuse, link)).status()).toBe(409);
    expect(await reuse.locator('h1').innerText()).toContain('already accepted');
    expect(await reuse.context().cookies()).toEqual([]);
  });

  it('R7: a reseller\'s consent page names its indirect provider, and accepting authorizes both', async () => {
    const provider = await createPartner('indirect-provider');
    const reseller = await createPartner('indirect-reseller', { providerId: provider.partner.id });
    const { tenant, admin } = await newCustomer();
    const request = await requestConsent(reseller.apiKey, admin.email);

    const page = await newPage();
    expect((await open(page, (await consentMail(admin.email)).link)).status()).toBe(200);
    expect(await page.locator('#partner-name').innerText()).toBe(reseller.partner.name);
    expect(await page.locator('dt:has-text("Kind") + dd').innerText()).toBe('Indirect CSP Reseller');
    expect(await page.locator('#provider-name').innerText()).toContain(provider.partner.name);
    expect(await page.locator('main').innerText()).toContain(`${provider.partner.name}, the indirect provider of ${reseller.partner.name}, will be able to do the same.`);

    await page.check('#consent-form input[name=confirm]');
    expect((await submit(page, '#consent-form button[name=action][value=accept]')).status()).toBe(200);
    expect(await h1(page)).toBe('Authorization is complete');
    expect(await page.locator('main [role=status]').innerText()).toContain(`So is its indirect provider, ${provider.partner.name}.`);
    expect(await requestStatus(reseller.apiKey, request.id)).toBe('accepted');
    expect(await customerIds(reseller.apiKey)).toContain(tenant.id);
    expect(await customerIds(provider.apiKey)).toContain(tenant.id);
  });

  it('R1, R3 (API.md pages): every customer page passes an axe scan with no serious or critical violation', async () => {
    const violations: Record<string, string[]> = {};
    const seen = await walkEveryPage(async ({ name, page }) => {
      const found = await seriousViolations(page);
      if (found.length) violations[name] = found;
    });
    expect(seen).toHaveLength(11);
    expect(violations).toEqual({});
  });

  it('R3 (API.md pages): partner-supplied text is escaped on the pages and in the email; no script runs', async () => {
    const name = '<script>alert(1)</script>';
    const message = '<img src=x onerror="alert(2)"> "quoted" & \'single\'';
    const { partner, apiKey } = await createPartner('direct-csp', { name });
    expect(partner.name).toBe(name);
    const { admin } = await newCustomer();
    await requestConsent(apiKey, admin.email, { message });

    // The email: the HTML part prints the name as text.
    const { mail, link } = await consentMail(admin.email);
    expect(mail.body.html).toBeDefined();
    expect(mail.body.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.body.html).not.toContain('<script');
    expect(mail.body.html).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;');
    expect(mail.body.html).not.toContain('<img');

    // The pages: JavaScript on, so an injected script would run and raise a dialog.
    const page = await newPage({ javaScriptEnabled: true });
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const consent = await open(page, link);
    expect(consent.status()).toBe(200);
    const raw = await consent.text();
    expect(raw).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(raw).not.toContain('<script>alert(1)');
    expect(raw).not.toMatch(/<img[^>]*onerror/i);
    expect(await page.locator('#partner-name').innerText()).toBe(name);
    expect(await h1(page)).toBe(`${name} asks for permission to register devices`);
    expect(await page.locator('main blockquote').innerText()).toBe(message);
    expect(await page.title()).toContain(name);
    expect(await page.locator('main script, main img').count()).toBe(0);

    // The 400 page, the confirmation and the portal print the name too.
    const refused = await submit(page, '#consent-form button[name=action][value=accept]');
    expect(refused.status()).toBe(400);
    expect(await refused.text()).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    await page.check('#consent-form input[name=confirm]');
    const accepted = await submit(page, '#consent-form button[name=action][value=accept]');
    expect(accepted.status()).toBe(200);
    expect(await accepted.text()).not.toContain('<script>alert(1)');
    expect(await page.locator('main [role=status]').innerText()).toContain(`${name} is now authorized`);
    const portal = await open(page, `${publicOrigin()}/portal`);
    expect(portal.status()).toBe(200);
    expect(await portal.text()).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(await page.locator(`tr#partner-${partner.id} strong`).innerText()).toBe(name);

    expect(dialogs).toEqual([]);
  });

  it('R1, R3 (API.md pages): every page response sends CSP without inline scripts, X-Frame-Options DENY, no referrer; the session cookie is HttpOnly and SameSite=Lax', async () => {
    const checked: string[] = [];
    const problems: string[] = [];
    let sessionCookies = 0;
    await walkEveryPage(async ({ name, page, chain }) => {
      for (const response of chain) {
        const where = `${name}: ${response.request().method()} ${new URL(response.url()).pathname} ${response.status()}`;
        const headers = await response.allHeaders();
        const csp = headers['content-security-policy'];
        if (!csp) problems.push(`${where}: no Content-Security-Policy`);
        else {
          const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k.toLowerCase(), v]));
          const scripts = directives.get('script-src') ?? directives.get('default-src');
          if (!scripts) problems.push(`${where}: the CSP does not restrict scripts (${csp})`);
          else if (scripts.some((s) => s === "'unsafe-inline'" || s === "'unsafe-eval'" || s === '*' || /^(https?:|data:)$/.test(s))) {
            problems.push(`${where}: the CSP allows inline or foreign scripts (${csp})`);
          }
        }
        const framing = headers['x-frame-options'];
        if (framing?.toUpperCase() !== 'DENY') problems.push(`${where}: X-Frame-Options is ${framing}`);
        if (headers['referrer-policy'] !== 'no-referrer') problems.push(`${where}: Referrer-Policy is ${headers['referrer-policy']}`);
        const setCookie = await response.headerValues('set-cookie');
        for (const cookie of setCookie.filter((c) => c.startsWith('dc_session='))) {
          sessionCookies++;
          const attributes = cookie.split(';').map((a) => a.trim().toLowerCase());
          if (!attributes.includes('httponly')) problems.push(`${where}: session cookie without HttpOnly: ${cookie}`);
          if (!attributes.includes('samesite=lax')) problems.push(`${where}: session cookie without SameSite=Lax: ${cookie}`);
          if (!attributes.includes('path=/')) problems.push(`${where}: session cookie without Path=/: ${cookie}`);
        }
        checked.push(where);
      }
      // What the browser kept agrees with the header.
      for (const cookie of (await page.context().cookies()).filter((c) => c.name === 'dc_session')) {
        if (!cookie.httpOnly || cookie.sameSite !== 'Lax') problems.push(`${name}: the browser holds ${JSON.stringify(cookie)}`);
      }
    });
    expect(problems).toEqual([]);
    // Every page and the redirects (sign-in links) before them were checked; two sign-in links set a session.
    expect(checked.length).toBeGreaterThanOrEqual(12);
    expect(checked.some((c) => / 303$/.test(c))).toBe(true);
    expect(sessionCookies).toBeGreaterThanOrEqual(2);
  });
});
