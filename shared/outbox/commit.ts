import { nowIso } from '#shared/domain/ids.ts';
import { sha256 } from '#shared/domain/tokens.ts';
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
  return transact(changeWrites(change));
}

/**
 * The items of a change as commitChange writes them (its writes, audit items, outbox items), for
 * the one write that carries them with something else: a batch task's record, written with the
 * task's own state by the outbox's state machine (shared/workers/work-batch-task.ts).
 */
export function changeWrites(change: Change): Write[] {
  const at = change.at ?? nowIso();
  return [
    ...change.writes,
    ...[change.audit].flat().map((audit) => auditItem({ at, ...audit })),
    ...(change.outbox ?? []).map((message) => outboxItem(message, at, currentCorrelationId())),
  ];
}

/** A refused attempt (R29): who tried what on which tenant, and why it was refused. */
export type RefusedAttempt = Omit<AuditInput, 'outcome' | 'at'> & {
  tenantId: string;
  /** Why it was refused (a stable code: `not_global_admin`, `not_cloud_native`, `partner_blocked`...). */
  reason: string;
  /**
   * The same attempt told again (a page reloaded) is recorded once a day: attempts with the same
   * key on the same day are one event. @default the actor, action, tenant, partner, subject, reason and details
   */
  onceADayKey?: string;
};

/**
 * R29: records an attempt that was refused and matters to the customer (an acceptance by a
 * non-admin or by an admin of another tenant, an OEM refused to a non-cloud-native admin, a hold by
 * a blocked partner) as an audit event with `outcome: refused`, on the tenant's trail (and on the
 * partner's only when the partner itself tried: `onPartnerTrail`). A write on its own: nothing else
 * changes, and a repeat of the same attempt the same day is the same event (its id is derived from
 * the attempt, and audit items are written only once).
 */
export async function recordRefusedAttempt(attempt: RefusedAttempt): Promise<void> {
  const at = nowIso();
  const { reason, onceADayKey, ...audit } = attempt;
  const key = onceADayKey ?? [audit.actor.type, audit.actor.id, audit.action, audit.tenantId, audit.partnerId ?? '', audit.subject ?? '', reason, JSON.stringify(audit.details ?? {})].join('\n');
  const id = `ev_${sha256(`${at.slice(0, 10)}\n${key}`).slice(0, 24)}`;
  // Refused again the same day: the event is already there (the write's condition fails), nothing to do.
  await transact([auditItem({ ...audit, at, outcome: 'refused', details: { ...audit.details, reason } }, id)]);
}
