import { readFile } from 'node:fs/promises';
import { checkConfig } from '#shared/config/config.ts';
import { FUNCTION_SECRETS } from '#shared/config/secrets.ts';
import { nowIso } from '#shared/domain/ids.ts';
import { cancelConsentRequest } from '#shared/consent/accept-consent.ts';
import { partnerAuditPage } from '#shared/customers/audit.ts';
import { checkConsent } from '#shared/consent/consent-checks.ts';
import { requirePartnerRequest } from '#shared/consent/partner-request.ts';
import { requestConsent, toApiConsentRequest } from '#shared/consent/request-consent.ts';
import { createBatch, requireOwnBatch, submitBatch, toApiBatch } from '#shared/devices/batches.ts';
import { addDevicesToBatch, ownBatchResultsDownload, ownBatchResultsPage } from '#shared/devices/partner-batches.ts';
import { listCustomerDevices, registerDevices, uploadDeviceFile, validateDevices } from '#shared/devices/partner-devices.ts';
import { deregister } from '#shared/devices/submission.ts';
import { openPartnerClaim, withdrawPartnerClaim } from '#shared/devices/claim-requests.ts';
import { claimantDevicesPage, claimantView, partnerClaimsPage, requirePartnerClaim } from '#shared/devices/claims.ts';
import { httpFunction, rawBody } from '#shared/http/chain.ts';
import { routeSpecs } from '#shared/http/route-specs/partner-api.ts';
import { rateLimitHeaders } from '#shared/http/problem.ts';
import { API_HEADERS, download, json, noContent } from '#shared/http/response.ts';
import { servedOpenApi } from '#shared/http/openapi-served.ts';
import { publicUrl } from '#shared/config/env.ts';
import { consentLinkUrl } from '#shared/partners/consent-link.ts';
import { requireCustomer } from '#shared/relationships/customers.ts';
import { listBatches } from '#shared/table/batches.ts';
import { listConsentRequests } from '#shared/table/consent-requests.ts';
import { listDeliveries } from '#shared/table/outbox.ts';
import { listCustomers } from '#shared/table/relationships.ts';
import { putWebhook, redeliverWebhook, requireWebhook, rotateWebhookSecret } from '#shared/webhooks/webhooks.ts';

// Cold start: wrong configuration fails here, naming the variable, before any request is served.
await checkConfig(['TABLE_NAME', 'PUBLIC_URL', 'DOWNLOADS_BUCKET'], { secrets: FUNCTION_SECRETS['partner-api'] });

/**
 * The OpenAPI document, written at build time beside this handler (`npm run generate`; the CDK
 * construct copies it into the function's asset) and read at its first request, not at cold start;
 * served with this service's `PUBLIC_URL` as its server.
 */
let openApi: Promise<string> | undefined;
const openApiText = () => (openApi ??= readFile(new URL('./openapi.json', import.meta.url), 'utf8').then((generated) => servedOpenApi(generated, publicUrl())));

const REPLAYED = { 'idempotent-replayed': 'true' };

