import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { requireOwnBatch, toApiBatch } from '#shared/devices/batches.ts';
import { fileChannelRefusal } from '#shared/devices/device-files.ts';
import { MAX_UPLOAD_BYTES, receiveUpload, requireOwnUpload, startUpload } from '#shared/devices/device-uploads.ts';
import { presignUpload } from '#shared/files/upload-form.ts';
import { uploadObjectKey } from '#shared/files/uploads.ts';
import { ownBatchResultsDownload, ownBatchResultsPage } from '#shared/devices/partner-batches.ts';
import { forbidden, notFound, validationFailed } from '#shared/domain/errors.ts';
import { partnerRoleAllows, rolesAllowedTo } from '#shared/domain/partner-roles.ts';
import { newSecret } from '#shared/domain/tokens.ts';
import type { HttpResult } from '#shared/http/response.ts';
import { publicUrl } from '#shared/config/env.ts';
import { listBatches } from '#shared/table/batches.ts';
import { getTenant } from '#shared/table/directory.ts';
import { listCustomers } from '#shared/table/relationships.ts';
import { allowFormActionTo, redirect } from './layout.ts';
import type { SafeHtml } from '#shared/util/html.ts';
import { batchesPage, batchPage, isRunning, uploadFileForm, uploadForm, uploadReceived, uploadStatus, validationResult, type CustomerChoice } from './partner-upload-views.ts';
import { checkPartnerForm, partnerUserActor, requirePartnerPerson, type PartnerPerson } from './partner-portal.ts';
import { partnerLayout } from './partner-views.ts';

/*
 * The partner portal's device files and batches (R32): a person uploads a file for a customer,
 * to validate it (R15) or register it through the batch engine (shared/devices/device-files.ts),
 * then follows the batch. Submitters and admins upload; viewers read batches only. Another
 * partner's batch is unknown (R19).
 */

/** Who may upload: submitters and admins; a viewer reads only (R32). */
const UPLOADERS = rolesAllowedTo('submit');
/** Customers offered in a chooser: far more than a person picks from; the API lists them all. */
const CHOOSER_CUSTOMERS = 500;
/** Results on a batch page (API.md's page size for results). */
const RESULTS_A_PAGE = 100;
const BATCHES_A_PAGE = 50;
/** While a batch runs its page reloads itself (the `Refresh` header; no JavaScript). */
const REFRESH_SECONDS = 3;

/** The customers the partner is authorized for now, as the choosers show them. */
async function customersOf(person: PartnerPerson): Promise<CustomerChoice[]> {
  const choices: CustomerChoice[] = [];
  let cursor: string | undefined;
  do {
    const page = await listCustomers(person.partner, { limit: 100, ...(cursor ? { cursor } : {}), scope: `customers:${person.partnerId}` });
    choices.push(...page.items.map((c) => ({ tenantId: c.tenantId, name: c.name })));
    cursor = page.nextCursor ?? undefined;
  } while (cursor && choices.length < CHOOSER_CUSTOMERS);
  return choices;
}

/** `GET /partner/uploads/new`: the form (R14: an indirect provider or an OEM is told to use the API instead). */
export async function showUploadForm(event: APIGatewayProxyEventV2, query: { tenantId?: string }): Promise<HttpResult> {
  const person = await requirePartnerPerson(event, UPLOADERS);
  const refusal = fileChannelRefusal(person.partner);
  const customers = refusal ? [] : await customersOf(person);
  const body = uploadForm({ customers, ...(query.tenantId ? { selected: query.tenantId } : {}), csrf: person.csrf, formToken: newSecret(), ...(refusal ? { refusal } : {}) });
  return partnerLayout({ title: 'Upload devices', person, active: 'uploads', body });
}

/** The form's one-time token: 32 random bytes, base64url, as newSecret makes them. */
const FORM_TOKEN = /^[\w-]{43}$/;
/** While an upload is imported its page reloads itself (the `Refresh` header; no JavaScript). */
const UPLOAD_REFRESH_SECONDS = 2;

/**
 * `POST /partner/uploads` (step one: the customer, the mode, the form's token): R14 and the tenant
 * judged, the upload recorded (the same form posted again is the same upload, R20), then its page,
 * which takes the file. Bad input is a page saying what is wrong, nothing changed.
 */
export async function startUploadPage(event: APIGatewayProxyEventV2, form: { csrf?: string; formToken?: string; tenantId?: string; mode?: string }): Promise<HttpResult> {
  const person = await requirePartnerPerson(event, UPLOADERS);
  checkPartnerForm(event, person, form);
  const tenantId = (form.tenantId ?? '').trim();
  if (!tenantId || tenantId.length > 64) throw validationFailed([{ path: 'tenantId', message: 'choose a customer' }], 'Nothing was uploaded');
  const mode = form.mode ?? 'register';
  if (mode !== 'register' && mode !== 'validate') throw validationFailed([{ path: 'mode', message: 'choose to register the devices or only check the file' }], 'Nothing was uploaded');
  const formToken = form.formToken ?? '';
  if (!FORM_TOKEN.test(formToken)) throw validationFailed([{ path: 'formToken', message: 'this form is not one the portal made: open Upload devices again' }], 'Nothing was uploaded');
  const upload = await startUpload(person.partner, { tenantId, mode, formToken }, partnerUserActor(person, event));
  return redirect(`/partner/uploads/${upload.id}`);
}

