import type { Actor } from '#shared/domain/actor.ts';
import { isEmailOnTenantDomain, normalizeDomain, normalizeEmail, tenantDomains, type DirectoryRole, type Tenant, type User } from '#shared/domain/directory.ts';
import { conflict, notFound, validationFailed } from '#shared/domain/errors.ts';
import { newId, nowIso } from '#shared/domain/ids.ts';
import { commitChange } from '#shared/outbox/commit.ts';
import { customerKeysRevoked, liveCustomerKeys } from '#shared/table/customer-api-keys.ts';
import { keyOutlivedBy } from '#shared/domain/customer-api-keys.ts';
import { domainPut, getTenant, idpTenantDelete, idpTenantPut, tenantExists, tenantPut, tenantSignInUpdate, userPut } from '#shared/table/directory.ts';
import { failedBecause } from '#shared/table/transact.ts';

/** The operators' directory of tenants and their users. */
export async function createTenant(
  input: { name: string; initialDomain: string; domains?: string[]; idpTenantId?: string; requireIdpSignIn?: boolean },
  actor: Actor,
): Promise<Tenant> {
  const tenant: Tenant = {
    id: newId('t'),
    name: input.name,
    initialDomain: normalizeDomain(input.initialDomain),
    domains: [],
    ...(input.idpTenantId ? { idpTenantId: input.idpTenantId } : {}),
    requireIdpSignIn: input.requireIdpSignIn ?? false,
    createdAt: nowIso(),
  };
  tenant.domains = tenantDomains({ initialDomain: tenant.initialDomain, domains: input.domains ?? [] }).slice(1);
  const all = [tenant.initialDomain, ...tenant.domains];
  const outcome = await commitChange({
    writes: [tenantPut(tenant), ...all.map((domain) => domainPut(domain, tenant.id)), ...(tenant.idpTenantId ? [idpTenantPut(tenant.idpTenantId, tenant.id)] : [])],
    audit: {
      action: 'tenant.created',
      actor,
      tenantId: tenant.id,
      details: { domains: all, ...(tenant.idpTenantId ? { idpTenantId: tenant.idpTenantId } : {}), requireIdpSignIn: tenant.requireIdpSignIn },
    },
  });
  if (!outcome.ok) {
    const taken = outcome.failed.filter((r) => r.startsWith('domain_taken:')).map((r) => r.slice('domain_taken:'.length));
    if (taken.length > 0) throw conflict(`Domain already belongs to another tenant: ${taken.join(', ')}`);
    if (outcome.failed.includes('idp_tenant_taken')) throw conflict('This identity-provider tenant id already belongs to another tenant');
    throw new Error(`tenant not created: ${outcome.failed.join(', ')}`);
  }
  return tenant;
}

/**
 * R21: operators bind a tenant to its identity-provider tenant id (or unbind it with `null`) and
 * require its users to sign in through that provider. The binding item moves in the same
 * transaction as the tenant and its audit event; an id bound to another tenant is a conflict.
 */
export async function updateTenantSignIn(tenantId: string, change: { requireIdpSignIn?: boolean; idpTenantId?: string | null }, actor: Actor): Promise<Tenant> {
  const tenant = await requireTenant(tenantId);
  const before = tenant.idpTenantId;
  const after = change.idpTenantId === undefined ? before : (change.idpTenantId ?? undefined);
  const moved = (before ?? '').toLowerCase() !== (after ?? '').toLowerCase();
  // R25: a customer API key never outlives the tenant's choice to sign in only through its provider:
  // keys made in sessions an emailed link started are revoked in the same write (50 at most).
  const outlived =
    change.requireIdpSignIn === true && !tenant.requireIdpSignIn ? (await liveCustomerKeys(tenantId)).filter((key) => keyOutlivedBy(key.createdBy.signedInWith, true)).map((key) => key.keyId) : [];
  const outcome = await commitChange({
    writes: [
      tenantSignInUpdate(tenantId, before, change),
      ...(moved && before ? [idpTenantDelete(before, tenantId)] : []),
      ...(moved && after ? [idpTenantPut(after, tenantId)] : []),
      ...customerKeysRevoked(tenantId, outlived, nowIso()),
    ],
    audit: {
      action: 'tenant.sign_in_changed',
      actor,
      tenantId,
      details: {
        ...(change.requireIdpSignIn !== undefined ? { requireIdpSignIn: change.requireIdpSignIn } : {}),
        ...(change.idpTenantId !== undefined ? { idpTenantId: change.idpTenantId, previousIdpTenantId: before ?? null } : {}),
        ...(outlived.length > 0 ? { revokedCustomerKeys: outlived } : {}),
      },
    },
  });
  if (failedBecause(outcome, 'idp_tenant_taken')) throw conflict('This identity-provider tenant id already belongs to another tenant');
  if (!outcome.ok) throw conflict('The tenant changed meanwhile; read it and try again');
  const { idpTenantId: _old, ...rest } = tenant;
  return { ...rest, ...(after ? { idpTenantId: after } : {}), requireIdpSignIn: change.requireIdpSignIn ?? tenant.requireIdpSignIn ?? false };
}

export async function requireTenant(tenantId: string): Promise<Tenant> {
  const tenant = await getTenant(tenantId);
  if (!tenant) throw notFound('Tenant');
  return tenant;
}

export async function createUser(tenantId: string, input: { email: string; displayName: string; roles: DirectoryRole[] }, actor: Actor): Promise<User> {
  const tenant = await requireTenant(tenantId);
  if (!isEmailOnTenantDomain(input.email, tenant)) throw validationFailed([{ path: 'email', message: "must be on one of the tenant's domains" }]);
  const user: User = { id: newId('u'), tenantId, email: normalizeEmail(input.email), displayName: input.displayName, roles: [...new Set(input.roles)] };
  const outcome = await commitChange({
    writes: [userPut(user), tenantExists(tenantId)],
    audit: { action: 'user.created', actor, tenantId, subject: user.id, details: { roles: user.roles } },
  });
  if (failedBecause(outcome, 'email_taken')) throw conflict('A user with this email already exists');
  if (failedBecause(outcome, 'no_tenant')) throw notFound('Tenant');
  return user;
}
