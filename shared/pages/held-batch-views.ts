import { describeApprovalPolicy, type ApprovalPolicy } from '#shared/domain/approval-policy.ts';
import type { ApprovalStatus } from '#shared/domain/held-batches.ts';
import { PARTNER_KIND_LABELS, type Partner } from '#shared/domain/partner.ts';
import type { Batch } from '#shared/table/batches.ts';
import type { HoldBlock } from '#shared/table/hold-blocks.ts';
import { html, type SafeHtml } from '#shared/util/html.ts';
import { consentDetails, type Organization } from './consent-views.ts';

const date = (iso: string | undefined) => (iso ?? '').slice(0, 10);
const devices = (n: number) => `${n.toLocaleString('en-US')} device${n === 1 ? '' : 's'}`;

export interface HeldBatchSubject {
  batch: Batch;
  partner: Partner;
  provider?: Partner;
  organization: Organization;
  /** The approval is also the acceptance of the partner (R27): it is not authorized for the tenant now. */
  withConsent: boolean;
  /** Why this admin may not approve (R9: an OEM, and not a cloud-native admin), shown instead of Approve. */
  cannotApprove?: SafeHtml;
  status: ApprovalStatus;
  /**
   * R28: the approval policy the partner follows now (for a provider, its reseller's), when it is
   * authorized: shown when the policy held the batch (`approval_policy`), which says why it waits.
   */
  policy?: ApprovalPolicy;
}

/** A batch the approval policy held (R28) is a consented partner's: it says why it waits, and blocking (which stops holds without consent, R27) is not offered. */
const heldByPolicy = (subject: HeldBatchSubject) => subject.batch.approval?.reason === 'approval_policy';

/** Why it waits, for a batch the approval policy held (R28), with the policy as it is now and where to change it. */
function policyReason({ partner, policy }: HeldBatchSubject): SafeHtml {
  return html`<p id="batch-reason">It waits because your approval policy for ${partner.name} holds its batches for your approval${policy ? html` (now: ${describeApprovalPolicy(policy)})` : ''}.
${partner.kind === 'indirect-provider' ? '' : html`You can change the policy in <a href="/portal/relationships/${partner.id}/approval-policy">its approval policy</a>.`}</p>`;
}

