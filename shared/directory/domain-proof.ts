import type { Actor } from '#shared/domain/actor.ts';
import { normalizeDomain, tenantDomains } from '#shared/domain/directory.ts';
import { checkProofRecords, domainProofRefusal, MAX_PENDING_PROOFS } from '#shared/domain/domain-proof.ts';
import { conflict, notFound, validationFailed } from '#shared/domain/errors.ts';
import { nowIso } from '#shared/domain/ids.ts';
import { newSecret } from '#shared/domain/tokens.ts';
import { commitChange } from '#shared/outbox/commit.ts';
import { domainPut, tenantDomainAdd } from '#shared/table/directory.ts';
import { domainProofDelete, domainProofPut, getDomainProof, listDomainProofs, type DomainProof } from '#shared/table/domain-proofs.ts';
import { failedBecause } from '#shared/table/transact.ts';
import { lookupTxt } from './dns-txt.ts';
import { requireTenant } from './directory.ts';

/**
 * R21: a tenant's global admin proves a domain by DNS. The portal starts a proof (a token for this
 * tenant and domain), shows the TXT record `device-consent-verification=<token>` to publish at the
 * domain, and checks it on demand through the DNS resolver. Proven, the domain is the tenant's: its
 * domain item (a domain belongs to at most one tenant), the tenant's list, the end of the proof and
 * the audit event commit together (R18). A domain another tenant holds stays with it: operators
 * settle that; the proof waits.
 */

/** What a check found. */
export type ProofOutcome = 'proven' | 'other_token' | 'no_record' | 'unavailable' | 'taken';

/** Starts proving a domain, or answers the proof already started for it (its token unchanged, so a published record stays right). */
export async function startDomainProof(tenantId: string, input: { domain: string; startedBy: string; initialDomainSuffix: string }, actor: Actor): Promise<DomainProof> {
  const domain = normalizeDomain(input.domain);
  const tenant = await requireTenant(tenantId);
  const refusal = domainProofRefusal(domain, tenant, input.initialDomainSuffix);
  if (refusal) throw validationFailed([{ path: 'domain', message: refusal }], 'The domain was not added');
  const existing = await getDomainProof(tenantId, domain);
  if (existing) return existing;
  if ((await listDomainProofs(tenantId)).length >= MAX_PENDING_PROOFS) {
    throw conflict(`At most ${MAX_PENDING_PROOFS} domains can wait for their proof at once; prove or remove one first`);
  }
  const proof: DomainProof = { tenantId, domain, token: newSecret(), createdAt: nowIso(), startedBy: input.startedBy };
  const outcome = await commitChange({
    writes: [domainProofPut(proof)],
    audit: { action: 'tenant.domain_proof_started', actor, tenantId, details: { domain } },
  });
  if (outcome.ok) return proof;
  // Started meanwhile (a double post): that one's token.
  const raced = await getDomainProof(tenantId, domain);
  if (raced) return raced;
  throw new Error(`domain proof not started: ${outcome.ok ? '' : outcome.failed.join(', ')}`);
}

/**
 * Checks a proof's TXT record now. Only `proven` changes anything: the domain becomes the
 * tenant's. Every other outcome leaves the proof as it was, to be checked again once the record
 * is published (DNS may take a while to show it).
 */
export async function checkDomainProof(tenantId: string, domainInput: string, actor: Actor): Promise<{ domain: string; outcome: ProofOutcome }> {
  const domain = normalizeDomain(domainInput);
  const proof = await getDomainProof(tenantId, domain);
  if (!proof) throw notFound('Domain proof');
  const lookup = await lookupTxt(domain);
  if (lookup.found === 'unavailable') return { domain, outcome: 'unavailable' };
  const found = checkProofRecords(lookup.found === 'records' ? lookup.records : [], proof.token);
  if (found !== 'proven') return { domain, outcome: found };
  const tenant = await requireTenant(tenantId);
  if (tenantDomains(tenant).includes(domain)) {
    // Listed meanwhile (by an operator): the proof has nothing left to do.
    await commitChange({ writes: [domainProofDelete(tenantId, domain, proof.token)], audit: { action: 'tenant.domain_proof_ended', actor, tenantId, details: { domain, reason: 'already_listed' } } });
    return { domain, outcome: 'proven' };
  }
  const outcome = await commitChange({
    writes: [domainPut(domain, tenantId), tenantDomainAdd(tenantId, domain), domainProofDelete(tenantId, domain, proof.token)],
    audit: { action: 'tenant.domain_verified', actor, tenantId, details: { domain, method: 'dns_txt' } },
  });
  if (outcome.ok) return { domain, outcome: 'proven' };
  if (failedBecause(outcome, `domain_taken:${domain}`)) return { domain, outcome: 'taken' };
  throw conflict('The domain or its proof changed meanwhile; check again');
}

/** Gives up proving a domain: its proof (and token) are removed; a record already published proves nothing any more. */
export async function removeDomainProof(tenantId: string, domainInput: string, actor: Actor): Promise<void> {
  const domain = normalizeDomain(domainInput);
  const proof = await getDomainProof(tenantId, domain);
  if (!proof) throw notFound('Domain proof');
  const outcome = await commitChange({
    writes: [domainProofDelete(tenantId, domain, proof.token)],
    audit: { action: 'tenant.domain_proof_ended', actor, tenantId, details: { domain, reason: 'removed' } },
  });
  if (!outcome.ok && !failedBecause(outcome, 'proof_changed')) throw new Error(`domain proof not removed: ${outcome.failed.join(', ')}`);
}
