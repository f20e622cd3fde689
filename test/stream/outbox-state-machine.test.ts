import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { requestConsent } from '#shared/consent/request-consent.ts';
import { S4_RETRIES, type AttemptResult } from '#shared/domain/outbox-retries.ts';
import { webhookEvent } from '#shared/domain/outbox-events.ts';
import type { Mailer } from '#shared/mail/mailer.ts';
import { createPartner } from '#shared/partners/partners.ts';
import { db, tableName } from '#shared/table/client.ts';
import { consentRequestKeys, requestEmailKeys, type Key } from '#shared/table/keys.ts';
import { outboxItem } from '#shared/table/outbox.ts';
import { runConsentStatusCheck } from '#shared/workers/consent-status-check.ts';
import { workOutboxItem, type Attempt, type OutboxWorker } from '#shared/workers/outbox-item.ts';
import { deliverConsentEmail, OUTBOX_WORKERS } from '#shared/workers/outbox-workers.ts';
import { handleStreamEvent } from '#shared/workers/stream-consumer.ts';
import { unique } from '../support/api.ts';
import { mailTo } from '../support/pages.ts';

/**
 * The one state machine of outbox items (shared/workers/outbox-item.ts), driven directly: no
 * stream consumer runs here, so each test decides when an item is worked and with which attempt.
 */