/** The partner API (API.md), authenticated by partner API keys. Each route calls one use case. */
export const handler = httpFunction(routeSpecs, {
  'GET /v1/me': async ({ partner }) => json(200, { partner: { ...partner, linkId: undefined } }),

  'POST /v1/consent-requests': async ({ partner, body, idempotencyKey, actor }) => {
    const { request, created, rateLimit } = await requestConsent(partner, body, { idempotencyKey, actor });
    return json(201, { consentRequest: toApiConsentRequest(request) }, { location: `/v1/consent-requests/${request.id}`, ...rateLimitHeaders(rateLimit), ...(created ? {} : REPLAYED) });
  },

  'GET /v1/consent-requests': async ({ partner, query }) => {
    const page = await listConsentRequests(partner.id, query.status, { limit: query.limit, cursor: query.cursor, scope: `requests:${partner.id}:${query.status ?? ''}` });
    const now = nowIso();
    return json(200, { items: page.items.map((r) => toApiConsentRequest(r, now)), nextCursor: page.nextCursor });
  },

  'GET /v1/consent-requests/{requestId}': async ({ partner, params }) =>
    json(200, { consentRequest: toApiConsentRequest(await requirePartnerRequest(partner.id, params.requestId)) }),

  'DELETE /v1/consent-requests/{requestId}': async ({ partner, params, actor }) =>
    json(200, { consentRequest: toApiConsentRequest(await cancelConsentRequest(partner.id, params.requestId, actor)) }),

  'GET /v1/consent-link': async ({ partner, actor }) => json(200, { url: await consentLinkUrl(partner, actor) }),

  'GET /v1/customers': async ({ partner, query }) =>
    json(200, await listCustomers(partner, { limit: query.limit, cursor: query.cursor, scope: `customers:${partner.id}` })),

  'GET /v1/customers/{tenantId}': async ({ partner, params }) => json(200, { customer: await requireCustomer(partner, params.tenantId) }),

  'POST /v1/consent-checks': async ({ partner, body }) => json(200, { results: await checkConsent(partner, body.tenants) }),

  'POST /v1/device-submissions/validate': async ({ partner, body }) => json(200, await validateDevices(partner, body)),

  'POST /v1/devices': async ({ partner, body, idempotencyKey, actor, event }) => {
    const answer = await registerDevices(partner, body, { idempotencyKey, requestBody: rawBody(event).text, actor });
    return json(answer.status, answer.body, answer.replayed ? REPLAYED : {});
  },

  'POST /v1/device-uploads': async ({ partner, query, body, idempotencyKey, actor }) => {
    const answer = await uploadDeviceFile(partner, query, body, { idempotencyKey, actor });
    return json(answer.status, answer.body, answer.replayed ? REPLAYED : {});
  },

  'GET /v1/devices': async ({ partner, query }) =>
    json(200, await listCustomerDevices(partner, query.tenantId, { limit: query.limit, cursor: query.cursor, scope: `devices:${partner.id}:${query.tenantId}` })),

  'DELETE /v1/devices/{deviceId}': async ({ partner, params, actor }) => {
    await deregister(partner, params.deviceId, actor);
    return noContent();
  },

  'POST /v1/device-batches': async ({ partner, body, idempotencyKey, actor }) => {
    const { batch, created } = await createBatch(partner, body, { idempotencyKey, actor });
    return json(201, { batch: toApiBatch(batch) }, { location: `/v1/device-batches/${batch.id}`, ...(created ? {} : REPLAYED) });
  },

  'GET /v1/device-batches': async ({ partner, query }) => {
    const page = await listBatches(partner.id, query.tenantId, { limit: query.limit, cursor: query.cursor, scope: `batches:${partner.id}:${query.tenantId}` });
    return json(200, { items: page.items.map(toApiBatch), nextCursor: page.nextCursor });
  },

  'GET /v1/device-batches/{batchId}': async ({ partner, params }) => json(200, { batch: toApiBatch(await requireOwnBatch(partner.id, params.batchId)) }),

  'POST /v1/device-batches/{batchId}/devices': async ({ partner, params, body, idempotencyKey, actor }) => {
    const { batch, ...lines } = await addDevicesToBatch(partner, params.batchId, body, { idempotencyKey, actor });
    return json(200, { batch: toApiBatch(batch), ...lines });
  },

  'POST /v1/device-batches/{batchId}/submit': async ({ partner, params, actor }) => {
    const batch = await submitBatch(partner, params.batchId, actor);
    return json(202, { batch: toApiBatch(batch) }, { location: `/v1/device-batches/${batch.id}` });
  },

  'GET /v1/device-batches/{batchId}/results': async ({ partner, params, query, headers }) =>
    (headers.accept ?? '').includes('text/csv')
      ? download(await ownBatchResultsDownload(partner.id, params.batchId))
      : json(200, await ownBatchResultsPage(partner.id, params.batchId, { limit: query.limit, cursor: query.cursor, scope: `batch-results:${params.batchId}` })),

  'PUT /v1/webhook': async ({ partner, body, actor }) => json(200, await putWebhook(partner.id, body, actor)),

  'POST /v1/webhook/secret-rotations': async ({ partner, idempotencyKey, actor }) => {
    const { replayed, ...rotation } = await rotateWebhookSecret(partner.id, { idempotencyKey, actor });
    return json(201, rotation, replayed ? REPLAYED : {});
  },

  'GET /v1/webhook': async ({ partner }) => {
    const { url, events, updatedAt } = await requireWebhook(partner.id);
    return json(200, { url, events, updatedAt });
  },

  'GET /v1/audit': async ({ partner, query }) => {
    const { limit, cursor, ...filter } = query;
    return json(200, await partnerAuditPage(partner.id, filter, { limit, ...(cursor ? { cursor } : {}) }));
  },
  'GET /v1/webhook/deliveries': async ({ partner, query }) =>
    json(200, await listDeliveries(partner.id, { limit: query.limit, cursor: query.cursor, scope: `webhooks:${partner.id}` })),

  'POST /v1/webhook/deliveries/{deliveryId}/redeliver': async ({ partner, params, idempotencyKey, actor }) => {
    const { delivery, replayed } = await redeliverWebhook(partner.id, params.deliveryId, { idempotencyKey, actor });
    return json(202, { delivery }, replayed ? REPLAYED : {});
  },

  'POST /v1/device-claims': async ({ partner, query, body, idempotencyKey, actor }) => {
    const answer = await openPartnerClaim(partner, body, query, { idempotencyKey, actor });
    const claimId = (answer.body as { claim?: { id: string } }).claim?.id;
    return json(answer.status, answer.body, { ...(claimId ? { location: `/v1/device-claims/${claimId}` } : {}), ...(answer.replayed ? REPLAYED : {}) });
  },

  'GET /v1/device-claims': async ({ partner, query }) =>
    json(200, await partnerClaimsPage(partner.id, { ...(query.tenantId ? { tenantId: query.tenantId } : {}), ...(query.status ? { status: query.status } : {}) }, { limit: query.limit, cursor: query.cursor, scope: `claims:${partner.id}:${query.tenantId ?? ''}:${query.status ?? ''}` })),

  'GET /v1/device-claims/{claimId}': async ({ partner, params }) => json(200, { claim: claimantView((await requirePartnerClaim(partner.id, params.claimId)).claim) }),

  'GET /v1/device-claims/{claimId}/devices': async ({ partner, params, query }) =>
    json(200, await claimantDevicesPage(await requirePartnerClaim(partner.id, params.claimId), { limit: query.limit, cursor: query.cursor, scope: `claim-devices:${params.claimId}` })),

  'POST /v1/device-claims/{claimId}/withdraw': async ({ partner, params, idempotencyKey, actor }) => {
    const answer = await withdrawPartnerClaim(partner, params.claimId, { idempotencyKey, actor });
    return json(answer.status, answer.body, answer.replayed ? REPLAYED : {});
  },

  'GET /openapi.json': async () => ({ statusCode: 200, headers: { ...API_HEADERS, 'content-type': 'application/json; charset=utf-8' }, body: await openApiText() }),
});
