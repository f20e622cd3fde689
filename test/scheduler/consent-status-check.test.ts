import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Webhook } from 'standardwebhooks';
import { afterAll, describe, expect, it } from 'vitest';
import { db, tableName } from '#shared/table/client.ts';
import { asPartner, createPartner, createTenant, createUser, ops, problem, unique } from '../support/api.ts';
import { csrfOf, mailTo, outboxSettled, signIn, waitForMail } from '../support/pages.ts';
import { startReceiver } from '../support/webhook-receiver.ts';

const DAY = 24 * 3600 * 1000;
const at = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY).toISOString();
const runCheck = async (now: string) => {
  const res = await ops('POST', '/ops/jobs/consent-status-check', { now });
  expect(res.status).toBe(200);
  return res.body;
};

const receivers: Awaited<ReturnType<typeof startReceiver>>[] = [];
afterAll(async () => Promise.all(receivers.map((r) => r.close())));

/** A partner with a webhook endpoint on loopback, subscribed to every event. */
async function partnerWithWebhook(kind: 'direct-csp' | 'indirect-reseller' = 'direct-csp', failFirst = 0) {
  const receiver = await startReceiver({ failFirst });
  receivers.push(receiver);
  const partner = await createPartner(kind, kind === 'indirect-reseller' ? { providerId: (await createPartner('indirect-provider')).partner.id } : {});
  const hook = await asPartner(partner.apiKey, 'PUT', '/v1/webhook', {
    url: receiver.url,
    events: ['consent.accepted', 'consent.declined', 'consent.expired', 'relationship.terminated', 'relationship.revoked', 'delegated_admin.removed', 'delegated_admin.expiring', 'delegated_admin.expired'],
  });
  expect(hook.status).toBe(200);
  expect(hook.body.secret).toMatch(/^whsec_/);
  return { ...partner, receiver, secret: hook.body.secret as string };
}

async function adminOfNewTenant() {
  const tenant = await createTenant();
  return { tenant, admin: await createUser(tenant.id, `admin@${tenant.initialDomain}`) };
}

async function accept(adminEmail: string, requestId: string) {
  const client = await signIn(adminEmail);
  const page = await client.get(`/consent/${requestId}`);
  const res = await client.post(`/consent/${requestId}`, { csrf: csrfOf(page.html), confirm: 'yes', action: 'accept' });
  expect(res.html).toContain('Authorization is complete');
  return client;
}

