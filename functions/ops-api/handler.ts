import { httpFunction } from '#shared/http/chain.ts';
import { json, noContent } from '#shared/http/response.ts';
import { queryAudit } from '#shared/table/audit.ts';
import { checkRunAs } from '#shared/http/run-as.ts';
import { runConsentStatusCheck } from '#shared/workers/consent-status-check.ts';
import { listOpenRemovalRequests } from '#shared/table/removal-requests.ts';
import { revokeRelationship } from '#shared/relationships/end-relationship.ts';
import { createTenant, createUser, requireTenant, updateTenantSignIn } from '#shared/directory/directory.ts';
import { createApiKey, createPartner, listPartnerApiKeys, requirePartner, revokeApiKey, updatePartner } from '#shared/partners/partners.ts';
import { checkConfig } from '#shared/config/config.ts';
import { decideClaim, operatorClaimsPage, requireOperatorClaim } from '#shared/devices/claims.ts';
import { FUNCTION_SECRETS } from '#shared/config/secrets.ts';
import { createPartnerPerson } from '#shared/partners/partner-people.ts';

// Cold start: wrong configuration fails here, naming the variable, before any request is served.
await checkConfig(['TABLE_NAME', 'PUBLIC_URL'], { secrets: FUNCTION_SECRETS['ops-api'] });

/** The operator API (API.md): partners, their API keys, tenants, users and the audit trail. Each route calls one use case. */
export const handler = httpFunction('ops-api', {
  'POST /ops/partners': async ({ body, actor }) => {
    const { partner, apiKey, keyId } = await createPartner(body, actor);
    return json(201, { partner, apiKey, keyId });
  },
  'GET /ops/partners/{partnerId}': async ({ params }) => json(200, { partner: await requirePartner(params.partnerId) }),
  'PATCH /ops/partners/{partnerId}': async ({ params, body, actor }) =>
    json(200, { partner: await updatePartner(params.partnerId, body, actor) }),
  'GET /ops/partners/{partnerId}/api-keys': async ({ params }) => json(200, { items: await listPartnerApiKeys(params.partnerId), nextCursor: null }),
  'POST /ops/partners/{partnerId}/api-keys': async ({ params, actor }) =>
    json(201, await createApiKey(params.partnerId, actor)),
  'DELETE /ops/partners/{partnerId}/api-keys/{keyId}': async ({ params, actor }) => {
    await revokeApiKey(params.partnerId, params.keyId, actor);
    return noContent();
  },
  'POST /ops/partners/{partnerId}/users': async ({ params, body, actor }) => {
    const { userId, ...person } = await createPartnerPerson({ partnerId: params.partnerId, ...body }, actor);
    return json(201, { person: { id: userId, ...person } });
  },
  'POST /ops/tenants': async ({ body, actor }) => json(201, { tenant: await createTenant(body, actor) }),
  'GET /ops/tenants/{tenantId}': async ({ params }) => json(200, { tenant: await requireTenant(params.tenantId) }),
  'PATCH /ops/tenants/{tenantId}': async ({ params, body, actor }) => json(200, { tenant: await updateTenantSignIn(params.tenantId, body, actor) }),
  'POST /ops/tenants/{tenantId}/users': async ({ params, body, actor }) =>
    json(201, { user: await createUser(params.tenantId, body, actor) }),
  'POST /ops/relationships/{tenantId}/{partnerId}/revoke': async ({ params, body, actor }) =>
    json(200, { relationship: await revokeRelationship(params.tenantId, params.partnerId, body.reason, actor) }),
  'GET /ops/removal-requests': async ({ query }) =>
    json(200, await listOpenRemovalRequests({ limit: query.limit, cursor: query.cursor, scope: 'removal-requests' })),
  'POST /ops/jobs/consent-status-check': async ({ body }) => json(200, await runConsentStatusCheck(checkRunAs(body.now))),
  'GET /ops/audit': async ({ query }) => {
    const { limit, cursor, tenantId, partnerId } = query;
    return json(200, await queryAudit({ tenantId, partnerId }, { limit, cursor, scope: `audit:${tenantId ?? ''}:${partnerId ?? ''}` }));
  },
  'GET /ops/device-claims': async ({ query }) => json(200, await operatorClaimsPage(query.status, { limit: query.limit, cursor: query.cursor, scope: `ops-claims:${query.status}` })),
  'GET /ops/device-claims/{claimId}': async ({ params }) => json(200, await requireOperatorClaim(params.claimId)),
  'POST /ops/device-claims/{claimId}/decisions': async ({ params, body, actor }) => json(200, await decideClaim(params.claimId, body, actor)),
});
