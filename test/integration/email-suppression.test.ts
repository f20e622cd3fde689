import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { handler as sesEvents } from '../../functions/ses-events/handler.ts';
import { systemActor } from '#shared/domain/actor.ts';
import { getSuppression, liftSuppression, listSuppressions } from '#shared/suppressions/suppressions.ts';
import { asPartner, createPartner, createTenant, createUser, unique } from '../support/api.ts';
import { mailTo, outboxSettled, PageClient, waitForMail } from '../support/pages.ts';
import { bounceNotification, complaintNotification, deliveryNotification, snsEventOf } from '../support/ses-events.ts';

type Request = { id: string; email: { status: string; attempts: number; suppressed?: string } };

/** A consent request of a new partner to `recipient`, once the stream consumer has worked its email. */
async function requestTo(recipient: string): Promise<{ apiKey: string; request: Request }> {
  const partner = await createPartner('direct-csp');
  const created = await asPartner(partner.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: recipient });
  expect(created.status).toBe(201);
  await outboxSettled();
  const { body } = await asPartner(partner.apiKey, 'GET', `/v1/consent-requests/${created.body.consentRequest.id}`);
  return { apiKey: partner.apiKey, request: body.consentRequest as Request };
}

describe('email suppression: SES bounces and complaints, fed to ses-events as SES sends them', () => {
  it('S4: a hard bounce suppresses the address: a later consent request shows its email failed, not sent, and why', async () => {
    const address = `${unique('gone')}@example.com`;
    await sesEvents(snsEventOf(bounceNotification([address])));
    expect(await getSuppression(address.toUpperCase())).toMatchObject({ email: address, reason: 'bounced', details: { bounceSubType: 'General' } });

    const { request } = await requestTo(address);
    expect(request.email).toEqual({ status: 'failed', attempts: 0, suppressed: 'bounced' });
    expect(await mailTo(address)).toHaveLength(0);
  });

  it('a complaint suppresses the address too (unless the feedback says it is not spam)', async () => {
    const complained = `${unique('angry')}@example.com`;
    const notSpam = `${unique('fine')}@example.com`;
    await sesEvents(snsEventOf(complaintNotification([complained])));
    await sesEvents(snsEventOf(complaintNotification([notSpam], { feedbackType: 'not-spam' })));
    expect((await requestTo(complained)).request.email).toEqual({ status: 'failed', attempts: 0, suppressed: 'complained' });
    expect((await requestTo(notSpam)).request.email).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await getSuppression(notSpam)).toBeUndefined();
  });

  it('a transient bounce (a full mailbox) or a delivery suppresses nothing', async () => {
    const full = `${unique('full')}@example.com`;
    await sesEvents(snsEventOf(bounceNotification([full], { bounceType: 'Transient' })));
    await sesEvents(snsEventOf(deliveryNotification([full])));
    expect(await getSuppression(full)).toBeUndefined();
    expect((await requestTo(full)).request.email).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('S4: an email that bounces after it was sent turns failed on its request, by the tags it was sent with', async () => {
    const address = `${unique('typo')}@example.com`;
    const { apiKey, request } = await requestTo(address);
    expect(request.email).toMatchObject({ status: 'sent', attempts: 1 });
    await sesEvents(snsEventOf(bounceNotification([address], { tags: { requestId: request.id, email: 'email' } })));
    const { body } = await asPartner(apiKey, 'GET', `/v1/consent-requests/${request.id}`);
    expect(body.consentRequest.email).toMatchObject({ status: 'failed', attempts: 1, suppressed: 'bounced' });
    // SNS delivers at least once: the same notice again changes nothing more.
    await sesEvents(snsEventOf(bounceNotification([address], { tags: { requestId: request.id, email: 'email' } })));
    expect(await getSuppression(address)).toMatchObject({ reason: 'bounced', notices: 2 });
  });

  it('a suppressed user gets no sign-in email (and the page answers the same)', async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
    await sesEvents(snsEventOf(bounceNotification([user.email], { subType: 'OnAccountSuppressionList' })));
    const page = await new PageClient().post('/signin', { email: user.email });
    expect(page.status).toBe(200);
    await outboxSettled();
    expect(await mailTo(user.email)).toHaveLength(0);
  });

  it('operators see suppressions, newest first, and may lift one: the address is mailed again', async () => {
    const address = `${unique('back')}@example.com`;
    await sesEvents(snsEventOf(bounceNotification([address])));
    const page = await listSuppressions({ limit: 100, scope: 'suppressions' });
    expect(page.items[0]).toMatchObject({ email: address, reason: 'bounced' });
    expect(await liftSuppression(address, 'Mailbox recreated, confirmed by phone', systemActor('test'))).toBe(true);
    expect(await liftSuppression(address, 'again', systemActor('test'))).toBe(false);
    expect((await requestTo(address)).request.email).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await waitForMail(address)).toHaveLength(1);
  });

  it("operators' tool (npm run suppressions) lists, shows and lifts a suppression, with its reason", async () => {
    const address = `${unique('cli')}@example.com`;
    await sesEvents(snsEventOf(complaintNotification([address])));
    const { env } = inject('stack');
    const cli = (...args: string[]) =>
      promisify(execFile)(process.execPath, ['dev/suppressions.ts', ...args, '--local'], { env: { PATH: process.env.PATH ?? '', TABLE_NAME: env.TABLE_NAME, DYNAMODB_ENDPOINT: env.DYNAMODB_ENDPOINT } });
    expect((await cli('list', '--limit', '1000')).stdout).toMatch(new RegExp(`complained\\s+${address}`));
    expect(JSON.parse((await cli('show', address)).stdout)).toMatchObject({ email: address, reason: 'complained' });
    await expect(cli('lift', address)).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--reason') });
    expect((await cli('lift', address, '--reason', 'Recipient asked to receive it again', '--by', 'alice')).stdout).toContain(`${address} is no longer suppressed`);
    expect(await getSuppression(address)).toBeUndefined();
    await expect(cli('show', address)).rejects.toMatchObject({ code: 1, stdout: expect.stringContaining('is not suppressed') });

    // Locally, the SES events the local SES never sends: through the same handler.
    const simulated = `${unique('sim')}@example.com`;
    expect((await cli('simulate', 'bounce', simulated)).stdout).toContain('given to ses-events');
    expect(await getSuppression(simulated)).toMatchObject({ reason: 'bounced' });
  });

  it('a notification that is not an SES event fails the invocation, so Lambda retries it and then keeps it in the dead-letter queue', async () => {
    await expect(sesEvents(snsEventOf(undefined, 'not json'))).rejects.toThrow(/not JSON/);
    await expect(sesEvents(snsEventOf({ hello: 'world' }))).rejects.toThrow(/eventType/);
  });
});
