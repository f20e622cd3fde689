import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayRequestAuthorizerEventV2, Context } from 'aws-lambda';
import { handler as authorizer } from '../functions/authorizer/handler.ts';
import { handler as opsApi } from '../functions/ops-api/handler.ts';
import { handler as pages } from '../functions/pages/handler.ts';
import { handler as partnerApi } from '../functions/partner-api/handler.ts';
import { handler as customerApi } from '../functions/customer-api/handler.ts';
import { handler as partnerPortal } from '../functions/partner-portal/handler.ts';
import { payloadTooLarge } from '#shared/domain/errors.ts';
import { ProblemError, problemResponse } from '#shared/http/problem.ts';
import type { HttpResult } from '#shared/http/response.ts';
import { routes, splitRouteKey, type HttpFunctionName, type RouteKey } from '#shared/http/routes.ts';

type LambdaHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<HttpResult>;

/** The same handlers the CDK stack deploys, by function name. */
const functions: Record<HttpFunctionName, LambdaHandler> = {
  'ops-api': opsApi as unknown as LambdaHandler,
  'partner-api': partnerApi as unknown as LambdaHandler,
  'customer-api': customerApi as unknown as LambdaHandler,
  pages: pages as unknown as LambdaHandler,
  'partner-portal': partnerPortal as unknown as LambdaHandler,
};

/** API Gateway's own payload limit for HTTP APIs; endpoints enforce their smaller limits. */
const GATEWAY_MAX_BODY_BYTES = 10 * 1024 * 1024;

interface CompiledRoute {
  key: RouteKey;
  method: string;
  pattern: RegExp;
  names: string[];
}

const compiled: CompiledRoute[] = (Object.keys(routes) as RouteKey[]).map((key) => {
  const { method, path } = splitRouteKey(key);
  const names: string[] = [];
  const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { key, method, pattern: new RegExp(`^${source}$`), names };
});

function matchRoute(method: string, path: string) {
  for (const route of compiled) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (match) {
      try {
        const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(match[i + 1])]));
        return { route, params };
      } catch {
        return undefined; // a malformed %-escape names no resource
      }
    }
  }
  return undefined;
}

/**
 * The bodies API Gateway (HTTP API, payload 2.0) passes as UTF-8 text; it base64-encodes every
 * other body, `multipart/form-data`, `application/vnd.ms-excel` and `application/x-www-form-urlencoded`
 * included (observed on AWS: github.com/ministackorg/ministack/pull/766). Bytes that are not UTF-8
 * in a text body become U+FFFD, here as there (shared/http/file-body.ts refuses such a file).
 */
const TEXT_TYPES = /^(text\/[^;]*|application\/(json|xml|javascript))\s*(;|$)/i;

/** Turns a Node request into the API Gateway v2 event the deployed function would receive. */
export function toEvent(
  req: IncomingMessage,
  body: Buffer,
  routeKey: string,
  params: Record<string, string>,
): APIGatewayProxyEventV2 {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && name !== 'cookie') headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = query[name] === undefined ? value : `${query[name]},${value}`;
  const cookies = req.headers.cookie?.split(/;\s*/).filter(Boolean);
  const text = TEXT_TYPES.test(headers['content-type'] ?? '');
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies?.length ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(params).length ? { pathParameters: params } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length ? { body: text ? body.toString('utf8') : body.toString('base64'), isBase64Encoded: !text } : { isBase64Encoded: false }),
  };
}

function lambdaContext(functionName: string): Context {
  const deadline = Date.now() + 29_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > GATEWAY_MAX_BODY_BYTES) throw payloadTooLarge(GATEWAY_MAX_BODY_BYTES);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, result: HttpResult): void {
  const headers: Record<string, string | string[]> = { ...(result.headers ?? {}) } as Record<string, string>;
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  res.writeHead(result.statusCode, headers);
  const body = result.body ?? '';
  res.end(result.isBase64Encoded ? Buffer.from(body, 'base64') : body);
}

/** Invokes what API Gateway would: the authorizer on protected routes, then the route's function. */
export async function invoke(req: IncomingMessage, body: Buffer): Promise<HttpResult> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const found = matchRoute(req.method ?? 'GET', path);
  if (!found) return problemResponse(new ProblemError(404, 'not_found', 'Not found', 'No such route'));
  const { route, params } = found;
  const event = toEvent(req, body, route.key, params);
  const spec = routes[route.key];
  if (spec.auth !== 'none') {
    const authorizerEvent = {
      version: '2.0',
      type: 'REQUEST',
      routeArn: `arn:aws:execute-api:local:000000000000:local/$default/${route.method}${path}`,
      identitySource: [],
      routeKey: route.key,
      rawPath: event.rawPath,
      rawQueryString: event.rawQueryString,
      cookies: event.cookies,
      headers: event.headers,
      queryStringParameters: event.queryStringParameters,
      requestContext: event.requestContext,
      pathParameters: event.pathParameters,
    } as unknown as APIGatewayRequestAuthorizerEventV2;
    const verdict = await authorizer(authorizerEvent);
    if (!verdict.isAuthorized) return problemResponse(new ProblemError(403, 'forbidden', 'Forbidden', 'Not authorized'));
    (event.requestContext as unknown as { authorizer: unknown }).authorizer = { lambda: verdict.context };
  }
  return functions[spec.fn](event, lambdaContext(spec.fn));
}

export interface LocalServerOptions {
  port: number;
  /** Readiness of everything behind the server, for `GET /health`. */
  health: () => Promise<boolean>;
}

/** The local HTTP API: serves every route of the route table, bound to loopback only. */
export async function startLocalServer(options: LocalServerOptions): Promise<Server> {
  const server = createServer((req, res) => {
    void (async () => {
      try {
        if (req.method === 'GET' && req.url === '/health') {
          const ok = await options.health();
          res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify({ status: ok ? 'ok' : 'starting' }));
          return;
        }
        const body = await readBody(req);
        send(res, await invoke(req, body));
      } catch (error) {
        if (!(error instanceof ProblemError)) console.error('local server:', error);
        if (!res.headersSent) send(res, problemResponse(error));
        else res.end();
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port, host: '127.0.0.1' }, () => resolve());
  });
  return server;
}
