import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { publicUrl } from '#shared/config/env.ts';
import { AcceptRefused, acceptConsent, declineConsent, RequestNoLongerPending } from '#shared/consent/accept-consent.ts';
import { acceptRefusal, effectiveStatus, isRequestId, REQUEST_ID_PATTERN, type ConsentRequest } from '#shared/domain/consent.ts';
import { normalizeEmail, type Tenant, type User } from '#shared/domain/directory.ts';
import { DomainError } from '#shared/domain/errors.ts';
import type { Actor } from '#shared/domain/actor.ts';
import { signInEmail } from '#shared/domain/outbox-events.ts';
import { commitChange, recordRefusedAttempt } from '#shared/outbox/commit.ts';
import { nowIso } from '#shared/domain/ids.ts';
import { isEligibleForConsent, type Partner } from '#shared/domain/partner.ts';
import { checkFormPost, checkSameSite, clearedSessionCookie } from '#shared/http/session.ts';
import type { HttpResult } from '#shared/http/response.ts';
import { getItems } from '#shared/table/batch.ts';
import { getConsentRequest, type StoredConsentRequest } from '#shared/table/consent-requests.ts';
import { getTenant, getUserByEmail, listGlobalAdmins, tenantRead, userRead } from '#shared/table/directory.ts';
import { findLink } from '#shared/table/links.ts';
import { getPartner, partnerRead } from '#shared/table/partners.ts';
import { getRelationship, relationshipRead } from '#shared/table/relationships.ts';
import type { Relationship } from '#shared/domain/relationship.ts';
import { deleteSession, type Session, type SignInMethod } from '#shared/table/sessions.ts';
import { loadSession, startSession } from './session-start.ts';
import { organizationSignInRequired, rolesUnknownNote } from './identity-views.ts';
import { consumeToken, peekToken, requestOfToken } from '#shared/table/tokens.ts';
import { acceptedPage, alreadyAuthorizedPage, consentForm, declinedPage, refusalPage, signInToRespond, type ConsentSubject } from './consent-views.ts';
import { html } from '#shared/util/html.ts';
import { page, redirect } from './layout.ts';
import { continueSignIn, linkUnusable, noAccount, signInForm, signInSent } from './site-views.ts';

/** Where a sign-in may lead afterwards: only our own consent pages and the portal (no open redirect). */
export const safeNext = (next: string | undefined): string | undefined =>
  next && new RegExp(`^/(consent/${REQUEST_ID_PATTERN}|l/l_[0-9a-f]{24}|portal|portal/access|portal/devices|portal/api-keys|portal/audit|portal/devices/releases/b_[0-9a-f]{24}|portal/batches/b_[0-9a-f]{24})$`).test(next) ? next : undefined;

export const notFoundPage = () => new DomainError('not_found', 'Page not found', 'This link is not valid. Check that you copied all of it.');

export interface Viewer {
  sessionId: string;
  session: Session;
  user: User;
  tenant: Tenant;
  /** False when the organization's provider said nothing of the user's roles (no `wids`). */
  rolesKnown: boolean;
  signedInWith: SignInMethod;
}

/**
 * The signed-in user of this request, if any (their session, their user and their tenant), the
 * same whichever way they signed in: the session holds the user facts the pages need, as the
 * directory (emailed link) or the provider's token (R21) gave them at sign-in. A tenant that
 * requires its provider honours no session an emailed link started.
 */
export async function viewerOf(event: APIGatewayProxyEventV2): Promise<Viewer | undefined> {
  const found = await loadSession(event);
  if (!found) return undefined;
  const { tenant, storedUser } = await getItems(viewerReads(found.session));
  return viewerFrom(found, tenant, storedUser);
}

/** What a viewer is made of besides the session: their tenant, and for a session from before sessions held the user's facts, the directory's user. */
const viewerReads = (session: Session) => ({
  tenant: tenantRead(session.tenantId),
  storedUser: session.roles ? undefined : userRead(session.email),
});

