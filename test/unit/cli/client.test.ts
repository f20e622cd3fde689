import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, createApi, ok, pages, retryAfterSeconds } from '../../../cli/client.ts';
import { colourEnabled, duration, paint, waitShown, type Output } from '../../../cli/terminal.ts';

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
/** The waits a short 429 asked for, with what the CLI said was limited (none is really waited here). */
const waits: { seconds: number; why: string }[] = [];
const api = () => createApi({ baseUrl: 'http://127.0.0.1:3000/', token: 'dck_test', maxRetryWaitMs: 1, waitOut: async (seconds, why) => void waits.push({ seconds, why }) });
const partner = { id: 'p_1', name: 'Contoso', kind: 'direct-csp', contactEmail: 'ops@contoso.example', status: 'active', createdAt: '2026-01-01T00:00:00.000Z' };

afterEach(() => {
  vi.unstubAllGlobals();
  waits.length = 0;
});

/** A stream that keeps what is written to it: a terminal or not, as a test asks. */
const captured = (isTTY: boolean): Output & { text: string } => {
  const out = { text: '', isTTY, write: (t: string) => void (out.text += t) };
  return out;
};
const limited = (retryAfter: string, detail: string, policy: string) =>
  problem(429, { code: 'rate_limited', title: 'Too many requests', detail }, { 'retry-after': retryAfter, ratelimit: `"${policy}";r=0;t=${retryAfter}`, 'ratelimit-policy': `"${policy}";q=60;w=60` });

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
    expect(waits).toEqual([{ seconds: 1, why: 'rate limited: Slow down' }]);
  });

  it('a 429 with a short Retry-After (<= 60 s) is waited out, saying what was limited, then sent again, a POST without an Idempotency-Key too (a 429 changed nothing)', async () => {
    const seen = answering(
      limited('42', 'At most 60 consent requests per minute for this partner; try again in 42 s', 'partner-minute'),
      limited('60', 'At most 60 consent requests per minute for this partner; try again in 60 s', 'partner-minute'),
      json(200, { results: [] }),
    );
    await ok(api().POST('/v1/consent-checks', { body: { tenants: ['t_1'] } }));
    expect(seen).toHaveLength(3);
    expect(seen[2].body).toBe(seen[0].body);
    expect(waits).toEqual([
      { seconds: 42, why: 'rate limited: At most 60 consent requests per minute for this partner (partner-minute)' },
      { seconds: 60, why: 'rate limited: At most 60 consent requests per minute for this partner (partner-minute)' },
    ]);
  });

  it('a 429 with a longer Retry-After is not waited: the error says what was limited and when to try again (the CLI exits 1 with it)', async () => {
    const seen = answering(limited('61', 'At most 5 pending consent requests to one recipient, from all partners together; try again after 2026-12-03T14:00:00Z', 'recipient-pending'));
    const before = Date.now();
    const error = (await ok(api().POST('/v1/consent-requests', { params: { header: { 'Idempotency-Key': 'k' } }, body: { recipientEmail: 'a@b.example' } })).catch((e: unknown) => e)) as ApiError;
    expect(seen).toHaveLength(1);
    expect(waits).toEqual([]);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(error.message).toMatch(/^429 rate_limited: At most 5 pending consent requests to one recipient, from all partners together \(recipient-pending\); try again after \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(in 1 min 1 s\)$/);
    const at = Date.parse(error.retryAt!);
    expect(at).toBeGreaterThanOrEqual(before + 60_000);
    expect(at).toBeLessThanOrEqual(Date.now() + 62_000);
  });

  it('gives up after five short waits in a row, with the time to try again', async () => {
    const seen = answering(...Array.from({ length: 6 }, () => limited('1', 'Slow down', 'partner-minute')));
    await expect(ok(api().GET('/v1/me'))).rejects.toMatchObject({ status: 429, message: expect.stringContaining('try again after') });
    expect(seen).toHaveLength(6);
    expect(waits).toHaveLength(5);
  });

  it('reads Retry-After as seconds or as an HTTP date (RFC 9110)', () => {
    const now = Date.parse('2026-12-03T12:59:30Z');
    expect(retryAfterSeconds('120', now)).toBe(120);
    expect(retryAfterSeconds('Thu, 03 Dec 2026 13:00:00 GMT', now)).toBe(30);
    expect(retryAfterSeconds(null, now)).toBeUndefined();
    expect(retryAfterSeconds('soon', now)).toBeUndefined();
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

describe("the CLI's terminal (cli/terminal.ts)", () => {
  it('NO_COLOR: any non-empty value turns colour off, even with FORCE_COLOR; an empty one does not (https://no-color.org)', () => {
    const tty = captured(true);
    const pipe = captured(false);
    expect(colourEnabled(tty, {})).toBe(true);
    expect(colourEnabled(pipe, {})).toBe(false);
    expect(colourEnabled(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(colourEnabled(tty, { NO_COLOR: '1' })).toBe(false);
    expect(colourEnabled(tty, { NO_COLOR: 'false' })).toBe(false);
    expect(colourEnabled(pipe, { NO_COLOR: 'yes', FORCE_COLOR: '1' })).toBe(false);
    expect(colourEnabled(tty, { NO_COLOR: '' })).toBe(true);
    expect(colourEnabled(tty, { FORCE_COLOR: '0' })).toBe(false);
    expect(paint(tty, 'red', 'x', {})).toBe('\x1b[31mx\x1b[39m');
    expect(paint(tty, 'red', 'x', { NO_COLOR: '1' })).toBe('x');
  });

  it('a wait shows a countdown on a terminal, one second a step, rewritten in place, then one line', async () => {
    const tty = captured(true);
    const ticks: number[] = [];
    await waitShown(3, 'rate limited: At most 60 consent requests per minute for this partner', tty, async (ms) => void ticks.push(ms));
    expect(ticks).toEqual([1000, 1000, 1000]);
    const steps = tty.text.split('\r\x1b[2K').filter(Boolean);
    expect(steps.slice(0, 3).map((step) => /trying again in (\d+ s)/.exec(step)?.[1])).toEqual(['3 s', '2 s', '1 s']);
    expect(steps.at(-1)).toMatch(/waited 3 s, trying again\n$/);
  });

  it('a wait off a terminal is one line, with the moment it ends', async () => {
    const pipe = captured(false);
    const ticks: number[] = [];
    await waitShown(12, 'rate limited: something', pipe, async (ms) => void ticks.push(ms));
    expect(ticks).toEqual([12_000]);
    expect(pipe.text).toMatch(/^device-consent: rate limited: something; waiting 12 s \(until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\), then trying again\n$/);
    expect(pipe.text).not.toContain('\x1b');
  });

  it('says durations as a person reads them', () => {
    expect([duration(0), duration(58.2), duration(60), duration(61), duration(3600), duration(7380)]).toEqual(['0 s', '59 s', '1 min', '1 min 1 s', '1 h', '2 h 3 min']);
  });
});
