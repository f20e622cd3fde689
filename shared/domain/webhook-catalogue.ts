import { z } from 'zod';
import type { Actor } from './actor.ts';
import { DELEGATED_ADMIN_ROLES } from './directory.ts';
import { CLAIM_DEVICE_STATUSES, CLAIM_STATUSES } from './device-claims.ts';
import { WEBHOOK_EVENTS, type WebhookEvent } from './webhooks.ts';

/**
 * The catalogue of webhook events (API.md "Webhooks"): for each event, the schema of its `data`,
 * what raises it, and an example. Everything about what a partner receives comes from here:
 *
 * - the payload types `webhookEvent(...)` and `commitChange` take (`WebhookEventData`, re-exported
 *   by outbox-events.ts), so a payload missing a field does not compile;
 * - the check of what is sent (`checkWebhookPayload`), which the tests run on every delivery;
 * - the OpenAPI document's `webhooks` section (shared/http/openapi.ts), from which partners generate
 *   payload types.
 *
 * Classic zod, like the response schemas: only the build and the tests run these schemas. The
 * functions import their types alone (erased when bundled), because the stream consumer and the
 * scheduled check, which raise events, bundle no zod at all and sit near their size budget.
 *
 * Adding an event: its name in `WEBHOOK_EVENTS` (webhooks.ts), then its entry in `EVENTS` and in
 * `EXAMPLES` below, which the compiler asks for.
 */

const Timestamp = z.iso.datetime().meta({ example: '2026-11-24T10:00:00.000Z' });

/**
 * Who did it, as webhooks name an actor: never its source address (`actorRef`). `satisfies` refuses
 * a type `Actor` lacks; a type this list lacked would make every payload built with `actorRef(...)`
 * fail to compile.
 */
const ACTOR_TYPES = ['operator', 'partner', 'partner_user', 'user', 'customer_key', 'system'] as const satisfies readonly Actor['type'][];
const EventActor = z
  .strictObject({
    type: z.enum(ACTOR_TYPES).meta({ description: '`user`: a customer user; `customer_key`: a customer API key of the tenant (R25); `partner`: the partner (its API calls, and the devices its batches register); `partner_user`: a person of the partner in the partner portal (R32); `operator`; `system`: the service itself' }),
    id: z.string().meta({ description: 'The user id, the customer key id, the partner id, the partner person\'s id, `operator`, or what part of the service acted (`consent-status-check`, `device-batch`)' }),
  })
  .meta({ id: 'eventActor', description: 'Who made the change: a customer user, the partner, an operator, or the service itself (`system`)', example: { type: 'user', id: 'u_01JD3' } });

const TenantId = z.string().meta({ description: "The customer's tenant", example: 't_01JD3' });
const PartnerId = z.string().meta({ description: 'The partner the relationship or request is with (this event\'s receiver, or its reseller when `via` is present)', example: 'p_01JD3' });
const Roles = z.array(z.enum(DELEGATED_ADMIN_ROLES)).min(1);
const GrantedRoles = z.strictObject({ roles: Roles, expiresAt: Timestamp.meta({ description: 'When the roles end (R13)' }) });
const Via = z
  .strictObject({ resellerId: z.string() })
  .optional()
  .meta({ description: "Present when the receiver is an indirect provider hearing of its reseller's relationship (R7): the reseller" });
const DeviceChange = z.strictObject({
  tenantId: TenantId,
  partnerId: PartnerId,
  deviceIds: z.array(z.string()).min(1).meta({ description: 'The devices of this write: a group of a submission, or of a batch task' }),
  channel: z.enum(['api', 'csv']).meta({ description: 'How the partner sent them (R14)' }),
  batchId: z.string().optional().meta({ description: 'The device batch, when a batch did it' }),
  actor: EventActor,
});

const HeldBatch = z.strictObject({
  batchId: z.string(),
  tenantId: TenantId,
  partnerId: PartnerId,
  reference: z.string().optional().meta({ description: "The partner's reference given when the batch was created" }),
  reason: z.enum(['not_authorized', 'approval_policy']).meta({ description: "Why it waits for approval: `not_authorized`, the partner asked to hold it for a tenant that has not consented (R27); `approval_policy`, the customer's approval policy for this partner holds it (R28)" }),
  actor: EventActor,
});
const BatchCount = z.strictObject({ received: z.number().int().meta({ description: 'The devices in the batch' }) });
const ClaimSummary = z
  .strictObject({ claimed: z.number().int(), released: z.number().int(), contested: z.number().int(), uncontested: z.number().int(), granted: z.number().int(), denied: z.number().int(), withdrawn: z.number().int() })
  .meta({ description: 'How many devices were claimed, and how many are in each state but `open`' });
