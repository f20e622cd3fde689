import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Actor } from '#shared/domain/actor.ts';
import type { Partner } from '#shared/domain/partner.ts';
import { isPartnerRole, type PartnerRole } from '#shared/domain/partner-roles.ts';
import { checkFormPost, sessionIdsOf } from '#shared/http/session.ts';
import { AnswerInstead } from '#shared/http/response.ts';
import { getItems } from '#shared/table/batch.ts';
import { partnerPersonKeys } from '#shared/table/keys.ts';
import { getPartnerSession, type PartnerSession } from '#shared/table/partner-sessions.ts';
import { partnerRead } from '#shared/table/partners.ts';
import { redirect } from './layout.ts';
import { partnerLayout, roleRefused } from './partner-views.ts';

/*
 * The partner portal's guard (R32): who is signed in, with which role, for which partner. Every
 * portal page starts with `requirePartnerPerson(event, roles?)` and every form post with
 * `checkPartnerForm(event, person, form)`; what a person does is audited with
 * `partnerUserActor(person)`.
 */

/** The signed-in person of a partner portal request. */
export interface PartnerPerson {
  partnerId: string;
  /** The partner's item as it is now. */
  partner: Partner;
  userId: string;
  email: string;
  displayName: string;
  /** The person's role as it is now (read at every request: a change takes effect at once). */
  role: PartnerRole;
  sessionId: string;
  /** The session's synchronizer token: every form of the portal carries it as `csrf`. */
  csrf: string;
  signedInWith: PartnerSession['signedInWith'];
}

/** Where a partner sign-in may lead afterwards: a portal page only (no open redirect). */
export const safePartnerNext = (next: string | undefined): string | undefined =>
  next && /^\/partner(\/[A-Za-z0-9_\-/]*)?$/.test(next) && !next.startsWith('/partner/signin') && !next.includes('//') ? next : undefined;

/**
 * The person of this request's partner session, if any: a live session whose person is still a
 * person of the partner, of an active partner. Session, person and partner are read in two round
 * trips (the session, then the person and the partner together).
 */
export async function partnerPersonOf(event: APIGatewayProxyEventV2): Promise<PartnerPerson | undefined> {
  for (const sessionId of await sessionIdsOf(event, 'partner')) {
    const session = await getPartnerSession(sessionId);
    if (!session) continue;
    const { person, partner } = await getItems({
      person: { key: partnerPersonKeys.key(session.partnerId, session.email), from: (item) => item },
      partner: partnerRead(session.partnerId),
    });
    // Removed since sign-in, or a person of the same address made anew (another id): no longer signed in.
    if (!person || person.userId !== session.userId || !isPartnerRole(person.role)) return undefined;
    if (!partner || partner.status !== 'active') return undefined;
    return {
      partnerId: partner.id,
      partner,
      userId: session.userId,
      email: String(person.email),
      displayName: String(person.displayName ?? person.email),
      role: person.role,
      sessionId,
      csrf: session.csrf,
      signedInWith: session.signedInWith,
    };
  }
  return undefined;
}

/** The path (and query) of the request, as the sign-in's `next`. */
const pathOf = (event: APIGatewayProxyEventV2) => event.rawPath ?? event.requestContext?.http?.path ?? '/partner';

/**
 * R32: the signed-in person of a partner portal page, whose role is one of `roles` (any role when
 * none are named). Without a valid partner session: a 303 to `/partner/signin?next=<path>` (a GET's
 * own path; a form post's sign-in leads to the dashboard). A role not allowed: the 403 page.
 * Both are answered by the chain as they are (`AnswerInstead`).
 */
export async function requirePartnerPerson(event: APIGatewayProxyEventV2, roles?: PartnerRole[]): Promise<PartnerPerson> {
  const person = await partnerPersonOf(event);
  if (!person) {
    const next = event.requestContext?.http?.method === 'GET' ? safePartnerNext(pathOf(event)) : undefined;
    throw new AnswerInstead(redirect(`/partner/signin${next ? `?next=${encodeURIComponent(next)}` : ''}`));
  }
  if (roles && !roles.includes(person.role)) {
    throw new AnswerInstead(partnerLayout({ title: "Your role can't do this", person, body: roleRefused(person.role), status: 403 }));
  }
  return person;
}

/**
 * A partner portal form post must come from the portal itself and carry the session's CSRF token
 * (the same checks as the customer pages: `Sec-Fetch-Site`/`Origin`, then the synchronizer token in
 * constant time): a form replayed with an old token, or posted from elsewhere, is a 403 page.
 */
export function checkPartnerForm(event: APIGatewayProxyEventV2, person: Pick<PartnerPerson, 'csrf'>, form: { csrf?: string }): void {
  checkFormPost(event, person, form.csrf);
}

/** R32: the audit actor of what a person does in the portal. */
export const partnerUserActor = (person: Pick<PartnerPerson, 'userId' | 'partnerId' | 'displayName' | 'email' | 'signedInWith'>, event?: APIGatewayProxyEventV2): Actor => ({
  type: 'partner_user',
  id: person.userId,
  partnerId: person.partnerId,
  name: person.displayName || person.email,
  signIn: person.signedInWith,
  ...(event?.requestContext?.http?.sourceIp ? { sourceIp: event.requestContext.http.sourceIp } : {}),
});
