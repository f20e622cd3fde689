import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client.ts';
import { linkKeys } from './keys.ts';
import type { Write } from './transact.ts';

/**
 * A partner's reusable consent link (the CSP reseller-relationship link, the OEM unique link), with
 * a reseller's provider (R7, which never changes) so the link's page reads it with the partner.
 */
export const linkPut = (linkId: string, partner: { id: string; providerId?: string }): Write => ({
  Put: {
    TableName: tableName(),
    Item: { ...linkKeys.key(linkId), type: 'link', linkId, partnerId: partner.id, ...(partner.providerId ? { providerId: partner.providerId } : {}) },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/** Whose link this is (and that partner's provider, when the link knows it). */
export async function findLink(linkId: string): Promise<{ partnerId: string; providerId?: string } | undefined> {
  if (!/^l_[0-9a-f]{24}$/.test(linkId)) return undefined;
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: linkKeys.key(linkId), ConsistentRead: true }));
  if (!out.Item) return undefined;
  return { partnerId: String(out.Item.partnerId), ...(out.Item.providerId ? { providerId: String(out.Item.providerId) } : {}) };
}
