import { afterAll, describe, expect, it } from 'vitest';
import { asPartner, call, createPartner, createTenant, createUser, stack, unique } from '../support/api.ts';
import { acceptThroughLink, mailTo, outboxSettled, signIn, waitForMail } from '../support/pages.ts';
import { partnerOfKind, signInPartnerPerson, type PartnerRole } from '../support/partner-portal.ts';
import { startReceiver } from '../support/webhook-receiver.ts';

/**
 * R32 (issue 27 item 2): the partner portal's dashboard, customers, consent request form and
 * request page, consent link, and settings → API keys and webhook. Each is the API route's use
 * case behind a person's role: the same R4, R8, R9, R19, R20 and rate limits, audited with the
 * person as actor. Real flows on the local stack: sign-in by the emailed link, real emails, real
 * webhook deliveries.
 */

const receivers: Awaited<ReturnType<typeof startReceiver>>[] = [];
afterAll(async () => Promise.all(receivers.map((r) => r.close())));

const onceOf = (html: string, formId: string) => {
  const form = new RegExp(`<form[^>]*id="${formId}"[\\s\\S]*?</form>`).exec(html)?.[0] ?? '';
  const once = /name="once" value="([^"]+)"/.exec(form)?.[1];
  if (!once) throw new Error(`no one-time token in form ${formId}`);
  return once;
};

const trail = async (apiKey: string) => (await asPartner(apiKey, 'GET', '/v1/audit?limit=100')).body.items as { action: string; actor: { type: string; id?: string; name?: string }; subject: { id: string } }[];
const requestsOf = async (apiKey: string) => (await asPartner(apiKey, 'GET', '/v1/consent-requests?limit=100')).body.items as { id: string; recipientEmail: string; delegatedAdmin?: unknown }[];

async function personOf(kind: Parameters<typeof partnerOfKind>[0], role: PartnerRole, options: { eligible?: boolean } = {}) {
  const partner = await partnerOfKind(kind, options);
  const person = await signInPartnerPerson(stack(), { partnerId: partner.partner.id, role });
  return { ...partner, person };
}

/** The consent request form as a submitter fills it in: DAP-free unless `extra` asks. */
async function postConsentForm(person: Awaited<ReturnType<typeof personOf>>['person'], fields: Record<string, string | string[]>, once?: string) {
  const form = await person.client.get('/partner/consent-requests/new');
  expect(form.status, form.html.slice(0, 300)).toBe(200);
  const body = new URLSearchParams({ csrf: person.csrf, once: once ?? onceOf(form.html, 'consent-request-form') });
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
  return { answer: await person.client.post('/partner/consent-requests', body), once: body.get('once')! };
}

describe('the dashboard and customers (R32, R8)', () => {
  it('R32: the dashboard shows customers, pending requests, recent batches and failed deliveries, to every role', async () => {
    const csp = await personOf('direct-csp', 'viewer');
    const tenant = await createTenant();
    const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
    await acceptThroughLink(admin.email, csp.apiKey);
    expect((await asPartner(csp.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: `${unique('r')}@pending.example` })).status).toBe(201);
    const batch = await asPartner(csp.apiKey, 'POST', '/v1/device-batches', { tenantId: tenant.id, action: 'register' });
    const page = await csp.person.client.get('/partner');
    expect(page.status).toBe(200);
    expect(page.html).toContain(`id="customer-${tenant.id}"`);
    expect(page.html).toContain('@pending.example');
    expect(page.html).toContain(`/partner/batches/${batch.body.batch.id}`);
    expect(page.html).toContain('id="no-failed-deliveries"');
    // A viewer is offered no action.
    expect(page.html).not.toContain('href="/partner/consent-requests/new" class');
    expect(page.html).not.toContain('>Request consent</a><a class="button secondary"');
  });

  it('R8: a provider sees its resellers\' customers, each naming the reseller; R19: never another partner\'s', async () => {
    const reseller = await partnerOfKind('indirect-reseller');
    const providerPerson = await signInPartnerPerson(stack(), { partnerId: reseller.provider!.partner.id, role: 'viewer' });
    const tenant = await createTenant();
    const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
    await acceptThroughLink(admin.email, reseller.apiKey);
    const other = await createTenant();
    const otherAdmin = await createUser(other.id, `admin@${other.initialDomain}`);
    await acceptThroughLink(otherAdmin.email, (await createPartner('direct-csp')).apiKey);
    const page = await providerPerson.client.get('/partner/customers');
    expect(page.status).toBe(200);
    expect(page.html).toContain(`id="customer-${tenant.id}"`);
    expect(page.html).toContain(`through reseller ${reseller.partner.id}`);
    expect(page.html).toContain('id="provider-note"');
    expect(page.html).not.toContain(other.id);
  });
});

