import { randomBytes } from 'node:crypto';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { Webhook } from 'standardwebhooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { webhookExample } from '#shared/domain/webhook-catalogue.ts';
import { webhookEvent } from '#shared/domain/outbox-events.ts';
import { WEBHOOK_EVENTS } from '#shared/domain/webhooks.ts';
import { openApiDocument } from '#shared/http/openapi.ts';
import { outboxItem } from '#shared/table/outbox.ts';

beforeAll(() => {
  process.env.TABLE_NAME = 'unit-table';
});

interface HeaderParameter {
  name: string;
  in: string;
  required?: boolean;
  schema: { type: string; pattern?: string };
}
interface WebhookOperation {
  operationId: string;
  parameters: HeaderParameter[];
  requestBody: { required: boolean; content: Record<string, { schema: object; example: unknown }> };
  responses: Record<string, unknown>;
}

const doc = openApiDocument() as unknown as { webhooks: Record<string, { post: WebhookOperation }>; components: object };
// The document's own JSON Schema, read by another validator than the catalogue's zod: what a
// partner generating types or validating bodies from the document gets.
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
const validatorOf = (type: string) => ajv.compile({ ...doc.webhooks[type].post.requestBody.content['application/json'].schema, components: doc.components });
const STANDARD_WEBHOOK_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'];

describe("the OpenAPI document's webhooks section (API.md: the OpenAPI document describes every payload)", () => {
  it('lists every event a partner can subscribe to, and nothing else', () => {
    expect(Object.keys(doc.webhooks).sort()).toEqual([...WEBHOOK_EVENTS].sort());
  });

  it('documents, for every event, the Standard Webhooks headers as required, its body as JSON with an example, and what an answer means', () => {
    for (const type of WEBHOOK_EVENTS) {
      const operation = doc.webhooks[type].post;
      const headers = operation.parameters.filter((p) => p.in === 'header');
      expect(headers.map((h) => h.name), type).toEqual(STANDARD_WEBHOOK_HEADERS);
      expect(headers.every((h) => h.required), type).toBe(true);
      expect(operation.requestBody.required, type).toBe(true);
      expect(operation.requestBody.content['application/json'].example, type).toEqual(webhookExample(type));
      expect(Object.keys(operation.responses), type).toContain('2XX');
    }
    expect(new Set(WEBHOOK_EVENTS.map((type) => doc.webhooks[type].post.operationId)).size).toBe(WEBHOOK_EVENTS.length);
  });

  it("each event's example keeps the document's schema, and the schema refuses that example without its actor", () => {
    for (const type of WEBHOOK_EVENTS) {
      const validate = validatorOf(type);
      const example = webhookExample(type);
      expect(validate(example), `${type}: ${JSON.stringify(validate.errors)}`).toBe(true);
      const { actor: _actor, ...withoutActor } = example.data;
      expect(validate({ ...example, data: withoutActor }), type).toBe(false);
    }
  });

  it('the headers a delivery carries are those documented: an outbox id, a Standard Webhooks signature a partner can verify with the documented names', () => {
    const headerOf = (name: string) => doc.webhooks['consent.declined'].post.parameters.find((p) => p.name === name)!;
    const message = webhookEvent('consent.declined', 'p_01JD3', webhookExample('consent.declined').data);
    const item = outboxItem(message, '2026-11-24T10:00:00.000Z').Put!.Item!;
    const id = String(item.id);
    const secret = `whsec_${randomBytes(24).toString('base64')}`;
    const sentAt = new Date();
    const headers = {
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(id, sentAt, String(item.payload)),
    };
    expect(headers['webhook-id']).toMatch(new RegExp(headerOf('webhook-id').schema.pattern!));
    expect(headerOf('webhook-timestamp').schema.type).toBe('integer');
    expect(headers['webhook-signature']).toMatch(new RegExp(headerOf('webhook-signature').schema.pattern!));
    expect(new Webhook(secret).verify(String(item.payload), headers)).toEqual(JSON.parse(String(item.payload)));
  });
});
