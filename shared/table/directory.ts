import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { normalizeDomain, type Tenant, type User } from '#shared/domain/directory.ts';
import { batchGet, getItem, type ItemRead } from './batch.ts';
import { db, tableName } from './client.ts';
import { fieldsOf, pick } from './items.ts';
import { domainKeys, idpTenantKeys, tenantKeys, userKeys } from './keys.ts';
import { keyQuery, queryAll } from './page.ts';
import type { Write } from './transact.ts';

/** Tenants, their domains (one item each: a domain has one tenant) and users (one item per email). */
const TENANT_FIELDS = /* @__PURE__ */ fieldsOf<Tenant>()(['id', 'name', 'initialDomain', 'domains', 'idpTenantId', 'requireIdpSignIn', 'createdAt']);
const USER_FIELDS = /* @__PURE__ */ fieldsOf<User>()(['id', 'tenantId', 'email', 'displayName', 'roles']);

/** Tenants written before R21 have no `requireIdpSignIn`: they take email links (false). */
export const toTenant = (item: Record<string, unknown>): Tenant => ({ ...pick<Tenant>(item, TENANT_FIELDS), requireIdpSignIn: item.requireIdpSignIn === true });

export const tenantPut = (tenant: Tenant): Write => ({
  Put: { TableName: tableName(), Item: { ...tenantKeys.key(tenant.id), type: 'tenant', ...tenant }, ConditionExpression: 'attribute_not_exists(pk)' },
});

/** The claim of a domain by a tenant; fails with `domain_taken:<domain>` when another tenant holds it. */
export const domainPut = (domain: string, tenantId: string): Write => ({
  ifConditionFails: `domain_taken:${normalizeDomain(domain)}`,
  Put: { TableName: tableName(), Item: { ...domainKeys.key(domain), type: 'domain', domain, tenantId }, ConditionExpression: 'attribute_not_exists(pk)' },
});

/** R21: the binding of an identity-provider tenant id to a tenant; fails with `idp_tenant_taken` when one holds it. */
export const idpTenantPut = (tid: string, tenantId: string): Write => ({
  ifConditionFails: 'idp_tenant_taken',
  Put: { TableName: tableName(), Item: { ...idpTenantKeys.key(tid), type: 'idpTenant', tid, tenantId }, ConditionExpression: 'attribute_not_exists(pk)' },
});

/** Removes the binding of an identity-provider tenant id, only while it binds this tenant. */
export const idpTenantDelete = (tid: string, tenantId: string): Write => ({
  ifConditionFails: 'idp_tenant_changed',
  Delete: { TableName: tableName(), Key: idpTenantKeys.key(tid), ConditionExpression: 'tenantId = :t', ExpressionAttributeValues: { ':t': tenantId } },
});

/**
 * Changes a tenant's sign-in settings (R21), only while its identity-provider tenant id is still
 * `expectedIdpTenantId` (`tenant_changed`): two operators changing it at once cannot leave a binding behind.
 */
export function tenantSignInUpdate(tenantId: string, expectedIdpTenantId: string | undefined, change: { requireIdpSignIn?: boolean; idpTenantId?: string | null }): Write {
  const sets: string[] = [];
  const values: Record<string, unknown> = {};
  if (change.requireIdpSignIn !== undefined) {
    sets.push('requireIdpSignIn = :r');
    values[':r'] = change.requireIdpSignIn;
  }
  if (typeof change.idpTenantId === 'string') {
    sets.push('idpTenantId = :i');
    values[':i'] = change.idpTenantId;
  }
  if (expectedIdpTenantId !== undefined) values[':was'] = expectedIdpTenantId;
  const update = [sets.length ? `SET ${sets.join(', ')}` : '', change.idpTenantId === null ? 'REMOVE idpTenantId' : ''].filter(Boolean).join(' ');
  return {
    ifConditionFails: 'tenant_changed',
    Update: {
      TableName: tableName(),
      Key: tenantKeys.key(tenantId),
      UpdateExpression: update,
      ConditionExpression: expectedIdpTenantId === undefined ? 'attribute_exists(pk) AND attribute_not_exists(idpTenantId)' : 'attribute_exists(pk) AND idpTenantId = :was',
      ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
    },
  };
}

