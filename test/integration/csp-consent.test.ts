import { describe, expect, it } from 'vitest';
import { asPartner, createPartner, createTenant, createUser, ops, problem, unique } from '../support/api.ts';
import { csrfOf, linkIn, mailTo, outboxSettled, PageClient, signIn, useSignInLink, waitForMail } from '../support/pages.ts';

/** A tenant with a global admin, and a partner that sent that admin a consent request. */
async function setup(kind: 'direct-csp' | 'indirect-reseller' = 'direct-csp', request: Record<string, unknown> = {}) {
  const tenant = await createTenant();
  const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
  const provider = kind === 'indirect-reseller' ? await createPartner('indirect-provider') : undefined;
  const partner = await createPartner(kind, provider ? { providerId: provider.partner.id } : {});
  const created = await asPartner(partner.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: admin.email, ...request });
  expect(created.status).toBe(201);
  return { tenant, admin, partner, provider, request: created.body.consentRequest };
}

/** Opens the emailed link (signs in) and returns the client on the consent page. */
async function openEmailedLink(email: string) {
  const mails = await waitForMail(email);
  const client = new PageClient();
  const landing = await client.get(linkIn(mails.at(-1)!.body.text));
  return { client, landing, page: landing.location ? await client.get(landing.location) : landing };
}

