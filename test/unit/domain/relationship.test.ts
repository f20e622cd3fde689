import { describe, expect, it } from 'vitest';
import { addDays, grantDelegatedAdmin } from '#shared/domain/consent.ts';
import type { Tenant } from '#shared/domain/directory.ts';
import type { PartnerKind } from '#shared/domain/partner.ts';
import { customerMayRemoveRoles, customerMayTerminate, toCustomer, type Relationship, type RelationshipStatus } from '#shared/domain/relationship.ts';

const NOW = '2026-11-24T10:00:00.000Z';
const tenant: Tenant = { id: 't_1', name: 'Contoso', initialDomain: 'contoso.consent.example', domains: ['Contoso.com'], createdAt: NOW };
const dap = grantDelegatedAdmin({ roles: ['IntuneAdministrator', 'GlobalReader'], durationDays: 30 }, NOW);

const relationship = (partnerKind: PartnerKind = 'direct-csp', extra: Partial<Relationship> = {}): Relationship => ({
  tenantId: tenant.id,
  partnerId: 'p_1',
  partnerKind,
  status: 'active',
  grantedAt: NOW,
  acceptedBy: { userId: 'u_1', email: 'admin@contoso.consent.example' },
  source: { requestId: 'r_1' },
  ...extra,
});

describe('customerMayTerminate (R11, R12)', () => {
  it.each(['direct-csp', 'indirect-reseller'] as const)('R11: a customer may end an active %s relationship', (kind) => {
    expect(customerMayTerminate(relationship(kind))).toBe(true);
  });

  it('R12: a customer may not end an OEM relationship', () => {
    expect(customerMayTerminate(relationship('oem'))).toBe(false);
  });

  it.each(['terminated', 'revoked'] as RelationshipStatus[])('R11: a %s relationship cannot be ended again', (status) => {
    expect(customerMayTerminate(relationship('direct-csp', { status }))).toBe(false);
  });
});

describe('customerMayRemoveRoles (R10, R13)', () => {
  it('R10: a customer may remove active delegated admin roles at any time before their end', () => {
    expect(customerMayRemoveRoles(relationship('direct-csp', { delegatedAdmin: dap }), NOW)).toBe(true);
    expect(customerMayRemoveRoles(relationship('indirect-reseller', { delegatedAdmin: dap }), addDays(NOW, 29))).toBe(true);
  });

  it('R10: there is nothing to remove without roles, after removal, or once the relationship ended', () => {
    expect(customerMayRemoveRoles(relationship(), NOW)).toBe(false);
    expect(customerMayRemoveRoles(relationship('direct-csp', { delegatedAdmin: { ...dap, removedAt: NOW } }), NOW)).toBe(false);
    expect(customerMayRemoveRoles(relationship('direct-csp', { delegatedAdmin: dap, status: 'terminated' }), NOW)).toBe(false);
  });

  it('R13: expired roles grant nothing, so there is nothing to remove', () => {
    expect(customerMayRemoveRoles(relationship('direct-csp', { delegatedAdmin: dap }), dap.expiresAt)).toBe(false);
  });
});

describe('toCustomer', () => {
  it('shows the tenant, its domains and the relationship with its delegated admin roles and their state', () => {
    const customer = toCustomer(tenant, relationship('direct-csp', { delegatedAdmin: dap }), NOW);
    expect(customer).toEqual({
      tenantId: 't_1',
      name: 'Contoso',
      domains: ['contoso.consent.example', 'contoso.com'],
      relationship: {
        status: 'active',
        grantedAt: NOW,
        delegatedAdmin: {
          roles: [
            { name: 'IntuneAdministrator', templateId: '3a2c62db-5318-420d-8d74-23affee5d9d5', displayName: 'Intune Administrator' },
            { name: 'GlobalReader', templateId: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451', displayName: 'Global Reader' },
          ],
          expiresAt: dap.expiresAt,
          // R31: 30 days or fewer left.
          status: 'expiring',
          autoExtend: false,
        },
        approvalPolicy: { mode: 'automatic' },
      },
    });
  });

  it('R10, R13: shows removed and expired roles as such', () => {
    const removed = toCustomer(tenant, relationship('direct-csp', { delegatedAdmin: { ...dap, removedAt: NOW } }), NOW);
    expect(removed.relationship.delegatedAdmin).toMatchObject({ removedAt: NOW, status: 'removed' });
    const expired = toCustomer(tenant, relationship('direct-csp', { delegatedAdmin: dap }), dap.expiresAt);
    expect(expired.relationship.delegatedAdmin?.status).toBe('expired');
  });

  it('R7: a provider authorized through a reseller sees "via" and none of the reseller\'s delegated admin roles', () => {
    const customer = toCustomer(tenant, relationship('indirect-reseller', { delegatedAdmin: dap, providerId: 'p_provider' }), NOW, 'p_reseller');
    expect(customer.relationship.via).toEqual({ resellerId: 'p_reseller' });
    expect(customer.relationship).not.toHaveProperty('delegatedAdmin');
    expect(JSON.stringify(customer)).not.toContain('IntuneAdministrator');
  });

  it('leaves "via" and delegatedAdmin out when there are none (R28: the approval policy is always there, automatic by default)', () => {
    const customer = toCustomer(tenant, relationship(), NOW);
    expect(Object.keys(customer.relationship).sort()).toEqual(['approvalPolicy', 'grantedAt', 'status']);
    expect(customer.relationship.approvalPolicy).toEqual({ mode: 'automatic' });
  });

  it("R28: shows the relationship's approval policy; a provider through a reseller sees the reseller's, which its registrations follow", () => {
    const approvalPolicy = { mode: 'above' as const, threshold: 50, defaultGroupTag: 'Sales' };
    expect(toCustomer(tenant, relationship('direct-csp', { approvalPolicy }), NOW).relationship.approvalPolicy).toEqual(approvalPolicy);
    expect(toCustomer(tenant, relationship('indirect-reseller', { approvalPolicy, providerId: 'p_provider' }), NOW, 'p_reseller').relationship.approvalPolicy).toEqual(approvalPolicy);
  });
});
