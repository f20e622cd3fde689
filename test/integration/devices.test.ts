import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { asPartner, call, createPartner, ops, problem, unique } from '../support/api.ts';
import { csrfOf, signIn } from '../support/pages.ts';
import { authorizedPartner, authorizedReseller } from '../support/authorized.ts';

const hash = (bytes = 128) => randomBytes(bytes).toString('base64');
const pkid = () => String(Math.floor(1e12 + Math.random() * 9e12));
const serialDevice = () => ({ manufacturer: 'Contoso', model: 'Laptop 7', serialNumber: unique('SN') });


const validate = (apiKey: string, tenantId: string, devices: unknown[]) => asPartner(apiKey, 'POST', '/v1/device-submissions/validate', { tenantId, devices });
const register = (apiKey: string, tenantId: string, devices: unknown[], headers: Record<string, string> = {}) =>
  asPartner(apiKey, 'POST', '/v1/devices', { tenantId, devices }, headers);
const codes = (result: { errors: { code: string }[] }) => result.errors.map((e) => e.code);

describe('validation (R15)', () => {
  it('R15: answers the consent status and each device valid or invalid with every problem, and writes nothing', async () => {
    const { tenant, partner } = await authorizedPartner();
    const res = await validate(partner.apiKey, tenant.id, [
      { hardwareHash: hash() },
      { productKeyId: '123' , serialNumber: ' ' },
      {},
      { ...serialDevice(), groupTag: 'Sales' },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.consent).toEqual({ status: 'active', grantedAt: expect.any(String) });
    expect(res.body.summary).toEqual({ total: 4, valid: 2, invalid: 2 });
    expect(res.body.results[0]).toEqual({ index: 0, status: 'valid', errors: [] });
    expect(codes(res.body.results[1])).toEqual(['invalid_product_key_id', 'invalid_serial_number']);
    expect(res.body.results[1].errors[0]).toMatchObject({ field: 'productKeyId', message: expect.any(String) });
    expect(codes(res.body.results[2])).toEqual(['missing_identifier']);
    expect((await asPartner(partner.apiKey, 'GET', `/v1/devices?tenantId=${tenant.id}`)).body.items).toEqual([]);
  });

  it('R17: every identification is accepted, a partial tuple is not', async () => {
    const { tenant, partner } = await authorizedPartner();
    const res = await validate(partner.apiKey, tenant.id, [
      { hardwareHash: hash() },
      { productKeyId: pkid() },
      serialDevice(),
      { manufacturer: 'Contoso', serialNumber: 'X1' },
      { model: 'M', serialNumber: 'X2', groupTag: 'tag' },
    ]);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['valid', 'valid', 'valid', 'invalid', 'invalid']);
    expect(codes(res.body.results[3])).toEqual(['missing_identifier']);
  });

  it('every per-device field code', async () => {
    const { tenant, partner } = await authorizedPartner();
    const res = await validate(partner.apiKey, tenant.id, [
      { hardwareHash: 'not base64!' },
      { hardwareHash: hash(10) },
      { hardwareHash: hash(9000) },
      { productKeyId: '12345678901234' },
      { ...serialDevice(), serialNumber: 'x'.repeat(65) },
      { ...serialDevice(), manufacturer: 'x'.repeat(129) },
      { ...serialDevice(), model: 'bad\u0007model' },
      { productKeyId: pkid(), groupTag: 'x'.repeat(129) },
    ]);
    expect(res.body.results.map((r: { errors: { code: string }[] }) => r.errors[0].code)).toEqual([
      'invalid_hardware_hash',
      'invalid_hardware_hash',
      'invalid_hardware_hash',
      'invalid_product_key_id',
      'invalid_serial_number',
      'invalid_manufacturer',
      'invalid_model',
      'invalid_group_tag',
    ]);
  });

  it('duplicates in one submission, by each kind of identifier; the first is judged normally', async () => {
    const { tenant, partner } = await authorizedPartner();
    const h = hash();
    const p = pkid();
    const t = serialDevice();
    const res = await validate(partner.apiKey, tenant.id, [
      { hardwareHash: h },
      { hardwareHash: h, productKeyId: pkid() },
      { productKeyId: p },
      { productKeyId: p },
      t,
      { manufacturer: ` ${t.manufacturer.toUpperCase()} `, model: t.model.toLowerCase(), serialNumber: t.serialNumber.toUpperCase() },
    ]);
    expect(res.body.results.map((r: { errors: { code: string }[] }) => codes(r))).toEqual([
      [],
      ['duplicate_in_submission'],
      [],
      ['duplicate_in_submission'],
      [],
      ['duplicate_in_submission'],
    ]);
  });

  it('a caller without authorization gets every row marked consent_required and the consent status (200)', async () => {
    const { tenant } = await authorizedPartner();
    const stranger = await createPartner('direct-csp');
    const res = await validate(stranger.apiKey, tenant.id, [{ hardwareHash: hash() }, { productKeyId: pkid() }]);
    expect(res.status).toBe(200);
    expect(res.body.consent).toEqual({ status: 'none' });
    expect(res.body.results.every((r: { errors: { code: string }[] }) => codes(r).includes('consent_required'))).toBe(true);
    const unknownTenant = await validate(stranger.apiKey, 't_000000000000000000000000', [{ hardwareHash: hash() }]);
    expect(unknownTenant.body.consent).toEqual({ status: 'none' });
  });

  it('bad submissions: 0 or 1001 devices, a missing tenantId, non-string fields are 400; over 6 MB is 413', async () => {
    const { tenant, partner } = await authorizedPartner();
    expect(problem(await validate(partner.apiKey, tenant.id, []))).toMatchObject({ status: 400, code: 'validation_failed' });
    const many = Array.from({ length: 1001 }, () => ({ productKeyId: pkid() }));
    expect(problem(await validate(partner.apiKey, tenant.id, many))).toMatchObject({ status: 400, code: 'validation_failed' });
    const noTenant = await asPartner(partner.apiKey, 'POST', '/v1/device-submissions/validate', { devices: [{ productKeyId: pkid() }] });
    expect(noTenant.body.errors[0].path).toBe('tenantId');
    const wrongType = await validate(partner.apiKey, tenant.id, [{ productKeyId: 1234567890123 }]);
    expect(wrongType.body.errors[0].path).toBe('devices[0].productKeyId');
    const huge = await call('POST', '/v1/device-submissions/validate', {
      token: partner.apiKey,
      rawBody: JSON.stringify({ tenantId: tenant.id, devices: [{ hardwareHash: 'A'.repeat(6 * 1024 * 1024) }] }),
      headers: { 'content-type': 'application/json' },
    });
    expect(problem(huge)).toMatchObject({ status: 413, code: 'payload_too_large' });
  });
});