describe('consent requests (partner API)', () => {
  it('R4: a Direct CSP asks for consent: stored pending for 90 days, the email is sent with text and HTML parts', async () => {
    const { partner, admin, request: created } = await setup('direct-csp', { delegatedAdmin: { roles: ['IntuneAdministrator', 'GlobalReader'], durationDays: 30 }, message: 'Hello from us' });
    // API.md: "the email is on its way": queued in the answer, sent by the stream consumer just after.
    expect(created.email).toEqual({ status: 'queued', attempts: 0 });
    await waitForMail(admin.email);
    await outboxSettled();
    const request = (await asPartner(partner.apiKey, 'GET', `/v1/consent-requests/${created.id}`)).body.consentRequest;
    expect(request).toMatchObject({ status: 'pending', recipientEmail: admin.email, email: { status: 'sent', attempts: 1 } });
    expect(Date.parse(request.expiresAt) - Date.parse(request.createdAt)).toBe(90 * 24 * 3600 * 1000);
    expect(request.consentUrl).toMatch(new RegExp(`/consent/${request.id}$`));
    const [mail] = await mailTo(admin.email);
    expect(mail.subject).toBe(`${partner.partner.name} asks for permission to register devices for your organization`);
    expect(mail.body.text).toContain('Intune Administrator');
    expect(mail.body.html).toContain(partner.partner.name);
    expect(linkIn(mail.body.text)).not.toContain(request.id);
  });

  it('R8: an Indirect Provider may not ask for consent (403)', async () => {
    const provider = await createPartner('indirect-provider');
    const res = await asPartner(provider.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: 'a@b.example' });
    expect(problem(res)).toMatchObject({ status: 403, code: 'forbidden' });
    expect((await asPartner(provider.apiKey, 'GET', '/v1/consent-requests')).body.items).toEqual([]);
  });

  it('R4: roles come only from the catalogue, GlobalAdministrator never; 1-730 days', async () => {
    const partner = await createPartner('direct-csp');
    for (const delegatedAdmin of [
      { roles: ['GlobalAdministrator'], durationDays: 10 },
      { roles: [], durationDays: 10 },
      { roles: ['IntuneAdministrator'], durationDays: 0 },
      { roles: ['IntuneAdministrator'], durationDays: 731 },
      { roles: ['IntuneAdministrator'] },
    ]) {
      const res = await asPartner(partner.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: 'a@b.example', delegatedAdmin });
      expect(problem(res)).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(res.body.errors[0].path).toMatch(/^delegatedAdmin/);
    }
    const bad = await asPartner(partner.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: 'nope', tenantDomain: 'not a domain' });
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['recipientEmail', 'tenantDomain']);
    expect((await asPartner(partner.apiKey, 'GET', '/v1/consent-requests')).body.items).toEqual([]);
  });

  it('R20: a retried request with the same Idempotency-Key makes one request and one email; another body is 422 idempotency_key_reused', async () => {
    const partner = await createPartner('direct-csp');
    const recipientEmail = `${unique('r')}@example.com`;
    const key = unique('key');
    const send = (body: unknown) => asPartner(partner.apiKey, 'POST', '/v1/consent-requests', body, { 'idempotency-key': key });
    const [a, b] = await Promise.all([send({ recipientEmail }), send({ recipientEmail })]);
    const c = await send({ recipientEmail });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect([a.headers.get('idempotent-replayed'), b.headers.get('idempotent-replayed')].filter(Boolean)).toEqual(['true']);
    expect(new Set([a.body.consentRequest.id, b.body.consentRequest.id, c.body.consentRequest.id]).size).toBe(1);
    await outboxSettled();
    expect(await mailTo(recipientEmail)).toHaveLength(1);
    const other = await send({ recipientEmail: `x${recipientEmail}` });
    expect(problem(other)).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
    // A difference deep in the body counts too.
    const key2 = unique('key');
    const withRoles = (durationDays: number) =>
      asPartner(partner.apiKey, 'POST', '/v1/consent-requests', { recipientEmail, delegatedAdmin: { roles: ['GlobalReader'], durationDays } }, { 'idempotency-key': key2 });
    expect((await withRoles(10)).status).toBe(201);
    expect(problem(await withRoles(20))).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
    // The same key used by another partner is that partner's own key.
    const partner2 = await createPartner('direct-csp');
    const own = await asPartner(partner2.apiKey, 'POST', '/v1/consent-requests', { recipientEmail }, { 'idempotency-key': key });
    expect(own.status).toBe(201);
    expect(own.body.consentRequest.id).not.toBe(a.body.consentRequest.id);
  });

  it('R20: a malformed Idempotency-Key is a 400 naming the header, and asks nothing; a route that takes none ignores it', async () => {
    const partner = await createPartner('direct-csp');
    const recipientEmail = `${unique('r')}@example.com`;
    const refused = await asPartner(partner.apiKey, 'POST', '/v1/consent-requests', { recipientEmail }, { 'idempotency-key': 'not a key' });
    expect(problem(refused)).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(refused.body.errors).toEqual([{ path: 'Idempotency-Key', message: 'must be 1-255 printable ASCII characters' }]);
    expect((await asPartner(partner.apiKey, 'GET', '/v1/consent-requests')).body.items).toEqual([]);
    const me = await asPartner(partner.apiKey, 'GET', '/v1/me', undefined, { 'idempotency-key': 'not a key' });
    expect(me.status).toBe(200);
    expect(me.body.partner.id).toBe(partner.partner.id);
  });

  it('lists by status, reads one, cancels a pending one; another partner sees none of it (R19)', async () => {
    const { partner, request } = await setup();
    const other = await createPartner('direct-csp');
    const pending = await asPartner(partner.apiKey, 'GET', '/v1/consent-requests?status=pending');
    expect(pending.body.items.map((r: { id: string }) => r.id)).toEqual([request.id]);
    // The same request, but for its email state, which the stream consumer moves on after the answer.
    const { email: _email, ...read } = (await asPartner(partner.apiKey, 'GET', `/v1/consent-requests/${request.id}`)).body.consentRequest;
    const { email: _created, ...answered } = request;
    expect(read).toEqual(answered);
    expect(problem(await asPartner(other.apiKey, 'GET', `/v1/consent-requests/${request.id}`))).toMatchObject({ status: 404, code: 'not_found' });
    expect(problem(await asPartner(other.apiKey, 'DELETE', `/v1/consent-requests/${request.id}`))).toMatchObject({ status: 404, code: 'not_found' });
    expect((await asPartner(other.apiKey, 'GET', '/v1/consent-requests')).body.items).toEqual([]);

    const cancelled = await asPartner(partner.apiKey, 'DELETE', `/v1/consent-requests/${request.id}`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.consentRequest.status).toBe('cancelled');
    expect(problem(await asPartner(partner.apiKey, 'DELETE', `/v1/consent-requests/${request.id}`))).toMatchObject({ status: 409, code: 'conflict' });
    expect((await asPartner(partner.apiKey, 'GET', '/v1/consent-requests?status=cancelled')).body.items.map((r: { id: string }) => r.id)).toEqual([request.id]);
    expect(problem(await asPartner(partner.apiKey, 'GET', '/v1/consent-requests?status=open'))).toMatchObject({ status: 400, code: 'validation_failed' });
    expect((await asPartner(partner.apiKey, 'GET', '/v1/consent-requests/cr_000000000000000000000000')).status).toBe(404);
  });
});

