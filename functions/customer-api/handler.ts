import { checkConfig } from '#shared/config/config.ts';
import { FUNCTION_SECRETS } from '#shared/config/secrets.ts';
import { tenantAccess } from '#shared/customers/access.ts';
import { exportTenantAudit, tenantAuditPage } from '#shared/customers/audit.ts';
import { exportTenantDevices, tenantDevicesPage } from '#shared/customers/devices.ts';
import { createReleaseBatch, requireReleaseBatch, submitBatch, toApiBatch } from '#shared/devices/batches.ts';
import { releaseDevices, releaseRowsOf } from '#shared/devices/release.ts';
import { addDevicesToRelease, releaseResultsDownload, releaseResultsPage } from '#shared/devices/tenant-releases.ts';
import { requireTenant } from '#shared/directory/directory.ts';
import { openTenantClaim } from '#shared/devices/claim-files.ts';
import { requireTenantClaim, respondToClaim, tenantClaimDevicesPage, tenantClaimsPage, tenantClaimView, withdrawClaim } from '#shared/devices/claims.ts';
import { httpFunction } from '#shared/http/chain.ts';
import { routeSpecs } from '#shared/http/route-specs/customer-api.ts';
import { download, json, wantsCsv } from '#shared/http/response.ts';

// Cold start: wrong configuration fails here, naming the variable, before any request is served.
await checkConfig(['TABLE_NAME', 'PUBLIC_URL', 'DOWNLOADS_BUCKET'], { secrets: FUNCTION_SECRETS['customer-api'] });

/** R23's filters as the query names them. */
const filterOf = (query: { partnerId?: string; batchId?: string; q?: string; registeredAfter?: string; registeredBefore?: string }) => ({
  ...(query.partnerId ? { partnerId: query.partnerId } : {}),
  ...(query.batchId ? { batchId: query.batchId } : {}),
  ...(query.q ? { identity: query.q } : {}),
  ...(query.registeredAfter ? { registeredAfter: query.registeredAfter } : {}),
  ...(query.registeredBefore ? { registeredBefore: query.registeredBefore } : {}),
});

/**
 * The customer API (API.md "Customer API", R23-R25, R29, R30): a tenant's own systems, with a customer API
 * key whose scopes the chain has checked. Every route works on the key's own tenant only (R19).
 */
export const handler = httpFunction(routeSpecs, {
  'GET /v1/tenant': async ({ customer }) => json(200, { tenant: await requireTenant(customer.tenantId) }),

  'GET /v1/tenant/devices': async ({ customer, query, headers }) =>
    wantsCsv(headers)
      ? download(await exportTenantDevices(customer.tenantId, filterOf(query)))
      : json(200, await tenantDevicesPage(customer.tenantId, filterOf(query), { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) })),

  'GET /v1/tenant/partners': async ({ customer, query }) =>
    json(200, await tenantAccess(await requireTenant(customer.tenantId), { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) })),
  'GET /v1/tenant/audit': async ({ customer, query, headers }) => {
    const { limit, cursor, ...filter } = query;
    return wantsCsv(headers)
      ? download(await exportTenantAudit(customer.tenantId, filter))
      : json(200, await tenantAuditPage(customer.tenantId, filter, { limit, ...(cursor ? { cursor } : {}) }));
  },

  'POST /v1/tenant/device-releases': async ({ customer, body, actor }) => json(200, await releaseDevices(customer.tenantId, releaseRowsOf(body.devices), actor)),

  'POST /v1/tenant/release-batches': async ({ customer, actor }) => {
    const { batch } = await createReleaseBatch(customer.tenantId, { actor: { ...actor, type: 'customer_key' } });
    return json(201, { batch: toApiBatch(batch) }, { location: `/v1/tenant/release-batches/${batch.id}` });
  },

  'GET /v1/tenant/release-batches/{batchId}': async ({ customer, params }) => json(200, { batch: toApiBatch(await requireReleaseBatch(customer.tenantId, params.batchId)) }),

  'POST /v1/tenant/release-batches/{batchId}/devices': async ({ customer, params, body, actor }) => {
    const { batch, malformedLines } = await addDevicesToRelease(customer.tenantId, params.batchId, body, actor);
    return json(200, { batch: toApiBatch(batch), ...(malformedLines ? { malformedLines } : {}) });
  },

  'POST /v1/tenant/release-batches/{batchId}/submit': async ({ customer, params, actor }) => {
    const batch = await submitBatch({ tenantId: customer.tenantId }, params.batchId, actor);
    return json(202, { batch: toApiBatch(batch) }, { location: `/v1/tenant/release-batches/${batch.id}` });
  },

  'GET /v1/tenant/release-batches/{batchId}/results': async ({ customer, params, query, headers }) =>
    wantsCsv(headers)
      ? download(await releaseResultsDownload(customer.tenantId, params.batchId))
      : json(200, await releaseResultsPage(customer.tenantId, params.batchId, { limit: query.limit, cursor: query.cursor, scope: `release-results:${customer.tenantId}:${params.batchId}` })),

  'GET /v1/tenant/device-claims': async ({ customer, query }) =>
    json(200, await tenantClaimsPage(customer.tenantId, query.direction, { limit: query.limit, cursor: query.cursor, scope: `tenant-claims:${customer.tenantId}:${query.direction}` })),

  'POST /v1/tenant/device-claims': async ({ customer, query, body, actor }) => {
    const answer = await openTenantClaim(customer.tenantId, body, query, actor);
    return json(answer.status, answer.body, answer.body.claim ? { location: `/v1/tenant/device-claims/${answer.body.claim.id}` } : {});
  },

  'GET /v1/tenant/device-claims/{claimId}': async ({ customer, params }) => json(200, { claim: tenantClaimView(customer.tenantId, await requireTenantClaim(customer.tenantId, params.claimId)) }),

  'GET /v1/tenant/device-claims/{claimId}/devices': async ({ customer, params, query }) =>
    json(200, await tenantClaimDevicesPage(customer.tenantId, await requireTenantClaim(customer.tenantId, params.claimId), { limit: query.limit, cursor: query.cursor, scope: `tenant-claim-devices:${customer.tenantId}:${params.claimId}` })),

  'POST /v1/tenant/device-claims/{claimId}/responses': async ({ customer, params, body, actor }) =>
    json(200, { claim: await respondToClaim(customer.tenantId, params.claimId, body, actor) }),

  'POST /v1/tenant/device-claims/{claimId}/withdraw': async ({ customer, params, actor }) =>
    json(200, { claim: { ...(await withdrawClaim({ tenantId: customer.tenantId }, params.claimId, actor)), direction: 'outgoing' } }),
});
