import { PARTNER_KIND_LABELS, type Partner } from '#shared/domain/partner.ts';
import { PARTNER_ROLE_LABELS, PARTNER_ROLES, partnerRoleAllows, type PartnerPersonRecord, type PartnerRole } from '#shared/domain/partner-roles.ts';
import type { HttpResult } from '#shared/http/response.ts';
import { html, type SafeHtml } from '#shared/util/html.ts';
import { emailLinkSignInForm, page } from './layout.ts';

/*
 * The partner portal's views (R32): its frame (`partnerLayout`: header, navigation, sign-out) and
 * the pages of its sign-in and of people. Server-rendered, no JavaScript; the `html` template
 * escapes everything; headers come from `page()` (shared/pages/layout.ts).
 */

/** The sections of the portal's navigation, by the key a page names itself with (`active`). */
export type PartnerSection = 'dashboard' | 'customers' | 'consent-request' | 'consent-link' | 'uploads' | 'batches' | 'settings';

const SECTIONS: { key: PartnerSection; href: string; label: string }[] = [
  { key: 'dashboard', href: '/partner', label: 'Dashboard' },
  { key: 'customers', href: '/partner/customers', label: 'Customers' },
  { key: 'consent-request', href: '/partner/consent-requests/new', label: 'Request consent' },
  { key: 'consent-link', href: '/partner/consent-link', label: 'Consent link' },
  { key: 'uploads', href: '/partner/uploads/new', label: 'Upload devices' },
  { key: 'batches', href: '/partner/batches', label: 'Batches' },
  { key: 'settings', href: '/partner/settings', label: 'Settings' },
];

/** Who a portal page is shown to: what the frame needs of the signed-in person. */
export interface PartnerFrameViewer {
  email: string;
  role: PartnerRole;
  csrf: string;
  partner: Pick<Partner, 'name' | 'kind'>;
}

/** The portal's navigation: every section a person may open (Settings for admins only), the current one marked. */
export function partnerNav(person: Pick<PartnerFrameViewer, 'role'>, active?: PartnerSection): SafeHtml {
  const items = SECTIONS.filter((s) => s.key !== 'settings' || partnerRoleAllows(person.role, 'manage'));
  return html`<nav class="portal" aria-label="Partner portal"><ul>${items.map((s) =>
    s.key === active ? html`<li><a href="${s.href}" aria-current="page">${s.label}</a></li>` : html`<li><a href="${s.href}">${s.label}</a></li>`,
  )}</ul></nav>`;
}

export interface PartnerLayoutInput {
  title: string;
  person: PartnerFrameViewer;
  active?: PartnerSection;
  body: SafeHtml;
  status?: number;
  cookies?: string[];
}

/**
 * A page of the partner portal (R32): the partner's name and the person's role in the header, the
 * navigation, the sign-out form (its own route, `/partner/signout`), then the body. The headers
 * (CSP, no framing, no referrer, no-store) are every page's.
 */
export function partnerLayout({ title, person, active, body, status, cookies }: PartnerLayoutInput): HttpResult {
  return page(title, html`<p class="muted">${person.partner.name} · ${PARTNER_KIND_LABELS[person.partner.kind]} · signed in as ${roleName(person.role)}</p>${body}`, {
    status,
    cookies,
    signedIn: { email: person.email, csrf: person.csrf },
    site: { home: '/partner', signOut: '/partner/signout', name: 'device-consent partner portal' },
    nav: partnerNav(person, active),
  });
}

/** A page of the portal before sign-in (its sign-in pages): no navigation, the brand leads to the sign-in. */
export function partnerPublicPage(title: string, body: SafeHtml, options: { status?: number; cookies?: string[] } = {}): HttpResult {
  return page(title, body, { ...options, site: { home: '/partner/signin', signOut: '/partner/signout', name: 'device-consent partner portal' } });
}

const roleName = (role: PartnerRole) => role.charAt(0).toUpperCase() + role.slice(1);

/** The 403 page of a person whose role may not do what they asked (R32). */
export const roleRefused = (role: PartnerRole) =>
  html`<h1>Your role can't do this</h1><p class="notice error" role="alert">You are signed in as ${roleName(role)}. ${PARTNER_ROLE_LABELS[role]}.</p><p>Ask an admin of your organization in this portal to change your role.</p><p><a href="/partner">Go to the dashboard</a></p>`;

// Sign-in.

export function partnerSignInForm(options: { next?: string; error?: string; signedOut?: boolean; organizationAvailable: boolean }): SafeHtml {
  const oidcHref = `/partner/signin/oidc${options.next ? `?next=${encodeURIComponent(options.next)}` : ''}`;
  return html`<h1>Sign in to the partner portal</h1>
${options.signedOut ? html`<p class="notice success" role="status" id="signed-out">You are signed out of the partner portal.</p>` : ''}
${options.error ? html`<p class="notice error" role="alert">${options.error}</p>` : ''}
${options.organizationAvailable
  ? html`<h2>With your organization</h2><p>Use your work account's own sign-in, if your organization has set it up with us.</p><div class="actions"><a class="button secondary" href="${oidcHref}">Sign in with your organization</a></div>`
  : ''}