describe('signing in', () => {
  it("the partner's consentUrl opens the page but signs nobody in", async () => {
    const { request, partner } = await setup();
    const client = new PageClient();
    const res = await client.get(request.consentUrl);
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(res.html).toContain(partner.partner.name);
    expect(res.html).toContain('/signin?next=');
    expect(res.html).not.toContain('consent-form');
  });

  it('the emailed link signs its recipient in once, with a session cookie HttpOnly and SameSite=Lax', async () => {
    const { admin } = await setup();
    const link = linkIn((await waitForMail(admin.email)).at(-1)!.body.text);
    const client = new PageClient();
    const first = await client.get(link);
    expect(first.status).toBe(303);
    expect(first.location).toMatch(/^\/consent\/cr_[0-9a-f]{24}$/);
    const [cookie] = first.headers.getSetCookie();
    expect(cookie).toMatch(/^dc_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=28800$/);
    // Used once: the link now leads to the request's page, which asks to sign in.
    const again = await new PageClient().get(link);
    expect(again.status).toBe(303);
    expect(again.location).toBe(first.location);
    expect(again.headers.getSetCookie()).toEqual([]);
    const landing = await new PageClient().open(link);
    expect(landing.html).toContain('/signin?next=');
    expect(landing.html).not.toContain('consent-form');
  });

  it('R5: the emailed link of a request no longer pending signs nobody in', async () => {
    const { admin, partner, request } = await setup();
    const [mail] = await waitForMail(admin.email);
    await asPartner(partner.apiKey, 'DELETE', `/v1/consent-requests/${request.id}`);
    const res = await new PageClient().get(linkIn(mail.body.text));
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/consent/${request.id}`);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('/signin answers the same whether or not the address is known, and its link works once', async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant.id, `someone@${tenant.initialDomain}`);
    const client = new PageClient();
    const unknown = await client.post('/signin', { email: `nobody@${tenant.initialDomain}` });
    const known = await client.post('/signin', { email: user.email, next: '/portal' });
    expect(known.status).toBe(200);
    expect(known.html).toBe(unknown.html);
    const link = linkIn((await waitForMail(user.email))[0].body.text);
    await outboxSettled();
    expect(await mailTo(`nobody@${tenant.initialDomain}`)).toHaveLength(0);
    // Opening the link (as a mail scanner would) signs nobody in and uses nothing.
    const shown = await new PageClient().get(link);
    expect(shown.status).toBe(200);
    expect(shown.headers.getSetCookie()).toEqual([]);
    expect(shown.html).toContain(user.email);
    const verified = await useSignInLink(client, link);
    expect(verified.status).toBe(303);
    expect(verified.location).toBe('/portal');
    expect(verified.headers.getSetCookie()[0]).toMatch(/^dc_session=/);
    expect((await new PageClient().get(link)).status).toBe(410);
    expect((await useSignInLink(new PageClient(), link)).status).toBe(410);
    expect((await new PageClient().post('/signin/verify', { token: 'forged' })).status).toBe(410);
    expect((await new PageClient().get('/signin/verify?token=forged')).status).toBe(410);
  });

  it('a sign-in link cannot be used from another site (no login CSRF)', async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant.id, `csrf@${tenant.initialDomain}`);
    await new PageClient().post('/signin', { email: user.email });
    const link = linkIn((await waitForMail(user.email))[0].body.text);
    const token = new URL(link).searchParams.get('token')!;
    const res = await new PageClient().post('/signin/verify', { token }, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect((await useSignInLink(new PageClient(), link)).status).toBe(303);
  });

  it('sign-in mail to one address is limited (5 per 15 minutes) without changing the answer', async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant.id, `busy@${tenant.initialDomain}`);
    const client = new PageClient();
    const answers = [];
    for (let i = 0; i < 7; i++) answers.push(await client.post('/signin', { email: user.email }));
    expect(new Set(answers.map((a) => a.html)).size).toBe(1);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    await waitForMail(user.email, 5);
    await outboxSettled();
    expect(await mailTo(user.email)).toHaveLength(5);
  });

  it('a sign-in link never leads off-site (next is checked)', async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant.id, `u@${tenant.initialDomain}`);
    const client = new PageClient();
    await client.post('/signin', { email: user.email, next: 'https://evil.example/' });
    const verified = await useSignInLink(client, linkIn((await waitForMail(user.email))[0].body.text));
    expect(verified.location).toBe('/portal');
  });

  it('a forged or unsigned session cookie is no session', async () => {
    const client = new PageClient();
    client.cookies.set('dc_session', 'abc.def');
    const res = await client.get('/portal');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/signin?next=%2Fportal');
  });
});

describe('the consent page', () => {
  it('R3: shows the partner, its kind, what it may do, and each role with its duration, before anything is accepted', async () => {
    const { admin, partner } = await setup('direct-csp', { delegatedAdmin: { roles: ['CloudDeviceAdministrator'], durationDays: 45 } });
    const { page } = await openEmailedLink(admin.email);
    expect(page.status).toBe(200);
    expect(page.html).toContain(partner.partner.name);
    expect(page.html).toContain('Direct CSP');
    expect(page.html).toContain('Register Windows devices to your organization, and deregister them.');
    expect(page.html).toContain('Cloud Device Administrator');
    expect(page.html).toContain('45 days');
    expect(page.html).toMatch(/<form id="consent-form" method="post"/);
    expect(page.html).toContain('name="confirm" value="yes"');
    expect(page.html).toContain('name="action" value="accept"');
    expect(page.html).toContain('name="action" value="decline"');
    for (const header of ['content-security-policy', 'x-frame-options', 'referrer-policy']) expect(page.headers.get(header)).toBeTruthy();
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it("R3: names the organization consent is asked of (the signed-in admin's tenant, its name and domains) and the partner's contact address; signed out, neither tenant nor recipient is named", async () => {
    const { admin, partner, tenant, request } = await setup('direct-csp');
    const contact = (await ops('GET', `/ops/partners/${partner.partner.id}`)).body.partner.contactEmail as string;
    expect(contact).toMatch(/@/);
    const anonymous = await new PageClient().get(`/consent/${request.id}`);
    expect(anonymous.status).toBe(200);
    expect(anonymous.html).toContain(`<a href="mailto:${contact}">${contact}</a>`);
    expect(anonymous.html).not.toContain(tenant.name);
    expect(anonymous.html).not.toContain(tenant.initialDomain);
    expect(anonymous.html).not.toContain('id="organization"');

    const { page } = await openEmailedLink(admin.email);
    expect(page.status).toBe(200);
    expect(page.html).toContain(`<dd id="organization">${tenant.name} <span class="muted">(${tenant.initialDomain})</span></dd>`);
    expect(page.html).toContain(`<dd id="partner-contact"><a href="mailto:${contact}">${contact}</a></dd>`);
    expect(page.html).toContain(`register and deregister devices for ${tenant.name}`);
  });

  it('R3: Accept without the confirmation changes nothing and says why', async () => {
    const { admin, partner, request } = await setup();
    const { client, page } = await openEmailedLink(admin.email);
    const res = await client.post(`/consent/${request.id}`, { csrf: csrfOf(page.html), action: 'accept' });
    expect(res.status).toBe(400);
    expect(res.html).toContain('Nothing was accepted');
    expect((await asPartner(partner.apiKey, 'GET', `/v1/consent-requests/${request.id}`)).body.consentRequest.status).toBe('pending');
    expect((await asPartner(partner.apiKey, 'GET', '/v1/customers')).body.items).toEqual([]);
  });

  it('R1: a user without GlobalAdministrator sees the "global administrator privileges" page and can do nothing', async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant.id, `helpdesk@${tenant.initialDomain}`, ['HelpdeskAdministrator']);
    const globalAdmin = await createUser(tenant.id, `boss@${tenant.initialDomain}`, ['GlobalAdministrator']);
    const partner = await createPartner('direct-csp');
    const { body } = await asPartner(partner.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: user.email });
    const { client, page } = await openEmailedLink(user.email);
    expect(page.status).toBe(403);
    expect(page.html).toContain('You need global administrator privileges');
    expect(page.html).toContain(globalAdmin.email); // whom to ask
    expect(page.html).not.toContain(user.email + ')');
    expect(page.html).not.toContain('consent-form');
    const csrf = csrfOf(page.html); // the sign-out form's token
    const post = await client.post(`/consent/${body.consentRequest.id}`, { csrf, confirm: 'yes', action: 'accept' });
    expect(post.status).toBe(403);
    expect((await asPartner(partner.apiKey, 'GET', `/v1/consent-requests/${body.consentRequest.id}`)).body.consentRequest.status).toBe('pending');
    expect((await asPartner(partner.apiKey, 'GET', `/v1/customers/${tenant.id}`)).status).toBe(404);
  });

  it('R5: an admin of another tenant cannot accept a request addressed to a tenant domain', async () => {
    const target = await createTenant();
    const other = await createTenant();
    const otherAdmin = await createUser(other.id, `admin@${other.initialDomain}`);
    const partner = await createPartner('direct-csp');
    const { body } = await asPartner(partner.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: otherAdmin.email, tenantDomain: target.initialDomain });
    expect(body.consentRequest.tenantId).toBe(target.id);
    const { client, page } = await openEmailedLink(otherAdmin.email);
    expect(page.status).toBe(403);
    expect(page.html).toContain('This request is for another organization');
    await client.post(`/consent/${body.consentRequest.id}`, { csrf: csrfOf(page.html), confirm: 'yes', action: 'accept' });
    expect((await asPartner(partner.apiKey, 'GET', '/v1/customers')).body.items).toEqual([]);
  });

  it('R2, R6, R18: Accept makes the relationship active at once, with the request accepted and one audit event', async () => {
    const { admin, tenant, partner, request } = await setup('direct-csp', { delegatedAdmin: { roles: ['IntuneAdministrator'], durationDays: 30 } });
    const { client, page } = await openEmailedLink(admin.email);
    const res = await client.post(`/consent/${request.id}`, { csrf: csrfOf(page.html), confirm: 'yes', action: 'accept' });
    expect(res.status).toBe(200);
    expect(res.html).toContain('Authorization is complete');

    const customers = await asPartner(partner.apiKey, 'GET', '/v1/customers');
    expect(customers.body.items).toEqual([
      expect.objectContaining({ tenantId: tenant.id, name: tenant.name, domains: [tenant.initialDomain], relationship: expect.objectContaining({ status: 'active' }) }),
    ]);
    expect(customers.body.items[0].relationship.delegatedAdmin).toMatchObject({ roles: [{ name: 'IntuneAdministrator', templateId: '3a2c62db-5318-420d-8d74-23affee5d9d5', displayName: 'Intune Administrator' }], status: 'expiring' });
    const one = await asPartner(partner.apiKey, 'GET', `/v1/customers/${tenant.id}`);
    expect(one.body.customer.tenantId).toBe(tenant.id);
    const checks = await asPartner(partner.apiKey, 'POST', '/v1/consent-checks', { tenants: [tenant.id, tenant.initialDomain, 'unknown.example', 't_000000000000000000000000'] });
    expect(checks.body.results).toEqual([
      { tenant: tenant.id, tenantId: tenant.id, status: 'active' },
      { tenant: tenant.initialDomain, tenantId: tenant.id, status: 'active' },
      { tenant: 'unknown.example', status: 'none' },
      { tenant: 't_000000000000000000000000', status: 'none' },
    ]);
    const after = await asPartner(partner.apiKey, 'GET', `/v1/consent-requests/${request.id}`);
    expect(after.body.consentRequest).toMatchObject({ status: 'accepted', tenantId: tenant.id, acceptedAt: expect.any(String) });
    const audit = await ops('GET', `/ops/audit?tenantId=${tenant.id}&partnerId=${partner.partner.id}`);
    expect(audit.body.items.filter((e: { action: string }) => e.action === 'consent.accepted')).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({ action: 'consent.accepted', actor: { type: 'user', id: admin.id } });
  });

  it('R5: two accepts racing produce exactly one relationship and one acceptance', async () => {
    const { admin, tenant, partner, request } = await setup();
    const { client, page } = await openEmailedLink(admin.email);
    const form = { csrf: csrfOf(page.html), confirm: 'yes', action: 'accept' };
    const results = await Promise.all([1, 2, 3].map(() => client.post(`/consent/${request.id}`, form)));
    const complete = results.filter((r) => r.html.includes('Authorization is complete'));
    expect(complete).toHaveLength(1);
    expect(results.filter((r) => r.html.includes('already accepted'))).toHaveLength(2);
    expect((await asPartner(partner.apiKey, 'GET', '/v1/customers')).body.items).toHaveLength(1);
    const audit = await ops('GET', `/ops/audit?tenantId=${tenant.id}`);
    expect(audit.body.items.filter((e: { action: string }) => e.action === 'consent.accepted')).toHaveLength(1);
  });

  it('R5: expired, cancelled, declined and accepted requests each get their own page', async () => {
    const cases: [string, (s: Awaited<ReturnType<typeof setup>>, client: PageClient, csrf: string) => Promise<unknown>, string][] = [
      ['cancelled', (s) => asPartner(s.partner.apiKey, 'DELETE', `/v1/consent-requests/${s.request.id}`), 'This request was cancelled'],
      ['declined', (s, c, csrf) => c.post(`/consent/${s.request.id}`, { csrf, action: 'decline' }), 'This request was declined'],
      ['accepted', (s, c, csrf) => c.post(`/consent/${s.request.id}`, { csrf, confirm: 'yes', action: 'accept' }), 'This request was already accepted'],
      ['expired', (s) => expireRequest(s.request.id), 'This request has expired'],
    ];
    for (const [status, act, text] of cases) {
      const s = await setup();
      const { client, page } = await openEmailedLink(s.admin.email);
      await act(s, client, csrfOf(page.html));
      const again = await client.get(`/consent/${s.request.id}`);
      expect(again.html, status).toContain(text);
      expect(again.html).not.toContain('consent-form');
      expect((await asPartner(s.partner.apiKey, 'GET', `/v1/consent-requests/${s.request.id}`)).body.consentRequest.status).toBe(status);
      const post = await client.post(`/consent/${s.request.id}`, { csrf: csrfOf(page.html), confirm: 'yes', action: 'accept' });
      expect(post.html).toContain(text === 'This request was declined' ? 'declined' : text.split(' ').pop()!);
    }
  });

  it('a form posted without its CSRF token, or from another origin, changes nothing (403)', async () => {
    const { admin, partner, request } = await setup();
    const { client, page } = await openEmailedLink(admin.email);
    expect((await client.post(`/consent/${request.id}`, { confirm: 'yes', action: 'accept' })).status).toBe(403);
    expect((await client.post(`/consent/${request.id}`, { csrf: 'x'.repeat(43), confirm: 'yes', action: 'accept' })).status).toBe(403);
    expect((await client.post(`/consent/${request.id}`, { csrf: csrfOf(page.html), confirm: 'yes', action: 'accept' }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await client.post(`/consent/${request.id}`, { csrf: csrfOf(page.html), confirm: 'yes', action: 'accept' }, { origin: 'null', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await asPartner(partner.apiKey, 'GET', '/v1/customers')).body.items).toEqual([]);
    const anonymous = await new PageClient().post(`/consent/${request.id}`, { confirm: 'yes', action: 'accept' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.location).toBe(`/signin?next=${encodeURIComponent(`/consent/${request.id}`)}`);
  });

  it('a same-site post from a browser under no-referrer (Origin: null, Sec-Fetch-Site: same-origin) is accepted', async () => {
    const { admin, request } = await setup();
    const { client, page } = await openEmailedLink(admin.email);
    const res = await client.post(`/consent/${request.id}`, { csrf: csrfOf(page.html), confirm: 'yes', action: 'accept' }, { origin: 'null', 'sec-fetch-site': 'same-origin' });
    expect(res.html).toContain('Authorization is complete');
  });

  it('an unknown request, token or link is a 404 page, never a 500', async () => {
    const client = new PageClient();
    expect((await client.get('/consent/cr_000000000000000000000000')).status).toBe(404);
    expect((await client.get('/consent/whatever')).status).toBe(410);
    expect((await client.get('/l/l_000000000000000000000000')).status).toBe(404);
    expect((await client.get('/l/<script>')).status).toBe(404);
    const badForm = await client.post('/consent/cr_000000000000000000000000', { action: 'explode' });
    expect(badForm.status).toBe(400);
    expect(badForm.headers.get('content-type')).toContain('text/html');
  });
});

describe('resellers and providers', () => {
  it('R7, R8: the page names the provider; after acceptance the provider sees the tenant through the reseller', async () => {
    const { admin, tenant, partner, provider, request } = await setup('indirect-reseller');
    const { client, page } = await openEmailedLink(admin.email);
    expect(page.html).toContain(provider!.partner.name);
    await client.post(`/consent/${request.id}`, { csrf: csrfOf(page.html), confirm: 'yes', action: 'accept' });
    const seen = await asPartner(provider!.apiKey, 'GET', '/v1/customers');
    expect(seen.body.items).toEqual([expect.objectContaining({ tenantId: tenant.id, relationship: expect.objectContaining({ status: 'active', via: { resellerId: partner.partner.id } }) })]);
    expect((await asPartner(provider!.apiKey, 'GET', `/v1/customers/${tenant.id}`)).body.customer.relationship.via).toEqual({ resellerId: partner.partner.id });
    expect((await asPartner(provider!.apiKey, 'POST', '/v1/consent-checks', { tenants: [tenant.id] })).body.results[0].status).toBe('active');
  });

  it("R7: a reseller's request keeps its provider for the page; one stored before it did still names the provider", async () => {
    const { admin, provider, request } = await setup('indirect-reseller');
    const { db, tableName } = await import('#shared/table/client.ts');
    const { GetCommand, UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    const key = { pk: `REQUEST#${request.id}`, sk: 'REQUEST' };
    expect((await db().send(new GetCommand({ TableName: tableName(), Key: key }))).Item?.providerId).toBe(provider!.partner.id);
    // Never answered to the partner.
    expect(request).not.toHaveProperty('providerId');
    await db().send(new UpdateCommand({ TableName: tableName(), Key: key, UpdateExpression: 'REMOVE providerId' }));
    const { page } = await openEmailedLink(admin.email);
    expect(page.html).toContain(provider!.partner.name);
  });

  it('R19: no other partner sees the tenant', async () => {
    const { admin, tenant, request } = await setup('indirect-reseller');
    const { client, page } = await openEmailedLink(admin.email);
    await client.post(`/consent/${request.id}`, { csrf: csrfOf(page.html), confirm: 'yes', action: 'accept' });
    for (const kind of ['direct-csp', 'indirect-provider', 'oem'] as const) {
      const stranger = await createPartner(kind);
      expect((await asPartner(stranger.apiKey, 'GET', '/v1/customers')).body.items).toEqual([]);
      expect(problem(await asPartner(stranger.apiKey, 'GET', `/v1/customers/${tenant.id}`))).toMatchObject({ status: 404, code: 'not_found' });
      expect((await asPartner(stranger.apiKey, 'POST', '/v1/consent-checks', { tenants: [tenant.id, tenant.initialDomain] })).body.results).toEqual([
        { tenant: tenant.id, status: 'none' },
        { tenant: tenant.initialDomain, status: 'none' },
      ]);
    }
  });
});

