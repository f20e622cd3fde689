import { isLocal, publicUrl } from '#shared/config/env.ts';
import { webhookUrlProblem } from '#shared/domain/webhooks.ts';
import { getWebhook, putWebhook } from '#shared/webhooks/webhooks.ts';
import { listDeliveries } from '#shared/table/outbox.ts';
import { requestConsent, requirePartnerRequest, toApiConsentRequest } from '#shared/consent/request-consent.ts';
import { canonicalJson } from '#shared/util/canonical-json.ts';
import type { DeviceInput } from '#shared/domain/devices.ts';
import { cancelConsentRequest } from '#shared/consent/accept-consent.ts';
import { checkMayHaveConsentLink } from '#shared/domain/consent.ts';
import { notFound, validationFailed } from '#shared/domain/errors.ts';
import { nowIso } from '#shared/domain/ids.ts';
import { toCustomer } from '#shared/domain/relationship.ts';
import { readFile } from 'node:fs/promises';
import { rateLimitHeaders } from '#shared/http/problem.ts';
import { API_HEADERS, csvFile, json, noContent } from '#shared/http/response.ts';
import { httpFunction, rawBody } from '#shared/http/chain.ts';
import { parseDeviceCsvFile } from '#shared/devices/csv.ts';
import { deregisterSubmission } from '#shared/devices/deregistration.ts';
import { addToBatch, batchResultsCsv, batchResultsPage, createBatch, requireOwnBatch, submitBatch, toApiBatch } from '#shared/devices/batches.ts';
import { listBatches } from '#shared/table/batches.ts';
import { deregister, registerSubmission, validateSubmission } from '#shared/devices/submission.ts';
import { listDevices } from '#shared/table/devices.ts';
import { idempotent } from '#shared/table/idempotency.ts';
import { checkConsent } from '#shared/consent/consent-checks.ts';
import { listConsentRequests } from '#shared/table/consent-requests.ts';
import { getTenant } from '#shared/table/directory.ts';
import { ensureConsentLink } from '#shared/partners/consent-link.ts';
import { authorizationFor, listCustomers } from '#shared/table/relationships.ts';
import { checkConfig } from '#shared/config/config.ts';
import { FUNCTION_SECRETS } from '#shared/config/secrets.ts';
import { countDevices } from '#shared/observability/metrics.ts';

// Cold start: wrong configuration fails here, naming the variable, before any request is served.
await checkConfig(['TABLE_NAME', 'PUBLIC_URL'], { secrets: FUNCTION_SECRETS['partner-api'] });

/**
 * The OpenAPI document, written at build time beside this handler (`npm run generate`; the CDK
 * construct copies it into the function's asset) and read at its first request, not at cold start.
 */
let openApi: Promise<string> | undefined;
const openApiText = () => (openApi ??= readFile(new URL('./openapi.json', import.meta.url), 'utf8'));

