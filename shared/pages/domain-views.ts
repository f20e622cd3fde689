import { proofRecord } from '#shared/domain/domain-proof.ts';
import type { DomainProof } from '#shared/table/domain-proofs.ts';
import { html, type SafeHtml } from '#shared/util/html.ts';
import { portalNav } from './customer-views.ts';

/** R21: the portal's domains page: the tenant's domains, and the DNS TXT record that proves a new one. */

export interface DomainsPageInput {
  tenantName: string;
  initialDomain: string;
  domains: string[];
  proofs: DomainProof[];
  csrf: string;
  /** What the last action did: a success, or why a check did not prove the domain. */
  notice?: { kind: 'success' | 'error'; text: string };
}

/** An initial domain still unknown is a reserved `.invalid` name: shown as unknown, never as a domain. */
const unknownInitial = (domain: string) => domain.endsWith('.invalid');

const domainForm = (action: string, domain: string, csrf: string, label: string, kind: 'secondary' | 'danger' | '' = '') =>
  html`<form class="inline" method="post" action="${action}"><input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="domain" value="${domain}"><button type="submit"${kind ? html` class="${kind}"` : ''} aria-label="${label} ${domain}">${label}</button></form>`;

export function domainsPage(input: DomainsPageInput): SafeHtml {
  const { csrf } = input;
  return html`${portalNav('domains')}
<h1>Domains of ${input.tenantName}</h1>
<p>A partner that asks your organization for consent by one of these domains reaches you, and only you. A domain is yours here once it is proven: by your identity provider (its verified domains, when your organization first signed in), by the service's operators, or by a DNS record you publish below.</p>
${input.notice ? html`<p class="notice ${input.notice.kind}" role="${input.notice.kind === 'error' ? 'alert' : 'status'}" id="flash">${input.notice.text}</p>` : ''}
<table id="domains">
<thead><tr><th scope="col">Domain</th><th scope="col">Kind</th></tr></thead>
<tbody>
<tr><td>${unknownInitial(input.initialDomain) ? html`<span class="muted">not known</span>` : input.initialDomain}</td><td>initial domain (from your identity provider)</td></tr>
${input.domains.map((domain) => html`<tr id="domain-${domain}"><td>${domain}</td><td>verified</td></tr>`)}
</tbody>
</table>
<h2>Prove a domain</h2>
<form method="post" action="/portal/domains" id="add-domain">
<input type="hidden" name="csrf" value="${csrf}">
<label for="domain">Domain name</label>
<input type="text" id="domain" name="domain" required maxlength="253" placeholder="contoso.com" autocomplete="off">
<div class="actions"><button type="submit">Add</button></div>
</form>
${input.proofs.length === 0
  ? ''
  : html`<h2>Waiting for their DNS record</h2>
<p>At your DNS provider, add this TXT record to the domain itself (not to a subdomain), then check it. It can take a while for a new record to be seen; check again later if it is not found yet.</p>
${input.proofs.map(
  (proof) => html`<section class="proof" id="proof-${proof.domain}" aria-label="Proof of ${proof.domain}">
<dl>
<dt>Name</dt><dd><code>${proof.domain}</code></dd>
<dt>Type</dt><dd>TXT</dd>
<dt>Value</dt><dd><code class="record">${proofRecord(proof.token)}</code></dd>
</dl>
<div class="actions">${domainForm('/portal/domains/check', proof.domain, csrf, 'Check now')}${domainForm('/portal/domains/remove', proof.domain, csrf, 'Remove', 'secondary')}</div>
</section>`,
)}`}`;
}