describe('webhooks', () => {
  it('PUT /v1/webhook: loopback only when running locally, known events only; the secret is never shown again', async () => {
    const partner = await createPartner('direct-csp');
    expect(problem(await asPartner(partner.apiKey, 'GET', '/v1/webhook'))).toMatchObject({ status: 404 });
    for (const url of ['https://partner.example/hooks', 'http://10.0.0.1/hooks', 'not a url']) {
      const res = await asPartner(partner.apiKey, 'PUT', '/v1/webhook', { url, events: ['consent.accepted'] });
      expect(problem(res)).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(res.body.errors[0].path).toBe('url');
    }
    expect(problem(await asPartner(partner.apiKey, 'PUT', '/v1/webhook', { url: 'http://127.0.0.1:1/h', events: ['device.stolen'] }))).toMatchObject({ status: 400 });
    const ok = await asPartner(partner.apiKey, 'PUT', '/v1/webhook', { url: 'http://127.0.0.1:1/h', events: ['consent.accepted'] });
    expect(ok.status).toBe(200);
    const read = await asPartner(partner.apiKey, 'GET', '/v1/webhook');
    expect(read.body).toEqual({ url: 'http://127.0.0.1:1/h', events: ['consent.accepted'], updatedAt: expect.any(String) });
    // A second PUT keeps the secret and does not show it again (a new one: POST /v1/webhook/secret-rotations).
    expect(ok.body.secret).toMatch(/^whsec_/);
    const again = await asPartner(partner.apiKey, 'PUT', '/v1/webhook', { url: 'http://127.0.0.1:1/h', events: ['consent.accepted'] });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ url: 'http://127.0.0.1:1/h', events: ['consent.accepted'] });
  });

  it('consent.accepted reaches the partner signed per Standard Webhooks, verified with the library a partner would use', async () => {
    const partner = await partnerWithWebhook();
    const { tenant, admin } = await adminOfNewTenant();
    const { body } = await asPartner(partner.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: admin.email });
    await accept(admin.email, body.consentRequest.id);
    await outboxSettled();
    const [delivery] = partner.receiver.events('consent.accepted');
    expect(delivery).toBeDefined();
    const payload = new Webhook(partner.secret).verify(delivery.body, delivery.headers) as { type: string; data: Record<string, unknown> };
    expect(payload).toMatchObject({ type: 'consent.accepted', data: { tenantId: tenant.id, partnerId: partner.partner.id, requestId: body.consentRequest.id, actor: { type: 'user' } } });
    expect(delivery.headers['webhook-id']).toMatch(/^msg_/);
    // A tampered body or another partner's secret does not verify.
    expect(() => new Webhook(partner.secret).verify(delivery.body.replace(tenant.id, 't_other'), delivery.headers)).toThrow();
    const other = await partnerWithWebhook();
    expect(() => new Webhook(other.secret).verify(delivery.body, delivery.headers)).toThrow();
    const deliveries = await asPartner(partner.apiKey, 'GET', '/v1/webhook/deliveries');
    expect(deliveries.body.items[0]).toMatchObject({ type: 'consent.accepted', status: 'delivered', attempts: 1 });
    // R19: deliveries are the partner's own.
    expect((await asPartner(other.apiKey, 'GET', '/v1/webhook/deliveries')).body.items).toEqual([]);
  });

  it("R7, R11: the provider hears of its reseller's consent and of its end; declined and roles removed are sent too", async () => {
    const provider = await partnerWithWebhook();
    const receiver = await startReceiver();
    receivers.push(receiver);
    const provider2 = await createPartner('indirect-provider');
    const providerHook = await asPartner(provider2.apiKey, 'PUT', '/v1/webhook', { url: receiver.url, events: ['consent.accepted', 'relationship.terminated', 'delegated_admin.removed'] });
    const reseller = await createPartner('indirect-reseller', { providerId: provider2.partner.id });
    const resellerReceiver = await startReceiver();
    receivers.push(resellerReceiver);
    await asPartner(reseller.apiKey, 'PUT', '/v1/webhook', { url: resellerReceiver.url, events: ['consent.accepted', 'consent.declined', 'relationship.terminated', 'delegated_admin.removed'] });
    const { tenant, admin } = await adminOfNewTenant();
    const first = await asPartner(reseller.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: admin.email, delegatedAdmin: { roles: ['GlobalReader'], durationDays: 90 } });
    const client = await accept(admin.email, first.body.consentRequest.id);
    const portal = await client.get('/portal');
    await client.post(`/portal/relationships/${reseller.partner.id}/remove-roles`, { csrf: csrfOf(portal.html), confirm: 'remove-roles' });
    await client.post(`/portal/relationships/${reseller.partner.id}/terminate`, { csrf: csrfOf(portal.html), confirm: 'terminate' });
    const second = await asPartner(reseller.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: admin.email });
    const page = await client.get(`/consent/${second.body.consentRequest.id}`);
    await client.post(`/consent/${second.body.consentRequest.id}`, { csrf: csrfOf(page.html), action: 'decline' });
    await outboxSettled();
    expect(resellerReceiver.events().map((r) => JSON.parse(r.body).type)).toEqual(['consent.accepted', 'delegated_admin.removed', 'relationship.terminated', 'consent.declined']);
    // The provider is told of the consent and of its end through the reseller, not of the reseller's roles.
    const toProvider = receiver.events().map((r) => new Webhook(providerHook.body.secret).verify(r.body, r.headers) as { type: string; data: { tenantId: string; via: unknown } });
    expect(toProvider.map((p) => [p.type, p.data.tenantId, p.data.via])).toEqual([
      ['consent.accepted', tenant.id, { resellerId: reseller.partner.id }],
      ['relationship.terminated', tenant.id, { resellerId: reseller.partner.id }],
    ]);
    // A partner without a webhook is simply not called.
    expect(provider.receiver.received).toHaveLength(0);
  });

  it('S4: a receiver that fails the first deliveries gets each event at least once, retried with back-off by the check', async () => {
    const partner = await partnerWithWebhook('direct-csp', 2);
    const { admin } = await adminOfNewTenant();
    const { body } = await asPartner(partner.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: admin.email });
    await accept(admin.email, body.consentRequest.id);
    await outboxSettled();
    let delivery = (await asPartner(partner.apiKey, 'GET', '/v1/webhook/deliveries')).body.items[0];
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500, nextAttemptAt: expect.any(String) });
    // Not yet due: nothing is sent.
    await runCheck(new Date(Date.parse(delivery.nextAttemptAt) - 1000).toISOString());
    expect(partner.receiver.received).toHaveLength(1);
    await runCheck(delivery.nextAttemptAt);
    delivery = (await asPartner(partner.apiKey, 'GET', '/v1/webhook/deliveries')).body.items[0];
    expect(delivery).toMatchObject({ status: 'pending', attempts: 2 });
    await runCheck(delivery.nextAttemptAt);
    delivery = (await asPartner(partner.apiKey, 'GET', '/v1/webhook/deliveries')).body.items[0];
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 3 });
    expect(new Set(partner.receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    // Delivered: later runs send nothing more.
    await runCheck(at(delivery.lastAttemptAt, 2));
    expect(partner.receiver.received).toHaveLength(3);
  });

  it('S4: after the last attempt a delivery is marked failed, visibly in the API', async () => {
    const partner = await partnerWithWebhook();
    partner.receiver.state.failing = true;
    const { admin } = await adminOfNewTenant();
    const { body } = await asPartner(partner.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: admin.email });
    await accept(admin.email, body.consentRequest.id);
    await outboxSettled();
    for (let i = 0; i < 10; i++) {
      const delivery = (await asPartner(partner.apiKey, 'GET', '/v1/webhook/deliveries')).body.items[0];
      if (delivery.status !== 'pending') break;
      await runCheck(delivery.nextAttemptAt);
    }
    const delivery = (await asPartner(partner.apiKey, 'GET', '/v1/webhook/deliveries')).body.items[0];
    expect(delivery).toMatchObject({ status: 'failed', attempts: 8, lastStatusCode: 500 });
    expect(delivery.nextAttemptAt).toBeUndefined();
  });
});

