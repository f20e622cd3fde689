import { afterAll, describe, expect, it } from 'vitest';
import { asPartner, createPartner, createTenant, createUser, ops, unique } from '../support/api.ts';
import { csrfOf, signIn, waitForMail } from '../support/pages.ts';
import { startReceiver } from '../support/webhook-receiver.ts';

const DAY = 24 * 3600 * 1000;
const at = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY).toISOString();
const runCheck = async (now: string) => {
  const res = await ops('POST', '/ops/jobs/consent-status-check', { now });
  expect(res.status).toBe(200);
  return res.body as { heldBatchesExpired: number };
};

const receivers: Awaited<ReturnType<typeof startReceiver>>[] = [];
afterAll(async () => Promise.all(receivers.map((r) => r.close())));

let serial = 0;
const pkid = () => `7${String(Date.now() % 1e8).padStart(8, '0')}${String(serial++ % 1e4).padStart(4, '0')}`;

/** A direct CSP listening to the held-batch events, and its held batch of `count` devices for `tenantId`. */
async function heldBatchOf(tenantId: string, count = 2) {
  const partner = await createPartner('direct-csp');
  const receiver = await startReceiver();
  receivers.push(receiver);
  await asPartner(partner.apiKey, 'PUT', '/v1/webhook', { url: receiver.url, events: ['device_batch.awaiting_approval', 'device_batch.approved', 'device_batch.expired'] });
  const created = await asPartner(partner.apiKey, 'POST', '/v1/device-batches', { tenantId, action: 'register', whenNotAuthorized: 'hold', reference: `PO-${unique()}` });
  const batchId = created.body.batch.id as string;
  await asPartner(partner.apiKey, 'POST', `/v1/device-batches/${batchId}/devices`, { devices: Array.from({ length: count }, () => ({ productKeyId: pkid() })) });
  const submitted = (await asPartner(partner.apiKey, 'POST', `/v1/device-batches/${batchId}/submit`)).body.batch;
  expect(submitted.status).toBe('awaiting_approval');
  return { partner, receiver, batchId, submittedAt: submitted.submittedAt as string };
}

const batchOf = async (apiKey: string, batchId: string) => (await asPartner(apiKey, 'GET', `/v1/device-batches/${batchId}`)).body.batch;

describe('held batches and the scheduled check (S5)', () => {
  it('S5, R27: a held batch nobody decided on is expired by the check run as of 31 days later (not at 29), the partner told, audited as the system; then it cannot be approved (409)', async () => {
    const tenant = await createTenant();
    const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
    const { partner, receiver, batchId, submittedAt } = await heldBatchOf(tenant.id);
    await waitForMail(admin.email);

    await runCheck(at(submittedAt, 29));
    expect((await batchOf(partner.apiKey, batchId)).status).toBe('awaiting_approval');

    const run = await runCheck(at(submittedAt, 31));
    expect(run.heldBatchesExpired).toBeGreaterThanOrEqual(1);
    expect(await batchOf(partner.apiKey, batchId)).toMatchObject({ status: 'expired', finishedAt: expect.any(String), approval: { status: 'expired', decidedAt: expect.any(String) } });
    const [expired] = await receiver.waitFor(1, 'device_batch.expired');
    expect(JSON.parse(expired.body).data).toMatchObject({ batchId, tenantId: tenant.id, partnerId: partner.partner.id, actor: { type: 'system', id: 'consent-status-check' } });
    const audit = (await ops('GET', `/ops/audit?tenantId=${tenant.id}`)).body.items as { action: string; actor: { type: string } }[];
    expect(audit.find((e) => e.action === 'device_batch.expired')).toMatchObject({ actor: { type: 'system' } });

    // Expired: the page says so, and approving is a 409; nothing is authorized or registered.
    const client = await signIn(admin.email);
    const page = await client.get(`/portal/batches/${batchId}`);
    expect(page.html).toContain('Expired');
    expect(page.html).not.toContain('held-batch-form');
    const approve = await client.post(`/portal/batches/${batchId}`, { csrf: csrfOf(page.html), action: 'approve', confirm: 'yes' });
    expect(approve.status).toBe(409);
    expect(approve.html).toContain('expired');
    expect((await asPartner(partner.apiKey, 'GET', `/v1/customers/${tenant.id}`)).status).toBe(404);
    // A later run finds nothing more to do for it (it left the due index).
    await runCheck(at(submittedAt, 32));
    expect(receiver.events('device_batch.expired')).toHaveLength(1);
  });

  it('S5, R27: approvals racing the expiry: for each batch exactly one wins (approved and worked, or expired and the approval refused 409)', async () => {
    const tenant = await createTenant();
    const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
    const held = [];
    for (let i = 0; i < 4; i++) held.push(await heldBatchOf(tenant.id, 1));
    await waitForMail(admin.email, 4);
    const client = await signIn(admin.email);
    const pages = await Promise.all(held.map((h) => client.get(`/portal/batches/${h.batchId}`)));
    const latest = held.map((h) => h.submittedAt).sort().at(-1)!;
    // Every approval and the check as of 31 days later, at once.
    const [run, ...answers] = await Promise.all([
      runCheck(at(latest, 31)),
      ...held.map((h, i) => client.post(`/portal/batches/${h.batchId}`, { csrf: csrfOf(pages[i].html), action: 'approve', confirm: 'yes' })),
    ]);
    let expired = 0;
    for (const [i, h] of held.entries()) {
      const batch = await batchOf(h.partner.apiKey, h.batchId);
      if (answers[i].status === 200) {
        expect(batch.approval.status).toBe('approved');
        expect(batch.status).not.toBe('expired');
        expect((await asPartner(h.partner.apiKey, 'GET', `/v1/customers/${tenant.id}`)).body.customer.relationship.status).toBe('active');
      } else {
        expect(answers[i].status).toBe(409);
        expect(batch).toMatchObject({ status: 'expired', approval: { status: 'expired' } });
        // The losing approval granted nothing: its acceptance was in the same transaction.
        expect((await asPartner(h.partner.apiKey, 'GET', `/v1/customers/${tenant.id}`)).status).toBe(404);
        expired++;
      }
    }
    expect((run as { heldBatchesExpired: number }).heldBatchesExpired).toBeGreaterThanOrEqual(expired);
  });
});
