import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client.ts';
import { TTL_ATTRIBUTE } from './definition.ts';
import { rateWindowKeys } from './keys.ts';

/**
 * A fixed-window counter: true while `key` has been counted at most `limit` times in the current
 * window of `windowMs`. One conditional-free atomic ADD per call; TTL removes old windows.
 */
export async function withinLimit(key: string, limit: number, windowMs: number, now = Date.now()): Promise<boolean> {
  const window = Math.floor(now / windowMs);
  const out = await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: rateWindowKeys.key(key, window),
      UpdateExpression: 'ADD hits :one SET #ttl = :ttl',
      ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
      ExpressionAttributeValues: { ':one': 1, ':ttl': Math.ceil(((window + 2) * windowMs) / 1000) },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(out.Attributes?.hits ?? 0) <= limit;
}
