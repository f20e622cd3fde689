import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

/**
 * The batched reads of shared/table/batch.ts against a fake DynamoDB: a middleware on the
 * process's client answers every call itself (no network), so the tests can make BatchGetItem
 * leave keys unprocessed, as DynamoDB does under load.
 */
type Item = Record<string, unknown>;
type Call = { command: string; keys: Item[]; consistent: boolean };

const table = new Map<string, Item>();
const calls: Call[] = [];
/** How many of its keys the n-th BatchGetItem call leaves unprocessed. */
let unprocessed: (call: number) => number = () => 0;
let delayMs = 0;
let inFlight = 0;
let maxInFlight = 0;
const id = (k: Item) => `${String(k.pk)}\n${String(k.sk)}`;

let batch: typeof import('#shared/table/batch.ts');

beforeAll(async () => {
  Object.assign(process.env, { TABLE_NAME: 'unit-table', DYNAMODB_ENDPOINT: 'http://127.0.0.1:9' });
  batch = await import('#shared/table/batch.ts');
  const { db } = await import('#shared/table/client.ts');
  db().middlewareStack.add(
    () => async (args) => {
      const input = args.input as { RequestItems?: Record<string, { Keys: Item[]; ConsistentRead?: boolean }>; Key?: Item; ConsistentRead?: boolean };
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, delayMs));
      inFlight--;
      if (input.Key) {
        calls.push({ command: 'GetItem', keys: [input.Key], consistent: input.ConsistentRead === true });
        return { output: { Item: table.get(id(input.Key)), $metadata: {} }, response: {} } as never;
      }
      const { Keys, ConsistentRead } = input.RequestItems!['unit-table'];
      const leave = unprocessed(calls.length);
      calls.push({ command: 'BatchGetItem', keys: Keys, consistent: ConsistentRead === true });
      const left = Keys.slice(0, leave);
      const served = Keys.slice(leave).flatMap((k) => (table.has(id(k)) ? [table.get(id(k))!] : []));
      return {
        output: { Responses: { 'unit-table': served }, ...(left.length ? { UnprocessedKeys: { 'unit-table': { Keys: left } } } : {}), $metadata: {} },
        response: {},
      } as never;
    },
    { step: 'initialize', name: 'fakeDynamoDb' },
  );
});

beforeEach(() => {
  table.clear();
  calls.length = 0;
  unprocessed = () => 0;
  delayMs = 0;
  maxInFlight = 0;
});

const key = (n: number) => ({ pk: `DEVICEID#HASH#${n}`, sk: 'DEVICEID' });
const put = (n: number) => table.set(id(key(n)), { ...key(n), n });

describe('batched reads (R2: strongly consistent; R6-R8 consent checks, R16 device identities)', () => {
  it('reads 250 keys in calls of at most 100, strongly consistent, each repeated key once', async () => {
    for (let n = 0; n < 250; n++) put(n);
    const keys = [...Array.from({ length: 250 }, (_, n) => key(n)), key(3), key(200)];
    const items = await batch.batchGet(keys);
    expect(items.map((i) => i.n).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 250 }, (_, n) => n));
    expect(calls.map((c) => c.keys.length)).toEqual([100, 100, 50]);
    expect(calls.every((c) => c.command === 'BatchGetItem' && c.consistent)).toBe(true);
    expect(new Set(calls.flatMap((c) => c.keys.map(id))).size).toBe(250);
  });

  it('reads again the keys DynamoDB left unprocessed, until every key is read', async () => {
    for (let n = 0; n < 100; n++) put(n);
    // The first call leaves 40 keys, the second 10 of those; the third reads the last 10.
    unprocessed = (call) => [40, 10][call] ?? 0;
    const items = await batch.batchGet(Array.from({ length: 100 }, (_, n) => key(n)));
    expect(items.map((i) => i.n).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 100 }, (_, n) => n));
    expect(calls.map((c) => c.keys.length)).toEqual([100, 40, 10]);
    expect(calls[1].keys).toEqual(calls[0].keys.slice(0, 40));
  });

  it('fails rather than answer without the keys DynamoDB keeps leaving unprocessed', async () => {
    for (let n = 0; n < 10; n++) put(n);
    unprocessed = () => 1;
    await expect(batch.batchGet(Array.from({ length: 10 }, (_, n) => key(n)))).rejects.toThrow(/unprocessed/);
    expect(calls).toHaveLength(9);
  });

  it('keeps at most 32 calls in flight at once', async () => {
    delayMs = 5;
    await batch.batchGet(Array.from({ length: 4000 }, (_, n) => key(n)));
    expect(calls).toHaveLength(40);
    expect(maxInFlight).toBe(32);
  });

  it('reads no key, and makes no call, for an empty list', async () => {
    expect(await batch.batchGet([])).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('reads items of several kinds together in one call, each as its kind reads it; a single item is one GetItem', async () => {
    put(1);
    put(2);
    const read = (n: number) => ({ key: key(n), from: (item: Item | undefined) => (item ? `found ${String(item.n)}` : `no ${n}`) });
    const both = await batch.getItems({ one: read(1), two: read(2), three: read(3), none: undefined });
    expect(both).toEqual({ one: 'found 1', two: 'found 2', three: 'no 3' });
    expect(calls.map((c) => c.command)).toEqual(['BatchGetItem']);
    calls.length = 0;
    expect(await batch.getItems({ one: read(1), none: undefined })).toEqual({ one: 'found 1' });
    expect(calls.map((c) => [c.command, c.consistent])).toEqual([['GetItem', true]]);
  });
});
