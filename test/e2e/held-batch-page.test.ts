import { describe, expect, it } from 'vitest';
import { browserForFile, click, h1, seriousViolations, signInAt } from '../support/browser.ts';
import { asPartner, createPartner, createTenant, createUser, unique } from '../support/api.ts';

/**
 * The held batch's page (R27) in a real browser (Chromium): listed on the portal, approve with the
 * consent in one form, reject with the block and unblock in the portal, each page clean under axe.
 */

const { newPage } = browserForFile({ javaScriptEnabled: true });

let serial = 0;
const pkid = () => `6${String(Date.now() % 1e8).padStart(8, '0')}${String(serial++ % 1e4).padStart(4, '0')}`;

/** A tenant's global admin, and a direct CSP's held batch of 3 devices for it (the CSP is not authorized). */
async function heldBatch() {
  const tenant = await createTenant();
  const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
  const partner = await createPartner('direct-csp');
  const reference = `PO-${unique()}`;
  const created = await asPartner(partner.apiKey, 'POST', '/v1/device-batches', { tenantId: tenant.id, action: 'register', whenNotAuthorized: 'hold', reference });
  const batchId = created.body.batch.id as string;
  await asPartner(partner.apiKey, 'POST', `/v1/device-batches/${batchId}/devices`, { devices: Array.from({ length: 3 }, () => ({ productKeyId: pkid() })) });
  expect((await asPartner(partner.apiKey, 'POST', `/v1/device-batches/${batchId}/submit`)).body.batch.status).toBe('awaiting_approval');
  return { tenant, admin, partner, batchId, reference };
}

describe('the held batch page in Chromium (R27)', () => {
  it('R27, R3: the page shows the batch and the consent it also gives; approving needs the "Yes"; approved, the partner is authorized; axe finds nothing serious', async () => {
    const { tenant, admin, partner, batchId, reference } = await heldBatch();
    const page = await newPage();
    const landed = await signInAt(page, admin.email, `/portal/batches/${batchId}`);
    expect(landed.status()).toBe(200);
    expect(await h1(page)).toBe(`${partner.partner.name} asks you to approve 3 devices`);
    expect(await page.locator('#batch-reference').innerText()).toBe(reference);
    expect(await page.locator('main').innerText()).toContain(`Approving also authorizes ${partner.partner.name}`);
    expect(await seriousViolations(page)).toEqual([]);

    // Without the "Yes": the page again, with the error; nothing approved.
    const unconfirmed = await click(page, '#held-batch-form button[value=approve]');
    expect(unconfirmed.status()).toBe(400);
    expect(await page.locator('#form-error').innerText()).toContain('Nothing was approved');
    expect(await seriousViolations(page)).toEqual([]);

    await page.check('#held-batch-form input[name=confirm]');
    const approved = await click(page, '#held-batch-form button[value=approve]');
    expect(approved.status()).toBe(200);
    expect(await h1(page)).toBe('The devices are approved');
    expect(await page.locator('#batch-approved').innerText()).toContain(`${partner.partner.name} is now authorized`);
    expect(await seriousViolations(page)).toEqual([]);
    expect((await asPartner(partner.apiKey, 'GET', `/v1/customers/${tenant.id}`)).body.customer.relationship.status).toBe('active');
  });

  it('R27: the portal lists the batch waiting for approval and links to its page; axe finds nothing serious', async () => {
    const { admin, partner, batchId, reference } = await heldBatch();
    const page = await newPage();
    expect((await signInAt(page, admin.email, '/portal')).status()).toBe(200);
    const listed = page.locator(`#held-batch-${batchId}`);
    expect(await listed.innerText()).toContain(`3 devices from ${partner.partner.name}`);
    expect(await listed.innerText()).toContain(reference);
    expect(await seriousViolations(page)).toEqual([]);
    const opened = await click(page, `#held-batch-${batchId} a`);
    expect(opened.status()).toBe(200);
    expect(await h1(page)).toBe(`${partner.partner.name} asks you to approve 3 devices`);
  });

  it('R27: rejecting with the block ends the batch and blocks the partner; the portal lists it and unblocks it; axe finds nothing serious', async () => {
    const { tenant, admin, partner, batchId } = await heldBatch();
    const page = await newPage();
    await signInAt(page, admin.email, `/portal/batches/${batchId}`);
    await page.check('#held-batch-form input[name=block]');
    const rejected = await click(page, '#held-batch-form button[value=reject]');
    expect(rejected.status()).toBe(200);
    expect(await h1(page)).toBe('The batch is rejected');
    expect(await seriousViolations(page)).toEqual([]);
    expect((await asPartner(partner.apiKey, 'GET', `/v1/device-batches/${batchId}`)).body.batch.status).toBe('rejected');
    expect((await asPartner(partner.apiKey, 'POST', '/v1/device-batches', { tenantId: tenant.id, action: 'register', whenNotAuthorized: 'hold' })).status).toBe(403);

    await click(page, 'a[href="/portal"]');
    const blocked = page.locator(`#hold-block-${partner.partner.id}`);
    expect(await blocked.innerText()).toContain(partner.partner.name);
    expect(await seriousViolations(page)).toEqual([]);
    const unblocked = await click(page, `#hold-block-${partner.partner.id} button[type=submit]`);
    expect(unblocked.status()).toBe(200);
    expect(await page.locator('main').innerText()).toContain('The partner is unblocked');
    expect(await page.locator(`#hold-block-${partner.partner.id}`).count()).toBe(0);
    expect((await asPartner(partner.apiKey, 'POST', '/v1/device-batches', { tenantId: tenant.id, action: 'register', whenNotAuthorized: 'hold' })).status).toBe(201);
  });
});
