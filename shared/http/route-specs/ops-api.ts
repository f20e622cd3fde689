// Written by `npm run generate` from the route table (shared/http/routes.ts): do not edit.
// What the ops-api function's chain needs of its own routes at run time (shared/http/chain.ts).

import { AuditQuery, ClaimDecisionBody, ConsentStatusCheckBody, CreatePartnerBody, CreatePartnerPersonBody, CreateTenantBody, CreateUserBody, OpsClaimListQuery, PageQuery, RevokeBody, UpdatePartnerBody, UpdateTenantBody } from '../schemas.ts';
import type { FunctionRoutes } from '../routes.ts';

export const routeSpecs = {
  fn: 'ops-api',
  routes: {
    'POST /ops/partners': { auth: 'operator', body: CreatePartnerBody },
    'GET /ops/partners/{partnerId}': { auth: 'operator' },
    'PATCH /ops/partners/{partnerId}': { auth: 'operator', body: UpdatePartnerBody },
    'GET /ops/partners/{partnerId}/api-keys': { auth: 'operator' },
    'POST /ops/partners/{partnerId}/api-keys': { auth: 'operator' },
    'DELETE /ops/partners/{partnerId}/api-keys/{keyId}': { auth: 'operator' },
    'POST /ops/tenants': { auth: 'operator', body: CreateTenantBody },
    'GET /ops/tenants/{tenantId}': { auth: 'operator' },
    'PATCH /ops/tenants/{tenantId}': { auth: 'operator', body: UpdateTenantBody },
    'POST /ops/tenants/{tenantId}/users': { auth: 'operator', body: CreateUserBody },
    'POST /ops/relationships/{tenantId}/{partnerId}/revoke': { auth: 'operator', body: RevokeBody },
    'GET /ops/removal-requests': { auth: 'operator', query: PageQuery },
    'POST /ops/jobs/consent-status-check': { auth: 'operator', body: ConsentStatusCheckBody },
    'GET /ops/audit': { auth: 'operator', query: AuditQuery },
    'GET /ops/device-claims': { auth: 'operator', query: OpsClaimListQuery },
    'GET /ops/device-claims/{claimId}': { auth: 'operator' },
    'POST /ops/device-claims/{claimId}/decisions': { auth: 'operator', body: ClaimDecisionBody },
    'POST /ops/partners/{partnerId}/users': { auth: 'operator', body: CreatePartnerPersonBody },
  },
} as const satisfies FunctionRoutes<'ops-api'>;
