import type { Actor } from '#shared/domain/actor.ts';
import { DomainError } from '#shared/domain/errors.ts';
import { customerMayTerminate } from '#shared/domain/relationship.ts';
import { logger } from '#shared/observability/logger.ts';
import { listTenantRelationships } from '#shared/table/relationships.ts';
import { forEachConcurrently } from '#shared/util/batching.ts';
import { terminateRelationship } from './end-relationship.ts';

/** What "end every CSP relationship" did: how many it ended, and the partners whose relationship it could not end. */
export interface EveryCspEnded {
  ended: number;
  notEnded: { partnerId: string; reason: string }[];
}

/** Relationships ended at once (each its own transaction). */
const CONCURRENCY = 4;

/**
 * R30: a tenant's global admin ends every active CSP relationship at once. Each is ended by R11's
 * own use case (terminateRelationship: its own transaction, audit event and webhooks, a reseller's
 * provider with it); OEM relationships are left as they are (R12: only operators revoke them). One
 * that cannot be ended (ended meanwhile, a conflict, the table unavailable for a moment) does not
 * stop the others: it is reported, and stays active if it was.
 */
export async function terminateEveryCspRelationship(tenantId: string, actor: Actor): Promise<EveryCspEnded> {
  const endable = (await listTenantRelationships(tenantId)).filter(customerMayTerminate);
  const outcome: EveryCspEnded = { ended: 0, notEnded: [] };
  await forEachConcurrently(endable, CONCURRENCY, async (relationship) => {
    try {
      await terminateRelationship(tenantId, relationship.partnerId, actor);
      outcome.ended++;
    } catch (error) {
      if (!(error instanceof DomainError)) logger.error('ending a CSP relationship failed', { tenantId, partnerId: relationship.partnerId, error: error as Error });
      outcome.notEnded.push({ partnerId: relationship.partnerId, reason: error instanceof DomainError ? error.message : 'The service could not end it just now' });
    }
  });
  return outcome;
}
