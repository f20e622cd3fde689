import { randomBytes } from 'node:crypto';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asPartner, call, problem } from '../support/api.ts';
import { authorizedPartner } from '../support/authorized.ts';
import { csrfOf, signIn } from '../support/pages.ts';
import { deviceIdentities, type DeviceInput } from '#shared/domain/devices.ts';
import { newId } from '#shared/domain/ids.ts';
import { db, tableName } from '#shared/table/client.ts';
import { deviceRegistered, listDevices, listTenantDevices, type Device } from '#shared/table/devices.ts';
import { deviceKeys, deviceShard } from '#shared/table/keys.ts';
import { encodeCursor } from '#shared/table/page.ts';

/**
 * Issue 26: the devices indexes are spread over shards (keys.ts), and every list of them reads
 * the shards in parallel and merges them by sort key. A list read page by page, whatever the page
 * size, gives each device exactly once, in the order the API promises: a partner's devices oldest
 * first, a tenant's newest first (R23). Devices written before the shards (their unsharded
 * partition) are listed with the rest.
 */

const pkid = () => String(Math.floor(1e12 + Math.random() * 9e12));
const hash = () => randomBytes(128).toString('base64');

/** Writes devices as the registration's builder makes them (its device item), `legacy` ones with the unsharded index keys of the version before the shards. */
async function writeDevices(devices: (Device & { legacy?: boolean })[]): Promise<void> {
  const items = devices.map(({ legacy, ...device }) => {
    const item = deviceRegistered(device, []).at(-1)!.Put!.Item!;
    return legacy
      ? { ...item, gsi1pk: `TENANT#${device.tenantId}#DEVICES`, gsi2pk: `PARTNER#${device.partnerId}#TENANT#${device.tenantId}#DEVICES` }
      : item;
  });
  for (let i = 0; i < items.length; i += 25) {
    await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
}

/** A device of a partner for a tenant, registered at one of few instants (so many share one, and the id orders them). */
function aDevice(tenantId: string, partnerId: string, instant: number, input: DeviceInput, extra: Partial<Device> = {}): Device {
  return {
    id: newId('d'),
    ...input,
    tenantId,
    partnerId,
    registeredAt: new Date(Date.UTC(2026, 11, 3, 10, 0, instant)).toISOString(),
    identities: deviceIdentities(input).map((i) => i.key),
    ...extra,
  };
}

/** Every page of a list, following its cursor. */
async function everyPage<T>(read: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await read(cursor);
    // A cursor fits the 2,048 characters the `cursor` parameter takes (shared/http/schemas.ts).
    expect(page.nextCursor?.length ?? 0).toBeLessThanOrEqual(2048);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    pages++;
    if (pages > 1000) throw new Error('the list does not end');
  } while (cursor);
  return { items, pages };
}

const gsi1Order = (devices: Device[]) => [...devices].sort((a, b) => (`${b.registeredAt}#${b.id}` < `${a.registeredAt}#${a.id}` ? -1 : 1)).map((d) => d.id);
const gsi2Order = (devices: Device[]) => [...devices].sort((a, b) => (`${a.registeredAt}#${a.id}` < `${b.registeredAt}#${b.id}` ? -1 : 1)).map((d) => d.id);

