import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserForFile, click, h1, open, seriousViolations, signInAt } from '../support/browser.ts';
import { asPartner, createPartner, createTenant, createUser, stack, unique } from '../support/api.ts';
import { csrfOf, signIn } from '../support/pages.ts';

/**
 * The portal's destructive actions and the phone-sized pages, in Chromium: removing admin roles
 * (R10) and ending a relationship (R11) first show what will happen, and change nothing until
 * confirmed, with or without JavaScript; the consent page names the organization and the partner's
 * contact (R3); every main page fits a 360-pixel-wide screen (no horizontal scrolling), with a
 * screenshot of each kept under `.artifacts/e2e/360/` (gitignored); axe finds nothing serious.
 */

const { newPage } = browserForFile({ javaScriptEnabled: false });

const publicOrigin = () => stack().env.PUBLIC_URL;

/** Where the screenshots go: a folder git ignores, kept after the run for a person to look at. */
const ARTIFACTS = join(process.cwd(), '.artifacts', 'e2e', '360');

let serial = 0;
const pkid = () => `6${String(Date.now() % 1e8).padStart(8, '0')}${String(serial++ % 1e4).padStart(4, '0')}`;

/**
 * A tenant whose global admin accepted a request of `kind` asking for admin roles (through the
 * real consent page, signed in by an emailed link); a reseller comes with its provider.
 */
async function related(kind: 'direct-csp' | 'indirect-reseller', names: { partner?: string } = {}) {
  const tenant = await createTenant();
  const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
  const provider = kind === 'indirect-reseller' ? await createPartner('indirect-provider') : undefined;
  const partner = await createPartner(kind, { ...(provider ? { providerId: provider.partner.id } : {}), ...(names.partner ? { name: names.partner } : {}) });
  const created = await asPartner(partner.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: admin.email, delegatedAdmin: { roles: ['IntuneAdministrator', 'GlobalReader'], durationDays: 60, autoExtend: true } });
  expect(created.status, created.text).toBe(201);
  const client = await signIn(admin.email);
  const form = await client.get(`/consent/${created.body.consentRequest.id}`);
  const accepted = await client.post(`/consent/${created.body.consentRequest.id}`, { csrf: csrfOf(form.html), confirm: 'yes', action: 'accept' });
  expect(accepted.html).toContain('Authorization is complete');
  return { tenant, admin, partner, provider };
}

const customerOf = async (apiKey: string, tenantId: string) => asPartner(apiKey, 'GET', `/v1/customers/${tenantId}`);

