import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { normalizeEmail } from '#shared/domain/directory.ts';
import { partnerSignInEmail } from '#shared/domain/outbox-events.ts';
import { isPartnerRole } from '#shared/domain/partner-roles.ts';
import { clearedPartnerSessionCookie, checkFormPost, checkSameSite, partnerSessionCookie, sessionIdOf } from '#shared/http/session.ts';
import type { HttpResult } from '#shared/http/response.ts';
import { isOidcConfigured } from '#shared/identity/provider.ts';
import { commitChange } from '#shared/outbox/commit.ts';
import { getPartnerPersonByEmail } from '#shared/table/partner-people.ts';
import { createPartnerSession, deletePartnerSession, getPartnerSession, PARTNER_SESSION_LIFETIME_MS, type PartnerSession } from '#shared/table/partner-sessions.ts';
import { getPartner } from '#shared/table/partners.ts';
import { consumeToken, peekToken } from '#shared/table/tokens.ts';
import { redirect } from './layout.ts';
import { partnerUserActor, safePartnerNext } from './partner-portal.ts';
import { continuePartnerSignIn, partnerLinkUnusable, partnerPublicPage, partnerSignInForm, partnerSignInSent } from './partner-views.ts';
import type { PartnerPersonRecord } from '#shared/domain/partner-roles.ts';
import type { Partner } from '#shared/domain/partner.ts';

/*
 * R32: a partner person's sign-in, with the customer sign-in's protections: an emailed one-time
 * link (only its hash stored, single use, 15 minutes) that opens a page whose button signs in (a
 * mail scanner opening the link uses nothing), the same answer for every address (the sender
 * decides after the answer whether the address is a person and within its limit), and a session
 * of its own kind (`PSESSION#`, its own cookie), new at every sign-in.
 */

/** `GET /partner/signin`: the sign-in page; `signedout` says the person just signed out. */
export async function showPartnerSignIn(query: { next?: string; signedout?: string }): Promise<HttpResult> {
  return partnerPublicPage('Sign in', partnerSignInForm({ next: safePartnerNext(query.next), signedOut: Boolean(query.signedout), organizationAvailable: isOidcConfigured() }));
}

/** `POST /partner/signin`: queues a link for the address and answers the same page whoever it is. */
export async function sendPartnerSignInLink(email: string, next: string | undefined): Promise<HttpResult> {
  if (/^[^@\s]+@[^@\s]+$/.test(email) && email.length <= 254) {
    await commitChange({ writes: [], audit: [], outbox: [partnerSignInEmail(normalizeEmail(email), { next: safePartnerNext(next) })] });
  }
  return partnerPublicPage('Check your email', partnerSignInSent());
}

/** `GET /partner/signin/verify?token=`: whom the link signs in, and the button that does; nothing is used. */
export async function showPartnerSignInLink(token: string | undefined): Promise<HttpResult> {
  const valid = token ? await peekToken(token, 'partner-signin') : undefined;
  const partner = valid?.partnerId ? await getPartner(valid.partnerId) : undefined;
  if (!token || !valid || !partner) return partnerPublicPage('Link cannot be used', partnerLinkUnusable(), { status: 410 });
  return partnerPublicPage('Sign in', continuePartnerSignIn(token, valid.email, partner.name));
}

/** `POST /partner/signin/verify`: uses the token (once), and signs its person in to its partner. */
export async function verifyPartnerSignIn(event: APIGatewayProxyEventV2, token: string | undefined): Promise<HttpResult> {
  checkSameSite(event);
  const used = token ? await consumeToken(token, 'partner-signin') : undefined;
  const person = used?.partnerId ? await getPartnerPersonByEmail(used.partnerId, used.email) : undefined;
  const partner = person ? await getPartner(person.partnerId) : undefined;
  if (!used || !person || !partner || partner.status !== 'active') return partnerPublicPage('Link cannot be used', partnerLinkUnusable(), { status: 410 });
  const cookie = await startPartnerSession(event, person, partner, 'email');
  return redirect(safePartnerNext(used.next) ?? '/partner', [cookie]);
}

/**
 * Every partner sign-in (emailed link or the organization's provider) starts a new session (no
 * fixation), ends this browser's previous partner session, and is audited on the partner's trail.
 * Answers the session cookie.
 */
export async function startPartnerSession(event: APIGatewayProxyEventV2, person: PartnerPersonRecord, partner: Partner, signedInWith: PartnerSession['signedInWith']): Promise<string> {
  const previous = await sessionIdOf(event, 'partner');
  if (previous) await deletePartnerSession(previous);
  if (!isPartnerRole(person.role)) throw new Error('person without a role');
  const { sessionId } = await createPartnerSession({ partnerId: partner.id, userId: person.userId, email: person.email, role: person.role, signedInWith });
  await commitChange({
    writes: [],
    audit: {
      action: 'partner_user.signed_in',
      actor: partnerUserActor({ ...person, signedInWith }, event),
      partnerId: partner.id,
      subject: person.userId,
      subjectName: person.email,
      details: { signIn: signedInWith },
    },
  });
  return partnerSessionCookie(sessionId, PARTNER_SESSION_LIFETIME_MS / 1000);
}

/** `POST /partner/signout`: ends this browser's partner session (a form of that very session) and clears its cookie. */
export async function partnerSignOut(event: APIGatewayProxyEventV2, csrf: string | undefined): Promise<HttpResult> {
  const sessionId = await sessionIdOf(event, 'partner');
  const session = sessionId ? await getPartnerSession(sessionId) : undefined;
  if (sessionId && session) {
    checkFormPost(event, session, csrf);
    await deletePartnerSession(sessionId);
  }
  return redirect(session ? '/partner/signin?signedout=1' : '/partner/signin', [clearedPartnerSessionCookie()]);
}