describe('the reusable consent link', () => {
  it('R6: GET /v1/consent-link gives a Direct CSP one stable link that any qualifying admin can accept through', async () => {
    const partner = await createPartner('direct-csp');
    const first = await asPartner(partner.apiKey, 'GET', '/v1/consent-link');
    const second = await asPartner(partner.apiKey, 'GET', '/v1/consent-link');
    expect(first.status).toBe(200);
    expect(first.body.url).toMatch(/\/l\/l_[0-9a-f]{24}$/);
    expect(second.body.url).toBe(first.body.url);

    for (let n = 0; n < 2; n++) {
      const tenant = await createTenant();
      const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
      const anonymous = await new PageClient().get(first.body.url);
      expect(anonymous.html).toContain(partner.partner.name);
      const client = await signIn(admin.email);
      const page = await client.get(first.body.url);
      expect(page.html).toContain('consent-form');
      const accepted = await client.post(new URL(first.body.url).pathname, { csrf: csrfOf(page.html), confirm: 'yes', action: 'accept' });
      expect(accepted.html).toContain('Authorization is complete');
      expect((await client.get(first.body.url)).html).toContain('is already authorized');
    }
    expect((await asPartner(partner.apiKey, 'GET', '/v1/customers')).body.items).toHaveLength(2);
  });

  it('R5: two admins accepting through the link at once: one relationship, one acceptance, both told it is authorized', async () => {
    const partner = await createPartner('direct-csp');
    const { body } = await asPartner(partner.apiKey, 'GET', '/v1/consent-link');
    const tenant = await createTenant();
    const admins = await Promise.all([1, 2].map((n) => createUser(tenant.id, `admin${n}@${tenant.initialDomain}`)));
    const clients = await Promise.all(admins.map((a) => signIn(a.email)));
    const pages = await Promise.all(clients.map((c) => c.get(body.url)));
    const answers = await Promise.all(
      clients.map((c, i) => c.post(new URL(body.url).pathname, { csrf: csrfOf(pages[i].html), confirm: 'yes', action: 'accept' })),
    );
    expect(answers.filter((a) => a.html.includes('Authorization is complete'))).toHaveLength(1);
    expect(answers.filter((a) => a.html.includes('is already authorized'))).toHaveLength(1);
    const audit = await ops('GET', `/ops/audit?tenantId=${tenant.id}`);
    expect(audit.body.items.filter((e: { action: string }) => e.action === 'consent.accepted')).toHaveLength(1);
  });

  it('R8: an Indirect Provider has no consent link (403)', async () => {
    const provider = await createPartner('indirect-provider');
    expect(problem(await asPartner(provider.apiKey, 'GET', '/v1/consent-link'))).toMatchObject({ status: 403, code: 'forbidden' });
  });
});

