import { describe, expect, it } from 'vitest';
import { deliverConsentEmail, requestConsent } from '../../shared/consent/request-consent.ts';
import { MAX_EMAIL_ATTEMPTS } from '../../shared/domain/consent.ts';
import type { Mailer } from '../../shared/mail/mailer.ts';
import { requirePartner } from '../../shared/table/partners.ts';
import { asPartner, createPartner, unique } from '../support/api.ts';
import { mailTo } from '../support/pages.ts';

/** SES refusing to send (throttling, an outage): a fault the local SES cannot produce on demand. */
const failingMailer: Mailer = {
  send: async () => {
    throw Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'TooManyRequestsException' });
  },
};

describe('the consent email outbox', () => {
  it('when SES fails, the request is kept with its email queued for a retry, and the retry sends it once', async () => {
    const { partner: created, apiKey } = await createPartner('direct-csp');
    const partner = await requirePartner(created.id);
    const recipientEmail = `${unique('r')}@example.com`;
    const { request } = await requestConsent(partner, { recipientEmail }, { actor: { type: 'partner', id: partner.id }, mailer: failingMailer });

    const seen = await asPartner(apiKey, 'GET', `/v1/consent-requests/${request.id}`);
    expect(seen.body.consentRequest).toMatchObject({ status: 'pending', email: { status: 'queued', attempts: 1, nextAttemptAt: expect.any(String) } });
    expect(await mailTo(recipientEmail)).toHaveLength(0);

    // Two senders at once (the scheduled check running twice): one email.
    const outcomes = await Promise.all([deliverConsentEmail(request.id, 'email'), deliverConsentEmail(request.id, 'email')]);
    expect(outcomes.sort()).toEqual(['sent', 'skipped']);
    expect(await mailTo(recipientEmail)).toHaveLength(1);
    expect((await asPartner(apiKey, 'GET', `/v1/consent-requests/${request.id}`)).body.consentRequest.email).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await deliverConsentEmail(request.id, 'email')).toBe('skipped');
    expect(await mailTo(recipientEmail)).toHaveLength(1);
  });

  it('S4: after the last attempt the email is marked failed, visibly in the API', async () => {
    const { partner: created, apiKey } = await createPartner('direct-csp');
    const partner = await requirePartner(created.id);
    const { request } = await requestConsent(partner, { recipientEmail: `${unique('r')}@example.com` }, { actor: { type: 'partner', id: partner.id }, mailer: failingMailer });
    const outcomes: string[] = [];
    for (let n = 1; n < MAX_EMAIL_ATTEMPTS; n++) outcomes.push(await deliverConsentEmail(request.id, 'email', { mailer: failingMailer }));
    expect(outcomes.at(-1)).toBe('failed');
    expect(outcomes.slice(0, -1).every((o) => o === 'retry')).toBe(true);
    const seen = await asPartner(apiKey, 'GET', `/v1/consent-requests/${request.id}`);
    expect(seen.body.consentRequest).toMatchObject({ status: 'pending', email: { status: 'failed', attempts: MAX_EMAIL_ATTEMPTS } });
    expect(seen.body.consentRequest.email.nextAttemptAt).toBeUndefined();
  });
});
