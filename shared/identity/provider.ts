import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import * as oidc from 'openid-client';
import { ConfigError } from '#shared/config/config-error.ts';
import { isLocal, optionalEnv, publicUrl } from '#shared/config/env.ts';
import { secretString } from '#shared/config/secrets.ts';

/**
 * The organization's identity provider, as the pages function sees it (R21). In AWS: Microsoft
 * Entra ID as a multi-tenant app (`OIDC_ISSUER` = `https://login.microsoftonline.com/organizations/v2.0`,
 * whose discovery document's issuer is the `{tenantid}` template), the client id from CDK context
 * (`OIDC_CLIENT_ID`), the client secret in a Secrets Manager secret of its own that only the pages
 * function may read (`OIDC_SECRET_ARN`). Locally: the local provider (dev/idp.ts), with a fixed
 * issuer and `OIDC_CLIENT_SECRET`.
 */

export const CALLBACK_PATH = '/signin/oidc/callback';

/**
 * `tid`, `oid`, `wids` come with `openid` at Entra; `name` and `preferred_username` with `profile`;
 * `User.Read` makes the access token one for Microsoft Graph that may read `GET /organization`, the
 * organization's verified domains (R21: a tenant registered at sign-in takes its domains from there).
 */
export const SCOPES = 'openid profile User.Read';

/** Is sign-in with an identity provider set up for this deployment? */
export const isOidcConfigured = (): boolean => Boolean(optionalEnv('OIDC_ISSUER') && optionalEnv('OIDC_CLIENT_ID'));

/** The problems of the variables, one line each (checked at the pages function's cold start). */
export function oidcConfigProblems(env: NodeJS.ProcessEnv = process.env): string[] {
  const issuer = env.OIDC_ISSUER;
  const clientId = env.OIDC_CLIENT_ID;
  if (!issuer && !clientId) return [];
  const local = env.DEPLOYMENT === 'local';
  const problems: string[] = [];
  if (!issuer || !(local ? /^https?:\/\/[^\s]+$/ : /^https:\/\/[^\s]+$/).test(issuer)) problems.push(`OIDC_ISSUER is not valid: it must be the identity provider's ${local ? 'http(s)' : 'https'} issuer URL`);
  if (!clientId || !/^[A-Za-z0-9._-]{1,200}$/.test(clientId)) problems.push('OIDC_CLIENT_ID is not valid: it must be the client (application) id of the app registration');
  if (local ? !env.OIDC_CLIENT_SECRET : !/^arn:aws[a-z-]*:secretsmanager:/.test(env.OIDC_SECRET_ARN ?? '')) {
    problems.push(local ? 'OIDC_CLIENT_SECRET is not set: it must be the local client secret' : 'OIDC_SECRET_ARN is not valid: it must be the ARN of the client secret in Secrets Manager');
  }
  return problems;
}

/**
 * The form of an initial domain at this provider (Entra's `*.onmicrosoft.com`; locally the
 * directory's `*.onmicrosoft.example`): such names come from the provider only, never by DNS (R21).
 */
export const initialDomainSuffix = (): string => optionalEnv('OIDC_INITIAL_DOMAIN_SUFFIX') ?? (isLocal() ? 'onmicrosoft.example' : 'onmicrosoft.com');

async function clientSecret(): Promise<string> {
  if (isLocal()) {
    const secret = optionalEnv('OIDC_CLIENT_SECRET');
    if (!secret) throw new ConfigError('Configuration: OIDC_CLIENT_SECRET is not set');
    return secret;
  }
  const arn = optionalEnv('OIDC_SECRET_ARN');
  if (!arn) throw new ConfigError('Configuration: OIDC_SECRET_ARN is not set');
  const value = await secretString(arn);
  // Either the client secret itself, or JSON {"clientSecret": "..."}.
  const secret = value.startsWith('{') ? String((JSON.parse(value) as { clientSecret?: unknown }).clientSecret ?? '') : value;
  if (!secret) throw new ConfigError('Configuration: the secret OIDC_SECRET_ARN holds no client secret');
  return secret;
}

export interface IdentityProvider {
  config: oidc.Configuration;
  /** The issuer of its discovery document (Entra's holds `{tenantid}`). */
  issuer: string;
  clientId: string;
  redirectUri: string;
  /** Its signing keys (JWKS), fetched when first needed and cached, refetched for an unknown `kid`. */
  keys: JWTVerifyGetKey;
}

let cached: Promise<IdentityProvider> | undefined;

/** The provider's metadata (discovery), our client and its keys: once per cold start, again after a failure. */
export function identityProvider(): Promise<IdentityProvider> {
  cached ??= discover().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function discover(): Promise<IdentityProvider> {
  const problems = oidcConfigProblems();
  const issuerUrl = optionalEnv('OIDC_ISSUER');
  const clientId = optionalEnv('OIDC_CLIENT_ID');
  if (problems.length > 0 || !issuerUrl || !clientId) throw new ConfigError(`Configuration: ${problems.join('; ') || 'OIDC_ISSUER and OIDC_CLIENT_ID are not set'}`);
  const secret = await clientSecret();
  // Only the local provider is plain http (on 127.0.0.1); in AWS every call is https.
  const insecure = isLocal() && issuerUrl.startsWith('http:');
  const config = await oidc.discovery(new URL(issuerUrl), clientId, secret, undefined, { timeout: 10, ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}) });
  const metadata = config.serverMetadata();
  if (!metadata.jwks_uri) throw new ConfigError('Configuration: the identity provider publishes no jwks_uri');
  return {
    config,
    issuer: metadata.issuer,
    clientId,
    redirectUri: `${publicUrl()}${CALLBACK_PATH}`,
    keys: createRemoteJWKSet(new URL(metadata.jwks_uri), { timeoutDuration: 5000, cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 }),
  };
}
