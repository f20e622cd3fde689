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

/** "IntuneAdministrator" -> "Intune Administrator", as pages show roles (Entra's display names). */
export const roleDisplayName = (role: string): string => role.replace(/([a-z])([A-Z])/g, '$1 $2');

/**
 * Entra's role template ids of the directory roles this service knows (Microsoft Entra built-in
 * roles, "Template ID"): the same in every tenant, never changed. They are the `wids` of an ID
 * token (R21) and how delegated admin roles are answered (R31).
 */
export const ROLE_TEMPLATE_IDS: Record<DirectoryRole, string> = {
  GlobalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  CloudDeviceAdministrator: '7698a772-787b-4ac8-901f-60d6b08affd2',
  IntuneAdministrator: '3a2c62db-5318-420d-8d74-23affee5d9d5',
  HelpdeskAdministrator: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  GlobalReader: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
  DirectoryReaders: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
  ServiceSupportAdministrator: 'f023fd81-a637-4b56-95fd-791ac0226033',
  LicenseAdministrator: '4d6ac14f-3453-41d0-bef9-a3e0c569773a',
  UserAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
};

/** R31: a delegated admin role as the API answers it: its name, its Entra role template id, its display name. */
export interface RoleRef {
  name: DelegatedAdminRole;
  templateId: string;
  displayName: string;
}

export const roleRef = (role: DelegatedAdminRole): RoleRef => ({ name: role, templateId: ROLE_TEMPLATE_IDS[role], displayName: roleDisplayName(role) });

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
