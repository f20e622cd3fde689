import type { Actor } from '../domain/actor.ts';
import { isEmailOnTenantDomain, normalizeDomain, normalizeEmail, tenantDomains, type DirectoryRole, type Tenant, type User } from '../domain/directory.ts';
import { conflict, notFound, validationFailed } from '../domain/errors.ts';
import { newId, nowIso } from '../domain/ids.ts';
import { commitChange } from '../outbox/commit.ts';
import { domainPut, getTenant, tenantExists, tenantPut, userPut } from '../table/directory.ts';
import { failedBecause } from '../table/transact.ts';

/** The operators' directory of tenants and their users. */
export async function createTenant(input: { name: string; initialDomain: string; domains?: string[] }, actor: Actor): Promise<Tenant> {
  const tenant: Tenant = { id: newId('t'), name: input.name, initialDomain: normalizeDomain(input.initialDomain), domains: [], createdAt: nowIso() };
  tenant.domains = tenantDomains({ initialDomain: tenant.initialDomain, domains: input.domains ?? [] }).slice(1);
  const all = [tenant.initialDomain, ...tenant.domains];
  const outcome = await commitChange({
    writes: [tenantPut(tenant), ...all.map((domain) => domainPut(domain, tenant.id))],
    audit: { action: 'tenant.created', actor, tenantId: tenant.id, details: { domains: all } },
  });
  if (!outcome.ok) {
    const taken = outcome.failed.filter((r) => r.startsWith('domain_taken:')).map((r) => r.slice('domain_taken:'.length));
    if (taken.length > 0) throw conflict(`Domain already belongs to another tenant: ${taken.join(', ')}`);
    throw new Error(`tenant not created: ${outcome.failed.join(', ')}`);
  }
  return tenant;
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
