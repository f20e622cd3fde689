import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { asPartner, createPartner, ops, stack } from '../support/api.ts';
import { authorizedPartner, authorizedReseller } from '../support/authorized.ts';
import { utf16, XLSX_BYTES } from '../support/csv-fixtures.ts';
import { signInPartnerPerson } from '../support/partner-portal.ts';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { importUpload, MAX_UPLOAD_BYTES } from '#shared/devices/device-uploads.ts';
import { s3 } from '#shared/files/s3-client.ts';
import { uploadObjectKey } from '#shared/files/uploads.ts';

/*
 * The partner portal's device file upload and batches pages (R32, API.md "Partner portal"): the
 * same use cases as the API's batches (R14, R15, R19, R20, R22), driven as a browser without
 * JavaScript drives them: a form, then the file posted straight to S3 (the local S3 engine), its
 * redirect back, pages.
 */

type Role = 'admin' | 'submitter' | 'viewer';

/** A signed-in person of a partner, as a browser holds them: their cookie and the session's CSRF token. */
interface Person {
  cookie: string;
  csrf: string;
}

const person = async (partnerId: string, role: Role): Promise<Person> => {
  const signedIn = await signInPartnerPerson(stack(), { partnerId, role });
  return { cookie: signedIn.cookie, csrf: signedIn.csrf };
};

interface Page {
  status: number;
  location: string | null;
  html: string;
  headers: Headers;
}

async function get(who: Person | undefined, path: string): Promise<Page> {
  const res = await fetch(`${stack().apiUrl}${path}`, { headers: who ? { cookie: who.cookie } : {}, redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location'), html: await res.text(), headers: res.headers };
}

/** The upload form's one-time token, as the page made it. */
async function formToken(who: Person): Promise<string> {
  const form = await get(who, '/partner/uploads/new');
  expect(form.status, form.html.slice(0, 300)).toBe(200);
  const token = /name="formToken" value="([^"]+)"/.exec(form.html)?.[1];
  expect(token).toBeDefined();
  return token!;
}

/** `&amp;`, `&quot;`, `&#39;`, `&lt;`, `&gt;` back to their characters (attribute values as the page escaped them). */
const unescape = (value: string) => value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

