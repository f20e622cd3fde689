import type { Actor } from '#shared/domain/actor.ts';
import { DomainError, forbidden, notFound } from '#shared/domain/errors.ts';
import { nowIso } from '#shared/domain/ids.ts';
import type { Partner } from '#shared/domain/partner.ts';
import { sha256 } from '#shared/domain/tokens.ts';
import { readUpload, uploadedSize, uploadObjectKey } from '#shared/files/uploads.ts';
import { commitChange } from '#shared/outbox/commit.ts';
import { getPartner } from '#shared/table/partners.ts';
import { authorizationFor } from '#shared/table/relationships.ts';
import { getUpload, newUploadWrite, updateUpload, uploadReceivedWrite, type StoredUpload } from '#shared/table/uploads.ts';
import { fileChannelRefusal, registerDeviceFile, validateDeviceFile } from './device-files.ts';

/*
 * R32: a device file of any size up to 100,000 devices from the partner portal, without
 * JavaScript. Step one (startUpload) records who uploads what for whom and answers a form that
 * posts the file straight to S3 (shared/pages/partner-uploads.ts, shared/files/upload-form.ts); S3 sends the browser back to the upload's page,
 * which marks it received once (receiveUpload) and queues its import as an outbox item; the import
 * (importUpload, on the stream) reads the object and runs the same use cases as a file posted to
 * the API: registerDeviceFile (the batch engine) or validateDeviceFile (R15).
 */

/**
 * The largest object an upload may be: 100,000 devices with hardware hashes of about 4,000
 * characters (a real Autopilot 4K hash) are about 420 MB in UTF-8 and twice that in UTF-16
 * (Get-WindowsAutopilotInfo's default in Windows PowerShell): 1 GiB holds either. S3 enforces it
 * through the policy; the import checks it again (the local engine does not enforce policies).
 */
export const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;
/** Problems and unreadable lines an upload's item keeps to show (the rest are counted): the item stays far under 400 KB. */
const KEPT_LINES = 100;

/** An upload's id, told by the partner and the form's one-time token: the same form posted twice is one upload (R20). */
export const uploadIdOf = (partnerId: string, formToken: string) => `upl_${sha256(`${partnerId}\n${formToken}`).slice(0, 32)}`;

/**
 * Step one: R14 (the file channel), the tenant (authorized now, else unknown: R19), then the
 * upload's item with its audit event. Answers the upload (the one made before, when the same form
 * comes again).
 */
export async function startUpload(partner: Partner, input: { tenantId: string; mode: 'register' | 'validate'; formToken: string }, actor: Actor): Promise<StoredUpload> {
  const refusal = fileChannelRefusal(partner);
  if (refusal) throw forbidden(`${refusal}: register devices with the API (POST /v1/device-batches) or the CLI; nothing was uploaded`);
  if ((await authorizationFor(partner, input.tenantId)).status !== 'active') throw notFound('Customer');
  const id = uploadIdOf(partner.id, input.formToken);
  const upload = { id, partnerId: partner.id, tenantId: input.tenantId, mode: input.mode, actor, createdAt: nowIso() };
  const outcome = await commitChange({
    writes: [newUploadWrite(upload)],
    audit: { action: 'device_upload.created', actor, partnerId: partner.id, tenantId: input.tenantId, subject: id, details: { mode: input.mode } },
  });
  if (!outcome.ok && !outcome.failed.includes('upload_exists')) throw new Error(`upload not created: ${outcome.failed.join(', ')}`);
  return requireOwnUpload(partner.id, id);
}

/** The partner's own upload; another partner's, or none, is unknown (R19). */
export async function requireOwnUpload(partnerId: string, uploadId: string): Promise<StoredUpload> {
  const upload = /^upl_[0-9a-f]{32}$/.test(uploadId) ? await getUpload(uploadId) : undefined;
  if (!upload || upload.partnerId !== partnerId) throw notFound('Upload');
  return upload;
}

