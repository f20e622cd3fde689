import type { DelegatedAdminRole } from './directory.ts';
import type { ApprovalReason } from './held-batches.ts';
import type { WebhookEventData, WebhookPayload } from './webhook-catalogue.ts';
import type { WebhookEvent } from './webhooks.ts';

/**
 * What a state change can send: webhook events, emails and batch tasks. `commitChange`
 * (shared/outbox/commit.ts) takes only these. A webhook event's payload is typed by the webhook
 * catalogue (webhook-catalogue.ts: one schema per event, which also checks what is sent in the tests
 * and writes the OpenAPI document's `webhooks` section), so a payload missing a field does not
 * compile. Only its types are imported here: the functions never bundle the schemas.
 */
export type { WebhookEventData, WebhookPayload };

// Every subscribable event has its payload type, and nothing else does.
type Missing = Exclude<WebhookEvent, keyof WebhookEventData>;
type Extra = Exclude<keyof WebhookEventData, WebhookEvent>;
export const CATALOGUE_IS_COMPLETE: [Missing, Extra] extends [never, never] ? true : { missing: Missing; extra: Extra } = true;

/** A webhook event for one partner. */
export type WebhookMessage = { [K in WebhookEvent]: { channel: 'webhook'; partnerId: string; type: K; data: WebhookEventData[K] } }[WebhookEvent];

/**
 * A notice emailed to one of a tenant's global admins, one outbox item per admin (so a retry
 * resends only to the admin it failed for): what it says is kept on its outbox item and rendered
 * when sent (shared/mail/notice-email.ts). S7: delegated admin roles end soon. R27, R28: a
 * partner's batch waits for the admins' approval (`held_batch`, linking to its page). R26: a claim
 * on the tenant's devices (`device_claim`, linking to the claim's page).
 */
export type AdminNotice =
  | {
      kind: 'delegated_admin_expiring';
      tenantId: string;
      partnerId: string;
      roles: DelegatedAdminRole[];
      expiresAt: string;
      daysLeft: number;
      autoExtend: boolean;
    }
  | {
      kind: 'held_batch';
      tenantId: string;
      partnerId: string;
      batchId: string;
      /** Why it waits: the partner has no consent (R27), or the tenant's approval policy holds it (R28). */
      reason: ApprovalReason;
      /** Its devices. */
      count: number;
      /** The partner's reference. */
      reference?: string;
      /** S5: when it expires if nobody decides. */
      until: string;
    }
  | {
      /** R26: a claim on the tenant's devices, to answer by its deadline (S6). Never the claimant tenant (R19). */
      kind: 'device_claim';
      tenantId: string;
      claimId: string;
      /** The claimant partner's name, or that the devices' holder claims them (a tenant's own claim). */
      claimant: string;
      /** The tenant's devices in the claim. */
      count: number;
      reference: string;
      purchaseDate?: string;
      note?: string;
      deadline: string;
    };

/** The emails: a request's consent email or its reminder (state kept on the request), a sign-in link, and a notice to an admin (S7, and a held batch's, R27). */
export type EmailMessage =
  | { channel: 'email'; email: 'consent' | 'reminder'; requestId: string }
  | { channel: 'email'; email: 'signin'; to: string; next?: string }
  /** R32: a partner portal sign-in link: asked for on its sign-in page (any partner the address is a person of), or an invitation (that partner's). */
  | { channel: 'email'; email: 'partner-signin'; to: string; next?: string; partnerId?: string; invited?: true }
  | { channel: 'email'; email: 'notice'; to: string; notice: AdminNotice };

/** A batch task: up to 1000 devices of a submitted batch for a worker (shared/devices/batches.ts). */
export interface BatchTaskMessage {
  channel: 'batch';
  batchId: string;
  taskNo: number;
  parts: { partId: string; baseIndex: number; count: number; channel: 'api' | 'csv' }[];
}

/**
 * A webhook delivery sent again at the partner's request (S4): the same event (its stored payload,
 * as first signed) with the same Standard Webhooks `webhook-id` (`messageId`), so a receiver that
 * had it already can tell, as the specification asks of a resend.
 */
export interface WebhookRedeliveryMessage {
  channel: 'redelivery';
  /** The new delivery's id, chosen by the change that makes it (it marks the delivery it sends again). */
  id: string;
  partnerId: string;
  /** The delivery this one sends again. */
  deliveryId: string;
  /** The `webhook-id` every delivery of this event carries. */
  messageId: string;
  type: WebhookEvent;
  payload: string;
  /** Where it goes (the webhook as it is now; each attempt goes where the webhook then is). */
  url: string;
}


/** R32: a device file uploaded on the partner portal, to import (shared/workers/import-upload.ts). */
export interface UploadImportMessage {
  channel: 'upload';
  uploadId: string;
}

export type OutboxMessage = WebhookMessage | WebhookRedeliveryMessage | EmailMessage | BatchTaskMessage | UploadImportMessage;

/** A webhook event of type `type` for `partnerId`, its data checked against the catalogue. */
export const webhookEvent = <K extends WebhookEvent>(type: K, partnerId: string, data: WebhookEventData[K]): WebhookMessage =>
  ({ channel: 'webhook', type, partnerId, data }) as WebhookMessage;

export const consentEmail = (requestId: string, which: 'consent' | 'reminder' = 'consent'): EmailMessage => ({ channel: 'email', email: which, requestId });

export const signInEmail = (to: string, next?: string): EmailMessage => ({ channel: 'email', email: 'signin', to, ...(next ? { next } : {}) });

/** R32: a partner portal sign-in link for `to` (asked for on its page: `next`); with `partnerId`, the invitation of that partner's new person. */
export const partnerSignInEmail = (to: string, options: { next?: string; partnerId?: string } = {}): EmailMessage => ({
  channel: 'email',
  email: 'partner-signin',
  to,
  ...options,
  ...(options.partnerId ? { invited: true } : {}),
});

export const noticeEmail = (to: string, notice: AdminNotice): EmailMessage => ({ channel: 'email', email: 'notice', to, notice });

/**
 * The body a webhook event is delivered with (`{type, timestamp, data}`, Standard Webhooks' payload),
 * `at` being the time of the change that raised it: what the outbox stores and signs.
 */
export const webhookPayload = (message: WebhookMessage, at: string): WebhookPayload => ({ type: message.type, timestamp: at, data: message.data }) as WebhookPayload;
