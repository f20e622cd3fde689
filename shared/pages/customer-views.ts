import { CUSTOMER_SCOPES } from '#shared/domain/customer-api-keys.ts';
import { PARTNER_KIND_LABELS } from '#shared/domain/partner.ts';
import type { TenantDevice } from '#shared/customers/devices.ts';
import type { CustomerApiKey } from '#shared/table/customer-api-keys.ts';
import { html, type SafeHtml } from '#shared/util/html.ts';

/** The customer portal's own pages after Yes (R23-R25): a tenant's devices, their release, its API keys. */

const date = (iso: string | undefined) => (iso ? iso.slice(0, 10) : '');
const dateTime = (iso: string | undefined) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '');

/** The portal's sections, with the current one marked for assistive technology. */
export function portalNav(current: 'partners' | 'access' | 'devices' | 'claims' | 'api-keys' | 'domains' | 'audit'): SafeHtml {
  const item = (key: typeof current, href: string, label: string) =>
    key === current ? html`<li><a href="${href}" aria-current="page"><strong>${label}</strong></a></li>` : html`<li><a href="${href}">${label}</a></li>`;
  return html`<nav aria-label="Portal"><ul class="tabs">${item('partners', '/portal', 'Partners')}${item('access', '/portal/access', 'Access')}${item('devices', '/portal/devices', 'Devices')}${item('claims', '/portal/claims', 'Claims')}${item('api-keys', '/portal/api-keys', 'API keys')}${item('domains', '/portal/domains', 'Domains')}${item('audit', '/portal/audit', 'Audit')}</ul></nav>`;
}

export interface DeviceFilterValues {
  partnerId?: string;
  batchId?: string;
  q?: string;
  registeredAfter?: string;
  registeredBefore?: string;
}