/** The viewer of a live session, given what `viewerReads` read (none when the directory no longer backs the session, R21). */
function viewerFrom(found: { sessionId: string; session: Session }, tenant: Tenant | undefined, storedUser: User | undefined): Viewer | undefined {
  const { session } = found;
  const signedInWith = session.signedInWith ?? 'email';
  const user: User | undefined = session.roles
    ? { id: session.userId, tenantId: session.tenantId, email: session.email, displayName: session.displayName ?? session.email, roles: session.roles }
    : storedUser?.tenantId === session.tenantId
      ? storedUser
      : undefined;
  if (!user || !tenant) return undefined;
  if (tenant.requireIdpSignIn && signedInWith !== 'organization') return undefined;
  return { ...found, user, tenant, rolesKnown: session.rolesKnown ?? true, signedInWith };
}

/** R21: does this user's tenant require sign-in through its identity provider? */
async function requiresOrganizationSignIn(user: User): Promise<boolean> {
  return (await getTenant(user.tenantId))?.requireIdpSignIn === true;
}

const signedIn = (viewer: Viewer) => ({ email: viewer.user.email, csrf: viewer.session.csrf });
export const userActor = (viewer: Viewer, event: APIGatewayProxyEventV2): Actor => ({
  type: 'user',
  id: viewer.user.id,
  name: viewer.user.displayName || viewer.user.email,
  signIn: viewer.signedInWith,
  sourceIp: event.requestContext?.http?.sourceIp,
});

/**
 * What the page asks consent for: the partner, a reseller's provider (R7) and the request. The
 * provider read with the partner is used when it is the partner's; a request or link from before
 * they named the provider reads it now.
 */
async function subjectOf(partner: Partner, request: ConsentRequest | undefined, provider: Partner | undefined): Promise<ConsentSubject> {
  if (!partner.providerId) return { partner, request };
  return { partner, provider: provider?.id === partner.providerId ? provider : await getPartner(partner.providerId), request };
}

/**
 * A consent email's link: use its one-time token, sign the recipient in, and go to the clean page
 * URL. The recipient of a tenant that requires its provider (R21) is not signed in: the request's
 * page asks them to sign in with their organization.
 */
export async function signInFromConsentEmail(event: APIGatewayProxyEventV2, token: string): Promise<HttpResult> {
  // Only while the request can still be answered does its link sign anyone in.
  const requestId = await requestOfToken(token);
  const request = requestId ? await getConsentRequest(requestId) : undefined;
  if (request && effectiveStatus(request, nowIso()) !== 'pending') return redirect(`/consent/${request.id}`);
  const used = await consumeToken(token, 'consent-signin');
  // Used already (by the recipient, or a mail scanner): the page of the request, which asks to sign in.
  if (!used?.requestId) return requestId ? redirect(`/consent/${requestId}`) : page('Link cannot be used', linkUnusable(), { status: 410 });
  const user = await getUserByEmail(used.email);
  if (!user) return page('No account', noAccount(), { status: 403 });
  if (await requiresOrganizationSignIn(user)) return redirect(`/consent/${used.requestId}`);
  return redirect(`/consent/${used.requestId}`, [await startSession(event, user)]);
}

/**
 * `GET /consent/{token}`: a request id opens the request's page; anything else is the one-time
 * token of a consent email, which signs its recipient in first.
 */
export async function showConsentRequest(event: APIGatewayProxyEventV2, token: string): Promise<HttpResult> {
  return isRequestId(token) ? showConsent(event, { requestId: token }) : signInFromConsentEmail(event, token);
}

/** `POST /consent/{token}`: only a request's page is answered; a one-time token is no page to post to. */
export async function answerConsentRequest(event: APIGatewayProxyEventV2, token: string, form: Parameters<typeof answerConsent>[2]): Promise<HttpResult> {
  if (!isRequestId(token)) throw notFoundPage();
  return answerConsent(event, { requestId: token }, form);
}

