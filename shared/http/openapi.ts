import { createDocument } from 'zod-openapi';
import { routes, splitRouteKey, type RouteSpec } from './routes.ts';

const PROBLEM = { description: 'Problem (application/problem+json, RFC 9457) with a stable `code`' };

let built: ReturnType<typeof buildDocument> | undefined;

/** The OpenAPI 3.1 document, generated from the route table and its schemas (once per process). */
export const openApiDocument = () => (built ??= buildDocument());

function buildDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, route] of Object.entries(routes) as [string, RouteSpec][]) {
    const { method, path } = splitRouteKey(key);
    const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    paths[path] ??= {};
    paths[path][method.toLowerCase()] = {
      summary: route.summary,
      ...(route.auth === 'none' ? { security: [] } : { security: [{ [route.auth]: [] }] }),
      ...(params.length ? { parameters: params } : {}),
      ...(route.query ? { requestParams: { query: route.query } } : {}),
      ...(route.body ? { requestBody: { content: { 'application/json': { schema: route.body } } } } : {}),
      responses: {
        [String(route.success)]: { description: 'Success' },
        '4XX': PROBLEM,
      },
    };
  }
  return createDocument({
    openapi: '3.1.0',
    info: { title: 'device-consent', version: '1.0.0' },
    components: {
      securitySchemes: {
        operator: { type: 'http', scheme: 'bearer', description: 'Operator token' },
        partner: { type: 'http', scheme: 'bearer', description: 'Partner API key (dck_...)' },
      },
    },
    paths: paths as never,
  });
}
