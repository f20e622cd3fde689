import { afterEach, describe, expect, it } from 'vitest';
import { requestConsent, toApiConsentRequest } from '#shared/consent/request-consent.ts';
import { S4_RETRIES } from '#shared/domain/outbox-retries.ts';
import { OUTBOX_KINDS } from '#shared/domain/due-kinds.ts';
import { runConsentStatusCheck } from '#shared/workers/consent-status-check.ts';
import type { Mailer } from '#shared/mail/mailer.ts';
import { deliverConsentEmail } from '#shared/workers/outbox-workers.ts';
import { createPartner } from '#shared/partners/partners.ts';
import { getConsentRequest } from '#shared/table/consent-requests.ts';
import { requestEmailKeys } from '#shared/table/keys.ts';
import { claimOutboxItem } from '#shared/table/outbox.ts';
import { unique } from '../support/api.ts';
import { mailTo } from '../support/pages.ts';
import { eventually, startConsumer } from './consumer.ts';
import type { StreamPoller } from '../../dev/stream-poller.ts';

/** SES refusing to send (throttling, an outage): a fault the local SES cannot produce on demand. */
const failingMailer: Mailer = {
  send: async () => {
    throw Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'TooManyRequestsException' });
  },
};

const DAY = 24 * 3600 * 1000;
const at = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY).toISOString();
const actor = { type: 'operator' as const, id: 'test' };
const MAX_EMAIL_ATTEMPTS = S4_RETRIES.emailDue.maxAttempts;

let consumer: StreamPoller | undefined;
afterEach(async () => {
  await consumer?.stop();
  consumer = undefined;
});

/** A consent request whose email the stream consumer tried once, with SES failing. */
async function requestWithFailedFirstEmail(recipientEmail = `${unique('r')}@example.com`) {
  consumer = await startConsumer({ mailer: failingMailer });
  const { partner } = await createPartner({ name: `Partner ${unique()}`, kind: 'direct-csp', contactEmail: 'ops@p.example' }, actor);
  const { request } = await requestConsent(partner, { recipientEmail }, { actor: { type: 'partner', id: partner.id } });
  const seen = await eventually(async () => {
    const stored = await getConsentRequest(request.id);
    return stored?.email.attempts === 1 && toApiConsentRequest(stored);
  }, 'the first attempt');
  return { request, recipientEmail, seen };
}

describe('the consent email outbox', () => {
  it('S4: when SES fails, the request is kept with its email queued for a retry, and the retry sends it once', async () => {
    const { request, recipientEmail, seen } = await requestWithFailedFirstEmail();
    expect(seen).toMatchObject({ status: 'pending', email: { status: 'queued', attempts: 1, nextAttemptAt: expect.any(String) } });
    expect(await mailTo(recipientEmail)).toHaveLength(0);

    // Two senders at once (the scheduled check running twice): one email.
    const outcomes = await Promise.all([deliverConsentEmail(request.id, 'email'), deliverConsentEmail(request.id, 'email')]);
    expect(outcomes.sort()).toEqual(['sent', 'skipped']);
    expect(await mailTo(recipientEmail)).toHaveLength(1);
    expect(toApiConsentRequest((await getConsentRequest(request.id))!).email).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await deliverConsentEmail(request.id, 'email')).toBe('skipped');
    expect(await mailTo(recipientEmail)).toHaveLength(1);
  });

  it('S4: after the last attempt the email is marked failed, visibly in the API', async () => {
    const { request } = await requestWithFailedFirstEmail();
    const outcomes: string[] = [];
    for (let n = 1; n < MAX_EMAIL_ATTEMPTS; n++) outcomes.push(await deliverConsentEmail(request.id, 'email', { mailer: failingMailer }));
    expect(outcomes.at(-1)).toBe('failed');
    expect(outcomes.slice(0, -1).every((o) => o === 'retry')).toBe(true);
    const seen = toApiConsentRequest((await getConsentRequest(request.id))!);
    expect(seen).toMatchObject({ status: 'pending', email: { status: 'failed', attempts: MAX_EMAIL_ATTEMPTS } });
    expect(seen.email.nextAttemptAt).toBeUndefined();
  });

  it('S4: an email left behind (SES failed, or a run died after claiming it) is sent by a later run, once', async () => {
    const { request, recipientEmail, seen } = await requestWithFailedFirstEmail();
    const queued = seen.email;
    // A run that claimed it and died: the claim holds for its lease, then the next run takes over.
    // The lease outlasts a whole run of the check on a loaded machine (since issue 26 it reads the
    // outbox's 64 shards): 400 ms did not, and the first run took the item over.
    expect((await claimOutboxItem(requestEmailKeys.key(request.id, 'email'), { leaseMs: 5_000 })) !== undefined).toBe(true);
    await runConsentStatusCheck(queued.nextAttemptAt);
    expect(await mailTo(recipientEmail)).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 5_100));
    await runConsentStatusCheck(at(queued.nextAttemptAt!, 0.01));
    await runConsentStatusCheck(at(queued.nextAttemptAt!, 0.02));
    expect(await mailTo(recipientEmail)).toHaveLength(1);
    expect(toApiConsentRequest((await getConsentRequest(request.id))!).email).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('S4: the outbox run (every minute in AWS) retries due emails without touching requests or roles', async () => {
    const { request, recipientEmail } = await requestWithFailedFirstEmail();
    // Past the retry time and past the expiry: the outbox run sends, it does not expire.
    const result = await runConsentStatusCheck(at(request.expiresAt, -0.5), { kinds: OUTBOX_KINDS });
    expect(result.expired).toBe(0);
    expect(result.reminded).toBe(0);
    expect(await mailTo(recipientEmail)).toHaveLength(1);
    expect((await getConsentRequest(request.id))!.status).toBe('pending');
  });
});
