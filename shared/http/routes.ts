import type { z } from 'zod';
import { AuditQuery, CreatePartnerBody, CreateTenantBody, CreateUserBody, UpdatePartnerBody } from './schemas.ts';

/**
 * The route table: the one list of HTTP routes. The CDK stack deploys exactly these on the HTTP
 * API (with the authorizer where `auth` asks for one), and the local server serves exactly these by
 * invoking the same handlers with API Gateway v2 events.
 */
export type AuthMode = 'operator' | 'partner' | 'none';
export type HttpFunctionName = 'ops-api' | 'partner-api';

export interface RouteSpec {
  /** The Lambda function that serves the route (`functions/<fn>/handler.ts`). */
  fn: HttpFunctionName;
  /** Who may call it; `operator` and `partner` routes go through the authorizer. */
  auth: AuthMode;
  summary: string;
  /** JSON body schema; a route with a body refuses other content types (415). */
  body?: z.ZodType;
  query?: z.ZodType;
  /** Largest body accepted, in bytes (API.md: 64 KB, 6 MB on device endpoints). */
  maxBodyBytes?: number;
  /** Answer status on success, for the OpenAPI document. */
  success: number;
}

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

export const routes = {
  'POST /ops/partners': { fn: 'ops-api', auth: 'operator', summary: 'Create a partner and its first API key', body: CreatePartnerBody, success: 201 },
  'GET /ops/partners/{partnerId}': { fn: 'ops-api', auth: 'operator', summary: 'Read a partner', success: 200 },
  'PATCH /ops/partners/{partnerId}': { fn: 'ops-api', auth: 'operator', summary: "Change a partner's eligibility or status", body: UpdatePartnerBody, success: 200 },
  'GET /ops/partners/{partnerId}/api-keys': { fn: 'ops-api', auth: 'operator', summary: "List a partner's API keys (never their secrets)", success: 200 },
  'POST /ops/partners/{partnerId}/api-keys': { fn: 'ops-api', auth: 'operator', summary: 'Create another API key (rotation: create, then revoke the old one)', success: 201 },
  'DELETE /ops/partners/{partnerId}/api-keys/{keyId}': { fn: 'ops-api', auth: 'operator', summary: 'Revoke an API key', success: 204 },
  'POST /ops/tenants': { fn: 'ops-api', auth: 'operator', summary: 'Create a tenant', body: CreateTenantBody, success: 201 },
  'GET /ops/tenants/{tenantId}': { fn: 'ops-api', auth: 'operator', summary: 'Read a tenant', success: 200 },
  'POST /ops/tenants/{tenantId}/users': { fn: 'ops-api', auth: 'operator', summary: 'Create a user of a tenant', body: CreateUserBody, success: 201 },
  'GET /ops/audit': { fn: 'ops-api', auth: 'operator', summary: 'Audit events of a tenant or partner, newest first', query: AuditQuery, success: 200 },
  'GET /v1/me': { fn: 'partner-api', auth: 'partner', summary: 'The calling partner', success: 200 },
  'GET /openapi.json': { fn: 'partner-api', auth: 'none', summary: 'This OpenAPI document', success: 200 },
} as const satisfies Record<string, RouteSpec>;

export type RouteKey = keyof typeof routes;
export type RoutesOf<F extends HttpFunctionName> = {
  [K in RouteKey]: (typeof routes)[K]['fn'] extends F ? K : never;
}[RouteKey];

export const routeKeys = Object.keys(routes) as RouteKey[];

export const routeSpec = (key: RouteKey): RouteSpec => routes[key];

/** "GET /ops/partners/{partnerId}" -> method and path. */
export function splitRouteKey(key: string): { method: string; path: string } {
  const [method, path] = key.split(' ');
  return { method, path };
}
