import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { requirePartnerRequest } from '#shared/consent/partner-request.ts';
import { requestConsent, toApiConsentRequest } from '#shared/consent/request-consent.ts';
import { toApiBatch } from '#shared/devices/batches.ts';
import { checkMayHaveConsentLink, checkMayRequestConsent } from '#shared/domain/consent.ts';
import { DomainError } from '#shared/domain/errors.ts';
import { nowIso } from '#shared/domain/ids.ts';
import { partnerRoleAllows, rolesAllowedTo } from '#shared/domain/partner-roles.ts';
import { newSecret } from '#shared/domain/tokens.ts';
import type { HttpResult } from '#shared/http/response.ts';
import { consentLinkUrl } from '#shared/partners/consent-link.ts';
import { listBatches } from '#shared/table/batches.ts';
import { listConsentRequests } from '#shared/table/consent-requests.ts';
import { listDeliveries } from '#shared/table/outbox.ts';
import { listCustomers } from '#shared/table/relationships.ts';
import { redirect } from './layout.ts';
import { checkPartnerForm, partnerUserActor, requirePartnerPerson, type PartnerPerson } from './partner-portal.ts';
import { partnerLayout } from './partner-views.ts';
import { consentBodyOfForm, sayErrors, type ConsentRequestFormInput } from './partner-consent-form.ts';
import { consentLinkPage, consentRefusedPage, consentRequestForm, consentRequestPage, customersPage, dashboardPage, type ConsentFormValues } from './partner-work-views.ts';

/*
 * The partner portal's working pages (API.md "Partner portal", R32): the dashboard, the
 * customers, the consent request form and a request's page, the consent link. Each action calls
 * the same use case as its API route (requestConsent, consentLinkUrl, listCustomers,
 * requirePartnerRequest), so R8, R9, R19, R20 and the rate limits hold here as there; the person
 * is the audit actor (partnerUserActor).
 */

const SUBMITTERS = rolesAllowedTo('submit');

/** `GET /partner`: customers, pending requests, recent batches, failed deliveries (every role). */
export async function showPartnerDashboard(event: APIGatewayProxyEventV2): Promise<HttpResult> {
  const person = await requirePartnerPerson(event);
  const partnerId = person.partnerId;
  const [customers, pending, deliveries] = await Promise.all([
    listCustomers(person.partner, { limit: 10, scope: `customers:${partnerId}` }),
    listConsentRequests(partnerId, 'pending', { limit: 10, scope: `requests:${partnerId}:pending` }),
    listDeliveries(partnerId, { limit: 50, scope: `webhooks:${partnerId}` }),
  ]);
  // Batches are listed by (partner, tenant): the newest of the customers shown, merged.
  const batchPages = await Promise.all(customers.items.slice(0, 5).map((c) => listBatches(partnerId, c.tenantId, { limit: 3, scope: `batches:${partnerId}:${c.tenantId}` })));
  const batches = batchPages.flatMap((p) => p.items).sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, 5).map(toApiBatch);
  const now = nowIso();
  return partnerLayout({
    title: 'Dashboard',
    person,
    active: 'dashboard',
    body: dashboardPage({
      displayName: person.displayName,
      canSubmit: partnerRoleAllows(person.role, 'submit'),
      canManage: partnerRoleAllows(person.role, 'manage'),
      customers: customers.items,
      moreCustomers: customers.nextCursor !== null,
      pending: pending.items.map((r) => toApiConsentRequest(r, now)),
      morePending: pending.nextCursor !== null,
      batches,
      failedDeliveries: deliveries.items.filter((d) => d.status === 'failed' && !d.redeliveredAs).slice(0, 10),
    }),
  });
}

/** `GET /partner/customers`: the `GET /v1/customers` list (R8: a provider's through its resellers), every role. */
export async function showPartnerCustomers(event: APIGatewayProxyEventV2, query: { cursor?: string }): Promise<HttpResult> {
  const person = await requirePartnerPerson(event);
  const found = await listCustomers(person.partner, { limit: 50, ...(query.cursor ? { cursor: query.cursor } : {}), scope: `customers:${person.partnerId}` });
  return partnerLayout({ title: 'Customers', person, active: 'customers', body: customersPage({ kind: person.partner.kind, customers: found.items, nextCursor: found.nextCursor }) });
}

