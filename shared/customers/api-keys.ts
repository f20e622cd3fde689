import type { Actor } from '#shared/domain/actor.ts';
import { customerScopesProblems, MAX_CUSTOMER_KEYS, type CustomerScope } from '#shared/domain/customer-api-keys.ts';
import { isGlobalAdministrator, type User } from '#shared/domain/directory.ts';
import { conflict, forbidden, notFound, validationFailed } from '#shared/domain/errors.ts';
import { newId, nowIso } from '#shared/domain/ids.ts';
import { formatCustomerKey, newSecret, parseCustomerKey, safeEqual, sha256 } from '#shared/domain/tokens.ts';
import { commitChange } from '#shared/outbox/commit.ts';
import { customerKeyCreated, customerKeyRevoked, getCustomerKey, LAST_USE_RESOLUTION_MS, touchCustomerKey, type CustomerApiKey } from '#shared/table/customer-api-keys.ts';
import type { SignInMethod } from '#shared/table/sessions.ts';
import { failedBecause } from '#shared/table/transact.ts';

/** The global admin acting in the portal, as the session knows them. */
export interface KeyCreator {
  user: Pick<User, 'id' | 'email' | 'displayName' | 'roles'>;
  tenantId: string;
  signedInWith: SignInMethod;
}

/** A key made now, with its secret (answered this once); or none, when the same request had made it already. */
export type CreatedCustomerKey = { created: true; key: CustomerApiKey; secret: string } | { created: false };

/**
 * R25: a tenant's global admin creates a customer API key with scopes; the secret is answered this
 * once and only its SHA-256 is kept. At most MAX_CUSTOMER_KEYS live keys a tenant, held by the
 * transaction itself (a counter item), so two creations at once cannot pass the limit together.
 * With `once` (the one-time id of the form that asks, a page reload posts it again) the key's id
 * comes from it, so the same request makes one key and shows its secret once: asked again, it
 * answers `created: false` and makes nothing.
 */
export async function createCustomerKey(creator: KeyCreator, input: { name: string; scopes: string[]; once?: string }, actor: Actor): Promise<CreatedCustomerKey> {
  if (!isGlobalAdministrator(creator.user)) throw forbidden('Only a global administrator of the tenant can create API keys');
  const problems = customerScopesProblems(input.scopes);
  if (problems.length > 0) throw validationFailed(problems);
  const keyId = input.once ? sha256(`customer-key\n${creator.tenantId}\n${creator.user.id}\n${input.once}`).slice(0, 24) : newId('k').slice(2);
  const secret = newSecret();
  const key: CustomerApiKey = {
    keyId,
    tenantId: creator.tenantId,
    name: input.name,
    scopes: input.scopes as CustomerScope[],
    createdAt: nowIso(),
    createdBy: { userId: creator.user.id, email: creator.user.email, displayName: creator.user.displayName, signedInWith: creator.signedInWith },
  };
  const outcome = await commitChange({
    at: key.createdAt,
    writes: customerKeyCreated({ ...key, secretHash: sha256(secret) }),
    audit: { action: 'customer_api_key.created', actor, tenantId: key.tenantId, subject: keyId, details: { name: key.name, scopes: key.scopes } },
  });
  if (failedBecause(outcome, 'key_exists') && input.once) return { created: false };
  if (failedBecause(outcome, 'too_many_keys')) throw conflict(`A tenant can have at most ${MAX_CUSTOMER_KEYS} API keys: revoke one first`);
  if (!outcome.ok) throw new Error(`customer API key not created: ${outcome.failed.join(', ')}`);
  return { created: true, key, secret: formatCustomerKey(keyId, secret) };
}

/** R25: revokes a key of this tenant at once; another tenant's key, or none, is 404 alike (R19); a revoked key stays revoked. */
export async function revokeCustomerKey(admin: Pick<User, 'roles'>, tenantId: string, keyId: string, actor: Actor): Promise<void> {
  if (!isGlobalAdministrator(admin)) throw forbidden('Only a global administrator of the tenant can revoke API keys');
  const stored = await getCustomerKey(keyId);
  if (!stored || stored.tenantId !== tenantId) throw notFound('API key');
  if (stored.revokedAt) return;
  const outcome = await commitChange({
    writes: customerKeyRevoked(tenantId, keyId, nowIso()),
    audit: { action: 'customer_api_key.revoked', actor, tenantId, subject: keyId, details: { name: stored.name } },
  });
  // Revoked concurrently by another call: what was asked for holds either way.
  if (!outcome.ok && !failedBecause(outcome, 'not_live')) throw new Error(`customer API key not revoked: ${outcome.failed.join(', ')}`);
}

/** Who a presented customer key speaks for: its tenant, its scopes and when it was last used. */
export interface CustomerPrincipal {
  tenantId: string;
  keyId: string;
  /** The key's name (R29: the audit trail names the key that acted). */
  name: string;
  scopes: CustomerScope[];
  lastUsedAt?: string;
}

/**
 * Resolves a presented customer key, or `undefined` for a malformed, unknown or revoked one (all
 * answered with the same 401). The secret's hash is compared in constant time, unknown ids too.
 */
export async function authenticateCustomerKey(raw: string): Promise<CustomerPrincipal | undefined> {
  const parsed = parseCustomerKey(raw);
  if (!parsed) return undefined;
  const stored = await getCustomerKey(parsed.keyId);
  const matches = safeEqual(sha256(parsed.secret), stored?.secretHash ?? sha256(''));
  if (!stored || !matches || stored.revokedAt) return undefined;
  return { tenantId: stored.tenantId, keyId: stored.keyId, name: stored.name, scopes: stored.scopes, ...(stored.lastUsedAt ? { lastUsedAt: stored.lastUsedAt } : {}) };
}

/**
 * R25's "last use": recorded when the key's last recorded use is older than the resolution, so a
 * key in steady use costs one conditional write every few minutes, not one a call.
 */
export async function recordKeyUse(keyId: string, lastUsedAt: string | undefined, now = nowIso()): Promise<void> {
  if (lastUsedAt && Date.parse(now) - Date.parse(lastUsedAt) < LAST_USE_RESOLUTION_MS) return;
  await touchCustomerKey(keyId, now);
}
