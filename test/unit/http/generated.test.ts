import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliApiTypesFile } from '../../../dev/cli-api-types.ts';
import { generatedFiles } from '../../../dev/generated.ts';
import { ROUTE_AUTH } from '#shared/http/route-auth.ts';
import { routes } from '#shared/http/routes.ts';

describe('files written from the route table at build time (npm run generate)', () => {
  for (const file of generatedFiles()) {
    const name = relative(process.cwd(), file.path);
    it(`${name} is what the route table writes now (else run npm run generate)`, () => {
      expect(readFileSync(file.path, 'utf8') === file.content, `${name} is stale: run npm run generate`).toBe(true);
    });
  }

  it('cli/api-types.ts is what openapi-typescript writes from the committed OpenAPI document now (else run npm run generate)', async () => {
    const file = await cliApiTypesFile();
    expect(file.content).toContain('"/v1/consent-requests": {');
    expect(readFileSync(file.path, 'utf8') === file.content, 'cli/api-types.ts is stale: run npm run generate').toBe(true);
  });

  it("the authorizer's map names every route's credential, and only the route table's routes", () => {
    expect(Object.keys(ROUTE_AUTH).sort()).toEqual(Object.keys(routes).sort());
    for (const [key, route] of Object.entries(routes)) expect(ROUTE_AUTH[key], key).toBe(route.auth);
  });
});