/** GET of the consent page of a request or a link: details, then what this viewer can do. */
export async function showConsent(event: APIGatewayProxyEventV2, target: { requestId?: string; linkId?: string }): Promise<HttpResult> {
  const { partner, subject, request, viewer, recipient, relationship } = await loadConsent(event, target);
  const path = target.requestId ? `/consent/${target.requestId}` : `/l/${target.linkId}`;
  const title = `${partner.name} asks for permission`;
  if (!viewer) {
    const status = request ? effectiveStatus(request, nowIso()) : 'pending';
    if (status !== 'pending') return refusal(status, partner);
    if (!isEligibleForConsent(partner) || partner.kind === 'indirect-provider') {
      return refusal('partner_not_eligible', partner);
    }
    // R21: when the recipient's organization signs in only through its provider, only that is offered.
    const organizationOnly = recipient ? await requiresOrganizationSignIn(recipient) : false;
    return page(title, signInToRespond(subject, path, { organizationOnly }));
  }
  const reason = acceptRefusal({ partner, user: viewer.user, tenant: viewer.tenant, request, recipientTenantId: recipient?.tenantId, now: nowIso() });
  if (reason) {
    await recordRefusedAcceptance(event, viewer, partner, target, reason);
    return refusal(reason, partner, viewer);
  }
  if (!request && relationship?.status === 'active') {
    return page('Already authorized', alreadyAuthorizedPage(partner), { signedIn: signedIn(viewer) });
  }
  const current = relationship?.status === 'active' ? relationship : undefined;
  return page(title, consentForm({ ...subject, organization: viewer.tenant, current }, { action: path, csrf: viewer.session.csrf }), { signedIn: signedIn(viewer) });
}

/** POST of the consent form: Accept (with the confirmation) or Decline (R1-R5, R7, R9). */
export async function answerConsent(
  event: APIGatewayProxyEventV2,
  target: { requestId?: string; linkId?: string },
  form: { csrf?: string; confirm?: 'yes'; action: 'accept' | 'decline' },
): Promise<HttpResult> {
  const { partner, subject, request, viewer, recipient, relationship: existing } = await loadConsent(event, target);
  const path = target.requestId ? `/consent/${target.requestId}` : `/l/${target.linkId}`;
  if (!viewer) return redirect(`/signin?next=${encodeURIComponent(path)}`);
  checkFormPost(event, viewer.session, form.csrf);
  // Whoever may not accept may not decline either (R1, R5, R9); acceptConsent checks again as it writes.
  const recipientTenantId = recipient?.tenantId;
  const reason = acceptRefusal({ partner, user: viewer.user, tenant: viewer.tenant, request, recipientTenantId, now: nowIso() });
  if (reason) {
    await recordRefusedAcceptance(event, viewer, partner, target, reason);
    return refusal(reason, partner, viewer);
  }
  const actor = userActor(viewer, event);
  try {
    if (form.action === 'decline') {
      if (!request) return redirect('/portal');
      await declineConsent({ request, user: viewer.user, tenant: viewer.tenant, actor });
      return page('Request declined', declinedPage(partner), { signedIn: signedIn(viewer) });
    }
    if (form.confirm !== 'yes') {
      return page(`${partner.name} asks for permission`, consentForm({ ...subject, organization: viewer.tenant, current: existing?.status === 'active' ? existing : undefined }, {
        action: path,
        csrf: viewer.session.csrf,
        error: 'Nothing was accepted: tick "Yes" to confirm, then choose Accept.',
      }), { status: 400, signedIn: signedIn(viewer) });
    }
    const relationship = await acceptConsent({ partner, user: viewer.user, tenant: viewer.tenant, request, linkId: target.linkId, actor, recipientTenantId, existing, signedInWith: viewer.signedInWith });
    return page('Authorization is complete', acceptedPage(subject, relationship), { signedIn: signedIn(viewer) });
  } catch (error) {
    if (error instanceof AcceptRefused) return refusal(error.reason, partner, viewer);
    // Lost a race with another answer: show the request as it now is.
    if (error instanceof RequestNoLongerPending && error.status !== 'pending') return refusal(error.status as Parameters<typeof refusalPage>[0], partner, viewer);
    if (error instanceof DomainError && error.code === 'conflict' && !request) {
      // Another acceptance through the link won the race: the partner is authorized either way.
      if ((await getRelationship(partner.id, viewer.tenant.id))?.status === 'active') {
        return page('Already authorized', alreadyAuthorizedPage(partner), { signedIn: signedIn(viewer) });
      }
    }
    // Still pending means the relationship changed meanwhile: the conflict page asks to reload.
    throw error;
  }
}

