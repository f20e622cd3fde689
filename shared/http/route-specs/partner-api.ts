// Written by `npm run generate` from the route table (shared/http/routes.ts): do not edit.
// What the partner-api function's chain needs of its own routes at run time (shared/http/chain.ts).

import { BatchDevicesBody, BatchListQuery, ClaimFileQuery, ClaimListQuery, ConsentChecksBody, ConsentRequestListQuery, CreateBatchBody, CreateClaimBody, CreateConsentRequestBody, DeviceListQuery, DeviceSubmissionBody, DeviceUploadQuery, PageQuery, PartnerAuditQuery, WebhookBody } from '../schemas.ts';
import type { FunctionRoutes } from '../routes.ts';

export const routeSpecs = {
  fn: 'partner-api',
  routes: {
    'GET /v1/me': { auth: 'partner' },
    'POST /v1/consent-requests': { auth: 'partner', idempotencyKey: true, body: CreateConsentRequestBody },
    'GET /v1/consent-requests': { auth: 'partner', query: ConsentRequestListQuery },
    'GET /v1/consent-requests/{requestId}': { auth: 'partner' },
    'DELETE /v1/consent-requests/{requestId}': { auth: 'partner' },
    'GET /v1/consent-link': { auth: 'partner' },
    'GET /v1/customers': { auth: 'partner', query: PageQuery },
    'GET /v1/customers/{tenantId}': { auth: 'partner' },
    'POST /v1/consent-checks': { auth: 'partner', idempotencyKey: true, body: ConsentChecksBody },
    'POST /v1/device-submissions/validate': { auth: 'partner', idempotencyKey: true, maxBodyBytes: 6291456, body: DeviceSubmissionBody },
    'POST /v1/devices': { auth: 'partner', idempotencyKey: true, maxBodyBytes: 6291456, body: DeviceSubmissionBody },
    'POST /v1/device-uploads': { auth: 'partner', idempotencyKey: true, file: true, maxBodyBytes: 6291456, query: DeviceUploadQuery },
    'GET /v1/devices': { auth: 'partner', query: DeviceListQuery },
    'DELETE /v1/devices/{deviceId}': { auth: 'partner' },
    'POST /v1/device-batches': { auth: 'partner', idempotencyKey: true, body: CreateBatchBody },
    'GET /v1/device-batches': { auth: 'partner', query: BatchListQuery },
    'GET /v1/device-batches/{batchId}': { auth: 'partner' },
    'POST /v1/device-batches/{batchId}/devices': { auth: 'partner', idempotencyKey: true, file: true, maxBodyBytes: 6291456, body: BatchDevicesBody },
    'POST /v1/device-batches/{batchId}/submit': { auth: 'partner', idempotencyKey: true },
    'GET /v1/device-batches/{batchId}/results': { auth: 'partner', query: PageQuery },
    'GET /v1/audit': { auth: 'partner', query: PartnerAuditQuery },
    'PUT /v1/webhook': { auth: 'partner', body: WebhookBody },
    'POST /v1/webhook/secret-rotations': { auth: 'partner', idempotencyKey: true },
    'GET /v1/webhook': { auth: 'partner' },
    'GET /v1/webhook/deliveries': { auth: 'partner', query: PageQuery },
    'POST /v1/webhook/deliveries/{deliveryId}/redeliver': { auth: 'partner', idempotencyKey: true },
    'POST /v1/device-claims': { auth: 'partner', idempotencyKey: true, file: true, maxBodyBytes: 6291456, query: ClaimFileQuery, body: CreateClaimBody },
    'GET /v1/device-claims': { auth: 'partner', query: ClaimListQuery },
    'GET /v1/device-claims/{claimId}': { auth: 'partner' },
    'GET /v1/device-claims/{claimId}/devices': { auth: 'partner', query: PageQuery },
    'POST /v1/device-claims/{claimId}/withdraw': { auth: 'partner', idempotencyKey: true },
    'GET /openapi.json': { auth: 'none' },
  },
} as const satisfies FunctionRoutes<'partner-api'>;
