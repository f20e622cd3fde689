import { afterAll, describe, expect, it } from 'vitest';
import { asPartner, createPartner, createTenant, createUser, ops, problem, stack, unique } from '../support/api.ts';
import { acceptThroughLink, csrfOf, outboxSettled, signIn, waitForMail, mailTo, PageClient } from '../support/pages.ts';
import { startReceiver } from '../support/webhook-receiver.ts';
import { cli } from '../support/cli.ts';
import { signInWithOrganization } from '../support/oidc.ts';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const receivers: Awaited<ReturnType<typeof startReceiver>>[] = [];
afterAll(async () => Promise.all(receivers.map((r) => r.close())));

let serial = 0;
/** A product key id that no other test uses (13 digits). */
const pkid = () => `8${String(Date.now() % 1e8).padStart(8, '0')}${String(serial++ % 1e4).padStart(4, '0')}`;

const post = (apiKey: string, path: string, body?: unknown) => asPartner(apiKey, 'POST', path, body);
const EVENTS = ['consent.accepted', 'devices.registered', 'device_batch.finished', 'device_batch.awaiting_approval', 'device_batch.approved', 'device_batch.rejected', 'device_batch.expired'];

/** A tenant with a global admin, and a partner listening to its webhooks. */
async function world(kind: 'direct-csp' | 'oem' | 'indirect-reseller' = 'direct-csp', domains?: string[]) {
  const tenant = await createTenant(domains ? { domains } : {});
  const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
  const provider = kind === 'indirect-reseller' ? await createPartner('indirect-provider') : undefined;
  const partner = await createPartner(kind, kind === 'oem' ? { directApiEligible: true } : provider ? { providerId: provider.partner.id } : {});
  const receiver = await startReceiver();
  receivers.push(receiver);
  await asPartner(partner.apiKey, 'PUT', '/v1/webhook', { url: receiver.url, events: EVENTS });
  return { tenant, admin, partner, provider, receiver };
}

/** A held batch of `count` devices, submitted: it waits for the customer's approval. */
async function heldBatch(apiKey: string, tenant: string, count = 3, reference = `PO-${unique()}`) {
  const created = await post(apiKey, '/v1/device-batches', { tenantId: tenant, action: 'register', whenNotAuthorized: 'hold', reference });
  expect(created.status).toBe(201);
  const batchId = created.body.batch.id as string;
  expect((await post(apiKey, `/v1/device-batches/${batchId}/devices`, { devices: Array.from({ length: count }, () => ({ productKeyId: pkid() })) })).status).toBe(200);
  const submitted = await post(apiKey, `/v1/device-batches/${batchId}/submit`);
  expect(submitted.status).toBe(202);
  return { batchId, reference, submitted: submitted.body.batch };
}

/** A batch of `count` devices submitted without asking to hold: the approval policy (R28) decides whether it waits. */
async function submittedBatch(apiKey: string, tenant: string, count: number, reference = `PO-${unique()}`) {
  const created = await post(apiKey, '/v1/device-batches', { tenantId: tenant, action: 'register', reference });
  expect(created.status).toBe(201);
  const batchId = created.body.batch.id as string;
  expect((await post(apiKey, `/v1/device-batches/${batchId}/devices`, { devices: Array.from({ length: count }, () => ({ productKeyId: pkid() })) })).status).toBe(200);
  const submitted = await post(apiKey, `/v1/device-batches/${batchId}/submit`);
  expect(submitted.status).toBe(202);
  return { batchId, reference, submitted: submitted.body.batch };
}

/** R28: a tenant's global admin sets the partner's approval policy on the portal. */
async function setPolicy(client: PageClient, partnerId: string, fields: Record<string, string>) {
  const path = `/portal/relationships/${partnerId}/approval-policy`;
  const form = await client.get(path);
  const res = await client.post(path, { csrf: csrfOf(form.html), ...fields });
  expect(res.status, res.html.slice(0, 300)).toBe(303);
}

/** A partner consented by the tenant's admin, with a policy (R28) the admin set on the portal. */
async function consentedWith(fields: Record<string, string>) {
  const w = await world();
  await acceptThroughLink(w.admin.email, w.partner.apiKey);
  const client = await signIn(w.admin.email);
  await setPolicy(client, w.partner.partner.id, fields);
  return { ...w, client };
}

