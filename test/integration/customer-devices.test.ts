import { randomBytes } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { Webhook } from 'svix';
import { afterAll, describe, expect, it } from 'vitest';
import { asPartner, call, createPartner, createTenant, createUser, ops, stack, unique } from '../support/api.ts';
import { csrfOf, outboxSettled, signIn, type PageClient } from '../support/pages.ts';
import { startReceiver } from '../support/webhook-receiver.ts';
import type { TenantDevice } from '#shared/customers/devices.ts';
import type { DeviceInput } from '#shared/domain/devices.ts';

/**
 * The customer's side of its devices (R23, R24) through the customer API and the portal: every
 * device registered to the tenant with who registered it, the filters and the CSV export, and the
 * release (one, a selection, a file), each checked against what the partners see and hear.
 */

const receivers: Awaited<ReturnType<typeof startReceiver>>[] = [];
afterAll(async () => Promise.all(receivers.map((r) => r.close())));

let serial = 0;
/** A product key id no other test uses (13 digits). */
const pkid = () => `7${String(Date.now() % 1e8).padStart(8, '0')}${String(serial++ % 1e4).padStart(4, '0')}`;
/** A hardware hash (canonical base64 of 128 random bytes). */
const hash = () => randomBytes(128).toString('base64');
/** A (manufacturer, model, serial number) tuple no other test uses. */
const tuple = () => ({ manufacturer: 'Contoso', model: 'Surface Laptop 7', serialNumber: unique('SN').toUpperCase() });

type Partner = Awaited<ReturnType<typeof createPartner>>;

/** A signed-in admin accepts a partner's reusable link (one sign-in for every partner: sign-in emails are rate limited). */
async function accept(client: PageClient, apiKey: string): Promise<void> {
  const { body } = await asPartner(apiKey, 'GET', '/v1/consent-link');
  const shown = await client.get(body.url);
  const done = await client.post(new URL(body.url).pathname, { csrf: csrfOf(shown.html), confirm: 'yes', action: 'accept' });
  expect(done.html).toContain('Authorization is complete');
}

/** A customer API key made on the portal's API keys page by a signed-in global admin. */
async function customerKey(client: PageClient, scopes: string[] = ['devices:read', 'devices:release']): Promise<{ secret: string; keyId: string }> {
  const shown = await client.get('/portal/api-keys');
  const form = new URLSearchParams({ csrf: csrfOf(shown.html), name: `key ${unique()}` });
  for (const scope of scopes) form.append('scopes', scope);
  const created = await client.post('/portal/api-keys', form);
  const secret = /id="new-key-secret">([^<]+)</.exec(created.html)?.[1];
  if (created.status !== 200 || !secret) throw new Error(`no key shown: ${created.status} ${created.html.slice(0, 300)}`);
  return { secret, keyId: secret.split('_')[1] };
}

/**
 * A tenant with its global admin signed in, and the partners that register for it: a direct CSP,
 * a reseller (and its provider, authorized through it), and an OEM that operators made eligible.
 */
async function customerWorld() {
  const tenant = await createTenant();
  const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
  const client = await signIn(admin.email);
  const direct = await createPartner('direct-csp');
  const provider = await createPartner('indirect-provider');
  const reseller = await createPartner('indirect-reseller', { providerId: provider.partner.id });
  const oem = await createPartner('oem');
  expect((await ops('PATCH', `/ops/partners/${oem.partner.id}`, { directApiEligible: true })).status).toBe(200);
  for (const partner of [direct, reseller, oem]) await accept(client, partner.apiKey);
  const key = await customerKey(client);
  return { tenant, admin, client, direct, provider, reseller, oem, key };
}

/** Registers devices through the API; every one must register. */
async function register(partner: Partner, tenantId: string, devices: DeviceInput[]): Promise<string[]> {
  const res = await asPartner(partner.apiKey, 'POST', '/v1/devices', { tenantId, devices });
  expect(res.status, res.text).toBe(200);
  expect(res.body.results.map((r: { status: string }) => r.status), JSON.stringify(res.body.results)).toEqual(devices.map(() => 'registered'));
  return res.body.results.map((r: { deviceId: string }) => r.deviceId);
}

/** The CSV a reseller uploads (Partner Center's tuple layout, with a group tag). */
const tupleCsv = (devices: { manufacturer: string; model: string; serialNumber: string }[], groupTag = '') =>
  `Manufacturer name,Device model,Device Serial Number,Group Tag\r\n${devices.map((d) => `${d.manufacturer},${d.model},${d.serialNumber},${groupTag}`).join('\r\n')}\r\n`;

async function uploadCsv(partner: Partner, tenantId: string, csv: string): Promise<string[]> {
  const res = await call('POST', `/v1/device-uploads?tenantId=${tenantId}`, { token: partner.apiKey, rawBody: csv, headers: { 'content-type': 'text/csv' } });
  expect(res.status, res.text).toBe(200);
  expect(res.body.results.every((r: { status: string }) => r.status === 'registered'), JSON.stringify(res.body.results)).toBe(true);
  return res.body.results.map((r: { deviceId: string }) => r.deviceId);
}

