import { publicUrl } from '../../shared/config/env.ts';
import { checkIdempotencyKey, requestConsent, toApiConsentRequest } from '../../shared/consent/request-consent.ts';
import { checkMayHaveConsentLink } from '../../shared/domain/consent.ts';
import { notFound } from '../../shared/domain/errors.ts';
import { nowIso } from '../../shared/domain/ids.ts';
import { toCustomer } from '../../shared/domain/relationship.ts';
import { httpFunction } from '../../shared/http/chain.ts';
import { openApiDocument } from '../../shared/http/openapi.ts';
import { json } from '../../shared/http/response.ts';
import { checkConsent } from '../../shared/consent/consent-checks.ts';
import { listConsentRequests, requirePartnerRequest, transitionRequest } from '../../shared/table/consent-requests.ts';
import { getTenant } from '../../shared/table/directory.ts';
import { ensureConsentLink } from '../../shared/table/links.ts';
import { authorizationFor, listCustomers } from '../../shared/table/relationships.ts';

/** The partner API (API.md), authenticated by partner API keys. */
export const handler = httpFunction('partner-api', {
  'GET /v1/me': async ({ partner }) => json(200, { partner: { ...partner, linkId: undefined } }),

  'POST /v1/consent-requests': async ({ partner, body, headers, actor }) => {
    const idempotencyKey = checkIdempotencyKey(headers['idempotency-key']);
    const { request, created } = await requestConsent(partner, body, { idempotencyKey, actor });
    return json(created ? 201 : 200, { consentRequest: toApiConsentRequest(request) }, { location: `/v1/consent-requests/${request.id}` });
  },

  'GET /v1/consent-requests': async ({ partner, query }) => {
    const page = await listConsentRequests(partner.id, query.status, { limit: query.limit, cursor: query.cursor, scope: `requests:${partner.id}:${query.status ?? ''}` });
    const now = nowIso();
    return json(200, { items: page.items.map((r) => toApiConsentRequest(r, now)), nextCursor: page.nextCursor });
  },

  'GET /v1/consent-requests/{requestId}': async ({ partner, params }) =>
    json(200, { consentRequest: toApiConsentRequest(await requirePartnerRequest(partner.id, params.requestId)) }),

  'DELETE /v1/consent-requests/{requestId}': async ({ partner, params, actor }) => {
    const request = await requirePartnerRequest(partner.id, params.requestId);
    const cancelled = await transitionRequest(request, 'cancelled', { action: 'consent.cancelled', actor, tenantId: request.tenantId });
    return json(200, { consentRequest: toApiConsentRequest(cancelled) });
  },

  'GET /v1/consent-link': async ({ partner }) => {
    checkMayHaveConsentLink(partner);
    return json(200, { url: `${publicUrl()}/l/${await ensureConsentLink(partner)}` });
  },

  'GET /v1/customers': async ({ partner, query }) =>
    json(200, await listCustomers(partner, { limit: query.limit, cursor: query.cursor, scope: `customers:${partner.id}` })),

  'GET /v1/customers/{tenantId}': async ({ partner, params }) => {
    const authorization = await authorizationFor(partner, params.tenantId);
    const tenant = authorization.status === 'active' ? await getTenant(params.tenantId) : undefined;
    if (!tenant || !authorization.relationship) throw notFound('Customer');
    return json(200, { customer: toCustomer(tenant, authorization.relationship, nowIso(), authorization.viaResellerId) });
  },

  'POST /v1/consent-checks': async ({ partner, body }) => json(200, { results: await checkConsent(partner, body.tenants) }),

  'GET /openapi.json': async () => json(200, openApiDocument()),
});