/** The held batch's email to one admin (R27), once it has arrived (a signed-in admin has sign-in mail too). */
async function heldBatchMail(to: string) {
  const end = Date.now() + 30_000;
  for (;;) {
    const found = (await mailTo(to)).filter((m) => m.subject.includes('asks you to approve'));
    if (found.length > 0) return found;
    if (Date.now() > end) throw new Error(`no held batch email for ${to}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The batches /portal lists as waiting for approval, in its order. */
const listedOnPortal = async (client: PageClient) => [...(await client.get('/portal')).html.matchAll(/<li id="held-batch-(b_[0-9a-f]+)">/g)].map((m) => m[1]);

async function finished(apiKey: string, batchId: string) {
  const end = Date.now() + 60_000;
  for (;;) {
    const res = await asPartner(apiKey, 'GET', `/v1/device-batches/${batchId}`);
    if (String(res.body.batch.status).startsWith('finished')) return res.body.batch;
    if (Date.now() > end) throw new Error(`batch ${batchId} still ${res.body.batch.status}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const auditOf = async (tenantId: string) => (await ops('GET', `/ops/audit?tenantId=${tenantId}&limit=100`)).body.items as { action: string; actor: { type: string; id: string }; partnerId?: string; subject?: string; details?: Record<string, unknown> }[];

describe('held batches (R27)', () => {
  it("R27, R1-R9: a direct CSP's held batch, for a tenant named by its proven domain, waits (one email to the admins, awaiting_approval), then is approved with the consent in one step: relationship, registrations, audit, events", async () => {
    const { tenant, admin, partner, receiver } = await world();
    const { batchId, reference, submitted } = await heldBatch(partner.apiKey, tenant.initialDomain, 3);
    expect(submitted).toMatchObject({ tenantId: tenant.id, status: 'awaiting_approval', whenNotAuthorized: 'hold', reference, approval: { status: 'pending', reason: 'not_authorized', expiresAt: expect.any(String) } });
    // Nothing registered, the partner told, the admins emailed once with the page's link.
    const [waiting] = await receiver.waitFor(1, 'device_batch.awaiting_approval');
    expect(JSON.parse(waiting.body).data).toMatchObject({ batchId, tenantId: tenant.id, partnerId: partner.partner.id, reference, reason: 'not_authorized', summary: { received: 3 } });
    const [mail] = await waitForMail(admin.email);
    expect(mail.subject).toContain(partner.partner.name);
    expect(mail.body.text).toContain('Direct CSP');
    expect(mail.body.text).toContain('3 devices');
    expect(mail.body.text).toContain(reference);
    expect(mail.body.text).toContain(`/portal/batches/${batchId}`);
    expect((await asPartner(partner.apiKey, 'GET', `/v1/customers/${tenant.id}`)).status).toBe(404);

    const client = await signIn(admin.email);
    const shown = await client.get(`/portal/batches/${batchId}`);
    expect(shown.status).toBe(200);
    expect(shown.html).toContain(partner.partner.name);
    expect(shown.html).toContain(reference);
    expect(shown.html).toContain('Approving also authorizes');
    expect(shown.html).toContain('name="confirm" value="yes"');
    // R3: without the "Yes" nothing is approved, nothing is accepted.
    const unconfirmed = await client.post(`/portal/batches/${batchId}`, { csrf: csrfOf(shown.html), action: 'approve' });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.html).toContain('Nothing was approved');
    expect((await asPartner(partner.apiKey, 'GET', `/v1/customers/${tenant.id}`)).status).toBe(404);
    // A foreign CSRF token: refused, nothing changes.
    expect((await client.post(`/portal/batches/${batchId}`, { csrf: 'x'.repeat(43), action: 'approve', confirm: 'yes' })).status).toBe(403);

    const approved = await client.post(`/portal/batches/${batchId}`, { csrf: csrfOf(shown.html), action: 'approve', confirm: 'yes' });
    expect(approved.status).toBe(200);
    expect(approved.html).toContain('The devices are approved');
    // R2: the relationship is active when the answer returns, granted through the batch.
    expect((await asPartner(partner.apiKey, 'GET', `/v1/customers/${tenant.id}`)).body.customer.relationship.status).toBe('active');
    const done = await finished(partner.apiKey, batchId);
    expect(done).toMatchObject({ status: 'finished', summary: { received: 3, succeeded: 3 }, approval: { status: 'approved', decidedAt: expect.any(String) } });
    expect((await asPartner(partner.apiKey, 'GET', `/v1/devices?tenantId=${tenant.id}`)).body.items).toHaveLength(3);

    await receiver.waitFor(1, 'device_batch.finished');
    const [accepted] = receiver.events('consent.accepted');
    expect(JSON.parse(accepted.body).data).toMatchObject({ tenantId: tenant.id, partnerId: partner.partner.id, batchId, actor: { type: 'user', id: admin.id } });
    const [approvedEvent] = receiver.events('device_batch.approved');
    expect(JSON.parse(approvedEvent.body).data).toMatchObject({ batchId, withConsent: true, actor: { type: 'user', id: admin.id } });
    // R18: the acceptance and the approval audited with their actor.
    const audit = await auditOf(tenant.id);
    expect(audit.find((e) => e.action === 'consent.accepted')).toMatchObject({ actor: { type: 'user', id: admin.id }, partnerId: partner.partner.id, details: { batchId } });
    expect(audit.find((e) => e.action === 'device_batch.approved')).toMatchObject({ actor: { type: 'user', id: admin.id }, subject: batchId, details: { withConsent: true } });
    expect(audit.find((e) => e.action === 'device_batch.awaiting_approval')).toMatchObject({ actor: { type: 'partner' }, subject: batchId });

    // 409: approving twice; the page says so.
    const again = await client.post(`/portal/batches/${batchId}`, { csrf: csrfOf(shown.html), action: 'approve', confirm: 'yes' });
    expect(again.status).toBe(409);
    expect(again.html).toContain('approved');
    expect((await client.get(`/portal/batches/${batchId}`)).html).toContain('There is nothing more to decide');
    // One email for the held batch, whatever its parts and decisions.
    expect((await mailTo(admin.email)).filter((m) => m.subject.includes('asks you to approve'))).toHaveLength(1);
    // R30: the acceptance records how the approving admin had signed in (an emailed link).
    expect((await client.get('/portal/access')).html).toMatch(new RegExp(`${admin.email}<br><span class="muted">signed in with an emailed link`));
  });

  it('R27: rejected with the block: nothing registered, the partner told; its next hold is refused 403 (the same batch without hold is not); unblocked in the portal, it may hold again', async () => {
    const { tenant, admin, partner, receiver } = await world();
    const { batchId } = await heldBatch(partner.apiKey, tenant.id, 2);
    await waitForMail(admin.email);
    const client = await signIn(admin.email);
    const shown = await client.get(`/portal/batches/${batchId}`);
    const rejected = await client.post(`/portal/batches/${batchId}`, { csrf: csrfOf(shown.html), action: 'reject', block: 'yes' });
    expect(rejected.status).toBe(200);
    expect(rejected.html).toContain('The batch is rejected');
    const batch = (await asPartner(partner.apiKey, 'GET', `/v1/device-batches/${batchId}`)).body.batch;
    expect(batch).toMatchObject({ status: 'rejected', finishedAt: expect.any(String), approval: { status: 'rejected', decidedAt: expect.any(String) } });
    const [event] = await receiver.waitFor(1, 'device_batch.rejected');
    expect(JSON.parse(event.body).data).toMatchObject({ batchId, blocked: true, actor: { type: 'user', id: admin.id } });
    expect((await asPartner(partner.apiKey, 'GET', `/v1/customers/${tenant.id}`)).status).toBe(404);
    const audit = await auditOf(tenant.id);
    expect(audit.find((e) => e.action === 'device_batch.rejected')).toMatchObject({ actor: { type: 'user', id: admin.id }, details: { blocked: true } });
    expect(audit.find((e) => e.action === 'held_batches.partner_blocked')).toMatchObject({ actor: { type: 'user', id: admin.id }, partnerId: partner.partner.id });

    // 409 on a rejected batch, either decision.
    expect((await client.post(`/portal/batches/${batchId}`, { csrf: csrfOf(shown.html), action: 'approve', confirm: 'yes' })).status).toBe(409);
    expect((await client.post(`/portal/batches/${batchId}`, { csrf: csrfOf(shown.html), action: 'reject' })).status).toBe(409);

    // Blocked: a hold is refused, by id or by domain; a batch that does not ask to hold is not.
    expect(problem(await post(partner.apiKey, '/v1/device-batches', { tenantId: tenant.id, action: 'register', whenNotAuthorized: 'hold' }))).toMatchObject({ status: 403, code: 'forbidden' });
    expect(problem(await post(partner.apiKey, '/v1/device-batches', { tenantId: tenant.initialDomain, action: 'register', whenNotAuthorized: 'hold' }))).toMatchObject({ status: 403, code: 'forbidden' });
    expect((await post(partner.apiKey, '/v1/device-batches', { tenantId: tenant.id, action: 'register' })).status).toBe(201);
    // R29: the refused hold is on the tenant's trail, refused, with the partner's key as actor (once a day per attempt).
    const refusedHolds = (await auditOf(tenant.id)).filter((e) => e.action === 'device_batch.created' && (e as { outcome?: string }).outcome === 'refused');
    expect(refusedHolds).toHaveLength(1);
    expect(refusedHolds[0]).toMatchObject({ actor: { type: 'partner', id: partner.partner.id }, partnerId: partner.partner.id, details: { reason: 'partner_blocked', whenNotAuthorized: 'hold' } });

    // Unblocked in the portal: it may hold again.
    const portal = await client.get('/portal');
    expect(portal.html).toContain(`Unblock ${partner.partner.name}`);
    const unblocked = await client.post(`/portal/hold-blocks/${partner.partner.id}/remove`, { csrf: csrfOf(portal.html) });
    expect(unblocked.status).toBe(303);
    expect((await client.get(unblocked.location!)).html).toContain('The partner is unblocked');
    expect((await post(partner.apiKey, '/v1/device-batches', { tenantId: tenant.id, action: 'register', whenNotAuthorized: 'hold' })).status).toBe(201);
    expect((await auditOf(tenant.id)).find((e) => e.action === 'held_batches.partner_unblocked')).toMatchObject({ actor: { type: 'user', id: admin.id } });
    // Unblocking again: nothing to unblock.
    expect((await client.post(`/portal/hold-blocks/${partner.partner.id}/remove`, { csrf: csrfOf(portal.html) })).status).toBe(404);
  });

  it("R9: an OEM's held batch is approved only by a cloud-native global admin; another admin sees why and may only reject", async () => {
    const domain = `${unique('d')}.example`;
    const { tenant, partner, admin: cloudNative } = await world('oem', [domain]);
    await createUser(tenant.id, `boss@${domain}`);
    const { batchId } = await heldBatch(partner.apiKey, tenant.id, 1);
    // One email to each global admin, the cloud-native one and the other.
    await waitForMail(cloudNative.email);
    await waitForMail(`boss@${domain}`);

    const other = await signIn(`boss@${domain}`);
    const shown = await other.get(`/portal/batches/${batchId}`);
    expect(shown.status).toBe(200);
    expect(shown.html).toContain('You cannot approve this batch');
    expect(shown.html).not.toContain('value="approve"');
    const refused = await other.post(`/portal/batches/${batchId}`, { csrf: csrfOf(shown.html), action: 'approve', confirm: 'yes' });
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('cloud-native');
    expect((await asPartner(partner.apiKey, 'GET', `/v1/device-batches/${batchId}`)).body.batch.status).toBe('awaiting_approval');

    const native = await signIn(cloudNative.email);
    const page = await native.get(`/portal/batches/${batchId}`);
    const approved = await native.post(`/portal/batches/${batchId}`, { csrf: csrfOf(page.html), action: 'approve', confirm: 'yes' });
    expect(approved.status).toBe(200);
    expect((await asPartner(partner.apiKey, 'GET', `/v1/customers/${tenant.id}`)).body.customer.relationship.status).toBe('active');
    expect(await finished(partner.apiKey, batchId)).toMatchObject({ status: 'finished', summary: { succeeded: 1 } });
  });

  it('R1, R5, R19: a non-admin of the tenant and an admin of another tenant get the R1 and R5 pages, and nothing changes; signed out, the page asks to sign in', async () => {
    const { tenant, partner } = await world();
    const { batchId } = await heldBatch(partner.apiKey, tenant.id, 1);
    const reader = await createUser(tenant.id, `reader@${tenant.initialDomain}`, ['GlobalReader']);
    const readerClient = await signIn(reader.email);
    const r1 = await readerClient.get(`/portal/batches/${batchId}`);
    expect(r1.status).toBe(403);
    expect(r1.html).toContain('You need global administrator privileges');
    expect(r1.html).not.toContain('held-batch-form');
    expect((await readerClient.post(`/portal/batches/${batchId}`, { csrf: csrfOf(r1.html), action: 'reject', block: 'yes' })).status).toBe(403);

    const otherTenant = await createTenant();
    const otherAdmin = await createUser(otherTenant.id, `admin@${otherTenant.initialDomain}`);
    const otherClient = await signIn(otherAdmin.email);
    const r5 = await otherClient.get(`/portal/batches/${batchId}`);
    expect(r5.status).toBe(403);
    expect(r5.html).toContain('another organization');
    expect(r5.html).not.toContain('held-batch-form');
    expect((await otherClient.post(`/portal/batches/${batchId}`, { csrf: csrfOf(r5.html), action: 'approve', confirm: 'yes' })).status).toBe(403);

    expect((await asPartner(partner.apiKey, 'GET', `/v1/device-batches/${batchId}`)).body.batch).toMatchObject({ status: 'awaiting_approval', approval: { status: 'pending' } });
    expect((await asPartner(partner.apiKey, 'GET', `/v1/customers/${tenant.id}`)).status).toBe(404);
    expect((await new PageClient().get(`/portal/batches/${batchId}`)).location).toBe(`/signin?next=${encodeURIComponent(`/portal/batches/${batchId}`)}`);
    expect((await otherClient.get('/portal/batches/b_000000000000000000000000')).status).toBe(404);
  });

  it('R27, R19, R8: bad input: an unknown tenant or domain is 404, a hold of a deregistration 400, an indirect provider 403; a hold for a consented partner is worked at once', async () => {
    const { tenant, admin, partner } = await world();
    expect(problem(await post(partner.apiKey, '/v1/device-batches', { tenantId: 't_nobody', action: 'register', whenNotAuthorized: 'hold' }))).toMatchObject({ status: 404, code: 'not_found' });
    expect(problem(await post(partner.apiKey, '/v1/device-batches', { tenantId: `${unique('u')}.example`, action: 'register', whenNotAuthorized: 'hold' }))).toMatchObject({ status: 404, code: 'not_found' });
    expect(problem(await post(partner.apiKey, '/v1/device-batches', { tenantId: tenant.id, action: 'deregister', whenNotAuthorized: 'hold' }))).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(problem(await post(partner.apiKey, '/v1/device-batches', { tenantId: tenant.id, action: 'register', whenNotAuthorized: 'later' }))).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(problem(await post(partner.apiKey, '/v1/device-batches', { tenantId: tenant.id, action: 'register', reference: 'x'.repeat(101) }))).toMatchObject({ status: 400, code: 'validation_failed' });
    const provider = await createPartner('indirect-provider');
    expect(problem(await post(provider.apiKey, '/v1/device-batches', { tenantId: tenant.id, action: 'register', whenNotAuthorized: 'hold' }))).toMatchObject({ status: 403, code: 'forbidden' });

    // Consented already: a hold does not wait (R22 judges each device as for any batch).
    await acceptThroughLink(admin.email, partner.apiKey);
    const { batchId, submitted } = await heldBatch(partner.apiKey, tenant.id, 2);
    expect(submitted.status).toBe('queued');
    expect(submitted.approval).toBeUndefined();
    expect(await finished(partner.apiKey, batchId)).toMatchObject({ status: 'finished', summary: { succeeded: 2 } });
    // Without hold, a batch for a tenant that has not consented fails per device, as before.
    const { tenant: other } = await world();
    const created = await post(partner.apiKey, '/v1/device-batches', { tenantId: other.id, action: 'register' });
    await post(partner.apiKey, `/v1/device-batches/${created.body.batch.id}/devices`, { devices: [{ productKeyId: pkid() }] });
    expect((await post(partner.apiKey, `/v1/device-batches/${created.body.batch.id}/submit`)).body.batch.status).toBe('queued');
    expect(await finished(partner.apiKey, created.body.batch.id)).toMatchObject({ status: 'finished_with_errors', summary: { failed: 1 } });
    // No held batch, no email to the admins about one.
    await outboxSettled();
    expect((await mailTo(admin.email)).filter((m) => m.subject.includes('asks you to approve'))).toEqual([]);
  });

  it('R27: the CLI\'s `devices register --hold` sends the file as a held batch (exit 0, every device held, the reference shown to the customer); approved, it is registered', async () => {
    const { tenant, admin, partner } = await world();
    const dir = await mkdtemp(join(tmpdir(), 'held-cli-'));
    try {
      const file = join(dir, 'devices.csv');
      await writeFile(file, `Windows Product ID\r\n${pkid()}\r\n${pkid()}\r\n`);
      const reference = `PO-${unique()}`;
      const run = await cli(['--json', 'devices', 'register', file, '--tenant', tenant.initialDomain, '--hold', '--reference', reference, '--no-results'], { DEVICE_CONSENT_KEY: partner.apiKey });
      expect(run.code, run.stderr).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report).toMatchObject({ batchStatus: 'awaiting_approval', total: 2, failed: 0, byStatus: { held: 2 } });
      const [mail] = await waitForMail(admin.email);
      expect(mail.body.text).toContain(reference);
      const client = await signIn(admin.email);
      const shown = await client.get(`/portal/batches/${report.batchId}`);
      expect((await client.post(`/portal/batches/${report.batchId}`, { csrf: csrfOf(shown.html), action: 'approve', confirm: 'yes' })).status).toBe(200);
      expect(await finished(partner.apiKey, report.batchId)).toMatchObject({ status: 'finished', summary: { succeeded: 2 } });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("R27, R7, R14: an indirect reseller's held batch (its CSV channel) names its provider in the email; approved, the reseller and its provider are authorized and the devices registered", async () => {
    const { tenant, admin, partner, provider } = await world('indirect-reseller');
    const created = await post(partner.apiKey, '/v1/device-batches', { tenantId: tenant.id, action: 'register', whenNotAuthorized: 'hold' });
    const batchId = created.body.batch.id as string;
    const csv = `Windows Product ID\r\n${pkid()}\r\n`;
    const added = await fetch(`${stack().apiUrl}/v1/device-batches/${batchId}/devices`, { method: 'POST', headers: { authorization: `Bearer ${partner.apiKey}`, 'content-type': 'text/csv' }, body: csv });
    expect(added.status).toBe(200);
    expect((await post(partner.apiKey, `/v1/device-batches/${batchId}/submit`)).body.batch.status).toBe('awaiting_approval');
    const [mail] = await waitForMail(admin.email);
    expect(mail.body.text).toContain('Indirect CSP Reseller');
    expect(mail.body.text).toContain(provider!.partner.name);
    // Signed in with the organization's identity provider (R21), which the acceptance records (R30).
    const { client } = await signInWithOrganization(admin.email);
    const shown = await client.get(`/portal/batches/${batchId}`);
    expect(shown.html).toContain(provider!.partner.name);
    expect((await client.post(`/portal/batches/${batchId}`, { csrf: csrfOf(shown.html), action: 'approve', confirm: 'yes' })).status).toBe(200);
    expect(await finished(partner.apiKey, batchId)).toMatchObject({ status: 'finished', summary: { succeeded: 1 } });
    expect((await asPartner(provider!.apiKey, 'GET', `/v1/customers/${tenant.id}`)).body.customer.relationship.status).toBe('active');
    const access = (await client.get('/portal/access')).html;
    expect(access).toMatch(new RegExp(`<tr id="access-${partner.partner.id}">[\\s\\S]*?signed in with the organization&#39;s identity provider`));
  });

  it("R27 R28: each_batch holds a consented partner's batch: awaiting_approval (approval_policy), one email to each global admin and the webhook; the page says why and approves it without a consent; registered", async () => {
    const { tenant, admin, partner, receiver, client } = await consentedWith({ mode: 'each_batch' });
    const second = await createUser(tenant.id, `second@${tenant.initialDomain}`);
    const { batchId, reference, submitted } = await submittedBatch(partner.apiKey, tenant.id, 2);
    expect(submitted).toMatchObject({ status: 'awaiting_approval', reference, approval: { status: 'pending', reason: 'approval_policy', expiresAt: expect.any(String) } });
    expect(submitted.whenNotAuthorized).toBeUndefined();
    const [waiting] = await receiver.waitFor(1, 'device_batch.awaiting_approval');
    expect(JSON.parse(waiting.body).data).toMatchObject({ batchId, tenantId: tenant.id, partnerId: partner.partner.id, reference, reason: 'approval_policy', summary: { received: 2 } });
    // One email to each global admin (a notice item each), saying why it waits.
    for (const to of [admin.email, second.email]) {
      const [mail] = await heldBatchMail(to);
      expect(mail.subject).toContain(`${partner.partner.name} asks you to approve 2 devices`);
      expect(mail.body.text).toContain('Direct CSP');
      expect(mail.body.text).toContain(reference);
      expect(mail.body.text).toContain(`Your approval policy for ${partner.partner.name} holds its batches`);
      expect(mail.body.text).toContain(`/portal/batches/${batchId}`);
    }
    expect(await listedOnPortal(client)).toEqual([batchId]);

    const shown = await client.get(`/portal/batches/${batchId}`);
    expect(shown.status).toBe(200);
    expect(shown.html).toContain('It waits because your approval policy');
    expect(shown.html).toContain('Each batch waits for your approval');
    expect(shown.html).not.toContain('Approving also authorizes');
    expect(shown.html).not.toContain('name="confirm"');
    expect(shown.html).not.toContain('name="block"');
    // No "Yes" needed: the partner is authorized already.
    const approved = await client.post(`/portal/batches/${batchId}`, { csrf: csrfOf(shown.html), action: 'approve' });
    expect(approved.status).toBe(200);
    expect(approved.html).toContain('The devices are approved');
    expect(approved.html).not.toContain('is now authorized');
    expect(await finished(partner.apiKey, batchId)).toMatchObject({ status: 'finished', summary: { received: 2, succeeded: 2 }, approval: { status: 'approved', reason: 'approval_policy' } });
    const [approvedEvent] = await receiver.waitFor(1, 'device_batch.approved');
    expect(JSON.parse(approvedEvent.body).data).toMatchObject({ batchId, reason: 'approval_policy', withConsent: false, actor: { type: 'user', id: admin.id } });
    const audit = await auditOf(tenant.id);
    expect(audit.find((e) => e.action === 'device_batch.approved')).toMatchObject({ actor: { type: 'user', id: admin.id }, subject: batchId, details: { withConsent: false } });
    expect(audit.filter((e) => e.action === 'consent.accepted')).toHaveLength(1);
    // Off the list once decided; one email each, whatever was decided.
    expect(await listedOnPortal(client)).toEqual([]);
    for (const to of [admin.email, second.email]) expect((await mailTo(to)).filter((m) => m.subject.includes('asks you to approve'))).toHaveLength(1);
  });

  it('R28: above N holds a batch of N+1 devices and not one of N; automatic never holds', async () => {
    const { tenant, partner, client } = await consentedWith({ mode: 'above', threshold: '2' });
    const atN = await submittedBatch(partner.apiKey, tenant.id, 2);
    expect(atN.submitted.status).toBe('queued');
    expect(atN.submitted.approval).toBeUndefined();
    const aboveN = await submittedBatch(partner.apiKey, tenant.id, 3);
    expect(aboveN.submitted).toMatchObject({ status: 'awaiting_approval', approval: { reason: 'approval_policy' } });
    expect(await finished(partner.apiKey, atN.batchId)).toMatchObject({ status: 'finished', summary: { succeeded: 2 } });
    await setPolicy(client, partner.partner.id, { mode: 'automatic' });
    const automatic = await submittedBatch(partner.apiKey, tenant.id, 3);
    expect(automatic.submitted.status).toBe('queued');
    expect(automatic.submitted.approval).toBeUndefined();
    expect(await finished(partner.apiKey, automatic.batchId)).toMatchObject({ status: 'finished', summary: { succeeded: 3 } });
    // The batch held before the policy changed still waits, for a decision.
    expect((await asPartner(partner.apiKey, 'GET', `/v1/device-batches/${aboveN.batchId}`)).body.batch.status).toBe('awaiting_approval');
    expect(await listedOnPortal(client)).toEqual([aboveN.batchId]);
  });

  it('R27 R28: a batch the policy held is rejected: nothing registered, the partner told; blocking (which stops holds without consent) is not applied, the relationship stays', async () => {
    const { tenant, admin, partner, receiver, client } = await consentedWith({ mode: 'each_batch' });
    const { batchId } = await submittedBatch(partner.apiKey, tenant.id, 1);
    const shown = await client.get(`/portal/batches/${batchId}`);
    const rejected = await client.post(`/portal/batches/${batchId}`, { csrf: csrfOf(shown.html), action: 'reject', block: 'yes' });
    expect(rejected.status).toBe(200);
    expect(rejected.html).toContain('The batch is rejected');
    expect(rejected.html).not.toContain('can no longer send');
    expect((await asPartner(partner.apiKey, 'GET', `/v1/device-batches/${batchId}`)).body.batch).toMatchObject({ status: 'rejected', summary: { succeeded: 0 }, approval: { status: 'rejected', reason: 'approval_policy' } });
    const [event] = await receiver.waitFor(1, 'device_batch.rejected');
    expect(JSON.parse(event.body).data).toMatchObject({ batchId, reason: 'approval_policy', blocked: false, actor: { type: 'user', id: admin.id } });
    const audit = await auditOf(tenant.id);
    expect(audit.find((e) => e.action === 'device_batch.rejected')).toMatchObject({ actor: { type: 'user', id: admin.id }, details: { blocked: false } });
    expect(audit.find((e) => e.action === 'held_batches.partner_blocked')).toBeUndefined();
    expect((await asPartner(partner.apiKey, 'GET', `/v1/customers/${tenant.id}`)).body.customer.relationship.status).toBe('active');
    expect((await asPartner(partner.apiKey, 'GET', `/v1/devices?tenantId=${tenant.id}`)).body.items).toEqual([]);
    // Not blocked: its next batch, asking to hold or not, is held by the policy again.
    expect((await post(partner.apiKey, '/v1/device-batches', { tenantId: tenant.id, action: 'register', whenNotAuthorized: 'hold' })).status).toBe(201);
    expect((await submittedBatch(partner.apiKey, tenant.id, 1)).submitted).toMatchObject({ status: 'awaiting_approval', approval: { reason: 'approval_policy' } });
    expect((await client.post(`/portal/batches/${batchId}`, { csrf: csrfOf(shown.html), action: 'approve' })).status).toBe(409);
  });

  it("R27 R19: /portal lists the tenant's batches waiting for approval, newest first, each linking to its page; never another tenant's, nor a decided one", async () => {
    const { tenant, admin, partner } = await world();
    const first = await heldBatch(partner.apiKey, tenant.id, 1);
    const second = await heldBatch(partner.apiKey, tenant.id, 4);
    const other = await world();
    const foreign = await heldBatch(other.partner.apiKey, other.tenant.id, 1);
    const client = await signIn(admin.email);
    const portal = await client.get('/portal');
    expect(await listedOnPortal(client)).toEqual([second.batchId, first.batchId]);
    expect(portal.html).toContain(`href="/portal/batches/${second.batchId}"`);
    expect(portal.html).toContain(`4 devices from ${partner.partner.name}`);
    expect(portal.html).toContain(`reference ${second.reference}`);
    expect(portal.html).not.toContain(foreign.batchId);
    expect(portal.html).not.toContain(other.partner.partner.name);
    const otherClient = await signIn(other.admin.email);
    expect(await listedOnPortal(otherClient)).toEqual([foreign.batchId]);
    // Decided, it leaves the list.
    const shown = await client.get(`/portal/batches/${first.batchId}`);
    expect((await client.post(`/portal/batches/${first.batchId}`, { csrf: csrfOf(shown.html), action: 'reject' })).status).toBe(200);
    expect(await listedOnPortal(client)).toEqual([second.batchId]);
    // A non-admin sees no list (the R1 page).
    const reader = await createUser(tenant.id, `reader@${tenant.initialDomain}`, ['GlobalReader']);
    const readerPortal = await (await signIn(reader.email)).get('/portal');
    expect(readerPortal.status).toBe(403);
    expect(readerPortal.html).not.toContain(second.batchId);
  });
});
