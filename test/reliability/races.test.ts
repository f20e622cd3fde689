import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPartner, createPartner, createTenant, createUser, unique } from '../support/api.ts';
import { mailTo } from '../support/pages.ts';
import { startReceiver } from '../support/webhook-receiver.ts';
import { recordFigures, type FigureRow } from './support/figures.ts';
import { allItems, auditEvents, sessionFor, startService, webhookItems } from './support/harness.ts';

/**
 * Races: many callers at once on one thing, and exactly one of them wins; the audit and the
 * messages say so exactly once. Accepts and declines of one request, partners registering one
 * device, scheduled checks running over the same due items, and stream consumers (with a check)
 * working the same outbox items.
 */
let service: Awaited<ReturnType<typeof startService>>;
const receivers: Awaited<ReturnType<typeof startReceiver>>[] = [];
const rows: FigureRow[] = [];
const DAY = 24 * 3600 * 1000;
const inDays = (days: number, ms = 0) => new Date(Date.now() + days * DAY + ms).toISOString();

beforeAll(async () => {
  service = await startService();
});

afterAll(async () => {
  await service?.stop();
  await Promise.all(receivers.map((r) => r.close()));
  recordFigures('3-races', rows);
});

/** A tenant with a global admin (and a session of theirs), and a partner its admin accepted through the partner's link. */
async function authorizedPartner() {
  const partner = await createPartner('direct-csp');
  const tenant = await createTenant();
  const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
  const session = await sessionFor(admin.email);
  const link = new URL((await asPartner(partner.apiKey, 'GET', '/v1/consent-link')).body.url).pathname;
  const done = await session.client.post(link, { csrf: session.csrf, confirm: 'yes', action: 'accept' });
  expect(done.html).toContain('Authorization is complete');
  return { partner, tenant, admin };
}

/** Stream records as the table's stream reports inserted items (what the event source mapping hands over). */
const insertRecords = (items: Record<string, unknown>[]): DynamoDBStreamEvent => ({
  Records: items.map((item, i) => ({ eventName: 'INSERT', dynamodb: { SequenceNumber: String(i + 1), NewImage: marshall(item, { removeUndefinedValues: true }) as never } })),
});

