import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { auditExpiry, onPartnerTrail, STORED_ACTOR_TYPE, type AuditFilter, type StoredAuditEvent } from '#shared/domain/audit.ts';
import { newId, nowIso } from '#shared/domain/ids.ts';
import { tableName } from './client.ts';
import { TTL_ATTRIBUTE } from './definition.ts';
import { auditKeys } from './keys.ts';
import { keyQuery, queryFilteredPage, queryPage, queryPages, type Page, type PageRequest } from './page.ts';
import type { Write } from './transact.ts';

/** The stored shape (shared/domain/audit.ts); `toAuditEvent` maps it to API.md's `auditEvent`. */
export type AuditEvent = StoredAuditEvent;

export type AuditInput = Omit<StoredAuditEvent, 'id' | 'at'> & { at?: string };

/**
 * The audit event of a state change, as an item of the same transaction (R18). Audit items are
 * immutable (`attribute_not_exists`), indexed by partner (gsi1: `onPartnerTrail`) and by tenant
 * (gsi2), newest first, and carry a TTL at 400 days (R29; cleanup only: reads never rely on it).
 * Only `commitChange` and `recordRefusedAttempt` (shared/outbox/commit.ts) call this: a change and
 * its audit go together.
 */
export function auditItem(input: AuditInput, id = newId('ev')): Write {
  const event: StoredAuditEvent = { id, at: input.at ?? nowIso(), ...input };
  const indexed = { ...event, partnerId: onPartnerTrail(event) ? event.partnerId : undefined };
  return {
    Put: {
      TableName: tableName(),
      Item: { ...auditKeys.key(event.id), type: 'audit', ...auditKeys.indexes(indexed), [TTL_ATTRIBUTE]: auditExpiry(event.at), data: event },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

const toEvent = (item: Record<string, unknown>) => item.data as StoredAuditEvent;

/** Audit events of a tenant or a partner (or both), newest first: the operators' view. */
export function queryAudit(filter: { tenantId?: string; partnerId?: string }, page: PageRequest): Promise<Page<StoredAuditEvent>> {
  const params = filter.partnerId !== undefined
    ? keyQuery(auditKeys.queryOfPartner(filter.partnerId), { descending: true })
    : keyQuery(auditKeys.queryOfTenant(filter.tenantId!), { descending: true });
  if (filter.partnerId !== undefined && filter.tenantId) {
    params.FilterExpression = '#data.tenantId = :tenantId';
    params.ExpressionAttributeNames = { ...params.ExpressionAttributeNames, '#data': 'data' };
    params.ExpressionAttributeValues = { ...params.ExpressionAttributeValues, ':tenantId': filter.tenantId };
  }
  return queryPage(params, page, toEvent);
}

/** Whose trail a read is: a tenant's (R29) or a partner's (`GET /v1/audit`). */
export type AuditTrail = { tenantId: string } | { partnerId: string };

/**
 * The Query of a trail, newest first: its index partition, the time range as a range of the sort
 * key (it begins with the event's time), and the other filters as a filter expression.
 */
function trailQuery(trail: AuditTrail, filter: AuditFilter): QueryCommandInput & { ExpressionAttributeValues: Record<string, unknown> } {
  const query = 'tenantId' in trail ? auditKeys.queryOfTenant(trail.tenantId) : auditKeys.queryOfPartner(trail.partnerId);
  const params = keyQuery(query, { descending: true, sortBetween: [filter.from, `${filter.to}~`] });
  const conditions: string[] = [];
  const names: Record<string, string> = {};
  const add = (path: string[], value: string) => {
    const placeholder = `:f${conditions.length}`;
    conditions.push(`${path.map((p) => `#${p}`).join('.')} = ${placeholder}`);
    for (const p of path) names[`#${p}`] = p;
    params.ExpressionAttributeValues[placeholder] = value;
  };
  if (filter.actorType) add(['data', 'actor', 'type'], STORED_ACTOR_TYPE[filter.actorType]);
  if (filter.partnerId && 'tenantId' in trail) add(['data', 'partnerId'], filter.partnerId);
  if (filter.tenantId && 'partnerId' in trail) add(['data', 'tenantId'], filter.tenantId);
  if (filter.action) add(['data', 'action'], filter.action);
  if (conditions.length > 0) {
    params.FilterExpression = conditions.join(' AND ');
    params.ExpressionAttributeNames = { ...params.ExpressionAttributeNames, ...names };
  }
  return params;
}

/**
 * One page of a trail (R29), newest first. Without filters besides the time range a page is one
 * Query of `limit` items, whatever the trail's size (the range is the index's sort key). With
 * filters, each Query reads ahead (`queryFilteredPage`), so a rare action costs few requests.
 */
export function queryTrail(trail: AuditTrail, filter: AuditFilter, page: PageRequest): Promise<Page<StoredAuditEvent>> {
  const params = trailQuery(trail, filter);
  return params.FilterExpression ? queryFilteredPage(params, page, toEvent) : queryPage(params, page, toEvent);
}

/** Every event of a trail the filter selects, a DynamoDB page at a time: the CSV export's read. */
export async function* everyTrailEvent(trail: AuditTrail, filter: AuditFilter): AsyncIterable<StoredAuditEvent[]> {
  for await (const items of queryPages(trailQuery(trail, filter))) yield items.map(toEvent);
}
