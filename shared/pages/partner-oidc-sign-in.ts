import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as oidc from 'openid-client';
import { publicUrl } from '#shared/config/env.ts';
import { identityFromClaims, type ProviderIdentity } from '#shared/domain/identity.ts';
import { organizationSignsIntoPartner } from '#shared/domain/partner.ts';
import type { HttpResult } from '#shared/http/response.ts';
import { IdTokenRejected, verifyIdToken } from '#shared/identity/id-token.ts';
import { identityProvider, isOidcConfigured } from '#shared/identity/provider.ts';
import { logger } from '#shared/observability/logger.ts';
import { findPeopleByEmail } from '#shared/table/partner-people.ts';
import { getPartners } from '#shared/table/partners.ts';
import { redirect } from './layout.ts';
import { authorizationRedirect, clearedFlowCookie, flowOf } from './oidc-flow.ts';
import { safePartnerNext } from './partner-portal.ts';
import { startPartnerSession } from './partner-sign-in.ts';
import { partnerOrganizationRefused, partnerPublicPage } from './partner-views.ts';

/*
 * R32: "Sign in with your organization" to the partner portal, through the same OIDC client as the
 * customer side (the same provider, client id and secret; the portal's own redirect URI). The
 * flow is the customers' (code, PKCE S256, state, nonce, in an encrypted cookie of its own kind).
 * Which partner: the provider's organization (`tid`) must be the one operators registered for the
 * partner (`idpTenantId`), and the person is the partner's person of the token's address
 * (`preferred_username`). No person is made at sign-in: admins invite them first.
 */

export const PARTNER_CALLBACK_PATH = '/partner/signin/oidc/callback';
const redirectUri = () => `${publicUrl()}${PARTNER_CALLBACK_PATH}`;

const unavailable = () =>
  partnerPublicPage('Sign-in with your organization is not available', partnerOrganizationRefused('Sign-in with your organization is not available right now. Use an emailed link instead.'), { status: 503 });

/** `GET /partner/signin/oidc?next=`: a new flow, and off to the provider. */
export async function startPartnerOidcSignIn(next: string | undefined): Promise<HttpResult> {
  if (!isOidcConfigured()) return unavailable();
  let idp;
  try {
    idp = await identityProvider();
  } catch (error) {
    logger.error('identity provider unavailable', { error: error as Error });
    return unavailable();
  }
  return authorizationRedirect(idp, { redirectUri: redirectUri(), next: safePartnerNext(next), kind: 'partner' });
}

/** `GET /partner/signin/oidc/callback`: the provider's answer, verified; then the partner's person of that address, if the organization is the partner's. */
export async function finishPartnerOidcSignIn(event: APIGatewayProxyEventV2, query: { state?: string; error?: string }): Promise<HttpResult> {
  const cleared = [clearedFlowCookie('partner')];
  const refused = (reason: string, status: number, cookies: string[] = cleared) => partnerPublicPage('Sign-in did not complete', partnerOrganizationRefused(reason), { status, cookies });
  const { flow } = await flowOf(event, query.state, Date.now(), 'partner');
  if (!flow) return refused('This sign-in answer is not one this browser is waiting for: it was used already, it expired, or the sign-in was started in another browser. Start it again here.', 400, []);
  if (query.error) return refused('Your organization did not sign you in.', 401);
  let identity: ProviderIdentity;
  try {
    const idp = await identityProvider();
    const currentUrl = new URL(`${redirectUri()}?${event.rawQueryString ?? new URLSearchParams(event.queryStringParameters as Record<string, string>).toString()}`);
    const tokens = await oidc.authorizationCodeGrant(idp.config, currentUrl, { pkceCodeVerifier: flow.codeVerifier, expectedState: query.state, expectedNonce: flow.nonce, idTokenExpected: true });
    if (!tokens.id_token) throw new IdTokenRejected('claims', 'no ID token in the answer');
    identity = identityFromClaims(await verifyIdToken(tokens.id_token, { issuer: idp.issuer, audience: idp.clientId, nonce: flow.nonce, keys: idp.keys }));
  } catch (error) {
    const { name, code } = error as { name?: string; code?: string };
    logger.warn('partner sign-in answer refused', { error: name, code, problem: error instanceof IdTokenRejected ? error.problem : undefined });
    return refused("Your organization's answer could not be verified.", 400);
  }
  const people = await findPeopleByEmail(identity.username);
  const partners = await getPartners(people.map((p) => p.partnerId));
  const at = partners.findIndex((partner) => partner !== undefined && organizationSignsIntoPartner(partner, identity.tid));
  if (at < 0) {
    return refused(`${identity.username} is not a person of a partner whose organization signs in here. Ask an admin of your partner to invite you (then sign in with the emailed link), or your operator contact to register your organization for the partner portal.`, 403);
  }
  const cookie = await startPartnerSession(event, people[at], partners[at]!, 'organization');
  return redirect(flow.next ?? '/partner', [cookie, ...cleared]);
}