describe('the consent request form (R4, R8, R9, R20, R32)', () => {
  it('R4, R32: DAP-free by default; the request page shows its status and the email it sent; audited with the person (partner_user) as actor', async () => {
    const csp = await personOf('direct-csp', 'submitter');
    const form = await csp.person.client.get('/partner/consent-requests/new');
    expect(form.html).toMatch(/id="delegatedAdmin" name="delegatedAdmin" value="yes">/); // unticked
    const recipient = `${unique('r')}@customer.example`;
    const { answer } = await postConsentForm(csp.person, { recipientEmail: recipient, tenantDomain: 'customer.example', message: 'Hello from the desk' });
    expect(answer.status, answer.html.slice(0, 500)).toBe(303);
    const requestId = /\/partner\/consent-requests\/(cr_\w+)/.exec(answer.location ?? '')?.[1];
    expect(requestId).toBeDefined();
    const [made] = await requestsOf(csp.apiKey);
    expect(made).toMatchObject({ id: requestId, recipientEmail: recipient });
    expect(made.delegatedAdmin).toBeUndefined();
    await waitForMail(recipient);
    const shown = await csp.person.client.get(answer.location!);
    expect(shown.status).toBe(200);
    expect(shown.html).toContain('id="request-status">Pending');
    expect(shown.html).toContain('none (DAP-free)');
    expect(shown.html).toMatch(/id="email-status">(Sent|Queued)/);
    const audited = (await trail(csp.apiKey)).find((e) => e.action === 'consent.requested' && e.subject.id === requestId);
    expect(audited?.actor).toMatchObject({ type: 'partner_user', id: csp.person.userId });
  });

  it('R4, R32: with the delegated admin box ticked, the roles, duration and auto-extension are asked for, and shown by their display names', async () => {
    const csp = await personOf('direct-csp', 'admin');
    const { answer } = await postConsentForm(csp.person, { recipientEmail: `${unique('r')}@customer.example`, delegatedAdmin: 'yes', roles: ['IntuneAdministrator', 'GlobalReader'], durationDays: '60', autoExtend: 'yes' });
    expect(answer.status).toBe(303);
    const [made] = await requestsOf(csp.apiKey);
    expect(made.delegatedAdmin).toMatchObject({ durationDays: 60, autoExtend: true, roles: [{ name: 'IntuneAdministrator' }, { name: 'GlobalReader' }] });
    const shown = await csp.person.client.get(answer.location!);
    expect(shown.html).toContain('Intune Administrator, Global Reader for 60 days, extended automatically');
  });

  it('R4: a role outside the catalogue (GlobalAdministrator), 731 days, roles without the box, or no recipient: the form again saying what is wrong, nothing sent', async () => {
    const csp = await personOf('direct-csp', 'submitter');
    const cases: Record<string, string | string[]>[] = [
      { recipientEmail: `${unique('r')}@c.example`, delegatedAdmin: 'yes', roles: ['GlobalAdministrator'], durationDays: '30' },
      { recipientEmail: `${unique('r')}@c.example`, delegatedAdmin: 'yes', roles: ['GlobalReader'], durationDays: '731' },
      { recipientEmail: `${unique('r')}@c.example`, delegatedAdmin: 'yes', durationDays: '30' },
      { recipientEmail: `${unique('r')}@c.example`, roles: ['GlobalReader'] },
      { recipientEmail: 'not an address' },
    ];
    for (const fields of cases) {
      const { answer } = await postConsentForm(csp.person, fields);
      expect(answer.status, JSON.stringify(fields)).toBe(400);
      expect(answer.html).toContain('id="form-errors"');
      expect(answer.html).toContain('Nothing was sent');
    }
    expect(await requestsOf(csp.apiKey)).toHaveLength(0);
  });

  it('R20: the form posted twice (a double click, a reload: the same one-time token) makes one request and lands on its page', async () => {
    const csp = await personOf('direct-csp', 'submitter');
    const recipient = `${unique('r')}@customer.example`;
    const first = await postConsentForm(csp.person, { recipientEmail: recipient });
    const again = await postConsentForm(csp.person, { recipientEmail: recipient }, first.once);
    expect(first.answer.status).toBe(303);
    expect(again.answer.location).toBe(first.answer.location);
    expect(await requestsOf(csp.apiKey)).toHaveLength(1);
    await outboxSettled();
    expect(await mailTo(recipient)).toHaveLength(1);
  });

  it('R8: a provider is refused the form and its post with a 403 page saying why; nothing is made', async () => {
    const provider = await personOf('indirect-provider', 'admin');
    const form = await provider.person.client.get('/partner/consent-requests/new');
    expect(form.status).toBe(403);
    expect(form.html).toContain('(R8)');
    const post = await provider.person.client.post('/partner/consent-requests', { csrf: provider.person.csrf, recipientEmail: `${unique('r')}@c.example` });
    expect(post.status).toBe(403);
    expect(await requestsOf(provider.apiKey)).toHaveLength(0);
    expect((await provider.person.client.get('/partner/consent-link')).status).toBe(403);
  });

  it('R9: an OEM\'s form offers no roles and a post with roles is refused; an OEM not eligible gets 403 pages for the form and the link', async () => {
    const oem = await personOf('oem', 'submitter', { eligible: true });
    const form = await oem.person.client.get('/partner/consent-requests/new');
    expect(form.status).toBe(200);
    expect(form.html).toContain('id="oem-no-roles"');
    expect(form.html).not.toContain('name="roles"');
    const { answer } = await postConsentForm(oem.person, { recipientEmail: `${unique('r')}@c.example`, delegatedAdmin: 'yes', roles: ['GlobalReader'], durationDays: '30' });
    expect(answer.status).toBe(400);
    expect(answer.html).toContain('never carries delegated admin roles');
    expect(await requestsOf(oem.apiKey)).toHaveLength(0);
    const ok = await postConsentForm(oem.person, { recipientEmail: `${unique('r')}@c.example` });
    expect(ok.answer.status).toBe(303);

    const ineligible = await personOf('oem', 'submitter');
    const refused = await ineligible.person.client.get('/partner/consent-requests/new');
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('not enabled for direct API consent');
    expect((await ineligible.person.client.get('/partner/consent-link')).status).toBe(403);
  });

  it('R19: another partner\'s request is a 404 page; an unknown one too', async () => {
    const mine = await personOf('direct-csp', 'viewer');
    const other = await createPartner('direct-csp');
    const theirs = await asPartner(other.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: `${unique('r')}@c.example` });
    const page = await mine.person.client.get(`/partner/consent-requests/${theirs.body.consentRequest.id}`);
    expect(page.status).toBe(404);
    expect(page.html).not.toContain(theirs.body.consentRequest.recipientEmail);
    expect((await mine.person.client.get('/partner/consent-requests/cr_000000000000000000000000')).status).toBe(404);
  });

  it('R32: a form replayed with an old CSRF token, or none, is a 403 page; nothing is made', async () => {
    const csp = await personOf('direct-csp', 'submitter');
    for (const csrf of ['', 'old-token-from-another-session']) {
      const post = await csp.person.client.post('/partner/consent-requests', { csrf, recipientEmail: `${unique('r')}@c.example` });
      expect(post.status).toBe(403);
    }
    expect(await requestsOf(csp.apiKey)).toHaveLength(0);
  });

  it('API.md rate limits: over a recipient\'s pending limit the form answers the 429 page with Retry-After, nothing sent', async () => {
    const csp = await personOf('direct-csp', 'submitter');
    const recipient = `${unique('r')}@busy.example`;
    for (let i = 0; i < 5; i++) expect((await postConsentForm(csp.person, { recipientEmail: recipient })).answer.status).toBe(303);
    const over = await postConsentForm(csp.person, { recipientEmail: recipient });
    expect(over.answer.status).toBe(429);
    expect(over.answer.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(over.answer.headers.get('content-type')).toContain('text/html');
    expect(await requestsOf(csp.apiKey)).toHaveLength(5);
  });
});

