import { normalizeDomain } from '#shared/domain/directory.ts';
import { MAX_PENDING_PROOFS } from '#shared/domain/domain-proof.ts';
import { getItem } from './batch.ts';
import { tableName } from './client.ts';
import { fieldsOf, pick } from './items.ts';
import { domainProofKeys } from './keys.ts';
import { keyQuery, queryAll } from './page.ts';
import type { Write } from './transact.ts';

/**
 * R21: the domains a tenant's global admin is proving by DNS, one item each in the tenant's
 * partition, holding the token of the TXT record to publish. The token is no secret (it is
 * published in DNS); it is bound to this tenant and domain by the item's key.
 */
export interface DomainProof {
  tenantId: string;
  domain: string;
  token: string;
  createdAt: string;
  /** The admin who started it. */
  startedBy: string;
}

const PROOF_FIELDS = /* @__PURE__ */ fieldsOf<DomainProof>()(['tenantId', 'domain', 'token', 'createdAt', 'startedBy']);

/** A new proof; `proof_exists` when this tenant is proving this domain already (its token stays). */
export const domainProofPut = (proof: DomainProof): Write => ({
  ifConditionFails: 'proof_exists',
  Put: {
    TableName: tableName(),
    Item: { ...domainProofKeys.key(proof.tenantId, proof.domain), type: 'domainProof', ...proof, domain: normalizeDomain(proof.domain) },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/** Ends a proof (proven, or given up), only while it has this token (`proof_changed`). */
export const domainProofDelete = (tenantId: string, domain: string, token: string): Write => ({
  ifConditionFails: 'proof_changed',
  Delete: { TableName: tableName(), Key: domainProofKeys.key(tenantId, domain), ConditionExpression: '#token = :token', ExpressionAttributeNames: { '#token': 'token' }, ExpressionAttributeValues: { ':token': token } },
});

export const getDomainProof = (tenantId: string, domain: string): Promise<DomainProof | undefined> =>
  getItem({ key: domainProofKeys.key(tenantId, domain), from: (item) => (item ? pick<DomainProof>(item, PROOF_FIELDS) : undefined) });

/** A tenant's pending proofs, by domain (at most MAX_PENDING_PROOFS, and one more to tell the limit is reached). */
export async function listDomainProofs(tenantId: string): Promise<DomainProof[]> {
  const items = await queryAll(keyQuery(domainProofKeys.queryOfTenant(tenantId), { consistent: true }), MAX_PENDING_PROOFS + 1);
  return items.map((item) => pick<DomainProof>(item, PROOF_FIELDS));
}
