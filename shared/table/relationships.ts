import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet } from './batch.ts';
import { pick } from './items.ts';
import { conflict, notFound } from '../domain/errors.ts';
import type { Tenant } from '../domain/directory.ts';
import { nowIso } from '../domain/ids.ts';
import { planDelegatedAdminNotices } from '../domain/consent.ts';
import { deliverNow, webhookOutbox, type EventToSend } from '../webhooks/webhooks.ts';
import type { Partner } from '../domain/partner.ts';
import { customerMayRemoveRoles, customerMayTerminate, toCustomer, type Customer, type Relationship, type RelationshipStatus } from '../domain/relationship.ts';
import { type Actor, auditPut } from './audit.ts';
import { db, tableName } from './client.ts';
import { tenantKey, toTenant } from './directory.ts';
import { queryAll, queryPage, type Page, type PageRequest } from './page.ts';
import { ConditionFailed, transact, type TransactItem } from './transact.ts';

/**
 * Relationships live in their partner's partition (so a partner's customers and "is this partner
 * authorized for this tenant" are strongly consistent reads, R2), indexed by tenant on gsi1 (a
 * tenant's partners). A reseller's relationship has a twin in its provider's partition (R7), kept
 * in step by the same transactions.
 */
export const relationshipKey = (partnerId: string, tenantId: string) => ({ pk: `PARTNER#${partnerId}`, sk: `REL#${tenantId}` });
export const providerGrantKey = (providerId: string, tenantId: string, resellerId: string) => ({
  pk: `PARTNER#${providerId}`,
  sk: `REL#${tenantId}#VIA#${resellerId}`,
});

const RELATIONSHIP_FIELDS = ['tenantId', 'partnerId', 'partnerKind', 'status', 'grantedAt', 'acceptedBy', 'source', 'providerId', 'delegatedAdmin', 'terminatedAt', 'revokedAt', 'revokeReason', 'rev'] as const;
const toRelationship = (item: Record<string, unknown>): Relationship => pick(item, RELATIONSHIP_FIELDS);

/** The update clause every change of a relationship carries (with `#rev`, `:zero`, `:one`). */
export const BUMP_REV = '#rev = if_not_exists(#rev, :zero) + :one';

/** The items that make a relationship active: the relationship, and for a reseller its provider's grant (R7). */
export function activateRelationshipItems(relationship: Relationship, previous?: Pick<Relationship, 'rev'>): TransactItem[] {
  // S3: roles put the relationship on the due index at its next notice.
  const nextNotice = relationship.delegatedAdmin ? planDelegatedAdminNotices(relationship.delegatedAdmin, relationship.grantedAt).nextAt : undefined;
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName(),
        Item: {
          ...relationshipKey(relationship.partnerId, relationship.tenantId),
          type: 'relationship',
          gsi1pk: `TENANT#${relationship.tenantId}`,
          gsi1sk: `REL#${relationship.partnerId}`,
          ...relationship,
          rev: (previous?.rev ?? 0) + 1,
          ...(nextNotice ? { dueKind: 'dap', dueAt: nextNotice } : {}),
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
  if (relationship.providerId) {
    items.push({
      Put: {
        TableName: tableName(),
        Item: {
          ...providerGrantKey(relationship.providerId, relationship.tenantId, relationship.partnerId),
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

export async function getRelationship(partnerId: string, tenantId: string): Promise<Relationship | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: relationshipKey(partnerId, tenantId), ConsistentRead: true }));
  return out.Item ? toRelationship(out.Item) : undefined;
}

export interface Authorization {
  status: RelationshipStatus | 'none';
  relationship?: Relationship;
  /** Set when a provider is authorized through a reseller's relationship (R8). */
  viaResellerId?: string;
}

/**
 * Whether a partner is authorized for a tenant now (R6-R8), from one strongly consistent query of
 * the partner's partition: its own relationship, or for a provider the grants through its resellers.
 */
export async function authorizationFor(partner: Pick<Partner, 'id' | 'kind'>, tenantId: string): Promise<Authorization> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': `PARTNER#${partner.id}`, ':prefix': `REL#${tenantId}` },
      ConsistentRead: true,
    }),
  );
  const items = (out.Items ?? []).filter((i) => i.sk === `REL#${tenantId}` || String(i.sk).startsWith(`REL#${tenantId}#VIA#`));
  const own = items.find((i) => i.sk === `REL#${tenantId}`);
  if (own?.status === 'active') return { status: 'active', relationship: toRelationship(own) };
  const grant = items.find((i) => i.type === 'providerGrant' && i.status === 'active');
  if (grant) {
    const relationship = await getRelationship(grant.resellerId as string, tenantId);
    if (relationship?.status === 'active') return { status: 'active', relationship, viaResellerId: grant.resellerId as string };
  }
  if (own) return { status: own.status as RelationshipStatus, relationship: toRelationship(own) };
  const ended = items.find((i) => i.type === 'providerGrant');
  return ended ? { status: ended.status as RelationshipStatus } : { status: 'none' };
}

