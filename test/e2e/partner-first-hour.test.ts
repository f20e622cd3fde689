import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserForFile, click, h1, open, seriousViolations } from '../support/browser.ts';
import { asPartner, createTenant, createUser, stack, unique } from '../support/api.ts';
import { linkIn, outboxSettled, mailTo } from '../support/pages.ts';
import { createPartnerPerson, partnerLinksIn, partnerOfKind, waitForPartnerMail } from '../support/partner-portal.ts';

/**
 * Issue 27 item 4, R32: a reseller's first hour in the partner portal, click by click in Chromium
 * without JavaScript: the person signs in with the emailed link, requests consent on the form, the
 * customer's global admin accepts on the existing consent page, the person sees the customer,
 * uploads samples/devices.csv on the upload page, follows the batch and downloads its results CSV.
 * A screenshot of every page is kept under `.artifacts/e2e/partner-first-hour/<width>/`
 * (gitignored); axe finds nothing serious on any page; the same flow at 360 px wide, where no page
 * scrolls sideways.
 */

const { newPage } = browserForFile({ javaScriptEnabled: false });

const publicOrigin = () => stack().env.PUBLIC_URL;

const ARTIFACTS = join(process.cwd(), '.artifacts', 'e2e', 'partner-first-hour');

/** One run of the first hour at `width` px; answers, per page, what was wrong (empty when nothing). */
async function firstHour(width: number): Promise<{ pages: string[]; problems: Record<string, string[]> }> {
  const dir = join(ARTIFACTS, String(width));
  mkdirSync(dir, { recursive: true });
  const problems: Record<string, string[]> = {};
  const pages: string[] = [];
  /** Every page of the flow: its heading, a screenshot, axe, and (at 360 px) no sideways scrolling. */
  const seen = async (page: Page, name: string, heading: RegExp) => {
    expect(await h1(page), name).toMatch(heading);
    pages.push(name);
    await page.screenshot({ path: join(dir, `${String(pages.length).padStart(2, '0')}-${name}.png`), fullPage: true });
    const found = await seriousViolations(page);
    const scrollWidth = (await page.evaluate('document.scrollingElement.scrollWidth')) as number;
    if (scrollWidth > width) found.push(`scrolls sideways: ${scrollWidth}px wide`);
    if (found.length) problems[name] = found;
  };

  // An operator made the reseller and its first admin; the customer's tenant exists (the demo world's way).
  const reseller = await partnerOfKind('indirect-reseller');
  const tenant = await createTenant();
  const customerAdmin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
  const email = `${unique('desk')}@reseller.example`;
  expect((await createPartnerPerson(stack(), reseller.partner.id, { email, displayName: 'Robin Desk', role: 'admin' })).status).toBe(201);

  const page = await newPage({ javaScriptEnabled: true }); // axe runs in the page; the pages themselves have no script (CSP)
  await page.setViewportSize({ width, height: 800 });

  // 1. Sign in: the invitation's link opens a confirm page; its button signs in and lands on the dashboard.
  await open(page, `${publicOrigin()}/partner/signin`);
  await seen(page, 'signin', /Sign in to the partner portal/);
  const [invitation] = await waitForPartnerMail(stack(), email);
  const link = partnerLinksIn(invitation.body.text)[0];
  await open(page, link.replace(new URL(link).origin, publicOrigin()));
  await seen(page, 'signin-confirm', /^Sign in$/);
  await click(page, 'main form button[type=submit]');
  expect(new URL(page.url()).pathname).toBe('/partner');
  await seen(page, 'dashboard', /^Dashboard$/);

  // 2. Request consent: the form, DAP-free by default; sent, the request's page with its email.
  await click(page, 'main a:has-text("Request consent")');
  await seen(page, 'consent-request-form', /^Request consent$/);
  expect(await page.locator('#delegatedAdmin').isChecked()).toBe(false);
  await page.fill('#recipientEmail', customerAdmin.email);
  await page.fill('#tenantDomain', tenant.initialDomain);
  await page.fill('#message', 'Hello from your reseller: the laptops of order PO-1234 are ready to register.');
  await click(page, '#consent-request-form button[type=submit]');
  expect(new URL(page.url()).pathname).toMatch(/^\/partner\/consent-requests\/cr_/);
  await seen(page, 'consent-request', /^Consent request$/);
  expect(await page.locator('#request-status').innerText()).toContain('Pending');
  const requestPath = new URL(page.url()).pathname;

  // 3. The customer's global admin accepts on the existing consent page (the emailed link signs them in).
  await outboxSettled();
  const consentMail = (await mailTo(customerAdmin.email)).filter((m) => /\/consent\//.test(m.body.text)).at(-1)!;
  const customer = await newPage({ javaScriptEnabled: true });
  await customer.setViewportSize({ width, height: 800 });
  await open(customer, linkIn(consentMail.body.text).replace(new URL(linkIn(consentMail.body.text)).origin, publicOrigin()));
  await seen(customer, 'customer-consent', new RegExp(`${reseller.partner.name} asks for permission`));
  await customer.check('#consent-form input[name=confirm]');
  await click(customer, '#consent-form button[name=action][value=accept]');
  await seen(customer, 'customer-accepted', /^Authorization is complete$/);

  // 4. Back in the portal: the request is accepted, and the customer is listed.
  await open(page, `${publicOrigin()}${requestPath}`);
  expect(await page.locator('#request-status').innerText()).toBe('Accepted');
  expect(await page.locator('#email-status').innerText()).toContain('Sent');
  await seen(page, 'consent-request-accepted', /^Consent request$/);
  await click(page, 'nav a:has-text("Customers")');
  expect(await page.locator(`#customer-${tenant.id}`).innerText()).toContain(tenant.name);
  await seen(page, 'customers', /^Customers$/);
  await click(page, 'nav a:has-text("Consent link")');
  expect(await page.locator('#consent-link').inputValue()).toMatch(/\/l\/l_/);
  await seen(page, 'consent-link', /^Your consent link$/);
  // R14: the reseller is now authorized for the tenant.
  expect((await asPartner(reseller.apiKey, 'GET', `/v1/customers/${tenant.id}`)).status).toBe(200);

  // 5. Upload samples/devices.csv on the upload page (a reseller registers by file, R14), follow the
  // batch to its end, and download the results CSV.
  await click(page, 'nav a:has-text("Upload devices")');
  await seen(page, 'upload-form', /./);
  await page.selectOption('#tenantId', tenant.id);
  await click(page, '#upload-submit');
  // Step two: the file goes from the browser straight to S3 (a presigned POST; locally s3rver),
  // which sends the browser back to the upload's page; it refreshes until the batch exists.
  await seen(page, 'upload-file', /./);
  await page.setInputFiles('#file', join(process.cwd(), 'samples', 'devices.csv'));
  await click(page, '#upload-send');
  await page.waitForURL(/\/partner\/batches\/\w+$/, { timeout: 60_000 });
  expect(new URL(page.url()).pathname).toMatch(/^\/partner\/batches\/\w+$/);
  const batchPath = new URL(page.url()).pathname;
  for (let i = 0; i < 150 && !/^finished/.test(await page.locator('#batch-status').innerText()); i++) {
    await new Promise((r) => setTimeout(r, 200));
    await open(page, `${publicOrigin()}${batchPath}`);
  }
  expect(await page.locator('#batch-status').innerText()).toMatch(/^finished/);
  expect(await page.locator('#batch-received').innerText()).toBe('5');
  await seen(page, 'batch-results', /./);
  const csvHref = await page.locator('#batch-results-csv').getAttribute('href');
  const csv = await page.context().request.get(`${publicOrigin()}${csvHref}`);
  expect(csv.status()).toBe(200);
  expect((await csv.text()).trim().split(/\r?\n/)).toHaveLength(6); // a header and the 5 devices' results
  return { pages, problems };
}

describe("a reseller's first hour in the partner portal, by clicks (issue 27 item 4, R32)", () => {
  it('R32, R14: sign-in by the emailed link, the consent request form, the customer accepts, the customer listed, samples/devices.csv uploaded and its results downloaded: a screenshot of each page, axe clean (1280 px)', async () => {
    const { pages, problems } = await firstHour(1280);
    expect(pages.length).toBeGreaterThanOrEqual(10);
    expect(problems).toEqual({});
  }, 180_000);

  it('R32: the same first hour on a 360-pixel-wide screen: no page scrolls sideways, axe clean', async () => {
    const { problems } = await firstHour(360);
    expect(problems).toEqual({});
  }, 180_000);
});
