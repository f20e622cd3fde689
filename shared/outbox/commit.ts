import { nowIso } from '#shared/domain/ids.ts';
import { currentCorrelationId } from '#shared/observability/correlation.ts';
import type { OutboxMessage } from '#shared/domain/outbox-events.ts';
import { auditItem, type AuditInput } from '#shared/table/audit.ts';
import { outboxItem } from '#shared/table/outbox.ts';
import { transact, type TransactOutcome, type Write } from '#shared/table/transact.ts';

/** A state change: its conditional writes, its audit event(s) (R18), and what it sends. */
export interface Change {
  writes: Write[];
  audit: AuditInput | AuditInput[];
  /** Emails and webhook events, typed by the catalogue (shared/domain/outbox-events.ts). */
  outbox?: OutboxMessage[];
  /** When it happens (the audit's and the events' time). @default now */
  at?: string;
}

/**
 * The one way a state change is committed: the writes, the audit event and the outbox items of
 * its events in one transaction, so a change is never without its audit or its messages, and a
 * message is never sent for a change that did not happen. The messages leave afterwards through
 * the table's stream (shared/outbox/stream-consumer.ts), never on the caller's time. Conditions
 * that did not hold come back as an outcome naming them (`ifConditionFails` of each write). Each
 * outbox item carries the correlation id of the work in progress (the HTTP request id), so the
 * sends it causes log under the same id.
 */
export function commitChange(change: Change): Promise<TransactOutcome> {
  const at = change.at ?? nowIso();
  return transact([
    ...change.writes,
    ...[change.audit].flat().map((audit) => auditItem({ at, ...audit })),
    ...(change.outbox ?? []).map((message) => outboxItem(message, at, currentCorrelationId())),
  ]);
}
