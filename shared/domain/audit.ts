import { validationFailed } from './errors.ts';
import { publicActor, type Actor, type PublicActor } from './actor.ts';

/**
 * The audit trail (R18, R29): what is stored of a change, and how a tenant (or a partner) reads it.
 * Stored events keep the shape they were written in; `toAuditEvent` is the one mapping to API.md's
 * `auditEvent`, with its category and subject type from the action (`AUDIT_ACTIONS`).
 */

/** An audit event as stored (shared/table/audit.ts writes it in the change's own transaction). */
export interface StoredAuditEvent {
  id: string;
  at: string;
  action: string;
  actor: Actor;
  tenantId?: string;
  partnerId?: string;
  /** The id of what changed, when the action's subject is not the tenant or the partner itself. */
  subject?: string;
  /** The subject's name as it was (a partner's, a key's), stored on events since R29. */
  subjectName?: string;
  /** Absent on a change that happened; `refused` on an attempt that was refused (R29), which changed nothing. */
  outcome?: 'refused';
  details?: Record<string, unknown>;
}

/** How long the table keeps an audit event (R29: at least 400 days); the archive keeps it for years. */
export const AUDIT_RETENTION_DAYS = 400;
/** The longest time range one read of the trail may ask for. */
export const AUDIT_MAX_RANGE_DAYS = 400;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The TTL (epoch seconds) of an event written at `at`: cleanup only, reads never rely on it. */
export const auditExpiry = (at: string): number => Math.floor(Date.parse(at) / 1000) + AUDIT_RETENTION_DAYS * 24 * 60 * 60;

export type AuditCategory = 'tenant' | 'consent' | 'relationship' | 'delegated_admin' | 'devices' | 'device_batch' | 'device_claim' | 'api_keys' | 'partner' | 'webhooks' | 'email';

/**
 * What the subject of an action is, and where its id is: `subject` (the event's subject id),
 * `partner` (the partner the event is about: a relationship is the tenant's with that partner),
 * `tenant`, or a field of `details`.
 */
type SubjectSource = 'subject' | 'partner' | 'tenant' | `details.${string}`;
interface ActionInfo {
  category: AuditCategory;
  subjectType: string;
  subjectFrom: SubjectSource;
}

/**
 * Every action the service audits, with its category, its subject's type and where the subject's
 * id is (`[category, subjectType, subjectFrom]`): the one table the trail's mapping and its
 * `action` filter read (plain literals, so a function that only writes audit items bundles none
 * of it). An action missing here is refused as a filter (400) and read as its prefix (`x.y` is
 * category `x`, subject `x`), so an event is never lost from a page.
 */
