import { checkConfig, ConfigError } from '#shared/config/config.ts';
import { FUNCTION_SECRETS } from '#shared/config/secrets.ts';
import { httpFunction } from '#shared/http/chain.ts';
import { routeSpecs } from '#shared/http/route-specs/pages.ts';
import { oidcConfigProblems } from '#shared/identity/provider.ts';
import { organizationUrlProblems } from '#shared/identity/organization.ts';
import { dnsResolverProblems } from '#shared/directory/dns-txt.ts';
import {
  answerConsent,
  answerConsentRequest,
  sendSignInLink,
  showConsent,
  showConsentRequest,
  showSignInForm,
  showSignInLink,
  signOut,
  verifySignIn,
} from '#shared/pages/consent-flow.ts';
import { page } from '#shared/pages/layout.ts';
import { finishOidcSignIn, startOidcSignIn } from '#shared/pages/oidc-sign-in.ts';
import { portalFileRemovalRequest, portalRemoveDelegatedAdmin, portalSetApprovalPolicy, portalTerminateRelationship, portalTurnOffAutoExtend, showApprovalPolicy, showConfirmation, showPortal } from '#shared/pages/portal.ts';
import { errorPage } from '#shared/pages/site-views.ts';
import { addDomain, checkDomain, removeDomain, showDomains } from '#shared/pages/domains.ts';
import { portalEndEveryCspRelationship, showAccess, showEndAll } from '#shared/pages/access.ts';
import { decideHeldBatch, portalUnblockPartner, showHeldBatch } from '#shared/pages/held-batches.ts';
import { exportAudit, showAudit } from '#shared/pages/audit.ts';
import { answerClaimFromPortal, claimFromPortal, showClaim, showClaims, withdrawClaimFromPortal } from '#shared/pages/claims.ts';
import { createApiKeyFromPortal, exportDevices, releaseFile, releaseResults, releaseSelection, revokeApiKeyFromPortal, showApiKeys, showDevices, showRelease } from '#shared/pages/customer-portal.ts';

// Cold start: wrong configuration fails here, naming the variable, before any request is served.
await checkConfig(['TABLE_NAME', 'PUBLIC_URL', 'DOWNLOADS_BUCKET'], { secrets: FUNCTION_SECRETS['pages'] });
// Sign-in with an identity provider (R21), when set up, and the domain proofs' resolver: their variables must be right too.
const oidcProblems = [...oidcConfigProblems(), ...organizationUrlProblems(), ...dnsResolverProblems()];
if (oidcProblems.length > 0) throw new ConfigError(`Configuration: ${oidcProblems.join('; ')}`);

/**
 * The customer pages (API.md): consent, sign-in and the portal. Server-rendered, no JavaScript.
 * Each route calls one page use case (shared/pages), which answers the page.
 */
