import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client.ts';
import { fieldsOf, pick } from './items.ts';
import { removalRequestKeys } from './keys.ts';
import { keyQuery, queryPage, type Page, type PageRequest } from './page.ts';
import type { Write } from './transact.ts';

/**
 * R12: a customer cannot remove an OEM; they file a removal request, which operators list (open
 * ones sit on gsi1 under `REMOVAL#open`, a sparse index) and close by revoking the relationship.
 */
export interface RemovalRequest {
  tenantId: string;
  partnerId: string;
  status: 'open' | 'closed';
  reason: string;
  requestedBy: { userId: string; email: string };
  createdAt: string;
  closedAt?: string;
}

const FIELDS = /* @__PURE__ */ fieldsOf<RemovalRequest>()(['tenantId', 'partnerId', 'status', 'reason', 'requestedBy', 'createdAt', 'closedAt']);
const toRemovalRequest = (item: Record<string, unknown>): RemovalRequest => pick(item, FIELDS);

export async function getRemovalRequest(tenantId: string, partnerId: string): Promise<RemovalRequest | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: removalRequestKeys.key(tenantId, partnerId), ConsistentRead: true }));
  return out.Item ? toRemovalRequest(out.Item) : undefined;
}

/** The write of a new open request; one open request per relationship at a time (`already_open`). */
export function removalRequestFiled(request: RemovalRequest): Write {
  return {
    ifConditionFails: 'already_open',
    Put: {
      TableName: tableName(),
      Item: { ...removalRequestKeys.key(request.tenantId, request.partnerId), type: 'removalRequest', ...removalRequestKeys.openIndexes(request), ...request },
      ConditionExpression: 'attribute_not_exists(pk) OR #status = :closed',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':closed': 'closed' },
    },
  };
}

/** The write that closes an open request (it leaves the open list). */
export function removalRequestClosed(tenantId: string, partnerId: string, now: string): Write {
  return {
    ifConditionFails: 'not_open',
    Update: {
      TableName: tableName(),
      Key: removalRequestKeys.key(tenantId, partnerId),
      UpdateExpression: 'SET #status = :closed, closedAt = :now REMOVE gsi1pk, gsi1sk',
      ConditionExpression: '#status = :open',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':closed': 'closed', ':open': 'open', ':now': now },
    },
  };
}

export const listOpenRemovalRequests = (page: PageRequest): Promise<Page<RemovalRequest>> =>
  queryPage(keyQuery(removalRequestKeys.queryOpen()), page, toRemovalRequest);
