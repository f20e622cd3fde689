/**
 * Two shapes of work the service does in several places: cutting a list into consecutive packs
 * whose sizes add up to at most a limit (transactions of at most 100 items, chunk items well under
 * 400 KB), and working a list with a bounded number of tasks in flight.
 */

/** Consecutive packs of `items`, each of total `sizeOf` at most `max` (an item larger than `max` stands alone). */
export function packBySize<T>(items: readonly T[], sizeOf: (item: T) => number, max: number): T[][] {
  const packs: T[][] = [];
  let current: T[] = [];
  let total = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (current.length > 0 && total + size > max) {
      packs.push(current);
      current = [];
      total = 0;
    }
    current.push(item);
    total += size;
  }
  if (current.length > 0) packs.push(current);
  return packs;
}

/**
 * Runs `work` on every item, at most `concurrency` at once, in the items' order of starting. When
 * one fails, no more are started, those in flight finish, and then the first failure is thrown: when
 * this answers, nothing it started is still running (a worker that reports a failure has no write
 * still landing behind it). Each item is told its lane (0 to concurrency - 1): no two items in
 * flight at once share one.
 */
export async function forEachConcurrently<T>(items: readonly T[], concurrency: number, work: (item: T, lane: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (_: unknown, lane: number) => {
    while (!failure && next < items.length) {
      try {
        await work(items[next++], lane);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  if (failure) throw failure.error;
}
