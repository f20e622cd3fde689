import type { DeviceError } from '#shared/domain/devices.ts';
import type { StoredResult } from '#shared/table/batches.ts';
import { html, type SafeHtml } from '#shared/util/html.ts';

/*
 * The partner portal's device file pages (R32, API.md "Partner portal"): the upload form, what a
 * validation found, a batch with its progress and results, and a customer's batches. The form's
 * names and ids are stable: the first-hour walk-through and its browser test use them.
 */

/** A customer to choose in the upload form and the batches filter. */
export interface CustomerChoice {
  tenantId: string;
  name: string;
}

/** A batch as the pages show it (API.md `batch`). */
export interface BatchView {
  id: string;
  tenantId: string;
  action: string;
  status: string;
  summary: { received: number; processed: number; succeeded: number; failed: number };
  createdAt: string;
  submittedAt?: string;
  finishedAt?: string;
}

/** What a validation answered (R15, validateDeviceFile). */
export interface ValidationView {
  consent: { status: string; grantedAt?: string };
  summary: { total: number; valid: number; invalid: number };
  results: { index: number; line?: number; status: string; errors: { code: string; field?: string; message: string }[] }[];
  malformedLines?: { line: number; message: string }[];
}

/** Rows with problems a validation page lists; the rest are counted. */
const LISTED_PROBLEMS = 1000;

const count = (n: number) => n.toLocaleString('en-US');
const dateTime = (iso: string | undefined) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : '');
const FINISHED = ['finished', 'finished_with_errors', 'rejected', 'expired'];
/** Still being worked: the page refreshes itself until it is not. */
export const isRunning = (status: string) => status === 'queued' || status === 'processing';

const customerOptions = (customers: CustomerChoice[], selected: string | undefined) =>
  customers.map((c) => html`<option value="${c.tenantId}"${c.tenantId === selected ? html` selected` : ''}>${c.name} (${c.tenantId})</option>`);

const problemsOf = (errors: { code: string; message: string }[]) => errors.map((e) => html`<code>${e.code}</code> ${e.message}`).reduce<SafeHtml[]>((all, e, i) => (i === 0 ? [e] : [...all, html`<br>`, e]), []);

/**
 * R14: an indirect provider or an OEM registers through the API only: it is told so, and given no
 * form. Everyone else chooses a customer and a file, and whether to register or only validate.
 */
export function uploadForm(input: { customers: CustomerChoice[]; selected?: string; csrf: string; formToken: string; refusal?: string }): SafeHtml {
  if (input.refusal) {
    return html`<h1>Upload devices</h1>
<p class="notice" id="upload-refused">${input.refusal}. Your organization registers devices through the API (<code>POST /v1/device-batches</code>) or the command-line tool, with an API key your admins create in Settings.</p>
<p><a href="/partner/batches">See your batches</a></p>`;
  }
  if (input.customers.length === 0) {
    return html`<h1>Upload devices</h1>
<p id="no-customers">No customer has authorized your organization yet: request consent first, then upload its devices here.</p>`;
  }
  return html`<h1>Upload devices</h1>
<p>Choose the customer and a device file: a CSV file as Get-WindowsAutopilotInfo, Export-Csv, Excel or Partner Center write it (any of their encodings, UTF-16 included), with the columns
<code>Device Serial Number</code>, <code>Windows Product ID</code>, <code>Hardware Hash</code>, <code>Manufacturer name</code>, <code>Device model</code>, <code>Group Tag</code>.
Each device needs a hardware hash, a product key id, or its manufacturer, model and serial number.</p>
<p class="muted">Up to 100,000 devices and 1 GB a file, hardware hashes included. First choose the customer and what to do; the next page takes the file.</p>
<form method="post" action="/partner/uploads" id="upload-form">
<input type="hidden" name="csrf" value="${input.csrf}">
<input type="hidden" name="formToken" value="${input.formToken}">
<label for="tenantId">Customer</label>
<select id="tenantId" name="tenantId" required>
${customerOptions(input.customers, input.selected)}
</select>
<fieldset><legend>What to do</legend>
<label class="check" for="mode-register"><input type="radio" id="mode-register" name="mode" value="register" checked> Register the devices</label>
<label class="check" for="mode-validate"><input type="radio" id="mode-validate" name="mode" value="validate"> Only check the file (registers nothing)</label>
</fieldset>
<div class="actions"><button type="submit" id="upload-submit">Next: choose the file</button></div>
</form>`;
}

/** An upload as its page shows it (shared/table/uploads.ts). */
export interface UploadView {
  id: string;
  mode: 'register' | 'validate';
  status: string;
  rowsStaged?: number;
  size?: number;
  batchId?: string;
  failure?: string;
}

/**
 * Step two: the file, posted by the browser straight to S3 (a presigned POST: its policy's fields
 * first, the file last, as S3 requires), which sends the browser back to this upload's page.
 */