/** Every page of the tenant's devices the key sees, with these filters (a query string starting with `&`). */
async function listAll(key: string, filters = ''): Promise<TenantDevice[]> {
  const items: TenantDevice[] = [];
  let cursor: string | null = null;
  do {
    const res: { status: number; text: string; body: { items: TenantDevice[]; nextCursor: string | null } } = await call('GET', `/v1/tenant/devices?limit=100${filters}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: key });
    expect(res.status, res.text).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}

const idsOf = (items: { id: string }[]) => items.map((d) => d.id).sort();
const sorted = (ids: string[]) => [...ids].sort();

/** Polls a partner's batch until it has finished. */
async function partnerBatchFinished(apiKey: string, batchId: string, timeoutMs = 200_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const res = await asPartner(apiKey, 'GET', `/v1/device-batches/${batchId}`);
    if (res.body.batch.status.startsWith('finished')) return res.body.batch;
    if (Date.now() > end) throw new Error(`batch ${batchId} still ${res.body.batch.status}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Registers devices through a partner batch (parts of 1000), and waits for it to finish. */
async function registerInBatch(partner: Partner, tenantId: string, devices: DeviceInput[]) {
  const created = await asPartner(partner.apiKey, 'POST', '/v1/device-batches', { tenantId, action: 'register' });
  expect(created.status, created.text).toBe(201);
  const batchId = created.body.batch.id as string;
  for (let i = 0; i < devices.length; i += 1000) {
    const added = await asPartner(partner.apiKey, 'POST', `/v1/device-batches/${batchId}/devices`, { devices: devices.slice(i, i + 1000) });
    expect(added.status, added.text).toBe(200);
  }
  expect((await asPartner(partner.apiKey, 'POST', `/v1/device-batches/${batchId}/submit`)).status).toBe(202);
  const done = await partnerBatchFinished(partner.apiKey, batchId);
  expect(done).toMatchObject({ status: 'finished', summary: { received: devices.length, succeeded: devices.length, failed: 0 } });
  return batchId;
}

/** Polls a tenant's release until it has finished. */
async function releaseFinished(key: string, batchId: string, timeoutMs = 200_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const res = await call('GET', `/v1/tenant/release-batches/${batchId}`, { token: key });
    expect(res.status, res.text).toBe(200);
    if (res.body.batch.status.startsWith('finished')) return res.body.batch;
    if (Date.now() > end) throw new Error(`release ${batchId} still ${res.body.batch.status}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Follows a 303 to its download, as a client does (without the Authorization header). */
async function download(location: string | null): Promise<{ status: number; contentType: string | null; text: string }> {
  expect(location).toMatch(/^https?:\/\//);
  const res = await fetch(location!);
  return { status: res.status, contentType: res.headers.get('content-type'), text: await res.text() };
}

const release = (key: string, body: unknown) => call('POST', '/v1/tenant/device-releases', { token: key, body });

/** What the partner itself lists of its devices for the tenant. */
async function partnerDeviceIds(partner: Partner, tenantId: string): Promise<string[]> {
  const res = await asPartner(partner.apiKey, 'GET', `/v1/devices?tenantId=${tenantId}&limit=100`);
  expect(res.status).toBe(200);
  return res.body.items.map((d: { id: string }) => d.id);
}

/** A multipart form post from a signed-in page client (the portal's file form). */
async function postFile(client: PageClient, path: string, fields: Record<string, string>, file: { name: string; content: string }) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([file.content], { type: 'text/csv' }), file.name);
  const res = await fetch(`${stack().apiUrl}${path}`, {
    method: 'POST',
    headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    body: form,
    redirect: 'manual',
  });
  return { status: res.status, location: res.headers.get('location'), html: await res.text() };
}

describe('the tenant sees its devices (R23)', () => {
  it("R23, R19: devices from a direct CSP (API), a reseller (CSV, with its provider), a provider (through the reseller) and an OEM, each with its partner's name; never another tenant's", async () => {
    const w = await customerWorld();
    const directDevices: DeviceInput[] = [{ ...tuple(), groupTag: 'Sales' }, { hardwareHash: hash() }];
    const [directTuple, directHash] = await register(w.direct, w.tenant.id, directDevices);
    const resellerDevices = [tuple(), tuple()];
    const resellerIds = await uploadCsv(w.reseller, w.tenant.id, tupleCsv(resellerDevices, 'Finance'));
    const [viaProvider] = await register(w.provider, w.tenant.id, [{ productKeyId: pkid() }]);
    const [oemDevice] = await register(w.oem, w.tenant.id, [{ productKeyId: pkid(), hardwareHash: hash() }]);

    // Another tenant the same direct CSP serves: its device is never the first tenant's to see.
    const other = await createTenant();
    const otherAdmin = await createUser(other.id, `admin@${other.initialDomain}`);
    const otherClient = await signIn(otherAdmin.email);
    await accept(otherClient, w.direct.apiKey);
    const [foreign] = await register(w.direct, other.id, [{ hardwareHash: hash() }]);
    const otherKey = await customerKey(otherClient, ['devices:read']);

    const items = await listAll(w.key.secret);
    expect(idsOf(items)).toEqual(sorted([directTuple, directHash, ...resellerIds, viaProvider, oemDevice]));
    expect(items.map((d) => d.id)).not.toContain(foreign);
    // Newest first.
    expect([...items].sort((a, b) => b.registeredAt.localeCompare(a.registeredAt)).map((d) => d.registeredAt)).toEqual(items.map((d) => d.registeredAt));
    const byId = new Map(items.map((d) => [d.id, d]));

    expect(byId.get(directTuple)).toEqual({
      id: directTuple,
      ...directDevices[0],
      partner: { id: w.direct.partner.id, name: w.direct.partner.name, kind: 'direct-csp' },
      registeredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      registeredBy: { type: 'partner_key', id: w.direct.keyId, name: w.direct.partner.name },
    });
    expect(byId.get(directHash)).toMatchObject({ hardwareHash: directDevices[1].hardwareHash, partner: { id: w.direct.partner.id } });
    for (const [i, id] of resellerIds.entries()) {
      const device = byId.get(id)!;
      expect(device).toMatchObject({
        ...resellerDevices[i],
        groupTag: 'Finance',
        partner: { id: w.reseller.partner.id, name: w.reseller.partner.name, kind: 'indirect-reseller' },
        provider: { id: w.provider.partner.id, name: w.provider.partner.name },
        registeredBy: { type: 'partner_key', id: w.reseller.keyId },
      });
      expect(device.via).toBeUndefined();
    }
    expect(byId.get(viaProvider)).toMatchObject({
      partner: { id: w.provider.partner.id, name: w.provider.partner.name, kind: 'indirect-provider' },
      via: { resellerId: w.reseller.partner.id, resellerName: w.reseller.partner.name },
    });
    expect(byId.get(viaProvider)!.provider).toBeUndefined();
    expect(byId.get(oemDevice)).toMatchObject({ partner: { id: w.oem.partner.id, name: w.oem.partner.name, kind: 'oem' } });
    for (const device of items) expect(device.batchId).toBeUndefined();

    // The other tenant's key sees its own device only.
    expect(idsOf(await listAll(otherKey.secret))).toEqual([foreign]);
    expect((await call('GET', '/v1/tenant', { token: w.key.secret })).body.tenant).toMatchObject({ id: w.tenant.id, name: w.tenant.name });

    // The portal shows the same devices, with the partners' names and the reseller's provider.
    const shown = await w.client.get('/portal/devices');
    expect(shown.status).toBe(200);
    for (const id of byId.keys()) expect(shown.html).toContain(`id="device-${id}"`);
    expect(shown.html).not.toContain(foreign);
    for (const name of [w.direct.partner.name, w.reseller.partner.name, w.oem.partner.name]) expect(shown.html).toContain(name);
    expect(shown.html).toContain(`provider ${w.provider.partner.name}`);
    expect(shown.html).toContain(`through ${w.reseller.partner.name}`);
  }, 120_000);

  it('R23: filters by partner, batch, identity (serial, product key id, hardware hash prefix) and registration date, alone and together', async () => {
    const w = await customerWorld();
    const early: DeviceInput[] = [{ ...tuple(), productKeyId: pkid() }, { hardwareHash: hash() }];
    const earlyIds = await register(w.direct, w.tenant.id, early);
    const batchDevices: DeviceInput[] = [{ productKeyId: pkid() }, { productKeyId: pkid() }, { ...tuple() }];
    const batchId = await registerInBatch(w.direct, w.tenant.id, batchDevices);
    await new Promise((r) => setTimeout(r, 50));
    const between = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 50));
    const late: DeviceInput[] = [{ productKeyId: pkid(), hardwareHash: hash() }, { ...tuple() }];
    const lateIds = await register(w.oem, w.tenant.id, late);
    const all = await listAll(w.key.secret);
    expect(all).toHaveLength(7);
    const batchIds = all.filter((d) => d.batchId === batchId);

    // Partner.
    expect(idsOf(await listAll(w.key.secret, `&partnerId=${w.direct.partner.id}`))).toEqual(sorted([...earlyIds, ...batchIds.map((d) => d.id)]));
    expect(idsOf(await listAll(w.key.secret, `&partnerId=${w.oem.partner.id}`))).toEqual(sorted(lateIds));
    expect(await listAll(w.key.secret, `&partnerId=${w.reseller.partner.id}`)).toEqual([]);

    // Batch: its devices with their rows.
    const inBatch = await listAll(w.key.secret, `&batchId=${batchId}`);
    expect(inBatch).toHaveLength(3);
    expect(inBatch.map((d) => d.row).sort()).toEqual([0, 1, 2]);
    for (const device of inBatch) {
      expect(device.batchId).toBe(batchId);
      expect(device).toMatchObject(batchDevices[device.row!]);
    }
    expect(await listAll(w.key.secret, '&batchId=b_000000000000000000000000')).toEqual([]);

    // Identity: a serial number, a product key id (exactly), the beginning of a hardware hash.
    const q = (value: string) => listAll(w.key.secret, `&q=${encodeURIComponent(value)}`);
    expect(idsOf(await q(early[0].serialNumber!))).toEqual([earlyIds[0]]);
    expect(idsOf(await q(early[0].productKeyId!))).toEqual([earlyIds[0]]);
    expect(idsOf(await q(early[1].hardwareHash!.slice(0, 24)))).toEqual([earlyIds[1]]);
    expect(idsOf(await q(late[0].hardwareHash!))).toEqual([lateIds[0]]);
    expect(idsOf(await q(late[1].serialNumber!))).toEqual([lateIds[1]]);
    expect(await q(pkid())).toEqual([]);
    // Partner and identity together.
    expect(await listAll(w.key.secret, `&partnerId=${w.oem.partner.id}&q=${early[0].productKeyId}`)).toEqual([]);
    expect(idsOf(await listAll(w.key.secret, `&partnerId=${w.oem.partner.id}&q=${late[1].serialNumber}`))).toEqual([lateIds[1]]);

    // Registration date: either side of a moment, both bounds included.
    expect(idsOf(await listAll(w.key.secret, `&registeredAfter=${between}`))).toEqual(sorted(lateIds));
    expect(idsOf(await listAll(w.key.secret, `&registeredBefore=${between}`))).toEqual(sorted([...earlyIds, ...batchIds.map((d) => d.id)]));
    const one = all.find((d) => d.id === lateIds[1])!;
    expect(idsOf(await listAll(w.key.secret, `&registeredAfter=${one.registeredAt}&registeredBefore=${one.registeredAt}`))).toContain(one.id);
    expect(idsOf(await listAll(w.key.secret, `&registeredAfter=${between}&partnerId=${w.direct.partner.id}`))).toEqual([]);

    // Bounds less precise than the stored times mean what they say: a time to the second or the
    // minute, a whole day for a date.
    const ms = (iso: string) => Date.parse(iso);
    const expectRange = async (after: string | undefined, before: string | undefined) => {
      const from = after === undefined ? -Infinity : ms(after);
      const to = before === undefined ? Infinity : before.length === 10 ? ms(before) + 86_400_000 - 1 : ms(before);
      const expected = all.filter((d) => ms(d.registeredAt) >= from && ms(d.registeredAt) <= to).map((d) => d.id);
      const query = `${after ? `&registeredAfter=${after}` : ''}${before ? `&registeredBefore=${before}` : ''}`;
      expect(idsOf(await listAll(w.key.secret, query)), query).toEqual(sorted(expected));
    };
    const toSecond = (iso: string) => `${iso.slice(0, 19)}Z`;
    const toMinute = (iso: string) => `${iso.slice(0, 16)}Z`;
    for (const d of [all[0], all[3], all[6]]) {
      await expectRange(toSecond(d.registeredAt), undefined);
      await expectRange(undefined, toSecond(d.registeredAt));
      await expectRange(toMinute(d.registeredAt), undefined);
      await expectRange(undefined, toMinute(d.registeredAt));
    }
    const day = all[0].registeredAt.slice(0, 10);
    await expectRange(day, day);
    await expectRange(undefined, new Date(ms(day) - 86_400_000).toISOString().slice(0, 10));
    // A range that ends before it starts selects nothing.
    const empty = await call('GET', `/v1/tenant/devices?registeredAfter=${between}&registeredBefore=2000-01-01`, { token: w.key.secret });
    expect(empty.status, empty.text).toBe(200);
    expect(empty.body.items).toEqual([]);

    // The portal's filters filter the same way.
    const page = await w.client.get(`/portal/devices?partnerId=${w.oem.partner.id}`);
    expect(page.status).toBe(200);
    for (const id of lateIds) expect(page.html).toContain(`id="device-${id}"`);
    for (const id of earlyIds) expect(page.html).not.toContain(`id="device-${id}"`);
    const byDate = await w.client.get(`/portal/devices?registeredBefore=${new Date(ms(day) - 86_400_000).toISOString().slice(0, 10)}`);
    expect(byDate.html).toContain('id="no-devices"');
  }, 240_000);

  it("R23: the portal's filter form submitted as a browser submits it (every field, the empty ones as empty values) filters, and its export link keeps the filter", async () => {
    const w = await customerWorld();
    const [directId] = await register(w.direct, w.tenant.id, [{ productKeyId: pkid() }]);
    const [oemId] = await register(w.oem, w.tenant.id, [{ productKeyId: pkid() }]);
    const form = new URLSearchParams({ q: '', partnerId: w.oem.partner.id, batchId: '', registeredAfter: '', registeredBefore: '' });
    const page = await w.client.get(`/portal/devices?${form}`);
    expect(page.status, page.html.slice(0, 300)).toBe(200);
    expect(page.html).toContain(`id="device-${oemId}"`);
    expect(page.html).not.toContain(`id="device-${directId}"`);
    const href = /href="([^"]+)" id="export"/.exec(page.html)?.[1];
    expect(href).toBe(`/portal/devices/export?partnerId=${w.oem.partner.id}`);
    const exported = await w.client.get(href!.replace(/&amp;/g, '&'));
    expect(exported.status).toBe(303);
    const rows = parse((await download(exported.location)).text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r['Device ID'])).toEqual([oemId]);
  }, 120_000);

  it('R23: the CSV export (Accept: text/csv) is a 303 to a download whose rows are the list, filtered alike; the portal export too', async () => {
    const w = await customerWorld();
    await register(w.direct, w.tenant.id, [{ ...tuple(), groupTag: 'Sales, "East"' }, { hardwareHash: hash(), productKeyId: pkid() }]);
    await uploadCsv(w.reseller, w.tenant.id, tupleCsv([tuple()]));
    await register(w.provider, w.tenant.id, [{ productKeyId: pkid() }]);
    await registerInBatch(w.oem, w.tenant.id, [{ productKeyId: pkid() }, { ...tuple() }]);
    const list = await listAll(w.key.secret);
    expect(list).toHaveLength(6);

    const asCsvRow = (d: TenantDevice) => ({
      'Device ID': d.id,
      'Device Serial Number': d.serialNumber ?? '',
      'Windows Product ID': d.productKeyId ?? '',
      'Hardware Hash': d.hardwareHash ?? '',
      'Manufacturer name': d.manufacturer ?? '',
      'Device model': d.model ?? '',
      'Group Tag': d.groupTag ?? '',
      'Partner ID': d.partner.id,
      'Partner name': d.partner.name,
      'Partner kind': d.partner.kind,
      'Via reseller': d.via?.resellerName ?? '',
      Provider: d.provider?.name ?? '',
      'Batch ID': d.batchId ?? '',
      'Batch row': d.row === undefined ? '' : String(d.row),
      'Registered at': d.registeredAt,
      'Registered by': [d.registeredBy.type, d.registeredBy.id].filter(Boolean).join(':'),
    });

    const exported = await call('GET', '/v1/tenant/devices', { token: w.key.secret, headers: { accept: 'text/csv' } });
    expect(exported.status).toBe(303);
    const file = await download(exported.headers.get('location'));
    expect(file.status).toBe(200);
    expect(file.contentType).toMatch(/^text\/csv/);
    const rows = parse(file.text, { columns: true }) as Record<string, string>[];
    expect(rows).toEqual(list.map(asCsvRow));
    expect(rows.some((r) => r['Via reseller'] === w.reseller.partner.name)).toBe(true);
    expect(rows.some((r) => r.Provider === w.provider.partner.name)).toBe(true);

    // Filtered: the export holds what the filtered list holds.
    const filtered = await call('GET', `/v1/tenant/devices?partnerId=${w.direct.partner.id}`, { token: w.key.secret, headers: { accept: 'text/csv' } });
    expect(filtered.status).toBe(303);
    const filteredRows = parse((await download(filtered.headers.get('location'))).text, { columns: true }) as Record<string, string>[];
    expect(filteredRows).toEqual((await listAll(w.key.secret, `&partnerId=${w.direct.partner.id}`)).map(asCsvRow));
    expect(filteredRows).toHaveLength(2);

    // The portal's export link: the same file, through a 303 too.
    const page = await w.client.get('/portal/devices');
    const href = /href="([^"]+)" id="export"/.exec(page.html)?.[1];
    expect(href).toBe('/portal/devices/export');
    const fromPortal = await w.client.get(href!);
    expect(fromPortal.status).toBe(303);
    expect(parse((await download(fromPortal.location)).text, { columns: true })).toEqual(list.map(asCsvRow));

    // A tenant with no device exports the header alone.
    const lonely = await createTenant();
    const lonelyAdmin = await createUser(lonely.id, `admin@${lonely.initialDomain}`);
    const lonelyKey = await customerKey(await signIn(lonelyAdmin.email), ['devices:read']);
    const nothing = await call('GET', '/v1/tenant/devices', { token: lonelyKey.secret, headers: { accept: 'text/csv' } });
    expect(nothing.status).toBe(303);
    const empty = await download(nothing.headers.get('location'));
    expect(empty.text.trim().split('\n')).toHaveLength(1);
    expect(empty.text).toMatch(/^Device ID,Device Serial Number,/);
  }, 180_000);
});

describe('the tenant releases its devices (R24)', () => {
  it('R24: one by id and a selection by identity are released: gone from the tenant and the partner, audited, devices.released to the registering partner (svix-verified) and a reseller\'s provider, registrable again by another partner', async () => {
    const w = await customerWorld();
    const hooks = new Map<string, { receiver: Awaited<ReturnType<typeof startReceiver>>; secret: string }>();
    for (const partner of [w.direct, w.reseller, w.provider, w.oem]) {
      const receiver = await startReceiver();
      receivers.push(receiver);
      const put = await asPartner(partner.apiKey, 'PUT', '/v1/webhook', { url: receiver.url, events: ['devices.released', 'devices.registered'] });
      expect(put.status, put.text).toBe(200);
      hooks.set(partner.partner.id, { receiver, secret: put.body.secret });
    }
    const devices: DeviceInput[] = [{ hardwareHash: hash() }, tuple(), { productKeyId: pkid() }, { hardwareHash: hash(), productKeyId: pkid() }];
    const ids = await register(w.direct, w.tenant.id, devices);
    const resold = tuple();
    const [resoldId] = await uploadCsv(w.reseller, w.tenant.id, tupleCsv([resold]));
    // R16: while registered here, no other partner can register them.
    const blocked = await asPartner(w.oem.apiKey, 'POST', '/v1/device-submissions/validate', { tenantId: w.tenant.id, devices: [devices[0]] });
    expect(blocked.body.results[0].errors.map((e: { code: string }) => e.code)).toEqual(['device_already_assigned']);

    // One, by its id.
    const one = await release(w.key.secret, { confirm: 'irreversible', devices: [{ deviceId: ids[0] }] });
    expect(one.status, one.text).toBe(200);
    expect(one.body).toEqual({ summary: { total: 1, released: 1, invalid: 0 }, results: [{ index: 0, status: 'released', deviceId: ids[0], errors: [] }] });
    expect(idsOf(await listAll(w.key.secret))).toEqual(sorted([...ids.slice(1), resoldId]));

    // A selection, by the identities a partner's file names (tuple, product key id, hardware hash) and across partners.
    const selection = await release(w.key.secret, {
      confirm: 'irreversible',
      devices: [{ manufacturer: devices[1].manufacturer, model: devices[1].model, serialNumber: devices[1].serialNumber!.toLowerCase() }, { productKeyId: devices[2].productKeyId }, { hardwareHash: devices[3].hardwareHash }, resold],
    });
    expect(selection.status, selection.text).toBe(200);
    expect(selection.body.summary).toEqual({ total: 4, released: 4, invalid: 0 });
    expect(selection.body.results.map((r: { deviceId: string }) => r.deviceId)).toEqual([ids[1], ids[2], ids[3], resoldId]);
    expect(await listAll(w.key.secret)).toEqual([]);
    expect(await partnerDeviceIds(w.direct, w.tenant.id)).toEqual([]);
    expect(await partnerDeviceIds(w.reseller, w.tenant.id)).toEqual([]);

    // Audited: one device.released event a write, by the key, on the partner's trail too.
    const audit = await ops('GET', `/ops/audit?tenantId=${w.tenant.id}&limit=100`);
    const releases = audit.body.items.filter((e: { action: string }) => e.action === 'device.released');
    expect(releases.flatMap((e: { details: { deviceIds: string[] } }) => e.details.deviceIds).sort()).toEqual(sorted([...ids, resoldId]));
    for (const event of releases) expect(event).toMatchObject({ actor: { type: 'customer_key', id: w.key.keyId }, tenantId: w.tenant.id });
    expect(releases.find((e: { details: { deviceIds: string[] } }) => e.details.deviceIds.includes(resoldId)).partnerId).toBe(w.reseller.partner.id);

    // devices.released: the registering partner hears of its devices (signed, Standard Webhooks).
    const direct = hooks.get(w.direct.partner.id)!;
    const received = await direct.receiver.waitFor(2, 'devices.released');
    const payloads = received.map((r) => JSON.parse(r.body));
    expect(payloads.flatMap((p) => p.data.deviceIds).sort()).toEqual(sorted(ids));
    expect(payloads.find((p) => p.data.deviceIds.includes(ids[0]))).toMatchObject({ type: 'devices.released', data: { tenantId: w.tenant.id, partnerId: w.direct.partner.id, deviceIds: [ids[0]], actor: { type: 'customer_key', id: w.key.keyId } } });
    expect(() => new Webhook(direct.secret).verify(received[0].body, received[0].headers)).not.toThrow();
    expect(() => new Webhook(hooks.get(w.oem.partner.id)!.secret).verify(received[0].body, received[0].headers)).toThrow();
    // The reseller, and its provider, hear of the reseller's device; nobody hears of another's.
    for (const id of [w.reseller.partner.id, w.provider.partner.id]) {
      const [event] = await hooks.get(id)!.receiver.waitFor(1, 'devices.released');
      expect(JSON.parse(event.body).data).toMatchObject({ partnerId: w.reseller.partner.id, deviceIds: [resoldId] });
      expect(() => new Webhook(hooks.get(id)!.secret).verify(event.body, event.headers)).not.toThrow();
    }
    await outboxSettled();
    expect(direct.receiver.events('devices.released').flatMap((r) => JSON.parse(r.body).data.deviceIds)).not.toContain(resoldId);
    expect(hooks.get(w.provider.partner.id)!.receiver.events('devices.released')).toHaveLength(1);
    expect(hooks.get(w.oem.partner.id)!.receiver.events('devices.released')).toEqual([]);

    // Released devices can be registered again, by another authorized partner.
    const again = await register(w.oem, w.tenant.id, [devices[0], devices[1], devices[2]]);
    const relisted = await listAll(w.key.secret);
    expect(idsOf(relisted)).toEqual(sorted(again));
    for (const device of relisted) expect(device.partner.id).toBe(w.oem.partner.id);
  }, 180_000);

  it('R24: without the confirmation, or with another, nothing is released (400 naming confirm)', async () => {
    const w = await customerWorld();
    const ids = await register(w.direct, w.tenant.id, [{ productKeyId: pkid() }, { hardwareHash: hash() }]);
    for (const body of [
      { devices: [{ deviceId: ids[0] }] },
      { confirm: 'yes', devices: [{ deviceId: ids[0] }] },
      { confirm: 'IRREVERSIBLE', devices: [{ deviceId: ids[0] }] },
      { confirm: true, devices: [{ deviceId: ids[0] }] },
    ]) {
      const res = await release(w.key.secret, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('confirm');
    }
    for (const body of [{}, { confirm: 'no' }]) {
      const res = await call('POST', '/v1/tenant/release-batches', { token: w.key.secret, body });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('confirm');
    }
    expect(idsOf(await listAll(w.key.secret))).toEqual(sorted(ids));
    expect(sorted(await partnerDeviceIds(w.direct, w.tenant.id))).toEqual(sorted(ids));

    // The portal's selection without the confirmation is refused too; with it, released.
    const page = await w.client.get('/portal/devices');
    const csrf = csrfOf(page.html);
    const refused = await w.client.post('/portal/devices/release', new URLSearchParams([['csrf', csrf], ['deviceId', ids[0]]]));
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Nothing was released');
    const wrong = await w.client.post('/portal/devices/release', new URLSearchParams([['csrf', csrf], ['deviceId', ids[0]], ['confirm', 'yes']]));
    expect(wrong.status).toBe(400);
    expect(idsOf(await listAll(w.key.secret))).toEqual(sorted(ids));
    const done = await w.client.post('/portal/devices/release', new URLSearchParams([['csrf', csrf], ['deviceId', ids[0]], ['deviceId', ids[1]], ['confirm', 'irreversible']]));
    expect(done.status).toBe(200);
    expect(done.html).toMatch(/id="release-summary">2 of 2 released/);
    expect(await listAll(w.key.secret)).toEqual([]);
    const audit = await ops('GET', `/ops/audit?tenantId=${w.tenant.id}&limit=5`);
    expect(audit.body.items[0]).toMatchObject({ action: 'device.released', actor: { type: 'user', id: expect.any(String) } });
  }, 120_000);

  it("R24, R19: a device of another tenant, or one not registered, is device_not_registered for that device alone, and the other tenant's device stays", async () => {
    const w = await customerWorld();
    const [mine] = await register(w.direct, w.tenant.id, [{ productKeyId: pkid() }]);
    const other = await createTenant();
    const otherAdmin = await createUser(other.id, `admin@${other.initialDomain}`);
    await accept(await signIn(otherAdmin.email), w.direct.apiKey);
    const theirs = { hardwareHash: hash() };
    const [theirId] = await register(w.direct, other.id, [theirs]);

    const res = await release(w.key.secret, {
      confirm: 'irreversible',
      devices: [{ deviceId: theirId }, theirs, { productKeyId: pkid() }, { deviceId: 'd_000000000000000000000000' }, { deviceId: 'not-a-device' }, { deviceId: mine }],
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.summary).toEqual({ total: 6, released: 1, invalid: 5 });
    expect(res.body.results.slice(0, 5).map((r: { index: number; status: string; errors: { code: string }[]; deviceId?: string }) => [r.index, r.status, r.errors.map((e) => e.code), r.deviceId])).toEqual(
      [0, 1, 2, 3, 4].map((i) => [i, 'invalid', ['device_not_registered'], undefined]),
    );
    expect(res.body.results[5]).toMatchObject({ status: 'released', deviceId: mine });
    // Nothing about the other tenant's device leaks, and it is still registered there.
    expect(res.text).not.toContain(other.id);
    expect(await partnerDeviceIds(w.direct, other.id)).toEqual([theirId]);
    // The same device twice in one release: the second is a duplicate.
    const [again] = await register(w.direct, w.tenant.id, [{ productKeyId: pkid() }]);
    const twice = await release(w.key.secret, { confirm: 'irreversible', devices: [{ deviceId: again }, { deviceId: again }] });
    expect(twice.body.results.map((r: { status: string }) => r.status)).toEqual(['released', 'invalid']);
    expect(twice.body.results[1].errors[0].code).toBe('duplicate_in_submission');
  }, 120_000);

  // The scale (100,000 devices) is the bench's (release100k); here, a batch of more than one part.
  it('R24: a release batch from a CSV file of 2,000 devices (two parts) finishes with 2,000 released, and its results CSV downloads whole', async () => {
    const w = await customerWorld();
    const receiver = await startReceiver();
    receivers.push(receiver);
    await asPartner(w.direct.apiKey, 'PUT', '/v1/webhook', { url: receiver.url, events: ['devices.released', 'device_batch.finished'] });
    const devices = Array.from({ length: 2000 }, () => ({ productKeyId: pkid() }));
    await registerInBatch(w.direct, w.tenant.id, devices);

    const created = await call('POST', '/v1/tenant/release-batches', { token: w.key.secret, body: { confirm: 'irreversible' } });
    expect(created.status, created.text).toBe(201);
    expect(created.body.batch).toMatchObject({ tenantId: w.tenant.id, action: 'release', status: 'open', summary: { received: 0 } });
    const batchId = created.body.batch.id as string;
    expect(created.headers.get('location')).toBe(`/v1/tenant/release-batches/${batchId}`);
    for (let part = 0; part < 2; part++) {
      const csv = `Device Serial Number,Windows Product ID,Hardware Hash\r\n${devices.slice(part * 1000, (part + 1) * 1000).map((d) => `,${d.productKeyId},`).join('\r\n')}\r\n`;
      const added = await call('POST', `/v1/tenant/release-batches/${batchId}/devices`, { token: w.key.secret, rawBody: csv, headers: { 'content-type': 'text/csv' } });
      expect(added.status, added.text).toBe(200);
      expect(added.body.batch.summary.received).toBe((part + 1) * 1000);
    }
    const submitted = await call('POST', `/v1/tenant/release-batches/${batchId}/submit`, { token: w.key.secret });
    expect(submitted.status).toBe(202);
    expect(submitted.headers.get('location')).toBe(`/v1/tenant/release-batches/${batchId}`);
    // Submitted: nothing more can be added; submitting again answers the release as it is.
    const late = await call('POST', `/v1/tenant/release-batches/${batchId}/devices`, { token: w.key.secret, body: { devices: [{ productKeyId: pkid() }] } });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('conflict');
    expect((await call('POST', `/v1/tenant/release-batches/${batchId}/submit`, { token: w.key.secret })).status).toBe(202);
    const done = await releaseFinished(w.key.secret, batchId, 300_000);
    expect(done).toMatchObject({ status: 'finished', summary: { received: 2000, processed: 2000, succeeded: 2000, failed: 0 }, finishedAt: expect.any(String) });

    const page = await call('GET', `/v1/tenant/release-batches/${batchId}/results?limit=100`, { token: w.key.secret });
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(100);
    expect(page.body.items[0]).toMatchObject({ index: 0, line: 2, status: 'released', deviceId: expect.stringMatching(/^d_/) });
    const csv = await call('GET', `/v1/tenant/release-batches/${batchId}/results`, { token: w.key.secret, headers: { accept: 'text/csv' } });
    expect(csv.status).toBe(303);
    const file = await download(csv.headers.get('location'));
    expect(file.status).toBe(200);
    const rows = parse(file.text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2000);
    expect(rows.map((r) => Number(r.index))).toEqual(Array.from({ length: 2000 }, (_, i) => i));
    expect(rows.every((r) => r.status === 'released' && r.deviceId.startsWith('d_'))).toBe(true);
    expect(new Set(rows.map((r) => r.deviceId)).size).toBe(2000);

    expect(await listAll(w.key.secret)).toEqual([]);
    await outboxSettled();
    const released = receiver.events('devices.released').flatMap((r) => JSON.parse(r.body).data as { deviceIds: string[]; batchId?: string });
    expect(new Set(released.flatMap((d) => d.deviceIds)).size).toBe(2000);
    for (const data of released) expect(data.batchId).toBe(batchId);
    // A tenant's release tells no partner it ended.
    expect(receiver.events('device_batch.finished').map((r) => JSON.parse(r.body).data.batchId)).not.toContain(batchId);
    // R19: a partner never reaches the tenant's release, nor the tenant a partner's batch.
    expect((await asPartner(w.direct.apiKey, 'GET', `/v1/device-batches/${batchId}`)).status).toBe(404);
  }, 600_000);

  it("R24, R19: a release file cut from the tenant's export releases by the rows' Device ID and Partner ID; a row that does not name its device truly (another partner, another tenant's device, released already, named twice) is looked up as any row is", async () => {
    const w = await customerWorld();
    const other = await customerWorld();
    const receiver = await startReceiver();
    receivers.push(receiver);
    for (const partner of [w.direct, w.reseller, w.provider]) await asPartner(partner.apiKey, 'PUT', '/v1/webhook', { url: receiver.url, events: ['devices.released'] });
    const fromDirect = await register(w.direct, w.tenant.id, Array.from({ length: 60 }, () => ({ productKeyId: pkid() })));
    const tuples = Array.from({ length: 40 }, tuple);
    const fromReseller = await uploadCsv(w.reseller, w.tenant.id, tupleCsv(tuples, 'Kiosk'));
    const [foreign] = await register(other.direct, other.tenant.id, [{ productKeyId: pkid() }]);

    const exported = await call('GET', '/v1/tenant/devices', { token: w.key.secret, headers: { accept: 'text/csv' } });
    expect(exported.status).toBe(303);
    const [header, ...lines] = (await download(exported.headers.get('location'))).text.trim().split(/\r?\n/);
    expect(lines).toHaveLength(100);
    const columns = header.split(',');
    const cell = (line: string, name: string) => line.split(',')[columns.indexOf(name)];
    const withCell = (line: string, name: string, value: string) => line.split(',').map((c, i) => (i === columns.indexOf(name) ? value : c)).join(',');
    const rowOf = (deviceId: string) => lines.find((line) => cell(line, 'Device ID') === deviceId)!;
    const named = new Map([
      // Named wrongly: another partner; another tenant's device id beside this tenant's identities. Each is still this tenant's device: released by its identities.
      [fromDirect[1], withCell(rowOf(fromDirect[1]), 'Partner ID', w.oem.partner.id)],
      [fromDirect[2], withCell(rowOf(fromDirect[2]), 'Device ID', foreign)],
    ]);
    const fileLines = lines.map((line) => named.get(cell(line, 'Device ID')) ?? line);
    // Released already, by id, before the file.
    expect((await release(w.key.secret, { confirm: 'irreversible', devices: [{ deviceId: fromDirect[3] }] })).body.summary.released).toBe(1);
    // Appended: the first row again, and the other tenant's own row (its export's), which never reaches the other tenant (R19).
    const otherExport = await call('GET', '/v1/tenant/devices', { token: other.key.secret, headers: { accept: 'text/csv' } });
    const foreignRow = (await download(otherExport.headers.get('location'))).text.trim().split(/\r?\n/)[1];
    expect(cell(foreignRow, 'Device ID')).toBe(foreign);
    const file = [header, ...fileLines, lines[0], foreignRow].join('\r\n');

    const created = await call('POST', '/v1/tenant/release-batches', { token: w.key.secret, body: { confirm: 'irreversible' } });
    const batchId = created.body.batch.id as string;
    const added = await call('POST', `/v1/tenant/release-batches/${batchId}/devices`, { token: w.key.secret, rawBody: `${file}\r\n`, headers: { 'content-type': 'text/csv' } });
    expect(added.status, added.text).toBe(200);
    expect((await call('POST', `/v1/tenant/release-batches/${batchId}/submit`, { token: w.key.secret })).status).toBe(202);
    const done = await releaseFinished(w.key.secret, batchId);
    expect(done.summary).toEqual(expect.objectContaining({ received: 102, processed: 102, succeeded: 99, failed: 3 }));

    const results: { index: number; status: string; deviceId?: string; errors: { code: string }[] }[] = [];
    for (let cursor = ''; ; ) {
      const page = await call('GET', `/v1/tenant/release-batches/${batchId}/results?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: w.key.secret });
      expect(page.status, page.text).toBe(200);
      results.push(...page.body.items);
      if (!page.body.nextCursor) break;
      cursor = page.body.nextCursor;
    }
    expect(results.map((r) => r.index)).toEqual(Array.from({ length: 102 }, (_, i) => i));
    const codeOf = (i: number) => results[i].errors.map((e) => e.code).join();
    const indexOf = (deviceId: string) => lines.findIndex((line) => cell(line, 'Device ID') === deviceId);
    for (const deviceId of [...fromDirect, ...fromReseller]) {
      if (deviceId === fromDirect[3]) expect(codeOf(indexOf(deviceId))).toBe('device_not_registered');
      else expect(results[indexOf(deviceId)], deviceId).toMatchObject({ status: 'released', deviceId });
    }
    expect(codeOf(100)).toBe('duplicate_in_submission');
    expect(codeOf(101)).toBe('device_not_registered');

    expect(await listAll(w.key.secret)).toEqual([]);
    expect(idsOf(await listAll(other.key.secret))).toEqual([foreign]);
    await outboxSettled();
    const inBatch = receiver.events('devices.released').map((r) => JSON.parse(r.body).data as { partnerId: string; deviceIds: string[]; batchId?: string }).filter((d) => d.batchId === batchId);
    expect(sorted(inBatch.filter((d) => d.partnerId === w.direct.partner.id).flatMap((d) => d.deviceIds))).toEqual(sorted(fromDirect.filter((id) => id !== fromDirect[3])));
    // The reseller's devices: heard by the reseller and by its provider (one receiver: each event twice).
    expect(sorted(inBatch.filter((d) => d.partnerId === w.reseller.partner.id).flatMap((d) => d.deviceIds))).toEqual(sorted([...fromReseller, ...fromReseller]));
  }, 600_000);

  it('R24: the portal releases a file of more than 1000 devices as a release batch and follows its progress to the results', async () => {
    const w = await customerWorld();
    const devices = Array.from({ length: 1500 }, () => ({ productKeyId: pkid() }));
    for (let i = 0; i < devices.length; i += 1000) await register(w.direct, w.tenant.id, devices.slice(i, i + 1000));
    const unknown = pkid();
    const content = `Windows Product ID\r\n${[...devices.map((d) => d.productKeyId), unknown].join('\r\n')}\r\n`;
    const page = await w.client.get('/portal/devices');
    const csrf = csrfOf(page.html);

    const unconfirmed = await postFile(w.client, '/portal/devices/release-file', { csrf }, { name: 'devices.csv', content });
    expect(unconfirmed.status).toBe(400);
    expect(await listAll(w.key.secret)).toHaveLength(1500);

    const res = await postFile(w.client, '/portal/devices/release-file', { csrf, confirm: 'irreversible' }, { name: 'devices.csv', content });
    expect(res.status, res.html.slice(0, 500)).toBe(303);
    const batchId = /^\/portal\/devices\/releases\/(b_[0-9a-z]+)$/.exec(res.location ?? '')?.[1];
    expect(batchId).toBeDefined();
    const done = await releaseFinished(w.key.secret, batchId!, 300_000);
    expect(done).toMatchObject({ status: 'finished_with_errors', summary: { received: 1501, processed: 1501, succeeded: 1500, failed: 1 } });
    const progress = await w.client.get(res.location!);
    expect(progress.status).toBe(200);
    expect(progress.html).toContain('id="batch-released">1500<');
    const results = await w.client.get(`/portal/devices/releases/${batchId}/results`);
    expect(results.status).toBe(303);
    const rows = parse((await download(results.location)).text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1501);
    expect(rows[1500]).toMatchObject({ index: '1500', line: '1502', status: 'invalid', errorCodes: 'device_not_registered' });
    expect(await listAll(w.key.secret)).toEqual([]);
  }, 600_000);
});

