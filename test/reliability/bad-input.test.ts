import fc from 'fast-check';
import type * as z from 'zod/mini';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes, splitRouteKey, type RouteKey, type RouteSpec } from '#shared/http/routes.ts';
import { createPartner, createTenant, stack } from '../support/api.ts';
import { recordFigures, type FigureRow } from './support/figures.ts';
import { dumpDiff, dumpTable, leakIn, pool, startService } from './support/harness.ts';
import { invalidBodies, validBodyFor } from './support/invalid-bodies.ts';

/**
 * Bad input, as an attacker sends it: at least 500 bodies a JSON endpoint generated from the
 * endpoint's own schema, the classics (malformed JSON, wrong types, huge strings, deep nesting,
 * lone surrogates, NUL, `__proto__` keys, empty and oversize bodies, wrong content types), and
 * abuse of queries and path parameters. Every answer is a 4xx problem+json that shows nothing of
 * the inside, and the table is exactly as it was before.
 */
const RUNS = Number(process.env.RELIABILITY_RUNS ?? 500);
const SEED = Number(process.env.RELIABILITY_SEED ?? 13);
const CONCURRENCY = 8;

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

const stats = () => ({ cases: 0, fiveXx: 0, leaks: 0, failures: [] as string[] });
type Stats = ReturnType<typeof stats>;
const tally = { generated: stats(), classic: stats(), query: stats() };

let service: Awaited<ReturnType<typeof startService>>;
let partnerKey: string;
let partnerId: string;
let tenantId: string;
let before: Map<string, string>;

beforeAll(async () => {
  service = await startService();
  const partner = await createPartner('direct-csp');
  partnerKey = partner.apiKey;
  partnerId = partner.partner.id;
  tenantId = (await createTenant()).id;
  before = await dumpTable();
});

afterAll(async () => {
  await service?.stop();
  const row = (category: string, s: Stats, outcome: string): FigureRow => ({ category, cases: s.cases, fiveXx: s.fiveXx, leaks: s.leaks, outcome: s.failures.length ? `${s.failures.length} answers not a 4xx problem` : outcome });
  recordFigures('1-bad-input', [
    row(`bad input: schema-generated bodies (fast-check, seed ${SEED})`, tally.generated, 'all 4xx problem+json; table unchanged'),
    row('bad input: classics (JSON, types, sizes, NUL, surrogates, __proto__, content types)', tally.classic, 'all 4xx problem+json; table unchanged'),
    row('bad input: query and path abuse', tally.query, 'all 4xx; table unchanged'),
  ]);
});

const credentialFor = (spec: RouteSpec) => (spec.auth === 'operator' ? stack().opsToken : spec.auth === 'partner' ? partnerKey : undefined);
const pathOf = (key: RouteKey, fill: (name: string) => string = () => 'x_reliability') => splitRouteKey(key).path.replace(/\{(\w+)\}/g, (_m, name: string) => fill(name));

async function send(method: string, path: string, options: { token?: string; body?: string | Buffer; contentType?: string | null } = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.contentType !== null) headers['content-type'] = options.contentType ?? 'application/json';
  try {
    const res = await fetch(`${stack().apiUrl}${path}`, { method, headers, body: options.body, redirect: 'manual', signal: AbortSignal.timeout(20_000) });
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
  } catch (error) {
    // No answer at all (the server hung up or never answered): counted as a failure, never as a 4xx.
    return { status: 0, contentType: '', text: `no answer: ${(error as Error).message}` };
  }
}

/** Counts an answer and says what is wrong with it, if anything. */
function judge(stats: Stats, label: string, answer: Answer, options: { problem: boolean } = { problem: true }): void {
  stats.cases++;
  if (answer.status >= 500) stats.fiveXx++;
  const leak = leakIn(answer.text);
  if (leak) stats.leaks++;
  const problems: string[] = [];
  if (answer.status < 400 || answer.status >= 500) problems.push(`status ${answer.status}`);
  if (leak) problems.push(`leak: ${leak}`);
  if (options.problem) {
    if (!answer.contentType.startsWith('application/problem+json')) problems.push(`content-type ${answer.contentType}`);
    else {
      const body = JSON.parse(answer.text) as { status?: number; code?: string };
      if (body.status !== answer.status || typeof body.code !== 'string') problems.push(`problem ${answer.text.slice(0, 120)}`);
    }
  }
  if (problems.length > 0) stats.failures.push(`${label}: ${problems.join(', ')}`);
}

