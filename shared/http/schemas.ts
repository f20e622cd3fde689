import * as z from 'zod/mini';
import { en } from 'zod/locales';
import { AUDIT_ACTION_NAMES, AUDIT_ACTOR_TYPES } from '#shared/domain/audit.ts';
import { DELEGATED_ADMIN_ROLES, DIRECTORY_ROLES } from '#shared/domain/directory.ts';
import { PARTNER_KINDS } from '#shared/domain/partner.ts';
import { PARTNER_ROLES } from '#shared/domain/partner-roles.ts';
import { WEBHOOK_EVENTS } from '#shared/domain/webhooks.ts';

/**
 * Request schemas: each gives the TypeScript type, the runtime validation (shared/http/chain.ts)
 * and the OpenAPI document (shared/http/openapi.ts, written at build time) from one definition.
 * Written with `zod/mini`, whose functions tree-shake (a function bundles only the checks its
 * schemas use, about 30 KB against 444 KB for all of zod with its locales), with the English
 * messages only.
 */
z.config(en());

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export const Email = z.email().check(z.maxLength(254));
export const DomainName = z.string().check(z.trim(), z.regex(DOMAIN, 'must be a domain name such as contoso.example'));
/**
 * Text that can spoof where it is shown: control characters (Cc), format characters (Cf: the
 * bidirectional embeddings, overrides and isolates U+202A-U+202E and U+2066-U+2069, the marks
 * U+200E, U+200F and U+061C, zero-width characters) and lone surrogates. A name carrying them can
 * reorder a consent page or an email subject ("Contoso" showing as another partner's name).
 */
const SPOOFING = /[\p{Cc}\p{Cf}\p{Cs}]/u;
/** Free text (a message, a reason) may break lines; nothing else invisible. */
const SPOOFING_IN_TEXT = /[\p{Cf}\p{Cs}]|(?![\t\n\r])\p{Cc}/u;
const NO_SPOOFING = 'must not contain control characters or bidirectional formatting characters';
/** A name shown to others (partner, tenant, user): one line of visible characters. */
const Name = z.string().check(z.trim(), z.minLength(1), z.maxLength(200), z.refine((v) => !SPOOFING.test(v), NO_SPOOFING));
/** Free text shown to others: lines of visible characters. */
const Text = (max: number, tooShort?: string) =>
  z.string().check(z.trim(), z.minLength(1, tooShort), z.maxLength(max), z.refine((v) => !SPOOFING_IN_TEXT.test(v), NO_SPOOFING));
/** A string of at most `max` characters. */
const upTo = (max: number) => z.string().check(z.maxLength(max));
/** A string of 1 to `max` characters. */
/** A form field given once or several times (checkboxes of one name), as a list of bounded strings. */
const OneOrMoreText = (max: number, count: number) => z.pipe(z.union([upTo(max), z.array(upTo(max))]), z.transform((v) => (Array.isArray(v) ? v : [v]))).check(z.maxLength(count));
const oneTo = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));
/** An array of `min` to `max` items. */
const arrayOf = <T extends z.core.SomeType>(item: T, min: number, max: number) => z.array(item).check(z.minLength(min), z.maxLength(max));
/** A whole number from `min` to `max`. */
const intIn = (min: number, max: number) => z.int().check(z.minimum(min), z.maximum(max));

export const CreatePartnerBody = z.strictObject({
  name: Name,
  kind: z.enum(PARTNER_KINDS),
  contactEmail: Email,
  providerId: z.optional(oneTo(64)),
  directApiEligible: z.optional(z.boolean()),
});

/** R21: a tenant's id at its identity provider (`tid`): Entra's is a GUID; plain and short in any case. */
const IdpTenantId = z.string().check(z.trim(), z.regex(/^[A-Za-z0-9_.-]{1,128}$/, 'must be the tenant id at the identity provider (the tid claim), such as a GUID'));

export const UpdatePartnerBody = z
  .strictObject({
    directApiEligible: z.optional(z.boolean()),
    status: z.optional(z.enum(['active', 'suspended'])),
    /** R32: the partner's organization at the identity provider: its people may sign in to the portal through it. */
    idpTenantId: z.optional(IdpTenantId),
  })
  .check(z.refine((b) => b.directApiEligible !== undefined || b.status !== undefined || b.idpTenantId !== undefined, 'give directApiEligible, status or idpTenantId'));

export const CreateTenantBody = z.strictObject({
  name: Name,
  initialDomain: DomainName,
  domains: z.optional(arrayOf(DomainName, 0, 50)),
  idpTenantId: z.optional(IdpTenantId),
  requireIdpSignIn: z.optional(z.boolean()),
});

