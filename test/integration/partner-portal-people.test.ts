import { describe, expect, it } from 'vitest';
import { asPartner, createPartner, createTenant, createUser, ops, stack, unique } from '../support/api.ts';
import { outboxSettled, PageClient, signIn } from '../support/pages.ts';
import { createPartnerPerson, partnerLinksIn, PartnerPortalClient, signInPartnerPerson, usePartnerSignInLink, waitForPartnerMail } from '../support/partner-portal.ts';
import { csrfOf } from '../../dev/page-client.ts';

/**
 * R32: a partner's people and roles, their sign-in by emailed link, their sessions kept apart from
 * customers', the portal's guard, and settings → people (invite, change role, remove, the last
 * admin), each change audited with the person as actor.
 */

const trail = async (apiKey: string) => (await asPartner(apiKey, 'GET', '/v1/audit?limit=100')).body.items as { action: string; actor: { type: string; id?: string; name?: string; signIn?: string }; subject: { id: string } }[];

describe('operators create a partner person (R32)', () => {
  it('R32: POST /ops/partners/{id}/users makes the first admin (201), who gets an invitation with a sign-in link', async () => {
    const { partner, apiKey } = await createPartner('direct-csp');
    const email = `${unique('admin')}@contoso.example`;
    const res = await ops('POST', `/ops/partners/${partner.id}/users`, { email, displayName: 'Alex Admin', role: 'admin' });
    expect(res.status, res.text).toBe(201);
    expect(res.body.person).toMatchObject({ partnerId: partner.id, email, displayName: 'Alex Admin', role: 'admin' });
    expect(res.body.person.id).toMatch(/^pu_/);
    const [mail] = await waitForPartnerMail(stack(), email);
    expect(partnerLinksIn(mail.body.text)).toHaveLength(1);
    expect((await trail(apiKey)).find((e) => e.action === 'partner_user.created')).toMatchObject({ actor: { type: 'operator' }, subject: { id: res.body.person.id } });
  });

  it('R32: a duplicate email for the same partner is 409, an unknown partner 404, bad input 400, and nothing is made', async () => {
    const { partner } = await createPartner('direct-csp');
    const email = `${unique('admin')}@contoso.example`;
    expect((await ops('POST', `/ops/partners/${partner.id}/users`, { email, displayName: 'A', role: 'admin' })).status).toBe(201);
    const again = await ops('POST', `/ops/partners/${partner.id}/users`, { email: email.toUpperCase(), displayName: 'B', role: 'viewer' });
    expect([again.status, again.body.code]).toEqual([409, 'conflict']);
    const unknown = await ops('POST', '/ops/partners/p_000000000000000000000000/users', { email: `${unique('x')}@contoso.example`, displayName: 'A', role: 'admin' });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'not_found']);
    for (const body of [{ email: 'not-an-email', displayName: 'A', role: 'admin' }, { email: `${unique('x')}@c.example`, displayName: 'A', role: 'owner' }, { email: `${unique('x')}@c.example`, role: 'admin' }]) {
      const bad = await ops('POST', `/ops/partners/${partner.id}/users`, body);
      expect([bad.status, bad.body.code], JSON.stringify(body)).toEqual([400, 'validation_failed']);
    }
    // The same address may be a person of another partner.
    const other = await createPartner('oem');
    expect((await ops('POST', `/ops/partners/${other.partner.id}/users`, { email, displayName: 'A', role: 'viewer' })).status).toBe(201);
  });

  it('R32: without the operator token the route is 401; a partner API key is 401 too', async () => {
    const { partner, apiKey } = await createPartner('direct-csp');
    const body = { email: `${unique('x')}@c.example`, displayName: 'A', role: 'admin' };
    const none = await fetch(`${stack().apiUrl}/ops/partners/${partner.id}/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(none.status).toBe(401);
    expect((await asPartner(apiKey, 'POST', `/ops/partners/${partner.id}/users`, body)).status).toBe(401);
  });
});

describe('partner sign-in by emailed link (R32)', () => {
  it('R32: the link opens a confirm page that signs nobody in (a mail scanner uses nothing); its button does, once; the session opens the portal', async () => {
    const { partner } = await createPartner('indirect-provider');
    const email = `${unique('p')}@contoso.example`;
    await createPartnerPerson(stack(), partner.id, { email, role: 'submitter' });
    const [mail] = await waitForPartnerMail(stack(), email);
    const link = partnerLinksIn(mail.body.text)[0];
    // A scanner opens the link twice: a page, no session, the token still good.
    const scanner = new PartnerPortalClient(stack().apiUrl);
    for (let i = 0; i < 2; i++) {
      const shown = await scanner.get(link);
      expect(shown.status).toBe(200);
      expect(shown.html).toContain(email);
      expect(shown.headers.getSetCookie()).toEqual([]);
    }
    const client = new PartnerPortalClient(stack().apiUrl);
    const used = await usePartnerSignInLink(client, link);
    expect(used.status).toBe(303);
    expect(used.location).toBe('/partner');
    const cookie = used.headers.getSetCookie().find((c) => c.startsWith('dc_partner_session='))!;
    expect(cookie).toMatch(/HttpOnly; SameSite=Lax/);
    const home = await client.get('/partner');
    expect(home.status).toBe(200);
    expect(home.html).toContain(partner.name);
    expect(home.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    // R32: the token is single-use: again, from another browser, it signs nobody in.
    const again = await usePartnerSignInLink(new PartnerPortalClient(stack().apiUrl), link);
    expect(again.status).toBe(410);
    const replay = await new PartnerPortalClient(stack().apiUrl).post('/partner/signin/verify', { token: new URL(link).searchParams.get('token')! });
    expect(replay.status).toBe(410);
  });

  it('R32: the sign-in page answers the same for a person, an unknown address and a customer user; only the person gets a link', async () => {
    const { partner } = await createPartner('direct-csp');
    const person = `${unique('p')}@contoso.example`;
    await createPartnerPerson(stack(), partner.id, { email: person, role: 'viewer' });
    await waitForPartnerMail(stack(), person, 1);
    const tenant = await createTenant();
    const customer = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
    const unknown = `${unique('nobody')}@contoso.example`;
    const answers = [];
    for (const email of [person, unknown, customer.email]) {
      const res = await new PartnerPortalClient(stack().apiUrl).post('/partner/signin', { email });
      answers.push([res.status, res.html.replace(/<input type="hidden"[^>]*>/g, '')]);
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(await waitForPartnerMail(stack(), person, 2)).toHaveLength(2);
    await outboxSettled();
    expect(await (async () => (await fetch(`${stack().sesUrl}/store`).then((r) => r.json()) as { emails: { destination: { to: string[] } }[] }).emails.filter((e) => e.destination.to.includes(unknown)).length)()).toBe(0);
    // The customer user got no partner link (and no customer link either: this is not the customer sign-in).
    const customerMails = ((await fetch(`${stack().sesUrl}/store`).then((r) => r.json())) as { emails: { destination: { to: string[] }; body: { text: string } }[] }).emails.filter((e) => e.destination.to.includes(customer.email));
    expect(customerMails.filter((m) => partnerLinksIn(m.body.text).length > 0)).toHaveLength(0);
  });

  it('R32: at most 5 sign-in emails per address per 15 minutes; past it the page answers the same and nothing more is sent', async () => {
    const { partner } = await createPartner('direct-csp');
    const email = `${unique('p')}@contoso.example`;
    await createPartnerPerson(stack(), partner.id, { email, role: 'viewer' });
    await waitForPartnerMail(stack(), email, 1); // the invitation: the first of the five
    const pages = [];
    for (let i = 0; i < 6; i++) pages.push(await new PartnerPortalClient(stack().apiUrl).post('/partner/signin', { email }));
    expect(new Set(pages.map((p) => p.status))).toEqual(new Set([200]));
    expect(await waitForPartnerMail(stack(), email, 5)).toHaveLength(5);
    await outboxSettled();
    const after = ((await fetch(`${stack().sesUrl}/store`).then((r) => r.json())) as { emails: { destination: { to: string[] } }[] }).emails.filter((e) => e.destination.to.includes(email));
    expect(after).toHaveLength(5);
  });

  it('R32: signing out ends the session: the portal asks to sign in again, and the old cookie opens nothing', async () => {
    const { partner } = await createPartner('direct-csp');
    const { client, csrf, cookie } = await signInPartnerPerson(stack(), { partnerId: partner.id, role: 'viewer' });
    const out = await client.post('/partner/signout', { csrf });
    expect([out.status, out.location]).toEqual([303, '/partner/signin?signedout=1']);
    const old = await fetch(`${stack().apiUrl}/partner`, { headers: { cookie }, redirect: 'manual' });
    expect([old.status, old.headers.get('location')]).toEqual([303, '/partner/signin?next=%2Fpartner']);
  });
});

describe('partner and customer sessions are kept apart (R32)', () => {
  it('R32: a customer session never opens a partner page', async () => {
    const tenant = await createTenant();
    const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
    const customer = await signIn(admin.email);
    for (const path of ['/partner', '/partner/settings']) {
      const res = await customer.get(path);
      expect([res.status, res.location], path).toEqual([303, `/partner/signin?next=${encodeURIComponent(path)}`]);
    }
    // Its cookie's value under the partner cookie's name is no partner session either.
    const value = customer.cookies.get('dc_session')!;
    const forged = await fetch(`${stack().apiUrl}/partner`, { headers: { cookie: `dc_partner_session=${value}` }, redirect: 'manual' });
    expect(forged.status).toBe(303);
  });

  it('R32: a partner session never opens a customer page', async () => {
    const { partner } = await createPartner('direct-csp');
    const { client, cookie } = await signInPartnerPerson(stack(), { partnerId: partner.id, role: 'admin' });
    for (const path of ['/portal', '/portal/devices', '/portal/audit']) {
      const res = await client.get(path);
      expect(res.status, path).toBe(303);
      expect(res.location, path).toMatch(/^\/signin/);
    }
    const value = cookie.split('=').slice(1).join('=');
    const forged = await fetch(`${stack().apiUrl}/portal`, { headers: { cookie: `dc_session=${value}` }, redirect: 'manual' });
    expect([forged.status, forged.headers.get('location')]).toEqual([303, '/signin?next=%2Fportal']);
  });
});

describe('settings → people (R32)', () => {
  it('R32: an admin invites a person with a role, changes it, and removes them; each change audited with the admin as partner_user', async () => {
    const { partner, apiKey } = await createPartner('indirect-reseller', { providerId: (await createPartner('indirect-provider')).partner.id });
    const admin = await signInPartnerPerson(stack(), { partnerId: partner.id, role: 'admin' });
    const settings = await admin.client.get('/partner/settings');
    expect(settings.status).toBe(200);
    expect(settings.html).toContain(admin.email);
    const invitee = `${unique('new')}@contoso.example`;
    const invited = await admin.client.post('/partner/settings/people', { csrf: admin.csrf, email: invitee, displayName: 'New Person', role: 'viewer' });
    expect([invited.status, invited.location]).toEqual([303, '/partner/settings?done=person-invited#people']);
    const [mail] = await waitForPartnerMail(stack(), invitee);
    expect(mail.body.text).toContain('You are invited');
    // The invitee signs in with the invitation's link, as a viewer.
    const inviteeClient = new PartnerPortalClient(stack().apiUrl);
    expect((await usePartnerSignInLink(inviteeClient, partnerLinksIn(mail.body.text)[0])).status).toBe(303);
    expect((await inviteeClient.get('/partner')).html).toContain('signed in as Viewer');
    const page = await admin.client.get('/partner/settings?done=person-invited');
    expect(page.html).toContain('The person was invited');
    const userId = new RegExp(`action="/partner/settings/people/(pu_[0-9a-f]+)/role"[\\s\\S]*?${invitee}|${invitee}[\\s\\S]*?action="/partner/settings/people/(pu_[0-9a-f]+)/role"`).exec(page.html);
    const inviteeId = (userId?.[1] ?? userId?.[2])!;
    expect(inviteeId).toMatch(/^pu_/);
    const changed = await admin.client.post(`/partner/settings/people/${inviteeId}/role`, { csrf: admin.csrf, role: 'submitter' });
    expect([changed.status, changed.location]).toEqual([303, '/partner/settings?done=role-changed#people']);
    // The role applies at the invitee's next page.
    expect((await inviteeClient.get('/partner')).html).toContain('signed in as Submitter');
    const removed = await admin.client.post(`/partner/settings/people/${inviteeId}/remove`, { csrf: admin.csrf });
    expect(removed.status).toBe(303);
    // Removed: signed out at their next page.
    expect((await inviteeClient.get('/partner')).status).toBe(303);
    const events = await trail(apiKey);
    const byAdmin = events.filter((e) => e.actor.type === 'partner_user' && e.actor.id === admin.userId);
    expect(byAdmin.map((e) => e.action).sort()).toEqual(['partner_user.created', 'partner_user.removed', 'partner_user.role_changed', 'partner_user.signed_in'].sort());
    expect(events.find((e) => e.action === 'partner_user.signed_in' && e.actor.id === inviteeId)?.actor).toMatchObject({ type: 'partner_user', signIn: 'email' });
  });

  it('R32: the last admin can be neither removed nor demoted (409 page, nothing changed); with a second admin, either can go', async () => {
    const { partner } = await createPartner('direct-csp');
    const admin = await signInPartnerPerson(stack(), { partnerId: partner.id, role: 'admin' });
    const demote = await admin.client.post(`/partner/settings/people/${admin.userId}/role`, { csrf: admin.csrf, role: 'viewer' });
    expect(demote.status).toBe(409);
    expect(demote.html).toContain('last admin can&#39;t be removed');
    const remove = await admin.client.post(`/partner/settings/people/${admin.userId}/remove`, { csrf: admin.csrf });
    expect(remove.status).toBe(409);
    expect((await admin.client.get('/partner/settings')).html).toContain('signed in as Admin');
    const second = await signInPartnerPerson(stack(), { partnerId: partner.id, role: 'admin' });
    const demoted = await second.client.post(`/partner/settings/people/${admin.userId}/role`, { csrf: second.csrf, role: 'viewer' });
    expect(demoted.status).toBe(303);
    // Now the second is the last admin.
    expect((await second.client.post(`/partner/settings/people/${second.userId}/remove`, { csrf: second.csrf })).status).toBe(409);
  });

  it('R32: roles are enforced on the settings page and forms: a submitter and a viewer get the 403 page and change nothing', async () => {
    const { partner } = await createPartner('direct-csp');
    const admin = await signInPartnerPerson(stack(), { partnerId: partner.id, role: 'admin' });
    for (const role of ['submitter', 'viewer'] as const) {
      const person = await signInPartnerPerson(stack(), { partnerId: partner.id, role });
      const shown = await person.client.get('/partner/settings');
      expect(shown.status, role).toBe(403);
      expect(shown.html).toContain('Your role can&#39;t do this');
      // Settings is not in their navigation.
      expect((await person.client.get('/partner')).html).not.toContain('href="/partner/settings"');
      const email = `${unique('x')}@contoso.example`;
      expect((await person.client.post('/partner/settings/people', { csrf: person.csrf, email, displayName: 'X', role: 'admin' })).status, role).toBe(403);
      expect((await person.client.post(`/partner/settings/people/${person.userId}/role`, { csrf: person.csrf, role: 'admin' })).status, role).toBe(403);
      expect((await person.client.post(`/partner/settings/people/${admin.userId}/remove`, { csrf: person.csrf })).status, role).toBe(403);
    }
    const people = await admin.client.get('/partner/settings');
    expect(people.html).not.toContain('>Admin</td>'.repeat(2));
    expect((people.html.match(/<td data-label="Role">Admin<\/td>/g) ?? []).length).toBe(1);
  });

  it('R32: a form replayed with an old CSRF token, or posted from another site, is refused (403) and changes nothing', async () => {
    const { partner } = await createPartner('direct-csp');
    const admin = await signInPartnerPerson(stack(), { partnerId: partner.id, role: 'admin' });
    const old = admin.csrf;
    // Signed out and in again: a new session, a new token; the old one is refused.
    await admin.client.post('/partner/signout', { csrf: old });
    const again = await new PartnerPortalClient(stack().apiUrl).post('/partner/signin', { email: admin.email });
    expect(again.status).toBe(200);
    const mails = await waitForPartnerMail(stack(), admin.email, 2);
    expect((await usePartnerSignInLink(admin.client, partnerLinksIn(mails.at(-1)!.body.text)[0])).status).toBe(303);
    const email = `${unique('x')}@contoso.example`;
    const replayed = await admin.client.post('/partner/settings/people', { csrf: old, email, displayName: 'X', role: 'viewer' });
    expect(replayed.status).toBe(403);
    const csrf = csrfOf((await admin.client.get('/partner/settings')).html);
    const crossSite = await admin.client.post('/partner/settings/people', { csrf, email, displayName: 'X', role: 'viewer' }, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect((await admin.client.get('/partner/settings')).html).not.toContain(email);
  });

  it('R32: bad input shows the form again saying what is wrong; a duplicate is 409; another partner\'s person is 404; nothing changes', async () => {
    const { partner } = await createPartner('direct-csp');
    const admin = await signInPartnerPerson(stack(), { partnerId: partner.id, role: 'admin' });
    const bad = await admin.client.post('/partner/settings/people', { csrf: admin.csrf, email: 'nope', displayName: 'X', role: 'viewer' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Enter the email address');
    const badRole = await admin.client.post('/partner/settings/people', { csrf: admin.csrf, email: `${unique('x')}@c.example`, displayName: 'X', role: 'owner' });
    expect([badRole.status, badRole.html.includes('Choose a role')]).toEqual([400, true]);
    const dup = await admin.client.post('/partner/settings/people', { csrf: admin.csrf, email: admin.email, displayName: 'X', role: 'viewer' });
    expect(dup.status).toBe(409);
    const other = await createPartner('direct-csp');
    const stranger = await signInPartnerPerson(stack(), { partnerId: other.partner.id, role: 'admin' });
    for (const [path, form] of [[`/partner/settings/people/${stranger.userId}/role`, { role: 'viewer' }], [`/partner/settings/people/${stranger.userId}/remove`, {}]] as const) {
      const res = await admin.client.post(path, { csrf: admin.csrf, ...form });
      expect(res.status, path).toBe(404);
    }
    expect((await stranger.client.get('/partner/settings')).html).toContain('signed in as Admin');
  });
});
