import { describe, expect, it } from 'vitest';
import { forEachConcurrently, packBySize } from '#shared/util/batching.ts';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('forEachConcurrently', () => {
  it('works every item, never more than the concurrency at once, starting them in order', async () => {
    const started: number[] = [];
    let running = 0;
    let most = 0;
    await forEachConcurrently(Array.from({ length: 20 }, (_, i) => i), 3, async (i) => {
      started.push(i);
      most = Math.max(most, ++running);
      await tick(1 + (i % 3));
      running--;
    });
    expect(started).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(most).toBe(3);
  });

  it('R22: after a failure it starts nothing more, lets what is in flight finish, then throws the first failure', async () => {
    const finished: number[] = [];
    const started: number[] = [];
    const run = forEachConcurrently(Array.from({ length: 10 }, (_, i) => i), 3, async (i) => {
      started.push(i);
      if (i === 1) throw new Error('write 1 failed');
      await tick(20);
      finished.push(i);
    });
    await expect(run).rejects.toThrow('write 1 failed');
    // 0 and 2 were in flight when 1 failed: both had finished before the failure was answered.
    expect(finished.sort()).toEqual([0, 2]);
    expect(started.sort()).toEqual([0, 1, 2]);
  });
});

describe('packBySize', () => {
  it('packs in order, each pack within the limit', () => {
    expect(packBySize([3, 3, 2, 5, 1], (n) => n, 6)).toEqual([[3, 3], [2], [5, 1]]);
  });
});
