import { roleDisplayName } from '#shared/domain/directory.ts';
import type { ConsentRequest } from '#shared/domain/consent.ts';
import { PARTNER_KIND_LABELS, type Partner } from '#shared/domain/partner.ts';
import { html } from '#shared/util/html.ts';
import type { MailMessage } from './mailer.ts';

const dateOnly = (iso: string) => iso.slice(0, 10);

/**
 * The consent email: who asks, for what, until when, and the link that opens the consent page and
 * signs the recipient in. Partner-supplied text is escaped in the HTML part.
 */
export function renderConsentEmail(input: {
  partner: Pick<Partner, 'name' | 'kind'>;
  provider?: Pick<Partner, 'name'>;
  request: Pick<ConsentRequest, 'recipientEmail' | 'delegatedAdmin' | 'message' | 'expiresAt'>;
  link: string;
  reminder?: boolean;
}): MailMessage {
  const { partner, provider, request, link, reminder } = input;
  const kind = PARTNER_KIND_LABELS[partner.kind];
  // Names are refused with control or bidi characters (shared/http/schemas.ts); a subject is one
  // plain line whatever was stored before that, so nothing can reorder it.
  const subject = `${reminder ? 'Reminder: ' : ''}${partner.name.replace(/[\p{Cc}\p{Cf}]/gu, '')} asks for permission to register devices for your organization`;
  const roles = request.delegatedAdmin?.roles.map(roleDisplayName) ?? [];
  const lines = [
    `${partner.name} (${kind}) asks for your permission to register and deregister Windows devices for your organization.`,
    ...(provider ? [`Its indirect provider ${provider.name} would be authorized with it.`] : []),
    ...(roles.length
      ? [`It also asks for these admin roles for ${request.delegatedAdmin!.durationDays} days: ${roles.join(', ')}.`]
      : ['It does not ask for any admin roles in your organization.']),
    ...(request.message ? ['', `Message from ${partner.name}:`, request.message] : []),
    '',
    'A global administrator of your organization can review and accept or decline here:',
    link,
    '',
    `This link signs you in once. The request expires on ${dateOnly(request.expiresAt)}.`,
    "If you don't know this partner, ignore this email: nothing changes unless you accept.",
  ];
  const body = html`<!doctype html>
<html lang="en"><body style="font-family: sans-serif; line-height: 1.5; color: #1b1b1b">
<h1 style="font-size: 1.3em">${partner.name} asks for permission to register devices</h1>
<p><strong>${partner.name}</strong> (${kind}) asks for your permission to register and deregister Windows devices for your organization.</p>
${provider ? html`<p>Its indirect provider <strong>${provider.name}</strong> would be authorized with it.</p>` : ''}
${roles.length
  ? html`<p>It also asks for these admin roles for ${request.delegatedAdmin!.durationDays} days:</p><ul>${roles.map((r) => html`<li>${r}</li>`)}</ul>`
  : html`<p>It does not ask for any admin roles in your organization.</p>`}
${request.message ? html`<p>Message from ${partner.name}:</p><blockquote style="white-space: pre-wrap">${request.message}</blockquote>` : ''}
<p><a href="${link}" style="display: inline-block; padding: .6em 1.2em; background: #0b5cad; color: #fff; text-decoration: none; border-radius: 4px">Review the request</a></p>
<p style="color: #555">This link signs you in once. The request expires on ${dateOnly(request.expiresAt)}.
If you don't know this partner, ignore this email: nothing changes unless you accept.</p>
</body></html>`;
  return { to: request.recipientEmail, subject, text: lines.join('\n'), html: body.value };
}

/**
 * The one-time sign-in link email; the same whatever page the user was on. R32: the partner
 * portal's (`portal`) has one link per partner the address is a person of, each named, and is an
 * invitation when `invited`.
 */
export function renderSignInEmail(input: { to: string; links: { name?: string; link: string }[]; expiresInMinutes: number; portal?: { invited: boolean } }): MailMessage {
  const where = input.portal ? 'the device-consent partner portal' : 'device-consent';
  const intro = `${input.portal?.invited ? `You are invited to ${where}. ` : ''}Use this link to sign in. It works once, for ${input.expiresInMinutes} minutes:`;
  const named = (name?: string) => (name ? `${name.replace(/[\p{Cc}\p{Cf}]/gu, '')}: ` : '');
  return {
    to: input.to,
    subject: input.portal?.invited ? `You are invited to ${where}` : `Your sign-in link for ${where}`,
    text: `${intro}\n${input.links.map((l) => `${named(l.name)}${l.link}`).join('\n')}\n\nIf you did not ask to sign in, ignore this email.`,
    html: html`<!doctype html><html lang="en"><body style="font-family: sans-serif">
<p>${intro}</p>
${input.links.map((l) => html`<p><a href="${l.link}">Sign in${l.name ? html` to ${l.name}` : ''}</a></p>`)}<p style="color: #555">If you did not ask to sign in, ignore this email.</p></body></html>`.value,
  };
}

/**
 * R26: the email to an owner tenant's global admins about a claim on its devices: who claims (the
 * claimant partner's name, never the claimant tenant's, R19), how many devices, the evidence, the
 * deadline, and where to answer. Claimant-supplied text is escaped in the HTML part.
 */
export function renderClaimEmail(input: {
  to: string;
  claimant: string;
  count: number;
  evidence: { reference: string; purchaseDate?: string; note?: string };
  deadline: string;
  link: string;
}): MailMessage {
  const { claimant, count, evidence, deadline, link } = input;
  const plainClaimant = claimant.replace(/[\p{Cc}\p{Cf}]/gu, '');
  const devices = count === 1 ? '1 device' : `${count} devices`;
  const lines = [
    `${plainClaimant} claims ${devices} registered to your organization, saying they are theirs.`,
    `Evidence: order reference ${evidence.reference}${evidence.purchaseDate ? `, purchased ${evidence.purchaseDate}` : ''}${evidence.note ? `; note: ${evidence.note}` : ''}.`,
    `Release the devices you no longer own, or contest the claim with a reason, by ${dateOnly(deadline)}: ${link}`,
    'What you leave unanswered by then goes to our operators, who decide with both sides\' evidence.',
  ];
  return {
    to: input.to,
    subject: `${plainClaimant} claims ${devices} registered to your organization`,
    text: lines.join('\n\n'),
    html: html`<!doctype html><html lang="en"><body style="font-family: sans-serif">
<p>${claimant} claims ${devices} registered to your organization, saying they are theirs.</p>
<p>Evidence: order reference <strong>${evidence.reference}</strong>${evidence.purchaseDate ? html`, purchased ${evidence.purchaseDate}` : ''}${evidence.note ? html`; note: ${evidence.note}` : ''}.</p>
<p>Release the devices you no longer own, or contest the claim with a reason, by <strong>${dateOnly(deadline)}</strong>: <a href="${link}">answer the claim</a>.</p>
<p style="color: #555">What you leave unanswered by then goes to our operators, who decide with both sides' evidence.</p>
</body></html>`.value,
  };
}
