import { createDocument } from 'zod-openapi';
import { WEBHOOK_EVENTS } from '#shared/domain/webhooks.ts';
import { WEBHOOK_PAYLOADS, webhookDescription, webhookExample } from '#shared/domain/webhook-catalogue.ts';
import { routes, splitRouteKey, type RouteSpec } from './routes.ts';
import { Problem, responses } from './response-schemas.ts';
import { CSV_EXAMPLE, requestExamples } from './request-examples.ts';

/**
 * An operation's one-line description: what the route table says beyond the summary, then who may
 * call it (the credential, a customer key's scope, an `Idempotency-Key`, or why it is public).
 */
export function operationDescription(route: RouteSpec): string {
  const who =
    route.auth === 'operator'
      ? 'Operators only: the operator token as `Authorization: Bearer`.'
      : route.auth === 'partner'
        ? `A partner's API key as \`Authorization: Bearer\`${route.idempotencyKey ? '; accepts an `Idempotency-Key` that makes a retry safe (R20)' : ''}.`
        : route.auth === 'customer'
          ? `A customer API key of the tenant as \`Authorization: Bearer\`${route.scope ? `, with the scope \`${route.scope}\`` : ' (any scope)'} (R25).`
          : `Public: ${route.publicReason}`;
  return route.description ? `${route.description} ${who}` : who;
}

const PROBLEM = { description: 'Problem (application/problem+json, RFC 9457) with a stable `code`', content: { 'application/problem+json': { schema: Problem } } };
const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Makes a retry safe (R20): the same key with the same body answers the first answer again (`Idempotent-Replayed: true`); with another body, `422 idempotency_key_reused` (the IETF Idempotency-Key draft)',
  schema: { type: 'string', maxLength: 255 },
  example: '6f1c2a52-3f0e-4a57-9a58-1b8e5c0d2f11',
};
/**
 * The IETF RateLimit fields (draft-ietf-httpapi-ratelimit-headers) and `Retry-After`, as the
 * routes the route table marks `rateLimited` send them (shared/http/problem.ts rateLimitHeaders).
 */
const RATE_LIMIT_HEADERS = {
  'RateLimit-Policy': {
    description:
      "The caller's own quota policies, a Structured Field List (RFC 9651): each a policy name with `q` (the quota) and `w` (its window in seconds). A refusal by a limit shared with other partners (a recipient's) adds that policy, without `w` when it has no time window.",
    required: true,
    schema: { type: 'string' },
    example: '"partner-minute";q=60;w=60, "partner-day";q=1000;w=86400',
  },
  RateLimit: {
    description:
      "The state of one policy, a Structured Field List of one Item: the caller's own tightest (or, on a 429, the one that refused) with `r` (the quota remaining) and `t` (seconds until more quota is available).",
    required: true,
    schema: { type: 'string' },
    example: '"partner-minute";r=59;t=42',
  },
};
const RETRY_AFTER = {
  description:
    "Seconds to wait before trying again. A recipient's limit, shared by all partners, answers the seconds to the next whole hour (UTC), the same for every partner, so it tells nothing of when others wrote to that person.",
  required: true,
  schema: { type: 'integer', minimum: 1 },
  example: 42,
};
const RATE_LIMITED = {
  description: 'Problem `rate_limited`: over a limit of this route (API.md "Rate limits"); nothing was changed',
  headers: { 'Retry-After': RETRY_AFTER, ...RATE_LIMIT_HEADERS },
  content: PROBLEM.content,
};
const HTML_PAGE = { 'text/html': { schema: { type: 'string', description: 'A server-rendered HTML page' } } };
const PAGE_PROBLEM = { description: 'Refused: an HTML page saying why', content: HTML_PAGE };

/** Tags group the operations as API.md does. */
const TAGS = [
  { name: 'Operator', description: 'Partners, their API keys, tenants, users, the audit trail (operator token)' },
  { name: 'Partner', description: 'The calling partner and its consent link' },
  { name: 'Consent requests', description: 'Asking customers for consent, and following the answer' },
  { name: 'Customers', description: 'Tenants the partner is authorized for, and consent checks' },
  { name: 'Devices', description: 'Validating, registering and deregistering devices (JSON or CSV, up to 1000 a call)' },
  { name: 'Device batches', description: 'Up to 100,000 devices, asynchronously: create, add parts, submit, poll' },
  { name: 'Webhooks', description: 'Standard Webhooks endpoint, events and deliveries; the events themselves, with their bodies, are in the `webhooks` section' },
  { name: 'Customer API', description: "A tenant's own API (customer API key with scopes, R23-R25): its devices, their export and release" },
  { name: 'Customer pages', description: "The customer's browser pages (HTML, no API key)" },
  { name: 'Meta', description: 'This document' },
];

const tagOf = (path: string): string =>
  path.startsWith('/ops/') ? 'Operator'
  : path.startsWith('/v1/tenant') ? 'Customer API'
  : path.startsWith('/v1/consent-requests') ? 'Consent requests'
  : path.startsWith('/v1/customers') || path.startsWith('/v1/consent-checks') ? 'Customers'
  : path.startsWith('/v1/device-batches') ? 'Device batches'
  : path.startsWith('/v1/dev') ? 'Devices'
  : path.startsWith('/v1/webhook') ? 'Webhooks'
  : path.startsWith('/v1/') ? 'Partner'
  : path === '/openapi.json' ? 'Meta'
  : 'Customer pages';

/** `POST /v1/device-batches/{batchId}/submit` -> `postV1DeviceBatchesBatchIdSubmit`: stable, unique, URL-safe. */
export const operationIdOf = (key: string): string =>
  key
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1)))
    .join('');

/** A file route's bodies (shared/http/file-body.ts): the file itself, or a form with one file part. */
const FILE_BODIES = {
  'text/csv': { schema: { type: 'string', description: 'The CSV file; UTF-8 only, since a text body travels as UTF-8 text' } },
  'application/vnd.ms-excel': { schema: { type: 'string', format: 'binary', description: 'The CSV file, in any encoding the tools write (detected from its bytes)' } },
  'multipart/form-data': {
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary', description: 'The CSV file (one file part)' } }, required: ['file'] },
  },
};

/**
 * The Standard Webhooks headers of every delivery (shared/workers/deliver-webhook.ts), so a partner
 * knows what to verify before it trusts a body.
 */
const STANDARD_WEBHOOK_HEADERS = [
  {
    name: 'webhook-id',
    in: 'header',
    required: true,
    description: 'The id of this delivery: the same on every attempt of it (a retry, or a send repeated after a crash), so a receiver that saw it already can answer 2xx and do nothing',
    schema: { type: 'string', pattern: '^msg_[0-9a-f]{24}$' },
    example: 'msg_5f0c2a9e1b7d4c3a8e6f0b12',
  },
  {
    name: 'webhook-timestamp',
    in: 'header',
    required: true,
    description: 'When this attempt was signed, in seconds since the Unix epoch; refuse a delivery too far from now (a replay)',
    schema: { type: 'integer' },
    example: 1795514400,
  },
  {
    name: 'webhook-signature',
    in: 'header',
    required: true,
    description:
      'Space-separated signatures `v1,<base64>`: HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>`, keyed with the bytes of the webhook secret (`whsec_<base64>`, the base64 decoded). Accept the delivery when any of them matches (a Standard Webhooks library does all of this)',
    schema: { type: 'string', pattern: '^v1,[A-Za-z0-9+/=]+( v1,[A-Za-z0-9+/=]+)*$' },
    example: 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=',
  },
];