/** R21: a tenant's sign-in settings; `idpTenantId: null` unbinds it. */
export const UpdateTenantBody = z
  .strictObject({
    requireIdpSignIn: z.optional(z.boolean()),
    idpTenantId: z.optional(z.nullable(IdpTenantId)),
  })
  .check(z.refine((b) => b.requireIdpSignIn !== undefined || b.idpTenantId !== undefined, 'give requireIdpSignIn or idpTenantId'));

export const CreateUserBody = z.strictObject({
  email: Email,
  displayName: Name,
  roles: arrayOf(z.enum(DIRECTORY_ROLES), 0, DIRECTORY_ROLES.length),
});

/** `?cursor=&limit=` of every list (API.md). */
export const PageQuery = z.object({
  cursor: z.optional(upTo(2048)),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 50),
});

/** A page's `?cursor=` alone (the portal's lists choose their own size). */
export const CursorQuery = z.object({ cursor: z.optional(upTo(2048)) });

export const AuditQuery = z
  .extend(PageQuery, {
    tenantId: z.optional(oneTo(64)),
    partnerId: z.optional(oneTo(64)),
  })
  .check(z.refine((q) => q.tenantId !== undefined || q.partnerId !== undefined, 'give tenantId or partnerId'));

export const DelegatedAdmin = z.strictObject({
  roles: arrayOf(z.enum(DELEGATED_ADMIN_ROLES), 1, DELEGATED_ADMIN_ROLES.length),
  durationDays: intIn(1, 730),
  /** R31: extend by 180 days at each end, until the customer turns it off. */
  autoExtend: z.optional(z.boolean()),
});

export const CreateConsentRequestBody = z.strictObject({
  recipientEmail: Email,
  tenantDomain: z.optional(DomainName),
  delegatedAdmin: z.optional(DelegatedAdmin),
  message: z.optional(Text(1000)),
});

export const ConsentRequestListQuery = z.extend(PageQuery, {
  status: z.optional(z.enum(['pending', 'accepted', 'declined', 'expired', 'cancelled'])),
});

export const ConsentChecksBody = z.strictObject({
  tenants: arrayOf(z.string().check(z.trim(), z.minLength(1), z.maxLength(253)), 1, 100),
});

/** The consent form of API.md: checkbox `confirm`, hidden `csrf`, and the Accept/Decline button. */
export const ConsentForm = z.object({
  csrf: z.optional(upTo(100)),
  confirm: z.optional(z.literal('yes')),
  action: z.enum(['accept', 'decline']),
});

export const CsrfForm = z.object({ csrf: z.optional(upTo(100)) });

/**
 * R27: the held batch's form: approve (with `confirm=yes` when it is also the acceptance of the
 * partner) or reject, optionally blocking the partner (`block=yes`).
 */
export const HeldBatchForm = z.object({
  csrf: z.optional(upTo(100)),
  action: z.enum(['approve', 'reject']),
  confirm: z.optional(z.literal('yes')),
  block: z.optional(z.literal('yes')),
});

/**
 * R10, R11 from the portal: the confirmation page's form. Without `confirm` (a form of the portal
 * itself, or a forged post) nothing changes: the confirmation page is shown again.
 */
export const RemoveRolesForm = z.object({ csrf: z.optional(upTo(100)), confirm: z.optional(z.literal('remove-roles')) });
export const TerminateForm = z.object({ csrf: z.optional(upTo(100)), confirm: z.optional(z.literal('terminate')) });
/** R31: the customer turns a partner's auto-extension of delegated admin roles off. */
export const AutoExtendForm = z.object({ csrf: z.optional(upTo(100)), autoExtend: z.literal('off') });

/**
 * R28: the portal's approval policy form. Every field is text here: the use case reads it
 * (readApprovalPolicyForm) and the page says what is wrong with each field.
 */
export const ApprovalPolicyForm = z.object({
  csrf: z.optional(upTo(100)),
  mode: z.optional(upTo(100)),
  threshold: z.optional(upTo(100)),
  defaultGroupTag: z.optional(upTo(16_384)),
});

/** R30: "end every CSP relationship", confirmed on its page (`confirm=end-all`). */
export const EndAllForm = z.object({ csrf: z.optional(upTo(100)), confirm: z.optional(z.literal('end-all')) });
/** R30's page: a cursor, and what "end every CSP relationship" just did. */
export const AccessPageQuery = z.object({
  cursor: z.optional(upTo(2048)),
  ended: z.optional(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(10000))),
  notEnded: z.optional(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(10000))),
});