describe('issue 26: device lists across the shards of their index', () => {
  it('R23, R19: a partner lists 50 devices 4 at a time through the API, each exactly once, oldest first, older unsharded devices among them; a tampered cursor is 400', async () => {
    const { tenant, partner } = await authorizedPartner();
    const devices: DeviceInput[] = Array.from({ length: 45 }, (_, n) => (n % 3 === 0 ? { hardwareHash: hash() } : n % 3 === 1 ? { productKeyId: pkid() } : { manufacturer: 'Contoso', model: 'Laptop 7', serialNumber: `SN${pkid()}` }));
    const registered = await asPartner(partner.apiKey, 'POST', '/v1/devices', { tenantId: tenant.id, devices });
    expect(registered.status, registered.text).toBe(200);
    expect(registered.body.summary.registered).toBe(45);
    // Five devices of the version before the shards, registered earlier.
    const legacy = Array.from({ length: 5 }, (_, n) => aDevice(tenant.id, partner.partner.id, n, { productKeyId: pkid() }));
    await writeDevices(legacy.map((d) => ({ ...d, legacy: true })));

    const listed = await everyPage<{ id: string; registeredAt: string }>(async (cursor) => {
      const res = await asPartner(partner.apiKey, 'GET', `/v1/devices?tenantId=${tenant.id}&limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status, res.text).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(4);
      return res.body;
    });
    const ids = listed.items.map((d) => d.id);
    expect(ids).toHaveLength(50);
    expect(new Set(ids).size).toBe(50);
    expect(ids.slice(0, 5)).toEqual(legacy.map((d) => d.id));
    const keys = listed.items.map((d) => `${d.registeredAt}#${d.id}`);
    expect(keys).toEqual([...keys].sort());
    expect(listed.pages).toBeGreaterThanOrEqual(13);
    // The devices really are on several shards: the list merged them.
    const shards = new Set(registered.body.results.map((r: { deviceId: string }, n: number) => deviceShard({ id: r.deviceId, identities: deviceIdentities(devices[n]!).map((i) => i.key) }, deviceKeys.partnerShards)));
    expect(shards.size).toBeGreaterThan(8);

    const first = await asPartner(partner.apiKey, 'GET', `/v1/devices?tenantId=${tenant.id}&limit=4`);
    const [payload, signature] = (first.body.nextCursor as string).split('.');
    const forged = Buffer.from(JSON.stringify({ at: '0000#d_0' })).toString('base64url');
    for (const cursor of [`${forged}.${signature}`, `${payload}.${signature!.slice(1)}x`, 'garbage']) {
      const res = await asPartner(partner.apiKey, 'GET', `/v1/devices?tenantId=${tenant.id}&limit=4&cursor=${encodeURIComponent(cursor)}`);
      expect(res.status).toBe(400);
      expect(problem(res).code).toBe('validation_failed');
    }
    // R19: the cursor of this list is refused on another tenant's list.
    const other = await authorizedPartner();
    const elsewhere = await asPartner(other.partner.apiKey, 'GET', `/v1/devices?tenantId=${other.tenant.id}&limit=4&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(elsewhere.status).toBe(400);
  });

  it("R23: the customer API lists a tenant's devices 3 at a time across its shards, each exactly once, newest first", async () => {
    const { tenant, admin, partner } = await authorizedPartner();
    const devices: DeviceInput[] = Array.from({ length: 40 }, () => ({ productKeyId: pkid() }));
    expect((await asPartner(partner.apiKey, 'POST', '/v1/devices', { tenantId: tenant.id, devices })).body.summary.registered).toBe(40);
    const client = await signIn(admin.email);
    const shown = await client.get('/portal/api-keys');
    const form = new URLSearchParams({ csrf: csrfOf(shown.html), name: 'shards', scopes: 'devices:read' });
    const secret = /id="new-key-secret">([^<]+)</.exec((await client.post('/portal/api-keys', form)).html)?.[1];
    expect(secret).toBeDefined();
    const listed = await everyPage<{ id: string; registeredAt: string }>(async (cursor) => {
      const res = await call('GET', `/v1/tenant/devices?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: secret });
      expect(res.status, res.text).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(3);
      return res.body;
    });
    const keys = listed.items.map((d) => `${d.registeredAt}#${d.id}`);
    expect(new Set(keys).size).toBe(40);
    expect(keys).toEqual([...keys].sort().reverse());
    const bad = await call('GET', '/v1/tenant/devices?limit=3&cursor=not.acursor', { token: secret });
    expect(bad.status).toBe(400);
    expect(problem(bad).code).toBe('validation_failed');
  });

  it('issue 26: any shard contents, any page sizes, with and without a filter that drops items and a page cut short: every device once, in order (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ instant: fc.integer({ min: 0, max: 5 }), legacy: fc.boolean(), inBatch: fc.boolean(), partner: fc.integer({ min: 0, max: 1 }) }), { maxLength: 70 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 3 }),
        async (specs, limit, maxRounds) => {
          const tenantId = newId('t');
          const partners = [newId('p'), newId('p')];
          const batchId = newId('b');
          const devices = specs.map((s) => ({
            ...aDevice(tenantId, partners[s.partner]!, s.instant, { productKeyId: pkid() }, s.inBatch ? { batchId, batchIndex: 0 } : {}),
            legacy: s.legacy,
          }));
          await writeDevices(devices);
          const scope = `test:${tenantId}`;
          // The tenant's list, newest first; with the batch filter, and then read so that a page may stop short (one Query an item, few rounds).
          const tenantList = await everyPage((cursor) => listTenantDevices(tenantId, {}, { limit, cursor, scope }));
          expect(tenantList.items.map((d) => d.id)).toEqual(gsi1Order(devices));
          const inBatch = devices.filter((d) => d.batchId);
          const filtered = await everyPage((cursor) => listTenantDevices(tenantId, { batchId }, { limit, cursor, scope: `${scope}:b` }, { filteredReadSize: 1, maxRounds }));
          expect(filtered.items.map((d) => d.id)).toEqual(gsi1Order(inBatch));
          // One partner's, oldest first.
          const ofPartner = devices.filter((d) => d.partnerId === partners[0]);
          const partnerList = await everyPage((cursor) => listDevices(partners[0]!, tenantId, { limit, cursor, scope: `${scope}:p` }));
          expect(partnerList.items.map((d) => d.id)).toEqual(gsi2Order(ofPartner));
        },
      ),
      { numRuns: 25, seed: 26 },
    );
  }, 240_000);

  it('issue 26: a cursor given before the shards (a LastEvaluatedKey of the unsharded partition) goes on just after its device, across every shard', async () => {
    const tenantId = newId('t');
    const partnerId = newId('p');
    const devices = Array.from({ length: 30 }, (_, n) => aDevice(tenantId, partnerId, n % 4, { productKeyId: pkid() }));
    await writeDevices(devices);
    const order = gsi2Order(devices);
    const fifth = devices.find((d) => d.id === order[4])!;
    const old = await encodeCursor(
      { gsi2pk: `PARTNER#${partnerId}#TENANT#${tenantId}#DEVICES`, gsi2sk: `${fifth.registeredAt}#${fifth.id}`, ...deviceKeys.key(fifth.id) },
      'test:old',
    );
    const rest = await everyPage((cursor) => listDevices(partnerId, tenantId, { limit: 7, cursor: cursor ?? old, scope: 'test:old' }));
    expect(rest.items.map((d) => d.id)).toEqual(order.slice(5));
  });

  it('issue 26: a filter that matches nothing in 400 devices, read a few items a Query and one round a page, ends: every page moves its cursor on, each cursor under the 2,048 characters a cursor may have', async () => {
    const tenantId = newId('t');
    const partnerId = newId('p');
    const devices = Array.from({ length: 400 }, (_, n) => ({ ...aDevice(tenantId, partnerId, n % 6, { productKeyId: pkid() }), legacy: n % 10 === 0 }));
    await writeDevices(devices);
    const cursors = new Set<string>();
    const listed = await everyPage(async (cursor) => {
      const page = await listTenantDevices(tenantId, { batchId: 'b_none' }, { limit: 10, cursor, scope: 'test:none' }, { filteredReadSize: 1, maxRounds: 1 });
      if (page.nextCursor) {
        expect(cursors.has(page.nextCursor)).toBe(false);
        cursors.add(page.nextCursor);
      }
      return page;
    });
    expect(listed.items).toEqual([]);
    expect(listed.pages).toBeGreaterThan(1);
  }, 240_000);
});
