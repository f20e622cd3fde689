import { stringify } from 'csv-stringify/sync';
import type { PublicActor } from '#shared/domain/actor.ts';
import type { DeviceInput } from '#shared/domain/devices.ts';
import type { PartnerKind } from '#shared/domain/partner.ts';
import { publishDownload, type PublishedDownload } from '#shared/files/downloads.ts';
import { everyTenantDevice, listTenantDevices, type Device, type TenantDeviceFilter } from '#shared/table/devices.ts';
import type { Page, PageRequest } from '#shared/table/page.ts';

/** A device as its tenant sees it (API.md `tenantDevice`, R23). */
export interface TenantDevice extends DeviceInput {
  id: string;
  partner: { id: string; name: string; kind: PartnerKind | 'unknown' };
  via?: { resellerId: string; resellerName: string };
  provider?: { id: string; name: string };
  batchId?: string;
  row?: number;
  registeredAt: string;
  registeredBy: PublicActor;
}

/** R23: what the tenant is shown of one of its devices; devices registered before R23 name their partner by id only. */
export function toTenantDevice(device: Device): TenantDevice {
  const { origin } = device;
  const optional = <K extends 'serialNumber' | 'manufacturer' | 'model' | 'hardwareHash' | 'productKeyId' | 'groupTag'>(field: K) =>
    device[field] !== undefined ? { [field]: device[field] } : {};
  return {
    id: device.id,
    ...optional('serialNumber'),
    ...optional('manufacturer'),
    ...optional('model'),
    ...optional('hardwareHash'),
    ...optional('productKeyId'),
    ...optional('groupTag'),
    partner: { id: device.partnerId, name: origin?.partnerName ?? device.partnerId, kind: origin?.partnerKind ?? 'unknown' },
    ...(origin?.via ? { via: origin.via } : {}),
    ...(origin?.provider ? { provider: origin.provider } : {}),
    ...(device.batchId ? { batchId: device.batchId, row: device.batchIndex } : {}),
    registeredAt: device.registeredAt,
    registeredBy: origin?.registeredBy ?? { type: 'partner_key', name: device.partnerId },
  };
}

/** The cursor scope of a tenant's list: its filters are part of it, so a cursor works only for the list it came from (R19). */
const scopeOf = (tenantId: string, filter: TenantDeviceFilter) =>
  `tenant-devices:${tenantId}:${filter.partnerId ?? ''}:${filter.batchId ?? ''}:${filter.identity ?? ''}:${filter.registeredAfter ?? ''}:${filter.registeredBefore ?? ''}`;

/** R23: one page of the tenant's devices, newest first; never another tenant's (R19: the key is the tenant's own). */
export async function tenantDevicesPage(tenantId: string, filter: TenantDeviceFilter, page: { limit: number; cursor?: string }): Promise<Page<TenantDevice>> {
  const request: PageRequest = { ...page, scope: scopeOf(tenantId, filter) };
  const found = await listTenantDevices(tenantId, filter, request);
  return { items: found.items.map(toTenantDevice), nextCursor: found.nextCursor };
}

/**
 * The columns of the export. Identities carry the headers Microsoft's tools write (API.md "CSV
 * upload"), so an export, or some of its rows, is itself a file the release accepts.
 */
export const TENANT_DEVICE_COLUMNS = [
  'Device ID',
  'Device Serial Number',
  'Windows Product ID',
  'Hardware Hash',
  'Manufacturer name',
  'Device model',
  'Group Tag',
  'Partner ID',
  'Partner name',
  'Partner kind',
  'Via reseller',
  'Provider',
  'Batch ID',
  'Batch row',
  'Registered at',
  'Registered by',
] as const;

/**
 * A text cell a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a
 * carriage return) is written with a leading `'` (OWASP's CSV injection advice). Only the cells of
 * names and the group tag: the identities are written as they are, so a row of the export is a
 * row a release reads.
 */
export const inertCell = (value: string): string => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

export const tenantDeviceCsvRow = (d: TenantDevice): string[] => [
  d.id,
  d.serialNumber ?? '',
  d.productKeyId ?? '',
  d.hardwareHash ?? '',
  d.manufacturer ?? '',
  d.model ?? '',
  inertCell(d.groupTag ?? ''),
  d.partner.id,
  inertCell(d.partner.name),
  d.partner.kind,
  inertCell(d.via?.resellerName ?? ''),
  inertCell(d.provider?.name ?? ''),
  d.batchId ?? '',
  d.row !== undefined ? String(d.row) : '',
  d.registeredAt,
  [d.registeredBy.type, d.registeredBy.id].filter(Boolean).join(':'),
];

/**
 * R23: every device the filters select, as one CSV file of any size (API.md: `Accept: text/csv`):
 * written to the downloads bucket as it is read, so requests grow with the pages read, not the
 * devices, and no answer carries it (item 4 of issue 21: a presigned URL does).
 */
export function exportTenantDevices(tenantId: string, filter: TenantDeviceFilter): Promise<PublishedDownload> {
  async function* lines(): AsyncIterable<string> {
    yield stringify([[...TENANT_DEVICE_COLUMNS]]);
    for await (const devices of everyTenantDevice(tenantId, filter)) {
      if (devices.length > 0) yield stringify(devices.map((device) => tenantDeviceCsvRow(toTenantDevice(device))));
    }
  }
  return publishDownload({ owner: `tenant-${tenantId}`, filename: `devices-${tenantId}.csv`, contentType: 'text/csv; charset=utf-8', lines: lines() });
}
