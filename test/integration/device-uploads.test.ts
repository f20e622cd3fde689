import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { asPartner, call, createPartner, ops, problem, stack, unique, type ApiResponse } from '../support/api.ts';
import { autopilotInfoFile, excelCsvFile, exportCsvFile, partnerCenterRows, utf16, XLSX_BYTES } from '../support/csv-fixtures.ts';
import { acceptThroughLink } from '../support/pages.ts';
import { authorizedPartner, authorizedReseller } from '../support/authorized.ts';

const hash = () => randomBytes(128).toString('base64');
const pkid = () => String(Math.floor(1e12 + Math.random() * 9e12));
const uploads = (tenantId: string, action?: string) => `/v1/device-uploads?tenantId=${tenantId}${action ? `&action=${action}` : ''}`;

/** A file sent as the body itself, with its content type. */
const sendFile = (apiKey: string, path: string, bytes: Buffer | string, contentType: string, headers: Record<string, string> = {}) =>
  call('POST', path, { token: apiKey, rawBody: bytes, headers: { 'content-type': contentType, ...headers } });

/** A file sent as a browser, fetch or `curl -F file=@devices.csv` sends it: multipart/form-data built from a FormData. */
async function sendForm(apiKey: string, path: string, form: FormData, headers: Record<string, string> = {}): Promise<ApiResponse> {
  const res = await fetch(`${stack().apiUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}`, ...headers }, body: form });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : undefined, text };
}

const formWith = (bytes: Buffer, filename = 'devices.csv', type = 'text/csv') => {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), filename);
  return form;
};


const devicesOf = async (apiKey: string, tenantId: string) => (await asPartner(apiKey, 'GET', `/v1/devices?tenantId=${tenantId}&limit=100`)).body.items as Record<string, string>[];
const statuses = (res: ApiResponse) => res.body.results.map((r: { line: number; status: string }) => [r.line, r.status]);
const codes = (result: { errors: { code: string }[] }) => result.errors.map((e) => e.code);

