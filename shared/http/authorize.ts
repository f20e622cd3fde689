import { getSecret } from '#shared/config/secrets.ts';
import { safeEqual, sha256 } from '#shared/domain/tokens.ts';
import { authenticateCustomerKey } from '#shared/customers/api-keys.ts';
import { authenticateApiKey } from '#shared/partners/partners.ts';
import type { AuthVerdict } from './auth-context.ts';
import { isTransientAwsError } from './problem.ts';
import { ROUTE_AUTH } from './route-auth.ts';

/**
 * Checks the bearer credential a route asks for (its `auth` in the route table, read from the map
 * generated from it, so the authorizer bundles no schema): the operator
 * token, a partner API key, or a customer API key (R25): each is refused (401) on the others'
 * routes, its format alone tells them apart. Suspension is decided by the function, which reads
 * the partner; a customer key's scopes, by the function's chain (403).
 */
export async function authorize(routeKey: string, authorization: string | undefined): Promise<AuthVerdict> {
  try {
    return await check(routeKey, authorization);
  } catch (error) {
    // A throttled or unavailable table: the function answers a retryable 503, not API Gateway a bare 500.
    if (isTransientAwsError(error)) return { principal: 'anonymous', reason: 'unavailable' };
    throw error;
  }
}

async function check(routeKey: string, authorization: string | undefined): Promise<AuthVerdict> {
  const mode = ROUTE_AUTH[routeKey];
  if (!authorization) return { principal: 'anonymous', reason: 'missing' };
  const match = /^Bearer ([\x21-\x7e]{1,512})$/.exec(authorization);
  if (!match) return { principal: 'anonymous', reason: 'malformed' };
  const credential = match[1];
  if (mode === 'operator') {
    // Only the token's SHA-256 is stored: the credential's hash is compared with it in constant time.
    const opsTokenHash = await getSecret('opsTokenHash');
    return safeEqual(sha256(credential), opsTokenHash) ? { principal: 'operator' } : { principal: 'anonymous', reason: 'invalid' };
  }
  if (mode === 'partner') {
    const found = await authenticateApiKey(credential);
    return found ? { principal: 'partner', partnerId: found.partnerId, keyId: found.keyId } : { principal: 'anonymous', reason: 'invalid' };
  }
  if (mode === 'customer') {
    const found = await authenticateCustomerKey(credential);
    return found
      ? { principal: 'customer', tenantId: found.tenantId, keyId: found.keyId, keyName: found.name, scopes: found.scopes.join(' '), ...(found.lastUsedAt ? { lastUsedAt: found.lastUsedAt } : {}) }
      : { principal: 'anonymous', reason: 'invalid' };
  }
  return { principal: 'anonymous', reason: 'invalid' };
}
