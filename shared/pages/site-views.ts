import { delegatedAdminState } from '#shared/domain/consent.ts';
import { roleDisplayName } from '#shared/domain/directory.ts';
import { PARTNER_KIND_LABELS, type Partner } from '#shared/domain/partner.ts';
import { customerMayRemoveRoles, customerMayTerminate, type Relationship } from '#shared/domain/relationship.ts';
import type { RemovalRequest } from '#shared/table/removal-requests.ts';
import { html, type SafeHtml } from '#shared/util/html.ts';
import { organizationSignInLink } from './identity-views.ts';

export function signInForm(options: { next?: string; error?: string; signedOut?: 'email' | 'organization' }): SafeHtml {
  return html`<h1>Sign in</h1>
${options.signedOut
  ? html`<p class="notice success" role="status" id="signed-out">You are signed out of device-consent.${options.signedOut === 'organization'
    ? " You signed in with your organization's account: that sign-in belongs to your organization's identity provider and stays open there until you sign out of it (do, on a shared computer)."
    : ''}</p>`
  : ''}
${options.error ? html`<p class="notice error" role="alert">${options.error}</p>` : ''}
<h2>With your organization</h2>
<p>Use your work account's own sign-in (for example Microsoft Entra ID).</p>
<div class="actions">${organizationSignInLink(options.next)}</div>
<h2>With an emailed link</h2>
<p>Enter your work email. We will email you a link that signs you in once.</p>
<form method="post" action="/signin">
<label for="email">Work email</label>
<input type="email" id="email" name="email" autocomplete="email" required>
${options.next ? html`<input type="hidden" name="next" value="${options.next}">` : ''}
<div class="actions"><button type="submit">Email me a sign-in link</button></div>
</form>`;
}

/** The same answer whether or not the address is known: nothing tells who has an account. */
export const signInSent = () =>
  html`<h1>Check your email</h1><p class="notice" role="status">If this address belongs to an account, we have sent it a sign-in link. The link works once, for 15 minutes.</p>`;

export const continueSignIn = (token: string, email: string) =>
  html`<h1>Sign in</h1><p>Continue to sign in as <strong>${email}</strong>.</p>
<form method="post" action="/signin/verify"><input type="hidden" name="token" value="${token}">
<div class="actions"><button type="submit">Sign in</button></div></form>`;

export const linkUnusable = () =>
  html`<h1>This sign-in link can't be used</h1><p>The link has expired or has already been used. <a href="/signin">Sign in again</a> to continue.</p>`;

export const noAccount = () =>
  html`<h1>No account for this address</h1><p>The address this request was sent to has no account in your organization's directory. Ask a global administrator of your organization to review the request.</p>`;

export const errorPage = (title: string, detail: string) => html`<h1>${title}</h1><p>${detail}</p><p><a href="/portal">Go to your partners</a></p>`;

const date = (iso: string | undefined) => (iso ? iso.slice(0, 10) : '');

export interface PortalRow {
  relationship: Relationship;
  partner: Partner;
  removal?: RemovalRequest;
}

/** R10-R12: a global admin's partners, and what they may do about each. */
export function portalPage(rows: PortalRow[], options: { csrf: string; now: string; flash?: string; tenantName: string }): SafeHtml {
  const { csrf, now } = options;
  return html`<h1>Partners of ${options.tenantName}</h1>
${options.flash ? html`<p class="notice success" role="status">${options.flash}</p>` : ''}
${rows.length === 0
  ? html`<p>No partner is authorized for your organization.</p>`
  : html`<table>
<caption class="muted">Partners that may register devices for your organization</caption>
<thead><tr><th scope="col">Partner</th><th scope="col">Status</th><th scope="col">Admin roles</th><th scope="col">Actions</th></tr></thead>
<tbody>
${rows.map(({ relationship: r, partner: p, removal }) => {
  const dap = r.delegatedAdmin;
  const dapState = dap ? delegatedAdminState(dap, now) : undefined;
  return html`<tr id="partner-${p.id}">
<td><strong>${p.name}</strong><br><span class="muted">${PARTNER_KIND_LABELS[p.kind]}</span></td>
<td>${r.status}${r.status === 'active' ? html`<br><span class="muted nowrap">since ${date(r.grantedAt)}</span>` : ''}</td>
<td>${dap
    ? html`${dap.roles.map(roleDisplayName).join(', ')}<br><span class="muted nowrap">${dapState === 'active' ? `until ${date(dap.expiresAt)}` : dapState === 'removed' ? `removed ${date(dap.removedAt)}` : `expired ${date(dap.expiresAt)}`}</span>`
    : html`<span class="muted">none</span>`}</td>
<td>
${customerMayRemoveRoles(r, now)
  ? html`<form class="inline" method="post" action="/portal/relationships/${p.id}/remove-roles"><input type="hidden" name="csrf" value="${csrf}"><button type="submit" class="secondary">Remove admin roles</button></form>`
  : ''}
${customerMayTerminate(r)
  ? html`<form class="inline" method="post" action="/portal/relationships/${p.id}/terminate"><input type="hidden" name="csrf" value="${csrf}"><button type="submit" class="danger">End relationship</button></form>`
  : ''}
${r.status === 'active' && r.partnerKind === 'oem'
  ? removal?.status === 'open'
    ? html`<span class="muted">Removal requested on ${date(removal.createdAt)}; an operator will review it.</span>`
    : html`<details><summary>Request removal</summary>
<p class="muted">An OEM can only be removed by the service's operators. Tell them why, and they will review it.</p>
<form method="post" action="/portal/relationships/${p.id}/removal-request"><input type="hidden" name="csrf" value="${csrf}">
<label for="reason-${p.id}">Reason</label><textarea id="reason-${p.id}" name="reason" required maxlength="1000"></textarea>
<div class="actions"><button type="submit" class="secondary">Send removal request</button></div></form></details>`
  : ''}
</td></tr>`;
})}
</tbody></table>`}`;
}