const ClaimStatusSchema = z.enum(CLAIM_STATUSES);
const ClaimDeviceStatusSchema = z.enum(CLAIM_DEVICE_STATUSES);

/** Each event's `data`: its fields, and what makes the service send it. */
const EVENTS = {
  'consent.accepted': {
    description:
      "A customer's global admin accepted consent, through a consent request or the partner's consent link: the relationship is active at once (R2). An indirect reseller's provider receives it too, with `via` and without the reseller's roles (R7).",
    data: z
      .strictObject({
        tenantId: TenantId,
        partnerId: PartnerId,
        requestId: z.string().optional().meta({ description: 'The consent request accepted (absent when accepted through the consent link or a held batch)' }),
        linkId: z.string().optional().meta({ description: 'The consent link accepted through (absent when a request was accepted, or a held batch)' }),
        batchId: z.string().optional().meta({ description: 'The held batch whose approval was also the acceptance (R27; absent otherwise)' }),
        relationship: z.strictObject({
          status: z.literal('active'),
          grantedAt: Timestamp,
          delegatedAdmin: GrantedRoles.extend({ autoExtend: z.boolean().meta({ description: 'R31: extended by 180 days at each end until the customer turns it off' }) })
            .optional()
            .meta({ description: 'The delegated admin roles granted (never sent to a provider through its reseller)' }),
        }),
        via: Via,
        actor: EventActor,
      })
      .refine((data) => [data.requestId, data.linkId, data.batchId].filter((v) => v !== undefined).length === 1, { message: 'names one of its consent request, its consent link or its held batch', path: ['requestId'] })
      // The refinement, for the document too (zod-openapi's `override`; JSON Schema has no refinements).
      .meta({ override: ({ jsonSchema }: { jsonSchema: Record<string, unknown> }) => void (jsonSchema.oneOf = [{ required: ['requestId'] }, { required: ['linkId'] }, { required: ['batchId'] }]) }),
  },
  'consent.declined': {
    description: "The recipient's global admin declined the consent request (R5).",
    data: z.strictObject({ tenantId: TenantId, partnerId: PartnerId, requestId: z.string(), actor: EventActor }),
  },
  'consent.expired': {
    description: 'A consent request was not answered before it expired, 90 days after it was sent (S1).',
    data: z.strictObject({
      requestId: z.string(),
      partnerId: PartnerId,
      recipientEmail: z.email(),
      expiresAt: Timestamp,
      tenantId: TenantId.optional().meta({ description: 'The tenant, when the request was addressed to a known one' }),
      actor: EventActor,
    }),
  },
  'relationship.terminated': {
    description: "The customer's global admin ended the CSP relationship (R11); an indirect reseller's provider receives it too, with `via`.",
    data: z.strictObject({ tenantId: TenantId, partnerId: PartnerId, status: z.literal('terminated'), at: Timestamp, via: Via, actor: EventActor }),
  },
  'relationship.revoked': {
    description: "An operator revoked the relationship, giving a reason (R12: the customer's request to remove an OEM); an indirect reseller's provider receives it too, with `via`.",
    data: z.strictObject({ tenantId: TenantId, partnerId: PartnerId, status: z.literal('revoked'), at: Timestamp, reason: z.string(), via: Via, actor: EventActor }),
  },
  'delegated_admin.removed': {
    description: "The customer's global admin removed the delegated admin roles; the relationship stays active (R10).",
    data: z.strictObject({ tenantId: TenantId, partnerId: PartnerId, delegatedAdmin: z.strictObject({ roles: Roles, removedAt: Timestamp }), actor: EventActor }),
  },
  'delegated_admin.expiring': {
    description:
      'The delegated admin roles end soon (S7): sent 30, 7 and 1 days before their end, once each, with the whole days truly left when sent (a late run sends only the latest warning due). With `autoExtend` they will be extended at their end unless the customer turns it off (R31).',
    data: z.strictObject({
      tenantId: TenantId,
      partnerId: PartnerId,
      delegatedAdmin: GrantedRoles.extend({ autoExtend: z.boolean().meta({ description: 'R31: the roles will be extended by 180 days at their end, unless the customer turns it off first' }) }),
      daysLeft: z.number().int().min(0).meta({ description: 'The whole days left when this was sent (a late run says the truth, not 30 or 7)' }),
      actor: EventActor,
    }),
  },
  'delegated_admin.expired': {
    description: 'The delegated admin roles ended; they grant nothing any more (S3, R13).',
    data: z.strictObject({ tenantId: TenantId, partnerId: PartnerId, delegatedAdmin: GrantedRoles, actor: EventActor }),
  },
  'delegated_admin.extended': {
    description: 'R31, S7: auto-extended delegated admin roles reached their end and were extended by 180 days; the customer may still turn auto-extension off.',
    data: z.strictObject({
      tenantId: TenantId,
      partnerId: PartnerId,
      delegatedAdmin: GrantedRoles.extend({
        previousExpiresAt: Timestamp.meta({ description: 'When the roles would have ended' }),
        extendedByDays: z.literal(180),
      }),
      actor: EventActor,
    }),
  },
  'delegated_admin.roles_changed': {
    description:
      "R31: the customer's global admin accepted a new consent request of a partner already authorized: its delegated admin roles are replaced by the request's; the relationship stays as it was (since when, who accepted it, its history). Sent instead of `consent.accepted`.",
    data: z.strictObject({
      tenantId: TenantId,
      partnerId: PartnerId,
      requestId: z.string().meta({ description: 'The consent request accepted' }),
      delegatedAdmin: GrantedRoles.extend({ autoExtend: z.boolean() }).meta({ description: 'The roles granted now' }),
      previous: z
        .strictObject({ roles: Roles, expiresAt: Timestamp, status: z.enum(['active', 'expiring', 'expired', 'extended', 'removed']) })
        .optional()
        .meta({ description: 'The roles replaced, as they were (absent when there were none)' }),
      actor: EventActor,
    }),
  },
  'devices.registered': {
    description: 'Devices were registered for the tenant (R14): one event per write, a group of a synchronous submission or of a batch task.',
    data: DeviceChange,
  },
  'devices.deregistered': {
    description: 'Devices were deregistered from the tenant (R14): one event per write, a group of a synchronous submission or of a batch task.',
    data: DeviceChange,
  },
  'devices.released': {
    description:
      'The customer released devices this partner registered for it (R24): they are no longer registered to the tenant, and any authorized partner may register them again. One event per write; a reseller\'s provider receives it too.',
    data: z.strictObject({
      tenantId: TenantId,
      partnerId: PartnerId.meta({ description: 'The partner that had registered the devices' }),
      deviceIds: z.array(z.string()).min(1).meta({ description: 'The devices of this write' }),
      batchId: z.string().optional().meta({ description: "The customer's release from a file, when one did it" }),
      actor: EventActor,
    }),
  },
  'device_batch.finished': {
    description: 'A device batch was worked to its end (R22): every device is registered, deregistered, invalid or failed; its results are at `GET /v1/device-batches/{batchId}/results`.',
    data: z.strictObject({
      batchId: z.string(),
      tenantId: TenantId,
      partnerId: PartnerId,
      action: z.enum(['register', 'deregister']),
      status: z.enum(['finished', 'finished_with_errors']),
      summary: z.strictObject({ received: z.number().int(), processed: z.number().int(), succeeded: z.number().int(), failed: z.number().int() }),
      actor: EventActor,
    }),
  },
  'device_batch.awaiting_approval': {
    description:
      "A held batch (R27) was submitted for a tenant that has not authorized the partner: nothing is registered; the tenant's global admins were emailed and approve or reject it, or it expires after 30 days (S5).",
    data: HeldBatch.extend({ summary: BatchCount, until: Timestamp.meta({ description: 'When it expires if nobody decides (S5)' }) }),
  },
  'device_batch.approved': {
    description:
      "The customer's global admin approved the held batch (R27), with the consent when the partner had none (then `consent.accepted` comes too): the batch is `queued` and worked as any batch (R22), ending with `device_batch.finished`.",
    data: HeldBatch.extend({ withConsent: z.boolean().meta({ description: 'The approval was also the acceptance of the partner (R1-R9)' }) }),
  },
  'device_batch.rejected': {
    description: "The customer's global admin rejected the held batch (R27): nothing is registered. `blocked`: the partner may hold no more batches for this tenant until the customer unblocks it.",
    data: HeldBatch.extend({ blocked: z.boolean() }),
  },
  'device_batch.expired': {
    description: 'Nobody decided on the held batch within 30 days (S5): it ended `expired`, nothing is registered.',
    data: HeldBatch,
  },
  'device_claim.opened': {
    description: "The partner's device claim was opened (R26): the owners of the claimed devices are told and have until `deadline` to answer (S6). Which tenants own them is never said (R19).",
    data: z.strictObject({ claimId: z.string(), tenantId: TenantId.meta({ description: 'The tenant the devices are claimed for' }), partnerId: PartnerId, reference: z.string(), deadline: Timestamp, summary: ClaimSummary, actor: EventActor }),
  },
  'device_claim.updated': {
    description:
      "Devices of the partner's claim changed state (R26): released by their owner (moved to the claimed tenant), contested, left unanswered at the deadline (`uncontested`, S6), granted (moved) or denied by an operator, or withdrawn. One event per write. At the deadline the owner's side hears it too (`side: owner`): the partner that had registered the devices (and a reseller's provider) is told its own devices are with operators, never who claims them (R19).",
    data: z.union([
      z.strictObject({ claimId: z.string(), tenantId: TenantId, partnerId: PartnerId, status: ClaimStatusSchema, summary: ClaimSummary, devices: z.array(z.strictObject({ index: z.number().int(), status: ClaimDeviceStatusSchema })).min(1), actor: EventActor }),
      z
        .strictObject({
          side: z.literal('owner'),
          claimId: z.string(),
          tenantId: TenantId.meta({ description: 'The owner tenant the devices are registered to' }),
          partnerId: PartnerId.meta({ description: 'The partner that had registered the devices' }),
          status: ClaimDeviceStatusSchema.meta({ description: 'The state the devices are now in (`uncontested`: with operators, S6)' }),
          deviceIds: z.array(z.string()).min(1).meta({ description: 'The devices of this write, as they are registered' }),
          actor: EventActor,
        })
        .meta({ description: "The owner's side (S6): to the partner that had registered devices of a claim left unanswered at its deadline (and to a reseller's provider). It names the owner tenant and its devices, never the claimant tenant (R19)." }),
    ]),
  },
  'device_claim.closed': {
    description: "The partner's claim is closed: every device was released, granted, denied or withdrawn (R26).",
    data: z.strictObject({ claimId: z.string(), tenantId: TenantId, partnerId: PartnerId, summary: ClaimSummary, actor: EventActor }),
  },
  'devices.transferred': {
    description:
      'Devices this partner had registered for the tenant were moved to another tenant by a device claim (R26): released by the tenant, or granted by an operator. They are no longer the tenant\'s; which tenant has them is never said (R19). One event per write; a reseller\'s provider gets it too for the devices registered through it (R7, R8).',
    data: z.strictObject({
      tenantId: TenantId.meta({ description: 'The tenant the devices were registered to' }),
      partnerId: PartnerId.meta({ description: 'The partner that had registered the devices' }),
      deviceIds: z.array(z.string()).min(1).meta({ description: 'The devices of this write, as they were registered' }),
      claimId: z.string(),
      actor: EventActor,
    }),
  },
} satisfies Record<WebhookEvent, { description: string; data: z.ZodType }>;