export function uploadFileForm(input: { upload: UploadView; customer: CustomerChoice; action: string; fields: Record<string, string> }): SafeHtml {
  const what = input.upload.mode === 'validate' ? 'checked (nothing is registered)' : 'registered';
  return html`<h1>Upload devices</h1>
<p>The devices of this file will be ${what} for <strong>${input.customer.name}</strong> (${input.customer.tenantId}).</p>
<form method="post" action="${input.action}" enctype="multipart/form-data" id="upload-file-form">
${Object.entries(input.fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">\n`)}
<label for="file">Device file</label>
<input type="file" id="file" name="file" accept=".csv,text/csv,.txt" required>
<div class="actions"><button type="submit" id="upload-send">Upload</button> <a href="/partner/uploads/new?tenantId=${encodeURIComponent(input.customer.tenantId)}">Start again</a></div>
</form>
<p class="muted">This form works for 30 minutes. The file goes straight to storage; this portal imports it as soon as it is there.</p>`;
}

/** An upload being imported (the page refreshes itself), or one that failed, saying why. */
export function uploadStatus(input: { upload: UploadView; customer: CustomerChoice }): SafeHtml {
  const { upload } = input;
  if (upload.status === 'failed') {
    return html`<h1>Upload failed</h1>
<p class="notice error" role="alert" id="upload-failure">${upload.failure ?? 'The file could not be imported.'}</p>
<p><a class="button" href="/partner/uploads/new?tenantId=${encodeURIComponent(input.customer.tenantId)}">Upload a file</a></p>`;
  }
  return html`<h1>File received</h1>
<p role="status" id="upload-progress">The file${upload.size ? html` (${count(upload.size)} bytes)` : ''} for ${input.customer.name} is being ${upload.mode === 'validate' ? 'checked' : 'imported'}${upload.rowsStaged ? html`: ${count(upload.rowsStaged)} rows read so far` : ''}. This page refreshes itself every few seconds. <a href="/partner/uploads/${upload.id}">Refresh now</a></p>`;
}

/** R15: what a validation found, registering nothing: the consent, the counts, and the rows with problems. */
export function validationResult(input: { customer: CustomerChoice; answer: ValidationView }): SafeHtml {
  const { answer } = input;
  const problems = answer.results.filter((r) => r.status !== 'valid');
  const malformed = answer.malformedLines ?? [];
  return html`<h1>File checked</h1>
<p class="notice ${answer.summary.invalid === 0 ? 'success' : ''}" role="status" id="validation-summary">${count(answer.summary.valid)} of ${count(answer.summary.total)} devices could be registered for ${input.customer.name} now; ${count(answer.summary.invalid)} could not. Nothing was registered.</p>
<dl>
<dt>Consent</dt><dd id="validation-consent">${answer.consent.status}${answer.consent.grantedAt ? html` since ${dateTime(answer.consent.grantedAt)}` : ''}</dd>
</dl>
${malformed.length > 0
  ? html`<h2>Lines that could not be read</h2><table id="malformed-lines"><thead><tr><th scope="col">Line</th><th scope="col">Why</th></tr></thead><tbody>
${malformed.map((m) => html`<tr><td data-label="Line">${String(m.line)}</td><td data-label="Why">${m.message}</td></tr>`)}
</tbody></table>`
  : ''}
${problems.length > 0
  ? html`<h2>Devices with problems</h2><table id="validation-problems"><thead><tr><th scope="col">Line</th><th scope="col">Problems</th></tr></thead><tbody>
${problems.slice(0, LISTED_PROBLEMS).map((r) => html`<tr><td data-label="Line">${String(r.line ?? r.index + 1)}</td><td data-label="Problems">${problemsOf(r.errors)}</td></tr>`)}
</tbody></table>${answer.summary.invalid > Math.min(problems.length, LISTED_PROBLEMS) ? html`<p class="muted">and ${count(answer.summary.invalid - Math.min(problems.length, LISTED_PROBLEMS))} more.</p>` : ''}`
  : ''}
<p><a href="/partner/uploads/new?tenantId=${encodeURIComponent(input.customer.tenantId)}">Upload a file</a></p>`;
}

/** The file's lines that could not be read: they are not devices, so the batch never holds them; said once, after the upload. */
export function uploadReceived(input: { batchId: string; malformedLines: { line: number; message: string }[] }): SafeHtml {
  return html`<h1>File received</h1>
<p class="notice" role="status">The devices of your file are being registered in batch ${input.batchId}. ${count(input.malformedLines.length)} line${input.malformedLines.length === 1 ? '' : 's'} could not be read and ${input.malformedLines.length === 1 ? 'was' : 'were'} left out:</p>
<table id="malformed-lines"><thead><tr><th scope="col">Line</th><th scope="col">Why</th></tr></thead><tbody>
${input.malformedLines.map((m) => html`<tr><td data-label="Line">${String(m.line)}</td><td data-label="Why">${m.message}</td></tr>`)}
</tbody></table>
<p><a class="button" href="/partner/batches/${input.batchId}" id="follow-batch">Follow the batch</a></p>`;
}

const resultRow = (r: StoredResult) =>
  html`<tr><td data-label="Row">${String(r.line ?? r.index + 1)}</td><td data-label="Status">${r.status}</td><td data-label="Device" class="nowrap">${r.deviceId ?? ''}</td><td data-label="Problems">${problemsOf(r.errors as DeviceError[])}</td></tr>`;

/**
 * A batch: its status and counts with a progress bar (the page refreshes itself while it runs, no
 * JavaScript), its results 100 a page in row order, and once finished the results as one CSV file.
 */
export function batchPage(input: { batch: BatchView; customer: CustomerChoice; results: StoredResult[]; nextCursor: string | null }): SafeHtml {
  const { batch } = input;
  const finished = FINISHED.includes(batch.status);
  return html`<h1>Batch ${batch.id}</h1>
