import { Duration, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  type HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type HttpFunctionName, type RouteKey, type RouteSpec, routes, splitRouteKey } from '../../shared/http/routes.ts';

/**
 * Why a route that `shared/http/routes.ts` declares `auth: 'none'` may be public. A public route
 * without an entry here is not acknowledged, so cdk-nag (AwsSolutions-APIG4) fails the synth
 * until someone writes down why it is public.
 *
 * The customer pages are public at API Gateway on purpose: customers have no API key or operator
 * token, the only credentials the Lambda authorizer checks, so the pages function authenticates
 * them itself (one-time emailed tokens, then a session cookie, and the session's CSRF token on
 * every form post) and answers refusals as pages.
 */
const CUSTOMER_PAGE =
  'Customer page opened from a consent email or a partner\'s consent link by someone who has no API key: without a sign-in session it only shows the request and asks the visitor to sign in by email (with the emailed one-time token in the path it signs its recipient in); the pages function checks the session itself.';
const CUSTOMER_ANSWER =
  'Customer form post that accepts or declines consent: the pages function refuses it without the session cookie of a signed-in user and that session\'s CSRF token (it redirects to the email sign-in); customers have no API key for the Lambda authorizer to check.';
const SIGN_IN =
  'The email sign-in itself, which has to be reachable before the customer has a session: the form only emails a one-time link to an existing account and answers the same either way, and verify accepts only an unexpired, unused one-time token.';
const PORTAL =
  'Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session\'s CSRF token on every post; customers have no API key for the Lambda authorizer to check.';

export const PUBLIC_ROUTE_REASONS: Partial<Record<RouteKey, string>> = {
  'GET /openapi.json':
    'The OpenAPI document of the partner API is public on purpose: partners read it before they hold an API key, and it describes the API only, no data.',
  'GET /consent/{token}': CUSTOMER_PAGE,
  'GET /l/{linkId}': CUSTOMER_PAGE,
  'POST /consent/{token}': CUSTOMER_ANSWER,
  'POST /l/{linkId}': CUSTOMER_ANSWER,
  'GET /signin': SIGN_IN,
  'POST /signin': SIGN_IN,
  'GET /signin/verify': SIGN_IN,
  'POST /signout':
    "Ends the caller's own session: the pages function checks the session cookie and its CSRF token before deleting the session; without a session it only clears the cookie.",
  'GET /portal': PORTAL,
  'POST /portal/relationships/{partnerId}/remove-roles': PORTAL,
  'POST /portal/relationships/{partnerId}/terminate': PORTAL,
  'POST /portal/relationships/{partnerId}/removal-request': PORTAL,
};

export interface RouteTableApiProps {
  /** Default route throttling of the stage. @default 50 requests per second, bursts of 100 */
  readonly throttle?: { rateLimit: number; burstLimit: number };
}

export interface RouteTargets {
  /** The function that serves a `fn` of the route table. */
  readonly functionFor: (fn: HttpFunctionName) => IFunction;
  /** The Lambda authorizer of `operator` and `partner` routes. */
  readonly authorizer: IFunction;
}

const HTTP_METHODS = new Set<string>(Object.values(HttpMethod));

/**
 * The HTTP API with exactly the routes of the route table (shared/http/routes.ts), no hand-written
 * list and no catch-all: each route goes to its function through one integration per function,
 * and through the Lambda authorizer unless the table says `auth: 'none'`.
 *
 * Made in two steps, because the functions need the API's URL (PUBLIC_URL) before the routes
 * can point at them: construct the API, make the functions, then `addRouteTable`.
 */
export class RouteTableApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogGroup: LogGroup;
  readonly routes = {} as Record<RouteKey, HttpRoute>;

  constructor(scope: Construct, id: string, props: RouteTableApiProps = {}) {
    super(scope, id);

    this.api = new HttpApi(this, 'HttpApi', {
      description: 'device-consent: operator API, partner API and consent pages',
      // The $default stage is made below, to give it access logs and throttling.
      createDefaultStage: false,
    });

    // Kept if the stack is deleted (who called what is evidence); the retention still expires it.
    this.accessLogGroup = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_MONTH });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle ?? { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogGroup),
        // JSON, one line per request. No header, query or body: they may carry keys and tokens.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTimeEpoch',
            sourceIp: '$context.identity.sourceIp',
            userAgent: '$context.identity.userAgent',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            responseLatency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });
  }

  /** Adds every route of the route table, each with its function and, unless public, the authorizer. */
  addRouteTable(targets: RouteTargets): void {
    // Simple responses, no identity source and no result caching. The authorizer always answers
    // isAuthorized: true with its verdict as context, and the function refuses (401/403) as
    // problem+json from that verdict: an identity source would make API Gateway answer its own
    // bare 401 when the header is missing, and a cached verdict would keep a revoked API key
    // working until the cache expired. Caching off is also what allows no identity source.
    const authorizer = new HttpLambdaAuthorizer('Authorizer', targets.authorizer, {
      authorizerName: 'verdict',
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: [],
      resultsCacheTtl: Duration.seconds(0),
    });
    const noAuthorizer = new HttpNoneAuthorizer();

    // One integration per function, shared by its routes. Each route still gets its own
    // invoke permission, scoped to its path, so a function is invocable only by its routes.
    const integrations = new Map<HttpFunctionName, HttpLambdaIntegration>();
    const integrationOf = (fn: HttpFunctionName) => {
      let integration = integrations.get(fn);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${fn}-integration`, targets.functionFor(fn));
        integrations.set(fn, integration);
      }
      return integration;
    };

    for (const [key, spec] of Object.entries(routes) as [RouteKey, RouteSpec][]) {
      const { method, path } = splitRouteKey(key);
      if (!HTTP_METHODS.has(method)) throw new Error(`Route table: unknown method in "${key}"`);
      const route = new HttpRoute(this, `Route ${key.replaceAll('/', '|')}`, {
        httpApi: this.api,
        routeKey: HttpRouteKey.with(path, method as HttpMethod),
        integration: integrationOf(spec.fn),
        authorizer: spec.auth === 'none' ? noAuthorizer : authorizer,
      });
      this.routes[key] = route;
      const publicReason = PUBLIC_ROUTE_REASONS[key];
      if (spec.auth === 'none' && publicReason) {
        Validations.of(route).acknowledge({ id: 'AwsSolutions-APIG4', reason: publicReason });
      }
    }
  }

  /** The URL of the $default stage, ending in "/". */
  get url(): string {
    return this.stage.url;
  }

  /** The API's endpoint, `https://<id>.execute-api.<region>.amazonaws.com`, without a trailing "/". */
  get endpoint(): string {
    return this.api.apiEndpoint;
  }
}
