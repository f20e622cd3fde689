import { z } from 'zod';
import { AUDIT_ACTOR_TYPES } from '#shared/domain/audit.ts';
import { DELEGATED_ADMIN_ROLES, DIRECTORY_ROLES, roleRef } from '#shared/domain/directory.ts';
import { PARTNER_KINDS } from '#shared/domain/partner.ts';
import { WEBHOOK_EVENTS } from '#shared/domain/webhooks.ts';
import { ERROR_CODES } from '#shared/domain/errors.ts';
import { DEVICE_ERROR_CODES } from '#shared/domain/devices.ts';
import { APPROVAL_MODES } from '#shared/domain/approval-policy.ts';
import { CLAIM_DEVICE_STATUSES, CLAIM_STATUSES } from '#shared/domain/device-claims.ts';

/**
 * Response schemas: what every operation answers (API.md), next to the request schemas
 * (shared/http/schemas.ts) and referenced from the route table (`responses`). They are documentation
 * and a test oracle, never run on the hot path: the OpenAPI document (shared/http/openapi.ts) is
 * generated from them, and the integration suite validates every answer it receives against that
 * document (test/support/contract.ts).
 */

const Timestamp = z.iso.datetime().meta({ example: '2026-11-24T10:00:00.000Z' });

/** Every problem `code` the service answers: the domain's (shared/domain/errors.ts), and `internal` (shared/http/problem.ts). */
export const PROBLEM_CODES = [...ERROR_CODES, 'internal'] as const;

export const Problem = z
  .object({
    type: z.string(),
    status: z.number().int().min(400).max(599),
    code: z.enum(PROBLEM_CODES),
    title: z.string(),
    detail: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({
    id: 'problem',
    description: 'RFC 9457 problem details with a stable `code` (API.md "Errors")',
    example: {
      type: 'about:blank',
      status: 400,
      code: 'validation_failed',
      title: 'Request body is invalid',
      detail: 'devices[3].serialNumber: must be at most 64 characters',
      errors: [{ path: 'devices[3].serialNumber', message: 'must be at most 64 characters' }],
    },
  });

/**
 * Per-device codes (shared/domain/devices.ts), and `internal`: a batch device the worker could not
 * process (shared/devices/batches.ts), status `failed`, to submit again.
 */
const DEVICE_RESULT_CODES = [...DEVICE_ERROR_CODES, 'internal'] as const;

export const DeviceError = z
  .object({
    code: z.enum(DEVICE_RESULT_CODES),
    field: z.enum(['serialNumber', 'manufacturer', 'model', 'hardwareHash', 'productKeyId', 'groupTag']).optional(),
    message: z.string(),
    autopilotError: z.object({ code: z.number().int().optional(), name: z.string() }).optional(),
  })
  .meta({
    id: 'deviceError',
    description: 'Why one device was refused (API.md "Devices"), with its Windows Autopilot equivalent where there is one',
    example: { code: 'device_assigned_to_other_tenant', field: 'hardwareHash', message: 'This device is registered to another tenant', autopilotError: { code: 808, name: 'ZtdDeviceAssignedToOtherTenant' } },
  });

export const Partner = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(PARTNER_KINDS),
    contactEmail: z.string(),
    status: z.enum(['active', 'suspended']),
    providerId: z.string().optional(),
    directApiEligible: z.boolean().optional(),
    linkId: z.string().optional().meta({ description: "Operator API only: the id of the partner's reusable consent link, once it has one" }),
    idpTenantId: z.string().optional().meta({ description: "R32: the partner's organization at the identity provider (its `tid`): its people may sign in to the partner portal through it" }),
    createdAt: Timestamp,
  })
  .meta({
    id: 'partner',
    example: { id: 'p_01JD3', name: 'Contoso Devices', kind: 'direct-csp', contactEmail: 'ops@contoso.example', status: 'active', createdAt: '2026-11-24T10:00:00.000Z' },
  });

export const Tenant = z
  .object({
    id: z.string(),
    name: z.string(),
    initialDomain: z.string(),
    domains: z.array(z.string()),
    idpTenantId: z.string().optional(),
    requireIdpSignIn: z.boolean().optional(),
    createdAt: Timestamp,
  })
  .meta({
    id: 'tenant',
    example: { id: 't_01JD3', name: 'Fabrikam', initialDomain: 'fabrikam.onmicrosoft.example', domains: ['fabrikam.onmicrosoft.example'], requireIdpSignIn: false, createdAt: '2026-11-24T10:00:00.000Z' },
  });

