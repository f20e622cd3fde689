import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet } from './batch.ts';
import { pick } from './items.ts';
import type { DeviceIdentity, DeviceInput } from '../domain/devices.ts';
import { newId, nowIso } from '../domain/ids.ts';
import { type Actor, auditPut } from './audit.ts';
import { db, tableName } from './client.ts';
import { queryPage, type Page, type PageRequest } from './page.ts';
import { ConditionFailed, transact, type TransactItem } from './transact.ts';

/**
 * Devices: one item each, and one uniqueness item per identity (hardware hash, product key id,
 * tuple), written with `attribute_not_exists` in the same transaction: a device is registered to
 * at most one tenant (R16), and of two racing registrations exactly one wins.
 */
export const deviceKey = (deviceId: string) => ({ pk: `DEVICE#${deviceId}`, sk: 'DEVICE' });
export const deviceIdentityKey = (identity: string) => ({ pk: `DEVICEID#${identity}`, sk: 'DEVICEID' });

export interface Device extends DeviceInput {
  id: string;
  tenantId: string;
  partnerId: string;
  registeredAt: string;
  identities: string[];
}

export interface Registration {
  deviceId: string;
  tenantId: string;
  partnerId: string;
}

/** Who holds each identity (R16), read in batches of 100 keys; strongly consistent, so a validation right after a registration sees it. */
export async function findRegistrations(identities: string[]): Promise<Map<string, Registration>> {
  const items = await batchGet([...new Set(identities)].map(deviceIdentityKey));
  return new Map(
    items.map((item) => [String(item.pk).slice('DEVICEID#'.length), { deviceId: item.deviceId as string, tenantId: item.tenantId as string, partnerId: item.partnerId as string }]),
  );
}

const stripInput = (d: DeviceInput): DeviceInput =>
  Object.fromEntries(
    (['serialNumber', 'manufacturer', 'model', 'hardwareHash', 'productKeyId', 'groupTag'] as const)
      .filter((f) => d[f] !== undefined && d[f] !== '')
      .map((f) => [f, f === 'groupTag' ? d[f] : d[f]!.trim()]),
  );

/**
 * Registers one device: the device, its identities and the audit event in one transaction.
 * When an identity is taken (a race lost, or a registration since validation), answers which one.
 */
export async function registerDevice(
  input: DeviceInput,
  identities: DeviceIdentity[],
  context: { tenantId: string; partnerId: string; actor: Actor; channel: string; stillAuthorized?: TransactItem },
): Promise<{ device: Device } | { taken: DeviceIdentity } | { unauthorized: true }> {
  const device: Device = {
    id: newId('d'),
    ...stripInput(input),
    tenantId: context.tenantId,
    partnerId: context.partnerId,
    registeredAt: nowIso(),
    identities: identities.map((i) => i.key),
  };
  const items: TransactItem[] = [
    ...identities.map(
      (identity): TransactItem => ({
        Put: {
          TableName: tableName(),
          Item: { ...deviceIdentityKey(identity.key), type: 'deviceIdentity', deviceId: device.id, tenantId: device.tenantId, partnerId: device.partnerId },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      }),
    ),
    {
      Put: {
        TableName: tableName(),
        Item: {
          ...deviceKey(device.id),
          type: 'device',
          gsi2pk: `PARTNER#${device.partnerId}#TENANT#${device.tenantId}#DEVICES`,
          gsi2sk: `${device.registeredAt}#${device.id}`,
          ...device,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    auditPut({ action: 'device.registered', actor: context.actor, tenantId: device.tenantId, partnerId: device.partnerId, subject: device.id, details: { channel: context.channel } }),
    ...(context.stillAuthorized ? [context.stillAuthorized] : []),
  ];
  try {
    await transact(items);
  } catch (error) {
    if (error instanceof ConditionFailed) {
      const index = identities.findIndex((_, i) => error.at(i));
      if (index >= 0) return { taken: identities[index] };
      if (context.stillAuthorized && error.at(items.length - 1)) return { unauthorized: true };
    }
    throw error;
  }
  return { device };
}

const DEVICE_FIELDS = ['id', 'tenantId', 'partnerId', 'registeredAt', 'serialNumber', 'manufacturer', 'model', 'hardwareHash', 'productKeyId', 'groupTag'] as const;
const toDevice = (item: Record<string, unknown>): Omit<Device, 'identities'> => pick(item, DEVICE_FIELDS);

export async function getDevice(deviceId: string): Promise<Device | undefined> {
  if (!/^d_[0-9a-f]{24}$/.test(deviceId)) return undefined;
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: deviceKey(deviceId), ConsistentRead: true }));
  return out.Item ? (out.Item as unknown as Device) : undefined;
}

/** The devices a partner registered for a tenant, oldest first. */
export const listDevices = (partnerId: string, tenantId: string, page: PageRequest): Promise<Page<ReturnType<typeof toDevice>>> =>
  queryPage(
    {
      TableName: tableName(),
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': `PARTNER#${partnerId}#TENANT#${tenantId}#DEVICES` },
    },
    page,
    toDevice,
  );


/** Deregisters a device: the device, its identities and the audit event go together. */
export async function deregisterDevice(device: Device, actor: Actor, stillAuthorized: TransactItem): Promise<void> {
  await transact([
    stillAuthorized,
    { Delete: { TableName: tableName(), Key: deviceKey(device.id), ConditionExpression: 'attribute_exists(pk)' } },
    ...device.identities.map(
      (identity): TransactItem => ({
        Delete: {
          TableName: tableName(),
          Key: deviceIdentityKey(identity),
          ConditionExpression: 'deviceId = :id',
          ExpressionAttributeValues: { ':id': device.id },
        },
      }),
    ),
    auditPut({ action: 'device.deregistered', actor, tenantId: device.tenantId, partnerId: device.partnerId, subject: device.id }),
  ]);
}
