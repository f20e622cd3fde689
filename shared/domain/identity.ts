import { DIRECTORY_ROLES, normalizeDomain, normalizeEmail, ROLE_TEMPLATE_IDS, type DirectoryRole } from './directory.ts';

/**
 * R21: who a customer user is, as their organization's identity provider says. The provider is
 * Microsoft Entra ID in AWS (a multi-tenant app) and a local OpenID Provider that issues
 * Entra-shaped tokens when running locally; both say the same things in the same claims.
 */

/**
 * Entra's role template ids (the `wids` claim) of the directory roles this service knows
 * (directory.ts). An ID token carries them only when the app registration asks for them (the
 * `wids` optional claim, or `groupMembershipClaims`); Entra then also adds the template id of the
 * default user role.
 */
export { ROLE_TEMPLATE_IDS };

/** The template id every member of an Entra tenant holds ("User"); it is no directory role here. */
export const DEFAULT_USER_ROLE_TEMPLATE_ID = 'b79fbf4d-3ef9-4689-8143-76b194e85509';

const ROLE_OF_TEMPLATE = new Map(Object.entries(ROLE_TEMPLATE_IDS).map(([role, id]) => [id, role as DirectoryRole]));

/** The `wids` a provider puts in the token of a user holding these roles (the local provider's job). */
export const widsOfRoles = (roles: readonly DirectoryRole[]): string[] => [
  ...new Set([DEFAULT_USER_ROLE_TEMPLATE_ID, ...roles.filter((r) => DIRECTORY_ROLES.includes(r)).map((r) => ROLE_TEMPLATE_IDS[r])]),
];

/**
 * The directory roles of a `wids` claim, or `undefined` when the token has no `wids` at all: then
 * nothing is known of the user's roles (the app registration does not emit them), which grants
 * no role. Template ids this service does not know are ignored.
 */
export function rolesFromWids(wids: unknown): DirectoryRole[] | undefined {
  if (!Array.isArray(wids)) return undefined;
  const roles = wids.flatMap((id) => (typeof id === 'string' ? [ROLE_OF_TEMPLATE.get(id.toLowerCase())].filter((r) => r !== undefined) : []));
  return DIRECTORY_ROLES.filter((role) => roles.includes(role));
}

/** A user as their organization's identity provider vouches for them (R21). */
export interface ProviderIdentity {
  /** The identity provider's tenant id (`tid`): which tenant the user belongs to. */
  tid: string;
  /** The user's object id in that tenant (`oid`), stable across the tenant's apps. */
  oid: string;
  /** `preferred_username`: the username (an email-shaped UPN), lower-cased. */
  username: string;
  displayName: string;
  /** Directory roles from `wids`; empty when `wids` is absent (see `rolesKnown`). */
  roles: DirectoryRole[];
  /** False when the token carried no `wids`: the page then says the app registration must emit it. */
  rolesKnown: boolean;
}

export class IdentityClaimsMissing extends Error {
  constructor(claim: string) {
    super(`the ID token has no usable ${claim} claim`);
    this.name = 'IdentityClaimsMissing';
  }
}

/** Identifiers the service keys items with: short and plain (Entra's are GUIDs). */
const PLAIN_ID = /^[A-Za-z0-9_.-]{1,128}$/;
const USERNAME = /^[^@\s]{1,64}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** R21: the identity in a verified ID token's claims (tenant, object id, username, name, roles). */
export function identityFromClaims(claims: Record<string, unknown>): ProviderIdentity {
  const text = (name: string) => (typeof claims[name] === 'string' ? (claims[name] as string).trim() : '');
  const tid = text('tid');
  if (!PLAIN_ID.test(tid)) throw new IdentityClaimsMissing('tid');
  const oid = text('oid') || text('sub');
  if (!PLAIN_ID.test(oid)) throw new IdentityClaimsMissing('oid');
  const username = normalizeEmail(text('preferred_username'));
  if (!USERNAME.test(username) || username.length > 254) throw new IdentityClaimsMissing('preferred_username');
  const roles = rolesFromWids(claims.wids);
  return { tid, oid, username, displayName: text('name').slice(0, 200) || username, roles: roles ?? [], rolesKnown: roles !== undefined };
}

/**
 * R21: a `tid` equal to a tenant's own id signs into that tenant only when running locally (the
 * local provider's tokens of unbound tenants carry the tenant's id) and only while the tenant is
 * bound to no provider tenant; in AWS only a binding (`idpTenantId`) does.
 */
export const signsIntoOwnTenantId = (tenant: { idpTenantId?: string }, local: boolean): boolean => local && !tenant.idpTenantId;

/** R21: an unknown tenant is registered at the sign-in of one of its global administrators, and only then. */
export const mayRegisterTenant = (identity: Pick<ProviderIdentity, 'roles'>): boolean => identity.roles.includes('GlobalAdministrator');

/**
 * R21: an organization as its identity provider describes it (Entra: Microsoft Graph
 * `GET /organization`, read with the sign-in's access token; locally the local provider's
 * directory in the same shape): its id, its name and the domains the provider has verified for it,
 * one of them its initial domain (`contoso.onmicrosoft.com`).
 */
export interface ProviderOrganization {
  id: string;
  displayName?: string;
  verifiedDomains: { name: string; isInitial: boolean }[];
}

/** A domain name as tenants hold them: lower case, labels of letters, digits and hyphens, a top-level label of letters (punycode for the rest). */
const DOMAIN_NAME = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

export const isDomainName = (domain: string): boolean => DOMAIN_NAME.test(domain);

/**
 * The tenant registered at its global administrator's first sign-in (R21). Its domains come only
 * from the provider's own list of the organization's verified domains, never from the username or
 * any other claim a user controls: the initial domain is the one the list marks initial, the rest
 * are its verified domains. Without a list (or without an initial domain in it) the initial domain
 * stays unknown: a reserved `.invalid` name no username can have, so nobody is wrongly taken for
 * cloud-native (R9), and the tenant has no domain at all until one is proven.
 */
export function tenantFromOrganization(tid: string, organization: ProviderOrganization | undefined): { name: string; initialDomain: string; domains: string[] } {
  const listed = (organization?.verifiedDomains ?? []).map((d) => ({ name: normalizeDomain(d.name), isInitial: d.isInitial })).filter((d) => isDomainName(d.name));
  const initial = listed.find((d) => d.isInitial)?.name;
  const initialDomain = initial ?? `${tid.toLowerCase().replace(/[^a-z0-9-]/g, '-')}.initial-domain-unknown.invalid`;
  const domains = [...new Set(listed.filter((d) => d.name !== initial).map((d) => d.name))];
  const name = organization?.displayName?.trim().slice(0, 200) || initial || 'Organization';
  return { name, initialDomain, domains };
}
