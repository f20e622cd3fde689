import { randomInt } from 'node:crypto';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet, getItem, type ItemRead } from './batch.ts';
import { forEachConcurrently } from '#shared/util/batching.ts';
import { fieldsOf, pick } from './items.ts';
import { approvalPolicyOf, type ApprovalPolicy } from '#shared/domain/approval-policy.ts';
import type { Tenant } from '#shared/domain/directory.ts';
import { nowIso } from '#shared/domain/ids.ts';
import { planDelegatedAdminNotices, type GrantedDelegatedAdmin, type NoticePlan } from '#shared/domain/consent.ts';
import type { Partner } from '#shared/domain/partner.ts';
import { toCustomer, type Customer, type Relationship, type RelationshipStatus } from '#shared/domain/relationship.ts';
import { db, tableName } from './client.ts';
import { toTenant } from './directory.ts';
import { dueKeys, grantMarkerKeys, providerGrantKeys, relationshipKeys, tenantKeys } from './keys.ts';
import { keyQuery, queryAll, queryPage, type Page, type PageRequest } from './page.ts';
import { ifConditionHolds, type Write } from './transact.ts';

/**
 * Relationships live in their partner's partition (so a partner's customers and "is this partner
 * authorized for this tenant" are strongly consistent reads, R2), indexed by tenant on gsi1 (a
 * tenant's partners). A reseller's relationship has a twin in its provider's partition (R7), kept
 * in step by the same transactions.
 */

const RELATIONSHIP_FIELDS = /* @__PURE__ */ fieldsOf<Relationship>()(['tenantId', 'partnerId', 'partnerKind', 'status', 'grantedAt', 'acceptedBy', 'source', 'providerId', 'delegatedAdmin', 'terminatedAt', 'revokedAt', 'revokeReason', 'approvalPolicy', 'rev']);
export const toRelationship = (item: Record<string, unknown>): Relationship => pick(item, RELATIONSHIP_FIELDS);

/** The update clause every change of a relationship carries (with `#rev`, `:zero`, `:one`). */
const BUMP_REV = '#rev = if_not_exists(#rev, :zero) + :one';

/** The items that make a relationship active: the relationship, and for a reseller its provider's grant (R7). */
export function relationshipActivated(relationship: Relationship, previous?: Pick<Relationship, 'rev'>): Write[] {
  // S3, S7: roles put the relationship on the due index at their next notice.
  const dap = relationship.delegatedAdmin;
  const nextNotice = dap ? planDelegatedAdminNotices(dap, dap.grantedAt).nextAt : undefined;
  const items: Write[] = [
    {
      ifConditionFails: 'changed_meanwhile',
      Put: {
        TableName: tableName(),
        Item: {
          ...relationshipKeys.key(relationship.partnerId, relationship.tenantId),
          type: 'relationship',
          ...relationshipKeys.indexes(relationship),
          ...relationship,
          rev: (previous?.rev ?? 0) + 1,
          ...(nextNotice ? dueKeys.indexes('dap', nextNotice, relationshipKeys.key(relationship.partnerId, relationship.tenantId)) : {}),
        },
        // Written over exactly what was read (or nothing): a removal of roles or a second
        // acceptance in between makes this one fail instead of being undone.
        ...(!previous
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : previous.rev === undefined
            ? { ConditionExpression: 'attribute_not_exists(#rev)', ExpressionAttributeNames: { '#rev': 'rev' } }
            : { ConditionExpression: '#rev = :rev', ExpressionAttributeNames: { '#rev': 'rev' }, ExpressionAttributeValues: { ':rev': previous.rev } }),
      },
    },
  ];
  items.push(...grantMarkersSet(relationship.partnerId, relationship.tenantId, 'active', relationship.grantedAt));
  if (relationship.providerId) {
    items.push({
      Put: {
        TableName: tableName(),
        Item: {
          ...providerGrantKeys.key(relationship.providerId, relationship.tenantId, relationship.partnerId),
          ...providerGrantKeys.indexes({ providerId: relationship.providerId, tenantId: relationship.tenantId, resellerId: relationship.partnerId }),
          type: 'providerGrant',
          tenantId: relationship.tenantId,
          partnerId: relationship.providerId,
          resellerId: relationship.partnerId,
          status: 'active',
          grantedAt: relationship.grantedAt,
        },
      },
    });
  }
  return items;
}