export const SignInVerifyForm = z.object({ token: upTo(100) });

/** `GET /signin/oidc?next=`: where to go once signed in (a local path; anything else is ignored). */
export const OidcSignInQuery = z.object({ next: z.optional(upTo(200)) });

/** The identity provider's answer on the redirect URI (RFC 6749 4.1.2, RFC 9207 `iss`); checked by openid-client. */
export const OidcCallbackQuery = z.object({
  state: z.optional(upTo(200)),
  code: z.optional(upTo(4096)),
  iss: z.optional(upTo(500)),
  error: z.optional(upTo(200)),
  error_description: z.optional(upTo(2000)),
  session_state: z.optional(upTo(500)),
});

export const SignInForm = z.object({
  email: z.string().check(z.trim(), z.maxLength(254)),
  next: z.optional(upTo(200)),
});

export const RevokeBody = z.strictObject({ reason: Text(1000) });

export const RemovalRequestForm = z.object({
  csrf: z.optional(upTo(100)),
  reason: Text(1000, 'give a reason'),
});

/**
 * A submitted device: types and an outer size bound only. Each field's rules are answered per
 * device with the codes of API.md (shared/domain/devices.ts), never as a 400 for the whole call.
 */
const DeviceText = z.optional(upTo(16_384));
export const Device = z.object({
  serialNumber: DeviceText,
  manufacturer: DeviceText,
  model: DeviceText,
  hardwareHash: DeviceText,
  productKeyId: DeviceText,
  groupTag: DeviceText,
});

const TenantId = z.string().check(z.trim(), z.minLength(1), z.maxLength(64));

export const DeviceSubmissionBody = z.strictObject({
  tenantId: TenantId,
  devices: arrayOf(Device, 1, 1000),
});

export const TenantQuery = z.object({ tenantId: TenantId });
/** `POST /v1/device-uploads`: the file registers its devices, or with `action=deregister` deregisters them (R14). */
export const DeviceUploadQuery = z.extend(TenantQuery, { action: z._default(z.enum(['register', 'deregister']), 'register') });

/** A tenant named by its id, or (a batch) by one of its proven domains (R27). */
const TenantIdOrDomain = z.string().check(z.trim(), z.minLength(1), z.maxLength(253));

/**
 * R27: `whenNotAuthorized: "hold"` asks that a registration wait for the customer's approval when
 * the partner is not authorized; `reference` is the partner's order or shipment number.
 */
export const CreateBatchBody = z
  .strictObject({
    tenantId: TenantIdOrDomain,
    action: z.enum(['register', 'deregister']),
    whenNotAuthorized: z.optional(z.enum(['fail', 'hold'])),
    reference: z.optional(Text(100)),
  })
  .check(
    z.refine((b) => !(b.whenNotAuthorized === 'hold' && b.action !== 'register'), { message: 'only a registration can be held for approval', path: ['whenNotAuthorized'] }),
  );
/** A part of a batch: 1-1000 devices (a batch holds up to 100,000). */
export const BatchDevicesBody = z.strictObject({ devices: arrayOf(Device, 1, 1000) });
export const BatchListQuery = z.extend(PageQuery, { tenantId: TenantId });
export const DeviceListQuery = z.extend(PageQuery, { tenantId: TenantId });

export const ConsentStatusCheckBody = z.strictObject({ now: z.optional(z.iso.datetime()) });

export const WebhookBody = z.strictObject({
  url: upTo(2048),
  events: arrayOf(z.enum(WEBHOOK_EVENTS), 1, WEBHOOK_EVENTS.length),
});

/**
 * R32: the partner portal's consent request form. Its fields are bounded here only: the page maps
 * them to the API's body and checks that with `CreateConsentRequestBody` (the same rules as
 * `POST /v1/consent-requests`), showing the form again with what is wrong. `once` is the form's
 * one-time token, the request's Idempotency-Key (R20).
 */
export const PartnerConsentRequestForm = z.object({
  csrf: z.optional(upTo(100)),
  once: z.optional(upTo(100)),
  recipientEmail: z._default(upTo(400), ''),
  tenantDomain: z.optional(upTo(400)),
  delegatedAdmin: z.optional(upTo(8)),
  roles: z.optional(OneOrMoreText(64, 20)),
  durationDays: z.optional(upTo(16)),
  autoExtend: z.optional(upTo(8)),
  message: z.optional(upTo(4000)),
});