<dl id="batch">
<dt>Customer</dt><dd>${input.customer.name} (${batch.tenantId})</dd>
<dt>Action</dt><dd>${batch.action}</dd>
<dt>Status</dt><dd id="batch-status">${batch.status}</dd>
<dt>Devices</dt><dd id="batch-received">${count(batch.summary.received)}</dd>
<dt>Worked</dt><dd id="batch-processed">${count(batch.summary.processed)}</dd>
<dt>Succeeded</dt><dd id="batch-succeeded">${count(batch.summary.succeeded)}</dd>
<dt>Failed</dt><dd id="batch-failed">${count(batch.summary.failed)}</dd>
<dt>Created</dt><dd>${dateTime(batch.createdAt)}</dd>
${batch.finishedAt ? html`<dt>Finished</dt><dd>${dateTime(batch.finishedAt)}</dd>` : ''}
</dl>
<label for="batch-progress">Progress</label>
<progress id="batch-progress" max="${String(Math.max(1, batch.summary.received))}" value="${String(batch.summary.processed)}">${count(batch.summary.processed)} of ${count(batch.summary.received)}</progress>
${isRunning(batch.status) ? html`<p role="status">The batch is running: this page refreshes itself every few seconds. <a href="/partner/batches/${batch.id}">Refresh now</a></p>` : ''}
${batch.status === 'awaiting_approval' ? html`<p role="status">The batch waits for the customer's approval.</p>` : ''}
${finished ? html`<p><a class="button" href="/partner/batches/${batch.id}/results" id="batch-results-csv">Download the results (CSV)</a></p>` : ''}
${input.results.length > 0
  ? html`<h2>Results</h2><table id="results"><thead><tr><th scope="col">Row</th><th scope="col">Status</th><th scope="col">Device</th><th scope="col">Problems</th></tr></thead><tbody>
${input.results.map(resultRow)}
</tbody></table>`
  : html`<p id="no-results">No device has been worked yet.</p>`}
${input.nextCursor ? html`<p><a href="/partner/batches/${batch.id}?cursor=${encodeURIComponent(input.nextCursor)}" id="next-results">Next 100 results</a></p>` : ''}
<p><a href="/partner/batches?tenantId=${encodeURIComponent(batch.tenantId)}">All batches for ${input.customer.name}</a></p>`;
}

/** A customer's batches, newest first, with the customer chooser (GET, no JavaScript). */
export function batchesPage(input: { customers: CustomerChoice[]; selected?: CustomerChoice; batches: BatchView[]; nextCursor: string | null; mayUpload: boolean }): SafeHtml {
  const { selected } = input;
  return html`<h1>Batches</h1>
<form method="get" action="/partner/batches" id="batches-filter">
<label for="tenantId">Customer</label>
<select id="tenantId" name="tenantId" required>
${customerOptions(input.customers, selected?.tenantId)}
</select>
<div class="actions"><button type="submit" class="secondary">Show batches</button>${input.mayUpload ? html` <a class="button" href="/partner/uploads/new">Upload devices</a>` : ''}</div>
</form>
${!selected
  ? html`<p id="choose-customer">Choose a customer to see its batches.</p>`
  : input.batches.length === 0
    ? html`<p id="no-batches">No batch for ${selected.name} yet.</p>`
    : html`<table id="batches"><caption class="muted">Batches for ${selected.name}, newest first</caption>
<thead><tr><th scope="col">Batch</th><th scope="col">Action</th><th scope="col">Status</th><th scope="col">Devices</th><th scope="col">Succeeded</th><th scope="col">Failed</th><th scope="col">Created</th></tr></thead><tbody>
${input.batches.map(
  (b) => html`<tr><td data-label="Batch"><a href="/partner/batches/${b.id}">${b.id}</a></td><td data-label="Action">${b.action}</td><td data-label="Status">${b.status}</td><td data-label="Devices">${count(b.summary.received)}</td><td data-label="Succeeded">${count(b.summary.succeeded)}</td><td data-label="Failed">${count(b.summary.failed)}</td><td class="nowrap" data-label="Created">${dateTime(b.createdAt)}</td></tr>`,
)}
</tbody></table>`}
${selected && input.nextCursor ? html`<p><a href="/partner/batches?tenantId=${encodeURIComponent(selected.tenantId)}&amp;cursor=${encodeURIComponent(input.nextCursor)}" id="more-batches">Older batches</a></p>` : ''}`;
}
