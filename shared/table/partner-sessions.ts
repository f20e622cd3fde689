import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { PartnerRole } from '#shared/domain/partner-roles.ts';
import { newSecret } from '#shared/domain/tokens.ts';
import { db, tableName } from './client.ts';
import { TTL_ATTRIBUTE } from './definition.ts';
import { fieldsOf, pick } from './items.ts';
import { partnerSessionKeys } from './keys.ts';

/** A partner person's browser session (R32): 8 hours, as a customer's, then sign in again. */
export const PARTNER_SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;

/**
 * A partner portal session: a kind of its own (`PSESSION#`, its own cookie), never a customer's.
 * It names the person by partner and email; the person's role is read from their item at every
 * request, so a role changed or a person removed takes effect at once.
 */
export interface PartnerSession {
  partnerId: string;
  userId: string;
  email: string;
  /** Synchronizer token of every form of this session. */
  csrf: string;
  signedInWith: 'email' | 'organization';
  /** The role at sign-in, for the log only: the portal reads the current one. */
  role: PartnerRole;
  expiresAt: string;
}

const SESSION_FIELDS = /* @__PURE__ */ fieldsOf<PartnerSession>()(['partnerId', 'userId', 'email', 'csrf', 'signedInWith', 'role', 'expiresAt']);

/** A new session id at every sign-in (no fixation); only its hash is the key. */
export async function createPartnerSession(who: Omit<PartnerSession, 'csrf' | 'expiresAt'>, now = Date.now()): Promise<{ sessionId: string; session: PartnerSession }> {
  const sessionId = newSecret();
  const session: PartnerSession = { ...who, csrf: newSecret(), expiresAt: new Date(now + PARTNER_SESSION_LIFETIME_MS).toISOString() };
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...partnerSessionKeys.key(sessionId), type: 'partnerSession', ...session, [TTL_ATTRIBUTE]: Math.ceil((now + PARTNER_SESSION_LIFETIME_MS) / 1000) },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  return { sessionId, session };
}

/** The live session of this id; an expired one is ignored whether or not TTL removed it. */
export async function getPartnerSession(sessionId: string, now = new Date().toISOString()): Promise<PartnerSession | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: partnerSessionKeys.key(sessionId), ConsistentRead: true }));
  if (!out.Item || String(out.Item.expiresAt) <= now) return undefined;
  return pick(out.Item, SESSION_FIELDS);
}

export async function deletePartnerSession(sessionId: string): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: partnerSessionKeys.key(sessionId) }));
}
