import { describe, expect, it } from 'vitest';
import { asPartner, call, createPartner, createUser, ops } from '../support/api.ts';
import { authorizedPartner, authorizedReseller } from '../support/authorized.ts';
import { cli } from '../support/cli.ts';
import { acceptThroughLink, csrfOf, PageClient, signIn } from '../support/pages.ts';

/*
 * R28 from both sides: a tenant's global admin sets a partner's approval policy and default group
 * tag on the portal; the partner sees the policy on its customer and its synchronous registrations
 * follow it.
 */

let serial = 0;
/** A product key id no other test uses (13 digits). */
const pkid = () => `7${String(Date.now() % 1e8).padStart(8, '0')}${String(serial++ % 1e4).padStart(4, '0')}`;
const devices = (n: number, extra: Record<string, string> = {}) => Array.from({ length: n }, () => ({ productKeyId: pkid(), ...extra }));
const codesOf = (results: { errors: { code: string }[] }[]) => results.map((r) => r.errors.map((e) => e.code));

const policyPath = (partnerId: string) => `/portal/relationships/${partnerId}/approval-policy`;

/** Posts the approval policy form as the browser does: the page first (its CSRF token), then the form. */
async function postPolicy(client: PageClient, partnerId: string, fields: Record<string, string>) {
  const form = await client.get(policyPath(partnerId));
  expect(form.status).toBe(200);
  return client.post(policyPath(partnerId), { csrf: csrfOf(form.html), ...fields });
}

async function setPolicy(client: PageClient, partnerId: string, fields: Record<string, string>) {
  const res = await postPolicy(client, partnerId, fields);
  expect(res.status, res.html.slice(0, 400)).toBe(303);
  return res;
}

const policyOf = async (apiKey: string, tenantId: string) => (await asPartner(apiKey, 'GET', `/v1/customers/${tenantId}`)).body.customer.relationship.approvalPolicy;

/** A consented Direct CSP, and its tenant's global admin signed in to the portal. */
async function consented() {
  const world = await authorizedPartner();
  return { ...world, client: await signIn(world.admin.email) };
}