/** The query string of a filter (and a cursor): the next page, the export link. */
export function filterQuery(filter: DeviceFilterValues, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...filter, ...extra })) if (value) params.set(name, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

const identitiesOf = (d: TenantDevice) =>
  html`${d.serialNumber ? html`<span class="nowrap">Serial ${d.serialNumber}</span><br>` : ''}${d.manufacturer || d.model ? html`<span class="muted">${[d.manufacturer, d.model].filter(Boolean).join(' ')}</span><br>` : ''}${d.productKeyId ? html`<span class="nowrap">Product key id ${d.productKeyId}</span><br>` : ''}${d.hardwareHash ? html`<span class="muted nowrap">Hash ${d.hardwareHash.slice(0, 12)}...</span>` : ''}`;

const partnerOf = (d: TenantDevice) =>
  html`${d.partner.name}<br><span class="muted">${d.partner.kind === 'unknown' ? '' : PARTNER_KIND_LABELS[d.partner.kind]}${d.via ? html`, through ${d.via.resellerName}` : ''}${d.provider ? html`, provider ${d.provider.name}` : ''}</span>`;

/**
 * R23 and R24: the tenant's devices with their filters, the export link (a link, not a form: the
 * export answers with a redirect to the download), and the release of a selection or of a file,
 * each behind the "cannot be undone" confirmation.
 */
export function devicesPage(input: {
  tenantName: string;
  devices: TenantDevice[];
  filter: DeviceFilterValues;
  nextCursor: string | null;
  csrf: string;
  flash?: string;
}): SafeHtml {
  const { filter, csrf } = input;
  return html`${portalNav('devices')}
<h1>Devices of ${input.tenantName}</h1>
${input.flash ? html`<p class="notice success" role="status" id="flash">${input.flash}</p>` : ''}
<form method="get" action="/portal/devices" id="device-filter">
<fieldset><legend>Filter</legend>
<label for="q">Serial number, product key id, or the start of a hardware hash</label>
<input type="text" id="q" name="q" value="${filter.q ?? ''}" maxlength="8192">
<label for="partnerId">Partner id</label>
<input type="text" id="partnerId" name="partnerId" value="${filter.partnerId ?? ''}" maxlength="64">
<label for="batchId">Batch id</label>
<input type="text" id="batchId" name="batchId" value="${filter.batchId ?? ''}" maxlength="64">
<label for="registeredAfter">Registered on or after</label>
<input type="date" id="registeredAfter" name="registeredAfter" value="${filter.registeredAfter ?? ''}">
<label for="registeredBefore">Registered on or before</label>
<input type="date" id="registeredBefore" name="registeredBefore" value="${filter.registeredBefore ?? ''}">
<div class="actions"><button type="submit" class="secondary">Filter</button> <a class="button" href="/portal/devices/export${filterQuery(filter)}" id="export">Export all as CSV</a></div>
</fieldset>
</form>
${input.devices.length === 0
  ? html`<p id="no-devices">No device is registered to your organization${Object.values(filter).some(Boolean) ? ' that matches these filters' : ''}.</p>`
  : html`<form method="post" action="/portal/devices/release" id="release-selection">
<input type="hidden" name="csrf" value="${csrf}">
<table>
<caption class="muted">Devices registered in your organization's name, newest first</caption>
<thead><tr><th scope="col">Release</th><th scope="col">Device</th><th scope="col">Registered by</th><th scope="col">From</th><th scope="col">When</th></tr></thead>
<tbody>
${input.devices.map(
  (d) => html`<tr id="device-${d.id}">
<td data-label="Release"><input type="checkbox" name="deviceId" value="${d.id}" id="select-${d.id}" aria-label="Select device ${d.serialNumber ?? d.productKeyId ?? d.id}"></td>
<td data-label="Device">${identitiesOf(d)}${d.groupTag ? html`<br><span class="muted">Group tag ${d.groupTag}</span>` : ''}</td>
<td data-label="Registered by">${partnerOf(d)}</td>
<td data-label="From">${d.batchId ? html`<span class="nowrap">Batch ${d.batchId}</span><br><span class="muted">row ${String(d.row ?? '')}</span>` : html`<span class="muted">single registration</span>`}</td>
<td class="nowrap" data-label="When">${dateTime(d.registeredAt)}</td>
</tr>`,
)}
</tbody>
</table>
${releaseConfirmation('confirm-selection')}
<div class="actions"><button type="submit" class="danger">Release the selected devices</button></div>
</form>`}
${input.nextCursor ? html`<p><a href="/portal/devices${filterQuery(filter, { cursor: input.nextCursor })}" id="next-page">Next page</a></p>` : ''}
<h2>Release devices from a file</h2>
<p>A CSV file as partners upload it (the columns Get-WindowsAutopilotInfo or Partner Center write, or this page's export), up to 100,000 devices.</p>
<form method="post" action="/portal/devices/release-file" enctype="multipart/form-data" id="release-file">
<input type="hidden" name="csrf" value="${csrf}">
<label for="file">Device file</label>
<input type="file" id="file" name="file" accept=".csv,text/csv" required>
${releaseConfirmation('confirm-file')}
<div class="actions"><button type="submit" class="danger">Release the devices in this file</button></div>
</form>`;
}

/** R24: release is irreversible and needs an explicit confirmation. */
const releaseConfirmation = (id: string) =>
  html`<p class="notice error">Releasing a device removes it from your organization. Its partner is told, and any authorized partner can register it again, for another organization too.</p>
<label class="check" for="${id}"><input type="checkbox" id="${id}" name="confirm" value="irreversible" required> I understand that this cannot be undone</label>`;

/** The outcome of a release, device by device. */
export function releasedPage(input: { summary: { total: number; released: number; invalid: number }; results: { index: number; line?: number; status: string; deviceId?: string; errors: { code: string; message: string }[] }[] }): SafeHtml {
  return html`${portalNav('devices')}
<h1>Devices released</h1>
<p class="notice success" role="status" id="release-summary">${String(input.summary.released)} of ${String(input.summary.total)} released.</p>
${input.summary.invalid > 0
  ? html`<table><caption class="muted">Not released</caption><thead><tr><th scope="col">Row</th><th scope="col">Why</th></tr></thead><tbody>
${input.results.filter((r) => r.status !== 'released').map((r) => html`<tr><td>${String(r.line ?? r.index + 1)}</td><td>${r.errors.map((e) => e.message).join('; ')}</td></tr>`)}
</tbody></table>`
  : ''}
<p><a href="/portal/devices">Back to your devices</a></p>`;
}

/** R24: a release from a file, worked as a batch: its progress, then its results. */
export function releaseBatchPage(batch: { id: string; status: string; summary: { received: number; processed: number; succeeded: number; failed: number } }): SafeHtml {
  const finished = batch.status === 'finished' || batch.status === 'finished_with_errors';
  return html`${portalNav('devices')}
<h1>Release from a file</h1>
<dl id="release-batch">
<dt>Status</dt><dd id="batch-status">${finished ? 'finished' : batch.status}</dd>
<dt>Devices in the file</dt><dd>${String(batch.summary.received)}</dd>
<dt>Worked</dt><dd>${String(batch.summary.processed)}</dd>
<dt>Released</dt><dd id="batch-released">${String(batch.summary.succeeded)}</dd>
<dt>Not released</dt><dd>${String(batch.summary.failed)}</dd>
</dl>
${finished ? html`<p><a href="/portal/devices/releases/${batch.id}/results" id="release-results">Download the results (CSV)</a></p>` : html`<p>The release is running. <a href="/portal/devices/releases/${batch.id}">Refresh</a> to see its progress.</p>`}
<p><a href="/portal/devices">Back to your devices</a></p>`;
}

/**
 * R25: the tenant's customer API keys (scopes, creator, last use) with revocation, and a form that
 * creates one; a key just created is shown this once.
 */
export function apiKeysPage(input: { tenantName: string; keys: CustomerApiKey[]; csrf: string; formId: string; created?: { key: CustomerApiKey; secret: string }; flash?: string; nextCursor: string | null }): SafeHtml {
  const { csrf } = input;
  return html`${portalNav('api-keys')}
<h1>API keys of ${input.tenantName}</h1>
<p>Your organization's own systems (its device management, its asset inventory) call the customer API with a key. Each key can do only what its scopes allow.</p>
${input.flash ? html`<p class="notice success" role="status" id="flash">${input.flash}</p>` : ''}
${input.created
  ? html`<div class="notice success" role="status" id="new-key"><p>Key <strong>${input.created.key.name}</strong> created. Copy it now: it is shown this once.</p>
<p><code id="new-key-secret">${input.created.secret}</code></p></div>`
  : ''}
<h2>Create a key</h2>
<form method="post" action="/portal/api-keys" id="create-key">
<input type="hidden" name="csrf" value="${csrf}">
<input type="hidden" name="once" value="${input.formId}">
<label for="name">Name</label>
<input type="text" id="name" name="name" required maxlength="100">
<fieldset><legend>Scopes</legend>
${CUSTOMER_SCOPES.map((scope) => html`<label class="check" for="scope-${scope.replace(':', '-')}"><input type="checkbox" id="scope-${scope.replace(':', '-')}" name="scopes" value="${scope}"> ${scope}</label>`)}
</fieldset>
<div class="actions"><button type="submit">Create key</button></div>
</form>
<h2>Keys</h2>
${input.keys.length === 0
  ? html`<p id="no-keys">No key yet.</p>`
  : html`<table id="keys">
<thead><tr><th scope="col">Name</th><th scope="col">Scopes</th><th scope="col">Created by</th><th scope="col">Last used</th><th scope="col">Status</th></tr></thead>
<tbody>
${input.keys.map(
  (k) => html`<tr id="key-${k.keyId}">
<td data-label="Name">${k.name}<br><span class="muted nowrap">${k.keyId}</span></td>
<td data-label="Scopes">${k.scopes.join(', ')}</td>
<td data-label="Created by">${k.createdBy.displayName}<br><span class="muted">${k.createdBy.email}, ${date(k.createdAt)}</span></td>
<td class="nowrap" data-label="Last used">${k.lastUsedAt ? dateTime(k.lastUsedAt) : html`<span class="muted">never</span>`}</td>
<td data-label="Status">${k.revokedAt
    ? html`revoked ${date(k.revokedAt)}`
    : html`<form class="inline" method="post" action="/portal/api-keys/${k.keyId}/revoke"><input type="hidden" name="csrf" value="${csrf}"><button type="submit" class="danger" aria-label="Revoke key ${k.name}">Revoke</button></form>`}</td>
</tr>`,
)}
</tbody>
</table>`}
${input.nextCursor ? html`<p><a href="/portal/api-keys?cursor=${encodeURIComponent(input.nextCursor)}">More keys</a></p>` : ''}`;
}