describe('S1: expiry', () => {
  it('a pending request past its expiry becomes expired, cannot be accepted, and the partner is told once', async () => {
    const partner = await partnerWithWebhook();
    const { admin } = await adminOfNewTenant();
    const { body } = await asPartner(partner.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: admin.email });
    const request = body.consentRequest;
    await runCheck(at(request.expiresAt, -0.01));
    expect((await asPartner(partner.apiKey, 'GET', `/v1/consent-requests/${request.id}`)).body.consentRequest.status).toBe('pending');
    const [a, b] = await Promise.all([runCheck(request.expiresAt), runCheck(request.expiresAt)]);
    expect(a.expired + b.expired).toBeGreaterThanOrEqual(1);
    await runCheck(at(request.expiresAt, 1));
    await outboxSettled();
    const stored = await db().send(new GetCommand({ TableName: tableName(), Key: { pk: `REQUEST#${request.id}`, sk: 'REQUEST' } }));
    expect(stored.Item).toMatchObject({ status: 'expired', expiredAt: request.expiresAt });
    expect(stored.Item?.dueKind).toBeUndefined();
    expect(partner.receiver.events('consent.expired')).toHaveLength(1);
    expect(JSON.parse(partner.receiver.events('consent.expired')[0].body).data).toMatchObject({ requestId: request.id });
    const client = await signIn(admin.email);
    expect((await client.get(`/consent/${request.id}`)).html).toContain('This request has expired');
    const audit = await ops('GET', `/ops/audit?partnerId=${partner.partner.id}`);
    expect(audit.body.items.filter((e: { action: string }) => e.action === 'consent.expired')).toHaveLength(1);
  });
});

describe('S2: reminder', () => {
  it('S2: one reminder email to the recipient 3 days before expiry, never two, even with two runs at once', async () => {
    const partner = await createPartner('direct-csp');
    const recipient = `${unique('r')}@example.com`;
    const { body } = await asPartner(partner.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: recipient });
    const request = body.consentRequest;
    await waitForMail(recipient);
    await runCheck(at(request.expiresAt, -3.5));
    await outboxSettled();
    expect(await mailTo(recipient)).toHaveLength(1);
    await Promise.all([runCheck(at(request.expiresAt, -2.9)), runCheck(at(request.expiresAt, -2.9))]);
    await runCheck(at(request.expiresAt, -1));
    await outboxSettled();
    const mails = await mailTo(recipient);
    expect(mails).toHaveLength(2);
    expect(mails[1].subject).toMatch(/^Reminder: /);
    const seen = (await asPartner(partner.apiKey, 'GET', `/v1/consent-requests/${request.id}`)).body.consentRequest;
    expect(seen.reminder).toMatchObject({ status: 'sent', attempts: 1 });
    // The reminder's link signs the recipient in like the first.
    expect(mails[1].body.text).toMatch(/\/consent\/[A-Za-z0-9_-]{43}/);
  });
});

