import { approvalPolicyOf, policyHoldsBatch, type ApprovalPolicy } from './approval-policy.ts';
import { addDays } from './consent.ts';
import { forbidden, partnerNotEligible, type DomainError } from './errors.ts';
import { isEligibleForConsent, type Partner } from './partner.ts';

/**
 * Held batches (R27, S5): a partner's batch that waits for the customer's approval instead of
 * being worked. The rules here are pure; the batch's item and its transitions are in
 * shared/table/batches.ts, the decisions in shared/consent/held-batches.ts.
 */

/** S5: a held batch not decided within this many days of its submission ends `expired`. */
export const HOLD_DAYS = 30;

/** API.md `whenNotAuthorized`: today's per-device `consent_required` (`fail`), or wait for the customer (`hold`, R27). */
export type WhenNotAuthorized = 'fail' | 'hold';

/**
 * Why a batch waits for approval. `not_authorized`: the partner asked to hold a batch for a tenant
 * that has not consented (R27). `approval_policy`: the partner is authorized, and the customer's
 * approval policy for it (R28: `each_batch`, or `above` a number the batch exceeds) holds the batch.
 */
export const APPROVAL_REASONS = ['not_authorized', 'approval_policy'] as const;
export type ApprovalReason = (typeof APPROVAL_REASONS)[number];

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'expired';

/** A held batch's approval, as stored on the batch. */
export interface Approval {
  status: ApprovalStatus;
  reason: ApprovalReason;
  /** S5: when it expires if nobody decides. */
  until: string;
  decidedAt?: string;
  /** The customer user who approved or rejected (absent when it expired). */
  decidedBy?: string;
}

/** What decides whether a batch waits for approval, read at its submission. */
export interface ApprovalQuestion {
  action: 'register' | 'deregister' | 'release';
  whenNotAuthorized: WhenNotAuthorized;
  /** Whether the partner is authorized for the tenant now (R6-R9). */
  authorized: boolean;
  /**
   * The relationship the partner is authorized through (for a provider, its reseller's, R8): its
   * approval policy (R28; none set is `automatic`).
   */
  relationship?: { approvalPolicy?: ApprovalPolicy };
  /** The batch's devices when submitted: what an `above` policy counts. */
  received: number;
}

/**
 * Does this batch wait for the customer's approval at its submission, and why: one pure function,
 * the one place the submit transition asks (shared/devices/batches.ts `submitBatch`). Only a
 * registration waits. R27: a partner that is not authorized and asked to hold. R28: an authorized
 * partner whose relationship's policy holds a batch of this many devices (policyHoldsBatch),
 * whether or not it asked to hold. Anything else is worked at once (R22: a partner without
 * consent then gets `consent_required` per device).
 */
export function approvalNeeded(question: ApprovalQuestion): ApprovalReason | undefined {
  if (question.action !== 'register') return undefined;
  if (!question.authorized) return question.whenNotAuthorized === 'hold' ? 'not_authorized' : undefined;
  return policyHoldsBatch(approvalPolicyOf(question.relationship), question.received) ? 'approval_policy' : undefined;
}

/** S5: when a batch held at `submittedAt` expires. */
export const holdUntil = (submittedAt: string): string => addDays(submittedAt, HOLD_DAYS);

/**
 * The approval as it truly is at `now`: a pending one past its time is expired, whether or not the
 * scheduled check has run yet (S5), as a consent request's is (R5).
 */
export const effectiveApproval = (approval: Pick<Approval, 'status' | 'until'>, now: string): ApprovalStatus =>
  approval.status === 'pending' && approval.until <= now ? 'expired' : approval.status;

/**
 * R27: why this partner may not ask that a batch be held for a tenant, if it may not. Approving a
 * held batch is the acceptance of the partner (R1-R9), so a partner that can never be accepted has
 * nothing to hold: an indirect provider (R8) or an OEM that is not eligible (R9). A partner the
 * customer blocked from holding batches is refused too (`blocked`).
 */
export function holdRefusal(partner: Pick<Partner, 'kind' | 'directApiEligible'> & Partial<Partner>, blocked: boolean): DomainError | undefined {
  if (partner.kind === 'indirect-provider') return forbidden('An indirect provider does not hold batches: it is authorized through its resellers (R8)');
  if (!isEligibleForConsent(partner as Partner)) return partnerNotEligible('This OEM is not enabled for direct API consent, so it cannot hold batches (R9)');
  if (blocked) return forbidden('This customer has blocked your held batches (R27)');
  return undefined;
}
