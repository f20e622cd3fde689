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

/** Runs `work` on every item, at most `concurrency` at once, in the items' order of starting. */
export async function forEachConcurrently<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