/** The `data` of each webhook event: what `webhookEvent(type, partnerId, data)` takes. */
export type WebhookEventData = { [K in WebhookEvent]: z.infer<(typeof EVENTS)[K]['data']> };

const EXAMPLE_AT = '2026-11-24T10:00:00.000Z';
const user = { type: 'user', id: 'u_01JD3' } as const;
const system = { type: 'system', id: 'consent-status-check' } as const;
const roles = { roles: ['IntuneAdministrator', 'CloudDeviceAdministrator'], expiresAt: '2027-05-23T10:00:00.000Z' } satisfies WebhookEventData['delegated_admin.expired']['delegatedAdmin'];
const devices: WebhookEventData['devices.registered'] = {
  tenantId: 't_01JD3',
  partnerId: 'p_01JD3',
  deviceIds: ['d_5f0c2a9e1b7d4c3a8e6f0b12', 'd_0b7e4c1d9a2f3e5b6c8d0a14'],
  channel: 'api',
  actor: { type: 'partner', id: 'p_01JD3' },
};

const held = { batchId: 'b_01JD3', tenantId: 't_01JD3', partnerId: 'p_01JD3', reference: 'PO-4711', reason: 'not_authorized' } as const;
const claimSummary = { claimed: 2, released: 0, contested: 0, uncontested: 0, granted: 0, denied: 0, withdrawn: 0 };

