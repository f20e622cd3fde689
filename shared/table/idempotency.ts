import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conflict, idempotencyKeyReused } from '#shared/domain/errors.ts';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sha256 } from '#shared/domain/tokens.ts';
import { logger } from '#shared/observability/logger.ts';
import { db, tableName } from './client.ts';
import { TTL_ATTRIBUTE } from './definition.ts';
import { idempotencyKeys } from './keys.ts';
import { ifConditionHolds } from './transact.ts';

/** Keys are kept a day (as Stripe and the IETF draft suggest); a call in progress holds its key 5 minutes. */
const KEEP_MS = 24 * 60 * 60 * 1000;
const LOCK_MS = 5 * 60 * 1000;

export interface StoredResponse<T> {
  status: number;
  body: T;
}

/**
 * R20 for calls that are not naturally idempotent: the first call with a key runs and its answer
 * is stored; a retry with the same key and body gets that answer again, with another body a 409
 * `idempotency_key_reused`, and while the first still runs a 409 `conflict`. Keys are per partner
 * and per route. A call that fails releases its key, so it can be retried.
 */
export async function idempotent<T>(
  scope: { partnerId: string; route: string },
  key: string | undefined,
  requestBody: string,
  run: () => Promise<StoredResponse<T>>,
): Promise<StoredResponse<T> & { replayed: boolean }> {
  if (key === undefined) return { ...(await run()), replayed: false };
  const itemKey = idempotencyKeys.key(scope.partnerId, scope.route, key);
  const requestHash = sha256(requestBody);
  const now = Date.now();
  const claimed = await ifConditionHolds(
    db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...itemKey, type: 'idempotency', state: 'in_progress', requestHash, lockedUntil: now + LOCK_MS, expiresAt: now + KEEP_MS, [TTL_ATTRIBUTE]: Math.ceil((now + KEEP_MS) / 1000) },
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now OR (#state = :running AND lockedUntil < :now AND requestHash = :hash)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':now': now, ':running': 'in_progress', ':hash': requestHash },
      }),
    ),
  );
  if (!claimed) {
    const out = await db().send(new GetCommand({ TableName: tableName(), Key: itemKey, ConsistentRead: true }));
    const stored = out.Item;
    if (!stored || stored.requestHash !== requestHash) throw idempotencyKeyReused();
    if (stored.state !== 'completed') throw conflict('A request with this Idempotency-Key is still in progress; retry later');
    const text = typeof stored.response === 'string' ? stored.response : gunzipSync(stored.response as Uint8Array).toString('utf8');
    return { ...(JSON.parse(text) as StoredResponse<T>), replayed: true };
  }
  let response: StoredResponse<T>;
  try {
    response = await run();
  } catch (error) {
    await db().send(new DeleteCommand({ TableName: tableName(), Key: itemKey }));
    throw error;
  }
  // Gzipped: a 1000-device answer is repetitive JSON, and an item holds at most 400 KB.
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: itemKey,
        UpdateExpression: 'SET #state = :done, #response = :response REMOVE lockedUntil',
        ExpressionAttributeNames: { '#state': 'state', '#response': 'response' },
        ExpressionAttributeValues: { ':done': 'completed', ':response': gzipSync(JSON.stringify(response)) },
      }),
    );
  } catch (error) {
    // The call's effect stands; without a stored answer a retry runs again, and finds its devices
    // already registered to this tenant (nothing happens twice).
    logger.error('idempotent answer not stored', { error: error as Error });
    await db().send(new DeleteCommand({ TableName: tableName(), Key: itemKey }));
  }
  return { ...response, replayed: false };
}
