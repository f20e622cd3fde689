import { afterAll, describe, expect, it } from 'vitest';
import { asPartner, createPartner, createTenant, createUser, unique } from '../support/api.ts';
import { csrfOf, signIn, waitForMail } from '../support/pages.ts';
import { startReceiver } from '../support/webhook-receiver.ts';

const receivers: Awaited<ReturnType<typeof startReceiver>>[] = [];
afterAll(async () => Promise.all(receivers.map((r) => r.close())));

describe('the outbox, sent by the stream consumer of `npm start`', () => {
  it('R18: the consent email and the consent.accepted webhook leave within seconds of their commit, with nothing running the scheduled check', async () => {
    const receiver = await startReceiver();
    receivers.push(receiver);
    const partner = await createPartner('direct-csp');
    await asPartner(partner.apiKey, 'PUT', '/v1/webhook', { url: receiver.url, events: ['consent.accepted'] });
    const tenant = await createTenant();
    const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
    const recipient = `${unique('r')}@example.com`;

    // The answer does not wait for SES: the email is queued in it, and arrives just after.
    const created = await asPartner(partner.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: recipient });
    expect(created.body.consentRequest.email).toEqual({ status: 'queued', attempts: 0 });
    expect(await waitForMail(recipient)).toHaveLength(1);

    const { body } = await asPartner(partner.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: admin.email });
    const client = await signIn(admin.email);
    const page = await client.get(`/consent/${body.consentRequest.id}`);
    const accepted = await client.post(`/consent/${body.consentRequest.id}`, { csrf: csrfOf(page.html), confirm: 'yes', action: 'accept' });
    expect(accepted.html).toContain('Authorization is complete');
    const [delivery] = await receiver.waitFor(1, 'consent.accepted');
    expect(JSON.parse(delivery.body)).toMatchObject({ type: 'consent.accepted', data: { tenantId: tenant.id, requestId: body.consentRequest.id } });
  });
});
