import { httpFunction } from '../../shared/http/chain.ts';
import { openApiDocument } from '../../shared/http/openapi.ts';
import { json } from '../../shared/http/response.ts';

/** The partner API (API.md), authenticated by partner API keys. */
export const handler = httpFunction('partner-api', {
  'GET /v1/me': async ({ partner }) => json(200, { partner }),
  'GET /openapi.json': async () => json(200, openApiDocument()),
});
