/** Tenants and users of the directory, and the rules that need no I/O. */

/**
 * Directory roles a user can hold. `GlobalAdministrator` is the one that may accept consent (R1);
 * the rest are the catalogue of least-privileged roles a partner may ask for (R4).
 */
export const DELEGATED_ADMIN_ROLES = [
  'CloudDeviceAdministrator',
  'IntuneAdministrator',
  'HelpdeskAdministrator',
  'GlobalReader',
  'DirectoryReaders',
  'ServiceSupportAdministrator',
  'LicenseAdministrator',
  'UserAdministrator',
] as const;
export type DelegatedAdminRole = (typeof DELEGATED_ADMIN_ROLES)[number];

export const DIRECTORY_ROLES = ['GlobalAdministrator', ...DELEGATED_ADMIN_ROLES] as const;
export type DirectoryRole = (typeof DIRECTORY_ROLES)[number];

/** "IntuneAdministrator" -> "Intune Administrator", as pages show roles. */
export const roleDisplayName = (role: string): string => role.replace(/([a-z])([A-Z])/g, '$1 $2');

export interface Tenant {
  id: string;
  name: string;
  initialDomain: string;
  domains: string[];
  /** R21: the tenant's id at its identity provider (the `tid` of its users' tokens). */
  idpTenantId?: string;
  /** R21: its users sign in only through their identity provider; no emailed link signs them in. */
  requireIdpSignIn?: boolean;
  createdAt: string;
}

export interface User {
  id: string;
  tenantId: string;
  email: string;
  displayName: string;
  roles: DirectoryRole[];
}

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();
export const normalizeDomain = (domain: string): string => domain.trim().toLowerCase().replace(/\.$/, '');
export const emailDomain = (email: string): string => normalizeEmail(email).split('@').pop() ?? '';

/** Every domain of a tenant: the initial one first, then the verified ones, without repeats. */
export const tenantDomains = (t: Pick<Tenant, 'initialDomain' | 'domains'>): string[] => [
  ...new Set([normalizeDomain(t.initialDomain), ...t.domains.map(normalizeDomain)]),
];

/** A user's email must be on one of the tenant's domains, as a directory would require. */
export const isEmailOnTenantDomain = (email: string, tenant: Tenant): boolean =>
  tenantDomains(tenant).includes(emailDomain(email));

/** R1: only a global administrator may accept consent for their tenant. */
export const isGlobalAdministrator = (user: Pick<User, 'roles'>): boolean => user.roles.includes('GlobalAdministrator');

/** R9: cloud-native means the email is on the tenant's service-issued initial domain. */
export const isCloudNative = (user: Pick<User, 'email'>, tenant: Pick<Tenant, 'initialDomain'>): boolean =>
  emailDomain(user.email) === normalizeDomain(tenant.initialDomain);
