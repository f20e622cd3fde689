import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { newSecret } from '#shared/domain/tokens.ts';
import { sessionKeys } from './keys.ts';
import type { DirectoryRole, User } from '#shared/domain/directory.ts';
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
  /** How the user signed in: an emailed link, or their organization's identity provider (R21). @default 'email' (sessions from before R21) */
  signedInWith?: SignInMethod;
  /** The user facts the pages need, as they stood at sign-in; absent on sessions from before R21. */
  displayName?: string;
  roles?: DirectoryRole[];
  /** False when the identity provider said nothing of the user's roles (no `wids` in the token). */
  rolesKnown?: boolean;
}

export type SignInMethod = 'email' | 'organization';

/**
 * Who a session is for, whichever way they signed in: a user of the directory (emailed link), or
 * an identity the organization's provider vouched for (R21). The pages build the same viewer from either.
 */
export interface SessionIdentity {
  userId: string;
  email: string;
  tenantId: string;
  displayName: string;
  roles: DirectoryRole[];
  rolesKnown: boolean;
  signedInWith: SignInMethod;
}

const identityOf = (who: User | SessionIdentity): SessionIdentity =>
  'userId' in who
    ? who
    : { userId: who.id, email: who.email, tenantId: who.tenantId, displayName: who.displayName, roles: who.roles, rolesKnown: true, signedInWith: 'email' };

const sessionKey = sessionKeys.key;

/** A new session id at every sign-in (no fixation); only its hash is stored. */
export async function createSession(who: User | SessionIdentity, now = Date.now()): Promise<{ sessionId: string; session: Session }> {
  const sessionId = newSecret();
  const { userId, email, tenantId, displayName, roles, rolesKnown, signedInWith } = identityOf(who);
  const session: Session = {
    email,
    userId,
    tenantId,
    signedInWith,
    displayName,
    roles,
    rolesKnown,
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
  return {
    email: item.email,
    userId: item.userId,
    tenantId: item.tenantId,
    csrf: item.csrf,
    expiresAt: item.expiresAt,
    ...(item.signedInWith ? { signedInWith: item.signedInWith } : {}),
    ...(item.displayName ? { displayName: item.displayName } : {}),
    ...(Array.isArray(item.roles) ? { roles: item.roles as DirectoryRole[] } : {}),
    ...(typeof item.rolesKnown === 'boolean' ? { rolesKnown: item.rolesKnown } : {}),
  };
}

export async function deleteSession(sessionId: string): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: sessionKey(sessionId) }));
}
