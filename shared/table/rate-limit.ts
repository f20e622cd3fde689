import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { slidingWindow, type WindowCounts, type WindowPolicy, type WindowState } from '#shared/domain/rate-limits.ts';
import { getItem, type ItemRead } from './batch.ts';
import { db, tableName } from './client.ts';
import { TTL_ATTRIBUTE } from './definition.ts';
import { rateLimitKeys } from './keys.ts';
import { guarded, ifConditionHolds, type Write } from './transact.ts';

/**
 * Limit counters in the single table: one item per counter (`RATE#<sha256(counter)>`), updated
 * only by conditional writes, so two callers can never both take the last unit.
 *
 * - A sliding window (shared/domain/rate-limits.ts) keeps `w` (the fixed window counting now),
 *   `c` (its count) and `p` (the count of the window before). Taking one is a conditional update:
 *   in the same window `c = c + 1` if `w` is unchanged and `c` is still at most what fits; at a new
 *   window the whole triple is replaced if `w` is still what was read. A caller that loses a race
 *   reads again and retries.
 * - A set (a recipient's pending requests) keeps a map and a version, replaced conditionally on
 *   the version read.
 *
 * The writes are transaction items, so a limit is taken in the same transaction as the change it
 * limits: a change that does not commit takes nothing, and one over the limit changes nothing.
 * TTL cleans counters up; a stale counter read is rolled over by the arithmetic, never trusted.
 */

/** The reason a limit write gives when its condition fails: another caller counted meanwhile. */
export const LIMIT_RACE = 'rate_limit_changed';

export interface CounterState extends WindowState {
  counter: string;
}

const windowCounts = (item: Record<string, unknown> | undefined): WindowCounts | undefined =>
  item && typeof item.w === 'number' ? { window: item.w, current: Number(item.c ?? 0), previous: Number(item.p ?? 0) } : undefined;

/** The read of a sliding-window counter's state now. */
export const windowRead = (counter: string, policy: WindowPolicy, nowMs = Date.now()): ItemRead<CounterState> => ({
  key: rateLimitKeys.key(counter),
  from: (item) => ({ counter, ...slidingWindow(policy, windowCounts(item), nowMs) }),
});

/** The state of a sliding-window counter now (a consistent read). */
export const readWindow = (counter: string, policy: WindowPolicy, nowMs = Date.now()): Promise<CounterState> => getItem(windowRead(counter, policy, nowMs));

/** The transaction item that takes one unit of a counter read as `state` (which must allow one). */
export function takeWrite(state: CounterState): Write {
  const { counts, stored, policy } = state;
  const ttl = Math.ceil(((counts.window + 2) * policy.windowMs) / 1000);
  const base = { TableName: tableName(), Key: rateLimitKeys.key(state.counter) };
  if (stored && stored.window === counts.window) {
    return guarded(
      {
        Update: {
          ...base,
          UpdateExpression: 'SET c = c + :one, #ttl = :ttl',
          ConditionExpression: 'w = :w AND c <= :max',
          ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':one': 1, ':ttl': ttl, ':w': counts.window, ':max': state.maxCurrentBefore },
        },
      },
      LIMIT_RACE,
    );
  }
  return guarded(
    {
      Update: {
        ...base,
        UpdateExpression: 'SET #type = :type, w = :w, c = :one, p = :p, #ttl = :ttl',
        ConditionExpression: stored ? 'w = :was' : 'attribute_not_exists(pk)',
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE, '#type': 'type' },
        ExpressionAttributeValues: { ':type': 'rateLimit', ':one': 1, ':ttl': ttl, ':w': counts.window, ':p': counts.previous, ...(stored ? { ':was': stored.window } : {}) },
      },
    },
    LIMIT_RACE,
  );
}

/**
 * Takes one unit of a counter on its own (not part of a change): the state after taking it, or
 * the state that refused it (`allowed: false`, nothing taken).
 */
export async function takeFromWindow(counter: string, policy: WindowPolicy, nowMs = Date.now()): Promise<CounterState> {
  for (let attempt = 1; ; attempt++) {
    const state = await readWindow(counter, policy, nowMs);
    if (!state.allowed) return state;
    const { Update } = takeWrite(state) as { Update: ConstructorParameters<typeof UpdateCommand>[0] };
    if (await ifConditionHolds(db().send(new UpdateCommand(Update)))) return state;
    if (attempt >= 5) return { ...state, allowed: false, remaining: 0, retryAfterSeconds: 1 };
  }
}

/** A counted set (a recipient's pending requests): members with the time each stops counting. */
export interface CountedSet {
  counter: string;
  members: Record<string, string>;
  /** The version read; the write requires it unchanged. */
  version: number;
  exists: boolean;
}

/** The read of a counted set. */
export const setRead = (counter: string): ItemRead<CountedSet> => ({
  key: rateLimitKeys.key(counter),
  from: (item) => ({ counter, members: { ...((item?.members ?? {}) as Record<string, string>) }, version: Number(item?.v ?? 0), exists: item !== undefined }),
});

/** The transaction item that replaces a set read as `read` with `members`, if nobody changed it since. */
export function setWrite(read: CountedSet, members: Record<string, string>, expiresAtMs: number): Write {
  return guarded(
    {
      Update: {
        TableName: tableName(),
        Key: rateLimitKeys.key(read.counter),
        UpdateExpression: 'SET #type = :type, members = :members, v = :next, #ttl = :ttl',
        ConditionExpression: read.exists ? 'v = :v' : 'attribute_not_exists(pk)',
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE, '#type': 'type' },
        ExpressionAttributeValues: {
          ':type': 'rateLimitSet',
          ':members': members,
          ':next': read.version + 1,
          ':ttl': Math.ceil(expiresAtMs / 1000),
          ...(read.exists ? { ':v': read.version } : {}),
        },
      },
    },
    LIMIT_RACE,
  );
}
