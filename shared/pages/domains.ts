import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { checkDomainProof, removeDomainProof, startDomainProof, type ProofOutcome } from '#shared/directory/domain-proof.ts';
import { requireTenant } from '#shared/directory/directory.ts';
import type { HttpResult } from '#shared/http/response.ts';
import { initialDomainSuffix } from '#shared/identity/provider.ts';
import { listDomainProofs } from '#shared/table/domain-proofs.ts';
import { userActor, type Viewer } from './consent-flow.ts';
import { adminPage, signedInAs } from './customer-portal.ts';
import { domainsPage, type DomainsPageInput } from './domain-views.ts';
import { page, redirect } from './layout.ts';
import { requireAdmin } from './portal.ts';

/*
 * R21 on the portal: a tenant's global admin sees the tenant's domains, starts proving a new one
 * (the page shows the DNS TXT record to publish), checks it, or gives it up. Adding and removing
 * answer a redirect to the page; a check answers the page with what it found.
 */

/** A check's outcome: the page's status and what it says. */
const CHECKED: Record<ProofOutcome, { status: number; kind: 'success' | 'error'; text: (domain: string) => string }> = {
  proven: { status: 200, kind: 'success', text: (d) => `${d} is proven: it is now one of your organization's domains.` },
  no_record: { status: 422, kind: 'error', text: (d) => `No device-consent-verification TXT record was found at ${d}. Publish the record below, wait a little, and check again. Nothing was changed.` },
  other_token: { status: 422, kind: 'error', text: (d) => `The device-consent-verification record at ${d} holds another value than the one below (an old one, or another organization's). Publish exactly the value below and check again. Nothing was changed.` },
  taken: { status: 409, kind: 'error', text: (d) => `${d} is proven, but it already belongs to another organization registered here. Ask the service's operators to move it. Nothing was changed.` },
  unavailable: { status: 503, kind: 'error', text: (d) => `The DNS could not be asked about ${d} right now. Try again in a moment. Nothing was changed.` },
};

async function render(viewer: Viewer, notice?: DomainsPageInput['notice'], status = 200): Promise<HttpResult> {
  const [tenant, proofs] = await Promise.all([requireTenant(viewer.tenant.id), listDomainProofs(viewer.tenant.id)]);
  return page(
    'Domains',
    domainsPage({ tenantName: tenant.name, initialDomain: tenant.initialDomain, domains: tenant.domains, proofs, csrf: viewer.session.csrf, ...(notice ? { notice } : {}) }),
    { status, ...signedInAs(viewer) },
  );
}

/** `GET /portal/domains`. */
export async function showDomains(event: APIGatewayProxyEventV2): Promise<HttpResult> {
  const viewer = await adminPage(event, '/portal/domains');
  if (!('tenant' in viewer)) return viewer;
  return render(viewer);
}

/** `POST /portal/domains`: a proof started (or the one already started), then the page with its record. */
export async function addDomain(event: APIGatewayProxyEventV2, form: { csrf?: string; domain: string }): Promise<HttpResult> {
  const viewer = await requireAdmin(event, form.csrf);
  await startDomainProof(viewer.tenant.id, { domain: form.domain, startedBy: viewer.user.email, initialDomainSuffix: initialDomainSuffix() }, userActor(viewer, event));
  return redirect('/portal/domains');
}

/** `POST /portal/domains/check`: the domain's TXT record checked now. */
export async function checkDomain(event: APIGatewayProxyEventV2, form: { csrf?: string; domain: string }): Promise<HttpResult> {
  const viewer = await requireAdmin(event, form.csrf);
  const { domain, outcome } = await checkDomainProof(viewer.tenant.id, form.domain, userActor(viewer, event));
  const shown = CHECKED[outcome];
  return render(viewer, { kind: shown.kind, text: shown.text(domain) }, shown.status);
}

/** `POST /portal/domains/remove`: the proof given up. */
export async function removeDomain(event: APIGatewayProxyEventV2, form: { csrf?: string; domain: string }): Promise<HttpResult> {
  const viewer = await requireAdmin(event, form.csrf);
  await removeDomainProof(viewer.tenant.id, form.domain, userActor(viewer, event));
  return redirect('/portal/domains');
}