const actor = { type: 'operator' as const, id: 'test' };
const failingMailer: Mailer = {
  send: async () => {
    throw Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'TooManyRequestsException' });
  },
};
const read = async (key: Key) => (await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item;
const later = (at: string, ms: number) => new Date(Date.parse(at) + ms).toISOString();

/** A new request's consent email, queued and never tried (nothing works the stream here). */
async function queuedConsentEmail() {
  const { partner } = await createPartner({ name: `Partner ${unique()}`, kind: 'direct-csp', contactEmail: 'ops@p.example' }, actor);
  const recipientEmail = `${unique('r')}@example.com`;
  const { request } = await requestConsent(partner, { recipientEmail }, { actor: { type: 'partner', id: partner.id } });
  return { request, recipientEmail, itemKey: requestEmailKeys.key(request.id, 'email'), requestKey: consentRequestKeys.key(request.id) };
}

/** A webhook delivery item, written as commitChange writes it, worked below by a stand-in attempt. */
async function webhookItem(at = new Date().toISOString()) {
  const write = outboxItem(webhookEvent('consent.declined', `p_${unique()}`, { tenantId: 't', partnerId: 'p', requestId: 'cr', actor: { type: 'user', id: 'u' } }), at);
  await db().send(new PutCommand(write.Put!));
  const item = write.Put!.Item as Record<string, unknown>;
  return { item, key: { pk: String(item.pk), sk: String(item.sk) } };
}

/** The workers, with the webhook's attempt replaced by `attempt`, which counts its calls. */
function withWebhookAttempt(attempt: (call: number) => Attempt | Promise<Attempt>) {
  const calls = { count: 0 };
  const webhookDelivery: OutboxWorker = async () => attempt(++calls.count);
  return { workers: { ...OUTBOX_WORKERS, webhookDelivery }, calls };
}

describe('one state machine for every outbox item (S4)', () => {
  it('S4: the attempt only says what happened; the retry table decides: retried at its back-off, failed after its last attempt, then never tried again', async () => {
    const { item, key } = await webhookItem();
    const { workers, calls } = withWebhookAttempt(() => ({ result: 'failed', retryable: true } satisfies AttemptResult));
    const { maxAttempts, delayMs } = S4_RETRIES.webhookDelivery;
    let now = new Date().toISOString();
    for (let n = 1; n < maxAttempts; n++) {
      expect(await workOutboxItem(item, workers, { now })).toBe('retry');
      const stored = await read(key);
      expect(stored).toMatchObject({ status: 'pending', attempts: n, lastAttemptAt: now, nextAttemptAt: later(now, delayMs(n)), dueKind: item.dueKind, dueAt: later(now, delayMs(n)) });
      // Still on the outbox's shard of its own key (issue 26).
      expect(stored?.dueKind).toMatch(/^outbox#\d+$/);
      expect(stored?.claimedUntil).toBeUndefined();
      now = stored!.nextAttemptAt;
    }
    expect(await workOutboxItem(item, workers, { now })).toBe('failed');
    const failed = await read(key);
    expect(failed).toMatchObject({ status: 'failed', attempts: maxAttempts });
    expect([failed?.dueKind, failed?.dueAt, failed?.nextAttemptAt]).toEqual([undefined, undefined, undefined]);
    expect(await workOutboxItem(item, workers, { now: later(now, 86_400_000) })).toBe('skipped');
    expect(calls.count).toBe(maxAttempts);
  });

  it('S4: an attempt that throws records nothing and is not counted: the claim holds for its lease, then the item is taken over', async () => {
    const { item, key } = await webhookItem();
    const { workers, calls } = withWebhookAttempt((call) => {
      if (call === 1) throw new Error('process died');
      return { result: 'done' };
    });
    await expect(workOutboxItem(item, workers, { leaseMs: 300 })).rejects.toThrow('process died');
    expect(await read(key)).toMatchObject({ status: 'pending', attempts: 0, claimedUntil: expect.any(String) });
    expect(await workOutboxItem(item, workers)).toBe('skipped');
    await new Promise((r) => setTimeout(r, 400));
    expect(await workOutboxItem(item, workers)).toBe('done');
    expect(await read(key)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(calls.count).toBe(2);
  });

  it('an item with nothing to send is dropped: it goes, and nothing is recorded', async () => {
    const { item, key } = await webhookItem();
    const { workers } = withWebhookAttempt(() => ({ result: 'dropped' }));
    expect(await workOutboxItem(item, workers)).toBe('dropped');
    expect(await read(key)).toBeUndefined();
  });

  it("what an attempt changes beside its item commits with the item's record or not at all (another sender recorded the same work first)", async () => {
    const { item, key } = await webhookItem();
    const beside = (pk: string) => ({ Put: { TableName: tableName(), Item: { pk, sk: 'TEST', note: 'recorded' }, ConditionExpression: 'attribute_not_exists(pk)' }, ifConditionFails: 'recorded' });
    const taken = `TEST#${unique()}`;
    await db().send(new PutCommand({ TableName: tableName(), Item: { pk: taken, sk: 'TEST', note: 'first' } }));
    const { workers } = withWebhookAttempt(() => ({ result: 'done', alongside: () => ({ writes: [beside(taken)] }) }));
    expect(await workOutboxItem(item, workers, { leaseMs: 1 })).toBe('skipped');
    expect(await read(key)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await read({ pk: taken, sk: 'TEST' })).toMatchObject({ note: 'first' });
    await new Promise((r) => setTimeout(r, 5));
    const free = `TEST#${unique()}`;
    const { workers: again } = withWebhookAttempt(() => ({ result: 'done', alongside: () => ({ writes: [beside(free)] }) }));
    expect(await workOutboxItem(item, again)).toBe('done');
    expect(await read(key)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(await read({ pk: free, sk: 'TEST' })).toMatchObject({ note: 'recorded' });
  });
});

describe("a consent email's state lives on its outbox item, shown on its request", () => {
  it('S4: each attempt is recorded on the item (claim, attempts, next attempt, the due index) and shown on the request in the same write', async () => {
    const { request, itemKey, requestKey, recipientEmail } = await queuedConsentEmail();
    expect(await read(itemKey)).toMatchObject({ type: 'emailDue', status: 'pending', attempts: 0 });
    expect(await deliverConsentEmail(request.id, 'email', { mailer: failingMailer })).toBe('retry');
    const item = await read(itemKey);
    const email = (await read(requestKey))?.email;
    expect(item).toMatchObject({ status: 'pending', attempts: 1, dueAt: item?.nextAttemptAt });
    expect(email).toEqual({ status: 'queued', attempts: 1, lastAttemptAt: item?.lastAttemptAt, nextAttemptAt: item?.nextAttemptAt, lastError: 'TooManyRequestsException' });
    expect(await deliverConsentEmail(request.id, 'email')).toBe('sent');
    expect(await read(itemKey)).toMatchObject({ status: 'sent', attempts: 2 });
    expect((await read(requestKey))?.email).toMatchObject({ status: 'sent', attempts: 2 });
    expect((await read(requestKey))?.email.nextAttemptAt).toBeUndefined();
    expect(await mailTo(recipientEmail)).toHaveLength(1);
  });

  /** Turns a new request's email item into what the previous version stored: a bare pointer, its state on the request. */
  async function asPreviousVersion(itemKey: Key, requestKey: Key, requestId: string, attempts: number, dueAt: string) {
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...itemKey, type: 'emailDue', outbox: 'email', requestId, which: 'email', dueKind: 'outbox', dueAt } }));
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: requestKey,
        UpdateExpression: 'SET email = :email',
        ExpressionAttributeValues: { ':email': { status: 'queued', attempts, lastAttemptAt: later(dueAt, -60_000), nextAttemptAt: dueAt, claimedUntil: later(dueAt, -30_000) } },
      }),
    );
    return (await read(itemKey))!;
  }

  it("S4: a pointer stored by the previous version (no status, no attempts) counts its request's attempts: the stream consumer leaves it, the check retries it, and the last attempt fails it", async () => {
    const { request, itemKey, requestKey, recipientEmail } = await queuedConsentEmail();
    const { maxAttempts } = S4_RETRIES.emailDue;
    const dueAt = new Date().toISOString();
    const pointer = await asPreviousVersion(itemKey, requestKey, request.id, maxAttempts - 2, dueAt);
    // The stream makes first attempts only, and this one was tried before.
    await handleStreamEvent({ Records: [{ eventName: 'INSERT', dynamodb: { SequenceNumber: '1', NewImage: marshall(pointer) as never } }] }, { mailer: failingMailer });
    expect(await read(itemKey)).toEqual(pointer);
    expect(await deliverConsentEmail(request.id, 'email', { mailer: failingMailer })).toBe('retry');
    expect(await read(itemKey)).toMatchObject({ status: 'pending', attempts: maxAttempts - 1 });
    expect((await read(requestKey))?.email).toMatchObject({ status: 'queued', attempts: maxAttempts - 1, nextAttemptAt: expect.any(String) });
    expect((await read(requestKey))?.email.claimedUntil).toBeUndefined();
    expect(await deliverConsentEmail(request.id, 'email', { mailer: failingMailer })).toBe('failed');
    expect((await read(requestKey))?.email).toMatchObject({ status: 'failed', attempts: maxAttempts });
    expect(await read(itemKey)).toMatchObject({ status: 'failed', attempts: maxAttempts });
    expect(await mailTo(recipientEmail)).toHaveLength(0);
  });

  it('S4: a pointer stored by the previous version is found by the check when due and sent once, counted after its request\'s attempts', async () => {
    const { request, itemKey, requestKey, recipientEmail } = await queuedConsentEmail();
    const dueAt = new Date().toISOString();
    await asPreviousVersion(itemKey, requestKey, request.id, 2, dueAt);
    await Promise.all([runConsentStatusCheck(later(dueAt, 1000), { kinds: ['outbox'] }), runConsentStatusCheck(later(dueAt, 1000), { kinds: ['outbox'] })]);
    expect(await mailTo(recipientEmail)).toHaveLength(1);
    expect((await read(requestKey))?.email).toMatchObject({ status: 'sent', attempts: 3 });
    expect(await read(itemKey)).toMatchObject({ status: 'sent', attempts: 3 });
  });
});