describe('pagination of customers', () => {
  it('is cursor-paginated, and a cursor of another partner is refused', async () => {
    const partner = await createPartner('direct-csp');
    const { body } = await asPartner(partner.apiKey, 'GET', '/v1/consent-link');
    for (let n = 0; n < 3; n++) {
      const tenant = await createTenant();
      const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
      const client = await signIn(admin.email);
      const page = await client.get(body.url);
      await client.post(new URL(body.url).pathname, { csrf: csrfOf(page.html), confirm: 'yes', action: 'accept' });
    }
    const first = await asPartner(partner.apiKey, 'GET', '/v1/customers?limit=2');
    expect(first.body.items).toHaveLength(2);
    const next = await asPartner(partner.apiKey, 'GET', `/v1/customers?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(next.body.items).toHaveLength(1);
    expect(new Set([...first.body.items, ...next.body.items].map((c: { tenantId: string }) => c.tenantId)).size).toBe(3);
    const other = await createPartner('direct-csp');
    const stolen = await asPartner(other.apiKey, 'GET', `/v1/customers?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(problem(stolen)).toMatchObject({ status: 400, code: 'validation_failed' });
  });
});

/** Moves a request's expiry into the past, as time passing would. */
async function expireRequest(requestId: string) {
  const { db, tableName } = await import('#shared/table/client.ts');
  const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: { pk: `REQUEST#${requestId}`, sk: 'REQUEST' },
      UpdateExpression: 'SET expiresAt = :past',
      ExpressionAttributeValues: { ':past': '2020-01-01T00:00:00.000Z' },
    }),
  );
}
