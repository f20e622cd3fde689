import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { auditExpiry, onPartnerTrail, STORED_ACTOR_TYPE, type AuditFilter, type StoredAuditEvent } from '#shared/domain/audit.ts';
import { newId, nowIso } from '#shared/domain/ids.ts';
import { tableName } from './client.ts';
import { TTL_ATTRIBUTE } from './definition.ts';
import { auditKeys, type KeyQuery } from './keys.ts';
import { keyQuery, type Page, type PageRequest } from './page.ts';
import { everyShardedItem, shardedQueryPage, type Shards } from './sharded-page.ts';
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

/** The Queries of a trail, one a shard of its index partition (keys.ts), with where each resumes. */
const trailShards = (queries: KeyQuery[], params: (q: KeyQuery) => QueryCommandInput): Shards => ({
  queries: queries.map(params),
  startAfter: (n, position) => auditKeys.startAfter(queries[n]!, position),
  isPosition: auditKeys.isPosition,
});

/** Audit events of a tenant or a partner (or both), newest first: the operators' view, the trail's shards merged. */
export function queryAudit(filter: { tenantId?: string; partnerId?: string }, page: PageRequest): Promise<Page<StoredAuditEvent>> {
  const queries = filter.partnerId !== undefined ? auditKeys.queryShardsOfPartner(filter.partnerId) : auditKeys.queryShardsOfTenant(filter.tenantId!);
  return shardedQueryPage(
    trailShards(queries, (q) => {
      const params = keyQuery(q, { descending: true });
      if (filter.partnerId !== undefined && filter.tenantId) {
        params.FilterExpression = '#data.tenantId = :tenantId';
        params.ExpressionAttributeNames = { ...params.ExpressionAttributeNames, '#data': 'data' };
        params.ExpressionAttributeValues = { ...params.ExpressionAttributeValues, ':tenantId': filter.tenantId };
      }
      return params;
    }),
    page,
    toEvent,
  );
}

/** Whose trail a read is: a tenant's (R29) or a partner's (`GET /v1/audit`). */
export type AuditTrail = { tenantId: string } | { partnerId: string };

/**
 * The Query of one shard of a trail, newest first: its index partition, the time range as a range
 * of the sort key (it begins with the event's time), and the other filters as a filter expression.
 */
function trailQuery(query: KeyQuery, trail: AuditTrail, filter: AuditFilter): QueryCommandInput & { ExpressionAttributeValues: Record<string, unknown> } {
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

/** A trail's shards (issue 26: keys.ts, `auditKeys`), each Query as `trailQuery` makes it. */
const trailQueries = (trail: AuditTrail, filter: AuditFilter): Shards =>
  trailShards('tenantId' in trail ? auditKeys.queryShardsOfTenant(trail.tenantId) : auditKeys.queryShardsOfPartner(trail.partnerId), (q) => trailQuery(q, trail, filter));

/**
 * One page of a trail (R29), newest first: its shards read in parallel and merged by time. Without
 * filters besides the time range a page is one round of Queries of about `limit` items together,
 * whatever the trail's size (the range is the index's sort key). With filters each shard's Query
 * reads ahead, so a rare action costs few requests, and a page stops after 10 rounds even when
 * short (with a cursor to go on).
 */
export function queryTrail(trail: AuditTrail, filter: AuditFilter, page: PageRequest): Promise<Page<StoredAuditEvent>> {
  return shardedQueryPage(trailQueries(trail, filter), page, toEvent, { maxRounds: 10 });
}

/** Every event of a trail the filter selects, in order, its shards merged a DynamoDB page at a time: the CSV export's read. */
export async function* everyTrailEvent(trail: AuditTrail, filter: AuditFilter): AsyncIterable<StoredAuditEvent[]> {
  for await (const items of everyShardedItem(trailQueries(trail, filter))) yield items.map(toEvent);
}
