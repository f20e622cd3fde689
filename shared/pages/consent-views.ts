import { AUTO_EXTEND_DAYS, delegatedAdminGrants, type AcceptRefusal, type ConsentRequest, type GrantedDelegatedAdmin } from '#shared/domain/consent.ts';
import { roleDisplayName } from '#shared/domain/directory.ts';
import { nowIso } from '#shared/domain/ids.ts';
import { PARTNER_KIND_LABELS, type Partner } from '#shared/domain/partner.ts';
import type { Relationship } from '#shared/domain/relationship.ts';
import { html, type SafeHtml } from '#shared/util/html.ts';
import { organizationSignInLink } from './identity-views.ts';

const date = (iso: string) => iso.slice(0, 10);

export interface ConsentSubject {
  partner: Partner;
  provider?: Partner;
  request?: ConsentRequest;
  /** The organization consent is asked of, once a user of it is signed in: its name and domains. */
  organization?: Organization;
  /** R31: the partner's active relationship with that organization, when it has one (a request for other roles). */
  current?: Relationship;
}

export interface Organization {
  name: string;
  initialDomain: string;
  domains: string[];
}

/** An organization's domains as the page names them: the initial domain, then a few verified ones. */
const domainsOf = (o: Organization) => [o.initialDomain, ...o.domains.filter((d) => d !== o.initialDomain).slice(0, 5)].join(', ');

/**
 * R3: who asks (and how to reach them), for which organization, what they will be able to do, and
 * the admin roles with their duration.
 */
export function consentDetails({ partner, provider, request, organization, current }: ConsentSubject): SafeHtml {
  const dap = request?.delegatedAdmin;
  const held = current?.delegatedAdmin && delegatedAdminGrants(current.delegatedAdmin, nowIso()) ? current.delegatedAdmin : undefined;
  return html`<dl>
<dt>Partner</dt><dd id="partner-name">${partner.name}</dd>
<dt>Kind</dt><dd>${PARTNER_KIND_LABELS[partner.kind]}</dd>
${partner.contactEmail ? html`<dt>Partner contact</dt><dd id="partner-contact"><a href="mailto:${partner.contactEmail}">${partner.contactEmail}</a></dd>` : ''}
${provider ? html`<dt>Indirect provider</dt><dd id="provider-name">${provider.name} (also authorized with this reseller)</dd>` : ''}
${organization
  ? html`<dt>For the organization</dt><dd id="organization">${organization.name} <span class="muted">(${domainsOf(organization)})</span></dd>`
  : request?.tenantDomain ? html`<dt>For the organization</dt><dd id="organization">${request.tenantDomain}</dd>` : ''}
${request ? html`<dt>Request expires</dt><dd>${date(request.expiresAt)}</dd>` : ''}
</dl>
<h2>What ${partner.name} will be able to do</h2>
<ul>
<li>Register Windows devices to your organization, and deregister them.</li>
${provider ? html`<li>${provider.name}, the indirect provider of ${partner.name}, will be able to do the same.</li>` : ''}
</ul>
${partner.kind === 'oem'
  ? html`<p id="admin-roles">No admin permissions in your organization are granted to ${partner.name}.</p>`
  : dap
    ? html`<h2>Admin roles requested</h2>
${current && dap
  ? html`<p class="notice" id="roles-change">${partner.name} is already authorized for your organization (since ${date(current.grantedAt)}). Accepting keeps that and replaces its admin roles${held ? html` (now ${held.roles.map(roleDisplayName).join(', ')}, until ${date(held.expiresAt)})` : ''} with these.</p>`
  : ''}
<p id="admin-roles">${partner.name} also asks for these admin roles in your organization, for ${dap.durationDays} days:</p>
<ul>${dap.roles.map((r) => html`<li>${roleDisplayName(r)}</li>`)}</ul>
${dap.autoExtend
  ? html`<p id="auto-extend"><strong>Automatic extension:</strong> at the end of the ${dap.durationDays} days the roles are extended by ${AUTO_EXTEND_DAYS} days, and again at each end, until you turn automatic extension off in <a href="/portal">your partners</a>. You will be emailed 30 and 7 days before each end.</p>`
  : html`<p id="auto-extend">The roles end after ${dap.durationDays} days; they are not extended automatically.</p>`}`
    : html`<p id="admin-roles">${partner.name} does not ask for any admin roles in your organization.</p>`}
${request?.message ? html`<h2>Message from ${partner.name}</h2><blockquote>${request.message}</blockquote>` : ''}`;
}

export function consentForm(subject: ConsentSubject, options: { action: string; csrf: string; error?: string }): SafeHtml {
  return html`<h1>${subject.partner.name} asks for permission to register devices</h1>
${options.error ? html`<p class="notice error" role="alert" id="form-error">${options.error}</p>` : ''}
${consentDetails(subject)}
<form id="consent-form" method="post" action="${options.action}">
<input type="hidden" name="csrf" value="${options.csrf}">
<label class="check"><input type="checkbox" name="confirm" value="yes"><span>Yes, I allow ${subject.partner.name} to register and deregister devices for ${subject.organization ? subject.organization.name : 'my organization'}${subject.request?.delegatedAdmin && subject.partner.kind !== 'oem' ? ' and to hold the admin roles listed above' : ''}.</span></label>
<div class="actions">
<button type="submit" name="action" value="accept">Accept</button>
<button type="submit" name="action" value="decline" class="secondary">Decline</button>
</div>
</form>`;
}