/** R32: settings → webhook, checked by the page with `WebhookBody` (the API's rules). */
export const PartnerWebhookForm = z.object({
  csrf: z.optional(upTo(100)),
  url: z._default(upTo(4096), ''),
  events: z.optional(OneOrMoreText(64, 64)),
});

/** A date (`2026-11-30`) or a time (`2026-11-30T10:00:00.000Z`): a bound of a date range. */
const DateOrTime = z.string().check(
  z.refine((v) => /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z)?$/.test(v) && !Number.isNaN(Date.parse(v)) && new Date(v).toISOString().startsWith(v.slice(0, 10)), 'must be a date (2026-11-30) or a UTC time (2026-11-30T10:00:00.000Z)'),
);

/** R23: the tenant's devices, filtered by partner, batch, registration date and identity. */
const TenantDeviceFilter = {
  partnerId: z.optional(oneTo(64)),
  batchId: z.optional(oneTo(64)),
  q: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(8192))),
  registeredAfter: z.optional(DateOrTime),
  registeredBefore: z.optional(DateOrTime),
};
export const TenantDeviceQuery = z.extend(PageQuery, TenantDeviceFilter);
/** The page's filter form (and its export link), without a page size. */
/** A browser sends a form's empty fields as `""`: on the page, an empty filter is no filter. */
const orBlank = <T extends z.core.SomeType>(schema: T) => z.optional(z.union([z.literal(''), schema]));
export const TenantDevicePageQuery = z.object({
  partnerId: orBlank(oneTo(64)),
  batchId: orBlank(oneTo(64)),
  q: z.optional(z.string().check(z.trim(), z.maxLength(8192))),
  registeredAfter: orBlank(DateOrTime),
  registeredBefore: orBlank(DateOrTime),
  cursor: z.optional(upTo(2048)),
});

/**
 * R29: a read of an audit trail: a time range (`from`, `to`: a date or a UTC time; the range is
 * checked by shared/domain/audit.ts's `auditRange`), an actor type and an action from API.md's
 * lists (anything else is 400 naming the parameter), a partner (the tenant's trail) or a tenant
 * (a partner's trail).
 */
const AuditActorType = z.enum(AUDIT_ACTOR_TYPES, { error: `must be one of ${AUDIT_ACTOR_TYPES.join(', ')}` });
const AuditAction = z.enum(AUDIT_ACTION_NAMES, { error: 'is not an action of the audit trail (API.md, shared/domain/audit.ts)' });
const AuditFilterFields = {
  from: z.optional(DateOrTime),
  to: z.optional(DateOrTime),
  actorType: z.optional(AuditActorType),
  action: z.optional(AuditAction),
};
export const TenantAuditQuery = z.extend(PageQuery, { ...AuditFilterFields, partnerId: z.optional(oneTo(64)) });
export const PartnerAuditQuery = z.extend(PageQuery, { ...AuditFilterFields, tenantId: z.optional(oneTo(64)) });
/** The portal's filter form (GET) and its export link: a blank field is no filter. */
export const TenantAuditPageQuery = z.object({
  from: orBlank(DateOrTime),
  to: orBlank(DateOrTime),
  actorType: orBlank(AuditActorType),
  partnerId: orBlank(oneTo(64)),
  action: orBlank(AuditAction),
  cursor: z.optional(upTo(2048)),
});

/** R24: a release is irreversible, so the caller says so. */
const Irreversible = z.literal('irreversible', { error: 'must be "irreversible": a release cannot be undone' });

/** R24: up to 1000 devices, each by its id or by the identities a partner's file names. */
export const DeviceReleaseBody = z.strictObject({
  confirm: Irreversible,
  devices: arrayOf(z.union([z.strictObject({ deviceId: oneTo(64) }), Device]), 1, 1000),
});
export const ReleaseBatchBody = z.strictObject({ confirm: Irreversible });

/** A multi-valued form field (checkboxes of one name) arrives as one value or several. */
const OneOrMore = <T extends z.core.SomeType>(item: T, max: number) => z.pipe(z.union([item, z.array(item)]), z.transform((v) => (Array.isArray(v) ? v : [v]))).check(z.maxLength(max));

/** The portal's release of a selection: its devices, and the confirmation (R24). */
export const DeviceReleaseForm = z.object({
  csrf: z.optional(upTo(100)),
  confirm: z.optional(z.literal('irreversible')),
  deviceId: z.optional(OneOrMore(oneTo(64), 1000)),
});

