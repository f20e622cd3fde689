import { approvalPolicyOf, describeApprovalPolicy, MAX_APPROVAL_THRESHOLD, type ApprovalPolicyFormInput } from '#shared/domain/approval-policy.ts';
import { delegatedAdminState, type GrantedDelegatedAdmin } from '#shared/domain/consent.ts';
import type { FieldError } from '#shared/domain/errors.ts';
import { roleDisplayName } from '#shared/domain/directory.ts';
import { PARTNER_KIND_LABELS, type Partner } from '#shared/domain/partner.ts';
import { customerMayRemoveRoles, customerMayTerminate, customerMayTurnOffAutoExtend, type Relationship } from '#shared/domain/relationship.ts';
import type { RemovalRequest } from '#shared/table/removal-requests.ts';
import { html, type SafeHtml } from '#shared/util/html.ts';
import { portalNav } from './customer-views.ts';
import { organizationSignInLink } from './identity-views.ts';
import { emailLinkSignInForm } from './layout.ts';

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
${emailLinkSignInForm('/signin', options.next)}`;
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

/**
 * R31: delegated admin roles' status as every page says it, from the one status
 * (`delegatedAdminState`): "until 2027-05-23", "expiring 2027-05-23", "extended until ...",
 * "expired ...", "removed ...", and whether they are extended automatically.
 */
export function delegatedAdminLabel(dap: GrantedDelegatedAdmin, now: string): string {
  const state = delegatedAdminState(dap, now);
  const label =
    state === 'removed' ? `removed ${date(dap.removedAt)}`
    : state === 'expired' ? `expired ${date(dap.expiresAt)}`
    : state === 'expiring' ? `expiring ${date(dap.expiresAt)}`
    : state === 'extended' ? `extended until ${date(dap.expiresAt)}`
    : `until ${date(dap.expiresAt)}`;
  return state !== 'removed' && state !== 'expired' && dap.autoExtend ? `${label}, extended automatically` : label;
}

export interface PortalRow {
  relationship: Relationship;
  partner: Partner;
  removal?: RemovalRequest;
}

/** R10-R12: a global admin's partners, and what they may do about each. */
export function portalPage(rows: PortalRow[], options: { csrf: string; now: string; flash?: string; tenantName: string }): SafeHtml {
  const { csrf, now } = options;
  return html`${portalNav('partners')}
