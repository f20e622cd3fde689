import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Partner } from '#shared/domain/partner.ts';
import { httpFunction, type HttpRequest, type RouteImplementations } from '#shared/http/chain.ts';
import { openApiDocument } from '#shared/http/openapi.ts';
import type { HttpResult } from '#shared/http/response.ts';
import { routes, splitRouteKey, type RouteKey, type RouteSpec } from '#shared/http/routes.ts';
import { routeSpecs } from '#shared/http/route-specs/partner-api.ts';

/**
 * R20, API.md: the partner POST routes accept an `Idempotency-Key`. The route table declares it
 * (`idempotencyKey: true`), the chain checks the header of exactly those routes, and the OpenAPI
 * document lists it on exactly those.
 */
const PARTNER: Partner = { id: 'p_idem', name: 'Contoso', kind: 'direct-csp', contactEmail: 'ops@contoso.example', status: 'active', createdAt: '2026-01-01T00:00:00.000Z' };

// The chain reads the calling partner from the table; here it reads this one, with no table.
vi.mock('#shared/table/partners.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('#shared/table/partners.ts')>()),
  getPartner: async (id: string) => (id === PARTNER.id ? PARTNER : undefined),
}));

const DECLARING: RouteKey[] = [
  'POST /v1/consent-requests',
  'POST /v1/consent-checks',
  'POST /v1/device-submissions/validate',
  'POST /v1/devices',
  'POST /v1/device-uploads',
  'POST /v1/device-batches',
  'POST /v1/device-batches/{batchId}/devices',
  'POST /v1/device-batches/{batchId}/submit',
  'POST /v1/webhook/secret-rotations',
  'POST /v1/webhook/deliveries/{deliveryId}/redeliver',
  'POST /v1/device-claims',
  'POST /v1/device-claims/{claimId}/withdraw',
];

const declaring = () => (Object.entries(routes) as [RouteKey, RouteSpec][]).filter(([, spec]) => spec.idempotencyKey).map(([key]) => key).sort();

describe('the route table declares the Idempotency-Key (R20)', () => {
  it('on every partner POST of API.md, and on no other route', () => {
    expect(declaring()).toEqual([...DECLARING].sort());
  });

  it('the OpenAPI document lists the header on exactly the routes that declare it', () => {
    const paths = openApiDocument().paths as Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    const listing: string[] = [];
    for (const key of Object.keys(routes)) {
      const { method, path } = splitRouteKey(key);
      const operation = paths[path][method.toLowerCase()];
      expect(operation, key).toBeDefined();
      if ((operation.parameters ?? []).some((p) => p.name === 'Idempotency-Key' && p.in === 'header')) listing.push(key);
    }
    expect(listing.sort()).toEqual(declaring());
  });
});

describe('the chain checks the Idempotency-Key of the routes that declare it, once', () => {
  const seen: HttpRequest<RouteKey>[] = [];
  const ok = (status: number) => async (request: unknown): Promise<HttpResult> => {
    seen.push(request as HttpRequest<RouteKey>);
    return { statusCode: status, headers: {}, body: '' };
  };
  // Only the routes these tests call; the chain answers 404 for any other.
  const handler = httpFunction(routeSpecs, {
    'POST /v1/device-batches': ok(201),
    'POST /v1/device-batches/{batchId}/submit': ok(202),
    'DELETE /v1/devices/{deviceId}': ok(204),
    'GET /v1/me': ok(200),
  } as unknown as RouteImplementations<'partner-api'>);

  const call = (routeKey: RouteKey, headers: Record<string, string>, body?: unknown) => {
    const { path } = splitRouteKey(routeKey);
    const event = {
      version: '2.0',
      routeKey,
      rawPath: path,
      rawQueryString: '',
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      pathParameters: Object.fromEntries([...path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], 'x_1'])),
      body: body === undefined ? undefined : JSON.stringify(body),
      isBase64Encoded: false,
      requestContext: { requestId: 'req-idem', http: { method: 'POST', path, sourceIp: '127.0.0.1' }, authorizer: { lambda: { principal: 'partner', partnerId: PARTNER.id, keyId: 'k_1' } } },
    } as unknown as APIGatewayProxyEventV2;
    return handler(event, { functionName: 'partner-api' } as Context) as Promise<HttpResult>;
  };
  const problemOf = (result: HttpResult) => JSON.parse(result.body ?? '') as { status: number; code: string; title: string; errors: { path: string; message: string }[] };

  beforeEach(() => {
    seen.length = 0;
  });

  for (const bad of ['', 'ключ', 'a key with spaces', 'k'.repeat(256)]) {
    it(`refuses ${JSON.stringify(bad.length > 20 ? `${bad.slice(0, 8)}... (${bad.length})` : bad)} on a declaring route, naming the header, before the route runs`, async () => {
      const result = await call('POST /v1/device-batches/{batchId}/submit', { 'idempotency-key': bad });
      expect(result.statusCode).toBe(400);
      expect(problemOf(result)).toMatchObject({ status: 400, code: 'validation_failed', title: 'Request header is invalid', errors: [{ path: 'Idempotency-Key' }] });
      expect(seen).toHaveLength(0);
    });
  }

  it('hands a declaring route the key it was sent, or undefined without one', async () => {
    const key = '6f1c2a52-3f0e-4a57-9a58-1b8e5c0d2f11';
    expect((await call('POST /v1/device-batches/{batchId}/submit', { 'idempotency-key': key })).statusCode).toBe(202);
    expect((await call('POST /v1/device-batches/{batchId}/submit', {})).statusCode).toBe(202);
    expect(seen.map((request) => request.idempotencyKey)).toEqual([key, undefined]);
    expect(seen[1]).toHaveProperty('idempotencyKey', undefined);
  });

  it('ignores the header on a route that does not declare it, as before', async () => {
    for (const routeKey of ['DELETE /v1/devices/{deviceId}', 'GET /v1/me'] as const) {
      const result = await call(routeKey, { 'idempotency-key': 'a key with spaces' });
      expect(result.statusCode, routeKey).toBe(routeKey === 'GET /v1/me' ? 200 : 204);
    }
    expect(seen).toHaveLength(2);
    for (const request of seen) expect(request).not.toHaveProperty('idempotencyKey');
  });

  it('names a bad body before a bad key, as the routes did when they checked the key themselves', async () => {
    const result = await call('POST /v1/device-batches', { 'idempotency-key': 'a key with spaces' }, { tenantId: 't_1', action: 'explode' });
    expect(problemOf(result)).toMatchObject({ status: 400, code: 'validation_failed', title: 'Request body is invalid' });
    expect(problemOf(result).errors.map((e) => e.path)).not.toContain('Idempotency-Key');
    expect(seen).toHaveLength(0);
  });
});
