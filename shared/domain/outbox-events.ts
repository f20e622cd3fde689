import type { ActorRef } from './actor.ts';
import type { WebhookEvent } from './webhooks.ts';

/**
 * The catalogue of what a state change can send: one type per webhook event of API.md, and the
 * emails. `commitChange` (shared/outbox/commit.ts) takes only these, so a payload missing a field does not
 * compile. Adding an event is: its type here, its name in WEBHOOK_EVENTS (webhooks.ts),
 * its test.
 */
type Via = { via?: { resellerId: string } };
type RolesRef = { roles: string[]; expiresAt: string };

export interface WebhookEventData {
  'consent.accepted': Via & {
    tenantId: string;
    partnerId: string;
    requestId?: string;
    linkId?: string;
    relationship: { status: 'active'; grantedAt: string; delegatedAdmin?: RolesRef };
    actor: ActorRef;
  };
  'consent.declined': { tenantId: string; partnerId: string; requestId: string; actor: ActorRef };
  'consent.expired': { requestId: string; partnerId: string; recipientEmail: string; expiresAt: string; tenantId?: string; actor: ActorRef };
  'relationship.terminated': Via & { tenantId: string; partnerId: string; status: 'terminated'; at: string; actor: ActorRef };
  'relationship.revoked': Via & { tenantId: string; partnerId: string; status: 'revoked'; at: string; reason: string; actor: ActorRef };
  'delegated_admin.removed': { tenantId: string; partnerId: string; delegatedAdmin: { roles: string[]; removedAt: string }; actor: ActorRef };
  /** `daysLeft`: the whole days truly left when the notice is sent (API.md). */
  'delegated_admin.expiring': { tenantId: string; partnerId: string; delegatedAdmin: RolesRef; daysLeft: number; actor: ActorRef };
  'delegated_admin.expired': { tenantId: string; partnerId: string; delegatedAdmin: RolesRef; actor: ActorRef };
  /** One per write: a synchronous submission's group of devices, or a batch's chunk. */
  'devices.registered': DeviceChange;
  'devices.deregistered': DeviceChange;
  'device_batch.finished': {
    batchId: string;
    tenantId: string;
    partnerId: string;
    action: 'register' | 'deregister';
    status: 'finished' | 'finished_with_errors';
    summary: { received: number; processed: number; succeeded: number; failed: number };
    actor: ActorRef;
  };
}

type DeviceChange = { tenantId: string; partnerId: string; deviceIds: string[]; channel: 'api' | 'csv'; batchId?: string; actor: ActorRef };

// Every subscribable event has its payload type, and nothing else does.
type Missing = Exclude<WebhookEvent, keyof WebhookEventData>;
type Extra = Exclude<keyof WebhookEventData, WebhookEvent>;
export const CATALOGUE_IS_COMPLETE: [Missing, Extra] extends [never, never] ? true : { missing: Missing; extra: Extra } = true;

/** A webhook event for one partner. */
export type WebhookMessage = { [K in WebhookEvent]: { channel: 'webhook'; partnerId: string; type: K; data: WebhookEventData[K] } }[WebhookEvent];

/** The emails: a request's consent email or its reminder (state kept on the request), and a sign-in link. */
export type EmailMessage =
  | { channel: 'email'; email: 'consent' | 'reminder'; requestId: string }
  | { channel: 'email'; email: 'signin'; to: string; next?: string };

/** A batch task: up to 1000 devices of a submitted batch for a worker (shared/devices/batches.ts). */
export interface BatchTaskMessage {
  channel: 'batch';
  batchId: string;
  taskNo: number;
  parts: { partId: string; baseIndex: number; count: number; channel: 'api' | 'csv' }[];
}

export type OutboxMessage = WebhookMessage | EmailMessage | BatchTaskMessage;

/** A webhook event of type `type` for `partnerId`, its data checked against the catalogue. */
export const webhookEvent = <K extends WebhookEvent>(type: K, partnerId: string, data: WebhookEventData[K]): WebhookMessage =>
  ({ channel: 'webhook', type, partnerId, data }) as WebhookMessage;

export const consentEmail = (requestId: string, which: 'consent' | 'reminder' = 'consent'): EmailMessage => ({ channel: 'email', email: which, requestId });

export const signInEmail = (to: string, next?: string): EmailMessage => ({ channel: 'email', email: 'signin', to, ...(next ? { next } : {}) });
