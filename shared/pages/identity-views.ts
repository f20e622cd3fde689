import { html, type SafeHtml } from '#shared/util/html.ts';

/** Pages of the sign-in with the organization's identity provider (R21). */

/** Where "Sign in with your organization" goes, keeping where to come back to. */
export const organizationSignInHref = (next?: string): string => `/signin/oidc${next ? `?next=${encodeURIComponent(next)}` : ''}`;

export const organizationSignInLink = (next?: string, label = 'Sign in with your organization') =>
  html`<a class="button" id="signin-organization" href="${organizationSignInHref(next)}">${label}</a>`;

/** R21: a tenant that requires its provider: emailed links sign none of its users in. */
export const organizationSignInRequired = (next?: string): SafeHtml =>
  html`<h1>Sign in with your organization</h1>
<p class="notice" role="status">Your organization requires you to sign in with its own sign-in (its identity provider). Emailed sign-in links don't sign its users in; nothing was signed in.</p>
<div class="actions">${organizationSignInLink(next)}</div>`;

/** The answer on the redirect URI could not be used: tampered, replayed, expired or refused. */
export const organizationSignInFailed = (reason: string): SafeHtml =>
  html`<h1>Sign-in did not complete</h1>
<p class="notice error" role="alert" id="signin-error">${reason} Nobody was signed in.</p>
<div class="actions">${organizationSignInLink(undefined, 'Start again')}</div>
<p>Or <a href="/signin">sign in with an emailed link</a>, if your organization allows it.</p>`;

/** The provider said no (the user cancelled, or the provider refused). */
export const organizationDeclined = (error: string): SafeHtml =>
  html`<h1>Your organization did not sign you in</h1>
<p class="notice error" role="alert" id="signin-error">Your organization's sign-in answered "${error}". Nobody was signed in.</p>
<div class="actions">${organizationSignInLink(undefined, 'Try again')}</div>`;

/** R21: a tenant unknown here, and the user is not one of its global administrators. */
export const organizationNotRegistered = (rolesKnown: boolean): SafeHtml =>
  html`<h1>Your organization is not registered here yet</h1>
<p>Your organization has not used device-consent before. One of its global administrators must sign in first: that registers it. Then sign in again.</p>
${rolesKnown ? '' : rolesUnknownNote()}
<p>Nothing was signed in and nothing has been changed.</p>`;

/** R21: the provider's list of the organization's verified domains could not be read; nothing was registered. */
export const organizationListUnavailable = (): SafeHtml =>
  html`<h1>Your organization can't be registered right now</h1>
<p>Registering your organization needs its list of verified domains from its identity provider, and the provider did not give it (it may be unreachable, or the app registration lacks the <code>User.Read</code> permission). Try again in a moment.</p>
<p>Nothing was signed in and nothing has been changed.</p>`;

/** R21: a domain the provider lists for the organization is another tenant's here. */
export const organizationDomainTaken = (domain: string): SafeHtml =>
  html`<h1>Your organization can't be registered</h1>
<p>The domain ${domain} already belongs to an organization registered here under another identity. Ask the service's operators to link your organization's sign-in to it.</p>
<p>Nothing was signed in and nothing has been changed.</p>`;

export const organizationSignInUnavailable = (): SafeHtml =>
  html`<h1>Sign-in with your organization is not available</h1>
<p>This service is not set up to sign in with an identity provider, or the provider can't be reached right now. <a href="/signin">Sign in with an emailed link</a> instead, or try again later.</p>`;

/** The token said nothing of roles: the app registration must emit `wids`. */
export const rolesUnknownNote = (): SafeHtml =>
  html`<p class="notice" id="roles-unknown">Your organization's sign-in did not say which directory roles you hold, so none are assumed. Its app registration for device-consent must emit the <code>wids</code> claim (the <code>wids</code> optional claim, or <code>groupMembershipClaims</code>): ask an administrator of your organization's identity provider.</p>`;