/** One example of each event's `data`, typed by the catalogue, checked by it in the tests, shown in the OpenAPI document. */
const EXAMPLES: WebhookEventData = {
  'consent.accepted': { tenantId: 't_01JD3', partnerId: 'p_01JD3', requestId: 'cr_01JD3', relationship: { status: 'active', grantedAt: EXAMPLE_AT, delegatedAdmin: { ...roles, autoExtend: false } }, actor: user },
  'consent.declined': { tenantId: 't_01JD3', partnerId: 'p_01JD3', requestId: 'cr_01JD3', actor: user },
  'consent.expired': { requestId: 'cr_01JD3', partnerId: 'p_01JD3', recipientEmail: 'admin@fabrikam.example', expiresAt: EXAMPLE_AT, tenantId: 't_01JD3', actor: system },
  'relationship.terminated': { tenantId: 't_01JD3', partnerId: 'p_01JD4', status: 'terminated', at: EXAMPLE_AT, via: { resellerId: 'p_01JD3' }, actor: user },
  'relationship.revoked': { tenantId: 't_01JD3', partnerId: 'p_01JD3', status: 'revoked', at: EXAMPLE_AT, reason: 'The customer never bought from this OEM', actor: { type: 'operator', id: 'operator' } },
  'delegated_admin.removed': { tenantId: 't_01JD3', partnerId: 'p_01JD3', delegatedAdmin: { roles: roles.roles, removedAt: EXAMPLE_AT }, actor: user },
  'delegated_admin.expiring': { tenantId: 't_01JD3', partnerId: 'p_01JD3', delegatedAdmin: { ...roles, autoExtend: false }, daysLeft: 7, actor: system },
  'delegated_admin.expired': { tenantId: 't_01JD3', partnerId: 'p_01JD3', delegatedAdmin: roles, actor: system },
  'delegated_admin.extended': {
    tenantId: 't_01JD3',
    partnerId: 'p_01JD3',
    delegatedAdmin: { roles: roles.roles, expiresAt: '2027-11-19T10:00:00.000Z', previousExpiresAt: roles.expiresAt, extendedByDays: 180 },
    actor: system,
  },
  'delegated_admin.roles_changed': {
    tenantId: 't_01JD3',
    partnerId: 'p_01JD3',
    requestId: 'cr_01JD4',
    delegatedAdmin: { roles: ['IntuneAdministrator', 'GlobalReader'], expiresAt: '2027-05-23T10:00:00.000Z', autoExtend: true },
    previous: { ...roles, status: 'active' },
    actor: user,
  },
  'devices.registered': devices,
  'devices.deregistered': { ...devices, channel: 'csv', batchId: 'b_01JD3' },
  'devices.released': { tenantId: 't_01JD3', partnerId: 'p_01JD3', deviceIds: devices.deviceIds, actor: user },
  'device_claim.opened': { claimId: 'dc_5f0c2a9e1b7d4c3a8e6f0b12', tenantId: 't_01JD3', partnerId: 'p_01JD3', reference: 'PO-2026-1187', deadline: '2026-12-08T10:00:00.000Z', summary: claimSummary, actor: { type: 'partner', id: 'p_01JD3' } },
  'device_claim.updated': { claimId: 'dc_5f0c2a9e1b7d4c3a8e6f0b12', tenantId: 't_01JD3', partnerId: 'p_01JD3', status: 'open', summary: { ...claimSummary, released: 1 }, devices: [{ index: 0, status: 'released' }], actor: { type: 'system', id: 'device-claim' } },
  'device_claim.closed': { claimId: 'dc_5f0c2a9e1b7d4c3a8e6f0b12', tenantId: 't_01JD3', partnerId: 'p_01JD3', summary: { ...claimSummary, released: 1, granted: 1 }, actor: { type: 'operator', id: 'operator' } },
  'devices.transferred': { tenantId: 't_01JD4', partnerId: 'p_01JD4', deviceIds: devices.deviceIds, claimId: 'dc_5f0c2a9e1b7d4c3a8e6f0b12', actor: user },
  'device_batch.finished': {
    batchId: 'b_01JD3',
    tenantId: 't_01JD3',
    partnerId: 'p_01JD3',
    action: 'register',
    status: 'finished_with_errors',
    summary: { received: 1000, processed: 1000, succeeded: 998, failed: 2 },
    actor: { type: 'system', id: 'device-batch' },
  },
  'device_batch.awaiting_approval': { ...held, summary: { received: 2500 }, until: '2026-12-24T10:00:00.000Z', actor: { type: 'partner', id: 'p_01JD3' } },
  'device_batch.approved': { ...held, withConsent: true, actor: user },
  'device_batch.rejected': { ...held, blocked: true, actor: user },
  'device_batch.expired': { ...held, actor: system },
};

