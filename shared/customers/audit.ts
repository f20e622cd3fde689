import { stringify } from 'csv-stringify/sync';
import { auditRange, toAuditEvent, toPartnerAuditEvent, type AuditActorType, type AuditAction, type AuditEvent, type AuditFilter } from '#shared/domain/audit.ts';
import { nowIso } from '#shared/domain/ids.ts';
import { publishDownload, type PublishedDownload } from '#shared/files/downloads.ts';
import { everyTrailEvent, queryTrail } from '#shared/table/audit.ts';
import type { Page } from '#shared/table/page.ts';
import { inertCell } from './devices.ts';

/**
 * The audit trail as its readers see it (R29): a tenant's (its global admins in the portal, its
 * keys with `audit:read`) and a partner's own (`GET /v1/audit`), newest first, filtered by time,
 * actor type, partner (or tenant) and action, in API.md's `auditEvent` shape.
 */

/** The filters as a query names them (API.md: `from`, `to`, `actorType`, `partnerId`, `action`; a partner's `tenantId`). */
export interface AuditQueryValues {
  from?: string;
  to?: string;
  actorType?: AuditActorType;
  partnerId?: string;
  tenantId?: string;
  action?: AuditAction;
}

/** The filter of a query: its time range resolved (and checked: 400 naming the parameter), the rest as given. */
export function auditFilterOf(query: AuditQueryValues, now = nowIso()): AuditFilter {
  return {
    ...auditRange(query, now),
    ...(query.actorType ? { actorType: query.actorType } : {}),
    ...(query.partnerId ? { partnerId: query.partnerId } : {}),
    ...(query.tenantId ? { tenantId: query.tenantId } : {}),
    ...(query.action ? { action: query.action } : {}),
  };
}

/**
 * A cursor works only for the list it came from: the trail and the filters as asked (not the
 * resolved range: a default `to` is "now", which moves between pages).
 */
const scopeOf = (trail: string, query: AuditQueryValues) =>
  `audit:${trail}:${query.from ?? ''}:${query.to ?? ''}:${query.actorType ?? ''}:${query.partnerId ?? ''}:${query.tenantId ?? ''}:${query.action ?? ''}`;

/** R29: one page of the tenant's trail; never another tenant's events (R19: the tenant is the caller's own). */
export async function tenantAuditPage(tenantId: string, query: AuditQueryValues, page: { limit: number; cursor?: string }): Promise<Page<AuditEvent>> {
  const { tenantId: _ignored, ...own } = query;
  const found = await queryTrail({ tenantId }, auditFilterOf(own), { ...page, scope: scopeOf(`tenant:${tenantId}`, own) });
  return { items: found.items.map(toAuditEvent), nextCursor: found.nextCursor };
}

/** R29: one page of a partner's own trail (its actions and the changes on it), optionally for one tenant. */
export async function partnerAuditPage(partnerId: string, query: AuditQueryValues, page: { limit: number; cursor?: string }): Promise<Page<AuditEvent>> {
  const { partnerId: _ignored, ...own } = query;
  const found = await queryTrail({ partnerId }, auditFilterOf(own), { ...page, scope: scopeOf(`partner:${partnerId}`, own) });
  return { items: found.items.map((event) => toPartnerAuditEvent(event, partnerId)), nextCursor: found.nextCursor };
}

export const AUDIT_COLUMNS = [
  'Event ID',
  'Time',
  'Action',
  'Category',
  'Outcome',
  'Actor type',
  'Actor ID',
  'Actor name',
  'Subject type',
  'Subject ID',
  'Subject name',
  'Partner ID',
  'Details',
] as const;

/** One event as a CSV row: every text a person or a partner chose (names, details) is formula-inert (`inertCell`). */
export const auditCsvRow = (e: AuditEvent): string[] => [
  e.id,
  e.at,
  e.action,
  e.category,
  e.outcome,
  e.actor.type,
  inertCell(e.actor.id ?? ''),
  inertCell(e.actor.name ?? ''),
  e.subject.type,
  inertCell(e.subject.id),
  inertCell(e.subject.name ?? ''),
  e.partnerId ?? '',
  inertCell(e.details ? JSON.stringify(e.details) : ''),
];

/**
 * R29: the tenant's trail the filters select as one CSV file, through the large-download mechanism
 * (shared/files/downloads.ts, as the device export): written as it is read, a DynamoDB page at a
 * time, and answered as a presigned URL.
 */
export function exportTenantAudit(tenantId: string, query: AuditQueryValues): Promise<PublishedDownload> {
  const { tenantId: _ignored, ...own } = query;
  const filter = auditFilterOf(own);
  async function* lines(): AsyncIterable<string> {
    yield stringify([[...AUDIT_COLUMNS]]);
    for await (const events of everyTrailEvent({ tenantId }, filter)) {
      if (events.length > 0) yield stringify(events.map((event) => auditCsvRow(toAuditEvent(event))));
    }
  }
  return publishDownload({ owner: `tenant-${tenantId}`, filename: `audit-${tenantId}.csv`, contentType: 'text/csv; charset=utf-8', lines: lines() });
}
