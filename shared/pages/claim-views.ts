import { html, type SafeHtml } from '#shared/util/html.ts';
import { portalNav } from './customer-views.ts';

/**
 * R26's pages: the claims on the tenant's devices (incoming) and its own (outgoing), one claim with
 * its devices and the owner's answers (release or contest, device by device or all), and a new
 * claim from a CSV of hardware hashes (proof of possession). The claimant is named by its partner's
 * name only, never by its tenant (R19).
 */

const date = (iso: string | undefined) => (iso ? iso.slice(0, 10) : '');

interface Summary {
  claimed: number;
  released: number;
  contested: number;
  uncontested: number;
  granted: number;
  denied: number;
  withdrawn: number;
}
export interface ClaimListItem {
  id: string;
  direction: 'incoming' | 'outgoing';
  claimant?: { type: 'partner' | 'device_holder'; partnerName?: string };
  status: string;
  reference: string;
  purchaseDate?: string;
  note?: string;
  deadline: string;
  summary: Summary;
  createdAt: string;
}
export interface ClaimDeviceRow {
  index: number;
  deviceRef: string;
  status: string;
  deviceId?: string;
  decidedAt?: string;
  reason?: string;
  contestReason?: string;
}

const STATUS_LABELS: Record<string, string> = {
  open: 'Waiting for your answer',
  with_operators: 'With operators',
  closed: 'Closed',
  released: 'Released',
  contested: 'Contested',
  uncontested: 'Unanswered: with operators',
  granted: 'Granted by operators',
  denied: 'Denied by operators',
  withdrawn: 'Withdrawn',
};
const statusLabel = (status: string, direction: 'incoming' | 'outgoing') => (status === 'open' && direction === 'outgoing' ? 'Open' : (STATUS_LABELS[status] ?? status));
const claimantOf = (c: ClaimListItem) => (c.claimant?.type === 'partner' ? c.claimant.partnerName! : 'An organization holding the devices');
const counts = (s: Summary) => `${s.claimed} claimed${(['released', 'contested', 'uncontested', 'granted', 'denied', 'withdrawn'] as const).map((k) => (s[k] ? `, ${s[k]} ${k}` : '')).join('')}`;

/** `GET /portal/claims`: incoming and outgoing claims, and the form of a new claim. */
export function claimsPage(input: { tenantName: string; incoming: ClaimListItem[]; outgoing: ClaimListItem[]; csrf: string; flash?: string }): SafeHtml {
  const row = (c: ClaimListItem) =>
    html`<tr id="claim-${c.id}"><td data-label="Claim"><a href="/portal/claims/${c.id}">${c.direction === 'incoming' ? claimantOf(c) : c.reference}</a></td><td data-label="Reference">${c.reference}</td><td data-label="Devices">${counts(c.summary)}</td><td data-label="State">${statusLabel(c.status, c.direction)}</td><td class="nowrap" data-label="Deadline">${date(c.deadline)}</td></tr>`;
  const table = (items: ClaimListItem[], caption: string, first: string) =>
    html`<table><caption class="muted">${caption}</caption><thead><tr><th scope="col">${first}</th><th scope="col">Reference</th><th scope="col">Devices</th><th scope="col">State</th><th scope="col">Deadline</th></tr></thead><tbody>${items.map(row)}</tbody></table>`;
  return html`${portalNav('claims')}
<h1>Device claims of ${input.tenantName}</h1>
${input.flash ? html`<p class="notice success" role="status" id="flash">${input.flash}</p>` : ''}
<h2>Claims on your devices</h2>
<p>Someone says devices registered to your organization are theirs. Release those you no longer own (they leave your organization), or contest the claim with a reason; what you leave unanswered by the deadline goes to our operators.</p>
${input.incoming.length ? table(input.incoming, 'Claims on your devices, newest first', 'Claimed by') : html`<p id="no-incoming">No claim on your devices.</p>`}
<h2>Your claims</h2>
${input.outgoing.length ? table(input.outgoing, 'Claims for your organization, newest first', 'Claim') : html`<p id="no-outgoing">You have made no claim.</p>`}
<h2>Claim devices you hold</h2>
<p>Devices in your hands that are registered to another organization: upload the CSV that Get-WindowsAutopilotInfo writes on each device (its hardware hash proves you hold it). The owner is asked to release them; which organization it is, we never say.</p>
<form method="post" action="/portal/claims" enctype="multipart/form-data" id="new-claim">
<input type="hidden" name="csrf" value="${input.csrf}">
<label for="file">Hardware hash file (CSV)</label>
<input type="file" id="file" name="file" accept=".csv,text/csv" required>
<label for="reference">Your reference (an order number, a site)</label>
<input type="text" id="reference" name="reference" maxlength="128" required>
<label for="purchaseDate">Purchase date (optional)</label>
<input type="date" id="purchaseDate" name="purchaseDate">
<label for="note">Note for the owner and operators (optional)</label>
<textarea id="note" name="note" maxlength="1000" rows="3"></textarea>
<div class="actions"><button type="submit">Claim these devices</button></div>
</form>`;
}