${emailLinkSignInForm('/partner/signin', options.next)}`;
}

/** The same answer whether or not the address is a partner's person (or past its limit). */
export const partnerSignInSent = () =>
  html`<h1>Check your email</h1><p class="notice" role="status">If this address belongs to a person of a partner, we have sent it a sign-in link. The link works once, for 15 minutes.</p><p><a href="/partner/signin">Back to sign-in</a></p>`;

/** The page the emailed link opens: it signs nobody in (a mail scanner opening it uses nothing); its button does. */
export const continuePartnerSignIn = (token: string, email: string, partnerName: string) =>
  html`<h1>Sign in</h1><p>Continue to sign in to <strong>${partnerName}</strong> as <strong>${email}</strong>.</p>
<form method="post" action="/partner/signin/verify"><input type="hidden" name="token" value="${token}">
<div class="actions"><button type="submit">Sign in</button></div></form>`;

export const partnerLinkUnusable = () =>
  html`<h1>This sign-in link can't be used</h1><p>The link has expired or has already been used. <a href="/partner/signin">Sign in again</a> to continue.</p>`;

export const partnerOrganizationRefused = (reason: string) =>
  html`<h1>Your organization did not sign you in here</h1><p class="notice error" role="alert">${reason}</p><p><a href="/partner/signin">Back to sign-in</a></p>`;

// People (settings).

/** Settings sections are composed by the settings page; each is a view of its own (people here, others beside it). */
export interface PeopleSectionInput {
  people: PartnerPersonRecord[];
  self: { userId: string };
  csrf: string;
  /** What the last form said: a notice, or what was wrong. */
  notice?: string;
  error?: string;
  /** The invitation form's values after a refusal. */
  posted?: { email?: string; displayName?: string; role?: string };
}

const roleOptions = (selected: string | undefined) =>
  PARTNER_ROLES.map((role) => (role === selected ? html`<option value="${role}" selected>${roleName(role)}</option>` : html`<option value="${role}">${roleName(role)}</option>`));

/** Settings → people (R32): the partner's people, their roles, and the forms to invite, change a role and remove. */
export function peopleSection({ people, self, csrf, notice, error, posted }: PeopleSectionInput): SafeHtml {
  const sorted = [...people].sort((a, b) => a.email.localeCompare(b.email));
  return html`<section id="people" aria-labelledby="people-title">
<h2 id="people-title">People</h2>
${notice ? html`<p class="notice success" role="status">${notice}</p>` : ''}
${error ? html`<p class="notice error" role="alert" id="people-error">${error}</p>` : ''}
<table>
<caption class="muted">${sorted.length} ${sorted.length === 1 ? 'person' : 'people'}. ${PARTNER_ROLES.map((r) => html`<span class="nowrap">${PARTNER_ROLE_LABELS[r]}.</span> `)}</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Actions</th></tr></thead>
<tbody>
${sorted.map((p) => html`<tr>
<td data-label="Name">${p.displayName}${p.userId === self.userId ? ' (you)' : ''}</td>
<td data-label="Email">${p.email}</td>
<td data-label="Role">${roleName(p.role)}</td>
<td data-label="Actions">
<form class="inline" method="post" action="/partner/settings/people/${p.userId}/role">
<input type="hidden" name="csrf" value="${csrf}">
<label for="role-${p.userId}">Role of ${p.email}</label>
<select id="role-${p.userId}" name="role">${roleOptions(p.role)}</select>
<button type="submit" class="secondary">Change role</button>
</form>
<form class="inline" method="post" action="/partner/settings/people/${p.userId}/remove">
<input type="hidden" name="csrf" value="${csrf}">
<button type="submit" class="danger" aria-label="Remove ${p.email}">Remove</button>
</form>
</td>
</tr>`)}
</tbody>
</table>
<h3>Invite a person</h3>
<p>They get an email with a sign-in link.</p>
<form method="post" action="/partner/settings/people">
<input type="hidden" name="csrf" value="${csrf}">
<label for="invite-email">Email</label>
<input type="email" id="invite-email" name="email" autocomplete="off" required value="${posted?.email ?? ''}">
<label for="invite-name">Display name</label>
<input type="text" id="invite-name" name="displayName" required maxlength="200" value="${posted?.displayName ?? ''}">
<label for="invite-role">Role</label>
<select id="invite-role" name="role">${roleOptions(posted?.role ?? 'submitter')}</select>
<div class="actions"><button type="submit">Invite</button></div>
</form>
</section>`;
}

/** The settings page: its sections (people, then what other sections the portal adds), in order. */
export function settingsPage(sections: SafeHtml[]): SafeHtml {
  return html`<h1>Settings</h1>${sections}`;
}

/** An error page of the portal (the chain's refusals): what is wrong, and the way back. */
export const partnerErrorPage = (title: string, detail: string) => html`<h1>${title}</h1><p>${detail}</p><p><a href="/partner">Go to the partner portal</a></p>`;
