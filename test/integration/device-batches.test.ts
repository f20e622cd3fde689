import { afterAll, describe, expect, it } from 'vitest';
import { asPartner, call, createPartner, createTenant, createUser, problem, unique } from '../support/api.ts';
import { acceptThroughLink, outboxSettled } from '../support/pages.ts';
import { startReceiver } from '../support/webhook-receiver.ts';

const receivers: Awaited<ReturnType<typeof startReceiver>>[] = [];
afterAll(async () => Promise.all(receivers.map((r) => r.close())));

let serial = 0;
/** A product key id that no other test uses (13 digits). */
const pkid = () => `9${String(Date.now() % 1e8).padStart(8, '0')}${String(serial++ % 1e4).padStart(4, '0')}`;

async function authorizedPartner() {
  const tenant = await createTenant();
  const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
  const partner = await createPartner('direct-csp');
  await acceptThroughLink(admin.email, partner.apiKey);
  return { tenant, partner };
}

const post = (apiKey: string, path: string, body?: unknown, headers: Record<string, string> = {}) => asPartner(apiKey, 'POST', path, body, headers);

/** Polls the batch until it has finished (up to a minute). */
async function finished(apiKey: string, batchId: string) {
  const end = Date.now() + 60_000;
  for (;;) {
    const res = await asPartner(apiKey, 'GET', `/v1/device-batches/${batchId}`);
    if (res.body.batch.status.startsWith('finished')) return res.body.batch;
    if (Date.now() > end) throw new Error(`batch ${batchId} still ${res.body.batch.status}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('device batches (R22)', () => {
  it('R22: a 5,000-device batch end to end: open, five parts, submitted (202), worked by the stream, results paged in order and as one CSV file', async () => {
    const { tenant, partner } = await authorizedPartner();
    const receiver = await startReceiver();
    receivers.push(receiver);
    await asPartner(partner.apiKey, 'PUT', '/v1/webhook', { url: receiver.url, events: ['devices.registered', 'device_batch.finished'] });

    const created = await post(partner.apiKey, '/v1/device-batches', { tenantId: tenant.id, action: 'register' }, { 'idempotency-key': unique('k') });
    expect(created.status).toBe(201);
    expect(created.body.batch).toMatchObject({ tenantId: tenant.id, action: 'register', status: 'open', summary: { received: 0, processed: 0, succeeded: 0, failed: 0 } });
    const batchId = created.body.batch.id as string;
    expect(created.headers.get('location')).toBe(`/v1/device-batches/${batchId}`);

    const all: { productKeyId: string }[] = [];
    for (let part = 0; part < 5; part++) {
      const devices = Array.from({ length: 1000 }, () => ({ productKeyId: pkid() }));
      // Two invalid rows and one duplicate of an earlier part.
      if (part === 2) {
        devices[10] = { productKeyId: '123' };
        devices[11] = { productKeyId: all[5].productKeyId };
      }
      all.push(...devices);
      const added = await post(partner.apiKey, `/v1/device-batches/${batchId}/devices`, { devices }, { 'idempotency-key': `part-${batchId}-${part}` });
      expect(added.status).toBe(200);
      expect(added.body.batch.summary.received).toBe((part + 1) * 1000);
    }
    // A retried part (same key, same body) is not counted twice.
    const again = await post(partner.apiKey, `/v1/device-batches/${batchId}/devices`, { devices: all.slice(4000) }, { 'idempotency-key': `part-${batchId}-4` });
    expect(again.body.batch.summary.received).toBe(5000);

    const submitted = await post(partner.apiKey, `/v1/device-batches/${batchId}/submit`);
    expect(submitted.status).toBe(202);
    expect(submitted.headers.get('location')).toBe(`/v1/device-batches/${batchId}`);
    expect(submitted.body.batch.status).toBe('queued');
    expect(submitted.body.batch.submittedAt).toEqual(expect.any(String));

    const done = await finished(partner.apiKey, batchId);
    expect(done).toMatchObject({ status: 'finished_with_errors', summary: { received: 5000, processed: 5000, succeeded: 4998, failed: 2 }, finishedAt: expect.any(String) });

    // Every result, in index order, a page at a time.
    const results: { index: number; status: string; deviceId?: string; errors: { code: string; autopilotError?: unknown }[] }[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: typeof results; nextCursor: string | null } } = await asPartner(partner.apiKey, 'GET', `/v1/device-batches/${batchId}/results?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.status).toBe(200);
      results.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(results.map((r) => r.index)).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    expect(results.filter((r) => r.status === 'registered')).toHaveLength(4998);
    expect(results[2010]).toMatchObject({ status: 'invalid', errors: [{ code: 'invalid_product_key_id' }] });
    expect(results[2011]).toMatchObject({ status: 'invalid', errors: [{ code: 'duplicate_in_submission', autopilotError: { name: 'ZtdDeviceDuplicated' } }] });
    expect(new Set(results.map((r) => r.deviceId).filter(Boolean)).size).toBe(4998);

    // Issue 21: a file of any size is a 303 to its download (Lambda answers at most 6 MB).
    const asked = await call('GET', `/v1/device-batches/${batchId}/results`, { token: partner.apiKey, headers: { accept: 'text/csv' } });
    expect(asked.status).toBe(303);
    const csv = await fetch(asked.headers.get('location')!);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe('index,line,status,deviceId,errorCodes,errorFields,autopilotErrors,messages');
    expect(lines).toHaveLength(5001);
    expect(lines[2012]).toMatch(/^2011,,invalid,,duplicate_in_submission,productKeyId,ZtdDeviceDuplicated,The same device appears earlier in this batch$/);

    // The partner hears of each write and of the end.
    await outboxSettled();
    const finishedEvents = receiver.events('device_batch.finished').map((r) => JSON.parse(r.body).data);
    expect(finishedEvents).toEqual([expect.objectContaining({ batchId, status: 'finished_with_errors', summary: { received: 5000, processed: 5000, succeeded: 4998, failed: 2 }, actor: { type: 'system', id: 'device-batch' } })]);
    const registeredIds = receiver.events('devices.registered').flatMap((r) => JSON.parse(r.body).data.deviceIds as string[]);
    expect(new Set(registeredIds).size).toBe(4998);
  }, 180_000);

  it('R22, R16: two batches holding the same devices for two tenants: exactly one wins each device', async () => {
    const a = await authorizedPartner();
    const b = await authorizedPartner();
    const devices = Array.from({ length: 300 }, () => ({ productKeyId: pkid() }));
    const ids = await Promise.all(
      [a, b].map(async ({ partner, tenant }) => {
        const { body } = await post(partner.apiKey, '/v1/device-batches', { tenantId: tenant.id, action: 'register' });
        await post(partner.apiKey, `/v1/device-batches/${body.batch.id}/devices`, { devices });
        return body.batch.id as string;
      }),
    );
    await Promise.all([post(a.partner.apiKey, `/v1/device-batches/${ids[0]}/submit`), post(b.partner.apiKey, `/v1/device-batches/${ids[1]}/submit`)]);
    const [doneA, doneB] = await Promise.all([finished(a.partner.apiKey, ids[0]), finished(b.partner.apiKey, ids[1])]);
    expect(doneA.summary.succeeded + doneB.summary.succeeded).toBe(300);
    expect(doneA.summary.failed + doneB.summary.failed).toBe(300);
    const results = async (apiKey: string, id: string) => (await asPartner(apiKey, 'GET', `/v1/device-batches/${id}/results?limit=100`)).body.items as { index: number; status: string; errors: { code: string }[] }[];
    const [ra, rb] = await Promise.all([results(a.partner.apiKey, ids[0]), results(b.partner.apiKey, ids[1])]);
    for (let i = 0; i < 100; i++) {
      expect([ra[i].status, rb[i].status].sort()).toEqual(['invalid', 'registered']);
      const loser = ra[i].status === 'invalid' ? ra[i] : rb[i];
      expect(loser.errors.map((e) => e.code)).toEqual(['device_assigned_to_other_tenant']);
    }
  }, 120_000);

  it('R19, R22: bad input and other partners: 404 for another partner, 409 once submitted, 400 for an empty submit or a bad part', async () => {
    const { tenant, partner } = await authorizedPartner();
    const other = await createPartner('direct-csp');
    expect(problem(await post(partner.apiKey, '/v1/device-batches', { tenantId: tenant.id, action: 'move' }))).toMatchObject({ status: 400, code: 'validation_failed' });
    const { body } = await post(partner.apiKey, '/v1/device-batches', { tenantId: tenant.id, action: 'register' });
    const batchId = body.batch.id as string;
    expect(problem(await post(partner.apiKey, `/v1/device-batches/${batchId}/submit`))).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(problem(await post(partner.apiKey, `/v1/device-batches/${batchId}/devices`, { devices: [] }))).toMatchObject({ status: 400 });
    expect(problem(await post(partner.apiKey, `/v1/device-batches/${batchId}/devices`, { devices: Array.from({ length: 1001 }, () => ({ productKeyId: pkid() })) }))).toMatchObject({ status: 400 });
    // R19: another partner's batch is unknown.
    for (const [method, path] of [['GET', `/v1/device-batches/${batchId}`], ['GET', `/v1/device-batches/${batchId}/results`], ['POST', `/v1/device-batches/${batchId}/submit`]] as const) {
      expect(problem(await asPartner(other.apiKey, method, path))).toMatchObject({ status: 404, code: 'not_found' });
    }
    expect(problem(await post(other.apiKey, `/v1/device-batches/${batchId}/devices`, { devices: [{ productKeyId: pkid() }] }))).toMatchObject({ status: 404 });
    expect((await asPartner(other.apiKey, 'GET', `/v1/device-batches?tenantId=${tenant.id}`)).body.items).toEqual([]);
    expect(problem(await asPartner(partner.apiKey, 'GET', '/v1/device-batches/b_000000000000000000000000'))).toMatchObject({ status: 404 });
    // Unauthenticated.
    expect((await call('GET', `/v1/device-batches/${batchId}`)).status).toBe(401);

    await post(partner.apiKey, `/v1/device-batches/${batchId}/devices`, { devices: [{ productKeyId: pkid() }] });
    expect((await post(partner.apiKey, `/v1/device-batches/${batchId}/submit`)).status).toBe(202);
    expect((await post(partner.apiKey, `/v1/device-batches/${batchId}/submit`)).status).toBe(202);
    expect(problem(await post(partner.apiKey, `/v1/device-batches/${batchId}/devices`, { devices: [{ productKeyId: pkid() }] }))).toMatchObject({ status: 409, code: 'conflict' });
    const listed = await asPartner(partner.apiKey, 'GET', `/v1/device-batches?tenantId=${tenant.id}`);
    expect(listed.body.items.map((b: { id: string }) => b.id)).toEqual([batchId]);
    expect((await finished(partner.apiKey, batchId)).summary).toEqual({ received: 1, processed: 1, succeeded: 1, failed: 0 });
  }, 60_000);

  it('R14, R22: a partner without consent gets consent_required on every device, and the batch finishes with errors', async () => {
    const tenant = await createTenant();
    const partner = await createPartner('direct-csp');
    const { body } = await post(partner.apiKey, '/v1/device-batches', { tenantId: tenant.id, action: 'register' });
    await post(partner.apiKey, `/v1/device-batches/${body.batch.id}/devices`, { devices: [{ productKeyId: pkid() }, { productKeyId: pkid() }] });
    await post(partner.apiKey, `/v1/device-batches/${body.batch.id}/submit`);
    expect((await finished(partner.apiKey, body.batch.id)).status).toBe('finished_with_errors');
    const { items } = (await asPartner(partner.apiKey, 'GET', `/v1/device-batches/${body.batch.id}/results`)).body;
    expect(items.map((r: { errors: { code: string }[] }) => r.errors[0].code)).toEqual(['consent_required', 'consent_required']);
  }, 60_000);

  it('R14, R22: a deregister batch deregisters what the partner registered (device_not_registered for the rest), and the partner hears devices.deregistered', async () => {
    const { tenant, partner } = await authorizedPartner();
    const receiver = await startReceiver();
    receivers.push(receiver);
    await asPartner(partner.apiKey, 'PUT', '/v1/webhook', { url: receiver.url, events: ['devices.deregistered', 'device_batch.finished'] });
    const devices = Array.from({ length: 30 }, () => ({ productKeyId: pkid() }));
    const registered = await post(partner.apiKey, '/v1/devices', { tenantId: tenant.id, devices });
    expect(registered.body.summary.registered).toBe(30);
    const { body } = await post(partner.apiKey, '/v1/device-batches', { tenantId: tenant.id, action: 'deregister' });
    await post(partner.apiKey, `/v1/device-batches/${body.batch.id}/devices`, { devices: [...devices, { productKeyId: pkid() }] });
    await post(partner.apiKey, `/v1/device-batches/${body.batch.id}/submit`);
    const done = await finished(partner.apiKey, body.batch.id);
    expect(done).toMatchObject({ status: 'finished_with_errors', summary: { received: 31, processed: 31, succeeded: 30, failed: 1 } });
    const { items } = (await asPartner(partner.apiKey, 'GET', `/v1/device-batches/${body.batch.id}/results`)).body;
    expect(items.filter((r: { status: string }) => r.status === 'deregistered')).toHaveLength(30);
    expect(items[30]).toMatchObject({ status: 'invalid', errors: [{ code: 'device_not_registered' }] });
    expect((await asPartner(partner.apiKey, 'GET', `/v1/devices?tenantId=${tenant.id}`)).body.items).toEqual([]);
    await outboxSettled();
    const ids = receiver.events('devices.deregistered').flatMap((r) => JSON.parse(r.body).data.deviceIds as string[]);
    expect(ids.sort()).toEqual(registered.body.results.map((r: { deviceId: string }) => r.deviceId).sort());
    expect(JSON.parse(receiver.events('device_batch.finished')[0].body).data).toMatchObject({ action: 'deregister', status: 'finished_with_errors' });
  }, 60_000);
});
