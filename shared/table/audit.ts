import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { newId, nowIso } from '../domain/ids.ts';
import { tableName } from './client.ts';
import { queryPage, type Page, type PageRequest } from './page.ts';
import type { TransactItem } from './transact.ts';

/** Who did something, and from where. */
export interface Actor {
  type: 'operator' | 'partner' | 'user' | 'system';
  id: string;
  sourceIp?: string;
}

export interface AuditEvent {
  id: string;
  at: string;
  action: string;
  actor: Actor;
  tenantId?: string;
  partnerId?: string;
  subject?: string;
  details?: Record<string, unknown>;
}

/**
 * The audit event of a state change, as an item of the same transaction (R18). Audit items are
 * immutable (`attribute_not_exists`), indexed by partner (gsi1) and by tenant (gsi2), newest first.
 */
export function auditPut(
  input: Omit<AuditEvent, 'id' | 'at'> & { at?: string },
): TransactItem {
  const event: AuditEvent = { id: newId('ev'), at: input.at ?? nowIso(), ...input };
  const sortKey = `${event.at}#${event.id}`;
  return {
    Put: {
      TableName: tableName(),
      Item: {
        pk: `AUDIT#${event.id}`,
        sk: 'AUDIT',
        type: 'audit',
        ...(event.partnerId ? { gsi1pk: `AUDIT#PARTNER#${event.partnerId}`, gsi1sk: sortKey } : {}),
        ...(event.tenantId ? { gsi2pk: `AUDIT#TENANT#${event.tenantId}`, gsi2sk: sortKey } : {}),
        data: event,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Audit events of a tenant or a partner (or both), newest first. */
export function queryAudit(filter: { tenantId?: string; partnerId?: string }, page: PageRequest): Promise<Page<AuditEvent>> {
  const byPartner = filter.partnerId !== undefined;
  const params: QueryCommandInput = byPartner
    ? {
        TableName: tableName(),
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': `AUDIT#PARTNER#${filter.partnerId}` },
      }
    : {
        TableName: tableName(),
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': `AUDIT#TENANT#${filter.tenantId}` },
      };
  if (byPartner && filter.tenantId) {
    params.FilterExpression = '#data.tenantId = :tenantId';
    params.ExpressionAttributeNames = { '#data': 'data' };
    params.ExpressionAttributeValues = { ...params.ExpressionAttributeValues, ':tenantId': filter.tenantId };
  }
  params.ScanIndexForward = false;
  return queryPage(params, page, (item) => item.data as AuditEvent);
}