describe('the consent link (R9, R32)', () => {
  it('R32: a submitter copies the reusable link, the same every time; it opens the customer consent page', async () => {
    const csp = await personOf('direct-csp', 'submitter');
    const page = await csp.person.client.get('/partner/consent-link');
    expect(page.status).toBe(200);
    const url = /id="consent-link" readonly value="([^"]+)"/.exec(page.html)?.[1];
    expect(url).toMatch(/\/l\/l_/);
    expect((await asPartner(csp.apiKey, 'GET', '/v1/consent-link')).body.url).toBe(url);
    expect(/id="consent-link" readonly value="([^"]+)"/.exec((await csp.person.client.get('/partner/consent-link')).html)?.[1]).toBe(url);
  });
});

describe('roles on every page and form (R32)', () => {
  it('R32: a viewer reads the dashboard, customers and a request, and gets a 403 page on the form, the link, settings and every post, nothing changed', async () => {
    const csp = await personOf('direct-csp', 'viewer');
    const made = await asPartner(csp.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: `${unique('r')}@c.example` });
    for (const path of ['/partner', '/partner/customers', `/partner/consent-requests/${made.body.consentRequest.id}`]) expect((await csp.person.client.get(path)).status, path).toBe(200);
    for (const path of ['/partner/consent-requests/new', '/partner/consent-link', '/partner/settings']) expect((await csp.person.client.get(path)).status, path).toBe(403);
    const posts: [string, Record<string, string>][] = [
      ['/partner/consent-requests', { recipientEmail: `${unique('r')}@c.example` }],
      ['/partner/settings/api-keys', {}],
      ['/partner/settings/api-keys/k_x/revoke', {}],
      ['/partner/settings/webhook', { url: 'http://127.0.0.1:9/h', events: 'consent.accepted' }],
      ['/partner/settings/webhook/secret-rotations', {}],
      ['/partner/settings/webhook/deliveries/msg_x/redeliver', {}],
    ];
    for (const [path, fields] of posts) {
      const res = await csp.person.client.post(path, { csrf: csp.person.csrf, ...fields });
      expect(res.status, path).toBe(403);
      expect(res.html).toContain("Your role can't do this");
    }
    expect(await requestsOf(csp.apiKey)).toHaveLength(1);
    expect((await call('GET', '/v1/webhook', { token: csp.apiKey })).status).toBe(404);
  });

  it('R32: a submitter requests consent and copies the link, but settings and their forms are 403 pages', async () => {
    const csp = await personOf('direct-csp', 'submitter');
    expect((await csp.person.client.get('/partner/consent-link')).status).toBe(200);
    expect((await csp.person.client.get('/partner/settings')).status).toBe(403);
    for (const path of ['/partner/settings/api-keys', '/partner/settings/webhook/secret-rotations']) expect((await csp.person.client.post(path, { csrf: csp.person.csrf })).status, path).toBe(403);
  });

  it('R32: without a partner session every page leads to the sign-in and every post is refused; a customer\'s session opens none of them', async () => {
    const tenant = await createTenant();
    const customer = await signIn((await createUser(tenant.id, `admin@${tenant.initialDomain}`)).email);
    for (const path of ['/partner/customers', '/partner/consent-requests/new', '/partner/consent-link', '/partner/consent-requests/cr_x']) {
      const res = await customer.get(path);
      expect(res.status, path).toBe(303);
      expect(res.location).toMatch(/^\/partner\/signin/);
    }
    const post = await customer.post('/partner/consent-requests', { recipientEmail: 'x@c.example' });
    expect([303, 403]).toContain(post.status);
  });
});