describe('S3: delegated admin roles', () => {
  it('warned 30 and 7 days before, once each, then expired; an expired role grants nothing (R13)', async () => {
    const partner = await partnerWithWebhook();
    const { tenant, admin } = await adminOfNewTenant();
    const { body } = await asPartner(partner.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: admin.email, delegatedAdmin: { roles: ['IntuneAdministrator'], durationDays: 60 } });
    await accept(admin.email, body.consentRequest.id);
    const customer = (await asPartner(partner.apiKey, 'GET', `/v1/customers/${tenant.id}`)).body.customer;
    const expiresAt = customer.relationship.delegatedAdmin.expiresAt as string;

    await runCheck(at(expiresAt, -31));
    await outboxSettled();
    expect(partner.receiver.events('delegated_admin.expiring')).toHaveLength(0);
    await runCheck(at(expiresAt, -29));
    await runCheck(at(expiresAt, -28));
    await outboxSettled();
    // Sent a day late: it says the whole days truly left, not 30.
    expect(partner.receiver.events('delegated_admin.expiring').map((r) => JSON.parse(r.body).data.daysLeft)).toEqual([29]);
    await Promise.all([runCheck(at(expiresAt, -6)), runCheck(at(expiresAt, -6))]);
    await outboxSettled();
    expect(partner.receiver.events('delegated_admin.expiring').map((r) => JSON.parse(r.body).data.daysLeft)).toEqual([29, 6]);
    await runCheck(expiresAt);
    await runCheck(at(expiresAt, 1));
    await outboxSettled();
    expect(partner.receiver.events('delegated_admin.expired')).toHaveLength(1);
    const stored = await db().send(new GetCommand({ TableName: tableName(), Key: { pk: `PARTNER#${partner.partner.id}`, sk: `REL#${tenant.id}` } }));
    expect(stored.Item?.delegatedAdmin.expiredAt).toBe(expiresAt);
    expect(stored.Item?.status).toBe('active');
  });

  it('R13: roles past their end grant nothing on read, whether or not the check has run', async () => {
    const partner = await createPartner('direct-csp');
    const { tenant, admin } = await adminOfNewTenant();
    const { body } = await asPartner(partner.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: admin.email, delegatedAdmin: { roles: ['GlobalReader'], durationDays: 5 } });
    await accept(admin.email, body.consentRequest.id);
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: `PARTNER#${partner.partner.id}`, sk: `REL#${tenant.id}` },
        UpdateExpression: 'SET delegatedAdmin.expiresAt = :past',
        ExpressionAttributeValues: { ':past': new Date(Date.now() - 1000).toISOString() },
      }),
    );
    const customer = (await asPartner(partner.apiKey, 'GET', `/v1/customers/${tenant.id}`)).body.customer;
    expect(customer.relationship.delegatedAdmin.status).toBe('expired');
    const client = await signIn(admin.email);
    const portal = await client.get('/portal');
    expect(portal.html).not.toContain('Remove admin roles');
  });

  it('S3, S7: a grant shorter than 30 days gets no 30-day warning, only the later ones', async () => {
    const partner = await partnerWithWebhook();
    const { tenant, admin } = await adminOfNewTenant();
    const { body } = await asPartner(partner.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: admin.email, delegatedAdmin: { roles: ['GlobalReader'], durationDays: 10 } });
    await accept(admin.email, body.consentRequest.id);
    const expiresAt = (await asPartner(partner.apiKey, 'GET', `/v1/customers/${tenant.id}`)).body.customer.relationship.delegatedAdmin.expiresAt;
    await runCheck(at(expiresAt, -5));
    await outboxSettled();
    expect(partner.receiver.events('delegated_admin.expiring').map((r) => JSON.parse(r.body).data.daysLeft)).toEqual([5]);
  });
});

describe('the check itself', () => {
  it('`now` is accepted only when running locally', async () => {
    const { handler } = await import('../../functions/ops-api/handler.ts');
    const previous = process.env.DEPLOYMENT;
    process.env.DEPLOYMENT = '';
    try {
      const res = (await handler(
        {
          version: '2.0',
          routeKey: 'POST /ops/jobs/consent-status-check',
          rawPath: '/ops/jobs/consent-status-check',
          rawQueryString: '',
          headers: { 'content-type': 'application/json' },
          requestContext: { http: { method: 'POST', path: '/ops/jobs/consent-status-check', sourceIp: '127.0.0.1' }, authorizer: { lambda: { principal: 'operator' } } } as never,
          body: JSON.stringify({ now: '2030-01-01T00:00:00.000Z' }),
          isBase64Encoded: false,
        },
        {} as never,
      )) as { statusCode: number; body: string };
      expect(res.statusCode).toBe(400);
      expect(JSON.parse(res.body).errors[0]).toEqual({ path: 'now', message: 'is accepted only when running locally' });
    } finally {
      process.env.DEPLOYMENT = previous;
    }
    expect(problem(await ops('POST', '/ops/jobs/consent-status-check', { now: 'yesterday' }))).toMatchObject({ status: 400, code: 'validation_failed' });
  });

  it('answers its counts, and a run with nothing due reads nothing', async () => {
    const first = await runCheck(new Date().toISOString());
    expect(first).toMatchObject({ expired: expect.any(Number), reminded: expect.any(Number), rolesExpired: expect.any(Number), retried: expect.any(Number), itemsRead: expect.any(Number) });
    const second = await runCheck(new Date().toISOString());
    expect(second.itemsRead).toBe(0);
  });
});


