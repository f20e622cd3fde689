import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { newSecret } from '../domain/tokens.ts';
import { sessionKeys } from './keys.ts';
import type { User } from '../domain/directory.ts';
import { db, tableName } from './client.ts';
import { TTL_ATTRIBUTE } from './definition.ts';

/** A customer's browser session: 8 hours, then sign in again. */
export const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;

export interface Session {
  email: string;
  userId: string;
  tenantId: string;
  /** Synchronizer token for every form of this session. */
  csrf: string;
  expiresAt: string;
}

const sessionKey = sessionKeys.key;

/** A new session id at every sign-in (no fixation); only its hash is stored. */
export async function createSession(user: User, now = Date.now()): Promise<{ sessionId: string; session: Session }> {
  const sessionId = newSecret();
  const session: Session = {
    email: user.email,
    userId: user.id,
    tenantId: user.tenantId,
    csrf: newSecret(),
    expiresAt: new Date(now + SESSION_LIFETIME_MS).toISOString(),
  };
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...sessionKey(sessionId), type: 'session', ...session, [TTL_ATTRIBUTE]: Math.ceil((now + SESSION_LIFETIME_MS) / 1000) },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  return { sessionId, session };
}

/** The live session of this id; expired sessions are ignored whether or not TTL removed them. */
export async function getSession(sessionId: string, now = new Date().toISOString()): Promise<Session | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: sessionKey(sessionId), ConsistentRead: true }));
  const item = out.Item;
  if (!item || item.expiresAt <= now) return undefined;
  return { email: item.email, userId: item.userId, tenantId: item.tenantId, csrf: item.csrf, expiresAt: item.expiresAt };
}

export async function deleteSession(sessionId: string): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: sessionKey(sessionId) }));
}
