import { logger } from '#shared/observability/logger.ts';
import { withCorrelation } from '#shared/observability/correlation.ts';
import { observability } from '#shared/observability/middleware.ts';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import { forbidden, notFound, payloadTooLarge, unauthorized, unavailable, unsupportedMediaType, validationFailed } from '#shared/domain/errors.ts';
import type { Partner } from '#shared/domain/partner.ts';
import type { Actor } from '#shared/domain/actor.ts';
import { getPartner } from '#shared/table/partners.ts';
import { scopeAllows } from '#shared/domain/customer-api-keys.ts';
import { recordKeyUse } from '#shared/customers/api-keys.ts';
import { readVerdict } from './auth-context.ts';
import { ProblemError, problemResponse, toProblem, zodFieldErrors } from './problem.ts';
import { mediaTypeOf, readFileBody } from './file-body.ts';
import { checkIdempotencyKey } from './idempotency-key.ts';
import { AnswerInstead, type HttpResult } from './response.ts';
import { DEFAULT_MAX_BODY_BYTES, routes, type HttpFunctionName, type RouteKey, type RoutesOf } from './routes.ts';


type Spec<K extends RouteKey> = (typeof routes)[K];
type BodyOf<K extends RouteKey> = Spec<K> extends { file: true }
  ? Spec<K> extends { body: infer S extends z.ZodMiniType }
    ? z.output<S> | Buffer
    : Buffer
  : Spec<K> extends { body: infer S extends z.ZodMiniType }
    ? z.output<S>
    : Spec<K> extends { form: infer F extends z.ZodMiniType }
      ? z.output<F>
      : undefined;
type QueryOf<K extends RouteKey> = Spec<K> extends { query: infer S extends z.ZodMiniType } ? z.output<S> : Record<string, string | undefined>;

/** The `Idempotency-Key` a route declares it accepts (routes.ts), checked by the chain; other routes get none. */
type IdempotencyKeyOf<K extends RouteKey> = Spec<K> extends { idempotencyKey: true } ? { idempotencyKey: string | undefined } : { idempotencyKey?: never };

export type HttpRequest<K extends RouteKey> = IdempotencyKeyOf<K> & {
  routeKey: K;
  event: APIGatewayProxyEventV2;
  params: Record<string, string>;
  body: BodyOf<K>;
  query: QueryOf<K>;
  /** Header names are lower-case, as API Gateway v2 gives them. */
  headers: Record<string, string | undefined>;
  actor: Actor;
  /** The calling partner, on partner routes (active: a suspended partner never gets here). */
  partner: Spec<K>['auth'] extends 'partner' ? Partner : undefined;
  /** The tenant a customer API key speaks for, on customer routes (R25: its scopes allow the route). */
  customer: Spec<K>['auth'] extends 'customer' ? CustomerCaller : undefined;
};

/** Who calls a customer route: the key's tenant (R19: the only tenant it reaches), the key and its scopes. */
export interface CustomerCaller {
  tenantId: string;
  keyId: string;
  scopes: string[];
}

export type RouteImplementation<K extends RouteKey> = (request: HttpRequest<K>) => Promise<HttpResult>;
export type RouteImplementations<F extends HttpFunctionName> = { [K in RoutesOf<F>]: RouteImplementation<K> };

/**
 * The one middleware chain of every HTTP function, in a fixed order: Powertools logger and
 * metrics (each invocation under the API Gateway request id as its correlation id), authentication
 * verdict, body limits, content type, JSON parsing and schema validation, the `Idempotency-Key` of
 * a route that declares it, then the route's use case; errors map to problem+json last. Handlers
 * only list their route implementations.
 */
