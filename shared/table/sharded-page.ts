import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { validationFailed } from '#shared/domain/errors.ts';
import { db } from './client.ts';
import { INDEX_ATTRIBUTES, type IndexName } from './keys.ts';
import { decodeCursor, encodeCursor, type Page, type PageRequest } from './page.ts';

/**
 * A list spread over shards (issue 26: a partition key value takes at most 1,000 write units a
 * second, so a list written faster has its items on several partitions): one Query a shard, alike
 * but for the partition, read in parallel and merged by the index's sort key, so a page is in the
 * order one partition would give. Sort keys are unique across the shards (they end with the item's id).
 */
export interface Shards {
  /** One Query a shard, each with the same index, direction, key condition on the sort key and filter. */
  queries: QueryCommandInput[];
  /** The `ExclusiveStartKey` that resumes shard `n`'s Query just after `position` (a sort key value). */
  startAfter: (n: number, position: string) => Record<string, unknown>;
  /** Whether a value is a position `startAfter` takes: a cursor's content is checked before it is used. */
  isPosition: (value: unknown) => value is string;
}

type Item = Record<string, unknown>;

/** One shard while it is read: what it returned that is not merged yet, and where its Query goes on. */
interface ShardState {
  n: number;
  /** Where the shard was at the start (undefined: its beginning). */
  from: string | undefined;
  buffer: Item[];
  startKey: Record<string, unknown> | undefined;
  /** The sort key of the last item the shard's Query went through (returned or filtered out). */
  readTo: string | undefined;
  exhausted: boolean;
}

/**
 * The content of a cursor of a sharded list, each shard's position: `at`, the sort key of the last
 * item returned, is the position of every shard not named otherwise (in a merge by sort key, no
 * shard has an item before it left to return); `ahead`, shards known to hold nothing to return up to
 * a later position (a filter dropped what they read); `done`, shards read to their end.
 */
/**
 * At most this many shards are named `ahead` (the lowest-numbered first; the others resume at
 * `at`, which is behind where they were, never beyond), so a cursor stays under the 2,048
 * characters a `cursor` parameter takes (shared/http/schemas.ts) whatever the shard count: about
 * 900 with 8. A page still moves its cursor on: the shards it names went further, or ended.
 */
const MAX_AHEAD = 8;

interface ShardCursor {
  at?: string;
  ahead?: Record<string, string>;
  done?: number[];
}

const sortAttribute = (query: QueryCommandInput) => INDEX_ATTRIBUTES[(query.IndexName as IndexName | undefined) ?? 'table'].sk;

const invalidCursor = () => validationFailed([{ path: 'cursor', message: 'is not a valid cursor for this list' }]);

/** The cursor, authenticated by page.ts, checked for shape: a cursor of the list before its shards (a `LastEvaluatedKey`) is its `at`. */
async function readCursor(shards: Shards, page: PageRequest): Promise<ShardCursor> {
  if (!page.cursor) return {};
  const raw = await decodeCursor(page.cursor, page.scope);
  const sortName = sortAttribute(shards.queries[0]!);
  if (raw[sortName] !== undefined) {
    if (!shards.isPosition(raw[sortName])) throw invalidCursor();
    return { at: raw[sortName] };
  }
  const { at, ahead, done, ...rest } = raw as ShardCursor & Record<string, unknown>;
  const count = shards.queries.length;
  const isShard = (n: unknown) => Number.isInteger(n) && (n as number) >= 0 && (n as number) < count;
  const valid =
    Object.keys(rest).length === 0 &&
    (at === undefined || shards.isPosition(at)) &&
    (ahead === undefined || (typeof ahead === 'object' && ahead !== null && Object.entries(ahead).every(([n, p]) => isShard(Number(n)) && shards.isPosition(p)))) &&
    (done === undefined || (Array.isArray(done) && done.every(isShard)));
  if (!valid) throw invalidCursor();
  return { ...(at !== undefined ? { at } : {}), ...(ahead ? { ahead } : {}), ...(done ? { done } : {}) };
}

/** Merges shards' items by sort key, reading a shard again only when its next item is needed. */
class ShardMerge {
  readonly states: ShardState[];
  readonly sortName: string;
  readonly descending: boolean;
  readonly shards: Shards;
  readonly readSize: (live: number) => number;
  last: string | undefined;

  constructor(shards: Shards, cursor: ShardCursor, readSize: (live: number) => number) {
    this.shards = shards;
    this.readSize = readSize;
    this.sortName = sortAttribute(shards.queries[0]!);
    this.descending = shards.queries[0]!.ScanIndexForward === false;
    const done = new Set(cursor.done ?? []);
    this.states = shards.queries.flatMap((_, n): ShardState[] => {
      if (done.has(n)) return [];
      const from = cursor.ahead?.[n] ?? cursor.at;
      return [{ n, from, buffer: [], startKey: from === undefined ? undefined : shards.startAfter(n, from), readTo: undefined, exhausted: false }];
    });
    this.last = cursor.at;
  }

