import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, createApi, ok, pages } from '../../../cli/client.ts';

/**
 * The CLI's typed client without a network: fetch is replaced by a list of answers, and every
 * request it was given is kept, so the retry rules and the problem messages the CLI prints (and
 * exits 1 on) can be pinned down.
 */
interface Seen {
  method: string;
  url: string;
  headers: Headers;
  body: string;
}

function answering(...answers: (Response | Error)[]): Seen[] {
  const seen: Seen[] = [];
  vi.stubGlobal('fetch', async (request: Request) => {
    seen.push({ method: request.method, url: request.url, headers: request.headers, body: await request.text() });
    const next = answers.shift();
    if (!next) throw new Error('no answer left');
    if (next instanceof Error) throw next;
    return next;
  });
  return seen;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const problem = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ type: 'about:blank', status, ...body }), { status, headers: { 'content-type': 'application/problem+json', ...headers } });
const api = () => createApi({ baseUrl: 'http://127.0.0.1:3000/', token: 'dck_test', maxRetryWaitMs: 1 });
const partner = { id: 'p_1', name: 'Contoso', kind: 'direct-csp', contactEmail: 'ops@contoso.example', status: 'active', createdAt: '2026-01-01T00:00:00.000Z' };

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("the CLI's client (cli/client.ts)", () => {
  it('sends the credential and asks for JSON; path parameters are encoded; the answer is the data', async () => {
    const seen = answering(json(200, { partner }));
    const body = await ok(api().GET('/ops/partners/{partnerId}', { params: { path: { partnerId: 'p 1/2' } } }));
    expect(body.partner.id).toBe('p_1');
    expect(seen).toHaveLength(1);
    expect(seen[0].url).toBe('http://127.0.0.1:3000/ops/partners/p%201%2F2');
    expect(seen[0].headers.get('authorization')).toBe('Bearer dck_test');
    expect(seen[0].headers.get('accept')).toBe('application/json');
  });

  it('turns a problem into an ApiError with its status, code, detail and field errors (the message the CLI prints)', async () => {
    answering(problem(400, { code: 'validation_failed', title: 'Invalid request', detail: 'The body is not valid', errors: [{ path: 'tenants', message: 'Required' }, { path: '', message: 'Too big' }] }));
    const error = await ok(api().POST('/v1/consent-checks', { body: { tenants: [] } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', message: '400 validation_failed: The body is not valid (tenants: Required; Too big)' });
    expect((error as ApiError).body).toMatchObject({ code: 'validation_failed' });
  });

  it("says a problem's field errors once when its detail already does, and falls back to the title, then the text", async () => {
    answering(
      problem(400, { code: 'validation_failed', title: 'Invalid', detail: 'recipientEmail: Invalid email address', errors: [{ path: 'recipientEmail', message: 'Invalid email address' }] }),
      problem(401, { code: 'unauthorized', title: 'A valid partner API key is required' }),
      new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }),
    );
    const client = api();
    await expect(ok(client.POST('/v1/consent-requests', { body: { recipientEmail: 'x' } }))).rejects.toMatchObject({ message: '400 validation_failed: recipientEmail: Invalid email address' });
    await expect(ok(client.GET('/v1/me'))).rejects.toMatchObject({ status: 401, code: 'unauthorized', message: '401 unauthorized: A valid partner API key is required' });
    await expect(ok(client.GET('/v1/me'))).rejects.toMatchObject({ status: 502, code: 'http_502', message: '502 : <html>Bad gateway</html>' });
  });

  it('retries a busy GET after its Retry-After (capped), and a POST only when it carries an Idempotency-Key, with the same body', async () => {
    const seen = answering(
      problem(503, { code: 'unavailable', title: 'Busy' }, { 'retry-after': '30' }),
      json(200, { partner }),
      problem(429, { code: 'rate_limited', title: 'Slow down' }, { 'retry-after': '1' }),
      json(200, { results: [{ tenant: 'fabrikam.example', status: 'none' }] }),
      problem(503, { code: 'unavailable', title: 'Busy' }, { 'retry-after': '1' }),
    );
    const client = api();
    expect((await ok(client.GET('/v1/me'))).partner.id).toBe('p_1');
    const checked = await ok(client.POST('/v1/consent-checks', { params: { header: { 'Idempotency-Key': 'k-1' } }, body: { tenants: ['fabrikam.example'] } }));
    expect(checked.results[0].status).toBe('none');
    await expect(ok(client.POST('/v1/consent-checks', { body: { tenants: ['fabrikam.example'] } }))).rejects.toMatchObject({ status: 503, code: 'unavailable' });
    expect(seen.map((s) => s.method)).toEqual(['GET', 'GET', 'POST', 'POST', 'POST']);
    expect(seen[2].body).toBe('{"tenants":["fabrikam.example"]}');
    expect(seen[3].body).toBe(seen[2].body);
    expect(seen[3].headers.get('idempotency-key')).toBe('k-1');
  });

  it('says which service it cannot reach; a GET is tried again first', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: new Error('connect ECONNREFUSED 127.0.0.1:3000') });
    const seen = answering(refused, json(200, { partner }), refused);
    const client = api();
    expect((await ok(client.GET('/v1/me'))).partner.id).toBe('p_1');
    await expect(ok(client.POST('/v1/consent-checks', { body: { tenants: ['t_1'] } }))).rejects.toMatchObject({
      status: 0,
      code: 'unreachable',
      message: 'cannot reach http://127.0.0.1:3000: connect ECONNREFUSED 127.0.0.1:3000',
    });
    expect(seen).toHaveLength(3);
  });

  it('gives a 204 no data, and walks every page of a list', async () => {
    const seen = answering(
      new Response(null, { status: 204 }),
      json(200, { items: [{ id: 'wd_1', type: 'consent.accepted', status: 'delivered', attempts: 1 }], nextCursor: 'c2' }),
      json(200, { items: [{ id: 'wd_2', type: 'consent.accepted', status: 'pending', attempts: 0 }], nextCursor: null }),
    );
    const client = api();
    expect(await ok(client.DELETE('/ops/partners/{partnerId}/api-keys/{keyId}', { params: { path: { partnerId: 'p_1', keyId: 'k_1' } } }))).toBeUndefined();
    const ids: string[] = [];
    for await (const c of pages((cursor) => ok(client.GET('/v1/webhook/deliveries', { params: { query: { limit: 100, cursor } } })))) ids.push(c.id);
    expect(ids).toEqual(['wd_1', 'wd_2']);
    expect(seen.slice(1).map((s) => new URL(s.url).search)).toEqual(['?limit=100', '?limit=100&cursor=c2']);
  });
});
