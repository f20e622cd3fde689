import { beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_EVENTS } from '#shared/domain/webhooks.ts';
import { CATALOGUE_IS_COMPLETE, consentEmail, noticeEmail, signInEmail, webhookEvent, type WebhookEventData } from '#shared/domain/outbox-events.ts';
import { matchesFilter } from '#shared/outbox/filter-match.ts';
import { STREAM_FILTER_PATTERNS } from '#shared/outbox/stream-filter.ts';
import { outboxItem, OUTBOX_GRACE_MS } from '#shared/table/outbox.ts';
import { dueKeys, requestEmailKeys } from '#shared/table/keys.ts';
import { OUTBOX_ITEM_TYPES } from '#shared/domain/outbox-retries.ts';

beforeAll(() => {
  process.env.TABLE_NAME = 'unit-table';
});

const actor = { type: 'user' as const, id: 'u_1' };
const at = '2026-01-01T00:00:00.000Z';
const itemOf = (write: ReturnType<typeof outboxItem>) => write.Put!.Item as Record<string, unknown>;

describe('the outbox catalogue', () => {
  it('has one payload type per webhook event of API.md, checked when it compiles', () => {
    expect(CATALOGUE_IS_COMPLETE).toBe(true);
    const declined: WebhookEventData['consent.declined'] = { tenantId: 't', partnerId: 'p', requestId: 'cr', actor };
    expect(webhookEvent('consent.declined', 'p', declined)).toEqual({ channel: 'webhook', type: 'consent.declined', partnerId: 'p', data: declined });
    expect(WEBHOOK_EVENTS).toContain('consent.declined');
  });
  // What the compiler refuses is checked by the typecheck: test/types/outbox-events.types.ts.
});

describe('outbox items', () => {
  it('a webhook event is a pending delivery with its signed body, marked for the stream, due for the check only after the grace', () => {
    const item = itemOf(outboxItem(webhookEvent('consent.declined', 'p_1', { tenantId: 't', partnerId: 'p_1', requestId: 'cr', actor }), at));
    expect(item).toMatchObject({ type: 'webhookDelivery', outbox: 'webhook', partnerId: 'p_1', eventType: 'consent.declined', status: 'pending', attempts: 0, createdAt: at, dueKind: expect.stringMatching(/^outbox#\d+$/) });
    expect(item.pk).toMatch(/^WEBHOOK#msg_[0-9a-f]{24}$/);
    expect(JSON.parse(String(item.payload))).toEqual({ type: 'consent.declined', timestamp: at, data: { tenantId: 't', partnerId: 'p_1', requestId: 'cr', actor } });
    expect(Date.parse(String(item.dueAt)) - Date.parse(at)).toBe(OUTBOX_GRACE_MS);
    // Listed in the partner's deliveries only once the consumer finds it subscribed.
    expect(item.gsi1pk).toBeUndefined();
  });

  it('a consent email and its reminder name their request (whose content and shown state they are); a sign-in email keeps only the address', () => {
    expect(itemOf(outboxItem(consentEmail('cr_1'), at))).toMatchObject({ pk: 'DUE#EMAIL#cr_1#email', type: 'emailDue', outbox: 'email', which: 'email', dueKind: dueKeys.partitionOf('outbox', requestEmailKeys.key('cr_1', 'email')) });
    expect(itemOf(outboxItem(consentEmail('cr_1', 'reminder'), at))).toMatchObject({ pk: 'DUE#EMAIL#cr_1#reminder', which: 'reminder' });
    const signIn = itemOf(outboxItem(signInEmail('a@b.example', '/portal'), at));
    expect(signIn).toMatchObject({ type: 'signinEmail', outbox: 'email', email: 'a@b.example', next: '/portal', status: 'pending', attempts: 0 });
    expect(Object.keys(signIn)).not.toContain('token');
  });

  it('S4: every kind of outbox item starts in the one state machine: pending, never attempted, of a kind the retry table knows', () => {
    const task = { channel: 'batch' as const, batchId: 'b_1', taskNo: 0, parts: [] };
    const notice = { kind: 'delegated_admin_expiring' as const, tenantId: 't', partnerId: 'p_1', roles: ['GlobalReader' as const], expiresAt: at, daysLeft: 7, autoExtend: false };
    const heldNotice = { kind: 'held_batch' as const, tenantId: 't', partnerId: 'p_1', batchId: 'b_1', reason: 'not_authorized' as const, count: 3, until: at };
    const claimNotice = { kind: 'device_claim' as const, tenantId: 't', claimId: 'dc_1', claimant: 'Contoso', count: 2, reference: 'PO-1', deadline: at };
    const messages = [consentEmail('cr_1'), consentEmail('cr_1', 'reminder'), signInEmail('a@b.example'), noticeEmail('a@b.example', notice), noticeEmail('a@b.example', heldNotice), noticeEmail('a@b.example', claimNotice), webhookEvent('consent.declined', 'p_1', { tenantId: 't', partnerId: 'p_1', requestId: 'cr', actor }), task, { channel: 'upload' as const, uploadId: 'upl_1' }];
    const items = messages.map((message) => itemOf(outboxItem(message, at)));
    expect(items.map((item) => item.type).sort()).toEqual([...OUTBOX_ITEM_TYPES, 'emailDue', 'noticeEmail', 'noticeEmail'].sort());
    // Each on the outbox's shard of its own key (issue 26).
    for (const item of items) expect(item).toMatchObject({ status: 'pending', attempts: 0, createdAt: at, dueKind: dueKeys.partitionOf('outbox', { pk: String(item.pk), sk: String(item.sk) }) });
  });

  it('every outbox item is written only if new (a retried transaction never writes one twice)', () => {
    for (const message of [consentEmail('cr_1'), signInEmail('a@b.example')]) {
      expect(outboxItem(message, at).Put!.ConditionExpression).toBe('attribute_not_exists(pk)');
    }
  });
});

describe('the stream filter, as Lambda applies it and the local poller too', () => {
  const record = (eventName: string, image?: Record<string, unknown>) => ({ eventName, dynamodb: { ...(image ? { NewImage: image } : {}) } });
  it('passes the insertion of an outbox item only', () => {
    expect(matchesFilter(STREAM_FILTER_PATTERNS, record('INSERT', { pk: { S: 'WEBHOOK#m' }, outbox: { S: 'webhook' } }))).toBe(true);
    expect(matchesFilter(STREAM_FILTER_PATTERNS, record('MODIFY', { pk: { S: 'WEBHOOK#m' }, outbox: { S: 'webhook' } }))).toBe(false);
    expect(matchesFilter(STREAM_FILTER_PATTERNS, record('REMOVE'))).toBe(false);
    expect(matchesFilter(STREAM_FILTER_PATTERNS, record('INSERT', { pk: { S: 'TENANT#t' } }))).toBe(false);
  });

  it('knows exact values, exists and prefix, and refuses a rule it does not know rather than differ from AWS', () => {
    expect(matchesFilter([{ a: [{ prefix: 'WEB' }] }], { a: 'WEBHOOK' })).toBe(true);
    expect(matchesFilter([{ a: [{ exists: false }] }], {})).toBe(true);
    expect(matchesFilter([{ a: ['x', 'y'] }], { a: 'y' })).toBe(true);
    expect(matchesFilter([{ a: ['x'] }, { b: ['y'] }], { b: 'y' })).toBe(true);
    expect(() => matchesFilter([{ a: [{ numeric: ['>', 1] }] }], { a: 2 })).toThrow(/not supported/);
  });
});
