import { describe, expect, it } from 'vitest';
import { asPartner, call, createPartner, ops, problem } from '../support/api.ts';

describe('partner authentication on /v1', () => {
  it('GET /v1/me answers the calling partner', async () => {
    const { partner, apiKey } = await createPartner('oem');
    const res = await asPartner(apiKey, 'GET', '/v1/me');
    expect(res.status).toBe(200);
    expect(res.body.partner).toEqual(partner);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('a missing, malformed, unknown or revoked key is 401 problem+json', async () => {
    const { partner, apiKey, keyId } = await createPartner('direct-csp');
    const unknownSecret = apiKey.slice(0, -4) + (apiKey.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const unknownId = `dck_${'0'.repeat(24)}_${apiKey.split('_').slice(2).join('_')}`;
    for (const token of [undefined, 'garbage', apiKey.slice(0, -1), unknownSecret, unknownId]) {
      const res = await call('GET', '/v1/me', { token });
      expect(problem(res)).toEqual({ status: 401, code: 'unauthorized', contentType: 'application/problem+json; charset=utf-8' });
    }
    await ops('DELETE', `/ops/partners/${partner.id}/api-keys/${keyId}`);
    expect(problem(await asPartner(apiKey, 'GET', '/v1/me'))).toMatchObject({ status: 401, code: 'unauthorized' });
  });

  it('the operator token is not a partner key', async () => {
    const res = await call('GET', '/v1/me', { token: (await import('../support/api.ts')).stack().opsToken });
    expect(problem(res)).toMatchObject({ status: 401, code: 'unauthorized' });
  });

  it('a suspended partner is 403, and works again once reactivated', async () => {
    const { partner, apiKey } = await createPartner('direct-csp');
    await ops('PATCH', `/ops/partners/${partner.id}`, { status: 'suspended' });
    expect(problem(await asPartner(apiKey, 'GET', '/v1/me'))).toMatchObject({ status: 403, code: 'forbidden' });
    await ops('PATCH', `/ops/partners/${partner.id}`, { status: 'active' });
    expect((await asPartner(apiKey, 'GET', '/v1/me')).status).toBe(200);
  });
});

describe('error model', () => {
  it('malformed JSON is 400, a wrong content type 415, an oversized body 413, all problem+json without internals', async () => {
    const token = (await import('../support/api.ts')).stack().opsToken;
    const malformed = await call('POST', '/ops/tenants', { token, rawBody: '{"name":', headers: { 'content-type': 'application/json' } });
    expect(problem(malformed)).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(malformed.text).not.toMatch(/at .*\.ts|SyntaxError|stack/);

    const wrongType = await call('POST', '/ops/tenants', { token, rawBody: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(problem(wrongType)).toMatchObject({ status: 415, code: 'unsupported_media_type' });

    const noType = await call('POST', '/ops/tenants', { token, rawBody: '{}' });
    expect(problem(noType)).toMatchObject({ status: 415, code: 'unsupported_media_type' });

    const big = await call('POST', '/ops/tenants', {
      token,
      rawBody: JSON.stringify({ name: 'x'.repeat(70 * 1024), initialDomain: 'x.example' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(problem(big)).toMatchObject({ status: 413, code: 'payload_too_large' });
  });

  it('an unknown route is a problem+json 404', async () => {
    const res = await call('GET', '/v1/nothing-here');
    expect(problem(res)).toEqual({ status: 404, code: 'not_found', contentType: 'application/problem+json; charset=utf-8' });
  });

  it('a JSON body that is not an object, or null, is 400 not 500', async () => {
    const token = (await import('../support/api.ts')).stack().opsToken;
    for (const raw of ['null', '[]', '"x"', '42']) {
      const res = await call('POST', '/ops/partners', { token, rawBody: raw, headers: { 'content-type': 'application/json' } });
      expect(problem(res)).toMatchObject({ status: 400, code: 'validation_failed' });
    }
  });

  it('serves its OpenAPI document, generated from the route table and schemas', async () => {
    const res = await call('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/ops/partners', '/v1/me']));
    expect(res.body.paths['/ops/partners'].post.requestBody.content['application/json'].schema.properties.kind.enum).toEqual([
      'direct-csp', 'indirect-provider', 'indirect-reseller', 'oem',
    ]);
    // Issue 20: its server is this service (PUBLIC_URL), and every operation says who may call it.
    expect(res.body.servers).toEqual([{ url: process.env.PUBLIC_URL!.replace(/\/$/, ''), description: expect.any(String) }]);
    expect(res.body.paths['/v1/me'].get.description).toMatch(/partner's API key/);
  });
});
