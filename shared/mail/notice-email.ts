import { roleDisplayName } from '#shared/domain/directory.ts';
import type { AdminNotice } from '#shared/domain/outbox-events.ts';
import { PARTNER_KIND_LABELS, type Partner } from '#shared/domain/partner.ts';
import { html } from '#shared/util/html.ts';
import type { MailMessage } from './mailer.ts';

const dateOnly = (iso: string) => iso.slice(0, 10);
const plainLine = (text: string) => text.replace(/[\p{Cc}\p{Cf}]/gu, '');

/**
 * S7: the email a tenant's global admin gets 30 and 7 days before a partner's delegated admin
 * roles end: which partner, which roles, when, whether they will be extended (R31) and where to
 * change that. Names are escaped in the HTML part; the subject is one plain line.
 */
export function renderNoticeEmail(input: { to: string; notice: AdminNotice; partner: Pick<Partner, 'name' | 'kind'>; tenantName: string; portalUrl: string }): MailMessage {
  const { notice, partner, tenantName, portalUrl } = input;
  const roles = notice.roles.map(roleDisplayName);
  const kind = PARTNER_KIND_LABELS[partner.kind];
  const days = notice.daysLeft === 1 ? '1 day' : `${notice.daysLeft} days`;
  const what = notice.autoExtend
    ? `They will be extended automatically by 180 days on ${dateOnly(notice.expiresAt)}, unless you turn automatic extension off in your partners page.`
    : `They end on ${dateOnly(notice.expiresAt)}. To keep them, ${partner.name} must ask for your consent again.`;
  const subject = `${plainLine(partner.name)}'s admin roles in ${plainLine(tenantName)} end in ${days}`;
  const text = [
    `The admin roles of ${partner.name} (${kind}) in ${tenantName} end in ${days}: ${roles.join(', ')}.`,
    what,
    '',
    'Review your partners and their roles here:',
    portalUrl,
  ].join('\n');
  const body = html`<!doctype html>
<html lang="en"><body style="font-family: sans-serif; line-height: 1.5; color: #1b1b1b">
<h1 style="font-size: 1.3em">The admin roles of ${partner.name} end in ${days}</h1>
<p><strong>${partner.name}</strong> (${kind}) holds these admin roles in ${tenantName}:</p>
<ul>${roles.map((r) => html`<li>${r}</li>`)}</ul>
<p>${what}</p>
<p><a href="${portalUrl}" style="display: inline-block; padding: .6em 1.2em; background: #0b5cad; color: #fff; text-decoration: none; border-radius: 4px">Review your partners</a></p>
</body></html>`;
  return { to: input.to, subject, text, html: body.value };
}
