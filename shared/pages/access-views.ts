import type { AccessRow } from '#shared/customers/access.ts';
import { describeApprovalPolicy } from '#shared/domain/approval-policy.ts';
import { PARTNER_KIND_LABELS, type Partner } from '#shared/domain/partner.ts';
import { html, type SafeHtml } from '#shared/util/html.ts';
import { portalNav } from './customer-views.ts';

/** R30's pages: everyone with access to the tenant, and the confirmation of "end every CSP relationship". */

const date = (iso: string | undefined) => (iso ? iso.slice(0, 10) : '');
const dateTime = (iso: string | undefined) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '');

const SIGNED_IN_WITH = { email: 'signed in with an emailed link', organization: "signed in with the organization's identity provider" } as const;

const partnerCell = (r: AccessRow) =>
  html`<strong>${r.partner.name}</strong><br><span class="muted">${PARTNER_KIND_LABELS[r.partner.kind]}${r.via ? html`, through ${r.via.resellerName}` : ''}${r.provider ? html`, provider ${r.provider.name}` : ''}</span>`;

const acceptedCell = (r: AccessRow) =>
  html`${r.acceptedBy.email}<br><span class="muted">${r.acceptedBy.signedInWith ? SIGNED_IN_WITH[r.acceptedBy.signedInWith] : 'sign-in not recorded'}${r.via ? html`, for ${r.via.resellerName}` : ''}</span>`;

/** The roles as the customer view states them: their status (R13, R31) and the date that goes with it. */
function rolesCell(r: AccessRow): SafeHtml {
  const dap = r.delegatedAdmin;
  if (!dap) return html`<span class="muted">none</span>`;
  const when = dap.removedAt ? `removed ${date(dap.removedAt)}` : dap.status === 'expired' ? `expired ${date(dap.expiresAt)}` : `until ${date(dap.expiresAt)}`;
  return html`${dap.roles.map((role) => role.displayName).join(', ')}<br><span class="muted nowrap">${dap.status}, ${when}</span>`;
}

/**
 * R28: how the tenant approves the partner's devices, with the link to change it on the partner's
 * own row; a provider's row shows its reseller's policy, which it follows, changed on the reseller's.
 */
const policyCell = (r: AccessRow) =>
  html`${describeApprovalPolicy(r.approvalPolicy)}${r.via
    ? html`<br><span class="muted">${r.via.resellerName}'s policy</span>`
    : html`<br><a href="/portal/relationships/${r.partner.id}/approval-policy">Change</a>`}`;

/** What the page says after "end every CSP relationship" (`?ended=&notEnded=`). */
export interface EndAllNotice {
  ended: number;
  notEnded: number;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function endAllNotice(notice: EndAllNotice): SafeHtml {
  const ended = notice.ended === 0 ? 'No CSP relationship was ended.' : `${plural(notice.ended, 'CSP relationship was', 'CSP relationships were')} ended.`;
  return notice.notEnded > 0
    ? html`<p class="notice error" role="alert" id="end-all-result">${ended} ${plural(notice.notEnded, 'relationship', 'relationships')} could not be ended and ${notice.notEnded === 1 ? 'is' : 'are'} listed below if still active: try again.</p>`
    : html`<p class="notice success" role="status" id="end-all-result">${ended} OEMs keep their access: only the service's operators can remove an OEM.</p>`;
}

/**
 * R30: `GET /portal/access`, a page of everyone with access (partner, through which reseller,
 * since when, who accepted and how they had signed in, admin roles, approval policy (R28), devices
 * registered, last activity), and the way to "end every CSP relationship".
 */
