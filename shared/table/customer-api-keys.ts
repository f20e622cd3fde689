import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { MAX_CUSTOMER_KEYS, type CustomerScope } from '#shared/domain/customer-api-keys.ts';
import { db, tableName } from './client.ts';
import { fieldsOf, pick } from './items.ts';
import { customerKeyKeys } from './keys.ts';
import { keyQuery, queryAll, queryPage, type Page, type PageRequest } from './page.ts';
import type { SignInMethod } from './sessions.ts';
import { ifConditionHolds, type Write } from './transact.ts';

/**
 * Customer API keys (R25): one item each, found by its id when presented; only the SHA-256 of the
 * secret is kept. A counter item per tenant holds how many are live, so the transaction that
 * creates a key is refused past the limit (`too_many_keys`) and a revocation gives a place back.
 */
export interface CustomerApiKey {
  keyId: string;
  tenantId: string;
  name: string;
  scopes: CustomerScope[];
  createdAt: string;
  /** The global admin who made it, and how they had signed in (a key does not outlive `requireIdpSignIn`, R25). */
  createdBy: { userId: string; email: string; displayName: string; signedInWith: SignInMethod };
  revokedAt?: string;
  lastUsedAt?: string;
}

export interface StoredCustomerApiKey extends CustomerApiKey {
  secretHash: string;
}

const FIELDS = /* @__PURE__ */ fieldsOf<CustomerApiKey>()(['keyId', 'tenantId', 'name', 'scopes', 'createdAt', 'createdBy', 'revokedAt', 'lastUsedAt']);
const STORED_FIELDS = /* @__PURE__ */ fieldsOf<StoredCustomerApiKey>()([...FIELDS, 'secretHash']);

/** How stale a key's `lastUsedAt` may get: a key in steady use is written at most this often. */
export const LAST_USE_RESOLUTION_MS = 5 * 60 * 1000;

/** The writes that create a key: the key (`key_exists` when its id is taken), and one more live key for its tenant, refused past the limit (`too_many_keys`). */
export function customerKeyCreated(key: StoredCustomerApiKey): Write[] {
  return [
    {
      // A form posted again (a reload of the answer) names the key it made already: nothing twice.
      ifConditionFails: 'key_exists',
      Put: { TableName: tableName(), Item: { ...customerKeyKeys.key(key.keyId), type: 'customerApiKey', ...customerKeyKeys.indexes(key), ...key }, ConditionExpression: 'attribute_not_exists(pk)' },
    },
    {
      ifConditionFails: 'too_many_keys',
      Update: {
        TableName: tableName(),
        Key: customerKeyKeys.counter(key.tenantId),
        UpdateExpression: 'ADD live :one SET #type = :type',
        ConditionExpression: 'attribute_not_exists(live) OR live < :max',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':one': 1, ':max': MAX_CUSTOMER_KEYS, ':type': 'customerKeyCounter' },
      },
    },
  ];
}

/** The writes that revoke several live keys of a tenant at once (R25: a key does not outlive requireIdpSignIn): one counter update for all. */
export function customerKeysRevoked(tenantId: string, keyIds: string[], at: string): Write[] {
  if (keyIds.length === 0) return [];
  return [
    ...keyIds.map(
      (keyId): Write => ({
        ifConditionFails: 'not_live',
        Update: {
          TableName: tableName(),
          Key: customerKeyKeys.key(keyId),
          UpdateExpression: 'SET revokedAt = :at',
          ConditionExpression: 'tenantId = :tenantId AND attribute_not_exists(revokedAt)',
          ExpressionAttributeValues: { ':at': at, ':tenantId': tenantId },
        },
      }),
    ),
    { Update: { TableName: tableName(), Key: customerKeyKeys.counter(tenantId), UpdateExpression: 'ADD live :minus', ExpressionAttributeValues: { ':minus': -keyIds.length } } },
  ];
}

/** The writes that revoke a live key of this tenant (`not_live` when it is unknown, another tenant's, or revoked already). */
export const customerKeyRevoked = (tenantId: string, keyId: string, at: string): Write[] => customerKeysRevoked(tenantId, [keyId], at);

/** A key as stored (with its secret's hash), for authentication; strongly consistent, so a revocation holds at once. */
export async function getCustomerKey(keyId: string): Promise<StoredCustomerApiKey | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: customerKeyKeys.key(keyId), ConsistentRead: true }));
  return out.Item ? pick<StoredCustomerApiKey>(out.Item, STORED_FIELDS) : undefined;
}

/** A tenant's keys, newest first, revoked ones included (never their secrets). */
export const listCustomerKeys = (tenantId: string, page: PageRequest): Promise<Page<CustomerApiKey>> =>
  queryPage(keyQuery(customerKeyKeys.queryOfTenant(tenantId), { descending: true }), page, (item) => pick<CustomerApiKey>(item, FIELDS));

/** Every live key of a tenant (at most 50), for revoking them together. */
export async function liveCustomerKeys(tenantId: string): Promise<CustomerApiKey[]> {
  const items = await queryAll({ ...keyQuery(customerKeyKeys.queryOfTenant(tenantId)), FilterExpression: 'attribute_not_exists(revokedAt)' });
  return items.map((item) => pick<CustomerApiKey>(item, FIELDS));
}

/**
 * Records that a key was used, at most once per LAST_USE_RESOLUTION_MS (a conditional write that
 * fails quietly otherwise), so the portal's "last use" costs a key in steady use almost nothing.
 */
export async function touchCustomerKey(keyId: string, now: string): Promise<void> {
  const staleBefore = new Date(Date.parse(now) - LAST_USE_RESOLUTION_MS).toISOString();
  await ifConditionHolds(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: customerKeyKeys.key(keyId),
        UpdateExpression: 'SET lastUsedAt = :now',
        ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(lastUsedAt) OR lastUsedAt < :stale)',
        ExpressionAttributeValues: { ':now': now, ':stale': staleBefore },
      }),
    ),
  );
}
