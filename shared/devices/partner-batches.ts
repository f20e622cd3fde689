import type { Actor } from '#shared/domain/actor.ts';
import type { DeviceInput } from '#shared/domain/devices.ts';
import type { Partner } from '#shared/domain/partner.ts';
import type { BatchChannel } from '#shared/table/batches.ts';
import type { PageRequest } from '#shared/table/page.ts';
import { canonicalJson } from '#shared/util/canonical-json.ts';
import type { PublishedDownload } from '#shared/files/downloads.ts';
import { addToBatch, batchResultsPage, requireOwnBatch } from './batches.ts';
import { batchResultsDownload } from './batch-results-download.ts';
import { parseDeviceCsvFile, type ParsedCsv } from './csv.ts';
import type { SubmittedRow } from './submission.ts';

/*
 * What a partner asks of its own batches through the API beyond creating and submitting them
 * (shared/devices/batches.ts): adding a part, from JSON or a file, and reading the results.
 */

/** A part as it arrives: JSON devices (API.md `{devices}`), or a CSV file's bytes. */
export type BatchPartBody = { devices: DeviceInput[] } | Buffer;

/**
 * What a part's body brings. JSON devices come through the API channel; a file through the CSV
 * channel (R14), with the lines that could not be read, which are no devices. `requestBody` tells
 * a retry under the same Idempotency-Key from another part (R20): the file's bytes, or the JSON
 * in canonical form.
 */
export function batchPartOf(body: BatchPartBody): { rows: SubmittedRow[]; channel: BatchChannel; requestBody: string; malformed?: ParsedCsv['malformed'] } {
  if (Buffer.isBuffer(body)) {
    const { rows, malformed } = parseDeviceCsvFile(body);
    return { rows, channel: 'csv', requestBody: body.toString('base64'), malformed };
  }
  return { rows: body.devices.map((device) => ({ device })), channel: 'api', requestBody: canonicalJson(body) };
}

/**
 * Adds 1-1000 devices to the partner's open batch (addToBatch), answering with a file's unreadable
 * lines (`malformedLines`) beside the batch.
 */
export async function addDevicesToBatch(partner: Partner, batchId: string, body: BatchPartBody, options: { idempotencyKey?: string; actor: Actor }) {
  const { malformed, ...part } = batchPartOf(body);
  const batch = await addToBatch(partner, batchId, part, options);
  return { batch, ...(malformed ? { malformedLines: malformed } : {}) };
}

/** A page of the per-device results of the partner's own batch (another's is unknown, R19). */
export async function ownBatchResultsPage(partnerId: string, batchId: string, page: PageRequest) {
  return batchResultsPage(await requireOwnBatch(partnerId, batchId), page);
}

/** Every per-device result of the partner's own batch as one CSV file, to download (another's is unknown, R19). */
export async function ownBatchResultsDownload(partnerId: string, batchId: string): Promise<PublishedDownload> {
  return batchResultsDownload(await requireOwnBatch(partnerId, batchId));
}
