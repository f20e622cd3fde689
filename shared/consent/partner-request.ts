import { notFound } from '#shared/domain/errors.ts';
import { getConsentRequest, type StoredConsentRequest } from '#shared/table/consent-requests.ts';

/*
 * A partner's own consent request, to read or cancel. Kept apart from asking for consent
 * (request-consent.ts), so that cancelling, which the pages bundle with accepting, brings nothing
 * of the rate limits along.
 */

/** R19: a request of another partner is as unknown as one that does not exist. */
export async function requirePartnerRequest(partnerId: string, requestId: string): Promise<StoredConsentRequest> {
  const request = await getConsentRequest(requestId);
  if (!request || request.partnerId !== partnerId) throw notFound('Consent request');
  return request;
}
