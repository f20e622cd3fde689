import { describe, expect, it } from 'vitest';
import { asPartner, call, createPartner, ops, problem, unique } from '../support/api.ts';

const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

describe('operator API: partners', () => {
  it('creates each of the four kinds and shows the API key once (only its hash is stored)', async () => {
    const direct = await createPartner('direct-csp');
    const provider = await createPartner('indirect-provider');
    const reseller = await createPartner('indirect-reseller', { providerId: provider.partner.id });
    const oem = await createPartner('oem');
    expect(direct.partner).toMatchObject({ kind: 'direct-csp', status: 'active' });
    expect(reseller.partner).toMatchObject({ kind: 'indirect-reseller', providerId: provider.partner.id });
    expect(oem.partner).toMatchObject({ kind: 'oem', directApiEligible: false });
    expect(direct.apiKey).toMatch(/^dck_[0-9a-f]{24}_[A-Za-z0-9_-]{43}$/);

    const read = await ops('GET', `/ops/partners/${direct.partner.id}`);
    expect(read.status).toBe(200);
    expect(read.body.partner).toEqual(direct.partner);
    expect(read.text).not.toContain(direct.apiKey.slice(`dck_${direct.keyId}_`.length));

    const keys = await ops('GET', `/ops/partners/${direct.partner.id}/api-keys`);
    expect(keys.status).toBe(200);
    expect(keys.body.items).toEqual([expect.objectContaining({ keyId: direct.keyId })]);
    expect(JSON.stringify(keys.body)).not.toMatch(/secret|Hash/i);
  });

  it('refuses a reseller without a provider, or whose provider is not an indirect provider', async () => {
    const noProvider = await ops('POST', '/ops/partners', { name: 'R', kind: 'indirect-reseller', contactEmail: 'r@r.example' });
    expect(problem(noProvider)).toEqual({ status: 400, code: 'validation_failed', contentType: PROBLEM_JSON });
    expect(noProvider.body.errors).toEqual([expect.objectContaining({ path: 'providerId' })]);

    const direct = await createPartner('direct-csp');
    const wrongKind = await ops('POST', '/ops/partners', { name: 'R', kind: 'indirect-reseller', contactEmail: 'r@r.example', providerId: direct.partner.id });
    expect(problem(wrongKind)).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(wrongKind.body.errors[0].path).toBe('providerId');

    const unknown = await ops('POST', '/ops/partners', { name: 'R', kind: 'indirect-reseller', contactEmail: 'r@r.example', providerId: 'p_unknown' });
    expect(problem(unknown)).toMatchObject({ status: 400, code: 'validation_failed' });
  });

  it('R9: only an OEM can carry directApiEligible; a provider is named only by a reseller', async () => {
    const res = await ops('POST', '/ops/partners', { name: 'D', kind: 'direct-csp', contactEmail: 'd@d.example', directApiEligible: true });
    expect(problem(res)).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(res.body.errors[0].path).toBe('directApiEligible');
    const provider = await createPartner('indirect-provider');
    const res2 = await ops('POST', '/ops/partners', { name: 'D', kind: 'oem', contactEmail: 'd@d.example', providerId: provider.partner.id });
    expect(res2.body.errors[0].path).toBe('providerId');
  });

  it('answers schema failures with every failing path', async () => {
    const res = await ops('POST', '/ops/partners', { name: '', kind: 'reseller', contactEmail: 'not-an-email', extra: 1 });
    expect(problem(res)).toEqual({ status: 400, code: 'validation_failed', contentType: PROBLEM_JSON });
    const paths = res.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(expect.arrayContaining(['name', 'kind', 'contactEmail']));
    expect(res.body.detail).toContain('kind');
  });

  it('PATCH makes an OEM eligible and suspends a partner, with audit events', async () => {
    const oem = await createPartner('oem');
    const eligible = await ops('PATCH', `/ops/partners/${oem.partner.id}`, { directApiEligible: true });
    expect(eligible.status).toBe(200);
    expect(eligible.body.partner.directApiEligible).toBe(true);
    const suspended = await ops('PATCH', `/ops/partners/${oem.partner.id}`, { status: 'suspended' });
    expect(suspended.body.partner.status).toBe('suspended');
    expect((await ops('GET', `/ops/partners/${oem.partner.id}`)).body.partner).toMatchObject({ directApiEligible: true, status: 'suspended' });

    const audit = await ops('GET', `/ops/audit?partnerId=${oem.partner.id}`);
    expect(audit.status).toBe(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['partner.updated', 'partner.updated', 'partner.created']);
  });

  it('PATCH refuses eligibility for a non-OEM, an empty patch, and unknown partners (404)', async () => {
    const direct = await createPartner('direct-csp');
    const res = await ops('PATCH', `/ops/partners/${direct.partner.id}`, { directApiEligible: true });
    expect(problem(res)).toMatchObject({ status: 400, code: 'validation_failed' });
    const empty = await ops('PATCH', `/ops/partners/${direct.partner.id}`, {});
    expect(problem(empty)).toMatchObject({ status: 400, code: 'validation_failed' });
    const badStatus = await ops('PATCH', `/ops/partners/${direct.partner.id}`, { status: 'deleted' });
    expect(problem(badStatus)).toMatchObject({ status: 400, code: 'validation_failed' });
    const missing = await ops('PATCH', '/ops/partners/p_000000000000000000000000', { status: 'suspended' });
    expect(problem(missing)).toEqual({ status: 404, code: 'not_found', contentType: PROBLEM_JSON });
    expect((await ops('GET', '/ops/partners/p_nope')).status).toBe(404);
  });

  it('rotates API keys: a new key works alongside the old until the old is revoked', async () => {
    const partner = await createPartner('direct-csp');
    const second = await ops('POST', `/ops/partners/${partner.partner.id}/api-keys`);
    expect(second.status).toBe(201);
    expect(second.body.apiKey).toMatch(/^dck_/);
    expect((await asPartner(partner.apiKey, 'GET', '/v1/me')).status).toBe(200);
    expect((await asPartner(second.body.apiKey, 'GET', '/v1/me')).status).toBe(200);

    const revoke = await ops('DELETE', `/ops/partners/${partner.partner.id}/api-keys/${partner.keyId}`);
    expect(revoke.status).toBe(204);
    expect(problem(await asPartner(partner.apiKey, 'GET', '/v1/me'))).toMatchObject({ status: 401, code: 'unauthorized' });
    expect((await asPartner(second.body.apiKey, 'GET', '/v1/me')).status).toBe(200);
    // Revoking again changes nothing and says so the same way.
    expect((await ops('DELETE', `/ops/partners/${partner.partner.id}/api-keys/${partner.keyId}`)).status).toBe(204);
    const keys = await ops('GET', `/ops/partners/${partner.partner.id}/api-keys`);
    expect(keys.body.items.find((k: { keyId: string }) => k.keyId === partner.keyId).revokedAt).toBeTruthy();
  });

  it("R19: a key of another partner, an unknown key and an unknown partner are 404 on revoke", async () => {
    const a = await createPartner('direct-csp');
    const b = await createPartner('direct-csp');
    expect(problem(await ops('DELETE', `/ops/partners/${a.partner.id}/api-keys/${b.keyId}`))).toMatchObject({ status: 404, code: 'not_found' });
    expect((await ops('DELETE', `/ops/partners/${a.partner.id}/api-keys/000000000000000000000000`)).status).toBe(404);
    expect((await ops('POST', '/ops/partners/p_000000000000000000000000/api-keys')).status).toBe(404);
    expect((await ops('GET', '/ops/partners/p_000000000000000000000000/api-keys')).status).toBe(404);
    expect((await asPartner(b.apiKey, 'GET', '/v1/me')).status).toBe(200);
  });
});

