import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { queryAudit } from '#shared/table/audit.ts';
import { db, tableName } from '#shared/table/client.ts';
import { webhookDeliveryKeys } from '#shared/table/keys.ts';
import { asPartner, call, createPartner, createTenant, problem } from '../support/api.ts';
import { startReceiver } from '../support/webhook-receiver.ts';

/*
 * Issue 27: a partner redelivers a webhook delivery (the portal's redeliver button calls the same
 * use case). Deliveries are real: the local stack's stream consumer posts to a receiver on loopback.
 */

const receivers: Awaited<ReturnType<typeof startReceiver>>[] = [];
afterAll(async () => Promise.all(receivers.map((r) => r.close())));

interface ListedDelivery {
  id: string;
  status: string;
  attempts: number;
  redeliveryOf?: string;
  redeliveredAs?: string;
}

const deliveries = async (apiKey: string): Promise<ListedDelivery[]> => (await asPartner(apiKey, 'GET', '/v1/webhook/deliveries?limit=100')).body.items;

/** Polls the partner's deliveries until `found` answers (a delivery is listed once its attempt is recorded). */
async function waitForDelivery(apiKey: string, found: (d: ListedDelivery) => boolean): Promise<ListedDelivery> {
  const end = Date.now() + 20_000;
  for (;;) {
    const hit = (await deliveries(apiKey)).find(found);
    if (hit) return hit;
    if (Date.now() > end) throw new Error('delivery not listed in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const redeliver = (apiKey: string, deliveryId: string, headers: Record<string, string> = {}) =>
  call('POST', `/v1/webhook/deliveries/${deliveryId}/redeliver`, { token: apiKey, headers });

/** A partner whose one `device_batch.finished` delivery failed for good (S4's last try spent), and its receiver, answering again. */
async function partnerWithFailedDelivery() {
  const receiver = await startReceiver();
  receivers.push(receiver);
  receiver.state.failing = true;
  const partner = await createPartner('direct-csp');
  expect((await asPartner(partner.apiKey, 'PUT', '/v1/webhook', { url: receiver.url, events: ['device_batch.finished'] })).status).toBe(200);
  const tenant = await createTenant();
  const created = await asPartner(partner.apiKey, 'POST', '/v1/device-batches', { tenantId: tenant.id, action: 'register' });
  const batchId = created.body.batch.id as string;
  expect((await asPartner(partner.apiKey, 'POST', `/v1/device-batches/${batchId}/devices`, { devices: [{ productKeyId: '9000000000001' }] })).status).toBe(200);
  expect((await asPartner(partner.apiKey, 'POST', `/v1/device-batches/${batchId}/submit`)).status).toBe(202);
  await receiver.waitFor(1, 'device_batch.finished');
  const first = await waitForDelivery(partner.apiKey, (d) => d.attempts === 1);
  // The first attempt failed (500) and is due again; its retries spent, S4 marks it failed and takes it off the due index.
  await db().send(
    new UpdateCommand({ TableName: tableName(), Key: webhookDeliveryKeys.key(first.id), UpdateExpression: 'SET #status = :failed REMOVE dueKind, dueAt, nextAttemptAt', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':failed': 'failed' } }),
  );
  receiver.state.failing = false;
  return { ...partner, receiver, deliveryId: first.id, firstWebhookId: receiver.received[0].headers['webhook-id'] };
}

describe('webhook redelivery (issue 27, S4)', () => {
  it('S4, R18: a failed delivery is redelivered: 202 with a new pending delivery pointing at it, sent at once with the same webhook-id and payload, listed beside it, audited', async () => {
    const p = await partnerWithFailedDelivery();
    const answer = await redeliver(p.apiKey, p.deliveryId);
    expect(answer.status).toBe(202);
    expect(answer.body.delivery).toMatchObject({ type: 'device_batch.finished', redeliveryOf: p.deliveryId });
    expect(answer.body.delivery.id).not.toBe(p.deliveryId);
    const sent = await p.receiver.waitFor(2, 'device_batch.finished');
    expect(sent[1].headers['webhook-id']).toBe(p.firstWebhookId);
    expect(sent[1].body).toBe(sent[0].body);
    const redelivery = await waitForDelivery(p.apiKey, (d) => d.id === answer.body.delivery.id && d.status === 'delivered');
    expect(redelivery).toMatchObject({ redeliveryOf: p.deliveryId, attempts: 1 });
    expect((await deliveries(p.apiKey)).find((d) => d.id === p.deliveryId)).toMatchObject({ status: 'failed', redeliveredAs: redelivery.id });
    const audited = (await queryAudit({ partnerId: p.partner.id }, { limit: 100, scope: 'test' })).items.filter((e) => e.action === 'webhook.redelivered');
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ subject: p.deliveryId, details: { redeliveryId: redelivery.id } });
  });

  it('R20: redelivering again (a double click, or a retry with the same Idempotency-Key) answers the same redelivery and sends nothing more', async () => {
    const p = await partnerWithFailedDelivery();
    const [a, b] = await Promise.all([redeliver(p.apiKey, p.deliveryId), redeliver(p.apiKey, p.deliveryId)]);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(a.body.delivery.id).toBe(b.body.delivery.id);
    const keyed = await redeliver(p.apiKey, p.deliveryId, { 'idempotency-key': 'redeliver-1' });
    const replay = await redeliver(p.apiKey, p.deliveryId, { 'idempotency-key': 'redeliver-1' });
    expect(keyed.body.delivery.id).toBe(a.body.delivery.id);
    expect(replay.status).toBe(202);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    await waitForDelivery(p.apiKey, (d) => d.id === a.body.delivery.id && d.status === 'delivered');
    expect(p.receiver.received).toHaveLength(2);
    expect((await queryAudit({ partnerId: p.partner.id }, { limit: 100, scope: 'test' })).items.filter((e) => e.action === 'webhook.redelivered')).toHaveLength(1);
  });

  it('S4: a delivery that is delivered may be sent again (its redelivery may be redelivered in turn); a pending one is 409, nothing sent', async () => {
    const p = await partnerWithFailedDelivery();
    const first = (await redeliver(p.apiKey, p.deliveryId)).body.delivery.id as string;
    await waitForDelivery(p.apiKey, (d) => d.id === first && d.status === 'delivered');
    const again = await redeliver(p.apiKey, first);
    expect(again.status).toBe(202);
    expect(again.body.delivery.redeliveryOf).toBe(first);
    await p.receiver.waitFor(3);
    p.receiver.state.failing = true;
    const pendingOne = (await redeliver(p.apiKey, again.body.delivery.id)).body.delivery.id as string;
    await waitForDelivery(p.apiKey, (d) => d.id === pendingOne && d.attempts === 1 && d.status === 'pending');
    const refused = await redeliver(p.apiKey, pendingOne);
    expect(refused.status).toBe(409);
    expect(problem(refused).code).toBe('conflict');
  });

  it('S4: an event the webhook no longer takes is 409, nothing changed', async () => {
    const p = await partnerWithFailedDelivery();
    expect((await asPartner(p.apiKey, 'PUT', '/v1/webhook', { url: p.receiver.url, events: ['consent.accepted'] })).status).toBe(200);
    const refused = await redeliver(p.apiKey, p.deliveryId);
    expect(refused.status).toBe(409);
    expect(problem(refused).code).toBe('conflict');
    expect(refused.body.detail).toContain('device_batch.finished');
    expect((await deliveries(p.apiKey)).find((d) => d.id === p.deliveryId)?.redeliveredAs).toBeUndefined();
  });

  it("R19: another partner's delivery, or an unknown one, is 404 and nothing is sent", async () => {
    const p = await partnerWithFailedDelivery();
    const other = await createPartner('direct-csp');
    expect((await asPartner(other.apiKey, 'PUT', '/v1/webhook', { url: p.receiver.url, events: ['device_batch.finished'] })).status).toBe(200);
    const foreign = await redeliver(other.apiKey, p.deliveryId);
    expect(foreign.status).toBe(404);
    expect(problem(foreign).code).toBe('not_found');
    expect((await redeliver(p.apiKey, 'msg_000000000000000000000000')).status).toBe(404);
    expect((await deliveries(p.apiKey)).find((d) => d.id === p.deliveryId)?.redeliveredAs).toBeUndefined();
    expect(p.receiver.received).toHaveLength(1);
  });
});