/**
 * Issue 26: the copies of a relationship's status a device write checks (grantMarkerKeys), all
 * written in the transaction that activates or ends the relationship, so each says exactly what
 * the relationship does. A reseller's copies stand for its provider's grant too (R7, R8: the grant
 * is active exactly while the reseller's relationship is, changed by the same transactions).
 */
function grantMarkersSet(partnerId: string, tenantId: string, status: RelationshipStatus, at: string): Write[] {
  return Array.from({ length: grantMarkerKeys.copies }, (_, copy) => ({
    Put: { TableName: tableName(), Item: { ...grantMarkerKeys.key(partnerId, tenantId, copy), type: 'grantMarker', partnerId, tenantId, status, at } },
  }));
}

export const relationshipRead = (partnerId: string, tenantId: string): ItemRead<Relationship | undefined> => ({
  key: relationshipKeys.key(partnerId, tenantId),
  from: (item) => (item ? toRelationship(item) : undefined),
});

export const getRelationship = (partnerId: string, tenantId: string): Promise<Relationship | undefined> => getItem(relationshipRead(partnerId, tenantId));

export interface Authorization {
  status: RelationshipStatus | 'none';
  relationship?: Relationship;
  /** Set when a provider is authorized through a reseller's relationship (R8). */
  viaResellerId?: string;
}

/** An item of a partner's partition for one tenant: its own relationship, or for a provider a grant through a reseller (R7). */
type Item = Record<string, unknown>;

const ownOf = (items: Item[], tenantId: string) => items.find((i) => i.sk === relationshipKeys.ownSortKey(tenantId));
const activeGrantOf = (items: Item[]) => items.find((i) => i.type === 'providerGrant' && i.status === 'active');

/**
 * The reseller whose relationship decides whether a provider is authorized through it (R8): the
 * first active grant's, unless the partner's own relationship is active already.
 */
function resellerToRead(items: Item[], tenantId: string): string | undefined {
  if (ownOf(items, tenantId)?.status === 'active') return undefined;
  return activeGrantOf(items)?.resellerId as string | undefined;
}

/** R6-R8: the authorization these items give, with the relationship of the reseller `resellerToRead` named (if any). */
function authorizationOf(items: Item[], tenantId: string, resellerRelationship: Relationship | undefined): Authorization {
  const own = ownOf(items, tenantId);
  if (own?.status === 'active') return { status: 'active', relationship: toRelationship(own) };
  const grant = activeGrantOf(items);
  if (grant && resellerRelationship?.status === 'active') return { status: 'active', relationship: resellerRelationship, viaResellerId: grant.resellerId as string };
  if (own) return { status: own.status as RelationshipStatus, relationship: toRelationship(own) };
  const ended = items.find((i) => i.type === 'providerGrant');
  return ended ? { status: ended.status as RelationshipStatus } : { status: 'none' };
}

/** The items of the partner's partition for one tenant (one strongly consistent query). */
async function itemsForTenant(partnerId: string, tenantId: string): Promise<Item[]> {
  const out = await db().send(new QueryCommand(keyQuery(relationshipKeys.queryOfPartnerForTenant(partnerId, tenantId), { consistent: true })));
  // The prefix `REL#t1` also matches `REL#t10`: keep the tenant's own items only.
  return (out.Items ?? []).filter((i) => i.sk === relationshipKeys.ownSortKey(tenantId) || relationshipKeys.isGrantSortKey(String(i.sk), tenantId));
}

/**
 * Whether a partner is authorized for a tenant now (R6-R8), from one strongly consistent query of
 * the partner's partition: its own relationship, or for a provider the grants through its resellers.
 */
export async function authorizationFor(partner: Pick<Partner, 'id' | 'kind'>, tenantId: string): Promise<Authorization> {
  const items = await itemsForTenant(partner.id, tenantId);
  const reseller = resellerToRead(items, tenantId);
  return authorizationOf(items, tenantId, reseller ? await getRelationship(reseller, tenantId) : undefined);
}

/** Queries of a provider's partition in flight at once (one per tenant) when checking many tenants. */
const PROVIDER_QUERY_CONCURRENCY = 10;