/**
 * A transaction item that holds only while this authorization still does: the partner's own
 * relationship, or the provider's grant through the reseller, is still active (R14 at write time).
 */
export function authorizationCheck(authorization: Authorization): TransactItem {
  const relationship = authorization.relationship!;
  const key = authorization.viaResellerId
    ? providerGrantKey(relationship.providerId!, relationship.tenantId, authorization.viaResellerId)
    : relationshipKey(relationship.partnerId, relationship.tenantId);
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: key,
      ConditionExpression: '#status = :active',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':active': 'active' },
    },
  };
}

async function getTenants(ids: string[]): Promise<Map<string, Tenant>> {
  const items = await batchGet([...new Set(ids)].map(tenantKey));
  return new Map(items.map((item) => [item.id as string, toTenant(item)]));
}

/** Every tenant this partner is authorized for now (R2: strongly consistent; R8: providers through resellers). */
export async function listCustomers(partner: Pick<Partner, 'id'>, page: PageRequest, now = nowIso()): Promise<Page<Customer>> {
  const { items: collected, nextCursor } = await queryPage(
    {
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      FilterExpression: '#status = :active',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':pk': `PARTNER#${partner.id}`, ':prefix': 'REL#', ':active': 'active' },
      ConsistentRead: true,
    },
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

/** The relationships of a tenant with its partners (the portal). */
export async function listTenantRelationships(tenantId: string): Promise<Relationship[]> {
  const items = await queryAll({
    TableName: tableName(),
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
    ExpressionAttributeValues: { ':pk': `TENANT#${tenantId}`, ':prefix': 'REL#' },
  });
  return items.map(toRelationship);
}

/**
 * R11: a customer admin ends a CSP relationship; for a reseller, the provider's authorization
 * through it ends in the same transaction.
 */
export async function terminateRelationship(tenantId: string, partnerId: string, actor: Actor): Promise<Relationship> {
  const current = await getRelationship(partnerId, tenantId);
  if (!current) throw notFound('Relationship');
  if (!customerMayTerminate(current)) throw conflict('This relationship cannot be ended by the customer');
  return endRelationship(current, { status: 'terminated', action: 'relationship.terminated', actor });
}

/** Ends an active relationship (terminated by the customer, or revoked by an operator). */
export async function endRelationship(
  current: Relationship,
  change: { status: 'terminated' | 'revoked'; action: string; actor: Actor; reason?: string },
  extra: TransactItem[] = [],
): Promise<Relationship> {
  const at = nowIso();
  const stamp = change.status === 'terminated' ? 'terminatedAt' : 'revokedAt';
  const eventType = change.status === 'terminated' ? 'relationship.terminated' : 'relationship.revoked';
  const data = { tenantId: current.tenantId, partnerId: current.partnerId, status: change.status, at, actor: { type: change.actor.type, id: change.actor.id }, ...(change.reason ? { reason: change.reason } : {}) };
  const outbox = await webhookOutbox(
    [
      { partnerId: current.partnerId, type: eventType, data },
      ...(current.providerId ? [{ partnerId: current.providerId, type: eventType, data: { ...data, via: { resellerId: current.partnerId } } } satisfies EventToSend] : []),
    ],
    at,
  );
  const items: TransactItem[] = [
    {
      Update: {
        TableName: tableName(),
        Key: relationshipKey(current.partnerId, current.tenantId),
        UpdateExpression: `SET #status = :ended, ${stamp} = :at${change.reason ? ', revokeReason = :reason' : ''}, ${BUMP_REV} REMOVE dueKind, dueAt`,
        ConditionExpression: '#status = :active',
        ExpressionAttributeNames: { '#status': 'status', '#rev': 'rev' },
        ExpressionAttributeValues: { ':ended': change.status, ':at': at, ':active': 'active', ':zero': 0, ':one': 1, ...(change.reason ? { ':reason': change.reason } : {}) },
      },
    },
    auditPut({
      action: change.action,
      actor: change.actor,
      tenantId: current.tenantId,
      partnerId: current.partnerId,
      details: { ...(current.providerId ? { providerId: current.providerId } : {}), ...(change.reason ? { reason: change.reason } : {}) },
    }),
    ...extra,
    ...outbox.items,
  ];
  if (current.providerId) {
    items.push({
      Update: {
        TableName: tableName(),
        Key: providerGrantKey(current.providerId, current.tenantId, current.partnerId),
        UpdateExpression: 'SET #status = :ended, endedAt = :at',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':ended': change.status, ':at': at },
      },
    });
  }
  try {
    await transact(items);
  } catch (error) {
    if (error instanceof ConditionFailed && error.at(0)) throw conflict('This relationship is no longer active');
    throw error;
  }
  await deliverNow(outbox.ids);
  return { ...current, status: change.status, [stamp]: at, ...(change.reason ? { revokeReason: change.reason } : {}) };
}

