import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { notFound, validationFailed } from '../domain/errors.ts';
import { newId, nowIso } from '../domain/ids.ts';
import { checkPartnerShape, type Partner, type PartnerKind } from '../domain/partner.ts';
import { formatApiKey, newSecret, parseApiKey, safeEqual, sha256 } from '../domain/tokens.ts';
import { type Actor, auditPut } from './audit.ts';
import { db, tableName } from './client.ts';
import { ConditionFailed, transact, type TransactItem } from './transact.ts';
import { queryAll } from './page.ts';
import { pick } from './items.ts';

/** Keys of the partner entity and its API keys (ARCHITECTURE.md, access patterns). */
export const partnerKey = (partnerId: string) => ({ pk: `PARTNER#${partnerId}`, sk: 'PARTNER' });
export const apiKeyKey = (keyId: string) => ({ pk: `APIKEY#${keyId}`, sk: 'APIKEY' });

interface StoredApiKey {
  keyId: string;
  partnerId: string;
  secretHash: string;
  createdAt: string;
  revokedAt?: string;
}

function apiKeyPut(partnerId: string): { item: TransactItem; keyId: string; apiKey: string } {
  const keyId = newId('k').slice(2);
  const secret = newSecret();
  const stored: StoredApiKey = { keyId, partnerId, secretHash: sha256(secret), createdAt: nowIso() };
  return {
    keyId,
    apiKey: formatApiKey(keyId, secret),
    item: {
      Put: {
        TableName: tableName(),
        Item: {
          ...apiKeyKey(keyId),
          type: 'apiKey',
          gsi1pk: `PARTNER#${partnerId}`,
          gsi1sk: `APIKEY#${keyId}`,
          ...stored,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  };
}

const partnerCheck = (partnerId: string): TransactItem => ({
  ConditionCheck: {
    TableName: tableName(),
    Key: partnerKey(partnerId),
    ConditionExpression: 'attribute_exists(pk)',
  },
});

export interface CreatePartnerInput {
  name: string;
  kind: PartnerKind;
  contactEmail: string;
  providerId?: string;
  directApiEligible?: boolean;
}

/**
 * Creates a partner with its first API key. A reseller's provider must exist and be an indirect
 * provider: checked by a condition in the same transaction, so it cannot change in between.
 */
export async function createPartner(input: CreatePartnerInput, actor: Actor): Promise<{ partner: Partner; apiKey: string; keyId: string }> {
  const errors = checkPartnerShape(input);
  if (errors.length > 0) throw validationFailed(errors);
  const partner: Partner = {
    id: newId('p'),
    name: input.name,
    kind: input.kind,
    contactEmail: input.contactEmail,
    status: 'active',
    ...(input.providerId ? { providerId: input.providerId } : {}),
    ...(input.kind === 'oem' ? { directApiEligible: input.directApiEligible ?? false } : {}),
    createdAt: nowIso(),
  };
  const key = apiKeyPut(partner.id);
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName(),
        Item: { ...partnerKey(partner.id), type: 'partner', ...partner },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    key.item,
    auditPut({ action: 'partner.created', actor, partnerId: partner.id, details: { kind: partner.kind, keyId: key.keyId } }),
  ];
  if (input.providerId) {
    items.push({
      ConditionCheck: {
        TableName: tableName(),
        Key: partnerKey(input.providerId),
        ConditionExpression: 'kind = :provider',
        ExpressionAttributeValues: { ':provider': 'indirect-provider' },
      },
    });
  }
  try {
    await transact(items);
  } catch (error) {
    if (error instanceof ConditionFailed && error.at(3)) {
      throw validationFailed([{ path: 'providerId', message: 'must be the id of an indirect provider' }]);
    }
    throw error;
  }
  return { partner, apiKey: key.apiKey, keyId: key.keyId };
}

const toPartner = (item: Record<string, unknown>): Partner => {
  const { pk: _pk, sk: _sk, type: _type, ...partner } = item;
  return partner as unknown as Partner;
};

export async function getPartner(partnerId: string): Promise<Partner | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: partnerKey(partnerId), ConsistentRead: true }));
  return out.Item ? toPartner(out.Item) : undefined;
}

export async function requirePartner(partnerId: string): Promise<Partner> {
  const partner = await getPartner(partnerId);
  if (!partner) throw notFound('Partner');
  return partner;
}

export interface PartnerPatch {
  directApiEligible?: boolean;
  status?: 'active' | 'suspended';
}

/**
 * Operators change a partner's eligibility (R9) or suspend it. The update is conditional on the
 * kind read before, so the check that only OEMs have eligibility cannot be raced.
 */