/** The batch as the customer sees it: who sent it, how many devices, the partner's reference, until when it waits. */
function batchFacts({ batch, partner, provider, status }: HeldBatchSubject): SafeHtml {
  return html`<dl>
<dt>Partner</dt><dd id="batch-partner">${partner.name} <span class="muted">(${PARTNER_KIND_LABELS[partner.kind]})</span></dd>
${provider ? html`<dt>Indirect provider</dt><dd>${provider.name}</dd>` : ''}
<dt>Devices</dt><dd id="batch-count">${devices(batch.received)}</dd>
${batch.reference !== undefined ? html`<dt>Partner's reference</dt><dd id="batch-reference">${batch.reference}</dd>` : ''}
<dt>Submitted</dt><dd>${date(batch.submittedAt)}</dd>
<dt>Status</dt><dd id="batch-status">${STATUS_TEXT[status]}${status === 'pending' ? html` <span class="muted">(expires ${date(batch.approval?.until)})</span>` : batch.approval?.decidedAt ? html` <span class="muted">(${date(batch.approval.decidedAt)})</span>` : ''}</dd>
</dl>`;
}

const STATUS_TEXT: Record<ApprovalStatus, string> = {
  pending: 'Waiting for your approval',
  approved: 'Approved',
  rejected: 'Rejected',
  expired: 'Expired: nobody decided within 30 days',
};

/**
 * R27: the held batch's page: what it is, and one form that approves it (with the "Yes" of the
 * consent, R3, when the partner has none yet) or rejects it, optionally blocking the partner.
 */
export function heldBatchPage(subject: HeldBatchSubject, options: { csrf: string; error?: string }): SafeHtml {
  const { batch, partner, organization, withConsent, status } = subject;
  const title = `${partner.name} asks you to approve ${devices(batch.received)}`;
  if (status !== 'pending') return html`<h1>${title}</h1>${batchFacts(subject)}<p class="notice" role="status" id="batch-decided">This batch was ${STATUS_TEXT[status].toLowerCase()}. There is nothing more to decide.</p>`;
  return html`<h1>${title}</h1>
${options.error ? html`<p class="notice error" role="alert" id="form-error">${options.error}</p>` : ''}
<p>${partner.name} wants to register these devices to ${organization.name}. Nothing is registered unless you approve.</p>
${heldByPolicy(subject) ? policyReason(subject) : ''}
${batchFacts(subject)}
${withConsent
  ? html`<h2>Approving also authorizes ${partner.name}</h2>
<p>${partner.name} is not authorized for your organization yet: approving these devices also gives it your consent.</p>
${consentDetails({ partner, provider: subject.provider, organization })}`
  : ''}
<form id="held-batch-form" method="post" action="/portal/batches/${batch.id}">
<input type="hidden" name="csrf" value="${options.csrf}">
${subject.cannotApprove
  ? html`<div class="notice" id="cannot-approve">${subject.cannotApprove}</div>`
  : html`${withConsent
    ? html`<label class="check"><input type="checkbox" name="confirm" value="yes"><span>Yes, I allow ${partner.name} to register and deregister devices for ${organization.name}.</span></label>`
    : ''}
<div class="actions"><button type="submit" name="action" value="approve">Approve ${devices(batch.received)}</button></div>`}
<h2>Or reject them</h2>
${heldByPolicy(subject) ? '' : html`<label class="check"><input type="checkbox" name="block" value="yes"><span>Also block ${partner.name} from sending more batches for approval to ${organization.name}</span></label>`}
<div class="actions"><button type="submit" name="action" value="reject" class="danger">Reject: I did not authorize this</button></div>
</form>`;
}

export const approvedPage = (partner: Partner, batch: Batch, withConsent: boolean) =>
  html`<h1>The devices are approved</h1>
<p class="notice success" role="status" id="batch-approved">${withConsent ? html`${partner.name} is now authorized for your organization, and ` : ''}${devices(batch.received)} from ${partner.name} are being registered.</p>
<p>You can review your partners in <a href="/portal">your partners</a>, and the devices in <a href="/portal/devices">your devices</a>.</p>`;

export const rejectedPage = (partner: Partner, blocked: boolean) =>
  html`<h1>The batch is rejected</h1>
<p class="notice" role="status" id="batch-rejected">Nothing from this batch is registered.${blocked ? html` ${partner.name} can no longer send batches for approval to your organization; you can unblock it in <a href="/portal">your partners</a>.` : ''}</p>`;

/**
 * R27, R28: the portal's list of the tenant's batches waiting for approval, newest first: who sent
 * them, how many devices, the partner's reference, why they wait, until when; each links to its
 * page, where it is approved or rejected.
 */
export function heldBatchesSection(batches: Batch[], partners: ReadonlyMap<string, Pick<Partner, 'name' | 'kind'>>): SafeHtml {
  if (batches.length === 0) return html``;
  return html`<h2 id="held-batches">Devices waiting for your approval</h2>
<ul>${batches.map((b) => {
    const partner = partners.get(b.partnerId ?? '');
    const why = b.approval?.reason === 'approval_policy' ? 'your approval policy' : 'not authorized yet';
    return html`<li id="held-batch-${b.id}"><a href="/portal/batches/${b.id}">${devices(b.received)} from ${partner?.name ?? 'a partner'}</a>${b.reference !== undefined ? html` <span class="muted">(reference ${b.reference})</span>` : ''}
<span class="muted">submitted ${date(b.submittedAt)}, ${why}, expires ${date(b.approval?.until)}</span></li>`;
  })}</ul>`;
}

/** The portal's list of partners blocked from holding batches (R27), each with its Unblock form. */
export function holdBlocksSection(blocks: HoldBlock[], csrf: string): SafeHtml {
  if (blocks.length === 0) return html``;
  return html`<h2 id="hold-blocks">Partners blocked from sending batches for approval</h2>
<ul>${blocks.map(
    (b) => html`<li id="hold-block-${b.partnerId}"><strong>${b.partnerName}</strong> <span class="muted">blocked on ${date(b.blockedAt)} by ${b.blockedBy.email}</span>
<form class="inline" method="post" action="/portal/hold-blocks/${b.partnerId}/remove"><input type="hidden" name="csrf" value="${csrf}"><button type="submit" class="secondary">Unblock ${b.partnerName}</button></form></li>`,
  )}</ul>`;
}