describe('settings: API keys and the webhook (R32, admins)', () => {
  it('R32: an admin creates a key whose secret is shown once (a reload makes no second key, shows no secret), the key works, and revoked it is refused; audited with the person', async () => {
    const csp = await personOf('direct-csp', 'admin');
    const settings = await csp.person.client.get('/partner/settings');
    expect(settings.status).toBe(200);
    expect(settings.html).toContain('id="api-keys"');
    const once = onceOf(settings.html, 'create-api-key');
    const created = await csp.person.client.post('/partner/settings/api-keys', { csrf: csp.person.csrf, once });
    expect(created.status).toBe(200);
    const secret = /id="secret" readonly value="([^"]+)"/.exec(created.html)?.[1];
    expect(secret).toBeDefined();
    expect((await asPartner(secret!, 'GET', '/v1/me')).status).toBe(200);
    const reload = await csp.person.client.post('/partner/settings/api-keys', { csrf: csp.person.csrf, once });
    expect(reload.status).toBe(303);
    expect(reload.location).toContain('key-created-already');
    const keys = (await call('GET', `/ops/partners/${csp.partner.id}/api-keys`, { token: stack().opsToken })).body.items as { keyId: string; revokedAt?: string }[];
    expect(keys).toHaveLength(2);
    const keyId = /Key (\w+) is made/.exec(created.html)?.[1];
    expect(keys.map((k) => k.keyId)).toContain(keyId);
    const revoked = await csp.person.client.post(`/partner/settings/api-keys/${keyId}/revoke`, { csrf: csp.person.csrf });
    expect(revoked.status).toBe(303);
    expect((await asPartner(secret!, 'GET', '/v1/me')).status).toBe(401);
    const events = await trail(csp.apiKey);
    for (const action of ['api_key.created', 'api_key.revoked']) expect(events.find((e) => e.action === action)?.actor, action).toMatchObject({ type: 'partner_user', id: csp.person.userId });
    // R19: another partner's key is a 404 page and stays valid.
    const other = await createPartner('direct-csp');
    const otherKeyId = ((await call('GET', `/ops/partners/${other.partner.id}/api-keys`, { token: stack().opsToken })).body.items as { keyId: string }[])[0].keyId;
    expect((await csp.person.client.post(`/partner/settings/api-keys/${otherKeyId}/revoke`, { csrf: csp.person.csrf })).status).toBe(404);
    expect((await asPartner(other.apiKey, 'GET', '/v1/me')).status).toBe(200);
  });

  it('R32: the webhook is registered with its secret shown once, a bad URL is refused on the page, the secret rotates (shown once), and a failed delivery is redelivered from its button', async () => {
    const csp = await personOf('direct-csp', 'admin');
    const receiver = await startReceiver();
    receivers.push(receiver);
    const bad = await csp.person.client.post('/partner/settings/webhook', new URLSearchParams([['csrf', csp.person.csrf], ['url', 'ftp://nowhere'], ['events', 'consent.accepted']]));
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('id="webhook-error"');
    expect((await call('GET', '/v1/webhook', { token: csp.apiKey })).status).toBe(404);
    const saved = await csp.person.client.post('/partner/settings/webhook', new URLSearchParams([['csrf', csp.person.csrf], ['url', receiver.url], ['events', 'device_batch.finished']]));
    expect(saved.status).toBe(200);
    expect(/id="secret" readonly value="(whsec_[^"]+)"/.exec(saved.html)?.[1]).toBeDefined();
    const again = await csp.person.client.post('/partner/settings/webhook', new URLSearchParams([['csrf', csp.person.csrf], ['url', receiver.url], ['events', 'device_batch.finished'], ['events', 'consent.accepted']]));
    expect(again.status).toBe(303);
    expect((await csp.person.client.get(again.location!)).html).not.toContain('whsec_');

    const settings = await csp.person.client.get('/partner/settings');
    const once = onceOf(settings.html, 'rotate-secret');
    const rotated = await csp.person.client.post('/partner/settings/webhook/secret-rotations', { csrf: csp.person.csrf, once });
    expect(rotated.status).toBe(200);
    expect(rotated.html).toMatch(/id="secret" readonly value="whsec_/);
    const replay = await csp.person.client.post('/partner/settings/webhook/secret-rotations', { csrf: csp.person.csrf, once });
    expect(replay.status).toBe(303);
    expect((await trail(csp.apiKey)).filter((e) => e.action === 'webhook.secret_rotated')).toHaveLength(1);

    // A delivery that fails: the receiver answers 500, then the delivery is failed for good (S4).
    receiver.state.failing = true;
    const tenant = await createTenant();
    const batchId = (await asPartner(csp.apiKey, 'POST', '/v1/device-batches', { tenantId: tenant.id, action: 'register' })).body.batch.id as string;
    await asPartner(csp.apiKey, 'POST', `/v1/device-batches/${batchId}/devices`, { devices: [{ productKeyId: '9000000000001' }] });
    await asPartner(csp.apiKey, 'POST', `/v1/device-batches/${batchId}/submit`);
    await receiver.waitFor(1, 'device_batch.finished');
    let deliveryId: string | undefined;
    for (let i = 0; i < 200 && !deliveryId; i++) {
      deliveryId = (await asPartner(csp.apiKey, 'GET', '/v1/webhook/deliveries')).body.items[0]?.id;
      if (!deliveryId) await new Promise((r) => setTimeout(r, 100));
    }
    const pendingPage = await csp.person.client.get('/partner/settings');
    expect(pendingPage.html).toContain(`id="delivery-${deliveryId}"`);
    // Pending: no button; a crafted post is refused (409), nothing sent.
    const early = await csp.person.client.post(`/partner/settings/webhook/deliveries/${deliveryId}/redeliver`, { csrf: csp.person.csrf });
    expect(early.status).toBe(409);
    const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    const { db, tableName } = await import('#shared/table/client.ts');
    const { webhookDeliveryKeys } = await import('#shared/table/keys.ts');
    await db().send(new UpdateCommand({ TableName: tableName(), Key: webhookDeliveryKeys.key(deliveryId!), UpdateExpression: 'SET #s = :failed REMOVE dueKind, dueAt, nextAttemptAt', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':failed': 'failed' } }));
    receiver.state.failing = false;
    const dashboard = await csp.person.client.get('/partner');
    expect(dashboard.html).toContain('id="failed-deliveries"');
    const withButton = await csp.person.client.get('/partner/settings');
    const row = new RegExp(`<tr id="delivery-${deliveryId}">[\\s\\S]*?</tr>`).exec(withButton.html)?.[0] ?? '';
    expect(row).toContain('failed');
    const redeliverOnce = /name="once" value="([^"]+)"/.exec(row)?.[1];
    expect(redeliverOnce).toBeDefined();
    const redelivered = await csp.person.client.post(`/partner/settings/webhook/deliveries/${deliveryId}/redeliver`, { csrf: csp.person.csrf, once: redeliverOnce! });
    expect(redelivered.status).toBe(303);
    expect((await csp.person.client.post(`/partner/settings/webhook/deliveries/${deliveryId}/redeliver`, { csrf: csp.person.csrf, once: redeliverOnce! })).status).toBe(303);
    await receiver.waitFor(2, 'device_batch.finished');
    const audited = (await trail(csp.apiKey)).filter((e) => e.action === 'webhook.redelivered');
    expect(audited).toHaveLength(1);
    expect(audited[0].actor).toMatchObject({ type: 'partner_user', id: csp.person.userId });
    await outboxSettled();
    expect(receiver.received).toHaveLength(2);
  });
});
