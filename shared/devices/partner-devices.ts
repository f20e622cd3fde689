import type { Actor } from '#shared/domain/actor.ts';
import type { DeviceInput } from '#shared/domain/devices.ts';
import { notFound } from '#shared/domain/errors.ts';
import type { Partner } from '#shared/domain/partner.ts';
import { countDevices } from '#shared/observability/metrics.ts';
import { listDevices } from '#shared/table/devices.ts';
import { idempotent } from '#shared/table/idempotency.ts';
import type { PageRequest } from '#shared/table/page.ts';
import { authorizationFor } from '#shared/table/relationships.ts';
import { parseDeviceCsvFile, type ParsedCsv } from './csv.ts';
import { deregisterSubmission } from './deregistration.ts';
import { registerSubmission, validateSubmission, type SubmittedRow } from './submission.ts';

/*
 * What a partner asks of its devices through the API, one use case each: validate, register,
 * upload a file, list.
 */

/** A JSON submission (API.md `{tenantId, devices}`): 1-1000 devices for one tenant. */
export interface DeviceSubmission {
  tenantId: string;
  devices: DeviceInput[];
}

const rowsOf = (devices: DeviceInput[]): SubmittedRow[] => devices.map((device) => ({ device }));

/** R15: judges a submission's devices for registration, writing nothing. */
export async function validateDevices(partner: Partner, submission: DeviceSubmission) {
  return countDevices('validated', await validateSubmission(partner, submission.tenantId, rowsOf(submission.devices)));
}

/**
 * Registers every valid device of a submission through the API channel and reports the rest. With
 * an Idempotency-Key a retry has the effect of one call (R20): `requestBody`, the body as sent,
 * tells a retry from another request under the same key.
 */
export async function registerDevices(partner: Partner, submission: DeviceSubmission, options: { idempotencyKey?: string; requestBody: string; actor: Actor }) {
  return idempotent({ partnerId: partner.id, route: 'POST /v1/devices' }, options.idempotencyKey, options.requestBody, async () => ({
    status: 200,
    body: countDevices('registered', await registerSubmission(partner, submission.tenantId, rowsOf(submission.devices), 'api', options.actor)),
  }));
}

/**
 * A file's answer with the lines that could not be read: each is a row of the file, so it counts
 * in `total` and with the `invalid` ones.
 */
export function withMalformedLines<A extends { summary: { total: number; invalid: number } }>(answer: A, malformed: ParsedCsv['malformed']) {
  const summary = { ...answer.summary, total: answer.summary.total + malformed.length, invalid: answer.summary.invalid + malformed.length };
  return { ...answer, summary, malformedLines: malformed };
}

/**
 * Registers, or with `action: deregister` deregisters, the devices of a CSV file through the CSV
 * channel (R14). With an Idempotency-Key a retry has the effect of one call (R20); the key is
 * scoped to the tenant and the action.
 */
export async function uploadDeviceFile(partner: Partner, target: { tenantId: string; action?: 'register' | 'deregister' }, file: Buffer, options: { idempotencyKey?: string; actor: Actor }) {
  const deregistering = target.action === 'deregister';
  const route = `POST /v1/device-uploads?${target.tenantId}${deregistering ? '&action=deregister' : ''}`;
  // The file's bytes identify the request: a multipart body's boundary changes on every retry.
  return idempotent({ partnerId: partner.id, route }, options.idempotencyKey, file.toString('base64'), async () => {
    const { rows, malformed } = parseDeviceCsvFile(file);
    const done = deregistering
      ? await deregisterSubmission(partner, target.tenantId, rows, 'csv', options.actor)
      : countDevices('registered', await registerSubmission(partner, target.tenantId, rows, 'csv', options.actor));
    return { status: 200, body: withMalformedLines(done, malformed) };
  });
}

/** The partner's registered devices of a tenant: a tenant it is not authorized for now is unknown (R19). */
export async function listCustomerDevices(partner: Partner, tenantId: string, page: PageRequest) {
  if ((await authorizationFor(partner, tenantId)).status !== 'active') throw notFound('Customer');
  return listDevices(partner.id, tenantId, page);
}
