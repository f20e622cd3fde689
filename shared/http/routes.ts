import type * as z from 'zod/mini';
import type { CustomerScope } from '#shared/domain/customer-api-keys.ts';
import {
  AuditQuery,
  ConsentForm,
  ConsentStatusCheckBody,
  WebhookBody,
  CsrfForm,
  HeldBatchForm,
  RemoveRolesForm,
  AutoExtendForm,
  TerminateForm,
  ApprovalPolicyForm,
  EndAllForm,
  AccessPageQuery,
  DeviceListQuery,
  DeviceSubmissionBody,
  TenantQuery,
  DeviceUploadQuery,
  CreateBatchBody,
  BatchDevicesBody,
  BatchListQuery,
  SignInForm,
  SignInVerifyForm,
  ConsentChecksBody,
  ConsentRequestListQuery,
  CreateConsentRequestBody,
  CreatePartnerBody,
  CreateTenantBody,
  UpdateTenantBody,
  OidcSignInQuery,
  OidcCallbackQuery,
  CreateUserBody,
  PageQuery,
  RemovalRequestForm,
  RevokeBody,
  UpdatePartnerBody,
  TenantDeviceQuery,
  TenantDevicePageQuery,
  DeviceReleaseBody,
  ReleaseBatchBody,
  DeviceReleaseForm,
  CustomerKeyForm,
  CursorQuery,
  DomainForm,
  TenantAuditQuery,
  PartnerAuditQuery,
  TenantAuditPageQuery,
  ClaimDecisionBody,
  ClaimFileQuery,
  ClaimListQuery,
  ClaimResponseBody,
  CreateClaimBody,
  CreateTenantClaimBody,
  OpsClaimListQuery,
  TenantClaimListQuery,
  ClaimAnswerForm,
  DoneQuery,
  CreatePartnerPersonBody,
  PartnerPersonForm,
  PartnerConsentRequestForm,
  PartnerWebhookForm,
  UploadFormQuery,
  UploadStartForm,
  PartnerBatchesQuery,
} from './schemas.ts';
// Response schemas by name only: a type import, so no function bundles them (the OpenAPI document
// is written at build time).
import type { RouteResponse } from './response-schemas.ts';

/**
 * The route table: the one list of HTTP routes. The CDK stack deploys exactly these on the HTTP
 * API (with the authorizer where `auth` asks for one), and the local server serves exactly these by
 * invoking the same handlers with API Gateway v2 events.
 */
export type AuthMode = 'operator' | 'partner' | 'customer' | 'none';
export type HttpFunctionName = 'ops-api' | 'partner-api' | 'customer-api' | 'pages' | 'partner-portal';

interface RouteSpecBase {
  /** The Lambda function that serves the route (`functions/<fn>/handler.ts`). */
  fn: HttpFunctionName;
  /** What the route does, in a few words: the OpenAPI operation's summary. */
  summary: string;
  /**
   * What a caller must know beyond the summary, one line: the start of the OpenAPI operation's
   * description, which then says who may call the route (shared/http/openapi.ts).
   */
  description?: string;
  /** JSON body schema; a route with a body refuses other content types (415). */
  body?: z.ZodMiniType;
  /** HTML form body schema (`application/x-www-form-urlencoded`), for the customer pages. */
  form?: z.ZodMiniType;
  /**
   * A file upload (`text/csv`, `application/vnd.ms-excel`, or `multipart/form-data` with one file
   * part), handed to the route as the file's raw bytes (a Buffer; shared/http/file-body.ts). With
   * `body` too, an `application/json` body is parsed by that schema instead.
   */
  file?: true;
  query?: z.ZodMiniType;
  /** Largest body accepted, in bytes (API.md: 64 KB, 6 MB on device endpoints). */
  maxBodyBytes?: number;
  /**
   * The route is counted against limits of API.md "Rate limits": its answers carry the IETF
   * `RateLimit-Policy` and `RateLimit` fields, and it may answer `429 rate_limited` with
   * `Retry-After` (the OpenAPI document says so on the route's responses).
   */
  rateLimited?: true;
  /** Answer status on success, for the OpenAPI document. */
  success: number;
  /** A route that may also succeed with `200` and the same body (a claim that claims nothing: no claim is created): what that means. */
  alsoOk?: string;
  /** What the route answers on success (shared/http/response-schemas.ts), for the OpenAPI document and the contract tests. */
  responses: RouteResponse;
}

/**
 * Who may call a route: `operator` and `partner` routes go through the authorizer; a public route
 * (`none`) says why it may be public, and the CDK stack gives that reason to cdk-nag (APIG4).
 *
 * `idempotencyKey: true` says a partner route accepts an `Idempotency-Key` header (API.md, R20):
 * the chain checks the header once and hands the route `idempotencyKey`, and the OpenAPI document
 * lists the header. Every other route ignores the header. Only partner routes may declare it: an
 * idempotency record belongs to the partner that sent the key.
 */
export type RouteSpec = RouteSpecBase &
  (
    | { auth: 'partner'; idempotencyKey?: true }
    | { auth: 'operator'; idempotencyKey?: never }
    // R25: a customer route names the scope a key needs (none: any key of the tenant).
    | { auth: 'customer'; scope?: CustomerScope; idempotencyKey?: never }
    | { auth: 'none'; publicReason: string; idempotencyKey?: never }
  );

/*
 * The customer pages are public at API Gateway on purpose: customers have no API key or operator
 * token, the only credentials the Lambda authorizer checks, so the pages function authenticates
 * them itself (one-time emailed tokens, then a session cookie, and the session's CSRF token on
 * every form post) and answers refusals as pages.
 */
