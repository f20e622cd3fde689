import { createHash } from 'node:crypto';
import { isEligibleForConsent, type Partner, type PartnerKind } from './partner.ts';

/** A submitted device row (API.md `device`). */
export interface DeviceInput {
  serialNumber?: string;
  manufacturer?: string;
  model?: string;
  hardwareHash?: string;
  productKeyId?: string;
  groupTag?: string;
}

/** What a row of a tenant's export names beside the identities (Device ID, Partner ID): a release uses it (R24). */
export interface NamedRow {
  deviceId: string;
  partnerId: string;
}

/** Every per-device `code` of API.md (the OpenAPI document lists these and `internal`). */
export const DEVICE_ERROR_CODES = [
  'missing_identifier',
  'invalid_hardware_hash',
  'invalid_product_key_id',
  'invalid_serial_number',
  'invalid_manufacturer',
  'invalid_model',
  'invalid_group_tag',
  'duplicate_in_submission',
  'device_already_assigned',
  'device_assigned_to_other_tenant',
  // Deregistration: no device of this partner for this tenant has these identifiers (another partner's looks the same, R19).
  'device_not_registered',
  'consent_required',
  'partner_not_eligible',
  'channel_not_allowed',
  // R28: the customer's approval policy for this partner holds this registration for its approval.
  'approval_required',
  // R26: the device is in another open claim already (one open claim a device).
  'claim_pending',
] as const;
export type DeviceErrorCode = (typeof DEVICE_ERROR_CODES)[number];

export interface DeviceError {
  code: DeviceErrorCode;
  field?: keyof DeviceInput;
  message: string;
  /** The Windows Autopilot import error a partner's engineers know this by (API.md), where there is one. */
  autopilotError?: AutopilotError;
}

export interface AutopilotError {
  /** The numeric code, where Microsoft documents one. */
  code?: number;
  name: string;
}

/** API.md: the Autopilot equivalents of the per-device codes. */
export const AUTOPILOT_ERRORS: Partial<Record<DeviceErrorCode, AutopilotError>> = {
  missing_identifier: { code: 803, name: 'MissingZtdSerialNumberAndProductKey' },
  invalid_hardware_hash: { code: 802, name: 'InvalidZtdHardwareHash' },
  // API.md names it without a number.
  duplicate_in_submission: { name: 'ZtdDeviceDuplicated' },
  device_already_assigned: { code: 806, name: 'ZtdDeviceAlreadyAssigned' },
  device_assigned_to_other_tenant: { code: 808, name: 'ZtdDeviceAssignedToOtherTenant' },
};

/** A per-device error as answered: with its Autopilot equivalent when it has one. */
export const withAutopilotError = (error: DeviceError): DeviceError =>
  AUTOPILOT_ERRORS[error.code] ? { ...error, autopilotError: AUTOPILOT_ERRORS[error.code] } : error;

/** How a registration arrives: the JSON API or a CSV upload (R14). */
export type Channel = 'api' | 'csv';

const CHANNELS: Record<PartnerKind, Channel[]> = {
  'direct-csp': ['api', 'csv'],
  'indirect-reseller': ['csv'],
  'indirect-provider': ['api'],
  oem: ['api'],
};

/**
 * R14: whether a partner may register or deregister for a tenant through this channel now: its
 * channel, its eligibility (R9 for OEMs), and its authorization for the tenant (R6-R8), in that order.
 */
export function registrationRefusal(
  partner: Pick<Partner, 'kind' | 'directApiEligible'>,
  channel: Channel,
  authorized: boolean,
): Extract<DeviceErrorCode, 'consent_required' | 'partner_not_eligible' | 'channel_not_allowed'> | undefined {
  if (!CHANNELS[partner.kind].includes(channel)) return 'channel_not_allowed';
  if (!isEligibleForConsent(partner as Partner)) return 'partner_not_eligible';
  if (!authorized) return 'consent_required';
  return undefined;
}

export const REFUSAL_MESSAGES: Record<'consent_required' | 'partner_not_eligible' | 'channel_not_allowed', (channel: Channel) => string> = {
  consent_required: () => 'The partner has no active consent from this tenant',
  partner_not_eligible: () => 'This OEM is not enabled for direct API registration',
  channel_not_allowed: (channel) => (channel === 'api' ? 'This partner registers devices only by CSV upload' : 'This partner registers devices only through the API'),
};

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** API.md `invalid_group_tag`: what a group tag must be (a device's, and a relationship's default one, R28). */
export const GROUP_TAG_RULE = 'Group tag must be at most 128 characters, without control characters';
/** Whether a group tag breaks API.md's rule: over 128 characters, or control characters. */
export const isInvalidGroupTag = (tag: string): boolean => tag.length > 128 || CONTROL.test(tag);
const present = (v: string | undefined): v is string => v !== undefined && v.trim() !== '';

function checkText(value: string | undefined, field: keyof DeviceInput, max: number, code: DeviceErrorCode, label: string): DeviceError | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return { code, field, message: `${label} is empty` };
  if (trimmed.length > max) return { code, field, message: `${label} must be at most ${max} characters` };
  if (CONTROL.test(value)) return { code, field, message: `${label} contains control characters` };
  return undefined;
}

