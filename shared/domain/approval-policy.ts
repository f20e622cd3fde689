import { GROUP_TAG_RULE, isInvalidGroupTag, type DeviceInput } from './devices.ts';
import type { FieldError } from './errors.ts';

/**
 * R28: how a customer approves one partner's devices, set per relationship by a global admin:
 * `automatic` (the default: nothing waits), `each_batch` (every batch waits for approval), or
 * `above` a number of devices (a batch of more than `threshold` devices waits); and a default group
 * tag for that partner's devices that carry none.
 */
export const APPROVAL_MODES = ['automatic', 'each_batch', 'above'] as const;
export type ApprovalMode = (typeof APPROVAL_MODES)[number];

export type ApprovalPolicy = ({ mode: 'automatic' | 'each_batch' } | { mode: 'above'; threshold: number }) & {
  /** Given to the partner's devices registered without a group tag (validated as a device's, API.md `invalid_group_tag`). */
  defaultGroupTag?: string;
};

/** A relationship nobody has set a policy on approves automatically. */
export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = { mode: 'automatic' };

/** The largest `above` threshold: a batch holds at most 100,000 devices (API.md), so a higher one would never hold anything. */
export const MAX_APPROVAL_THRESHOLD = 100_000;

/** The policy a relationship carries, or the default (`automatic`) when none was set. */
export const approvalPolicyOf = (relationship: { approvalPolicy?: ApprovalPolicy } | undefined): ApprovalPolicy =>
  relationship?.approvalPolicy ?? DEFAULT_APPROVAL_POLICY;

/**
 * R28: whether the policy holds a submission of `deviceCount` devices for the customer's approval:
 * `each_batch` always, `above` N when there are more than N devices, `automatic` never. A batch is
 * counted by its devices when submitted; a synchronous registration by the devices of the call.
 */
export function policyHoldsBatch(policy: ApprovalPolicy, deviceCount: number): boolean {
  switch (policy.mode) {
    case 'each_batch':
      return true;
    case 'above':
      return deviceCount > policy.threshold;
    case 'automatic':
      return false;
  }
}

/** A device without a group tag (none, or empty) takes the policy's default one (R28); a device's own tag is kept. */
export function withDefaultGroupTag<D extends DeviceInput>(device: D, policy: ApprovalPolicy): D {
  if (!policy.defaultGroupTag || (device.groupTag !== undefined && device.groupTag !== '')) return device;
  return { ...device, groupTag: policy.defaultGroupTag };
}

/** Why a synchronous registration is refused under this policy (`approval_required`, API.md). */
export function approvalRequiredMessage(policy: ApprovalPolicy): string {
  const why = policy.mode === 'above' ? `approves submissions of more than ${policy.threshold} devices from this partner` : "approves each of this partner's submissions";
  return `The tenant ${why}: send these devices as a device batch, which waits for the tenant's approval`;
}

/** What the policy says, in a sentence, for the customer's pages. */
export function describeApprovalPolicy(policy: ApprovalPolicy): string {
  const mode =
    policy.mode === 'above'
      ? `Batches of more than ${policy.threshold} devices wait for your approval`
      : policy.mode === 'each_batch'
        ? 'Each batch waits for your approval'
        : 'Automatic: devices are registered as they come';
  return policy.defaultGroupTag ? `${mode}. Default group tag: ${policy.defaultGroupTag}` : mode;
}

/** The approval policy form as a browser posts it: every field a string, any of them missing. */
export interface ApprovalPolicyFormInput {
  mode?: string;
  threshold?: string;
  defaultGroupTag?: string;
}

/**
 * Reads the portal's form into a policy, or says what is wrong with it, field by field: the mode is
 * one of `APPROVAL_MODES`; with `above`, the threshold is a whole number from 1 to
 * `MAX_APPROVAL_THRESHOLD` (ignored with the other modes, whose form still carries the field); the
 * default group tag, trimmed, is none when empty and otherwise follows a device's group tag rule.
 */
export function readApprovalPolicyForm(input: ApprovalPolicyFormInput): { policy: ApprovalPolicy } | { problems: FieldError[] } {
  const problems: FieldError[] = [];
  const mode = APPROVAL_MODES.find((m) => m === input.mode);
  if (!mode) problems.push({ path: 'mode', message: 'Choose automatic, each batch, or above a number of devices' });
  let threshold = 0;
  if (mode === 'above') {
    const text = (input.threshold ?? '').trim();
    if (text === '') problems.push({ path: 'threshold', message: 'Give the number of devices above which a batch waits for your approval' });
    else if (!/^[+-]?\d+$/.test(text)) problems.push({ path: 'threshold', message: 'The number of devices must be a whole number' });
    else {
      threshold = Number(text);
      if (threshold < 1) problems.push({ path: 'threshold', message: 'The number of devices must be at least 1' });
      else if (threshold > MAX_APPROVAL_THRESHOLD) problems.push({ path: 'threshold', message: `The number of devices must be at most ${MAX_APPROVAL_THRESHOLD.toLocaleString('en-US')} (a batch holds no more)` });
    }
  }
  const tag = (input.defaultGroupTag ?? '').trim();
  if (tag !== '' && isInvalidGroupTag(tag)) problems.push({ path: 'defaultGroupTag', message: GROUP_TAG_RULE });
  if (problems.length > 0 || !mode) return { problems };
  const base = mode === 'above' ? { mode, threshold } : { mode };
  return { policy: { ...base, ...(tag ? { defaultGroupTag: tag } : {}) } };
}

/** Two policies that say the same thing. */
export const samePolicy = (a: ApprovalPolicy, b: ApprovalPolicy): boolean =>
  a.mode === b.mode && (a.mode !== 'above' || (b.mode === 'above' && a.threshold === b.threshold)) && a.defaultGroupTag === b.defaultGroupTag;