/**
 * The browser is back from S3: if the upload still waits and its object is there, it is marked
 * received and its import queued, in one transaction, once (a second redirect, a reload: nothing
 * changes, R20). Answers the upload as it now is, and whether its file is there at all.
 */
export async function receiveUpload(upload: StoredUpload, actor: Actor): Promise<{ upload: StoredUpload; fileSent: boolean }> {
  if (upload.status !== 'created') return { upload, fileSent: true };
  if ((await uploadedSize(uploadObjectKey(upload.partnerId, upload.id))) === undefined) return { upload, fileSent: false };
  const at = nowIso();
  await commitChange({
    writes: [uploadReceivedWrite(upload.id, at)],
    audit: { action: 'device_upload.received', actor, partnerId: upload.partnerId, tenantId: upload.tenantId, subject: upload.id },
    outbox: [{ channel: 'upload', uploadId: upload.id }],
    at,
  });
  return { upload: await requireOwnUpload(upload.partnerId, upload.id), fileSent: true };
}

const ENDED = ['registered', 'checked', 'failed'];

/**
 * The import (the outbox's `uploadImport`, S4): the object checked (there, at most
 * MAX_UPLOAD_BYTES: its key is the upload's own, so a file posted anywhere else is never read),
 * read, and handed to the API's use cases: registered through the batch engine (the upload id is
 * the idempotency key of the batch and of each part, so a retried import resumes where the last
 * stopped and doubles nothing, R20), or checked (R15) with its findings kept on the upload. A file
 * that is not a device CSV, over 100,000 rows or empty, a customer no longer authorized: the
 * upload ends `failed` with the reason its page shows, nothing registered. Anything else throws,
 * and the import is retried.
 */
export async function importUpload(uploadId: string, options: { maxBytes?: number } = {}): Promise<void> {
  const maxBytes = options.maxBytes ?? MAX_UPLOAD_BYTES;
  const upload = await getUpload(uploadId);
  if (!upload || ENDED.includes(upload.status)) return;
  const fail = (failure: string) => updateUpload(uploadId, { status: 'failed', failure });
  const key = uploadObjectKey(upload.partnerId, upload.id);
  const size = await uploadedSize(key);
  if (size === undefined) return void (await fail('No file was received for this upload: upload it again.'));
  if (size > maxBytes) return void (await fail(`The file is ${size.toLocaleString('en-US')} bytes, over the ${maxBytes.toLocaleString('en-US')} bytes a file may be: nothing was registered.`));
  if (size === 0) return void (await fail('The file is empty: nothing was registered.'));
  const partner = await getPartner(upload.partnerId);
  if (!partner) return void (await fail('Your organization is no longer a partner: nothing was registered.'));
  await updateUpload(uploadId, { status: 'importing', size });
  const file = await readUpload(key, maxBytes);
  try {
    if (upload.mode === 'validate') {
      const answer = await validateDeviceFile(partner, { tenantId: upload.tenantId, file });
      const problems = answer.results.filter((r) => r.status !== 'valid').slice(0, KEPT_LINES);
      await updateUpload(uploadId, {
        status: 'checked',
        validation: { consent: answer.consent, summary: answer.summary, results: problems },
        malformedLines: (answer.malformedLines ?? []).slice(0, KEPT_LINES),
      });
      return;
    }
    const { batch, malformedLines } = await registerDeviceFile(partner, { tenantId: upload.tenantId, file, formToken: upload.id }, upload.actor, (rows) =>
      updateUpload(uploadId, { rowsStaged: rows }),
    );
    await updateUpload(uploadId, { status: 'registered', batchId: batch.id, malformedLines: malformedLines.slice(0, KEPT_LINES) });
  } catch (error) {
    if (!(error instanceof DomainError) || error.code === 'unavailable' || error.code === 'rate_limited') throw error;
    await fail(`${error.title}: ${error.message}. Nothing was registered.`);
  }
}