/** A valid body of each JSON endpoint: the generator mutates it into invalid ones. */
const VALID: Partial<Record<RouteKey, () => unknown>> = {
  'POST /ops/partners': () => ({ name: 'Fuzz', kind: 'direct-csp', contactEmail: 'ops@fuzz.example' }),
  'PATCH /ops/partners/{partnerId}': () => ({ directApiEligible: true }),
  'POST /ops/tenants': () => ({ name: 'Fuzz', initialDomain: 'fuzz.onmicrosoft.example', domains: ['fuzz.example'] }),
  'POST /ops/tenants/{tenantId}/users': () => ({ email: 'a@fuzz.example', displayName: 'A', roles: ['GlobalAdministrator'] }),
  'POST /ops/relationships/{tenantId}/{partnerId}/revoke': () => ({ reason: 'Verified by phone' }),
  'POST /ops/jobs/consent-status-check': () => ({ now: '2026-01-01T00:00:00.000Z' }),
  'POST /v1/consent-requests': () => ({ recipientEmail: 'a@fuzz.example', tenantDomain: 'fuzz.example', delegatedAdmin: { roles: ['GlobalReader'], durationDays: 30 }, message: 'As agreed' }),
  'POST /v1/consent-checks': () => ({ tenants: [tenantId] }),
  'POST /v1/device-submissions/validate': () => ({ tenantId, devices: [{ manufacturer: 'Contoso', model: 'Laptop', serialNumber: 'SN-1' }] }),
  'POST /v1/devices': () => ({ tenantId, devices: [{ manufacturer: 'Contoso', model: 'Laptop', serialNumber: 'SN-1' }] }),
  'POST /v1/device-batches': () => ({ tenantId, action: 'register' }),
  'POST /v1/device-batches/{batchId}/devices': () => ({ devices: [{ productKeyId: '1234567890123' }] }),
  'PUT /v1/webhook': () => ({ url: 'http://127.0.0.1:1/hooks', events: ['consent.accepted'] }),
};

const validBody = (key: RouteKey, spec: RouteSpec): unknown => VALID[key]?.() ?? validBodyFor(spec.body as z.ZodMiniType);

/** Every route of the route table that takes a JSON body. */
const jsonRoutes = () => (Object.entries(routes) as [RouteKey, RouteSpec][]).filter(([, spec]) => spec.body !== undefined);