/**
 * `authorizationFor` for many tenants at once (R6-R8), by tenant id, in a few requests: a partner's
 * own relationships are read by key (BatchGetItem, 100 a call); only an indirect provider, which is
 * authorized through grants whose keys name the reseller (R8), needs a query per tenant (a bounded
 * number at once). The relationships of the resellers behind active grants are read in one batch.
 */
export async function authorizationsFor(partner: Pick<Partner, 'id' | 'kind'>, tenantIds: string[]): Promise<Map<string, Authorization>> {
  const ids = [...new Set(tenantIds)];
  const itemsOf = new Map<string, Item[]>(ids.map((id) => [id, []]));
  if (partner.kind === 'indirect-provider') {
    await forEachConcurrently(ids, PROVIDER_QUERY_CONCURRENCY, async (id) => {
      itemsOf.set(id, await itemsForTenant(partner.id, id));
    });
  } else {
    for (const item of await batchGet(ids.map((id) => relationshipKeys.key(partner.id, id)))) itemsOf.get(item.tenantId as string)?.push(item);
  }
  const resellerOf = new Map(ids.flatMap((id) => {
    const reseller = resellerToRead(itemsOf.get(id)!, id);
    return reseller ? [[id, reseller]] : [];
  }));
  const resellerRelationships = await batchGet([...resellerOf].map(([id, reseller]) => relationshipKeys.key(reseller, id)));
  const relationshipOf = new Map(resellerRelationships.map((item) => [item.tenantId as string, toRelationship(item)]));
  return new Map(ids.map((id) => [id, authorizationOf(itemsOf.get(id)!, id, relationshipOf.get(id))]));
}

/**
 * A transaction item that holds only while this authorization still does (R14 at write time): a
 * copy of the status of the relationship it rests on (the partner's own, or for a provider the
 * reseller's it is authorized through, R8) is still active. Which copy (grantMarkerKeys.copyFor):
 * a batch task's writes each check their own, so concurrent writes never share one; a synchronous
 * write may check any. A relationship activated before the copies existed has none until it
 * changes: a missing copy holds, and ending the relationship writes every copy ended.
 */
export function authorizationCheck(authorization: Authorization, copy = randomInt(grantMarkerKeys.copies)): Write {
  const relationship = authorization.relationship!;
  return {
    ifConditionFails: 'not_authorized',
    ConditionCheck: {
      TableName: tableName(),
      Key: grantMarkerKeys.key(relationship.partnerId, relationship.tenantId, copy),
      ConditionExpression: 'attribute_not_exists(pk) OR #status = :active',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':active': 'active' },
    },
  };
}

/**
 * Issue 26: leases a task slot of a (partner, tenant) for a batch task (grantMarkerKeys.slot): the
 * first of the slots, from the task's own, that no other task holds (or whose lease ran out), by
 * one conditional write each; `undefined` when all are held (more than `slots` tasks of one
 * partner for one tenant at once).
 */
export async function leaseTaskSlot(partnerId: string, tenantId: string, holder: string, first: number, leaseMs: number): Promise<number | undefined> {
  const now = Date.now();
  for (let i = 0; i < grantMarkerKeys.slots; i++) {
    const slot = (first + i) % grantMarkerKeys.slots;
    const leased = await ifConditionHolds(
      db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: grantMarkerKeys.slot(partnerId, tenantId, slot),
          UpdateExpression: 'SET #type = :type, holder = :holder, leasedUntil = :until',
          ConditionExpression: 'attribute_not_exists(holder) OR holder = :holder OR leasedUntil < :now',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':type': 'grantSlot', ':holder': holder, ':until': now + leaseMs, ':now': now },
        }),
      ),
    );
    if (leased) return slot;
  }
  return undefined;
}

/** Gives a task slot back (only its holder's lease: one that ran out and was taken over stays the new holder's). */
export async function releaseTaskSlot(partnerId: string, tenantId: string, holder: string, slot: number): Promise<void> {
  await ifConditionHolds(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: grantMarkerKeys.slot(partnerId, tenantId, slot),
        UpdateExpression: 'REMOVE holder, leasedUntil',
        ConditionExpression: 'holder = :holder',
        ExpressionAttributeValues: { ':holder': holder },
      }),
    ),
  );
}

