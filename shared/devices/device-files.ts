import type { Actor } from '#shared/domain/actor.ts';
import { registrationRefusal, REFUSAL_MESSAGES } from '#shared/domain/devices.ts';
import { forbidden, notFound, validationFailed } from '#shared/domain/errors.ts';
import type { Partner } from '#shared/domain/partner.ts';
import { createHash } from 'node:crypto';
import { countDevices } from '#shared/observability/metrics.ts';
import type { Batch } from '#shared/table/batches.ts';
import { authorizationFor } from '#shared/table/relationships.ts';
import { addToBatch, createBatch, MAX_BATCH_DEVICES, submitBatch } from './batches.ts';
import { MAX_CSV_ROWS, parseDeviceCsvFile, type ParsedCsv } from './csv.ts';
import { withMalformedLines } from './partner-devices.ts';
import { validateSubmission } from './submission.ts';

/*
 * A device file a partner's person uploads on a page (R32, API.md "Partner portal"): validated
 * (R15) or registered through the batch engine, by the same use cases as the API's batch routes
 * (createBatch, addToBatch, submitBatch): no second implementation. The file comes through the CSV
 * channel of R14, up to a batch's 100,000 devices, in every format of API.md "CSV upload".
 */

/**
 * R14 before anything is read: a partner that may not register by file at all (an indirect
 * provider, an OEM: they use the API) is refused here, so nothing is created and no row is judged.
 * A partner that may (an indirect reseller, a direct CSP) is still judged device by device later.
 */
export function fileChannelRefusal(partner: Pick<Partner, 'kind' | 'directApiEligible'>): string | undefined {
  const refusal = registrationRefusal(partner, 'csv', true);
  return refusal ? REFUSAL_MESSAGES[refusal]('csv') : undefined;
}

/** What a file upload asks: for which tenant, and its bytes. */
export interface DeviceFile {
  tenantId: string;
  file: Buffer;
}

/**
 * The checks both ways share, in the order that changes nothing: the channel (R14), the tenant (one
 * the partner is authorized for now; any other is unknown, R19), then the file itself: readable as
 * a device CSV, at most 100,000 rows, and at least one device.
 */
async function readDeviceFile(partner: Partner, input: DeviceFile): Promise<ParsedCsv> {
  const refusal = fileChannelRefusal(partner);
  if (refusal) throw forbidden(`${refusal}: register devices with the API (POST /v1/device-batches) or the CLI; nothing was uploaded`);
  if ((await authorizationFor(partner, input.tenantId)).status !== 'active') throw notFound('Customer');
  const parsed = parseDeviceCsvFile(input.file, { maxRows: MAX_BATCH_DEVICES });
  if (parsed.rows.length === 0) throw validationFailed([{ path: 'file', message: 'the file names no device: it has a header and no device row' }], 'The device file is empty');
  return parsed;
}

/** R15: a file's devices judged for registration, writing nothing; unreadable lines count as invalid rows. */
export async function validateDeviceFile(partner: Partner, input: DeviceFile) {
  const { rows, malformed } = await readDeviceFile(partner, input);
  return withMalformedLines(countDevices('validated', await validateSubmission(partner, input.tenantId, rows, 'csv')), malformed);
}

/**
 * A file registered through the batch engine: a batch created for the tenant, the rows staged 1000
 * at a time, then submitted; the workers judge each device when they reach it (R22). The form's
 * one-time token is the idempotency key of the batch and of each part (R20): the same form posted
 * again (a double click, a reload, a retry after a failure half-way) finds the same batch, adds no
 * part twice, and submits it once. Answers the batch and the lines that could not be read (they
 * are not devices, so the batch does not hold them).
 */
export async function registerDeviceFile(
  partner: Partner,
  input: DeviceFile & { formToken: string },
  actor: Actor,
  /** Told the rows staged so far after each part (an upload's progress). */
  onStaged?: (rows: number) => Promise<unknown>,
): Promise<{ batch: Batch; malformedLines: ParsedCsv['malformed'] }> {
  const { rows, malformed } = await readDeviceFile(partner, input);
  const key = `portal-upload\n${input.formToken}`;
  const { batch } = await createBatch(partner, { tenantId: input.tenantId, action: 'register' }, { idempotencyKey: key, actor });
  if (batch.status !== 'open') return { batch, malformedLines: malformed };
  // A part's body is told by the file's bytes and its place: the same token with another file is refused (R20).
  const fileHash = createHash('sha256').update(input.file).digest('hex');
  for (let from = 0; from < rows.length; from += MAX_CSV_ROWS) {
    const part = rows.slice(from, from + MAX_CSV_ROWS);
    await addToBatch(partner, batch.id, { rows: part, channel: 'csv', requestBody: `${fileHash}:${from}` }, { idempotencyKey: `${key}\n${from}`, actor });
    await onStaged?.(from + part.length);
  }
  return { batch: await submitBatch(partner, batch.id, actor), malformedLines: malformed };
}