/**
 * The `webhooks` section: one entry per event of the catalogue (shared/domain/webhook-catalogue.ts),
 * its body's schema and example from there, the same headers for all, and what its answer means.
 */
function webhooksSection() {
  return Object.fromEntries(
    WEBHOOK_EVENTS.map((type) => [
      type,
      {
        post: {
          operationId: operationIdOf(`webhook ${type}`),
          tags: ['Webhooks'],
          summary: `${type} (sent to the partner's endpoint)`,
          description: `${webhookDescription(type)} Sent to the partner's webhook endpoint (\`PUT /v1/webhook\`) when it subscribed to \`${type}\`, signed per Standard Webhooks, at least once.`,
          security: [],
          parameters: STANDARD_WEBHOOK_HEADERS,
          requestBody: { required: true, content: { 'application/json': { schema: WEBHOOK_PAYLOADS[type], example: webhookExample(type) } } },
          responses: {
            '2XX': { description: 'Received: the delivery is done (the body of the answer is ignored)' },
            default: {
              description:
                'Anything else (a redirect too: none is followed), or no answer within 5 seconds: not received. Retried with back-off, then marked failed after the last attempt (S4), as `GET /v1/webhook/deliveries` shows',
            },
          },
        },
      },
    ]),
  );
}

let built: ReturnType<typeof buildDocument> | undefined;

