import { randomBytes } from 'node:crypto';
import { Webhook } from 'svix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPartner, call, createPartner, createTenant, createUser, ops, stack, unique } from '../support/api.ts';
import { csrfOf, outboxSettled, signIn, waitForMail, type PageClient } from '../support/pages.ts';
import { startReceiver } from '../support/webhook-receiver.ts';
import { cli } from '../support/cli.ts';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeviceInput } from '#shared/domain/devices.ts';

/**
 * Device claims (R26, S6), end to end on the local stack: a partner claims devices registered to
 * another tenant; the owner releases (the devices move in one write, audited on both tenants) or
 * contests; operators decide; the deadline hands the rest to operators; the claimant withdraws; a
 * tenant claims by hardware hashes. Every answer, page, email and event is checked for R19: the
 * claimant never learns the owner tenant, the owner never the claimant tenant.
 */

const receivers: Awaited<ReturnType<typeof startReceiver>>[] = [];
afterAll(async () => Promise.all(receivers.map((r) => r.close())));

const hash = () => randomBytes(96).toString('base64');
const tuple = () => ({ manufacturer: 'Contoso', model: 'Surface Laptop 7', serialNumber: unique('SN').toUpperCase() });
type Partner = Awaited<ReturnType<typeof createPartner>>;
type Tenant = Awaited<ReturnType<typeof createTenant>>;

async function accept(client: PageClient, apiKey: string): Promise<void> {
  const { body } = await asPartner(apiKey, 'GET', '/v1/consent-link');
  const shown = await client.get(body.url);
  const done = await client.post(new URL(body.url).pathname, { csrf: csrfOf(shown.html), confirm: 'yes', action: 'accept' });
  expect(done.html).toContain('Authorization is complete');
}

async function customerKey(client: PageClient, scopes: string[]): Promise<string> {
  const shown = await client.get('/portal/api-keys');
  const form = new URLSearchParams({ csrf: csrfOf(shown.html), name: `key ${unique()}` });
  for (const scope of scopes) form.append('scopes', scope);
  const created = await client.post('/portal/api-keys', form);
  const secret = /id="new-key-secret">([^<]+)</.exec(created.html)?.[1];
  if (!secret) throw new Error(`no key shown: ${created.status}`);
  return secret;
}

async function register(partner: Partner, tenantId: string, devices: DeviceInput[]): Promise<string[]> {
  const res = await asPartner(partner.apiKey, 'POST', '/v1/devices', { tenantId, devices });
  expect(res.status, res.text).toBe(200);
  expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(devices.map(() => 'registered'));
  return res.body.results.map((r: { deviceId: string }) => r.deviceId);
}

/** Two sides: the owner tenant (its partner registered the devices) and the claimant tenant (its partner claims them), each with an admin, a key and a webhook. */
interface Side {
  tenant: Tenant;
  adminEmail: string;
  client: PageClient;
  partner: Partner;
  key: string;
  receiver: Awaited<ReturnType<typeof startReceiver>>;
  secret: string;
}

async function side(name: string): Promise<Side> {
  const tenant = await createTenant();
  const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
  const client = await signIn(admin.email);
  const partner = await createPartner('direct-csp', { name: `${name} ${unique()}` });
  await accept(client, partner.apiKey);
  const key = await customerKey(client, ['claims:write', 'devices:read', 'devices:release']);
  const receiver = await startReceiver();
  receivers.push(receiver);
  const put = await asPartner(partner.apiKey, 'PUT', '/v1/webhook', {
    url: receiver.url,
    events: ['device_claim.opened', 'device_claim.updated', 'device_claim.closed', 'devices.transferred', 'devices.registered'],
  });
  expect(put.status, put.text).toBe(200);
  return { tenant, adminEmail: admin.email, client, partner, key, receiver, secret: put.body.secret };
}

const evidence = { reference: 'PO-2026-1187', purchaseDate: '2026-10-01', note: 'Bought from a refurbisher' };

async function claim(claimant: Side, devices: DeviceInput[], expectedStatus = 201) {
  const res = await asPartner(claimant.partner.apiKey, 'POST', '/v1/device-claims', { tenantId: claimant.tenant.id, devices, evidence });
  expect(res.status, res.text).toBe(expectedStatus);
  return res;
}

const respond = (owner: Side, claimId: string, body: unknown) => call('POST', `/v1/tenant/device-claims/${claimId}/responses`, { token: owner.key, body });
const tenantDeviceIds = async (s: Side) => (await call('GET', '/v1/tenant/devices?limit=100', { token: s.key })).body.items.map((d: { id: string }) => d.id) as string[];
const auditOf = async (tenantId: string) => (await ops('GET', `/ops/audit?tenantId=${tenantId}&limit=100`)).body.items as { action: string; tenantId: string; details?: unknown }[];
const bodies = (received: { body: string }[]) => received.map((r) => JSON.parse(r.body) as { type: string; data: Record<string, unknown> });

