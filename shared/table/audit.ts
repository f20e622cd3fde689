import type { Actor } from '#shared/domain/actor.ts';
import { newId, nowIso } from '#shared/domain/ids.ts';
import { tableName } from './client.ts';
import { auditKeys } from './keys.ts';
import { keyQuery, queryPage, type Page, type PageRequest } from './page.ts';
import type { Write } from './transact.ts';

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

export type AuditInput = Omit<AuditEvent, 'id' | 'at'> & { at?: string };

/**
 * The audit event of a state change, as an item of the same transaction (R18). Audit items are
 * immutable (`attribute_not_exists`), indexed by partner (gsi1) and by tenant (gsi2), newest first.
 * Only `commitChange` (shared/outbox/commit.ts) calls this: a change and its audit go together.
 */
export function auditItem(input: AuditInput): Write {
  const event: AuditEvent = { id: newId('ev'), at: input.at ?? nowIso(), ...input };
  return {
    Put: {
      TableName: tableName(),
      Item: { ...auditKeys.key(event.id), type: 'audit', ...auditKeys.indexes(event), data: event },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Audit events of a tenant or a partner (or both), newest first. */
export function queryAudit(filter: { tenantId?: string; partnerId?: string }, page: PageRequest): Promise<Page<AuditEvent>> {
  const params = filter.partnerId !== undefined
    ? keyQuery(auditKeys.queryOfPartner(filter.partnerId), { descending: true })
    : keyQuery(auditKeys.queryOfTenant(filter.tenantId!), { descending: true });
  if (filter.partnerId !== undefined && filter.tenantId) {
    params.FilterExpression = '#data.tenantId = :tenantId';
    params.ExpressionAttributeNames = { ...params.ExpressionAttributeNames, '#data': 'data' };
    params.ExpressionAttributeValues = { ...params.ExpressionAttributeValues, ':tenantId': filter.tenantId };
  }
  return queryPage(params, page, (item) => item.data as AuditEvent);
}
