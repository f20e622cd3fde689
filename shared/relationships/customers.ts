import { notFound } from '#shared/domain/errors.ts';
import { nowIso } from '#shared/domain/ids.ts';
import type { Partner } from '#shared/domain/partner.ts';
import { toCustomer, type Customer } from '#shared/domain/relationship.ts';
import { getTenant } from '#shared/table/directory.ts';
import { authorizationFor } from '#shared/table/relationships.ts';

/**
 * One tenant the partner is authorized for now (R6-R8: its own relationship, or for a provider a
 * reseller's); any other tenant, known or not, is as unknown as one that does not exist (R19).
 */
export async function requireCustomer(partner: Pick<Partner, 'id' | 'kind'>, tenantId: string): Promise<Customer> {
  const authorization = await authorizationFor(partner, tenantId);
  const tenant = authorization.status === 'active' ? await getTenant(tenantId) : undefined;
  if (!tenant || !authorization.relationship) throw notFound('Customer');
  return toCustomer(tenant, authorization.relationship, nowIso(), authorization.viaResellerId);
}
