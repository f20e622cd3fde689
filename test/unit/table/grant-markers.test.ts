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