async function getTenants(ids: string[]): Promise<Map<string, Tenant>> {
  const items = await batchGet([...new Set(ids)].map(tenantKeys.key));
  return new Map(items.map((item) => [item.id as string, toTenant(item)]));
}

/** Every tenant this partner is authorized for now (R2: strongly consistent; R8: providers through resellers). */
export async function listCustomers(partner: Pick<Partner, 'id'>, page: PageRequest, now = nowIso()): Promise<Page<Customer>> {
  const { items: collected, nextCursor } = await queryPage(
    (() => {
      const params = keyQuery(relationshipKeys.queryOfPartner(partner.id), { consistent: true });
      return {
        ...params,
        FilterExpression: '#status = :active',
        ExpressionAttributeNames: { ...params.ExpressionAttributeNames, '#status': 'status' },
        ExpressionAttributeValues: { ...params.ExpressionAttributeValues, ':active': 'active' },
      };
    })(),
    page,
    (item) => item,
  );
  const tenants = await getTenants(collected.map((i) => i.tenantId as string));
  const resellerRelationships = await Promise.all(
    collected.map((i) => (i.type === 'providerGrant' ? getRelationship(i.resellerId as string, i.tenantId as string) : Promise.resolve(undefined))),
  );
  const items: Customer[] = [];
  const seen = new Set<string>();
  collected.forEach((item, index) => {
    const tenant = tenants.get(item.tenantId as string);
    // A provider authorized through two resellers sees the tenant once on a page.
    if (!tenant || seen.has(tenant.id)) return;
    const viaRelationship = resellerRelationships[index];
    if (item.type === 'providerGrant' && viaRelationship?.status !== 'active') return;
    seen.add(tenant.id);
    items.push(item.type === 'providerGrant' ? toCustomer(tenant, viaRelationship!, now, item.resellerId as string) : toCustomer(tenant, toRelationship(item), now));
  });
  return { items, nextCursor };
}

/** The relationships of a tenant with its partners (the portal), without the providers' grants beside them on the index. */
export async function listTenantRelationships(tenantId: string): Promise<Relationship[]> {
  const items = await queryAll(keyQuery(relationshipKeys.queryOfTenant(tenantId)));
  return items.filter((item) => item.type !== 'providerGrant').map(toRelationship);
}

/** R8: an indirect provider's authorization for a tenant through one of its resellers, as the tenant's index lists it. */
export interface ProviderGrant {
  tenantId: string;
  providerId: string;
  resellerId: string;
  grantedAt: string;
}

/** One way a partner has access to a tenant now: its own active relationship, or a provider's active grant through a reseller (R6-R8). */
export type TenantAccess = { relationship: Relationship } | { grant: ProviderGrant };

/**
 * R30: a page of everyone with access to a tenant now, in partner id order: one Query of the
 * tenant's index, where each active relationship and each active provider grant (R7) is an item.
 */
export async function tenantAccessPage(tenantId: string, page: PageRequest): Promise<Page<TenantAccess>> {
  const params = keyQuery(relationshipKeys.queryOfTenant(tenantId));
  return queryPage(
    {
      ...params,
      FilterExpression: '#status = :active',
      ExpressionAttributeNames: { ...params.ExpressionAttributeNames, '#status': 'status' },
      ExpressionAttributeValues: { ...params.ExpressionAttributeValues, ':active': 'active' },
    },
    page,
    (item): TenantAccess =>
      item.type === 'providerGrant'
        ? { grant: { tenantId: item.tenantId as string, providerId: item.partnerId as string, resellerId: item.resellerId as string, grantedAt: item.grantedAt as string } }
        : { relationship: toRelationship(item) },
  );
}

/** The relationships of one tenant with these partners, by partner id (one BatchGetItem for a page). */
export async function tenantRelationships(tenantId: string, partnerIds: string[]): Promise<Map<string, Relationship>> {
  const items = await batchGet([...new Set(partnerIds)].map((id) => relationshipKeys.key(id, tenantId)));
  return new Map(items.map((item) => [item.partnerId as string, toRelationship(item)]));
}

/**
 * The writes that end an active relationship (terminated by the customer, revoked by an operator):
 * conditional on it still being active (`not_active`); for a reseller, its provider's grant ends too.
 */
