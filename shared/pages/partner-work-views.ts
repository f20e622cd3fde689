import type { Delivery } from '#shared/table/outbox.ts';
import type { BatchView as UploadBatchView } from './partner-upload-views.ts';
import { DELEGATED_ADMIN_ROLES, roleDisplayName } from '#shared/domain/directory.ts';
import { PARTNER_KIND_LABELS, type PartnerKind } from '#shared/domain/partner.ts';
import type { Customer } from '#shared/domain/relationship.ts';
import { WEBHOOK_EVENTS, type WebhookEvent } from '#shared/domain/webhooks.ts';
import { html, type SafeHtml } from '#shared/util/html.ts';

/*
 * The partner portal's working pages (API.md "Partner portal", R32), as pure views: the dashboard,
 * the customers, the consent request form and a request's page, the consent link, and the
 * settings sections for API keys and the webhook. The frame (header, navigation, role) is
 * `partnerLayout` (./partner-views.ts); the page use cases are ./partner-work.ts and
 * ./partner-integrations.ts. Everything printed is escaped by `html`.
 */

const date = (iso: string | undefined) => (iso ? iso.slice(0, 10) : '');
const dateTime = (iso: string | undefined) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '');

/** A consent request as the API answers it (`toApiConsentRequest`): what its page and the lists show. */
export interface ConsentRequestView {
  id: string;
  status: string;
  recipientEmail: string;
  tenantDomain?: string;
  tenantId?: string;
  delegatedAdmin?: { roles: { name: string; displayName: string }[]; durationDays: number; autoExtend: boolean };
  message?: string;
  consentUrl: string;
  createdAt: string;
  expiresAt: string;
  acceptedAt?: string;
  declinedAt?: string;
  cancelledAt?: string;
  email: { status: string; attempts: number; lastAttemptAt?: string; suppressed?: string };
}

/** A batch as the API answers it (`toApiBatch`): the dashboard's recent batches (the upload pages' view, without its later fields). */
export type BatchView = Pick<UploadBatchView, 'id' | 'tenantId' | 'action' | 'status' | 'summary' | 'createdAt'>;

/** A webhook delivery as the API lists it (the stored delivery without its partner). */
export type DeliveryView = Omit<Delivery, 'partnerId'>;

const STATUS_WORDS: Record<string, string> = {
  pending: 'Pending: waiting for the customer',
  accepted: 'Accepted',
  declined: 'Declined',
  expired: 'Expired',
  cancelled: 'Cancelled',
};

const EMAIL_WORDS: Record<string, string> = { queued: 'Queued: on its way', sent: 'Sent', failed: 'Failed: not delivered' };

const rolesText = (roles: { displayName: string }[]) => roles.map((r) => r.displayName).join(', ');

/** The status of a customer's delegated admin roles, in words (R31). */
function delegatedAdminCell(customer: Customer): SafeHtml {
  const dap = customer.relationship.delegatedAdmin;
  if (customer.relationship.via) return html`<span class="muted">none through a reseller</span>`;
  if (!dap) return html`<span class="muted">none (DAP-free)</span>`;
  return html`${rolesText(dap.roles)}<br><span class="muted">${dap.status}${dap.removedAt ? html`, removed ${date(dap.removedAt)}` : html`, until ${date(dap.expiresAt)}`}${dap.autoExtend ? ', auto-extends' : ''}</span>`;
}

/** The customers table (R8: a provider's rows name the reseller they come through). */
function customersTable(customers: Customer[], id: string): SafeHtml {
  if (customers.length === 0) return html`<p id="${id}-none">No customer has consented yet. <a href="/partner/consent-requests/new">Request consent</a> or share your <a href="/partner/consent-link">consent link</a>.</p>`;
  return html`<table id="${id}">
<thead><tr><th scope="col">Customer</th><th scope="col">Consent</th><th scope="col">Delegated admin roles</th></tr></thead>
<tbody>
${customers.map(
  (c) => html`<tr id="customer-${c.tenantId}">
<td data-label="Customer">${c.name}<br><span class="muted">${c.domains.join(', ')}</span></td>
<td data-label="Consent">${c.relationship.status} since ${date(c.relationship.grantedAt)}${c.relationship.via ? html`<br><span class="muted">through reseller ${c.relationship.via.resellerId}</span>` : ''}</td>
<td data-label="Delegated admin roles">${delegatedAdminCell(c)}</td>
</tr>`,
)}
</tbody>
</table>`;
}

