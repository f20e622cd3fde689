import { describe, expect, it } from 'vitest';
import { browserForFile, click, h1, seriousViolations, signInAt } from '../support/browser.ts';
import { asPartner, createPartner, createTenant, createUser, ops } from '../support/api.ts';
import { acceptThroughLink } from '../support/pages.ts';

/**
 * R30 in a real browser (Chromium): everyone with access on one page, "End every CSP relationship"
 * through its confirmation page, and an axe scan of both.
 */

const { newPage } = browserForFile({ javaScriptEnabled: true });

describe('everyone with access in Chromium (R30)', () => {
  it('R30 R11 R12: the page lists every partner with access; "End every CSP relationship" asks first, then ends the CSPs and keeps the OEM; axe finds nothing serious', async () => {
    const tenant = await createTenant();
    const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
    const direct = await createPartner('direct-csp');
    const provider = await createPartner('indirect-provider');
    const reseller = await createPartner('indirect-reseller', { providerId: provider.partner.id });
    const oem = await createPartner('oem');
    expect((await ops('PATCH', `/ops/partners/${oem.partner.id}`, { directApiEligible: true })).status).toBe(200);
    for (const p of [direct, reseller, oem]) await acceptThroughLink(admin.email, p.apiKey);
    expect((await asPartner(direct.apiKey, 'POST', '/v1/devices', { tenantId: tenant.id, devices: [{ productKeyId: `4${String(Date.now() % 1e12).padStart(12, '0')}` }] })).status).toBe(200);

    const page = await newPage();
    expect((await signInAt(page, admin.email, '/portal/access')).status()).toBe(200);
    expect(await h1(page)).toBe(`Everyone with access to ${tenant.name}`);
    expect(await page.locator('#access tbody tr').count()).toBe(4);
    expect(await page.locator(`#access-${direct.partner.id} .devices`).innerText()).toBe('1');
    expect(await page.locator(`#access-${provider.partner.id}-via-${reseller.partner.id}`).innerText()).toContain(`through ${reseller.partner.name}`);
    expect(await seriousViolations(page)).toEqual([]);

    await click(page, '#end-all');
    expect(await h1(page)).toBe(`End every CSP relationship of ${tenant.name}?`);
    expect(await page.locator('#ending li').count()).toBe(2);
    expect(await page.locator('#consequences').innerText()).toContain(`The OEMs (${oem.partner.name}) keep their access`);
    expect(await seriousViolations(page)).toEqual([]);

    const done = await click(page, '#confirm-form button[type=submit]');
    expect(done.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/portal/access');
    expect(await page.locator('#end-all-result').innerText()).toContain('2 CSP relationships were ended.');
    expect(await page.locator('#access tbody tr').count()).toBe(1);
    expect(await page.locator(`#access-${oem.partner.id}`).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
  }, 120_000);
});
