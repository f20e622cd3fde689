import { checkConfig, ConfigError } from '#shared/config/config.ts';
import { FUNCTION_SECRETS } from '#shared/config/secrets.ts';
import { httpFunction } from '#shared/http/chain.ts';
import { routeSpecs } from '#shared/http/route-specs/partner-portal.ts';
import { oidcConfigProblems } from '#shared/identity/provider.ts';
import { apiKeysSettings, createApiKeyFromSettings, postedOnce, redeliverFromSettings, revokeApiKeyFromSettings, rotateSecretFromSettings, saveWebhookFromSettings, webhookSettings } from '#shared/pages/partner-integrations.ts';
import { postConsentRequest, showConsentRequestForm, showPartnerConsentLink, showPartnerConsentRequest, showPartnerCustomers, showPartnerDashboard } from '#shared/pages/partner-work.ts';
import { changePartnerRole, invitePartnerPerson, peopleSettings, removePartnerPersonFromSettings, showPartnerSettings, type SettingsSection } from '#shared/pages/partner-settings.ts';
import { partnerSignOut, sendPartnerSignInLink, showPartnerSignIn, showPartnerSignInLink, verifyPartnerSignIn } from '#shared/pages/partner-sign-in.ts';
import { batchResultsCsv, showBatch, showBatches, showUpload, showUploadForm, startUploadPage } from '#shared/pages/partner-uploads.ts';
import { partnerErrorPage, partnerPublicPage } from '#shared/pages/partner-views.ts';
import { finishPartnerOidcSignIn, startPartnerOidcSignIn } from '#shared/pages/partner-oidc-sign-in.ts';

// Cold start: wrong configuration fails here, naming the variable, before any request is served.
await checkConfig(['TABLE_NAME', 'PUBLIC_URL', 'DOWNLOADS_BUCKET'], { secrets: FUNCTION_SECRETS['partner-portal'] });
// Sign-in with an identity provider (R32, as R21), when set up: its variables must be right too.
const oidcProblems = oidcConfigProblems();
if (oidcProblems.length > 0) throw new ConfigError(`Configuration: ${oidcProblems.join('; ')}`);

/** The sections of settings, in order (R32): each a function of its own (shared/pages). */
const SETTINGS: SettingsSection[] = [peopleSettings, apiKeysSettings, webhookSettings];

/**
 * The partner portal (API.md "Partner portal", R32): a partner's people sign in and work with
 * pages, server-rendered, no JavaScript. A function of its own, apart from the customer pages:
 * its own session kind and cookie, its own table grants. Each route calls one page use case
 * (shared/pages/partner-*.ts), which is the same use case as the API route's.
 */
export const handler = httpFunction(
  routeSpecs,
  {
    'GET /partner/signin': async ({ query }) => showPartnerSignIn(query),
    'POST /partner/signin': async ({ body }) => sendPartnerSignInLink(body.email, body.next),
    'GET /partner/signin/verify': async ({ query }) => showPartnerSignInLink(query.token),
    'POST /partner/signin/verify': async ({ event, body }) => verifyPartnerSignIn(event, body.token),
    'GET /partner/signin/oidc': async ({ query }) => startPartnerOidcSignIn(query.next),
    'GET /partner/signin/oidc/callback': async ({ event, query }) => finishPartnerOidcSignIn(event, query),
    'POST /partner/signout': async ({ event, body }) => partnerSignOut(event, body.csrf),

    'GET /partner': async ({ event }) => showPartnerDashboard(event),
    'GET /partner/customers': async ({ event, query }) => showPartnerCustomers(event, query),
    'GET /partner/consent-requests/new': async ({ event }) => showConsentRequestForm(event),
    'POST /partner/consent-requests': async ({ event, body }) => postConsentRequest(event, body),
    'GET /partner/consent-requests/{requestId}': async ({ event, params, query }) => showPartnerConsentRequest(event, params.requestId, query),
    'GET /partner/consent-link': async ({ event }) => showPartnerConsentLink(event),

    'GET /partner/settings': async ({ event, query }) => showPartnerSettings(event, query, SETTINGS),
    'POST /partner/settings/people': async ({ event, body }) => invitePartnerPerson(event, body, SETTINGS),
    'POST /partner/settings/people/{userId}/role': async ({ event, params, body }) => changePartnerRole(event, params.userId, body, SETTINGS),
    'POST /partner/settings/api-keys': async ({ event, body }) => createApiKeyFromSettings(event, { ...body, once: postedOnce(event) }),
    'POST /partner/settings/api-keys/{keyId}/revoke': async ({ event, params, body }) => revokeApiKeyFromSettings(event, params.keyId, body),
    'POST /partner/settings/webhook': async ({ event, body }) => saveWebhookFromSettings(event, body),
    'POST /partner/settings/webhook/secret-rotations': async ({ event, body }) => rotateSecretFromSettings(event, { ...body, once: postedOnce(event) }),
    'POST /partner/settings/webhook/deliveries/{deliveryId}/redeliver': async ({ event, params, body }) => redeliverFromSettings(event, params.deliveryId, { ...body, once: postedOnce(event) }),
    'POST /partner/settings/people/{userId}/remove': async ({ event, params, body }) => removePartnerPersonFromSettings(event, params.userId, body, SETTINGS),

    'GET /partner/uploads/new': async ({ event, query }) => showUploadForm(event, query),
    'POST /partner/uploads': async ({ event, body }) => startUploadPage(event, body),
    'GET /partner/uploads/{uploadId}': async ({ event, params }) => showUpload(event, params.uploadId),
    'GET /partner/batches': async ({ event, query }) => showBatches(event, query),
    'GET /partner/batches/{batchId}': async ({ event, params, query }) => showBatch(event, params.batchId, query),
    'GET /partner/batches/{batchId}/results': async ({ event, params }) => batchResultsCsv(event, params.batchId),
  },
  {
    renderError: (error) => partnerPublicPage(error.title, partnerErrorPage(error.title, error.message), { status: error.status }),
  },
);
