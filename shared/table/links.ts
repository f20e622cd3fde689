import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { newId } from '../domain/ids.ts';
import type { Partner } from '../domain/partner.ts';
import { db, tableName } from './client.ts';
import { partnerKey, getPartner } from './partners.ts';
import { ConditionFailed, transact } from './transact.ts';
import { type Actor, auditPut } from './audit.ts';

/** A partner's reusable consent link (the CSP reseller-relationship link, the OEM unique link). */
const linkKey = (linkId: string) => ({ pk: `LINK#${linkId}`, sk: 'LINK' });

/** The partner's link id, created on first use; two first uses at once agree on one id. */
export async function ensureConsentLink(partner: Partner & { linkId?: string }, actor: Actor): Promise<string> {
  if (partner.linkId) return partner.linkId;
  const linkId = newId('l');
  try {
    await transact([
      {
        Update: {
          TableName: tableName(),
          Key: partnerKey(partner.id),
          UpdateExpression: 'SET linkId = :linkId',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(linkId)',
          ExpressionAttributeValues: { ':linkId': linkId },
        },
      },
      { Put: { TableName: tableName(), Item: { ...linkKey(linkId), type: 'link', linkId, partnerId: partner.id }, ConditionExpression: 'attribute_not_exists(pk)' } },
      auditPut({ action: 'consent_link.created', actor, partnerId: partner.id, details: { linkId } }),
    ]);
    return linkId;
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
    const again = (await getPartner(partner.id)) as (Partner & { linkId?: string }) | undefined;
    if (!again?.linkId) throw error;
    return again.linkId;
  }
}

export async function findLinkPartnerId(linkId: string): Promise<string | undefined> {
  if (!/^l_[0-9a-f]{24}$/.test(linkId)) return undefined;
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: linkKey(linkId), ConsistentRead: true }));
  return out.Item?.partnerId as string | undefined;
}
