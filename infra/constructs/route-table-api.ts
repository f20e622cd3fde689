import { Duration, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  ApiMapping,
  type CfnStage,
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
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { DEFAULT_MAX_BODY_BYTES, type HttpFunctionName, type RouteKey, type RouteSpec, routes, splitRouteKey } from '#shared/http/routes.ts';

/** Where API Gateway reads the CA certificates a client certificate must chain to (mutual TLS). */
export interface Truststore {
  readonly bucketName: string;
  readonly key: string;
  /** The S3 object version, when the bucket is versioned. @default the latest */
  readonly version?: string;
}

/**
 * Throttling of each heavy route (the device endpoints that take up to 6 MB: 1,000 devices a
 * call, about 8 s and 74 DynamoDB requests each, `npm run bench`), for all callers together.
 * 5 a second is 5,000 devices a second, far above the largest size's 10 million a year, yet it
 * keeps a burst of uploads to about 40 concurrent partner-api executions, so the account's
 * concurrency stays for everything else.
 */
export const HEAVY_ROUTE_THROTTLE = { rateLimit: 5, burstLimit: 10 } as const;

/** The routes that take more than the default body (the device endpoints): throttled on their own. */
export const heavyRoutes = (): RouteKey[] =>
  (Object.entries(routes) as [RouteKey, RouteSpec][]).filter(([, spec]) => (spec.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES) > DEFAULT_MAX_BODY_BYTES).map(([key]) => key);

/** The functions that serve routes, in the route table's order: each is an API of its own to watch. */
export const apiFunctions = (): HttpFunctionName[] => [...new Set((Object.values(routes) as RouteSpec[]).map((spec) => spec.fn))];

/**
 * Glob patterns of `$context.routeKey` (`<METHOD> <path>`) that match exactly the routes `fn`
 * serves: for each of its paths, `* /<segments>` and `* /<segments>/*` of the fewest leading
 * segments that match no other function's route (`/portal`, `/v1/tenant`, `/v1/me`). A CloudWatch
 * Logs metric filter selects one API's lines of the access log with them. Throws if a path of two
 * functions cannot be told apart at all.
 */
export function routeKeyPatternsOf(fn: HttpFunctionName): string[] {
  const entries = Object.entries(routes) as [RouteKey, RouteSpec][];
  const glob = (pattern: string) => new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  const others = entries.filter(([, spec]) => spec.fn !== fn).map(([key]) => key);
  const patternsOfRoute = (key: RouteKey): string[] => {
    const segments = splitRouteKey(key).path.split('/').slice(1);
    for (let depth = 1; depth <= segments.length; depth++) {
      const prefix = `* /${segments.slice(0, depth).join('/')}`;
      const candidates = depth < segments.length ? [`${prefix}/*`] : [prefix];
      if (!candidates.some((pattern) => others.some((other) => glob(pattern).test(other)))) return candidates;
    }
    throw new Error(`Route table: "${key}" (${fn}) has the path of another function's route; the per-API alarms cannot tell them apart`);
  };
  const patterns = [...new Set(entries.filter(([, spec]) => spec.fn === fn).flatMap(([key]) => patternsOfRoute(key)))];
  // A pattern that another of this function's patterns already covers adds nothing.
  return patterns.filter((pattern) => !patterns.some((other) => other !== pattern && other.endsWith('/*') && glob(other).test(pattern.replace(/\*$/, 'x'))));
}

export interface RouteTableApiProps {
  /** Default route throttling of the stage. @default 50 requests per second, bursts of 100 */
  readonly throttle?: { rateLimit: number; burstLimit: number };
  /**
   * Serve the API and the pages at this domain name too, with this ACM certificate (of the stack's
   * region, covering the name). A DNS record must then point the name at `customDomain.regionalDomainName`.
   * The API's default `execute-api` endpoint is then disabled: the domain is the only way in.
   * With `truststore`, the domain also requires mutual TLS: only a client certificate issued by a
   * CA of the truststore gets through (the edge front's, so nothing can bypass its firewall).
   * @default none: the execute-api endpoint only
   */
  readonly customDomain?: { domainName: string; certificateArn: string; truststore?: Truststore };
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
      // With a custom domain (and so with the edge front, whose origin it is) the domain is the
      // only way in: the execute-api endpoint would bypass the domain's mutual TLS and the firewall.
      disableExecuteApiEndpoint: props.customDomain !== undefined,
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
        ...(props.customDomain.truststore
          ? {
              mtls: {
                bucket: Bucket.fromBucketName(this, 'Truststore', props.customDomain.truststore.bucketName),
                key: props.customDomain.truststore.key,
                version: props.customDomain.truststore.version,
              },
            }
          : {}),
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

    // Each heavy route gets its own bucket of requests in the stage, below the stage's default,
    // so device uploads cannot use up the throttle of every other call. A route setting needs
    // its route to exist first. (RouteSettings is untyped JSON in the L1: CloudFormation's casing.)
    const heavy = heavyRoutes();
    (this.stage.node.defaultChild as CfnStage).routeSettings = Object.fromEntries(
      heavy.map((key) => [key, { ThrottlingRateLimit: HEAVY_ROUTE_THROTTLE.rateLimit, ThrottlingBurstLimit: HEAVY_ROUTE_THROTTLE.burstLimit }]),
    );
    for (const key of heavy) this.stage.node.addDependency(this.routes[key]);
  }

  /** The base URL of the API, ending in "/": the custom domain's when there is one (the execute-api endpoint is then disabled). */
  get url(): string {
    return this.customDomainName ? `https://${this.customDomainName}/` : this.stage.url;
  }

  /** The API's endpoint, `https://<id>.execute-api.<region>.amazonaws.com`, without a trailing "/". */
  get endpoint(): string {
    return this.api.apiEndpoint;
  }
}
