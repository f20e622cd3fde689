import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { asPartner, createPartner, ops, unique } from '../support/api.ts';
import { addProviderAccount, authorizeAtProvider } from '../support/oidc.ts';
import { createPartnerPerson } from '../support/partner-portal.ts';
import { PageClient } from '../support/pages.ts';
import { stack } from '../support/api.ts';

/**
 * R32: "Sign in with your organization" to the partner portal, through the same OIDC client as the
 * customer side and the real local OpenID Provider (dev/idp.ts): the organization (`tid`) must be
 * the one operators registered for the partner (`idpTenantId`), the person is matched by email.
 */

async function partnerWithOrganization() {
  const partner = await createPartner('direct-csp');
  const tid = randomUUID();
  const patched = await ops('PATCH', `/ops/partners/${partner.partner.id}`, { idpTenantId: tid });
  expect(patched.status, patched.text).toBe(200);
  expect(patched.body.partner.idpTenantId).toBe(tid);
  return { ...partner, tid };
}

const signInAtPartnerPortal = async (email: string, next?: string) => {
  const client = new PageClient();
  const { callbackUrl } = await authorizeAtProvider(client, email, next, '/partner/signin/oidc');
  expect(new URL(callbackUrl).pathname).toBe('/partner/signin/oidc/callback');
  return { client, callback: await client.get(callbackUrl) };
};

describe('partner sign-in with the organization (R32)', () => {
  it("R32: a person of a partner whose organization operators registered signs in through it, lands on `next`, and the sign-in is audited as the person's (organization)", async () => {
    const { partner, apiKey, tid } = await partnerWithOrganization();
    const email = `${unique('p')}@contoso.example`;
    expect((await createPartnerPerson(stack(), partner.id, { email, role: 'submitter' })).status).toBe(201);
    await addProviderAccount({ email, tid, name: 'Sam Submitter' });
    const { client, callback } = await signInAtPartnerPortal(email, '/partner/settings');
    expect([callback.status, callback.location]).toEqual([303, '/partner/settings']);
    expect(callback.headers.getSetCookie().some((c) => c.startsWith('dc_partner_session='))).toBe(true);
    const home = await client.get('/partner');
    expect(home.status).toBe(200);
    expect(home.html).toContain('signed in as Submitter');
    const trail = (await asPartner(apiKey, 'GET', '/v1/audit?limit=20')).body.items as { action: string; actor: { type: string; signIn?: string } }[];
    expect(trail.find((e) => e.action === 'partner_user.signed_in')?.actor).toMatchObject({ type: 'partner_user', signIn: 'organization' });
  });

  it("R32: the organization of another partner (or of none) signs nobody in: a 403 page, no session", async () => {
    const { partner } = await partnerWithOrganization();
    const email = `${unique('p')}@contoso.example`;
    await createPartnerPerson(stack(), partner.id, { email, role: 'admin' });
    // The provider vouches for the address, but in another organization than the partner's.
    await addProviderAccount({ email, tid: randomUUID() });
    const { client, callback } = await signInAtPartnerPortal(email);
    expect(callback.status).toBe(403);
    expect(callback.headers.getSetCookie().some((c) => c.startsWith('dc_partner_session=') && !c.includes('Max-Age=0'))).toBe(false);
    expect((await client.get('/partner')).status).toBe(303);
  });

  it('R32: an address that is no person of the partner signs nobody in, even from its registered organization', async () => {
    const { tid } = await partnerWithOrganization();
    const email = `${unique('stranger')}@contoso.example`;
    await addProviderAccount({ email, tid });
    const { client, callback } = await signInAtPartnerPortal(email);
    expect(callback.status).toBe(403);
    expect((await client.get('/partner')).status).toBe(303);
  });

  it("R32: the customer sign-in's answer is no partner sign-in: the flows are kept apart (a customer flow's answer at the partner callback finds no flow)", async () => {
    const { partner, tid } = await partnerWithOrganization();
    const email = `${unique('p')}@contoso.example`;
    await createPartnerPerson(stack(), partner.id, { email, role: 'admin' });
    await addProviderAccount({ email, tid });
    const client = new PageClient();
    const { callbackUrl } = await authorizeAtProvider(client, email);
    expect(new URL(callbackUrl).pathname).toBe('/signin/oidc/callback');
    const moved = new URL(callbackUrl);
    const atPartner = await client.get(`/partner/signin/oidc/callback${moved.search}`);
    expect(atPartner.status).toBe(400);
    expect((await client.get('/partner')).status).toBe(303);
  });

  it('R32: operators set the organization with a valid tenant id only (400 otherwise)', async () => {
    const { partner } = await createPartner('oem');
    const bad = await ops('PATCH', `/ops/partners/${partner.id}`, { idpTenantId: 'not a tid!' });
    expect([bad.status, bad.body.code]).toEqual([400, 'validation_failed']);
  });
});
