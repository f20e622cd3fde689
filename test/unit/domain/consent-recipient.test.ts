import { describe, expect, it } from 'vitest';
import { acceptRefusal, addDays } from '#shared/domain/consent.ts';
import type { Partner } from '#shared/domain/partner.ts';

const NOW = '2026-11-24T10:00:00.000Z';
const partner: Partner = { id: 'p1', name: 'Partner', kind: 'direct-csp', contactEmail: 'ops@partner.example', status: 'active', createdAt: NOW };
const tenant = { id: 't_mine', initialDomain: 'contoso.consent.example', domains: ['contoso.com'] };
const admin = { email: 'admin@contoso.consent.example', roles: ['GlobalAdministrator' as const] };
const request = (tenantDomain?: string) => ({ status: 'pending' as const, expiresAt: addDays(NOW, 30), ...(tenantDomain ? { tenantDomain } : {}) });

describe('acceptRefusal: the recipient tenant (R5)', () => {
  it("R5: a request whose recipient is a known user of another tenant is wrong_tenant, even without tenantDomain", () => {
    expect(acceptRefusal({ partner, user: admin, tenant, request: request(), recipientTenantId: 't_other', now: NOW })).toBe('wrong_tenant');
  });

  it("R5: a request whose recipient is a user of the admin's own tenant may be accepted", () => {
    expect(acceptRefusal({ partner, user: admin, tenant, request: request(), recipientTenantId: 't_mine', now: NOW })).toBeUndefined();
  });

  it('R5: a recipient unknown to the directory leaves the request to the domain rule (and to any admin without one)', () => {
    expect(acceptRefusal({ partner, user: admin, tenant, request: request(), now: NOW })).toBeUndefined();
    expect(acceptRefusal({ partner, user: admin, tenant, request: request('fabrikam.com'), now: NOW })).toBe('wrong_tenant');
  });

  it("R1, R5: the request's state and the role are said before the tenant", () => {
    expect(acceptRefusal({ partner, user: { ...admin, roles: [] }, tenant, request: request(), recipientTenantId: 't_other', now: NOW })).toBe('not_global_admin');
    expect(acceptRefusal({ partner, user: admin, tenant, request: { ...request(), status: 'accepted' }, recipientTenantId: 't_other', now: NOW })).toBe('accepted');
  });

  it('R5: a link (no request) is not bound to any recipient', () => {
    expect(acceptRefusal({ partner, user: admin, tenant, recipientTenantId: 't_other', now: NOW })).toBeUndefined();
  });
});