describe('device uploads: the files the tools write, the ways they are sent (R17)', () => {
  it('R17: a Get-WindowsAutopilotInfo -GroupTag file of Windows PowerShell 5.1 (UTF-16LE), sent as multipart/form-data as curl -F and browsers send it', async () => {
    const { tenant, partner } = await authorizedPartner();
    const devices = [0, 1].map(() => ({ serialNumber: unique('SN'), productKeyId: '', hardwareHash: hash(), groupTag: 'Kiosk' }));
    const file = autopilotInfoFile(devices, { powershell: '5.1', layout: 'groupTag' });
    const res = await sendForm(partner.apiKey, uploads(tenant.id), formWith(file, 'AutopilotHWID.csv', 'application/vnd.ms-excel'));
    expect(res.status).toBe(200);
    expect(statuses(res)).toEqual([[2, 'registered'], [3, 'registered']]);
    expect(res.body.summary).toEqual({ total: 2, registered: 2, invalid: 0 });
    const listed = await devicesOf(partner.apiKey, tenant.id);
    expect(listed.map((d) => [d.serialNumber, d.groupTag, d.hardwareHash]).sort()).toEqual(devices.map((d) => [d.serialNumber, 'Kiosk', d.hardwareHash]).sort());
  });

  it('R17: an Excel "CSV (Comma delimited)" file of a ";" locale (Windows-1252), sent as application/vnd.ms-excel: "é" kept', async () => {
    const { tenant, partner } = await authorizedPartner();
    const device = { manufacturer: 'Contoso', model: 'Modèle Élite 7', serialNumber: unique('SN') };
    const file = excelCsvFile(partnerCenterRows('tuple', [device]), { format: 'ansi', delimiter: ';' });
    expect(file.includes(Buffer.from([0xe8]))).toBe(true);
    const res = await sendFile(partner.apiKey, uploads(tenant.id), file, 'application/vnd.ms-excel');
    expect(res.status).toBe(200);
    expect(statuses(res)).toEqual([[2, 'registered']]);
    expect(await devicesOf(partner.apiKey, tenant.id)).toEqual([expect.objectContaining(device)]);
  });

  it('R17: an Export-Csv file of Windows PowerShell 5.1 (#TYPE line, every field quoted, ASCII) and one of PowerShell 7 (UTF-8), as text/csv', async () => {
    const { tenant, partner } = await authorizedPartner();
    const five = exportCsvFile([{ serialNumber: unique('SN'), productKeyId: pkid(), hardwareHash: hash(), groupTag: 'Sales' }], { powershell: '5.1' });
    const seven = exportCsvFile([{ serialNumber: unique('SN'), productKeyId: pkid(), hardwareHash: hash(), groupTag: 'Ventes é' }], { powershell: '7' });
    expect(statuses(await sendFile(partner.apiKey, uploads(tenant.id), five, 'text/csv'))).toEqual([[3, 'registered']]);
    expect(statuses(await sendFile(partner.apiKey, uploads(tenant.id), seven, 'text/csv; charset=utf-8'))).toEqual([[2, 'registered']]);
    expect((await devicesOf(partner.apiKey, tenant.id)).map((d) => d.groupTag).sort()).toEqual(['Sales', 'Ventes é']);
  });

  it('any other content type is 415 naming the accepted ones', async () => {
    const { tenant, partner } = await authorizedPartner();
    for (const type of ['application/json', 'text/plain', 'application/octet-stream', 'application/x-www-form-urlencoded']) {
      const res = await sendFile(partner.apiKey, uploads(tenant.id), `Windows Product ID\n${pkid()}\n`, type);
      expect(problem(res)).toMatchObject({ status: 415, code: 'unsupported_media_type', contentType: expect.stringContaining('application/problem+json') });
      expect(res.body.detail).toContain('text/csv, application/vnd.ms-excel, multipart/form-data');
    }
  });

  it('a file that cannot be decoded is 400 naming the encoding problem, and registers nothing', async () => {
    const { tenant, partner } = await authorizedPartner();
    const workbook = await sendFile(partner.apiKey, uploads(tenant.id), XLSX_BYTES, 'application/vnd.ms-excel');
    expect(problem(workbook)).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(workbook.body.detail).toContain('the file is an Excel workbook (.xlsx, a ZIP archive), not CSV: save it as CSV');
    const inForm = await sendForm(partner.apiKey, uploads(tenant.id), formWith(XLSX_BYTES, 'devices.xlsx'));
    expect(inForm.body.detail).toContain('Excel workbook');
    const cut = Buffer.concat([utf16(`Windows Product ID\r\n${pkid()}\r\n`, 'le'), Buffer.from([0x31])]);
    const odd = await sendForm(partner.apiKey, uploads(tenant.id), formWith(cut));
    expect(problem(odd)).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(odd.body.detail).toContain('odd number of bytes');
    // A UTF-16 file sent as text/csv travels as UTF-8 text and loses its BOM: said so, with the fix.
    const asText = await sendFile(partner.apiKey, uploads(tenant.id), utf16(`Windows Product ID\r\n${pkid()}\r\n`, 'le'), 'text/csv');
    expect(problem(asText)).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(asText.body.detail).toContain('send it as multipart/form-data');
    expect(await devicesOf(partner.apiKey, tenant.id)).toEqual([]);
  });

  it('multipart/form-data without a file part, or with two, is 400; over 6 MB is 413', async () => {
    const { tenant, partner } = await authorizedPartner();
    const noFile = new FormData();
    noFile.append('file', `Windows Product ID\n${pkid()}\n`);
    const none = await sendForm(partner.apiKey, uploads(tenant.id), noFile);
    expect(problem(none)).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(none.body.detail).toContain('no file part');
    const twoFiles = formWith(Buffer.from(`Windows Product ID\n${pkid()}\n`));
    twoFiles.append('file2', new Blob([`Windows Product ID\n${pkid()}\n`]), 'more.csv');
    const two = await sendForm(partner.apiKey, uploads(tenant.id), twoFiles);
    expect(problem(two)).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(two.body.detail).toContain('2 file parts');
    const huge = await sendForm(partner.apiKey, uploads(tenant.id), formWith(Buffer.alloc(6 * 1024 * 1024 + 1, 0x41)));
    expect(problem(huge)).toMatchObject({ status: 413, code: 'payload_too_large' });
    expect(await devicesOf(partner.apiKey, tenant.id)).toEqual([]);
  });

  it('R20: a retried multipart upload with the same Idempotency-Key is replayed, though its boundary differs', async () => {
    const { tenant, partner } = await authorizedPartner();
    const file = Buffer.from(`Windows Product ID\r\n${pkid()}\r\n`);
    const key = unique('idem');
    const first = await sendForm(partner.apiKey, uploads(tenant.id), formWith(file), { 'idempotency-key': key });
    const retry = await sendForm(partner.apiKey, uploads(tenant.id), formWith(file), { 'idempotency-key': key });
    expect(first.body.summary.registered).toBe(1);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
  });

  it('an action other than register or deregister is 400', async () => {
    const { tenant, partner } = await authorizedPartner();
    const res = await sendFile(partner.apiKey, uploads(tenant.id, 'delete'), `Windows Product ID\n${pkid()}\n`, 'text/csv');
    expect(problem(res)).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(res.body.errors[0].path).toBe('action');
  });

  it('the OpenAPI document declares the three request bodies, the form with a binary file field', async () => {
    const doc = (await call('GET', '/openapi.json')).body;
    const content = doc.paths['/v1/device-uploads'].post.requestBody.content;
    expect(Object.keys(content).sort()).toEqual(['application/vnd.ms-excel', 'multipart/form-data', 'text/csv']);
    expect(content['multipart/form-data'].schema.properties.file).toMatchObject({ type: 'string', format: 'binary' });
  });
});