const CUSTOMER_PAGE =
  'Customer page opened from a consent email or a partner\'s consent link by someone who has no API key: without a sign-in session it only shows the request and asks the visitor to sign in by email (with the emailed one-time token in the path it signs its recipient in); the pages function checks the session itself.';
const CUSTOMER_ANSWER =
  'Customer form post that accepts or declines consent: the pages function refuses it without the session cookie of a signed-in user and that session\'s CSRF token (it redirects to the email sign-in); customers have no API key for the Lambda authorizer to check.';
const SIGN_IN =
  'The email sign-in itself, which has to be reachable before the customer has a session: the form only emails a one-time link to an existing account and answers the same either way, and verify accepts only an unexpired, unused one-time token.';
const OIDC_SIGN_IN =
  "Sign-in with the customer's own identity provider (OpenID Connect), which has to be reachable before the customer has a session: the start only redirects to the provider with a fresh state, nonce and PKCE challenge; the redirect URI signs in only with the single-use state of a flow this browser started and an ID token whose signature, issuer, audience, expiry and nonce verify.";
const PORTAL =
  'Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session\'s CSRF token on every post; customers have no API key for the Lambda authorizer to check.';

// R32: the partner portal authenticates its people itself (emailed link or OIDC, then a partner session and its CSRF token), as the pages do customers.
const PARTNER_SIGN_IN = "Partner portal sign-in, reachable before a session: one-time links only to a partner's people, the same answer either way; OIDC as /signin/oidc.";
const PARTNER_PORTAL = "Partner portal (R32): the function requires a partner person's session of an allowed role, and its CSRF token on every post.";

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
/** API.md: device endpoints take up to 6 MB (1000 devices with hardware hashes). */
export const DEVICE_MAX_BODY_BYTES = 6 * 1024 * 1024;

/*
 * Every partner POST accepts an Idempotency-Key (API.md). Six of them keep a record of the key to
 * make a retry one call; validating devices and consent checks write nothing, and submitting a batch
 * again answers the batch as it is, so a retry of those is one call without a record.
 */