/** What a consent page works with, all read before anything is decided. */
interface ConsentContext {
  partner: Partner;
  /** The partner, its provider if a reseller (R7), the request: what consent is asked for. */
  subject: ConsentSubject;
  request?: StoredConsentRequest;
  viewer?: Viewer;
  /** R5: the request's recipient, when a known user (their tenant is the only one that may answer). */
  recipient?: User;
  /** The partner's relationship with the viewer's tenant, as read (an acceptance writes over exactly this). */
  relationship?: Relationship;
}

/**
 * Everything a consent page needs, in two round trips: the request (or link) and the session at
 * once, then in one batch the partner (and a reseller's provider), the viewer's tenant, the
 * recipient and the relationship. An unknown request, link or partner is a 404 page, whoever asks.
 */
async function loadConsent(event: APIGatewayProxyEventV2, target: { requestId?: string; linkId?: string }): Promise<ConsentContext> {
  const [found, resolved] = await Promise.all([loadSession(event), targetOf(target)]);
  if (!resolved) throw notFoundPage();
  const { partnerId, providerId, request } = resolved;
  const session = found?.session;
  const reads = await getItems({
    partner: partnerRead(partnerId),
    provider: providerId ? partnerRead(providerId) : undefined,
    recipient: request ? userRead(request.recipientEmail) : undefined,
    ...(session ? viewerReads(session) : { tenant: undefined, storedUser: undefined }),
    relationship: session ? relationshipRead(partnerId, session.tenantId) : undefined,
  });
  if (!reads.partner) throw notFoundPage();
  const viewer = found ? viewerFrom(found, reads.tenant, reads.storedUser) : undefined;
  const subject = await subjectOf(reads.partner, request, reads.provider);
  return { partner: reads.partner, subject, request, viewer, recipient: reads.recipient, relationship: viewer ? reads.relationship : undefined };
}

/** The partner a consent page is for (and its provider, when known): the request's, or the reusable link's. */
async function targetOf(target: { requestId?: string; linkId?: string }): Promise<{ partnerId: string; providerId?: string; request?: StoredConsentRequest } | undefined> {
  if (target.requestId) {
    const request = await getConsentRequest(target.requestId);
    return request ? { partnerId: request.partnerId, providerId: request.providerId, request } : undefined;
  }
  return target.linkId ? findLink(target.linkId) : undefined;
}

/**
 * The refusals of an acceptance that matter to the tenant (R29): one of its users who is no global
 * admin (R1), an admin of it answering a request addressed to another tenant (R5), or one who is
 * not cloud-native asking for an OEM (R9). Recorded on the user's own tenant (never on the tenant
 * the request was addressed to: R19), once a day per user, partner and reason, when the page
 * shows the refusal (opening it is the attempt: no form is offered) and when a form is posted.
 */
const RECORDED_REFUSALS: ReadonlySet<string> = new Set(['not_global_admin', 'wrong_tenant', 'not_cloud_native']);
async function recordRefusedAcceptance(event: APIGatewayProxyEventV2, viewer: Viewer, partner: Partner, target: { requestId?: string; linkId?: string }, reason: string): Promise<void> {
  if (!RECORDED_REFUSALS.has(reason)) return;
  await recordRefusedAttempt({
    action: 'consent.accepted',
    actor: userActor(viewer, event),
    tenantId: viewer.tenant.id,
    partnerId: partner.id,
    subjectName: partner.name,
    reason,
    details: target.requestId ? { requestId: target.requestId } : { linkId: target.linkId },
  });
}