<h1>Partners of ${options.tenantName}</h1>
${options.flash ? html`<p class="notice success" role="status">${options.flash}</p>` : ''}
${rows.length === 0
  ? html`<p>No partner is authorized for your organization.</p>`
  : html`<table>
<caption class="muted">Partners that may register devices for your organization</caption>
<thead><tr><th scope="col">Partner</th><th scope="col">Status</th><th scope="col">Admin roles</th><th scope="col">Approval</th><th scope="col">Actions</th></tr></thead>
<tbody>
${rows.map(({ relationship: r, partner: p, removal }) => {
  const dap = r.delegatedAdmin;
  return html`<tr id="partner-${p.id}">
<td data-label="Partner"><strong>${p.name}</strong><br><span class="muted">${PARTNER_KIND_LABELS[p.kind]}</span></td>
<td data-label="Status">${r.status}${r.status === 'active' ? html`<br><span class="muted nowrap">since ${date(r.grantedAt)}</span>` : ''}</td>
<td data-label="Admin roles">${dap
    ? html`${dap.roles.map(roleDisplayName).join(', ')}<br><span class="muted" id="roles-status-${p.id}" data-status="${delegatedAdminState(dap, now)}">${delegatedAdminLabel(dap, now)}</span>`
    : html`<span class="muted">none</span>`}</td>
<td data-label="Approval" id="approval-${p.id}">${describeApprovalPolicy(approvalPolicyOf(r))}${r.status === 'active'
    ? html`<br><a id="approval-policy-${p.id}" href="/portal/relationships/${p.id}/approval-policy" aria-label="Change approval policy of ${p.name}">Change approval policy</a>`
    : ''}</td>
<td data-label="Actions">
${customerMayRemoveRoles(r, now)
  ? html`<a class="button secondary" id="remove-roles-${p.id}" href="/portal/relationships/${p.id}/remove-roles">Remove admin roles</a>`
  : ''}
${customerMayTurnOffAutoExtend(r, now)
  ? html`<form method="post" action="/portal/relationships/${p.id}/auto-extend" id="auto-extend-${p.id}"><input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="autoExtend" value="off">
<button type="submit" class="secondary">Stop extending admin roles</button></form>`
  : ''}
${customerMayTerminate(r)
  ? html`<a class="button danger" id="terminate-${p.id}" href="/portal/relationships/${p.id}/terminate">End relationship</a>`
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

/** What a confirmation page is about: the relationship, its partner and, for a reseller, its provider (R7). */
export interface ConfirmationSubject {
  relationship: Relationship;
  partner: Partner;
  provider?: Partner;
  tenantName: string;
  csrf: string;
  /** Shown when a post came without the confirmation: nothing was changed. */
  error?: string;
}

const confirmationForm = (action: string, confirm: string, csrf: string, label: string, kind: 'danger' | 'secondary') =>
  html`<form id="confirm-form" method="post" action="${action}">
<input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="confirm" value="${confirm}">
<div class="actions"><button type="submit" class="${kind}">${label}</button><a class="button secondary" href="/portal">Cancel</a></div>
</form>`;

/** R11: before a CSP relationship ends, what will happen. */
export function terminateConfirmation({ relationship: r, partner: p, provider, tenantName, csrf, error }: ConfirmationSubject): SafeHtml {
  const dap = r.delegatedAdmin;
  return html`<h1>End the relationship with ${p.name}?</h1>
${error ? html`<p class="notice error" role="alert" id="confirm-error">${error}</p>` : ''}
<p>${p.name} (${PARTNER_KIND_LABELS[p.kind]}) has been authorized for ${tenantName} since ${date(r.grantedAt)}. If you end the relationship:</p>
<ul id="consequences">
<li>${p.name} can no longer register or deregister devices for ${tenantName}, from this moment.</li>
${provider ? html`<li>${provider.name}, the indirect provider of ${p.name}, loses its authorization through ${p.name} at the same moment.</li>` : ''}
${dap && !dap.removedAt ? html`<li>The admin roles it holds (${dap.roles.map(roleDisplayName).join(', ')}) end with it.</li>` : ''}
<li>Devices it already registered stay registered to ${tenantName}; you can release them in <a href="/portal/devices">your devices</a>.</li>
<li>${p.name} is told by its webhook. To work with ${tenantName} again, it must ask for your consent again.</li>
</ul>
${confirmationForm(`/portal/relationships/${p.id}/terminate`, 'terminate', csrf, `End the relationship with ${p.name}`, 'danger')}`;
}

/** R10: before delegated admin roles are removed, what will happen. */
export function removeRolesConfirmation({ relationship: r, partner: p, tenantName, csrf, error }: ConfirmationSubject): SafeHtml {
  const dap = r.delegatedAdmin!;
  return html`<h1>Remove the admin roles of ${p.name}?</h1>
${error ? html`<p class="notice error" role="alert" id="confirm-error">${error}</p>` : ''}
<p>${p.name} (${PARTNER_KIND_LABELS[p.kind]}) holds these admin roles in ${tenantName} until ${date(dap.expiresAt)}:</p>
<ul id="roles">${dap.roles.map((role) => html`<li>${roleDisplayName(role)}</li>`)}</ul>
<ul id="consequences">
<li>${p.name} loses these roles from this moment. To have admin roles again, it must ask for your consent again.</li>
<li>The relationship stays active: ${p.name} can still register and deregister devices for ${tenantName}.</li>
</ul>
${confirmationForm(`/portal/relationships/${p.id}/remove-roles`, 'remove-roles', csrf, `Remove the admin roles of ${p.name}`, 'danger')}`;
}

/** R28: the approval policy page of one relationship: what it is now, and the form that changes it. */
export interface ApprovalPolicySubject {
  relationship: Relationship;
  partner: Partner;
  /** For a reseller: its provider, which registers through this relationship and follows the same policy (R7, R8). */
  provider?: Partner;
  tenantName: string;
  csrf: string;
  /** What was posted, shown again with `problems` (nothing was changed). */
  posted?: ApprovalPolicyFormInput;
  problems?: FieldError[];
}

const MODE_CHOICES = [
  { mode: 'automatic', label: 'Automatically: its devices are registered as they come' },
  { mode: 'each_batch', label: 'Each batch waits for my approval (a registration outside a batch is refused)' },
  { mode: 'above', label: 'Batches of more than a number of devices wait for my approval (a larger registration outside a batch is refused)' },
] as const;

export function approvalPolicyPage({ relationship: r, partner: p, provider, tenantName, csrf, posted, problems = [] }: ApprovalPolicySubject): SafeHtml {
  const current = approvalPolicyOf(r);
  const values: ApprovalPolicyFormInput = posted ?? {
    mode: current.mode,
    threshold: current.mode === 'above' ? String(current.threshold) : '',
    defaultGroupTag: current.defaultGroupTag ?? '',
  };
  const problemOf = (path: string) => problems.find((e) => e.path === path);
  const fieldError = (path: string) => {
    const problem = problemOf(path);
    return problem ? html`<p class="notice error" id="${path}-error">${problem.message}</p>` : '';
  };
  const invalid = (path: string) => (problemOf(path) ? html` aria-invalid="true" aria-describedby="${path}-error"` : '');
  return html`${problems.length
  ? html`<div class="notice error" role="alert" id="policy-errors"><p>Nothing was changed. Correct what is below and save again:</p><ul>${problems.map((e) => html`<li><a href="#${e.path === 'mode' ? 'mode-automatic' : e.path}">${e.message}</a></li>`)}</ul></div>`
  : ''}
<h1>Approval policy for ${p.name}</h1>
<p>${p.name} (${PARTNER_KIND_LABELS[p.kind]}) may register devices for ${tenantName}. Choose how its devices are approved.</p>
<p id="current-policy"><strong>Now:</strong> ${describeApprovalPolicy(current)}.</p>
${provider ? html`<p id="provider-note">${provider.name}, the indirect provider of ${p.name}, registers devices through this relationship: the same policy and default group tag apply to its devices.</p>` : ''}
<form id="approval-policy-form" method="post" action="/portal/relationships/${p.id}/approval-policy">
<input type="hidden" name="csrf" value="${csrf}">
<fieldset${problemOf('mode') ? html` aria-describedby="mode-error"` : ''}><legend>How are devices from ${p.name} approved?</legend>
${fieldError('mode')}
${MODE_CHOICES.map(({ mode, label }) => html`<label class="check" for="mode-${mode}"><input type="radio" id="mode-${mode}" name="mode" value="${mode}"${values.mode === mode ? ' checked' : ''}> ${label}</label>`)}
<label for="threshold">Number of devices (with "more than a number")</label>
${fieldError('threshold')}
<input type="number" id="threshold" name="threshold" min="1" max="${String(MAX_APPROVAL_THRESHOLD)}" step="1" inputmode="numeric" value="${values.threshold ?? ''}"${invalid('threshold')}>
</fieldset>
<label for="defaultGroupTag">Default group tag (optional)</label>
${fieldError('defaultGroupTag')}
<input type="text" id="defaultGroupTag" name="defaultGroupTag" maxlength="128" value="${values.defaultGroupTag ?? ''}"${invalid('defaultGroupTag')}>
<p class="muted">Given to devices from ${p.name} that are registered without a group tag. Leave empty for none.</p>
<div class="actions"><button type="submit">Save the approval policy</button><a class="button secondary" href="/portal">Cancel</a></div>
</form>`;
}
