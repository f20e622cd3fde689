import { approvalPolicyOf, type ApprovalPolicy } from './approval-policy.ts';
import { delegatedAdminGrants, delegatedAdminState, type DelegatedAdminStatus, type GrantedDelegatedAdmin } from './consent.ts';
import { roleRef, tenantDomains, type RoleRef, type Tenant } from './directory.ts';
import type { PartnerKind } from './partner.ts';

export type RelationshipStatus = 'active' | 'terminated' | 'revoked';

/** The consent itself: at most one per (tenant, partner). */
export interface Relationship {
  tenantId: string;
  partnerId: string;
  partnerKind: PartnerKind;
  status: RelationshipStatus;
  grantedAt: string;
  /** Who accepted, and how they had signed in (R30; recorded for acceptances since R30). */
  acceptedBy: { userId: string; email: string; signedInWith?: 'email' | 'organization' };
  /** How it was granted: through a request, the partner's reusable link, or the approval of a held batch (R27). */
  source: { requestId: string } | { linkId: string } | { batchId: string };
  /** R7: for a reseller, the provider authorized through this relationship. */
  providerId?: string;
  delegatedAdmin?: GrantedDelegatedAdmin;
  terminatedAt?: string;
  revokedAt?: string;
  revokeReason?: string;
  /** R28: how the customer approves this partner's devices; none set is `automatic` (approvalPolicyOf). */
  approvalPolicy?: ApprovalPolicy;
  /** Bumped by every change, so a write based on a read can require that nothing changed since. */
  rev?: number;
}

/** R11, R12: a customer can end a CSP relationship, never an OEM one. */
export const customerMayTerminate = (r: Pick<Relationship, 'partnerKind' | 'status'>): boolean =>
  r.status === 'active' && r.partnerKind !== 'oem';

/** R10: delegated admin roles can be removed while they still grant something. */
export const customerMayRemoveRoles = (r: Pick<Relationship, 'status' | 'delegatedAdmin'>, now: string): boolean =>
  r.status === 'active' && r.delegatedAdmin !== undefined && delegatedAdminGrants(r.delegatedAdmin, now);

/** R31: the customer may turn auto-extension off while it is on and the roles still grant something. */
export const customerMayTurnOffAutoExtend = (r: Pick<Relationship, 'status' | 'delegatedAdmin'>, now: string): boolean =>
  customerMayRemoveRoles(r, now) && r.delegatedAdmin!.autoExtend === true;

/** What a partner (and the customer's API) sees of delegated admin roles (API.md, R31). */
export interface DelegatedAdminView {
  roles: RoleRef[];
  expiresAt: string;
  removedAt?: string;
  status: DelegatedAdminStatus;
  autoExtend: boolean;
  extendedAt?: string;
}

/** R31: roles with their template ids, the one status (`delegatedAdminState`), auto-extension. */
export const delegatedAdminView = (dap: GrantedDelegatedAdmin, now: string): DelegatedAdminView => ({
  roles: dap.roles.map(roleRef),
  expiresAt: dap.expiresAt,
  ...(dap.removedAt ? { removedAt: dap.removedAt } : {}),
  status: delegatedAdminState(dap, now),
  autoExtend: dap.autoExtend === true,
  ...(dap.extendedAt ? { extendedAt: dap.extendedAt } : {}),
});

/** What a partner sees of a tenant it is (or was) authorized for (API.md `customer`). */
export interface Customer {
  tenantId: string;
  name: string;
  domains: string[];
  relationship: {
    status: RelationshipStatus;
    grantedAt: string;
    via?: { resellerId: string };
    delegatedAdmin?: DelegatedAdminView;
    /** R28: the customer's approval policy for this partner (for a provider, the one of the reseller's relationship it is authorized through). */
    approvalPolicy: ApprovalPolicy;
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
      ...(dap && !viaResellerId ? { delegatedAdmin: delegatedAdminView(dap, now) } : {}),
      // R28: the partner sees how its devices are approved; a provider, the policy of the reseller's relationship its registrations go through.
      approvalPolicy: approvalPolicyOf(relationship),
    },
  };
}