/** The OpenAPI 3.1 document, generated from the route table and its schemas (once per process). */
export const openApiDocument = () => (built ??= buildDocument());

function buildDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, route] of Object.entries(routes) as [string, RouteSpec][]) {
    const { method, path } = splitRouteKey(key);
    const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    // R20: listed where the route table declares it, the declaration the chain checks the header by.
    if (route.idempotencyKey) params.push(IDEMPOTENCY_KEY as never);
    paths[path] ??= {};
    const answer = route.responses;
    const successContent = {
      ...(answer.json ? { 'application/json': { schema: responses[answer.json] } } : {}),
      ...(answer.html ? HTML_PAGE : {}),
    };
    const example = requestExamples[key as keyof typeof requestExamples];
    paths[path][method.toLowerCase()] = {
      operationId: operationIdOf(key),
      tags: [tagOf(path)],
      summary: route.summary,
      description: operationDescription(route),
      ...(route.auth === 'none' ? { security: [] } : { security: [{ [route.auth]: [] }] }),
      ...(params.length ? { parameters: params } : {}),
      ...(route.query ? { requestParams: { query: route.query } } : {}),
      ...(route.body || route.file
        ? {
            requestBody: {
              required: true,
              content: {
                ...(route.body ? { 'application/json': { schema: route.body, ...(example !== undefined ? { example } : {}) } } : {}),
                ...(route.file ? { ...FILE_BODIES, 'text/csv': { ...FILE_BODIES['text/csv'], example: CSV_EXAMPLE } } : {}),
              },
            },
          }
        : route.form
          ? { requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: route.form } } } }
          : {}),
      responses: {
        [String(route.success)]: {
          description: route.success === 303 ? 'Redirect (See Other) to the next page' : route.success === 204 ? 'Done; no body' : 'Success',
          ...(route.success === 303 ? { headers: { Location: { description: 'Where to go next', schema: { type: 'string' } } } } : {}),
          ...(route.rateLimited ? { headers: RATE_LIMIT_HEADERS } : {}),
          ...(Object.keys(successContent).length ? { content: successContent } : {}),
        },
        ...(route.alsoOk ? { '200': { description: route.alsoOk, ...(Object.keys(successContent).length ? { content: successContent } : {}) } } : {}),
        ...(answer.download
          ? {
              '303': {
                description:
                  'With `Accept: text/csv`: See Other, to the whole list as one CSV file of any size at a download URL that works for 15 minutes (follow it without the Authorization header: `curl -L` drops it, as fetch does)',
                headers: { Location: { description: 'The download URL of the CSV file', schema: { type: 'string', format: 'uri' } } },
              },
            }
          : {}),
        ...(answer.html ? { '303': { description: 'Redirect (sign in first, or the next page)' }, '4XX': PAGE_PROBLEM } : { '4XX': PROBLEM }),
        ...(route.rateLimited ? { '429': RATE_LIMITED } : {}),
        '5XX': { ...PROBLEM, description: 'Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail)' },
      },
    };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'device-consent',
      version: '1.0.0',
      description: 'Customer consent for partners registering Windows devices, the way Windows Autopilot customer consent works. The contract is API.md; this document is generated from the route table and the schemas that validate requests.',
      license: { name: 'UNLICENSED', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [
      { url: 'http://127.0.0.1:3000', description: '`npm start` on this machine' },
      { url: '{baseUrl}', description: 'A deployed stage (the HTTP API URL printed by `cdk deploy`)', variables: { baseUrl: { default: 'http://127.0.0.1:3000' } } },
    ],
    tags: TAGS,
    components: {
      securitySchemes: {
        operator: { type: 'http', scheme: 'bearer', description: 'Operator token' },
        partner: { type: 'http', scheme: 'bearer', description: 'Partner API key (dck_...)' },
        customer: { type: 'http', scheme: 'bearer', description: "Customer API key (dcc_...), created by a tenant's global admin in the portal with scopes (R25)" },
      },
    },
    paths: paths as never,
    webhooks: webhooksSection() as never,
  });
}
