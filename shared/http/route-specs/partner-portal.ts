// Written by `npm run generate` from the route table (shared/http/routes.ts): do not edit.
// What the partner-portal function's chain needs of its own routes at run time (shared/http/chain.ts).

import { CsrfForm, DoneQuery, OidcCallbackQuery, OidcSignInQuery, PartnerPersonForm, SignInForm, SignInVerifyForm } from '../schemas.ts';
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
  },
} as const satisfies FunctionRoutes<'partner-portal'>;
