import { delegatedAdminState, type GrantedDelegatedAdmin } from './consent.ts';
import { tenantDomains, type Tenant } from './directory.ts';
import type { PartnerKind } from './partner.ts';

export type RelationshipStatus = 'active' | 'terminated' | 'revoked';

/** The consent itself: at most one per (tenant, partner). */
export interface Relationship {
  tenantId: string;
  partnerId: string;
  partnerKind: PartnerKind;
  status: RelationshipStatus;
  grantedAt: string;
  acceptedBy: { userId: string; email: string };
  /** How it was granted: through a request, the partner's reusable link, or the approval of a held batch (R27). */
  source: { requestId: string } | { linkId: string } | { batchId: string };
  /** R7: for a reseller, the provider authorized through this relationship. */
  providerId?: string;
  delegatedAdmin?: GrantedDelegatedAdmin;
  terminatedAt?: string;
  revokedAt?: string;
  revokeReason?: string;
  /** Bumped by every change, so a write based on a read can require that nothing changed since. */
  rev?: number;
}

/** R11, R12: a customer can end a CSP relationship, never an OEM one. */
export const customerMayTerminate = (r: Pick<Relationship, 'partnerKind' | 'status'>): boolean =>
  r.status === 'active' && r.partnerKind !== 'oem';

/** R10: delegated admin roles can be removed while they still grant something. */
export const customerMayRemoveRoles = (r: Pick<Relationship, 'status' | 'delegatedAdmin'>, now: string): boolean =>
  r.status === 'active' && r.delegatedAdmin !== undefined && delegatedAdminState(r.delegatedAdmin, now) === 'active';

/** What a partner sees of a tenant it is (or was) authorized for (API.md `customer`). */
export interface Customer {
  tenantId: string;
  name: string;
  domains: string[];
  relationship: {
    status: RelationshipStatus;
    grantedAt: string;
    via?: { resellerId: string };
    delegatedAdmin?: { roles: string[]; expiresAt: string; removedAt?: string; status: 'active' | 'expired' | 'removed' };
  };
}

export function toCustomer(tenant: Tenant, relationship: Relationship, now: string, viaResellerId?: string): Customer {
  const dap = relationship.delegatedAdmin;
  return {
    tenantId: tenant.id,
    name: tenant.name,
    domains: tenantDomains(tenant),
    relationship: {
      status: relationship.status,
      grantedAt: relationship.grantedAt,
      ...(viaResellerId ? { via: { resellerId: viaResellerId } } : {}),
      // A provider authorized through a reseller holds none of the reseller's admin roles.
      ...(dap && !viaResellerId
        ? {
            delegatedAdmin: {
              roles: dap.roles,
              expiresAt: dap.expiresAt,
              ...(dap.removedAt ? { removedAt: dap.removedAt } : {}),
              status: delegatedAdminState(dap, now),
            },
          }
        : {}),
    },
  };
}
