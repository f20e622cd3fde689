import { describe, expect, it } from 'vitest';
import { browserForFile, click, h1, seriousViolations, signInAt } from '../support/browser.ts';
import { asPartner, createPartner, createTenant, createUser, unique } from '../support/api.ts';
import { acceptThroughLink } from '../support/pages.ts';

/**
 * The owner's claim page in a real browser (Chromium, R26): the claim on its devices with the
 * claimant partner's name (never the claimant tenant, R19), a release of one device behind the
 * confirmation, a contest of the rest with a reason, and an axe scan of the list and the claim.
 */

const { newPage } = browserForFile({ javaScriptEnabled: true });

const tuple = () => ({ manufacturer: 'Contoso', model: 'Surface Laptop 7', serialNumber: unique('SN').toUpperCase() });

/** An owner tenant whose partner registered devices, and a claimant partner (authorized for its own tenant) that claims them. */
async function claimWorld(count: number) {
  const owner = await createTenant();
  const admin = await createUser(owner.id, `admin@${owner.initialDomain}`);
  const ownerPartner = await createPartner('direct-csp');
  await acceptThroughLink(admin.email, ownerPartner.apiKey);
  const devices = Array.from({ length: count }, tuple);
  expect((await asPartner(ownerPartner.apiKey, 'POST', '/v1/devices', { tenantId: owner.id, devices })).status).toBe(200);
  const claimantTenant = await createTenant();
  const claimantAdmin = await createUser(claimantTenant.id, `admin@${claimantTenant.initialDomain}`);
  const claimant = await createPartner('direct-csp', { name: `Refurb Partner ${unique()}` });
  await acceptThroughLink(claimantAdmin.email, claimant.apiKey);
  const opened = await asPartner(claimant.apiKey, 'POST', '/v1/device-claims', { tenantId: claimantTenant.id, devices, evidence: { reference: 'PO-4471', note: 'Returned by the customer' } });
  expect(opened.status, opened.text).toBe(201);
  return { owner, admin, claimant, claimantTenant, devices, claimId: opened.body.claim.id as string };
}

describe("the owner's claim page in Chromium (R26)", () => {
  it('R26, R19: the owner releases one device (only once confirmed) and contests the rest with a reason; the page names the claimant partner, never its tenant', async () => {
    const w = await claimWorld(3);
    const page = await newPage();
    const landed = await signInAt(page, w.admin.email, '/portal/claims');
    expect(landed.status()).toBe(200);
    const row = page.locator(`#claim-${w.claimId}`);
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.innerText()).toContain(w.claimant.partner.name);
    const opened = await click(page, `#claim-${w.claimId} a`);
    expect(opened.status()).toBe(200);
    expect(await h1(page)).toBe('A claim on your devices');
    const body = await page.locator('main').innerText();
    expect(body).toContain(w.claimant.partner.name);
    expect(body).toContain('PO-4471');
    expect(body).not.toContain(w.claimantTenant.name);
    expect(await page.content()).not.toContain(w.claimantTenant.id);

    // Release without the confirmation: refused, nothing released.
    await page.check('#select-0');
    const refused = await click(page, '#release');
    expect(refused.status()).toBe(400);
    await page.goBack();
    await page.check('#select-0');
    await page.check('#confirm-release');
    const released = await click(page, '#release');
    expect(released.status()).toBe(200);
    expect(await page.locator('#flash').innerText()).toContain('released');
    expect(await page.locator('#claim-device-0').innerText()).toContain('Released');

    await page.check('#scope-all');
    await page.fill('#reason', 'We bought these from Contoso; invoice 2231');
    const contested = await click(page, '#contest');
    expect(contested.status()).toBe(200);
    expect(await page.locator('#claim-status').innerText()).toBe('With operators');
    expect(await page.locator('#claim-device-2').innerText()).toContain('invoice 2231');
    const claim = await asPartner(w.claimant.apiKey, 'GET', `/v1/device-claims/${w.claimId}`);
    expect(claim.body.claim.summary).toMatchObject({ released: 1, contested: 2 });
    await page.close();
  });

  it('R26: axe finds no serious violation on /portal/claims and on a claim waiting for an answer', async () => {
    const w = await claimWorld(2);
    const page = await newPage();
    expect((await signInAt(page, w.admin.email, '/portal/claims')).status()).toBe(200);
    expect(await seriousViolations(page)).toEqual([]);
    await click(page, `#claim-${w.claimId} a`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});
