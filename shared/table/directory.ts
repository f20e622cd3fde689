import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  isEmailOnTenantDomain,
  normalizeDomain,
  normalizeEmail,
  tenantDomains,
  type DirectoryRole,
  type Tenant,
  type User,
} from '../domain/directory.ts';
import { conflict, notFound, validationFailed } from '../domain/errors.ts';
import { newId, nowIso } from '../domain/ids.ts';
import { type Actor, auditPut } from './audit.ts';
import { db, tableName } from './client.ts';
import { pick } from './items.ts';
import { ConditionFailed, transact, type TransactItem } from './transact.ts';

/** Keys of tenants, their domains and users (ARCHITECTURE.md). */
export const tenantKey = (tenantId: string) => ({ pk: `TENANT#${tenantId}`, sk: 'TENANT' });
/** One item per domain: a domain belongs to at most one tenant, and finds it in one read. */
export const domainKey = (domain: string) => ({ pk: `DOMAIN#${normalizeDomain(domain)}`, sk: 'DOMAIN' });
/** One item per email: emails are unique across the directory, case-insensitively. */
export const userKey = (email: string) => ({ pk: `USER#${normalizeEmail(email)}`, sk: 'USER' });

const TENANT_FIELDS = ['id', 'name', 'initialDomain', 'domains', 'createdAt'] as const;
const USER_FIELDS = ['id', 'tenantId', 'email', 'displayName', 'roles'] as const;

export async function createTenant(
  input: { name: string; initialDomain: string; domains?: string[] },
  actor: Actor,
): Promise<Tenant> {
  const tenant: Tenant = {
    id: newId('t'),
    name: input.name,
    initialDomain: normalizeDomain(input.initialDomain),
    domains: [],
    createdAt: nowIso(),
  };
  tenant.domains = tenantDomains({ initialDomain: tenant.initialDomain, domains: input.domains ?? [] }).slice(1);
  const all = [tenant.initialDomain, ...tenant.domains];
  const items: TransactItem[] = [
    auditPut({ action: 'tenant.created', actor, tenantId: tenant.id, details: { domains: all } }),
    {
      Put: {
        TableName: tableName(),
        Item: { ...tenantKey(tenant.id), type: 'tenant', ...tenant },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    ...all.map(
      (domain): TransactItem => ({
        Put: {
          TableName: tableName(),
          Item: { ...domainKey(domain), type: 'domain', domain, tenantId: tenant.id },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      }),
    ),
  ];
  try {
    await transact(items);
  } catch (error) {
    if (error instanceof ConditionFailed) {
      const taken = all.filter((_, i) => error.at(i + 2));
      throw conflict(`Domain already belongs to another tenant: ${taken.join(', ')}`);
    }
    throw error;
  }
  return tenant;
}

export const toTenant = (item: Record<string, unknown>): Tenant => pick<Tenant>(item, TENANT_FIELDS);

export async function getTenant(tenantId: string): Promise<Tenant | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: tenantKey(tenantId), ConsistentRead: true }));
  return out.Item ? toTenant(out.Item) : undefined;
}

export async function requireTenant(tenantId: string): Promise<Tenant> {
  const tenant = await getTenant(tenantId);
  if (!tenant) throw notFound('Tenant');
  return tenant;
}

/** The tenant that owns a domain, if any. */
export async function findTenantIdByDomain(domain: string): Promise<string | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: domainKey(domain), ConsistentRead: true }));
  return out.Item?.tenantId as string | undefined;
}

export async function createUser(
  tenantId: string,
  input: { email: string; displayName: string; roles: DirectoryRole[] },
  actor: Actor,
): Promise<User> {
  const tenant = await requireTenant(tenantId);
  if (!isEmailOnTenantDomain(input.email, tenant)) {
    throw validationFailed([{ path: 'email', message: "must be on one of the tenant's domains" }]);
  }
  const user: User = {
    id: newId('u'),
    tenantId,
    email: normalizeEmail(input.email),
    displayName: input.displayName,
    roles: [...new Set(input.roles)],
  };
  try {
    await transact([
      {
        Put: {
          TableName: tableName(),
          Item: { ...userKey(user.email), type: 'user', gsi1pk: `TENANT#${tenantId}`, gsi1sk: `USER#${user.email}`, ...user },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      { ConditionCheck: { TableName: tableName(), Key: tenantKey(tenantId), ConditionExpression: 'attribute_exists(pk)' } },
      auditPut({ action: 'user.created', actor, tenantId, subject: user.id, details: { roles: user.roles } }),
    ]);
  } catch (error) {
    if (error instanceof ConditionFailed && error.at(0)) throw conflict('A user with this email already exists');
    if (error instanceof ConditionFailed && error.at(1)) throw notFound('Tenant');
    throw error;
  }
  return user;
}

/** R1 "whom to ask": the global administrators of a tenant (at most 10 shown). */
export async function listGlobalAdmins(tenantId: string): Promise<Pick<User, 'displayName' | 'email'>[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
      FilterExpression: 'contains(#roles, :ga)',
      ExpressionAttributeNames: { '#roles': 'roles' },
      ExpressionAttributeValues: { ':pk': `TENANT#${tenantId}`, ':prefix': 'USER#', ':ga': 'GlobalAdministrator' },
    }),
  );
  return (out.Items ?? []).slice(0, 10).map((u) => ({ displayName: u.displayName as string, email: u.email as string }));
}

export async function getUserByEmail(email: string): Promise<User | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: userKey(email), ConsistentRead: true }));
  return out.Item ? pick<User>(out.Item, USER_FIELDS) : undefined;
}
