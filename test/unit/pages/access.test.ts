import { describe, expect, it, vi } from 'vitest';
import type { Relationship } from '#shared/domain/relationship.ts';

/**
 * R30 without the table: the access rows as built from a relationship, the page's notice after
 * "end every CSP relationship" (a partial failure says so), and the use case itself with R11's
 * use case stubbed to fail for one relationship (the integration tier runs the real one).
 */

const relationship = (partnerId: string, partnerKind: Relationship['partnerKind'], extra: Partial<Relationship> = {}): Relationship => ({
  tenantId: 't_1',
  partnerId,
  partnerKind,
  status: 'active',
  grantedAt: '2026-11-01T10:00:00.000Z',
  acceptedBy: { userId: 'u_1', email: 'admin@fabrikam.example' },
  source: { linkId: 'l_1' },
  ...extra,
});

const terminated: string[] = [];
vi.mock('#shared/table/relationships.ts', () => ({
  listTenantRelationships: async () => [
    relationship('p_direct', 'direct-csp'),
    relationship('p_gone', 'direct-csp'),
    relationship('p_reseller', 'indirect-reseller', { providerId: 'p_provider' }),
    relationship('p_oem', 'oem'),
    relationship('p_old', 'direct-csp', { status: 'terminated' }),
  ],
}));
vi.mock('#shared/relationships/end-relationship.ts', async () => {
  const { conflict } = await import('#shared/domain/errors.ts');
  return {
    terminateRelationship: async (_tenantId: string, partnerId: string) => {
      if (partnerId === 'p_gone') throw conflict('This relationship is no longer active');
      terminated.push(partnerId);
    },
  };
});

describe('R30: everyone with access', () => {
  it('R30 R11 R12: "end every CSP relationship" ends each active CSP by R11, never an OEM nor an ended one, and reports the one it could not end', async () => {
    const { terminateEveryCspRelationship } = await import('#shared/relationships/end-every-csp-relationship.ts');
    const outcome = await terminateEveryCspRelationship('t_1', { type: 'user', id: 'u_1' });
    expect(terminated.sort()).toEqual(['p_direct', 'p_reseller']);
    expect(outcome).toEqual({ ended: 2, notEnded: [{ partnerId: 'p_gone', reason: 'This relationship is no longer active' }] });
  });

  it('R30: after a partial failure the page says how many ended and that the rest could not be (an alert), not that all ended', async () => {
    const { accessPage } = await import('#shared/pages/access-views.ts');
    const partial = String(accessPage({ tenantName: 'Fabrikam', rows: [], nextCursor: null, notice: { ended: 2, notEnded: 1 } }));
    expect(partial).toContain('role="alert"');
    expect(partial).toContain('2 CSP relationships were ended. 1 relationship could not be ended and is listed below if still active: try again.');
    const all = String(accessPage({ tenantName: 'Fabrikam', rows: [], nextCursor: null, notice: { ended: 1, notEnded: 0 } }));
    expect(all).toContain('1 CSP relationship was ended. OEMs keep their access');
  });

  it('R30 R8 R28: a row shows the roles as the customer view does, and the approval policy; a provider through its reseller holds none of the reseller\'s roles and follows its policy', async () => {
    const { toAccessRow } = await import('#shared/customers/access.ts');
    const tenant = { id: 't_1', name: 'Fabrikam', initialDomain: 'fabrikam.onmicrosoft.example', domains: [], createdAt: '2026-01-01T00:00:00.000Z', requireIdpSignIn: false };
    const withRoles = relationship('p_reseller', 'indirect-reseller', {
      providerId: 'p_provider',
      acceptedBy: { userId: 'u_1', email: 'admin@fabrikam.example', signedInWith: 'organization' },
      delegatedAdmin: { roles: ['GlobalReader'], durationDays: 30, grantedAt: '2026-11-01T10:00:00.000Z', expiresAt: '2026-12-01T10:00:00.000Z' },
      approvalPolicy: { mode: 'above', threshold: 50 },
    } as Partial<Relationship>);
    const now = '2026-11-15T00:00:00.000Z';
    const reseller = toAccessRow(tenant, { relationship: withRoles }, { partner: undefined, partnerId: 'p_reseller', other: { id: 'p_provider', name: 'Provider Co' } as never }, { devicesRegistered: 5, lastActivityAt: now }, now);
    expect(reseller).toEqual({
      partner: { id: 'p_reseller', name: 'p_reseller', kind: 'indirect-reseller' },
      provider: { id: 'p_provider', name: 'Provider Co' },
      since: '2026-11-01T10:00:00.000Z',
      acceptedBy: { userId: 'u_1', email: 'admin@fabrikam.example', signedInWith: 'organization' },
      // R31: roles with their template ids; 16 days left is `expiring`.
      delegatedAdmin: { roles: [{ name: 'GlobalReader', templateId: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451', displayName: 'Global Reader' }], expiresAt: '2026-12-01T10:00:00.000Z', status: 'expiring', autoExtend: false },
      approvalPolicy: { mode: 'above', threshold: 50 },
      devicesRegistered: 5,
      lastActivityAt: now,
    });
    const provider = toAccessRow(tenant, { relationship: withRoles, viaResellerId: 'p_reseller' }, { partner: undefined, partnerId: 'p_provider' }, undefined, now);
    expect(provider).toEqual({
      partner: { id: 'p_provider', name: 'p_provider', kind: 'indirect-provider' },
      via: { resellerId: 'p_reseller', resellerName: 'p_reseller' },
      since: '2026-11-01T10:00:00.000Z',
      acceptedBy: withRoles.acceptedBy,
      // R28: the provider follows its reseller's relationship's policy.
      approvalPolicy: { mode: 'above', threshold: 50 },
      devicesRegistered: 0,
    });
    // R28: a relationship nobody set a policy on is automatic.
    expect(toAccessRow(tenant, { relationship: { ...withRoles, approvalPolicy: undefined } }, { partner: undefined, partnerId: 'p_reseller' }, undefined, now).approvalPolicy).toEqual({ mode: 'automatic' });
  });
});