/** R10: the customer removes the delegated admin roles; the relationship stays active. */
export async function removeDelegatedAdmin(tenantId: string, partnerId: string, actor: Actor): Promise<Relationship> {
  const current = await getRelationship(partnerId, tenantId);
  const now = nowIso();
  if (!current) throw notFound('Relationship');
  if (!customerMayRemoveRoles(current, now)) throw conflict('There are no delegated admin roles to remove');
  const outbox = await webhookOutbox(
    [{ partnerId, type: 'delegated_admin.removed', data: { tenantId, partnerId, delegatedAdmin: { roles: current.delegatedAdmin?.roles, removedAt: now }, actor: { type: actor.type, id: actor.id } } }],
    now,
  );
  try {
    await transact([
      {
        Update: {
          TableName: tableName(),
          Key: relationshipKey(partnerId, tenantId),
          UpdateExpression: `SET delegatedAdmin.removedAt = :now, ${BUMP_REV} REMOVE dueKind, dueAt`,
          ConditionExpression: '#status = :active AND attribute_exists(delegatedAdmin) AND attribute_not_exists(delegatedAdmin.removedAt)',
          ExpressionAttributeNames: { '#status': 'status', '#rev': 'rev' },
          ExpressionAttributeValues: { ':now': now, ':active': 'active', ':zero': 0, ':one': 1 },
        },
      },
      auditPut({ action: 'delegated_admin.removed', actor, tenantId, partnerId, details: { roles: current.delegatedAdmin?.roles } }),
      ...outbox.items,
    ]);
  } catch (error) {
    if (error instanceof ConditionFailed) throw conflict('There are no delegated admin roles to remove');
    throw error;
  }
  await deliverNow(outbox.ids);
  return { ...current, delegatedAdmin: { ...current.delegatedAdmin!, removedAt: now } };
}
