import type { Actor } from '#shared/domain/actor.ts';
import { notFound, validationFailed } from '#shared/domain/errors.ts';
import { newId, nowIso } from '#shared/domain/ids.ts';
import { checkPartnerShape, type Partner, type PartnerKind } from '#shared/domain/partner.ts';
import { formatApiKey, newSecret, parseApiKey, safeEqual, sha256 } from '#shared/domain/tokens.ts';
import { commitChange } from '#shared/outbox/commit.ts';
import { apiKeyPut, apiKeyRevoked, getApiKey, getPartner, isIndirectProvider, listApiKeys, partnerExists, partnerPut, partnerUpdated, type StoredApiKey } from '#shared/table/partners.ts';
import { failedBecause } from '#shared/table/transact.ts';

/** A new API key `dck_<keyId>_<secret>`: the caller gets it once; the table keeps the secret's hash. */
function newApiKey(partnerId: string): { stored: StoredApiKey; apiKey: string } {
  const keyId = newId('k').slice(2);
  const secret = newSecret();
  return { stored: { keyId, partnerId, secretHash: sha256(secret), createdAt: nowIso() }, apiKey: formatApiKey(keyId, secret) };
}

export interface CreatePartnerInput {
  name: string;
  kind: PartnerKind;
  contactEmail: string;
  providerId?: string;
  directApiEligible?: boolean;
}

/**
 * Creates a partner with its first API key. A reseller's provider must exist and be an indirect
 * provider: checked by a condition in the same transaction, so it cannot change in between.
 */
export async function createPartner(input: CreatePartnerInput, actor: Actor): Promise<{ partner: Partner; apiKey: string; keyId: string }> {
  const errors = checkPartnerShape(input);
  if (errors.length > 0) throw validationFailed(errors);
  const partner: Partner = {
    id: newId('p'),
    name: input.name,
    kind: input.kind,
    contactEmail: input.contactEmail,
    status: 'active',
    ...(input.providerId ? { providerId: input.providerId } : {}),
    ...(input.kind === 'oem' ? { directApiEligible: input.directApiEligible ?? false } : {}),
    createdAt: nowIso(),
  };
  const key = newApiKey(partner.id);
  const outcome = await commitChange({
    writes: [partnerPut(partner), apiKeyPut(key.stored), ...(input.providerId ? [isIndirectProvider(input.providerId)] : [])],
    audit: { action: 'partner.created', actor, partnerId: partner.id, details: { kind: partner.kind, keyId: key.stored.keyId } },
  });
  if (failedBecause(outcome, 'not_indirect_provider')) throw validationFailed([{ path: 'providerId', message: 'must be the id of an indirect provider' }]);
  if (!outcome.ok) throw new Error(`partner not created: ${outcome.failed.join(', ')}`);
  return { partner, apiKey: key.apiKey, keyId: key.stored.keyId };
}

/** A partner by id, for operators; a 404 when there is none. */
export async function requirePartner(partnerId: string): Promise<Partner> {
  const partner = await getPartner(partnerId);
  if (!partner) throw notFound('Partner');
  return partner;
}

/** A partner's API keys, never their secrets, for operators; a 404 for an unknown partner. */
export async function listPartnerApiKeys(partnerId: string): Promise<Omit<StoredApiKey, 'secretHash'>[]> {
  await requirePartner(partnerId);
  return listApiKeys(partnerId);
}

export interface PartnerPatch {
  directApiEligible?: boolean;
  status?: 'active' | 'suspended';
  /** R32: the partner's organization at the identity provider (partner portal sign-in). */
  idpTenantId?: string;
}

/**
 * Operators change a partner's eligibility (R9) or suspend it. The update is conditional on the
 * kind read before, so the check that only OEMs have eligibility cannot be raced.
 */
export async function updatePartner(partnerId: string, patch: PartnerPatch, actor: Actor): Promise<Partner> {
  const current = await requirePartner(partnerId);
  if (patch.directApiEligible !== undefined && current.kind !== 'oem') {
    throw validationFailed([{ path: 'directApiEligible', message: 'only an OEM can be made eligible for direct API consent' }]);
  }
  const changed = Object.fromEntries(Object.entries(patch).filter(([k, v]) => current[k as keyof Partner] !== v));
  if (Object.keys(changed).length === 0) return current;
  const from = Object.fromEntries(Object.keys(changed).map((k) => [k, current[k as keyof Partner] ?? null]));
  const outcome = await commitChange({
    writes: [partnerUpdated(partnerId, current.kind, changed)],
    audit: { action: 'partner.updated', actor, partnerId, details: { from, to: changed } },
  });
  if (!outcome.ok) throw notFound('Partner');
  return { ...current, ...patch };
}

/** A new key for a partner; the old ones stay valid until revoked, which is how keys rotate. */
export async function createApiKey(partnerId: string, actor: Actor): Promise<{ keyId: string; apiKey: string }> {
  const key = newApiKey(partnerId);
  const outcome = await commitChange({
    writes: [partnerExists(partnerId), apiKeyPut(key.stored)],
    audit: { action: 'api_key.created', actor, partnerId, details: { keyId: key.stored.keyId } },
  });
  if (failedBecause(outcome, 'no_partner')) throw notFound('Partner');
  if (!outcome.ok) throw new Error(`API key not created: ${outcome.failed.join(', ')}`);
  return { keyId: key.stored.keyId, apiKey: key.apiKey };
}

/** Revokes a key of this partner. Revoking a revoked key is a no-op; another partner's key is 404 (R19). */
export async function revokeApiKey(partnerId: string, keyId: string, actor: Actor): Promise<void> {
  const stored = await getApiKey(keyId);
  if (!stored || stored.partnerId !== partnerId) throw notFound('API key');
  if (stored.revokedAt) return;
  // Revoked concurrently by another call: the effect asked for holds either way.
  await commitChange({ writes: [apiKeyRevoked(partnerId, keyId, nowIso())], audit: { action: 'api_key.revoked', actor, partnerId, details: { keyId } } });
}

/**
 * Resolves a presented API key to its partner's id, or `undefined` for a malformed, unknown or
 * revoked key: callers answer all of these with the same 401.
 */
export async function authenticateApiKey(raw: string): Promise<{ partnerId: string; keyId: string } | undefined> {
  const parsed = parseApiKey(raw);
  if (!parsed) return undefined;
  const stored = await getApiKey(parsed.keyId);
  // Compare even when the key is unknown, so timing does not tell which key ids exist.
  const matches = safeEqual(sha256(parsed.secret), stored?.secretHash ?? sha256(''));
  if (!stored || !matches || stored.revokedAt) return undefined;
  // The partner itself (does it exist, is it suspended) is read by the function it calls.
  return { partnerId: stored.partnerId, keyId: stored.keyId };
}