/** Polls a batch until it has finished. */
async function finished(apiKey: string, batchId: string) {
  const end = Date.now() + 90_000;
  for (;;) {
    const res = await asPartner(apiKey, 'GET', `/v1/device-batches/${batchId}`);
    if (String(res.body.batch.status).startsWith('finished')) return res.body.batch;
    if (Date.now() > end) throw new Error(`batch ${batchId} still ${res.body.batch.status}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('approval policy (R28)', () => {
  it("R28: a global admin sets a partner's policy from its row on the portal (a form with CSRF); the partner sees it on its customer, its list and its CLI at once; audited with the signed-in user", async () => {
    const { tenant, admin, partner, client } = await consented();
    const portal = await client.get('/portal');
    expect(portal.html).toContain(`href="${policyPath(partner.partner.id)}"`);
    expect(portal.html).toContain('Automatic: devices are registered as they come');
    expect(await policyOf(partner.apiKey, tenant.id)).toEqual({ mode: 'automatic' });

    const page = await client.get(policyPath(partner.partner.id));
    expect(page.status).toBe(200);
    expect(page.html).toContain(`Approval policy for ${partner.partner.name}`);
    expect(page.html).toMatch(/<input type="radio" id="mode-automatic" name="mode" value="automatic" checked>/);
    expect(page.html).toContain('name="csrf"');

    const res = await setPolicy(client, partner.partner.id, { mode: 'above', threshold: '250', defaultGroupTag: 'Contoso-Sales' });
    expect(res.location).toBe('/portal?done=approval-policy');
    expect((await client.get(res.location!)).html).toContain('The approval policy was saved');
    expect(await policyOf(partner.apiKey, tenant.id)).toEqual({ mode: 'above', threshold: 250, defaultGroupTag: 'Contoso-Sales' });
    const list = await asPartner(partner.apiKey, 'GET', '/v1/customers');
    expect(list.body.items.find((c: { tenantId: string }) => c.tenantId === tenant.id).relationship.approvalPolicy).toEqual({ mode: 'above', threshold: 250, defaultGroupTag: 'Contoso-Sales' });
    expect((await client.get('/portal')).html).toContain('Batches of more than 250 devices wait for your approval. Default group tag: Contoso-Sales');
    // The partner's CLI says it too.
    const got = await cli(['customers', 'get', tenant.id], { DEVICE_CONSENT_KEY: partner.apiKey });
    expect(got.code).toBe(0);
    expect(got.stdout).toContain('above 250 (group tag Contoso-Sales)');
    // The form shows the policy as it is now.
    expect((await client.get(policyPath(partner.partner.id))).html).toMatch(/value="above" checked>[\s\S]*id="threshold"[^>]*value="250"[\s\S]*id="defaultGroupTag"[^>]*value="Contoso-Sales"/);

    const audit = await ops('GET', `/ops/audit?tenantId=${tenant.id}`);
    expect(audit.body.items[0]).toMatchObject({
      action: 'relationship.approval_policy_changed',
      actor: { type: 'user', id: admin.id },
      tenantId: tenant.id,
      partnerId: partner.partner.id,
      details: { from: { mode: 'automatic' }, to: { mode: 'above', threshold: 250, defaultGroupTag: 'Contoso-Sales' } },
    });
    // Saving the same policy again changes (and audits) nothing.
    await setPolicy(client, partner.partner.id, { mode: 'above', threshold: '250', defaultGroupTag: 'Contoso-Sales' });
    expect((await ops('GET', `/ops/audit?tenantId=${tenant.id}`)).body.items[0].id).toBe(audit.body.items[0].id);
  });

  it('R28: automatic (the default) registers a consented partner\'s synchronous registration', async () => {
    const { tenant, partner, client } = await consented();
    const first = await asPartner(partner.apiKey, 'POST', '/v1/devices', { tenantId: tenant.id, devices: devices(3) });
    expect(first.body.summary).toEqual({ total: 3, registered: 3, invalid: 0 });
    // Set back to automatic after each_batch: registers again.
    await setPolicy(client, partner.partner.id, { mode: 'each_batch' });
    await setPolicy(client, partner.partner.id, { mode: 'automatic', threshold: '12' });
    expect(await policyOf(partner.apiKey, tenant.id)).toEqual({ mode: 'automatic' });
    const again = await asPartner(partner.apiKey, 'POST', '/v1/devices', { tenantId: tenant.id, devices: devices(2) });
    expect(again.body.summary).toEqual({ total: 2, registered: 2, invalid: 0 });
  });

  it('R28: each_batch refuses a synchronous registration device by device with approval_required (the API and the CSV upload), registering nothing; validation still judges the devices', async () => {
    const { tenant, partner, client } = await consented();
    await setPolicy(client, partner.partner.id, { mode: 'each_batch' });
    const sent = [...devices(2), { productKeyId: '123' }];
    const res = await asPartner(partner.apiKey, 'POST', '/v1/devices', { tenantId: tenant.id, devices: sent });
    expect(res.status).toBe(200);
    expect(res.body.summary).toEqual({ total: 3, registered: 0, invalid: 3 });
    // As consent_required is: first on every row, the row's own problems after it.
    expect(codesOf(res.body.results)).toEqual([['approval_required'], ['approval_required'], ['approval_required', 'invalid_product_key_id']]);
    expect(res.body.results[0].errors[0].message).toContain('device batch');
    expect((await asPartner(partner.apiKey, 'GET', `/v1/devices?tenantId=${tenant.id}`)).body.items).toEqual([]);

    const csv = `Windows Product ID\r\n${pkid()}\r\n`;
    const upload = await call('POST', `/v1/device-uploads?tenantId=${tenant.id}`, { token: partner.apiKey, rawBody: csv, headers: { 'content-type': 'text/csv' } });
    expect(upload.status).toBe(200);
    expect(codesOf(upload.body.results)).toEqual([['approval_required']]);
    expect(upload.body.summary.registered).toBe(0);

    const validated = await asPartner(partner.apiKey, 'POST', '/v1/device-submissions/validate', { tenantId: tenant.id, devices: sent.slice(0, 2) });
    expect(validated.body.summary).toEqual({ total: 2, valid: 2, invalid: 0 });
    expect((await asPartner(partner.apiKey, 'GET', `/v1/devices?tenantId=${tenant.id}`)).body.items).toEqual([]);
  });

  it('R28: above N counts the devices of a synchronous call: N devices register, N+1 are each refused with approval_required', async () => {
    const { tenant, partner, client } = await consented();
    await setPolicy(client, partner.partner.id, { mode: 'above', threshold: '3' });
    const three = await asPartner(partner.apiKey, 'POST', '/v1/devices', { tenantId: tenant.id, devices: devices(3) });
    expect(three.body.summary).toEqual({ total: 3, registered: 3, invalid: 0 });
    const four = await asPartner(partner.apiKey, 'POST', '/v1/devices', { tenantId: tenant.id, devices: devices(4) });
    expect(four.body.summary).toEqual({ total: 4, registered: 0, invalid: 4 });
    expect(codesOf(four.body.results)).toEqual(Array(4).fill(['approval_required']));
    expect(four.body.results[0].errors[0].message).toContain('more than 3 devices');
    expect((await asPartner(partner.apiKey, 'GET', `/v1/devices?tenantId=${tenant.id}`)).body.items).toHaveLength(3);
  });

  it("R28: the default group tag goes to a synchronous registration's devices that carry none (not to one with its own), and shows in the tenant's devices list", async () => {
    const { tenant, partner, client } = await consented();
    await setPolicy(client, partner.partner.id, { mode: 'automatic', defaultGroupTag: 'Fabrikam-Default' });
    const [untagged, tagged, emptyTag] = [{ productKeyId: pkid() }, { productKeyId: pkid(), groupTag: 'Lab' }, { productKeyId: pkid(), groupTag: '' }];
    const res = await asPartner(partner.apiKey, 'POST', '/v1/devices', { tenantId: tenant.id, devices: [untagged, tagged, emptyTag] });
    expect(res.body.summary.registered).toBe(3);
    const listed = (await asPartner(partner.apiKey, 'GET', `/v1/devices?tenantId=${tenant.id}`)).body.items as { productKeyId: string; groupTag?: string }[];
    const tagOf = (productKeyId: string) => listed.find((d) => d.productKeyId === productKeyId)?.groupTag;
    expect([tagOf(untagged.productKeyId), tagOf(tagged.productKeyId), tagOf(emptyTag.productKeyId)]).toEqual(['Fabrikam-Default', 'Lab', 'Fabrikam-Default']);
    const tenantDevices = await client.get('/portal/devices');
    expect(tenantDevices.html.match(/Group tag Fabrikam-Default/g)).toHaveLength(2);
    expect(tenantDevices.html).toContain('Group tag Lab');
  });

  it("R28: the default group tag goes to a batch's devices that carry none, as the policy reads when the batch is worked", async () => {
    const { tenant, partner, client } = await consented();
    const created = await asPartner(partner.apiKey, 'POST', '/v1/device-batches', { tenantId: tenant.id, action: 'register' });
    const batchId = created.body.batch.id as string;
    const sent = [...devices(2), ...devices(1, { groupTag: 'Own' })];
    expect((await asPartner(partner.apiKey, 'POST', `/v1/device-batches/${batchId}/devices`, { devices: sent })).status).toBe(200);
    // Set after the devices were added: the device items are built when the batch is worked.
    await setPolicy(client, partner.partner.id, { mode: 'automatic', defaultGroupTag: 'Batch-Default' });
    expect((await asPartner(partner.apiKey, 'POST', `/v1/device-batches/${batchId}/submit`)).status).toBe(202);
    expect(await finished(partner.apiKey, batchId)).toMatchObject({ status: 'finished', summary: { succeeded: 3 } });
    const listed = (await asPartner(partner.apiKey, 'GET', `/v1/devices?tenantId=${tenant.id}`)).body.items as { productKeyId: string; groupTag?: string }[];
    expect(sent.map((d) => listed.find((l) => l.productKeyId === d.productKeyId)?.groupTag)).toEqual(['Batch-Default', 'Batch-Default', 'Own']);
    const tenantDevices = await client.get(`/portal/devices?batchId=${batchId}`);
    expect(tenantDevices.html.match(/Group tag Batch-Default/g)).toHaveLength(2);
  });

  it("R28, R19: the policy is shown to its partner only: another partner of the same tenant sees its own (automatic), and one without consent sees no customer; a reseller's provider sees and follows the reseller's", async () => {
    const { tenant, admin, partner, client } = await consented();
    const other = await createPartner('direct-csp');
    await acceptThroughLink(admin.email, other.apiKey);
    const stranger = await createPartner('direct-csp');
    await setPolicy(client, partner.partner.id, { mode: 'each_batch', defaultGroupTag: 'Secret-Tag' });
    expect(await policyOf(partner.apiKey, tenant.id)).toEqual({ mode: 'each_batch', defaultGroupTag: 'Secret-Tag' });
    const otherView = await asPartner(other.apiKey, 'GET', `/v1/customers/${tenant.id}`);
    expect(otherView.body.customer.relationship.approvalPolicy).toEqual({ mode: 'automatic' });
    expect(otherView.text).not.toContain('Secret-Tag');
    expect((await asPartner(other.apiKey, 'GET', '/v1/customers')).text).not.toContain('Secret-Tag');
    expect((await asPartner(other.apiKey, 'POST', '/v1/devices', { tenantId: tenant.id, devices: devices(1) })).body.summary.registered).toBe(1);
    const strangerView = await asPartner(stranger.apiKey, 'GET', `/v1/customers/${tenant.id}`);
    expect(strangerView.status).toBe(404);
    expect(strangerView.text).not.toContain('Secret-Tag');

    // R7, R8: the provider registers through the reseller's relationship, so the reseller's policy is its.
    const r = await authorizedReseller();
    const resellerAdmin = await signIn(r.admin.email);
    const page = await resellerAdmin.get(policyPath(r.reseller.partner.id));
    expect(page.html).toContain(`${r.provider.partner.name}, the indirect provider of ${r.reseller.partner.name}`);
    await setPolicy(resellerAdmin, r.reseller.partner.id, { mode: 'each_batch' });
    expect(await policyOf(r.provider.apiKey, r.tenant.id)).toEqual({ mode: 'each_batch' });
    const byProvider = await asPartner(r.provider.apiKey, 'POST', '/v1/devices', { tenantId: r.tenant.id, devices: devices(1) });
    expect(codesOf(byProvider.body.results)).toEqual([['approval_required']]);
  });

  it.each([
    ['an unknown mode', { mode: 'sometimes' }, 'mode', 'Choose automatic, each batch, or above'],
    ['no mode', {}, 'mode', 'Choose automatic, each batch, or above'],
    ['above without a threshold', { mode: 'above', threshold: '' }, 'threshold', 'Give the number of devices'],
    ['above with zero', { mode: 'above', threshold: '0' }, 'threshold', 'at least 1'],
    ['above with a negative threshold', { mode: 'above', threshold: '-5' }, 'threshold', 'at least 1'],
    ['above with a threshold that is not whole', { mode: 'above', threshold: '2.5' }, 'threshold', 'whole number'],
    ['a group tag over 128 characters', { mode: 'automatic', defaultGroupTag: 'x'.repeat(129) }, 'defaultGroupTag', 'at most 128 characters'],
    ['a group tag with control characters', { mode: 'automatic', defaultGroupTag: 'Sales\u0007' }, 'defaultGroupTag', 'without control characters'],
  ])('R28: the form with %s: the page says what is wrong (400), nothing changed', async (_what, fields, field, message) => {
    const { tenant, partner, client } = await consented();
    await setPolicy(client, partner.partner.id, { mode: 'above', threshold: '40', defaultGroupTag: 'Before' });
    const before = (await ops('GET', `/ops/audit?tenantId=${tenant.id}`)).body.items[0].id;
    const res = await postPolicy(client, partner.partner.id, fields as Record<string, string>);
    expect(res.status).toBe(400);
    expect(res.html).toContain('Nothing was changed');
    expect(res.html).toContain(`id="${field}-error"`);
    expect(res.html).toContain(message);
    expect(await policyOf(partner.apiKey, tenant.id)).toEqual({ mode: 'above', threshold: 40, defaultGroupTag: 'Before' });
    expect((await ops('GET', `/ops/audit?tenantId=${tenant.id}`)).body.items[0].id).toBe(before);
  });

  it("R28, R1, R19: a user who is not a global admin cannot see or set the policy (403), nor can another tenant's admin (404); nothing changes", async () => {
    const { tenant, partner, client } = await consented();
    const portal = await client.get('/portal');
    expect(portal.status).toBe(200);
    const reader = await createUser(tenant.id, `reader@${tenant.initialDomain}`, ['GlobalReader']);
    const readerClient = await signIn(reader.email);
    const readerPortal = await readerClient.get('/portal');
    expect((await readerClient.get(policyPath(partner.partner.id))).status).toBe(403);
    expect((await readerClient.post(policyPath(partner.partner.id), { csrf: csrfOf(readerPortal.html), mode: 'each_batch' })).status).toBe(403);

    const elsewhere = await authorizedPartner();
    const otherAdmin = await signIn(elsewhere.admin.email);
    const otherPortal = await otherAdmin.get('/portal');
    expect((await otherAdmin.get(policyPath(partner.partner.id))).status).toBe(404);
    expect((await otherAdmin.post(policyPath(partner.partner.id), { csrf: csrfOf(otherPortal.html), mode: 'each_batch' })).status).toBe(404);
    // Signed out: sent to sign in; a post without a session is refused.
    expect((await new PageClient().get(policyPath(partner.partner.id))).location).toBe('/signin?next=%2Fportal');
    expect((await new PageClient().post(policyPath(partner.partner.id), { csrf: csrfOf(portal.html), mode: 'each_batch' })).status).toBe(401);
    expect(await policyOf(partner.apiKey, tenant.id)).toEqual({ mode: 'automatic' });
  });

  it("R28: a post without this session's CSRF token is refused (403) and changes nothing; an ended relationship's policy cannot change (409)", async () => {
    const { tenant, partner, client } = await consented();
    await client.get(policyPath(partner.partner.id));
    expect((await client.post(policyPath(partner.partner.id), { csrf: 'x'.repeat(43), mode: 'each_batch' })).status).toBe(403);
    expect((await client.post(policyPath(partner.partner.id), { mode: 'each_batch' })).status).toBe(403);
    expect(await policyOf(partner.apiKey, tenant.id)).toEqual({ mode: 'automatic' });

    const terminate = await client.get(`/portal/relationships/${partner.partner.id}/terminate`);
    expect((await client.post(`/portal/relationships/${partner.partner.id}/terminate`, { csrf: csrfOf(terminate.html), confirm: 'terminate' })).status).toBe(303);
    expect((await client.get(policyPath(partner.partner.id))).status).toBe(409);
    const portal = await client.get('/portal');
    expect(portal.html).not.toContain(`href="${policyPath(partner.partner.id)}"`);
    expect((await client.post(policyPath(partner.partner.id), { csrf: csrfOf(portal.html), mode: 'each_batch' })).status).toBe(409);
  });

  it('R28: the policy outlives a new acceptance of the same partner', async () => {
    const { tenant, admin, partner, client } = await consented();
    await setPolicy(client, partner.partner.id, { mode: 'above', threshold: '9' });
    const request = await asPartner(partner.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: admin.email });
    const page = await client.get(`/consent/${request.body.consentRequest.id}`);
    const accepted = await client.post(`/consent/${request.body.consentRequest.id}`, { csrf: csrfOf(page.html), confirm: 'yes', action: 'accept' });
    expect(accepted.html).toContain('Authorization is complete');
    expect(await policyOf(partner.apiKey, tenant.id)).toEqual({ mode: 'above', threshold: 9 });
  });
});
