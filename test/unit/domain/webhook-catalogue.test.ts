import { beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_EVENTS, type WebhookEvent } from '#shared/domain/webhooks.ts';
import { checkWebhookPayload, WEBHOOK_PAYLOADS, webhookDescription, webhookExample } from '#shared/domain/webhook-catalogue.ts';
import { webhookEvent, webhookPayload, type WebhookEventData } from '#shared/domain/outbox-events.ts';
import { outboxItem } from '#shared/table/outbox.ts';

beforeAll(() => {
  process.env.TABLE_NAME = 'unit-table';
});

const at = '2026-01-01T00:00:00.000Z';
/** An example body of `type`, changed by `change` (a copy: the catalogue's example stays as it is). */
const exampleWith = (type: WebhookEvent, change: (body: { type: string; timestamp: string; data: Record<string, unknown> }) => void) => {
  const body = structuredClone(webhookExample(type)) as unknown as { type: string; timestamp: string; data: Record<string, unknown> };
  change(body);
  return body;
};

describe('the webhook catalogue (API.md "Webhooks": one schema per event, from which types, the check and the OpenAPI document come)', () => {
  it('has a schema, a description and an example for every event a partner can subscribe to, and each example passes the check', () => {
    expect(WEBHOOK_EVENTS.length).toBeGreaterThan(0);
    for (const type of WEBHOOK_EVENTS) {
      expect(WEBHOOK_PAYLOADS[type], `${type} has no schema`).toBeDefined();
      expect(webhookDescription(type), `${type} has no description`).toMatch(/\w/);
      const example = webhookExample(type);
      expect(example.data, `${type} has no example`).toBeDefined();
      expect(checkWebhookPayload(JSON.parse(JSON.stringify(example))), type).toEqual(example);
    }
    expect(Object.keys(WEBHOOK_PAYLOADS).sort()).toEqual([...WEBHOOK_EVENTS].sort());
  });

  it('checks what the outbox stores: the body of every event, as committed, is its example as sent', () => {
    for (const type of WEBHOOK_EVENTS) {
      const message = webhookEvent(type, 'p_01JD3', webhookExample(type).data as WebhookEventData[typeof type]);
      const stored = JSON.parse(String(outboxItem(message, at).Put!.Item!.payload)) as unknown;
      expect(stored, type).toEqual(webhookPayload(message, at));
      expect(checkWebhookPayload(stored), type).toEqual({ type, timestamp: at, data: webhookExample(type).data });
    }
  });

  it('refuses an event type it does not know, and a body that is not an event', () => {
    expect(() => checkWebhookPayload({ ...webhookExample('consent.declined'), type: 'device.stolen' })).toThrow(/not an event of the webhook catalogue: type "device.stolen"/);
    expect(() => checkWebhookPayload('consent.declined')).toThrow(/not an event of the webhook catalogue/);
    expect(() => checkWebhookPayload(null)).toThrow(/not an event of the webhook catalogue/);
  });

  it('refuses an event without its actor: API.md says every event names its actor', () => {
    expect(() => checkWebhookPayload(exampleWith('consent.declined', (b) => delete b.data.actor))).toThrow(/consent\.declined does not match[\s\S]*actor/);
  });

  it('refuses an actor carrying its source address: webhooks never tell where an actor came from', () => {
    const leaked = exampleWith('consent.declined', (b) => Object.assign(b.data.actor as object, { sourceIp: '203.0.113.9' }));
    expect(() => checkWebhookPayload(leaked)).toThrow(/sourceIp/);
  });

  it('refuses a field the catalogue does not name, in the body or in its data', () => {
    expect(() => checkWebhookPayload(exampleWith('devices.registered', (b) => (b.data.secret = 'x')))).toThrow(/secret/);
    expect(() => checkWebhookPayload(exampleWith('devices.registered', (b) => Object.assign(b, { attempt: 2 })))).toThrow(/attempt/);
  });

  it('refuses delegated_admin.expiring without the true daysLeft (API.md), or with a negative or fractional one', () => {
    expect(() => checkWebhookPayload(exampleWith('delegated_admin.expiring', (b) => delete b.data.daysLeft))).toThrow(/daysLeft/);
    expect(() => checkWebhookPayload(exampleWith('delegated_admin.expiring', (b) => (b.data.daysLeft = -1)))).toThrow(/daysLeft/);
    expect(() => checkWebhookPayload(exampleWith('delegated_admin.expiring', (b) => (b.data.daysLeft = 6.5)))).toThrow(/daysLeft/);
  });

  it('refuses a consent.accepted that names none, or more than one, of its consent request, its consent link and its held batch (R27)', () => {
    const oneOf = /one of its consent request, its consent link or its held batch/;
    expect(() => checkWebhookPayload(exampleWith('consent.accepted', (b) => delete b.data.requestId))).toThrow(oneOf);
    expect(() => checkWebhookPayload(exampleWith('consent.accepted', (b) => (b.data.linkId = 'l_01JD3')))).toThrow(oneOf);
    expect(() => checkWebhookPayload(exampleWith('consent.accepted', (b) => (b.data.batchId = 'b_01JD3')))).toThrow(oneOf);
    expect(checkWebhookPayload(exampleWith('consent.accepted', (b) => ((b.data.linkId = 'l_01JD3'), delete b.data.requestId))).type).toBe('consent.accepted');
    expect(checkWebhookPayload(exampleWith('consent.accepted', (b) => ((b.data.batchId = 'b_01JD3'), delete b.data.requestId))).type).toBe('consent.accepted');
  });

  it('refuses a role outside the catalogue of delegated admin roles (R4), a timestamp that is not ISO 8601, and an empty device group', () => {
    expect(() => checkWebhookPayload(exampleWith('delegated_admin.expired', (b) => ((b.data.delegatedAdmin as { roles: string[] }).roles = ['GlobalAdministrator'])))).toThrow(/roles/);
    expect(() => checkWebhookPayload(exampleWith('consent.declined', (b) => (b.timestamp = 'Tue, 24 Nov 2026 10:00:00 GMT')))).toThrow(/timestamp/);
    expect(() => checkWebhookPayload(exampleWith('devices.deregistered', (b) => (b.data.deviceIds = [])))).toThrow(/deviceIds/);
  });

  it('refuses, when it compiles, a payload whose data is not its event\'s', () => {
    const declined = webhookExample('consent.declined').data;
    // @ts-expect-error consent.declined's data is not device_batch.finished's
    webhookEvent('device_batch.finished', 'p', declined);
    // @ts-expect-error a role outside the catalogue of delegated admin roles (R4)
    webhookEvent('delegated_admin.removed', 'p', { tenantId: 't', partnerId: 'p', delegatedAdmin: { roles: ['GlobalAdministrator'], removedAt: at }, actor: declined.actor });
    expect(declined.actor.type).toBe('user');
  });
});
