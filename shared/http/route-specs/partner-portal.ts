// Written by `npm run generate` from the route table (shared/http/routes.ts): do not edit.
// What the partner-portal function's chain needs of its own routes at run time (shared/http/chain.ts).

import { CsrfForm, CursorQuery, DoneQuery, OidcCallbackQuery, OidcSignInQuery, PartnerBatchesQuery, PartnerConsentRequestForm, PartnerPersonForm, PartnerWebhookForm, SignInForm, SignInVerifyForm, UploadFormQuery, UploadStartForm } from '../schemas.ts';
import type { FunctionRoutes } from '../routes.ts';

export const routeSpecs = {
  fn: 'partner-portal',
  routes: {
    'GET /partner/signin': { auth: 'none' },
    'POST /partner/signin': { auth: 'none', form: SignInForm },
    'GET /partner/signin/verify': { auth: 'none' },
    'POST /partner/signin/verify': { auth: 'none', form: SignInVerifyForm },
    'GET /partner/signin/oidc': { auth: 'none', query: OidcSignInQuery },
    'GET /partner/signin/oidc/callback': { auth: 'none', query: OidcCallbackQuery },
    'POST /partner/signout': { auth: 'none', form: CsrfForm },
    'GET /partner': { auth: 'none' },
    'GET /partner/settings': { auth: 'none', query: DoneQuery },
    'POST /partner/settings/people': { auth: 'none', form: PartnerPersonForm },
    'POST /partner/settings/people/{userId}/role': { auth: 'none', form: PartnerPersonForm },
    'POST /partner/settings/people/{userId}/remove': { auth: 'none', form: CsrfForm },
    'GET /partner/customers': { auth: 'none', query: CursorQuery },
    'GET /partner/consent-requests/new': { auth: 'none' },
    'POST /partner/consent-requests': { auth: 'none', form: PartnerConsentRequestForm },
    'GET /partner/consent-requests/{requestId}': { auth: 'none', query: DoneQuery },
    'GET /partner/consent-link': { auth: 'none' },
    'POST /partner/settings/api-keys': { auth: 'none', form: CsrfForm },
    'POST /partner/settings/api-keys/{keyId}/revoke': { auth: 'none', form: CsrfForm },
    'POST /partner/settings/webhook': { auth: 'none', form: PartnerWebhookForm },
    'POST /partner/settings/webhook/secret-rotations': { auth: 'none', form: CsrfForm },
    'POST /partner/settings/webhook/deliveries/{deliveryId}/redeliver': { auth: 'none', form: CsrfForm },
    'GET /partner/uploads/new': { auth: 'none', query: UploadFormQuery },
    'POST /partner/uploads': { auth: 'none', form: UploadStartForm },
    'GET /partner/uploads/{uploadId}': { auth: 'none' },
    'GET /partner/batches': { auth: 'none', query: PartnerBatchesQuery },
    'GET /partner/batches/{batchId}': { auth: 'none', query: CursorQuery },
    'GET /partner/batches/{batchId}/results': { auth: 'none' },
  },
} as const satisfies FunctionRoutes<'partner-portal'>;