describe('device uploads with action=deregister: the CSV channel both ways (R14)', () => {
  const csv = (rows: string[]) => `Device Serial Number,Windows Product ID,Hardware Hash,Manufacturer name,Device model\r\n${rows.join('\r\n')}\r\n`;

  it("R14, R19: a Direct CSP deregisters the devices a file names; unknown and another partner's devices are device_not_registered alike", async () => {
    const { tenant, admin, partner } = await authorizedPartner();
    const other = await createPartner('direct-csp');
    await acceptThroughLink(admin.email, other.apiKey);
    const h = hash();
    const p = pkid();
    const serial = unique('SN');
    const theirs = pkid();
    const registered = await sendFile(partner.apiKey, uploads(tenant.id), csv([`,,${h},,`, `,${p},,,`, `${serial},,,Contoso,Laptop 7`]), 'text/csv');
    expect(registered.body.summary.registered).toBe(3);
    expect((await asPartner(other.apiKey, 'POST', '/v1/devices', { tenantId: tenant.id, devices: [{ productKeyId: theirs }] })).body.summary.registered).toBe(1);

    const file = csv([`,,${h},,`, `,${p},,,`, `${serial.toLowerCase()},,, CONTOSO ,laptop 7`, `,${theirs},,,`, `,${pkid()},,,`, `,,${h},,`, `,123,,,`, `"broken,${pkid()},,,`]);
    const res = await sendFile(partner.apiKey, uploads(tenant.id, 'deregister'), file, 'text/csv');
    expect(res.status).toBe(200);
    expect(statuses(res)).toEqual([
      [2, 'deregistered'],
      [3, 'deregistered'],
      [4, 'deregistered'],
      [5, 'invalid'],
      [6, 'invalid'],
      [7, 'invalid'],
      [8, 'invalid'],
    ]);
    const byLine = (line: number) => res.body.results.find((r: { line: number }) => r.line === line);
    expect(registered.body.results.map((r: { deviceId: string }) => r.deviceId)).toEqual([2, 3, 4].map((line) => byLine(line).deviceId));
    expect(byLine(5).errors).toEqual([{ code: 'device_not_registered', message: expect.any(String) }]);
    expect(byLine(6).errors).toEqual(byLine(5).errors); // R19: another partner's device looks unknown
    expect(codes(byLine(7))).toEqual(['duplicate_in_submission']);
    expect(codes(byLine(8))).toEqual(['invalid_product_key_id']);
    expect(res.body.malformedLines.map((m: { line: number }) => m.line)).toEqual([9]);
    expect(res.body.summary).toEqual({ total: 8, deregistered: 3, invalid: 5 });

    expect(await devicesOf(partner.apiKey, tenant.id)).toEqual([]);
    expect(await devicesOf(other.apiKey, tenant.id)).toEqual([expect.objectContaining({ productKeyId: theirs })]);
    const audit = await ops('GET', `/ops/audit?partnerId=${partner.partner.id}&limit=5`);
    const deregistrations = audit.body.items.filter((e: { action: string }) => e.action === 'device.deregistered');
    expect(deregistrations.flatMap((e: { details: { deviceIds: string[] } }) => e.details.deviceIds).sort()).toEqual([2, 3, 4].map((line) => byLine(line).deviceId).sort());
    // The identifiers are free again.
    expect((await sendFile(partner.apiKey, uploads(tenant.id), csv([`,,${h},,`]), 'text/csv')).body.summary.registered).toBe(1);
  });

  it('R14: an Indirect Reseller deregisters by CSV what it registered; what its provider registered is not its own', async () => {
    const { tenant, provider, reseller } = await authorizedReseller();
    const mine = pkid();
    const providers = pkid();
    expect((await sendForm(reseller.apiKey, uploads(tenant.id), formWith(Buffer.from(csv([`,${mine},,,`]))))).body.summary.registered).toBe(1);
    expect((await asPartner(provider.apiKey, 'POST', '/v1/devices', { tenantId: tenant.id, devices: [{ productKeyId: providers }] })).body.summary.registered).toBe(1);

    const res = await sendForm(reseller.apiKey, uploads(tenant.id, 'deregister'), formWith(utf16(csv([`,${mine},,,`, `,${providers},,,`]), 'le')));
    expect(res.status).toBe(200);
    expect(statuses(res)).toEqual([[2, 'deregistered'], [3, 'invalid']]);
    expect(codes(res.body.results[1])).toEqual(['device_not_registered']);
    expect(await devicesOf(reseller.apiKey, tenant.id)).toEqual([]);
    expect(await devicesOf(provider.apiKey, tenant.id)).toEqual([expect.objectContaining({ productKeyId: providers })]);

    // R14: the provider works through the API only, so its CSV deregistration is refused row by row.
    const byProvider = await sendFile(provider.apiKey, uploads(tenant.id, 'deregister'), csv([`,${providers},,,`]), 'text/csv');
    expect(codes(byProvider.body.results[0])).toEqual(['channel_not_allowed']);
    expect(await devicesOf(provider.apiKey, tenant.id)).toHaveLength(1);
  });

  it('R14: the refusals on every row: an OEM through CSV, a partner without consent; nothing is deregistered', async () => {
    const { tenant, partner } = await authorizedPartner('oem');
    const key = pkid();
    expect((await asPartner(partner.apiKey, 'POST', '/v1/devices', { tenantId: tenant.id, devices: [{ productKeyId: key }] })).body.summary.registered).toBe(1);
    const oem = await sendFile(partner.apiKey, uploads(tenant.id, 'deregister'), csv([`,${key},,,`, `,${pkid()},,,`]), 'text/csv');
    expect(oem.body.results.map(codes)).toEqual([['channel_not_allowed'], ['channel_not_allowed']]);
    const stranger = await createPartner('direct-csp');
    const none = await sendFile(stranger.apiKey, uploads(tenant.id, 'deregister'), csv([`,${key},,,`]), 'text/csv');
    expect(none.body.results.map(codes)).toEqual([['consent_required']]);
    expect(none.body.summary).toEqual({ total: 1, deregistered: 0, invalid: 1 });
    expect(await devicesOf(partner.apiKey, tenant.id)).toHaveLength(1);
  });
});

