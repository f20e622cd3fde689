import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { normalizeDomain, type Tenant, type User } from '../domain/directory.ts';
import { db, tableName } from './client.ts';
import { pick } from './items.ts';
import { domainKeys, tenantKeys, userKeys } from './keys.ts';
import { keyQuery } from './page.ts';
import type { Write } from './transact.ts';

/** Tenants, their domains (one item each: a domain has one tenant) and users (one item per email). */
const TENANT_FIELDS = ['id', 'name', 'initialDomain', 'domains', 'createdAt'] as const;
const USER_FIELDS = ['id', 'tenantId', 'email', 'displayName', 'roles'] as const;

export const toTenant = (item: Record<string, unknown>): Tenant => pick<Tenant>(item, TENANT_FIELDS);

export const tenantPut = (tenant: Tenant): Write => ({
  Put: { TableName: tableName(), Item: { ...tenantKeys.key(tenant.id), type: 'tenant', ...tenant }, ConditionExpression: 'attribute_not_exists(pk)' },
});

/** The claim of a domain by a tenant; fails with `domain_taken:<domain>` when another tenant holds it. */
export const domainPut = (domain: string, tenantId: string): Write => ({
  ifConditionFails: `domain_taken:${normalizeDomain(domain)}`,
  Put: { TableName: tableName(), Item: { ...domainKeys.key(domain), type: 'domain', domain, tenantId }, ConditionExpression: 'attribute_not_exists(pk)' },
});

/** A user; fails with `email_taken` when the email is in use (emails are unique across tenants). */
export const userPut = (user: User): Write => ({
  ifConditionFails: 'email_taken',
  Put: { TableName: tableName(), Item: { ...userKeys.key(user.email), type: 'user', ...userKeys.indexes(user), ...user }, ConditionExpression: 'attribute_not_exists(pk)' },
});

/** Holds only while the tenant exists (`no_tenant`). */
export const tenantExists = (tenantId: string): Write => ({
  ifConditionFails: 'no_tenant',
  ConditionCheck: { TableName: tableName(), Key: tenantKeys.key(tenantId), ConditionExpression: 'attribute_exists(pk)' },
});

export async function getTenant(tenantId: string): Promise<Tenant | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: tenantKeys.key(tenantId), ConsistentRead: true }));
  return out.Item ? toTenant(out.Item) : undefined;
}

/** The tenant that owns a domain, if any. */
export async function findTenantIdByDomain(domain: string): Promise<string | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: domainKeys.key(domain), ConsistentRead: true }));
  return out.Item?.tenantId as string | undefined;
}

/** R1 "whom to ask": the global administrators of a tenant (at most 10 shown). */
export async function listGlobalAdmins(tenantId: string): Promise<Pick<User, 'displayName' | 'email'>[]> {
  const params = keyQuery(userKeys.queryOfTenant(tenantId));
  const out = await db().send(
    new QueryCommand({
      ...params,
      FilterExpression: 'contains(#roles, :ga)',
      ExpressionAttributeNames: { ...params.ExpressionAttributeNames, '#roles': 'roles' },
      ExpressionAttributeValues: { ...params.ExpressionAttributeValues, ':ga': 'GlobalAdministrator' },
    }),
  );
  return (out.Items ?? []).slice(0, 10).map((u) => ({ displayName: u.displayName as string, email: u.email as string }));
}

export async function getUserByEmail(email: string): Promise<User | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: userKeys.key(email), ConsistentRead: true }));
  return out.Item ? pick<User>(out.Item, USER_FIELDS) : undefined;
}