describe('operator authentication', () => {
  const routes: [string, string, unknown?][] = [
    ['POST', '/ops/partners', { name: 'x', kind: 'oem', contactEmail: 'x@x.example' }],
    ['GET', '/ops/partners/p_1'],
    ['PATCH', '/ops/partners/p_1', { status: 'suspended' }],
    ['GET', '/ops/partners/p_1/api-keys'],
    ['POST', '/ops/partners/p_1/api-keys'],
    ['DELETE', '/ops/partners/p_1/api-keys/k'],
    ['POST', '/ops/tenants', { name: 'x', initialDomain: 'x.example' }],
    ['GET', '/ops/tenants/t_1'],
    ['POST', '/ops/tenants/t_1/users', { email: 'a@x.example', displayName: 'A', roles: [] }],
    ['GET', '/ops/audit?tenantId=t_1'],
  ];

  it.each(routes)('%s %s: 401 without a token, with a malformed one, with a wrong one, and with a partner key', async (method, path, body) => {
    const partner = await createPartner('direct-csp');
    for (const token of [undefined, 'not a token', `ops_${unique()}${'x'.repeat(40)}`, partner.apiKey]) {
      const res = await call(method, path, { token, body });
      expect(problem(res)).toEqual({ status: 401, code: 'unauthorized', contentType: PROBLEM_JSON });
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    }
    const malformedHeader = await call(method, path, { headers: { authorization: 'Basic abc' }, body });
    expect(malformedHeader.status).toBe(401);
  });
});
