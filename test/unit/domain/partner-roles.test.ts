import { describe, expect, it } from 'vitest';
import { toAuditEvent, toPartnerAuditEvent, type StoredAuditEvent } from '#shared/domain/audit.ts';
import { organizationSignsIntoPartner } from '#shared/domain/partner.ts';
import { PARTNER_ACTIONS, PARTNER_ROLES, partnerRoleAllows, readPersonForm, rolesAllowedTo } from '#shared/domain/partner-roles.ts';
import { safePartnerNext } from '#shared/pages/partner-portal.ts';

describe('partner roles (R32)', () => {
  it('R32: an admin may read, submit and manage; a submitter read and submit; a viewer only read', () => {
    const table = Object.fromEntries(PARTNER_ROLES.map((role) => [role, PARTNER_ACTIONS.filter((action) => partnerRoleAllows(role, action))]));
    expect(table).toEqual({ admin: ['read', 'submit', 'manage'], submitter: ['read', 'submit'], viewer: ['read'] });
    expect(rolesAllowedTo('manage')).toEqual(['admin']);
    expect(rolesAllowedTo('submit')).toEqual(['admin', 'submitter']);
    expect(rolesAllowedTo('read')).toEqual(['admin', 'submitter', 'viewer']);
  });

  it('R32: a role that is none of the three may do nothing', () => {
    expect(partnerRoleAllows('owner' as never, 'read')).toBe(false);
  });

  it('R32: the invitation form takes an address, a visible name and one of the roles, and says what is wrong otherwise', () => {
    expect(readPersonForm({ email: ' Alex@Contoso.Example ', displayName: ' Alex ', role: 'viewer' })).toEqual({ ok: true, value: { email: 'alex@contoso.example', displayName: 'Alex', role: 'viewer' } });
    expect(readPersonForm({ email: 'alex', displayName: 'Alex', role: 'viewer' })).toMatchObject({ ok: false, error: expect.stringContaining('email address') });
    expect(readPersonForm({ email: 'alex@contoso.example', displayName: '  ', role: 'viewer' })).toMatchObject({ ok: false, error: expect.stringContaining('display name') });
    expect(readPersonForm({ email: 'alex@contoso.example', displayName: 'A\u202Eb', role: 'viewer' })).toMatchObject({ ok: false });
    expect(readPersonForm({ email: 'alex@contoso.example', displayName: 'Alex', role: 'owner' })).toMatchObject({ ok: false, error: expect.stringContaining('Choose a role') });
  });

  it("R32: a sign-in leads afterwards only to a portal page (no open redirect, not back to the sign-in)", () => {
    expect(safePartnerNext('/partner')).toBe('/partner');
    expect(safePartnerNext('/partner/batches/b_0123')).toBe('/partner/batches/b_0123');
    for (const next of ['https://evil.example/partner', '//evil.example', '/partner//evil', '/portal', '/partner/signin', '/partner?x=1', '/partnerx', undefined]) {
      expect(safePartnerNext(next), String(next)).toBeUndefined();
    }
  });

  it("R32: an organization signs into a partner's portal only when operators registered its tid for the partner, and the partner is active", () => {
    expect(organizationSignsIntoPartner({ idpTenantId: 'ABC-1', status: 'active' }, 'abc-1')).toBe(true);
    expect(organizationSignsIntoPartner({ idpTenantId: 'abc-1', status: 'suspended' }, 'abc-1')).toBe(false);
    expect(organizationSignsIntoPartner({ status: 'active' }, 'abc-1')).toBe(false);
    expect(organizationSignsIntoPartner({ idpTenantId: 'abc-2', status: 'active' }, 'abc-1')).toBe(false);
  });

  it("R32: the audit trail names a partner's person as partner_user with their sign-in, on their partner's trail in full", () => {
    const event: StoredAuditEvent = {
      id: 'ev_1',
      at: '2026-12-03T10:00:00.000Z',
      action: 'partner_user.role_changed',
      actor: { type: 'partner_user', id: 'pu_1', partnerId: 'p_1', name: 'Alex', signIn: 'organization', sourceIp: '203.0.113.9' },
      partnerId: 'p_1',
      subject: 'pu_2',
      subjectName: 'sam@contoso.example',
      details: { from: 'viewer', to: 'submitter' },
    };
    expect(toAuditEvent(event)).toMatchObject({ category: 'partner', actor: { type: 'partner_user', id: 'pu_1', name: 'Alex', signIn: 'organization' }, subject: { type: 'partner_user', id: 'pu_2' } });
    expect(toPartnerAuditEvent(event, 'p_1')).toMatchObject({ actor: { type: 'partner_user', id: 'pu_1' }, details: { from: 'viewer', to: 'submitter' } });
    expect(JSON.stringify(toAuditEvent(event))).not.toContain('203.0.113.9');
  });
});