export const handler = httpFunction(
  routeSpecs,
  {
    'GET /consent/{token}': async ({ event, params }) => showConsentRequest(event, params.token),
    'POST /consent/{token}': async ({ event, params, body }) => answerConsentRequest(event, params.token, body),
    'GET /l/{linkId}': async ({ event, params }) => showConsent(event, { linkId: params.linkId }),
    'POST /l/{linkId}': async ({ event, params, body }) => answerConsent(event, { linkId: params.linkId }, body),

    'GET /signin': async ({ query }) => showSignInForm(query),
    'GET /signin/oidc': async ({ query }) => startOidcSignIn(query.next),
    'GET /signin/oidc/callback': async ({ event, query }) => finishOidcSignIn(event, query),
    'POST /signin': async ({ body }) => sendSignInLink(body.email, body.next),
    'GET /signin/verify': async ({ query }) => showSignInLink(query.token),
    'POST /signin/verify': async ({ event, body }) => verifySignIn(event, body.token),
    'POST /signout': async ({ event, body }) => signOut(event, body.csrf),

    'GET /portal': async ({ event, query }) => showPortal(event, query.done),
    'GET /portal/relationships/{partnerId}/remove-roles': async ({ event, params }) => showConfirmation(event, params.partnerId, 'remove-roles'),
    'POST /portal/relationships/{partnerId}/remove-roles': async ({ event, params, body }) => portalRemoveDelegatedAdmin(event, params.partnerId, body),
  'POST /portal/relationships/{partnerId}/auto-extend': async ({ event, params, body }) => portalTurnOffAutoExtend(event, params.partnerId, body),
    'GET /portal/relationships/{partnerId}/terminate': async ({ event, params }) => showConfirmation(event, params.partnerId, 'terminate'),
    'POST /portal/relationships/{partnerId}/terminate': async ({ event, params, body }) => portalTerminateRelationship(event, params.partnerId, body),
    'GET /portal/relationships/{partnerId}/approval-policy': async ({ event, params }) => showApprovalPolicy(event, params.partnerId),
    'POST /portal/relationships/{partnerId}/approval-policy': async ({ event, params, body }) => portalSetApprovalPolicy(event, params.partnerId, body),
    'POST /portal/relationships/{partnerId}/removal-request': async ({ event, params, body }) => portalFileRemovalRequest(event, params.partnerId, body),
    'GET /portal/access': async ({ event, query }) => showAccess(event, query),
    'GET /portal/access/end-all': async ({ event }) => showEndAll(event),
    'POST /portal/access/end-all': async ({ event, body }) => portalEndEveryCspRelationship(event, body),
    'GET /portal/audit': async ({ event, query }) => showAudit(event, query),
    'GET /portal/audit/export': async ({ event, query }) => exportAudit(event, query),
    'GET /portal/devices': async ({ event, query }) => showDevices(event, query),
    'GET /portal/devices/export': async ({ event, query }) => exportDevices(event, query),
    'POST /portal/devices/release': async ({ event, body }) => releaseSelection(event, body),
    'POST /portal/devices/release-file': async ({ event, body }) => releaseFile(event, body),
    'GET /portal/devices/releases/{batchId}': async ({ event, params }) => showRelease(event, params.batchId),
    'GET /portal/devices/releases/{batchId}/results': async ({ event, params }) => releaseResults(event, params.batchId),
    'GET /portal/batches/{batchId}': async ({ event, params }) => showHeldBatch(event, params.batchId),
    'POST /portal/batches/{batchId}': async ({ event, params, body }) => decideHeldBatch(event, params.batchId, body),
    'POST /portal/hold-blocks/{partnerId}/remove': async ({ event, params, body }) => portalUnblockPartner(event, params.partnerId, body),
    'GET /portal/claims': async ({ event, query }) => showClaims(event, query.done),
    'POST /portal/claims': async ({ event, body }) => claimFromPortal(event, body),
    'GET /portal/claims/{claimId}': async ({ event, params, query }) => showClaim(event, params.claimId, query.done),
    'POST /portal/claims/{claimId}/responses': async ({ event, params, body }) => answerClaimFromPortal(event, params.claimId, body),
    'POST /portal/claims/{claimId}/withdraw': async ({ event, params, body }) => withdrawClaimFromPortal(event, params.claimId, body),
    'GET /portal/api-keys': async ({ event, query }) => showApiKeys(event, query),
    'POST /portal/api-keys': async ({ event, body }) => createApiKeyFromPortal(event, body),
    'POST /portal/api-keys/{keyId}/revoke': async ({ event, params, body }) => revokeApiKeyFromPortal(event, params.keyId, body),
    'GET /portal/domains': async ({ event }) => showDomains(event),
    'POST /portal/domains': async ({ event, body }) => addDomain(event, body),
    'POST /portal/domains/check': async ({ event, body }) => checkDomain(event, body),
    'POST /portal/domains/remove': async ({ event, body }) => removeDomain(event, body),
  },
  {
    renderError: (error) => page(error.title, errorPage(error.title, error.message), { status: error.status }),
  },
);
