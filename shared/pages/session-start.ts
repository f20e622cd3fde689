import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { User } from '#shared/domain/directory.ts';
import { sessionCookie, sessionIdOf, sessionIdsOf } from '#shared/http/session.ts';
import { createSession, deleteSession, getSession, SESSION_LIFETIME_MS, type Session, type SessionIdentity } from '#shared/table/sessions.ts';

/**
 * Every sign-in, by emailed link or through the organization's provider, starts a session with a
 * new id (no fixation) and ends the one this browser had, if any. Answers the session cookie.
 */
export async function startSession(event: APIGatewayProxyEventV2, who: User | SessionIdentity): Promise<string> {
  const previous = await sessionIdOf(event);
  if (previous) await deleteSession(previous);
  const { sessionId } = await createSession(who);
  return sessionCookie(sessionId, SESSION_LIFETIME_MS / 1000);
}

/** The request's session: the first session cookie whose signature holds and whose session is live. */
export async function loadSession(event: APIGatewayProxyEventV2): Promise<{ sessionId: string; session: Session } | undefined> {
  for (const sessionId of await sessionIdsOf(event)) {
    const session = await getSession(sessionId);
    if (session) return { sessionId, session };
  }
  return undefined;
}
