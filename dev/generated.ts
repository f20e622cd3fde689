import { fileURLToPath } from 'node:url';
import { openApiDocument } from '#shared/http/openapi.ts';
import { routes, type RouteSpec } from '#shared/http/routes.ts';

/**
 * The files written from the route table at build time (`npm run generate`), so that no function
 * carries what only builds them (zod-openapi, the response schemas, every request schema): the
 * authorizer's route-to-auth map and the OpenAPI document the partner API serves. A unit test
 * fails when a committed file differs from what this writes now.
 */
export function generatedFiles(): { path: string; content: string }[] {
  const auth = Object.fromEntries(Object.entries(routes as Record<string, RouteSpec>).map(([key, route]) => [key, route.auth]));
  return [
    {
      path: fileURLToPath(new URL('../shared/http/route-auth.ts', import.meta.url)),
      content: [
        '// Written by `npm run generate` from the route table (shared/http/routes.ts): do not edit.',
        '// What credential each route asks for: all the authorizer needs of the route table.',
        '',
        `export const ROUTE_AUTH: Readonly<Record<string, 'operator' | 'partner' | 'customer' | 'none'>> = ${JSON.stringify(auth, null, 2).replaceAll('"', "'")};`,
        '',
      ].join('\n'),
    },
    {
      // Beside the partner API's handler, which serves it (the CDK construct copies it into the asset).
      path: fileURLToPath(new URL('../functions/partner-api/openapi.json', import.meta.url)),
      content: `${JSON.stringify(openApiDocument(), null, 2)}\n`,
    },
  ];
}
