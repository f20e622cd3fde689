import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client.ts';
import { linkKeys } from './keys.ts';
import type { Write } from './transact.ts';

/** A partner's reusable consent link (the CSP reseller-relationship link, the OEM unique link). */
export const linkPut = (linkId: string, partnerId: string): Write => ({
  Put: { TableName: tableName(), Item: { ...linkKeys.key(linkId), type: 'link', linkId, partnerId }, ConditionExpression: 'attribute_not_exists(pk)' },
});

export async function findLinkPartnerId(linkId: string): Promise<string | undefined> {
  if (!/^l_[0-9a-f]{24}$/.test(linkId)) return undefined;
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: linkKeys.key(linkId), ConsistentRead: true }));
  return out.Item?.partnerId as string | undefined;
}
