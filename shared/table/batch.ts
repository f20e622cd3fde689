import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { forEachConcurrently } from '#shared/util/batching.ts';
import { db, tableName } from './client.ts';
import type { Key } from './keys.ts';

const BATCH = 100;
const MAX_RETRIES = 8;
/** BatchGetItem calls in flight at once for one read (1000 devices with three identities each are 30 calls). */
const CONCURRENCY = 32;

type Item = Record<string, unknown>;

/**
 * Reads items by key, 100 keys a BatchGetItem, at most CONCURRENCY calls at once, strongly
 * consistent; a key given twice is read once (BatchGetItem refuses repeated keys). Unprocessed keys
 * are retried with jittered back-off, and if any are still left the read fails rather than
 * silently answering without them. Items come back in no particular order.
 */
export async function batchGet(keys: Item[]): Promise<Item[]> {
  const unique = [...new Map(keys.map((key) => [JSON.stringify(key), key])).values()];
  const chunks: Item[][] = [];
  for (let i = 0; i < unique.length; i += BATCH) chunks.push(unique.slice(i, i + BATCH));
  const items: Item[] = [];
  await forEachConcurrently(chunks, CONCURRENCY, async (chunk) => {
    let pending: Item[] | undefined = chunk;
    for (let attempt = 0; pending?.length; attempt++) {
      if (attempt > MAX_RETRIES) throw new Error(`BatchGetItem left ${pending.length} keys unprocessed after ${MAX_RETRIES} retries`);
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 2 ** attempt * 10) * (0.5 + Math.random() / 2)));
      const out = await db().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending, ConsistentRead: true } } }));
      items.push(...(out.Responses?.[tableName()] ?? []));
      pending = out.UnprocessedKeys?.[tableName()]?.Keys as Item[] | undefined;
    }
  });
  return items;
}

/**
 * One item to read by its key, and what it (or its absence) means: the entity modules of this
 * folder answer these (`partnerRead`, `tenantRead`...), so that one item reads the same way alone
 * (`getItem`) and together with others (`getItems`).
 */
export interface ItemRead<T> {
  key: Key;
  from: (item: Item | undefined) => T;
}

/** One item, strongly consistent (one GetItem). */
export async function getItem<T>(read: ItemRead<T>): Promise<T> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: read.key, ConsistentRead: true }));
  return read.from(out.Item);
}

/** What a read answers; an absent read (`undefined`) answers `undefined` (distributes over `ItemRead<T> | undefined`). */
type ReadOf<X> = X extends ItemRead<infer T> ? T : undefined;
type ReadsResult<R> = { [K in keyof R]: ReadOf<R[K]> };

/**
 * Items of any kinds, read together, strongly consistent: one BatchGetItem for up to 100 keys
 * (a single key is one GetItem), where reading them one after the other would cost a round trip
 * each. Absent reads (`undefined`) read nothing and answer `undefined`.
 */
export async function getItems<R extends Record<string, ItemRead<unknown> | undefined>>(reads: R): Promise<ReadsResult<R>> {
  const present = Object.entries(reads).filter((entry): entry is [string, ItemRead<unknown>] => entry[1] !== undefined);
  const found = new Map<string, Item>();
  if (present.length === 1) {
    const [[name, read]] = present;
    return { [name]: await getItem(read) } as ReadsResult<R>;
  }
  if (present.length > 1) for (const item of await batchGet(present.map(([, read]) => read.key))) found.set(keyId(item), item);
  return Object.fromEntries(present.map(([name, read]) => [name, read.from(found.get(keyId(read.key)))])) as ReadsResult<R>;
}

const keyId = (item: { pk?: unknown; sk?: unknown }) => `${String(item.pk)}\n${String(item.sk)}`;
