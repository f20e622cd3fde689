import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Webhook } from 'svix';
import { afterAll, describe, expect, it } from 'vitest';
import { queryAudit } from '#shared/table/audit.ts';
import { db, tableName } from '#shared/table/client.ts';
import { webhookConfigKeys } from '#shared/table/keys.ts';
import { asPartner, call, createPartner, createTenant, problem, unique } from '../support/api.ts';
import { startReceiver, type Received } from '../support/webhook-receiver.ts';

/*
 * Issue 20 item 5: the webhook secret is kept across PUTs, and rotates with a 24-hour overlap during
 * which every delivery carries both signatures. Deliveries are real (the stream consumer of the local
 * stack, to a receiver on loopback) and verified with svix, the library a partner would use.
 */

const HOUR = 3600 * 1000;
const receivers: Awaited<ReturnType<typeof startReceiver>>[] = [];
afterAll(async () => Promise.all(receivers.map((r) => r.close())));

/** A partner with a webhook for `device_batch.finished`, and a receiver on loopback. */
async function partnerWithWebhook() {
  const receiver = await startReceiver();
  receivers.push(receiver);
  const partner = await createPartner('direct-csp');
  const put = await asPartner(partner.apiKey, 'PUT', '/v1/webhook', { url: receiver.url, events: ['device_batch.finished'] });
  expect(put.status).toBe(200);
  expect(put.body.secret).toMatch(/^whsec_/);
  const tenant = await createTenant();
  /** One delivery, caused now: a one-device batch for a tenant that never consented finishes (with errors) and is told by webhook. */
  const delivery = async (): Promise<Received> => {
    const before = receiver.received.length;
    const created = await asPartner(partner.apiKey, 'POST', '/v1/device-batches', { tenantId: tenant.id, action: 'register' });
    const batchId = created.body.batch.id as string;
    expect((await asPartner(partner.apiKey, 'POST', `/v1/device-batches/${batchId}/devices`, { devices: [{ productKeyId: '9000000000001' }] })).status).toBe(200);
    expect((await asPartner(partner.apiKey, 'POST', `/v1/device-batches/${batchId}/submit`)).status).toBe(202);
    const all = await receiver.waitFor(before + 1, 'device_batch.finished');
    const mine = all.find((r) => (JSON.parse(r.body) as { data: { batchId: string } }).data.batchId === batchId);
    expect(mine).toBeDefined();
    return mine!;
  };
  return { ...partner, receiver, tenant, secret: put.body.secret as string, delivery };
}

const rotate = (apiKey: string, headers: Record<string, string> = {}) => call('POST', '/v1/webhook/secret-rotations', { token: apiKey, headers });
const verifies = (secret: string, delivery: Received) => {
  try {
    new Webhook(secret).verify(delivery.body, delivery.headers);
    return true;
  } catch {
    return false;
  }
};
const signatures = (delivery: Received) => delivery.headers['webhook-signature'].split(' ');
const storedConfig = async (partnerId: string) => (await db().send(new GetCommand({ TableName: tableName(), Key: webhookConfigKeys.key(partnerId), ConsistentRead: true }))).Item!;
const rotationsAudited = async (partnerId: string) => (await queryAudit({ partnerId }, { limit: 100, scope: 'test' })).items.filter((e) => e.action === 'webhook.secret_rotated');