describe('registration (R16)', () => {
  it('registers every valid device, reports the rest; a device of this tenant is already assigned', async () => {
    const { tenant, partner } = await authorizedPartner();
    const device = { hardwareHash: hash(), groupTag: 'Sales' };
    const res = await register(partner.apiKey, tenant.id, [device, { productKeyId: 'x' }]);
    expect(res.status).toBe(200);
    expect(res.body.summary).toEqual({ total: 2, registered: 1, invalid: 1 });
    expect(res.body.results[0]).toMatchObject({ index: 0, status: 'registered', deviceId: expect.stringMatching(/^d_/) });
    const again = await register(partner.apiKey, tenant.id, [device]);
    expect(again.body.results[0]).toMatchObject({ status: 'invalid', errors: [{ code: 'device_already_assigned', field: 'hardwareHash' }] });
    const listed = await asPartner(partner.apiKey, 'GET', `/v1/devices?tenantId=${tenant.id}`);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: res.body.results[0].deviceId, tenantId: tenant.id, groupTag: 'Sales' })]);
  });

  it('a device registered to another tenant is never moved, and which tenant holds it is never revealed', async () => {
    const a = await authorizedPartner();
    const b = await authorizedPartner();
    const device = serialDevice();
    await register(a.partner.apiKey, a.tenant.id, [device]);
    const res = await register(b.partner.apiKey, b.tenant.id, [{ ...device, serialNumber: ` ${device.serialNumber.toLowerCase()} ` }]);
    expect(res.body.results[0]).toMatchObject({ status: 'invalid', errors: [{ code: 'device_assigned_to_other_tenant', field: 'serialNumber' }] });
    expect(JSON.stringify(res.body)).not.toContain(a.tenant.id);
    expect((await asPartner(a.partner.apiKey, 'GET', `/v1/devices?tenantId=${a.tenant.id}`)).body.items).toHaveLength(1);
    expect((await asPartner(b.partner.apiKey, 'GET', `/v1/devices?tenantId=${b.tenant.id}`)).body.items).toHaveLength(0);
  });

  it('R16: two partners racing to register the same device to two tenants: exactly one wins', async () => {
    const a = await authorizedPartner();
    const b = await authorizedPartner('oem');
    const devices = Array.from({ length: 20 }, () => ({ hardwareHash: hash(), productKeyId: pkid() }));
    const [ra, rb] = await Promise.all([register(a.partner.apiKey, a.tenant.id, devices), register(b.partner.apiKey, b.tenant.id, devices)]);
    for (let i = 0; i < devices.length; i++) {
      const statuses = [ra.body.results[i].status, rb.body.results[i].status].sort();
      expect(statuses).toEqual(['invalid', 'registered']);
      const loser = ra.body.results[i].status === 'invalid' ? ra.body.results[i] : rb.body.results[i];
      expect(codes(loser)).toEqual(['device_assigned_to_other_tenant']);
    }
    const total = (await asPartner(a.partner.apiKey, 'GET', `/v1/devices?tenantId=${a.tenant.id}&limit=100`)).body.items.length +
      (await asPartner(b.partner.apiKey, 'GET', `/v1/devices?tenantId=${b.tenant.id}&limit=100`)).body.items.length;
    expect(total).toBe(20);
  });

  it('R20: a retried submission with the same Idempotency-Key has the effect of one call (the first answer replayed); another body is 422 idempotency_key_reused', async () => {
    const { tenant, partner } = await authorizedPartner();
    const devices = [{ hardwareHash: hash() }, { productKeyId: pkid() }];
    const key = unique('idem');
    const first = await register(partner.apiKey, tenant.id, devices, { 'idempotency-key': key });
    const retry = await register(partner.apiKey, tenant.id, devices, { 'idempotency-key': key });
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(first.body.summary.registered).toBe(2);
    const other = await register(partner.apiKey, tenant.id, [{ hardwareHash: hash() }], { 'idempotency-key': key });
    expect(problem(other)).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
  });

  it('R18: each registration and deregistration is audited', async () => {
    const { tenant, partner } = await authorizedPartner();
    const res = await register(partner.apiKey, tenant.id, [{ productKeyId: pkid() }]);
    const deviceId = res.body.results[0].deviceId;
    expect((await asPartner(partner.apiKey, 'DELETE', `/v1/devices/${deviceId}`)).status).toBe(204);
    const audit = await ops('GET', `/ops/audit?tenantId=${tenant.id}&limit=2`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['device.deregistered', 'device.registered']);
  });
});

