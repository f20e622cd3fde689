import type { DynamoDBStreamEvent } from 'aws-lambda';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { StreamPoller } from '../../dev/stream-poller.ts';
import { webhookEvent } from '#shared/domain/outbox-events.ts';
import { runConsentStatusCheck } from '#shared/workers/consent-status-check.ts';
import { commitChange } from '#shared/outbox/commit.ts';
import { handleStreamEvent } from '#shared/workers/stream-consumer.ts';
import { createPartner } from '#shared/partners/partners.ts';
import { db } from '#shared/table/client.ts';
import { listDeliveries } from '#shared/table/outbox.ts';
import { putWebhook } from '#shared/webhooks/webhooks.ts';
import { unique } from '../support/api.ts';
import { startReceiver } from '../support/webhook-receiver.ts';
import { eventually, startConsumer } from './consumer.ts';

const actor = { type: 'operator' as const, id: 'test' };
const receivers: Awaited<ReturnType<typeof startReceiver>>[] = [];
let consumer: StreamPoller | undefined;
afterEach(async () => {
  await consumer?.stop();
  consumer = undefined;
});
afterAll(async () => Promise.all(receivers.map((r) => r.close())));

/** A partner subscribed to consent.declined at a loopback receiver, and a way to raise that event. */
async function subscribedPartner(options: { failFirst?: number } = {}) {
  const receiver = await startReceiver(options);
  receivers.push(receiver);
  const { partner } = await createPartner({ name: `Partner ${unique()}`, kind: 'direct-csp', contactEmail: 'ops@p.example' }, actor);
  // The first PUT makes the secret and answers it.
  const secret = (await putWebhook(partner.id, { url: receiver.url, events: ['consent.declined'] }, actor)).secret!;
  const raise = () =>
    commitChange({
      writes: [],
      audit: { action: 'test.declined', actor, partnerId: partner.id },
      outbox: [webhookEvent('consent.declined', partner.id, { tenantId: 't_test', partnerId: partner.id, requestId: 'cr_test', actor: { type: 'user', id: 'u_test' } })],
    });
  const deliveries = async () => (await listDeliveries(partner.id, { limit: 10, scope: 'test' })).items;
  return { partner, receiver, secret, raise, deliveries };
}

describe('the stream consumer on the real stream', () => {
  it('S4: a consumer that dies after sending and before recording: the receiver gets the event again, with the same webhook-id, and it ends delivered', async () => {
    const { receiver, secret, raise, deliveries } = await subscribedPartner();
    // The crash: the write that records the attempt fails once, after the POST has gone out.
    let crashes = 1;
    type Args = { input: { Key?: { pk?: string }; UpdateExpression?: string } };
    const crash = (next: (args: Args) => Promise<unknown>) => async (args: Args) => {
      if (crashes > 0 && String(args.input.Key?.pk).startsWith('WEBHOOK#') && String(args.input.UpdateExpression).includes('lastAttemptAt')) {
        crashes--;
        throw new Error('process died');
      }
      return next(args);
    };
    db().middlewareStack.add(crash as never, { step: 'initialize', name: 'crashAfterSend' });
    try {
      consumer = await startConsumer({ leaseMs: 1500 });
      const outcome = await raise();
      expect(outcome.ok).toBe(true);
      await receiver.waitFor(1);
      // The stream retried the batch at once: the claim was still held, so nothing was sent twice then.
      await new Promise((r) => setTimeout(r, 500));
      expect(receiver.received).toHaveLength(1);
      expect(crashes).toBe(0);
    } finally {
      db().middlewareStack.remove('crashAfterSend');
    }
    // Once the claim has lapsed, the scheduled check finds it due and sends it again.
    await new Promise((r) => setTimeout(r, 1200));
    await runConsentStatusCheck(new Date(Date.now() + 3 * 60_000).toISOString(), { kinds: ['outbox'] });
    expect(receiver.received).toHaveLength(2);
    const ids = receiver.received.map((r) => r.headers['webhook-id']);
    expect(new Set(ids).size).toBe(1);
    for (const r of receiver.received) expect(new Webhook(secret).verify(r.body, r.headers)).toMatchObject({ type: 'consent.declined' });
    expect(await deliveries()).toEqual([expect.objectContaining({ id: ids[0], status: 'delivered', attempts: 1 })]);
  });

  it('a batch that comes again never hurries a retry: the consumer makes first attempts only, the check keeps the back-off (S4)', async () => {
    const { receiver, raise, deliveries } = await subscribedPartner({ failFirst: 1 });
    let seen: DynamoDBStreamEvent | undefined;
    consumer = await startConsumer({ wrap: (event, next) => ((seen = event), next()) });
    await raise();
    const [failed] = await eventually(async () => {
      const items = await deliveries();
      return items[0]?.attempts === 1 && items;
    }, 'the first attempt');
    expect(failed).toMatchObject({ status: 'pending', lastStatusCode: 500, nextAttemptAt: expect.any(String) });
    // The same records again, as Lambda hands a retried batch over.
    expect(await handleStreamEvent(seen!)).toEqual({ batchItemFailures: [] });
    expect(receiver.received).toHaveLength(1);
    expect((await deliveries())[0]).toMatchObject({ status: 'pending', attempts: 1 });
    await runConsentStatusCheck(failed.nextAttemptAt, { kinds: ['outbox'] });
    expect((await deliveries())[0]).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('S4: an event the partner is not subscribed to is dropped unseen: no call, nothing listed', async () => {
    const { receiver, partner, deliveries } = await subscribedPartner();
    consumer = await startConsumer();
    await commitChange({
      writes: [],
      audit: { action: 'test.removed', actor, partnerId: partner.id },
      outbox: [webhookEvent('delegated_admin.removed', partner.id, { tenantId: 't_test', partnerId: partner.id, delegatedAdmin: { roles: ['GlobalReader'], removedAt: new Date().toISOString() }, actor: { type: 'user', id: 'u' } })],
    });
    // A subscribed event raised afterwards arrives: the stream is worked in order, so the first was handled before.
    const { raise: raiseOther, receiver: otherReceiver } = await subscribedPartner();
    await raiseOther();
    await otherReceiver.waitFor(1);
    expect(receiver.received).toHaveLength(0);
    expect(await deliveries()).toEqual([]);
  });
});
