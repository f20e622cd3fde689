import { afterAll, describe, expect, it } from 'vitest';
import { webhookEvent } from '#shared/domain/outbox-events.ts';
import { commitChange } from '#shared/outbox/commit.ts';
import { deliverWebhook } from '#shared/workers/outbox-workers.ts';
import { createPartner } from '#shared/partners/partners.ts';
import { listDeliveries } from '#shared/table/outbox.ts';
import { putWebhook } from '#shared/webhooks/webhooks.ts';
import type { Resolver } from '#shared/webhooks/pinned-request.ts';
import { unique } from '../support/api.ts';
import { startReceiver } from '../support/webhook-receiver.ts';

/**
 * Issue 13, finding 3: a webhook connects to the address its own lookup checked, at the first
 * attempt and at every retry, so a name that rebinds to the metadata service between attempts
 * (or between a check and a connection) reaches nothing.
 */
const actor = { type: 'operator' as const, id: 'test' };
const receivers: Awaited<ReturnType<typeof startReceiver>>[] = [];
afterAll(async () => Promise.all(receivers.map((r) => r.close())));

/** Answers each lookup with the next answer (the last repeats), counting them. */
function rebinding(...answers: string[]): Resolver & { calls: number } {
  const resolve = Object.assign(async () => [{ address: answers[Math.min(resolve.calls++, answers.length - 1)], family: 4 }], { calls: 0 });
  return resolve;
}

async function pendingDelivery(failFirst: number) {
  const receiver = await startReceiver({ failFirst });
  receivers.push(receiver);
  const { partner } = await createPartner({ name: `Partner ${unique()}`, kind: 'direct-csp', contactEmail: 'ops@p.example' }, actor);
  // `localhost`, not 127.0.0.1: a name, so every connection asks the lookup.
  await putWebhook(partner.id, { url: receiver.url.replace('127.0.0.1', 'localhost'), events: ['consent.declined'] }, actor);
  await commitChange({
    writes: [],
    audit: { action: 'test.declined', actor, partnerId: partner.id },
    outbox: [webhookEvent('consent.declined', partner.id, { tenantId: 't_test', partnerId: partner.id, requestId: 'cr_test', actor: { type: 'user', id: 'u_test' } })],
  });
  const { db, tableName } = await import('#shared/table/client.ts');
  const { ScanCommand } = await import('@aws-sdk/lib-dynamodb');
  // The delivery's id is random: find it by its partner, through every page of the (test) table.
  let id: string | undefined;
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await db().send(
      new ScanCommand({ TableName: tableName(), FilterExpression: '#t = :t AND partnerId = :p', ExpressionAttributeNames: { '#t': 'type' }, ExpressionAttributeValues: { ':t': 'webhookDelivery', ':p': partner.id }, ConsistentRead: true, ExclusiveStartKey: startKey }),
    );
    id = out.Items?.[0]?.id as string | undefined;
    startKey = out.LastEvaluatedKey;
  } while (!id && startKey);
  if (!id) throw new Error('the webhook delivery was not written');
  return { receiver, partner, id };
}

describe('webhooks connect only to the address they checked', () => {
  it('a receiver on loopback is reached locally; a retry whose lookup now answers 169.254.169.254 is refused without connecting, and fails for good', async () => {
    const { receiver, partner, id } = await pendingDelivery(1);
    const resolve = rebinding('127.0.0.1', '169.254.169.254');
    // First attempt: the lookup's answer is connected to (the receiver answers 500: a retry is due).
    expect(await deliverWebhook(id, { resolve })).toBe('retry');
    expect(receiver.received).toHaveLength(1);
    // The retry resolves again, through the same check: the metadata address is refused.
    expect(await deliverWebhook(id, { resolve, now: new Date(Date.now() + 3600_000).toISOString() })).toBe('failed');
    expect(receiver.received).toHaveLength(1);
    expect(resolve.calls).toBe(2);
    const [delivery] = (await listDeliveries(partner.id, { limit: 10, scope: 'test' })).items;
    expect(delivery).toMatchObject({ status: 'failed', attempts: 2 });
  });

  it('a name answering loopback and the metadata address at once is refused before any connection (no address of the answer may be private)', async () => {
    const { receiver, id } = await pendingDelivery(0);
    const resolve = Object.assign(async () => [{ address: '127.0.0.1', family: 4 }, { address: '169.254.169.254', family: 4 }], {});
    expect(await deliverWebhook(id, { resolve })).toBe('failed');
    expect(receiver.received).toHaveLength(0);
  });
});
