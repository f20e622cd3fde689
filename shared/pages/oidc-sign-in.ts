import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as oidc from 'openid-client';
import { isLocal, publicUrl } from '#shared/config/env.ts';
import type { Actor } from '#shared/domain/actor.ts';
import type { Tenant } from '#shared/domain/directory.ts';
import { identityFromClaims, mayRegisterTenant, signsIntoOwnTenantId, type ProviderIdentity, type ProviderOrganization } from '#shared/domain/identity.ts';
import type { HttpResult } from '#shared/http/response.ts';
import { logger } from '#shared/observability/logger.ts';
import { safeNext } from './consent-flow.ts';
import {
  organizationDeclined,
  organizationDomainTaken,
  organizationListUnavailable,
  organizationNotRegistered,
  organizationSignInFailed,
  organizationSignInUnavailable,
} from './identity-views.ts';
import { page, redirect } from './layout.ts';
import { findTenantIdByIdpTenantId, getTenant, getUserByEmail } from '#shared/table/directory.ts';
import { authorizationRedirect, clearedFlowCookie, flowOf } from './oidc-flow.ts';
import { IdTokenRejected, verifyIdToken } from '#shared/identity/id-token.ts';
import { identityProvider, isOidcConfigured } from '#shared/identity/provider.ts';
import { registerTenantAtSignIn } from '#shared/identity/register-tenant.ts';
import { OrganizationUnavailable, readOrganization } from '#shared/identity/organization.ts';
import { startSession } from './session-start.ts';

/**
 * Sign-in with the organization's identity provider (R21): the authorization code flow with PKCE
 * (S256), `state` and `nonce`. What the answer is checked with lives only in the browser that
 * started the flow, in an encrypted, authenticated, `__Host-` cookie that expires in 10 minutes
 * (./oidc-flow.ts): an anonymous start writes nothing, an answer delivered to another browser
 * (login CSRF) finds no flow of its `state`, and the callback clears the cookie it used.
 */

/** `GET /signin/oidc?next=`: a new flow, and off to the provider's authorization endpoint. */
export async function startOidcSignIn(next: string | undefined): Promise<HttpResult> {
  if (!isOidcConfigured()) return page('Sign-in with your organization is not available', organizationSignInUnavailable(), { status: 503 });
  let idp;
  try {
    idp = await identityProvider();
  } catch (error) {
    logger.error('identity provider unavailable', { error: error as Error });
    return page('Sign-in with your organization is not available', organizationSignInUnavailable(), { status: 503 });
  }
  return authorizationRedirect(idp, { redirectUri: idp.redirectUri, next: safeNext(next) });
}

export interface CallbackQuery {
  state?: string;
  error?: string;
}

/**
 * `GET /signin/oidc/callback`: the provider's answer. The flow of its `state` (once, from this
 * browser), the code exchanged with the PKCE verifier, the ID token verified (signature, issuer,
 * audience, expiry, nonce), then who the user is from the token (R21): the tenant by `tid`
 * (registered now if unknown and the user is its global administrator), the roles by `wids`.
 */
