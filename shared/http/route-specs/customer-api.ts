// Written by `npm run generate` from the route table (shared/http/routes.ts): do not edit.
// What the customer-api function's chain needs of its own routes at run time (shared/http/chain.ts).

import { BatchDevicesBody, ClaimFileQuery, ClaimResponseBody, CreateTenantClaimBody, DeviceReleaseBody, PageQuery, ReleaseBatchBody, TenantAuditQuery, TenantClaimListQuery, TenantDeviceQuery } from '../schemas.ts';
import type { FunctionRoutes } from '../routes.ts';

export const routeSpecs = {
  fn: 'customer-api',
  routes: {
    'GET /v1/tenant': { auth: 'customer' },
    'GET /v1/tenant/devices': { auth: 'customer', scope: 'devices:read', query: TenantDeviceQuery },
    'POST /v1/tenant/device-releases': { auth: 'customer', scope: 'devices:release', maxBodyBytes: 6291456, body: DeviceReleaseBody },
    'POST /v1/tenant/release-batches': { auth: 'customer', scope: 'devices:release', body: ReleaseBatchBody },
    'GET /v1/tenant/release-batches/{batchId}': { auth: 'customer', scope: 'devices:release' },
    'POST /v1/tenant/release-batches/{batchId}/devices': { auth: 'customer', scope: 'devices:release', file: true, maxBodyBytes: 6291456, body: BatchDevicesBody },
    'POST /v1/tenant/release-batches/{batchId}/submit': { auth: 'customer', scope: 'devices:release' },
    'GET /v1/tenant/release-batches/{batchId}/results': { auth: 'customer', scope: 'devices:release', query: PageQuery },
    'GET /v1/tenant/partners': { auth: 'customer', scope: 'access:read', query: PageQuery },
    'GET /v1/tenant/audit': { auth: 'customer', scope: 'audit:read', query: TenantAuditQuery },
    'GET /v1/tenant/device-claims': { auth: 'customer', scope: 'claims:write', query: TenantClaimListQuery },
    'POST /v1/tenant/device-claims': { auth: 'customer', scope: 'claims:write', file: true, maxBodyBytes: 6291456, query: ClaimFileQuery, body: CreateTenantClaimBody },
    'GET /v1/tenant/device-claims/{claimId}': { auth: 'customer', scope: 'claims:write' },
    'GET /v1/tenant/device-claims/{claimId}/devices': { auth: 'customer', scope: 'claims:write', query: PageQuery },
    'POST /v1/tenant/device-claims/{claimId}/responses': { auth: 'customer', scope: 'claims:write', body: ClaimResponseBody },
    'POST /v1/tenant/device-claims/{claimId}/withdraw': { auth: 'customer', scope: 'claims:write' },
  },
} as const satisfies FunctionRoutes<'customer-api'>;
