import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { conflict, notFound } from '../domain/errors.ts';
import { nowIso } from '../domain/ids.ts';
import type { Relationship } from '../domain/relationship.ts';
import { type Actor, auditPut } from './audit.ts';
import { db, tableName } from './client.ts';
import { pick } from './items.ts';
import { queryPage, type Page, type PageRequest } from './page.ts';
import { endRelationship, getRelationship } from './relationships.ts';
import { ConditionFailed, transact, type TransactItem } from './transact.ts';

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

const removalKey = (tenantId: string, partnerId: string) => ({ pk: `REMOVAL#${tenantId}#${partnerId}`, sk: 'REMOVAL' });
const FIELDS = ['tenantId', 'partnerId', 'status', 'reason', 'requestedBy', 'createdAt', 'closedAt'] as const;
const toRemovalRequest = (item: Record<string, unknown>): RemovalRequest => pick(item, FIELDS);

export async function getRemovalRequest(tenantId: string, partnerId: string): Promise<RemovalRequest | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: removalKey(tenantId, partnerId), ConsistentRead: true }));
  return out.Item ? toRemovalRequest(out.Item) : undefined;
}

/** The customer asks operators to remove an active OEM relationship; one open request at a time. */
export async function fileRemovalRequest(
  tenantId: string,
  partnerId: string,
  input: { reason: string; requestedBy: { userId: string; email: string } },
  actor: Actor,
): Promise<RemovalRequest> {
  const relationship = await getRelationship(partnerId, tenantId);
  if (!relationship) throw notFound('Relationship');
  if (relationship.status !== 'active' || relationship.partnerKind !== 'oem') throw conflict('Removal requests are for active OEM relationships');
  const request: RemovalRequest = { tenantId, partnerId, status: 'open', reason: input.reason, requestedBy: input.requestedBy, createdAt: nowIso() };
  try {
    await transact([
      {
        Put: {
          TableName: tableName(),
          Item: { ...removalKey(tenantId, partnerId), type: 'removalRequest', gsi1pk: 'REMOVAL#open', gsi1sk: `${request.createdAt}#${tenantId}#${partnerId}`, ...request },
          ConditionExpression: 'attribute_not_exists(pk) OR #status = :closed',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':closed': 'closed' },
        },
      },
      auditPut({ action: 'removal_request.filed', actor, tenantId, partnerId, details: { reason: input.reason } }),
    ]);
  } catch (error) {
    if (error instanceof ConditionFailed && error.at(0)) throw conflict('A removal request for this partner is already open');
    throw error;
  }
  return request;
}

export const listOpenRemovalRequests = (page: PageRequest): Promise<Page<RemovalRequest>> =>
  queryPage(
    { TableName: tableName(), IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': 'REMOVAL#open' } },
    page,
    toRemovalRequest,
  );

/**
 * R12: an operator revokes a relationship, with a reason. The relationship becomes `revoked`, the
 * customer's open removal request (if any) is closed, and both are audited, in one transaction.
 */
export async function revokeRelationship(tenantId: string, partnerId: string, reason: string, actor: Actor): Promise<Relationship> {
  const current = await getRelationship(partnerId, tenantId);
  if (!current) throw notFound('Relationship');
  if (current.status !== 'active') throw conflict(`This relationship is already ${current.status}`);
  const removal = await getRemovalRequest(tenantId, partnerId);
  const extra: TransactItem[] =
    removal?.status === 'open'
      ? [
          {
            Update: {
              TableName: tableName(),
              Key: removalKey(tenantId, partnerId),
              UpdateExpression: 'SET #status = :closed, closedAt = :now REMOVE gsi1pk, gsi1sk',
              ConditionExpression: '#status = :open',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':closed': 'closed', ':open': 'open', ':now': nowIso() },
            },
          },
          auditPut({ action: 'removal_request.closed', actor, tenantId, partnerId, details: { reason } }),
        ]
      : [];
  return endRelationship(current, { status: 'revoked', action: 'relationship.revoked', actor, reason }, extra);
}