export function httpFunction<F extends HttpFunctionName>(
  fn: F,
  implementations: RouteImplementations<F>,
  options: { renderError?: (error: ProblemError) => HttpResult } = {},
) {
  const chain = middy<APIGatewayProxyEventV2, HttpResult, Error, Context>()
    .use(observability())
    .use({
      onError: (request) => {
        if (request.error instanceof AnswerInstead) {
          request.response = request.error.result;
          return;
        }
        const problem = toProblem(request.error);
        // A throttled or unavailable dependency (503, retryable, nothing changed) is a warning; any other 5xx an error.
        if (problem.code === 'unavailable') logger.warn('request failed for a moment', { routeKey: request.event.routeKey, error: request.error as Error });
        else if (problem.status >= 500) logger.error('request failed', { routeKey: request.event.routeKey, error: request.error as Error });
        else logger.debug('request refused', { routeKey: request.event.routeKey, status: problem.status, code: problem.code });
        // A page answers errors as HTML, but keeps when to try again (503, 429).
        const retryAfter = problem.headers?.['retry-after'];
        const rendered = options.renderError?.(problem);
        request.response = rendered ? (retryAfter ? { ...rendered, headers: { ...rendered.headers, 'retry-after': retryAfter } } : rendered) : problemResponse(problem);
      },
    })
    .handler(async (event) => {
      const key = event.routeKey as RouteKey;
      const implementation = (implementations as unknown as Record<string, RouteImplementation<RouteKey> | undefined>)[key];
      if (!implementation || routes[key].fn !== fn) throw new ProblemError(404, 'not_found', 'Not found', 'No such route');
      const request = await buildRequest(key, event);
      const result = await implementation(request);
      logger.debug('request served', { routeKey: key, status: result.statusCode });
      return result;
    });
  return withCorrelation((event: APIGatewayProxyEventV2) => event.requestContext?.requestId, chain, fn);
}

const PATH_PARAM = /^[A-Za-z0-9_.@-]{1,128}$/;

async function buildRequest<K extends RouteKey>(key: K, event: APIGatewayProxyEventV2): Promise<HttpRequest<K>> {
  const spec: import('./routes.ts').RouteSpec = routes[key];
  const sourceIp = event.requestContext?.http?.sourceIp;
  const verdict = readVerdict((event.requestContext as { authorizer?: { lambda?: unknown } }).authorizer?.lambda);
  let actor: Actor = { type: 'system', id: 'anonymous', sourceIp };
  let partner: Partner | undefined;
  let customer: CustomerCaller | undefined;

  if (spec.auth === 'operator') {
    if (verdict.principal !== 'operator') throw verdict.principal === 'anonymous' && verdict.reason === 'unavailable' ? unavailable() : unauthorized('A valid operator token is required');
    actor = { type: 'operator', id: 'operator', sourceIp };
  } else if (spec.auth === 'partner') {
    if (verdict.principal !== 'partner') throw verdict.principal === 'anonymous' && verdict.reason === 'unavailable' ? unavailable() : unauthorized('A valid partner API key is required');
    partner = await getPartner(verdict.partnerId);
    if (!partner) throw unauthorized('A valid partner API key is required');
    if (partner.status !== 'active') throw forbidden('This partner is suspended');
    actor = { type: 'partner', id: partner.id, keyId: verdict.keyId, name: partner.name, sourceIp };
  } else if (spec.auth === 'customer') {
    if (verdict.principal !== 'customer') throw verdict.principal === 'anonymous' && verdict.reason === 'unavailable' ? unavailable() : unauthorized('A valid customer API key is required');
    customer = { tenantId: verdict.tenantId, keyId: verdict.keyId, scopes: verdict.scopes.split(' ') };
    // R25: a call outside its key's scopes is refused; what the key may not do is no secret.
    if (spec.scope && !scopeAllows(customer.scopes, spec.scope)) throw forbidden(`This API key lacks the ${spec.scope} scope`);
    actor = { type: 'customer_key', id: verdict.keyId, ...(verdict.keyName ? { name: verdict.keyName } : {}), sourceIp };
    await recordKeyUse(verdict.keyId, verdict.lastUsedAt);
  }

  const params = (event.pathParameters ?? {}) as Record<string, string>;
  // Identifiers are opaque but short and plain; anything else cannot name a resource (and must
  // never reach a key, where DynamoDB would refuse it): unknown, so 404 like any unknown id.
  if (Object.values(params).some((v) => !PATH_PARAM.test(v))) throw notFound();
  const query = spec.query ? parseWith(spec.query, event.queryStringParameters ?? {}, 'query') : (event.queryStringParameters ?? {});
  const maxBytes = spec.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  // A file route hands over the file's bytes (shared/http/file-body.ts); one that takes JSON too
  // parses a JSON body as any other route does.
  const body =
    spec.file && !(spec.body && mediaTypeOf(event) === 'application/json')
      ? await readFileBody(event, { maxBytes, alsoAccepted: spec.body ? ['application/json'] : [] })
      : spec.body
        ? parseJsonBody(event, spec.body, maxBytes)
        : spec.form
          ? parseFormBody(event, spec.form, maxBytes)
          : undefined;
  // After the body, where each route checked it before: a request wrong in both is told of its body.
  const idempotency = spec.idempotencyKey ? { idempotencyKey: checkIdempotencyKey(event.headers?.['idempotency-key']) } : {};
  return {
    ...idempotency,
    routeKey: key,
    event,
    params,
    body: body as BodyOf<K>,
    query: query as QueryOf<K>,
    headers: event.headers ?? {},
    actor,
    partner: partner as HttpRequest<K>['partner'],
    customer: customer as HttpRequest<K>['customer'],
  } as HttpRequest<K>;
}

