import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Partner } from '#shared/domain/partner.ts';
import { getItem, getItems, type ItemRead } from './batch.ts';
import { db, tableName } from './client.ts';
import { fieldsOf, pick } from './items.ts';
import { apiKeyKeys, partnerKeys } from './keys.ts';
import { keyQuery, queryAll } from './page.ts';
import type { Write } from './transact.ts';

/** Partners and their API keys (ARCHITECTURE.md, access patterns). */
export interface StoredApiKey {
  keyId: string;
  partnerId: string;
  /** SHA-256 of the key's secret: the secret itself is never stored. */
  secretHash: string;
  createdAt: string;
  revokedAt?: string;
}

const toPartner = (item: Record<string, unknown>): Partner => {
  const { pk: _pk, sk: _sk, type: _type, ...partner } = item;
  return partner as unknown as Partner;
};

export const partnerRead = (partnerId: string): ItemRead<Partner | undefined> => ({
  key: partnerKeys.key(partnerId),
  from: (item) => (item ? toPartner(item) : undefined),
});

export const getPartner = (partnerId: string): Promise<Partner | undefined> => getItem(partnerRead(partnerId));

/** Partners by id, in one batch read (an id not found answers `undefined` in its place). */
export async function getPartners(partnerIds: string[]): Promise<(Partner | undefined)[]> {
  if (partnerIds.length === 0) return [];
  const reads = await getItems(Object.fromEntries(partnerIds.map((id, i) => [String(i), partnerRead(id)])));
  return partnerIds.map((_id, i) => reads[String(i)] as Partner | undefined);
}

export const partnerPut = (partner: Partner): Write => ({
  Put: { TableName: tableName(), Item: { ...partnerKeys.key(partner.id), type: 'partner', ...partner }, ConditionExpression: 'attribute_not_exists(pk)' },
});

/** Holds only while the partner exists (`no_partner`). */
export const partnerExists = (partnerId: string): Write => ({
  ifConditionFails: 'no_partner',
  ConditionCheck: { TableName: tableName(), Key: partnerKeys.key(partnerId), ConditionExpression: 'attribute_exists(pk)' },
});

/** Holds only while this partner is an indirect provider (`not_indirect_provider`). */
export const isIndirectProvider = (partnerId: string): Write => ({
  ifConditionFails: 'not_indirect_provider',
  ConditionCheck: {
    TableName: tableName(),
    Key: partnerKeys.key(partnerId),
    ConditionExpression: 'kind = :provider',
    ExpressionAttributeValues: { ':provider': 'indirect-provider' },
  },
});

/** Sets fields of a partner, conditional on its kind being the one read (`changed_meanwhile`). */
export function partnerUpdated(partnerId: string, kind: Partner['kind'], fields: Record<string, unknown>): Write {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':kind': kind };
  const sets = Object.entries(fields).map(([k, v], i) => {
    names[`#f${i}`] = k;
    values[`:v${i}`] = v;
    return `#f${i} = :v${i}`;
  });
  return {
    ifConditionFails: 'changed_meanwhile',
    Update: {
      TableName: tableName(),
      Key: partnerKeys.key(partnerId),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: 'attribute_exists(pk) AND kind = :kind',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** Sets the partner's reusable consent link once (`link_exists` when another request set it first). */
export const partnerLinkSet = (partnerId: string, linkId: string): Write => ({
  ifConditionFails: 'link_exists',
  Update: {
    TableName: tableName(),
    Key: partnerKeys.key(partnerId),
    UpdateExpression: 'SET linkId = :linkId',
    ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(linkId)',
    ExpressionAttributeValues: { ':linkId': linkId },
  },
});

export const apiKeyPut = (stored: StoredApiKey): Write => ({
  Put: {
    TableName: tableName(),
    Item: { ...apiKeyKeys.key(stored.keyId), type: 'apiKey', ...apiKeyKeys.indexes(stored), ...stored },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

const API_KEY_FIELDS = /* @__PURE__ */ fieldsOf<StoredApiKey>()(['keyId', 'partnerId', 'secretHash', 'createdAt', 'revokedAt']);
// A listed key never carries its secret's hash.
const LISTED_API_KEY_FIELDS = /* @__PURE__ */ fieldsOf<Omit<StoredApiKey, 'secretHash'>>()(['keyId', 'partnerId', 'createdAt', 'revokedAt']);

export async function getApiKey(keyId: string): Promise<StoredApiKey | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: apiKeyKeys.key(keyId), ConsistentRead: true }));
  return out.Item ? pick(out.Item, API_KEY_FIELDS) : undefined;
}

/** Revokes a key of this partner, unless revoked already (`already_revoked`). */
export const apiKeyRevoked = (partnerId: string, keyId: string, now: string): Write => ({
  ifConditionFails: 'already_revoked',
  Update: {
    TableName: tableName(),
    Key: apiKeyKeys.key(keyId),
    UpdateExpression: 'SET revokedAt = :now',
    ConditionExpression: 'partnerId = :partnerId AND attribute_not_exists(revokedAt)',
    ExpressionAttributeValues: { ':now': now, ':partnerId': partnerId },
  },
});

/** API keys of a partner (never their secrets). */
export async function listApiKeys(partnerId: string): Promise<Omit<StoredApiKey, 'secretHash'>[]> {
  const items = await queryAll(keyQuery(apiKeyKeys.queryOfPartner(partnerId)));
  return items.map((i) => pick(i, LISTED_API_KEY_FIELDS));
}
