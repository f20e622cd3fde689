import { describe, expect, it } from 'vitest';
import { LIMITS, slidingWindow, tightest, type WindowPolicy } from '#shared/domain/rate-limits.ts';

const MINUTE: WindowPolicy = { id: 'minute', name: 'per minute', limit: 60, windowMs: 60_000 };
const w = (minute: number, seconds = 0) => minute * 60_000 + seconds * 1000;

describe('sliding-window counter (API.md "Rate limits")', () => {
  it('counts up to the limit in one window, then refuses, with how long to wait', () => {
    expect(slidingWindow(MINUTE, undefined, w(10, 5))).toMatchObject({ allowed: true, remaining: 59, estimate: 0 });
    const full = slidingWindow(MINUTE, { window: 10, current: 60, previous: 0 }, w(10, 20));
    expect(full).toMatchObject({ allowed: false, remaining: 0 });
    // Nothing of the window before: the counts roll at 11:00 and then weigh 60 * (1 - t/60s), so
    // one more fits once that is at most 59: one second into the next window; 41 s from 10:20.
    expect(full.retryAfterSeconds).toBe(41);
    expect(slidingWindow(MINUTE, { window: 10, current: 59, previous: 0 }, w(10, 20))).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('slides: the previous window counts by the part of it still inside the last minute (no burst of twice the limit at an edge)', () => {
    // 60 in the minute before, 15 s into this one: 45 of them still count.
    const s = slidingWindow(MINUTE, { window: 9, current: 60, previous: 0 }, w(10, 15));
    expect(s.counts).toEqual({ window: 10, current: 0, previous: 60 });
    expect(s.estimate).toBeCloseTo(45);
    expect(s.allowed).toBe(true);
    expect(s.remaining).toBe(14);
    const edge = slidingWindow(MINUTE, { window: 10, current: 15, previous: 60 }, w(10, 15));
    expect(edge.allowed).toBe(false);
    // One more fits once 60 * (1 - t) + 15 <= 59: t >= 16/60 of the window, 16 s: 1 s from now.
    expect(edge.retryAfterSeconds).toBe(1);
    expect(edge.maxCurrentBefore).toBe(14);
  });

  it('forgets what is older than two windows', () => {
    expect(slidingWindow(MINUTE, { window: 3, current: 60, previous: 60 }, w(10))).toMatchObject({ allowed: true, estimate: 0, counts: { window: 10, current: 0, previous: 0 } });
  });

  it('the limits of API.md', () => {
    expect(LIMITS.consentRequestsPerMinute).toMatchObject({ limit: 60, windowMs: 60_000 });
    expect(LIMITS.consentRequestsPerDay).toMatchObject({ limit: 1000, windowMs: 86_400_000 });
    expect(LIMITS.recipientEmailsPerDay).toMatchObject({ limit: 10, windowMs: 86_400_000 });
    expect(LIMITS.signInEmails).toMatchObject({ limit: 5, windowMs: 15 * 60_000 });
  });

  it('reports the tightest of several limits', () => {
    const a = slidingWindow(MINUTE, { window: 10, current: 50, previous: 0 }, w(10, 1));
    const b = slidingWindow(LIMITS.consentRequestsPerDay, { window: 0, current: 10, previous: 0 }, w(10, 1));
    expect(tightest([a, b])).toBe(a);
  });

  it('never lets more than the limit through in any window, whatever the timing (property)', () => {
    // Requests at random times over 5 minutes: in every sliding minute at most the limit plus the
    // estimate's rounding of one; and the estimate never exceeds the limit.
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let run = 0; run < 50; run++) {
      const times = Array.from({ length: 400 }, () => Math.floor(random() * 300_000)).sort((x, y) => x - y);
      let stored: { window: number; current: number; previous: number } | undefined;
      const taken: number[] = [];
      for (const t of times) {
        const s = slidingWindow(MINUTE, stored, t);
        if (!s.allowed) continue;
        expect(s.estimate + 1).toBeLessThanOrEqual(MINUTE.limit + 1e-9);
        stored = { ...s.counts, current: s.counts.current + 1 };
        taken.push(t);
      }
      for (const t of taken) expect(taken.filter((u) => u > t - 60_000 && u <= t).length).toBeLessThanOrEqual(2 * MINUTE.limit);
      // Within one fixed window never more than the limit.
      for (let m = 0; m < 5; m++) expect(taken.filter((u) => Math.floor(u / 60_000) === m).length).toBeLessThanOrEqual(MINUTE.limit);
    }
  });
});
