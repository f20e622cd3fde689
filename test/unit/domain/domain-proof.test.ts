import { describe, expect, it } from 'vitest';
import { checkProofRecords, domainProofRefusal, proofRecord, PROOF_RECORD_PREFIX } from '#shared/domain/domain-proof.ts';

const tenant = { initialDomain: 'contoso.onmicrosoft.com', domains: ['contoso.com'] };

describe('domain proof by DNS TXT record (R21)', () => {
  it('R21: the record to publish is device-consent-verification=<token>', () => {
    expect(proofRecord('abc')).toBe('device-consent-verification=abc');
    expect(PROOF_RECORD_PREFIX).toBe('device-consent-verification=');
  });

  it('R21: proven only by a record with exactly this token; another token or no record of ours is not a proof', () => {
    const token = 'T'.repeat(43);
    expect(checkProofRecords(['v=spf1 -all', `device-consent-verification=${token}`], token)).toBe('proven');
    expect(checkProofRecords([` device-consent-verification=${token} `], token)).toBe('proven');
    expect(checkProofRecords([`device-consent-verification=${'U'.repeat(43)}`], token)).toBe('other_token');
    expect(checkProofRecords([`device-consent-verification=${token}x`], token)).toBe('other_token');
    expect(checkProofRecords([`device-consent-verification=${token.toLowerCase()}`], token)).toBe('other_token');
    expect(checkProofRecords(['v=spf1 -all', token], token)).toBe('no_record');
    expect(checkProofRecords([], token)).toBe('no_record');
  });

  it("R21: a tenant may prove a domain name that is not already its own and not of the provider's initial-domain form", () => {
    expect(domainProofRefusal('fabrikam.com', tenant, 'onmicrosoft.com')).toBeUndefined();
    expect(domainProofRefusal(' Fabrikam.COM. ', tenant, 'onmicrosoft.com')).toBeUndefined();
    expect(domainProofRefusal('contoso.com', tenant, 'onmicrosoft.com')).toContain('already one of your domains');
    expect(domainProofRefusal('contoso.onmicrosoft.com', tenant, 'onmicrosoft.com')).toContain('initial domain');
    expect(domainProofRefusal('other.onmicrosoft.com', tenant, 'onmicrosoft.com')).toContain('initial domain');
    expect(domainProofRefusal('onmicrosoft.com', tenant, 'onmicrosoft.com')).toContain('initial domain');
    expect(domainProofRefusal('evilonmicrosoft.com', tenant, 'onmicrosoft.com')).toBeUndefined();
    for (const bad of ['contoso', 'a b.com', '<script>.com', 'http://contoso.com']) expect(domainProofRefusal(bad, tenant, 'onmicrosoft.com'), bad).toContain('must be a domain name');
  });
});
