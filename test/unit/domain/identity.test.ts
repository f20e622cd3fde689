import { describe, expect, it } from 'vitest';
import {
  DEFAULT_USER_ROLE_TEMPLATE_ID,
  identityFromClaims,
  IdentityClaimsMissing,
  mayRegisterTenant,
  ROLE_TEMPLATE_IDS,
  rolesFromWids,
  isDomainName,
  signsIntoOwnTenantId,
  tenantFromOrganization,
  widsOfRoles,
} from '#shared/domain/identity.ts';
import { DIRECTORY_ROLES, isCloudNative } from '#shared/domain/directory.ts';

const GA = '62e90394-69f5-4237-9190-012177145e10';
const claims = (over: Record<string, unknown> = {}) => ({
  tid: '9188040d-6c67-4c5b-b112-36a304b66dad',
  oid: '00000000-0000-0000-66f3-3332eca7ea81',
  preferred_username: 'Admin@Contoso.onmicrosoft.com',
  name: 'Megan Bowen',
  wids: [GA, DEFAULT_USER_ROLE_TEMPLATE_ID],
  ...over,
});

describe('identity from the provider token (R21)', () => {
  it('R21: Global Administrator is 62e90394-...; every directory role has its own Entra template id', () => {
    expect(ROLE_TEMPLATE_IDS.GlobalAdministrator).toBe(GA);
    expect(new Set(Object.values(ROLE_TEMPLATE_IDS)).size).toBe(DIRECTORY_ROLES.length);
    for (const role of DIRECTORY_ROLES) expect(rolesFromWids(widsOfRoles([role]))).toEqual([role]);
  });

  it('R21: roles come from wids; unknown template ids (the default user role) grant nothing; absent wids means no role known', () => {
    expect(rolesFromWids([GA, DEFAULT_USER_ROLE_TEMPLATE_ID])).toEqual(['GlobalAdministrator']);
    expect(rolesFromWids([GA.toUpperCase()])).toEqual(['GlobalAdministrator']);
    expect(rolesFromWids([DEFAULT_USER_ROLE_TEMPLATE_ID, 'not-a-role', 7])).toEqual([]);
    expect(rolesFromWids(undefined)).toBeUndefined();
    expect(rolesFromWids(GA)).toBeUndefined();
  });

  it('R21: tenant from tid, username from preferred_username (lower-cased), name, roles from wids', () => {
    expect(identityFromClaims(claims())).toEqual({
      tid: '9188040d-6c67-4c5b-b112-36a304b66dad',
      oid: '00000000-0000-0000-66f3-3332eca7ea81',
      username: 'admin@contoso.onmicrosoft.com',
      displayName: 'Megan Bowen',
      roles: ['GlobalAdministrator'],
      rolesKnown: true,
    });
  });

  it('R1, R21: a token without wids is no role, and says the roles are unknown', () => {
    const identity = identityFromClaims(claims({ wids: undefined }));
    expect(identity.roles).toEqual([]);
    expect(identity.rolesKnown).toBe(false);
    expect(mayRegisterTenant(identity)).toBe(false);
    expect(mayRegisterTenant(identityFromClaims(claims()))).toBe(true);
  });

  it('R21: a token without tid, or without a usable preferred_username, identifies nobody', () => {
    expect(() => identityFromClaims(claims({ tid: undefined }))).toThrow(IdentityClaimsMissing);
    expect(() => identityFromClaims(claims({ tid: 'a/b' }))).toThrow(IdentityClaimsMissing);
    expect(() => identityFromClaims(claims({ preferred_username: 'Megan Bowen' }))).toThrow(IdentityClaimsMissing);
    expect(() => identityFromClaims(claims({ preferred_username: undefined }))).toThrow(IdentityClaimsMissing);
  });

  it('R9, R21: cloud-native when the username domain is the tenant initial domain', () => {
    const tenant = { initialDomain: 'contoso.onmicrosoft.com' };
    expect(isCloudNative({ email: identityFromClaims(claims()).username }, tenant)).toBe(true);
    expect(isCloudNative({ email: identityFromClaims(claims({ preferred_username: 'admin@contoso.com' })).username }, tenant)).toBe(false);
  });

  it("R21, R9: a tenant registered at sign-in takes its domains from the provider's list of the organization, never from the username", () => {
    const tid = '9188040d-6c67-4c5b-b112-36a304b66dad';
    const listed = tenantFromOrganization(tid, {
      id: tid,
      displayName: 'Contoso',
      verifiedDomains: [
        { name: 'Contoso.com', isInitial: false },
        { name: 'contoso.onmicrosoft.com', isInitial: true },
        { name: 'not a domain', isInitial: false },
      ],
    });
    expect(listed).toEqual({ name: 'Contoso', initialDomain: 'contoso.onmicrosoft.com', domains: ['contoso.com'] });
    // No list: no domain at all, and an initial domain nobody's username can have (R9 fails closed).
    const unknown = tenantFromOrganization(tid, undefined);
    expect(unknown.domains).toEqual([]);
    expect(unknown.initialDomain).toMatch(/\.invalid$/);
    expect(isCloudNative({ email: 'admin@contoso.com' }, unknown)).toBe(false);
    // A list without an initial domain: its verified domains, the initial one unknown; named after nothing a user typed.
    expect(tenantFromOrganization(tid, { id: tid, verifiedDomains: [{ name: 'contoso.com', isInitial: false }] })).toMatchObject({ name: 'Organization', domains: ['contoso.com'] });
  });

  it("R21: a tid equal to a tenant's own id signs into it only when running locally, and only while the tenant is unbound", () => {
    expect(signsIntoOwnTenantId({}, true)).toBe(true);
    expect(signsIntoOwnTenantId({}, false)).toBe(false);
    expect(signsIntoOwnTenantId({ idpTenantId: 'bound' }, true)).toBe(false);
    expect(signsIntoOwnTenantId({ idpTenantId: 'bound' }, false)).toBe(false);
  });

  it('R21: domain names as tenants hold them', () => {
    for (const ok of ['contoso.com', 'a.b.example', 'xn--bcher-kva.example', 'x-1.co']) expect(isDomainName(ok), ok).toBe(true);
    for (const bad of ['localhost', 'contoso', '-a.com', 'a-.com', 'a..com', 'UPPER.com', 'a.c', 'a.123', 'a b.com', `${'a'.repeat(64)}.com`, '']) expect(isDomainName(bad), bad).toBe(false);
  });
});
