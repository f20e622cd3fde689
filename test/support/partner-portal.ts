import { createPartner, unique, type PartnerKind } from './api.ts';
import { csrfOf, PageClient as BaseClient } from '../../dev/page-client.ts';

/**
 * The partner portal (R32) as tests use it: a person of a partner signed in through the real
 * flow (an operator creates the person, whose invitation email the local SES holds; its link opens
 * the confirm page, whose button signs in), nothing mocked.
 */

/** What these helpers need of the test stack (`stack()` of ./api.ts). */
export interface PortalStack {
  apiUrl: string;
  sesUrl: string;
  opsToken: string;
}

export type PartnerRole = 'admin' | 'submitter' | 'viewer';

/** A browser without JavaScript on the partner portal: its cookies, each redirect seen. */
export class PartnerPortalClient extends BaseClient {}

export interface SignedInPartnerPerson {
  /** The `Cookie` header value that carries the partner session (`dc_partner_session=...`). */
  cookie: string;
  /** The session's CSRF token, for every form post (`csrf`). */
  csrf: string;
  userId: string;
  email: string;
  /** A client holding the session, to go on clicking. */
  client: PartnerPortalClient;
}

type Mail = { subject: string; body: { text: string; html?: string }; destination: { to: string[] } };

/** The mail the local SES holds for one recipient, oldest first. */
async function mailTo(stack: PortalStack, recipient: string): Promise<Mail[]> {
  const res = await fetch(`${stack.sesUrl}/store`);
  const { emails } = (await res.json()) as { emails: Mail[] };
  return emails.filter((e) => e.destination.to.some((to) => to.toLowerCase() === recipient.toLowerCase()));
}

/** The mail for a recipient once at least `count` have arrived (mail leaves through the stream after the answer): up to 30 s. */
export async function waitForPartnerMail(stack: PortalStack, recipient: string, count = 1): Promise<Mail[]> {
  const end = Date.now() + 30_000;
  for (;;) {
    const mails = await mailTo(stack, recipient);
    if (mails.length >= count) return mails;
    if (Date.now() > end) throw new Error(`expected ${count} email(s) for ${recipient}, found ${mails.length}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The partner portal sign-in links in an email's text (one per partner the address is a person of). */
export function partnerLinksIn(text: string): string[] {
  return [...text.matchAll(/(https?:\/\/\S+\/partner\/signin\/verify\?token=[A-Za-z0-9_-]+)/g)].map((m) => m[1]);
}

/** An operator makes a person of a partner (`POST /ops/partners/{id}/users`); the answer as it came. */
export async function createPartnerPerson(stack: PortalStack, partnerId: string, person: { email: string; displayName?: string; role: PartnerRole }): Promise<{ status: number; body: any }> {
  const res = await fetch(`${stack.apiUrl}/ops/partners/${partnerId}/users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.opsToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ email: person.email, displayName: person.displayName ?? 'Test Person', role: person.role }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Opens a partner sign-in link (the confirm page, which uses nothing) and presses its Sign in button. */
export async function usePartnerSignInLink(client: BaseClient, link: string) {
  const shown = await client.get(link);
  if (shown.status !== 200) return shown;
  const token = /name="token" value="([^"]+)"/.exec(shown.html)?.[1] ?? '';
  return client.post('/partner/signin/verify', { token });
}

/**
 * R32: a person of `partnerId` with `role`, signed in to the partner portal through the real flow:
 * the operator creates the person, the invitation email (the local SES) carries the one-time link,
 * its confirm page's button signs in. Answers the session cookie, its CSRF token, the person's id
 * and address, and the client holding the session.
 */
export async function signInPartnerPerson(stack: PortalStack, options: { partnerId: string; role: PartnerRole; email?: string }): Promise<SignedInPartnerPerson> {
  const email = options.email ?? `${unique('person')}@partner.example`;
  const created = await createPartnerPerson(stack, options.partnerId, { email, role: options.role });
  if (created.status !== 201) throw new Error(`person not created: ${created.status} ${JSON.stringify(created.body)}`);
  const mails = await waitForPartnerMail(stack, email, 1);
  const link = partnerLinksIn(mails.at(-1)!.body.text)[0];
  if (!link) throw new Error(`no partner sign-in link in: ${mails.at(-1)!.body.text}`);
  const client = new PartnerPortalClient(stack.apiUrl);
  const signedIn = await usePartnerSignInLink(client, link);
  if (signedIn.status !== 303) throw new Error(`partner sign-in failed: ${signedIn.status} ${signedIn.html.slice(0, 300)}`);
  const home = await client.get('/partner');
  if (home.status !== 200) throw new Error(`partner portal did not open: ${home.status}`);
  const cookie = [...client.cookies].filter(([name]) => name.endsWith('dc_partner_session')).map(([k, v]) => `${k}=${v}`).join('; ');
  return { cookie, csrf: csrfOf(home.html), userId: created.body.person.id, email, client };
}

/**
 * A partner of each kind (API.md): a direct CSP, an indirect provider, an indirect reseller (of a
 * new provider, returned as `provider`), an OEM (eligible for direct API consent with `eligible`).
 */
export async function partnerOfKind(kind: PartnerKind, options: { eligible?: boolean } = {}) {
  if (kind === 'indirect-reseller') {
    const provider = await createPartner('indirect-provider');
    const reseller = await createPartner('indirect-reseller', { providerId: provider.partner.id });
    return { ...reseller, provider };
  }
  return { ...(await createPartner(kind, kind === 'oem' && options.eligible ? { directApiEligible: true } : {})), provider: undefined };
}