/** R21: the tenant bound to an identity-provider tenant id, if any. */
export async function findTenantIdByIdpTenantId(tid: string): Promise<string | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: idpTenantKeys.key(tid), ConsistentRead: true }));
  return out.Item?.tenantId as string | undefined;
}

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

export const tenantRead = (tenantId: string): ItemRead<Tenant | undefined> => ({
  key: tenantKeys.key(tenantId),
  from: (item) => (item ? toTenant(item) : undefined),
});

export const getTenant = (tenantId: string): Promise<Tenant | undefined> => getItem(tenantRead(tenantId));

/** The tenant that owns a domain, if any. */
export const findTenantIdByDomain = (domain: string): Promise<string | undefined> =>
  getItem({ key: domainKeys.key(domain), from: (item) => item?.tenantId as string | undefined });

/** The tenants that own these domains, by normalized domain (BatchGetItem, 100 domains a call); unknown domains are absent. */
export async function findTenantIdsByDomains(domains: string[]): Promise<Map<string, string>> {
  const items = await batchGet(domains.map(domainKeys.key));
  const tenantOfKey = new Map(items.map((item) => [item.pk, item.tenantId as string]));
  return new Map(domains.flatMap((domain) => {
    const tenantId = tenantOfKey.get(domainKeys.key(domain).pk);
    return tenantId ? [[normalizeDomain(domain), tenantId]] : [];
  }));
}

/** R1 "whom to ask": the global administrators of a tenant (at most 10 shown). */
/**
 * A tenant's global administrators, read page after page up to `max` (the users' partition is
 * filtered on their roles): the people a notice goes to (S7, held batches, claims: one email
 * each) or a refusal page names. Not only the first page's, as before: a tenant whose first 1 MB of
 * users held none would have had nobody told.
 */
export async function listGlobalAdmins(tenantId: string, max = MAX_ADMINS_TOLD): Promise<Pick<User, 'displayName' | 'email'>[]> {
  const params = keyQuery(userKeys.queryOfTenant(tenantId));
  const items = await queryAll({
    ...params,
    FilterExpression: 'contains(#roles, :ga)',
    ExpressionAttributeNames: { ...params.ExpressionAttributeNames, '#roles': 'roles' },
    ExpressionAttributeValues: { ...params.ExpressionAttributeValues, ':ga': 'GlobalAdministrator' },
  }, max);
  return items.slice(0, max).map((u) => ({ displayName: u.displayName as string, email: u.email as string }));
}

/** At most this many admins are emailed one notice: one outbox item each, in the transaction that queues them (100 items at most). */
export const MAX_ADMINS_TOLD = 90;

export const userRead = (email: string): ItemRead<User | undefined> => ({
  key: userKeys.key(email),
  from: (item) => (item ? pick<User>(item, USER_FIELDS) : undefined),
});

export const getUserByEmail = (email: string): Promise<User | undefined> => getItem(userRead(email));

/**
 * R21: a domain added to a tenant's list (the domain's own item is written by `domainPut` in the
 * same transaction); `tenant_domain_not_added` when the list holds it already or the tenant is gone.
 */
export const tenantDomainAdd = (tenantId: string, domain: string): Write => ({
  ifConditionFails: 'tenant_domain_not_added',
  Update: {
    TableName: tableName(),
    Key: tenantKeys.key(tenantId),
    UpdateExpression: 'SET #domains = list_append(if_not_exists(#domains, :empty), :added)',
    ConditionExpression: 'attribute_exists(pk) AND NOT contains(#domains, :domain)',
    ExpressionAttributeNames: { '#domains': 'domains' },
    ExpressionAttributeValues: { ':empty': [], ':added': [normalizeDomain(domain)], ':domain': normalizeDomain(domain) },
  },
});