/** The raw body as text, and its size in bytes as API Gateway received it. */
export function rawBody(event: APIGatewayProxyEventV2): { text: string; bytes: number } {
  if (!event.body) return { text: '', bytes: 0 };
  const buffer = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  return { text: buffer.toString('utf8'), bytes: buffer.length };
}

export function requireContentType(event: APIGatewayProxyEventV2, expected: string): void {
  const given = (event.headers?.['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (given !== expected) throw unsupportedMediaType(expected);
}

function parseJsonBody(event: APIGatewayProxyEventV2, schema: z.ZodMiniType, maxBytes: number): unknown {
  const { text, bytes } = rawBody(event);
  if (bytes > maxBytes) throw payloadTooLarge(maxBytes);
  requireContentType(event, 'application/json');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw validationFailed([{ path: '', message: 'body is not valid JSON' }], 'Request body is invalid');
  }
  if (!isWellFormedJson(parsed)) throw validationFailed([{ path: '', message: 'body holds a lone surrogate (\\ud800-\\udfff): text must be valid Unicode' }], 'Request body is invalid');
  return parseWith(schema, parsed, 'body');
}

/**
 * JSON may escape lone surrogates (`"\ud800"`), which are no Unicode text: no key or string of a
 * body may hold one (nothing could store or show it). Walked without recursion, so a deeply
 * nested body cannot exhaust the stack.
 */
function isWellFormedJson(value: unknown): boolean {
  const stack = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (!v.isWellFormed()) return false;
    } else if (v && typeof v === 'object') {
      for (const [key, child] of Object.entries(v)) {
        if (!key.isWellFormed()) return false;
        stack.push(child);
      }
    }
  }
  return true;
}

/**
 * HTML forms post `application/x-www-form-urlencoded`; a field given several times (checkboxes of
 * one name) arrives as the list of its values, and its schema says whether it may.
 */
function parseFormBody(event: APIGatewayProxyEventV2, schema: z.ZodMiniType, maxBytes: number): unknown {
  const { text, bytes } = rawBody(event);
  if (bytes > maxBytes) throw payloadTooLarge(maxBytes);
  requireContentType(event, 'application/x-www-form-urlencoded');
  const fields: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(text)) {
    const before = fields[name];
    fields[name] = before === undefined ? value : [...[before].flat(), value];
  }
  return parseWith(schema, fields, 'body');
}

function parseWith(schema: z.ZodMiniType, value: unknown, where: 'body' | 'query'): unknown {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw validationFailed(zodFieldErrors(result.error), where === 'body' ? 'Request body is invalid' : 'Query is invalid');
  }
  return result.data;
}
