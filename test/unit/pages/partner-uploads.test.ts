import { describe, expect, it } from 'vitest';
import { fileChannelRefusal } from '#shared/devices/device-files.ts';
import { batchPage, isRunning, uploadFileForm, uploadForm, uploadStatus, validationResult } from '#shared/pages/partner-upload-views.ts';

/**
 * The partner portal's device file pages without the table: R14's channel as the upload page
 * applies it, and the views (the form's stable names, escaping, what a running batch shows).
 */

describe('R14: who uploads device files in the portal', () => {
  it('R14: an indirect reseller and a direct CSP may; an indirect provider and an OEM (eligible or not) are told to use the API', () => {
    expect(fileChannelRefusal({ kind: 'indirect-reseller' })).toBeUndefined();
    expect(fileChannelRefusal({ kind: 'direct-csp' })).toBeUndefined();
    expect(fileChannelRefusal({ kind: 'indirect-provider' })).toMatch(/only through the API/);
    expect(fileChannelRefusal({ kind: 'oem', directApiEligible: true })).toMatch(/only through the API/);
    expect(fileChannelRefusal({ kind: 'oem', directApiEligible: false })).toMatch(/only through the API/);
  });
});

describe('R32: the upload form', () => {
  const form = uploadForm({ customers: [{ tenantId: 't_1', name: 'Fabrikam <Ltd>' }], selected: 't_1', csrf: 'c'.repeat(43), formToken: 'f'.repeat(43) });

  it('R32: keeps the names the first-hour walk-through uses: step one tenantId, mode (register by default), csrf, formToken, its button; step two the file and its Upload button, posted to S3 with the policy fields first', () => {
    const markup = form.value;
    expect(markup).toContain('<form method="post" action="/partner/uploads" id="upload-form">');
    expect(markup).toContain('<select id="tenantId" name="tenantId" required>');
    expect(markup).not.toContain('type="file"');
    expect(markup).toMatch(/name="mode" value="register" checked/);
    expect(markup).toContain('name="mode" value="validate"');
    expect(markup).toContain(`name="formToken" value="${'f'.repeat(43)}"`);
    expect(markup).toContain('id="upload-submit">');
    expect(markup).toContain('<option value="t_1" selected>');
    const fileForm = uploadFileForm({
      upload: { id: 'upl_1', mode: 'register', status: 'created' },
      customer: { tenantId: 't_1', name: 'Fabrikam' },
      action: 'https://bucket.s3.example/',
      fields: { key: 'uploads/p_1/upl_1/file', Policy: 'e30=', 'X-Amz-Signature': 'a"b' },
    }).value;
    expect(fileForm).toContain('<form method="post" action="https://bucket.s3.example/" enctype="multipart/form-data" id="upload-file-form">');
    expect(fileForm).toContain('name="X-Amz-Signature" value="a&quot;b"');
    expect(fileForm.indexOf('name="Policy"')).toBeLessThan(fileForm.indexOf('name="file"'));
    expect(fileForm).toContain('<input type="file" id="file" name="file"');
    expect(fileForm).toContain('id="upload-send">Upload</button>');
  });

  it('R32: an upload being imported says how far it got; a failed one says why', () => {
    const customer = { tenantId: 't_1', name: 'Fabrikam' };
    expect(uploadStatus({ upload: { id: 'upl_1', mode: 'register', status: 'importing', rowsStaged: 3000 }, customer }).value).toContain('3,000 rows read so far');
    const failed = uploadStatus({ upload: { id: 'upl_1', mode: 'register', status: 'failed', failure: 'CSV upload is invalid: <b>' }, customer }).value;
    expect(failed).toContain('id="upload-failure"');
    expect(failed).toContain('&lt;b&gt;');
  });

  it('R32: escapes what it prints (a customer named with markup)', () => {
    expect(form.value).toContain('Fabrikam &lt;Ltd&gt;');
    expect(form.value).not.toContain('<Ltd>');
  });

  it('R14: a refused partner gets the reason and no form', () => {
    const refused = uploadForm({ customers: [], csrf: 'c', formToken: 'f', refusal: 'This partner registers devices only through the API' }).value;
    expect(refused).toContain('id="upload-refused"');
    expect(refused).not.toContain('<form');
  });
});

describe('R15, R22: what the pages show of a validation and a batch', () => {
  it('R15: a validation says nothing was registered, and lists each row with problems by its line and codes', () => {
    const page = validationResult({
      customer: { tenantId: 't_1', name: 'Fabrikam' },
      answer: {
        consent: { status: 'active' },
        summary: { total: 2, valid: 1, invalid: 1 },
        results: [
          { index: 0, line: 2, status: 'valid', errors: [] },
          { index: 1, line: 3, status: 'invalid', errors: [{ code: 'invalid_product_key_id', message: 'Product key id must be 13 digits' }] },
        ],
      },
    }).value;
    expect(page).toContain('Nothing was registered');
    expect(page).toContain('<td data-label="Line">3</td>');
    expect(page).toContain('<code>invalid_product_key_id</code>');
  });

  const batch = (status: string) => ({ id: 'b_1', tenantId: 't_1', action: 'register', status, summary: { received: 10, processed: 4, succeeded: 4, failed: 0 }, createdAt: '2026-12-03T18:00:00.000Z' });

  it('R22: a running batch shows its progress and no results file yet; a finished one links its results CSV', () => {
    expect(isRunning('queued') && isRunning('processing')).toBe(true);
    expect(isRunning('finished') || isRunning('open') || isRunning('awaiting_approval')).toBe(false);
    const running = batchPage({ batch: batch('processing'), customer: { tenantId: 't_1', name: 'Fabrikam' }, results: [], nextCursor: null }).value;
    expect(running).toContain('<progress id="batch-progress" max="10" value="4">');
    expect(running).not.toContain('batch-results-csv');
    const finished = batchPage({ batch: batch('finished'), customer: { tenantId: 't_1', name: 'Fabrikam' }, results: [{ index: 0, line: 2, status: 'registered', deviceId: 'd_1', errors: [] }], nextCursor: 'abc+/=' }).value;
    expect(finished).toContain('href="/partner/batches/b_1/results" id="batch-results-csv"');
    expect(finished).toContain('href="/partner/batches/b_1?cursor=abc%2B%2F%3D" id="next-results"');
  });
});