export function accessPage(input: { tenantName: string; rows: AccessRow[]; nextCursor: string | null; notice?: EndAllNotice }): SafeHtml {
  return html`${portalNav('access')}
<h1>Everyone with access to ${input.tenantName}</h1>
${input.notice ? endAllNotice(input.notice) : ''}
${input.rows.length === 0
  ? html`<p id="no-access">No partner has access to your organization.</p>`
  : html`<table id="access">
<caption class="muted">Partners that may register devices for your organization now</caption>
<thead><tr><th scope="col">Partner</th><th scope="col">Since</th><th scope="col">Accepted by</th><th scope="col">Admin roles</th><th scope="col">Approval</th><th scope="col">Devices registered</th><th scope="col">Last activity</th></tr></thead>
<tbody>
${input.rows.map(
  (r) => html`<tr id="access-${r.partner.id}${r.via ? `-via-${r.via.resellerId}` : ''}">
<td data-label="Partner">${partnerCell(r)}</td>
<td class="nowrap" data-label="Since">${date(r.since)}</td>
<td data-label="Accepted by">${acceptedCell(r)}</td>
<td data-label="Admin roles">${rolesCell(r)}</td>
<td data-label="Approval" class="approval">${policyCell(r)}</td>
<td data-label="Devices registered" class="devices">${String(r.devicesRegistered)}</td>
<td class="nowrap" data-label="Last activity">${r.lastActivityAt ? dateTime(r.lastActivityAt) : html`<span class="muted">none yet</span>`}</td>
</tr>`,
)}
</tbody></table>`}
${input.nextCursor ? html`<p><a href="/portal/access?cursor=${encodeURIComponent(input.nextCursor)}" id="next-page">Next page</a></p>` : ''}
<h2>End every CSP relationship</h2>
<p>Ends the relationship of every Direct CSP and Indirect CSP Reseller with your organization at once (their providers lose their access through them). OEMs keep theirs: only the service's operators can remove an OEM.</p>
<div class="actions"><a class="button danger" id="end-all" href="/portal/access/end-all">End every CSP relationship</a></div>`;
}

/** One relationship "end every CSP relationship" would end: its partner and, for a reseller, its provider. */
export interface EndAllTarget {
  partner: Pick<Partner, 'id' | 'name' | 'kind'>;
  provider?: Pick<Partner, 'id' | 'name'>;
}

/** R30, R11, R12: before every CSP relationship ends, what will happen. */
export function endAllConfirmation(input: { tenantName: string; csps: EndAllTarget[]; oems: Pick<Partner, 'id' | 'name'>[]; csrf: string; error?: string }): SafeHtml {
  const { tenantName, csps, oems } = input;
  return html`<h1>End every CSP relationship of ${tenantName}?</h1>
${input.error ? html`<p class="notice error" role="alert" id="confirm-error">${input.error}</p>` : ''}
${csps.length === 0
  ? html`<p id="no-csp">No CSP has an active relationship with ${tenantName}: there is nothing to end.</p><p><a href="/portal/access">Back to everyone with access</a></p>`
  : html`<p>These relationships end, each at once, as if you ended them one by one:</p>
<ul id="ending">${csps.map((t) => html`<li>${t.partner.name} (${PARTNER_KIND_LABELS[t.partner.kind]})${t.provider ? html`, and the access of its provider ${t.provider.name} through it` : ''}</li>`)}</ul>
<ul id="consequences">
<li>They can no longer register or deregister devices for ${tenantName}, from this moment; their admin roles end with them.</li>
<li>Each is told by its webhook. To work with ${tenantName} again, each must ask for your consent again.</li>
<li>Devices they registered stay registered; you can release them in <a href="/portal/devices">your devices</a>.</li>
${oems.length ? html`<li>The OEMs (${oems.map((o) => o.name).join(', ')}) keep their access: only the service's operators can remove an OEM; ask for a removal on <a href="/portal">your partners</a>.</li>` : ''}
</ul>
<form id="confirm-form" method="post" action="/portal/access/end-all">
<input type="hidden" name="csrf" value="${input.csrf}"><input type="hidden" name="confirm" value="end-all">
<div class="actions"><button type="submit" class="danger">End ${plural(csps.length, 'CSP relationship', 'CSP relationships')}</button><a class="button secondary" href="/portal/access">Cancel</a></div>
</form>`}`;
}