export const routes = {
  'POST /ops/partners': { fn: 'ops-api', auth: 'operator', summary: 'Create a partner and its first API key', body: CreatePartnerBody, success: 201, responses: { json: 'partnerWithKey' } },
  'GET /ops/partners/{partnerId}': { fn: 'ops-api', auth: 'operator', summary: 'Read a partner', success: 200, responses: { json: 'partner' } },
  'PATCH /ops/partners/{partnerId}': { fn: 'ops-api', auth: 'operator', summary: "Change a partner's eligibility or status", description: '`directApiEligible`: OEMs only (R9); `status`: any partner.', body: UpdatePartnerBody, success: 200, responses: { json: 'partner' } },
  'GET /ops/partners/{partnerId}/api-keys': { fn: 'ops-api', auth: 'operator', summary: "List a partner's API keys (never their secrets)", success: 200, responses: { json: 'apiKeys' } },
  'POST /ops/partners/{partnerId}/api-keys': { fn: 'ops-api', auth: 'operator', summary: 'Create another API key (rotation: create, then revoke the old one)', success: 201, responses: { json: 'apiKey' } },
  'DELETE /ops/partners/{partnerId}/api-keys/{keyId}': { fn: 'ops-api', auth: 'operator', summary: 'Revoke an API key', success: 204, responses: {} },
  'POST /ops/tenants': { fn: 'ops-api', auth: 'operator', summary: 'Create a tenant', body: CreateTenantBody, success: 201, responses: { json: 'tenant' } },
  'GET /ops/tenants/{tenantId}': { fn: 'ops-api', auth: 'operator', summary: 'Read a tenant', success: 200, responses: { json: 'tenant' } },
  'PATCH /ops/tenants/{tenantId}': { fn: 'ops-api', auth: 'operator', summary: "Change a tenant's sign-in: its identity-provider tenant id, and whether its users must sign in through it (R21)", body: UpdateTenantBody, success: 200, responses: { json: 'tenant' } },
  'POST /ops/tenants/{tenantId}/users': { fn: 'ops-api', auth: 'operator', summary: 'Create a user of a tenant', body: CreateUserBody, success: 201, responses: { json: 'user' } },
  'POST /ops/relationships/{tenantId}/{partnerId}/revoke': { fn: 'ops-api', auth: 'operator', summary: 'Revoke a relationship, with a reason (R12)', body: RevokeBody, success: 200, responses: { json: 'relationship' } },
  'GET /ops/removal-requests': { fn: 'ops-api', auth: 'operator', summary: "Customers' open OEM removal requests", query: PageQuery, success: 200, responses: { json: 'removalRequests' } },
  'POST /ops/jobs/consent-status-check': { fn: 'ops-api', auth: 'operator', summary: 'Run the scheduled consent-status check now (`now` only when running locally)', body: ConsentStatusCheckBody, success: 200, responses: { json: 'checkResult' } },
  'GET /ops/audit': { fn: 'ops-api', auth: 'operator', summary: 'Audit events of a tenant or partner, newest first', query: AuditQuery, success: 200, responses: { json: 'audit' } },
  'GET /v1/me': { fn: 'partner-api', auth: 'partner', summary: 'The calling partner', success: 200, responses: { json: 'me' } },
  'POST /v1/consent-requests': { fn: 'partner-api', auth: 'partner', idempotencyKey: true, rateLimited: true, summary: 'Ask a customer for consent; the email is sent (Idempotency-Key supported)', body: CreateConsentRequestBody, success: 201, responses: { json: 'consentRequest' } },
  'GET /v1/consent-requests': { fn: 'partner-api', auth: 'partner', summary: "The partner's consent requests, newest first, by status", query: ConsentRequestListQuery, success: 200, responses: { json: 'consentRequests' } },
  'GET /v1/consent-requests/{requestId}': { fn: 'partner-api', auth: 'partner', summary: 'One consent request', success: 200, responses: { json: 'consentRequest' } },
  'DELETE /v1/consent-requests/{requestId}': { fn: 'partner-api', auth: 'partner', summary: 'Cancel a pending consent request', success: 200, responses: { json: 'consentRequest' } },
  'GET /v1/consent-link': { fn: 'partner-api', auth: 'partner', summary: "The partner's reusable consent link", success: 200, responses: { json: 'consentLink' } },
  'GET /v1/customers': { fn: 'partner-api', auth: 'partner', summary: 'Every tenant the partner is authorized for now', query: PageQuery, success: 200, responses: { json: 'customers' } },
  'GET /v1/customers/{tenantId}': { fn: 'partner-api', auth: 'partner', summary: 'One tenant the partner is authorized for', success: 200, responses: { json: 'customer' } },
  'POST /v1/consent-checks': { fn: 'partner-api', auth: 'partner', idempotencyKey: true, summary: 'Consent status for up to 100 tenants, by id or domain', body: ConsentChecksBody, success: 200, responses: { json: 'consentChecks' } },
  'GET /consent/{token}': { fn: 'pages', auth: 'none', summary: 'Consent page; with the emailed token it also signs its recipient in', publicReason: CUSTOMER_PAGE, success: 200, responses: { html: true } },
  'POST /consent/{token}': { fn: 'pages', auth: 'none', summary: 'Accept or decline a consent request', publicReason: CUSTOMER_ANSWER, form: ConsentForm, success: 200, responses: { html: true } },
  'GET /l/{linkId}': { fn: 'pages', auth: 'none', summary: "A partner's reusable consent link", publicReason: CUSTOMER_PAGE, success: 200, responses: { html: true } },
  'POST /l/{linkId}': { fn: 'pages', auth: 'none', summary: "Accept through a partner's reusable consent link", publicReason: CUSTOMER_ANSWER, form: ConsentForm, success: 200, responses: { html: true } },
  'GET /signin': { fn: 'pages', auth: 'none', summary: 'Email sign-in form', publicReason: SIGN_IN, success: 200, responses: { html: true } },
  'POST /signin': { fn: 'pages', auth: 'none', summary: 'Email a one-time sign-in link', publicReason: SIGN_IN, form: SignInForm, success: 200, responses: { html: true } },
  'GET /signin/verify': { fn: 'pages', auth: 'none', summary: 'A one-time sign-in link: shows whom it signs in, with the button that does', publicReason: SIGN_IN, success: 200, responses: { html: true } },
  'POST /signin/verify': { fn: 'pages', auth: 'none', summary: 'Use a one-time sign-in link', publicReason: SIGN_IN, form: SignInVerifyForm, success: 303, responses: { html: true } },
  'GET /signin/oidc': { fn: 'pages', auth: 'none', summary: "Sign in with the organization's identity provider: redirects to its authorization endpoint (code flow, PKCE, state, nonce)", publicReason: OIDC_SIGN_IN, query: OidcSignInQuery, success: 303, responses: { html: true } },
  'GET /signin/oidc/callback': { fn: 'pages', auth: 'none', summary: "The identity provider's redirect URI: verifies its answer and the ID token, then starts the session (R21)", publicReason: OIDC_SIGN_IN, query: OidcCallbackQuery, success: 303, responses: { html: true } },
  'POST /signout': { fn: 'pages', auth: 'none', summary: 'Sign out', publicReason: "Ends the caller's own session: the pages function checks the session cookie and its CSRF token before deleting the session; without a session it only clears the cookie.", form: CsrfForm, success: 303, responses: { html: true } },
  'GET /portal': { fn: 'pages', auth: 'none', summary: "A global admin's partner relationships", publicReason: PORTAL, success: 200, responses: { html: true } },
  'GET /portal/relationships/{partnerId}/remove-roles': { fn: 'pages', auth: 'none', summary: 'Confirm the removal of delegated admin roles (R10): what will happen, and the button that does it', publicReason: PORTAL, success: 200, responses: { html: true } },
  'POST /portal/relationships/{partnerId}/remove-roles': { fn: 'pages', auth: 'none', summary: 'Remove delegated admin roles (R10), once confirmed (`confirm=remove-roles`); without it, the confirmation page again', publicReason: PORTAL, form: RemoveRolesForm, success: 303, responses: { html: true } },
  'GET /portal/relationships/{partnerId}/terminate': { fn: 'pages', auth: 'none', summary: 'Confirm the end of a CSP relationship (R11): what will happen, and the button that does it', publicReason: PORTAL, success: 200, responses: { html: true } },
  'POST /portal/relationships/{partnerId}/terminate': { fn: 'pages', auth: 'none', summary: 'End a CSP relationship (R11), once confirmed (`confirm=terminate`); without it, the confirmation page again', publicReason: PORTAL, form: TerminateForm, success: 303, responses: { html: true } },
  'GET /portal/relationships/{partnerId}/approval-policy': { fn: 'pages', auth: 'none', summary: "A partner's approval policy (R28) and the form that changes it", publicReason: PORTAL, success: 200, responses: { html: true } },
  'POST /portal/relationships/{partnerId}/approval-policy': { fn: 'pages', auth: 'none', summary: "Set a partner's approval policy (R28); bad input shows the form again saying what is wrong", publicReason: PORTAL, form: ApprovalPolicyForm, success: 303, responses: { html: true } },
  'POST /portal/relationships/{partnerId}/auto-extend': { fn: 'pages', auth: 'none', summary: "Turn off the automatic extension of a partner's delegated admin roles (R31, `autoExtend=off`)", publicReason: PORTAL, form: AutoExtendForm, success: 303, responses: { html: true } },
  'POST /portal/relationships/{partnerId}/removal-request': { fn: 'pages', auth: 'none', summary: 'Ask operators to remove an OEM (R12)', publicReason: PORTAL, form: RemovalRequestForm, success: 303, responses: { html: true } },
  'POST /v1/device-submissions/validate': { fn: 'partner-api', auth: 'partner', idempotencyKey: true, summary: 'Judge 1-1000 devices for registration without registering anything (R15)', body: DeviceSubmissionBody, maxBodyBytes: DEVICE_MAX_BODY_BYTES, success: 200, responses: { json: 'validation' } },
  'POST /v1/devices': { fn: 'partner-api', auth: 'partner', idempotencyKey: true, summary: 'Register every valid device, report the rest (Idempotency-Key supported)', body: DeviceSubmissionBody, maxBodyBytes: DEVICE_MAX_BODY_BYTES, success: 200, responses: { json: 'registration' } },
  'POST /v1/device-uploads': { fn: 'partner-api', auth: 'partner', idempotencyKey: true, summary: 'Register (or with action=deregister, deregister) the devices of a CSV file as Get-WindowsAutopilotInfo, Export-Csv, Excel or Partner Center write it (the CSV channel)', query: DeviceUploadQuery, file: true, maxBodyBytes: DEVICE_MAX_BODY_BYTES, success: 200, responses: { json: 'registration' } },
  'GET /v1/devices': { fn: 'partner-api', auth: 'partner', summary: "The partner's registered devices for a tenant", query: DeviceListQuery, success: 200, responses: { json: 'devices' } },
  'DELETE /v1/devices/{deviceId}': { fn: 'partner-api', auth: 'partner', summary: 'Deregister a device (R14)', success: 204, responses: {} },
  'POST /v1/device-batches': { fn: 'partner-api', auth: 'partner', idempotencyKey: true, summary: 'Create a device batch for a tenant (by id, or a proven domain) and an action (Idempotency-Key supported)', description: '`whenNotAuthorized: "hold"` (R27): a registration for a known tenant that has not consented waits for its approval at submission (`awaiting_approval`); unknown tenant 404, blocked by the customer 403.', body: CreateBatchBody, success: 201, responses: { json: 'batch' } },
  'GET /v1/device-batches': { fn: 'partner-api', auth: 'partner', summary: "The partner's batches for a tenant, newest first", query: BatchListQuery, success: 200, responses: { json: 'batches' } },
  'GET /v1/device-batches/{batchId}': { fn: 'partner-api', auth: 'partner', summary: 'One device batch, its status and counts', success: 200, responses: { json: 'batch' } },
  'POST /v1/device-batches/{batchId}/devices': { fn: 'partner-api', auth: 'partner', idempotencyKey: true, summary: 'Add 1-1000 devices (JSON, or a CSV file as for device uploads) to an open batch (Idempotency-Key supported)', body: BatchDevicesBody, file: true, maxBodyBytes: DEVICE_MAX_BODY_BYTES, success: 200, responses: { json: 'batchWithLines' } },
  'POST /v1/device-batches/{batchId}/submit': { fn: 'partner-api', auth: 'partner', idempotencyKey: true, summary: 'Submit a batch: it is worked asynchronously (202, poll its Location)', success: 202, responses: { json: 'batch' } },
  'GET /v1/device-batches/{batchId}/results': { fn: 'partner-api', auth: 'partner', summary: 'Per-device results, paginated; with Accept: text/csv all of them as one CSV file (303 to its download)', query: PageQuery, success: 200, responses: { json: 'batchResults', download: true } },
  'GET /v1/audit': { fn: 'partner-api', auth: 'partner', summary: "The partner's own audit trail: its actions and the changes on it, newest first (R29)", query: PartnerAuditQuery, success: 200, responses: { json: 'auditEvents' } },
  'PUT /v1/webhook': { fn: 'partner-api', auth: 'partner', summary: 'Register the webhook endpoint and its events; the first PUT answers the signing secret, later ones keep it', body: WebhookBody, success: 200, responses: { json: 'webhookWithSecret' } },
  'POST /v1/webhook/secret-rotations': { fn: 'partner-api', auth: 'partner', idempotencyKey: true, summary: 'A new signing secret, shown once; for 24 hours every delivery is signed with the previous one too (Idempotency-Key supported)', success: 201, responses: { json: 'webhookSecretRotation' } },
  'GET /v1/webhook': { fn: 'partner-api', auth: 'partner', summary: 'The webhook endpoint and its events (never the secret)', success: 200, responses: { json: 'webhook' } },
  'GET /v1/webhook/deliveries': { fn: 'partner-api', auth: 'partner', summary: 'Webhook deliveries, newest first, with their state (S4)', query: PageQuery, success: 200, responses: { json: 'deliveries' } },
  'POST /v1/webhook/deliveries/{deliveryId}/redeliver': { fn: 'partner-api', auth: 'partner', idempotencyKey: true, summary: 'Send a delivered or failed delivery again, same webhook-id (S4; Idempotency-Key supported)', success: 202, responses: { json: 'redelivery' } },
  'GET /v1/tenant': { fn: 'customer-api', auth: 'customer', summary: "The key's own tenant (any scope)", success: 200, responses: { json: 'tenant' } },
  'GET /v1/tenant/devices': { fn: 'customer-api', auth: 'customer', scope: 'devices:read', summary: 'Every device registered to the tenant, newest first, with who registered it (R23); filters by partner, batch, registration date and identity; with Accept: text/csv all of them as one CSV file (303 to its download)', query: TenantDeviceQuery, success: 200, responses: { json: 'tenantDevices', download: true } },
  'POST /v1/tenant/device-releases': { fn: 'customer-api', auth: 'customer', scope: 'devices:release', summary: 'Release 1-1000 devices, by id or by their identities: irreversible, confirm "irreversible" (R24)', body: DeviceReleaseBody, maxBodyBytes: DEVICE_MAX_BODY_BYTES, success: 200, responses: { json: 'release' } },
  'POST /v1/tenant/release-batches': { fn: 'customer-api', auth: 'customer', scope: 'devices:release', summary: 'Start a release of up to 100,000 devices (R24): add parts, then submit, as a device batch', body: ReleaseBatchBody, success: 201, responses: { json: 'batch' } },
  'GET /v1/tenant/release-batches/{batchId}': { fn: 'customer-api', auth: 'customer', scope: 'devices:release', summary: 'One release, its status and counts', success: 200, responses: { json: 'batch' } },
  'POST /v1/tenant/release-batches/{batchId}/devices': { fn: 'customer-api', auth: 'customer', scope: 'devices:release', summary: 'Add 1-1000 devices (JSON, or a CSV file as partners upload it) to an open release', body: BatchDevicesBody, file: true, maxBodyBytes: DEVICE_MAX_BODY_BYTES, success: 200, responses: { json: 'batchWithLines' } },
  'POST /v1/tenant/release-batches/{batchId}/submit': { fn: 'customer-api', auth: 'customer', scope: 'devices:release', summary: 'Submit a release: it is worked asynchronously (202, poll its Location)', success: 202, responses: { json: 'batch' } },
  'GET /v1/tenant/release-batches/{batchId}/results': { fn: 'customer-api', auth: 'customer', scope: 'devices:release', summary: "A release's per-device results, paginated; with Accept: text/csv all of them as one CSV file (303 to its download)", query: PageQuery, success: 200, responses: { json: 'batchResults', download: true } },
  'GET /v1/tenant/partners': { fn: 'customer-api', auth: 'customer', scope: 'access:read', summary: 'Everyone with access to the tenant now (R30): each partner, through which reseller, since when, who accepted, its admin roles, the devices it registered and its last activity', query: PageQuery, success: 200, responses: { json: 'tenantPartners' } },
  'GET /portal/access': { fn: 'pages', auth: 'none', summary: 'Everyone with access to the tenant, and "end every CSP relationship" (R30)', publicReason: PORTAL, query: AccessPageQuery, success: 200, responses: { html: true } },
  'GET /portal/access/end-all': { fn: 'pages', auth: 'none', summary: 'Confirm the end of every CSP relationship (R30, R11; OEMs stay, R12): what will happen, and the button that does it', publicReason: PORTAL, success: 200, responses: { html: true } },
  'POST /portal/access/end-all': { fn: 'pages', auth: 'none', summary: 'End every CSP relationship, each as R11 does, once confirmed (`confirm=end-all`); without it, the confirmation page again', publicReason: PORTAL, form: EndAllForm, success: 303, responses: { html: true } },
  'GET /v1/tenant/audit': { fn: 'customer-api', auth: 'customer', scope: 'audit:read', summary: "The tenant's audit trail, newest first (R29); with Accept: text/csv all of it as one CSV file (303 to its download)", query: TenantAuditQuery, success: 200, responses: { json: 'auditEvents', download: true } },
  'GET /portal/devices': { fn: 'pages', auth: 'none', summary: "The tenant's devices, with filters, export and release (R23, R24)", publicReason: PORTAL, query: TenantDevicePageQuery, success: 200, responses: { html: true } },
  'GET /portal/devices/export': { fn: 'pages', auth: 'none', summary: "The tenant's devices as one CSV file: a redirect to its download (R23)", publicReason: PORTAL, query: TenantDevicePageQuery, success: 303, responses: { html: true } },
  'POST /portal/devices/release': { fn: 'pages', auth: 'none', summary: 'Release the selected devices, after the confirmation (R24)', publicReason: PORTAL, form: DeviceReleaseForm, success: 200, responses: { html: true } },
  'POST /portal/devices/release-file': { fn: 'pages', auth: 'none', summary: 'Release the devices of a file (multipart, with the confirmation), as a release batch (R24)', publicReason: PORTAL, file: true, maxBodyBytes: DEVICE_MAX_BODY_BYTES, success: 303, responses: { html: true } },
  'GET /portal/devices/releases/{batchId}': { fn: 'pages', auth: 'none', summary: "A release from a file: its progress and results (R24)", publicReason: PORTAL, success: 200, responses: { html: true } },
  'GET /portal/devices/releases/{batchId}/results': { fn: 'pages', auth: 'none', summary: "A release's results as one CSV file: a redirect to its download", publicReason: PORTAL, success: 303, responses: { html: true } },
  'GET /portal/batches/{batchId}': { fn: 'pages', auth: 'none', summary: 'A held batch (R27): the partner, the devices, and the form that approves it (with the consent when there is none yet) or rejects it', publicReason: PORTAL, success: 200, responses: { html: true } },
  'POST /portal/batches/{batchId}': { fn: 'pages', auth: 'none', summary: 'Approve (with `confirm=yes` when it is also the consent, R1-R9) or reject (optionally `block=yes`) a held batch (R27)', publicReason: PORTAL, form: HeldBatchForm, success: 200, responses: { html: true } },
  'POST /portal/hold-blocks/{partnerId}/remove': { fn: 'pages', auth: 'none', summary: 'Unblock a partner: it may hold batches for the tenant again (R27)', publicReason: PORTAL, form: CsrfForm, success: 303, responses: { html: true } },
  'GET /portal/claims': { fn: 'pages', auth: 'none', summary: "Claims on the tenant's devices and its own, and a new claim from a CSV of hardware hashes (R26)", publicReason: PORTAL, query: DoneQuery, success: 200, responses: { html: true } },
  'POST /portal/claims': { fn: 'pages', auth: 'none', summary: 'Claim the devices of a hardware hash file (multipart: the file, the reference, optionally the purchase date and a note; R26)', publicReason: PORTAL, file: true, maxBodyBytes: DEVICE_MAX_BODY_BYTES, success: 303, responses: { html: true } },
  'GET /portal/claims/{claimId}': { fn: 'pages', auth: 'none', summary: "One claim: the owner's devices with release and contest, or the claimant's with withdraw (R26)", publicReason: PORTAL, query: DoneQuery, success: 200, responses: { html: true } },
  'POST /portal/claims/{claimId}/responses': { fn: 'pages', auth: 'none', summary: 'Release (confirmed) or contest (with a reason) the selected devices of a claim, or all of them (R26)', publicReason: PORTAL, form: ClaimAnswerForm, success: 303, responses: { html: true } },
  'POST /portal/claims/{claimId}/withdraw': { fn: 'pages', auth: 'none', summary: "Withdraw the tenant's own claim (R26)", publicReason: PORTAL, form: CsrfForm, success: 303, responses: { html: true } },
  'GET /portal/api-keys': { fn: 'pages', auth: 'none', summary: "The tenant's customer API keys (R25)", publicReason: PORTAL, query: CursorQuery, success: 200, responses: { html: true } },
  'POST /portal/api-keys': { fn: 'pages', auth: 'none', summary: 'Create a customer API key with scopes; its secret is shown once (R25)', publicReason: PORTAL, form: CustomerKeyForm, success: 200, responses: { html: true } },
  'POST /portal/api-keys/{keyId}/revoke': { fn: 'pages', auth: 'none', summary: 'Revoke a customer API key at once (R25)', publicReason: PORTAL, form: CsrfForm, success: 303, responses: { html: true } },
  'GET /portal/audit': { fn: 'pages', auth: 'none', summary: "The tenant's audit trail with its filters (R29)", publicReason: PORTAL, query: TenantAuditPageQuery, success: 200, responses: { html: true } },
  'GET /portal/audit/export': { fn: 'pages', auth: 'none', summary: "The tenant's audit trail as one CSV file: a redirect to its download (R29)", publicReason: PORTAL, query: TenantAuditPageQuery, success: 303, responses: { html: true } },
  'GET /portal/domains': { fn: 'pages', auth: 'none', summary: "The tenant's domains, and the DNS TXT record that proves a new one (R21)", publicReason: PORTAL, success: 200, responses: { html: true } },
  'POST /portal/domains': { fn: 'pages', auth: 'none', summary: 'Start proving a domain: the page then shows the TXT record to publish (R21)', publicReason: PORTAL, form: DomainForm, success: 303, responses: { html: true } },
  'POST /portal/domains/check': { fn: 'pages', auth: 'none', summary: "Check a domain's TXT record now; proven, the domain is the tenant's (R21)", publicReason: PORTAL, form: DomainForm, success: 200, responses: { html: true } },
  'POST /portal/domains/remove': { fn: 'pages', auth: 'none', summary: 'Stop proving a domain (R21)', publicReason: PORTAL, form: DomainForm, success: 303, responses: { html: true } },
  'POST /v1/device-claims': { fn: 'partner-api', auth: 'partner', idempotencyKey: true, summary: 'Claim 1-1000 devices registered to other tenants for a tenant the partner is authorized for, with evidence (R26); JSON, or a CSV file with ?tenantId=&reference= (Idempotency-Key supported)', query: ClaimFileQuery, body: CreateClaimBody, file: true, maxBodyBytes: DEVICE_MAX_BODY_BYTES, success: 201, alsoOk: 'No device could be claimed: each row says why; no claim was made', responses: { json: 'claimOpened' } },
  'GET /v1/device-claims': { fn: 'partner-api', auth: 'partner', summary: "The partner's device claims, newest first, by tenant and state (R26)", query: ClaimListQuery, success: 200, responses: { json: 'claims' } },
  'GET /v1/device-claims/{claimId}': { fn: 'partner-api', auth: 'partner', summary: 'One device claim: its state, deadline and counts; never the owners (R19)', success: 200, responses: { json: 'claim' } },
  'GET /v1/device-claims/{claimId}/devices': { fn: 'partner-api', auth: 'partner', summary: "A claim's devices and the state of each (R26)", query: PageQuery, success: 200, responses: { json: 'claimDevices' } },
  'POST /v1/device-claims/{claimId}/withdraw': { fn: 'partner-api', auth: 'partner', idempotencyKey: true, summary: 'Withdraw a claim: every device not yet decided is withdrawn (Idempotency-Key supported)', success: 200, responses: { json: 'claim' } },
  'GET /v1/tenant/device-claims': { fn: 'customer-api', auth: 'customer', scope: 'claims:write', summary: "Claims on the tenant's devices (incoming: the claimant partner's name, never its tenant) or made for it (outgoing), newest first (R26)", query: TenantClaimListQuery, success: 200, responses: { json: 'tenantClaims' } },
  'POST /v1/tenant/device-claims': { fn: 'customer-api', auth: 'customer', scope: 'claims:write', summary: "Claim devices registered to other tenants by the hardware hashes captured on them (proof of possession, R26): JSON, or a CSV file (Get-WindowsAutopilotInfo's) with ?reference=", query: ClaimFileQuery, body: CreateTenantClaimBody, file: true, maxBodyBytes: DEVICE_MAX_BODY_BYTES, success: 201, alsoOk: 'No device could be claimed: each row says why; no claim was made', responses: { json: 'claimOpened' } },
  'GET /v1/tenant/device-claims/{claimId}': { fn: 'customer-api', auth: 'customer', scope: 'claims:write', summary: 'One claim, incoming or outgoing (R26)', success: 200, responses: { json: 'tenantClaim' } },
  'GET /v1/tenant/device-claims/{claimId}/devices': { fn: 'customer-api', auth: 'customer', scope: 'claims:write', summary: "A claim's devices: all of an outgoing claim, the tenant's own of an incoming one (R26)", query: PageQuery, success: 200, responses: { json: 'claimDevices' } },
  'POST /v1/tenant/device-claims/{claimId}/responses': { fn: 'customer-api', auth: 'customer', scope: 'claims:write', summary: 'Answer an incoming claim before its deadline: release devices (they move to the claimant at once) or contest them with a reason (R26)', body: ClaimResponseBody, success: 200, responses: { json: 'tenantClaim' } },
  'POST /v1/tenant/device-claims/{claimId}/withdraw': { fn: 'customer-api', auth: 'customer', scope: 'claims:write', summary: "Withdraw the tenant's own claim: every device not yet decided is withdrawn", success: 200, responses: { json: 'tenantClaim' } },
  'GET /ops/device-claims': { fn: 'ops-api', auth: 'operator', summary: 'Claims with contested or uncontested devices to decide, oldest first (R26, S6)', query: OpsClaimListQuery, success: 200, responses: { json: 'operatorClaims' } },
  'GET /ops/device-claims/{claimId}': { fn: 'ops-api', auth: 'operator', summary: "A claim with both sides' evidence and every device (R26)", success: 200, responses: { json: 'operatorClaim' } },
  'POST /ops/device-claims/{claimId}/decisions': { fn: 'ops-api', auth: 'operator', summary: 'Grant (the devices move to the claimant) or deny contested and uncontested devices, with a reason (R26)', body: ClaimDecisionBody, success: 200, responses: { json: 'operatorClaim' } },
  'POST /ops/partners/{partnerId}/users': { fn: 'ops-api', auth: 'operator', summary: "Create a partner's person (R32), its first admin: emailed a sign-in link; 409 if the email is one already", body: CreatePartnerPersonBody, success: 201, responses: { json: 'partnerPerson' } },
  'GET /partner/signin': { fn: 'partner-portal', auth: 'none', summary: 'Partner portal sign-in (R32)', publicReason: PARTNER_SIGN_IN, success: 200, responses: { html: true } },
  'POST /partner/signin': { fn: 'partner-portal', auth: 'none', summary: 'Email a partner person a one-time sign-in link', publicReason: PARTNER_SIGN_IN, form: SignInForm, success: 200, responses: { html: true } },
  'GET /partner/signin/verify': { fn: 'partner-portal', auth: 'none', summary: 'A partner sign-in link: whom it signs in, and the button', publicReason: PARTNER_SIGN_IN, success: 200, responses: { html: true } },
  'POST /partner/signin/verify': { fn: 'partner-portal', auth: 'none', summary: 'Use a partner sign-in link', publicReason: PARTNER_SIGN_IN, form: SignInVerifyForm, success: 303, responses: { html: true } },
  'GET /partner/signin/oidc': { fn: 'partner-portal', auth: 'none', summary: 'Partner sign-in with the organization (OIDC)', publicReason: PARTNER_SIGN_IN, query: OidcSignInQuery, success: 303, responses: { html: true } },
  'GET /partner/signin/oidc/callback': { fn: 'partner-portal', auth: 'none', summary: "The partner portal's OIDC redirect URI", publicReason: PARTNER_SIGN_IN, query: OidcCallbackQuery, success: 303, responses: { html: true } },
  'POST /partner/signout': { fn: 'partner-portal', auth: 'none', summary: 'Sign out of the partner portal', publicReason: PARTNER_SIGN_IN, form: CsrfForm, success: 303, responses: { html: true } },
  'GET /partner': { fn: 'partner-portal', auth: 'none', summary: 'Partner portal dashboard', publicReason: PARTNER_PORTAL, success: 200, responses: { html: true } },
  'GET /partner/settings': { fn: 'partner-portal', auth: 'none', summary: 'Partner settings (admins)', publicReason: PARTNER_PORTAL, query: DoneQuery, success: 200, responses: { html: true } },
  'POST /partner/settings/people': { fn: 'partner-portal', auth: 'none', summary: 'Invite a person with a role (admins)', publicReason: PARTNER_PORTAL, form: PartnerPersonForm, success: 303, responses: { html: true } },
  'POST /partner/settings/people/{userId}/role': { fn: 'partner-portal', auth: 'none', summary: "Change a person's role (admins)", publicReason: PARTNER_PORTAL, form: PartnerPersonForm, success: 303, responses: { html: true } },
  'POST /partner/settings/people/{userId}/remove': { fn: 'partner-portal', auth: 'none', summary: 'Remove a person (admins)', publicReason: PARTNER_PORTAL, form: CsrfForm, success: 303, responses: { html: true } },
  'GET /partner/customers': { fn: 'partner-portal', auth: 'none', summary: 'Customers (R8)', publicReason: PARTNER_PORTAL, query: CursorQuery, success: 200, responses: { html: true } },
  'GET /partner/consent-requests/new': { fn: 'partner-portal', auth: 'none', summary: 'Consent request form', publicReason: PARTNER_PORTAL, success: 200, responses: { html: true } },
  'POST /partner/consent-requests': { fn: 'partner-portal', auth: 'none', summary: 'Send a consent request', publicReason: PARTNER_PORTAL, form: PartnerConsentRequestForm, success: 303, responses: { html: true } },
  'GET /partner/consent-requests/{requestId}': { fn: 'partner-portal', auth: 'none', summary: 'A consent request', publicReason: PARTNER_PORTAL, query: DoneQuery, success: 200, responses: { html: true } },
  'GET /partner/consent-link': { fn: 'partner-portal', auth: 'none', summary: 'The consent link', publicReason: PARTNER_PORTAL, success: 200, responses: { html: true } },
  'POST /partner/settings/api-keys': { fn: 'partner-portal', auth: 'none', summary: 'Create an API key', publicReason: PARTNER_PORTAL, form: CsrfForm, success: 200, responses: { html: true } },
  'POST /partner/settings/api-keys/{keyId}/revoke': { fn: 'partner-portal', auth: 'none', summary: 'Revoke an API key', publicReason: PARTNER_PORTAL, form: CsrfForm, success: 303, responses: { html: true } },
  'POST /partner/settings/webhook': { fn: 'partner-portal', auth: 'none', summary: 'Set the webhook', publicReason: PARTNER_PORTAL, form: PartnerWebhookForm, success: 303, responses: { html: true } },
  'POST /partner/settings/webhook/secret-rotations': { fn: 'partner-portal', auth: 'none', summary: 'Rotate the webhook secret', publicReason: PARTNER_PORTAL, form: CsrfForm, success: 200, responses: { html: true } },
  'POST /partner/settings/webhook/deliveries/{deliveryId}/redeliver': { fn: 'partner-portal', auth: 'none', summary: 'Redeliver a delivery', publicReason: PARTNER_PORTAL, form: CsrfForm, success: 303, responses: { html: true } },
  'GET /partner/uploads/new': { fn: 'partner-portal', auth: 'none', summary: 'Device file upload (R14)', publicReason: PARTNER_PORTAL, query: UploadFormQuery, success: 200, responses: { html: true } },
  'POST /partner/uploads': { fn: 'partner-portal', auth: 'none', summary: 'Start a device file upload', publicReason: PARTNER_PORTAL, form: UploadStartForm, success: 303, responses: { html: true } },
  'GET /partner/uploads/{uploadId}': { fn: 'partner-portal', auth: 'none', summary: 'An upload: its file form, progress', publicReason: PARTNER_PORTAL, success: 200, responses: { html: true } },
  'GET /partner/batches': { fn: 'partner-portal', auth: 'none', summary: "A customer's batches", publicReason: PARTNER_PORTAL, query: PartnerBatchesQuery, success: 200, responses: { html: true } },
  'GET /partner/batches/{batchId}': { fn: 'partner-portal', auth: 'none', summary: 'A batch and its results', publicReason: PARTNER_PORTAL, query: CursorQuery, success: 200, responses: { html: true } },
  'GET /partner/batches/{batchId}/results': { fn: 'partner-portal', auth: 'none', summary: "A batch's results CSV", publicReason: PARTNER_PORTAL, success: 303, responses: { html: true } },
  'GET /openapi.json': { fn: 'partner-api', auth: 'none', summary: 'This OpenAPI document', publicReason: 'The OpenAPI document of the partner API is public on purpose: partners read it before they hold an API key, and it describes the API only, no data.', success: 200, responses: { json: 'openapi' } },
} as const satisfies Record<string, RouteSpec>;

export type RouteKey = keyof typeof routes;

/**
 * What the chain reads of a route at run time. Each function gets its own routes' (generated into
 * shared/http/route-specs/<fn>.ts by `npm run generate`), never this whole table.
 */
export type RouteRuntime = Pick<RouteSpecBase, 'query' | 'body' | 'form' | 'file' | 'maxBodyBytes'> & {
  auth: AuthMode;
  scope?: CustomerScope;
  idempotencyKey?: true;
};
export interface FunctionRoutes<F extends HttpFunctionName> {
  fn: F;
  routes: { readonly [K in RoutesOf<F>]: RouteRuntime };
}
export type RoutesOf<F extends HttpFunctionName> = {
  [K in RouteKey]: (typeof routes)[K]['fn'] extends F ? K : never;
}[RouteKey];


/** "GET /ops/partners/{partnerId}" -> method and path. */
export function splitRouteKey(key: string): { method: string; path: string } {
  const [method, path] = key.split(' ');
  return { method, path };
}
