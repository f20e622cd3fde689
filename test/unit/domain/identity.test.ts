import { describe, expect, it } from 'vitest';
import {
  DEFAULT_USER_ROLE_TEMPLATE_ID,
  identityFromClaims,
  IdentityClaimsMissing,
  mayRegisterTenant,
  ROLE_TEMPLATE_IDS,
  rolesFromWids,
  tenantFromIdentity,
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

  it("R9, R21: a tenant registered at sign-in is named from the token's domain; only an initial-domain username makes it the initial domain", () => {
    const onInitial = tenantFromIdentity({ tid: 'T1', username: 'admin@contoso.onmicrosoft.com' }, 'onmicrosoft.com');
    expect(onInitial).toEqual({ name: 'contoso.onmicrosoft.com', initialDomain: 'contoso.onmicrosoft.com', domains: [] });
    const custom = tenantFromIdentity({ tid: '9188040d-6c67-4c5b-b112-36a304b66dad', username: 'admin@contoso.com' }, 'onmicrosoft.com');
    expect(custom.name).toBe('contoso.com');
    expect(custom.domains).toEqual(['contoso.com']);
    expect(custom.initialDomain).toMatch(/\.invalid$/);
    // Nobody is cloud-native on an unknown initial domain: fail closed for R9.
    expect(isCloudNative({ email: 'admin@contoso.com' }, custom)).toBe(false);
    expect(tenantFromIdentity({ tid: 'T1', username: 'admin@evilonmicrosoft.com' }, 'onmicrosoft.com').domains).toEqual(['evilonmicrosoft.com']);
  });
});