/**
 * The consent page before sign-in: the details, and how to sign in to answer: with the
 * organization's identity provider, or an emailed link, unless the recipient's organization
 * requires its provider (R21).
 */
export function signInToRespond(subject: ConsentSubject, next: string, options: { organizationOnly?: boolean } = {}): SafeHtml {
  return html`<h1>${subject.partner.name} asks for permission to register devices</h1>
${consentDetails(subject)}
${options.organizationOnly
  ? html`<p class="notice">Only a global administrator of your organization can accept. Your organization requires you to sign in with its own sign-in to review and respond.</p>`
  : html`<p class="notice">Only a global administrator of your organization can accept. <a href="/signin?next=${encodeURIComponent(next)}">Sign in</a> to review and respond.</p>`}
<div class="actions">${organizationSignInLink(next)}</div>`;
}

export interface Admin {
  displayName: string;
  email: string;
}

/** R1: whom to ask, by name. */
export const askAdmins = (admins: Admin[]) =>
  admins.length
    ? html`<p>Your organization's global administrators:</p><ul id="global-admins">${admins.map((a) => html`<li>${a.displayName} (${a.email})</li>`)}</ul>`
    : html`<p>Ask your IT department who your organization's global administrators are.</p>`;

const REFUSALS: Record<AcceptRefusal, (p: Partner, admins: Admin[]) => { title: string; body: SafeHtml }> = {
  not_global_admin: (p, admins) => ({
    title: 'You need global administrator privileges',
    body: html`<p>Only a global administrator of your organization can accept this request from ${p.name}.
Ask one of your organization's global administrators to sign in and accept it, or to give you the Global Administrator role.</p>${askAdmins(admins)}<p>Nothing has been changed.</p>`,
  }),
  not_cloud_native: (p) => ({
    title: 'Sign in with your cloud-native account',
    body: html`<p>${p.name} is an OEM. Only a global administrator signed in with an account on your organization's initial domain (the one the service issued, such as contoso.onmicrosoft) can accept an OEM's request.
Sign out and sign in again with that account.</p><p>Nothing has been changed.</p>`,
  }),
  wrong_tenant: (p) => ({
    title: 'This request is for another organization',
    body: html`<p>This request from ${p.name} is addressed to another organization, so you cannot accept it. Nothing has been changed.</p>`,
  }),
  partner_not_eligible: (p) => ({
    title: 'This link is not active',
    body: html`<p>${p.name} cannot ask for consent through this service at the moment. Nothing has been changed.</p>`,
  }),
  partner_unavailable: (p) => ({
    title: 'This partner is not available',
    body: html`<p>${p.name} cannot be authorized at the moment. Nothing has been changed.</p>`,
  }),
  expired: (p) => ({
    title: 'This request has expired',
    body: html`<p>This request from ${p.name} expired and can no longer be accepted. Ask ${p.name} to send a new one.</p>`,
  }),
  cancelled: (p) => ({
    title: 'This request was cancelled',
    body: html`<p>${p.name} cancelled this request. There is nothing to do.</p>`,
  }),
  declined: (p) => ({
    title: 'This request was declined',
    body: html`<p>This request from ${p.name} was declined. ${p.name} has not been authorized.</p>`,
  }),
  accepted: (p) => ({
    title: 'This request was already accepted',
    body: html`<p>This request from ${p.name} has already been accepted: ${p.name} is authorized for your organization.</p>`,
  }),
};

export const refusalPage = (reason: AcceptRefusal, partner: Partner, admins: Admin[] = []) => REFUSALS[reason](partner, admins);

export function acceptedPage(subject: ConsentSubject, relationship: Relationship): SafeHtml {
  const { partner, provider } = subject;
  const dap: GrantedDelegatedAdmin | undefined = relationship.delegatedAdmin;
  return html`<h1>Authorization is complete</h1>
<p class="notice success" role="status">${partner.name} is now authorized to register and deregister devices for your organization.${provider ? html` So is its indirect provider, ${provider.name}.` : ''}</p>
${dap && !dap.removedAt ? html`<p>The admin roles ${dap.roles.map(roleDisplayName).join(', ')} are granted until ${date(dap.expiresAt)}${dap.autoExtend ? `, then extended by ${AUTO_EXTEND_DAYS} days at each end until you turn that off` : ''}.</p>` : ''}
<p>You can review or remove your partners at any time in <a href="/portal">your partners</a>.</p>`;
}

export const declinedPage = (partner: Partner) =>
  html`<h1>You declined the request</h1><p class="notice" role="status">${partner.name} has not been authorized. Nothing else has changed.</p>`;

export const alreadyAuthorizedPage = (partner: Partner) =>
  html`<h1>${partner.name} is already authorized</h1><p class="notice" role="status">${partner.name} is already authorized for your organization. You can review it in <a href="/portal">your partners</a>.</p>`;