export function relationshipEnded(current: Relationship, status: 'terminated' | 'revoked', at: string, reason?: string): Write[] {
  const stamp = status === 'terminated' ? 'terminatedAt' : 'revokedAt';
  return [
    {
      ifConditionFails: 'not_active',
      Update: {
        TableName: tableName(),
        Key: relationshipKeys.key(current.partnerId, current.tenantId),
        UpdateExpression: `SET #status = :ended, ${stamp} = :at${reason ? ', revokeReason = :reason' : ''}, ${BUMP_REV} REMOVE dueKind, dueAt`,
        ConditionExpression: '#status = :active',
        ExpressionAttributeNames: { '#status': 'status', '#rev': 'rev' },
        ExpressionAttributeValues: { ':ended': status, ':at': at, ':active': 'active', ':zero': 0, ':one': 1, ...(reason ? { ':reason': reason } : {}) },
      },
    },
    ...grantMarkersSet(current.partnerId, current.tenantId, status, at),
    ...(current.providerId
      ? [
          {
            Update: {
              TableName: tableName(),
              Key: providerGrantKeys.key(current.providerId, current.tenantId, current.partnerId),
              UpdateExpression: 'SET #status = :ended, endedAt = :at',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':ended': status, ':at': at },
            },
          },
        ]
      : []),
  ];
}

/**
 * R28: the write that sets a relationship's approval policy, conditional on the relationship being
 * active and unchanged since it was read (`changed_meanwhile`: its `rev`), so the audit event's
 * "from" is exactly what was replaced.
 */
export function approvalPolicySet(current: Pick<Relationship, 'partnerId' | 'tenantId' | 'rev'>, policy: ApprovalPolicy): Write {
  const unchanged = current.rev === undefined ? 'attribute_not_exists(#rev)' : '#rev = :rev';
  return {
    ifConditionFails: 'changed_meanwhile',
    Update: {
      TableName: tableName(),
      Key: relationshipKeys.key(current.partnerId, current.tenantId),
      UpdateExpression: `SET approvalPolicy = :policy, ${BUMP_REV}`,
      ConditionExpression: `#status = :active AND ${unchanged}`,
      ExpressionAttributeNames: { '#status': 'status', '#rev': 'rev' },
      ExpressionAttributeValues: { ':policy': policy, ':active': 'active', ':zero': 0, ':one': 1, ...(current.rev === undefined ? {} : { ':rev': current.rev }) },
    },
  };
}

/**
 * R28: the approval policy a partner's registrations for a tenant follow now (approvalPolicyOf:
 * `automatic` when none is set), read with the authorization (R6-R8: for a provider, the policy of
 * the reseller's relationship it is authorized through); undefined when the partner is not
 * authorized for the tenant.
 */
export async function approvalPolicyFor(partner: Pick<Partner, 'id' | 'kind'>, tenantId: string): Promise<ApprovalPolicy | undefined> {
  const authorization = await authorizationFor(partner, tenantId);
  return authorization.status === 'active' ? approvalPolicyOf(authorization.relationship) : undefined;
}

/** R10: the write that removes the delegated admin roles, conditional on there being roles to remove (`no_roles`). */
export function delegatedAdminRemoved(partnerId: string, tenantId: string, now: string): Write {
  return {
    ifConditionFails: 'no_roles',
    Update: {
      TableName: tableName(),
      Key: relationshipKeys.key(partnerId, tenantId),
      UpdateExpression: `SET delegatedAdmin.removedAt = :now, ${BUMP_REV} REMOVE dueKind, dueAt`,
      ConditionExpression: '#status = :active AND attribute_exists(delegatedAdmin) AND attribute_not_exists(delegatedAdmin.removedAt)',
      ExpressionAttributeNames: { '#status': 'status', '#rev': 'rev' },
      ExpressionAttributeValues: { ':now': now, ':active': 'active', ':zero': 0, ':one': 1 },
    },
  };
}

/**
 * S3: the write that records the notices of a plan as sent and moves the relationship to its next
 * notice on the due index, conditional on the same roles still being granted and this notice not
 * sent yet (`already_settled`).
 */