/** R32: a person of a partner, who signs in to the partner portal with a role. */
export const PartnerPerson = z
  .object({ id: z.string(), partnerId: z.string(), email: z.string(), displayName: z.string(), role: z.enum(['admin', 'submitter', 'viewer']), createdAt: Timestamp })
  .meta({ id: 'partnerPerson', example: { id: 'pu_01JD3', partnerId: 'p_01JD3', email: 'alex@contoso.example', displayName: 'Alex Wilber', role: 'admin', createdAt: '2026-11-24T10:00:00.000Z' } });

export const User = z
  .object({ id: z.string(), tenantId: z.string(), email: z.string(), displayName: z.string(), roles: z.array(z.enum(DIRECTORY_ROLES)) })
  .meta({ id: 'user', example: { id: 'u_01JD3', tenantId: 't_01JD3', email: 'admin@fabrikam.example', displayName: 'Fabrikam Admin', roles: ['GlobalAdministrator'] } });

const EmailState = z.object({
  status: z.enum(['queued', 'sent', 'failed']),
  attempts: z.number().int(),
  lastAttemptAt: Timestamp.optional(),
  nextAttemptAt: Timestamp.optional(),
  suppressed: z.enum(['bounced', 'complained']).optional().meta({ description: 'Why it failed when the address is suppressed' }),
});

/** R31: a delegated admin role with its Entra role template id and display name. */
export const RoleRef = z
  .object({
    name: z.enum(DELEGATED_ADMIN_ROLES),
    templateId: z.uuid().meta({ description: "The role's Microsoft Entra role template id (the same in every tenant)" }),
    displayName: z.string(),
  })
  .meta({ id: 'delegatedAdminRole', example: roleRef('IntuneAdministrator') });

export const ConsentRequest = z
  .object({
    id: z.string(),
    status: z.enum(['pending', 'accepted', 'declined', 'expired', 'cancelled']),
    recipientEmail: z.string(),
    tenantDomain: z.string().optional(),
    tenantId: z.string().optional(),
    delegatedAdmin: z
      .object({
        roles: z.array(RoleRef),
        durationDays: z.number().int(),
        autoExtend: z.boolean().meta({ description: 'R31: extended by 180 days at each end until the customer turns it off' }),
      })
      .optional(),
    message: z.string().optional(),
    consentUrl: z.string(),
    createdAt: Timestamp,
    expiresAt: Timestamp,
    acceptedAt: Timestamp.optional(),
    declinedAt: Timestamp.optional(),
    cancelledAt: Timestamp.optional(),
    email: EmailState,
    reminder: EmailState.optional(),
  })
  .meta({
    id: 'consentRequest',
    example: {
      id: 'cr_01JD3',
      status: 'pending',
      recipientEmail: 'admin@fabrikam.example',
      tenantDomain: 'fabrikam.example',
      consentUrl: 'http://localhost:3000/consent/cr_01JD3',
      createdAt: '2026-11-24T10:00:00.000Z',
      expiresAt: '2026-12-08T10:00:00.000Z',
      email: { status: 'sent', attempts: 1 },
    },
  });

export const Customer = z
  .object({
    tenantId: z.string(),
    name: z.string(),
    domains: z.array(z.string()),
    relationship: z.object({
      status: z.enum(['active', 'terminated', 'revoked']),
      grantedAt: Timestamp,
      via: z.object({ resellerId: z.string() }).optional(),
      delegatedAdmin: z
        .object({
          roles: z.array(RoleRef),
          expiresAt: Timestamp,
          removedAt: Timestamp.optional(),
          status: z.enum(['active', 'expiring', 'expired', 'extended', 'removed']).meta({ description: 'R31: `expiring` with 30 days or fewer left; `extended` once auto-extended; `expired` and `removed` grant nothing (R10, R13)' }),
          autoExtend: z.boolean().meta({ description: 'R31: extended by 180 days at each end until the customer turns it off' }),
          extendedAt: Timestamp.optional().meta({ description: 'The last auto-extension' }),
        })
        .optional(),
      approvalPolicy: z
        .object({
          mode: z.enum(APPROVAL_MODES),
          threshold: z.number().int().min(1).optional().meta({ description: 'With `above`: a batch of more than this many devices waits for approval' }),
          defaultGroupTag: z.string().optional().meta({ description: "Given to this partner's devices registered without a group tag" }),
        })
        .meta({
          description:
            "R28: how the customer approves this partner's devices (API.md \"Held batches and approval\"): `automatic` (the default), `each_batch`, or `above` `threshold` devices. A synchronous registration the policy would hold is refused on every device with `approval_required`, counting the devices of the call; a batch it holds waits for approval.",
        }),
    }),
  })
  .meta({
    id: 'customer',
    example: {
      tenantId: 't_01JD3',
      name: 'Fabrikam',
      domains: ['fabrikam.example'],
      relationship: { status: 'active', grantedAt: '2026-11-24T10:00:00.000Z', approvalPolicy: { mode: 'above', threshold: 500, defaultGroupTag: 'Contoso-Sales' } },
    },
  });

