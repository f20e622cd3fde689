import { Duration, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  ApiMapping,
  DomainName,
  EndpointType,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  type HttpStage,
  LogGroupLogDestination,
  SecurityPolicy,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type HttpFunctionName, type RouteKey, type RouteSpec, routes, splitRouteKey } from '#shared/http/routes.ts';

export interface RouteTableApiProps {
  /** Default route throttling of the stage. @default 50 requests per second, bursts of 100 */
  readonly throttle?: { rateLimit: number; burstLimit: number };
  /**
   * Serve the API and the pages at this domain name too, with this ACM certificate (of the stack's
   * region, covering the name). A DNS record must then point the name at `customDomain.regionalDomainName`.
   * @default none: the execute-api endpoint only
   */
  readonly customDomain?: { domainName: string; certificateArn: string };
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
  /** The custom domain, when one is configured. */
  readonly customDomain?: DomainName;
  private readonly customDomainName?: string;

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

    if (props.customDomain) {
      this.customDomainName = props.customDomain.domainName;
      // Regional, TLS 1.2 at least; the certificate is imported by ARN (it lives outside the app,
      // renewed by ACM), so deploying never waits on DNS validation.
      this.customDomain = new DomainName(this, 'CustomDomain', {
        domainName: props.customDomain.domainName,
        certificate: Certificate.fromCertificateArn(this, 'Certificate', props.customDomain.certificateArn),
        endpointType: EndpointType.REGIONAL,
        securityPolicy: SecurityPolicy.TLS_1_2,
      });
      new ApiMapping(this, 'CustomDomainMapping', { api: this.api, domainName: this.customDomain, stage: this.stage });
    }
  }

  /** The base URL of links and answers: `https://<custom domain>` when there is one, else the API's endpoint. */
  get publicEndpoint(): string {
    return this.customDomainName ? `https://${this.customDomainName}` : this.endpoint;
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
      const publicReason = spec.auth === 'none' ? spec.publicReason : undefined;
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
