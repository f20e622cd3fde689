import type { ApprovalReason } from '#shared/domain/held-batches.ts';
import { PARTNER_KIND_LABELS, type Partner } from '#shared/domain/partner.ts';
import { html } from '#shared/util/html.ts';
import type { MailMessage } from './mailer.ts';

const dateOnly = (iso: string) => iso.slice(0, 10);

/**
 * R27, R28: the email to a tenant's global admin about a held batch (a notice, renderNoticeEmail):
 * the partner, its kind and its provider, the number of devices, the partner's reference, why it
 * waits (no consent yet, or the tenant's approval policy), and the link to the page that approves
 * or rejects it (the admin signs in there). Partner-supplied text is escaped in the HTML part.
 */
export function renderHeldBatchEmail(input: {
  to: string;
  partner: Pick<Partner, 'name' | 'kind'>;
  provider?: Pick<Partner, 'name'>;
  reason: ApprovalReason;
  count: number;
  reference?: string;
  until: string;
  link: string;
}): MailMessage {
  const { partner, provider, reason, count, reference, until, link } = input;
  const kind = PARTNER_KIND_LABELS[partner.kind];
  const devices = `${count.toLocaleString('en-US')} device${count === 1 ? '' : 's'}`;
  const subject = `${partner.name.replace(/[\p{Cc}\p{Cf}]/gu, '')} asks you to approve ${devices} for your organization`;
  // Without consent, approving authorizes the partner (and a reseller's provider, R7); with it, the approval policy held the batch (R28).
  const why = reason === 'approval_policy' ? `Your approval policy for ${partner.name} holds its batches for your approval.` : undefined;
  const ifUnknown = why ? "If you don't expect these devices, reject the batch." : "If you don't know this partner, reject the batch: you can also block it from sending more.";
  const lines = [
    `${partner.name} (${kind}) wants to register ${devices} to your organization and is waiting for your approval.`,
    ...(why ? [why] : []),
    ...(provider && !why ? [`Its indirect provider ${provider.name} would be authorized with it.`] : []),
    ...(reference ? [`Its reference: ${reference}`] : []),
    '',
    'A global administrator of your organization can approve or reject them here:',
    link,
    '',
    `Nothing is registered unless you approve. Without a decision the batch expires on ${dateOnly(until)}.`,
    ifUnknown,
  ];
  const body = html`<!doctype html>
<html lang="en"><body style="font-family: sans-serif; line-height: 1.5; color: #1b1b1b">
<h1 style="font-size: 1.3em">${partner.name} asks you to approve ${devices}</h1>
<p><strong>${partner.name}</strong> (${kind}) wants to register ${devices} to your organization and is waiting for your approval.</p>
${why ? html`<p>${why}</p>` : ''}
${provider && !why ? html`<p>Its indirect provider <strong>${provider.name}</strong> would be authorized with it.</p>` : ''}
${reference ? html`<p>Its reference: <strong>${reference}</strong></p>` : ''}
<p><a href="${link}" style="display: inline-block; padding: .6em 1.2em; background: #0b5cad; color: #fff; text-decoration: none; border-radius: 4px">Review the devices</a></p>
<p style="color: #555">Nothing is registered unless you approve. Without a decision the batch expires on ${dateOnly(until)}.
${ifUnknown}</p>
</body></html>`;
  return { to: input.to, subject, text: lines.join('\n'), html: body.value };
}