describe('webhook secrets: kept across PUTs, rotated with a 24-hour overlap (issue 20)', () => {
  it('PUT /v1/webhook keeps the secret: only the first PUT shows it; a later PUT (other events, same receiver) shows none, and deliveries still verify with the first secret', async () => {
    const p = await partnerWithWebhook();
    const again = await asPartner(p.apiKey, 'PUT', '/v1/webhook', { url: p.receiver.url, events: ['device_batch.finished', 'consent.accepted'] });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ url: p.receiver.url, events: ['device_batch.finished', 'consent.accepted'] });
    const delivery = await p.delivery();
    expect(signatures(delivery)).toHaveLength(1);
    expect(verifies(p.secret, delivery)).toBe(true);
  });

  it('R18: a rotation answers 201 with a new secret shown once and when the old one stops; during the overlap a delivery carries both signatures and svix verifies it with the old and with the new secret; the rotation is audited', async () => {
    const p = await partnerWithWebhook();
    const before = Date.now();
    const rotated = await rotate(p.apiKey);
    expect(rotated.status).toBe(201);
    expect(Object.keys(rotated.body).sort()).toEqual(['previousSecretValidUntil', 'secret']);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(p.secret);
    const validUntil = Date.parse(rotated.body.previousSecretValidUntil);
    expect(validUntil).toBeGreaterThanOrEqual(before + 24 * HOUR - 1000);
    expect(validUntil).toBeLessThanOrEqual(Date.now() + 24 * HOUR + 1000);
    // Shown once: neither the webhook nor a later PUT shows a secret.
    expect(JSON.stringify((await asPartner(p.apiKey, 'GET', '/v1/webhook')).body)).not.toContain('whsec_');
    expect((await asPartner(p.apiKey, 'PUT', '/v1/webhook', { url: p.receiver.url, events: ['device_batch.finished'] })).body.secret).toBeUndefined();

    const delivery = await p.delivery();
    expect(signatures(delivery)).toHaveLength(2);
    expect(verifies(rotated.body.secret, delivery)).toBe(true);
    expect(verifies(p.secret, delivery)).toBe(true);
    expect(verifies(`whsec_${Buffer.alloc(32, 7).toString('base64')}`, delivery)).toBe(false);
    expect(verifies(rotated.body.secret, { ...delivery, body: delivery.body.replace('finished', 'finisheD') })).toBe(false);

    // R18: the audit event, written with the change; it names versions, never a secret.
    const [audit] = await rotationsAudited(p.partner.id);
    expect(audit).toMatchObject({ action: 'webhook.secret_rotated', actor: { type: 'partner', id: p.partner.id }, details: { secretVersion: 2, previousSecretVersion: 1, previousSecretValidUntil: rotated.body.previousSecretValidUntil } });
    expect(JSON.stringify(audit)).not.toContain('whsec_');
  });

  it('after the overlap (the rotation written 25 hours in the past in the table) only the new secret signs, and the next PUT drops the old one from the item', async () => {
    const p = await partnerWithWebhook();
    const rotated = await rotate(p.apiKey);
    expect(rotated.status).toBe(201);
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: webhookConfigKeys.key(p.partner.id),
        UpdateExpression: 'SET secretRotatedAt = :past',
        ExpressionAttributeValues: { ':past': new Date(Date.now() - 25 * HOUR).toISOString() },
      }),
    );
    const delivery = await p.delivery();
    expect(signatures(delivery)).toHaveLength(1);
    expect(verifies(rotated.body.secret, delivery)).toBe(true);
    expect(verifies(p.secret, delivery)).toBe(false);

    expect((await storedConfig(p.partner.id)).previousSecretVersion).toBe(1);
    expect((await asPartner(p.apiKey, 'PUT', '/v1/webhook', { url: p.receiver.url, events: ['device_batch.finished'] })).status).toBe(200);
    const stored = await storedConfig(p.partner.id);
    expect(stored).toMatchObject({ secretVersion: 2 });
    expect(stored.previousSecretVersion).toBeUndefined();
    expect(stored.secretRotatedAt).toBeUndefined();
    expect(JSON.stringify(stored)).not.toContain('whsec_');
  });

  it('R20: a rotation retried with the same Idempotency-Key rotates once and answers the same secret again; another key rotates again, and the secret before the last two stops at once', async () => {
    const p = await partnerWithWebhook();
    const key = unique('rot');
    const first = await rotate(p.apiKey, { 'idempotency-key': key });
    const retry = await rotate(p.apiKey, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect((await storedConfig(p.partner.id)).secretVersion).toBe(2);
    expect(await rotationsAudited(p.partner.id)).toHaveLength(1);

    const second = await rotate(p.apiKey, { 'idempotency-key': unique('rot') });
    expect(second.status).toBe(201);
    expect(second.body.secret).not.toBe(first.body.secret);
    const delivery = await p.delivery();
    expect(signatures(delivery)).toHaveLength(2);
    expect(verifies(second.body.secret, delivery)).toBe(true);
    expect(verifies(first.body.secret, delivery)).toBe(true);
    expect(verifies(p.secret, delivery)).toBe(false);
  });

  it('rotations at once: each one that answers 201 made a version of its own (conditional write); the others are 409 conflict', async () => {
    const p = await partnerWithWebhook();
    const answers = await Promise.all(Array.from({ length: 4 }, () => rotate(p.apiKey)));
    const made = answers.filter((a) => a.status === 201);
    expect(made.length).toBeGreaterThanOrEqual(1);
    for (const refused of answers.filter((a) => a.status !== 201)) expect(problem(refused)).toMatchObject({ status: 409, code: 'conflict' });
    expect(new Set(made.map((a) => a.body.secret)).size).toBe(made.length);
    expect((await storedConfig(p.partner.id)).secretVersion).toBe(1 + made.length);
    expect(await rotationsAudited(p.partner.id)).toHaveLength(made.length);
  });

  it('R19: without a key, or with an unknown one, 401; a partner without a webhook 404; another partner\'s rotation changes nothing of this one\'s', async () => {
    const p = await partnerWithWebhook();
    const other = await partnerWithWebhook();
    const before = await storedConfig(p.partner.id);
    expect(problem(await call('POST', '/v1/webhook/secret-rotations'))).toMatchObject({ status: 401, code: 'unauthorized' });
    expect(problem(await rotate('dck_not_a_key'))).toMatchObject({ status: 401, code: 'unauthorized' });
    const without = await createPartner('oem');
    expect(problem(await rotate(without.apiKey))).toMatchObject({ status: 404, code: 'not_found' });
    expect((await rotate(other.apiKey)).status).toBe(201);
    expect(await storedConfig(p.partner.id)).toEqual(before);
    const delivery = await p.delivery();
    expect(signatures(delivery)).toHaveLength(1);
    expect(verifies(p.secret, delivery)).toBe(true);
    expect(verifies(other.secret, delivery)).toBe(false);
  });

  it('bad input: a malformed Idempotency-Key is 400 validation_failed and rotates nothing', async () => {
    const p = await partnerWithWebhook();
    const res = await rotate(p.apiKey, { 'idempotency-key': 'k'.repeat(256) });
    expect(problem(res)).toMatchObject({ status: 400, code: 'validation_failed' });
    expect((await storedConfig(p.partner.id)).secretVersion).toBe(1);
    expect(await rotationsAudited(p.partner.id)).toHaveLength(0);
  });
});
