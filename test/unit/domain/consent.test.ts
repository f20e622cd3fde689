import { DELEGATED_ADMIN_ROLES } from '#shared/domain/directory.ts';
import { DelegatedAdmin } from '#shared/http/schemas.ts';
import { problemOf } from '../../support/problem-of.ts';
import { describe, expect, it } from 'vitest';
import {
  acceptRefusal,
  addDays,
  checkMayHaveConsentLink,
  checkMayRequestConsent,
  delegatedAdminState,
  effectiveStatus,
  grantDelegatedAdmin,
  REQUEST_LIFETIME_DAYS,
  type ConsentRequest,
  type ConsentRequestStatus,
} from '#shared/domain/consent.ts';
import type { DirectoryRole, Tenant } from '#shared/domain/directory.ts';
import type { Partner, PartnerKind } from '#shared/domain/partner.ts';

const NOW = '2026-11-24T10:00:00.000Z';
const LATER = (ms: number) => new Date(Date.parse(NOW) + ms).toISOString();

const partner = (kind: PartnerKind, extra: Partial<Partner> = {}): Partner => ({
  id: `p-${kind}`,
  name: 'Partner',
  kind,
  contactEmail: 'ops@partner.example',
  status: 'active',
  createdAt: NOW,
  ...(kind === 'indirect-reseller' ? { providerId: 'p-provider' } : {}),
  ...(kind === 'oem' ? { directApiEligible: true } : {}),
  ...extra,
});

const tenant: Pick<Tenant, 'initialDomain' | 'domains'> = { initialDomain: 'contoso.consent.example', domains: ['contoso.com', 'Contoso.Co.UK'] };
const admin = (email = 'admin@contoso.consent.example', roles: DirectoryRole[] = ['GlobalAdministrator']) => ({ email, roles });
const pending = (extra: Partial<Pick<ConsentRequest, 'status' | 'expiresAt' | 'tenantDomain'>> = {}) => ({
  status: 'pending' as ConsentRequestStatus,
  expiresAt: addDays(NOW, 30),
  ...extra,
});

const refusal = (over: Partial<Parameters<typeof acceptRefusal>[0]> = {}) =>
  acceptRefusal({ partner: partner('direct-csp'), user: admin(), tenant, request: pending(), now: NOW, ...over });