/** The partner API (API.md), authenticated by partner API keys. */
export const handler = httpFunction('partner-api', {
  'GET /v1/me': async ({ partner }) => json(200, { partner: { ...partner, linkId: undefined } }),

  'POST /v1/consent-requests': async ({ partner, body, idempotencyKey, actor }) => {
    const { request, created, rateLimit } = await requestConsent(partner, body, { idempotencyKey, actor });
    return json(201, { consentRequest: toApiConsentRequest(request) }, { location: `/v1/consent-requests/${request.id}`, ...rateLimitHeaders(rateLimit), ...(created ? {} : { 'idempotent-replayed': 'true' }) });
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
    json(200, countDevices('validated', await validateSubmission(partner, body.tenantId, body.devices.map((device) => ({ device }))))),

  'POST /v1/devices': async ({ partner, body, idempotencyKey, actor, event }) => {
    const answer = await idempotent({ partnerId: partner.id, route: 'POST /v1/devices' }, idempotencyKey, rawBody(event).text, async () => ({
      status: 200,
      body: countDevices('registered', await registerSubmission(partner, body.tenantId, body.devices.map((device) => ({ device })), 'api', actor)),
    }));
    return json(answer.status, answer.body, answer.replayed ? { 'idempotent-replayed': 'true' } : {});
  },

  'POST /v1/device-uploads': async ({ partner, query, body, idempotencyKey, actor }) => {
    const deregistering = query.action === 'deregister';
    const route = `POST /v1/device-uploads?${query.tenantId}${deregistering ? '&action=deregister' : ''}`;
    // The file's bytes identify the request: a multipart body's boundary changes on every retry.
    const answer = await idempotent({ partnerId: partner.id, route }, idempotencyKey, body.toString('base64'), async () => {
      const { rows, malformed } = parseDeviceCsvFile(body);
      const done = deregistering ? await deregisterSubmission(partner, query.tenantId, rows, 'csv', actor) : countDevices('registered', await registerSubmission(partner, query.tenantId, rows, 'csv', actor));
      // A malformed line is a row that could not be read: counted with the invalid ones.
      const summary = { ...done.summary, total: done.summary.total + malformed.length, invalid: done.summary.invalid + malformed.length };
      return { status: 200, body: { ...done, summary, malformedLines: malformed } };
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

  'POST /v1/device-batches': async ({ partner, body, idempotencyKey, actor }) => {
    const { batch, created } = await createBatch(partner, body, { idempotencyKey, actor });
    return json(201, { batch: toApiBatch(batch) }, { location: `/v1/device-batches/${batch.id}`, ...(created ? {} : { 'idempotent-replayed': 'true' }) });
  },

  'GET /v1/device-batches': async ({ partner, query }) => {
    const page = await listBatches(partner.id, query.tenantId, { limit: query.limit, cursor: query.cursor, scope: `batches:${partner.id}:${query.tenantId}` });
    return json(200, { items: page.items.map(toApiBatch), nextCursor: page.nextCursor });
  },

  'GET /v1/device-batches/{batchId}': async ({ partner, params }) => json(200, { batch: toApiBatch(await requireOwnBatch(partner.id, params.batchId)) }),

  'POST /v1/device-batches/{batchId}/devices': async ({ partner, params, body, idempotencyKey, actor }) => {
    // JSON devices come through the API channel; a CSV file through the CSV channel (R14), its
    // unreadable lines answered here, since they are no devices.
    const file = Buffer.isBuffer(body) ? parseDeviceCsvFile(body) : undefined;
    const rows = file ? file.rows : (body as { devices: DeviceInput[] }).devices.map((device) => ({ device }));
    const requestBody = file ? (body as Buffer).toString('base64') : canonicalJson(body);
    const batch = await addToBatch(partner, params.batchId, { rows, channel: file ? 'csv' : 'api', requestBody }, { idempotencyKey, actor });
    return json(200, { batch: toApiBatch(batch), ...(file ? { malformedLines: file.malformed } : {}) });
  },

  'POST /v1/device-batches/{batchId}/submit': async ({ partner, params, actor }) => {
    const batch = await submitBatch(partner, params.batchId, actor);
    return json(202, { batch: toApiBatch(batch) }, { location: `/v1/device-batches/${batch.id}` });
  },

  'GET /v1/device-batches/{batchId}/results': async ({ partner, params, query, headers }) => {
    const batch = await requireOwnBatch(partner.id, params.batchId);
    if ((headers.accept ?? '').includes('text/csv')) return csvFile(await batchResultsCsv(batch), `${batch.id}-results.csv`);
    return json(200, await batchResultsPage(batch, { limit: query.limit, cursor: query.cursor, scope: `batch-results:${batch.id}` }));
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

  'GET /openapi.json': async () => ({ statusCode: 200, headers: { ...API_HEADERS, 'content-type': 'application/json; charset=utf-8' }, body: await openApiText() }),
});