describe('R10, R11: the portal asks for confirmation first (Chromium, no JavaScript)', () => {
  it('R10: "Remove admin roles" shows the roles and that the relationship stays; Cancel and a post without the confirmation change nothing; confirmed, the roles are removed', async () => {
    const { tenant, admin, partner } = await related('direct-csp');
    const page = await newPage();
    await signInAt(page, admin.email, '/portal');
    const shown = await click(page, `#remove-roles-${partner.partner.id}`);
    expect(shown.status()).toBe(200);
    expect(await h1(page)).toBe(`Remove the admin roles of ${partner.partner.name}?`);
    expect(await page.locator('#roles').innerText()).toContain('Intune Administrator');
    expect(await page.locator('#consequences').innerText()).toContain('The relationship stays active');

    // Cancel: back to the portal, nothing removed.
    await click(page, '#confirm-form a:has-text("Cancel")');
    expect(new URL(page.url()).pathname).toBe('/portal');
    expect((await customerOf(partner.apiKey, tenant.id)).body.customer.relationship.delegatedAdmin.status).toBe('active');

    // A post of this session (its CSRF token) without the confirmation, as an older portal form sent it: the page again, nothing removed.
    await click(page, `#remove-roles-${partner.partner.id}`);
    const csrf = (await page.locator('#confirm-form input[name=csrf]').getAttribute('value'))!;
    const unconfirmed = await page.context().request.post(`${publicOrigin()}/portal/relationships/${partner.partner.id}/remove-roles`, { form: { csrf }, maxRedirects: 0 });
    expect(unconfirmed.status()).toBe(400);
    expect(await unconfirmed.text()).toContain('Nothing was removed');
    expect((await customerOf(partner.apiKey, tenant.id)).body.customer.relationship.delegatedAdmin.status).toBe('active');

    const done = await click(page, '#confirm-form button[type=submit]');
    expect(done.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/portal');
    expect(await page.locator('main .notice.success').innerText()).toContain('The admin roles were removed');
    const customer = (await customerOf(partner.apiKey, tenant.id)).body.customer;
    expect(customer.relationship).toMatchObject({ status: 'active', delegatedAdmin: { status: 'removed' } });
    expect(await page.locator(`#remove-roles-${partner.partner.id}`).count()).toBe(0);
  });

  it("R11: \"End relationship\" names what ends (the reseller's provider too); Cancel and a post without the confirmation change nothing; confirmed, both lose the tenant", async () => {
    const { tenant, admin, partner, provider } = await related('indirect-reseller');
    const page = await newPage();
    await signInAt(page, admin.email, '/portal');
    expect((await click(page, `#terminate-${partner.partner.id}`)).status()).toBe(200);
    expect(await h1(page)).toBe(`End the relationship with ${partner.partner.name}?`);
    const consequences = await page.locator('#consequences').innerText();
    expect(consequences).toContain(`${partner.partner.name} can no longer register or deregister devices for ${tenant.name}`);
    expect(consequences).toContain(`${provider!.partner.name}, the indirect provider of ${partner.partner.name}, loses its authorization`);
    expect(consequences).toContain('Intune Administrator, Global Reader');

    await click(page, '#confirm-form a:has-text("Cancel")');
    expect(new URL(page.url()).pathname).toBe('/portal');
    for (const p of [partner, provider!]) expect((await customerOf(p.apiKey, tenant.id)).status).toBe(200);

    await click(page, `#terminate-${partner.partner.id}`);
    const csrf = (await page.locator('#confirm-form input[name=csrf]').getAttribute('value'))!;
    const unconfirmed = await page.context().request.post(`${publicOrigin()}/portal/relationships/${partner.partner.id}/terminate`, { form: { csrf }, maxRedirects: 0 });
    expect(unconfirmed.status()).toBe(400);
    expect(await unconfirmed.text()).toContain('Nothing was ended');
    for (const p of [partner, provider!]) expect((await customerOf(p.apiKey, tenant.id)).status).toBe(200);

    const done = await click(page, '#confirm-form button[type=submit]');
    expect(done.status()).toBe(200);
    expect(await page.locator('main .notice.success').innerText()).toContain('The relationship was ended');
    for (const p of [partner, provider!]) expect((await customerOf(p.apiKey, tenant.id)).status).toBe(404);
    expect(await page.locator(`#terminate-${partner.partner.id}`).count()).toBe(0);
  });
});

describe('the pages on a 360-pixel-wide phone (R3, R10, R11, R23, R25, R28, R29)', () => {
  it('R3, R10, R11, R23, R25, R28, R29: the header and forms of every main page fit 360 px (no horizontal overflow), each screenshot kept; axe finds nothing serious (the confirmation pages at 1280 px too)', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // Long names, as partners and tenants have them.
    const { admin, partner, tenant } = await related('direct-csp', { partner: `Contoso Devices International Holdings ${unique()}` });
    await asPartner(partner.apiKey, 'POST', '/v1/devices', {
      tenantId: tenant.id,
      devices: [{ productKeyId: pkid(), manufacturer: 'Contoso', model: 'Surface Laptop Studio 2', serialNumber: unique('SN').toUpperCase(), groupTag: 'Finance-Laptops-Europe' }],
    });
    const other = await createPartner('direct-csp', { name: `Fabrikam Reseller Services Europe ${unique()}` });
    const pending = await asPartner(other.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: admin.email, delegatedAdmin: { roles: ['CloudDeviceAdministrator', 'HelpdeskAdministrator', 'ServiceSupportAdministrator'], durationDays: 730, autoExtend: true }, message: 'As agreed with your procurement team, for the devices of order PO-2026-000123.' });
    expect(pending.status).toBe(201);

    const page = await newPage({ javaScriptEnabled: true });
    await page.setViewportSize({ width: 360, height: 740 });
    const overflow: Record<string, number> = {};
    const violations: Record<string, string[]> = {};
    const check = async (name: string, expectedH1: RegExp) => {
      expect(await h1(page), name).toMatch(expectedH1);
      // In the page (no DOM types here): document.scrollingElement.scrollWidth, the page's full width.
      const width = await page.evaluate('document.scrollingElement.scrollWidth') as number;
      if (width > 360) overflow[name] = width;
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
      const found = await seriousViolations(page);
      if (found.length) violations[name] = found;
    };

    await open(page, `${publicOrigin()}/signin`);
    await check('signin', /^Sign in$/);
    await signInAt(page, admin.email, '/portal');
    await check('portal', /^Partners of /);
    await open(page, `${publicOrigin()}/portal/relationships/${partner.partner.id}/remove-roles`);
    await check('confirm-remove-roles', /^Remove the admin roles of /);
    await open(page, `${publicOrigin()}/portal/relationships/${partner.partner.id}/terminate`);
    await check('confirm-terminate', /^End the relationship with /);
    // R28: the approval policy page, and the same page saying what is wrong with a refused post.
    await open(page, `${publicOrigin()}/portal/relationships/${partner.partner.id}/approval-policy`);
    await check('approval-policy', /^Approval policy for /);
    await page.check('#mode-above');
    await page.fill('#defaultGroupTag', 'x'.repeat(128));
    await click(page, '#approval-policy-form button[type=submit]');
    expect(await page.locator('#policy-errors').innerText()).toContain('Give the number of devices');
    await check('approval-policy-errors', /^Approval policy for /);
    await open(page, `${publicOrigin()}/consent/${pending.body.consentRequest.id}`);
    await check('consent', /asks for permission/);
    expect(await page.locator('#organization').innerText()).toContain(tenant.name);
    expect(await page.locator('#partner-contact a').getAttribute('href')).toMatch(/^mailto:ops@/);
    await open(page, `${publicOrigin()}/portal/devices`);
    await check('devices', /^Devices of /);
    // R26: the claims page (its lists and the form of a new claim).
    await open(page, `${publicOrigin()}/portal/claims`);
    await check('claims', /^Device claims of /);
    await open(page, `${publicOrigin()}/portal/api-keys`);
    await page.fill('#name', 'Inventory sync for the finance department');
    await page.check('#scope-devices-read');
    await click(page, '#create-key button[type=submit]');
    await check('api-keys', /^API keys of /);
    // R29: the audit trail (the consent, the registration and the key just made are on it), and its filter form.
    await open(page, `${publicOrigin()}/portal/audit`);
    await check('audit', /^Audit trail of /);
    expect(await page.locator('#audit-events tbody tr').count()).toBeGreaterThan(2);
    await page.selectOption('#actorType', 'partner_key');
    await click(page, '#audit-filter button[type=submit]');
    expect(new URL(page.url()).searchParams.get('actorType')).toBe('partner_key');
    await check('audit-filtered', /^Audit trail of /);
    expect(await page.locator('#audit-events tbody tr').count()).toBeGreaterThan(0);

    // The confirmation pages are new: axe at a desktop width too.
    await page.setViewportSize({ width: 1280, height: 800 });
    for (const action of ['remove-roles', 'terminate', 'approval-policy']) {
      await open(page, `${publicOrigin()}/portal/relationships/${partner.partner.id}/${action}`);
      const found = await seriousViolations(page);
      if (found.length) violations[`confirm-${action} (1280 px)`] = found;
    }

    expect(overflow).toEqual({});
    expect(violations).toEqual({});
  }, 180_000);
});
