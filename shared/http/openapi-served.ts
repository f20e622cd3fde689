/**
 * The OpenAPI document as the service serves it (`GET /openapi.json`): the generated one (its
 * `servers` fixed, so `npm run generate` stays deterministic) with `servers` naming this service
 * itself, its `PUBLIC_URL`, so a client generated or a "Try it" sent from the served document
 * reaches the service that served it. No imports: the partner API bundles it.
 */
export function servedOpenApi(generated: string, publicUrl: string): string {
  const document = JSON.parse(generated) as Record<string, unknown>;
  return JSON.stringify({ ...document, servers: [{ url: publicUrl, description: 'This service (its PUBLIC_URL)' }] }, null, 2);
}
