import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { SecretVersions, WebhookEvent } from '#shared/domain/webhooks.ts';
import { db, tableName } from './client.ts';
import { fieldsOf, pick } from './items.ts';
import { webhookConfigKeys } from './keys.ts';
import type { Write } from './transact.ts';

/**
 * A partner's webhook endpoint: one per partner, in its partition. Its signing secrets are stored
 * as versions only (`SecretVersions`): each secret is derived from the service's webhook key
 * (shared/webhooks/signing.ts), so the table holds nothing a reader could sign with.
 */
export interface WebhookConfig extends SecretVersions {
  url: string;
  events: WebhookEvent[];
  updatedAt: string;
}

const WEBHOOK_CONFIG_FIELDS = /* @__PURE__ */ fieldsOf<WebhookConfig>()(['url', 'events', 'secretVersion', 'previousSecretVersion', 'secretRotatedAt', 'updatedAt']);

export async function getWebhookConfig(partnerId: string): Promise<WebhookConfig | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: webhookConfigKeys.key(partnerId), ConsistentRead: true }));
  return out.Item ? pick(out.Item, WEBHOOK_CONFIG_FIELDS) : undefined;
}

/**
 * The write of a configuration, conditional on the secret version read being the one still there:
 * a `PUT` that read before a rotation cannot put the old secret back, and of two rotations at once
 * only one happens.
 */
export function webhookConfigPut(partnerId: string, config: WebhookConfig, replaced: WebhookConfig | undefined): Write {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...webhookConfigKeys.key(partnerId), type: 'webhook', ...config },
      ConditionExpression: replaced ? 'secretVersion = :read' : 'attribute_not_exists(pk)',
      ...(replaced ? { ExpressionAttributeValues: { ':read': replaced.secretVersion } } : {}),
    },
    ifConditionFails: 'changed_meanwhile',
  };
}