export const RegisteredDevice = z
  .object({
    id: z.string(),
    tenantId: z.string(),
    partnerId: z.string(),
    registeredAt: Timestamp,
    serialNumber: z.string().optional(),
    manufacturer: z.string().optional(),
    model: z.string().optional(),
    hardwareHash: z.string().optional(),
    productKeyId: z.string().optional(),
    groupTag: z.string().optional(),
  })
  .meta({
    id: 'device',
    description: 'A registered device',
    example: { id: 'd_01JD3', tenantId: 't_01JD3', partnerId: 'p_01JD3', registeredAt: '2026-11-24T10:00:00.000Z', manufacturer: 'Contoso', model: 'Laptop 7', serialNumber: 'SN-1' },
  });

export const Batch = z
  .object({
    id: z.string(),
    tenantId: z.string(),
    action: z.enum(['register', 'deregister', 'release']),
    status: z.enum(['open', 'queued', 'awaiting_approval', 'processing', 'finished', 'finished_with_errors', 'rejected', 'expired']),
    summary: z.object({ received: z.number().int(), processed: z.number().int(), succeeded: z.number().int(), failed: z.number().int() }),
    createdAt: Timestamp,
    submittedAt: Timestamp.optional(),
    finishedAt: Timestamp.optional(),
    whenNotAuthorized: z.literal('hold').optional().meta({ description: 'R27: present when the partner asked that the batch wait for approval if it is not authorized' }),
    reference: z.string().optional().meta({ description: "The partner's order or shipment number, shown to the customer" }),
    approval: z
      .object({
        status: z.enum(['pending', 'approved', 'rejected', 'expired']),
        reason: z.enum(['not_authorized', 'approval_policy']).meta({ description: "Why the batch waits for approval: `not_authorized`, the partner asked to hold it for a tenant that has not consented (R27); `approval_policy`, the customer's approval policy for this partner holds it (R28)" }),
        expiresAt: Timestamp.meta({ description: 'When it expires if nobody decides (S5: 30 days after its submission)' }),
        decidedAt: Timestamp.optional().meta({ description: 'When it was approved, rejected or expired' }),
      })
      .optional()
      .meta({ description: 'R27: present once the batch waited for the customer\'s approval' }),
  })
  .meta({
    id: 'batch',
    description: 'A device batch (API.md "Device batches")',
    example: { id: 'b_01JD3', tenantId: 't_01JD3', action: 'register', status: 'open', summary: { received: 1000, processed: 0, succeeded: 0, failed: 0 }, createdAt: '2026-11-24T10:00:00.000Z' },
  });

const RowResult = <S extends readonly [string, ...string[]]>(statuses: S) =>
  z.object({ index: z.number().int(), line: z.number().int().optional(), status: z.enum(statuses), deviceId: z.string().optional(), errors: z.array(DeviceError) });

export const BatchResult = RowResult(['registered', 'deregistered', 'released', 'invalid', 'failed'] as const).meta({
  id: 'batchResult',
  example: { index: 0, line: 2, status: 'registered', deviceId: 'd_01JD3', errors: [] },
});

const Consent = z.object({ status: z.string(), grantedAt: Timestamp.optional() });
const MalformedLine = z.object({ line: z.number().int(), message: z.string() }).loose();

export const ValidationAnswer = z
  .object({
    consent: Consent,
    summary: z.object({ total: z.number().int(), valid: z.number().int(), invalid: z.number().int() }),
    results: z.array(RowResult(['valid', 'invalid'] as const)),
  })
  .meta({
    id: 'validationAnswer',
    description: 'The judgement of a device submission (API.md "Devices")',
    example: {
      consent: { status: 'active', grantedAt: '2026-11-24T10:00:00.000Z' },
      summary: { total: 2, valid: 1, invalid: 1 },
      results: [
        { index: 0, status: 'valid', errors: [] },
        { index: 1, status: 'invalid', errors: [{ code: 'device_assigned_to_other_tenant', field: 'hardwareHash', message: 'This device is registered to another tenant' }] },
      ],
    },
  });