/** `device_batch.finished` -> `deviceBatchFinishedEvent`: the OpenAPI component of its body. */
const componentIdOf = (type: WebhookEvent): string =>
  `${type
    .split(/[._]/)
    .map((word, i) => (i === 0 ? word : word[0].toUpperCase() + word.slice(1)))
    .join('')}Event`;

/** The body of a delivery of `type`: `{type, timestamp, data}`, what the outbox stores for it. */
const payloadSchemaOf = <K extends WebhookEvent>(type: K) =>
  z
    .strictObject({
      type: z.literal(type),
      timestamp: Timestamp.meta({ description: 'When the change happened (its commit), the same on every attempt; not when this attempt was sent' }),
      data: EVENTS[type].data,
    })
    .meta({
      id: componentIdOf(type),
      description: `The body of a \`${type}\` delivery. ${EVENTS[type].description}`,
      example: { type, timestamp: EXAMPLE_AT, data: EXAMPLES[type] },
    });

type PayloadSchemas = { [K in WebhookEvent]: ReturnType<typeof payloadSchemaOf<K>> };

/** The schema of the body of each event's deliveries, by event type. */
export const WEBHOOK_PAYLOADS = Object.fromEntries(WEBHOOK_EVENTS.map((type) => [type, payloadSchemaOf(type)])) as PayloadSchemas;

