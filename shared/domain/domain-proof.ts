import { normalizeDomain, tenantDomains, type Tenant } from './directory.ts';
import { isDomainName } from './identity.ts';

/**
 * R21: a tenant's global admin proves a domain by publishing a DNS TXT record at it,
 * `device-consent-verification=<token>`, with the token the portal shows for that tenant and
 * domain (as Microsoft 365 asks for `MS=ms12345678`). The rules here need no I/O.
 */

export const PROOF_RECORD_PREFIX = 'device-consent-verification=';

/** How many domains a tenant may have waiting for their proof at once. */
export const MAX_PENDING_PROOFS = 20;

/** The TXT record a tenant publishes to prove a domain. */
export const proofRecord = (token: string): string => `${PROOF_RECORD_PREFIX}${token}`;

/** What the TXT records found at a domain say of a challenge's token. */
export type ProofCheck = 'proven' | 'other_token' | 'no_record';

/**
 * `proven` when one of the domain's TXT records (its character-strings joined, as RFC 7208 joins
 * SPF's) is exactly this challenge's record; `other_token` when there is a record of ours with
 * another token (another tenant's, or a stale one); `no_record` otherwise.
 */
export function checkProofRecords(records: readonly string[], token: string): ProofCheck {
  const ours = records.map((r) => r.trim()).filter((r) => r.toLowerCase().startsWith(PROOF_RECORD_PREFIX));
  if (ours.some((r) => r.slice(PROOF_RECORD_PREFIX.length) === token)) return 'proven';
  return ours.length > 0 ? 'other_token' : 'no_record';
}

/**
 * Why a tenant cannot start proving this domain, or `undefined` when it can: it must be a domain
 * name, not one of the tenant's own domains already, and not a name of the identity provider's
 * initial-domain form (`*.onmicrosoft.com`): initial domains come from the provider, never by DNS.
 */
export function domainProofRefusal(domain: string, tenant: Pick<Tenant, 'initialDomain' | 'domains'>, initialDomainSuffix: string): string | undefined {
  const name = normalizeDomain(domain);
  if (!isDomainName(name)) return 'must be a domain name such as contoso.com (international names in their xn-- form)';
  const suffix = normalizeDomain(initialDomainSuffix);
  if (name === suffix || name.endsWith(`.${suffix}`)) return 'is an initial domain of the identity provider: it comes with your organization, not by DNS';
  if (tenantDomains(tenant).includes(name)) return 'is already one of your domains';
  return undefined;
}
