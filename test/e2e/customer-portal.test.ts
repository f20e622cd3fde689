import type { Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserForFile, click, h1, open, seriousViolations, signInAt } from '../support/browser.ts';
import { asPartner, call, createPartner, createTenant, createUser, stack, unique } from '../support/api.ts';
import { acceptThroughLink } from '../support/pages.ts';

/**
 * The customer portal after Yes in a real browser (Chromium): the devices page (R23) and its
 * release of a selection or a file behind the "cannot be undone" confirmation (R24), the API keys
 * page (R25), and an axe scan of both.
 */

// JavaScript on, as a customer's browser has it (the pages need none).
const { newPage } = browserForFile({ javaScriptEnabled: true });

const publicOrigin = () => stack().env.PUBLIC_URL;

let serial = 0;
/** A product key id no other test uses (13 digits). */
const pkid = () => `5${String(Date.now() % 1e8).padStart(8, '0')}${String(serial++ % 1e4).padStart(4, '0')}`;




/** A tenant with its global admin, a direct CSP it authorized, and devices that partner registered. */
async function tenantWithDevices(count: number) {
  const tenant = await createTenant();
  const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
  const partner = await createPartner('direct-csp');
  await acceptThroughLink(admin.email, partner.apiKey);
  const devices = Array.from({ length: count }, () => ({ productKeyId: pkid(), manufacturer: 'Contoso', model: 'Laptop 7', serialNumber: unique('SN').toUpperCase() }));
  const res = await asPartner(partner.apiKey, 'POST', '/v1/devices', { tenantId: tenant.id, devices });
  expect(res.status, res.text).toBe(200);
  const ids = res.body.results.map((r: { deviceId: string }) => r.deviceId) as string[];
  expect(ids.every(Boolean)).toBe(true);
  return { tenant, admin, partner, devices, ids };
}

/** The devices of the partner for the tenant, as the partner's API lists them. */
const partnerDevices = async (apiKey: string, tenantId: string) =>
  ((await asPartner(apiKey, 'GET', `/v1/devices?tenantId=${tenantId}&limit=100`)).body.items as { id: string }[]).map((d) => d.id).sort();

