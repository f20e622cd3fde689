import { GetCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { batchGet } from './batch.ts';
import { fieldsOf, pick } from './items.ts';
import type { PublicActor } from '#shared/domain/actor.ts';
import type { DeviceIdentity, DeviceInput } from '#shared/domain/devices.ts';
import type { PartnerKind } from '#shared/domain/partner.ts';
import { db, tableName } from './client.ts';
import { deviceIdentityKeys, deviceKeys, type KeyQuery } from './keys.ts';
import { keyQuery, type Page, type PageRequest } from './page.ts';
import { everyShardedItem, shardedQueryPage, type Shards } from './sharded-page.ts';
import type { Write } from './transact.ts';

/**
 * Devices: one item each, and one uniqueness item per identity (hardware hash, product key id,
 * tuple), written with `attribute_not_exists` in the same transaction: a device is registered to
 * at most one tenant (R16), and of two racing registrations exactly one wins.
 */
export interface Device extends DeviceInput {
  id: string;
  tenantId: string;
  partnerId: string;
  registeredAt: string;
  identities: string[];
  /** The batch (and its row) that registered it, if any: a worker working a task again knows its own devices (R22). */
  batchId?: string;
  batchIndex?: number;
  /** What the tenant's list shows (R23), kept at registration so a page of it is one Query. */
  origin?: DeviceOrigin;
}

/**
 * Who registered a device, as its tenant sees it (R23): the partner (its name and kind as they
 * were), the reseller whose consent a provider registered through, or a reseller's provider, and
 * the key it called with. Devices registered before R23 have none.
 */
export interface DeviceOrigin {
  partnerName: string;
  partnerKind: PartnerKind;
  via?: { resellerId: string; resellerName: string };
  provider?: { id: string; name: string };
  registeredBy: PublicActor;
}

export interface Registration {
  deviceId: string;
  tenantId: string;
  partnerId: string;
  batchId?: string;
  batchIndex?: number;
}

/** Who holds each identity (R16), read in batches of 100 keys; strongly consistent, so a validation right after a registration sees it. */
export async function findRegistrations(identities: string[]): Promise<Map<string, Registration>> {
  const items = await batchGet([...new Set(identities)].map(deviceIdentityKeys.key));
  return new Map(
    items.map((item) => [
      deviceIdentityKeys.identityOf(item),
      {
        deviceId: item.deviceId as string,
        tenantId: item.tenantId as string,
        partnerId: item.partnerId as string,
        ...(item.batchId ? { batchId: item.batchId as string, batchIndex: item.batchIndex as number } : {}),
      },
    ]),
  );
}

/** The reason a registration fails when this identity is taken (a race lost, or a registration since validation). */
export const identityTaken = (identity: DeviceIdentity) => `taken:${identity.key}`;

/** The writes that register a device: its identities (each unique) and the device. */
export function deviceRegistered(device: Device, identities: DeviceIdentity[]): Write[] {
  return [
    ...identities.map(
      (identity): Write => ({
        ifConditionFails: identityTaken(identity),
        Put: {
          TableName: tableName(),
          Item: {
            ...deviceIdentityKeys.key(identity.key),
            type: 'deviceIdentity',
            deviceId: device.id,
            tenantId: device.tenantId,
            partnerId: device.partnerId,
            ...(device.batchId ? { batchId: device.batchId, batchIndex: device.batchIndex } : {}),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      }),
    ),
    {
      Put: {
        TableName: tableName(),
        Item: { ...deviceKeys.key(device.id), type: 'device', ...deviceKeys.indexes(device), ...device },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];
}

/** The writes that deregister a device: the device and its identities, unless it is gone already (`gone`). */
export function deviceDeregistered(device: Pick<Device, 'id' | 'identities'>): Write[] {
  return [
    { ifConditionFails: 'gone', Delete: { TableName: tableName(), Key: deviceKeys.key(device.id), ConditionExpression: 'attribute_exists(pk)' } },
    ...identitiesDeregistered(device.id, device.identities),
  ];
}

/**
 * The writes that move a device to another tenant (R26: a claim's released or granted device), in
 * one transaction: the device goes (only if it is still there), the device `to` comes (a new id, the
 * claimant's tenant and partner), and each identity item is rewritten to it, only while it still
 * names the device that goes; any of them not holding fails the write as `gone`.
 */
export function deviceMoved(from: Pick<Device, 'id' | 'identities'>, to: Device): Write[] {
  return [
    { ifConditionFails: 'gone', Delete: { TableName: tableName(), Key: deviceKeys.key(from.id), ConditionExpression: 'attribute_exists(pk)' } },
    { Put: { TableName: tableName(), Item: { ...deviceKeys.key(to.id), type: 'device', ...deviceKeys.indexes(to), ...to }, ConditionExpression: 'attribute_not_exists(pk)' } },
    ...from.identities.map(
      (identity): Write => ({
        ifConditionFails: 'gone',
        Put: {
          TableName: tableName(),
          Item: { ...deviceIdentityKeys.key(identity), type: 'deviceIdentity', deviceId: to.id, tenantId: to.tenantId, partnerId: to.partnerId },
          ConditionExpression: 'deviceId = :from',
          ExpressionAttributeValues: { ':from': from.id },
        },
      }),
    ),
  ];
}

/**
 * What a release file says of a device it names (a tenant's export carries it: Device ID,
 * Partner ID, the identities), with the provider the partner registers through, if any.
 */
export interface NamedDevice {
  id: string;
  tenantId: string;
  partnerId: string;
  identities: string[];
  providerId?: string;
}

/**
 * The writes that deregister a device as a file names it, without reading it first: they hold
 * only if the device is exactly that (this tenant's, this partner's, exactly these identities,
 * registered through that provider or through none), so the write proves what a read would have
 * shown; otherwise the whole transaction fails (`gone`) and the caller reads the device.
 */
export function namedDeviceDeregistered(device: NamedDevice): Write[] {
  return [
    {
      ifConditionFails: 'gone',
      Delete: {
        TableName: tableName(),
        Key: deviceKeys.key(device.id),
        ConditionExpression: `tenantId = :tenant AND partnerId = :partner AND identities = :identities AND ${device.providerId ? '#origin.#provider.#id = :provider' : 'attribute_not_exists(#origin.#provider)'}`,
        ExpressionAttributeNames: { '#origin': 'origin', '#provider': 'provider', ...(device.providerId ? { '#id': 'id' } : {}) },
        ExpressionAttributeValues: {
          ':tenant': device.tenantId,
          ':partner': device.partnerId,
          ':identities': device.identities,
          ...(device.providerId ? { ':provider': device.providerId } : {}),
        },
      },
    },
    ...identitiesDeregistered(device.id, device.identities),
  ];
}

const identitiesDeregistered = (deviceId: string, identities: string[]): Write[] =>
  identities.map(
    (identity): Write => ({
      ifConditionFails: 'gone',
      Delete: { TableName: tableName(), Key: deviceIdentityKeys.key(identity), ConditionExpression: 'deviceId = :id', ExpressionAttributeValues: { ':id': deviceId } },
    }),
  );

// A listed device shows neither its identities nor the batch row that registered it.
const DEVICE_FIELDS = /* @__PURE__ */ fieldsOf<Omit<Device, 'identities' | 'batchId' | 'batchIndex' | 'origin'>>()(['id', 'tenantId', 'partnerId', 'registeredAt', 'serialNumber', 'manufacturer', 'model', 'hardwareHash', 'productKeyId', 'groupTag']);
const STORED_DEVICE_FIELDS = /* @__PURE__ */ fieldsOf<Device>()([...DEVICE_FIELDS, 'identities', 'batchId', 'batchIndex', 'origin']);
const toDevice = (item: Record<string, unknown>): Omit<Device, 'identities'> => pick(item, DEVICE_FIELDS);

export async function getDevice(deviceId: string): Promise<Device | undefined> {
  if (!/^d_[0-9a-f]{24}$/.test(deviceId)) return undefined;
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: deviceKeys.key(deviceId), ConsistentRead: true }));
  return out.Item ? pick<Device>(out.Item, STORED_DEVICE_FIELDS) : undefined;
}

/** The Queries of a device list, one a shard of its index (keys.ts), with where each resumes. */
const deviceShards = (queries: KeyQuery[], params: (q: KeyQuery) => QueryCommandInput): Shards => ({
  queries: queries.map(params),
  startAfter: (n, position) => deviceKeys.startAfter(queries[n]!, position),
  isPosition: deviceKeys.isPosition,
});

/** The devices a partner registered for a tenant, oldest first: its shards merged (keys.ts). */
export const listDevices = (partnerId: string, tenantId: string, page: PageRequest): Promise<Page<ReturnType<typeof toDevice>>> =>
  shardedQueryPage(deviceShards(deviceKeys.queryShardsOfPartnerAndTenant(partnerId, tenantId), (q) => keyQuery(q)), page, toDevice);

/** What a tenant's device list filters on (R23); every filter is optional. */
export interface TenantDeviceFilter {
  partnerId?: string;
  batchId?: string;
  /** A serial number or product key id (exactly), or the beginning of a hardware hash. */
  identity?: string;
  registeredAfter?: string;
  registeredBefore?: string;
}

/*
 * The bounds of a registration-date range as the sort key compares them (it begins with the
 * registration time to the millisecond): a time written with fewer digits (`10:00Z`, `10:00:30Z`)
 * is that very moment, so it is compared in the stored form; a date is the whole day.
 */
const storedTime = (value: string) => new Date(value).toISOString();
const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);
const rangeStart = (after: string | undefined) => (after === undefined ? '0' : isDate(after) ? after : storedTime(after));
const rangeEnd = (before: string | undefined) => `${before === undefined ? '9999' : isDate(before) ? before : storedTime(before)}~`;

/**
 * The queries of a tenant's devices, newest first (R23), one a shard: the tenant's index, or the
 * partner's for the tenant when one partner is asked for; a date range is a range of the sort key
 * (it begins with the registration time), the rest filters. `undefined` when the range selects
 * nothing (a range that ends before it starts: DynamoDB refuses such a BETWEEN).
 */
function tenantDevicesQuery(tenantId: string, filter: TenantDeviceFilter): Shards | undefined {
  const queries = filter.partnerId ? deviceKeys.queryShardsOfPartnerAndTenant(filter.partnerId, tenantId) : deviceKeys.queryShardsOfTenant(tenantId);
  const range = filter.registeredAfter || filter.registeredBefore ? ([rangeStart(filter.registeredAfter), rangeEnd(filter.registeredBefore)] as const) : undefined;
  if (range && range[0] > range[1]) return undefined;
  return deviceShards(queries, (query) => {
    const params = keyQuery(query, { descending: true, ...(range ? { sortBetween: range } : {}) });
    const conditions: string[] = [];
    if (filter.batchId) {
      conditions.push('batchId = :batchId');
      params.ExpressionAttributeValues[':batchId'] = filter.batchId;
    }
    if (filter.identity) {
      conditions.push('(serialNumber = :identity OR productKeyId = :identity OR begins_with(hardwareHash, :identity))');
      params.ExpressionAttributeValues[':identity'] = filter.identity;
    }
    if (conditions.length > 0) params.FilterExpression = conditions.join(' AND ');
    return params;
  });
}

const toStoredDevice = (item: Record<string, unknown>) => pick<Device>(item, STORED_DEVICE_FIELDS);

/** A page of a tenant's devices (R23): one parallel round of Queries, one a shard, unless a filter drops items. */
export async function listTenantDevices(
  tenantId: string,
  filter: TenantDeviceFilter,
  page: PageRequest,
  options?: Parameters<typeof shardedQueryPage>[3],
): Promise<Page<Device>> {
  const shards = tenantDevicesQuery(tenantId, filter);
  return shards ? shardedQueryPage(shards, page, toStoredDevice, options) : { items: [], nextCursor: null };
}

/** Every device of a tenant the filter selects, newest first, its shards read in parallel (up to 1,000 items a Query): the export's read. */
export async function* everyTenantDevice(tenantId: string, filter: TenantDeviceFilter): AsyncIterable<Device[]> {
  const shards = tenantDevicesQuery(tenantId, filter);
  if (!shards) return;
  for await (const items of everyShardedItem(shards)) yield items.map(toStoredDevice);
}

/** Devices by id, in batches of 100 keys (a deregistration by file names several). */
export async function getDevices(deviceIds: string[]): Promise<Map<string, Device>> {
  const items = await batchGet([...new Set(deviceIds)].map(deviceKeys.key));
  return new Map(items.map((item) => [item.id as string, pick<Device>(item, STORED_DEVICE_FIELDS)]));
}
