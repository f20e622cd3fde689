import { describe, expect, it } from 'vitest';
import { dnsResolverProblems } from '#shared/directory/dns-txt.ts';
import { organizationUrlProblems } from '#shared/identity/organization.ts';

describe("R21's settings: the DNS resolver of domain proofs and the provider's organization list", () => {
  it('R21: DNS_RESOLVER is unset (the system resolver, as in AWS) or ip:port entries', () => {
    expect(dnsResolverProblems({})).toEqual([]);
    expect(dnsResolverProblems({ DNS_RESOLVER: '127.0.0.1:8053' })).toEqual([]);
    expect(dnsResolverProblems({ DNS_RESOLVER: '10.0.0.2, [::1]:53' })).toEqual([]);
    for (const bad of ['localhost:53', '127.0.0.1:x', 'http://127.0.0.1:53']) expect(dnsResolverProblems({ DNS_RESOLVER: bad })[0], bad).toContain('DNS_RESOLVER is not valid');
  });

  it("R21: OIDC_ORGANIZATION_URL is https in AWS (Graph's by default); http only when running locally", () => {
    expect(organizationUrlProblems({})).toEqual([]);
    expect(organizationUrlProblems({ OIDC_ORGANIZATION_URL: 'https://graph.microsoft.com/v1.0/organization' })).toEqual([]);
    expect(organizationUrlProblems({ OIDC_ORGANIZATION_URL: 'http://127.0.0.1:8010/v1.0/organization' })[0]).toContain('OIDC_ORGANIZATION_URL is not valid');
    expect(organizationUrlProblems({ DEPLOYMENT: 'local', OIDC_ORGANIZATION_URL: 'http://127.0.0.1:8010/v1.0/organization' })).toEqual([]);
  });
});