/**
 * `GET /partner/uploads/{uploadId}`: the partner's own upload (another's is 404, R19). Waiting for
 * its file: the form that posts it to S3 (uploaders only). Back from S3 (S3's redirect, a reload):
 * received once and its import queued (receiveUpload, R20), then its progress until it ends: a
 * registration goes to its batch's page (or first lists the lines that could not be read), a check
 * shows its findings (R15), a failure says why.
 */
export async function showUpload(event: APIGatewayProxyEventV2, uploadId: string): Promise<HttpResult> {
  const person = await requirePartnerPerson(event);
  let upload = await requireOwnUpload(person.partnerId, uploadId);
  const customer = await customerNamed(upload.tenantId);
  const page = (title: string, body: SafeHtml) => partnerLayout({ title, person, active: 'uploads', body });
  if (upload.status === 'created') {
    if (!partnerRoleAllows(person.role, 'submit')) throw forbidden('Only admins and submitters upload device files');
    const received = await receiveUpload(upload, partnerUserActor(person, event));
    if (!received.fileSent) {
      const form = await presignUpload({ key: uploadObjectKey(upload.partnerId, upload.id), maxBytes: MAX_UPLOAD_BYTES, redirectTo: `${publicUrl()}/partner/uploads/${upload.id}` });
      return allowFormActionTo(page('Upload devices', uploadFileForm({ upload, customer, action: form.url, fields: form.fields })), form.url);
    }
    upload = received.upload;
  }
  if (upload.status === 'registered' && upload.batchId) {
    if (!upload.malformedLines?.length) return redirect(`/partner/batches/${upload.batchId}`);
    return page('File received', uploadReceived({ batchId: upload.batchId, malformedLines: upload.malformedLines }));
  }
  if (upload.status === 'checked' && upload.validation) {
    return page('File checked', validationResult({ customer, answer: { ...upload.validation, malformedLines: upload.malformedLines ?? [] } }));
  }
  const shown = page(upload.status === 'failed' ? 'Upload failed' : 'File received', uploadStatus({ upload, customer }));
  return upload.status === 'failed' ? shown : { ...shown, headers: { ...shown.headers, refresh: String(UPLOAD_REFRESH_SECONDS) } };
}

/** The customer a batch is for, by name (a tenant that has since gone is shown by its id). */
const customerNamed = async (tenantId: string): Promise<CustomerChoice> => ({ tenantId, name: (await getTenant(tenantId))?.name ?? tenantId });

/** `GET /partner/batches/{batchId}`: the partner's own batch (another's is 404, R19), its progress and 100 results a page. */
export async function showBatch(event: APIGatewayProxyEventV2, batchId: string, query: { cursor?: string }): Promise<HttpResult> {
  const person = await requirePartnerPerson(event);
  const batch = toApiBatch(await requireOwnBatch(person.partnerId, batchId));
  const [results, customer] = await Promise.all([
    ownBatchResultsPage(person.partnerId, batchId, { limit: RESULTS_A_PAGE, ...(query.cursor ? { cursor: query.cursor } : {}), scope: `batch-results:${batchId}` }),
    customerNamed(batch.tenantId),
  ]);
  const shown = partnerLayout({ title: `Batch ${batch.id}`, person, active: 'batches', body: batchPage({ batch, customer, results: results.items, nextCursor: results.nextCursor }) });
  return isRunning(batch.status) ? { ...shown, headers: { ...shown.headers, refresh: String(REFRESH_SECONDS) } } : shown;
}

/** `GET /partner/batches/{batchId}/results`: every result as one CSV file, a redirect to its download (the API's own). */
export async function batchResultsCsv(event: APIGatewayProxyEventV2, batchId: string): Promise<HttpResult> {
  const person = await requirePartnerPerson(event);
  return redirect((await ownBatchResultsDownload(person.partnerId, batchId)).url);
}

/** `GET /partner/batches?tenantId=`: a customer's batches, newest first (a customer the partner is not authorized for is unknown, R19). */
export async function showBatches(event: APIGatewayProxyEventV2, query: { tenantId?: string; cursor?: string }): Promise<HttpResult> {
  const person = await requirePartnerPerson(event);
  const customers = await customersOf(person);
  const mayUpload = partnerRoleAllows(person.role, 'submit') && !fileChannelRefusal(person.partner);
  const selected = query.tenantId ? customers.find((c) => c.tenantId === query.tenantId) : undefined;
  if (query.tenantId && !selected) throw notFound('Customer');
  const found = selected
    ? await listBatches(person.partnerId, selected.tenantId, { limit: BATCHES_A_PAGE, ...(query.cursor ? { cursor: query.cursor } : {}), scope: `batches:${person.partnerId}:${selected.tenantId}` })
    : { items: [], nextCursor: null };
  return partnerLayout({
    title: 'Batches',
    person,
    active: 'batches',
    body: batchesPage({ customers, ...(selected ? { selected } : {}), batches: found.items.map(toApiBatch), nextCursor: found.nextCursor, mayUpload }),
  });
}