describe('bad input changes nothing (R23, R24)', () => {
  it('R24: more than 1000 devices, an empty list, or a device without identities is 400 naming the field; nothing is released', async () => {
    const w = await customerWorld();
    const ids = await register(w.direct, w.tenant.id, [{ productKeyId: pkid() }]);
    const tooMany = await release(w.key.secret, { confirm: 'irreversible', devices: [{ deviceId: ids[0] }, ...Array.from({ length: 1000 }, () => ({ productKeyId: pkid() }))] });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors.map((e: { path: string }) => e.path)).toContain('devices');
    const none = await release(w.key.secret, { confirm: 'irreversible', devices: [] });
    expect(none.status).toBe(400);
    expect(none.body.errors.map((e: { path: string }) => e.path)).toContain('devices');
    expect(idsOf(await listAll(w.key.secret))).toEqual(ids);
    // A device named by nothing is judged as a partner's row is (R17), and does not stop the rest.
    const blank = await release(w.key.secret, { confirm: 'irreversible', devices: [{ deviceId: ids[0] }, {}] });
    expect(blank.status, blank.text).toBe(200);
    expect(blank.body.results[1]).toMatchObject({ status: 'invalid', errors: [{ code: 'missing_identifier' }] });
    expect(await listAll(w.key.secret)).toEqual([]);
  }, 120_000);

  it('R23: a filter that is not a date (or a limit out of range) is 400 naming it', async () => {
    const w = await customerWorld();
    await register(w.direct, w.tenant.id, [{ productKeyId: pkid() }]);
    for (const [query, field] of [
      ['registeredAfter=yesterday', 'registeredAfter'],
      ['registeredBefore=2026-13-45', 'registeredBefore'],
      ['registeredBefore=1700000000', 'registeredBefore'],
      ['registeredAfter=2026-01-01T10:00:00%2B02:00', 'registeredAfter'],
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
    ] as const) {
      for (const accept of ['application/json', 'text/csv']) {
        const res = await call('GET', `/v1/tenant/devices?${query}`, { token: w.key.secret, headers: { accept } });
        expect(res.status, `${query} (${accept})`).toBe(400);
        expect(res.body).toMatchObject({ code: 'validation_failed' });
        expect(res.body.errors.map((e: { path: string }) => e.path), query).toContain(field);
      }
    }
    const cursor = await call('GET', '/v1/tenant/devices?cursor=forged.cursor', { token: w.key.secret });
    expect(cursor.status).toBe(400);
    expect(cursor.body.errors[0].path).toBe('cursor');
    const portal = await w.client.get('/portal/devices?registeredAfter=yesterday');
    expect(portal.status).toBe(400);
  }, 120_000);

  it('R24: a release file of 3,000,000 rows (6 MB) is refused at row 100,001, a batch\'s limit; the portal creates no release', async () => {
    const tenant = await createTenant();
    const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
    const client = await signIn(admin.email);
    const auditBefore = (await ops('GET', `/ops/audit?tenantId=${tenant.id}&limit=100`)).body.items.length;
    const page = await client.get('/portal/devices');
    const content = `Windows Product ID\n${'1\n'.repeat(3_000_000)}`;
    const refused = await postFile(client, '/portal/devices/release-file', { csrf: csrfOf(page.html), confirm: 'irreversible' }, { name: 'devices.csv', content });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('at most 100000 rows; this file has more (row 100001 is line 100002)');
    expect((await ops('GET', `/ops/audit?tenantId=${tenant.id}&limit=100`)).body.items).toHaveLength(auditBefore);
  }, 120_000);

  it('R24: a file that is not a device CSV, or one of more than 1000 rows in a part, is 400 naming the problem; the release stays empty, and the portal creates none', async () => {
    const w = await customerWorld();
    const ids = await register(w.direct, w.tenant.id, [{ productKeyId: pkid() }]);
    const created = await call('POST', '/v1/tenant/release-batches', { token: w.key.secret, body: { confirm: 'irreversible' } });
    const batchId = created.body.batch.id as string;
    const add = (rawBody: string | Buffer, contentType = 'text/csv') => call('POST', `/v1/tenant/release-batches/${batchId}/devices`, { token: w.key.secret, rawBody, headers: { 'content-type': contentType } });

    const notDevices = await add('Name,Email\r\nAda,ada@example.com\r\n');
    expect(notDevices.status).toBe(400);
    expect(notDevices.body.errors[0]).toMatchObject({ path: 'header', message: expect.stringContaining('Hardware Hash') });
    const empty = await add('');
    expect(empty.status).toBe(400);
    // A workbook saved as .xlsx (a ZIP archive) instead of CSV.
    const workbook = await add(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200)]), 'application/vnd.ms-excel');
    expect(workbook.status).toBe(400);
    expect(workbook.body.errors[0].path).toBe('body');
    const tooLong = await add(`Windows Product ID\r\n${Array.from({ length: 1001 }, () => pkid()).join('\r\n')}\r\n`);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors[0].message).toContain('1000');
    const jsonTooMany = await call('POST', `/v1/tenant/release-batches/${batchId}/devices`, { token: w.key.secret, body: { devices: Array.from({ length: 1001 }, () => ({ productKeyId: pkid() })) } });
    expect(jsonTooMany.status).toBe(400);
    expect(jsonTooMany.body.errors.map((e: { path: string }) => e.path)).toContain('devices');
    const batch = await call('GET', `/v1/tenant/release-batches/${batchId}`, { token: w.key.secret });
    expect(batch.body.batch).toMatchObject({ status: 'open', summary: { received: 0 } });
    // An empty release cannot be submitted.
    expect((await call('POST', `/v1/tenant/release-batches/${batchId}/submit`, { token: w.key.secret })).status).toBe(400);

    // The portal: a file that is not a device CSV is refused before any release exists.
    const auditBefore = (await ops('GET', `/ops/audit?tenantId=${w.tenant.id}&limit=100`)).body.items.length;
    const page = await w.client.get('/portal/devices');
    const refused = await postFile(w.client, '/portal/devices/release-file', { csrf: csrfOf(page.html), confirm: 'irreversible' }, { name: 'people.csv', content: 'Name,Email\r\nAda,ada@example.com\r\n' });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Hardware Hash');
    expect((await ops('GET', `/ops/audit?tenantId=${w.tenant.id}&limit=100`)).body.items).toHaveLength(auditBefore);
    expect(idsOf(await listAll(w.key.secret))).toEqual(ids);
  }, 120_000);
});
