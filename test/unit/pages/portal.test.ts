import { describe, expect, it } from 'vitest';
import type { Partner, PartnerKind } from '#shared/domain/partner.ts';
import type { Relationship, RelationshipStatus } from '#shared/domain/relationship.ts';
import { showSignInForm } from '#shared/pages/consent-flow.ts';
import { portalRows } from '#shared/pages/portal.ts';
import type { RemovalRequest } from '#shared/table/removal-requests.ts';

const partner = (id: string, name: string, kind: PartnerKind = 'direct-csp'): Partner => ({ id, name, kind, contactEmail: `ops@${id}.example`, status: 'active', createdAt: '2026-01-01T00:00:00.000Z' });
const relationship = (partnerId: string, status: RelationshipStatus, partnerKind: PartnerKind = 'direct-csp'): Relationship => ({
  tenantId: 't_1',
  partnerId,
  partnerKind,
  status,
  grantedAt: '2026-01-02T00:00:00.000Z',
  acceptedBy: { userId: 'u_1', email: 'admin@contoso.example' },
  source: { linkId: 'l_1' },
});

describe("the portal's rows (R10-R12)", () => {
  it('active relationships first, then by partner name; each with its own partner and removal request', () => {
    const relationships = [relationship('p_z', 'active'), relationship('p_old', 'terminated'), relationship('p_oem', 'active', 'oem'), relationship('p_a', 'active')];
    const partners = [partner('p_z', 'Zeta'), partner('p_old', 'Alpha Old'), partner('p_oem', 'Mu Devices', 'oem'), partner('p_a', 'Beta')];
    const removal: RemovalRequest = { tenantId: 't_1', partnerId: 'p_oem', status: 'open', reason: 'Not ours', requestedBy: { userId: 'u_1', email: 'admin@contoso.example' }, createdAt: '2026-02-01T00:00:00.000Z' };
    const rows = portalRows(relationships, partners, [undefined, undefined, removal, undefined]);
    expect(rows.map((r) => [r.partner.name, r.relationship.status])).toEqual([['Beta', 'active'], ['Mu Devices', 'active'], ['Zeta', 'active'], ['Alpha Old', 'terminated']]);
    for (const row of rows) expect(row.relationship.partnerId).toBe(row.partner.id);
    expect(rows.find((r) => r.partner.id === 'p_oem')?.removal).toBe(removal);
    expect(rows.filter((r) => r.removal)).toHaveLength(1);
  });

  it('leaves out a relationship whose partner is gone', () => {
    const rows = portalRows([relationship('p_gone', 'active'), relationship('p_a', 'active')], [undefined, partner('p_a', 'Beta')], [undefined, undefined]);
    expect(rows.map((r) => r.partner.id)).toEqual(['p_a']);
  });
});

describe('the sign-in form (GET /signin)', () => {
  const text = async (query: { next?: string; signedout?: string }) => {
    const result = await showSignInForm(query);
    expect(result.statusCode).toBe(200);
    return result.body ?? '';
  };

  it('says the visitor signed out, and of an organization sign-in that it stays open at the provider', async () => {
    expect(await text({})).not.toContain('id="signed-out"');
    const email = await text({ signedout: 'email' });
    expect(email).toContain('id="signed-out"');
    expect(email).not.toContain('identity provider and stays open');
    expect(await text({ signedout: 'organization' })).toContain('identity provider and stays open');
    // Any other value is an emailed sign-in's sign-out.
    expect(await text({ signedout: 'yes' })).toContain('id="signed-out"');
  });

  it('goes on to one of our own pages only (no open redirect)', async () => {
    expect(await text({ next: '/portal' })).toContain('name="next" value="/portal"');
    expect(await text({ next: 'https://evil.example/' })).not.toContain('name="next"');
  });
});