/** `GET /partner/customers`: every tenant the partner is authorized for now, with status, roles and expiry (R8 for providers). */
export function customersPage(input: { kind: PartnerKind; customers: Customer[]; nextCursor: string | null }): SafeHtml {
  return html`<h1>Customers</h1>
${input.kind === 'indirect-provider'
  ? html`<p class="notice" id="provider-note">As an indirect provider you are authorized for a customer while one of your resellers is (R8): each row names the reseller.</p>`
  : ''}
${customersTable(input.customers, 'customers')}
${input.nextCursor ? html`<p><a href="/partner/customers?cursor=${encodeURIComponent(input.nextCursor)}">More customers</a></p>` : ''}`;
}

/** One line of the pending requests list. */
const requestLine = (r: ConsentRequestView) =>
  html`<li><a href="/partner/consent-requests/${r.id}">${r.recipientEmail}</a>${r.tenantDomain ? html` <span class="muted">(${r.tenantDomain})</span>` : ''} <span class="muted">sent ${date(r.createdAt)}, email ${r.email.status}</span></li>`;

/** `GET /partner`: the dashboard (API.md): customers, pending requests, recent batches, failed deliveries. */
export function dashboardPage(input: {
  displayName: string;
  canSubmit: boolean;
  canManage: boolean;
  customers: Customer[];
  moreCustomers: boolean;
  pending: ConsentRequestView[];
  morePending: boolean;
  batches: BatchView[];
  failedDeliveries: DeliveryView[];
}): SafeHtml {
  return html`<h1>Dashboard</h1>
<p>Welcome, ${input.displayName}.</p>
${input.canSubmit
  ? html`<div class="actions"><a class="button" href="/partner/consent-requests/new">Request consent</a><a class="button secondary" href="/partner/uploads/new">Upload devices</a></div>`
  : ''}
<section aria-labelledby="customers-title">
<h2 id="customers-title">Customers</h2>
${customersTable(input.customers, 'dashboard-customers')}
${input.moreCustomers ? html`<p><a href="/partner/customers">All customers</a></p>` : ''}
</section>
<section aria-labelledby="pending-title">
<h2 id="pending-title">Pending consent requests</h2>
${input.pending.length === 0 ? html`<p id="no-pending">No request is waiting for a customer.</p>` : html`<ul id="pending">${input.pending.map(requestLine)}</ul>`}
${input.morePending ? html`<p class="muted">Only the newest are shown.</p>` : ''}
</section>
<section aria-labelledby="batches-title">
<h2 id="batches-title">Recent batches</h2>
${input.batches.length === 0
  ? html`<p id="no-batches">No device batch yet.</p>`
  : html`<ul id="recent-batches">${input.batches.map(
      (b) => html`<li><a href="/partner/batches/${b.id}">${b.action} ${b.summary.received} devices</a> <span class="muted">${b.status}, ${b.summary.succeeded} succeeded, ${b.summary.failed} failed, ${date(b.createdAt)}</span></li>`,
    )}</ul>`}
<p><a href="/partner/batches">All batches</a></p>
</section>
<section aria-labelledby="deliveries-title">
<h2 id="deliveries-title">Failed webhook deliveries</h2>
${input.failedDeliveries.length === 0
  ? html`<p id="no-failed-deliveries">No failed delivery among the latest.</p>`
  : html`<ul id="failed-deliveries">${input.failedDeliveries.map((d) => html`<li>${d.type} <span class="muted">${dateTime(d.createdAt)}, ${d.attempts} attempts${d.lastStatusCode ? html`, last answer ${d.lastStatusCode}` : ''}</span></li>`)}</ul>`}
${input.canManage ? html`<p><a href="/partner/settings#webhook">Webhook settings and redelivery</a></p>` : ''}
</section>`;
}

/** What the consent request form holds (as posted, to show it again after a refusal). */
export interface ConsentFormValues {
  recipientEmail?: string;
  tenantDomain?: string;
  delegatedAdmin?: string;
  roles?: string[];
  durationDays?: string;
  autoExtend?: string;
  message?: string;
}

/**
 * `GET /partner/consent-requests/new`: recipient, tenant domain, a message, and (not for an OEM,
 * R9) the delegated admin checkbox with its roles, duration and auto-extension, unticked by
 * default (R4: DAP-free). `once` is the form's one-time token, the request's idempotency key
 * (R20: the form posted twice makes one request).
 */
