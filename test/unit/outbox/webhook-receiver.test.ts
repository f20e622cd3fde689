import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { webhookExample } from '#shared/domain/webhook-catalogue.ts';
import { startReceiver } from '../../support/webhook-receiver.ts';

type Receiver = Awaited<ReturnType<typeof startReceiver>>;
let receiver: Receiver | undefined;
afterEach(async () => {
  // A receiver a test left open after a bad delivery: stop it without failing twice.
  await receiver?.close().catch(() => {});
  receiver = undefined;
});

/** A delivery as deliver-webhook.ts sends it: Standard Webhooks headers over the JSON body. */
async function deliver(url: string, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  const id = `msg_${randomBytes(12).toString('hex')}`;
  const sentAt = new Date();
  const signature = new Webhook(`whsec_${randomBytes(24).toString('base64')}`).sign(id, sentAt, text);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)), 'webhook-signature': signature, ...headers },
    body: text,
  });
  expect(res.status).toBe(204);
}

describe('the test webhook receiver checks every delivery against the webhook catalogue, so every event the suites cause is checked', () => {
  it('takes a delivery that keeps the catalogue', async () => {
    receiver = await startReceiver();
    await deliver(receiver.url, webhookExample('devices.registered'));
    expect(await receiver.waitFor(1, 'devices.registered')).toHaveLength(1);
    expect(receiver.problems).toEqual([]);
    await receiver.close();
    receiver = undefined;
  });

  it('fails waitFor, events and close once a delivery breaks the catalogue', async () => {
    receiver = await startReceiver();
    const { actor: _actor, ...withoutActor } = webhookExample('consent.declined').data;
    await deliver(receiver.url, { ...webhookExample('consent.declined'), data: withoutActor });
    await expect(receiver.waitFor(2)).rejects.toThrow(/break the webhook catalogue[\s\S]*consent\.declined does not match[\s\S]*actor/);
    expect(() => receiver!.events()).toThrow(/actor/);
    const closing = receiver;
    receiver = undefined;
    await expect(closing.close()).rejects.toThrow(/actor/);
  });

  it('fails a delivery whose Standard Webhooks headers are not those the OpenAPI document promises', async () => {
    receiver = await startReceiver();
    await deliver(receiver.url, webhookExample('consent.declined'), { 'webhook-id': 'not-an-outbox-id' });
    expect(receiver.problems).toEqual([expect.stringMatching(/header webhook-id "not-an-outbox-id" does not match/)]);
  });
});
