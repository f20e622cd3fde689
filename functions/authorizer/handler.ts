import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { authorize } from '#shared/http/authorize.ts';
import type { AuthVerdict } from '#shared/http/auth-context.ts';
import { checkConfig } from '#shared/config/config.ts';
import { FUNCTION_SECRETS } from '#shared/config/secrets.ts';
import { observedHandler } from '#shared/observability/middleware.ts';

// Cold start: wrong configuration fails here, naming the variable, before any request is served.
await checkConfig(['TABLE_NAME'], { secrets: FUNCTION_SECRETS['authorizer'] });

/**
 * The HTTP API's Lambda authorizer for operator and partner routes. It always lets the request
 * through with its verdict as context; the function answers a refusal with problem+json.
 */
export const handler = observedHandler(
  // The API Gateway request id: the same as the function's that serves the request.
  (event: APIGatewayRequestAuthorizerEventV2) => event.requestContext?.requestId,
  async (event): Promise<APIGatewaySimpleAuthorizerWithContextResult<AuthVerdict>> => ({
    isAuthorized: true,
    context: await authorize(event.routeKey, event.headers?.authorization),
  }),
  'authorizer',
);