/** R8, R9: why this partner may not request consent (or have a consent link), as a 403 page; undefined when it may. */
function refusedPage(person: PartnerPerson, check: () => void, title: string, active: 'consent-request' | 'consent-link'): HttpResult | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    if (!(error instanceof DomainError) || !['forbidden', 'partner_not_eligible'].includes(error.code)) throw error;
    return partnerLayout({ title, person, active, status: 403, body: consentRefusedPage(title, error.message) });
  }
}

/** The consent request form, fresh or with what was wrong. */
function formAnswer(person: PartnerPerson, options: { values?: ConsentFormValues; errors?: string[]; status?: number } = {}): HttpResult {
  return partnerLayout({
    title: 'Request consent',
    person,
    active: 'consent-request',
    status: options.status,
    body: consentRequestForm({ kind: person.partner.kind, csrf: person.csrf, once: newSecret(), ...(options.values ? { values: options.values } : {}), ...(options.errors ? { errors: options.errors } : {}) }),
  });
}

/** `GET /partner/consent-requests/new` (submitters and admins): the form; a provider (R8) or an OEM not eligible (R9) is told why not. */
export async function showConsentRequestForm(event: APIGatewayProxyEventV2): Promise<HttpResult> {
  const person = await requirePartnerPerson(event, SUBMITTERS);
  return refusedPage(person, () => checkMayRequestConsent(person.partner, undefined), 'You cannot request consent', 'consent-request') ?? formAnswer(person);
}

/**
 * `POST /partner/consent-requests`: the same use case as `POST /v1/consent-requests`, with the
 * form's one-time token as its Idempotency-Key (R20: posted twice, one request; the second post
 * lands on the same request's page). What is wrong (R4's catalogue, R9's roles for an OEM) comes
 * back on the form, nothing sent; R8 and R9's refusals are 403 pages; over a rate limit the 429 page.
 */
export async function postConsentRequest(event: APIGatewayProxyEventV2, form: ConsentRequestFormInput): Promise<HttpResult> {
  const person = await requirePartnerPerson(event, SUBMITTERS);
  checkPartnerForm(event, person, form);
  const { csrf: _csrf, once, ...values } = form;
  const read = consentBodyOfForm(values);
  if (!read.ok) return formAnswer(person, { values, errors: read.errors, status: 400 });
  try {
    const { request } = await requestConsent(person.partner, read.body, { idempotencyKey: once ? `portal:${once}` : undefined, actor: partnerUserActor(person, event) });
    return redirect(`/partner/consent-requests/${request.id}?done=sent`);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.code === 'validation_failed') return formAnswer(person, { values, errors: error.errors?.length ? sayErrors(error.errors) : [error.message], status: 400 });
    if (error.code === 'forbidden' || error.code === 'partner_not_eligible') return partnerLayout({ title: 'You cannot request consent', person, active: 'consent-request', status: 403, body: consentRefusedPage('You cannot request consent', error.message) });
    throw error;
  }
}

/** `GET /partner/consent-requests/{requestId}` (every role): the request, its status and its email's; another partner's is 404 (R19). */
export async function showPartnerConsentRequest(event: APIGatewayProxyEventV2, requestId: string, query: { done?: string }): Promise<HttpResult> {
  const person = await requirePartnerPerson(event);
  const request = toApiConsentRequest(await requirePartnerRequest(person.partnerId, requestId));
  return partnerLayout({ title: 'Consent request', person, active: 'consent-request', body: consentRequestPage(request, { justSent: query.done === 'sent' }) });
}

/** `GET /partner/consent-link` (submitters and admins): the `GET /v1/consent-link` use case (made on first use, audited); R8 and R9 refusals are 403 pages. */
export async function showPartnerConsentLink(event: APIGatewayProxyEventV2): Promise<HttpResult> {
  const person = await requirePartnerPerson(event, SUBMITTERS);
  const refused = refusedPage(person, () => checkMayHaveConsentLink(person.partner), 'You have no consent link', 'consent-link');
  if (refused) return refused;
  const url = await consentLinkUrl(person.partner, partnerUserActor(person, event));
  return partnerLayout({ title: 'Consent link', person, active: 'consent-link', body: consentLinkPage(url, person.partner.kind) });
}
