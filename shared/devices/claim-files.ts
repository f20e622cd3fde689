import type { Actor } from '#shared/domain/actor.ts';
import type { Channel, DeviceInput } from '#shared/domain/devices.ts';
import { validationFailed } from '#shared/domain/errors.ts';
import { openClaim, type ClaimEvidence } from './claims.ts';
import { parseDeviceCsvFile } from './csv.ts';

/* A claim request (R26): a JSON body, or a CSV file with its tenant and evidence in the query. */

/** A claim as the routes receive it: a JSON body with its tenant and evidence, or a CSV file with them in the query. */
export type ClaimRequest = Buffer | { tenantId?: string; devices: DeviceInput[]; evidence: ClaimEvidence };
export interface ClaimFileQuery {
  tenantId?: string;
  reference?: string;
  purchaseDate?: string;
  note?: string;
}

/** The rows, tenant, evidence and channel of a claim request; a file without its tenant or reference is refused. */
export function claimInput(request: ClaimRequest, query: ClaimFileQuery, needsTenant: boolean) {
  if (!Buffer.isBuffer(request)) return { tenantId: request.tenantId, rows: request.devices.map((device) => ({ device })), evidence: request.evidence, channel: 'api' as Channel, malformed: [] };
  const missing = [...(needsTenant && !query.tenantId ? ['tenantId'] : []), ...(!query.reference ? ['reference'] : [])];
  if (missing.length > 0) throw validationFailed(missing.map((path) => ({ path, message: 'is required with a CSV file' })), 'Query is invalid');
  const { rows, malformed } = parseDeviceCsvFile(request);
  if (rows.length === 0 && malformed.length === 0) throw validationFailed([{ path: '', message: 'the file names no device' }], 'Request body is invalid');
  const evidence: ClaimEvidence = { reference: query.reference!, ...(query.purchaseDate ? { purchaseDate: query.purchaseDate } : {}), ...(query.note ? { note: query.note } : {}) };
  return { tenantId: query.tenantId, rows, evidence, channel: 'csv' as Channel, malformed };
}

/** `POST /v1/tenant/device-claims`: the tenant's own claim, by the hardware hashes captured on the devices (proof of possession, R26). */
export async function openTenantClaim(tenantId: string, request: ClaimRequest, query: ClaimFileQuery, actor: Actor) {
  const input = claimInput(request, query, false);
  const answer = await openClaim({ kind: 'tenant', tenantId }, input.rows, input.evidence, actor);
  return { status: answer.claim ? 201 : 200, body: { ...answer, ...(input.malformed.length ? { malformedLines: input.malformed } : {}) } };
}

