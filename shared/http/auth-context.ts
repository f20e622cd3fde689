/**
 * What the authorizer tells the function it invokes, in AWS through
 * `requestContext.authorizer.lambda` and locally the same way. The authorizer always lets the
 * request through and states its verdict here, so that every refusal is answered by the
 * function's error mapping as problem+json (API Gateway's own 401/403 bodies are not).
 */
export type AuthVerdict =
  | { principal: 'operator' }
  | { principal: 'partner'; partnerId: string; keyId: string }
  /** A customer API key (R25): its tenant, its scopes (space-separated: a context value is a string), its last recorded use. */
  | { principal: 'customer'; tenantId: string; keyId: string; keyName?: string; scopes: string; lastUsedAt?: string }
  | { principal: 'anonymous'; reason: 'missing' | 'malformed' | 'invalid' | 'unavailable' };

export function readVerdict(context: unknown): AuthVerdict {
  const c = (context ?? {}) as Record<string, unknown>;
  if (c.principal === 'operator') return { principal: 'operator' };
  if (c.principal === 'partner' && typeof c.partnerId === 'string' && typeof c.keyId === 'string') {
    return { principal: 'partner', partnerId: c.partnerId, keyId: c.keyId };
  }
  if (c.principal === 'customer' && typeof c.tenantId === 'string' && typeof c.keyId === 'string' && typeof c.scopes === 'string') {
    return { principal: 'customer', tenantId: c.tenantId, keyId: c.keyId, ...(typeof c.keyName === 'string' ? { keyName: c.keyName } : {}), scopes: c.scopes, ...(typeof c.lastUsedAt === 'string' ? { lastUsedAt: c.lastUsedAt } : {}) };
  }
  // `unavailable`: the credential could not be checked for a moment (the table throttled); the
  // function answers 503, since an authorizer that fails makes API Gateway answer a bare 500.
  const reason = c.reason === 'malformed' || c.reason === 'invalid' || c.reason === 'unavailable' ? c.reason : 'missing';
  return { principal: 'anonymous', reason };
}
