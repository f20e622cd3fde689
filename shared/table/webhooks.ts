import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { WebhookEvent } from '#shared/domain/webhooks.ts';
import { db, tableName } from './client.ts';
import { fieldsOf, pick } from './items.ts';
import { webhookConfigKeys } from './keys.ts';
import type { Write } from './transact.ts';

/** A partner's webhook endpoint: one per partner, in its partition. */
export interface WebhookConfig {
  url: string;
  events: WebhookEvent[];
  secretVersion: number;
  updatedAt: string;
}

const WEBHOOK_CONFIG_FIELDS = /* @__PURE__ */ fieldsOf<WebhookConfig>()(['url', 'events', 'secretVersion', 'updatedAt']);

export async function getWebhookConfig(partnerId: string): Promise<WebhookConfig | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: webhookConfigKeys.key(partnerId), ConsistentRead: true }));
  return out.Item ? pick(out.Item, WEBHOOK_CONFIG_FIELDS) : undefined;
}

/** The write of a new configuration, conditional on the version read being the one replaced. */
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