export async function updatePartner(partnerId: string, patch: PartnerPatch, actor: Actor): Promise<Partner> {
  const current = await requirePartner(partnerId);
  if (patch.directApiEligible !== undefined && current.kind !== 'oem') {
    throw validationFailed([{ path: 'directApiEligible', message: 'only an OEM can be made eligible for direct API consent' }]);
  }
  const next: Partner = { ...current, ...patch };
  const changed = Object.fromEntries(
    Object.entries(patch).filter(([k, v]) => current[k as keyof Partner] !== v),
  );
  if (Object.keys(changed).length === 0) return current;
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':kind': current.kind };
  const sets = Object.entries(changed).map(([k, v], i) => {
    names[`#f${i}`] = k;
    values[`:v${i}`] = v;
    return `#f${i} = :v${i}`;
  });
  await transact([
    {
      Update: {
        TableName: tableName(),
        Key: partnerKey(partnerId),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: 'attribute_exists(pk) AND kind = :kind',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
    auditPut({ action: 'partner.updated', actor, partnerId, details: { from: currentValues(current, changed), to: changed } }),
  ]);
  return next;
}

const currentValues = (partner: Partner, fields: Record<string, unknown>) =>
  Object.fromEntries(Object.keys(fields).map((k) => [k, partner[k as keyof Partner] ?? null]));

/** A new key for a partner; the old ones stay valid until revoked, which is how keys rotate. */
export async function createApiKey(partnerId: string, actor: Actor): Promise<{ keyId: string; apiKey: string }> {
  const key = apiKeyPut(partnerId);
  try {
    await transact([
      partnerCheck(partnerId),
      key.item,
      auditPut({ action: 'api_key.created', actor, partnerId, details: { keyId: key.keyId } }),
    ]);
  } catch (error) {
    if (error instanceof ConditionFailed && error.at(0)) throw notFound('Partner');
    throw error;
  }
  return { keyId: key.keyId, apiKey: key.apiKey };
}

/** Revokes a key of this partner. Revoking a revoked key is a no-op; another partner's key is 404. */
export async function revokeApiKey(partnerId: string, keyId: string, actor: Actor): Promise<void> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: apiKeyKey(keyId), ConsistentRead: true }));
  const stored = out.Item as StoredApiKey | undefined;
  if (!stored || stored.partnerId !== partnerId) throw notFound('API key');
  if (stored.revokedAt) return;
  try {
    await transact([
      {
        Update: {
          TableName: tableName(),
          Key: apiKeyKey(keyId),
          UpdateExpression: 'SET revokedAt = :now',
          ConditionExpression: 'partnerId = :partnerId AND attribute_not_exists(revokedAt)',
          ExpressionAttributeValues: { ':now': nowIso(), ':partnerId': partnerId },
        },
      },
      auditPut({ action: 'api_key.revoked', actor, partnerId, details: { keyId } }),
    ]);
  } catch (error) {
    // Revoked concurrently by another call: the effect asked for holds.
    if (!(error instanceof ConditionFailed)) throw error;
  }
}

/** API keys of a partner (never their secrets). */
export async function listApiKeys(partnerId: string): Promise<Omit<StoredApiKey, 'secretHash'>[]> {
  const items = await queryAll({
    TableName: tableName(),
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
    ExpressionAttributeValues: { ':pk': `PARTNER#${partnerId}`, ':prefix': 'APIKEY#' },
  });
  return items.map((i) => pick<Omit<StoredApiKey, 'secretHash'>>(i, ['keyId', 'partnerId', 'createdAt', 'revokedAt']));
}

/**
 * Resolves a presented API key to its partner's id, or `undefined` for a malformed, unknown or revoked
 * key: callers answer all of these with the same 401.
 */
export async function authenticateApiKey(raw: string): Promise<{ partnerId: string; keyId: string } | undefined> {
  const parsed = parseApiKey(raw);
  if (!parsed) return undefined;
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: apiKeyKey(parsed.keyId), ConsistentRead: true }));
  const stored = out.Item as StoredApiKey | undefined;
  const presentedHash = sha256(parsed.secret);
  // Compare even when the key is unknown, so timing does not tell which key ids exist.
  const matches = safeEqual(presentedHash, stored?.secretHash ?? sha256(''));
  if (!stored || !matches || stored.revokedAt) return undefined;
  // The partner itself (does it exist, is it suspended) is read by the function it calls.
  return { partnerId: stored.partnerId, keyId: stored.keyId };
}