describe('bad input', () => {
  it('every JSON endpoint of the route table has a valid body to mutate (written here, or derived from its schema)', () => {
    expect(jsonRoutes().length).toBeGreaterThanOrEqual(13);
    for (const [key, spec] of jsonRoutes()) expect((spec.body as z.ZodMiniType).safeParse(validBody(key, spec)).success, key).toBe(true);
  });

  it(`${RUNS} schema-generated invalid bodies per JSON endpoint: each a 4xx problem+json, nothing leaked`, async () => {
    for (const [key, spec] of jsonRoutes()) {
      const schema = spec.body as z.ZodMiniType;
      const samples = fc.sample(invalidBodies(schema, validBody(key, spec)), { numRuns: RUNS, seed: SEED });
      const { method } = splitRouteKey(key);
      await pool(samples, CONCURRENCY, async ({ body, mutations }) => {
        const answer = await send(method, pathOf(key), { token: credentialFor(spec), body: body === undefined ? undefined : JSON.stringify(body) });
        judge(tally.generated, `${key} [${mutations.join('; ')}] ${JSON.stringify(body)?.slice(0, 200)}`, answer);
      });
    }
    expect(tally.generated.failures.slice(0, 10)).toEqual([]);
    expect(tally.generated.cases).toBeGreaterThanOrEqual(RUNS * jsonRoutes().length);
  });

  it('the classics on every JSON endpoint: malformed JSON, wrong types, huge strings, deep nesting, lone surrogates, NUL, __proto__, empty and oversize bodies, wrong content types', async () => {
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    for (const [key, spec] of jsonRoutes()) {
      const schema = spec.body as z.ZodMiniType;
      const valid = validBody(key, spec) as Record<string, unknown>;
      const { method } = splitRouteKey(key);
      const maxBytes = spec.maxBodyBytes ?? 64 * 1024;
      const firstString = Object.keys(valid).find((k) => typeof valid[k] === 'string');
      const withField = (raw: string) => (firstString ? `{${JSON.stringify(firstString)}:${raw}${JSON.stringify(valid).slice(1).replace(new RegExp(`"${firstString}":"[^"]*",?`), ',').replace(/^,}/, '}').replace(/^,/, ',')}` : undefined);
      const refused = (text: string) => {
        try {
          return !schema.safeParse(JSON.parse(text)).success;
        } catch {
          return true;
        }
      };
      const cases: { label: string; body?: string | Buffer; contentType?: string | null }[] = [
        ...['{', '{"a":', 'nul', '[1,]', "{'a':1}", '{"a":1}{"b":2}', `\uFEFF${JSON.stringify(valid)}`, '{"a":1,}', 'NaN', '"\\x41"'].map((body) => ({ label: `malformed JSON ${body.slice(0, 10)}`, body })),
        ...['null', '[]', '1', '"x"', 'true', '{}', JSON.stringify([valid])].map((body) => ({ label: `wrong type ${body.slice(0, 10)}`, body })),
        { label: 'huge string within the limit', body: withField(JSON.stringify('x'.repeat(Math.min(maxBytes, 64 * 1024) - 2000))) },
        { label: 'deep nesting as the body', body: deep(Math.floor(Math.min(maxBytes, 64 * 1024) / 2) - 10) },
        { label: 'deep nesting in a field', body: withField(deep(10_000)) },
        { label: 'lone surrogate', body: withField('"a\\ud800b"') },
        { label: 'lone low surrogate', body: withField('"\\udfff"') },
        { label: 'NUL', body: withField('"a\\u0000b"') },
        { label: 'bidi override', body: withField('"a\\u202eb"') },
        { label: '__proto__ key', body: `{"__proto__":{"isAdmin":true},${JSON.stringify(valid).slice(1)}` },
        { label: 'constructor.prototype key', body: `{"constructor":{"prototype":{"isAdmin":true}},${JSON.stringify(valid).slice(1)}` },
        { label: 'empty body', body: '' },
        { label: 'no body', body: undefined },
        { label: 'oversize body', body: Buffer.alloc(maxBytes + 1, 0x20) },
        ...['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'application/jsonp', 'text/json', 'multipart/form-data; boundary=x'].map((contentType) => ({ label: `content type ${contentType}`, body: JSON.stringify(valid), contentType })),
        { label: 'no content type', body: JSON.stringify(valid), contentType: null },
      ].filter((c) => c.body === undefined || Buffer.isBuffer(c.body) || c.contentType !== undefined || refused(c.body));
      await pool(cases, CONCURRENCY, async (c) => {
        const answer = await send(method, pathOf(key), { token: credentialFor(spec), body: c.body, contentType: c.contentType });
        // A file route reads other media types as files: what it answers to JSON it does not take is still a 4xx.
        judge(tally.classic, `${key} ${c.label}`, answer);
      });
    }
    // Past the gateway's own limit (10 MB), and forms posted to the pages the same ways.
    judge(tally.classic, 'over 10 MB', await send('POST', '/v1/devices', { token: partnerKey, body: Buffer.alloc(10 * 1024 * 1024 + 1, 0x20) }));
    for (const [body, contentType] of [[Buffer.alloc(70 * 1024, 0x61), 'application/x-www-form-urlencoded'], ['{"email":"a@b.example"}', 'application/json'], ['email=%ED%A0%80', 'text/plain']] as const) {
      judge(tally.classic, `POST /signin ${contentType}`, await send('POST', '/signin', { body, contentType }), { problem: false });
    }
    expect(tally.classic.failures).toEqual([]);
  });

  it('query and path abuse: bad limits, forged and oversize cursors, unknown statuses, odd identifiers', async () => {
    const bad: Record<string, string[]> = {
      limit: ['0', '-1', '101', 'abc', '1.5', '', ' ', '9'.repeat(400), 'NaN', 'Infinity', '0x10', '1e9'],
      cursor: ['x', 'a.b', 'a.b.c', 'x'.repeat(3000), 'eyJwayI6IlBBUlRORVIjcF94Iiwic2siOiJSRUwjdF94In0.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '\u0000', '\u202E', '.'],
      status: ['bogus', 'PENDING', 'pending,accepted', ''],
      tenantId: ['', 'x'.repeat(65)],
      partnerId: ['', 'x'.repeat(65)],
      action: ['destroy', ''],
    };
    const base: Partial<Record<RouteKey, Record<string, string>>> = {
      'GET /ops/audit': { partnerId },
      'GET /v1/devices': { tenantId },
      'GET /v1/device-batches': { tenantId },
      'POST /v1/device-uploads': { tenantId },
    };
    const cases: { key: RouteKey; spec: RouteSpec; query: Record<string, string> }[] = [];
    for (const [key, spec] of Object.entries(routes) as [RouteKey, RouteSpec][]) {
      if (!spec.query || spec.auth === 'none') continue;
      const params = Object.keys((spec.query as z.ZodMiniObject).shape ?? { limit: 1, cursor: 1 });
      for (const name of [...params, 'limit', 'cursor'].filter((n, i, all) => all.indexOf(n) === i)) {
        for (const value of bad[name] ?? []) cases.push({ key, spec, query: { ...(base[key] ?? {}), [name]: value } });
      }
      cases.push({ key, spec, query: {} });
    }
    await pool(cases, CONCURRENCY, async ({ key, spec, query }) => {
      const valid = (spec.query as z.ZodMiniType).safeParse(query).success && !('cursor' in query) && splitRouteKey(key).method !== 'POST';
      const qs = new URLSearchParams(query).toString();
      const answer = await send(splitRouteKey(key).method, `${pathOf(key, (name) => (name === 'batchId' ? 'b_0000' : 'x_reliability'))}?${qs}`, { token: credentialFor(spec), contentType: null });
      // A query its schema takes (and no cursor) may fairly be answered; it must still be no 5xx and leak nothing.
      if (valid) {
        tally.query.cases++;
        if (answer.status >= 500) tally.query.fiveXx++;
        if (leakIn(answer.text)) tally.query.leaks++;
        if (answer.status >= 500 || leakIn(answer.text)) tally.query.failures.push(`${key}?${qs}: ${answer.status}`);
      } else judge(tally.query, `${key}?${qs}`, answer);
    });
    // Path parameters no identifier can be: unknown, so 404 like any unknown id (R19).
    const oddIds = ['..', '%2e%2e', 'a'.repeat(200), '%00', '%E2%80%AE', '%ED%A0%80', '%3Cscript%3E', "'", '%2F', 'x%20y', '%', '%25', 'PARTNER%23p_1'];
    const paths = (Object.entries(routes) as [RouteKey, RouteSpec][]).filter(([key]) => key.includes('{'));
    await pool(
      paths.flatMap(([key, spec]) => oddIds.map((id) => ({ key, spec, id }))),
      CONCURRENCY,
      async ({ key, spec, id }) => {
        const { method } = splitRouteKey(key);
        const valid = spec.body ? validBody(key, spec) : undefined;
        const answer = await send(method, pathOf(key, () => id), { token: credentialFor(spec), body: valid === undefined ? undefined : JSON.stringify(valid), contentType: spec.form ? 'application/x-www-form-urlencoded' : undefined });
        judge(tally.query, `${key} with ${id}`, answer, { problem: spec.auth !== 'none' });
      },
    );
    expect(tally.query.failures).toEqual([]);
  });

  it('nothing changed in the table', async () => {
    const diff = dumpDiff(before, await dumpTable());
    expect(diff).toEqual({ added: [], removed: [], changed: [] });
  });
});
