import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client.ts';
import { TTL_ATTRIBUTE } from './definition.ts';
import { oidcFlowKeys } from './keys.ts';
import { ifConditionHolds } from './transact.ts';

/**
 * A sign-in with the identity provider between its start and the provider's answer: what the
 * answer is checked with (the PKCE code verifier and the nonce), where to go next, and the hash
 * of the random value in the browser's flow cookie, so only the browser that started it can finish
 * it. Found by the hash of its `state`, and deleted as it is read: used once.
 */
export interface OidcFlow {
  codeVerifier: string;
  nonce: string;
  /** SHA-256 of the flow cookie's value. */
  browserBinding: string;
  next?: string;
  expiresAt: string;
}

export async function putOidcFlow(state: string, flow: OidcFlow): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...oidcFlowKeys.key(state), type: 'oidcFlow', ...flow, [TTL_ATTRIBUTE]: Math.ceil(Date.parse(flow.expiresAt) / 1000) + 3600 },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/**
 * Takes the flow of this `state` out of the table: once. A second answer with the same state (a
 * replayed callback), or a state we never issued (a tampered one), finds nothing; so does an
 * expired flow (TTL deletes late, so expiry is checked here).
 */
export async function takeOidcFlow(state: string, now = new Date().toISOString()): Promise<OidcFlow | undefined> {
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(state)) return undefined;
  const out = await ifConditionHolds(
    db().send(new DeleteCommand({ TableName: tableName(), Key: oidcFlowKeys.key(state), ConditionExpression: 'attribute_exists(pk)', ReturnValues: 'ALL_OLD' })),
  );
  const item = out?.Attributes;
  if (!item || String(item.expiresAt) <= now) return undefined;
  return {
    codeVerifier: String(item.codeVerifier),
    nonce: String(item.nonce),
    browserBinding: String(item.browserBinding),
    expiresAt: String(item.expiresAt),
    ...(item.next ? { next: String(item.next) } : {}),
  };
}
