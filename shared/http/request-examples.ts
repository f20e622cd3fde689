import type { RouteKey } from './routes.ts';

/**
 * One example per request body, shown in the OpenAPI document next to the body's schema. The
 * contract test checks each against its own schema, so an example can never drift from the rules.
 */
export const requestExamples: Partial<Record<RouteKey, unknown>> = {
  'POST /ops/partners': { name: 'Contoso Devices', kind: 'direct-csp', contactEmail: 'ops@contoso.example' },
  'PATCH /ops/partners/{partnerId}': { directApiEligible: true },
  'POST /ops/tenants': { name: 'Fabrikam', initialDomain: 'fabrikam.onmicrosoft.example', domains: ['fabrikam.example'] },
  'PATCH /ops/tenants/{tenantId}': { requireIdpSignIn: true },
  'POST /ops/tenants/{tenantId}/users': { email: 'admin@fabrikam.example', displayName: 'Fabrikam Admin', roles: ['GlobalAdministrator'] },
  'POST /ops/partners/{partnerId}/users': { email: 'alex@contoso.example', displayName: 'Alex Wilber', role: 'admin' },
  'POST /ops/relationships/{tenantId}/{partnerId}/revoke': { reason: 'The partner was found registering devices without consent' },
  'POST /ops/jobs/consent-status-check': {},
  'POST /v1/consent-requests': { recipientEmail: 'admin@fabrikam.example', tenantDomain: 'fabrikam.example', delegatedAdmin: { roles: ['IntuneAdministrator'], durationDays: 90 }, message: 'As agreed on the phone' },
  'POST /v1/consent-checks': { tenants: ['fabrikam.example', 't_01JD3'] },
  'POST /v1/device-submissions/validate': { tenantId: 't_01JD3', devices: [{ manufacturer: 'Contoso', model: 'Laptop 7', serialNumber: 'SN-1' }] },
  'POST /v1/devices': { tenantId: 't_01JD3', devices: [{ manufacturer: 'Contoso', model: 'Laptop 7', serialNumber: 'SN-1', groupTag: 'Sales' }] },
  'POST /v1/device-batches': { tenantId: 't_01JD3', action: 'register' },
  'POST /v1/device-batches/{batchId}/devices': { devices: [{ manufacturer: 'Contoso', model: 'Laptop 7', serialNumber: 'SN-1' }] },
  'POST /v1/tenant/device-releases': { confirm: 'irreversible', devices: [{ deviceId: 'd_5f0c2a9e1b7d4c3a8e6f0b12' }, { manufacturer: 'Contoso', model: 'Laptop 7', serialNumber: 'SN-1' }] },
  'POST /v1/tenant/release-batches': { confirm: 'irreversible' },
  'POST /v1/tenant/release-batches/{batchId}/devices': { devices: [{ manufacturer: 'Contoso', model: 'Laptop 7', serialNumber: 'SN-1' }] },
  'POST /v1/device-claims': { tenantId: 't_01JD3', devices: [{ manufacturer: 'Contoso', model: 'Laptop 7', serialNumber: 'SN-1' }], evidence: { reference: 'PO-2026-1187', purchaseDate: '2026-10-01', note: 'Bought from a refurbisher' } },
  'POST /v1/tenant/device-claims': { devices: [{ hardwareHash: 'T0VNLUhBU0gtQ0FQVFVSRUQtT04tVEhFLURFVklDRS1CWS1HRVQtV0lORE9XU0FVVE9QSUxPVElORk8tMDAwMDAwMDAwMDAwMDAwMA==' }], evidence: { reference: 'Devices in hand at the Lyon site' } },
  'POST /v1/tenant/device-claims/{claimId}/responses': { devices: [0, 2], response: 'contest', reason: 'We bought these from Contoso; invoice 2231' },
  'POST /ops/device-claims/{claimId}/decisions': { devices: 'all', decision: 'grant', reason: 'The order reference matches the reseller invoice' },
  'PUT /v1/webhook': { url: 'http://127.0.0.1:9000/', events: ['consent.accepted', 'device_batch.finished'] },
};

/** The example CSV file of the file routes (the columns Get-WindowsAutopilotInfo writes). */
export const CSV_EXAMPLE = 'Device Serial Number,Windows Product ID,Hardware Hash,Manufacturer name,Device model\nSN-1,,,Contoso,Laptop 7\n';
