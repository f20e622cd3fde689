import type { Actor } from '#shared/domain/actor.ts';
import type { Partner } from '#shared/domain/partner.ts';
import { idempotent } from '#shared/table/idempotency.ts';
import { openClaim, withdrawClaim } from './claims.ts';
import { claimInput, type ClaimRequest, type ClaimFileQuery } from './claim-files.ts';

/*
 * The claim routes' requests (R26): a JSON body or a CSV file, and the Idempotency-Key of the
 * partner's (R20). The claims themselves are ./claims.ts's.
 */

/**
 * `POST /v1/device-claims`: a partner's claim (R26) through its channel (R14: JSON is the API
 * channel, a file the CSV one), with an Idempotency-Key a retry has the effect of one call (R20).
 */
export async function openPartnerClaim(partner: Partner, request: ClaimRequest, query: ClaimFileQuery, options: { idempotencyKey?: string; actor: Actor }) {
  const input = claimInput(request, query, true);
  const requestBody = Buffer.isBuffer(request) ? `${JSON.stringify(query)}\n${request.toString('base64')}` : JSON.stringify(request);
  return idempotent({ partnerId: partner.id, route: 'POST /v1/device-claims' }, options.idempotencyKey, requestBody, async () => {
    const answer = await openClaim({ kind: 'partner', partner, tenantId: input.tenantId!, channel: input.channel }, input.rows, input.evidence, options.actor);
    return { status: answer.claim ? 201 : 200, body: { ...answer, ...(input.malformed.length ? { malformedLines: input.malformed } : {}) } };
  });
}

/** `POST /v1/device-claims/{claimId}/withdraw` with an Idempotency-Key (R20). */
export async function withdrawPartnerClaim(partner: Partner, claimId: string, options: { idempotencyKey?: string; actor: Actor }) {
  return idempotent({ partnerId: partner.id, route: `POST /v1/device-claims/${claimId}/withdraw` }, options.idempotencyKey, claimId, async () => ({
    status: 200,
    body: { claim: await withdrawClaim({ partnerId: partner.id }, claimId, options.actor) },
  }));
}