describe('device files of any length, and files pasted together (issue 20)', () => {
  /** The file of the attack: a header, then 3,000,000 one-character rows, 6 MB (under the 6 MiB body limit). */
  const HUGE = Buffer.from(`Windows Product ID\n${'1\n'.repeat(3_000_000)}`);

  it('R17: a 6 MB file of 3,000,000 rows is 400 validation_failed naming row 1001 (as an upload and as a batch part); nothing is registered or added', async () => {
    const { tenant, partner } = await authorizedPartner();
    expect(HUGE.length).toBeGreaterThan(6_000_000);
    const upload = await sendFile(partner.apiKey, uploads(tenant.id), HUGE, 'text/csv');
    expect(problem(upload)).toMatchObject({ status: 400, code: 'validation_failed', contentType: expect.stringContaining('application/problem+json') });
    expect(upload.body.errors).toEqual([{ path: 'body', message: 'at most 1000 rows; this file has more (row 1001 is line 1002)' }]);
    const created = await asPartner(partner.apiKey, 'POST', '/v1/device-batches', { tenantId: tenant.id, action: 'register' });
    const batchId = created.body.batch.id as string;
    const part = await sendForm(partner.apiKey, `/v1/device-batches/${batchId}/devices`, formWith(HUGE));
    expect(problem(part)).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(part.body.errors[0].message).toContain('(row 1001 is line 1002)');
    expect((await asPartner(partner.apiKey, 'GET', `/v1/device-batches/${batchId}`)).body.batch.summary.received).toBe(0);
    expect(await devicesOf(partner.apiKey, tenant.id)).toEqual([]);
  }, 60_000);

  it('R17: two Get-WindowsAutopilotInfo files (Windows PowerShell 5.1, UTF-16LE) pasted together register every device; the second header is no device', async () => {
    const { tenant, partner } = await authorizedPartner();
    const machine = () => [{ serialNumber: unique('SN'), productKeyId: '', hardwareHash: hash(), groupTag: 'Kiosk' }];
    const [first, second] = [machine(), machine()];
    const pasted = Buffer.concat([autopilotInfoFile(first, { powershell: '5.1', layout: 'groupTag' }), autopilotInfoFile(second, { powershell: '5.1', layout: 'groupTag' })]);
    const res = await sendForm(partner.apiKey, uploads(tenant.id), formWith(pasted, 'all.csv', 'application/vnd.ms-excel'));
    expect(res.status).toBe(200);
    expect(statuses(res)).toEqual([[2, 'registered'], [4, 'registered']]);
    expect(res.body.summary).toEqual({ total: 2, registered: 2, invalid: 0 });
    expect(res.body.malformedLines).toEqual([]);
    expect((await devicesOf(partner.apiKey, tenant.id)).map((d) => d.serialNumber).sort()).toEqual([first[0].serialNumber, second[0].serialNumber].sort());
  });
});