  /** Whether `a` comes after `b` in the list's order. */
  private after(a: string, b: string) {
    return this.descending ? a < b : a > b;
  }

  private furthest(...positions: (string | undefined)[]) {
    return positions.reduce<string | undefined>((best, p) => (p === undefined ? best : best === undefined || this.after(p, best) ? p : best), undefined);
  }

  private async read(state: ShardState, size: number) {
    const out = await db().send(new QueryCommand({ ...this.shards.queries[state.n]!, Limit: size, ExclusiveStartKey: state.startKey }));
    state.buffer.push(...(out.Items ?? []));
    state.startKey = out.LastEvaluatedKey;
    if (out.LastEvaluatedKey) state.readTo = out.LastEvaluatedKey[this.sortName] as string;
    else state.exhausted = true;
  }

  /**
   * Up to `want` items in the list's order. An item is taken only when every shard that is not read
   * to its end has an item waiting (its next one may come first); the shards that have none are read
   * again, all in parallel, at most `maxRounds` times: a filter that drops most items ends the page
   * short rather than reading on without bound.
   */
  async take(want: number, maxRounds: number): Promise<Item[]> {
    const items: Item[] = [];
    let rounds = 0;
    while (items.length < want) {
      const starving = this.states.filter((s) => s.buffer.length === 0 && !s.exhausted);
      if (starving.length > 0) {
        if (rounds === maxRounds) break;
        rounds++;
        const size = this.readSize(this.states.filter((s) => s.buffer.length > 0 || !s.exhausted).length);
        await Promise.all(starving.map((s) => this.read(s, size)));
        continue;
      }
      let next: ShardState | undefined;
      for (const s of this.states) {
        if (s.buffer.length > 0 && (!next || this.after(next.buffer[0]![this.sortName] as string, s.buffer[0]![this.sortName] as string))) next = s;
      }
      if (!next) break;
      const item = next.buffer.shift()!;
      this.last = item[this.sortName] as string;
      items.push(item);
    }
    return items;
  }

  /** Whether every shard is read to its end and merged. */
  get finished() {
    return this.states.every((s) => s.exhausted && s.buffer.length === 0);
  }

  /** Each shard's position now (see ShardCursor). */
  cursor(previouslyDone: number[]): ShardCursor {
    const at = this.last;
    const done = [...previouslyDone];
    const ahead: Record<string, string> = {};
    for (const s of this.states) {
      if (s.exhausted && s.buffer.length === 0) {
        done.push(s.n);
        continue;
      }
      const position = this.furthest(s.from, at, s.buffer.length === 0 ? s.readTo : undefined);
      if (position !== undefined && position !== at && Object.keys(ahead).length < MAX_AHEAD) ahead[s.n] = position;
    }
    return { ...(at !== undefined ? { at } : {}), ...(Object.keys(ahead).length ? { ahead } : {}), ...(done.length ? { done: done.sort((a, b) => a - b) } : {}) };
  }
}

/**
 * One page of a sharded list, in the order of its sort key. Each shard is read for about its share
 * of the page and half again (a hash spreads items evenly, not exactly), so a page usually costs one
 * parallel round of Queries; a shard that runs out before the page is full is read again. With a
 * filter each shard reads ahead `filteredReadSize` items a Query, and a page stops after `maxRounds`
 * rounds even when short, with a cursor to go on. The cursor holds each shard's position.
 */
export async function shardedQueryPage<T>(
  shards: Shards,
  page: PageRequest,
  toItem: (item: Item) => T,
  options: { filteredReadSize?: number; maxRounds?: number } = {},
): Promise<Page<T>> {
  const cursor = await readCursor(shards, page);
  const filtered = shards.queries[0]!.FilterExpression !== undefined;
  const readSize = (live: number) => {
    const share = Math.min(page.limit, Math.ceil((1.5 * page.limit) / Math.max(1, live)) + 2);
    return filtered ? Math.max(share, options.filteredReadSize ?? 100) : share;
  };
  const merge = new ShardMerge(shards, cursor, readSize);
  const items = await merge.take(page.limit, options.maxRounds ?? 20);
  const nextCursor = merge.finished ? null : await encodeCursor(merge.cursor(cursor.done ?? []) as Record<string, unknown>, page.scope);
  return { items: items.map(toItem), nextCursor };
}

/**
 * Every item of a sharded list in its order, `batch` items at a time (an export): the shards read
 * in parallel, up to `readSize` items (and DynamoDB's 1 MB) a Query, each shard again only when its
 * items are all merged, so the requests grow with the pages read and memory holds at most one
 * Query's answer a shard.
 */
export async function* everyShardedItem(shards: Shards, options: { readSize?: number; batch?: number } = {}): AsyncIterable<Item[]> {
  const merge = new ShardMerge(shards, {}, () => options.readSize ?? 1000);
  while (!merge.finished) {
    const items = await merge.take(options.batch ?? 1000, Number.POSITIVE_INFINITY);
    if (items.length > 0) yield items;
  }
}