export function delegatedAdminNoticeSettled(relationship: Relationship, plan: NoticePlan, now: string): Write {
  const dap = relationship.delegatedAdmin!;
  const names: Record<string, string> = { '#status': 'status', '#rev': 'rev' };
  const sets = plan.settle.map((flag, i) => {
    names[`#f${i}`] = flag;
    return `delegatedAdmin.#f${i} = :now`;
  });
  return {
    ifConditionFails: 'already_settled',
    Update: {
      TableName: tableName(),
      Key: relationshipKeys.key(relationship.partnerId, relationship.tenantId),
      UpdateExpression: `SET ${sets.join(', ')}, ${BUMP_REV}${plan.nextAt ? ', dueAt = :next' : ' REMOVE dueKind, dueAt'}`,
      ConditionExpression: `#status = :active AND delegatedAdmin.expiresAt = :expiresAt AND attribute_not_exists(delegatedAdmin.removedAt) AND attribute_not_exists(delegatedAdmin.#f${plan.settle.indexOf(plan.send!.flag)})`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ':now': now, ':active': 'active', ':expiresAt': dap.expiresAt, ':zero': 0, ':one': 1, ...(plan.nextAt ? { ':next': plan.nextAt } : {}) },
    },
  };
}

/**
 * R31, S7: the write that extends auto-extended roles at their end (`extended`, from
 * `extendDelegatedAdmin`): the new end, a new period (its warnings cleared), the relationship on
 * the due index at the new period's first notice; conditional on the same roles, still
 * auto-extended, not removed nor expired (`already_settled`: another run, a removal or the
 * customer turning auto-extension off came first).
 */
export function delegatedAdminExtended(relationship: Relationship, extended: GrantedDelegatedAdmin, nextAt: string | undefined): Write {
  const dap = relationship.delegatedAdmin!;
  return {
    ifConditionFails: 'already_settled',
    Update: {
      TableName: tableName(),
      Key: relationshipKeys.key(relationship.partnerId, relationship.tenantId),
      UpdateExpression: `SET delegatedAdmin.expiresAt = :to, delegatedAdmin.extendedAt = :at, delegatedAdmin.extensions = :n, ${BUMP_REV}${nextAt ? ', dueAt = :next' : ''} REMOVE delegatedAdmin.warned30At, delegatedAdmin.warned7At, delegatedAdmin.warned1At${nextAt ? '' : ', dueKind, dueAt'}`,
      ConditionExpression:
        '#status = :active AND delegatedAdmin.expiresAt = :expiresAt AND delegatedAdmin.autoExtend = :true AND attribute_not_exists(delegatedAdmin.removedAt) AND attribute_not_exists(delegatedAdmin.expiredAt)',
      ExpressionAttributeNames: { '#status': 'status', '#rev': 'rev' },
      ExpressionAttributeValues: {
        ':to': extended.expiresAt,
        ':at': extended.extendedAt,
        ':n': extended.extensions,
        ':active': 'active',
        ':expiresAt': dap.expiresAt,
        ':true': true,
        ':zero': 0,
        ':one': 1,
        ...(nextAt ? { ':next': nextAt } : {}),
      },
    },
  };
}

/**
 * R31: the write that turns auto-extension off: the roles then end at their end (S3), conditional
 * on them being these roles, still auto-extended and granting (`no_auto_extend`).
 */
export function delegatedAdminAutoExtendOff(relationship: Relationship, now: string): Write {
  return {
    ifConditionFails: 'no_auto_extend',
    Update: {
      TableName: tableName(),
      Key: relationshipKeys.key(relationship.partnerId, relationship.tenantId),
      UpdateExpression: `SET delegatedAdmin.autoExtend = :false, delegatedAdmin.autoExtendOffAt = :now, ${BUMP_REV}`,
      ConditionExpression:
        '#status = :active AND delegatedAdmin.expiresAt = :expiresAt AND delegatedAdmin.autoExtend = :true AND attribute_not_exists(delegatedAdmin.removedAt) AND attribute_not_exists(delegatedAdmin.expiredAt)',
      ExpressionAttributeNames: { '#status': 'status', '#rev': 'rev' },
      ExpressionAttributeValues: { ':false': false, ':true': true, ':now': now, ':active': 'active', ':expiresAt': relationship.delegatedAdmin!.expiresAt, ':zero': 0, ':one': 1 },
    },
  };
}
