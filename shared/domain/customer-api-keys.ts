import type { FieldError } from './errors.ts';

/**
 * Customer API keys (R25): a tenant's own automation reads and acts on the tenant through the
 * customer API with a key one of its global admins created, limited to the scopes chosen then.
 */
export const CUSTOMER_SCOPES = ['devices:read', 'devices:release', 'claims:write', 'audit:read', 'access:read'] as const;
export type CustomerScope = (typeof CUSTOMER_SCOPES)[number];

/** R25: at most this many keys (not revoked) a tenant. */
export const MAX_CUSTOMER_KEYS = 50;

export const isCustomerScope = (value: string): value is CustomerScope => (CUSTOMER_SCOPES as readonly string[]).includes(value);

/** The problems of a new key's scopes: at least one, each from the catalogue, each once. */
export function customerScopesProblems(scopes: readonly string[]): FieldError[] {
  if (scopes.length === 0) return [{ path: 'scopes', message: `choose at least one of ${CUSTOMER_SCOPES.join(', ')}` }];
  const unknown = scopes.filter((scope) => !isCustomerScope(scope));
  if (unknown.length > 0) return [{ path: 'scopes', message: `unknown scope ${unknown.map((s) => JSON.stringify(s)).join(', ')}: choose from ${CUSTOMER_SCOPES.join(', ')}` }];
  if (new Set(scopes).size !== scopes.length) return [{ path: 'scopes', message: 'each scope at most once' }];
  return [];
}

/** Whether a key's scopes allow what a route needs (R25: a call outside its key's scopes is 403). */
export const scopeAllows = (scopes: readonly string[], needed: CustomerScope): boolean => scopes.includes(needed);

/**
 * How a key's creator had signed in. R25: a key never outlives its tenant's `requireIdpSignIn`
 * choice: once a tenant requires its provider, keys made in sessions an emailed link started no
 * longer work (they are revoked with the change).
 */
export const keyOutlivedBy = (createdWith: 'email' | 'organization', requireIdpSignIn: boolean): boolean => requireIdpSignIn && createdWith !== 'organization';
