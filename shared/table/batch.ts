import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client.ts';

const BATCH = 100;
const MAX_RETRIES = 8;

/**
 * Reads items by key, 100 keys a BatchGetItem, in parallel, strongly consistent; unprocessed keys
 * are retried with jittered back-off, and if any are still left the read fails rather than
 * silently answering without them.
 */
export async function batchGet(keys: Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < keys.length; i += BATCH) chunks.push(keys.slice(i, i + BATCH));
  const results = await Promise.all(
    chunks.map(async (chunk) => {
      const items: Record<string, unknown>[] = [];
      let pending: Record<string, unknown>[] | undefined = chunk;
      for (let attempt = 0; pending?.length; attempt++) {
        if (attempt > MAX_RETRIES) throw new Error(`BatchGetItem left ${pending.length} keys unprocessed after ${MAX_RETRIES} retries`);
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 2 ** attempt * 10) * (0.5 + Math.random() / 2)));
        const out = await db().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending, ConsistentRead: true } } }));
        items.push(...(out.Responses?.[tableName()] ?? []));
        pending = out.UnprocessedKeys?.[tableName()]?.Keys as Record<string, unknown>[] | undefined;
      }
      return items;
    }),
  );
  return results.flat();
}