describe('channels (R14)', () => {
  it('an Indirect Reseller registers only by CSV; through the API every row is channel_not_allowed', async () => {
    const { tenant, reseller } = await authorizedReseller();
    const api = await register(reseller.apiKey, tenant.id, [{ productKeyId: pkid() }]);
    expect(api.status).toBe(200);
    expect(codes(api.body.results[0])).toContain('channel_not_allowed');
    const csv = `Device Serial Number,Windows Product ID,Hardware Hash\n,${pkid()},\n`;
    const upload = await call('POST', `/v1/device-uploads?tenantId=${tenant.id}`, { token: reseller.apiKey, rawBody: csv, headers: { 'content-type': 'text/csv' } });
    expect(upload.status).toBe(200);
    expect(upload.body.results[0]).toMatchObject({ line: 2, status: 'registered' });
  });

  it('an Indirect Provider registers through the API, authorized by its reseller (R8), never by CSV', async () => {
    const { tenant, provider } = await authorizedReseller();
    const api = await register(provider.apiKey, tenant.id, [{ productKeyId: pkid() }]);
    expect(api.body.results[0].status).toBe('registered');
    const csv = `Device Serial Number,Windows Product ID,Hardware Hash\n,${pkid()},\n`;
    const upload = await call('POST', `/v1/device-uploads?tenantId=${tenant.id}`, { token: provider.apiKey, rawBody: csv, headers: { 'content-type': 'text/csv' } });
    expect(codes(upload.body.results[0])).toContain('channel_not_allowed');
  });

  it('an OEM registers only through the API, and only while eligible (R9)', async () => {
    const { tenant, partner } = await authorizedPartner('oem');
    expect((await register(partner.apiKey, tenant.id, [{ productKeyId: pkid() }])).body.results[0].status).toBe('registered');
    const csv = `Device Serial Number,Windows Product ID,Hardware Hash\n,${pkid()},\n`;
    const upload = await call('POST', `/v1/device-uploads?tenantId=${tenant.id}`, { token: partner.apiKey, rawBody: csv, headers: { 'content-type': 'text/csv' } });
    expect(codes(upload.body.results[0])).toContain('channel_not_allowed');
    await ops('PATCH', `/ops/partners/${partner.partner.id}`, { directApiEligible: false });
    const ineligible = await validate(partner.apiKey, tenant.id, [{ productKeyId: pkid() }]);
    expect(ineligible.body.consent.status).toBe('active');
    expect(codes(ineligible.body.results[0])).toContain('partner_not_eligible');
  });

  it('a Direct CSP registers through both', async () => {
    const { tenant, partner } = await authorizedPartner();
    expect((await register(partner.apiKey, tenant.id, [{ productKeyId: pkid() }])).body.results[0].status).toBe('registered');
    const csv = `Device Serial Number,Windows Product ID,Hardware Hash\n,${pkid()},\n`;
    const upload = await call('POST', `/v1/device-uploads?tenantId=${tenant.id}`, { token: partner.apiKey, rawBody: csv, headers: { 'content-type': 'text/csv' } });
    expect(upload.body.results[0].status).toBe('registered');
  });

  it("R11, R14: after the customer ends the reseller's relationship, neither it nor its provider can register or deregister", async () => {
    const { tenant, admin, provider, reseller } = await authorizedReseller();
    const registered = await register(provider.apiKey, tenant.id, [{ productKeyId: pkid() }]);
    const client = await signIn(admin.email);
    const portal = await client.get('/portal');
    await client.post(`/portal/relationships/${reseller.partner.id}/terminate`, { csrf: csrfOf(portal.html), confirm: 'terminate' });
    const res = await register(provider.apiKey, tenant.id, [{ productKeyId: pkid() }]);
    expect(res.body.consent.status).toBe('terminated');
    expect(codes(res.body.results[0])).toEqual(['consent_required']);
    const del = await asPartner(provider.apiKey, 'DELETE', `/v1/devices/${registered.body.results[0].deviceId}`);
    expect(problem(del)).toMatchObject({ status: 403, code: 'forbidden' });
    expect(del.body.detail).toContain('no active consent');
    expect(problem(await asPartner(provider.apiKey, 'GET', `/v1/devices?tenantId=${tenant.id}`))).toMatchObject({ status: 404 });
  });
});

