import { describe, expect, it } from 'vitest';
import { grantMarkerKeys } from '#shared/table/keys.ts';
import { WRITES_IN_FLIGHT } from '#shared/devices/submission.ts';

/** Issue 26: which copy of a relationship's status each write of a batch task checks (R14 at write time). */
describe('grant marker copies (issue 26)', () => {
  const slots = grantMarkerKeys.copies / grantMarkerKeys.lanes;

  it('R14: 8 consecutive tasks of one (partner, tenant), each with its writes in flight, check 64 different copies: no two concurrent writes share one', () => {
    expect(grantMarkerKeys.lanes).toBe(WRITES_IN_FLIGHT);
    for (const first of [0, 5, 993]) {
      const copies = Array.from({ length: slots }, (_, t) => Array.from({ length: WRITES_IN_FLIGHT }, (_, lane) => grantMarkerKeys.copyFor(first + t, lane))).flat();
      expect(new Set(copies).size).toBe(grantMarkerKeys.copies);
      expect(copies.every((c) => Number.isInteger(c) && c >= 0 && c < grantMarkerKeys.copies)).toBe(true);
    }
  });

  it('R14: a task checks the same copies every time it is worked (a copy is a function of the task and the lane alone), and each copy has a partition of its own', () => {
    expect(grantMarkerKeys.copyFor(17, 3)).toBe(grantMarkerKeys.copyFor(17, 3));
    const keys = Array.from({ length: grantMarkerKeys.copies }, (_, c) => grantMarkerKeys.key('p_1', 't_1', c).pk);
    expect(new Set(keys).size).toBe(grantMarkerKeys.copies);
    expect(keys.every((pk) => pk.startsWith('GRANT#p_1#t_1#'))).toBe(true);
  });
});

/** Issue 26: a task's record, as the builder writes it (no network: the builder only names items). */
describe('a batch task record (issue 26)', () => {
  it('R22: 1,000 results are 10 items of 100 in the task\'s own partition (the last one marked), and one counts item in the batch\'s, each written once', async () => {
    process.env.TABLE_NAME ??= 'unit-table';
    const { taskRecorded } = await import('#shared/table/batches.ts');
    const results = Array.from({ length: 1000 }, (_, index) => ({ index, status: index % 10 === 0 ? ('invalid' as const) : ('registered' as const), errors: [] }));
    const writes = taskRecorded({ batchId: 'b_1', taskNo: 7, parts: [] }, results);
    const puts = writes.map((w) => w.Put!);
    const resultItems = puts.filter((p) => p.Item!.type === 'batchResults');
    expect(resultItems.map((p) => (p.Item!.results as unknown[]).length)).toEqual(Array(10).fill(100));
    expect(new Set(resultItems.map((p) => p.Item!.pk))).toEqual(new Set(['BATCH#b_1#RESULTS#000007']));
    expect(resultItems.map((p) => p.Item!.last === true)).toEqual([...Array(9).fill(false), true]);
    const done = puts.filter((p) => p.Item!.type === 'batchTaskDone');
    expect(done).toHaveLength(1);
    expect(done[0].Item).toMatchObject({ pk: 'BATCH#b_1', sk: 'DONE#000007', processed: 1000, succeeded: 900, failed: 100 });
    expect(puts.every((p) => p.ConditionExpression === 'attribute_not_exists(pk)')).toBe(true);
    expect(writes.every((w) => w.ifConditionFails === 'recorded')).toBe(true);
  });
});

/** Issue 26: where a batch's staged devices live, and what a task item carries. */
describe('batch chunks and tasks (issue 26)', () => {
  it("a part's chunks are in a partition of the part's own: two parts of one batch never share one, and none is the batch's", async () => {
    const { batchKeys } = await import('#shared/table/keys.ts');
    const a = batchKeys.chunk('b_1', 'pa', 0);
    const b = batchKeys.chunk('b_1', 'pb', 0);
    expect(a.pk).not.toBe(b.pk);
    expect([a.pk, b.pk]).not.toContain(batchKeys.key('b_1').pk);
    expect(batchKeys.chunk('b_1', 'pa', 7).pk).toBe(a.pk);
    expect(batchKeys.queryChunksOfPart('b_1', 'pa').partition).toBe(a.pk);
    expect(batchKeys.queryLegacyChunksOfPart('b_1', 'pa')).toEqual({ partition: batchKeys.key('b_1').pk, sortPrefix: 'CHUNK#pa#' });
  });

  it("a task item names its batch's partner (read with the batch in one request), and a task planned before issue 26, without it, is read alike", async () => {
    process.env.TABLE_NAME ??= 'unit-table';
    const { taskOf } = await import('#shared/devices/batches.ts');
    const parts = [{ partId: 'pa', baseIndex: 0, count: 10, channel: 'api' }];
    expect(taskOf({ batchId: 'b_1', taskNo: 3, partnerId: 'p_1', parts })).toEqual({ batchId: 'b_1', taskNo: 3, partnerId: 'p_1', parts });
    expect(taskOf({ batchId: 'b_1', taskNo: '3', parts })).toEqual({ batchId: 'b_1', taskNo: 3, parts });
  });
});
