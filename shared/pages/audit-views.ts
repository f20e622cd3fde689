import { AUDIT_ACTION_NAMES, AUDIT_ACTOR_TYPES, type AuditEvent } from '#shared/domain/audit.ts';
import { html, type SafeHtml } from '#shared/util/html.ts';
import { filterQuery, portalNav } from './customer-views.ts';

/** R29: the tenant's audit trail in the portal (`GET /portal/audit`). */

export interface AuditFilterValues {
  from?: string;
  to?: string;
  actorType?: string;
  partnerId?: string;
  action?: string;
}

const ACTOR_LABELS: Record<(typeof AUDIT_ACTOR_TYPES)[number], string> = {
  customer_user: 'A user of your organization',
  customer_key: 'An API key of your organization',
  partner_key: 'A partner (API key)',
  partner_user: "A partner's person (partner portal)",
  operator: 'An operator of the service',
  system: 'The service itself',
};

const dateTime = (iso: string) => `${iso.slice(0, 19).replace('T', ' ')} UTC`;

const option = (value: string, label: string, selected: string | undefined) =>
  value === selected ? html`<option value="${value}" selected>${label}</option>` : html`<option value="${value}">${label}</option>`;

const actorOf = (e: AuditEvent) =>
  html`${e.actor.name ?? ACTOR_LABELS[e.actor.type]}<br><span class="muted">${e.actor.type}${e.actor.id ? html` ${e.actor.id}` : ''}${e.actor.signIn ? html`, signed in by ${e.actor.signIn === 'organization' ? 'organization' : 'email'}` : ''}</span>`;

const subjectOf = (e: AuditEvent) => html`${e.subject.name ?? e.subject.id}<br><span class="muted">${e.subject.type}${e.subject.name ? html` ${e.subject.id}` : ''}</span>`;

const detailsOf = (e: AuditEvent) => {
  const entries = Object.entries(e.details ?? {});
  if (entries.length === 0) return '';
  return html`<details><summary>Details</summary><dl>${entries.map(([key, value]) => html`<dt>${key}</dt><dd>${typeof value === 'string' ? value : JSON.stringify(value)}</dd>`)}</dl></details>`;
};

/**
 * R29: the trail, newest first, with its filters as a GET form (time range, actor type, partner,
 * action), the next page, and the CSV export of everything the filters select. Every value shown
 * is escaped (`html`).
 */
export function auditPage(input: { tenantName: string; events: AuditEvent[]; filter: AuditFilterValues; nextCursor: string | null }): SafeHtml {
  const { filter } = input;
  return html`${portalNav('audit')}
<h1>Audit trail of ${input.tenantName}</h1>
<p>Every change to your organization, its partners' access and its devices, by whom, and the attempts that were refused. Events are kept for 400 days.</p>
<form method="get" action="/portal/audit" id="audit-filter">
<fieldset><legend>Filter</legend>
<label for="from">From (date)</label>
<input type="date" id="from" name="from" value="${filter.from ?? ''}">
<label for="to">To (date)</label>
<input type="date" id="to" name="to" value="${filter.to ?? ''}">
<label for="actorType">Actor type</label>
<select id="actorType" name="actorType">${option('', 'Any', filter.actorType ?? '')}${AUDIT_ACTOR_TYPES.map((t) => option(t, ACTOR_LABELS[t], filter.actorType))}</select>
<label for="partnerId">Partner id</label>
<input type="text" id="partnerId" name="partnerId" value="${filter.partnerId ?? ''}" maxlength="64">
<label for="action">Action</label>
<select id="action" name="action">${option('', 'Any', filter.action ?? '')}${AUDIT_ACTION_NAMES.map((a) => option(a, a, filter.action))}</select>
<div class="actions"><button type="submit" class="secondary">Filter</button> <a class="button" href="/portal/audit/export${filterQuery(filter)}" id="export">Export all as CSV</a></div>
</fieldset>
</form>
${input.events.length === 0
  ? html`<p id="no-events">No event${Object.values(filter).some(Boolean) ? ' matches these filters' : ' yet'}.</p>`
  : html`<table id="audit-events">
<caption class="muted">Newest first</caption>
<thead><tr><th scope="col">When</th><th scope="col">Action</th><th scope="col">Outcome</th><th scope="col">Who</th><th scope="col">On what</th><th scope="col">Partner</th></tr></thead>
<tbody>
${input.events.map(
  (e) => html`<tr id="event-${e.id}">
<td class="nowrap" data-label="When">${dateTime(e.at)}</td>
<td data-label="Action">${e.action}<br><span class="muted">${e.category}</span>${detailsOf(e)}</td>
<td data-label="Outcome">${e.outcome === 'refused' ? html`<strong>refused</strong>` : 'succeeded'}</td>
<td data-label="Who">${actorOf(e)}</td>
<td data-label="On what">${subjectOf(e)}</td>
<td data-label="Partner">${e.partnerId ?? ''}</td>
</tr>`,
)}
</tbody>
</table>`}
${input.nextCursor ? html`<p><a href="/portal/audit${filterQuery(filter, { cursor: input.nextCursor })}" id="next-page">Next page</a></p>` : ''}`;
}
