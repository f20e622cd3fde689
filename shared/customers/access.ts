import { approvalPolicyOf, type ApprovalPolicy } from '#shared/domain/approval-policy.ts';
import type { Tenant } from '#shared/domain/directory.ts';
import { nowIso } from '#shared/domain/ids.ts';
import type { Partner, PartnerKind } from '#shared/domain/partner.ts';
import { toCustomer, type Customer, type Relationship } from '#shared/domain/relationship.ts';
import { activityOf, type PartnerActivity } from '#shared/table/activity.ts';
import { getItems } from '#shared/table/batch.ts';
import type { Page } from '#shared/table/page.ts';
import { partnerRead } from '#shared/table/partners.ts';
import { tenantAccessPage, tenantRelationships, type TenantAccess } from '#shared/table/relationships.ts';

/**
 * R30: everyone with access to a tenant, one row a partner's way in (API.md `access`): its own
 * active relationship, or for an indirect provider its authorization through one of its
 * resellers (R7, R8; a provider through two resellers has a row for each). Devices registered and
 * last activity are the partner's own for the tenant (shared/table/activity.ts), kept by the
 * device transactions, so a page costs a fixed number of reads whatever the number of devices.
 */
export interface AccessRow {
  partner: { id: string; name: string; kind: PartnerKind };
  /** R8: an indirect provider, authorized through this reseller's relationship. */
  via?: { resellerId: string; resellerName: string };
  /** R7: an indirect reseller's provider, authorized through this relationship. */
  provider?: { id: string; name: string };
  /** Since when it has access: its relationship's grant (for a provider, its reseller's). */
  since: string;
  /** Who accepted the consent it has access by, and how they had signed in (when recorded). */
  acceptedBy: Relationship['acceptedBy'];
  /** The delegated admin roles it holds, as its customer view shows them (R10, R13, R31). */
  delegatedAdmin?: NonNullable<Customer['relationship']['delegatedAdmin']>;
  /** R28: how the tenant approves its devices (approvalPolicyOf: `automatic` when none is set); a provider's is its reseller's relationship's, which it follows. */
  approvalPolicy: ApprovalPolicy;
  devicesRegistered: number;
  lastActivityAt?: string;
}

/**
 * One row: from the relationship that gives the access (the reseller's, for a provider), the
 * partner (and the reseller or provider) as read, and the partner's activity. The approval policy
 * (R28) is the relationship's: a provider's row shows its reseller's, which its registrations follow.
 */
export function toAccessRow(
  tenant: Tenant,
  access: { relationship: Relationship; viaResellerId?: string },
  partners: { partner: Partner | undefined; partnerId: string; other?: Partner },
  activity: PartnerActivity | undefined,
  now: string,
): AccessRow {
  const { relationship, viaResellerId } = access;
  const { partner, partnerId, other } = partners;
  // The customer view decides what the roles look like (and a provider holds none of its reseller's).
  const dap = toCustomer(tenant, relationship, now, viaResellerId).relationship.delegatedAdmin;
  return {
    partner: { id: partnerId, name: partner?.name ?? partnerId, kind: partner?.kind ?? (viaResellerId ? 'indirect-provider' : relationship.partnerKind) },
    ...(viaResellerId ? { via: { resellerId: viaResellerId, resellerName: other?.name ?? viaResellerId } } : {}),
    ...(!viaResellerId && relationship.providerId ? { provider: { id: relationship.providerId, name: other?.name ?? relationship.providerId } } : {}),
    since: relationship.grantedAt,
    acceptedBy: relationship.acceptedBy,
    ...(dap ? { delegatedAdmin: dap } : {}),
    approvalPolicy: approvalPolicyOf(relationship),
    devicesRegistered: activity?.devicesRegistered ?? 0,
    ...(activity?.lastActivityAt ? { lastActivityAt: activity.lastActivityAt } : {}),
  };
}

/** The cursor scope of a tenant's access list (R19: a cursor works for its own tenant's list only). */
const scopeOf = (tenantId: string) => `tenant-access:${tenantId}`;

/**
 * R30: a page of everyone with access to the tenant (`GET /v1/tenant/partners`, `/portal/access`):
 * one Query of the tenant's index, then in parallel the partners named (one BatchGetItem), the
 * relationships of the resellers that providers on the page are authorized through (one), and the
 * partners' activity (their shards, by key).
 */
export async function tenantAccess(tenant: Tenant, page: { limit: number; cursor?: string }, now = nowIso()): Promise<Page<AccessRow>> {
  const found = await tenantAccessPage(tenant.id, { ...page, scope: scopeOf(tenant.id) });
  const entries = found.items;
  const partnerIdOf = (a: TenantAccess) => ('grant' in a ? a.grant.providerId : a.relationship.partnerId);
  const otherIdOf = (a: TenantAccess) => ('grant' in a ? a.grant.resellerId : a.relationship.providerId);
  const partnerIds = [...new Set(entries.flatMap((a) => [partnerIdOf(a), otherIdOf(a)]).filter((id): id is string => id !== undefined))];
  const resellerIds = entries.flatMap((a) => ('grant' in a ? [a.grant.resellerId] : []));
  const [partners, resellerRelationships, activity] = await Promise.all([
    partnerIds.length ? getItems(Object.fromEntries(partnerIds.map((id) => [id, partnerRead(id)]))) : Promise.resolve({} as Record<string, Partner | undefined>),
    resellerIds.length ? tenantRelationships(tenant.id, resellerIds) : Promise.resolve(new Map<string, Relationship>()),
    activityOf(tenant.id, entries.map(partnerIdOf)),
  ]);
  const items = entries.flatMap((a): AccessRow[] => {
    const partnerId = partnerIdOf(a);
    const otherId = otherIdOf(a);
    const names = { partner: partners[partnerId], partnerId, ...(otherId && partners[otherId] ? { other: partners[otherId] } : {}) };
    if ('relationship' in a) return [toAccessRow(tenant, { relationship: a.relationship }, names, activity.get(partnerId), now)];
    // R8: the grant holds only while its reseller's relationship does (both end in one transaction).
    const reseller = resellerRelationships.get(a.grant.resellerId);
    return reseller?.status === 'active' ? [toAccessRow(tenant, { relationship: reseller, viaResellerId: a.grant.resellerId }, names, activity.get(partnerId), now)] : [];
  });
  return { items, nextCursor: found.nextCursor };
}