async function send(who: Person | undefined, url: string, init: RequestInit = {}): Promise<Page> {
  const res = await fetch(url.startsWith('http') ? url : `${stack().apiUrl}${url}`, { ...init, headers: { ...(who ? { cookie: who.cookie } : {}), ...(init.headers as Record<string, string>) }, redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location'), html: await res.text(), headers: res.headers };
}

/** Step one as a browser posts it (urlencoded): the customer, the mode, the form's token. */
async function startUpload(who: Person, fields: { tenantId: string; mode?: 'register' | 'validate'; formToken?: string; csrf?: string }): Promise<Page> {
  const body = new URLSearchParams({ csrf: fields.csrf ?? who.csrf, formToken: fields.formToken ?? (await formToken(who)), tenantId: fields.tenantId, mode: fields.mode ?? 'register' });
  return send(who, '/partner/uploads', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
}

/**
 * Step two as a browser does it: the file posted to the form's action (the local S3 engine) with
 * the form's hidden fields first and the file last, as S3 requires. Answers S3's answer (its 303
 * back to the upload's page).
 */
async function postFileToS3(page: Page, file: { name: string; content: string | Buffer }): Promise<Page> {
  const form = /<form method="post" action="([^"]+)" enctype="multipart\/form-data" id="upload-file-form">([\s\S]*?)<\/form>/.exec(page.html);
  expect(form, page.html.slice(0, 500)).not.toBeNull();
  const body = new FormData();
  for (const [, name, value] of form![2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) body.append(unescape(name), unescape(value));
  expect(form![2]).toContain('<label for="file">Device file</label>');
  body.append('file', new Blob([typeof file.content === 'string' ? file.content : new Uint8Array(file.content)], { type: 'text/csv' }), file.name);
  return send(undefined, unescape(form![1]), { method: 'POST', body });
}

/** Follows an upload's page (as its refresh does) until it is no longer being imported. */
async function importedPage(who: Person, url: string): Promise<Page> {
  const end = Date.now() + 150_000;
  for (;;) {
    const page = await send(who, url);
    if (page.status !== 200 || !page.headers.get('refresh')) return page;
    expect(page.html).toContain('id="upload-progress"');
    if (Date.now() > end) throw new Error(`upload ${url} was not imported`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/**
 * The whole upload as a browser without JavaScript makes it: step one (the customer, the mode) →
 * the upload's page with the form whose action is S3 → the file posted to S3 → S3's redirect back
 * → the page followed until the import ends. Answers the first page that is not a step of it (a
 * refusal of step one, the batch's redirect, the check's findings, a failure), and S3's redirect.
 */
async function upload(who: Person, fields: { tenantId: string; mode?: 'register' | 'validate'; formToken?: string; csrf?: string }, file: { name: string; content: string | Buffer }): Promise<Page & { back?: string }> {
  const started = await startUpload(who, fields);
  if (started.status !== 303) return started;
  expect(started.location).toMatch(/^\/partner\/uploads\/upl_[0-9a-f]{32}$/);
  const fileForm = await send(who, started.location!);
  // The same form posted twice at once: the other post's file may already be in and importing; the browser follows the refresh.
  if (fileForm.status === 200 && fileForm.headers.get('refresh')) return importedPage(who, started.location!);
  if (fileForm.status !== 200 || !fileForm.html.includes('id="upload-file-form"')) return fileForm;
  const stored = await postFileToS3(fileForm, file);
  expect(stored.status, stored.html.slice(0, 300)).toBe(303);
  const back = stored.location!;
  expect(new URL(back).pathname).toBe(started.location);
  return { ...(await importedPage(who, back)), back };
}

/** The batch id a registration's redirect names. */
const batchIdOf = (page: Page): string => {
  expect(page.status, page.html.slice(0, 500)).toBe(303);
  const id = /^\/partner\/batches\/(b_[0-9a-z]+)$/.exec(page.location ?? '')?.[1];
  expect(id).toBeDefined();
  return id!;
};

/** Follows the batch page (as its refresh does) until it has finished. */
async function finishedPage(who: Person, batchId: string): Promise<Page> {
  const end = Date.now() + 120_000;
  for (;;) {
    const page = await get(who, `/partner/batches/${batchId}`);
    expect(page.status).toBe(200);
    if (/id="batch-status">finished/.test(page.html)) return page;
    // While it runs, the page asks the browser to reload it.
    if (/id="batch-status">(queued|processing)</.test(page.html)) expect(page.headers.get('refresh')).toMatch(/^\d+$/);
    if (Date.now() > end) throw new Error(`batch ${batchId} did not finish`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** The partner's batches for a tenant, through the API. */
const batchesOf = async (apiKey: string, tenantId: string) => (await asPartner(apiKey, 'GET', `/v1/device-batches?tenantId=${tenantId}`)).body.items as { id: string; summary: { received: number } }[];

let serial = 0;
/** Product key ids no other test uses (13 digits). */
const pkids = (n: number) => Array.from({ length: n }, () => `7${String(Date.now() % 1e8).padStart(8, '0')}${String(serial++ % 1e4).padStart(4, '0')}`);
const pkidFile = (ids: string[]) => `Windows Product ID\r\n${ids.join('\r\n')}\r\n`;

/** Audit events of a tenant, as operators read them. */
const auditOf = async (tenantId: string) => (await ops('GET', `/ops/audit?tenantId=${tenantId}&limit=100`)).body.items as { action: string; actor: { type: string; id?: string } }[];

describe('device file upload in the partner portal (R32, R14, R22)', () => {
  it("R32, R14: a reseller's submitter uploads samples/devices.csv (the form, the file posted to S3, its redirect back, the import): a batch is created, submitted and worked; the page shows its progress, the results table and the results CSV; audited with the person as actor", async () => {
    const { tenant, reseller } = await authorizedReseller();
    const submitter = await person(reseller.partner.id, 'submitter');
    const form = await get(submitter, '/partner/uploads/new');
    expect(form.status).toBe(200);
    expect(form.html).toContain('id="upload-form"');
    expect(form.html).toContain(`<option value="${tenant.id}"`);

    // The sample's very format, with hardware hashes of this test alone: the e2e first hour registers
    // samples/devices.csv itself, and a device is another tenant's once registered (R16).
    const sample = Buffer.from(
      (await readFile(new URL('../../samples/devices.csv', import.meta.url))).toString('utf8').replace(/^(DEMO-SN-\d+,,)[A-Za-z0-9+/]{8}/gm, (_line, start: string) => `${start}${randomBytes(6).toString('base64')}`),
    );
    expect(sample.toString('utf8')).not.toEqual((await readFile(new URL('../../samples/devices.csv', import.meta.url))).toString('utf8'));
    const batchId = batchIdOf(await upload(submitter, { tenantId: tenant.id }, { name: 'devices.csv', content: sample }));
    const done = await finishedPage(submitter, batchId);
    const rows = sample.toString('utf8').trim().split(/\r?\n/).length - 1;
    expect(done.html).toContain(`id="batch-received">${rows}<`);
    expect(done.html).toContain(`id="batch-succeeded">${rows}<`);
    expect(done.html).toContain('id="batch-status">finished<');
    expect(done.html.match(/<td data-label="Status">registered<\/td>/g)).toHaveLength(rows);

    const csv = await get(submitter, `/partner/batches/${batchId}/results`);
    expect(csv.status).toBe(303);
    const file = await fetch(csv.location!);
    const results = parse(await file.text(), { columns: true }) as Record<string, string>[];
    expect(results).toHaveLength(rows);
    expect(results.every((r) => r.status === 'registered')).toBe(true);

    const devices = await asPartner(reseller.apiKey, 'GET', `/v1/devices?tenantId=${tenant.id}&limit=100`);
    expect(devices.body.items).toHaveLength(rows);
    const created = (await auditOf(tenant.id)).find((e) => e.action === 'device_batch.created');
    expect(created?.actor.type).toBe('partner_user');
  }, 180_000);

  it('R32: a UTF-16 file (Windows PowerShell 5.1 Get-WindowsAutopilotInfo) registers as its UTF-8 twin does', async () => {
    const { tenant, reseller } = await authorizedReseller();
    const submitter = await person(reseller.partner.id, 'admin');
    const ids = pkids(3);
    const batchId = batchIdOf(await upload(submitter, { tenantId: tenant.id }, { name: 'AutopilotHWID.csv', content: utf16(pkidFile(ids), 'le') }));
    const done = await finishedPage(submitter, batchId);
    expect(done.html).toContain('id="batch-succeeded">3<');
  }, 180_000);

  it('R15: "Only check the file" answers what would happen, device by device, and registers nothing', async () => {
    const { tenant, partner } = await authorizedPartner();
    const submitter = await person(partner.partner.id, 'submitter');
    const [good] = pkids(1);
    const checked = await upload(submitter, { tenantId: tenant.id, mode: 'validate' }, { name: 'devices.csv', content: pkidFile([good, '123', good]) });
    expect(checked.status, checked.html.slice(0, 500)).toBe(200);
    expect(checked.html).toContain('1 of 3 devices could be registered');
    expect(checked.html).toContain('invalid_product_key_id');
    expect(checked.html).toContain('duplicate_in_submission');
    expect(await batchesOf(partner.apiKey, tenant.id)).toEqual([]);
    expect((await asPartner(partner.apiKey, 'GET', `/v1/devices?tenantId=${tenant.id}`)).body.items).toEqual([]);
  }, 120_000);

  it('R22: results are paged 100 a page in row order; a line that cannot be read is said once, after the upload, and left out', async () => {
    const { tenant, partner } = await authorizedPartner();
    const submitter = await person(partner.partner.id, 'submitter');
    const content = `${pkidFile(pkids(150))}"unbalanced\r\n`;
    const received = await upload(submitter, { tenantId: tenant.id }, { name: 'devices.csv', content });
    expect(received.status, received.html.slice(0, 500)).toBe(200);
    expect(received.html).toContain('id="malformed-lines"');
    const batchId = /href="\/partner\/batches\/(b_[0-9a-z]+)" id="follow-batch"/.exec(received.html)?.[1];
    expect(batchId).toBeDefined();
    const first = await finishedPage(submitter, batchId!);
    expect(first.html).toContain('id="batch-received">150<');
    expect(first.html.match(/<td data-label="Status">/g)).toHaveLength(100);
    const next = /href="(\/partner\/batches\/[^"]+\?cursor=[^"]+)" id="next-results"/.exec(first.html)?.[1];
    expect(next).toBeDefined();
    const second = await get(submitter, next!.replace(/&amp;/g, '&'));
    expect(second.status).toBe(200);
    expect(second.html.match(/<td data-label="Status">/g)).toHaveLength(50);
    expect(second.html).not.toContain('id="next-results"');
  }, 180_000);
});

describe('R14: only a reseller and a direct CSP register by file', () => {
  it('R14: an indirect provider is told to use the API; its post creates nothing', async () => {
    const { tenant, provider } = await authorizedReseller();
    const admin = await person(provider.partner.id, 'admin');
    const form = await get(admin, '/partner/uploads/new');
    expect(form.status).toBe(200);
    expect(form.html).toContain('id="upload-refused"');
    expect(form.html).not.toContain('id="upload-form"');
    const refused = await upload(admin, { tenantId: tenant.id, formToken: 'x'.repeat(43) }, { name: 'devices.csv', content: pkidFile(pkids(2)) });
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('through the API');
    expect(await batchesOf(provider.apiKey, tenant.id)).toEqual([]);
  }, 120_000);

  it('R14: an OEM is told to use the API; its post creates nothing', async () => {
    const { tenant, partner } = await authorizedPartner('oem');
    const admin = await person(partner.partner.id, 'admin');
    expect((await get(admin, '/partner/uploads/new')).html).toContain('id="upload-refused"');
    const refused = await upload(admin, { tenantId: tenant.id, formToken: 'x'.repeat(43) }, { name: 'devices.csv', content: pkidFile(pkids(2)) });
    expect(refused.status).toBe(403);
    expect(await batchesOf(partner.apiKey, tenant.id)).toEqual([]);
  }, 120_000);
});

describe('R32, R19, R20: who sees and does what', () => {
  it('R32: a viewer reads batches but gets 403 on the upload form and its post; nothing is created', async () => {
    const { tenant, reseller } = await authorizedReseller();
    const submitter = await person(reseller.partner.id, 'submitter');
    const viewer = await person(reseller.partner.id, 'viewer');
    const batchId = batchIdOf(await upload(submitter, { tenantId: tenant.id }, { name: 'devices.csv', content: pkidFile(pkids(1)) }));
    expect((await get(viewer, '/partner/uploads/new')).status).toBe(403);
    const posted = await upload(viewer, { tenantId: tenant.id, formToken: 'y'.repeat(43) }, { name: 'devices.csv', content: pkidFile(pkids(1)) });
    expect(posted.status).toBe(403);
    expect(await batchesOf(reseller.apiKey, tenant.id)).toHaveLength(1);
    expect((await get(viewer, `/partner/batches/${batchId}`)).status).toBe(200);
    const list = await get(viewer, `/partner/batches?tenantId=${tenant.id}`);
    expect(list.status).toBe(200);
    expect(list.html).toContain(`href="/partner/batches/${batchId}"`);
  }, 120_000);

  it("R19: another partner's batch, its results CSV and its customer are 404", async () => {
    const { tenant, reseller } = await authorizedReseller();
    const owner = await person(reseller.partner.id, 'submitter');
    const batchId = batchIdOf(await upload(owner, { tenantId: tenant.id }, { name: 'devices.csv', content: pkidFile(pkids(1)) }));
    const other = await createPartner('direct-csp');
    const stranger = await person(other.partner.id, 'admin');
    expect((await get(stranger, `/partner/batches/${batchId}`)).status).toBe(404);
    expect((await get(stranger, `/partner/batches/${batchId}/results`)).status).toBe(404);
    expect((await get(stranger, `/partner/batches?tenantId=${tenant.id}`)).status).toBe(404);
    // It has no customer, so its page offers no form: its post is made by hand, as a forged one would be.
    const upload404 = await upload(stranger, { tenantId: tenant.id, formToken: 'z'.repeat(43) }, { name: 'devices.csv', content: pkidFile(pkids(1)) });
    expect(upload404.status).toBe(404);
    expect(await batchesOf(other.apiKey, tenant.id)).toEqual([]);
  }, 120_000);

  it('R20: the same form posted twice (a double click, a reload) makes one batch with the devices once', async () => {
    const { tenant, reseller } = await authorizedReseller();
    const submitter = await person(reseller.partner.id, 'submitter');
    const token = await formToken(submitter);
    const content = pkidFile(pkids(5));
    const [first, second] = await Promise.all([
      upload(submitter, { tenantId: tenant.id, formToken: token }, { name: 'devices.csv', content }),
      upload(submitter, { tenantId: tenant.id, formToken: token }, { name: 'devices.csv', content }),
    ]);
    expect(batchIdOf(second)).toBe(batchIdOf(first));
    const third = await upload(submitter, { tenantId: tenant.id, formToken: token }, { name: 'devices.csv', content });
    expect(batchIdOf(third)).toBe(batchIdOf(first));
    const done = await finishedPage(submitter, batchIdOf(first));
    expect(done.html).toContain('id="batch-received">5<');
    expect(await batchesOf(reseller.apiKey, tenant.id)).toHaveLength(1);
  }, 180_000);

  it("R20: S3's redirect followed again (a reload, the back button) after the import changes nothing: one upload received, one batch", async () => {
    const { tenant, reseller } = await authorizedReseller();
    const submitter = await person(reseller.partner.id, 'submitter');
    const done = await upload(submitter, { tenantId: tenant.id }, { name: 'devices.csv', content: pkidFile(pkids(4)) });
    const batchId = batchIdOf(done);
    for (let i = 0; i < 3; i++) expect(batchIdOf(await send(submitter, done.back!))).toBe(batchId);
    await finishedPage(submitter, batchId);
    expect(await batchesOf(reseller.apiKey, tenant.id)).toHaveLength(1);
    const received = (await auditOf(tenant.id)).filter((e) => e.action === 'device_upload.received');
    expect(received).toHaveLength(1);
    expect(received[0].actor.type).toBe('partner_user');
  }, 180_000);

  it("R19: another partner's upload is 404 (its page, its form, S3's redirect to it); R32: a viewer cannot receive one", async () => {
    const { tenant, reseller } = await authorizedReseller();
    const owner = await person(reseller.partner.id, 'submitter');
    const started = await startUpload(owner, { tenantId: tenant.id });
    expect(started.status).toBe(303);
    const other = await createPartner('direct-csp');
    const stranger = await person(other.partner.id, 'admin');
    const theirs = await send(stranger, started.location!);
    expect(theirs.status).toBe(404);
    expect(theirs.html).not.toContain('upload-file-form');
    expect((await send(stranger, `${started.location!}?bucket=b&key=k&etag=e`)).status).toBe(404);
    expect((await send(stranger, '/partner/uploads/upl_not-an-id')).status).toBe(404);
    const viewer = await person(reseller.partner.id, 'viewer');
    expect((await send(viewer, started.location!)).status).toBe(403);
    const mine = await send(owner, started.location!);
    expect(mine.status).toBe(200);
    expect(mine.html).toContain('id="upload-file-form"');
  }, 120_000);

  it('R32: without a session the pages go to the sign-in; a post without the CSRF token is 403 and creates nothing', async () => {
    const { tenant, reseller } = await authorizedReseller();
    const anonymous = await get(undefined, '/partner/uploads/new');
    expect(anonymous.status).toBe(303);
    expect(anonymous.location).toMatch(/^\/partner\/signin/);
    expect((await get(undefined, '/partner/batches')).status).toBe(303);
    const submitter = await person(reseller.partner.id, 'submitter');
    const forged = await upload(submitter, { tenantId: tenant.id, csrf: 'not-the-token' }, { name: 'devices.csv', content: pkidFile(pkids(1)) });
    expect(forged.status).toBe(403);
    expect(await batchesOf(reseller.apiKey, tenant.id)).toEqual([]);
  }, 120_000);
});

describe('bad files change nothing (R32)', () => {
  it('R32: a workbook, a file of people, a header alone and 100,001 rows each end the upload failed with a page saying what is wrong; an unknown customer is refused at step one; no batch, no batch audit event', async () => {
    const { tenant, reseller } = await authorizedReseller();
    const submitter = await person(reseller.partner.id, 'submitter');
    const cases: { content: string | Buffer; tenantId?: string; status: number; says: string }[] = [
      { content: XLSX_BYTES, status: 200, says: 'Excel workbook' },
      { content: 'Name,Email\r\nAda,ada@example.com\r\n', status: 200, says: 'Hardware Hash' },
      { content: 'Windows Product ID\r\n', status: 200, says: 'names no device' },
      { content: pkidFile(pkids(1)), tenantId: 't_unknown', status: 404, says: 'not found' },
      { content: `Windows Product ID\n${'1\n'.repeat(100_001)}`, status: 200, says: 'at most 100000 rows' },
    ];
    for (const c of cases) {
      const page = await upload(submitter, { tenantId: c.tenantId ?? tenant.id }, { name: 'devices.csv', content: c.content });
      expect(page.status, c.says).toBe(c.status);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.html).toContain(c.says);
      if (c.status === 200) expect(page.html).toContain('id="upload-failure"');
    }
    expect(await batchesOf(reseller.apiKey, tenant.id)).toEqual([]);
    expect((await auditOf(tenant.id)).filter((e) => e.action.startsWith('device_batch.'))).toEqual([]);
  }, 300_000);

  it('R32: an empty file is refused: S3 stores nothing the policy allows under one byte, and the import ends the upload failed', async () => {
    const { tenant, reseller } = await authorizedReseller();
    const submitter = await person(reseller.partner.id, 'submitter');
    const started = await startUpload(submitter, { tenantId: tenant.id });
    const uploadId = started.location!.split('/').pop()!;
    await s3().send(new PutObjectCommand({ Bucket: process.env.DOWNLOADS_BUCKET, Key: uploadObjectKey(reseller.partner.id, uploadId), Body: Buffer.alloc(0) }));
    await importUpload(uploadId);
    const page = await send(submitter, started.location!);
    expect(page.html).toContain('id="upload-failure"');
    expect(page.html).toContain('empty');
    expect(await batchesOf(reseller.apiKey, tenant.id)).toEqual([]);
  }, 120_000);

  it('R32: an object over the size the policy allows is refused by the import itself (the local S3 engine does not enforce policies): the upload fails, nothing registered', async () => {
    const { tenant, reseller } = await authorizedReseller();
    const submitter = await person(reseller.partner.id, 'submitter');
    const started = await startUpload(submitter, { tenantId: tenant.id });
    const uploadId = started.location!.split('/').pop()!;
    const content = pkidFile(pkids(20));
    await s3().send(new PutObjectCommand({ Bucket: process.env.DOWNLOADS_BUCKET, Key: uploadObjectKey(reseller.partner.id, uploadId), Body: content }));
    // The ceiling of this import set under the file's size: as MAX_UPLOAD_BYTES is to a larger file.
    await importUpload(uploadId, { maxBytes: content.length - 1 });
    const page = await send(submitter, started.location!);
    expect(page.status).toBe(200);
    expect(page.html).toContain('id="upload-failure"');
    expect(page.html).toContain(`The file is ${content.length} bytes, over`);
    expect(await batchesOf(reseller.apiKey, tenant.id)).toEqual([]);
    expect(MAX_UPLOAD_BYTES).toBe(1024 ** 3);
  }, 120_000);
});