describe('acceptRefusal', () => {
  it('R1: a global administrator may accept a pending request; so may one through a link (no request)', () => {
    expect(refusal()).toBeUndefined();
    expect(refusal({ request: undefined })).toBeUndefined();
  });

  it.each([[[]], [['GlobalReader']], [['IntuneAdministrator', 'UserAdministrator', 'CloudDeviceAdministrator']]] as DirectoryRole[][][])(
    'R1: a user without GlobalAdministrator (roles %j) may not accept',
    (roles) => {
      expect(refusal({ user: admin(undefined, roles) })).toBe('not_global_admin');
      expect(refusal({ user: admin(undefined, roles), request: undefined })).toBe('not_global_admin');
    },
  );

  it('R1: a global administrator holding other roles too may accept', () => {
    expect(refusal({ user: admin(undefined, ['GlobalReader', 'GlobalAdministrator']) })).toBeUndefined();
  });

  it('R5: a request addressed to another tenant domain is wrong_tenant', () => {
    expect(refusal({ request: pending({ tenantDomain: 'fabrikam.com' }) })).toBe('wrong_tenant');
    // A subdomain of one of the tenant's domains is not that domain.
    expect(refusal({ request: pending({ tenantDomain: 'eu.contoso.com' }) })).toBe('wrong_tenant');
  });

  it('R5: a request addressed to any of the tenant domains, in any case, may be accepted', () => {
    for (const tenantDomain of ['contoso.consent.example', 'CONTOSO.COM', 'contoso.co.uk']) {
      expect(refusal({ request: pending({ tenantDomain }) })).toBeUndefined();
    }
  });

  it('R5: a pending request past its expiry is expired, also at the exact expiry instant', () => {
    expect(refusal({ request: pending({ expiresAt: NOW }) })).toBe('expired');
    expect(refusal({ request: pending({ expiresAt: LATER(-1) }) })).toBe('expired');
    expect(refusal({ request: pending({ expiresAt: LATER(1) }) })).toBeUndefined();
  });

  it.each(['expired', 'accepted', 'declined', 'cancelled'] as const)('R5: a %s request may not be accepted, and that is said before anything about the user', (status) => {
    const request = pending({ status });
    expect(refusal({ request })).toBe(status);
    expect(refusal({ request, user: admin(undefined, ['GlobalReader']) })).toBe(status);
    expect(refusal({ request: { ...request, tenantDomain: 'fabrikam.com' } })).toBe(status);
    expect(refusal({ request, partner: partner('direct-csp', { status: 'suspended' }) })).toBe(status);
    expect(refusal({ request, partner: partner('oem', { directApiEligible: false }) })).toBe(status);
  });

  it('R5: an accepted request is still "accepted" after its expiry (terminal states never change)', () => {
    expect(refusal({ request: pending({ status: 'accepted', expiresAt: LATER(-1000) }) })).toBe('accepted');
  });

  it('R9: an OEM consent needs a cloud-native global admin; one on a verified domain is not_cloud_native', () => {
    const oem = partner('oem');
    expect(refusal({ partner: oem, user: admin('admin@contoso.consent.example') })).toBeUndefined();
    expect(refusal({ partner: oem, user: admin('Admin@CONTOSO.consent.example') })).toBeUndefined();
    expect(refusal({ partner: oem, user: admin('admin@contoso.com') })).toBe('not_cloud_native');
    expect(refusal({ partner: oem, user: admin('admin@contoso.com'), request: undefined })).toBe('not_cloud_native');
  });

  it('R9: a CSP consent does not need a cloud-native admin', () => {
    expect(refusal({ partner: partner('direct-csp'), user: admin('admin@contoso.com') })).toBeUndefined();
    expect(refusal({ partner: partner('indirect-reseller'), user: admin('admin@contoso.com') })).toBeUndefined();
  });

  it('R9: an OEM that is not directApiEligible cannot obtain consent, whoever the user is', () => {
    expect(refusal({ partner: partner('oem', { directApiEligible: false }) })).toBe('partner_not_eligible');
    expect(refusal({ partner: partner('oem', { directApiEligible: undefined }), request: undefined })).toBe('partner_not_eligible');
  });

  it('R8: an indirect provider never obtains consent itself', () => {
    expect(refusal({ partner: partner('indirect-provider') })).toBe('partner_not_eligible');
    expect(refusal({ partner: partner('indirect-provider'), request: undefined })).toBe('partner_not_eligible');
  });

  it('a suspended partner cannot obtain consent', () => {
    expect(refusal({ partner: partner('direct-csp', { status: 'suspended' }) })).toBe('partner_unavailable');
    expect(refusal({ partner: partner('oem', { status: 'suspended' }), request: undefined })).toBe('partner_unavailable');
  });
});

describe('effectiveStatus (R5, S1)', () => {
  it('R5: a pending request is pending before its expiry and expired from the exact expiry on', () => {
    const expiresAt = addDays(NOW, REQUEST_LIFETIME_DAYS);
    expect(effectiveStatus({ status: 'pending', expiresAt }, LATER(-1))).toBe('pending');
    expect(effectiveStatus({ status: 'pending', expiresAt }, NOW)).toBe('pending');
    expect(effectiveStatus({ status: 'pending', expiresAt }, expiresAt)).toBe('expired');
    expect(effectiveStatus({ status: 'pending', expiresAt }, addDays(expiresAt, 1))).toBe('expired');
  });

  it.each(['accepted', 'declined', 'cancelled', 'expired'] as const)('R5: a %s request keeps its status past its expiry', (status) => {
    expect(effectiveStatus({ status, expiresAt: NOW }, addDays(NOW, 1))).toBe(status);
    expect(effectiveStatus({ status, expiresAt: addDays(NOW, 1) }, NOW)).toBe(status);
  });

  it('R5: requests live 90 days', () => {
    expect(REQUEST_LIFETIME_DAYS).toBe(90);
    expect(addDays(NOW, 90)).toBe('2027-02-22T10:00:00.000Z');
  });
});

