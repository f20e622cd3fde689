import { z } from 'zod';
import { DELEGATED_ADMIN_ROLES, DIRECTORY_ROLES } from '../domain/directory.ts';
import { PARTNER_KINDS } from '../domain/partner.ts';
import { WEBHOOK_EVENTS } from '../domain/webhooks.ts';

/**
 * Request schemas: each gives the TypeScript type, the runtime validation (shared/http/chain.ts)
 * and the OpenAPI document (shared/http/openapi.ts) from one definition.
 */
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export const Email = z.email().max(254);
export const DomainName = z.string().trim().regex(DOMAIN, 'must be a domain name such as contoso.example');
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
const Name = z.string().trim().min(1).max(200).refine((v) => !SPOOFING.test(v), NO_SPOOFING);
/** Free text shown to others: lines of visible characters. */
const Text = (max: number, tooShort?: string) =>
  z.string().trim().min(1, tooShort).max(max).refine((v) => !SPOOFING_IN_TEXT.test(v), NO_SPOOFING);

export const CreatePartnerBody = z.strictObject({
  name: Name,
  kind: z.enum(PARTNER_KINDS),
  contactEmail: Email,
  providerId: z.string().min(1).max(64).optional(),
  directApiEligible: z.boolean().optional(),
});

export const UpdatePartnerBody = z
  .strictObject({
    directApiEligible: z.boolean().optional(),
    status: z.enum(['active', 'suspended']).optional(),
  })
  .refine((b) => b.directApiEligible !== undefined || b.status !== undefined, {
    message: 'give directApiEligible or status',
  });

/** R21: a tenant's id at its identity provider (`tid`): Entra's is a GUID; plain and short in any case. */
const IdpTenantId = z.string().trim().regex(/^[A-Za-z0-9_.-]{1,128}$/, 'must be the tenant id at the identity provider (the tid claim), such as a GUID');

export const CreateTenantBody = z.strictObject({
  name: Name,
  initialDomain: DomainName,
  domains: z.array(DomainName).max(50).optional(),
  idpTenantId: IdpTenantId.optional(),
  requireIdpSignIn: z.boolean().optional(),
});

/** R21: a tenant's sign-in settings; `idpTenantId: null` unbinds it. */
export const UpdateTenantBody = z
  .strictObject({
    requireIdpSignIn: z.boolean().optional(),
    idpTenantId: IdpTenantId.nullable().optional(),
  })
  .refine((b) => b.requireIdpSignIn !== undefined || b.idpTenantId !== undefined, {
    message: 'give requireIdpSignIn or idpTenantId',
  });

export const CreateUserBody = z.strictObject({
  email: Email,
  displayName: Name,
  roles: z.array(z.enum(DIRECTORY_ROLES)).max(DIRECTORY_ROLES.length),
});

/** `?cursor=&limit=` of every list (API.md). */
export const PageQuery = z.object({
  cursor: z.string().max(2048).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const AuditQuery = PageQuery.extend({
  tenantId: z.string().min(1).max(64).optional(),
  partnerId: z.string().min(1).max(64).optional(),
}).refine((q) => q.tenantId !== undefined || q.partnerId !== undefined, {
  message: 'give tenantId or partnerId',
});

export const DelegatedAdmin = z.strictObject({
  roles: z.array(z.enum(DELEGATED_ADMIN_ROLES)).min(1).max(DELEGATED_ADMIN_ROLES.length),
  durationDays: z.number().int().min(1).max(730),
});

export const CreateConsentRequestBody = z.strictObject({
  recipientEmail: Email,
  tenantDomain: DomainName.optional(),
  delegatedAdmin: DelegatedAdmin.optional(),
  message: Text(1000).optional(),
});

export const ConsentRequestListQuery = PageQuery.extend({
  status: z.enum(['pending', 'accepted', 'declined', 'expired', 'cancelled']).optional(),
});

export const ConsentChecksBody = z.strictObject({
  tenants: z.array(z.string().trim().min(1).max(253)).min(1).max(100),
});

/** The consent form of API.md: checkbox `confirm`, hidden `csrf`, and the Accept/Decline button. */
export const ConsentForm = z.object({
  csrf: z.string().max(100).optional(),
  confirm: z.literal('yes').optional(),
  action: z.enum(['accept', 'decline']),
});

export const CsrfForm = z.object({ csrf: z.string().max(100).optional() });

export const SignInVerifyForm = z.object({ token: z.string().max(100) });

/** `GET /signin/oidc?next=`: where to go once signed in (a local path; anything else is ignored). */
export const OidcSignInQuery = z.object({ next: z.string().max(200).optional() });

/** The identity provider's answer on the redirect URI (RFC 6749 4.1.2, RFC 9207 `iss`); checked by openid-client. */
export const OidcCallbackQuery = z.object({
  state: z.string().max(200).optional(),
  code: z.string().max(4096).optional(),
  iss: z.string().max(500).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
  session_state: z.string().max(500).optional(),
});

export const SignInForm = z.object({
  email: z.string().trim().max(254),
  next: z.string().max(200).optional(),
});

export const RevokeBody = z.strictObject({ reason: Text(1000) });

export const RemovalRequestForm = z.object({
  csrf: z.string().max(100).optional(),
  reason: Text(1000, 'give a reason'),
});

/**
 * A submitted device: types and an outer size bound only. Each field's rules are answered per
 * device with the codes of API.md (shared/domain/devices.ts), never as a 400 for the whole call.
 */
const DeviceText = z.string().max(16_384);
export const Device = z.object({
  serialNumber: DeviceText.optional(),
  manufacturer: DeviceText.optional(),
  model: DeviceText.optional(),
  hardwareHash: DeviceText.optional(),
  productKeyId: DeviceText.optional(),
  groupTag: DeviceText.optional(),
});

const TenantId = z.string().trim().min(1).max(64);

export const DeviceSubmissionBody = z.strictObject({
  tenantId: TenantId,
  devices: z.array(Device).min(1).max(1000),
});

export const TenantQuery = z.object({ tenantId: TenantId });
/** `POST /v1/device-uploads`: the file registers its devices, or with `action=deregister` deregisters them (R14). */
export const DeviceUploadQuery = TenantQuery.extend({ action: z.enum(['register', 'deregister']).default('register') });

export const CreateBatchBody = z.strictObject({
  tenantId: TenantId,
  action: z.enum(['register', 'deregister']),
});
/** A part of a batch: 1-1000 devices (a batch holds up to 100,000). */
export const BatchDevicesBody = z.strictObject({ devices: z.array(Device).min(1).max(1000) });
export const BatchListQuery = PageQuery.extend({ tenantId: TenantId });
export const DeviceListQuery = PageQuery.extend({ tenantId: TenantId });

export const ConsentStatusCheckBody = z.strictObject({ now: z.iso.datetime().optional() });

export const WebhookBody = z.strictObject({
  url: z.string().max(2048),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length),
});
