import { GetCommand, UpdateCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { nowIso } from '#shared/domain/ids.ts';
import { newSecret } from '#shared/domain/tokens.ts';
import { db, tableName } from './client.ts';
import { TTL_ATTRIBUTE } from './definition.ts';
import { ifConditionHolds } from './transact.ts';
import { tokenKeys } from './keys.ts';

/**
 * One-time link tokens (sign-in links, the signing-in link of a consent email). The raw token is
 * only ever in the link; the table holds its SHA-256, so a token is found by its hash in one read
 * (no comparison of secrets at all), and used at most once by a conditional update.
 */
export type TokenPurpose = 'consent-signin' | 'signin' | 'partner-signin';

export interface LinkToken {
  purpose: TokenPurpose;
  email: string;
  expiresAt: string;
  requestId?: string;
  next?: string;
  /** R32: the partner a partner portal sign-in is for. */
  partnerId?: string;
}

const tokenKey = tokenKeys.key;

export async function issueToken(token: LinkToken): Promise<string> {
  const raw = newSecret();
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...tokenKey(raw), type: 'token', ...token, createdAt: nowIso(), [TTL_ATTRIBUTE]: Math.ceil(Date.parse(token.expiresAt) / 1000) + 86400 },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  return raw;
}

/** A token that can still be used, without using it (to show whom a sign-in link is for). */
export async function peekToken(raw: string, purpose: TokenPurpose, now = nowIso()): Promise<LinkToken | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(raw)) return undefined;
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: tokenKey(raw), ConsistentRead: true }));
  const item = out.Item;
  if (!item || item.purpose !== purpose || item.usedAt || item.expiresAt <= now) return undefined;
  return toToken(item, purpose);
}

/** The request a consent-email token was issued for, used or not (to show its public page). */
export async function requestOfToken(raw: string): Promise<string | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(raw)) return undefined;
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: tokenKey(raw), ConsistentRead: true }));
  return out.Item?.purpose === 'consent-signin' ? (out.Item.requestId as string | undefined) : undefined;
}

/** Uses a token: once, before it expires, for its own purpose only. Anything else is `undefined`. */
export async function consumeToken(raw: string, purpose: TokenPurpose, now = nowIso()): Promise<LinkToken | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(raw)) return undefined;
  const out = await ifConditionHolds(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: tokenKey(raw),
        UpdateExpression: 'SET usedAt = :now',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt) AND purpose = :purpose AND expiresAt > :now',
        ExpressionAttributeValues: { ':now': now, ':purpose': purpose },
        ReturnValues: 'ALL_NEW',
      }),
    ),
  );
  return out ? toToken(out.Attributes ?? {}, purpose) : undefined;
}

const toToken = (item: Record<string, unknown>, purpose: TokenPurpose): LinkToken =>
  ({ purpose, email: item.email, expiresAt: item.expiresAt, requestId: item.requestId, next: item.next, ...(item.partnerId ? { partnerId: item.partnerId } : {}) }) as LinkToken;