describe('CSV upload', () => {
  const upload = (apiKey: string, tenantId: string, csv: string | Buffer, contentType = 'text/csv') =>
    call('POST', `/v1/device-uploads?tenantId=${tenantId}`, { token: apiKey, rawBody: csv, headers: { 'content-type': contentType } });

  it('the Partner Center layout: header case-insensitive, any column order, quotes, BOM, CRLF, empty lines', async () => {
    const { tenant, partner } = await authorizedPartner();
    const h = hash();
    const csv =
      '\uFEFFhardware hash,MANUFACTURER NAME,Device Model,Device Serial Number,Windows Product ID,Group Tag\r\n' +
      `${h},"Contoso, Ltd.","Laptop ""7""",SN-1,,Sales\r\n` +
      '\r\n' +
      `,Contoso,Laptop,SN-2,${pkid()},\r\n`;
    const res = await upload(partner.apiKey, tenant.id, csv);
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { line: number; status: string }) => [r.line, r.status])).toEqual([[2, 'registered'], [4, 'registered']]);
    const devices = (await asPartner(partner.apiKey, 'GET', `/v1/devices?tenantId=${tenant.id}`)).body.items;
    expect(devices.find((d: { serialNumber: string }) => d.serialNumber === 'SN-1')).toMatchObject({ manufacturer: 'Contoso, Ltd.', model: 'Laptop "7"', groupTag: 'Sales', hardwareHash: h });
  });

  it('the Intune layout, extra columns ignored, errors by line number', async () => {
    const { tenant, partner } = await authorizedPartner();
    const csv = `Device Serial Number,Windows Product ID,Hardware Hash,Group Tag,Assigned User,Notes\nSN-9,${pkid()},,Tag,user@x.example,hello\nSN-10,123,,,,\n`;
    const res = await upload(partner.apiKey, tenant.id, csv);
    expect(res.body.results[0]).toMatchObject({ line: 2, status: 'registered' });
    expect(res.body.results[1]).toMatchObject({ line: 3, status: 'invalid', errors: [{ code: 'invalid_product_key_id' }] });
  });

  it('a malformed row is reported by its line and the others still register', async () => {
    const { tenant, partner } = await authorizedPartner();
    const csv = `Device Serial Number,Windows Product ID,Hardware Hash\nA,${pkid()},\nB,${pkid()},,extra,cells\nC,${pkid()},\n`;
    const res = await upload(partner.apiKey, tenant.id, csv);
    expect(res.status).toBe(200);
    expect(res.body.malformedLines.map((m: { line: number }) => m.line)).toEqual([3]);
    expect(res.body.results.map((r: { line: number; status: string }) => [r.line, r.status])).toEqual([[2, 'registered'], [4, 'registered']]);
    expect(res.body.summary).toEqual({ total: 3, registered: 2, invalid: 1 });
  });

  it('missing columns, more than 1000 rows, a wrong content type are refused whole', async () => {
    const { tenant, partner } = await authorizedPartner();
    const missing = await upload(partner.apiKey, tenant.id, 'Device Serial Number,Device model,Group Tag\nA,B,\n'); // R17: no identification's columns
    expect(problem(missing)).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(missing.body.errors[0].message).toContain('Windows Product ID');
    const rows = Array.from({ length: 1001 }, () => `,${pkid()},`).join('\n');
    const tooMany = await upload(partner.apiKey, tenant.id, `Device Serial Number,Windows Product ID,Hardware Hash\n${rows}\n`);
    expect(problem(tooMany)).toMatchObject({ status: 400, code: 'validation_failed' });
    expect((await asPartner(partner.apiKey, 'GET', `/v1/devices?tenantId=${tenant.id}`)).body.items).toEqual([]);
    expect(problem(await upload(partner.apiKey, tenant.id, 'a,b', 'application/json'))).toMatchObject({ status: 415 });
    expect(problem(await call('POST', '/v1/device-uploads', { token: partner.apiKey, rawBody: 'a', headers: { 'content-type': 'text/csv' } }))).toMatchObject({ status: 400 });
  });
});