/** R21: a domain on the portal's domains page (checked as a domain name by the use case, which says why it is refused). */
export const DomainForm = z.object({
  csrf: z.optional(upTo(100)),
  domain: upTo(300),
});

/** R25: a customer API key's name and scopes. */
export const CustomerKeyForm = z.object({
  csrf: z.optional(upTo(100)),
  name: Name,
  scopes: z.optional(OneOrMore(upTo(64), 10)),
});

/** R26: a claim's evidence: the order reference, optionally the purchase date and a note. */
const PurchaseDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2026-11-24'));
export const ClaimEvidence = z.strictObject({
  reference: Text(128),
  purchaseDate: z.optional(PurchaseDate),
  note: z.optional(Text(1000)),
});
/** R26: a partner's claim: 1-1000 devices of a tenant it is authorized for, with evidence. */
export const CreateClaimBody = z.strictObject({
  tenantId: TenantId,
  devices: arrayOf(Device, 1, 1000),
  evidence: ClaimEvidence,
});
/** R26: a claim from a CSV file: its tenant and evidence in the query (a JSON body carries them itself). */
export const ClaimFileQuery = z.object({
  tenantId: z.optional(TenantId),
  reference: z.optional(Text(128)),
  purchaseDate: z.optional(PurchaseDate),
  note: z.optional(Text(1000)),
});
/** R26: a tenant's own claim (proof of possession): hardware hashes, with evidence. */
export const CreateTenantClaimBody = z.strictObject({
  devices: arrayOf(Device, 1, 1000),
  evidence: ClaimEvidence,
});
export const ClaimListQuery = z.extend(PageQuery, {
  tenantId: z.optional(TenantId),
  status: z.optional(z.enum(['open', 'with_operators', 'closed'])),
});
export const TenantClaimListQuery = z.extend(PageQuery, {
  direction: z._default(z.enum(['incoming', 'outgoing']), 'incoming'),
});
/** Which devices of a claim an answer names: their indexes, or all of them. */
const ClaimDevices = z.union([z.literal('all'), arrayOf(z.number().check(z.int(), z.minimum(0), z.maximum(999)), 1, 1000)]);
/** R26: the owner's answer: release or contest (a contest says why). */
export const ClaimResponseBody = z.strictObject({
  devices: ClaimDevices,
  response: z.enum(['release', 'contest']),
  reason: z.optional(Text(1000)),
});
/** R26, S6: an operator's decision on contested and uncontested devices, with a reason. */
export const ClaimDecisionBody = z.strictObject({
  devices: ClaimDevices,
  decision: z.enum(['grant', 'deny']),
  reason: Text(1000),
});
export const OpsClaimListQuery = z.extend(PageQuery, { status: z.enum(['contested', 'uncontested']) });
/** R26: the portal's answer to a claim: release or contest, the selected devices or all, a reason, the release's confirmation. */
export const ClaimAnswerForm = z.object({
  csrf: z.optional(upTo(100)),
  response: z.enum(['release', 'contest']),
  devices: z.optional(OneOrMore(upTo(4), 1000)),
  scope: z.optional(z.literal('all')),
  reason: z.optional(upTo(1000)),
  confirm: z.optional(z.literal('irreversible')),
});
export const DoneQuery = z.object({ done: z.optional(upTo(32)) });

/** R32: a partner's person, made by operators (the first admin). */
export const CreatePartnerPersonBody = z.strictObject({
  email: Email,
  displayName: Name,
  role: z.enum(PARTNER_ROLES),
});

/**
 * R32: the forms of settings → people (invite: email, display name, role; change a role: role).
 * Their fields are checked by the page itself, which shows the form again saying what is wrong
 * (`readPersonForm`), so the schema only bounds them.
 */
export const PartnerPersonForm = z.object({
  csrf: z.optional(upTo(100)),
  email: z._default(upTo(300), ''),
  displayName: z._default(upTo(300), ''),
  role: z._default(upTo(32), ''),
});
/** R32: the partner portal's upload form, with a customer chosen beforehand. */
export const UploadFormQuery = z.object({ tenantId: z.optional(TenantId) });
/** R32: step one of a portal upload (the file goes to S3 next). */
export const UploadStartForm = z.object({ csrf: z.optional(upTo(100)), formToken: z.optional(upTo(100)), tenantId: z.optional(upTo(100)), mode: z.optional(upTo(20)) });
/** R32: a customer's batches in the partner portal, and the next page of them. */
export const PartnerBatchesQuery = z.object({ tenantId: z.optional(TenantId), cursor: z.optional(upTo(2048)) });
