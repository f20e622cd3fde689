import { beforeAll, describe, expect, it } from 'vitest';
import type { Partner } from '#shared/domain/partner.ts';
import type { Relationship } from '#shared/domain/relationship.ts';
import { asPartner, unique } from '../support/api.ts';

/**
 * `POST /v1/consent-checks` for many tenants (issue 14): whatever the number, domains are resolved
 * in one batch and relationships read in batches of 100 keys, and the answers are those of
 * `authorizationFor`, tenant by tenant (R6-R8, R19).
 */
const actor = { type: 'system' as const, id: 'consent-checks-test' };
let calls: string[] = [];
let mod: {
  checkConsent: typeof import('#shared/consent/consent-checks.ts').checkConsent;
  authorizationFor: typeof import('#shared/table/relationships.ts').authorizationFor;
  createTenant: typeof import('#shared/directory/directory.ts').createTenant;
  createPartner: typeof import('#shared/partners/partners.ts').createPartner;
  activate: (partner: Partner, tenantId: string) => Promise<Relationship>;
  end: (relationship: Relationship) => Promise<void>;
};

beforeAll(async () => {
  const { db } = await import('#shared/table/client.ts');
  const { checkConsent } = await import('#shared/consent/consent-checks.ts');
  const { authorizationFor, relationshipActivated, relationshipEnded } = await import('#shared/table/relationships.ts');
  const { createTenant } = await import('#shared/directory/directory.ts');
  const { createPartner } = await import('#shared/partners/partners.ts');
  const { commitChange } = await import('#shared/outbox/commit.ts');
  db().middlewareStack.add(
    (next, context) => async (args) => {
      calls.push((context.commandName ?? '?').replace(/Command$/, ''));
      return next(args);
    },
    { step: 'initialize', name: 'consentChecksCounter' },
  );
  const activate = async (partner: Partner, tenantId: string) => {
    const relationship: Relationship = {
      tenantId, partnerId: partner.id, partnerKind: partner.kind, status: 'active', grantedAt: new Date().toISOString(),
      acceptedBy: { userId: 'u_test', email: 'admin@example.com' }, source: { linkId: 'test' },
      ...(partner.providerId ? { providerId: partner.providerId } : {}),
    };
    const outcome = await commitChange({ writes: relationshipActivated(relationship), audit: { action: 'consent.accepted', actor, tenantId, partnerId: partner.id } });
    expect(outcome.ok).toBe(true);
    return relationship;
  };
  const end = async (relationship: Relationship) => {
    const outcome = await commitChange({
      writes: relationshipEnded(relationship, 'terminated', new Date().toISOString()),
      audit: { action: 'relationship.terminated', actor, tenantId: relationship.tenantId, partnerId: relationship.partnerId },
    });
    expect(outcome.ok).toBe(true);
  };
  mod = { checkConsent, authorizationFor, createTenant, createPartner, activate, end };
});

const newTenant = () => mod.createTenant({ name: `Tenant ${unique()}`, initialDomain: `${unique('t')}.onmicrosoft.example`, domains: [`${unique('v')}.example`] }, actor);
const newPartner = (kind: Partner['kind'], providerId?: string) =>
  mod.createPartner({ name: `Partner ${unique()}`, kind, contactEmail: `ops@${unique('p')}.example`, ...(providerId ? { providerId } : {}) }, actor);

describe('consent checks of many tenants', () => {
  it('R6, R19: 150 tenants by id and by domain, some unknown, some repeated: each answered in order, in three batched reads', async () => {
    const { partner } = await newPartner('direct-csp');
    const tenants = await Promise.all(Array.from({ length: 150 }, newTenant));
    for (const t of tenants.slice(0, 60)) await mod.activate(partner, t.id);
    for (const t of tenants.slice(60, 70)) await mod.end(await mod.activate(partner, t.id));
    const expected = (i: number) => (i < 60 ? 'active' : i < 70 ? 'terminated' : 'none');
    // Every tenant by id; every fifth by its verified domain too (upper case), every seventh by its initial domain.
    const given: { tenant: string; index?: number }[] = [];
    tenants.forEach((t, i) => {
      given.push({ tenant: t.id, index: i });
      if (i % 5 === 0) given.push({ tenant: t.domains[0].toUpperCase(), index: i });
      if (i % 7 === 0) given.push({ tenant: t.initialDomain, index: i });
    });
    given.push({ tenant: tenants[3].id, index: 3 }, { tenant: `${unique('unknown')}.example` }, { tenant: 't_000000000000000000000000' });

    calls = [];
    const results = await mod.checkConsent(partner, given.map((g) => g.tenant));
    expect(calls).toEqual(['BatchGetItem', 'BatchGetItem', 'BatchGetItem']);
    expect(results).toEqual(
      given.map(({ tenant, index }) => {
        const status = index === undefined ? 'none' : expected(index);
        return status === 'none' ? { tenant, status } : { tenant, tenantId: tenants[index!].id, status };
      }),
    );
  });

  it('R19: unknown domains answer none, and no relationship is read for them', async () => {
    const { partner } = await newPartner('direct-csp');
    const unknown = [`${unique('a')}.example`, `${unique('b')}.example`];
    calls = [];
    expect(await mod.checkConsent(partner, unknown)).toEqual(unknown.map((tenant) => ({ tenant, status: 'none' })));
    expect(calls).toEqual(['BatchGetItem']);
  });

  it('R7, R8: a provider is answered through its resellers, as authorizationFor answers each tenant', async () => {
    const { partner: provider } = await newPartner('indirect-provider');
    const { partner: reseller } = await newPartner('indirect-reseller', provider.id);
    const { partner: other } = await newPartner('indirect-reseller', provider.id);
    const [viaActive, viaEnded, viaBoth, unrelated] = await Promise.all([newTenant(), newTenant(), newTenant(), newTenant()]);
    await mod.activate(reseller, viaActive.id);
    await mod.end(await mod.activate(reseller, viaEnded.id));
    await mod.end(await mod.activate(reseller, viaBoth.id));
    await mod.activate(other, viaBoth.id);
    const ids = [viaActive.id, viaEnded.id, viaBoth.id, unrelated.id];
    const results = await mod.checkConsent(provider, [...ids, viaActive.initialDomain]);
    expect(results.map((r) => r.status)).toEqual(['active', 'terminated', 'active', 'none', 'active']);
    for (const [i, id] of ids.entries()) expect(results[i].status).toBe((await mod.authorizationFor(provider, id)).status);
    // The reseller itself, by key.
    expect((await mod.checkConsent(reseller, ids)).map((r) => r.status)).toEqual(['active', 'terminated', 'terminated', 'none']);
  });

  it('R6: through the API, a check of 100 tenants answers 100 results in order', async () => {
    const created = await newPartner('direct-csp');
    const tenants = await Promise.all(Array.from({ length: 100 }, newTenant));
    await mod.activate(created.partner, tenants[42].id);
    const res = await asPartner(created.apiKey, 'POST', '/v1/consent-checks', { tenants: tenants.map((t) => t.domains[0]) });
    expect(res.status).toBe(200);
    expect(res.body.results).toHaveLength(100);
    expect(res.body.results[42]).toEqual({ tenant: tenants[42].domains[0], tenantId: tenants[42].id, status: 'active' });
    expect(res.body.results.filter((r: { status: string }) => r.status !== 'none')).toHaveLength(1);
  });
});
