import { normalizeDomain } from '#shared/domain/directory.ts';
import type { Partner } from '#shared/domain/partner.ts';
import { findTenantIdsByDomains } from '#shared/table/directory.ts';
import { authorizationsFor } from '#shared/table/relationships.ts';

/** A tenant is named by its id, or by one of its domains (ids have no dots). */
const isDomain = (given: string) => given.includes('.');

/**
 * `POST /v1/consent-checks`: the partner's consent status for each tenant, given by id or domain.
 * A tenant the partner has no relationship with answers `none`, without its id: the check reveals
 * nothing about tenants the partner is not related to (R19). Whatever the number of tenants, the
 * domains are resolved in one batch and the authorizations read in another (R6-R8).
 */
export async function checkConsent(partner: Pick<Partner, 'id' | 'kind'>, tenants: string[]) {
  const domains = [...new Set(tenants.filter(isDomain).map(normalizeDomain))];
  const tenantOfDomain = await findTenantIdsByDomains(domains);
  const tenantIdOf = (given: string) => (isDomain(given) ? tenantOfDomain.get(normalizeDomain(given)) : given);
  const tenantIds = tenants.map(tenantIdOf).filter((id): id is string => id !== undefined);
  const authorizations = await authorizationsFor(partner, tenantIds);
  return tenants.map((given) => {
    const tenantId = tenantIdOf(given);
    const status = tenantId ? authorizations.get(tenantId)!.status : 'none';
    return status === 'none' ? { tenant: given, status } : { tenant: given, tenantId, status };
  });
}