export const RegistrationAnswer = z
  .object({
    consent: Consent.optional(),
    summary: z.object({ total: z.number().int(), registered: z.number().int().optional(), deregistered: z.number().int().optional(), invalid: z.number().int() }),
    results: z.array(RowResult(['registered', 'deregistered', 'invalid'] as const)),
    malformedLines: z.array(MalformedLine).optional(),
  })
  .meta({
    id: 'registrationAnswer',
    description: 'What a registration or deregistration did, device by device',
    example: { consent: { status: 'active', grantedAt: '2026-11-24T10:00:00.000Z' }, summary: { total: 1, registered: 1, invalid: 0 }, results: [{ index: 0, status: 'registered', deviceId: 'd_01JD3', errors: [] }] },
  });

/** R23: a device as its tenant sees it (API.md `tenantDevice`). */
export const TenantDevice = z
  .object({
    id: z.string(),
    serialNumber: z.string().optional(),
    manufacturer: z.string().optional(),
    model: z.string().optional(),
    hardwareHash: z.string().optional(),
    productKeyId: z.string().optional(),
    groupTag: z.string().optional(),
    partner: z.object({ id: z.string(), name: z.string(), kind: z.enum([...PARTNER_KINDS, 'unknown']) }),
    via: z.object({ resellerId: z.string(), resellerName: z.string() }).optional().meta({ description: "Registered by an indirect provider through this reseller's consent (R8)" }),
    provider: z.object({ id: z.string(), name: z.string() }).optional().meta({ description: "Registered by an indirect reseller: its provider (R7)" }),
    batchId: z.string().optional(),
    row: z.number().int().optional().meta({ description: 'The row of the batch it came from (0-based)' }),
    registeredAt: Timestamp,
    registeredBy: z.object({ type: z.enum(['customer_user', 'customer_key', 'partner_key', 'operator', 'system']), id: z.string().optional(), name: z.string().optional() }),
  })
  .meta({
    id: 'tenantDevice',
    description: 'A device registered to the tenant, and who registered it (R23)',
    example: {
      id: 'd_5f0c2a9e1b7d4c3a8e6f0b12',
      serialNumber: 'PF3KX2Q9',
      manufacturer: 'Contoso',
      model: 'Surface Laptop 7',
      partner: { id: 'p_01JD3', name: 'Contoso Devices', kind: 'direct-csp' },
      batchId: 'b_01JD3',
      row: 0,
      registeredAt: '2026-11-24T10:00:00.000Z',
      registeredBy: { type: 'partner_key', id: 'k1b2c3', name: 'Contoso Devices' },
    },
  });

/** R30: one partner's way into the tenant (API.md `access`). */
export const Access = z
  .object({
    partner: z.object({ id: z.string(), name: z.string(), kind: z.enum(PARTNER_KINDS) }),
    via: z.object({ resellerId: z.string(), resellerName: z.string() }).optional().meta({ description: "An indirect provider, authorized through this reseller's relationship (R8); a provider through two resellers has a row for each" }),
    provider: z.object({ id: z.string(), name: z.string() }).optional().meta({ description: 'An indirect reseller: its provider, authorized through this relationship (R7)' }),
    since: Timestamp.meta({ description: "When the consent it has access by was granted (a provider's: its reseller's)" }),
    acceptedBy: z
      .object({ userId: z.string(), email: z.string(), signedInWith: z.enum(['email', 'organization']).optional().meta({ description: "How they had signed in: an emailed link, or their organization's identity provider (recorded for acceptances since R30)" }) })
      .meta({ description: 'Who accepted that consent' }),
    delegatedAdmin: Customer.shape.relationship.shape.delegatedAdmin.meta({ description: 'The delegated admin roles it holds, with their status and expiry, as its customer view shows them' }),
    approvalPolicy: Customer.shape.relationship.shape.approvalPolicy.meta({
      description: "R28: how the tenant approves this partner's devices, as the partner sees it on its customer; an indirect provider follows its reseller's relationship's policy, shown on its row",
    }),
    devicesRegistered: z.number().int().min(0).meta({ description: 'Devices it registered to the tenant that are still registered (counted since R30)' }),
    lastActivityAt: Timestamp.optional().meta({ description: 'When it last registered or deregistered a device for the tenant' }),
  })
  .meta({
    id: 'access',
    description: 'A partner with access to the tenant now (R30)',
    example: {
      partner: { id: 'p_01JD3', name: 'Contoso Devices', kind: 'direct-csp' },
      since: '2026-11-24T10:00:00.000Z',
      acceptedBy: { userId: 'u_01JD3', email: 'admin@fabrikam.example', signedInWith: 'organization' },
      delegatedAdmin: { roles: [roleRef('IntuneAdministrator')], expiresAt: '2027-05-23T10:00:00.000Z', status: 'active', autoExtend: true },
      approvalPolicy: { mode: 'above', threshold: 500, defaultGroupTag: 'Contoso-Sales' },
      devicesRegistered: 1200,
      lastActivityAt: '2026-11-30T08:15:00.000Z',
    },
  });