describe('the customer portal in Chromium (R23-R25)', () => {
  it('R23, R24: the devices page lists the devices; releasing a selection without the confirmation is blocked by the browser (required) and refused by the server when forged; with it, the selection is released', async () => {
    const { tenant, admin, partner, devices, ids } = await tenantWithDevices(3);
    const page = await newPage();
    const landed = await signInAt(page, admin.email, '/portal/devices');
    expect(landed.status()).toBe(200);
    expect(await h1(page)).toBe(`Devices of ${tenant.name}`);
    for (const [i, id] of ids.entries()) {
      const row = page.locator(`#device-${id}`);
      await expect.poll(() => row.count()).toBe(1);
      const text = await row.innerText();
      expect(text).toContain(devices[i].serialNumber);
      expect(text).toContain(devices[i].productKeyId);
      expect(text).toContain(partner.partner.name);
    }

    // Without the confirmation the browser does not send the form.
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') posts.push(r.url());
    });
    await page.check(`#select-${ids[0]}`);
    await page.check(`#select-${ids[1]}`);
    expect(await page.locator('#confirm-selection').getAttribute('required')).not.toBeNull();
    await page.click('#release-selection button[type=submit]');
    await page.waitForTimeout(500);
    expect(posts).toEqual([]);
    expect(await page.locator('#confirm-selection').evaluate((el) => (el as unknown as { validity: { valueMissing: boolean } }).validity.valueMissing)).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/portal/devices');

    // Forged: the same form without `required` (as from the developer tools) reaches the server, which refuses it.
    await page.locator('#confirm-selection').evaluate((el) => el.removeAttribute('required'));
    const forged = await click(page, '#release-selection button[type=submit]');
    expect(forged.status()).toBe(400);
    expect(await page.locator('main').innerText()).toContain('Nothing was released');
    expect(await partnerDevices(partner.apiKey, tenant.id)).toEqual([...ids].sort());

    // With the confirmation: released.
    await open(page, `${publicOrigin()}/portal/devices`);
    await page.check(`#select-${ids[0]}`);
    await page.check(`#select-${ids[1]}`);
    await page.check('#confirm-selection');
    const released = await click(page, '#release-selection button[type=submit]');
    expect(released.status()).toBe(200);
    expect(await h1(page)).toBe('Devices released');
    expect(await page.locator('#release-summary').innerText()).toBe('2 of 2 released.');
    expect(await partnerDevices(partner.apiKey, tenant.id)).toEqual([ids[2]]);
    await open(page, `${publicOrigin()}/portal/devices`);
    expect(await page.locator(`#device-${ids[0]}`).count()).toBe(0);
    expect(await page.locator(`#device-${ids[2]}`).count()).toBe(1);
  }, 120_000);

  it('R24: a file released from the page (a real browser multipart upload, behind the confirmation) becomes a release whose progress page reaches its results', async () => {
    const { tenant, admin, partner, devices } = await tenantWithDevices(4);
    const page = await newPage();
    await signInAt(page, admin.email, '/portal/devices');
    const file = { name: 'release.csv', mimeType: 'text/csv', buffer: Buffer.from(`Windows Product ID\r\n${devices.slice(0, 3).map((d) => d.productKeyId).join('\r\n')}\r\n`) };
    await page.setInputFiles('#file', file);
    // The confirmation is required here too.
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') posts.push(new URL(r.url()).pathname);
    });
    await page.click('#release-file button[type=submit]');
    await page.waitForTimeout(500);
    expect(posts).toEqual([]);

    await page.check('#confirm-file');
    const progress = await click(page, '#release-file button[type=submit]');
    expect(progress.status()).toBe(200);
    const batchId = /^\/portal\/devices\/releases\/(b_\w+)$/.exec(new URL(page.url()).pathname)?.[1];
    expect(batchId).toBeDefined();
    expect(await h1(page)).toBe('Release from a file');
    const end = Date.now() + 90_000;
    while ((await page.locator('#batch-status').innerText()) !== 'finished') {
      if (Date.now() > end) throw new Error(`release still ${await page.locator('#batch-status').innerText()}`);
      await page.waitForTimeout(500);
      await open(page, `${publicOrigin()}/portal/devices/releases/${batchId}`);
    }
    expect(await page.locator('#batch-released').innerText()).toBe('3');
    expect(await page.locator('#release-results').getAttribute('href')).toBe(`/portal/devices/releases/${batchId}/results`);
    expect(await partnerDevices(partner.apiKey, tenant.id)).toHaveLength(1);
  }, 180_000);

  it('R25: the API keys page creates a key with its scopes and shows its secret, this once', async () => {
    const { tenant, admin, ids } = await tenantWithDevices(1);
    const page = await newPage();
    await signInAt(page, admin.email, '/portal/api-keys');
    expect(await h1(page)).toBe(`API keys of ${tenant.name}`);
    expect(await page.locator('#no-keys').count()).toBe(1);
    await page.fill('#name', 'Inventory sync');
    await page.check('#scope-devices-read');
    const created = await click(page, '#create-key button[type=submit]');
    expect(created.status()).toBe(200);
    const secret = await page.locator('#new-key-secret').innerText();
    expect(secret).toMatch(/^dcc_[0-9a-f]{24}_[A-Za-z0-9_-]{43}$/);
    const keyId = secret.split('_')[1];
    expect(await page.locator(`#key-${keyId}`).innerText()).toContain('devices:read');

    // The key works with its scope, and only with it.
    const listed = await call('GET', '/v1/tenant/devices', { token: secret });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((d: { id: string }) => d.id)).toEqual(ids);
    expect((await call('POST', '/v1/tenant/device-releases', { token: secret, body: { confirm: 'irreversible', devices: [{ deviceId: ids[0] }] } })).status).toBe(403);

    // Shown once: a reload (which resubmits the form) creates no second key and shows no secret.
    await page.reload({ waitUntil: 'load' });
    expect(await page.locator('#keys tbody tr').count()).toBe(1);
    expect(await page.locator('#new-key-secret').count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
    expect(await page.locator(`#key-${keyId}`).count()).toBe(1);
  }, 120_000);

  it('R23, R25: axe finds no serious violation on /portal/devices (devices listed) and /portal/api-keys (a new key shown)', async () => {
    const { admin } = await tenantWithDevices(2);
    const devicesPage = await newPage();
    await signInAt(devicesPage, admin.email, '/portal/devices');
    expect(await devicesPage.locator('#release-selection tbody tr').count()).toBe(2);
    expect(await seriousViolations(devicesPage)).toEqual([]);

    const keysPage = await newPage();
    await signInAt(keysPage, admin.email, '/portal/api-keys');
    expect(await seriousViolations(keysPage)).toEqual([]);
    await keysPage.fill('#name', 'Scanned key');
    await keysPage.check('#scope-audit-read');
    await click(keysPage, '#create-key button[type=submit]');
    expect(await keysPage.locator('#new-key-secret').count()).toBe(1);
    expect(await seriousViolations(keysPage)).toEqual([]);
  }, 120_000);
});
