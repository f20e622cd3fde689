import { describe, expect, it } from 'vitest';
import { operationDescription } from '#shared/http/openapi.ts';
import { servedOpenApi } from '#shared/http/openapi-served.ts';
import { routes, type RouteKey } from '#shared/http/routes.ts';
import generated from '../../../functions/partner-api/openapi.json' with { type: 'json' };

describe('the OpenAPI document: descriptions and servers (issue 20)', () => {
  it('gives every operation a one-line description that says who may call it', () => {
    const operations = Object.values(generated.paths as Record<string, Record<string, { description?: string }>>).flatMap((path) => Object.values(path));
    expect(operations.length).toBe(Object.keys(routes).length);
    for (const operation of operations) {
      expect(operation.description).toMatch(/^.+$/);
      expect(operation.description).toMatch(/Operators only|partner's API key|customer API key|Public: /);
    }
    expect(operationDescription(routes['PATCH /ops/partners/{partnerId}' as RouteKey])).toMatch(/^`directApiEligible`: OEMs only/);
  });

  it('serves the generated document with this service\'s PUBLIC_URL as its one server, the rest unchanged', () => {
    const text = JSON.stringify(generated);
    const served = JSON.parse(servedOpenApi(text, 'https://consent.contoso.example')) as typeof generated;
    expect(served.servers).toEqual([{ url: 'https://consent.contoso.example', description: expect.any(String) }]);
    expect({ ...served, servers: generated.servers }).toEqual(generated);
  });
});