export const ReleaseAnswer = z
  .object({
    summary: z.object({ total: z.number().int(), released: z.number().int(), invalid: z.number().int() }),
    results: z.array(RowResult(['released', 'invalid'] as const)),
  })
  .meta({
    id: 'releaseAnswer',
    description: 'What a release did, device by device (R24)',
    example: {
      summary: { total: 2, released: 1, invalid: 1 },
      results: [
        { index: 0, status: 'released', deviceId: 'd_5f0c2a9e1b7d4c3a8e6f0b12', errors: [] },
        { index: 1, status: 'invalid', errors: [{ code: 'device_not_registered', message: 'No device with these identifiers is registered to this tenant' }] },
      ],
    },
  });

const page = <T extends z.ZodType>(item: T, id: string, example: unknown) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() }).meta({ id, description: 'A page of a list; pass `nextCursor` as `cursor` for the next one', example: { items: [example], nextCursor: null } });

const Actor = z.object({ type: z.string(), id: z.string().optional() }).loose();
/** An audit event as stored, for operators (`GET /ops/audit`). */
export const OperatorAuditEvent = z
  .object({ id: z.string(), at: Timestamp, action: z.string(), actor: Actor, tenantId: z.string().optional(), partnerId: z.string().optional(), subject: z.string().optional(), subjectName: z.string().optional(), outcome: z.enum(['refused']).optional(), details: z.record(z.string(), z.unknown()).optional() })
  .meta({ id: 'operatorAuditEvent', example: { id: 'a_01JD3', at: '2026-11-24T10:00:00.000Z', action: 'partner.created', actor: { type: 'operator', id: 'operator' }, partnerId: 'p_01JD3' } });