describe('checkMayRequestConsent', () => {
  const dap = { roles: ['IntuneAdministrator' as const], durationDays: 30 };

  it('R8: an indirect provider requesting consent is 403 forbidden, with or without roles', () => {
    for (const d of [undefined, dap]) {
      const problem = problemOf(() => checkMayRequestConsent(partner('indirect-provider'), d));
      expect(problem.status).toBe(403);
      expect(problem.code).toBe('forbidden');
    }
  });

  it('R9: an OEM that is not directApiEligible is 403 partner_not_eligible', () => {
    for (const p of [partner('oem', { directApiEligible: false }), partner('oem', { directApiEligible: undefined })]) {
      const problem = problemOf(() => checkMayRequestConsent(p, undefined));
      expect(problem.status).toBe(403);
      expect(problem.code).toBe('partner_not_eligible');
    }
  });

  it('R9: an eligible OEM asking for delegated admin roles is 400 validation_failed on delegatedAdmin', () => {
    const problem = problemOf(() => checkMayRequestConsent(partner('oem'), dap));
    expect(problem.status).toBe(400);
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors?.map((e) => e.path)).toEqual(['delegatedAdmin']);
  });

  it('R9: an eligible OEM may request a DAP-free consent', () => {
    expect(() => checkMayRequestConsent(partner('oem'), undefined)).not.toThrow();
  });

  it('R4, R6, R7: direct CSPs and resellers may request consent, with or without roles', () => {
    for (const kind of ['direct-csp', 'indirect-reseller'] as const) {
      expect(() => checkMayRequestConsent(partner(kind), undefined)).not.toThrow();
      expect(() => checkMayRequestConsent(partner(kind), dap)).not.toThrow();
    }
  });
});

describe('checkMayHaveConsentLink', () => {
  it('R8: an indirect provider has no consent link (403 forbidden)', () => {
    expect(problemOf(() => checkMayHaveConsentLink(partner('indirect-provider'))).code).toBe('forbidden');
  });

  it('R9: an ineligible OEM has no consent link (403 partner_not_eligible); an eligible one has', () => {
    const problem = problemOf(() => checkMayHaveConsentLink(partner('oem', { directApiEligible: false })));
    expect([problem.status, problem.code]).toEqual([403, 'partner_not_eligible']);
    expect(() => checkMayHaveConsentLink(partner('oem'))).not.toThrow();
    expect(() => checkMayHaveConsentLink(partner('direct-csp'))).not.toThrow();
    expect(() => checkMayHaveConsentLink(partner('indirect-reseller'))).not.toThrow();
  });
});

describe('delegated admin roles (R4, R10, R13)', () => {
  it('R13, R31: granted roles expire after their duration, exactly at the end (expiring in their last 30 days)', () => {
    const dap = grantDelegatedAdmin({ roles: ['GlobalReader'], durationDays: 30 }, NOW);
    expect(dap).toMatchObject({ roles: ['GlobalReader'], durationDays: 30, grantedAt: NOW, expiresAt: '2026-12-24T10:00:00.000Z' });
    expect(delegatedAdminState({ ...dap, expiresAt: addDays(NOW, 31) }, NOW)).toBe('active');
    expect(delegatedAdminState(dap, NOW)).toBe('expiring');
    expect(delegatedAdminState(dap, new Date(Date.parse(dap.expiresAt) - 1).toISOString())).toBe('expiring');
    expect(delegatedAdminState(dap, dap.expiresAt)).toBe('expired');
    expect(delegatedAdminState(dap, addDays(dap.expiresAt, 1))).toBe('expired');
  });

  it('R10: removed roles are removed, before and after their end', () => {
    const dap = { ...grantDelegatedAdmin({ roles: ['GlobalReader'], durationDays: 730 }, NOW), removedAt: LATER(1000) };
    expect(delegatedAdminState(dap, LATER(2000))).toBe('removed');
    expect(delegatedAdminState(dap, addDays(NOW, 731))).toBe('removed');
  });

  it('R4: GlobalAdministrator is not in the catalogue; the least-privileged roles are', () => {
    expect(DELEGATED_ADMIN_ROLES).not.toContain('GlobalAdministrator');
    expect(DELEGATED_ADMIN_ROLES).toContain('IntuneAdministrator');
    expect(DelegatedAdmin.safeParse({ roles: ['GlobalAdministrator'], durationDays: 1 }).success).toBe(false);
    expect(DelegatedAdmin.safeParse({ roles: ['IntuneAdministrator'], durationDays: 1 }).success).toBe(true);
  });
});
