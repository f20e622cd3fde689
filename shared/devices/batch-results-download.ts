import { stringify } from 'csv-stringify/sync';
import { publishDownload, type PublishedDownload } from '#shared/files/downloads.ts';
import { resultItems, type Batch, type StoredResult } from '#shared/table/batches.ts';
import { tasksWithResults } from './batches.ts';

/**
 * Every result as one CSV file (`Accept: text/csv`), one line a device, errors joined: streamed to
 * the downloads bucket as its result items are read (100,000 results with errors pass Lambda's
 * 6 MB answer limit), answered as a short-lived download URL.
 */
export function batchResultsDownload(batch: Batch): Promise<PublishedDownload> {
  async function* lines(): AsyncIterable<string> {
    yield stringify([['index', 'line', 'status', 'deviceId', 'errorCodes', 'errorFields', 'autopilotErrors', 'messages']]);
    for (const taskNo of await tasksWithResults(batch)) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const { items, lastKey } = await resultItems(batch.id, taskNo, { startKey, limit: 10 });
        yield* csvOf(items);
        startKey = lastKey;
      } while (startKey);
    }
  }
  return publishDownload({ owner: `batch-${batch.id}`, filename: `${batch.id}-results.csv`, contentType: 'text/csv; charset=utf-8', lines: lines() });
}

/** Result items as CSV lines, one a device, errors joined. */
function* csvOf(items: { results: StoredResult[] }[]): Iterable<string> {
  const rows = items.flatMap((set) =>
    set.results.map((r) => [
      r.index,
      r.line ?? '',
      r.status,
      r.deviceId ?? '',
      r.errors.map((e) => e.code).join(';'),
      r.errors.map((e) => e.field ?? '').join(';'),
      r.errors.map((e) => (e.autopilotError ? `${e.autopilotError.code ?? ''} ${e.autopilotError.name}`.trim() : '')).join(';'),
      r.errors.map((e) => e.message).join('; '),
    ]),
  );
  if (rows.length > 0) yield stringify(rows);
}