/** R19: nothing a party is shown names the other party's tenant. */
function expectNoTrace(text: string, of: Tenant, what: string) {
  expect(text, `${what} names ${of.id}`).not.toContain(of.id);
  expect(text, `${what} names ${of.name}`).not.toContain(of.name);
}

let owner: Side;
let claimant: Side;
beforeAll(async () => {
  [owner, claimant] = await Promise.all([side('Owner Partner'), side('Claimant Partner')]);
}, 120_000);

describe('device claims (R26, S6)', () => {
  it('R26, R19: a partner claims; the owner releases (the devices move to the claimant, audited on both tenants, devices.transferred and device_claim.* signed) and contests; an operator grants; neither side sees the other tenant', async () => {
    const devices = [{ hardwareHash: hash() }, tuple(), { hardwareHash: hash(), serialNumber: unique('SN') }];
    const ownerIds = await register(owner.partner, owner.tenant.id, devices);
    const mine = tuple();
    await register(claimant.partner, claimant.tenant.id, [mine]);
    const nowhere = tuple();

    const opened = await claim(claimant, [...devices, mine, nowhere]);
    expect(opened.headers.get('location')).toBe(`/v1/device-claims/${opened.body.claim.id}`);
    expect(opened.body.summary).toEqual({ total: 5, claimed: 3, invalid: 2 });
    expect(opened.body.results.map((r: { status: string }) => r.status)).toEqual(['claimed', 'claimed', 'claimed', 'invalid', 'invalid']);
    expect(opened.body.results[3].errors[0]).toMatchObject({ code: 'device_already_assigned' });
    expect(opened.body.results[4].errors[0]).toMatchObject({ code: 'device_not_registered' });
    const claimId = opened.body.claim.id as string;
    expect(opened.body.claim).toMatchObject({ tenantId: claimant.tenant.id, status: 'open', reference: evidence.reference, summary: { claimed: 3 } });
    expect(Date.parse(opened.body.claim.deadline) - Date.parse(opened.body.claim.createdAt)).toBe(14 * 86_400_000);

    // The claimant's views: never the owner tenant, nor the owner's device ids (R19).
    const seen = [opened.text, (await asPartner(claimant.partner.apiKey, 'GET', `/v1/device-claims/${claimId}`)).text];
    const page = await asPartner(claimant.partner.apiKey, 'GET', `/v1/device-claims/${claimId}/devices`);
    expect(page.body.items.map((d: { index: number; status: string }) => [d.index, d.status])).toEqual([[0, 'open'], [1, 'open'], [2, 'open']]);
    seen.push(page.text, (await asPartner(claimant.partner.apiKey, 'GET', `/v1/device-claims?tenantId=${claimant.tenant.id}&status=open`)).text);
    for (const text of seen) {
      expectNoTrace(text, owner.tenant, 'a claimant answer');
      for (const id of ownerIds) expect(text).not.toContain(id);
    }

    // The owner's email: the claimant partner's name, the count, the evidence, the deadline; never the claimant tenant.
    const [mail] = await waitForMail(owner.adminEmail, 1).then((mails) => mails.filter((m) => m.subject.includes('claims')));
    expect(mail.subject).toContain(claimant.partner.partner.name);
    expect(mail.body.text).toContain('3 devices');
    expect(mail.body.text).toContain(evidence.reference);
    expect(mail.body.text).toContain(opened.body.claim.deadline.slice(0, 10));
    expectNoTrace(`${mail.subject}\n${mail.body.text}\n${mail.body.html}`, claimant.tenant, 'the owner email');

    // The owner's views: the claimant partner's name, its own devices; never the claimant tenant.
    const incoming = await call('GET', '/v1/tenant/device-claims?direction=incoming', { token: owner.key });
    const listed = incoming.body.items.find((c: { id: string }) => c.id === claimId);
    expect(listed).toMatchObject({ direction: 'incoming', claimant: { type: 'partner', partnerName: claimant.partner.partner.name }, status: 'open', summary: { claimed: 3 } });
    const ownerPage = await call('GET', `/v1/tenant/device-claims/${claimId}/devices`, { token: owner.key });
    expect(ownerPage.body.items.map((d: { deviceId: string }) => d.deviceId).sort()).toEqual([...ownerIds].sort());
    for (const text of [incoming.text, ownerPage.text, (await call('GET', `/v1/tenant/device-claims/${claimId}`, { token: owner.key })).text]) expectNoTrace(text, claimant.tenant, 'an owner answer');
    expect((await call('GET', '/v1/tenant/device-claims?direction=outgoing', { token: claimant.key })).body.items.map((c: { id: string }) => c.id)).toContain(claimId);

    // Release two: they move to the claimant's tenant at once, registered by the claimant partner.
    const released = await respond(owner, claimId, { devices: [0, 1], response: 'release', reason: 'Sold to them, owner-note-7731' });
    expect(released.status, released.text).toBe(200);
    expect(released.body.claim).toMatchObject({ status: 'open', summary: { claimed: 3, released: 2 } });
    expect(await tenantDeviceIds(owner)).toEqual([ownerIds[2]]);
    const moved = await asPartner(claimant.partner.apiKey, 'GET', `/v1/devices?tenantId=${claimant.tenant.id}`);
    expect(moved.body.items).toHaveLength(3);
    // Twice: 409; a contest needs a reason.
    expect((await respond(owner, claimId, { devices: [0], response: 'release' })).status).toBe(409);
    expect((await respond(owner, claimId, { devices: [2], response: 'contest' })).body.code).toBe('validation_failed');
    const contested = await respond(owner, claimId, { devices: 'all', response: 'contest', reason: 'We bought this one; invoice 4411' });
    expect(contested.status, contested.text).toBe(200);
    expect(contested.body.claim).toMatchObject({ status: 'with_operators', summary: { released: 2, contested: 1 } });

    // Operators: both sides' evidence, then a grant.
    const list = await ops('GET', '/ops/device-claims?status=contested&limit=100');
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(claimId);
    const seenByOps = await ops('GET', `/ops/device-claims/${claimId}`);
    expect(seenByOps.body.claim.claimant).toMatchObject({ kind: 'partner', tenantId: claimant.tenant.id, partnerId: claimant.partner.partner.id });
    expect(seenByOps.body.devices.find((d: { index: number }) => d.index === 2)).toMatchObject({ status: 'contested', contestReason: 'We bought this one; invoice 4411', ownerTenantId: owner.tenant.id });
    expect((await ops('POST', `/ops/device-claims/${claimId}/decisions`, { devices: [0], decision: 'grant', reason: 'x' })).status).toBe(409);
    const granted = await ops('POST', `/ops/device-claims/${claimId}/decisions`, { devices: [2], decision: 'grant', reason: 'The order reference matches the reseller invoice' });
    expect(granted.status, granted.text).toBe(200);
    expect(granted.body.claim).toMatchObject({ status: 'closed', summary: { released: 2, granted: 1 } });
    expect(await tenantDeviceIds(owner)).toEqual([]);
    expect((await ops('GET', '/ops/device-claims?status=contested&limit=100')).body.items.map((c: { id: string }) => c.id)).not.toContain(claimId);
    const afterAll = await asPartner(claimant.partner.apiKey, 'GET', `/v1/device-claims/${claimId}/devices`);
    expect(afterAll.body.items.find((d: { index: number }) => d.index === 2)).toMatchObject({ status: 'granted', reason: 'The order reference matches the reseller invoice' });
    expect(afterAll.text).not.toContain('invoice 4411');
    expect(afterAll.text).not.toContain('owner-note-7731');

    // Events, signed (Standard Webhooks, checked with svix): the owner's partner hears of its devices moving, the claimant's of its claim.
    const transferred = await owner.receiver.waitFor(2, 'devices.transferred');
    for (const r of transferred) expect(() => new Webhook(owner.secret).verify(r.body, r.headers)).not.toThrow();
    expect(bodies(transferred).flatMap((e) => e.data.deviceIds as string[]).sort()).toEqual([...ownerIds].sort());
    for (const r of transferred) expectNoTrace(r.body, claimant.tenant, 'devices.transferred');
    const claimEvents = await claimant.receiver.waitFor(1, 'device_claim.closed');
    await claimant.receiver.waitFor(3, 'device_claim.updated');
    for (const r of [...claimEvents, ...claimant.receiver.events('device_claim.updated'), ...claimant.receiver.events('device_claim.opened')]) {
      expect(() => new Webhook(claimant.secret).verify(r.body, r.headers)).not.toThrow();
      expectNoTrace(r.body, owner.tenant, 'a device_claim event');
    }
    expect(bodies(claimant.receiver.events('device_claim.opened')).map((e) => e.data.claimId)).toContain(claimId);

    // Audit on both tenants (R18), each without the other (R19).
    const ownerAudit = await auditOf(owner.tenant.id);
    const claimantAudit = await auditOf(claimant.tenant.id);
    for (const action of ['device_claim.opened', 'device_claim.released', 'device_claim.contested', 'device_claim.granted']) {
      expect(ownerAudit.map((e) => e.action), action).toContain(action);
      expect(claimantAudit.map((e) => e.action), action).toContain(action);
    }
    expectNoTrace(JSON.stringify(ownerAudit.filter((e) => e.action.startsWith('device_claim.'))), claimant.tenant, "the owner's audit");
    expectNoTrace(JSON.stringify(claimantAudit.filter((e) => e.action.startsWith('device_claim.'))), owner.tenant, "the claimant's audit");
  });

  it('S6: left to the deadline, the check run as of 15 days later hands the devices to operators as uncontested; an answer after the deadline is 409; an operator grants', async () => {
    const devices = [tuple(), tuple()];
    await register(owner.partner, owner.tenant.id, devices);
    const opened = await claim(claimant, devices);
    const claimId = opened.body.claim.id as string;
    const at = new Date(Date.parse(opened.body.claim.createdAt) + 15 * 86_400_000).toISOString();
    const run = await ops('POST', '/ops/jobs/consent-status-check', { now: at });
    expect(run.status, run.text).toBe(200);
    expect(run.body.claimsPastDeadline).toBeGreaterThanOrEqual(1);
    const after = await asPartner(claimant.partner.apiKey, 'GET', `/v1/device-claims/${claimId}`);
    expect(after.body.claim).toMatchObject({ status: 'with_operators', summary: { uncontested: 2 } });
    expect((await respond(owner, claimId, { devices: 'all', response: 'release' })).status).toBe(409);
    expect((await ops('GET', '/ops/device-claims?status=uncontested&limit=100')).body.items.map((c: { id: string }) => c.id)).toContain(claimId);
    // The check again: nothing more to do for it.
    expect((await ops('POST', '/ops/jobs/consent-status-check', { now: at })).status).toBe(200);
    const granted = await ops('POST', `/ops/device-claims/${claimId}/decisions`, { devices: 'all', decision: 'grant', reason: 'Unanswered; the evidence holds' });
    expect(granted.body.claim).toMatchObject({ status: 'closed', summary: { granted: 2 } });
    const updates = bodies(await claimant.receiver.waitFor(1, 'device_claim.updated')).filter((e) => e.data.claimId === claimId);
    expect(updates.some((e) => (e.data.devices as { status: string }[]).every((d) => d.status === 'uncontested'))).toBe(true);
  });

  it('R26: a withdrawn claim frees its devices; while it is open a second claimant gets claim_pending; withdrawing twice is 409; a denial leaves the device with its owner', async () => {
    const devices = [tuple(), tuple()];
    const ownerIds = await register(owner.partner, owner.tenant.id, devices);
    const first = await claim(claimant, devices);
    const other = await side('Second Claimant');
    const second = await claim(other, devices, 200);
    expect(second.body.claim).toBeUndefined();
    expect(second.body.results.map((r: { errors: { code: string }[] }) => r.errors[0].code)).toEqual(['claim_pending', 'claim_pending']);
    expectNoTrace(second.text, owner.tenant, 'claim_pending');

    const withdrawn = await asPartner(claimant.partner.apiKey, 'POST', `/v1/device-claims/${first.body.claim.id}/withdraw`);
    expect(withdrawn.status, withdrawn.text).toBe(200);
    expect(withdrawn.body.claim).toMatchObject({ status: 'closed', summary: { withdrawn: 2 } });
    expect((await asPartner(claimant.partner.apiKey, 'POST', `/v1/device-claims/${first.body.claim.id}/withdraw`)).status).toBe(409);
    expect((await respond(owner, first.body.claim.id, { devices: 'all', response: 'release' })).status).toBe(409);
    expect(await tenantDeviceIds(owner)).toEqual(expect.arrayContaining(ownerIds));

    // Free again: the second claimant's claim goes through; contested and denied, the device stays.
    const again = await claim(other, devices);
    expect((await respond(owner, again.body.claim.id, { devices: [0, 1], response: 'contest', reason: 'Ours' })).status).toBe(200);
    const denied = await ops('POST', `/ops/device-claims/${again.body.claim.id}/decisions`, { devices: 'all', decision: 'deny', reason: 'No evidence of purchase' });
    expect(denied.body.claim).toMatchObject({ status: 'closed', summary: { denied: 2 } });
    expect(await tenantDeviceIds(owner)).toEqual(expect.arrayContaining(ownerIds));
  });

  it('R26, R14: a partner not authorized for the tenant gets consent_required on every device and nothing is claimed; a reseller by JSON, channel_not_allowed; bad input is 400; another partner\'s claim is 404', async () => {
    const devices = [tuple()];
    await register(owner.partner, owner.tenant.id, devices);
    const stranger = await createPartner('direct-csp');
    const refused = await asPartner(stranger.apiKey, 'POST', '/v1/device-claims', { tenantId: claimant.tenant.id, devices, evidence });
    expect(refused.status, refused.text).toBe(200);
    expect(refused.body.claim).toBeUndefined();
    expect(refused.body.results[0].errors.map((e: { code: string }) => e.code)).toEqual(['consent_required']);
    const provider = await createPartner('indirect-provider');
    const reseller = await createPartner('indirect-reseller', { providerId: provider.partner.id });
    const byJson = await asPartner(reseller.apiKey, 'POST', '/v1/device-claims', { tenantId: claimant.tenant.id, devices, evidence });
    expect(byJson.body.results[0].errors[0].code).toBe('channel_not_allowed');

    expect((await asPartner(claimant.partner.apiKey, 'POST', '/v1/device-claims', { tenantId: claimant.tenant.id, devices, evidence: {} })).body.code).toBe('validation_failed');
    expect((await asPartner(claimant.partner.apiKey, 'POST', '/v1/device-claims', { tenantId: claimant.tenant.id, devices: [], evidence })).body.code).toBe('validation_failed');
    const noReference = await call('POST', `/v1/device-claims?tenantId=${claimant.tenant.id}`, { token: claimant.partner.apiKey, rawBody: 'Device Serial Number,Manufacturer name,Device model\nSN1,Contoso,L7\n', headers: { 'content-type': 'text/csv' } });
    expect(noReference.status).toBe(400);
    const opened = await claim(claimant, devices);
    expect((await asPartner(stranger.apiKey, 'GET', `/v1/device-claims/${opened.body.claim.id}`)).status).toBe(404);
    expect((await asPartner(stranger.apiKey, 'POST', `/v1/device-claims/${opened.body.claim.id}/withdraw`)).status).toBe(404);
    expect((await call('GET', `/v1/tenant/device-claims/${opened.body.claim.id}`, { token: (await side('Third')).key })).status).toBe(404);
    expect((await respond(owner, opened.body.claim.id, { devices: [5], response: 'release' })).status).toBe(400);
    expect((await respond(owner, opened.body.claim.id, { devices: 'some', response: 'release' })).status).toBe(400);
    const readOnly = await customerKey(owner.client, ['devices:read']);
    expect((await call('GET', '/v1/tenant/device-claims', { token: readOnly })).status).toBe(403);
    expect((await respond({ ...owner, key: readOnly }, opened.body.claim.id, { devices: 'all', response: 'release' })).status).toBe(403);
    expect((await asPartner(claimant.partner.apiKey, 'POST', `/v1/device-claims/${opened.body.claim.id}/withdraw`)).status).toBe(200);
  });

  it("R26, R19: a tenant's own claim from a CSV of hardware hashes (proof of possession); the owner sees a device holder, never the tenant; released, the device is the claimant's to register", async () => {
    const hashes = [hash(), hash()];
    await register(owner.partner, owner.tenant.id, hashes.map((hardwareHash) => ({ hardwareHash })));
    const csv = `Device Serial Number,Windows Product ID,Hardware Hash\r\n${hashes.map((h, i) => `SN${i},,${h}`).join('\r\n')}\r\nSN-ONLY,,\r\n`;
    const opened = await call('POST', `/v1/tenant/device-claims?reference=${encodeURIComponent('In hand at the Lyon site')}`, { token: claimant.key, rawBody: csv, headers: { 'content-type': 'text/csv' } });
    expect(opened.status, opened.text).toBe(201);
    expect(opened.body.summary).toEqual({ total: 3, claimed: 2, invalid: 1 });
    expectNoTrace(opened.text, owner.tenant, "a tenant's claim");
    const incoming = await call('GET', '/v1/tenant/device-claims?direction=incoming', { token: owner.key });
    const listed = incoming.body.items.find((c: { id: string }) => c.id === opened.body.claim.id);
    expect(listed.claimant).toEqual({ type: 'device_holder' });
    expectNoTrace(incoming.text, claimant.tenant, 'an incoming tenant claim');
    expect((await respond(owner, opened.body.claim.id, { devices: 'all', response: 'release' })).body.claim).toMatchObject({ status: 'closed', summary: { released: 2 } });
    // Free: the claimant's partner registers them.
    await register(claimant.partner, claimant.tenant.id, hashes.map((hardwareHash) => ({ hardwareHash })));
    const outgoing = await call('GET', `/v1/tenant/device-claims/${opened.body.claim.id}`, { token: claimant.key });
    expect(outgoing.body.claim).toMatchObject({ direction: 'outgoing', status: 'closed' });
    await outboxSettled();
  });

  it('R26: a claim withdrawn while its owner releases all of it, at once: one wins, the other sees the outcome; nothing moves twice', async () => {
    for (let round = 0; round < 3; round++) {
      const devices = Array.from({ length: 6 }, () => tuple());
      const ownerIds = await register(owner.partner, owner.tenant.id, devices);
      const opened = await claim(claimant, devices);
      const claimId = opened.body.claim.id as string;
      const [release, withdraw, releaseAgain] = await Promise.all([
        respond(owner, claimId, { devices: 'all', response: 'release' }),
        asPartner(claimant.partner.apiKey, 'POST', `/v1/device-claims/${claimId}/withdraw`),
        respond(owner, claimId, { devices: 'all', response: 'release' }),
      ]);
      const oks = [release, withdraw, releaseAgain].filter((r) => r.status === 200);
      expect(oks.length, [release, withdraw, releaseAgain].map((r) => `${r.status} ${r.text}`).join('\n')).toBe(1);
      for (const r of [release, withdraw, releaseAgain]) expect([200, 409]).toContain(r.status);
      const final = (await asPartner(claimant.partner.apiKey, 'GET', `/v1/device-claims/${claimId}`)).body.claim;
      const left = await tenantDeviceIds(owner);
      const theirs = (await asPartner(claimant.partner.apiKey, 'GET', `/v1/device-claims/${claimId}/devices`)).body.items as { status: string }[];
      if (withdraw.status === 200) {
        expect(final.summary).toMatchObject({ withdrawn: 6, released: 0 });
        expect(left).toEqual(expect.arrayContaining(ownerIds));
      } else {
        expect(final.summary).toMatchObject({ released: 6, withdrawn: 0 });
        for (const id of ownerIds) expect(left).not.toContain(id);
      }
      expect(theirs.every((d) => d.status === theirs[0].status)).toBe(true);
      // The devices are registered exactly once, wherever they are.
      const check = await asPartner(claimant.partner.apiKey, 'POST', '/v1/device-submissions/validate', { tenantId: claimant.tenant.id, devices });
      const codes = check.body.results.map((r: { errors: { code: string }[] }) => r.errors[0]?.code);
      expect(new Set(codes)).toEqual(new Set([withdraw.status === 200 ? 'device_assigned_to_other_tenant' : 'device_already_assigned']));
    }
  });

  it('R26: the CLI claims a file of any size in claims of 1000 (devices claim), and the owner answers with tenant claims release/contest', async () => {
    const devices = Array.from({ length: 1003 }, () => tuple());
    await register(owner.partner, owner.tenant.id, devices.slice(0, 1000));
    await register(owner.partner, owner.tenant.id, devices.slice(1000));
    const dir = await mkdtemp(join(tmpdir(), 'claims-'));
    const file = join(dir, 'fleet.csv');
    const nowhere = tuple();
    await writeFile(file, `Manufacturer name,Device model,Device Serial Number\r\n${[...devices, nowhere].map((d) => `${d.manufacturer},${d.model},${d.serialNumber}`).join('\r\n')}\r\n`);
    const run = await cli(['devices', 'claim', file, '--tenant', claimant.tenant.id, '--reference', 'PO-77', '--json'], { DEVICE_CONSENT_KEY: claimant.partner.apiKey });
    expect(run.code, run.stderr).toBe(2); // one device is registered nowhere
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ total: 1004, claimed: 1003, invalid: 1, byErrorCode: { device_not_registered: 1 } });
    expect(report.claims).toHaveLength(2);
    expectNoTrace(run.stdout, owner.tenant, 'the CLI report');

    const env = { DEVICE_CONSENT_TENANT_KEY: owner.key };
    const listed = await cli(['tenant', 'claims', 'list', '--json'], env);
    expect(JSON.parse(listed.stdout).map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining(report.claims));
    const [first, second] = await Promise.all(report.claims.map(async (id: string) => ({ id, claimed: (await call('GET', `/v1/tenant/device-claims/${id}`, { token: owner.key })).body.claim.summary.claimed as number })));
    // Each claim numbers its own devices from 0: the second holds the file's last three.
    const three = [first, second].find((c) => c.claimed === 3)!;
    expect((await cli(['tenant', 'claims', 'contest', three.id, '--devices', '1', '--reason', 'Still ours', '--json'], env)).code).toBe(0);
    const released = await cli(['tenant', 'claims', 'release', three.id, '--json'], env);
    expect(released.code, released.stderr).toBe(0);
    expect(JSON.parse(released.stdout)).toMatchObject({ status: 'with_operators', summary: { released: 2, contested: 1 } });
    expect((await cli(['tenant', 'claims', 'contest', three.id], env)).code).not.toBe(0);
  }, 240_000);

  it('R26, R19: the portal: the owner sees the claim (the partner\'s name, never the claimant tenant), releases a device only once confirmed, contests the rest with a reason; the claimant claims from a hash file and withdraws', async () => {
    const devices = [tuple(), tuple(), tuple()];
    await register(owner.partner, owner.tenant.id, devices);
    const opened = await claim(claimant, devices);
    const claimId = opened.body.claim.id as string;
    const list = await owner.client.get('/portal/claims');
    expect(list.status).toBe(200);
    expect(list.html).toContain(`/portal/claims/${claimId}`);
    expect(list.html).toContain(claimant.partner.partner.name);
    const shown = await owner.client.get(`/portal/claims/${claimId}`);
    expect(shown.html).toContain('id="claim-answer"');
    for (const html of [list.html, shown.html]) expectNoTrace(html, claimant.tenant, 'the owner portal');
    const csrf = csrfOf(shown.html);
    const unconfirmed = await owner.client.post(`/portal/claims/${claimId}/responses`, new URLSearchParams({ csrf, response: 'release', devices: '0' }));
    expect(unconfirmed.status).toBe(400);
    expect((await call('GET', `/v1/tenant/device-claims/${claimId}`, { token: owner.key })).body.claim.summary.released).toBe(0);
    const released = await owner.client.post(`/portal/claims/${claimId}/responses`, new URLSearchParams({ csrf, response: 'release', devices: '0', confirm: 'irreversible' }));
    expect(released.status, released.html.slice(0, 300)).toBe(303);
    const noReason = await owner.client.post(`/portal/claims/${claimId}/responses`, new URLSearchParams({ csrf, response: 'contest', scope: 'all' }));
    expect(noReason.status).toBe(400);
    expect((await owner.client.post(`/portal/claims/${claimId}/responses`, new URLSearchParams({ csrf, response: 'contest', scope: 'all', reason: 'Ours, invoice 9' }))).status).toBe(303);
    const after = await owner.client.get(`/portal/claims/${claimId}?done=contest`);
    expect(after.html).toContain('With operators');
    expect((await call('GET', `/v1/tenant/device-claims/${claimId}`, { token: owner.key })).body.claim.summary).toMatchObject({ released: 1, contested: 2 });
    // Another tenant's admin: not found (R19); a post without the session's CSRF token changes nothing.
    expect((await claimant.client.get(`/portal/claims/${claimId}`)).status).toBe(200); // the claimant's own (outgoing) view
    expectNoTrace((await claimant.client.get(`/portal/claims/${claimId}`)).html, owner.tenant, 'the claimant portal');
    expect((await owner.client.post(`/portal/claims/${claimId}/responses`, new URLSearchParams({ csrf: 'wrong', response: 'release', scope: 'all', confirm: 'irreversible' }))).status).toBe(403);

    // The claimant tenant's admin: a claim from a hash file, then withdrawn.
    const hashes = [hash()];
    await register(owner.partner, owner.tenant.id, hashes.map((hardwareHash) => ({ hardwareHash })));
    const form = new FormData();
    const page = await claimant.client.get('/portal/claims');
    form.append('csrf', csrfOf(page.html));
    form.append('reference', 'Lyon site');
    form.append('file', new Blob([`Device Serial Number,Windows Product ID,Hardware Hash\r\nSN1,,${hashes[0]}\r\n`], { type: 'text/csv' }), 'hashes.csv');
    const posted = await fetch(`${stack().apiUrl}/portal/claims`, { method: 'POST', headers: { cookie: [...claimant.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') }, body: form, redirect: 'manual' });
    expect(posted.status, await posted.clone().text()).toBe(303);
    const location = posted.headers.get('location')!;
    const mine = await claimant.client.get(location);
    expect(mine.html).toContain('id="claim-withdraw"');
    expectNoTrace(mine.html, owner.tenant, 'the claimant portal');
    const withdrawn = await claimant.client.post(`${location.split('?')[0]}/withdraw`, { csrf: csrfOf(mine.html) });
    expect(withdrawn.status).toBe(303);
    expect((await claimant.client.get(withdrawn.location!)).html).toContain('Withdrawn');
  });

  it("S6, R19, R7, R8: at the deadline the owner's side is told too: the reseller that had registered the devices and its provider get device_claim.updated naming the owner tenant and its device ids, never the claimant tenant; a release sends devices.transferred to both", async () => {
    const provider = await createPartner('indirect-provider');
    const reseller = await createPartner('indirect-reseller', { providerId: provider.partner.id });
    await accept(owner.client, reseller.apiKey);
    const hooks = await Promise.all(
      [reseller, provider].map(async (p) => {
        const receiver = await startReceiver();
        receivers.push(receiver);
        const put = await asPartner(p.apiKey, 'PUT', '/v1/webhook', { url: receiver.url, events: ['device_claim.updated', 'devices.transferred'] });
        expect(put.status, put.text).toBe(200);
        return receiver;
      }),
    );
    const devices = [tuple(), tuple(), tuple()];
    const csv = `Manufacturer name,Device model,Device Serial Number,Group Tag\r\n${devices.map((d) => `${d.manufacturer},${d.model},${d.serialNumber},`).join('\r\n')}\r\n`;
    const uploaded = await call('POST', `/v1/device-uploads?tenantId=${owner.tenant.id}`, { token: reseller.apiKey, rawBody: csv, headers: { 'content-type': 'text/csv' } });
    expect(uploaded.status, uploaded.text).toBe(200);
    const ids = uploaded.body.results.map((r: { deviceId: string }) => r.deviceId) as string[];
    expect(ids).toHaveLength(3);

    const opened = await claim(claimant, devices);
    const claimId = opened.body.claim.id as string;
    const released = await respond(owner, claimId, { devices: [0], response: 'release' });
    expect(released.status, released.text).toBe(200);
    const at = new Date(Date.parse(opened.body.claim.createdAt) + 15 * 86_400_000).toISOString();
    expect((await ops('POST', '/ops/jobs/consent-status-check', { now: at })).status).toBe(200);

    for (const receiver of hooks) {
      const of = async (type: string) => {
        const end = Date.now() + 30_000;
        for (;;) {
          const found = bodies(receiver.events(type)).filter((e) => e.data.claimId === claimId);
          if (found.length > 0 || Date.now() > end) return found;
          await new Promise((r) => setTimeout(r, 100));
        }
      };
      const [transferred] = await of('devices.transferred');
      expect(transferred?.data).toMatchObject({ tenantId: owner.tenant.id, partnerId: reseller.partner.id, deviceIds: [ids[0]], claimId });
      const updates = await of('device_claim.updated');
      expect(updates).toHaveLength(1);
      expect(updates[0].data).toMatchObject({ side: 'owner', claimId, tenantId: owner.tenant.id, partnerId: reseller.partner.id, status: 'uncontested' });
      expect([...(updates[0].data.deviceIds as string[])].sort()).toEqual([ids[1], ids[2]].sort());
      for (const e of [transferred, ...updates]) expectNoTrace(JSON.stringify(e), claimant.tenant, "the owner's partner's event");
    }
    // The owner's direct partner registered none of these devices: it hears nothing of this claim.
    expect(bodies(owner.receiver.events('device_claim.updated')).filter((e) => e.data.claimId === claimId)).toEqual([]);
  });

  it("R26, R14, R22: a move re-checks the claimant partner's authorization at write time: a partner whose consent ended before the owner releases moves nothing (409), the claim stays open and the devices stay with their owner", async () => {
    const lapsed = await side('Lapsed Claimant');
    const devices = [tuple(), tuple()];
    const ids = await register(owner.partner, owner.tenant.id, devices);
    const opened = await claim(lapsed, devices);
    const claimId = opened.body.claim.id as string;
    const terminate = await lapsed.client.get(`/portal/relationships/${lapsed.partner.partner.id}/terminate`);
    expect((await lapsed.client.post(`/portal/relationships/${lapsed.partner.partner.id}/terminate`, { csrf: csrfOf(terminate.html), confirm: 'terminate' })).status).toBe(303);

    const refused = await respond(owner, claimId, { devices: 'all', response: 'release' });
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.detail).toContain('no longer authorized');
    expect((await tenantDeviceIds(owner))).toEqual(expect.arrayContaining(ids));
    const asOwner = await call('GET', `/v1/tenant/device-claims/${claimId}`, { token: owner.key });
    expect(asOwner.body.claim ?? asOwner.body).toMatchObject({ status: 'open', summary: { claimed: 2, released: 0 } });
    expect((await asPartner(lapsed.partner.apiKey, 'GET', `/v1/device-claims/${claimId}`)).body.claim).toMatchObject({ status: 'open', summary: { released: 0 } });
    // The owner may still contest; an operator's grant moves nothing either.
    expect((await respond(owner, claimId, { devices: [0], response: 'contest', reason: 'Ours' })).status).toBe(200);
    const grant = await ops('POST', `/ops/device-claims/${claimId}/decisions`, { devices: [0], decision: 'grant', reason: 'Evidence holds' });
    expect(grant.status, grant.text).toBe(409);
    expect(await tenantDeviceIds(owner)).toEqual(expect.arrayContaining(ids));
  });

  it("R26, R19: the claim's email is an admin notice, one per global admin of the owner tenant: each gets one email (the claimant partner's name, the count, the evidence, the deadline, the link), never the claimant tenant", async () => {
    const tenant = await createTenant();
    const admins = await Promise.all(['first', 'second'].map((n) => createUser(tenant.id, `${n}@${tenant.initialDomain}`)));
    await accept(await signIn(admins[0].email), owner.partner.apiKey);
    const devices = [tuple(), tuple()];
    await register(owner.partner, tenant.id, devices);
    const opened = await claim(claimant, devices);
    const claimId = opened.body.claim.id as string;
    await outboxSettled();
    for (const admin of admins) {
      const mails = (await waitForMail(admin.email, 1)).filter((m) => m.subject.includes('claims'));
      expect(mails, admin.email).toHaveLength(1);
      const [mail] = mails;
      expect(mail.subject).toContain(claimant.partner.partner.name);
      expect(mail.body.text).toContain('2 devices');
      expect(mail.body.text).toContain(evidence.reference);
      expect(mail.body.text).toContain(evidence.purchaseDate);
      expect(mail.body.text).toContain(opened.body.claim.deadline.slice(0, 10));
      expect(mail.body.text).toContain(`/portal/claims/${claimId}`);
      expectNoTrace(`${mail.subject}\n${mail.body.text}\n${mail.body.html}`, claimant.tenant, 'the owner email');
    }
  });
});