/** The body of a webhook delivery (Standard Webhooks' payload), one of the catalogue's events. */
export type WebhookPayload = z.infer<PayloadSchemas[WebhookEvent]>;

/** What raises each event, for the documentation. */
export const webhookDescription = (type: WebhookEvent): string => EVENTS[type].description;

/** The example body of each event: checked by the catalogue in the tests, shown in the OpenAPI document. */
export const webhookExample = <K extends WebhookEvent>(type: K): { type: K; timestamp: string; data: WebhookEventData[K] } => ({ type, timestamp: EXAMPLE_AT, data: EXAMPLES[type] });

/**
 * Checks a delivery's body against the catalogue: one of its events, with every field its schema
 * asks for and no other. Answers the body typed, or throws an error naming the event and every
 * field that is wrong. Run by the tests on whatever they receive; not in the functions (see above).
 */
export function checkWebhookPayload(body: unknown): WebhookPayload {
  const type = typeof body === 'object' && body !== null ? (body as { type?: unknown }).type : undefined;
  if (typeof type !== 'string' || !(WEBHOOK_EVENTS as readonly string[]).includes(type)) {
    throw new Error(`not an event of the webhook catalogue: type ${JSON.stringify(type)}`);
  }
  const result = WEBHOOK_PAYLOADS[type as WebhookEvent].safeParse(body);
  if (!result.success) throw new Error(`${type} does not match the webhook catalogue:\n${z.prettifyError(result.error)}`);
  return result.data as WebhookPayload;
}
