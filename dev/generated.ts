import { fileURLToPath } from 'node:url';
import { openApiDocument } from '#shared/http/openapi.ts';
import { routes, type HttpFunctionName, type RouteSpec } from '#shared/http/routes.ts';
import * as schemas from '#shared/http/schemas.ts';

/**
 * The files written from the route table at build time (`npm run generate`), so that no function
 * carries what only builds them (zod-openapi, the response schemas, every request schema): the
 * authorizer's route-to-auth map and the OpenAPI document the partner API serves. A unit test
 * fails when a committed file differs from what this writes now.
 */
export function generatedFiles(): { path: string; content: string }[] {
  const auth = Object.fromEntries(Object.entries(routes as Record<string, RouteSpec>).map(([key, route]) => [key, route.auth]));
  return [
    ...routeSpecFiles(),
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

/** What the chain reads of a route at run time (shared/http/chain.ts `RouteRuntime`); the rest is for the OpenAPI document and CDK. */
const RUNTIME_FIELDS = ['auth', 'scope', 'idempotencyKey', 'file', 'maxBodyBytes', 'query', 'body', 'form'] as const;
const SCHEMA_FIELDS = new Set<string>(['query', 'body', 'form']);

/**
 * Each HTTP function's own routes, as the chain needs them at run time: `shared/http/route-specs/<fn>.ts`.
 * The route table (routes.ts, every route's summary, description and responses) is for CDK, the
 * local server and the OpenAPI document; a function that imported it would carry all of it (26 KB,
 * growing with every route), where it needs its own rows' auth, limits and schemas.
 */
function routeSpecFiles(): { path: string; content: string }[] {
  const nameOf = new Map<unknown, string>(Object.entries(schemas).map(([name, value]) => [value, name]));
  const table = routes as Record<string, RouteSpec>;
  const functions = [...new Set(Object.values(table).map((route) => route.fn))].sort() as HttpFunctionName[];
  return functions.map((fn) => {
    const used = new Set<string>();
    const rows = Object.entries(table)
      .filter(([, route]) => route.fn === fn)
      .map(([key, route]) => {
        const fields = RUNTIME_FIELDS.filter((field) => (route as unknown as Record<string, unknown>)[field] !== undefined).map((field) => {
          const value = (route as unknown as Record<string, unknown>)[field];
          if (!SCHEMA_FIELDS.has(field)) return `${field}: ${JSON.stringify(value).replaceAll('"', "'")}`;
          const name = nameOf.get(value);
          if (!name) throw new Error(`${key}: its ${field} schema is not an export of shared/http/schemas.ts`);
          used.add(name);
          return `${field}: ${name}`;
        });
        return `    '${key}': { ${fields.join(', ')} },`;
      });
    return {
      path: fileURLToPath(new URL(`../shared/http/route-specs/${fn}.ts`, import.meta.url)),
      content: [
        '// Written by `npm run generate` from the route table (shared/http/routes.ts): do not edit.',
        `// What the ${fn} function's chain needs of its own routes at run time (shared/http/chain.ts).`,
        '',
        ...(used.size ? [`import { ${[...used].sort().join(', ')} } from '../schemas.ts';`] : []),
        "import type { FunctionRoutes } from '../routes.ts';",
        '',
        `export const routeSpecs = {`,
        `  fn: '${fn}',`,
        '  routes: {',
        ...rows,
        '  },',
        `} as const satisfies FunctionRoutes<'${fn}'>;`,
        '',
      ].join('\n'),
    };
  });
}
