import { createHmac, timingSafeEqual } from 'node:crypto';
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { getSecret } from '#shared/config/secrets.ts';
import { validationFailed } from '#shared/domain/errors.ts';
import { db, tableName } from './client.ts';
import { INDEX_ATTRIBUTES, type KeyQuery } from './keys.ts';

export interface PageRequest {
  limit: number;
  cursor?: string;
  /** What the cursor is bound to (the caller and the list); a cursor of another scope is refused. */
  scope: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

type Key = Record<string, unknown>;

/**
 * Cursors are the `LastEvaluatedKey`, authenticated with an HMAC over the key and its scope, so a
 * partner can neither forge one nor replay one into another partner's list (DESIGN-NOTES).
 */
export async function encodeCursor(key: Key, scope: string): Promise<string> {
  const payload = Buffer.from(JSON.stringify(key)).toString('base64url');
  return `${payload}.${await sign(payload, scope)}`;
}

export async function decodeCursor(cursor: string, scope: string): Promise<Key> {
  const invalid = () => validationFailed([{ path: 'cursor', message: 'is not a valid cursor for this list' }]);
  const [payload, signature, extra] = cursor.split('.');
  if (!payload || !signature || extra !== undefined) throw invalid();
  const expected = Buffer.from(await sign(payload, scope));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid();
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Key;
  } catch {
    throw invalid();
  }
}

async function sign(payload: string, scope: string): Promise<string> {
  const cursorKey = await getSecret('cursorKey');
  return createHmac('sha256', cursorKey).update(`${scope}\n${payload}`).digest('base64url');
}

/**
 * One page of a query. With a filter, DynamoDB may return fewer items than asked; this keeps
 * reading (each time at most the number still missing) so a page is full unless the list ends,
 * and the cursor always points just after the last item returned.
 */
export async function queryPage<T>(
  params: QueryCommandInput,
  page: PageRequest,
  toItem: (item: Record<string, unknown>) => T,
): Promise<Page<T>> {
  const items: T[] = [];
  let startKey = page.cursor ? await decodeCursor(page.cursor, page.scope) : undefined;
  do {
    const out = await db().send(
      new QueryCommand({ ...params, Limit: page.limit - items.length, ExclusiveStartKey: startKey }),
    );
    for (const item of out.Items ?? []) items.push(toItem(item));
    startKey = out.LastEvaluatedKey;
  } while (startKey && items.length < page.limit);
  return { items, nextCursor: startKey ? await encodeCursor(startKey, page.scope) : null };
}

/**
 * One page of a query with a filter expression that may drop most items (a rare action in a long
 * audit trail): each Query reads ahead up to `readAhead` items (DynamoDB applies `Limit` before the
 * filter, so asking for the few still missing would cost a request per few items), and the cursor
 * is made from the key of the last item returned, so nothing read past it is lost. A page stops
 * after `maxRequests` Queries even when short, with a cursor to go on: a request's work stays
 * bounded however sparse the filter (a short page with a cursor is still a page).
 */
export async function queryFilteredPage<T>(
  params: QueryCommandInput,
  page: PageRequest,
  toItem: (item: Record<string, unknown>) => T,
  options: { readAhead?: number; maxRequests?: number } = {},
): Promise<Page<T>> {
  const readAhead = options.readAhead ?? 1000;
  const maxRequests = options.maxRequests ?? 10;
  const index = params.IndexName as keyof typeof INDEX_ATTRIBUTES | undefined;
  const keyNames = [INDEX_ATTRIBUTES.table.pk, INDEX_ATTRIBUTES.table.sk, ...(index ? [INDEX_ATTRIBUTES[index].pk, INDEX_ATTRIBUTES[index].sk] : [])];
  const keyOf = (item: Record<string, unknown>): Key => Object.fromEntries(keyNames.map((name) => [name, item[name]]));
  const items: T[] = [];
  let startKey = page.cursor ? await decodeCursor(page.cursor, page.scope) : undefined;
  for (let requests = 0; requests < maxRequests; requests++) {
    const out = await db().send(new QueryCommand({ ...params, Limit: readAhead, ExclusiveStartKey: startKey }));
    const found = out.Items ?? [];
    for (const [n, item] of found.entries()) {
      items.push(toItem(item));
      if (items.length === page.limit) {
        const more = n < found.length - 1 || out.LastEvaluatedKey !== undefined;
        return { items, nextCursor: more ? await encodeCursor(keyOf(item), page.scope) : null };
      }
    }
    startKey = out.LastEvaluatedKey;
    if (!startKey) break;
  }
  return { items, nextCursor: startKey ? await encodeCursor(startKey, page.scope) : null };
}

/**
 * A query read to its end as DynamoDB pages it (at most 1 MB each): one request per page, never
 * topped up, so a reader of a whole list (an export) costs what the list's size costs. `Limit`
 * (1000) is above what 1 MB holds of a device with a hash, and keeps each request's work bounded:
 * DynamoDB Local, without it, reads the whole rest of the partition for every page.
 */
export async function* queryPages(params: QueryCommandInput, limit = 1000): AsyncIterable<Record<string, unknown>[]> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await db().send(new QueryCommand({ ...params, Limit: limit, ExclusiveStartKey: startKey }));
    yield out.Items ?? [];
    startKey = out.LastEvaluatedKey;
  } while (startKey);
}

/** Every item a query matches (following LastEvaluatedKey), up to `max`: for short, bounded lists. */
export async function queryAll(params: QueryCommandInput, max = Number.POSITIVE_INFINITY): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const remaining = max - items.length;
    const out = await db().send(
      new QueryCommand({ ...params, ExclusiveStartKey: startKey, ...(Number.isFinite(remaining) ? { Limit: Math.min(1000, remaining) } : {}) }),
    );
    items.push(...(out.Items ?? []));
    startKey = out.LastEvaluatedKey;
  } while (startKey && items.length < max);
  return items;
}

/**
 * The Query of a key condition from `keys.ts`: its index, its partition, and optionally a sort-key
 * prefix, an upper bound of the sort key (`sortUpTo`, for the due index), or a range of it
 * (`sortBetween`, both ends included: a time range of keys that begin with a timestamp).
 */
export function keyQuery(
  q: KeyQuery,
  options: { descending?: boolean; consistent?: boolean; sortUpTo?: string; sortBetween?: readonly [string, string] } = {},
): QueryCommandInput & { ExpressionAttributeValues: Record<string, unknown> } {
  const names = INDEX_ATTRIBUTES[q.index ?? 'table'];
  const sortCondition =
    q.sortPrefix !== undefined ? ` AND begins_with(#sk, :sk)` : options.sortUpTo !== undefined ? ' AND #sk <= :sk' : options.sortBetween ? ' AND #sk BETWEEN :sk AND :skTo' : '';
  return {
    TableName: tableName(),
    ...(q.index ? { IndexName: q.index } : {}),
    KeyConditionExpression: `#pk = :pk${sortCondition}`,
    ExpressionAttributeNames: { '#pk': names.pk, ...(sortCondition ? { '#sk': names.sk } : {}) },
    ExpressionAttributeValues: {
      ':pk': q.partition,
      ...(sortCondition ? { ':sk': q.sortPrefix ?? options.sortUpTo ?? options.sortBetween![0] } : {}),
      ...(options.sortBetween && q.sortPrefix === undefined && options.sortUpTo === undefined ? { ':skTo': options.sortBetween[1] } : {}),
    },
    ...(options.descending ? { ScanIndexForward: false } : {}),
    ...(options.consistent ? { ConsistentRead: true } : {}),
  };
}