export function consentRequestForm(input: { kind: PartnerKind; csrf: string; once: string; values?: ConsentFormValues; errors?: string[] }): SafeHtml {
  const v = input.values ?? {};
  const checked = (on: boolean) => (on ? html` checked` : '');
  return html`<h1>Request consent</h1>
<p>We email the customer a link to a page where a global administrator of their organization reviews your request and answers it.</p>
${input.errors?.length
  ? html`<div class="notice error" role="alert" id="form-errors"><p>Nothing was sent:</p><ul>${input.errors.map((e) => html`<li>${e}</li>`)}</ul></div>`
  : ''}
<form method="post" action="/partner/consent-requests" id="consent-request-form">
<input type="hidden" name="csrf" value="${input.csrf}">
<input type="hidden" name="once" value="${input.once}">
<label for="recipientEmail">Recipient's email (a global administrator of the customer)</label>
<input type="email" id="recipientEmail" name="recipientEmail" required maxlength="254" autocomplete="off" value="${v.recipientEmail ?? ''}">
<label for="tenantDomain">The customer's domain (optional, such as contoso.onmicrosoft.com)</label>
<input type="text" id="tenantDomain" name="tenantDomain" maxlength="253" value="${v.tenantDomain ?? ''}">
${input.kind === 'oem'
  ? html`<p class="muted" id="oem-no-roles">An OEM consent never carries delegated admin roles (R9).</p>`
  : html`<fieldset id="delegated-admin"><legend>Delegated admin roles (optional)</legend>
<p class="muted">Without them the customer consents to device registration only (DAP-free, the default).</p>
<label class="check" for="delegatedAdmin"><input type="checkbox" id="delegatedAdmin" name="delegatedAdmin" value="yes"${checked(v.delegatedAdmin === 'yes')}> Also ask for delegated admin roles</label>
<fieldset><legend>Roles</legend>
${DELEGATED_ADMIN_ROLES.map((role) => html`<label class="check" for="role-${role}"><input type="checkbox" id="role-${role}" name="roles" value="${role}"${checked(v.roles?.includes(role) ?? false)}> ${roleDisplayName(role)}</label>`)}
</fieldset>
<label for="durationDays">For how many days (1 to 730)</label>
<input type="number" id="durationDays" name="durationDays" min="1" max="730" value="${v.durationDays ?? '90'}">
<label class="check" for="autoExtend"><input type="checkbox" id="autoExtend" name="autoExtend" value="yes"${checked(v.autoExtend === 'yes')}> Extend automatically by 180 days at each end, until the customer turns it off</label>
</fieldset>`}
<label for="message">A message to the customer (optional)</label>
<textarea id="message" name="message" maxlength="1000">${v.message ?? ''}</textarea>
<div class="actions"><button type="submit">Send the request</button></div>
</form>`;
}

/** A partner that may not request consent at all (R8: a provider; R9: an OEM not eligible): why, and what to do. */
export function consentRefusedPage(title: string, reason: string): SafeHtml {
  return html`<h1>${title}</h1><p class="notice error" role="alert" id="refused">${reason}</p><p><a href="/partner">Back to the dashboard</a></p>`;
}