/** The page of a refusal (R1, R5, R9...): what it means, whom to ask, and its status. */
export async function refusal(reason: Parameters<typeof refusalPage>[0], partner: Partner, viewer?: Viewer): Promise<HttpResult> {
  const admins = reason === 'not_global_admin' && viewer ? await listGlobalAdmins(viewer.tenant.id) : [];
  const refused = refusalPage(reason, partner, admins);
  // R21: a token without `wids` says nothing of roles; say what the organization must change.
  const { title, body } = reason === 'not_global_admin' && viewer && !viewer.rolesKnown ? { ...refused, body: html`${refused.body}${rolesUnknownNote()}` } : refused;
  const status = reason === 'not_global_admin' || reason === 'not_cloud_native' || reason === 'wrong_tenant' ? 403 : reason === 'partner_not_eligible' ? 404 : 409;
  return page(title, html`<h1>${title}</h1>${body}`, { status, ...(viewer ? { signedIn: signedIn(viewer) } : {}) });
}


/**
 * `GET /signin`: the sign-in form, going to `next` afterwards when it is one of our pages, and
 * saying how the visitor just signed out (`signedout=organization`, or any other value: by email).
 */
export async function showSignInForm(query: { next?: string; signedout?: string }): Promise<HttpResult> {
  const signedOut = query.signedout === 'organization' ? 'organization' : query.signedout ? 'email' : undefined;
  return page('Sign in', signInForm({ next: safeNext(query.next), signedOut }));
}

/**
 * `POST /signout`: ends this browser's session (a form of that very session) and clears its
 * cookie. The session here ends; one at the organization's provider is the provider's, which the
 * sign-in page then says.
 */
export async function signOut(event: APIGatewayProxyEventV2, csrf: string | undefined): Promise<HttpResult> {
  const found = await loadSession(event);
  if (found) {
    checkFormPost(event, found.session, csrf);
    await deleteSession(found.sessionId);
  }
  const via = found?.session.signedInWith === 'organization' ? 'organization' : found ? 'email' : undefined;
  return redirect(via ? `/signin?signedout=${via}` : '/signin', [clearedSessionCookie()]);
}

/**
 * Queues a one-time sign-in link for this address and answers at once: whether the address has an
 * account (and whether it is past its limit) is looked at only by the sender, after the answer, so
 * the page says the same, in the same time, for every address (shared/outbox/deliver-email.ts).
 */
export async function sendSignInLink(email: string, next: string | undefined): Promise<HttpResult> {
  if (/^[^@\s]+@[^@\s]+$/.test(email) && email.length <= 254) {
    await commitChange({ writes: [], audit: [], outbox: [signInEmail(normalizeEmail(email), safeNext(next))] });
  }
  return page('Check your email', signInSent());
}

/**
 * The sign-in link shows a page whose button signs in: a link scanner that opens the link uses
 * nothing, and a page elsewhere cannot sign a browser into someone's account (same-site post only).
 */
export async function showSignInLink(token: string | undefined): Promise<HttpResult> {
  const valid = token ? await peekToken(token, 'signin') : undefined;
  if (!token || !valid) return page('Link cannot be used', linkUnusable(), { status: 410 });
  const user = await getUserByEmail(valid.email);
  if (user && (await requiresOrganizationSignIn(user))) return page('Sign in with your organization', organizationSignInRequired(safeNext(valid.next)), { status: 403 });
  return page('Sign in', continueSignIn(token, valid.email));
}

export async function verifySignIn(event: APIGatewayProxyEventV2, token: string | undefined): Promise<HttpResult> {
  checkSameSite(event);
  const used = token ? await consumeToken(token, 'signin') : undefined;
  const user = used ? await getUserByEmail(used.email) : undefined;
  if (!used || !user) return page('Link cannot be used', linkUnusable(), { status: 410 });
  // R21: no emailed link signs in a user whose organization requires its provider.
  if (await requiresOrganizationSignIn(user)) return page('Sign in with your organization', organizationSignInRequired(safeNext(used.next)), { status: 403 });
  return redirect(safeNext(used.next) ?? '/portal', [await startSession(event, user)]);
}