/** One claim: the owner's own devices with release and contest, or the claimant's devices with withdraw. */
export function claimPage(input: { claim: ClaimListItem; devices: ClaimDeviceRow[]; csrf: string; open: boolean; flash?: string }): SafeHtml {
  const { claim, devices, csrf } = input;
  const incoming = claim.direction === 'incoming';
  const answerable = incoming && input.open && devices.some((d) => d.status === 'open');
  const evidence = html`<dl id="claim-evidence">
<dt>${incoming ? 'Claimed by' : 'Claim'}</dt><dd id="claimant">${incoming ? claimantOf(claim) : claim.id}</dd>
<dt>Reference</dt><dd>${claim.reference}</dd>
${claim.purchaseDate ? html`<dt>Purchase date</dt><dd>${claim.purchaseDate}</dd>` : ''}
${claim.note ? html`<dt>Note</dt><dd>${claim.note}</dd>` : ''}
<dt>Deadline</dt><dd>${date(claim.deadline)}</dd>
<dt>State</dt><dd id="claim-status">${statusLabel(claim.status, claim.direction)}</dd>
<dt>Devices</dt><dd id="claim-counts">${counts(claim.summary)}</dd>
</dl>`;
  const rows = devices.map(
    (d) => html`<tr id="claim-device-${String(d.index)}">
${answerable ? html`<td data-label="Select">${d.status === 'open' ? html`<input type="checkbox" name="devices" value="${String(d.index)}" id="select-${String(d.index)}" aria-label="Select device ${d.deviceRef}">` : ''}</td>` : ''}
<td data-label="Device">${d.deviceRef}${d.deviceId ? html`<br><span class="muted nowrap">${d.deviceId}</span>` : ''}</td>
<td data-label="State">${STATUS_LABELS[d.status] ?? d.status}${d.decidedAt ? html`<br><span class="muted">${date(d.decidedAt)}</span>` : ''}</td>
<td data-label="Reason">${d.contestReason ?? ''}${d.reason ? html`${d.contestReason ? html`<br>` : ''}${d.reason}` : ''}</td>
</tr>`,
  );
  const table = html`<table><caption class="muted">${incoming ? 'Your devices in this claim' : 'The devices of your claim'}</caption><thead><tr>${answerable ? html`<th scope="col">Select</th>` : ''}<th scope="col">Device</th><th scope="col">State</th><th scope="col">Reason</th></tr></thead><tbody>${rows}</tbody></table>`;
  return html`${portalNav('claims')}
<h1>${incoming ? html`A claim on your devices` : html`Your claim ${claim.reference}`}</h1>
${input.flash ? html`<p class="notice success" role="status" id="flash">${input.flash}</p>` : ''}
${evidence}
${answerable
  ? html`<form method="post" action="/portal/claims/${claim.id}/responses" id="claim-answer">
<input type="hidden" name="csrf" value="${csrf}">
${table}
<fieldset><legend>Your answer</legend>
<label class="check" for="scope-all"><input type="checkbox" id="scope-all" name="scope" value="all"> Answer for every device still waiting (ignores the selection)</label>
<label for="reason">Reason (needed to contest)</label>
<textarea id="reason" name="reason" maxlength="1000" rows="3"></textarea>
<p class="notice error">Released devices leave your organization at once and become the claimant's. This cannot be undone.</p>
<label class="check" for="confirm-release"><input type="checkbox" id="confirm-release" name="confirm" value="irreversible"> I understand that releasing cannot be undone</label>
<div class="actions"><button type="submit" name="response" value="release" class="danger" id="release">Release</button> <button type="submit" name="response" value="contest" class="secondary" id="contest">Contest</button></div>
</fieldset>
</form>`
  : table}
${!incoming && claim.status !== 'closed'
  ? html`<form method="post" action="/portal/claims/${claim.id}/withdraw" id="claim-withdraw"><input type="hidden" name="csrf" value="${csrf}"><div class="actions"><button type="submit" class="secondary">Withdraw this claim</button></div></form>`
  : ''}
<p><a href="/portal/claims">Back to your claims</a></p>`;
}