/** `GET /partner/consent-requests/{requestId}`: the request, its status, and the email it sent. */
export function consentRequestPage(r: ConsentRequestView, options: { justSent?: boolean } = {}): SafeHtml {
  return html`<h1>Consent request</h1>
${options.justSent ? html`<p class="notice success" role="status" id="sent">The request is made; its email is on its way to ${r.recipientEmail}.</p>` : ''}
<dl id="consent-request">
<dt>Status</dt><dd id="request-status">${STATUS_WORDS[r.status] ?? r.status}</dd>
<dt>Recipient</dt><dd>${r.recipientEmail}</dd>
${r.tenantDomain ? html`<dt>Customer's domain</dt><dd>${r.tenantDomain}</dd>` : ''}
<dt>Delegated admin roles</dt><dd>${r.delegatedAdmin ? html`${rolesText(r.delegatedAdmin.roles)} for ${r.delegatedAdmin.durationDays} days${r.delegatedAdmin.autoExtend ? ', extended automatically' : ''}` : 'none (DAP-free)'}</dd>
${r.message ? html`<dt>Message</dt><dd>${r.message}</dd>` : ''}
<dt>Email</dt><dd id="email-status">${EMAIL_WORDS[r.email.status] ?? r.email.status}${r.email.attempts ? html` <span class="muted">(${r.email.attempts} ${r.email.attempts === 1 ? 'attempt' : 'attempts'}${r.email.lastAttemptAt ? html`, last ${dateTime(r.email.lastAttemptAt)}` : ''})</span>` : ''}${r.email.suppressed ? html` <span class="muted">the address ${r.email.suppressed}</span>` : ''}</dd>
<dt>Sent</dt><dd>${dateTime(r.createdAt)}</dd>
<dt>${r.status === 'pending' ? 'Expires' : 'Expired or expires'}</dt><dd>${dateTime(r.expiresAt)}</dd>
${r.acceptedAt ? html`<dt>Accepted</dt><dd>${dateTime(r.acceptedAt)}</dd>` : ''}
${r.declinedAt ? html`<dt>Declined</dt><dd>${dateTime(r.declinedAt)}</dd>` : ''}
<dt>Consent page</dt><dd><code id="consent-url">${r.consentUrl}</code><br><span class="muted">It shows the request but signs nobody in: only the emailed link signs its recipient in.</span></dd>
</dl>
<p><a href="/partner">Back to the dashboard</a></p>`;
}

/** `GET /partner/consent-link`: the reusable link to copy (R9 for OEMs). */
export function consentLinkPage(url: string, kind: PartnerKind): SafeHtml {
  return html`<h1>Your consent link</h1>
<p>Share this link with any customer: a global administrator of their organization${kind === 'oem' ? ', signed in with a cloud-native account (R9),' : ''} opens it and consents to ${PARTNER_KIND_LABELS[kind]} registering their devices. The link stays the same.</p>
<label for="consent-link">Consent link</label>
<input type="text" id="consent-link" readonly value="${url}">
<p class="muted">Select the link and copy it.</p>`;
}

// Settings: API keys and the webhook (admins).

export interface ApiKeyRow {
  keyId: string;
  createdAt: string;
  revokedAt?: string;
}

/** Settings → API keys: the partner's keys (never their secrets), create (the secret shown once, on its own page), revoke. */
export function apiKeysSection(input: { keys: ApiKeyRow[]; csrf: string; once: string; notice?: string; error?: string }): SafeHtml {
  const sorted = [...input.keys].sort((a, b) => (a.revokedAt ? 1 : 0) - (b.revokedAt ? 1 : 0) || b.createdAt.localeCompare(a.createdAt));
  return html`<section id="api-keys" aria-labelledby="api-keys-title">
<h2 id="api-keys-title">API keys</h2>
<p>Your systems call the partner API with a key. A new key's secret is shown once; revoke a key your systems no longer use.</p>
${input.notice ? html`<p class="notice success" role="status" id="api-keys-notice">${input.notice}</p>` : ''}
${input.error ? html`<p class="notice error" role="alert" id="api-keys-error">${input.error}</p>` : ''}
<form method="post" action="/partner/settings/api-keys" id="create-api-key">
<input type="hidden" name="csrf" value="${input.csrf}">
<input type="hidden" name="once" value="${input.once}">
<div class="actions"><button type="submit">Create an API key</button></div>
</form>
${sorted.length === 0
  ? html`<p id="no-api-keys">No key.</p>`
  : html`<table id="api-key-list">
<thead><tr><th scope="col">Key</th><th scope="col">Created</th><th scope="col">Status</th></tr></thead>
<tbody>
${sorted.map(
  (k) => html`<tr id="key-${k.keyId}">
<td data-label="Key"><code>${k.keyId}</code></td>
<td data-label="Created">${dateTime(k.createdAt)}</td>
<td data-label="Status">${k.revokedAt
    ? html`revoked ${date(k.revokedAt)}`
    : html`<form class="inline" method="post" action="/partner/settings/api-keys/${k.keyId}/revoke"><input type="hidden" name="csrf" value="${input.csrf}"><button type="submit" class="danger" aria-label="Revoke key ${k.keyId}">Revoke</button></form>`}</td>
</tr>`,
)}
</tbody>
</table>`}
</section>`;
}

/** The page a secret is shown on, once (a new API key, a webhook's first or rotated signing secret). */
export function secretShownPage(input: { title: string; intro: string; secret: string; secretLabel: string; after?: string }): SafeHtml {
  return html`<h1>${input.title}</h1>
<div class="notice success" role="status" id="secret-shown"><p>${input.intro} Copy it now: it is shown this once.</p>
<p><label for="secret">${input.secretLabel}</label><input type="text" id="secret" readonly value="${input.secret}"></p></div>
${input.after ? html`<p>${input.after}</p>` : ''}
<p><a href="/partner/settings">Back to settings</a></p>`;
}

const deliveryStatus = (d: DeliveryView) =>
  d.status === 'pending' ? html`pending${d.nextAttemptAt ? html`, next try ${dateTime(d.nextAttemptAt)}` : ''}` : d.status === 'failed' ? html`<strong>failed</strong>` : html`delivered`;

/**
 * Settings → webhook: its URL and events (a form that sets them), the secret's rotation, and the
 * recent deliveries with their status and a redeliver button on each delivered or failed one (S4).
 */
export function webhookSection(input: {
  webhook?: { url: string; events: readonly WebhookEvent[]; updatedAt?: string };
  deliveries: DeliveryView[];
  csrf: string;
  once: string;
  notice?: string;
  error?: string;
  posted?: { url?: string; events?: string[] };
}): SafeHtml {
  const url = input.posted?.url ?? input.webhook?.url ?? '';
  const events = new Set<string>(input.posted?.events ?? input.webhook?.events ?? []);
  return html`<section id="webhook" aria-labelledby="webhook-title">
<h2 id="webhook-title">Webhook</h2>
<p>We post each event you choose to your endpoint, signed per Standard Webhooks, and retry with back-off when it does not answer.</p>
${input.notice ? html`<p class="notice success" role="status" id="webhook-notice">${input.notice}</p>` : ''}
${input.error ? html`<p class="notice error" role="alert" id="webhook-error">${input.error}</p>` : ''}
<form method="post" action="/partner/settings/webhook" id="webhook-form">
<input type="hidden" name="csrf" value="${input.csrf}">
<label for="webhook-url">Endpoint URL</label>
<input type="text" id="webhook-url" name="url" required maxlength="2048" value="${url}">
<fieldset><legend>Events</legend>
${WEBHOOK_EVENTS.map((e) => html`<label class="check" for="event-${e}"><input type="checkbox" id="event-${e}" name="events" value="${e}"${events.has(e) ? html` checked` : ''}> ${e}</label>`)}
</fieldset>
<div class="actions"><button type="submit">${input.webhook ? 'Save the webhook' : 'Register the webhook'}</button></div>
</form>
${input.webhook
  ? html`<h3>Signing secret</h3><p>A new secret is shown once; for 24 hours every delivery is signed with the old one too.</p>
<form method="post" action="/partner/settings/webhook/secret-rotations" id="rotate-secret">
<input type="hidden" name="csrf" value="${input.csrf}">
<input type="hidden" name="once" value="${input.once}">
<div class="actions"><button type="submit" class="secondary">Rotate the signing secret</button></div>
</form>`
  : ''}
<h3>Recent deliveries</h3>
${input.deliveries.length === 0
  ? html`<p id="no-deliveries">No delivery yet.</p>`
  : html`<table id="deliveries">
<thead><tr><th scope="col">Event</th><th scope="col">When</th><th scope="col">Status</th><th scope="col">Redeliver</th></tr></thead>
<tbody>
${input.deliveries.map(
  (d) => html`<tr id="delivery-${d.id}">
<td data-label="Event">${d.type}${d.redeliveryOf ? html`<br><span class="muted">a redelivery</span>` : ''}</td>
<td data-label="When">${dateTime(d.createdAt)}<br><span class="muted">${d.attempts} ${d.attempts === 1 ? 'attempt' : 'attempts'}${d.lastStatusCode ? html`, last answer ${d.lastStatusCode}` : ''}</span></td>
<td data-label="Status">${deliveryStatus(d)}</td>
<td data-label="Redeliver">${d.redeliveredAs
    ? html`<span class="muted">redelivered</span>`
    : d.status === 'pending'
      ? html`<span class="muted">on its way</span>`
      : html`<form class="inline" method="post" action="/partner/settings/webhook/deliveries/${d.id}/redeliver"><input type="hidden" name="csrf" value="${input.csrf}"><input type="hidden" name="once" value="${input.once}"><button type="submit" class="secondary" aria-label="Redeliver ${d.type} of ${dateTime(d.createdAt)}">Redeliver</button></form>`}</td>
</tr>`,
)}
</tbody>
</table>`}
</section>`;
}
