import { isLocal, publicUrl } from '../../shared/config/env.ts';
import { webhookUrlProblem } from '../../shared/domain/webhooks.ts';
import { getWebhook, putWebhook } from '../../shared/webhooks/webhooks.ts';
import { listDeliveries } from '../../shared/table/outbox.ts';
import { checkIdempotencyKey, requestConsent, requirePartnerRequest, toApiConsentRequest } from '../../shared/consent/request-consent.ts';
import { cancelConsentRequest } from '../../shared/consent/accept-consent.ts';
import { checkMayHaveConsentLink } from '../../shared/domain/consent.ts';
import { notFound, validationFailed } from '../../shared/domain/errors.ts';
import { nowIso } from '../../shared/domain/ids.ts';
import { toCustomer } from '../../shared/domain/relationship.ts';
import { openApiDocument } from '../../shared/http/openapi.ts';
import { json, noContent } from '../../shared/http/response.ts';
import { httpFunction, rawBody } from '../../shared/http/chain.ts';
import { parseDeviceCsv } from '../../shared/devices/csv.ts';
import { deregister, registerSubmission, validateSubmission } from '../../shared/devices/submission.ts';
import { listDevices } from '../../shared/table/devices.ts';
import { idempotent } from '../../shared/table/idempotency.ts';
import { checkConsent } from '../../shared/consent/consent-checks.ts';
import { listConsentRequests } from '../../shared/table/consent-requests.ts';
import { getTenant } from '../../shared/table/directory.ts';
import { ensureConsentLink } from '../../shared/partners/consent-link.ts';
import { authorizationFor, listCustomers } from '../../shared/table/relationships.ts';
import { checkConfig } from '../../shared/config/config.ts';

// Cold start: wrong configuration fails here, naming the variable, before any request is served.
await checkConfig(['TABLE_NAME', 'PUBLIC_URL']);

/** The partner API (API.md), authenticated by partner API keys. */
export const handler = httpFunction('partner-api', {
  'GET /v1/me': async ({ partner }) => json(200, { partner: { ...partner, linkId: undefined } }),

  'POST /v1/consent-requests': async ({ partner, body, headers, actor }) => {
    const idempotencyKey = checkIdempotencyKey(headers['idempotency-key']);
    const { request, created } = await requestConsent(partner, body, { idempotencyKey, actor });
    return json(201, { consentRequest: toApiConsentRequest(request) }, { location: `/v1/consent-requests/${request.id}`, ...(created ? {} : { 'idempotent-replayed': 'true' }) });
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
    const cancelled = await cancelConsentRequest(request, actor);
    return json(200, { consentRequest: toApiConsentRequest(cancelled) });
  },

  'GET /v1/consent-link': async ({ partner, actor }) => {
    checkMayHaveConsentLink(partner);
    return json(200, { url: `${publicUrl()}/l/${await ensureConsentLink(partner, actor)}` });
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

  'POST /v1/device-submissions/validate': async ({ partner, body }) =>
    json(200, await validateSubmission(partner, body.tenantId, body.devices.map((device) => ({ device })))),

  'POST /v1/devices': async ({ partner, body, headers, actor, event }) => {
    const key = checkIdempotencyKey(headers['idempotency-key']);
    const answer = await idempotent({ partnerId: partner.id, route: 'POST /v1/devices' }, key, rawBody(event).text, async () => ({
      status: 200,
      body: await registerSubmission(partner, body.tenantId, body.devices.map((device) => ({ device })), 'api', actor),
    }));
    return json(answer.status, answer.body, answer.replayed ? { 'idempotent-replayed': 'true' } : {});
  },

  'POST /v1/device-uploads': async ({ partner, query, body, headers, actor }) => {
    const key = checkIdempotencyKey(headers['idempotency-key']);
    const answer = await idempotent({ partnerId: partner.id, route: `POST /v1/device-uploads?${query.tenantId}` }, key, body, async () => {
      const { rows, malformed } = parseDeviceCsv(body);
      const registered = await registerSubmission(partner, query.tenantId, rows, 'csv', actor);
      const summary = { ...registered.summary, total: registered.summary.total + malformed.length, invalid: registered.summary.invalid + malformed.length };
      return { status: 200, body: { ...registered, summary, malformedLines: malformed } };
    });
    return json(answer.status, answer.body, answer.replayed ? { 'idempotent-replayed': 'true' } : {});
  },

  'GET /v1/devices': async ({ partner, query }) => {
    if ((await authorizationFor(partner, query.tenantId)).status !== 'active') throw notFound('Customer');
    return json(200, await listDevices(partner.id, query.tenantId, { limit: query.limit, cursor: query.cursor, scope: `devices:${partner.id}:${query.tenantId}` }));
  },

  'DELETE /v1/devices/{deviceId}': async ({ partner, params, actor }) => {
    await deregister(partner, params.deviceId, actor);
    return noContent();
  },

  'PUT /v1/webhook': async ({ partner, body, actor }) => {
    const problem = webhookUrlProblem(body.url, isLocal());
    if (problem) throw validationFailed([{ path: 'url', message: problem }]);
    return json(200, await putWebhook(partner.id, body, actor));
  },

  'GET /v1/webhook': async ({ partner }) => {
    const config = await getWebhook(partner.id);
    if (!config) throw notFound('Webhook');
    return json(200, { url: config.url, events: config.events, updatedAt: config.updatedAt });
  },

  'GET /v1/webhook/deliveries': async ({ partner, query }) =>
    json(200, await listDeliveries(partner.id, { limit: query.limit, cursor: query.cursor, scope: `webhooks:${partner.id}` })),

  'GET /openapi.json': async () => json(200, openApiDocument()),
});
