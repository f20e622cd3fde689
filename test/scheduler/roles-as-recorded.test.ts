import { afterAll, describe, expect, it } from 'vitest';
import { asPartner, createPartner, createTenant, createUser, ops } from '../support/api.ts';
import { csrfOf, outboxSettled, signIn } from '../support/pages.ts';
import { startReceiver } from '../support/webhook-receiver.ts';

/**
 * Issue 13, finding 7: what the scheduled check recorded (S3) is what every reader sees, and what
 * it tells partners is true.
 */
const DAY = 24 * 3600 * 1000;
const at = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY).toISOString();
const runCheck = async (now: string) => expect((await ops('POST', '/ops/jobs/consent-status-check', { now })).status).toBe(200);

const receivers: Awaited<ReturnType<typeof startReceiver>>[] = [];
afterAll(async () => Promise.all(receivers.map((r) => r.close())));

async function grantedRoles(durationDays: number) {
  const receiver = await startReceiver();
  receivers.push(receiver);
  const partner = await createPartner('direct-csp');
  await asPartner(partner.apiKey, 'PUT', '/v1/webhook', { url: receiver.url, events: ['delegated_admin.expiring', 'delegated_admin.expired'] });
  const tenant = await createTenant();
  const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
  const { body } = await asPartner(partner.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: admin.email, delegatedAdmin: { roles: ['GlobalReader'], durationDays } });
  const client = await signIn(admin.email);
  const page = await client.get(`/consent/${body.consentRequest.id}`);
  expect((await client.post(`/consent/${body.consentRequest.id}`, { csrf: csrfOf(page.html), confirm: 'yes', action: 'accept' })).html).toContain('Authorization is complete');
  const customer = async () => (await asPartner(partner.apiKey, 'GET', `/v1/customers/${tenant.id}`)).body.customer;
  return { partner, tenant, receiver, customer, expiresAt: (await customer()).relationship.delegatedAdmin.expiresAt as string };
}

describe('S3 and R13: the check\'s record wins', () => {
  it('R13, S3: roles the check expired read as expired with the wall clock, and the webhook names the system as actor', async () => {
    const { customer, expiresAt, receiver } = await grantedRoles(10);
    expect((await customer()).relationship.delegatedAdmin.status).toBe('expiring');
    // The check runs as of a time past the end (locally `now` may be chosen); the wall clock is still before it.
    await runCheck(at(expiresAt, 1));
    await outboxSettled();
    expect(receiver.events('delegated_admin.expired')).toHaveLength(1);
    expect(JSON.parse(receiver.events('delegated_admin.expired')[0].body).data.actor).toEqual({ type: 'system', id: 'consent-status-check' });
    expect(Date.now()).toBeLessThan(Date.parse(expiresAt));
    expect((await customer()).relationship.delegatedAdmin.status).toBe('expired');
  });

  it('S3: a 30-day warning sent late says the whole days truly left (8), not 30', async () => {
    const { expiresAt, receiver } = await grantedRoles(60);
    await runCheck(at(expiresAt, -8));
    await outboxSettled();
    const warnings = receiver.events('delegated_admin.expiring').map((r) => JSON.parse(r.body).data);
    // The 30-day warning is moot by then: one warning, the 7-day one is not yet due, and it tells the truth.
    expect(warnings.map((w) => w.daysLeft)).toEqual([8]);
    expect(warnings[0].actor).toEqual({ type: 'system', id: 'consent-status-check' });
  });
});
