import type { Actor } from '#shared/domain/actor.ts';
import type { Tenant } from '#shared/domain/directory.ts';
import { newId, nowIso } from '#shared/domain/ids.ts';
import { tenantFromOrganization, type ProviderIdentity, type ProviderOrganization } from '#shared/domain/identity.ts';
import { commitChange } from '#shared/outbox/commit.ts';
import { domainPut, findTenantIdByIdpTenantId, getTenant, idpTenantPut, tenantPut } from '#shared/table/directory.ts';
import { failedBecause } from '#shared/table/transact.ts';

export type Registration = { ok: true; tenant: Tenant; registered: boolean } | { ok: false; reason: 'domain_taken'; domain: string };

/**
 * R21: a tenant unknown here, whose global administrator has just signed in, is registered now:
 * the tenant, its binding to the provider's tenant id, its domains and the audit event
 * `tenant.registered` commit together (R18). Its domains are the provider's own list of the
 * organization's verified domains (`organization`, read with the sign-in's access token), never the
 * username's: without the list it has no domain but its initial one (and that only when the list
 * names it). Two first sign-ins at once register it once (the binding is unique); the second finds
 * the first's tenant. A domain another tenant here already holds registers nothing: operators bind
 * that tenant instead (`PATCH /ops/tenants/{id}`).
 */
export async function registerTenantAtSignIn(identity: ProviderIdentity, organization: ProviderOrganization | undefined, actor: Actor): Promise<Registration> {
  const shape = tenantFromOrganization(identity.tid, organization);
  const tenant: Tenant = {
    id: newId('t'),
    name: shape.name,
    initialDomain: shape.initialDomain,
    domains: shape.domains,
    idpTenantId: identity.tid,
    requireIdpSignIn: false,
    createdAt: nowIso(),
  };
  // An initial domain still unknown (a reserved `.invalid` name) is nobody's to claim.
  const claimed = [tenant.initialDomain, ...tenant.domains].filter((d) => !d.endsWith('.invalid'));
  const outcome = await commitChange({
    writes: [tenantPut(tenant), idpTenantPut(identity.tid, tenant.id), ...claimed.map((domain) => domainPut(domain, tenant.id))],
    audit: {
      action: 'tenant.registered',
      actor,
      tenantId: tenant.id,
      details: { idpTenantId: identity.tid, domains: claimed, initialDomain: tenant.initialDomain, domainsFrom: organization ? 'provider' : 'none', registeredBy: identity.username },
    },
  });
  if (outcome.ok) return { ok: true, tenant, registered: true };
  if (failedBecause(outcome, 'idp_tenant_taken')) {
    const existingId = await findTenantIdByIdpTenantId(identity.tid);
    const existing = existingId ? await getTenant(existingId) : undefined;
    if (existing) return { ok: true, tenant: existing, registered: false };
  }
  const taken = outcome.failed.find((r) => r.startsWith('domain_taken:'));
  if (taken) return { ok: false, reason: 'domain_taken', domain: taken.slice('domain_taken:'.length) };
  throw new Error(`tenant not registered: ${outcome.failed.join(', ')}`);
}