describe('races', () => {
  it('R5: 50 concurrent answers (accepts and declines) to one request: exactly one wins, one relationship, one audit event, one webhook', async () => {
    const partner = await createPartner('direct-csp');
    const tenant = await createTenant();
    const admins = await Promise.all([1, 2, 3].map((i) => createUser(tenant.id, `admin${i}@${tenant.initialDomain}`)));
    const sessions = await Promise.all(admins.map((a) => sessionFor(a.email)));
    const { body } = await asPartner(partner.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: admins[0].email, tenantDomain: tenant.initialDomain });
    const id = body.consentRequest.id as string;
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const s = sessions[i % sessions.length];
        return s.client.post(`/consent/${id}`, { csrf: s.csrf, confirm: 'yes', action: i % 2 === 0 ? 'accept' : 'decline' });
      }),
    );
    const statuses = answers.map((a) => a.status);
    const winners = answers.filter((a) => a.status === 200);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(winners).toHaveLength(1);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 409)).toBe(true);
    const accepted = winners[0].html.includes('Authorization is complete');
    const request = (await asPartner(partner.apiKey, 'GET', `/v1/consent-requests/${id}`)).body.consentRequest;
    expect(request.status).toBe(accepted ? 'accepted' : 'declined');
    expect((await asPartner(partner.apiKey, 'GET', `/v1/customers/${tenant.id}`)).status).toBe(accepted ? 200 : 404);
    const audit = (await auditEvents()).filter((e) => e.subject === id && e.action !== 'consent.requested');
    expect(audit.map((e) => e.action)).toEqual([accepted ? 'consent.accepted' : 'consent.declined']);
    const hooks = (await webhookItems(partner.partner.id)).filter((w) => w.payload.data.requestId === id);
    expect(hooks.map((w) => w.payload.type)).toEqual([accepted ? 'consent.accepted' : 'consent.declined']);
    rows.push({ category: 'races: 50 concurrent accepts and declines of one request', cases: 50, fiveXx: 0, leaks: 0, outcome: `1 winner (${accepted ? 'accept' : 'decline'}), 49 x 409; 1 audit event, 1 webhook` });
  });

  it('R16: 20 partners register one device at once, each for its own customer: exactly one registers it', async () => {
    const parties = await Promise.all(Array.from({ length: 20 }, () => authorizedPartner()));
    const device = { manufacturer: 'Contoso', model: 'Race 20', serialNumber: `SN-${unique()}` };
    const answers = await Promise.all(parties.map((p) => asPartner(p.partner.apiKey, 'POST', '/v1/devices', { tenantId: p.tenant.id, devices: [device] })));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    const results = answers.map((a) => a.body.results[0]);
    const registered = results.filter((r) => r.status === 'registered');
    expect(registered).toHaveLength(1);
    expect(results.filter((r) => r.status !== 'registered').every((r) => r.errors[0].code === 'device_assigned_to_other_tenant')).toBe(true);
    const items = await allItems();
    expect(items.filter((i) => i.type === 'device' && i.serialNumber === device.serialNumber)).toHaveLength(1);
    const audit = (await auditEvents()).filter((e) => e.action === 'device.registered' && (e.details?.deviceIds as string[] | undefined)?.includes(registered[0].deviceId));
    expect(audit).toHaveLength(1);
    rows.push({ category: 'races: 20 partners register one device', cases: 20, fiveXx: 0, leaks: 0, outcome: '1 registered, 19 device_assigned_to_other_tenant; 1 device, 1 audit event' });
  });

  it('rate limits under a burst: 61 requests of one partner at once create exactly 60; 8 partners at once to one recipient create exactly 5', async () => {
    const intoMinute = Date.now() % 60_000;
    // One fixed window for the burst, so the limit is exact (a sliding window straddling two is an estimate).
    if (intoMinute > 48_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 50));
    const partner = await createPartner('direct-csp');
    const burst = await Promise.all(Array.from({ length: 61 }, () => asPartner(partner.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: `b-${unique()}@race.example` })));
    const statuses = burst.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(60);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    const listed = await asPartner(partner.apiKey, 'GET', '/v1/consent-requests?limit=100');
    expect(listed.body.items).toHaveLength(60);
    const recipient = `one-${unique()}@race.example`;
    const partners = await Promise.all(Array.from({ length: 8 }, () => createPartner('direct-csp')));
    const toOne = await Promise.all(partners.map((p) => asPartner(p.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: recipient })));
    expect(toOne.filter((a) => a.status === 201)).toHaveLength(5);
    expect(toOne.filter((a) => a.status === 429)).toHaveLength(3);
    rows.push({ category: 'races: rate limits under bursts (61 of one partner; 8 partners to one recipient)', cases: 69, fiveXx: 0, leaks: 0, outcome: '60 created + 1 x 429; 5 created + 3 x 429; no 409' });
  });

  it('S1, S4: concurrent scheduled checks and stream consumers: each request expires once, each webhook and email goes out exactly once', async () => {
    const { runConsentStatusCheck } = await import('#shared/workers/consent-status-check.ts');
    const { handleStreamEvent } = await import('#shared/workers/stream-consumer.ts');
    const receiver = await startReceiver();
    receivers.push(receiver);
    const partner = await createPartner('direct-csp');
    expect((await asPartner(partner.apiKey, 'PUT', '/v1/webhook', { url: receiver.url, events: ['consent.expired'] })).status).toBe(200);
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push((await asPartner(partner.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: `r${i}-${unique()}@race.example` })).body.consentRequest.id);

    // Four checks at once, as of after the requests' expiry (S1).
    const past = inDays(91);
    const runs = await Promise.all(Array.from({ length: 4 }, () => runConsentStatusCheck(past, { kinds: ['request'] })));
    expect(runs.every((r) => r.itemsRead >= 0)).toBe(true);
    const audit = (await auditEvents()).filter((e) => e.action === 'consent.expired' && ids.includes(e.subject ?? ''));
    expect(audit).toHaveLength(30);
    expect(new Set(audit.map((e) => e.subject)).size).toBe(30);
    const hooks = (await webhookItems(partner.partner.id)).filter((w) => w.payload.type === 'consent.expired');
    expect(hooks).toHaveLength(30);

    // Three stream consumers handed the same inserted items, and a check at the same time (S4).
    const event = insertRecords(hooks.map((h) => h.item));
    await Promise.all([...Array.from({ length: 3 }, () => handleStreamEvent(event)), runConsentStatusCheck(new Date(Date.parse(past) + 3 * 60_000).toISOString(), { kinds: ['outbox'] })]);
    const deliveries = receiver.events('consent.expired');
    expect(deliveries).toHaveLength(30);
    expect(new Set(deliveries.map((d) => d.headers['webhook-id'])).size).toBe(30);

    // The same for emails: ten fresh requests' consent emails, worked by three consumers and a check.
    const recipients = Array.from({ length: 10 }, (_, i) => `e${i}-${unique()}@race.example`);
    const fresh: string[] = [];
    for (const recipientEmail of recipients) fresh.push((await asPartner(partner.apiKey, 'POST', '/v1/consent-requests', { recipientEmail })).body.consentRequest.id);
    const emailItems = (await allItems()).filter((i) => i.type === 'emailDue' && fresh.includes(String(i.requestId)));
    expect(emailItems).toHaveLength(10);
    const mailEvent = insertRecords(emailItems);
    await Promise.all([...Array.from({ length: 3 }, () => handleStreamEvent(mailEvent)), runConsentStatusCheck(inDays(0, 3 * 60_000), { kinds: ['outbox'] })]);
    const counts = await Promise.all(recipients.map(async (r) => (await mailTo(r)).length));
    expect(counts).toEqual(Array(10).fill(1));
    for (const id of fresh) expect((await asPartner(partner.apiKey, 'GET', `/v1/consent-requests/${id}`)).body.consentRequest.email).toMatchObject({ status: 'sent', attempts: 1 });
    rows.push(
      { category: 'races: 4 concurrent checks over 30 due requests', cases: 120, fiveXx: 0, leaks: 0, outcome: '30 expired once each; 30 audit events, 30 webhooks' },
      { category: 'races: 3 consumers + 1 check over 30 webhooks and 10 emails', cases: 160, fiveXx: 0, leaks: 0, outcome: '30 webhooks delivered once (30 ids), 10 emails sent once' },
    );
  });
});
