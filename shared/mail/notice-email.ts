import { roleDisplayName } from '#shared/domain/directory.ts';
import type { AdminNotice } from '#shared/domain/outbox-events.ts';
import { PARTNER_KIND_LABELS, type Partner } from '#shared/domain/partner.ts';
import { html } from '#shared/util/html.ts';
import { renderClaimEmail } from './consent-email.ts';
import { renderHeldBatchEmail } from './held-batch-email.ts';
import type { MailMessage } from './mailer.ts';

/**
 * A notice to one of a tenant's global admins, by its kind: a claim on its devices (R26:
 * renderClaimEmail, linking to the claim's page; who claims is on the notice, never the claimant
 * tenant, R19), a held batch's (R27, R28: renderHeldBatchEmail, linking to the batch's page under
 * `portalUrl`), or S7's, below. A partner's notices need the partner and the tenant's name.
 */
export function renderNoticeEmail(input: { to: string; notice: AdminNotice; partner?: Pick<Partner, 'name' | 'kind'>; provider?: Pick<Partner, 'name'>; tenantName?: string; portalUrl: string }): MailMessage {
  const { notice } = input;
  if (notice.kind === 'device_claim') {
    return renderClaimEmail({
      to: input.to,
      claimant: notice.claimant,
      count: notice.count,
      evidence: { reference: notice.reference, ...(notice.purchaseDate ? { purchaseDate: notice.purchaseDate } : {}), ...(notice.note ? { note: notice.note } : {}) },
      deadline: notice.deadline,
      link: `${input.portalUrl}/claims/${notice.claimId}`,
    });
  }
  const { partner, tenantName } = input;
  if (!partner || tenantName === undefined) throw new Error(`a ${notice.kind} notice needs its partner and tenant`);
  if (notice.kind === 'held_batch') {
    return renderHeldBatchEmail({
      to: input.to,
      partner,
      provider: input.provider,
      reason: notice.reason,
      count: notice.count,
      reference: notice.reference,
      until: notice.until,
      link: `${input.portalUrl}/batches/${notice.batchId}`,
    });
  }
  return renderRolesExpiringEmail({ ...input, partner, tenantName, notice });
}

/**
 * S7: the email a tenant's global admin gets 30 and 7 days before a partner's delegated admin
 * roles end: which partner, which roles, when, whether they will be extended (R31) and where to
 * change that. Names are escaped in the HTML part; the subject is one plain line. Kept small: the
 * stream consumer and the check carry it, at their size budget.
 */
function renderRolesExpiringEmail(input: { to: string; notice: Extract<AdminNotice, { kind: 'delegated_admin_expiring' }>; partner: Pick<Partner, 'name' | 'kind'>; tenantName: string; portalUrl: string }): MailMessage {
  const { notice, partner, tenantName, portalUrl } = input;
  const days = `${notice.daysLeft} day${notice.daysLeft === 1 ? '' : 's'}`;
  const end = notice.expiresAt.slice(0, 10);
  const lines = [
    `The admin roles of ${partner.name} (${PARTNER_KIND_LABELS[partner.kind]}) in ${tenantName} end in ${days}: ${notice.roles.map(roleDisplayName).join(', ')}.`,
    notice.autoExtend
      ? `They will be extended automatically by 180 days on ${end}, unless you turn automatic extension off in your partners page.`
      : `They end on ${end}. To keep them, ${partner.name} must ask for your consent again.`,
    'Review your partners and their roles here:',
  ];
  return {
    to: input.to,
    subject: `${partner.name}'s admin roles in ${tenantName} end in ${days}`.replace(/[\p{Cc}\p{Cf}]/gu, ''),
    text: [...lines, portalUrl].join('\n'),
    html: html`<!doctype html><html lang="en"><body style="font-family: sans-serif">${lines.map((line) => html`<p>${line}</p>`)}<p><a href="${portalUrl}">Review your partners</a></p></body></html>`.value,
  };
}
