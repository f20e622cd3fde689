import { inject } from 'vitest';
import { contractViolations } from './contract.ts';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export const stack = () => inject('stack');

/** One HTTP call to the local server; JSON bodies are sent and parsed as the contract says. */
export async function call<T = any>(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | Buffer | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${stack().apiUrl}${path}`, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  let parsed: unknown = undefined;
  if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
  // Every answer keeps the OpenAPI document (status, media type, schema), or the test fails here.
  const violations = contractViolations(method, path, res.status, res.headers.get('content-type'), text, res.headers);
  if (violations.length > 0) throw new Error(`answer breaks the OpenAPI contract:\n${violations.join('\n')}\n${text.slice(0, 500)}`);
  return { status: res.status, headers: res.headers, body: parsed as T, text };
}

export const ops = <T = any>(method: string, path: string, body?: unknown) =>
  call<T>(method, path, { token: stack().opsToken, body });

export const asPartner = <T = any>(apiKey: string, method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  call<T>(method, path, { token: apiKey, body, headers });

let counter = 0;
/** Unique names and domains per test, so tests share one database without colliding. */
export const unique = (prefix = 'x') => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export type PartnerKind = 'direct-csp' | 'indirect-provider' | 'indirect-reseller' | 'oem';

export async function createPartner(kind: PartnerKind, extra: Record<string, unknown> = {}) {
  const res = await ops('POST', '/ops/partners', { name: `Partner ${unique()}`, kind, contactEmail: `ops@${unique('p')}.example`, ...extra });
  if (res.status !== 201) throw new Error(`createPartner failed: ${res.status} ${res.text}`);
  return res.body as { partner: { id: string; name: string; kind: string }; apiKey: string; keyId: string };
}

export async function createTenant(extra: { domains?: string[] } = {}) {
  const initialDomain = `${unique('t')}.onmicrosoft.example`;
  const res = await ops('POST', '/ops/tenants', { name: `Tenant ${unique()}`, initialDomain, ...extra });
  if (res.status !== 201) throw new Error(`createTenant failed: ${res.status} ${res.text}`);
  return res.body.tenant as { id: string; name: string; initialDomain: string; domains: string[] };
}

export async function createUser(tenantId: string, email: string, roles: string[] = ['GlobalAdministrator']) {
  const res = await ops('POST', `/ops/tenants/${tenantId}/users`, { email, displayName: 'Test User', roles });
  if (res.status !== 201) throw new Error(`createUser failed: ${res.status} ${res.text}`);
  return res.body.user as { id: string; email: string; tenantId: string; roles: string[] };
}

/** Asserts nothing here; returns the problem fields for the test to check. */
export const problem = (res: ApiResponse) => ({
  status: res.status,
  code: res.body?.code,
  contentType: res.headers.get('content-type'),
});
