import { describe, expect, it } from 'vitest';
import {
  approvalPolicyOf,
  approvalRequiredMessage,
  DEFAULT_APPROVAL_POLICY,
  describeApprovalPolicy,
  MAX_APPROVAL_THRESHOLD,
  policyHoldsBatch,
  readApprovalPolicyForm,
  samePolicy,
  withDefaultGroupTag,
  type ApprovalPolicy,
} from '#shared/domain/approval-policy.ts';
import { checkDeviceFields } from '#shared/domain/devices.ts';

const above = (threshold: number, defaultGroupTag?: string): ApprovalPolicy => ({ mode: 'above', threshold, ...(defaultGroupTag ? { defaultGroupTag } : {}) });

describe('policyHoldsBatch (R28)', () => {
  it('R28: automatic never holds, whatever the count', () => {
    for (const n of [0, 1, 1000, 100_000]) expect(policyHoldsBatch({ mode: 'automatic' }, n)).toBe(false);
  });

  it('R28: each_batch always holds, whatever the count', () => {
    for (const n of [0, 1, 1000, 100_000]) expect(policyHoldsBatch({ mode: 'each_batch' }, n)).toBe(true);
  });

  it('R28: above N holds only more than N devices: N passes, N+1 is held', () => {
    expect(policyHoldsBatch(above(3), 2)).toBe(false);
    expect(policyHoldsBatch(above(3), 3)).toBe(false);
    expect(policyHoldsBatch(above(3), 4)).toBe(true);
    expect(policyHoldsBatch(above(1), 1)).toBe(false);
    expect(policyHoldsBatch(above(1), 2)).toBe(true);
  });

  it('R28: a relationship without a policy is automatic', () => {
    expect(approvalPolicyOf(undefined)).toEqual({ mode: 'automatic' });
    expect(approvalPolicyOf({})).toBe(DEFAULT_APPROVAL_POLICY);
    expect(approvalPolicyOf({ approvalPolicy: above(5) })).toEqual(above(5));
  });
});

describe('withDefaultGroupTag (R28)', () => {
  const policy = above(5, 'Sales');

  it('R28: a device without a group tag (absent or empty) takes the default one', () => {
    expect(withDefaultGroupTag({ productKeyId: '1234567890123' }, policy)).toEqual({ productKeyId: '1234567890123', groupTag: 'Sales' });
    expect(withDefaultGroupTag({ productKeyId: '1234567890123', groupTag: '' }, policy).groupTag).toBe('Sales');
  });

  it("R28: a device's own group tag is kept", () => {
    expect(withDefaultGroupTag({ productKeyId: '1234567890123', groupTag: 'Lab' }, policy).groupTag).toBe('Lab');
  });

  it('R28: without a default group tag the device is unchanged', () => {
    const device = { productKeyId: '1234567890123' };
    expect(withDefaultGroupTag(device, { mode: 'automatic' })).toBe(device);
  });
});

describe('readApprovalPolicyForm (R28)', () => {
  const problems = (input: Parameters<typeof readApprovalPolicyForm>[0]) => {
    const read = readApprovalPolicyForm(input);
    return 'problems' in read ? read.problems : [];
  };

  it('R28: reads each mode; the threshold only with above; the group tag trimmed, empty as none', () => {
    expect(readApprovalPolicyForm({ mode: 'automatic', threshold: '', defaultGroupTag: '' })).toEqual({ policy: { mode: 'automatic' } });
    expect(readApprovalPolicyForm({ mode: 'each_batch', threshold: '7', defaultGroupTag: '  Sales  ' })).toEqual({ policy: { mode: 'each_batch', defaultGroupTag: 'Sales' } });
    expect(readApprovalPolicyForm({ mode: 'above', threshold: ' 25 ' })).toEqual({ policy: { mode: 'above', threshold: 25 } });
    expect(readApprovalPolicyForm({ mode: 'above', threshold: String(MAX_APPROVAL_THRESHOLD) })).toEqual({ policy: { mode: 'above', threshold: MAX_APPROVAL_THRESHOLD } });
  });

  it('R28: an unknown or missing mode is refused, naming the field', () => {
    expect(problems({ mode: 'sometimes' }).map((p) => p.path)).toEqual(['mode']);
    expect(problems({}).map((p) => p.path)).toEqual(['mode']);
    expect(problems({ mode: 'ABOVE', threshold: '3' }).map((p) => p.path)).toEqual(['mode']);
  });

  it.each([
    ['missing', undefined, 'Give the number'],
    ['empty', '  ', 'Give the number'],
    ['zero', '0', 'at least 1'],
    ['negative', '-4', 'at least 1'],
    ['not whole', '2.5', 'whole number'],
    ['not a number', 'ten', 'whole number'],
    ['an exponent', '1e3', 'whole number'],
    ['over the batch size', String(MAX_APPROVAL_THRESHOLD + 1), 'at most 100,000'],
  ])('R28: with above, a threshold %s is refused, saying why', (_what, threshold, message) => {
    const found = problems({ mode: 'above', ...(threshold === undefined ? {} : { threshold }) });
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe('threshold');
    expect(found[0].message).toContain(message);
  });

  it("R28: a default group tag is validated as a device's group tag (over 128 characters, control characters)", () => {
    for (const tag of ['x'.repeat(129), 'Sales\u0007', 'a\u0085b']) {
      expect(problems({ mode: 'automatic', defaultGroupTag: tag }).map((p) => p.path)).toEqual(['defaultGroupTag']);
      expect(checkDeviceFields({ productKeyId: '1234567890123', groupTag: tag }).map((e) => e.code)).toEqual(['invalid_group_tag']);
    }
    expect(problems({ mode: 'automatic', defaultGroupTag: 'x'.repeat(128) })).toEqual([]);
  });

  it('R28: every wrong field is reported at once', () => {
    expect(problems({ mode: 'above', threshold: '0', defaultGroupTag: 'x'.repeat(200) }).map((p) => p.path)).toEqual(['threshold', 'defaultGroupTag']);
  });
});

describe('the words of the policy (R28)', () => {
  it('R28: describes each mode and the default group tag; tells a refused synchronous registration to use a batch', () => {
    expect(describeApprovalPolicy({ mode: 'automatic' })).toContain('Automatic');
    expect(describeApprovalPolicy({ mode: 'each_batch', defaultGroupTag: 'Sales' })).toBe('Each batch waits for your approval. Default group tag: Sales');
    expect(describeApprovalPolicy(above(500))).toContain('more than 500 devices');
    expect(approvalRequiredMessage(above(500))).toContain('more than 500 devices');
    expect(approvalRequiredMessage({ mode: 'each_batch' })).toContain('device batch');
  });

  it('R28: samePolicy compares mode, threshold and default group tag', () => {
    expect(samePolicy({ mode: 'automatic' }, { mode: 'automatic' })).toBe(true);
    expect(samePolicy(above(3), above(3))).toBe(true);
    expect(samePolicy(above(3), above(4))).toBe(false);
    expect(samePolicy({ mode: 'automatic' }, { mode: 'automatic', defaultGroupTag: 'x' })).toBe(false);
    expect(samePolicy({ mode: 'each_batch' }, above(1))).toBe(false);
  });
});
