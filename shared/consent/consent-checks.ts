import { normalizeDomain } from '../domain/directory.ts';
import type { Partner } from '../domain/partner.ts';
import { findTenantIdByDomain } from '../table/directory.ts';
import { authorizationFor } from '../table/relationships.ts';

/**
 * `POST /v1/consent-checks`: the partner's consent status for each tenant, given by id or domain.
 * A tenant the partner has no relationship with answers `none`, without its id: the check reveals
 * nothing about tenants the partner is not related to (R19).
 */
export async function checkConsent(partner: Pick<Partner, 'id' | 'kind'>, tenants: string[]) {
  return Promise.all(
    tenants.map(async (given) => {
      const tenantId = given.includes('.') ? await findTenantIdByDomain(normalizeDomain(given)) : given;
      if (!tenantId) return { tenant: given, status: 'none' as const };
      const authorization = await authorizationFor(partner, tenantId);
      return authorization.status === 'none'
        ? { tenant: given, status: 'none' as const }
        : { tenant: given, tenantId, status: authorization.status };
    }),
  );
}
