import { describe, expect, it } from 'vitest';
import { openApiDocument } from '#shared/http/openapi.ts';
import { routes, splitRouteKey, type RouteKey, type RouteSpec } from '#shared/http/routes.ts';

/**
 * API.md "Rate limits": every limited endpoint sends the IETF RateLimit fields
 * (`RateLimit-Policy`, `RateLimit`); the route table marks those routes (`rateLimited: true`) and
 * the OpenAPI document declares the fields on their success and on a 429 with `Retry-After`.
 */
type Response = { headers?: Record<string, { required?: boolean }> };
const paths = () => openApiDocument().paths as Record<string, Record<string, { responses: Record<string, Response> }>>;
const limited = () => (Object.entries(routes) as [RouteKey, RouteSpec][]).filter(([, spec]) => spec.rateLimited).map(([key]) => key);

describe('the RateLimit fields in the route table and the OpenAPI document (API.md "Rate limits")', () => {
  it('the consent requests route is the limited one', () => {
    expect(limited()).toEqual(['POST /v1/consent-requests']);
  });

  it('declares RateLimit-Policy and RateLimit on its success, and a 429 with Retry-After too, all required', () => {
    for (const key of limited()) {
      const { method, path } = splitRouteKey(key);
      const responses = paths()[path][method.toLowerCase()].responses;
      expect(Object.keys(responses[String(routes[key].success)].headers ?? {}).sort(), key).toEqual(['RateLimit', 'RateLimit-Policy']);
      const tooMany = responses['429'].headers ?? {};
      expect(Object.keys(tooMany).sort(), key).toEqual(['RateLimit', 'RateLimit-Policy', 'Retry-After']);
      expect(Object.values(tooMany).every((h) => h.required)).toBe(true);
    }
  });

  it('declares no 429 on a route that is not limited, and no older-style field anywhere', () => {
    for (const [path, operations] of Object.entries(paths())) {
      for (const [method, operation] of Object.entries(operations)) {
        if (!limited().includes(`${method.toUpperCase()} ${path}` as RouteKey)) expect(operation.responses['429'], `${method} ${path}`).toBeUndefined();
      }
    }
    expect(JSON.stringify(openApiDocument())).not.toMatch(/X-RateLimit|RateLimit-(Limit|Remaining|Reset)/i);
  });
});
