import { nowIso } from '#shared/domain/ids.ts';
import { DomainError } from '#shared/domain/errors.ts';
import { isGlobalAdministrator } from '#shared/domain/directory.ts';
import { isRequestId } from '#shared/domain/consent.ts';
import { httpFunction } from '#shared/http/chain.ts';
import { checkFormPost, clearedSessionCookie, loadSession } from '#shared/http/session.ts';
import { answerConsent, notFoundPage, sendSignInLink, showConsent, showSignInLink, signInFromConsentEmail, userActor, verifySignIn, viewerOf, safeNext } from '#shared/pages/consent-flow.ts';
import { html } from '#shared/util/html.ts';
import { askAdmins } from '#shared/pages/consent-views.ts';
import { listGlobalAdmins } from '#shared/table/directory.ts';
import { page, redirect } from '#shared/pages/layout.ts';
import { errorPage, portalPage, signInForm } from '#shared/pages/site-views.ts';
import { getPartner } from '#shared/table/partners.ts';
import { listTenantRelationships } from '#shared/table/relationships.ts';
import { removeDelegatedAdmin, terminateRelationship } from '#shared/relationships/end-relationship.ts';
import { deleteSession } from '#shared/table/sessions.ts';
import { getRemovalRequest } from '#shared/table/removal-requests.ts';
import { fileRemovalRequest } from '#shared/relationships/removal-requests.ts';
import { checkConfig, ConfigError } from '#shared/config/config.ts';
import { FUNCTION_SECRETS } from '#shared/config/secrets.ts';
import { finishOidcSignIn, startOidcSignIn } from '#shared/pages/oidc-sign-in.ts';
import { oidcConfigProblems } from '#shared/identity/provider.ts';
import { rolesUnknownNote } from '#shared/pages/identity-views.ts';

// Cold start: wrong configuration fails here, naming the variable, before any request is served.
await checkConfig(['TABLE_NAME', 'PUBLIC_URL'], { secrets: FUNCTION_SECRETS['pages'] });
// Sign-in with an identity provider (R21), when set up: its variables must be right too.
const oidcProblems = oidcConfigProblems();
if (oidcProblems.length > 0) throw new ConfigError(`Configuration: ${oidcProblems.join('; ')}`);

const FLASH: Record<string, string> = {
  'roles-removed': 'The admin roles were removed. The partner can still register devices.',
  terminated: 'The relationship was ended. The partner can no longer register devices for your organization.',
  'removal-requested': 'Your removal request was sent to the operators. The OEM stays authorized until they revoke it.',
};

/** The customer pages (API.md): consent, sign-in and the portal. Server-rendered, no JavaScript. */
export const handler = httpFunction(
  'pages',
  {
    'GET /consent/{token}': async ({ event, params }) =>
      isRequestId(params.token) ? showConsent(event, { requestId: params.token }) : signInFromConsentEmail(event, params.token),
    'POST /consent/{token}': async ({ event, params, body }) => {
      if (!isRequestId(params.token)) throw notFoundPage();
      return answerConsent(event, { requestId: params.token }, body);
    },
    'GET /l/{linkId}': async ({ event, params }) => showConsent(event, { linkId: params.linkId }),
    'POST /l/{linkId}': async ({ event, params, body }) => answerConsent(event, { linkId: params.linkId }, body),

    'GET /signin': async ({ query }) =>
      page('Sign in', signInForm({ next: safeNext(query.next), signedOut: query.signedout === 'organization' ? 'organization' : query.signedout ? 'email' : undefined })),
    'GET /signin/oidc': async ({ query }) => startOidcSignIn(query.next),
    'GET /signin/oidc/callback': async ({ event, query }) => finishOidcSignIn(event, query),
    'POST /signin': async ({ body }) => sendSignInLink(body.email, body.next),
    'GET /signin/verify': async ({ query }) => showSignInLink(query.token),
    'POST /signin/verify': async ({ event, body }) => verifySignIn(event, body.token),
    'POST /signout': async ({ event, body }) => {
      const found = await loadSession(event);
      if (found) {
        checkFormPost(event, found.session, body.csrf);
        await deleteSession(found.sessionId);
      }
      // The session here ends; one at the organization's provider is the provider's (the page says so).
      const via = found?.session.signedInWith === 'organization' ? 'organization' : found ? 'email' : undefined;
      return redirect(via ? `/signin?signedout=${via}` : '/signin', [clearedSessionCookie()]);
    },

    'GET /portal': async ({ event, query }) => {
      const viewer = await viewerOf(event);
      if (!viewer) return redirect('/signin?next=%2Fportal');
      const signedIn = { email: viewer.user.email, csrf: viewer.session.csrf };
      if (!isGlobalAdministrator(viewer.user)) {
        const admins = await listGlobalAdmins(viewer.tenant.id);
        return page('You need global administrator privileges', html`<h1>You need global administrator privileges</h1><p>Only a global administrator of your organization can manage its partners.</p>${askAdmins(admins)}${viewer.rolesKnown ? '' : rolesUnknownNote()}`, { status: 403, signedIn });
      }
      const relationships = await listTenantRelationships(viewer.tenant.id);
      const partners = await Promise.all(relationships.map((r) => getPartner(r.partnerId)));
      const removals = await Promise.all(relationships.map((r) => (r.partnerKind === 'oem' ? getRemovalRequest(r.tenantId, r.partnerId) : undefined)));
      const rows = relationships.flatMap((relationship, i) => (partners[i] ? [{ relationship, partner: partners[i], removal: removals[i] }] : []));
      rows.sort((a, b) => Number(b.relationship.status === 'active') - Number(a.relationship.status === 'active') || a.partner.name.localeCompare(b.partner.name));
      return page('Your partners', portalPage(rows, { csrf: viewer.session.csrf, now: nowIso(), flash: FLASH[query.done ?? ''], tenantName: viewer.tenant.name }), { signedIn });
    },
    'POST /portal/relationships/{partnerId}/remove-roles': async ({ event, params, body }) => {
      const viewer = await requireAdmin(event, body.csrf);
      await removeDelegatedAdmin(viewer.tenant.id, params.partnerId, userActor(viewer, event));
      return redirect('/portal?done=roles-removed');
    },
    'POST /portal/relationships/{partnerId}/terminate': async ({ event, params, body }) => {
      const viewer = await requireAdmin(event, body.csrf);
      await terminateRelationship(viewer.tenant.id, params.partnerId, userActor(viewer, event));
      return redirect('/portal?done=terminated');
    },
    'POST /portal/relationships/{partnerId}/removal-request': async ({ event, params, body }) => {
      const viewer = await requireAdmin(event, body.csrf);
      await fileRemovalRequest(viewer.tenant.id, params.partnerId, { reason: body.reason, requestedBy: { userId: viewer.user.id, email: viewer.user.email } }, userActor(viewer, event));
      return redirect('/portal?done=removal-requested');
    },
  },
  {
    renderError: (error) => page(error.title, errorPage(error.title, error.message), { status: error.status }),
  },
);

/** R1 for the portal's actions: a signed-in global admin, posting a form of their own session. */
async function requireAdmin(event: Parameters<typeof viewerOf>[0], csrf: string | undefined) {
  const viewer = await viewerOf(event);
  if (!viewer) throw new DomainError('unauthorized', 'Sign in first', 'Your session has ended; sign in again.');
  checkFormPost(event, viewer.session, csrf);
  if (!isGlobalAdministrator(viewer.user)) {
    throw new DomainError('forbidden', 'You need global administrator privileges', 'Only a global administrator of your organization can manage its partners.');
  }
  return viewer;
}