export const AUDIT_ACTIONS = {
  'tenant.created': ['tenant', 'tenant', 'tenant'],
  'tenant.registered': ['tenant', 'tenant', 'tenant'],
  'tenant.sign_in_changed': ['tenant', 'tenant', 'tenant'],
  'tenant.domain_proof_started': ['tenant', 'domain', 'details.domain'],
  'tenant.domain_proof_ended': ['tenant', 'domain', 'details.domain'],
  'tenant.domain_verified': ['tenant', 'domain', 'details.domain'],
  'user.created': ['tenant', 'user', 'subject'],
  'customer_api_key.created': ['api_keys', 'customer_api_key', 'subject'],
  'customer_api_key.revoked': ['api_keys', 'customer_api_key', 'subject'],
  'consent.requested': ['consent', 'consent_request', 'subject'],
  'consent.reminder_queued': ['consent', 'consent_request', 'subject'],
  'consent.accepted': ['consent', 'relationship', 'partner'],
  'consent.declined': ['consent', 'consent_request', 'subject'],
  'consent.cancelled': ['consent', 'consent_request', 'subject'],
  'consent.expired': ['consent', 'consent_request', 'subject'],
  'consent_link.created': ['consent', 'consent_link', 'details.linkId'],
  'relationship.terminated': ['relationship', 'relationship', 'partner'],
  'relationship.revoked': ['relationship', 'relationship', 'partner'],
  'removal_request.filed': ['relationship', 'removal_request', 'partner'],
  'removal_request.closed': ['relationship', 'removal_request', 'partner'],
  'delegated_admin.removed': ['delegated_admin', 'relationship', 'partner'],
  'delegated_admin.expiring': ['delegated_admin', 'relationship', 'partner'],
  'delegated_admin.expired': ['delegated_admin', 'relationship', 'partner'],
  'delegated_admin.extended': ['delegated_admin', 'relationship', 'partner'],
  'delegated_admin.roles_changed': ['delegated_admin', 'relationship', 'partner'],
  'delegated_admin.auto_extend_disabled': ['delegated_admin', 'relationship', 'partner'],
  'relationship.approval_policy_changed': ['relationship', 'relationship', 'partner'],
  'held_batches.partner_blocked': ['device_batch', 'partner', 'partner'],
  'held_batches.partner_unblocked': ['device_batch', 'partner', 'partner'],
  'device.registered': ['devices', 'device', 'subject'],
  'device.deregistered': ['devices', 'device', 'subject'],
  'device.released': ['devices', 'device', 'subject'],
  'device_batch.created': ['device_batch', 'device_batch', 'subject'],
  'device_upload.created': ['device_batch', 'device_upload', 'subject'],
  'device_upload.received': ['device_batch', 'device_upload', 'subject'],
  'device_batch.devices_added': ['device_batch', 'device_batch', 'subject'],
  'device_batch.submitted': ['device_batch', 'device_batch', 'subject'],
  'device_batch.planned': ['device_batch', 'device_batch', 'subject'],
  'device_batch.finished': ['device_batch', 'device_batch', 'subject'],
  'device_batch.awaiting_approval': ['device_batch', 'device_batch', 'subject'],
  'device_batch.approved': ['device_batch', 'device_batch', 'subject'],
  'device_batch.rejected': ['device_batch', 'device_batch', 'subject'],
  'device_batch.expired': ['device_batch', 'device_batch', 'subject'],
  'device_claim.opened': ['device_claim', 'device_claim', 'subject'],
  'device_claim.updated': ['device_claim', 'device_claim', 'subject'],
  'device_claim.closed': ['device_claim', 'device_claim', 'subject'],
  'device_claim.released': ['device_claim', 'device_claim', 'subject'],
  'device_claim.contested': ['device_claim', 'device_claim', 'subject'],
  'device_claim.granted': ['device_claim', 'device_claim', 'subject'],
  'device_claim.denied': ['device_claim', 'device_claim', 'subject'],
  'device_claim.withdrawn': ['device_claim', 'device_claim', 'subject'],
  'device_claim.deadline_passed': ['device_claim', 'device_claim', 'subject'],
  'partner.created': ['partner', 'partner', 'partner'],
  'partner.updated': ['partner', 'partner', 'partner'],
  'partner_user.created': ['partner', 'partner_user', 'subject'],
  'partner_user.role_changed': ['partner', 'partner_user', 'subject'],
  'partner_user.removed': ['partner', 'partner_user', 'subject'],
  'partner_user.signed_in': ['partner', 'partner_user', 'subject'],
  'api_key.created': ['partner', 'api_key', 'details.keyId'],
  'api_key.revoked': ['partner', 'api_key', 'details.keyId'],
  'webhook.configured': ['webhooks', 'webhook', 'partner'],
  'webhook.secret_rotated': ['webhooks', 'webhook', 'partner'],
  'webhook.redelivered': ['webhooks', 'webhook_delivery', 'subject'],
  'email.suppressed': ['email', 'email_address', 'subject'],
  'email.suppression_lifted': ['email', 'email_address', 'subject'],
} as const satisfies Record<string, readonly [AuditCategory, string, SubjectSource]>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
export const AUDIT_ACTION_NAMES = /* @__PURE__ */ Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]];
export const isAuditAction = (action: string): action is AuditAction => Object.hasOwn(AUDIT_ACTIONS, action);

/** The action's category and subject; an action outside the table by its prefix. */
export function actionInfo(action: string): ActionInfo {
  if (isAuditAction(action)) {
    const [category, subjectType, subjectFrom] = AUDIT_ACTIONS[action];
    return { category, subjectType, subjectFrom };
  }
  const prefix = action.split('.')[0] || 'other';
  return { category: prefix as AuditCategory, subjectType: prefix, subjectFrom: 'subject' };
}

/** API.md's actor types, and the stored actor type each one reads (the filter `actorType`). */
export const AUDIT_ACTOR_TYPES = ['customer_user', 'customer_key', 'partner_key', 'partner_user', 'operator', 'system'] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];
export const STORED_ACTOR_TYPE: Record<AuditActorType, Actor['type']> = {
  customer_user: 'user',
  customer_key: 'customer_key',
  partner_key: 'partner',
  partner_user: 'partner_user',
  operator: 'operator',
  system: 'system',
};

/** API.md's `auditEvent` (R29). */
export interface AuditEvent {
  id: string;
  at: string;
  action: string;
  category: string;
  actor: PublicActor & { signIn?: 'email' | 'organization' };
  subject: { type: string; id: string; name?: string };
  outcome: 'succeeded' | 'refused';
  /** Always on a tenant's trail; absent on a partner's events that concern no tenant (its keys, its webhook). */
  tenantId?: string;
  partnerId?: string;
  details?: Record<string, unknown>;
}

const detail = (event: StoredAuditEvent, field: string): string | undefined => {
  const value = event.details?.[field];
  return typeof value === 'string' ? value : undefined;
};