describe('isolation (R19) and deregistration', () => {
  it("a partner never sees or deregisters another partner's devices; unknown and forbidden look alike", async () => {
    const { tenant, partner } = await authorizedPartner();
    const res = await register(partner.apiKey, tenant.id, [{ productKeyId: pkid() }]);
    const deviceId = res.body.results[0].deviceId;
    const other = await createPartner('direct-csp');
    expect(problem(await asPartner(other.apiKey, 'DELETE', `/v1/devices/${deviceId}`))).toMatchObject({ status: 404, code: 'not_found' });
    expect(problem(await asPartner(other.apiKey, 'DELETE', '/v1/devices/d_000000000000000000000000'))).toMatchObject({ status: 404, code: 'not_found' });
    expect(problem(await asPartner(other.apiKey, 'GET', `/v1/devices?tenantId=${tenant.id}`))).toMatchObject({ status: 404, code: 'not_found' });
    expect((await asPartner(partner.apiKey, 'GET', `/v1/devices?tenantId=${tenant.id}`)).body.items).toHaveLength(1);
    expect(problem(await asPartner(other.apiKey, 'GET', '/v1/devices'))).toMatchObject({ status: 400, code: 'validation_failed' });
  });

  it('deregistering frees the device for registration again', async () => {
    const { tenant, partner } = await authorizedPartner();
    const device = { hardwareHash: hash(), productKeyId: pkid() };
    const first = await register(partner.apiKey, tenant.id, [device]);
    expect((await asPartner(partner.apiKey, 'DELETE', `/v1/devices/${first.body.results[0].deviceId}`)).status).toBe(204);
    expect((await asPartner(partner.apiKey, 'DELETE', `/v1/devices/${first.body.results[0].deviceId}`)).status).toBe(404);
    expect((await register(partner.apiKey, tenant.id, [device])).body.results[0].status).toBe('registered');
  });
});

describe('idempotency of large submissions (R20)', () => {
  it('a 1000-device answer is stored and replayed whole', async () => {
    const { tenant, partner } = await authorizedPartner();
    const devices = Array.from({ length: 1000 }, () => ({ productKeyId: 'not-a-key', serialNumber: ' ', manufacturer: ' ', model: ' ', groupTag: 'x'.repeat(129) }));
    const key = unique('big');
    const first = await register(partner.apiKey, tenant.id, devices, { 'idempotency-key': key });
    expect(first.status).toBe(200);
    expect(first.body.summary).toEqual({ total: 1000, registered: 0, invalid: 1000 });
    expect(first.text.length).toBeGreaterThan(400 * 1024);
    const replay = await register(partner.apiKey, tenant.id, devices, { 'idempotency-key': key });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
  });
});
