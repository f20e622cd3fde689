import { describe, expect, it } from 'vitest';
import { approvalNeeded, effectiveApproval, holdRefusal, holdUntil } from '#shared/domain/held-batches.ts';
import { matchesFilter } from '#shared/outbox/filter-match.ts';
import { STREAM_FILTER_PATTERNS } from '#shared/outbox/stream-filter.ts';

describe('held batches (R27, S5): the pure rules', () => {
  it('R27: without a policy that holds, a registration waits for approval only when the partner is not authorized and asked to hold', () => {
    expect(approvalNeeded({ action: 'register', whenNotAuthorized: 'hold', authorized: false, received: 3 })).toBe('not_authorized');
    expect(approvalNeeded({ action: 'register', whenNotAuthorized: 'fail', authorized: false, received: 3 })).toBeUndefined();
    expect(approvalNeeded({ action: 'register', whenNotAuthorized: 'hold', authorized: true, received: 3 })).toBeUndefined();
    expect(approvalNeeded({ action: 'deregister', whenNotAuthorized: 'hold', authorized: false, received: 3 })).toBeUndefined();
    expect(approvalNeeded({ action: 'release', whenNotAuthorized: 'hold', authorized: false, received: 3 })).toBeUndefined();
  });

  it("R28: an authorized partner's registration waits when its relationship's policy holds that many devices, hold or not; never a deregistration, never without consent", () => {
    const each = { approvalPolicy: { mode: 'each_batch' as const } };
    const above = { approvalPolicy: { mode: 'above' as const, threshold: 5 } };
    expect(approvalNeeded({ action: 'register', whenNotAuthorized: 'fail', authorized: true, relationship: each, received: 1 })).toBe('approval_policy');
    expect(approvalNeeded({ action: 'register', whenNotAuthorized: 'hold', authorized: true, relationship: each, received: 1 })).toBe('approval_policy');
    expect(approvalNeeded({ action: 'register', whenNotAuthorized: 'fail', authorized: true, relationship: above, received: 5 })).toBeUndefined();
    expect(approvalNeeded({ action: 'register', whenNotAuthorized: 'fail', authorized: true, relationship: above, received: 6 })).toBe('approval_policy');
    expect(approvalNeeded({ action: 'register', whenNotAuthorized: 'fail', authorized: true, relationship: { approvalPolicy: { mode: 'automatic' } }, received: 100_000 })).toBeUndefined();
    expect(approvalNeeded({ action: 'register', whenNotAuthorized: 'fail', authorized: true, relationship: {}, received: 100_000 })).toBeUndefined();
    expect(approvalNeeded({ action: 'deregister', whenNotAuthorized: 'fail', authorized: true, relationship: each, received: 1 })).toBeUndefined();
    // Without consent the policy of an ended relationship decides nothing: R27's hold, or R22's consent_required.
    expect(approvalNeeded({ action: 'register', whenNotAuthorized: 'fail', authorized: false, relationship: each, received: 1 })).toBeUndefined();
    expect(approvalNeeded({ action: 'register', whenNotAuthorized: 'hold', authorized: false, relationship: each, received: 1 })).toBe('not_authorized');
  });

  it('R27, R8, R9: an indirect provider and an ineligible OEM hold nothing; a blocked partner is refused 403', () => {
    expect(holdRefusal({ kind: 'indirect-provider' }, false)?.code).toBe('forbidden');
    expect(holdRefusal({ kind: 'oem', directApiEligible: false }, false)?.code).toBe('partner_not_eligible');
    expect(holdRefusal({ kind: 'oem', directApiEligible: true }, false)).toBeUndefined();
    expect(holdRefusal({ kind: 'direct-csp' }, false)).toBeUndefined();
    expect(holdRefusal({ kind: 'indirect-reseller' }, true)?.code).toBe('forbidden');
  });

  it('S5: a held batch expires 30 days after its submission, whether or not the check has run', () => {
    const until = holdUntil('2026-11-01T10:00:00.000Z');
    expect(until).toBe('2026-12-01T10:00:00.000Z');
    expect(effectiveApproval({ status: 'pending', until }, '2026-12-01T09:59:59.999Z')).toBe('pending');
    expect(effectiveApproval({ status: 'pending', until }, until)).toBe('expired');
    expect(effectiveApproval({ status: 'rejected', until }, '2027-01-01T00:00:00.000Z')).toBe('rejected');
  });

  it('R27: an approved held batch (awaiting_approval -> queued) wakes the planner as a submitted one does; a held one does not', () => {
    const record = (oldStatus: string, newStatus: string) => ({ eventName: 'MODIFY', dynamodb: { OldImage: { status: { S: oldStatus } }, NewImage: { type: { S: 'deviceBatch' }, status: { S: newStatus } } } });
    expect(matchesFilter(STREAM_FILTER_PATTERNS, record('open', 'queued'))).toBe(true);
    expect(matchesFilter(STREAM_FILTER_PATTERNS, record('awaiting_approval', 'queued'))).toBe(true);
    expect(matchesFilter(STREAM_FILTER_PATTERNS, record('open', 'awaiting_approval'))).toBe(false);
    expect(matchesFilter(STREAM_FILTER_PATTERNS, record('awaiting_approval', 'rejected'))).toBe(false);
  });
});