/** The subject of an event: from the action's table row; several devices are one subject (`devices`, named by their count). */
function subjectOf(event: StoredAuditEvent, from: ActionInfo): AuditEvent['subject'] {
  const name = event.subjectName ? { name: event.subjectName } : {};
  const deviceIds = event.details?.deviceIds;
  if (from.subjectType === 'device' && Array.isArray(deviceIds) && deviceIds.length > 1) {
    return { type: 'devices', id: detail(event, 'batchId') ?? String(deviceIds[0]), name: `${deviceIds.length} devices` };
  }
  const source = from.subjectFrom;
  const id =
    source === 'subject'
      ? event.subject
      : source === 'partner'
        ? event.partnerId
        : source === 'tenant'
          ? event.tenantId
          : detail(event, source.slice('details.'.length));
  return { type: from.subjectType, id: id ?? event.subject ?? event.partnerId ?? event.tenantId ?? event.id, ...name };
}

/**
 * Who did it, as API.md names actors: a partner by the key it called with (never its secret: the
 * stored key id), a user of the tenant by their sign-in (events from before R29 by the email their
 * details name), a customer key, an operator, the service.
 */
function actorOf(event: StoredAuditEvent): AuditEvent['actor'] {
  const stored = event.actor;
  const name = stored.name ?? (stored.type === 'user' ? (detail(event, 'acceptedBy') ?? detail(event, 'declinedBy')) : undefined);
  const actor: AuditEvent['actor'] = publicActor(stored, name);
  return (stored.type === 'user' || stored.type === 'partner_user') && stored.signIn ? { ...actor, signIn: stored.signIn } : actor;
}

/** The one mapping of a stored event to API.md's `auditEvent` (R29). */
export function toAuditEvent(event: StoredAuditEvent): AuditEvent {
  const from = actionInfo(event.action);
  return {
    id: event.id,
    at: event.at,
    action: event.action,
    category: from.category,
    actor: actorOf(event),
    subject: subjectOf(event, from),
    outcome: event.outcome ?? 'succeeded',
    ...(event.tenantId ? { tenantId: event.tenantId } : {}),
    ...(event.partnerId ? { partnerId: event.partnerId } : {}),
    ...(event.details ? { details: event.details } : {}),
  };
}

/**
 * An event as a partner reads it on `GET /v1/audit` (its own actions and the changes on it): the
 * actions of others name their actor by type and id only (as webhooks do), without people's names
 * or the details the tenant keeps for itself.
 */
export function toPartnerAuditEvent(event: StoredAuditEvent, partnerId: string): AuditEvent {
  const mapped = toAuditEvent(event);
  // The partner's own: by its keys, or by its people in the partner portal (R32).
  if ((event.actor.type === 'partner' && event.actor.id === partnerId) || (event.actor.type === 'partner_user' && event.actor.partnerId === partnerId)) return mapped;
  const { details: _details, ...rest } = mapped;
  const actor: AuditEvent['actor'] = { type: mapped.actor.type, ...(mapped.actor.id && mapped.actor.type !== 'customer_user' ? { id: mapped.actor.id } : {}) };
  return { ...rest, actor };
}

/**
 * Whether an event is on its partner's trail (the partner index): every change on the partner, but
 * of refused attempts only the partner's own (a tenant's user refused an acceptance is the tenant's
 * business: the partner never learns who looked at its link).
 */
export const onPartnerTrail = (event: Pick<StoredAuditEvent, 'outcome' | 'actor' | 'partnerId'>): boolean =>
  event.partnerId !== undefined && (event.outcome !== 'refused' || ((event.actor.type === 'partner' && event.actor.id === event.partnerId) || (event.actor.type === 'partner_user' && event.actor.partnerId === event.partnerId)));

/** A read of the trail: the time range (both ends included) and the filters (R29). */
export interface AuditFilter {
  from: string;
  to: string;
  actorType?: AuditActorType;
  partnerId?: string;
  tenantId?: string;
  action?: AuditAction;
}

const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/**
 * The time range of a read, as instants: `from` defaults to `AUDIT_MAX_RANGE_DAYS` before `to`,
 * `to` to now; a date is its whole day (`from` its start, `to` its end). A range that ends before
 * it starts, or spans more than 400 days, is refused naming the parameter (R29's bad input).
 */
export function auditRange(query: { from?: string; to?: string }, now: string): { from: string; to: string } {
  const to = query.to === undefined ? now : isDate(query.to) ? `${query.to}T23:59:59.999Z` : new Date(query.to).toISOString();
  const from = query.from === undefined ? new Date(Date.parse(to) - AUDIT_MAX_RANGE_DAYS * DAY_MS).toISOString() : new Date(query.from).toISOString();
  if (from > to) throw validationFailed([{ path: 'to', message: `must not be before from (${from})` }], 'Query is invalid');
  if (Date.parse(to) - Date.parse(from) > AUDIT_MAX_RANGE_DAYS * DAY_MS) {
    throw validationFailed([{ path: 'from', message: `the range from from to to spans at most ${AUDIT_MAX_RANGE_DAYS} days` }], 'Query is invalid');
  }
  return { from, to };
}
