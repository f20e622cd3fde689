import { isLocal, optionalEnv } from '#shared/config/env.ts';
import type { ProviderOrganization } from '#shared/domain/identity.ts';

/**
 * R21: the provider's own list of an organization's verified domains, read at a tenant's
 * registration with the access token of its global admin's sign-in: Microsoft Graph
 * `GET /v1.0/organization` (delegated `User.Read` is enough) in AWS; locally the local provider
 * (dev/idp.ts), which serves the same path and shape for its directory. `OIDC_ORGANIZATION_URL`
 * names it (default: Graph's).
 */

export const GRAPH_ORGANIZATION_URL = 'https://graph.microsoft.com/v1.0/organization';

export class OrganizationUnavailable extends Error {
  constructor(detail: string) {
    super(`the provider's organization list could not be read: ${detail}`);
    this.name = 'OrganizationUnavailable';
  }
}

const organizationUrl = (): string => optionalEnv('OIDC_ORGANIZATION_URL') ?? GRAPH_ORGANIZATION_URL;

/** The problems of `OIDC_ORGANIZATION_URL`, when set (https, or http only when running locally). */
export function organizationUrlProblems(env: NodeJS.ProcessEnv = process.env): string[] {
  const value = env.OIDC_ORGANIZATION_URL;
  if (!value) return [];
  const pattern = env.DEPLOYMENT === 'local' ? /^https?:\/\/[^\s]+$/ : /^https:\/\/[^\s]+$/;
  return pattern.test(value) ? [] : ["OIDC_ORGANIZATION_URL is not valid: it must be the https URL of the provider's organization list (Microsoft Graph's /v1.0/organization)"];
}

/**
 * The organization of the signed-in user, as its provider lists it: only the entry whose `id` is
 * the token's `tid` counts (a token of one tenant never vouches for another's domains). Throws
 * `OrganizationUnavailable` when the list cannot be read or names no such organization.
 */
export async function readOrganization(accessToken: string, tid: string): Promise<ProviderOrganization> {
  const url = organizationUrl();
  if (!isLocal() && !url.startsWith('https://')) throw new OrganizationUnavailable('not https');
  let res: Response;
  try {
    res = await fetch(`${url}?$select=id,displayName,verifiedDomains`, { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' }, redirect: 'error', signal: AbortSignal.timeout(5000) });
  } catch (error) {
    throw new OrganizationUnavailable((error as Error).name);
  }
  if (!res.ok) throw new OrganizationUnavailable(`status ${res.status}`);
  const body = (await res.json().catch(() => undefined)) as { value?: unknown } | undefined;
  const entries = Array.isArray(body?.value) ? (body.value as Record<string, unknown>[]) : [];
  const own = entries.find((entry) => typeof entry?.id === 'string' && entry.id.toLowerCase() === tid.toLowerCase());
  if (!own) throw new OrganizationUnavailable('no organization of this tenant id in the answer');
  const verified = Array.isArray(own.verifiedDomains) ? (own.verifiedDomains as Record<string, unknown>[]) : [];
  return {
    id: String(own.id),
    ...(typeof own.displayName === 'string' ? { displayName: own.displayName } : {}),
    verifiedDomains: verified.flatMap((d) => (typeof d?.name === 'string' ? [{ name: d.name, isInitial: d.isInitial === true }] : [])),
  };
}
