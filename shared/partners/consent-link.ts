import { publicUrl } from '#shared/config/env.ts';
import type { Actor } from '#shared/domain/actor.ts';
import { checkMayHaveConsentLink } from '#shared/domain/consent.ts';
import { newId } from '#shared/domain/ids.ts';
import type { Partner } from '#shared/domain/partner.ts';
import { commitChange } from '#shared/outbox/commit.ts';
import { linkPut } from '#shared/table/links.ts';
import { getPartner, partnerLinkSet } from '#shared/table/partners.ts';

/** The partner's reusable consent link id, created on first use; two first uses at once agree on one id. */
export async function ensureConsentLink(partner: Partner & { linkId?: string }, actor: Actor): Promise<string> {
  if (partner.linkId) return partner.linkId;
  const linkId = newId('l');
  const outcome = await commitChange({
    writes: [partnerLinkSet(partner.id, linkId), linkPut(linkId, partner)],
    audit: { action: 'consent_link.created', actor, partnerId: partner.id, details: { linkId } },
  });
  if (outcome.ok) return linkId;
  const again = (await getPartner(partner.id)) as (Partner & { linkId?: string }) | undefined;
  if (!again?.linkId) throw new Error(`consent link not created: ${outcome.failed.join(', ')}`);
  return again.linkId;
}

/**
 * The URL of the partner's reusable consent link (`GET /v1/consent-link`): refused to an OEM that
 * is not eligible and to an indirect provider (R8, R9), created on first use.
 */
export async function consentLinkUrl(partner: Partner & { linkId?: string }, actor: Actor): Promise<string> {
  checkMayHaveConsentLink(partner);
  return `${publicUrl()}/l/${await ensureConsentLink(partner, actor)}`;
}
