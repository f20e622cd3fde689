import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
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

const BATCH = 100;

/**
 * Looks up who holds each identity, 100 keys a call, retrying unprocessed keys with back-off.
 * Strongly consistent, so a validation right after a registration sees it.
 */
export async function findRegistrations(identities: string[]): Promise<Map<string, Registration>> {
  const found = new Map<string, Registration>();
  const unique = [...new Set(identities)];
  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += BATCH) chunks.push(unique.slice(i, i + BATCH));
  await Promise.all(
    chunks.map(async (chunk) => {
      let keys: Record<string, unknown>[] | undefined = chunk.map(deviceIdentityKey);
      for (let attempt = 0; keys?.length; attempt++) {
        if (attempt > 0) {
          if (attempt > 8) throw new Error('BatchGetItem left keys unprocessed after 8 retries');
          await new Promise((r) => setTimeout(r, Math.min(1000, 2 ** attempt * 10) * (0.5 + Math.random() / 2)));
        }
        const out = await db().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: keys, ConsistentRead: true } } }));
        for (const item of out.Responses?.[tableName()] ?? []) {
          found.set(String(item.pk).slice('DEVICEID#'.length), { deviceId: item.deviceId, tenantId: item.tenantId, partnerId: item.partnerId });
        }
        keys = out.UnprocessedKeys?.[tableName()]?.Keys as Record<string, unknown>[] | undefined;
      }
    }),
  );
  return found;
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
  context: { tenantId: string; partnerId: string; actor: Actor; channel: string },
): Promise<{ device: Device } | { taken: DeviceIdentity }> {
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
  ];
  try {
    await transact(items);
  } catch (error) {
    if (error instanceof ConditionFailed) {
      const index = identities.findIndex((_, i) => error.at(i));
      if (index >= 0) return { taken: identities[index] };
    }
    throw error;
  }
  return { device };
}

const DEVICE_FIELDS = ['id', 'tenantId', 'partnerId', 'registeredAt', 'serialNumber', 'manufacturer', 'model', 'hardwareHash', 'productKeyId', 'groupTag'] as const;
const toDevice = (item: Record<string, unknown>) =>
  Object.fromEntries(DEVICE_FIELDS.filter((f) => item[f] !== undefined).map((f) => [f, item[f]])) as unknown as Omit<Device, 'identities'>;

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

export const publicDevice = toDevice;

/** Deregisters a device: the device, its identities and the audit event go together. */
export async function deregisterDevice(device: Device, actor: Actor): Promise<void> {
  await transact([
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