/** Canonical base64 (padding included) decoding to 64-8,192 bytes. */
function checkHardwareHash(hash: string): DeviceError | undefined {
  const bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(hash) && hash.length % 4 === 0 ? Buffer.from(hash, 'base64') : undefined;
  if (!bytes || bytes.toString('base64') !== hash) return { code: 'invalid_hardware_hash', field: 'hardwareHash', message: 'Hardware hash is not canonical base64' };
  if (bytes.length < 64 || bytes.length > 8192) {
    return { code: 'invalid_hardware_hash', field: 'hardwareHash', message: `Hardware hash decodes to ${bytes.length} bytes; it must be 64 to 8,192` };
  }
  return undefined;
}

/**
 * The problems of one row that need no I/O: its fields (API.md codes) and R17, a device is
 * identified by its hardware hash, its product key id, or the whole (manufacturer, model, serial).
 */
export function checkDeviceFields(device: DeviceInput): DeviceError[] {
  const errors: DeviceError[] = [];
  const add = (e: DeviceError | undefined) => e && errors.push(e);
  if (device.hardwareHash !== undefined) add(present(device.hardwareHash) ? checkHardwareHash(device.hardwareHash.trim()) : { code: 'invalid_hardware_hash', field: 'hardwareHash', message: 'Hardware hash is empty' });
  if (device.productKeyId !== undefined && !/^\d{13}$/.test(device.productKeyId.trim())) {
    add({ code: 'invalid_product_key_id', field: 'productKeyId', message: 'Product key id must be exactly 13 digits' });
  }
  add(checkText(device.serialNumber, 'serialNumber', 64, 'invalid_serial_number', 'Serial number'));
  add(checkText(device.manufacturer, 'manufacturer', 128, 'invalid_manufacturer', 'Manufacturer'));
  add(checkText(device.model, 'model', 128, 'invalid_model', 'Model'));
  if (device.groupTag !== undefined && isInvalidGroupTag(device.groupTag)) add({ code: 'invalid_group_tag', field: 'groupTag', message: GROUP_TAG_RULE });
  const identified = present(device.hardwareHash) || present(device.productKeyId) || (present(device.manufacturer) && present(device.model) && present(device.serialNumber));
  if (!identified) {
    add({ code: 'missing_identifier', message: 'Give a hardware hash, a product key id, or manufacturer, model and serial number' });
  }
  return errors;
}

export interface DeviceIdentity {
  /** The key of the uniqueness item (ARCHITECTURE.md: devices by identifier). */
  key: string;
  field: keyof DeviceInput;
}

const digest = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * Every identity of a row (R17): two rows, or a row and a registration, name the same device when
 * they share one. The tuple compares case-insensitively after trimming (API.md).
 */
export function deviceIdentities(device: DeviceInput): DeviceIdentity[] {
  const ids: DeviceIdentity[] = [];
  if (present(device.hardwareHash)) ids.push({ key: `HASH#${digest(device.hardwareHash.trim())}`, field: 'hardwareHash' });
  if (present(device.productKeyId)) ids.push({ key: `PKID#${device.productKeyId.trim()}`, field: 'productKeyId' });
  if (present(device.manufacturer) && present(device.model) && present(device.serialNumber)) {
    const tuple = [device.manufacturer, device.model, device.serialNumber].map((v) => v.trim().toLowerCase()).join('\n');
    ids.push({ key: `TUPLE#${digest(tuple)}`, field: 'serialNumber' });
  }
  return ids;
}

/** A device refused whatever its fields (R14): the partner's channel, eligibility or consent. */
export type Refusal = NonNullable<ReturnType<typeof registrationRefusal>>;

export interface RowVerdict {
  /** Empty when the row may go on to the registrations it names (R16) or must deregister. */
  errors: DeviceError[];
  /** The row's identities (R17); none when its fields do not hold. */
  identities: DeviceIdentity[];
}

/**
 * The judgement of each row of one submission that needs no I/O, the same for validation,
 * registration, deregistration and batches: the refusal that applies to the row's channel (R14),
 * its fields' errors (API.md codes), its identities when its fields hold (R17), and
 * `duplicate_in_submission` for a device that appears earlier in the same submission (an identity
 * seen before). Verdicts come in the rows' order.
 */
export function judgeRows<R extends { device: DeviceInput; channel: Channel }>(
  rows: readonly R[],
  refusalOf: (channel: Channel) => Refusal | undefined,
  submission: 'submission' | 'batch' = 'submission',
): RowVerdict[] {
  const seen = new Set<string>();
  return rows.map(({ device, channel }) => {
    const refusal = refusalOf(channel);
    const errors: DeviceError[] = refusal ? [{ code: refusal, message: REFUSAL_MESSAGES[refusal](channel) }] : [];
    const fieldErrors = checkDeviceFields(device);
    errors.push(...fieldErrors);
    const identities = fieldErrors.length ? [] : deviceIdentities(device);
    const duplicate = identities.find((i) => seen.has(i.key));
    if (duplicate) errors.push({ code: 'duplicate_in_submission', field: duplicate.field, message: `The same device appears earlier in this ${submission}` });
    identities.forEach((i) => seen.add(i.key));
    return { errors, identities };
  });
}