/** R29: API.md's `auditEvent`, as a tenant and a partner read their trails (shared/domain/audit.ts `toAuditEvent`). */
export const AuditEvent = z
  .object({
    id: z.string(),
    at: Timestamp,
    action: z.string(),
    category: z.string(),
    actor: z
      .object({
        type: z.enum(AUDIT_ACTOR_TYPES),
        id: z.string().optional().meta({ description: "A partner key's id (never its secret), a user's id, a customer key's id" }),
        name: z.string().optional(),
        signIn: z.enum(['email', 'organization']).optional().meta({ description: "How a customer user or a partner's person signed in" }),
      })
      .meta({ description: "Who did it: a user of the tenant (customer_user), a customer API key, a partner by the key it called with, a partner's person in the partner portal (partner_user, R32), an operator, or the service itself" }),
    subject: z.object({ type: z.string(), id: z.string(), name: z.string().optional() }),
    outcome: z.enum(['succeeded', 'refused']),
    tenantId: z.string().optional().meta({ description: "Always on a tenant's trail; absent on a partner's own events that concern no tenant (its keys, its webhook)" }),
    partnerId: z.string().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({
    id: 'auditEvent',
    example: {
      id: 'ev_01JD3',
      at: '2026-11-24T10:00:00.000Z',
      action: 'consent.accepted',
      category: 'consent',
      actor: { type: 'customer_user', id: 'u_01JD3', name: 'Fabrikam Admin', signIn: 'organization' },
      subject: { type: 'relationship', id: 'p_01JD3', name: 'Contoso Devices' },
      outcome: 'succeeded',
      tenantId: 't_01JD3',
      partnerId: 'p_01JD3',
    },
  });

export const RemovalRequest = z
  .object({ tenantId: z.string(), partnerId: z.string(), status: z.enum(['open', 'closed']), reason: z.string(), requestedBy: z.object({ userId: z.string(), email: z.string() }), createdAt: Timestamp, closedAt: Timestamp.optional() })
  .meta({ id: 'removalRequest', example: { tenantId: 't_01JD3', partnerId: 'p_01JD3', status: 'open', reason: 'We never bought from them', requestedBy: { userId: 'u_01JD3', email: 'admin@fabrikam.example' }, createdAt: '2026-11-24T10:00:00.000Z' } });

export const ApiKeyInfo = z
  .object({ keyId: z.string(), partnerId: z.string().optional(), createdAt: Timestamp, revokedAt: Timestamp.optional() })
  .meta({ id: 'apiKeyInfo', description: 'An API key, never its secret', example: { keyId: 'k_01JD3', createdAt: '2026-11-24T10:00:00.000Z' } });

export const Delivery = z
  .object({
    id: z.string(),
    partnerId: z.string().optional(),
    type: z.enum(WEBHOOK_EVENTS),
    url: z.string(),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int(),
    createdAt: Timestamp,
    lastAttemptAt: Timestamp.optional(),
    lastStatusCode: z.number().int().optional(),
    nextAttemptAt: Timestamp.optional(),
    redeliveryOf: z.string().optional().meta({ description: 'A redelivery: the delivery it sends again (with the same `webhook-id`)' }),
    redeliveredAs: z.string().optional().meta({ description: 'Sent again, at the partner\'s request, as this delivery' }),
  })
  .meta({ id: 'webhookDelivery', example: { id: 'wd_01JD3', type: 'consent.accepted', url: 'http://127.0.0.1:9000/', status: 'delivered', attempts: 1, createdAt: '2026-11-24T10:00:00.000Z' } });

const Relationship = z
  .object({ tenantId: z.string(), partnerId: z.string(), status: z.enum(['active', 'terminated', 'revoked']), grantedAt: Timestamp })
  .loose()
  .meta({ id: 'relationship', example: { tenantId: 't_01JD3', partnerId: 'p_01JD3', status: 'revoked', grantedAt: '2026-11-24T10:00:00.000Z', revokedAt: '2026-11-25T10:00:00.000Z', revokeReason: 'fraud' } });

const ClaimSummarySchema = z.object({
  claimed: z.number().int(),
  released: z.number().int(),
  contested: z.number().int(),
  uncontested: z.number().int(),
  granted: z.number().int(),
  denied: z.number().int(),
  withdrawn: z.number().int(),
});
const claimSummaryExample = { claimed: 2, released: 1, contested: 0, uncontested: 0, granted: 0, denied: 0, withdrawn: 0 };
/** R26: a claim as its claimant (the partner, or its own tenant) sees it: never the owner tenant (R19). */
export const Claim = z
  .object({
    id: z.string(),
    tenantId: z.string().meta({ description: 'The tenant the devices are claimed for' }),
    status: z.enum(CLAIM_STATUSES),
    reference: z.string(),
    purchaseDate: z.string().optional(),
    note: z.string().optional(),
    deadline: Timestamp.meta({ description: 'Until then the owners answer; then what is left goes to operators as `uncontested` (S6)' }),
    summary: ClaimSummarySchema,
    createdAt: Timestamp,
    closedAt: Timestamp.optional(),
  })
  .meta({ id: 'claim', example: { id: 'dc_5f0c2a9e1b7d4c3a8e6f0b12', tenantId: 't_01JD3', status: 'open', reference: 'PO-2026-1187', deadline: '2026-12-08T10:00:00.000Z', summary: claimSummaryExample, createdAt: '2026-11-24T10:00:00.000Z' } });
/** R26: a claimed device as the claimant sees it. */
export const ClaimDevice = z
  .object({
    index: z.number().int(),
    deviceRef: z.string().meta({ description: "How the claim named the device (serial number, product key id or the start of its hash); never the owner's device id" }),
    status: z.enum(CLAIM_DEVICE_STATUSES),
    decidedAt: Timestamp.optional(),
    reason: z.string().optional().meta({ description: "An operator's reason, or why a device could not move" }),
    deviceId: z.string().optional().meta({ description: "The owner's own device id (the owner's view only)" }),
    contestReason: z.string().optional().meta({ description: "The owner's reason to contest (the owner's and operators' views only)" }),
  })
  .meta({ id: 'claimDevice', example: { index: 0, deviceRef: 'Contoso Laptop 7 SN-1', status: 'released', decidedAt: '2026-11-25T10:00:00.000Z' } });
/** R26: a claim as a tenant sees it: outgoing (its own claim, as the claimant sees it) or incoming (its own part of a claim on its devices). */
export const TenantClaim = z
  .object({
    id: z.string(),
    direction: z.enum(['incoming', 'outgoing']),
    claimant: z
      .object({ type: z.enum(['partner', 'device_holder']), partnerName: z.string().optional() })
      .optional()
      .meta({ description: "Incoming: who claims: the claimant partner's name, never the claimant tenant (R19); `device_holder` when a tenant claims with hardware hashes captured on the devices" }),
    tenantId: z.string().optional().meta({ description: 'Outgoing: the tenant itself' }),
    status: z.enum(CLAIM_STATUSES),
    reference: z.string(),
    purchaseDate: z.string().optional(),
    note: z.string().optional(),
    deadline: Timestamp,
    summary: ClaimSummarySchema,
    createdAt: Timestamp,
    closedAt: Timestamp.optional(),
  })
  .meta({ id: 'tenantClaim', example: { id: 'dc_5f0c2a9e1b7d4c3a8e6f0b12', direction: 'incoming', claimant: { type: 'partner', partnerName: 'Contoso Devices' }, status: 'open', reference: 'PO-2026-1187', deadline: '2026-12-08T10:00:00.000Z', summary: claimSummaryExample, createdAt: '2026-11-24T10:00:00.000Z' } });
const ClaimOpened = z
  .object({
    claim: Claim.optional().meta({ description: 'The claim, when any device was claimed' }),
    summary: z.object({ total: z.number().int(), claimed: z.number().int(), invalid: z.number().int() }),
    results: z.array(RowResult(['claimed', 'invalid'] as const)),
    malformedLines: z.array(MalformedLine).optional(),
  })
  .meta({
    id: 'claimOpened',
    description: 'What a claim did, device by device (R26)',
    example: {
      claim: Claim.meta()?.example,
      summary: { total: 2, claimed: 1, invalid: 1 },
      results: [{ index: 0, status: 'claimed', errors: [] }, { index: 1, status: 'invalid', errors: [{ code: 'device_not_registered', message: 'No device with these identifiers is registered' }] }],
    },
  });
const OperatorClaim = z
  .object({
    claim: Claim.extend({ claimant: z.object({ kind: z.enum(['partner', 'tenant']), tenantId: z.string(), partnerId: z.string().optional(), partnerName: z.string().optional() }) }),
    owners: z.array(z.object({ tenantId: z.string(), status: z.enum(CLAIM_STATUSES), summary: ClaimSummarySchema })),
    devices: z.array(ClaimDevice.extend({ deviceId: z.string(), ownerTenantId: z.string(), ownerPartnerId: z.string() })),
  })
  .meta({ id: 'operatorClaim', description: "A claim with both sides and their evidence (R26): operators' view", example: { claim: { ...(Claim.meta()?.example as object), claimant: { kind: 'partner', tenantId: 't_01JD3', partnerId: 'p_01JD3', partnerName: 'Contoso Devices' } }, owners: [{ tenantId: 't_01JD4', status: 'open', summary: claimSummaryExample }], devices: [{ index: 0, deviceRef: 'Contoso Laptop 7 SN-1', status: 'contested', deviceId: 'd_01JD3', contestReason: 'We bought these', ownerTenantId: 't_01JD4', ownerPartnerId: 'p_01JD4' }] } });

const ObjectOf = <T extends z.ZodType>(name: string, schema: T, example: unknown) => z.object({ [name]: schema }).meta({ example: { [name]: example } });

/** The answer of each route that answers JSON (keyed as routes.ts keys them). */
export const responses = {
  partnerWithKey: z
    .object({ partner: Partner, apiKey: z.string(), keyId: z.string() })
    .meta({ example: { partner: Partner.meta()?.example, apiKey: 'dck_k_01JD3_secret', keyId: 'k_01JD3' } }),
  partner: ObjectOf('partner', Partner, Partner.meta()?.example),
  apiKeys: page(ApiKeyInfo, 'apiKeyPage', ApiKeyInfo.meta()?.example),
  apiKey: z.object({ keyId: z.string(), apiKey: z.string() }).meta({ example: { keyId: 'k_01JD4', apiKey: 'dck_k_01JD4_secret' } }),
  tenant: ObjectOf('tenant', Tenant, Tenant.meta()?.example),
  user: ObjectOf('user', User, User.meta()?.example),
  partnerPerson: ObjectOf('person', PartnerPerson, PartnerPerson.meta()?.example),
  relationship: ObjectOf('relationship', Relationship, Relationship.meta()?.example),
  removalRequests: page(RemovalRequest, 'removalRequestPage', RemovalRequest.meta()?.example),
  audit: page(OperatorAuditEvent, 'operatorAuditEventPage', OperatorAuditEvent.meta()?.example),
  auditEvents: page(AuditEvent, 'auditEventPage', AuditEvent.meta()?.example),
  checkResult: z
    .object({
      now: Timestamp,
      expired: z.number().int(),
      reminded: z.number().int(),
      rolesExpired: z.number().int(),
      retried: z.number().int(),
    })
    .catchall(z.unknown())
    .meta({ id: 'consentStatusCheckResult', description: 'What the scheduled check did; more counters may be added', example: { now: '2026-11-24T10:00:00.000Z', expired: 0, reminded: 1, rolesExpired: 0, retried: 0 } }),
  me: ObjectOf('partner', Partner, Partner.meta()?.example),
  consentRequest: ObjectOf('consentRequest', ConsentRequest, ConsentRequest.meta()?.example),
  consentRequests: page(ConsentRequest, 'consentRequestPage', ConsentRequest.meta()?.example),
  consentLink: z.object({ url: z.string() }).meta({ example: { url: 'http://localhost:3000/l/l_01JD3' } }),
  customers: page(Customer, 'customerPage', Customer.meta()?.example),
  customer: ObjectOf('customer', Customer, Customer.meta()?.example),
  consentChecks: z
    .object({ results: z.array(z.object({ tenant: z.string(), tenantId: z.string().optional(), status: z.enum(['active', 'none', 'terminated', 'revoked']) })) })
    .meta({ id: 'consentCheckAnswer', example: { results: [{ tenant: 'fabrikam.example', tenantId: 't_01JD3', status: 'active' }, { tenant: 'unknown.example', status: 'none' }] } }),
  validation: ValidationAnswer,
  registration: RegistrationAnswer,
  devices: page(RegisteredDevice, 'devicePage', RegisteredDevice.meta()?.example),
  batch: ObjectOf('batch', Batch, Batch.meta()?.example),
  batchWithLines: z.object({ batch: Batch, malformedLines: z.array(MalformedLine).optional() }).meta({ example: { batch: Batch.meta()?.example } }),
  batches: page(Batch, 'batchPage', Batch.meta()?.example),
  batchResults: page(BatchResult, 'batchResultPage', BatchResult.meta()?.example),
  webhookWithSecret: z
    .object({
      url: z.string(),
      events: z.array(z.enum(WEBHOOK_EVENTS)),
      secret: z.string().optional().meta({ description: 'The signing secret (`whsec_<base64>`): in the answer to the first PUT only; later PUTs keep it (a new one comes from POST /v1/webhook/secret-rotations)' }),
    })
    .meta({ id: 'webhookWithSecret', example: { url: 'http://127.0.0.1:9000/', events: ['consent.accepted'], secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' } }),
  webhookSecretRotation: z
    .object({
      secret: z.string().meta({ description: 'The new signing secret (`whsec_<base64>`), shown in this answer only' }),
      previousSecretValidUntil: Timestamp.meta({ description: 'Until then every delivery is signed with the previous secret too (a second signature in `webhook-signature`); from then on with the new one only' }),
    })
    .meta({ id: 'webhookSecretRotation', example: { secret: 'whsec_3kQ2n7TWd0lHc8TqUuVXy2PZ9wYJb1Rs', previousSecretValidUntil: '2026-11-25T10:00:00.000Z' } }),
  webhook: z
    .object({ url: z.string(), events: z.array(z.enum(WEBHOOK_EVENTS)), updatedAt: Timestamp.optional() })
    .meta({ id: 'webhook', example: { url: 'http://127.0.0.1:9000/', events: ['consent.accepted'], updatedAt: '2026-11-24T10:00:00.000Z' } }),
  deliveries: page(Delivery, 'webhookDeliveryPage', Delivery.meta()?.example),
  redelivery: ObjectOf('delivery', Delivery, { ...(Delivery.meta()?.example as object), id: 'wd_01JD4', status: 'pending', attempts: 0, redeliveryOf: 'wd_01JD3' }),
  tenantDevices: page(TenantDevice, 'tenantDevicePage', TenantDevice.meta()?.example),
  tenantPartners: page(Access, 'accessPage', Access.meta()?.example),
  release: ReleaseAnswer,
  claim: ObjectOf('claim', Claim, Claim.meta()?.example),
  claimOpened: ClaimOpened,
  claims: page(Claim, 'claimPage', Claim.meta()?.example),
  claimDevices: page(ClaimDevice, 'claimDevicePage', ClaimDevice.meta()?.example),
  tenantClaim: ObjectOf('claim', TenantClaim, TenantClaim.meta()?.example),
  tenantClaims: page(TenantClaim, 'tenantClaimPage', TenantClaim.meta()?.example),
  operatorClaim: OperatorClaim,
  operatorClaims: page(OperatorClaim.shape.claim, 'operatorClaimPage', (OperatorClaim.meta()?.example as { claim: unknown }).claim),
  openapi: z.object({ openapi: z.string() }).catchall(z.unknown()).meta({ example: { openapi: '3.1.0' } }),
} as const;

/** The name of a response schema (the route table names it; only the OpenAPI build reads the schema). */
export type ResponseName = keyof typeof responses;

/** How a route answers on success, for the OpenAPI document and the contract tests. */
export interface RouteResponse {
  /** JSON body on success, by name (absent: no body, or a page). */
  json?: ResponseName;
  /**
   * With `Accept: text/csv`, the whole list as one CSV file, of any size: the answer is `303 See
   * Other` to a short-lived download URL (shared/files/downloads.ts), never the file itself.
   */
  download?: true;
  /** An HTML page (customer pages; out of the schema checks except the status). */
  html?: true;
}
