import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { authorize } from '../../shared/http/authorize.ts';
import type { AuthVerdict } from '../../shared/http/auth-context.ts';

/**
 * The HTTP API's Lambda authorizer for operator and partner routes. It always lets the request
 * through with its verdict as context; the function answers a refusal with problem+json.
 */
export const handler = async (
  event: APIGatewayRequestAuthorizerEventV2,
): Promise<APIGatewaySimpleAuthorizerWithContextResult<AuthVerdict>> => ({
  isAuthorized: true,
  context: await authorize(event.routeKey, event.headers?.authorization),
});
