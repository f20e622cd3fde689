import { describe, expect, it } from 'vitest';
import { DELEGATED_ADMIN_ROLES, emailDomain, isCloudNative, isEmailOnTenantDomain, isGlobalAdministrator, roleDisplayName, tenantDomains, type Tenant } from '#shared/domain/directory.ts';

const tenant: Tenant = {
  id: 't_1',
  name: 'Contoso',
  initialDomain: 'Contoso.Consent.Example',
  domains: ['contoso.com', 'CONTOSO.co.uk.', 'contoso.consent.example'],
  createdAt: '2026-01-01T00:00:00.000Z',
};

describe('tenantDomains', () => {
  it('lists the initial domain first, then the verified ones, lower-cased, without trailing dots or repeats', () => {
    expect(tenantDomains(tenant)).toEqual(['contoso.consent.example', 'contoso.com', 'contoso.co.uk']);
  });

  it('a tenant without verified domains has only its initial domain', () => {
    expect(tenantDomains({ initialDomain: ' fabrikam.consent.example ', domains: [] })).toEqual(['fabrikam.consent.example']);
  });
});

describe('isCloudNative (R9)', () => {
  it('R9: a user whose email is on the initial domain is cloud-native, in any case', () => {
    expect(isCloudNative({ email: 'admin@contoso.consent.example' }, tenant)).toBe(true);
    expect(isCloudNative({ email: ' ADMIN@CONTOSO.CONSENT.EXAMPLE ' }, tenant)).toBe(true);
  });

  it('R9: a user on a verified domain, a subdomain, or a look-alike domain is not cloud-native', () => {
    expect(isCloudNative({ email: 'admin@contoso.com' }, tenant)).toBe(false);
    expect(isCloudNative({ email: 'admin@eu.contoso.consent.example' }, tenant)).toBe(false);
    expect(isCloudNative({ email: 'admin@contoso.consent.example.evil.example' }, tenant)).toBe(false);
    expect(isCloudNative({ email: 'admin@xcontoso.consent.example' }, tenant)).toBe(false);
  });

  it('R9: the domain is taken after the last @', () => {
    expect(emailDomain('"a@contoso.consent.example"@evil.example')).toBe('evil.example');
    expect(isCloudNative({ email: '"a@contoso.consent.example"@evil.example' }, tenant)).toBe(false);
  });
});

describe('isEmailOnTenantDomain', () => {
  it('accepts an email on the initial or any verified domain, in any case', () => {
    expect(isEmailOnTenantDomain('a@contoso.consent.example', tenant)).toBe(true);
    expect(isEmailOnTenantDomain('a@Contoso.com', tenant)).toBe(true);
    expect(isEmailOnTenantDomain('a@contoso.co.uk', tenant)).toBe(true);
  });

  it('refuses another domain and a subdomain', () => {
    expect(isEmailOnTenantDomain('a@fabrikam.com', tenant)).toBe(false);
    expect(isEmailOnTenantDomain('a@mail.contoso.com', tenant)).toBe(false);
  });
});

describe('roles', () => {
  it('roleDisplayName spells each role as pages show it', () => {
    expect(roleDisplayName('IntuneAdministrator')).toBe('Intune Administrator');
    expect(roleDisplayName('GlobalAdministrator')).toBe('Global Administrator');
    expect(DELEGATED_ADMIN_ROLES.map(roleDisplayName)).toEqual([
      'Cloud Device Administrator',
      'Intune Administrator',
      'Helpdesk Administrator',
      'Global Reader',
      'Directory Readers',
      'Service Support Administrator',
      'License Administrator',
      'User Administrator',
    ]);
  });

  it('R4: GlobalAdministrator is not in the delegated admin catalogue', () => {
    expect(DELEGATED_ADMIN_ROLES).not.toContain('GlobalAdministrator');
  });

  it('R1: isGlobalAdministrator needs the GlobalAdministrator role itself', () => {
    expect(isGlobalAdministrator({ roles: ['GlobalAdministrator'] })).toBe(true);
    expect(isGlobalAdministrator({ roles: ['GlobalReader', 'UserAdministrator'] })).toBe(false);
    expect(isGlobalAdministrator({ roles: [] })).toBe(false);
  });
});
