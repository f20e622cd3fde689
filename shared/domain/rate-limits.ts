import { DAY_MS } from './consent.ts';
/**
 * The limits of API.md ("Rate limits") and the arithmetic of a sliding window, as pure functions.
 * Where the counts are kept, and how they are updated atomically, is shared/table/rate-limit.ts.
 */

const MINUTE_MS = 60_000;

/** A limit over a sliding window: at most `limit` in any `windowMs`. */
export interface WindowPolicy {
  /** Names the limit in the RateLimit-Policy and RateLimit fields (a short token). */
  id: string;
  /** Names the limit in the 429's detail. */
  name: string;
  limit: number;
  windowMs: number;
}

export const LIMITS = {
  /** Per partner (all its API keys together, so a second key never doubles the budget). */
  consentRequestsPerMinute: { id: 'partner-minute', name: 'consent requests per minute for this partner', limit: 60, windowMs: MINUTE_MS },
  consentRequestsPerDay: { id: 'partner-day', name: 'consent requests per day for this partner', limit: 1000, windowMs: DAY_MS },
  /** Per recipient mailbox (shared/domain/mailbox.ts), from all partners together: each consent request sends one email. */
  recipientEmailsPerDay: { id: 'recipient-day', name: 'consent emails per day to this recipient', limit: 10, windowMs: DAY_MS },
  /** Per mailbox, applied by the sender (the sign-in form answers the same page either way). */
  signInEmails: { id: 'signin', name: 'sign-in emails per 15 minutes to this address', limit: 5, windowMs: 15 * MINUTE_MS },
} as const satisfies Record<string, WindowPolicy>;

/** Per recipient mailbox, from all partners together: pending consent requests at any moment. */
export const MAX_PENDING_REQUESTS_PER_RECIPIENT = 5;
/** The pending-requests limit as its RateLimit-Policy item names it (no time window: requests leave it when answered or expired). */
export const RECIPIENT_PENDING_POLICY = { id: 'recipient-pending', limit: MAX_PENDING_REQUESTS_PER_RECIPIENT } as const;

/** A limit as the IETF RateLimit-Policy field states it: its name, its quota, its window in seconds (if it has one). */
export interface LimitPolicy {
  id: string;
  limit: number;
  windowSeconds?: number;
}

/**
 * What an answer tells its caller of the limits (the IETF draft's `RateLimit-Policy` and
 * `RateLimit` fields): the caller's own policies, and the state of one of them (the tightest of
 * the caller's own, or the one that refused the call).
 */
export interface LimitReport {
  policies: LimitPolicy[];
  current: { id: string; remaining: number; resetSeconds: number };
}

export const limitPolicyOf = (policy: WindowPolicy | typeof RECIPIENT_PENDING_POLICY): LimitPolicy => ({
  id: policy.id,
  limit: policy.limit,
  ...('windowMs' in policy ? { windowSeconds: Math.round(policy.windowMs / 1000) } : {}),
});

const HOUR_MS = 60 * MINUTE_MS;

/**
 * When a per-recipient limit (shared by all partners) says to try again: at the next whole hour
 * (UTC), whatever the limit's own state. The true moment a place frees (the oldest pending
 * request's expiry, the day's count fading) would tell one partner when others wrote to that
 * person; the next whole hour is the same answer for every partner asking within the hour, and
 * tells nothing. A retry that is still too early costs one read and is told the next hour again.
 */
export function coarseRetryAfterSeconds(nowMs: number): number {
  return Math.max(1, Math.ceil((HOUR_MS - (nowMs % HOUR_MS)) / 1000));
}

/**
 * What is stored for one window counter: the fixed window now counting (`window`, its index since
 * the epoch), its count, and the count of the window before it.
 */
export interface WindowCounts {
  window: number;
  current: number;
  previous: number;
}

export interface WindowState {
  policy: WindowPolicy;
  /** The counts as of `now` (rolled over to the current fixed window). */
  counts: WindowCounts;
  /** The counts as they were stored (what a conditional write expects to find), if any. */
  stored?: WindowCounts;
  /** The sliding estimate: the previous window's count weighted by how much of it is still inside the sliding window, plus the current count. */
  estimate: number;
  /** True when one more fits. */
  allowed: boolean;
  /** What remains after one more is taken (or 0 when none fits). */
  remaining: number;
  /** Seconds until one more would fit; 0 when one fits now. */
  retryAfterSeconds: number;
  /** Seconds until the current fixed window ends and the counts roll over. */
  resetSeconds: number;
  /** The highest `current` count at which one more still fits (the condition of the write). */
  maxCurrentBefore: number;
}

/**
 * A sliding-window counter over two fixed windows (the estimate Cloudflare and others use): the
 * count in the sliding window ending now is estimated as `previous * (1 - elapsed) + current`,
 * where `elapsed` is the fraction of the current fixed window gone by. Two numbers per counter,
 * and no burst of twice the limit at a window's edge as a fixed window allows.
 */
export function slidingWindow(policy: WindowPolicy, stored: WindowCounts | undefined, nowMs: number): WindowState {
  const { limit, windowMs } = policy;
  const window = Math.floor(nowMs / windowMs);
  const counts: WindowCounts =
    stored?.window === window
      ? { window, current: stored.current, previous: stored.previous }
      : { window, current: 0, previous: stored?.window === window - 1 ? stored.current : 0 };
  const elapsedMs = nowMs - window * windowMs;
  const weight = 1 - elapsedMs / windowMs;
  const carried = counts.previous * weight;
  const estimate = carried + counts.current;
  const maxCurrentBefore = Math.floor(limit - carried) - 1;
  const allowed = counts.current <= maxCurrentBefore;
  return {
    policy,
    counts,
    ...(stored ? { stored } : {}),
    estimate,
    allowed,
    remaining: allowed ? Math.max(0, Math.floor(limit - estimate - 1)) : 0,
    retryAfterSeconds: allowed ? 0 : Math.ceil(Math.round(waitMs(counts, elapsedMs, policy)) / 1000),
    resetSeconds: Math.ceil((windowMs - elapsedMs) / 1000),
    maxCurrentBefore,
  };
}

/** How long until `estimate + 1 <= limit`, as the previous window's weight fades and the windows roll. */
function waitMs(counts: WindowCounts, elapsedMs: number, { limit, windowMs }: WindowPolicy): number {
  const room = limit - 1 - counts.current;
  if (room >= 0 && counts.previous > 0) {
    // Within this window: previous * (1 - (elapsed + t) / W) <= room.
    const t = windowMs * (1 - room / counts.previous) - elapsedMs;
    if (t < windowMs - elapsedMs) return Math.max(0, t);
  }
  // In the next window this one's count is the previous: current * (1 - t' / W) <= limit - 1.
  const next = counts.current > 0 ? windowMs * (1 - (limit - 1) / counts.current) : 0;
  return windowMs - elapsedMs + Math.max(0, next);
}

/** Of several limits the call was counted against, the one with the least left: what the answer reports. */
export function tightest(states: readonly WindowState[]): WindowState {
  return states.reduce((a, b) => (b.remaining < a.remaining ? b : a));
}