export async function finishOidcSignIn(event: APIGatewayProxyEventV2, query: CallbackQuery): Promise<HttpResult> {
  // The flow cookie is cleared once its own flow is over; an answer that is not its flow's leaves it
  // alone (a forged answer must not spoil the sign-in this browser has in progress).
  const cleared = [clearedFlowCookie()];
  const failed = (reason: string, cookies: string[] = cleared) => page('Sign-in did not complete', organizationSignInFailed(reason), { status: 400, cookies });
  const { flow, anyOpened } = await flowOf(event, query.state);
  if (!flow) {
    logger.warn('sign-in answer without its flow', { hasState: Boolean(query.state), hasFlow: anyOpened });
    return failed(
      'This sign-in answer is not one this browser is waiting for: it was used already, it expired, it was changed on the way, or the sign-in was started in another browser. Start it again here.',
      [],
    );
  }
  if (query.error) {
    return page('Your organization did not sign you in', organizationDeclined(query.error.slice(0, 100)), { status: 401, cookies: cleared });
  }

  let identity: ProviderIdentity;
  let accessToken: string | undefined;
  try {
    const idp = await identityProvider();
    const currentUrl = new URL(`${idp.redirectUri}?${event.rawQueryString ?? new URLSearchParams(event.queryStringParameters as Record<string, string>).toString()}`);
    const tokens = await oidc.authorizationCodeGrant(idp.config, currentUrl, {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: query.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    if (!tokens.id_token) throw new IdTokenRejected('claims', 'no ID token in the answer');
    const claims = await verifyIdToken(tokens.id_token, { issuer: idp.issuer, audience: idp.clientId, nonce: flow.nonce, keys: idp.keys });
    identity = identityFromClaims(claims);
    accessToken = tokens.access_token;
  } catch (error) {
    // Names and codes only: never a token, a code or a claim value.
    const { name, code } = error as { name?: string; code?: string };
    logger.warn('sign-in answer refused', { error: name, code, problem: error instanceof IdTokenRejected ? error.problem : undefined });
    return failed('Your organization\'s answer could not be verified.');
  }

  const tenant = await tenantOf(identity);
  const actor = (userId: string): Actor => ({ type: 'user', id: userId, sourceIp: event.requestContext?.http?.sourceIp });
  let resolved: Tenant;
  if (tenant) {
    resolved = tenant;
  } else {
    if (!mayRegisterTenant(identity)) {
      return page('Your organization is not registered here yet', organizationNotRegistered(identity.rolesKnown), { status: 403, cookies: cleared });
    }
    // R21: its domains from the provider's own list, read with this sign-in's access token; never from the username.
    let organization: ProviderOrganization;
    try {
      if (!accessToken) throw new OrganizationUnavailable('no access token in the answer');
      organization = await readOrganization(accessToken, identity.tid);
    } catch (error) {
      logger.warn('organization list unavailable', { error: (error as Error).message });
      return page('Your organization can\'t be registered right now', organizationListUnavailable(), { status: 503, cookies: cleared });
    }
    const registration = await registerTenantAtSignIn(identity, organization, actor(providerUserId(identity)));
    if (!registration.ok) return page("Your organization can't be registered", organizationDomainTaken(registration.domain), { status: 409, cookies: cleared });
    resolved = registration.tenant;
    if (registration.registered) logger.info('tenant registered at sign-in', { tenantId: resolved.id });
  }

  // The same user in the directory keeps its id, so the portal and the audit name one user either way.
  const known = await getUserByEmail(identity.username);
  const userId = known?.tenantId === resolved.id ? known.id : providerUserId(identity);
  const cookie = await startSession(event, {
    userId,
    email: identity.username,
    tenantId: resolved.id,
    displayName: identity.displayName,
    roles: identity.roles,
    rolesKnown: identity.rolesKnown,
    signedInWith: 'organization',
  });
  return redirect(flow.next ?? '/portal', [cookie, ...cleared]);
}

const providerUserId = (identity: ProviderIdentity) => `oid_${identity.oid}`;

/**
 * R21: the tenant of a `tid`: the one bound to it, or, only when running locally (the local
 * provider's tokens of tenants without a binding), the tenant whose own id it is, as long as that
 * tenant is bound to nothing else. In AWS a `tid` is only ever a binding: a provider tenant whose id
 * happened to equal one of ours would otherwise sign into it.
 */
async function tenantOf(identity: ProviderIdentity): Promise<Tenant | undefined> {
  const boundId = await findTenantIdByIdpTenantId(identity.tid);
  if (boundId) return getTenant(boundId);
  if (!isLocal()) return undefined;
  const own = await getTenant(identity.tid);
  return own && signsIntoOwnTenantId(own, isLocal()) ? own : undefined;
}
