// Written by `npm run generate` from functions/partner-api/openapi.json (openapi-typescript): do not edit.
// The CLI calls the API only through these types (cli/client.ts), so a changed contract breaks its compile.

export interface paths {
    "/ops/partners": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a partner and its first API key
         * @description Operators only: the operator token as `Authorization: Bearer`.
         */
        post: operations["postOpsPartners"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ops/partners/{partnerId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a partner
         * @description Operators only: the operator token as `Authorization: Bearer`.
         */
        get: operations["getOpsPartnersPartnerid"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a partner's eligibility or status
         * @description `directApiEligible`: OEMs only (R9); `status`: any partner. Operators only: the operator token as `Authorization: Bearer`.
         */
        patch: operations["patchOpsPartnersPartnerid"];
        trace?: never;
    };
    "/ops/partners/{partnerId}/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a partner's API keys (never their secrets)
         * @description Operators only: the operator token as `Authorization: Bearer`.
         */
        get: operations["getOpsPartnersPartneridApiKeys"];
        put?: never;
        /**
         * Create another API key (rotation: create, then revoke the old one)
         * @description Operators only: the operator token as `Authorization: Bearer`.
         */
        post: operations["postOpsPartnersPartneridApiKeys"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ops/partners/{partnerId}/api-keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description Operators only: the operator token as `Authorization: Bearer`.
         */
        delete: operations["deleteOpsPartnersPartneridApiKeysKeyid"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ops/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a tenant
         * @description Operators only: the operator token as `Authorization: Bearer`.
         */
        post: operations["postOpsTenants"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ops/tenants/{tenantId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a tenant
         * @description Operators only: the operator token as `Authorization: Bearer`.
         */
        get: operations["getOpsTenantsTenantid"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a tenant's sign-in: its identity-provider tenant id, and whether its users must sign in through it (R21)
         * @description Operators only: the operator token as `Authorization: Bearer`.
         */
        patch: operations["patchOpsTenantsTenantid"];
        trace?: never;
    };
    "/ops/tenants/{tenantId}/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a user of a tenant
         * @description Operators only: the operator token as `Authorization: Bearer`.
         */
        post: operations["postOpsTenantsTenantidUsers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ops/relationships/{tenantId}/{partnerId}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke a relationship, with a reason (R12)
         * @description Operators only: the operator token as `Authorization: Bearer`.
         */
        post: operations["postOpsRelationshipsTenantidPartneridRevoke"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ops/removal-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Customers' open OEM removal requests
         * @description Operators only: the operator token as `Authorization: Bearer`.
         */
        get: operations["getOpsRemovalRequests"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ops/jobs/consent-status-check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run the scheduled consent-status check now (`now` only when running locally)
         * @description Operators only: the operator token as `Authorization: Bearer`.
         */
        post: operations["postOpsJobsConsentStatusCheck"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ops/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Audit events of a tenant or partner, newest first
         * @description Operators only: the operator token as `Authorization: Bearer`.
         */
        get: operations["getOpsAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The calling partner
         * @description A partner's API key as `Authorization: Bearer`.
         */
        get: operations["getV1Me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consent-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The partner's consent requests, newest first, by status
         * @description A partner's API key as `Authorization: Bearer`.
         */
        get: operations["getV1ConsentRequests"];
        put?: never;
        /**
         * Ask a customer for consent; the email is sent (Idempotency-Key supported)
         * @description A partner's API key as `Authorization: Bearer`; accepts an `Idempotency-Key` that makes a retry safe (R20).
         */
        post: operations["postV1ConsentRequests"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consent-requests/{requestId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One consent request
         * @description A partner's API key as `Authorization: Bearer`.
         */
        get: operations["getV1ConsentRequestsRequestid"];
        put?: never;
        post?: never;
        /**
         * Cancel a pending consent request
         * @description A partner's API key as `Authorization: Bearer`.
         */
        delete: operations["deleteV1ConsentRequestsRequestid"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consent-link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The partner's reusable consent link
         * @description A partner's API key as `Authorization: Bearer`.
         */
        get: operations["getV1ConsentLink"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every tenant the partner is authorized for now
         * @description A partner's API key as `Authorization: Bearer`.
         */
        get: operations["getV1Customers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{tenantId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One tenant the partner is authorized for
         * @description A partner's API key as `Authorization: Bearer`.
         */
        get: operations["getV1CustomersTenantid"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consent-checks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Consent status for up to 100 tenants, by id or domain
         * @description A partner's API key as `Authorization: Bearer`; accepts an `Idempotency-Key` that makes a retry safe (R20).
         */
        post: operations["postV1ConsentChecks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/consent/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Consent page; with the emailed token it also signs its recipient in
         * @description Public: Customer page opened from a consent email or a partner's consent link by someone who has no API key: without a sign-in session it only shows the request and asks the visitor to sign in by email (with the emailed one-time token in the path it signs its recipient in); the pages function checks the session itself.
         */
        get: operations["getConsentToken"];
        put?: never;
        /**
         * Accept or decline a consent request
         * @description Public: Customer form post that accepts or declines consent: the pages function refuses it without the session cookie of a signed-in user and that session's CSRF token (it redirects to the email sign-in); customers have no API key for the Lambda authorizer to check.
         */
        post: operations["postConsentToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/l/{linkId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A partner's reusable consent link
         * @description Public: Customer page opened from a consent email or a partner's consent link by someone who has no API key: without a sign-in session it only shows the request and asks the visitor to sign in by email (with the emailed one-time token in the path it signs its recipient in); the pages function checks the session itself.
         */
        get: operations["getLLinkid"];
        put?: never;
        /**
         * Accept through a partner's reusable consent link
         * @description Public: Customer form post that accepts or declines consent: the pages function refuses it without the session cookie of a signed-in user and that session's CSRF token (it redirects to the email sign-in); customers have no API key for the Lambda authorizer to check.
         */
        post: operations["postLLinkid"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/signin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Email sign-in form
         * @description Public: The email sign-in itself, which has to be reachable before the customer has a session: the form only emails a one-time link to an existing account and answers the same either way, and verify accepts only an unexpired, unused one-time token.
         */
        get: operations["getSignin"];
        put?: never;
        /**
         * Email a one-time sign-in link
         * @description Public: The email sign-in itself, which has to be reachable before the customer has a session: the form only emails a one-time link to an existing account and answers the same either way, and verify accepts only an unexpired, unused one-time token.
         */
        post: operations["postSignin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/signin/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A one-time sign-in link: shows whom it signs in, with the button that does
         * @description Public: The email sign-in itself, which has to be reachable before the customer has a session: the form only emails a one-time link to an existing account and answers the same either way, and verify accepts only an unexpired, unused one-time token.
         */
        get: operations["getSigninVerify"];
        put?: never;
        /**
         * Use a one-time sign-in link
         * @description Public: The email sign-in itself, which has to be reachable before the customer has a session: the form only emails a one-time link to an existing account and answers the same either way, and verify accepts only an unexpired, unused one-time token.
         */
        post: operations["postSigninVerify"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/signin/oidc": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Sign in with the organization's identity provider: redirects to its authorization endpoint (code flow, PKCE, state, nonce)
         * @description Public: Sign-in with the customer's own identity provider (OpenID Connect), which has to be reachable before the customer has a session: the start only redirects to the provider with a fresh state, nonce and PKCE challenge; the redirect URI signs in only with the single-use state of a flow this browser started and an ID token whose signature, issuer, audience, expiry and nonce verify.
         */
        get: operations["getSigninOidc"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/signin/oidc/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The identity provider's redirect URI: verifies its answer and the ID token, then starts the session (R21)
         * @description Public: Sign-in with the customer's own identity provider (OpenID Connect), which has to be reachable before the customer has a session: the start only redirects to the provider with a fresh state, nonce and PKCE challenge; the redirect URI signs in only with the single-use state of a flow this browser started and an ID token whose signature, issuer, audience, expiry and nonce verify.
         */
        get: operations["getSigninOidcCallback"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/signout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign out
         * @description Public: Ends the caller's own session: the pages function checks the session cookie and its CSRF token before deleting the session; without a session it only clears the cookie.
         */
        post: operations["postSignout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A global admin's partner relationships
         * @description Public: Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session's CSRF token on every post; customers have no API key for the Lambda authorizer to check.
         */
        get: operations["getPortal"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/relationships/{partnerId}/remove-roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Confirm the removal of delegated admin roles (R10): what will happen, and the button that does it
         * @description Public: Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session's CSRF token on every post; customers have no API key for the Lambda authorizer to check.
         */
        get: operations["getPortalRelationshipsPartneridRemoveRoles"];
        put?: never;
        /**
         * Remove delegated admin roles (R10), once confirmed (`confirm=remove-roles`); without it, the confirmation page again
         * @description Public: Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session's CSRF token on every post; customers have no API key for the Lambda authorizer to check.
         */
        post: operations["postPortalRelationshipsPartneridRemoveRoles"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/relationships/{partnerId}/terminate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Confirm the end of a CSP relationship (R11): what will happen, and the button that does it
         * @description Public: Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session's CSRF token on every post; customers have no API key for the Lambda authorizer to check.
         */
        get: operations["getPortalRelationshipsPartneridTerminate"];
        put?: never;
        /**
         * End a CSP relationship (R11), once confirmed (`confirm=terminate`); without it, the confirmation page again
         * @description Public: Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session's CSRF token on every post; customers have no API key for the Lambda authorizer to check.
         */
        post: operations["postPortalRelationshipsPartneridTerminate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/relationships/{partnerId}/approval-policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A partner's approval policy (R28) and the form that changes it
         * @description Public: Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session's CSRF token on every post; customers have no API key for the Lambda authorizer to check.
         */
        get: operations["getPortalRelationshipsPartneridApprovalPolicy"];
        put?: never;
        /**
         * Set a partner's approval policy (R28); bad input shows the form again saying what is wrong
         * @description Public: Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session's CSRF token on every post; customers have no API key for the Lambda authorizer to check.
         */
        post: operations["postPortalRelationshipsPartneridApprovalPolicy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/relationships/{partnerId}/auto-extend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Turn off the automatic extension of a partner's delegated admin roles (R31, `autoExtend=off`)
         * @description Public: Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session's CSRF token on every post; customers have no API key for the Lambda authorizer to check.
         */
        post: operations["postPortalRelationshipsPartneridAutoExtend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/relationships/{partnerId}/removal-request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask operators to remove an OEM (R12)
         * @description Public: Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session's CSRF token on every post; customers have no API key for the Lambda authorizer to check.
         */
        post: operations["postPortalRelationshipsPartneridRemovalRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/device-submissions/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Judge 1-1000 devices for registration without registering anything (R15)
         * @description A partner's API key as `Authorization: Bearer`; accepts an `Idempotency-Key` that makes a retry safe (R20).
         */
        post: operations["postV1DeviceSubmissionsValidate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/devices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The partner's registered devices for a tenant
         * @description A partner's API key as `Authorization: Bearer`.
         */
        get: operations["getV1Devices"];
        put?: never;
        /**
         * Register every valid device, report the rest (Idempotency-Key supported)
         * @description A partner's API key as `Authorization: Bearer`; accepts an `Idempotency-Key` that makes a retry safe (R20).
         */
        post: operations["postV1Devices"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/device-uploads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Register (or with action=deregister, deregister) the devices of a CSV file as Get-WindowsAutopilotInfo, Export-Csv, Excel or Partner Center write it (the CSV channel)
         * @description A partner's API key as `Authorization: Bearer`; accepts an `Idempotency-Key` that makes a retry safe (R20).
         */
        post: operations["postV1DeviceUploads"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/devices/{deviceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Deregister a device (R14)
         * @description A partner's API key as `Authorization: Bearer`.
         */
        delete: operations["deleteV1DevicesDeviceid"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/device-batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The partner's batches for a tenant, newest first
         * @description A partner's API key as `Authorization: Bearer`.
         */
        get: operations["getV1DeviceBatches"];
        put?: never;
        /**
         * Create a device batch for a tenant (by id, or a proven domain) and an action (Idempotency-Key supported)
         * @description `whenNotAuthorized: "hold"` (R27): a registration for a known tenant that has not consented waits for its approval at submission (`awaiting_approval`); unknown tenant 404, blocked by the customer 403. A partner's API key as `Authorization: Bearer`; accepts an `Idempotency-Key` that makes a retry safe (R20).
         */
        post: operations["postV1DeviceBatches"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/device-batches/{batchId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One device batch, its status and counts
         * @description A partner's API key as `Authorization: Bearer`.
         */
        get: operations["getV1DeviceBatchesBatchid"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/device-batches/{batchId}/devices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add 1-1000 devices (JSON, or a CSV file as for device uploads) to an open batch (Idempotency-Key supported)
         * @description A partner's API key as `Authorization: Bearer`; accepts an `Idempotency-Key` that makes a retry safe (R20).
         */
        post: operations["postV1DeviceBatchesBatchidDevices"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/device-batches/{batchId}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Submit a batch: it is worked asynchronously (202, poll its Location)
         * @description A partner's API key as `Authorization: Bearer`; accepts an `Idempotency-Key` that makes a retry safe (R20).
         */
        post: operations["postV1DeviceBatchesBatchidSubmit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/device-batches/{batchId}/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Per-device results, paginated; with Accept: text/csv all of them as one CSV file (303 to its download)
         * @description A partner's API key as `Authorization: Bearer`.
         */
        get: operations["getV1DeviceBatchesBatchidResults"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The partner's own audit trail: its actions and the changes on it, newest first (R29)
         * @description A partner's API key as `Authorization: Bearer`.
         */
        get: operations["getV1Audit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The webhook endpoint and its events (never the secret)
         * @description A partner's API key as `Authorization: Bearer`.
         */
        get: operations["getV1Webhook"];
        /**
         * Register the webhook endpoint and its events; the first PUT answers the signing secret, later ones keep it
         * @description A partner's API key as `Authorization: Bearer`.
         */
        put: operations["putV1Webhook"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook/secret-rotations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A new signing secret, shown once; for 24 hours every delivery is signed with the previous one too (Idempotency-Key supported)
         * @description A partner's API key as `Authorization: Bearer`; accepts an `Idempotency-Key` that makes a retry safe (R20).
         */
        post: operations["postV1WebhookSecretRotations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Webhook deliveries, newest first, with their state (S4)
         * @description A partner's API key as `Authorization: Bearer`.
         */
        get: operations["getV1WebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook/deliveries/{deliveryId}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a delivered or failed delivery again, same webhook-id (S4; Idempotency-Key supported)
         * @description A partner's API key as `Authorization: Bearer`; accepts an `Idempotency-Key` that makes a retry safe (R20).
         */
        post: operations["postV1WebhookDeliveriesDeliveryidRedeliver"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenant": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The key's own tenant (any scope)
         * @description A customer API key of the tenant as `Authorization: Bearer` (any scope) (R25).
         */
        get: operations["getV1Tenant"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenant/devices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every device registered to the tenant, newest first, with who registered it (R23); filters by partner, batch, registration date and identity; with Accept: text/csv all of them as one CSV file (303 to its download)
         * @description A customer API key of the tenant as `Authorization: Bearer`, with the scope `devices:read` (R25).
         */
        get: operations["getV1TenantDevices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenant/device-releases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Release 1-1000 devices, by id or by their identities: irreversible, confirm "irreversible" (R24)
         * @description A customer API key of the tenant as `Authorization: Bearer`, with the scope `devices:release` (R25).
         */
        post: operations["postV1TenantDeviceReleases"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenant/release-batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a release of up to 100,000 devices (R24): add parts, then submit, as a device batch
         * @description A customer API key of the tenant as `Authorization: Bearer`, with the scope `devices:release` (R25).
         */
        post: operations["postV1TenantReleaseBatches"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenant/release-batches/{batchId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One release, its status and counts
         * @description A customer API key of the tenant as `Authorization: Bearer`, with the scope `devices:release` (R25).
         */
        get: operations["getV1TenantReleaseBatchesBatchid"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenant/release-batches/{batchId}/devices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add 1-1000 devices (JSON, or a CSV file as partners upload it) to an open release
         * @description A customer API key of the tenant as `Authorization: Bearer`, with the scope `devices:release` (R25).
         */
        post: operations["postV1TenantReleaseBatchesBatchidDevices"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenant/release-batches/{batchId}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Submit a release: it is worked asynchronously (202, poll its Location)
         * @description A customer API key of the tenant as `Authorization: Bearer`, with the scope `devices:release` (R25).
         */
        post: operations["postV1TenantReleaseBatchesBatchidSubmit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenant/release-batches/{batchId}/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A release's per-device results, paginated; with Accept: text/csv all of them as one CSV file (303 to its download)
         * @description A customer API key of the tenant as `Authorization: Bearer`, with the scope `devices:release` (R25).
         */
        get: operations["getV1TenantReleaseBatchesBatchidResults"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenant/partners": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Everyone with access to the tenant now (R30): each partner, through which reseller, since when, who accepted, its admin roles, the devices it registered and its last activity
         * @description A customer API key of the tenant as `Authorization: Bearer`, with the scope `access:read` (R25).
         */
        get: operations["getV1TenantPartners"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/access": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Everyone with access to the tenant, and "end every CSP relationship" (R30)
         * @description Public: Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session's CSRF token on every post; customers have no API key for the Lambda authorizer to check.
         */
        get: operations["getPortalAccess"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/access/end-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Confirm the end of every CSP relationship (R30, R11; OEMs stay, R12): what will happen, and the button that does it
         * @description Public: Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session's CSRF token on every post; customers have no API key for the Lambda authorizer to check.
         */
        get: operations["getPortalAccessEndAll"];
        put?: never;
        /**
         * End every CSP relationship, each as R11 does, once confirmed (`confirm=end-all`); without it, the confirmation page again
         * @description Public: Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session's CSRF token on every post; customers have no API key for the Lambda authorizer to check.
         */
        post: operations["postPortalAccessEndAll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenant/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tenant's audit trail, newest first (R29); with Accept: text/csv all of it as one CSV file (303 to its download)
         * @description A customer API key of the tenant as `Authorization: Bearer`, with the scope `audit:read` (R25).
         */
        get: operations["getV1TenantAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/devices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tenant's devices, with filters, export and release (R23, R24)
         * @description Public: Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session's CSRF token on every post; customers have no API key for the Lambda authorizer to check.
         */
        get: operations["getPortalDevices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/devices/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tenant's devices as one CSV file: a redirect to its download (R23)
         * @description Public: Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session's CSRF token on every post; customers have no API key for the Lambda authorizer to check.
         */
        get: operations["getPortalDevicesExport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/devices/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Release the selected devices, after the confirmation (R24)
         * @description Public: Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session's CSRF token on every post; customers have no API key for the Lambda authorizer to check.
         */
        post: operations["postPortalDevicesRelease"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/devices/release-file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Release the devices of a file (multipart, with the confirmation), as a release batch (R24)
         * @description Public: Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session's CSRF token on every post; customers have no API key for the Lambda authorizer to check.
         */
        post: operations["postPortalDevicesReleaseFile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/devices/releases/{batchId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A release from a file: its progress and results (R24)
         * @description Public: Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session's CSRF token on every post; customers have no API key for the Lambda authorizer to check.
         */
        get: operations["getPortalDevicesReleasesBatchid"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/devices/releases/{batchId}/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A release's results as one CSV file: a redirect to its download
         * @description Public: Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session's CSRF token on every post; customers have no API key for the Lambda authorizer to check.
         */
        get: operations["getPortalDevicesReleasesBatchidResults"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/batches/{batchId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A held batch (R27): the partner, the devices, and the form that approves it (with the consent when there is none yet) or rejects it
         * @description Public: Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session's CSRF token on every post; customers have no API key for the Lambda authorizer to check.
         */
        get: operations["getPortalBatchesBatchid"];
        put?: never;
        /**
         * Approve (with `confirm=yes` when it is also the consent, R1-R9) or reject (optionally `block=yes`) a held batch (R27)
         * @description Public: Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session's CSRF token on every post; customers have no API key for the Lambda authorizer to check.
         */
        post: operations["postPortalBatchesBatchid"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/hold-blocks/{partnerId}/remove": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Unblock a partner: it may hold batches for the tenant again (R27)
         * @description Public: Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session's CSRF token on every post; customers have no API key for the Lambda authorizer to check.
         */
        post: operations["postPortalHoldBlocksPartneridRemove"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/claims": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Claims on the tenant's devices and its own, and a new claim from a CSV of hardware hashes (R26)
         * @description Public: Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session's CSRF token on every post; customers have no API key for the Lambda authorizer to check.
         */
        get: operations["getPortalClaims"];
        put?: never;
        /**
         * Claim the devices of a hardware hash file (multipart: the file, the reference, optionally the purchase date and a note; R26)
         * @description Public: Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session's CSRF token on every post; customers have no API key for the Lambda authorizer to check.
         */
        post: operations["postPortalClaims"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/claims/{claimId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One claim: the owner's devices with release and contest, or the claimant's with withdraw (R26)
         * @description Public: Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session's CSRF token on every post; customers have no API key for the Lambda authorizer to check.
         */
        get: operations["getPortalClaimsClaimid"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/claims/{claimId}/responses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Release (confirmed) or contest (with a reason) the selected devices of a claim, or all of them (R26)
         * @description Public: Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session's CSRF token on every post; customers have no API key for the Lambda authorizer to check.
         */
        post: operations["postPortalClaimsClaimidResponses"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/claims/{claimId}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Withdraw the tenant's own claim (R26)
         * @description Public: Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session's CSRF token on every post; customers have no API key for the Lambda authorizer to check.
         */
        post: operations["postPortalClaimsClaimidWithdraw"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tenant's customer API keys (R25)
         * @description Public: Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session's CSRF token on every post; customers have no API key for the Lambda authorizer to check.
         */
        get: operations["getPortalApiKeys"];
        put?: never;
        /**
         * Create a customer API key with scopes; its secret is shown once (R25)
         * @description Public: Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session's CSRF token on every post; customers have no API key for the Lambda authorizer to check.
         */
        post: operations["postPortalApiKeys"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/api-keys/{keyId}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke a customer API key at once (R25)
         * @description Public: Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session's CSRF token on every post; customers have no API key for the Lambda authorizer to check.
         */
        post: operations["postPortalApiKeysKeyidRevoke"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tenant's audit trail with its filters (R29)
         * @description Public: Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session's CSRF token on every post; customers have no API key for the Lambda authorizer to check.
         */
        get: operations["getPortalAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/audit/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tenant's audit trail as one CSV file: a redirect to its download (R29)
         * @description Public: Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session's CSRF token on every post; customers have no API key for the Lambda authorizer to check.
         */
        get: operations["getPortalAuditExport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/domains": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tenant's domains, and the DNS TXT record that proves a new one (R21)
         * @description Public: Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session's CSRF token on every post; customers have no API key for the Lambda authorizer to check.
         */
        get: operations["getPortalDomains"];
        put?: never;
        /**
         * Start proving a domain: the page then shows the TXT record to publish (R21)
         * @description Public: Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session's CSRF token on every post; customers have no API key for the Lambda authorizer to check.
         */
        post: operations["postPortalDomains"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/domains/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check a domain's TXT record now; proven, the domain is the tenant's (R21)
         * @description Public: Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session's CSRF token on every post; customers have no API key for the Lambda authorizer to check.
         */
        post: operations["postPortalDomainsCheck"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/domains/remove": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop proving a domain (R21)
         * @description Public: Customer portal: the pages function requires the session cookie of a signed-in global administrator of the tenant, and the session's CSRF token on every post; customers have no API key for the Lambda authorizer to check.
         */
        post: operations["postPortalDomainsRemove"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/device-claims": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The partner's device claims, newest first, by tenant and state (R26)
         * @description A partner's API key as `Authorization: Bearer`.
         */
        get: operations["getV1DeviceClaims"];
        put?: never;
        /**
         * Claim 1-1000 devices registered to other tenants for a tenant the partner is authorized for, with evidence (R26); JSON, or a CSV file with ?tenantId=&reference= (Idempotency-Key supported)
         * @description A partner's API key as `Authorization: Bearer`; accepts an `Idempotency-Key` that makes a retry safe (R20).
         */
        post: operations["postV1DeviceClaims"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/device-claims/{claimId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One device claim: its state, deadline and counts; never the owners (R19)
         * @description A partner's API key as `Authorization: Bearer`.
         */
        get: operations["getV1DeviceClaimsClaimid"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/device-claims/{claimId}/devices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A claim's devices and the state of each (R26)
         * @description A partner's API key as `Authorization: Bearer`.
         */
        get: operations["getV1DeviceClaimsClaimidDevices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/device-claims/{claimId}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Withdraw a claim: every device not yet decided is withdrawn (Idempotency-Key supported)
         * @description A partner's API key as `Authorization: Bearer`; accepts an `Idempotency-Key` that makes a retry safe (R20).
         */
        post: operations["postV1DeviceClaimsClaimidWithdraw"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenant/device-claims": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Claims on the tenant's devices (incoming: the claimant partner's name, never its tenant) or made for it (outgoing), newest first (R26)
         * @description A customer API key of the tenant as `Authorization: Bearer`, with the scope `claims:write` (R25).
         */
        get: operations["getV1TenantDeviceClaims"];
        put?: never;
        /**
         * Claim devices registered to other tenants by the hardware hashes captured on them (proof of possession, R26): JSON, or a CSV file (Get-WindowsAutopilotInfo's) with ?reference=
         * @description A customer API key of the tenant as `Authorization: Bearer`, with the scope `claims:write` (R25).
         */
        post: operations["postV1TenantDeviceClaims"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenant/device-claims/{claimId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One claim, incoming or outgoing (R26)
         * @description A customer API key of the tenant as `Authorization: Bearer`, with the scope `claims:write` (R25).
         */
        get: operations["getV1TenantDeviceClaimsClaimid"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenant/device-claims/{claimId}/devices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A claim's devices: all of an outgoing claim, the tenant's own of an incoming one (R26)
         * @description A customer API key of the tenant as `Authorization: Bearer`, with the scope `claims:write` (R25).
         */
        get: operations["getV1TenantDeviceClaimsClaimidDevices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenant/device-claims/{claimId}/responses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Answer an incoming claim before its deadline: release devices (they move to the claimant at once) or contest them with a reason (R26)
         * @description A customer API key of the tenant as `Authorization: Bearer`, with the scope `claims:write` (R25).
         */
        post: operations["postV1TenantDeviceClaimsClaimidResponses"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenant/device-claims/{claimId}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Withdraw the tenant's own claim: every device not yet decided is withdrawn
         * @description A customer API key of the tenant as `Authorization: Bearer`, with the scope `claims:write` (R25).
         */
        post: operations["postV1TenantDeviceClaimsClaimidWithdraw"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ops/device-claims": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Claims with contested or uncontested devices to decide, oldest first (R26, S6)
         * @description Operators only: the operator token as `Authorization: Bearer`.
         */
        get: operations["getOpsDeviceClaims"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ops/device-claims/{claimId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A claim with both sides' evidence and every device (R26)
         * @description Operators only: the operator token as `Authorization: Bearer`.
         */
        get: operations["getOpsDeviceClaimsClaimid"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ops/device-claims/{claimId}/decisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Grant (the devices move to the claimant) or deny contested and uncontested devices, with a reason (R26)
         * @description Operators only: the operator token as `Authorization: Bearer`.
         */
        post: operations["postOpsDeviceClaimsClaimidDecisions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ops/partners/{partnerId}/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a partner's person (R32), its first admin: emailed a sign-in link; 409 if the email is one already
         * @description Operators only: the operator token as `Authorization: Bearer`.
         */
        post: operations["postOpsPartnersPartneridUsers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/signin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Partner portal sign-in (R32)
         * @description Public: Partner portal sign-in, reachable before a session: one-time links only to a partner's people, the same answer either way; OIDC as /signin/oidc.
         */
        get: operations["getPartnerSignin"];
        put?: never;
        /**
         * Email a partner person a one-time sign-in link
         * @description Public: Partner portal sign-in, reachable before a session: one-time links only to a partner's people, the same answer either way; OIDC as /signin/oidc.
         */
        post: operations["postPartnerSignin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/signin/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A partner sign-in link: whom it signs in, and the button
         * @description Public: Partner portal sign-in, reachable before a session: one-time links only to a partner's people, the same answer either way; OIDC as /signin/oidc.
         */
        get: operations["getPartnerSigninVerify"];
        put?: never;
        /**
         * Use a partner sign-in link
         * @description Public: Partner portal sign-in, reachable before a session: one-time links only to a partner's people, the same answer either way; OIDC as /signin/oidc.
         */
        post: operations["postPartnerSigninVerify"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/signin/oidc": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Partner sign-in with the organization (OIDC)
         * @description Public: Partner portal sign-in, reachable before a session: one-time links only to a partner's people, the same answer either way; OIDC as /signin/oidc.
         */
        get: operations["getPartnerSigninOidc"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/signin/oidc/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The partner portal's OIDC redirect URI
         * @description Public: Partner portal sign-in, reachable before a session: one-time links only to a partner's people, the same answer either way; OIDC as /signin/oidc.
         */
        get: operations["getPartnerSigninOidcCallback"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/signout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign out of the partner portal
         * @description Public: Partner portal sign-in, reachable before a session: one-time links only to a partner's people, the same answer either way; OIDC as /signin/oidc.
         */
        post: operations["postPartnerSignout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Partner portal dashboard
         * @description Public: Partner portal (R32): the function requires a partner person's session of an allowed role, and its CSRF token on every post.
         */
        get: operations["getPartner"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Partner settings (admins)
         * @description Public: Partner portal (R32): the function requires a partner person's session of an allowed role, and its CSRF token on every post.
         */
        get: operations["getPartnerSettings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/settings/people": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Invite a person with a role (admins)
         * @description Public: Partner portal (R32): the function requires a partner person's session of an allowed role, and its CSRF token on every post.
         */
        post: operations["postPartnerSettingsPeople"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/settings/people/{userId}/role": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change a person's role (admins)
         * @description Public: Partner portal (R32): the function requires a partner person's session of an allowed role, and its CSRF token on every post.
         */
        post: operations["postPartnerSettingsPeopleUseridRole"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/settings/people/{userId}/remove": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Remove a person (admins)
         * @description Public: Partner portal (R32): the function requires a partner person's session of an allowed role, and its CSRF token on every post.
         */
        post: operations["postPartnerSettingsPeopleUseridRemove"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Customers (R8)
         * @description Public: Partner portal (R32): the function requires a partner person's session of an allowed role, and its CSRF token on every post.
         */
        get: operations["getPartnerCustomers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/consent-requests/new": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Consent request form
         * @description Public: Partner portal (R32): the function requires a partner person's session of an allowed role, and its CSRF token on every post.
         */
        get: operations["getPartnerConsentRequestsNew"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/consent-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a consent request
         * @description Public: Partner portal (R32): the function requires a partner person's session of an allowed role, and its CSRF token on every post.
         */
        post: operations["postPartnerConsentRequests"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/consent-requests/{requestId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A consent request
         * @description Public: Partner portal (R32): the function requires a partner person's session of an allowed role, and its CSRF token on every post.
         */
        get: operations["getPartnerConsentRequestsRequestid"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/consent-link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The consent link
         * @description Public: Partner portal (R32): the function requires a partner person's session of an allowed role, and its CSRF token on every post.
         */
        get: operations["getPartnerConsentLink"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/settings/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an API key
         * @description Public: Partner portal (R32): the function requires a partner person's session of an allowed role, and its CSRF token on every post.
         */
        post: operations["postPartnerSettingsApiKeys"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/settings/api-keys/{keyId}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke an API key
         * @description Public: Partner portal (R32): the function requires a partner person's session of an allowed role, and its CSRF token on every post.
         */
        post: operations["postPartnerSettingsApiKeysKeyidRevoke"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/settings/webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set the webhook
         * @description Public: Partner portal (R32): the function requires a partner person's session of an allowed role, and its CSRF token on every post.
         */
        post: operations["postPartnerSettingsWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/settings/webhook/secret-rotations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the webhook secret
         * @description Public: Partner portal (R32): the function requires a partner person's session of an allowed role, and its CSRF token on every post.
         */
        post: operations["postPartnerSettingsWebhookSecretRotations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/settings/webhook/deliveries/{deliveryId}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Redeliver a delivery
         * @description Public: Partner portal (R32): the function requires a partner person's session of an allowed role, and its CSRF token on every post.
         */
        post: operations["postPartnerSettingsWebhookDeliveriesDeliveryidRedeliver"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/uploads/new": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Device file upload (R14)
         * @description Public: Partner portal (R32): the function requires a partner person's session of an allowed role, and its CSRF token on every post.
         */
        get: operations["getPartnerUploadsNew"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/uploads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a device file upload
         * @description Public: Partner portal (R32): the function requires a partner person's session of an allowed role, and its CSRF token on every post.
         */
        post: operations["postPartnerUploads"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/uploads/{uploadId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An upload: its file form, progress
         * @description Public: Partner portal (R32): the function requires a partner person's session of an allowed role, and its CSRF token on every post.
         */
        get: operations["getPartnerUploadsUploadid"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A customer's batches
         * @description Public: Partner portal (R32): the function requires a partner person's session of an allowed role, and its CSRF token on every post.
         */
        get: operations["getPartnerBatches"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/batches/{batchId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A batch and its results
         * @description Public: Partner portal (R32): the function requires a partner person's session of an allowed role, and its CSRF token on every post.
         */
        get: operations["getPartnerBatchesBatchid"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/batches/{batchId}/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A batch's results CSV
         * @description Public: Partner portal (R32): the function requires a partner person's session of an allowed role, and its CSRF token on every post.
         */
        get: operations["getPartnerBatchesBatchidResults"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This OpenAPI document
         * @description Public: The OpenAPI document of the partner API is public on purpose: partners read it before they hold an API key, and it describes the API only, no data.
         */
        get: operations["getOpenapiJson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    "consent.accepted": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * consent.accepted (sent to the partner's endpoint)
         * @description A customer's global admin accepted consent, through a consent request or the partner's consent link: the relationship is active at once (R2). An indirect reseller's provider receives it too, with `via` and without the reseller's roles (R7). Sent to the partner's webhook endpoint (`PUT /v1/webhook`) when it subscribed to `consent.accepted`, signed per Standard Webhooks, at least once.
         */
        post: operations["webhookConsentAccepted"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "consent.declined": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * consent.declined (sent to the partner's endpoint)
         * @description The recipient's global admin declined the consent request (R5). Sent to the partner's webhook endpoint (`PUT /v1/webhook`) when it subscribed to `consent.declined`, signed per Standard Webhooks, at least once.
         */
        post: operations["webhookConsentDeclined"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "consent.expired": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * consent.expired (sent to the partner's endpoint)
         * @description A consent request was not answered before it expired, 90 days after it was sent (S1). Sent to the partner's webhook endpoint (`PUT /v1/webhook`) when it subscribed to `consent.expired`, signed per Standard Webhooks, at least once.
         */
        post: operations["webhookConsentExpired"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "relationship.terminated": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * relationship.terminated (sent to the partner's endpoint)
         * @description The customer's global admin ended the CSP relationship (R11); an indirect reseller's provider receives it too, with `via`. Sent to the partner's webhook endpoint (`PUT /v1/webhook`) when it subscribed to `relationship.terminated`, signed per Standard Webhooks, at least once.
         */
        post: operations["webhookRelationshipTerminated"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "relationship.revoked": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * relationship.revoked (sent to the partner's endpoint)
         * @description An operator revoked the relationship, giving a reason (R12: the customer's request to remove an OEM); an indirect reseller's provider receives it too, with `via`. Sent to the partner's webhook endpoint (`PUT /v1/webhook`) when it subscribed to `relationship.revoked`, signed per Standard Webhooks, at least once.
         */
        post: operations["webhookRelationshipRevoked"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "delegated_admin.removed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * delegated_admin.removed (sent to the partner's endpoint)
         * @description The customer's global admin removed the delegated admin roles; the relationship stays active (R10). Sent to the partner's webhook endpoint (`PUT /v1/webhook`) when it subscribed to `delegated_admin.removed`, signed per Standard Webhooks, at least once.
         */
        post: operations["webhookDelegatedAdminRemoved"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "delegated_admin.expiring": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * delegated_admin.expiring (sent to the partner's endpoint)
         * @description The delegated admin roles end soon (S7): sent 30, 7 and 1 days before their end, once each, with the whole days truly left when sent (a late run sends only the latest warning due). With `autoExtend` they will be extended at their end unless the customer turns it off (R31). Sent to the partner's webhook endpoint (`PUT /v1/webhook`) when it subscribed to `delegated_admin.expiring`, signed per Standard Webhooks, at least once.
         */
        post: operations["webhookDelegatedAdminExpiring"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "delegated_admin.expired": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * delegated_admin.expired (sent to the partner's endpoint)
         * @description The delegated admin roles ended; they grant nothing any more (S3, R13). Sent to the partner's webhook endpoint (`PUT /v1/webhook`) when it subscribed to `delegated_admin.expired`, signed per Standard Webhooks, at least once.
         */
        post: operations["webhookDelegatedAdminExpired"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "delegated_admin.extended": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * delegated_admin.extended (sent to the partner's endpoint)
         * @description R31, S7: auto-extended delegated admin roles reached their end and were extended by 180 days; the customer may still turn auto-extension off. Sent to the partner's webhook endpoint (`PUT /v1/webhook`) when it subscribed to `delegated_admin.extended`, signed per Standard Webhooks, at least once.
         */
        post: operations["webhookDelegatedAdminExtended"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "delegated_admin.roles_changed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * delegated_admin.roles_changed (sent to the partner's endpoint)
         * @description R31: the customer's global admin accepted a new consent request of a partner already authorized: its delegated admin roles are replaced by the request's; the relationship stays as it was (since when, who accepted it, its history). Sent instead of `consent.accepted`. Sent to the partner's webhook endpoint (`PUT /v1/webhook`) when it subscribed to `delegated_admin.roles_changed`, signed per Standard Webhooks, at least once.
         */
        post: operations["webhookDelegatedAdminRolesChanged"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "devices.registered": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * devices.registered (sent to the partner's endpoint)
         * @description Devices were registered for the tenant (R14): one event per write of a synchronous submission, or one per task of a batch (up to 1,000 devices; a task whose parts came by both channels has one per channel). Sent to the partner's webhook endpoint (`PUT /v1/webhook`) when it subscribed to `devices.registered`, signed per Standard Webhooks, at least once.
         */
        post: operations["webhookDevicesRegistered"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "devices.deregistered": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * devices.deregistered (sent to the partner's endpoint)
         * @description Devices were deregistered from the tenant (R14): one event per write of a synchronous submission, or one per task of a batch (up to 1,000 devices; a task whose parts came by both channels has one per channel). Sent to the partner's webhook endpoint (`PUT /v1/webhook`) when it subscribed to `devices.deregistered`, signed per Standard Webhooks, at least once.
         */
        post: operations["webhookDevicesDeregistered"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "devices.released": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * devices.released (sent to the partner's endpoint)
         * @description The customer released devices this partner registered for it (R24): they are no longer registered to the tenant, and any authorized partner may register them again. One event per write; a reseller's provider receives it too. Sent to the partner's webhook endpoint (`PUT /v1/webhook`) when it subscribed to `devices.released`, signed per Standard Webhooks, at least once.
         */
        post: operations["webhookDevicesReleased"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "device_batch.finished": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * device_batch.finished (sent to the partner's endpoint)
         * @description A device batch was worked to its end (R22): every device is registered, deregistered, invalid or failed; its results are at `GET /v1/device-batches/{batchId}/results`. Sent to the partner's webhook endpoint (`PUT /v1/webhook`) when it subscribed to `device_batch.finished`, signed per Standard Webhooks, at least once.
         */
        post: operations["webhookDeviceBatchFinished"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "device_batch.awaiting_approval": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * device_batch.awaiting_approval (sent to the partner's endpoint)
         * @description A held batch (R27) was submitted for a tenant that has not authorized the partner: nothing is registered; the tenant's global admins were emailed and approve or reject it, or it expires after 30 days (S5). Sent to the partner's webhook endpoint (`PUT /v1/webhook`) when it subscribed to `device_batch.awaiting_approval`, signed per Standard Webhooks, at least once.
         */
        post: operations["webhookDeviceBatchAwaitingApproval"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "device_batch.approved": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * device_batch.approved (sent to the partner's endpoint)
         * @description The customer's global admin approved the held batch (R27), with the consent when the partner had none (then `consent.accepted` comes too): the batch is `queued` and worked as any batch (R22), ending with `device_batch.finished`. Sent to the partner's webhook endpoint (`PUT /v1/webhook`) when it subscribed to `device_batch.approved`, signed per Standard Webhooks, at least once.
         */
        post: operations["webhookDeviceBatchApproved"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "device_batch.rejected": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * device_batch.rejected (sent to the partner's endpoint)
         * @description The customer's global admin rejected the held batch (R27): nothing is registered. `blocked`: the partner may hold no more batches for this tenant until the customer unblocks it. Sent to the partner's webhook endpoint (`PUT /v1/webhook`) when it subscribed to `device_batch.rejected`, signed per Standard Webhooks, at least once.
         */
        post: operations["webhookDeviceBatchRejected"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "device_batch.expired": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * device_batch.expired (sent to the partner's endpoint)
         * @description Nobody decided on the held batch within 30 days (S5): it ended `expired`, nothing is registered. Sent to the partner's webhook endpoint (`PUT /v1/webhook`) when it subscribed to `device_batch.expired`, signed per Standard Webhooks, at least once.
         */
        post: operations["webhookDeviceBatchExpired"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "device_claim.opened": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * device_claim.opened (sent to the partner's endpoint)
         * @description The partner's device claim was opened (R26): the owners of the claimed devices are told and have until `deadline` to answer (S6). Which tenants own them is never said (R19). Sent to the partner's webhook endpoint (`PUT /v1/webhook`) when it subscribed to `device_claim.opened`, signed per Standard Webhooks, at least once.
         */
        post: operations["webhookDeviceClaimOpened"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "device_claim.updated": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * device_claim.updated (sent to the partner's endpoint)
         * @description Devices of the partner's claim changed state (R26): released by their owner (moved to the claimed tenant), contested, left unanswered at the deadline (`uncontested`, S6), granted (moved) or denied by an operator, or withdrawn. One event per write. At the deadline the owner's side hears it too (`side: owner`): the partner that had registered the devices (and a reseller's provider) is told its own devices are with operators, never who claims them (R19). Sent to the partner's webhook endpoint (`PUT /v1/webhook`) when it subscribed to `device_claim.updated`, signed per Standard Webhooks, at least once.
         */
        post: operations["webhookDeviceClaimUpdated"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "device_claim.closed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * device_claim.closed (sent to the partner's endpoint)
         * @description The partner's claim is closed: every device was released, granted, denied or withdrawn (R26). Sent to the partner's webhook endpoint (`PUT /v1/webhook`) when it subscribed to `device_claim.closed`, signed per Standard Webhooks, at least once.
         */
        post: operations["webhookDeviceClaimClosed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "devices.transferred": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * devices.transferred (sent to the partner's endpoint)
         * @description Devices this partner had registered for the tenant were moved to another tenant by a device claim (R26): released by the tenant, or granted by an operator. They are no longer the tenant's; which tenant has them is never said (R19). One event per write; a reseller's provider gets it too for the devices registered through it (R7, R8). Sent to the partner's webhook endpoint (`PUT /v1/webhook`) when it subscribed to `devices.transferred`, signed per Standard Webhooks, at least once.
         */
        post: operations["webhookDevicesTransferred"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        /**
         * @description The body of a `consent.accepted` delivery. A customer's global admin accepted consent, through a consent request or the partner's consent link: the relationship is active at once (R2). An indirect reseller's provider receives it too, with `via` and without the reseller's roles (R7).
         * @example {
         *       "type": "consent.accepted",
         *       "timestamp": "2026-11-24T10:00:00.000Z",
         *       "data": {
         *         "tenantId": "t_01JD3",
         *         "partnerId": "p_01JD3",
         *         "requestId": "cr_01JD3",
         *         "relationship": {
         *           "status": "active",
         *           "grantedAt": "2026-11-24T10:00:00.000Z",
         *           "delegatedAdmin": {
         *             "roles": [
         *               "IntuneAdministrator",
         *               "CloudDeviceAdministrator"
         *             ],
         *             "expiresAt": "2027-05-23T10:00:00.000Z",
         *             "autoExtend": false
         *           }
         *         },
         *         "actor": {
         *           "type": "user",
         *           "id": "u_01JD3"
         *         }
         *       }
         *     }
         */
        consentAcceptedEvent: {
            /** @constant */
            type: "consent.accepted";
            /**
             * Format: date-time
             * @description When the change happened (its commit), the same on every attempt; not when this attempt was sent
             * @example 2026-11-24T10:00:00.000Z
             */
            timestamp: string;
            data: {
                /**
                 * @description The customer's tenant
                 * @example t_01JD3
                 */
                tenantId: string;
                /**
                 * @description The partner the relationship or request is with (this event's receiver, or its reseller when `via` is present)
                 * @example p_01JD3
                 */
                partnerId: string;
                /** @description The consent request accepted (absent when accepted through the consent link or a held batch) */
                requestId?: string;
                /** @description The consent link accepted through (absent when a request was accepted, or a held batch) */
                linkId?: string;
                /** @description The held batch whose approval was also the acceptance (R27; absent otherwise) */
                batchId?: string;
                relationship: {
                    /** @constant */
                    status: "active";
                    /**
                     * Format: date-time
                     * @example 2026-11-24T10:00:00.000Z
                     */
                    grantedAt: string;
                    /** @description The delegated admin roles granted (never sent to a provider through its reseller) */
                    delegatedAdmin?: {
                        roles: ("CloudDeviceAdministrator" | "IntuneAdministrator" | "HelpdeskAdministrator" | "GlobalReader" | "DirectoryReaders" | "ServiceSupportAdministrator" | "LicenseAdministrator" | "UserAdministrator")[];
                        /**
                         * Format: date-time
                         * @description When the roles end (R13)
                         * @example 2026-11-24T10:00:00.000Z
                         */
                        expiresAt: string;
                        /** @description R31: extended by 180 days at each end until the customer turns it off */
                        autoExtend: boolean;
                    };
                };
                /** @description Present when the receiver is an indirect provider hearing of its reseller's relationship (R7): the reseller */
                via?: {
                    resellerId: string;
                };
                actor: components["schemas"]["eventActor"];
            } & (unknown | unknown | unknown);
        };
        /**
         * @description Who made the change: a customer user, the partner, an operator, or the service itself (`system`)
         * @example {
         *       "type": "user",
         *       "id": "u_01JD3"
         *     }
         */
        eventActor: {
            /**
             * @description `user`: a customer user; `customer_key`: a customer API key of the tenant (R25); `partner`: the partner (its API calls, and the devices its batches register); `partner_user`: a person of the partner in the partner portal (R32); `operator`; `system`: the service itself
             * @enum {string}
             */
            type: "operator" | "partner" | "partner_user" | "user" | "customer_key" | "system";
            /** @description The user id, the customer key id, the partner id, the partner person's id, `operator`, or what part of the service acted (`consent-status-check`, `device-batch`) */
            id: string;
        };
        /**
         * @description The body of a `consent.declined` delivery. The recipient's global admin declined the consent request (R5).
         * @example {
         *       "type": "consent.declined",
         *       "timestamp": "2026-11-24T10:00:00.000Z",
         *       "data": {
         *         "tenantId": "t_01JD3",
         *         "partnerId": "p_01JD3",
         *         "requestId": "cr_01JD3",
         *         "actor": {
         *           "type": "user",
         *           "id": "u_01JD3"
         *         }
         *       }
         *     }
         */
        consentDeclinedEvent: {
            /** @constant */
            type: "consent.declined";
            /**
             * Format: date-time
             * @description When the change happened (its commit), the same on every attempt; not when this attempt was sent
             * @example 2026-11-24T10:00:00.000Z
             */
            timestamp: string;
            data: {
                /**
                 * @description The customer's tenant
                 * @example t_01JD3
                 */
                tenantId: string;
                /**
                 * @description The partner the relationship or request is with (this event's receiver, or its reseller when `via` is present)
                 * @example p_01JD3
                 */
                partnerId: string;
                requestId: string;
                actor: components["schemas"]["eventActor"];
            };
        };
        /**
         * @description The body of a `consent.expired` delivery. A consent request was not answered before it expired, 90 days after it was sent (S1).
         * @example {
         *       "type": "consent.expired",
         *       "timestamp": "2026-11-24T10:00:00.000Z",
         *       "data": {
         *         "requestId": "cr_01JD3",
         *         "partnerId": "p_01JD3",
         *         "recipientEmail": "admin@fabrikam.example",
         *         "expiresAt": "2026-11-24T10:00:00.000Z",
         *         "tenantId": "t_01JD3",
         *         "actor": {
         *           "type": "system",
         *           "id": "consent-status-check"
         *         }
         *       }
         *     }
         */
        consentExpiredEvent: {
            /** @constant */
            type: "consent.expired";
            /**
             * Format: date-time
             * @description When the change happened (its commit), the same on every attempt; not when this attempt was sent
             * @example 2026-11-24T10:00:00.000Z
             */
            timestamp: string;
            data: {
                requestId: string;
                /**
                 * @description The partner the relationship or request is with (this event's receiver, or its reseller when `via` is present)
                 * @example p_01JD3
                 */
                partnerId: string;
                /** Format: email */
                recipientEmail: string;
                /**
                 * Format: date-time
                 * @example 2026-11-24T10:00:00.000Z
                 */
                expiresAt: string;
                /**
                 * @description The tenant, when the request was addressed to a known one
                 * @example t_01JD3
                 */
                tenantId?: string;
                actor: components["schemas"]["eventActor"];
            };
        };
        /**
         * @description The body of a `relationship.terminated` delivery. The customer's global admin ended the CSP relationship (R11); an indirect reseller's provider receives it too, with `via`.
         * @example {
         *       "type": "relationship.terminated",
         *       "timestamp": "2026-11-24T10:00:00.000Z",
         *       "data": {
         *         "tenantId": "t_01JD3",
         *         "partnerId": "p_01JD4",
         *         "status": "terminated",
         *         "at": "2026-11-24T10:00:00.000Z",
         *         "via": {
         *           "resellerId": "p_01JD3"
         *         },
         *         "actor": {
         *           "type": "user",
         *           "id": "u_01JD3"
         *         }
         *       }
         *     }
         */
        relationshipTerminatedEvent: {
            /** @constant */
            type: "relationship.terminated";
            /**
             * Format: date-time
             * @description When the change happened (its commit), the same on every attempt; not when this attempt was sent
             * @example 2026-11-24T10:00:00.000Z
             */
            timestamp: string;
            data: {
                /**
                 * @description The customer's tenant
                 * @example t_01JD3
                 */
                tenantId: string;
                /**
                 * @description The partner the relationship or request is with (this event's receiver, or its reseller when `via` is present)
                 * @example p_01JD3
                 */
                partnerId: string;
                /** @constant */
                status: "terminated";
                /**
                 * Format: date-time
                 * @example 2026-11-24T10:00:00.000Z
                 */
                at: string;
                /** @description Present when the receiver is an indirect provider hearing of its reseller's relationship (R7): the reseller */
                via?: {
                    resellerId: string;
                };
                actor: components["schemas"]["eventActor"];
            };
        };
        /**
         * @description The body of a `relationship.revoked` delivery. An operator revoked the relationship, giving a reason (R12: the customer's request to remove an OEM); an indirect reseller's provider receives it too, with `via`.
         * @example {
         *       "type": "relationship.revoked",
         *       "timestamp": "2026-11-24T10:00:00.000Z",
         *       "data": {
         *         "tenantId": "t_01JD3",
         *         "partnerId": "p_01JD3",
         *         "status": "revoked",
         *         "at": "2026-11-24T10:00:00.000Z",
         *         "reason": "The customer never bought from this OEM",
         *         "actor": {
         *           "type": "operator",
         *           "id": "operator"
         *         }
         *       }
         *     }
         */
        relationshipRevokedEvent: {
            /** @constant */
            type: "relationship.revoked";
            /**
             * Format: date-time
             * @description When the change happened (its commit), the same on every attempt; not when this attempt was sent
             * @example 2026-11-24T10:00:00.000Z
             */
            timestamp: string;
            data: {
                /**
                 * @description The customer's tenant
                 * @example t_01JD3
                 */
                tenantId: string;
                /**
                 * @description The partner the relationship or request is with (this event's receiver, or its reseller when `via` is present)
                 * @example p_01JD3
                 */
                partnerId: string;
                /** @constant */
                status: "revoked";
                /**
                 * Format: date-time
                 * @example 2026-11-24T10:00:00.000Z
                 */
                at: string;
                reason: string;
                /** @description Present when the receiver is an indirect provider hearing of its reseller's relationship (R7): the reseller */
                via?: {
                    resellerId: string;
                };
                actor: components["schemas"]["eventActor"];
            };
        };
        /**
         * @description The body of a `delegated_admin.removed` delivery. The customer's global admin removed the delegated admin roles; the relationship stays active (R10).
         * @example {
         *       "type": "delegated_admin.removed",
         *       "timestamp": "2026-11-24T10:00:00.000Z",
         *       "data": {
         *         "tenantId": "t_01JD3",
         *         "partnerId": "p_01JD3",
         *         "delegatedAdmin": {
         *           "roles": [
         *             "IntuneAdministrator",
         *             "CloudDeviceAdministrator"
         *           ],
         *           "removedAt": "2026-11-24T10:00:00.000Z"
         *         },
         *         "actor": {
         *           "type": "user",
         *           "id": "u_01JD3"
         *         }
         *       }
         *     }
         */
        delegatedAdminRemovedEvent: {
            /** @constant */
            type: "delegated_admin.removed";
            /**
             * Format: date-time
             * @description When the change happened (its commit), the same on every attempt; not when this attempt was sent
             * @example 2026-11-24T10:00:00.000Z
             */
            timestamp: string;
            data: {
                /**
                 * @description The customer's tenant
                 * @example t_01JD3
                 */
                tenantId: string;
                /**
                 * @description The partner the relationship or request is with (this event's receiver, or its reseller when `via` is present)
                 * @example p_01JD3
                 */
                partnerId: string;
                delegatedAdmin: {
                    roles: ("CloudDeviceAdministrator" | "IntuneAdministrator" | "HelpdeskAdministrator" | "GlobalReader" | "DirectoryReaders" | "ServiceSupportAdministrator" | "LicenseAdministrator" | "UserAdministrator")[];
                    /**
                     * Format: date-time
                     * @example 2026-11-24T10:00:00.000Z
                     */
                    removedAt: string;
                };
                actor: components["schemas"]["eventActor"];
            };
        };
        /**
         * @description The body of a `delegated_admin.expiring` delivery. The delegated admin roles end soon (S7): sent 30, 7 and 1 days before their end, once each, with the whole days truly left when sent (a late run sends only the latest warning due). With `autoExtend` they will be extended at their end unless the customer turns it off (R31).
         * @example {
         *       "type": "delegated_admin.expiring",
         *       "timestamp": "2026-11-24T10:00:00.000Z",
         *       "data": {
         *         "tenantId": "t_01JD3",
         *         "partnerId": "p_01JD3",
         *         "delegatedAdmin": {
         *           "roles": [
         *             "IntuneAdministrator",
         *             "CloudDeviceAdministrator"
         *           ],
         *           "expiresAt": "2027-05-23T10:00:00.000Z",
         *           "autoExtend": false
         *         },
         *         "daysLeft": 7,
         *         "actor": {
         *           "type": "system",
         *           "id": "consent-status-check"
         *         }
         *       }
         *     }
         */
        delegatedAdminExpiringEvent: {
            /** @constant */
            type: "delegated_admin.expiring";
            /**
             * Format: date-time
             * @description When the change happened (its commit), the same on every attempt; not when this attempt was sent
             * @example 2026-11-24T10:00:00.000Z
             */
            timestamp: string;
            data: {
                /**
                 * @description The customer's tenant
                 * @example t_01JD3
                 */
                tenantId: string;
                /**
                 * @description The partner the relationship or request is with (this event's receiver, or its reseller when `via` is present)
                 * @example p_01JD3
                 */
                partnerId: string;
                delegatedAdmin: {
                    roles: ("CloudDeviceAdministrator" | "IntuneAdministrator" | "HelpdeskAdministrator" | "GlobalReader" | "DirectoryReaders" | "ServiceSupportAdministrator" | "LicenseAdministrator" | "UserAdministrator")[];
                    /**
                     * Format: date-time
                     * @description When the roles end (R13)
                     * @example 2026-11-24T10:00:00.000Z
                     */
                    expiresAt: string;
                    /** @description R31: the roles will be extended by 180 days at their end, unless the customer turns it off first */
                    autoExtend: boolean;
                };
                /** @description The whole days left when this was sent (a late run says the truth, not 30 or 7) */
                daysLeft: number;
                actor: components["schemas"]["eventActor"];
            };
        };
        /**
         * @description The body of a `delegated_admin.expired` delivery. The delegated admin roles ended; they grant nothing any more (S3, R13).
         * @example {
         *       "type": "delegated_admin.expired",
         *       "timestamp": "2026-11-24T10:00:00.000Z",
         *       "data": {
         *         "tenantId": "t_01JD3",
         *         "partnerId": "p_01JD3",
         *         "delegatedAdmin": {
         *           "roles": [
         *             "IntuneAdministrator",
         *             "CloudDeviceAdministrator"
         *           ],
         *           "expiresAt": "2027-05-23T10:00:00.000Z"
         *         },
         *         "actor": {
         *           "type": "system",
         *           "id": "consent-status-check"
         *         }
         *       }
         *     }
         */
        delegatedAdminExpiredEvent: {
            /** @constant */
            type: "delegated_admin.expired";
            /**
             * Format: date-time
             * @description When the change happened (its commit), the same on every attempt; not when this attempt was sent
             * @example 2026-11-24T10:00:00.000Z
             */
            timestamp: string;
            data: {
                /**
                 * @description The customer's tenant
                 * @example t_01JD3
                 */
                tenantId: string;
                /**
                 * @description The partner the relationship or request is with (this event's receiver, or its reseller when `via` is present)
                 * @example p_01JD3
                 */
                partnerId: string;
                delegatedAdmin: {
                    roles: ("CloudDeviceAdministrator" | "IntuneAdministrator" | "HelpdeskAdministrator" | "GlobalReader" | "DirectoryReaders" | "ServiceSupportAdministrator" | "LicenseAdministrator" | "UserAdministrator")[];
                    /**
                     * Format: date-time
                     * @description When the roles end (R13)
                     * @example 2026-11-24T10:00:00.000Z
                     */
                    expiresAt: string;
                };
                actor: components["schemas"]["eventActor"];
            };
        };
        /**
         * @description The body of a `delegated_admin.extended` delivery. R31, S7: auto-extended delegated admin roles reached their end and were extended by 180 days; the customer may still turn auto-extension off.
         * @example {
         *       "type": "delegated_admin.extended",
         *       "timestamp": "2026-11-24T10:00:00.000Z",
         *       "data": {
         *         "tenantId": "t_01JD3",
         *         "partnerId": "p_01JD3",
         *         "delegatedAdmin": {
         *           "roles": [
         *             "IntuneAdministrator",
         *             "CloudDeviceAdministrator"
         *           ],
         *           "expiresAt": "2027-11-19T10:00:00.000Z",
         *           "previousExpiresAt": "2027-05-23T10:00:00.000Z",
         *           "extendedByDays": 180
         *         },
         *         "actor": {
         *           "type": "system",
         *           "id": "consent-status-check"
         *         }
         *       }
         *     }
         */
        delegatedAdminExtendedEvent: {
            /** @constant */
            type: "delegated_admin.extended";
            /**
             * Format: date-time
             * @description When the change happened (its commit), the same on every attempt; not when this attempt was sent
             * @example 2026-11-24T10:00:00.000Z
             */
            timestamp: string;
            data: {
                /**
                 * @description The customer's tenant
                 * @example t_01JD3
                 */
                tenantId: string;
                /**
                 * @description The partner the relationship or request is with (this event's receiver, or its reseller when `via` is present)
                 * @example p_01JD3
                 */
                partnerId: string;
                delegatedAdmin: {
                    roles: ("CloudDeviceAdministrator" | "IntuneAdministrator" | "HelpdeskAdministrator" | "GlobalReader" | "DirectoryReaders" | "ServiceSupportAdministrator" | "LicenseAdministrator" | "UserAdministrator")[];
                    /**
                     * Format: date-time
                     * @description When the roles end (R13)
                     * @example 2026-11-24T10:00:00.000Z
                     */
                    expiresAt: string;
                    /**
                     * Format: date-time
                     * @description When the roles would have ended
                     * @example 2026-11-24T10:00:00.000Z
                     */
                    previousExpiresAt: string;
                    /** @constant */
                    extendedByDays: 180;
                };
                actor: components["schemas"]["eventActor"];
            };
        };
        /**
         * @description The body of a `delegated_admin.roles_changed` delivery. R31: the customer's global admin accepted a new consent request of a partner already authorized: its delegated admin roles are replaced by the request's; the relationship stays as it was (since when, who accepted it, its history). Sent instead of `consent.accepted`.
         * @example {
         *       "type": "delegated_admin.roles_changed",
         *       "timestamp": "2026-11-24T10:00:00.000Z",
         *       "data": {
         *         "tenantId": "t_01JD3",
         *         "partnerId": "p_01JD3",
         *         "requestId": "cr_01JD4",
         *         "delegatedAdmin": {
         *           "roles": [
         *             "IntuneAdministrator",
         *             "GlobalReader"
         *           ],
         *           "expiresAt": "2027-05-23T10:00:00.000Z",
         *           "autoExtend": true
         *         },
         *         "previous": {
         *           "roles": [
         *             "IntuneAdministrator",
         *             "CloudDeviceAdministrator"
         *           ],
         *           "expiresAt": "2027-05-23T10:00:00.000Z",
         *           "status": "active"
         *         },
         *         "actor": {
         *           "type": "user",
         *           "id": "u_01JD3"
         *         }
         *       }
         *     }
         */
        delegatedAdminRolesChangedEvent: {
            /** @constant */
            type: "delegated_admin.roles_changed";
            /**
             * Format: date-time
             * @description When the change happened (its commit), the same on every attempt; not when this attempt was sent
             * @example 2026-11-24T10:00:00.000Z
             */
            timestamp: string;
            data: {
                /**
                 * @description The customer's tenant
                 * @example t_01JD3
                 */
                tenantId: string;
                /**
                 * @description The partner the relationship or request is with (this event's receiver, or its reseller when `via` is present)
                 * @example p_01JD3
                 */
                partnerId: string;
                /** @description The consent request accepted */
                requestId: string;
                /** @description The roles granted now */
                delegatedAdmin: {
                    roles: ("CloudDeviceAdministrator" | "IntuneAdministrator" | "HelpdeskAdministrator" | "GlobalReader" | "DirectoryReaders" | "ServiceSupportAdministrator" | "LicenseAdministrator" | "UserAdministrator")[];
                    /**
                     * Format: date-time
                     * @description When the roles end (R13)
                     * @example 2026-11-24T10:00:00.000Z
                     */
                    expiresAt: string;
                    autoExtend: boolean;
                };
                /** @description The roles replaced, as they were (absent when there were none) */
                previous?: {
                    roles: ("CloudDeviceAdministrator" | "IntuneAdministrator" | "HelpdeskAdministrator" | "GlobalReader" | "DirectoryReaders" | "ServiceSupportAdministrator" | "LicenseAdministrator" | "UserAdministrator")[];
                    /**
                     * Format: date-time
                     * @example 2026-11-24T10:00:00.000Z
                     */
                    expiresAt: string;
                    /** @enum {string} */
                    status: "active" | "expiring" | "expired" | "extended" | "removed";
                };
                actor: components["schemas"]["eventActor"];
            };
        };
        /**
         * @description The body of a `devices.registered` delivery. Devices were registered for the tenant (R14): one event per write of a synchronous submission, or one per task of a batch (up to 1,000 devices; a task whose parts came by both channels has one per channel).
         * @example {
         *       "type": "devices.registered",
         *       "timestamp": "2026-11-24T10:00:00.000Z",
         *       "data": {
         *         "tenantId": "t_01JD3",
         *         "partnerId": "p_01JD3",
         *         "deviceIds": [
         *           "d_5f0c2a9e1b7d4c3a8e6f0b12",
         *           "d_0b7e4c1d9a2f3e5b6c8d0a14"
         *         ],
         *         "channel": "api",
         *         "actor": {
         *           "type": "partner",
         *           "id": "p_01JD3"
         *         }
         *       }
         *     }
         */
        devicesRegisteredEvent: {
            /** @constant */
            type: "devices.registered";
            /**
             * Format: date-time
             * @description When the change happened (its commit), the same on every attempt; not when this attempt was sent
             * @example 2026-11-24T10:00:00.000Z
             */
            timestamp: string;
            data: {
                /**
                 * @description The customer's tenant
                 * @example t_01JD3
                 */
                tenantId: string;
                /**
                 * @description The partner the relationship or request is with (this event's receiver, or its reseller when `via` is present)
                 * @example p_01JD3
                 */
                partnerId: string;
                /** @description The devices of this change: a write of a synchronous submission, or every device one batch task changed */
                deviceIds: string[];
                /**
                 * @description How the partner sent them (R14)
                 * @enum {string}
                 */
                channel: "api" | "csv";
                /** @description The device batch, when a batch did it */
                batchId?: string;
                actor: components["schemas"]["eventActor"];
            };
        };
        /**
         * @description The body of a `devices.deregistered` delivery. Devices were deregistered from the tenant (R14): one event per write of a synchronous submission, or one per task of a batch (up to 1,000 devices; a task whose parts came by both channels has one per channel).
         * @example {
         *       "type": "devices.deregistered",
         *       "timestamp": "2026-11-24T10:00:00.000Z",
         *       "data": {
         *         "tenantId": "t_01JD3",
         *         "partnerId": "p_01JD3",
         *         "deviceIds": [
         *           "d_5f0c2a9e1b7d4c3a8e6f0b12",
         *           "d_0b7e4c1d9a2f3e5b6c8d0a14"
         *         ],
         *         "channel": "csv",
         *         "actor": {
         *           "type": "partner",
         *           "id": "p_01JD3"
         *         },
         *         "batchId": "b_01JD3"
         *       }
         *     }
         */
        devicesDeregisteredEvent: {
            /** @constant */
            type: "devices.deregistered";
            /**
             * Format: date-time
             * @description When the change happened (its commit), the same on every attempt; not when this attempt was sent
             * @example 2026-11-24T10:00:00.000Z
             */
            timestamp: string;
            data: {
                /**
                 * @description The customer's tenant
                 * @example t_01JD3
                 */
                tenantId: string;
                /**
                 * @description The partner the relationship or request is with (this event's receiver, or its reseller when `via` is present)
                 * @example p_01JD3
                 */
                partnerId: string;
                /** @description The devices of this change: a write of a synchronous submission, or every device one batch task changed */
                deviceIds: string[];
                /**
                 * @description How the partner sent them (R14)
                 * @enum {string}
                 */
                channel: "api" | "csv";
                /** @description The device batch, when a batch did it */
                batchId?: string;
                actor: components["schemas"]["eventActor"];
            };
        };
        /**
         * @description The body of a `devices.released` delivery. The customer released devices this partner registered for it (R24): they are no longer registered to the tenant, and any authorized partner may register them again. One event per write; a reseller's provider receives it too.
         * @example {
         *       "type": "devices.released",
         *       "timestamp": "2026-11-24T10:00:00.000Z",
         *       "data": {
         *         "tenantId": "t_01JD3",
         *         "partnerId": "p_01JD3",
         *         "deviceIds": [
         *           "d_5f0c2a9e1b7d4c3a8e6f0b12",
         *           "d_0b7e4c1d9a2f3e5b6c8d0a14"
         *         ],
         *         "actor": {
         *           "type": "user",
         *           "id": "u_01JD3"
         *         }
         *       }
         *     }
         */
        devicesReleasedEvent: {
            /** @constant */
            type: "devices.released";
            /**
             * Format: date-time
             * @description When the change happened (its commit), the same on every attempt; not when this attempt was sent
             * @example 2026-11-24T10:00:00.000Z
             */
            timestamp: string;
            data: {
                /**
                 * @description The customer's tenant
                 * @example t_01JD3
                 */
                tenantId: string;
                /**
                 * @description The partner that had registered the devices
                 * @example p_01JD3
                 */
                partnerId: string;
                /** @description The devices of this write */
                deviceIds: string[];
                /** @description The customer's release from a file, when one did it */
                batchId?: string;
                actor: components["schemas"]["eventActor"];
            };
        };
        /**
         * @description The body of a `device_batch.finished` delivery. A device batch was worked to its end (R22): every device is registered, deregistered, invalid or failed; its results are at `GET /v1/device-batches/{batchId}/results`.
         * @example {
         *       "type": "device_batch.finished",
         *       "timestamp": "2026-11-24T10:00:00.000Z",
         *       "data": {
         *         "batchId": "b_01JD3",
         *         "tenantId": "t_01JD3",
         *         "partnerId": "p_01JD3",
         *         "action": "register",
         *         "status": "finished_with_errors",
         *         "summary": {
         *           "received": 1000,
         *           "processed": 1000,
         *           "succeeded": 998,
         *           "failed": 2
         *         },
         *         "actor": {
         *           "type": "system",
         *           "id": "device-batch"
         *         }
         *       }
         *     }
         */
        deviceBatchFinishedEvent: {
            /** @constant */
            type: "device_batch.finished";
            /**
             * Format: date-time
             * @description When the change happened (its commit), the same on every attempt; not when this attempt was sent
             * @example 2026-11-24T10:00:00.000Z
             */
            timestamp: string;
            data: {
                batchId: string;
                /**
                 * @description The customer's tenant
                 * @example t_01JD3
                 */
                tenantId: string;
                /**
                 * @description The partner the relationship or request is with (this event's receiver, or its reseller when `via` is present)
                 * @example p_01JD3
                 */
                partnerId: string;
                /** @enum {string} */
                action: "register" | "deregister";
                /** @enum {string} */
                status: "finished" | "finished_with_errors";
                summary: {
                    received: number;
                    processed: number;
                    succeeded: number;
                    failed: number;
                };
                actor: components["schemas"]["eventActor"];
            };
        };
        /**
         * @description The body of a `device_batch.awaiting_approval` delivery. A held batch (R27) was submitted for a tenant that has not authorized the partner: nothing is registered; the tenant's global admins were emailed and approve or reject it, or it expires after 30 days (S5).
         * @example {
         *       "type": "device_batch.awaiting_approval",
         *       "timestamp": "2026-11-24T10:00:00.000Z",
         *       "data": {
         *         "batchId": "b_01JD3",
         *         "tenantId": "t_01JD3",
         *         "partnerId": "p_01JD3",
         *         "reference": "PO-4711",
         *         "reason": "not_authorized",
         *         "summary": {
         *           "received": 2500
         *         },
         *         "until": "2026-12-24T10:00:00.000Z",
         *         "actor": {
         *           "type": "partner",
         *           "id": "p_01JD3"
         *         }
         *       }
         *     }
         */
        deviceBatchAwaitingApprovalEvent: {
            /** @constant */
            type: "device_batch.awaiting_approval";
            /**
             * Format: date-time
             * @description When the change happened (its commit), the same on every attempt; not when this attempt was sent
             * @example 2026-11-24T10:00:00.000Z
             */
            timestamp: string;
            data: {
                batchId: string;
                /**
                 * @description The customer's tenant
                 * @example t_01JD3
                 */
                tenantId: string;
                /**
                 * @description The partner the relationship or request is with (this event's receiver, or its reseller when `via` is present)
                 * @example p_01JD3
                 */
                partnerId: string;
                /** @description The partner's reference given when the batch was created */
                reference?: string;
                /**
                 * @description Why it waits for approval: `not_authorized`, the partner asked to hold it for a tenant that has not consented (R27); `approval_policy`, the customer's approval policy for this partner holds it (R28)
                 * @enum {string}
                 */
                reason: "not_authorized" | "approval_policy";
                actor: components["schemas"]["eventActor"];
                summary: {
                    /** @description The devices in the batch */
                    received: number;
                };
                /**
                 * Format: date-time
                 * @description When it expires if nobody decides (S5)
                 * @example 2026-11-24T10:00:00.000Z
                 */
                until: string;
            };
        };
        /**
         * @description The body of a `device_batch.approved` delivery. The customer's global admin approved the held batch (R27), with the consent when the partner had none (then `consent.accepted` comes too): the batch is `queued` and worked as any batch (R22), ending with `device_batch.finished`.
         * @example {
         *       "type": "device_batch.approved",
         *       "timestamp": "2026-11-24T10:00:00.000Z",
         *       "data": {
         *         "batchId": "b_01JD3",
         *         "tenantId": "t_01JD3",
         *         "partnerId": "p_01JD3",
         *         "reference": "PO-4711",
         *         "reason": "not_authorized",
         *         "withConsent": true,
         *         "actor": {
         *           "type": "user",
         *           "id": "u_01JD3"
         *         }
         *       }
         *     }
         */
        deviceBatchApprovedEvent: {
            /** @constant */
            type: "device_batch.approved";
            /**
             * Format: date-time
             * @description When the change happened (its commit), the same on every attempt; not when this attempt was sent
             * @example 2026-11-24T10:00:00.000Z
             */
            timestamp: string;
            data: {
                batchId: string;
                /**
                 * @description The customer's tenant
                 * @example t_01JD3
                 */
                tenantId: string;
                /**
                 * @description The partner the relationship or request is with (this event's receiver, or its reseller when `via` is present)
                 * @example p_01JD3
                 */
                partnerId: string;
                /** @description The partner's reference given when the batch was created */
                reference?: string;
                /**
                 * @description Why it waits for approval: `not_authorized`, the partner asked to hold it for a tenant that has not consented (R27); `approval_policy`, the customer's approval policy for this partner holds it (R28)
                 * @enum {string}
                 */
                reason: "not_authorized" | "approval_policy";
                actor: components["schemas"]["eventActor"];
                /** @description The approval was also the acceptance of the partner (R1-R9) */
                withConsent: boolean;
            };
        };
        /**
         * @description The body of a `device_batch.rejected` delivery. The customer's global admin rejected the held batch (R27): nothing is registered. `blocked`: the partner may hold no more batches for this tenant until the customer unblocks it.
         * @example {
         *       "type": "device_batch.rejected",
         *       "timestamp": "2026-11-24T10:00:00.000Z",
         *       "data": {
         *         "batchId": "b_01JD3",
         *         "tenantId": "t_01JD3",
         *         "partnerId": "p_01JD3",
         *         "reference": "PO-4711",
         *         "reason": "not_authorized",
         *         "blocked": true,
         *         "actor": {
         *           "type": "user",
         *           "id": "u_01JD3"
         *         }
         *       }
         *     }
         */
        deviceBatchRejectedEvent: {
            /** @constant */
            type: "device_batch.rejected";
            /**
             * Format: date-time
             * @description When the change happened (its commit), the same on every attempt; not when this attempt was sent
             * @example 2026-11-24T10:00:00.000Z
             */
            timestamp: string;
            data: {
                batchId: string;
                /**
                 * @description The customer's tenant
                 * @example t_01JD3
                 */
                tenantId: string;
                /**
                 * @description The partner the relationship or request is with (this event's receiver, or its reseller when `via` is present)
                 * @example p_01JD3
                 */
                partnerId: string;
                /** @description The partner's reference given when the batch was created */
                reference?: string;
                /**
                 * @description Why it waits for approval: `not_authorized`, the partner asked to hold it for a tenant that has not consented (R27); `approval_policy`, the customer's approval policy for this partner holds it (R28)
                 * @enum {string}
                 */
                reason: "not_authorized" | "approval_policy";
                actor: components["schemas"]["eventActor"];
                blocked: boolean;
            };
        };
        /**
         * @description The body of a `device_batch.expired` delivery. Nobody decided on the held batch within 30 days (S5): it ended `expired`, nothing is registered.
         * @example {
         *       "type": "device_batch.expired",
         *       "timestamp": "2026-11-24T10:00:00.000Z",
         *       "data": {
         *         "batchId": "b_01JD3",
         *         "tenantId": "t_01JD3",
         *         "partnerId": "p_01JD3",
         *         "reference": "PO-4711",
         *         "reason": "not_authorized",
         *         "actor": {
         *           "type": "system",
         *           "id": "consent-status-check"
         *         }
         *       }
         *     }
         */
        deviceBatchExpiredEvent: {
            /** @constant */
            type: "device_batch.expired";
            /**
             * Format: date-time
             * @description When the change happened (its commit), the same on every attempt; not when this attempt was sent
             * @example 2026-11-24T10:00:00.000Z
             */
            timestamp: string;
            data: {
                batchId: string;
                /**
                 * @description The customer's tenant
                 * @example t_01JD3
                 */
                tenantId: string;
                /**
                 * @description The partner the relationship or request is with (this event's receiver, or its reseller when `via` is present)
                 * @example p_01JD3
                 */
                partnerId: string;
                /** @description The partner's reference given when the batch was created */
                reference?: string;
                /**
                 * @description Why it waits for approval: `not_authorized`, the partner asked to hold it for a tenant that has not consented (R27); `approval_policy`, the customer's approval policy for this partner holds it (R28)
                 * @enum {string}
                 */
                reason: "not_authorized" | "approval_policy";
                actor: components["schemas"]["eventActor"];
            };
        };
        /**
         * @description The body of a `device_claim.opened` delivery. The partner's device claim was opened (R26): the owners of the claimed devices are told and have until `deadline` to answer (S6). Which tenants own them is never said (R19).
         * @example {
         *       "type": "device_claim.opened",
         *       "timestamp": "2026-11-24T10:00:00.000Z",
         *       "data": {
         *         "claimId": "dc_5f0c2a9e1b7d4c3a8e6f0b12",
         *         "tenantId": "t_01JD3",
         *         "partnerId": "p_01JD3",
         *         "reference": "PO-2026-1187",
         *         "deadline": "2026-12-08T10:00:00.000Z",
         *         "summary": {
         *           "claimed": 2,
         *           "released": 0,
         *           "contested": 0,
         *           "uncontested": 0,
         *           "granted": 0,
         *           "denied": 0,
         *           "withdrawn": 0
         *         },
         *         "actor": {
         *           "type": "partner",
         *           "id": "p_01JD3"
         *         }
         *       }
         *     }
         */
        deviceClaimOpenedEvent: {
            /** @constant */
            type: "device_claim.opened";
            /**
             * Format: date-time
             * @description When the change happened (its commit), the same on every attempt; not when this attempt was sent
             * @example 2026-11-24T10:00:00.000Z
             */
            timestamp: string;
            data: {
                claimId: string;
                /**
                 * @description The tenant the devices are claimed for
                 * @example t_01JD3
                 */
                tenantId: string;
                /**
                 * @description The partner the relationship or request is with (this event's receiver, or its reseller when `via` is present)
                 * @example p_01JD3
                 */
                partnerId: string;
                reference: string;
                /**
                 * Format: date-time
                 * @example 2026-11-24T10:00:00.000Z
                 */
                deadline: string;
                /** @description How many devices were claimed, and how many are in each state but `open` */
                summary: {
                    claimed: number;
                    released: number;
                    contested: number;
                    uncontested: number;
                    granted: number;
                    denied: number;
                    withdrawn: number;
                };
                actor: components["schemas"]["eventActor"];
            };
        };
        /**
         * @description The body of a `device_claim.updated` delivery. Devices of the partner's claim changed state (R26): released by their owner (moved to the claimed tenant), contested, left unanswered at the deadline (`uncontested`, S6), granted (moved) or denied by an operator, or withdrawn. One event per write. At the deadline the owner's side hears it too (`side: owner`): the partner that had registered the devices (and a reseller's provider) is told its own devices are with operators, never who claims them (R19).
         * @example {
         *       "type": "device_claim.updated",
         *       "timestamp": "2026-11-24T10:00:00.000Z",
         *       "data": {
         *         "claimId": "dc_5f0c2a9e1b7d4c3a8e6f0b12",
         *         "tenantId": "t_01JD3",
         *         "partnerId": "p_01JD3",
         *         "status": "open",
         *         "summary": {
         *           "claimed": 2,
         *           "released": 1,
         *           "contested": 0,
         *           "uncontested": 0,
         *           "granted": 0,
         *           "denied": 0,
         *           "withdrawn": 0
         *         },
         *         "devices": [
         *           {
         *             "index": 0,
         *             "status": "released"
         *           }
         *         ],
         *         "actor": {
         *           "type": "system",
         *           "id": "device-claim"
         *         }
         *       }
         *     }
         */
        deviceClaimUpdatedEvent: {
            /** @constant */
            type: "device_claim.updated";
            /**
             * Format: date-time
             * @description When the change happened (its commit), the same on every attempt; not when this attempt was sent
             * @example 2026-11-24T10:00:00.000Z
             */
            timestamp: string;
            data: {
                claimId: string;
                /**
                 * @description The customer's tenant
                 * @example t_01JD3
                 */
                tenantId: string;
                /**
                 * @description The partner the relationship or request is with (this event's receiver, or its reseller when `via` is present)
                 * @example p_01JD3
                 */
                partnerId: string;
                /** @enum {string} */
                status: "open" | "with_operators" | "closed";
                /** @description How many devices were claimed, and how many are in each state but `open` */
                summary: {
                    claimed: number;
                    released: number;
                    contested: number;
                    uncontested: number;
                    granted: number;
                    denied: number;
                    withdrawn: number;
                };
                devices: {
                    index: number;
                    /** @enum {string} */
                    status: "open" | "released" | "contested" | "uncontested" | "granted" | "denied" | "withdrawn";
                }[];
                actor: components["schemas"]["eventActor"];
            } | {
                /** @constant */
                side: "owner";
                claimId: string;
                /**
                 * @description The owner tenant the devices are registered to
                 * @example t_01JD3
                 */
                tenantId: string;
                /**
                 * @description The partner that had registered the devices
                 * @example p_01JD3
                 */
                partnerId: string;
                /**
                 * @description The state the devices are now in (`uncontested`: with operators, S6)
                 * @enum {string}
                 */
                status: "open" | "released" | "contested" | "uncontested" | "granted" | "denied" | "withdrawn";
                /** @description The devices of this write, as they are registered */
                deviceIds: string[];
                actor: components["schemas"]["eventActor"];
            };
        };
        /**
         * @description The body of a `device_claim.closed` delivery. The partner's claim is closed: every device was released, granted, denied or withdrawn (R26).
         * @example {
         *       "type": "device_claim.closed",
         *       "timestamp": "2026-11-24T10:00:00.000Z",
         *       "data": {
         *         "claimId": "dc_5f0c2a9e1b7d4c3a8e6f0b12",
         *         "tenantId": "t_01JD3",
         *         "partnerId": "p_01JD3",
         *         "summary": {
         *           "claimed": 2,
         *           "released": 1,
         *           "contested": 0,
         *           "uncontested": 0,
         *           "granted": 1,
         *           "denied": 0,
         *           "withdrawn": 0
         *         },
         *         "actor": {
         *           "type": "operator",
         *           "id": "operator"
         *         }
         *       }
         *     }
         */
        deviceClaimClosedEvent: {
            /** @constant */
            type: "device_claim.closed";
            /**
             * Format: date-time
             * @description When the change happened (its commit), the same on every attempt; not when this attempt was sent
             * @example 2026-11-24T10:00:00.000Z
             */
            timestamp: string;
            data: {
                claimId: string;
                /**
                 * @description The customer's tenant
                 * @example t_01JD3
                 */
                tenantId: string;
                /**
                 * @description The partner the relationship or request is with (this event's receiver, or its reseller when `via` is present)
                 * @example p_01JD3
                 */
                partnerId: string;
                /** @description How many devices were claimed, and how many are in each state but `open` */
                summary: {
                    claimed: number;
                    released: number;
                    contested: number;
                    uncontested: number;
                    granted: number;
                    denied: number;
                    withdrawn: number;
                };
                actor: components["schemas"]["eventActor"];
            };
        };
        /**
         * @description The body of a `devices.transferred` delivery. Devices this partner had registered for the tenant were moved to another tenant by a device claim (R26): released by the tenant, or granted by an operator. They are no longer the tenant's; which tenant has them is never said (R19). One event per write; a reseller's provider gets it too for the devices registered through it (R7, R8).
         * @example {
         *       "type": "devices.transferred",
         *       "timestamp": "2026-11-24T10:00:00.000Z",
         *       "data": {
         *         "tenantId": "t_01JD4",
         *         "partnerId": "p_01JD4",
         *         "deviceIds": [
         *           "d_5f0c2a9e1b7d4c3a8e6f0b12",
         *           "d_0b7e4c1d9a2f3e5b6c8d0a14"
         *         ],
         *         "claimId": "dc_5f0c2a9e1b7d4c3a8e6f0b12",
         *         "actor": {
         *           "type": "user",
         *           "id": "u_01JD3"
         *         }
         *       }
         *     }
         */
        devicesTransferredEvent: {
            /** @constant */
            type: "devices.transferred";
            /**
             * Format: date-time
             * @description When the change happened (its commit), the same on every attempt; not when this attempt was sent
             * @example 2026-11-24T10:00:00.000Z
             */
            timestamp: string;
            data: {
                /**
                 * @description The tenant the devices were registered to
                 * @example t_01JD3
                 */
                tenantId: string;
                /**
                 * @description The partner that had registered the devices
                 * @example p_01JD3
                 */
                partnerId: string;
                /** @description The devices of this write, as they were registered */
                deviceIds: string[];
                claimId: string;
                actor: components["schemas"]["eventActor"];
            };
        };
        /**
         * @example {
         *       "id": "p_01JD3",
         *       "name": "Contoso Devices",
         *       "kind": "direct-csp",
         *       "contactEmail": "ops@contoso.example",
         *       "status": "active",
         *       "createdAt": "2026-11-24T10:00:00.000Z"
         *     }
         */
        partner: {
            id: string;
            name: string;
            /** @enum {string} */
            kind: "direct-csp" | "indirect-provider" | "indirect-reseller" | "oem";
            contactEmail: string;
            /** @enum {string} */
            status: "active" | "suspended";
            providerId?: string;
            directApiEligible?: boolean;
            /** @description Operator API only: the id of the partner's reusable consent link, once it has one */
            linkId?: string;
            /** @description R32: the partner's organization at the identity provider (its `tid`): its people may sign in to the partner portal through it */
            idpTenantId?: string;
            /**
             * Format: date-time
             * @example 2026-11-24T10:00:00.000Z
             */
            createdAt: string;
        };
        /**
         * @description RFC 9457 problem details with a stable `code` (API.md "Errors")
         * @example {
         *       "type": "about:blank",
         *       "status": 400,
         *       "code": "validation_failed",
         *       "title": "Request body is invalid",
         *       "detail": "devices[3].serialNumber: must be at most 64 characters",
         *       "errors": [
         *         {
         *           "path": "devices[3].serialNumber",
         *           "message": "must be at most 64 characters"
         *         }
         *       ]
         *     }
         */
        problem: {
            type: string;
            status: number;
            /** @enum {string} */
            code: "validation_failed" | "unauthorized" | "forbidden" | "partner_not_eligible" | "not_found" | "conflict" | "idempotency_key_reused" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "unavailable" | "internal";
            title: string;
            detail?: string;
            errors?: {
                path: string;
                message: string;
            }[];
        };
        /**
         * @description A page of a list; pass `nextCursor` as `cursor` for the next one
         * @example {
         *       "items": [
         *         {
         *           "keyId": "k_01JD3",
         *           "createdAt": "2026-11-24T10:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        apiKeyPage: {
            items: components["schemas"]["apiKeyInfo"][];
            nextCursor: string | null;
        };
        /**
         * @description An API key, never its secret
         * @example {
         *       "keyId": "k_01JD3",
         *       "createdAt": "2026-11-24T10:00:00.000Z"
         *     }
         */
        apiKeyInfo: {
            keyId: string;
            partnerId?: string;
            /**
             * Format: date-time
             * @example 2026-11-24T10:00:00.000Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @example 2026-11-24T10:00:00.000Z
             */
            revokedAt?: string;
        };
        /**
         * @example {
         *       "id": "t_01JD3",
         *       "name": "Fabrikam",
         *       "initialDomain": "fabrikam.onmicrosoft.example",
         *       "domains": [
         *         "fabrikam.onmicrosoft.example"
         *       ],
         *       "requireIdpSignIn": false,
         *       "createdAt": "2026-11-24T10:00:00.000Z"
         *     }
         */
        tenant: {
            id: string;
            name: string;
            initialDomain: string;
            domains: string[];
            idpTenantId?: string;
            requireIdpSignIn?: boolean;
            /**
             * Format: date-time
             * @example 2026-11-24T10:00:00.000Z
             */
            createdAt: string;
        };
        /**
         * @example {
         *       "id": "u_01JD3",
         *       "tenantId": "t_01JD3",
         *       "email": "admin@fabrikam.example",
         *       "displayName": "Fabrikam Admin",
         *       "roles": [
         *         "GlobalAdministrator"
         *       ]
         *     }
         */
        user: {
            id: string;
            tenantId: string;
            email: string;
            displayName: string;
            roles: ("GlobalAdministrator" | "CloudDeviceAdministrator" | "IntuneAdministrator" | "HelpdeskAdministrator" | "GlobalReader" | "DirectoryReaders" | "ServiceSupportAdministrator" | "LicenseAdministrator" | "UserAdministrator")[];
        };
        /**
         * @example {
         *       "tenantId": "t_01JD3",
         *       "partnerId": "p_01JD3",
         *       "status": "revoked",
         *       "grantedAt": "2026-11-24T10:00:00.000Z",
         *       "revokedAt": "2026-11-25T10:00:00.000Z",
         *       "revokeReason": "fraud"
         *     }
         */
        relationship: {
            tenantId: string;
            partnerId: string;
            /** @enum {string} */
            status: "active" | "terminated" | "revoked";
            /**
             * Format: date-time
             * @example 2026-11-24T10:00:00.000Z
             */
            grantedAt: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * @description A page of a list; pass `nextCursor` as `cursor` for the next one
         * @example {
         *       "items": [
         *         {
         *           "tenantId": "t_01JD3",
         *           "partnerId": "p_01JD3",
         *           "status": "open",
         *           "reason": "We never bought from them",
         *           "requestedBy": {
         *             "userId": "u_01JD3",
         *             "email": "admin@fabrikam.example"
         *           },
         *           "createdAt": "2026-11-24T10:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        removalRequestPage: {
            items: components["schemas"]["removalRequest"][];
            nextCursor: string | null;
        };
        /**
         * @example {
         *       "tenantId": "t_01JD3",
         *       "partnerId": "p_01JD3",
         *       "status": "open",
         *       "reason": "We never bought from them",
         *       "requestedBy": {
         *         "userId": "u_01JD3",
         *         "email": "admin@fabrikam.example"
         *       },
         *       "createdAt": "2026-11-24T10:00:00.000Z"
         *     }
         */
        removalRequest: {
            tenantId: string;
            partnerId: string;
            /** @enum {string} */
            status: "open" | "closed";
            reason: string;
            requestedBy: {
                userId: string;
                email: string;
            };
            /**
             * Format: date-time
             * @example 2026-11-24T10:00:00.000Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @example 2026-11-24T10:00:00.000Z
             */
            closedAt?: string;
        };
        /**
         * @description What the scheduled check did; more counters may be added
         * @example {
         *       "now": "2026-11-24T10:00:00.000Z",
         *       "expired": 0,
         *       "reminded": 1,
         *       "rolesExpired": 0,
         *       "retried": 0
         *     }
         */
        consentStatusCheckResult: {
            /**
             * Format: date-time
             * @example 2026-11-24T10:00:00.000Z
             */
            now: string;
            expired: number;
            reminded: number;
            rolesExpired: number;
            retried: number;
        } & {
            [key: string]: unknown;
        };
        /**
         * @description A page of a list; pass `nextCursor` as `cursor` for the next one
         * @example {
         *       "items": [
         *         {
         *           "id": "a_01JD3",
         *           "at": "2026-11-24T10:00:00.000Z",
         *           "action": "partner.created",
         *           "actor": {
         *             "type": "operator",
         *             "id": "operator"
         *           },
         *           "partnerId": "p_01JD3"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        operatorAuditEventPage: {
            items: components["schemas"]["operatorAuditEvent"][];
            nextCursor: string | null;
        };
        /**
         * @example {
         *       "id": "a_01JD3",
         *       "at": "2026-11-24T10:00:00.000Z",
         *       "action": "partner.created",
         *       "actor": {
         *         "type": "operator",
         *         "id": "operator"
         *       },
         *       "partnerId": "p_01JD3"
         *     }
         */
        operatorAuditEvent: {
            id: string;
            /**
             * Format: date-time
             * @example 2026-11-24T10:00:00.000Z
             */
            at: string;
            action: string;
            actor: {
                type: string;
                id?: string;
            } & {
                [key: string]: unknown;
            };
            tenantId?: string;
            partnerId?: string;
            subject?: string;
            subjectName?: string;
            /** @enum {string} */
            outcome?: "refused";
            details?: {
                [key: string]: unknown;
            };
        };
        /**
         * @example {
         *       "id": "cr_01JD3",
         *       "status": "pending",
         *       "recipientEmail": "admin@fabrikam.example",
         *       "tenantDomain": "fabrikam.example",
         *       "consentUrl": "http://localhost:3000/consent/cr_01JD3",
         *       "createdAt": "2026-11-24T10:00:00.000Z",
         *       "expiresAt": "2026-12-08T10:00:00.000Z",
         *       "email": {
         *         "status": "sent",
         *         "attempts": 1
         *       }
         *     }
         */
        consentRequest: {
            id: string;
            /** @enum {string} */
            status: "pending" | "accepted" | "declined" | "expired" | "cancelled";
            recipientEmail: string;
            tenantDomain?: string;
            tenantId?: string;
            delegatedAdmin?: {
                roles: components["schemas"]["delegatedAdminRole"][];
                durationDays: number;
                /** @description R31: extended by 180 days at each end until the customer turns it off */
                autoExtend: boolean;
            };
            message?: string;
            consentUrl: string;
            /**
             * Format: date-time
             * @example 2026-11-24T10:00:00.000Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @example 2026-11-24T10:00:00.000Z
             */
            expiresAt: string;
            /**
             * Format: date-time
             * @example 2026-11-24T10:00:00.000Z
             */
            acceptedAt?: string;
            /**
             * Format: date-time
             * @example 2026-11-24T10:00:00.000Z
             */
            declinedAt?: string;
            /**
             * Format: date-time
             * @example 2026-11-24T10:00:00.000Z
             */
            cancelledAt?: string;
            email: {
                /** @enum {string} */
                status: "queued" | "sent" | "failed";
                attempts: number;
                /**
                 * Format: date-time
                 * @example 2026-11-24T10:00:00.000Z
                 */
                lastAttemptAt?: string;
                /**
                 * Format: date-time
                 * @example 2026-11-24T10:00:00.000Z
                 */
                nextAttemptAt?: string;
                /**
                 * @description Why it failed when the address is suppressed
                 * @enum {string}
                 */
                suppressed?: "bounced" | "complained";
            };
            reminder?: {
                /** @enum {string} */
                status: "queued" | "sent" | "failed";
                attempts: number;
                /**
                 * Format: date-time
                 * @example 2026-11-24T10:00:00.000Z
                 */
                lastAttemptAt?: string;
                /**
                 * Format: date-time
                 * @example 2026-11-24T10:00:00.000Z
                 */
                nextAttemptAt?: string;
                /**
                 * @description Why it failed when the address is suppressed
                 * @enum {string}
                 */
                suppressed?: "bounced" | "complained";
            };
        };
        /**
         * @example {
         *       "name": "IntuneAdministrator",
         *       "templateId": "3a2c62db-5318-420d-8d74-23affee5d9d5",
         *       "displayName": "Intune Administrator"
         *     }
         */
        delegatedAdminRole: {
            /** @enum {string} */
            name: "CloudDeviceAdministrator" | "IntuneAdministrator" | "HelpdeskAdministrator" | "GlobalReader" | "DirectoryReaders" | "ServiceSupportAdministrator" | "LicenseAdministrator" | "UserAdministrator";
            /**
             * Format: uuid
             * @description The role's Microsoft Entra role template id (the same in every tenant)
             */
            templateId: string;
            displayName: string;
        };
        /**
         * @description A page of a list; pass `nextCursor` as `cursor` for the next one
         * @example {
         *       "items": [
         *         {
         *           "id": "cr_01JD3",
         *           "status": "pending",
         *           "recipientEmail": "admin@fabrikam.example",
         *           "tenantDomain": "fabrikam.example",
         *           "consentUrl": "http://localhost:3000/consent/cr_01JD3",
         *           "createdAt": "2026-11-24T10:00:00.000Z",
         *           "expiresAt": "2026-12-08T10:00:00.000Z",
         *           "email": {
         *             "status": "sent",
         *             "attempts": 1
         *           }
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        consentRequestPage: {
            items: components["schemas"]["consentRequest"][];
            nextCursor: string | null;
        };
        /**
         * @description A page of a list; pass `nextCursor` as `cursor` for the next one
         * @example {
         *       "items": [
         *         {
         *           "tenantId": "t_01JD3",
         *           "name": "Fabrikam",
         *           "domains": [
         *             "fabrikam.example"
         *           ],
         *           "relationship": {
         *             "status": "active",
         *             "grantedAt": "2026-11-24T10:00:00.000Z",
         *             "approvalPolicy": {
         *               "mode": "above",
         *               "threshold": 500,
         *               "defaultGroupTag": "Contoso-Sales"
         *             }
         *           }
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        customerPage: {
            items: components["schemas"]["customer"][];
            nextCursor: string | null;
        };
        /**
         * @example {
         *       "tenantId": "t_01JD3",
         *       "name": "Fabrikam",
         *       "domains": [
         *         "fabrikam.example"
         *       ],
         *       "relationship": {
         *         "status": "active",
         *         "grantedAt": "2026-11-24T10:00:00.000Z",
         *         "approvalPolicy": {
         *           "mode": "above",
         *           "threshold": 500,
         *           "defaultGroupTag": "Contoso-Sales"
         *         }
         *       }
         *     }
         */
        customer: {
            tenantId: string;
            name: string;
            domains: string[];
            relationship: {
                /** @enum {string} */
                status: "active" | "terminated" | "revoked";
                /**
                 * Format: date-time
                 * @example 2026-11-24T10:00:00.000Z
                 */
                grantedAt: string;
                via?: {
                    resellerId: string;
                };
                delegatedAdmin?: {
                    roles: components["schemas"]["delegatedAdminRole"][];
                    /**
                     * Format: date-time
                     * @example 2026-11-24T10:00:00.000Z
                     */
                    expiresAt: string;
                    /**
                     * Format: date-time
                     * @example 2026-11-24T10:00:00.000Z
                     */
                    removedAt?: string;
                    /**
                     * @description R31: `expiring` with 30 days or fewer left; `extended` once auto-extended; `expired` and `removed` grant nothing (R10, R13)
                     * @enum {string}
                     */
                    status: "active" | "expiring" | "expired" | "extended" | "removed";
                    /** @description R31: extended by 180 days at each end until the customer turns it off */
                    autoExtend: boolean;
                    /**
                     * Format: date-time
                     * @description The last auto-extension
                     * @example 2026-11-24T10:00:00.000Z
                     */
                    extendedAt?: string;
                };
                /** @description R28: how the customer approves this partner's devices (API.md "Held batches and approval"): `automatic` (the default), `each_batch`, or `above` `threshold` devices. A synchronous registration the policy would hold is refused on every device with `approval_required`, counting the devices of the call; a batch it holds waits for approval. */
                approvalPolicy: {
                    /** @enum {string} */
                    mode: "automatic" | "each_batch" | "above";
                    /** @description With `above`: a batch of more than this many devices waits for approval */
                    threshold?: number;
                    /** @description Given to this partner's devices registered without a group tag */
                    defaultGroupTag?: string;
                };
            };
        };
        /**
         * @example {
         *       "results": [
         *         {
         *           "tenant": "fabrikam.example",
         *           "tenantId": "t_01JD3",
         *           "status": "active"
         *         },
         *         {
         *           "tenant": "unknown.example",
         *           "status": "none"
         *         }
         *       ]
         *     }
         */
        consentCheckAnswer: {
            results: {
                tenant: string;
                tenantId?: string;
                /** @enum {string} */
                status: "active" | "none" | "terminated" | "revoked";
            }[];
        };
        /**
         * @description The judgement of a device submission (API.md "Devices")
         * @example {
         *       "consent": {
         *         "status": "active",
         *         "grantedAt": "2026-11-24T10:00:00.000Z"
         *       },
         *       "summary": {
         *         "total": 2,
         *         "valid": 1,
         *         "invalid": 1
         *       },
         *       "results": [
         *         {
         *           "index": 0,
         *           "status": "valid",
         *           "errors": []
         *         },
         *         {
         *           "index": 1,
         *           "status": "invalid",
         *           "errors": [
         *             {
         *               "code": "device_assigned_to_other_tenant",
         *               "field": "hardwareHash",
         *               "message": "This device is registered to another tenant"
         *             }
         *           ]
         *         }
         *       ]
         *     }
         */
        validationAnswer: {
            consent: {
                status: string;
                /**
                 * Format: date-time
                 * @example 2026-11-24T10:00:00.000Z
                 */
                grantedAt?: string;
            };
            summary: {
                total: number;
                valid: number;
                invalid: number;
            };
            results: {
                index: number;
                line?: number;
                /** @enum {string} */
                status: "valid" | "invalid";
                deviceId?: string;
                errors: components["schemas"]["deviceError"][];
            }[];
        };
        /**
         * @description Why one device was refused (API.md "Devices"), with its Windows Autopilot equivalent where there is one
         * @example {
         *       "code": "device_assigned_to_other_tenant",
         *       "field": "hardwareHash",
         *       "message": "This device is registered to another tenant",
         *       "autopilotError": {
         *         "code": 808,
         *         "name": "ZtdDeviceAssignedToOtherTenant"
         *       }
         *     }
         */
        deviceError: {
            /** @enum {string} */
            code: "missing_identifier" | "invalid_hardware_hash" | "invalid_product_key_id" | "invalid_serial_number" | "invalid_manufacturer" | "invalid_model" | "invalid_group_tag" | "duplicate_in_submission" | "device_already_assigned" | "device_assigned_to_other_tenant" | "device_not_registered" | "consent_required" | "partner_not_eligible" | "channel_not_allowed" | "approval_required" | "claim_pending" | "internal";
            /** @enum {string} */
            field?: "serialNumber" | "manufacturer" | "model" | "hardwareHash" | "productKeyId" | "groupTag";
            message: string;
            autopilotError?: {
                code?: number;
                name: string;
            };
        };
        /**
         * @description What a registration or deregistration did, device by device
         * @example {
         *       "consent": {
         *         "status": "active",
         *         "grantedAt": "2026-11-24T10:00:00.000Z"
         *       },
         *       "summary": {
         *         "total": 1,
         *         "registered": 1,
         *         "invalid": 0
         *       },
         *       "results": [
         *         {
         *           "index": 0,
         *           "status": "registered",
         *           "deviceId": "d_01JD3",
         *           "errors": []
         *         }
         *       ]
         *     }
         */
        registrationAnswer: {
            consent?: {
                status: string;
                /**
                 * Format: date-time
                 * @example 2026-11-24T10:00:00.000Z
                 */
                grantedAt?: string;
            };
            summary: {
                total: number;
                registered?: number;
                deregistered?: number;
                invalid: number;
            };
            results: {
                index: number;
                line?: number;
                /** @enum {string} */
                status: "registered" | "deregistered" | "invalid";
                deviceId?: string;
                errors: components["schemas"]["deviceError"][];
            }[];
            malformedLines?: ({
                line: number;
                message: string;
            } & {
                [key: string]: unknown;
            })[];
        };
        /**
         * @description A page of a list; pass `nextCursor` as `cursor` for the next one
         * @example {
         *       "items": [
         *         {
         *           "id": "d_01JD3",
         *           "tenantId": "t_01JD3",
         *           "partnerId": "p_01JD3",
         *           "registeredAt": "2026-11-24T10:00:00.000Z",
         *           "manufacturer": "Contoso",
         *           "model": "Laptop 7",
         *           "serialNumber": "SN-1"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        devicePage: {
            items: components["schemas"]["device"][];
            nextCursor: string | null;
        };
        /**
         * @description A registered device
         * @example {
         *       "id": "d_01JD3",
         *       "tenantId": "t_01JD3",
         *       "partnerId": "p_01JD3",
         *       "registeredAt": "2026-11-24T10:00:00.000Z",
         *       "manufacturer": "Contoso",
         *       "model": "Laptop 7",
         *       "serialNumber": "SN-1"
         *     }
         */
        device: {
            id: string;
            tenantId: string;
            partnerId: string;
            /**
             * Format: date-time
             * @example 2026-11-24T10:00:00.000Z
             */
            registeredAt: string;
            serialNumber?: string;
            manufacturer?: string;
            model?: string;
            hardwareHash?: string;
            productKeyId?: string;
            groupTag?: string;
        };
        /**
         * @description A device batch (API.md "Device batches")
         * @example {
         *       "id": "b_01JD3",
         *       "tenantId": "t_01JD3",
         *       "action": "register",
         *       "status": "open",
         *       "summary": {
         *         "received": 1000,
         *         "processed": 0,
         *         "succeeded": 0,
         *         "failed": 0
         *       },
         *       "createdAt": "2026-11-24T10:00:00.000Z"
         *     }
         */
        batch: {
            id: string;
            tenantId: string;
            /** @enum {string} */
            action: "register" | "deregister" | "release";
            /** @enum {string} */
            status: "open" | "queued" | "awaiting_approval" | "processing" | "finished" | "finished_with_errors" | "rejected" | "expired";
            summary: {
                received: number;
                processed: number;
                succeeded: number;
                failed: number;
            };
            /**
             * Format: date-time
             * @example 2026-11-24T10:00:00.000Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @example 2026-11-24T10:00:00.000Z
             */
            submittedAt?: string;
            /**
             * Format: date-time
             * @example 2026-11-24T10:00:00.000Z
             */
            finishedAt?: string;
            /**
             * @description R27: present when the partner asked that the batch wait for approval if it is not authorized
             * @constant
             */
            whenNotAuthorized?: "hold";
            /** @description The partner's order or shipment number, shown to the customer */
            reference?: string;
            /** @description R27: present once the batch waited for the customer's approval */
            approval?: {
                /** @enum {string} */
                status: "pending" | "approved" | "rejected" | "expired";
                /**
                 * @description Why the batch waits for approval: `not_authorized`, the partner asked to hold it for a tenant that has not consented (R27); `approval_policy`, the customer's approval policy for this partner holds it (R28)
                 * @enum {string}
                 */
                reason: "not_authorized" | "approval_policy";
                /**
                 * Format: date-time
                 * @description When it expires if nobody decides (S5: 30 days after its submission)
                 * @example 2026-11-24T10:00:00.000Z
                 */
                expiresAt: string;
                /**
                 * Format: date-time
                 * @description When it was approved, rejected or expired
                 * @example 2026-11-24T10:00:00.000Z
                 */
                decidedAt?: string;
            };
        };
        /**
         * @description A page of a list; pass `nextCursor` as `cursor` for the next one
         * @example {
         *       "items": [
         *         {
         *           "id": "b_01JD3",
         *           "tenantId": "t_01JD3",
         *           "action": "register",
         *           "status": "open",
         *           "summary": {
         *             "received": 1000,
         *             "processed": 0,
         *             "succeeded": 0,
         *             "failed": 0
         *           },
         *           "createdAt": "2026-11-24T10:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        batchPage: {
            items: components["schemas"]["batch"][];
            nextCursor: string | null;
        };
        /**
         * @description A page of a list; pass `nextCursor` as `cursor` for the next one
         * @example {
         *       "items": [
         *         {
         *           "index": 0,
         *           "line": 2,
         *           "status": "registered",
         *           "deviceId": "d_01JD3",
         *           "errors": []
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        batchResultPage: {
            items: components["schemas"]["batchResult"][];
            nextCursor: string | null;
        };
        /**
         * @example {
         *       "index": 0,
         *       "line": 2,
         *       "status": "registered",
         *       "deviceId": "d_01JD3",
         *       "errors": []
         *     }
         */
        batchResult: {
            index: number;
            line?: number;
            /** @enum {string} */
            status: "registered" | "deregistered" | "released" | "invalid" | "failed";
            deviceId?: string;
            errors: components["schemas"]["deviceError"][];
        };
        /**
         * @description A page of a list; pass `nextCursor` as `cursor` for the next one
         * @example {
         *       "items": [
         *         {
         *           "id": "ev_01JD3",
         *           "at": "2026-11-24T10:00:00.000Z",
         *           "action": "consent.accepted",
         *           "category": "consent",
         *           "actor": {
         *             "type": "customer_user",
         *             "id": "u_01JD3",
         *             "name": "Fabrikam Admin",
         *             "signIn": "organization"
         *           },
         *           "subject": {
         *             "type": "relationship",
         *             "id": "p_01JD3",
         *             "name": "Contoso Devices"
         *           },
         *           "outcome": "succeeded",
         *           "tenantId": "t_01JD3",
         *           "partnerId": "p_01JD3"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        auditEventPage: {
            items: components["schemas"]["auditEvent"][];
            nextCursor: string | null;
        };
        /**
         * @example {
         *       "id": "ev_01JD3",
         *       "at": "2026-11-24T10:00:00.000Z",
         *       "action": "consent.accepted",
         *       "category": "consent",
         *       "actor": {
         *         "type": "customer_user",
         *         "id": "u_01JD3",
         *         "name": "Fabrikam Admin",
         *         "signIn": "organization"
         *       },
         *       "subject": {
         *         "type": "relationship",
         *         "id": "p_01JD3",
         *         "name": "Contoso Devices"
         *       },
         *       "outcome": "succeeded",
         *       "tenantId": "t_01JD3",
         *       "partnerId": "p_01JD3"
         *     }
         */
        auditEvent: {
            id: string;
            /**
             * Format: date-time
             * @example 2026-11-24T10:00:00.000Z
             */
            at: string;
            action: string;
            category: string;
            /** @description Who did it: a user of the tenant (customer_user), a customer API key, a partner by the key it called with, a partner's person in the partner portal (partner_user, R32), an operator, or the service itself */
            actor: {
                /** @enum {string} */
                type: "customer_user" | "customer_key" | "partner_key" | "partner_user" | "operator" | "system";
                /** @description A partner key's id (never its secret), a user's id, a customer key's id */
                id?: string;
                name?: string;
                /**
                 * @description How a customer user or a partner's person signed in
                 * @enum {string}
                 */
                signIn?: "email" | "organization";
            };
            subject: {
                type: string;
                id: string;
                name?: string;
            };
            /** @enum {string} */
            outcome: "succeeded" | "refused";
            /** @description Always on a tenant's trail; absent on a partner's own events that concern no tenant (its keys, its webhook) */
            tenantId?: string;
            partnerId?: string;
            details?: {
                [key: string]: unknown;
            };
        };
        /**
         * @example {
         *       "url": "http://127.0.0.1:9000/",
         *       "events": [
         *         "consent.accepted"
         *       ],
         *       "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
         *     }
         */
        webhookWithSecret: {
            url: string;
            events: ("consent.accepted" | "consent.declined" | "consent.expired" | "relationship.terminated" | "relationship.revoked" | "delegated_admin.removed" | "delegated_admin.expiring" | "delegated_admin.expired" | "delegated_admin.extended" | "delegated_admin.roles_changed" | "devices.registered" | "devices.deregistered" | "devices.released" | "device_batch.finished" | "device_batch.awaiting_approval" | "device_batch.approved" | "device_batch.rejected" | "device_batch.expired" | "device_claim.opened" | "device_claim.updated" | "device_claim.closed" | "devices.transferred")[];
            /** @description The signing secret (`whsec_<base64>`): in the answer to the first PUT only; later PUTs keep it (a new one comes from POST /v1/webhook/secret-rotations) */
            secret?: string;
        };
        /**
         * @example {
         *       "url": "http://127.0.0.1:9000/",
         *       "events": [
         *         "consent.accepted"
         *       ],
         *       "updatedAt": "2026-11-24T10:00:00.000Z"
         *     }
         */
        webhook: {
            url: string;
            events: ("consent.accepted" | "consent.declined" | "consent.expired" | "relationship.terminated" | "relationship.revoked" | "delegated_admin.removed" | "delegated_admin.expiring" | "delegated_admin.expired" | "delegated_admin.extended" | "delegated_admin.roles_changed" | "devices.registered" | "devices.deregistered" | "devices.released" | "device_batch.finished" | "device_batch.awaiting_approval" | "device_batch.approved" | "device_batch.rejected" | "device_batch.expired" | "device_claim.opened" | "device_claim.updated" | "device_claim.closed" | "devices.transferred")[];
            /**
             * Format: date-time
             * @example 2026-11-24T10:00:00.000Z
             */
            updatedAt?: string;
        };
        /**
         * @example {
         *       "secret": "whsec_3kQ2n7TWd0lHc8TqUuVXy2PZ9wYJb1Rs",
         *       "previousSecretValidUntil": "2026-11-25T10:00:00.000Z"
         *     }
         */
        webhookSecretRotation: {
            /** @description The new signing secret (`whsec_<base64>`), shown in this answer only */
            secret: string;
            /**
             * Format: date-time
             * @description Until then every delivery is signed with the previous secret too (a second signature in `webhook-signature`); from then on with the new one only
             * @example 2026-11-24T10:00:00.000Z
             */
            previousSecretValidUntil: string;
        };
        /**
         * @description A page of a list; pass `nextCursor` as `cursor` for the next one
         * @example {
         *       "items": [
         *         {
         *           "id": "wd_01JD3",
         *           "type": "consent.accepted",
         *           "url": "http://127.0.0.1:9000/",
         *           "status": "delivered",
         *           "attempts": 1,
         *           "createdAt": "2026-11-24T10:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        webhookDeliveryPage: {
            items: components["schemas"]["webhookDelivery"][];
            nextCursor: string | null;
        };
        /**
         * @example {
         *       "id": "wd_01JD3",
         *       "type": "consent.accepted",
         *       "url": "http://127.0.0.1:9000/",
         *       "status": "delivered",
         *       "attempts": 1,
         *       "createdAt": "2026-11-24T10:00:00.000Z"
         *     }
         */
        webhookDelivery: {
            id: string;
            partnerId?: string;
            /** @enum {string} */
            type: "consent.accepted" | "consent.declined" | "consent.expired" | "relationship.terminated" | "relationship.revoked" | "delegated_admin.removed" | "delegated_admin.expiring" | "delegated_admin.expired" | "delegated_admin.extended" | "delegated_admin.roles_changed" | "devices.registered" | "devices.deregistered" | "devices.released" | "device_batch.finished" | "device_batch.awaiting_approval" | "device_batch.approved" | "device_batch.rejected" | "device_batch.expired" | "device_claim.opened" | "device_claim.updated" | "device_claim.closed" | "devices.transferred";
            url: string;
            /** @enum {string} */
            status: "pending" | "delivered" | "failed";
            attempts: number;
            /**
             * Format: date-time
             * @example 2026-11-24T10:00:00.000Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @example 2026-11-24T10:00:00.000Z
             */
            lastAttemptAt?: string;
            lastStatusCode?: number;
            /**
             * Format: date-time
             * @example 2026-11-24T10:00:00.000Z
             */
            nextAttemptAt?: string;
            /** @description A redelivery: the delivery it sends again (with the same `webhook-id`) */
            redeliveryOf?: string;
            /** @description Sent again, at the partner's request, as this delivery */
            redeliveredAs?: string;
        };
        /**
         * @description A page of a list; pass `nextCursor` as `cursor` for the next one
         * @example {
         *       "items": [
         *         {
         *           "id": "d_5f0c2a9e1b7d4c3a8e6f0b12",
         *           "serialNumber": "PF3KX2Q9",
         *           "manufacturer": "Contoso",
         *           "model": "Surface Laptop 7",
         *           "partner": {
         *             "id": "p_01JD3",
         *             "name": "Contoso Devices",
         *             "kind": "direct-csp"
         *           },
         *           "batchId": "b_01JD3",
         *           "row": 0,
         *           "registeredAt": "2026-11-24T10:00:00.000Z",
         *           "registeredBy": {
         *             "type": "partner_key",
         *             "id": "k1b2c3",
         *             "name": "Contoso Devices"
         *           }
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        tenantDevicePage: {
            items: components["schemas"]["tenantDevice"][];
            nextCursor: string | null;
        };
        /**
         * @description A device registered to the tenant, and who registered it (R23)
         * @example {
         *       "id": "d_5f0c2a9e1b7d4c3a8e6f0b12",
         *       "serialNumber": "PF3KX2Q9",
         *       "manufacturer": "Contoso",
         *       "model": "Surface Laptop 7",
         *       "partner": {
         *         "id": "p_01JD3",
         *         "name": "Contoso Devices",
         *         "kind": "direct-csp"
         *       },
         *       "batchId": "b_01JD3",
         *       "row": 0,
         *       "registeredAt": "2026-11-24T10:00:00.000Z",
         *       "registeredBy": {
         *         "type": "partner_key",
         *         "id": "k1b2c3",
         *         "name": "Contoso Devices"
         *       }
         *     }
         */
        tenantDevice: {
            id: string;
            serialNumber?: string;
            manufacturer?: string;
            model?: string;
            hardwareHash?: string;
            productKeyId?: string;
            groupTag?: string;
            partner: {
                id: string;
                name: string;
                /** @enum {string} */
                kind: "direct-csp" | "indirect-provider" | "indirect-reseller" | "oem" | "unknown";
            };
            /** @description Registered by an indirect provider through this reseller's consent (R8) */
            via?: {
                resellerId: string;
                resellerName: string;
            };
            /** @description Registered by an indirect reseller: its provider (R7) */
            provider?: {
                id: string;
                name: string;
            };
            batchId?: string;
            /** @description The row of the batch it came from (0-based) */
            row?: number;
            /**
             * Format: date-time
             * @example 2026-11-24T10:00:00.000Z
             */
            registeredAt: string;
            registeredBy: {
                /** @enum {string} */
                type: "customer_user" | "customer_key" | "partner_key" | "operator" | "system";
                id?: string;
                name?: string;
            };
        };
        /**
         * @description What a release did, device by device (R24)
         * @example {
         *       "summary": {
         *         "total": 2,
         *         "released": 1,
         *         "invalid": 1
         *       },
         *       "results": [
         *         {
         *           "index": 0,
         *           "status": "released",
         *           "deviceId": "d_5f0c2a9e1b7d4c3a8e6f0b12",
         *           "errors": []
         *         },
         *         {
         *           "index": 1,
         *           "status": "invalid",
         *           "errors": [
         *             {
         *               "code": "device_not_registered",
         *               "message": "No device with these identifiers is registered to this tenant"
         *             }
         *           ]
         *         }
         *       ]
         *     }
         */
        releaseAnswer: {
            summary: {
                total: number;
                released: number;
                invalid: number;
            };
            results: {
                index: number;
                line?: number;
                /** @enum {string} */
                status: "released" | "invalid";
                deviceId?: string;
                errors: components["schemas"]["deviceError"][];
            }[];
        };
        /**
         * @description A page of a list; pass `nextCursor` as `cursor` for the next one
         * @example {
         *       "items": [
         *         {
         *           "partner": {
         *             "id": "p_01JD3",
         *             "name": "Contoso Devices",
         *             "kind": "direct-csp"
         *           },
         *           "since": "2026-11-24T10:00:00.000Z",
         *           "acceptedBy": {
         *             "userId": "u_01JD3",
         *             "email": "admin@fabrikam.example",
         *             "signedInWith": "organization"
         *           },
         *           "delegatedAdmin": {
         *             "roles": [
         *               {
         *                 "name": "IntuneAdministrator",
         *                 "templateId": "3a2c62db-5318-420d-8d74-23affee5d9d5",
         *                 "displayName": "Intune Administrator"
         *               }
         *             ],
         *             "expiresAt": "2027-05-23T10:00:00.000Z",
         *             "status": "active",
         *             "autoExtend": true
         *           },
         *           "approvalPolicy": {
         *             "mode": "above",
         *             "threshold": 500,
         *             "defaultGroupTag": "Contoso-Sales"
         *           },
         *           "devicesRegistered": 1200,
         *           "lastActivityAt": "2026-11-30T08:15:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        accessPage: {
            items: components["schemas"]["access"][];
            nextCursor: string | null;
        };
        /**
         * @description A partner with access to the tenant now (R30)
         * @example {
         *       "partner": {
         *         "id": "p_01JD3",
         *         "name": "Contoso Devices",
         *         "kind": "direct-csp"
         *       },
         *       "since": "2026-11-24T10:00:00.000Z",
         *       "acceptedBy": {
         *         "userId": "u_01JD3",
         *         "email": "admin@fabrikam.example",
         *         "signedInWith": "organization"
         *       },
         *       "delegatedAdmin": {
         *         "roles": [
         *           {
         *             "name": "IntuneAdministrator",
         *             "templateId": "3a2c62db-5318-420d-8d74-23affee5d9d5",
         *             "displayName": "Intune Administrator"
         *           }
         *         ],
         *         "expiresAt": "2027-05-23T10:00:00.000Z",
         *         "status": "active",
         *         "autoExtend": true
         *       },
         *       "approvalPolicy": {
         *         "mode": "above",
         *         "threshold": 500,
         *         "defaultGroupTag": "Contoso-Sales"
         *       },
         *       "devicesRegistered": 1200,
         *       "lastActivityAt": "2026-11-30T08:15:00.000Z"
         *     }
         */
        access: {
            partner: {
                id: string;
                name: string;
                /** @enum {string} */
                kind: "direct-csp" | "indirect-provider" | "indirect-reseller" | "oem";
            };
            /** @description An indirect provider, authorized through this reseller's relationship (R8); a provider through two resellers has a row for each */
            via?: {
                resellerId: string;
                resellerName: string;
            };
            /** @description An indirect reseller: its provider, authorized through this relationship (R7) */
            provider?: {
                id: string;
                name: string;
            };
            /**
             * Format: date-time
             * @description When the consent it has access by was granted (a provider's: its reseller's)
             * @example 2026-11-24T10:00:00.000Z
             */
            since: string;
            /** @description Who accepted that consent */
            acceptedBy: {
                userId: string;
                email: string;
                /**
                 * @description How they had signed in: an emailed link, or their organization's identity provider (recorded for acceptances since R30)
                 * @enum {string}
                 */
                signedInWith?: "email" | "organization";
            };
            /** @description The delegated admin roles it holds, with their status and expiry, as its customer view shows them */
            delegatedAdmin?: {
                roles: components["schemas"]["delegatedAdminRole"][];
                /**
                 * Format: date-time
                 * @example 2026-11-24T10:00:00.000Z
                 */
                expiresAt: string;
                /**
                 * Format: date-time
                 * @example 2026-11-24T10:00:00.000Z
                 */
                removedAt?: string;
                /**
                 * @description R31: `expiring` with 30 days or fewer left; `extended` once auto-extended; `expired` and `removed` grant nothing (R10, R13)
                 * @enum {string}
                 */
                status: "active" | "expiring" | "expired" | "extended" | "removed";
                /** @description R31: extended by 180 days at each end until the customer turns it off */
                autoExtend: boolean;
                /**
                 * Format: date-time
                 * @description The last auto-extension
                 * @example 2026-11-24T10:00:00.000Z
                 */
                extendedAt?: string;
            };
            /** @description R28: how the tenant approves this partner's devices, as the partner sees it on its customer; an indirect provider follows its reseller's relationship's policy, shown on its row */
            approvalPolicy: {
                /** @enum {string} */
                mode: "automatic" | "each_batch" | "above";
                /** @description With `above`: a batch of more than this many devices waits for approval */
                threshold?: number;
                /** @description Given to this partner's devices registered without a group tag */
                defaultGroupTag?: string;
            };
            /** @description Devices it registered to the tenant that are still registered (counted since R30) */
            devicesRegistered: number;
            /**
             * Format: date-time
             * @description When it last registered or deregistered a device for the tenant
             * @example 2026-11-24T10:00:00.000Z
             */
            lastActivityAt?: string;
        };
        /**
         * @description What a claim did, device by device (R26)
         * @example {
         *       "claim": {
         *         "id": "dc_5f0c2a9e1b7d4c3a8e6f0b12",
         *         "tenantId": "t_01JD3",
         *         "status": "open",
         *         "reference": "PO-2026-1187",
         *         "deadline": "2026-12-08T10:00:00.000Z",
         *         "summary": {
         *           "claimed": 2,
         *           "released": 1,
         *           "contested": 0,
         *           "uncontested": 0,
         *           "granted": 0,
         *           "denied": 0,
         *           "withdrawn": 0
         *         },
         *         "createdAt": "2026-11-24T10:00:00.000Z"
         *       },
         *       "summary": {
         *         "total": 2,
         *         "claimed": 1,
         *         "invalid": 1
         *       },
         *       "results": [
         *         {
         *           "index": 0,
         *           "status": "claimed",
         *           "errors": []
         *         },
         *         {
         *           "index": 1,
         *           "status": "invalid",
         *           "errors": [
         *             {
         *               "code": "device_not_registered",
         *               "message": "No device with these identifiers is registered"
         *             }
         *           ]
         *         }
         *       ]
         *     }
         */
        claimOpened: {
            /** @description The claim, when any device was claimed */
            claim?: components["schemas"]["claim"];
            summary: {
                total: number;
                claimed: number;
                invalid: number;
            };
            results: {
                index: number;
                line?: number;
                /** @enum {string} */
                status: "claimed" | "invalid";
                deviceId?: string;
                errors: components["schemas"]["deviceError"][];
            }[];
            malformedLines?: ({
                line: number;
                message: string;
            } & {
                [key: string]: unknown;
            })[];
        };
        /**
         * @example {
         *       "id": "dc_5f0c2a9e1b7d4c3a8e6f0b12",
         *       "tenantId": "t_01JD3",
         *       "status": "open",
         *       "reference": "PO-2026-1187",
         *       "deadline": "2026-12-08T10:00:00.000Z",
         *       "summary": {
         *         "claimed": 2,
         *         "released": 1,
         *         "contested": 0,
         *         "uncontested": 0,
         *         "granted": 0,
         *         "denied": 0,
         *         "withdrawn": 0
         *       },
         *       "createdAt": "2026-11-24T10:00:00.000Z"
         *     }
         */
        claim: {
            id: string;
            /** @description The tenant the devices are claimed for */
            tenantId: string;
            /** @enum {string} */
            status: "open" | "with_operators" | "closed";
            reference: string;
            purchaseDate?: string;
            note?: string;
            /**
             * Format: date-time
             * @description Until then the owners answer; then what is left goes to operators as `uncontested` (S6)
             * @example 2026-11-24T10:00:00.000Z
             */
            deadline: string;
            summary: {
                claimed: number;
                released: number;
                contested: number;
                uncontested: number;
                granted: number;
                denied: number;
                withdrawn: number;
            };
            /**
             * Format: date-time
             * @example 2026-11-24T10:00:00.000Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @example 2026-11-24T10:00:00.000Z
             */
            closedAt?: string;
        };
        /**
         * @description A page of a list; pass `nextCursor` as `cursor` for the next one
         * @example {
         *       "items": [
         *         {
         *           "id": "dc_5f0c2a9e1b7d4c3a8e6f0b12",
         *           "tenantId": "t_01JD3",
         *           "status": "open",
         *           "reference": "PO-2026-1187",
         *           "deadline": "2026-12-08T10:00:00.000Z",
         *           "summary": {
         *             "claimed": 2,
         *             "released": 1,
         *             "contested": 0,
         *             "uncontested": 0,
         *             "granted": 0,
         *             "denied": 0,
         *             "withdrawn": 0
         *           },
         *           "createdAt": "2026-11-24T10:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        claimPage: {
            items: components["schemas"]["claim"][];
            nextCursor: string | null;
        };
        /**
         * @description A page of a list; pass `nextCursor` as `cursor` for the next one
         * @example {
         *       "items": [
         *         {
         *           "index": 0,
         *           "deviceRef": "Contoso Laptop 7 SN-1",
         *           "status": "released",
         *           "decidedAt": "2026-11-25T10:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        claimDevicePage: {
            items: components["schemas"]["claimDevice"][];
            nextCursor: string | null;
        };
        /**
         * @example {
         *       "index": 0,
         *       "deviceRef": "Contoso Laptop 7 SN-1",
         *       "status": "released",
         *       "decidedAt": "2026-11-25T10:00:00.000Z"
         *     }
         */
        claimDevice: {
            index: number;
            /** @description How the claim named the device (serial number, product key id or the start of its hash); never the owner's device id */
            deviceRef: string;
            /** @enum {string} */
            status: "open" | "released" | "contested" | "uncontested" | "granted" | "denied" | "withdrawn";
            /**
             * Format: date-time
             * @example 2026-11-24T10:00:00.000Z
             */
            decidedAt?: string;
            /** @description An operator's reason, or why a device could not move */
            reason?: string;
            /** @description The owner's own device id (the owner's view only) */
            deviceId?: string;
            /** @description The owner's reason to contest (the owner's and operators' views only) */
            contestReason?: string;
        };
        /**
         * @description A page of a list; pass `nextCursor` as `cursor` for the next one
         * @example {
         *       "items": [
         *         {
         *           "id": "dc_5f0c2a9e1b7d4c3a8e6f0b12",
         *           "direction": "incoming",
         *           "claimant": {
         *             "type": "partner",
         *             "partnerName": "Contoso Devices"
         *           },
         *           "status": "open",
         *           "reference": "PO-2026-1187",
         *           "deadline": "2026-12-08T10:00:00.000Z",
         *           "summary": {
         *             "claimed": 2,
         *             "released": 1,
         *             "contested": 0,
         *             "uncontested": 0,
         *             "granted": 0,
         *             "denied": 0,
         *             "withdrawn": 0
         *           },
         *           "createdAt": "2026-11-24T10:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        tenantClaimPage: {
            items: components["schemas"]["tenantClaim"][];
            nextCursor: string | null;
        };
        /**
         * @example {
         *       "id": "dc_5f0c2a9e1b7d4c3a8e6f0b12",
         *       "direction": "incoming",
         *       "claimant": {
         *         "type": "partner",
         *         "partnerName": "Contoso Devices"
         *       },
         *       "status": "open",
         *       "reference": "PO-2026-1187",
         *       "deadline": "2026-12-08T10:00:00.000Z",
         *       "summary": {
         *         "claimed": 2,
         *         "released": 1,
         *         "contested": 0,
         *         "uncontested": 0,
         *         "granted": 0,
         *         "denied": 0,
         *         "withdrawn": 0
         *       },
         *       "createdAt": "2026-11-24T10:00:00.000Z"
         *     }
         */
        tenantClaim: {
            id: string;
            /** @enum {string} */
            direction: "incoming" | "outgoing";
            /** @description Incoming: who claims: the claimant partner's name, never the claimant tenant (R19); `device_holder` when a tenant claims with hardware hashes captured on the devices */
            claimant?: {
                /** @enum {string} */
                type: "partner" | "device_holder";
                partnerName?: string;
            };
            /** @description Outgoing: the tenant itself */
            tenantId?: string;
            /** @enum {string} */
            status: "open" | "with_operators" | "closed";
            reference: string;
            purchaseDate?: string;
            note?: string;
            /**
             * Format: date-time
             * @example 2026-11-24T10:00:00.000Z
             */
            deadline: string;
            summary: {
                claimed: number;
                released: number;
                contested: number;
                uncontested: number;
                granted: number;
                denied: number;
                withdrawn: number;
            };
            /**
             * Format: date-time
             * @example 2026-11-24T10:00:00.000Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @example 2026-11-24T10:00:00.000Z
             */
            closedAt?: string;
        };
        /**
         * @description A page of a list; pass `nextCursor` as `cursor` for the next one
         * @example {
         *       "items": [
         *         {
         *           "id": "dc_5f0c2a9e1b7d4c3a8e6f0b12",
         *           "tenantId": "t_01JD3",
         *           "status": "open",
         *           "reference": "PO-2026-1187",
         *           "deadline": "2026-12-08T10:00:00.000Z",
         *           "summary": {
         *             "claimed": 2,
         *             "released": 1,
         *             "contested": 0,
         *             "uncontested": 0,
         *             "granted": 0,
         *             "denied": 0,
         *             "withdrawn": 0
         *           },
         *           "createdAt": "2026-11-24T10:00:00.000Z",
         *           "claimant": {
         *             "kind": "partner",
         *             "tenantId": "t_01JD3",
         *             "partnerId": "p_01JD3",
         *             "partnerName": "Contoso Devices"
         *           }
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        operatorClaimPage: {
            items: {
                id: string;
                /** @description The tenant the devices are claimed for */
                tenantId: string;
                /** @enum {string} */
                status: "open" | "with_operators" | "closed";
                reference: string;
                purchaseDate?: string;
                note?: string;
                /**
                 * Format: date-time
                 * @description Until then the owners answer; then what is left goes to operators as `uncontested` (S6)
                 * @example 2026-11-24T10:00:00.000Z
                 */
                deadline: string;
                summary: {
                    claimed: number;
                    released: number;
                    contested: number;
                    uncontested: number;
                    granted: number;
                    denied: number;
                    withdrawn: number;
                };
                /**
                 * Format: date-time
                 * @example 2026-11-24T10:00:00.000Z
                 */
                createdAt: string;
                /**
                 * Format: date-time
                 * @example 2026-11-24T10:00:00.000Z
                 */
                closedAt?: string;
                claimant: {
                    /** @enum {string} */
                    kind: "partner" | "tenant";
                    tenantId: string;
                    partnerId?: string;
                    partnerName?: string;
                };
            }[];
            nextCursor: string | null;
        };
        /**
         * @description A claim with both sides and their evidence (R26): operators' view
         * @example {
         *       "claim": {
         *         "id": "dc_5f0c2a9e1b7d4c3a8e6f0b12",
         *         "tenantId": "t_01JD3",
         *         "status": "open",
         *         "reference": "PO-2026-1187",
         *         "deadline": "2026-12-08T10:00:00.000Z",
         *         "summary": {
         *           "claimed": 2,
         *           "released": 1,
         *           "contested": 0,
         *           "uncontested": 0,
         *           "granted": 0,
         *           "denied": 0,
         *           "withdrawn": 0
         *         },
         *         "createdAt": "2026-11-24T10:00:00.000Z",
         *         "claimant": {
         *           "kind": "partner",
         *           "tenantId": "t_01JD3",
         *           "partnerId": "p_01JD3",
         *           "partnerName": "Contoso Devices"
         *         }
         *       },
         *       "owners": [
         *         {
         *           "tenantId": "t_01JD4",
         *           "status": "open",
         *           "summary": {
         *             "claimed": 2,
         *             "released": 1,
         *             "contested": 0,
         *             "uncontested": 0,
         *             "granted": 0,
         *             "denied": 0,
         *             "withdrawn": 0
         *           }
         *         }
         *       ],
         *       "devices": [
         *         {
         *           "index": 0,
         *           "deviceRef": "Contoso Laptop 7 SN-1",
         *           "status": "contested",
         *           "deviceId": "d_01JD3",
         *           "contestReason": "We bought these",
         *           "ownerTenantId": "t_01JD4",
         *           "ownerPartnerId": "p_01JD4"
         *         }
         *       ]
         *     }
         */
        operatorClaim: {
            claim: {
                id: string;
                /** @description The tenant the devices are claimed for */
                tenantId: string;
                /** @enum {string} */
                status: "open" | "with_operators" | "closed";
                reference: string;
                purchaseDate?: string;
                note?: string;
                /**
                 * Format: date-time
                 * @description Until then the owners answer; then what is left goes to operators as `uncontested` (S6)
                 * @example 2026-11-24T10:00:00.000Z
                 */
                deadline: string;
                summary: {
                    claimed: number;
                    released: number;
                    contested: number;
                    uncontested: number;
                    granted: number;
                    denied: number;
                    withdrawn: number;
                };
                /**
                 * Format: date-time
                 * @example 2026-11-24T10:00:00.000Z
                 */
                createdAt: string;
                /**
                 * Format: date-time
                 * @example 2026-11-24T10:00:00.000Z
                 */
                closedAt?: string;
                claimant: {
                    /** @enum {string} */
                    kind: "partner" | "tenant";
                    tenantId: string;
                    partnerId?: string;
                    partnerName?: string;
                };
            };
            owners: {
                tenantId: string;
                /** @enum {string} */
                status: "open" | "with_operators" | "closed";
                summary: {
                    claimed: number;
                    released: number;
                    contested: number;
                    uncontested: number;
                    granted: number;
                    denied: number;
                    withdrawn: number;
                };
            }[];
            devices: {
                index: number;
                /** @description How the claim named the device (serial number, product key id or the start of its hash); never the owner's device id */
                deviceRef: string;
                /** @enum {string} */
                status: "open" | "released" | "contested" | "uncontested" | "granted" | "denied" | "withdrawn";
                /**
                 * Format: date-time
                 * @example 2026-11-24T10:00:00.000Z
                 */
                decidedAt?: string;
                /** @description An operator's reason, or why a device could not move */
                reason?: string;
                deviceId: string;
                /** @description The owner's reason to contest (the owner's and operators' views only) */
                contestReason?: string;
                ownerTenantId: string;
                ownerPartnerId: string;
            }[];
        };
        /**
         * @example {
         *       "id": "pu_01JD3",
         *       "partnerId": "p_01JD3",
         *       "email": "alex@contoso.example",
         *       "displayName": "Alex Wilber",
         *       "role": "admin",
         *       "createdAt": "2026-11-24T10:00:00.000Z"
         *     }
         */
        partnerPerson: {
            id: string;
            partnerId: string;
            email: string;
            displayName: string;
            /** @enum {string} */
            role: "admin" | "submitter" | "viewer";
            /**
             * Format: date-time
             * @example 2026-11-24T10:00:00.000Z
             */
            createdAt: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    postOpsPartners: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Contoso Devices",
                 *       "kind": "direct-csp",
                 *       "contactEmail": "ops@contoso.example"
                 *     }
                 */
                "application/json": {
                    name: string;
                    /** @enum {string} */
                    kind: "direct-csp" | "indirect-provider" | "indirect-reseller" | "oem";
                    /** Format: email */
                    contactEmail: string;
                    providerId?: string;
                    directApiEligible?: boolean;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        partner: components["schemas"]["partner"];
                        apiKey: string;
                        keyId: string;
                    };
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getOpsPartnersPartnerid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                partnerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        partner: components["schemas"]["partner"];
                    };
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    patchOpsPartnersPartnerid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                partnerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "directApiEligible": true
                 *     }
                 */
                "application/json": {
                    directApiEligible?: boolean;
                    /** @enum {string} */
                    status?: "active" | "suspended";
                    idpTenantId?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        partner: components["schemas"]["partner"];
                    };
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getOpsPartnersPartneridApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                partnerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["apiKeyPage"];
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postOpsPartnersPartneridApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                partnerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        keyId: string;
                        apiKey: string;
                    };
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    deleteOpsPartnersPartneridApiKeysKeyid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                partnerId: string;
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postOpsTenants: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Fabrikam",
                 *       "initialDomain": "fabrikam.onmicrosoft.example",
                 *       "domains": [
                 *         "fabrikam.example"
                 *       ]
                 *     }
                 */
                "application/json": {
                    name: string;
                    initialDomain: string;
                    domains?: string[];
                    idpTenantId?: string;
                    requireIdpSignIn?: boolean;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        tenant: components["schemas"]["tenant"];
                    };
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getOpsTenantsTenantid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        tenant: components["schemas"]["tenant"];
                    };
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    patchOpsTenantsTenantid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "requireIdpSignIn": true
                 *     }
                 */
                "application/json": {
                    requireIdpSignIn?: boolean;
                    idpTenantId?: string | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        tenant: components["schemas"]["tenant"];
                    };
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postOpsTenantsTenantidUsers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "email": "admin@fabrikam.example",
                 *       "displayName": "Fabrikam Admin",
                 *       "roles": [
                 *         "GlobalAdministrator"
                 *       ]
                 *     }
                 */
                "application/json": {
                    /** Format: email */
                    email: string;
                    displayName: string;
                    roles: ("GlobalAdministrator" | "CloudDeviceAdministrator" | "IntuneAdministrator" | "HelpdeskAdministrator" | "GlobalReader" | "DirectoryReaders" | "ServiceSupportAdministrator" | "LicenseAdministrator" | "UserAdministrator")[];
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user: components["schemas"]["user"];
                    };
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postOpsRelationshipsTenantidPartneridRevoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
                partnerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "reason": "The partner was found registering devices without consent"
                 *     }
                 */
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        relationship: components["schemas"]["relationship"];
                    };
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getOpsRemovalRequests: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["removalRequestPage"];
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postOpsJobsConsentStatusCheck: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /** @example {} */
                "application/json": {
                    /** Format: date-time */
                    now?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["consentStatusCheckResult"];
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getOpsAudit: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                tenantId?: string;
                partnerId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["operatorAuditEventPage"];
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getV1Me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        partner: components["schemas"]["partner"];
                    };
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getV1ConsentRequests: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                status?: "pending" | "accepted" | "declined" | "expired" | "cancelled";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["consentRequestPage"];
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postV1ConsentRequests: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe (R20): the same key with the same body answers the first answer again (`Idempotent-Replayed: true`); with another body, `422 idempotency_key_reused` (the IETF Idempotency-Key draft)
                 * @example 6f1c2a52-3f0e-4a57-9a58-1b8e5c0d2f11
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "recipientEmail": "admin@fabrikam.example",
                 *       "tenantDomain": "fabrikam.example",
                 *       "delegatedAdmin": {
                 *         "roles": [
                 *           "IntuneAdministrator"
                 *         ],
                 *         "durationDays": 90
                 *       },
                 *       "message": "As agreed on the phone"
                 *     }
                 */
                "application/json": {
                    /** Format: email */
                    recipientEmail: string;
                    tenantDomain?: string;
                    delegatedAdmin?: {
                        roles: ("CloudDeviceAdministrator" | "IntuneAdministrator" | "HelpdeskAdministrator" | "GlobalReader" | "DirectoryReaders" | "ServiceSupportAdministrator" | "LicenseAdministrator" | "UserAdministrator")[];
                        durationDays: number;
                        autoExtend?: boolean;
                    };
                    message?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    /**
                     * @description The caller's own quota policies, a Structured Field List (RFC 9651): each a policy name with `q` (the quota) and `w` (its window in seconds). A refusal by a limit shared with other partners (a recipient's) adds that policy, without `w` when it has no time window.
                     * @example "partner-minute";q=60;w=60, "partner-day";q=1000;w=86400
                     */
                    "RateLimit-Policy": string;
                    /**
                     * @description The state of one policy, a Structured Field List of one Item: the caller's own tightest (or, on a 429, the one that refused) with `r` (the quota remaining) and `t` (seconds until more quota is available).
                     * @example "partner-minute";r=59;t=42
                     */
                    RateLimit: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        consentRequest: components["schemas"]["consentRequest"];
                    };
                };
            };
            /** @description Problem `rate_limited`: over a limit of this route (API.md "Rate limits"); nothing was changed */
            429: {
                headers: {
                    /**
                     * @description Seconds to wait before trying again. A recipient's limit, shared by all partners, answers the seconds to the next whole hour (UTC), the same for every partner, so it tells nothing of when others wrote to that person.
                     * @example 42
                     */
                    "Retry-After": number;
                    /**
                     * @description The caller's own quota policies, a Structured Field List (RFC 9651): each a policy name with `q` (the quota) and `w` (its window in seconds). A refusal by a limit shared with other partners (a recipient's) adds that policy, without `w` when it has no time window.
                     * @example "partner-minute";q=60;w=60, "partner-day";q=1000;w=86400
                     */
                    "RateLimit-Policy": string;
                    /**
                     * @description The state of one policy, a Structured Field List of one Item: the caller's own tightest (or, on a 429, the one that refused) with `r` (the quota remaining) and `t` (seconds until more quota is available).
                     * @example "partner-minute";r=59;t=42
                     */
                    RateLimit: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getV1ConsentRequestsRequestid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                requestId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        consentRequest: components["schemas"]["consentRequest"];
                    };
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    deleteV1ConsentRequestsRequestid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                requestId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        consentRequest: components["schemas"]["consentRequest"];
                    };
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getV1ConsentLink: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        url: string;
                    };
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getV1Customers: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["customerPage"];
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getV1CustomersTenantid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customer: components["schemas"]["customer"];
                    };
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postV1ConsentChecks: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe (R20): the same key with the same body answers the first answer again (`Idempotent-Replayed: true`); with another body, `422 idempotency_key_reused` (the IETF Idempotency-Key draft)
                 * @example 6f1c2a52-3f0e-4a57-9a58-1b8e5c0d2f11
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "tenants": [
                 *         "fabrikam.example",
                 *         "t_01JD3"
                 *       ]
                 *     }
                 */
                "application/json": {
                    tenants: string[];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["consentCheckAnswer"];
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getConsentToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postConsentToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    csrf?: string;
                    /** @constant */
                    confirm?: "yes";
                    /** @enum {string} */
                    action: "accept" | "decline";
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getLLinkid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                linkId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postLLinkid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                linkId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    csrf?: string;
                    /** @constant */
                    confirm?: "yes";
                    /** @enum {string} */
                    action: "accept" | "decline";
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getSignin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postSignin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    email: string;
                    next?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getSigninVerify: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postSigninVerify: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    token: string;
                };
            };
        };
        responses: {
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getSigninOidc: {
        parameters: {
            query?: {
                next?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getSigninOidcCallback: {
        parameters: {
            query?: {
                state?: string;
                code?: string;
                iss?: string;
                error?: string;
                error_description?: string;
                session_state?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postSignout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    csrf?: string;
                };
            };
        };
        responses: {
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getPortal: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getPortalRelationshipsPartneridRemoveRoles: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                partnerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postPortalRelationshipsPartneridRemoveRoles: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                partnerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    csrf?: string;
                    /** @constant */
                    confirm?: "remove-roles";
                };
            };
        };
        responses: {
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getPortalRelationshipsPartneridTerminate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                partnerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postPortalRelationshipsPartneridTerminate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                partnerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    csrf?: string;
                    /** @constant */
                    confirm?: "terminate";
                };
            };
        };
        responses: {
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getPortalRelationshipsPartneridApprovalPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                partnerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postPortalRelationshipsPartneridApprovalPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                partnerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    csrf?: string;
                    mode?: string;
                    threshold?: string;
                    defaultGroupTag?: string;
                };
            };
        };
        responses: {
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postPortalRelationshipsPartneridAutoExtend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                partnerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    csrf?: string;
                    /** @constant */
                    autoExtend: "off";
                };
            };
        };
        responses: {
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postPortalRelationshipsPartneridRemovalRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                partnerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    csrf?: string;
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postV1DeviceSubmissionsValidate: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe (R20): the same key with the same body answers the first answer again (`Idempotent-Replayed: true`); with another body, `422 idempotency_key_reused` (the IETF Idempotency-Key draft)
                 * @example 6f1c2a52-3f0e-4a57-9a58-1b8e5c0d2f11
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "tenantId": "t_01JD3",
                 *       "devices": [
                 *         {
                 *           "manufacturer": "Contoso",
                 *           "model": "Laptop 7",
                 *           "serialNumber": "SN-1"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": {
                    tenantId: string;
                    devices: {
                        serialNumber?: string;
                        manufacturer?: string;
                        model?: string;
                        hardwareHash?: string;
                        productKeyId?: string;
                        groupTag?: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["validationAnswer"];
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getV1Devices: {
        parameters: {
            query: {
                cursor?: string;
                limit?: number;
                tenantId: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["devicePage"];
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postV1Devices: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe (R20): the same key with the same body answers the first answer again (`Idempotent-Replayed: true`); with another body, `422 idempotency_key_reused` (the IETF Idempotency-Key draft)
                 * @example 6f1c2a52-3f0e-4a57-9a58-1b8e5c0d2f11
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "tenantId": "t_01JD3",
                 *       "devices": [
                 *         {
                 *           "manufacturer": "Contoso",
                 *           "model": "Laptop 7",
                 *           "serialNumber": "SN-1",
                 *           "groupTag": "Sales"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": {
                    tenantId: string;
                    devices: {
                        serialNumber?: string;
                        manufacturer?: string;
                        model?: string;
                        hardwareHash?: string;
                        productKeyId?: string;
                        groupTag?: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["registrationAnswer"];
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postV1DeviceUploads: {
        parameters: {
            query: {
                tenantId: string;
                action?: "register" | "deregister";
            };
            header?: {
                /**
                 * @description Makes a retry safe (R20): the same key with the same body answers the first answer again (`Idempotent-Replayed: true`); with another body, `422 idempotency_key_reused` (the IETF Idempotency-Key draft)
                 * @example 6f1c2a52-3f0e-4a57-9a58-1b8e5c0d2f11
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example Device Serial Number,Windows Product ID,Hardware Hash,Manufacturer name,Device model
                 *     SN-1,,,Contoso,Laptop 7
                 */
                "text/csv": string;
                "application/vnd.ms-excel": string;
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description The CSV file (one file part)
                     */
                    file: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["registrationAnswer"];
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    deleteV1DevicesDeviceid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                deviceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getV1DeviceBatches: {
        parameters: {
            query: {
                cursor?: string;
                limit?: number;
                tenantId: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["batchPage"];
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postV1DeviceBatches: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe (R20): the same key with the same body answers the first answer again (`Idempotent-Replayed: true`); with another body, `422 idempotency_key_reused` (the IETF Idempotency-Key draft)
                 * @example 6f1c2a52-3f0e-4a57-9a58-1b8e5c0d2f11
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "tenantId": "t_01JD3",
                 *       "action": "register"
                 *     }
                 */
                "application/json": {
                    tenantId: string;
                    /** @enum {string} */
                    action: "register" | "deregister";
                    /** @enum {string} */
                    whenNotAuthorized?: "fail" | "hold";
                    reference?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        batch: components["schemas"]["batch"];
                    };
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getV1DeviceBatchesBatchid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                batchId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        batch: components["schemas"]["batch"];
                    };
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postV1DeviceBatchesBatchidDevices: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe (R20): the same key with the same body answers the first answer again (`Idempotent-Replayed: true`); with another body, `422 idempotency_key_reused` (the IETF Idempotency-Key draft)
                 * @example 6f1c2a52-3f0e-4a57-9a58-1b8e5c0d2f11
                 */
                "Idempotency-Key"?: string;
            };
            path: {
                batchId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "devices": [
                 *         {
                 *           "manufacturer": "Contoso",
                 *           "model": "Laptop 7",
                 *           "serialNumber": "SN-1"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": {
                    devices: {
                        serialNumber?: string;
                        manufacturer?: string;
                        model?: string;
                        hardwareHash?: string;
                        productKeyId?: string;
                        groupTag?: string;
                    }[];
                };
                /**
                 * @example Device Serial Number,Windows Product ID,Hardware Hash,Manufacturer name,Device model
                 *     SN-1,,,Contoso,Laptop 7
                 */
                "text/csv": string;
                "application/vnd.ms-excel": string;
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description The CSV file (one file part)
                     */
                    file: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        batch: components["schemas"]["batch"];
                        malformedLines?: ({
                            line: number;
                            message: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                    };
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postV1DeviceBatchesBatchidSubmit: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe (R20): the same key with the same body answers the first answer again (`Idempotent-Replayed: true`); with another body, `422 idempotency_key_reused` (the IETF Idempotency-Key draft)
                 * @example 6f1c2a52-3f0e-4a57-9a58-1b8e5c0d2f11
                 */
                "Idempotency-Key"?: string;
            };
            path: {
                batchId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        batch: components["schemas"]["batch"];
                    };
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getV1DeviceBatchesBatchidResults: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                batchId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["batchResultPage"];
                };
            };
            /** @description With `Accept: text/csv`: See Other, to the whole list as one CSV file of any size at a download URL that works for 15 minutes (follow it without the Authorization header: `curl -L` drops it, as fetch does) */
            303: {
                headers: {
                    /** @description The download URL of the CSV file */
                    Location?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getV1Audit: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                from?: string;
                to?: string;
                actorType?: "customer_user" | "customer_key" | "partner_key" | "partner_user" | "operator" | "system";
                action?: "tenant.created" | "tenant.registered" | "tenant.sign_in_changed" | "tenant.domain_proof_started" | "tenant.domain_proof_ended" | "tenant.domain_verified" | "user.created" | "customer_api_key.created" | "customer_api_key.revoked" | "consent.requested" | "consent.reminder_queued" | "consent.accepted" | "consent.declined" | "consent.cancelled" | "consent.expired" | "consent_link.created" | "relationship.terminated" | "relationship.revoked" | "removal_request.filed" | "removal_request.closed" | "delegated_admin.removed" | "delegated_admin.expiring" | "delegated_admin.expired" | "delegated_admin.extended" | "delegated_admin.roles_changed" | "delegated_admin.auto_extend_disabled" | "relationship.approval_policy_changed" | "held_batches.partner_blocked" | "held_batches.partner_unblocked" | "device.registered" | "device.deregistered" | "device.released" | "device_batch.created" | "device_upload.created" | "device_upload.received" | "device_batch.devices_added" | "device_batch.submitted" | "device_batch.planned" | "device_batch.finished" | "device_batch.awaiting_approval" | "device_batch.approved" | "device_batch.rejected" | "device_batch.expired" | "device_claim.opened" | "device_claim.updated" | "device_claim.closed" | "device_claim.released" | "device_claim.contested" | "device_claim.granted" | "device_claim.denied" | "device_claim.withdrawn" | "device_claim.deadline_passed" | "partner.created" | "partner.updated" | "partner_user.created" | "partner_user.role_changed" | "partner_user.removed" | "partner_user.signed_in" | "api_key.created" | "api_key.revoked" | "webhook.configured" | "webhook.secret_rotated" | "webhook.redelivered" | "email.suppressed" | "email.suppression_lifted";
                tenantId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["auditEventPage"];
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getV1Webhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["webhook"];
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    putV1Webhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "url": "http://127.0.0.1:9000/",
                 *       "events": [
                 *         "consent.accepted",
                 *         "device_batch.finished"
                 *       ]
                 *     }
                 */
                "application/json": {
                    url: string;
                    events: ("consent.accepted" | "consent.declined" | "consent.expired" | "relationship.terminated" | "relationship.revoked" | "delegated_admin.removed" | "delegated_admin.expiring" | "delegated_admin.expired" | "delegated_admin.extended" | "delegated_admin.roles_changed" | "devices.registered" | "devices.deregistered" | "devices.released" | "device_batch.finished" | "device_batch.awaiting_approval" | "device_batch.approved" | "device_batch.rejected" | "device_batch.expired" | "device_claim.opened" | "device_claim.updated" | "device_claim.closed" | "devices.transferred")[];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["webhookWithSecret"];
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postV1WebhookSecretRotations: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe (R20): the same key with the same body answers the first answer again (`Idempotent-Replayed: true`); with another body, `422 idempotency_key_reused` (the IETF Idempotency-Key draft)
                 * @example 6f1c2a52-3f0e-4a57-9a58-1b8e5c0d2f11
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["webhookSecretRotation"];
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getV1WebhookDeliveries: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["webhookDeliveryPage"];
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postV1WebhookDeliveriesDeliveryidRedeliver: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe (R20): the same key with the same body answers the first answer again (`Idempotent-Replayed: true`); with another body, `422 idempotency_key_reused` (the IETF Idempotency-Key draft)
                 * @example 6f1c2a52-3f0e-4a57-9a58-1b8e5c0d2f11
                 */
                "Idempotency-Key"?: string;
            };
            path: {
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        delivery: components["schemas"]["webhookDelivery"];
                    };
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getV1Tenant: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        tenant: components["schemas"]["tenant"];
                    };
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getV1TenantDevices: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                partnerId?: string;
                batchId?: string;
                q?: string;
                registeredAfter?: string;
                registeredBefore?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["tenantDevicePage"];
                };
            };
            /** @description With `Accept: text/csv`: See Other, to the whole list as one CSV file of any size at a download URL that works for 15 minutes (follow it without the Authorization header: `curl -L` drops it, as fetch does) */
            303: {
                headers: {
                    /** @description The download URL of the CSV file */
                    Location?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postV1TenantDeviceReleases: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "confirm": "irreversible",
                 *       "devices": [
                 *         {
                 *           "deviceId": "d_5f0c2a9e1b7d4c3a8e6f0b12"
                 *         },
                 *         {
                 *           "manufacturer": "Contoso",
                 *           "model": "Laptop 7",
                 *           "serialNumber": "SN-1"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": {
                    /** @constant */
                    confirm: "irreversible";
                    devices: ({
                        deviceId: string;
                    } | {
                        serialNumber?: string;
                        manufacturer?: string;
                        model?: string;
                        hardwareHash?: string;
                        productKeyId?: string;
                        groupTag?: string;
                    })[];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["releaseAnswer"];
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postV1TenantReleaseBatches: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "confirm": "irreversible"
                 *     }
                 */
                "application/json": {
                    /** @constant */
                    confirm: "irreversible";
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        batch: components["schemas"]["batch"];
                    };
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getV1TenantReleaseBatchesBatchid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                batchId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        batch: components["schemas"]["batch"];
                    };
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postV1TenantReleaseBatchesBatchidDevices: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                batchId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "devices": [
                 *         {
                 *           "manufacturer": "Contoso",
                 *           "model": "Laptop 7",
                 *           "serialNumber": "SN-1"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": {
                    devices: {
                        serialNumber?: string;
                        manufacturer?: string;
                        model?: string;
                        hardwareHash?: string;
                        productKeyId?: string;
                        groupTag?: string;
                    }[];
                };
                /**
                 * @example Device Serial Number,Windows Product ID,Hardware Hash,Manufacturer name,Device model
                 *     SN-1,,,Contoso,Laptop 7
                 */
                "text/csv": string;
                "application/vnd.ms-excel": string;
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description The CSV file (one file part)
                     */
                    file: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        batch: components["schemas"]["batch"];
                        malformedLines?: ({
                            line: number;
                            message: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                    };
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postV1TenantReleaseBatchesBatchidSubmit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                batchId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        batch: components["schemas"]["batch"];
                    };
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getV1TenantReleaseBatchesBatchidResults: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                batchId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["batchResultPage"];
                };
            };
            /** @description With `Accept: text/csv`: See Other, to the whole list as one CSV file of any size at a download URL that works for 15 minutes (follow it without the Authorization header: `curl -L` drops it, as fetch does) */
            303: {
                headers: {
                    /** @description The download URL of the CSV file */
                    Location?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getV1TenantPartners: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["accessPage"];
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getPortalAccess: {
        parameters: {
            query?: {
                cursor?: string;
                ended?: number;
                notEnded?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getPortalAccessEndAll: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postPortalAccessEndAll: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    csrf?: string;
                    /** @constant */
                    confirm?: "end-all";
                };
            };
        };
        responses: {
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getV1TenantAudit: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                from?: string;
                to?: string;
                actorType?: "customer_user" | "customer_key" | "partner_key" | "partner_user" | "operator" | "system";
                action?: "tenant.created" | "tenant.registered" | "tenant.sign_in_changed" | "tenant.domain_proof_started" | "tenant.domain_proof_ended" | "tenant.domain_verified" | "user.created" | "customer_api_key.created" | "customer_api_key.revoked" | "consent.requested" | "consent.reminder_queued" | "consent.accepted" | "consent.declined" | "consent.cancelled" | "consent.expired" | "consent_link.created" | "relationship.terminated" | "relationship.revoked" | "removal_request.filed" | "removal_request.closed" | "delegated_admin.removed" | "delegated_admin.expiring" | "delegated_admin.expired" | "delegated_admin.extended" | "delegated_admin.roles_changed" | "delegated_admin.auto_extend_disabled" | "relationship.approval_policy_changed" | "held_batches.partner_blocked" | "held_batches.partner_unblocked" | "device.registered" | "device.deregistered" | "device.released" | "device_batch.created" | "device_upload.created" | "device_upload.received" | "device_batch.devices_added" | "device_batch.submitted" | "device_batch.planned" | "device_batch.finished" | "device_batch.awaiting_approval" | "device_batch.approved" | "device_batch.rejected" | "device_batch.expired" | "device_claim.opened" | "device_claim.updated" | "device_claim.closed" | "device_claim.released" | "device_claim.contested" | "device_claim.granted" | "device_claim.denied" | "device_claim.withdrawn" | "device_claim.deadline_passed" | "partner.created" | "partner.updated" | "partner_user.created" | "partner_user.role_changed" | "partner_user.removed" | "partner_user.signed_in" | "api_key.created" | "api_key.revoked" | "webhook.configured" | "webhook.secret_rotated" | "webhook.redelivered" | "email.suppressed" | "email.suppression_lifted";
                partnerId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["auditEventPage"];
                };
            };
            /** @description With `Accept: text/csv`: See Other, to the whole list as one CSV file of any size at a download URL that works for 15 minutes (follow it without the Authorization header: `curl -L` drops it, as fetch does) */
            303: {
                headers: {
                    /** @description The download URL of the CSV file */
                    Location?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getPortalDevices: {
        parameters: {
            query?: {
                partnerId?: "" | string;
                batchId?: "" | string;
                q?: string;
                registeredAfter?: "" | string;
                registeredBefore?: "" | string;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getPortalDevicesExport: {
        parameters: {
            query?: {
                partnerId?: "" | string;
                batchId?: "" | string;
                q?: string;
                registeredAfter?: "" | string;
                registeredBefore?: "" | string;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postPortalDevicesRelease: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    csrf?: string;
                    /** @constant */
                    confirm?: "irreversible";
                    deviceId?: string | string[];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postPortalDevicesReleaseFile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example Device Serial Number,Windows Product ID,Hardware Hash,Manufacturer name,Device model
                 *     SN-1,,,Contoso,Laptop 7
                 */
                "text/csv": string;
                "application/vnd.ms-excel": string;
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description The CSV file (one file part)
                     */
                    file: string;
                };
            };
        };
        responses: {
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getPortalDevicesReleasesBatchid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                batchId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getPortalDevicesReleasesBatchidResults: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                batchId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getPortalBatchesBatchid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                batchId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postPortalBatchesBatchid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                batchId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    csrf?: string;
                    /** @enum {string} */
                    action: "approve" | "reject";
                    /** @constant */
                    confirm?: "yes";
                    /** @constant */
                    block?: "yes";
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postPortalHoldBlocksPartneridRemove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                partnerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    csrf?: string;
                };
            };
        };
        responses: {
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getPortalClaims: {
        parameters: {
            query?: {
                done?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postPortalClaims: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example Device Serial Number,Windows Product ID,Hardware Hash,Manufacturer name,Device model
                 *     SN-1,,,Contoso,Laptop 7
                 */
                "text/csv": string;
                "application/vnd.ms-excel": string;
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description The CSV file (one file part)
                     */
                    file: string;
                };
            };
        };
        responses: {
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getPortalClaimsClaimid: {
        parameters: {
            query?: {
                done?: string;
            };
            header?: never;
            path: {
                claimId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postPortalClaimsClaimidResponses: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                claimId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    csrf?: string;
                    /** @enum {string} */
                    response: "release" | "contest";
                    devices?: string | string[];
                    /** @constant */
                    scope?: "all";
                    reason?: string;
                    /** @constant */
                    confirm?: "irreversible";
                };
            };
        };
        responses: {
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postPortalClaimsClaimidWithdraw: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                claimId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    csrf?: string;
                };
            };
        };
        responses: {
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getPortalApiKeys: {
        parameters: {
            query?: {
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postPortalApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    csrf?: string;
                    name: string;
                    scopes?: string | string[];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postPortalApiKeysKeyidRevoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                keyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    csrf?: string;
                };
            };
        };
        responses: {
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getPortalAudit: {
        parameters: {
            query?: {
                from?: "" | string;
                to?: "" | string;
                actorType?: "" | ("customer_user" | "customer_key" | "partner_key" | "partner_user" | "operator" | "system");
                partnerId?: "" | string;
                action?: "" | ("tenant.created" | "tenant.registered" | "tenant.sign_in_changed" | "tenant.domain_proof_started" | "tenant.domain_proof_ended" | "tenant.domain_verified" | "user.created" | "customer_api_key.created" | "customer_api_key.revoked" | "consent.requested" | "consent.reminder_queued" | "consent.accepted" | "consent.declined" | "consent.cancelled" | "consent.expired" | "consent_link.created" | "relationship.terminated" | "relationship.revoked" | "removal_request.filed" | "removal_request.closed" | "delegated_admin.removed" | "delegated_admin.expiring" | "delegated_admin.expired" | "delegated_admin.extended" | "delegated_admin.roles_changed" | "delegated_admin.auto_extend_disabled" | "relationship.approval_policy_changed" | "held_batches.partner_blocked" | "held_batches.partner_unblocked" | "device.registered" | "device.deregistered" | "device.released" | "device_batch.created" | "device_upload.created" | "device_upload.received" | "device_batch.devices_added" | "device_batch.submitted" | "device_batch.planned" | "device_batch.finished" | "device_batch.awaiting_approval" | "device_batch.approved" | "device_batch.rejected" | "device_batch.expired" | "device_claim.opened" | "device_claim.updated" | "device_claim.closed" | "device_claim.released" | "device_claim.contested" | "device_claim.granted" | "device_claim.denied" | "device_claim.withdrawn" | "device_claim.deadline_passed" | "partner.created" | "partner.updated" | "partner_user.created" | "partner_user.role_changed" | "partner_user.removed" | "partner_user.signed_in" | "api_key.created" | "api_key.revoked" | "webhook.configured" | "webhook.secret_rotated" | "webhook.redelivered" | "email.suppressed" | "email.suppression_lifted");
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getPortalAuditExport: {
        parameters: {
            query?: {
                from?: "" | string;
                to?: "" | string;
                actorType?: "" | ("customer_user" | "customer_key" | "partner_key" | "partner_user" | "operator" | "system");
                partnerId?: "" | string;
                action?: "" | ("tenant.created" | "tenant.registered" | "tenant.sign_in_changed" | "tenant.domain_proof_started" | "tenant.domain_proof_ended" | "tenant.domain_verified" | "user.created" | "customer_api_key.created" | "customer_api_key.revoked" | "consent.requested" | "consent.reminder_queued" | "consent.accepted" | "consent.declined" | "consent.cancelled" | "consent.expired" | "consent_link.created" | "relationship.terminated" | "relationship.revoked" | "removal_request.filed" | "removal_request.closed" | "delegated_admin.removed" | "delegated_admin.expiring" | "delegated_admin.expired" | "delegated_admin.extended" | "delegated_admin.roles_changed" | "delegated_admin.auto_extend_disabled" | "relationship.approval_policy_changed" | "held_batches.partner_blocked" | "held_batches.partner_unblocked" | "device.registered" | "device.deregistered" | "device.released" | "device_batch.created" | "device_upload.created" | "device_upload.received" | "device_batch.devices_added" | "device_batch.submitted" | "device_batch.planned" | "device_batch.finished" | "device_batch.awaiting_approval" | "device_batch.approved" | "device_batch.rejected" | "device_batch.expired" | "device_claim.opened" | "device_claim.updated" | "device_claim.closed" | "device_claim.released" | "device_claim.contested" | "device_claim.granted" | "device_claim.denied" | "device_claim.withdrawn" | "device_claim.deadline_passed" | "partner.created" | "partner.updated" | "partner_user.created" | "partner_user.role_changed" | "partner_user.removed" | "partner_user.signed_in" | "api_key.created" | "api_key.revoked" | "webhook.configured" | "webhook.secret_rotated" | "webhook.redelivered" | "email.suppressed" | "email.suppression_lifted");
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getPortalDomains: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postPortalDomains: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    csrf?: string;
                    domain: string;
                };
            };
        };
        responses: {
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postPortalDomainsCheck: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    csrf?: string;
                    domain: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postPortalDomainsRemove: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    csrf?: string;
                    domain: string;
                };
            };
        };
        responses: {
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getV1DeviceClaims: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                tenantId?: string;
                status?: "open" | "with_operators" | "closed";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["claimPage"];
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postV1DeviceClaims: {
        parameters: {
            query?: {
                tenantId?: string;
                reference?: string;
                purchaseDate?: string;
                note?: string;
            };
            header?: {
                /**
                 * @description Makes a retry safe (R20): the same key with the same body answers the first answer again (`Idempotent-Replayed: true`); with another body, `422 idempotency_key_reused` (the IETF Idempotency-Key draft)
                 * @example 6f1c2a52-3f0e-4a57-9a58-1b8e5c0d2f11
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "tenantId": "t_01JD3",
                 *       "devices": [
                 *         {
                 *           "manufacturer": "Contoso",
                 *           "model": "Laptop 7",
                 *           "serialNumber": "SN-1"
                 *         }
                 *       ],
                 *       "evidence": {
                 *         "reference": "PO-2026-1187",
                 *         "purchaseDate": "2026-10-01",
                 *         "note": "Bought from a refurbisher"
                 *       }
                 *     }
                 */
                "application/json": {
                    tenantId: string;
                    devices: {
                        serialNumber?: string;
                        manufacturer?: string;
                        model?: string;
                        hardwareHash?: string;
                        productKeyId?: string;
                        groupTag?: string;
                    }[];
                    evidence: {
                        reference: string;
                        purchaseDate?: string;
                        note?: string;
                    };
                };
                /**
                 * @example Device Serial Number,Windows Product ID,Hardware Hash,Manufacturer name,Device model
                 *     SN-1,,,Contoso,Laptop 7
                 */
                "text/csv": string;
                "application/vnd.ms-excel": string;
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description The CSV file (one file part)
                     */
                    file: string;
                };
            };
        };
        responses: {
            /** @description No device could be claimed: each row says why; no claim was made */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["claimOpened"];
                };
            };
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["claimOpened"];
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getV1DeviceClaimsClaimid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                claimId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        claim: components["schemas"]["claim"];
                    };
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getV1DeviceClaimsClaimidDevices: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                claimId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["claimDevicePage"];
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postV1DeviceClaimsClaimidWithdraw: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe (R20): the same key with the same body answers the first answer again (`Idempotent-Replayed: true`); with another body, `422 idempotency_key_reused` (the IETF Idempotency-Key draft)
                 * @example 6f1c2a52-3f0e-4a57-9a58-1b8e5c0d2f11
                 */
                "Idempotency-Key"?: string;
            };
            path: {
                claimId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        claim: components["schemas"]["claim"];
                    };
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getV1TenantDeviceClaims: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                direction?: "incoming" | "outgoing";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["tenantClaimPage"];
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postV1TenantDeviceClaims: {
        parameters: {
            query?: {
                tenantId?: string;
                reference?: string;
                purchaseDate?: string;
                note?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "devices": [
                 *         {
                 *           "hardwareHash": "T0VNLUhBU0gtQ0FQVFVSRUQtT04tVEhFLURFVklDRS1CWS1HRVQtV0lORE9XU0FVVE9QSUxPVElORk8tMDAwMDAwMDAwMDAwMDAwMA=="
                 *         }
                 *       ],
                 *       "evidence": {
                 *         "reference": "Devices in hand at the Lyon site"
                 *       }
                 *     }
                 */
                "application/json": {
                    devices: {
                        serialNumber?: string;
                        manufacturer?: string;
                        model?: string;
                        hardwareHash?: string;
                        productKeyId?: string;
                        groupTag?: string;
                    }[];
                    evidence: {
                        reference: string;
                        purchaseDate?: string;
                        note?: string;
                    };
                };
                /**
                 * @example Device Serial Number,Windows Product ID,Hardware Hash,Manufacturer name,Device model
                 *     SN-1,,,Contoso,Laptop 7
                 */
                "text/csv": string;
                "application/vnd.ms-excel": string;
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description The CSV file (one file part)
                     */
                    file: string;
                };
            };
        };
        responses: {
            /** @description No device could be claimed: each row says why; no claim was made */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["claimOpened"];
                };
            };
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["claimOpened"];
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getV1TenantDeviceClaimsClaimid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                claimId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        claim: components["schemas"]["tenantClaim"];
                    };
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getV1TenantDeviceClaimsClaimidDevices: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                claimId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["claimDevicePage"];
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postV1TenantDeviceClaimsClaimidResponses: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                claimId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "devices": [
                 *         0,
                 *         2
                 *       ],
                 *       "response": "contest",
                 *       "reason": "We bought these from Contoso; invoice 2231"
                 *     }
                 */
                "application/json": {
                    devices: "all" | number[];
                    /** @enum {string} */
                    response: "release" | "contest";
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        claim: components["schemas"]["tenantClaim"];
                    };
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postV1TenantDeviceClaimsClaimidWithdraw: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                claimId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        claim: components["schemas"]["tenantClaim"];
                    };
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getOpsDeviceClaims: {
        parameters: {
            query: {
                cursor?: string;
                limit?: number;
                status: "contested" | "uncontested";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["operatorClaimPage"];
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getOpsDeviceClaimsClaimid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                claimId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["operatorClaim"];
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postOpsDeviceClaimsClaimidDecisions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                claimId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "devices": "all",
                 *       "decision": "grant",
                 *       "reason": "The order reference matches the reseller invoice"
                 *     }
                 */
                "application/json": {
                    devices: "all" | number[];
                    /** @enum {string} */
                    decision: "grant" | "deny";
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["operatorClaim"];
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postOpsPartnersPartneridUsers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                partnerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "email": "alex@contoso.example",
                 *       "displayName": "Alex Wilber",
                 *       "role": "admin"
                 *     }
                 */
                "application/json": {
                    /** Format: email */
                    email: string;
                    displayName: string;
                    /** @enum {string} */
                    role: "admin" | "submitter" | "viewer";
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        person: components["schemas"]["partnerPerson"];
                    };
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getPartnerSignin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postPartnerSignin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    email: string;
                    next?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getPartnerSigninVerify: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postPartnerSigninVerify: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    token: string;
                };
            };
        };
        responses: {
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getPartnerSigninOidc: {
        parameters: {
            query?: {
                next?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getPartnerSigninOidcCallback: {
        parameters: {
            query?: {
                state?: string;
                code?: string;
                iss?: string;
                error?: string;
                error_description?: string;
                session_state?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postPartnerSignout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    csrf?: string;
                };
            };
        };
        responses: {
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getPartner: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getPartnerSettings: {
        parameters: {
            query?: {
                done?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postPartnerSettingsPeople: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    csrf?: string;
                    /** @default  */
                    email?: string;
                    /** @default  */
                    displayName?: string;
                    /** @default  */
                    role?: string;
                };
            };
        };
        responses: {
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postPartnerSettingsPeopleUseridRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    csrf?: string;
                    /** @default  */
                    email?: string;
                    /** @default  */
                    displayName?: string;
                    /** @default  */
                    role?: string;
                };
            };
        };
        responses: {
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postPartnerSettingsPeopleUseridRemove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    csrf?: string;
                };
            };
        };
        responses: {
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getPartnerCustomers: {
        parameters: {
            query?: {
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getPartnerConsentRequestsNew: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postPartnerConsentRequests: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    csrf?: string;
                    once?: string;
                    /** @default  */
                    recipientEmail?: string;
                    tenantDomain?: string;
                    delegatedAdmin?: string;
                    roles?: string | string[];
                    durationDays?: string;
                    autoExtend?: string;
                    message?: string;
                };
            };
        };
        responses: {
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getPartnerConsentRequestsRequestid: {
        parameters: {
            query?: {
                done?: string;
            };
            header?: never;
            path: {
                requestId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getPartnerConsentLink: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postPartnerSettingsApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    csrf?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postPartnerSettingsApiKeysKeyidRevoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                keyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    csrf?: string;
                };
            };
        };
        responses: {
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postPartnerSettingsWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    csrf?: string;
                    /** @default  */
                    url?: string;
                    events?: string | string[];
                };
            };
        };
        responses: {
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postPartnerSettingsWebhookSecretRotations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    csrf?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postPartnerSettingsWebhookDeliveriesDeliveryidRedeliver: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    csrf?: string;
                };
            };
        };
        responses: {
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getPartnerUploadsNew: {
        parameters: {
            query?: {
                tenantId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    postPartnerUploads: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    csrf?: string;
                    formToken?: string;
                    tenantId?: string;
                    mode?: string;
                };
            };
        };
        responses: {
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getPartnerUploadsUploadid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                uploadId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getPartnerBatches: {
        parameters: {
            query?: {
                tenantId?: string;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getPartnerBatchesBatchid: {
        parameters: {
            query?: {
                cursor?: string;
            };
            header?: never;
            path: {
                batchId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getPartnerBatchesBatchidResults: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                batchId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Redirect (sign in first, or the next page) */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused: an HTML page saying why */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    getOpenapiJson: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        openapi: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Problem (application/problem+json, RFC 9457) with a stable `code` */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
            /** @description Problem: `unavailable` (503, retry after `Retry-After`) or `internal` (500, no detail) */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["problem"];
                };
            };
        };
    };
    webhookConsentAccepted: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The id of this delivery: the same on every attempt of it (a retry, or a send repeated after a crash), so a receiver that saw it already can answer 2xx and do nothing
                 * @example msg_5f0c2a9e1b7d4c3a8e6f0b12
                 */
                "webhook-id": string;
                /**
                 * @description When this attempt was signed, in seconds since the Unix epoch; refuse a delivery too far from now (a replay)
                 * @example 1795514400
                 */
                "webhook-timestamp": number;
                /**
                 * @description Space-separated signatures `v1,<base64>`: HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>`, keyed with the bytes of the webhook secret (`whsec_<base64>`, the base64 decoded). Accept the delivery when any of them matches (a Standard Webhooks library does all of this)
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "consent.accepted",
                 *       "timestamp": "2026-11-24T10:00:00.000Z",
                 *       "data": {
                 *         "tenantId": "t_01JD3",
                 *         "partnerId": "p_01JD3",
                 *         "requestId": "cr_01JD3",
                 *         "relationship": {
                 *           "status": "active",
                 *           "grantedAt": "2026-11-24T10:00:00.000Z",
                 *           "delegatedAdmin": {
                 *             "roles": [
                 *               "IntuneAdministrator",
                 *               "CloudDeviceAdministrator"
                 *             ],
                 *             "expiresAt": "2027-05-23T10:00:00.000Z",
                 *             "autoExtend": false
                 *           }
                 *         },
                 *         "actor": {
                 *           "type": "user",
                 *           "id": "u_01JD3"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["consentAcceptedEvent"];
            };
        };
        responses: {
            /** @description Received: the delivery is done (the body of the answer is ignored) */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Anything else (a redirect too: none is followed), or no answer within 5 seconds: not received. Retried with back-off, then marked failed after the last attempt (S4), as `GET /v1/webhook/deliveries` shows */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookConsentDeclined: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The id of this delivery: the same on every attempt of it (a retry, or a send repeated after a crash), so a receiver that saw it already can answer 2xx and do nothing
                 * @example msg_5f0c2a9e1b7d4c3a8e6f0b12
                 */
                "webhook-id": string;
                /**
                 * @description When this attempt was signed, in seconds since the Unix epoch; refuse a delivery too far from now (a replay)
                 * @example 1795514400
                 */
                "webhook-timestamp": number;
                /**
                 * @description Space-separated signatures `v1,<base64>`: HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>`, keyed with the bytes of the webhook secret (`whsec_<base64>`, the base64 decoded). Accept the delivery when any of them matches (a Standard Webhooks library does all of this)
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "consent.declined",
                 *       "timestamp": "2026-11-24T10:00:00.000Z",
                 *       "data": {
                 *         "tenantId": "t_01JD3",
                 *         "partnerId": "p_01JD3",
                 *         "requestId": "cr_01JD3",
                 *         "actor": {
                 *           "type": "user",
                 *           "id": "u_01JD3"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["consentDeclinedEvent"];
            };
        };
        responses: {
            /** @description Received: the delivery is done (the body of the answer is ignored) */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Anything else (a redirect too: none is followed), or no answer within 5 seconds: not received. Retried with back-off, then marked failed after the last attempt (S4), as `GET /v1/webhook/deliveries` shows */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookConsentExpired: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The id of this delivery: the same on every attempt of it (a retry, or a send repeated after a crash), so a receiver that saw it already can answer 2xx and do nothing
                 * @example msg_5f0c2a9e1b7d4c3a8e6f0b12
                 */
                "webhook-id": string;
                /**
                 * @description When this attempt was signed, in seconds since the Unix epoch; refuse a delivery too far from now (a replay)
                 * @example 1795514400
                 */
                "webhook-timestamp": number;
                /**
                 * @description Space-separated signatures `v1,<base64>`: HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>`, keyed with the bytes of the webhook secret (`whsec_<base64>`, the base64 decoded). Accept the delivery when any of them matches (a Standard Webhooks library does all of this)
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "consent.expired",
                 *       "timestamp": "2026-11-24T10:00:00.000Z",
                 *       "data": {
                 *         "requestId": "cr_01JD3",
                 *         "partnerId": "p_01JD3",
                 *         "recipientEmail": "admin@fabrikam.example",
                 *         "expiresAt": "2026-11-24T10:00:00.000Z",
                 *         "tenantId": "t_01JD3",
                 *         "actor": {
                 *           "type": "system",
                 *           "id": "consent-status-check"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["consentExpiredEvent"];
            };
        };
        responses: {
            /** @description Received: the delivery is done (the body of the answer is ignored) */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Anything else (a redirect too: none is followed), or no answer within 5 seconds: not received. Retried with back-off, then marked failed after the last attempt (S4), as `GET /v1/webhook/deliveries` shows */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookRelationshipTerminated: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The id of this delivery: the same on every attempt of it (a retry, or a send repeated after a crash), so a receiver that saw it already can answer 2xx and do nothing
                 * @example msg_5f0c2a9e1b7d4c3a8e6f0b12
                 */
                "webhook-id": string;
                /**
                 * @description When this attempt was signed, in seconds since the Unix epoch; refuse a delivery too far from now (a replay)
                 * @example 1795514400
                 */
                "webhook-timestamp": number;
                /**
                 * @description Space-separated signatures `v1,<base64>`: HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>`, keyed with the bytes of the webhook secret (`whsec_<base64>`, the base64 decoded). Accept the delivery when any of them matches (a Standard Webhooks library does all of this)
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "relationship.terminated",
                 *       "timestamp": "2026-11-24T10:00:00.000Z",
                 *       "data": {
                 *         "tenantId": "t_01JD3",
                 *         "partnerId": "p_01JD4",
                 *         "status": "terminated",
                 *         "at": "2026-11-24T10:00:00.000Z",
                 *         "via": {
                 *           "resellerId": "p_01JD3"
                 *         },
                 *         "actor": {
                 *           "type": "user",
                 *           "id": "u_01JD3"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["relationshipTerminatedEvent"];
            };
        };
        responses: {
            /** @description Received: the delivery is done (the body of the answer is ignored) */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Anything else (a redirect too: none is followed), or no answer within 5 seconds: not received. Retried with back-off, then marked failed after the last attempt (S4), as `GET /v1/webhook/deliveries` shows */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookRelationshipRevoked: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The id of this delivery: the same on every attempt of it (a retry, or a send repeated after a crash), so a receiver that saw it already can answer 2xx and do nothing
                 * @example msg_5f0c2a9e1b7d4c3a8e6f0b12
                 */
                "webhook-id": string;
                /**
                 * @description When this attempt was signed, in seconds since the Unix epoch; refuse a delivery too far from now (a replay)
                 * @example 1795514400
                 */
                "webhook-timestamp": number;
                /**
                 * @description Space-separated signatures `v1,<base64>`: HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>`, keyed with the bytes of the webhook secret (`whsec_<base64>`, the base64 decoded). Accept the delivery when any of them matches (a Standard Webhooks library does all of this)
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "relationship.revoked",
                 *       "timestamp": "2026-11-24T10:00:00.000Z",
                 *       "data": {
                 *         "tenantId": "t_01JD3",
                 *         "partnerId": "p_01JD3",
                 *         "status": "revoked",
                 *         "at": "2026-11-24T10:00:00.000Z",
                 *         "reason": "The customer never bought from this OEM",
                 *         "actor": {
                 *           "type": "operator",
                 *           "id": "operator"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["relationshipRevokedEvent"];
            };
        };
        responses: {
            /** @description Received: the delivery is done (the body of the answer is ignored) */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Anything else (a redirect too: none is followed), or no answer within 5 seconds: not received. Retried with back-off, then marked failed after the last attempt (S4), as `GET /v1/webhook/deliveries` shows */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookDelegatedAdminRemoved: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The id of this delivery: the same on every attempt of it (a retry, or a send repeated after a crash), so a receiver that saw it already can answer 2xx and do nothing
                 * @example msg_5f0c2a9e1b7d4c3a8e6f0b12
                 */
                "webhook-id": string;
                /**
                 * @description When this attempt was signed, in seconds since the Unix epoch; refuse a delivery too far from now (a replay)
                 * @example 1795514400
                 */
                "webhook-timestamp": number;
                /**
                 * @description Space-separated signatures `v1,<base64>`: HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>`, keyed with the bytes of the webhook secret (`whsec_<base64>`, the base64 decoded). Accept the delivery when any of them matches (a Standard Webhooks library does all of this)
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "delegated_admin.removed",
                 *       "timestamp": "2026-11-24T10:00:00.000Z",
                 *       "data": {
                 *         "tenantId": "t_01JD3",
                 *         "partnerId": "p_01JD3",
                 *         "delegatedAdmin": {
                 *           "roles": [
                 *             "IntuneAdministrator",
                 *             "CloudDeviceAdministrator"
                 *           ],
                 *           "removedAt": "2026-11-24T10:00:00.000Z"
                 *         },
                 *         "actor": {
                 *           "type": "user",
                 *           "id": "u_01JD3"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["delegatedAdminRemovedEvent"];
            };
        };
        responses: {
            /** @description Received: the delivery is done (the body of the answer is ignored) */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Anything else (a redirect too: none is followed), or no answer within 5 seconds: not received. Retried with back-off, then marked failed after the last attempt (S4), as `GET /v1/webhook/deliveries` shows */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookDelegatedAdminExpiring: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The id of this delivery: the same on every attempt of it (a retry, or a send repeated after a crash), so a receiver that saw it already can answer 2xx and do nothing
                 * @example msg_5f0c2a9e1b7d4c3a8e6f0b12
                 */
                "webhook-id": string;
                /**
                 * @description When this attempt was signed, in seconds since the Unix epoch; refuse a delivery too far from now (a replay)
                 * @example 1795514400
                 */
                "webhook-timestamp": number;
                /**
                 * @description Space-separated signatures `v1,<base64>`: HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>`, keyed with the bytes of the webhook secret (`whsec_<base64>`, the base64 decoded). Accept the delivery when any of them matches (a Standard Webhooks library does all of this)
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "delegated_admin.expiring",
                 *       "timestamp": "2026-11-24T10:00:00.000Z",
                 *       "data": {
                 *         "tenantId": "t_01JD3",
                 *         "partnerId": "p_01JD3",
                 *         "delegatedAdmin": {
                 *           "roles": [
                 *             "IntuneAdministrator",
                 *             "CloudDeviceAdministrator"
                 *           ],
                 *           "expiresAt": "2027-05-23T10:00:00.000Z",
                 *           "autoExtend": false
                 *         },
                 *         "daysLeft": 7,
                 *         "actor": {
                 *           "type": "system",
                 *           "id": "consent-status-check"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["delegatedAdminExpiringEvent"];
            };
        };
        responses: {
            /** @description Received: the delivery is done (the body of the answer is ignored) */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Anything else (a redirect too: none is followed), or no answer within 5 seconds: not received. Retried with back-off, then marked failed after the last attempt (S4), as `GET /v1/webhook/deliveries` shows */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookDelegatedAdminExpired: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The id of this delivery: the same on every attempt of it (a retry, or a send repeated after a crash), so a receiver that saw it already can answer 2xx and do nothing
                 * @example msg_5f0c2a9e1b7d4c3a8e6f0b12
                 */
                "webhook-id": string;
                /**
                 * @description When this attempt was signed, in seconds since the Unix epoch; refuse a delivery too far from now (a replay)
                 * @example 1795514400
                 */
                "webhook-timestamp": number;
                /**
                 * @description Space-separated signatures `v1,<base64>`: HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>`, keyed with the bytes of the webhook secret (`whsec_<base64>`, the base64 decoded). Accept the delivery when any of them matches (a Standard Webhooks library does all of this)
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "delegated_admin.expired",
                 *       "timestamp": "2026-11-24T10:00:00.000Z",
                 *       "data": {
                 *         "tenantId": "t_01JD3",
                 *         "partnerId": "p_01JD3",
                 *         "delegatedAdmin": {
                 *           "roles": [
                 *             "IntuneAdministrator",
                 *             "CloudDeviceAdministrator"
                 *           ],
                 *           "expiresAt": "2027-05-23T10:00:00.000Z"
                 *         },
                 *         "actor": {
                 *           "type": "system",
                 *           "id": "consent-status-check"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["delegatedAdminExpiredEvent"];
            };
        };
        responses: {
            /** @description Received: the delivery is done (the body of the answer is ignored) */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Anything else (a redirect too: none is followed), or no answer within 5 seconds: not received. Retried with back-off, then marked failed after the last attempt (S4), as `GET /v1/webhook/deliveries` shows */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookDelegatedAdminExtended: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The id of this delivery: the same on every attempt of it (a retry, or a send repeated after a crash), so a receiver that saw it already can answer 2xx and do nothing
                 * @example msg_5f0c2a9e1b7d4c3a8e6f0b12
                 */
                "webhook-id": string;
                /**
                 * @description When this attempt was signed, in seconds since the Unix epoch; refuse a delivery too far from now (a replay)
                 * @example 1795514400
                 */
                "webhook-timestamp": number;
                /**
                 * @description Space-separated signatures `v1,<base64>`: HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>`, keyed with the bytes of the webhook secret (`whsec_<base64>`, the base64 decoded). Accept the delivery when any of them matches (a Standard Webhooks library does all of this)
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "delegated_admin.extended",
                 *       "timestamp": "2026-11-24T10:00:00.000Z",
                 *       "data": {
                 *         "tenantId": "t_01JD3",
                 *         "partnerId": "p_01JD3",
                 *         "delegatedAdmin": {
                 *           "roles": [
                 *             "IntuneAdministrator",
                 *             "CloudDeviceAdministrator"
                 *           ],
                 *           "expiresAt": "2027-11-19T10:00:00.000Z",
                 *           "previousExpiresAt": "2027-05-23T10:00:00.000Z",
                 *           "extendedByDays": 180
                 *         },
                 *         "actor": {
                 *           "type": "system",
                 *           "id": "consent-status-check"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["delegatedAdminExtendedEvent"];
            };
        };
        responses: {
            /** @description Received: the delivery is done (the body of the answer is ignored) */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Anything else (a redirect too: none is followed), or no answer within 5 seconds: not received. Retried with back-off, then marked failed after the last attempt (S4), as `GET /v1/webhook/deliveries` shows */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookDelegatedAdminRolesChanged: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The id of this delivery: the same on every attempt of it (a retry, or a send repeated after a crash), so a receiver that saw it already can answer 2xx and do nothing
                 * @example msg_5f0c2a9e1b7d4c3a8e6f0b12
                 */
                "webhook-id": string;
                /**
                 * @description When this attempt was signed, in seconds since the Unix epoch; refuse a delivery too far from now (a replay)
                 * @example 1795514400
                 */
                "webhook-timestamp": number;
                /**
                 * @description Space-separated signatures `v1,<base64>`: HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>`, keyed with the bytes of the webhook secret (`whsec_<base64>`, the base64 decoded). Accept the delivery when any of them matches (a Standard Webhooks library does all of this)
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "delegated_admin.roles_changed",
                 *       "timestamp": "2026-11-24T10:00:00.000Z",
                 *       "data": {
                 *         "tenantId": "t_01JD3",
                 *         "partnerId": "p_01JD3",
                 *         "requestId": "cr_01JD4",
                 *         "delegatedAdmin": {
                 *           "roles": [
                 *             "IntuneAdministrator",
                 *             "GlobalReader"
                 *           ],
                 *           "expiresAt": "2027-05-23T10:00:00.000Z",
                 *           "autoExtend": true
                 *         },
                 *         "previous": {
                 *           "roles": [
                 *             "IntuneAdministrator",
                 *             "CloudDeviceAdministrator"
                 *           ],
                 *           "expiresAt": "2027-05-23T10:00:00.000Z",
                 *           "status": "active"
                 *         },
                 *         "actor": {
                 *           "type": "user",
                 *           "id": "u_01JD3"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["delegatedAdminRolesChangedEvent"];
            };
        };
        responses: {
            /** @description Received: the delivery is done (the body of the answer is ignored) */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Anything else (a redirect too: none is followed), or no answer within 5 seconds: not received. Retried with back-off, then marked failed after the last attempt (S4), as `GET /v1/webhook/deliveries` shows */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookDevicesRegistered: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The id of this delivery: the same on every attempt of it (a retry, or a send repeated after a crash), so a receiver that saw it already can answer 2xx and do nothing
                 * @example msg_5f0c2a9e1b7d4c3a8e6f0b12
                 */
                "webhook-id": string;
                /**
                 * @description When this attempt was signed, in seconds since the Unix epoch; refuse a delivery too far from now (a replay)
                 * @example 1795514400
                 */
                "webhook-timestamp": number;
                /**
                 * @description Space-separated signatures `v1,<base64>`: HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>`, keyed with the bytes of the webhook secret (`whsec_<base64>`, the base64 decoded). Accept the delivery when any of them matches (a Standard Webhooks library does all of this)
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "devices.registered",
                 *       "timestamp": "2026-11-24T10:00:00.000Z",
                 *       "data": {
                 *         "tenantId": "t_01JD3",
                 *         "partnerId": "p_01JD3",
                 *         "deviceIds": [
                 *           "d_5f0c2a9e1b7d4c3a8e6f0b12",
                 *           "d_0b7e4c1d9a2f3e5b6c8d0a14"
                 *         ],
                 *         "channel": "api",
                 *         "actor": {
                 *           "type": "partner",
                 *           "id": "p_01JD3"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["devicesRegisteredEvent"];
            };
        };
        responses: {
            /** @description Received: the delivery is done (the body of the answer is ignored) */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Anything else (a redirect too: none is followed), or no answer within 5 seconds: not received. Retried with back-off, then marked failed after the last attempt (S4), as `GET /v1/webhook/deliveries` shows */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookDevicesDeregistered: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The id of this delivery: the same on every attempt of it (a retry, or a send repeated after a crash), so a receiver that saw it already can answer 2xx and do nothing
                 * @example msg_5f0c2a9e1b7d4c3a8e6f0b12
                 */
                "webhook-id": string;
                /**
                 * @description When this attempt was signed, in seconds since the Unix epoch; refuse a delivery too far from now (a replay)
                 * @example 1795514400
                 */
                "webhook-timestamp": number;
                /**
                 * @description Space-separated signatures `v1,<base64>`: HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>`, keyed with the bytes of the webhook secret (`whsec_<base64>`, the base64 decoded). Accept the delivery when any of them matches (a Standard Webhooks library does all of this)
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "devices.deregistered",
                 *       "timestamp": "2026-11-24T10:00:00.000Z",
                 *       "data": {
                 *         "tenantId": "t_01JD3",
                 *         "partnerId": "p_01JD3",
                 *         "deviceIds": [
                 *           "d_5f0c2a9e1b7d4c3a8e6f0b12",
                 *           "d_0b7e4c1d9a2f3e5b6c8d0a14"
                 *         ],
                 *         "channel": "csv",
                 *         "actor": {
                 *           "type": "partner",
                 *           "id": "p_01JD3"
                 *         },
                 *         "batchId": "b_01JD3"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["devicesDeregisteredEvent"];
            };
        };
        responses: {
            /** @description Received: the delivery is done (the body of the answer is ignored) */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Anything else (a redirect too: none is followed), or no answer within 5 seconds: not received. Retried with back-off, then marked failed after the last attempt (S4), as `GET /v1/webhook/deliveries` shows */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookDevicesReleased: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The id of this delivery: the same on every attempt of it (a retry, or a send repeated after a crash), so a receiver that saw it already can answer 2xx and do nothing
                 * @example msg_5f0c2a9e1b7d4c3a8e6f0b12
                 */
                "webhook-id": string;
                /**
                 * @description When this attempt was signed, in seconds since the Unix epoch; refuse a delivery too far from now (a replay)
                 * @example 1795514400
                 */
                "webhook-timestamp": number;
                /**
                 * @description Space-separated signatures `v1,<base64>`: HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>`, keyed with the bytes of the webhook secret (`whsec_<base64>`, the base64 decoded). Accept the delivery when any of them matches (a Standard Webhooks library does all of this)
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "devices.released",
                 *       "timestamp": "2026-11-24T10:00:00.000Z",
                 *       "data": {
                 *         "tenantId": "t_01JD3",
                 *         "partnerId": "p_01JD3",
                 *         "deviceIds": [
                 *           "d_5f0c2a9e1b7d4c3a8e6f0b12",
                 *           "d_0b7e4c1d9a2f3e5b6c8d0a14"
                 *         ],
                 *         "actor": {
                 *           "type": "user",
                 *           "id": "u_01JD3"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["devicesReleasedEvent"];
            };
        };
        responses: {
            /** @description Received: the delivery is done (the body of the answer is ignored) */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Anything else (a redirect too: none is followed), or no answer within 5 seconds: not received. Retried with back-off, then marked failed after the last attempt (S4), as `GET /v1/webhook/deliveries` shows */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookDeviceBatchFinished: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The id of this delivery: the same on every attempt of it (a retry, or a send repeated after a crash), so a receiver that saw it already can answer 2xx and do nothing
                 * @example msg_5f0c2a9e1b7d4c3a8e6f0b12
                 */
                "webhook-id": string;
                /**
                 * @description When this attempt was signed, in seconds since the Unix epoch; refuse a delivery too far from now (a replay)
                 * @example 1795514400
                 */
                "webhook-timestamp": number;
                /**
                 * @description Space-separated signatures `v1,<base64>`: HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>`, keyed with the bytes of the webhook secret (`whsec_<base64>`, the base64 decoded). Accept the delivery when any of them matches (a Standard Webhooks library does all of this)
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "device_batch.finished",
                 *       "timestamp": "2026-11-24T10:00:00.000Z",
                 *       "data": {
                 *         "batchId": "b_01JD3",
                 *         "tenantId": "t_01JD3",
                 *         "partnerId": "p_01JD3",
                 *         "action": "register",
                 *         "status": "finished_with_errors",
                 *         "summary": {
                 *           "received": 1000,
                 *           "processed": 1000,
                 *           "succeeded": 998,
                 *           "failed": 2
                 *         },
                 *         "actor": {
                 *           "type": "system",
                 *           "id": "device-batch"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["deviceBatchFinishedEvent"];
            };
        };
        responses: {
            /** @description Received: the delivery is done (the body of the answer is ignored) */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Anything else (a redirect too: none is followed), or no answer within 5 seconds: not received. Retried with back-off, then marked failed after the last attempt (S4), as `GET /v1/webhook/deliveries` shows */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookDeviceBatchAwaitingApproval: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The id of this delivery: the same on every attempt of it (a retry, or a send repeated after a crash), so a receiver that saw it already can answer 2xx and do nothing
                 * @example msg_5f0c2a9e1b7d4c3a8e6f0b12
                 */
                "webhook-id": string;
                /**
                 * @description When this attempt was signed, in seconds since the Unix epoch; refuse a delivery too far from now (a replay)
                 * @example 1795514400
                 */
                "webhook-timestamp": number;
                /**
                 * @description Space-separated signatures `v1,<base64>`: HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>`, keyed with the bytes of the webhook secret (`whsec_<base64>`, the base64 decoded). Accept the delivery when any of them matches (a Standard Webhooks library does all of this)
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "device_batch.awaiting_approval",
                 *       "timestamp": "2026-11-24T10:00:00.000Z",
                 *       "data": {
                 *         "batchId": "b_01JD3",
                 *         "tenantId": "t_01JD3",
                 *         "partnerId": "p_01JD3",
                 *         "reference": "PO-4711",
                 *         "reason": "not_authorized",
                 *         "summary": {
                 *           "received": 2500
                 *         },
                 *         "until": "2026-12-24T10:00:00.000Z",
                 *         "actor": {
                 *           "type": "partner",
                 *           "id": "p_01JD3"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["deviceBatchAwaitingApprovalEvent"];
            };
        };
        responses: {
            /** @description Received: the delivery is done (the body of the answer is ignored) */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Anything else (a redirect too: none is followed), or no answer within 5 seconds: not received. Retried with back-off, then marked failed after the last attempt (S4), as `GET /v1/webhook/deliveries` shows */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookDeviceBatchApproved: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The id of this delivery: the same on every attempt of it (a retry, or a send repeated after a crash), so a receiver that saw it already can answer 2xx and do nothing
                 * @example msg_5f0c2a9e1b7d4c3a8e6f0b12
                 */
                "webhook-id": string;
                /**
                 * @description When this attempt was signed, in seconds since the Unix epoch; refuse a delivery too far from now (a replay)
                 * @example 1795514400
                 */
                "webhook-timestamp": number;
                /**
                 * @description Space-separated signatures `v1,<base64>`: HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>`, keyed with the bytes of the webhook secret (`whsec_<base64>`, the base64 decoded). Accept the delivery when any of them matches (a Standard Webhooks library does all of this)
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "device_batch.approved",
                 *       "timestamp": "2026-11-24T10:00:00.000Z",
                 *       "data": {
                 *         "batchId": "b_01JD3",
                 *         "tenantId": "t_01JD3",
                 *         "partnerId": "p_01JD3",
                 *         "reference": "PO-4711",
                 *         "reason": "not_authorized",
                 *         "withConsent": true,
                 *         "actor": {
                 *           "type": "user",
                 *           "id": "u_01JD3"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["deviceBatchApprovedEvent"];
            };
        };
        responses: {
            /** @description Received: the delivery is done (the body of the answer is ignored) */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Anything else (a redirect too: none is followed), or no answer within 5 seconds: not received. Retried with back-off, then marked failed after the last attempt (S4), as `GET /v1/webhook/deliveries` shows */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookDeviceBatchRejected: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The id of this delivery: the same on every attempt of it (a retry, or a send repeated after a crash), so a receiver that saw it already can answer 2xx and do nothing
                 * @example msg_5f0c2a9e1b7d4c3a8e6f0b12
                 */
                "webhook-id": string;
                /**
                 * @description When this attempt was signed, in seconds since the Unix epoch; refuse a delivery too far from now (a replay)
                 * @example 1795514400
                 */
                "webhook-timestamp": number;
                /**
                 * @description Space-separated signatures `v1,<base64>`: HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>`, keyed with the bytes of the webhook secret (`whsec_<base64>`, the base64 decoded). Accept the delivery when any of them matches (a Standard Webhooks library does all of this)
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "device_batch.rejected",
                 *       "timestamp": "2026-11-24T10:00:00.000Z",
                 *       "data": {
                 *         "batchId": "b_01JD3",
                 *         "tenantId": "t_01JD3",
                 *         "partnerId": "p_01JD3",
                 *         "reference": "PO-4711",
                 *         "reason": "not_authorized",
                 *         "blocked": true,
                 *         "actor": {
                 *           "type": "user",
                 *           "id": "u_01JD3"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["deviceBatchRejectedEvent"];
            };
        };
        responses: {
            /** @description Received: the delivery is done (the body of the answer is ignored) */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Anything else (a redirect too: none is followed), or no answer within 5 seconds: not received. Retried with back-off, then marked failed after the last attempt (S4), as `GET /v1/webhook/deliveries` shows */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookDeviceBatchExpired: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The id of this delivery: the same on every attempt of it (a retry, or a send repeated after a crash), so a receiver that saw it already can answer 2xx and do nothing
                 * @example msg_5f0c2a9e1b7d4c3a8e6f0b12
                 */
                "webhook-id": string;
                /**
                 * @description When this attempt was signed, in seconds since the Unix epoch; refuse a delivery too far from now (a replay)
                 * @example 1795514400
                 */
                "webhook-timestamp": number;
                /**
                 * @description Space-separated signatures `v1,<base64>`: HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>`, keyed with the bytes of the webhook secret (`whsec_<base64>`, the base64 decoded). Accept the delivery when any of them matches (a Standard Webhooks library does all of this)
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "device_batch.expired",
                 *       "timestamp": "2026-11-24T10:00:00.000Z",
                 *       "data": {
                 *         "batchId": "b_01JD3",
                 *         "tenantId": "t_01JD3",
                 *         "partnerId": "p_01JD3",
                 *         "reference": "PO-4711",
                 *         "reason": "not_authorized",
                 *         "actor": {
                 *           "type": "system",
                 *           "id": "consent-status-check"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["deviceBatchExpiredEvent"];
            };
        };
        responses: {
            /** @description Received: the delivery is done (the body of the answer is ignored) */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Anything else (a redirect too: none is followed), or no answer within 5 seconds: not received. Retried with back-off, then marked failed after the last attempt (S4), as `GET /v1/webhook/deliveries` shows */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookDeviceClaimOpened: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The id of this delivery: the same on every attempt of it (a retry, or a send repeated after a crash), so a receiver that saw it already can answer 2xx and do nothing
                 * @example msg_5f0c2a9e1b7d4c3a8e6f0b12
                 */
                "webhook-id": string;
                /**
                 * @description When this attempt was signed, in seconds since the Unix epoch; refuse a delivery too far from now (a replay)
                 * @example 1795514400
                 */
                "webhook-timestamp": number;
                /**
                 * @description Space-separated signatures `v1,<base64>`: HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>`, keyed with the bytes of the webhook secret (`whsec_<base64>`, the base64 decoded). Accept the delivery when any of them matches (a Standard Webhooks library does all of this)
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "device_claim.opened",
                 *       "timestamp": "2026-11-24T10:00:00.000Z",
                 *       "data": {
                 *         "claimId": "dc_5f0c2a9e1b7d4c3a8e6f0b12",
                 *         "tenantId": "t_01JD3",
                 *         "partnerId": "p_01JD3",
                 *         "reference": "PO-2026-1187",
                 *         "deadline": "2026-12-08T10:00:00.000Z",
                 *         "summary": {
                 *           "claimed": 2,
                 *           "released": 0,
                 *           "contested": 0,
                 *           "uncontested": 0,
                 *           "granted": 0,
                 *           "denied": 0,
                 *           "withdrawn": 0
                 *         },
                 *         "actor": {
                 *           "type": "partner",
                 *           "id": "p_01JD3"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["deviceClaimOpenedEvent"];
            };
        };
        responses: {
            /** @description Received: the delivery is done (the body of the answer is ignored) */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Anything else (a redirect too: none is followed), or no answer within 5 seconds: not received. Retried with back-off, then marked failed after the last attempt (S4), as `GET /v1/webhook/deliveries` shows */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookDeviceClaimUpdated: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The id of this delivery: the same on every attempt of it (a retry, or a send repeated after a crash), so a receiver that saw it already can answer 2xx and do nothing
                 * @example msg_5f0c2a9e1b7d4c3a8e6f0b12
                 */
                "webhook-id": string;
                /**
                 * @description When this attempt was signed, in seconds since the Unix epoch; refuse a delivery too far from now (a replay)
                 * @example 1795514400
                 */
                "webhook-timestamp": number;
                /**
                 * @description Space-separated signatures `v1,<base64>`: HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>`, keyed with the bytes of the webhook secret (`whsec_<base64>`, the base64 decoded). Accept the delivery when any of them matches (a Standard Webhooks library does all of this)
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "device_claim.updated",
                 *       "timestamp": "2026-11-24T10:00:00.000Z",
                 *       "data": {
                 *         "claimId": "dc_5f0c2a9e1b7d4c3a8e6f0b12",
                 *         "tenantId": "t_01JD3",
                 *         "partnerId": "p_01JD3",
                 *         "status": "open",
                 *         "summary": {
                 *           "claimed": 2,
                 *           "released": 1,
                 *           "contested": 0,
                 *           "uncontested": 0,
                 *           "granted": 0,
                 *           "denied": 0,
                 *           "withdrawn": 0
                 *         },
                 *         "devices": [
                 *           {
                 *             "index": 0,
                 *             "status": "released"
                 *           }
                 *         ],
                 *         "actor": {
                 *           "type": "system",
                 *           "id": "device-claim"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["deviceClaimUpdatedEvent"];
            };
        };
        responses: {
            /** @description Received: the delivery is done (the body of the answer is ignored) */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Anything else (a redirect too: none is followed), or no answer within 5 seconds: not received. Retried with back-off, then marked failed after the last attempt (S4), as `GET /v1/webhook/deliveries` shows */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookDeviceClaimClosed: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The id of this delivery: the same on every attempt of it (a retry, or a send repeated after a crash), so a receiver that saw it already can answer 2xx and do nothing
                 * @example msg_5f0c2a9e1b7d4c3a8e6f0b12
                 */
                "webhook-id": string;
                /**
                 * @description When this attempt was signed, in seconds since the Unix epoch; refuse a delivery too far from now (a replay)
                 * @example 1795514400
                 */
                "webhook-timestamp": number;
                /**
                 * @description Space-separated signatures `v1,<base64>`: HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>`, keyed with the bytes of the webhook secret (`whsec_<base64>`, the base64 decoded). Accept the delivery when any of them matches (a Standard Webhooks library does all of this)
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "device_claim.closed",
                 *       "timestamp": "2026-11-24T10:00:00.000Z",
                 *       "data": {
                 *         "claimId": "dc_5f0c2a9e1b7d4c3a8e6f0b12",
                 *         "tenantId": "t_01JD3",
                 *         "partnerId": "p_01JD3",
                 *         "summary": {
                 *           "claimed": 2,
                 *           "released": 1,
                 *           "contested": 0,
                 *           "uncontested": 0,
                 *           "granted": 1,
                 *           "denied": 0,
                 *           "withdrawn": 0
                 *         },
                 *         "actor": {
                 *           "type": "operator",
                 *           "id": "operator"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["deviceClaimClosedEvent"];
            };
        };
        responses: {
            /** @description Received: the delivery is done (the body of the answer is ignored) */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Anything else (a redirect too: none is followed), or no answer within 5 seconds: not received. Retried with back-off, then marked failed after the last attempt (S4), as `GET /v1/webhook/deliveries` shows */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookDevicesTransferred: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The id of this delivery: the same on every attempt of it (a retry, or a send repeated after a crash), so a receiver that saw it already can answer 2xx and do nothing
                 * @example msg_5f0c2a9e1b7d4c3a8e6f0b12
                 */
                "webhook-id": string;
                /**
                 * @description When this attempt was signed, in seconds since the Unix epoch; refuse a delivery too far from now (a replay)
                 * @example 1795514400
                 */
                "webhook-timestamp": number;
                /**
                 * @description Space-separated signatures `v1,<base64>`: HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>`, keyed with the bytes of the webhook secret (`whsec_<base64>`, the base64 decoded). Accept the delivery when any of them matches (a Standard Webhooks library does all of this)
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "devices.transferred",
                 *       "timestamp": "2026-11-24T10:00:00.000Z",
                 *       "data": {
                 *         "tenantId": "t_01JD4",
                 *         "partnerId": "p_01JD4",
                 *         "deviceIds": [
                 *           "d_5f0c2a9e1b7d4c3a8e6f0b12",
                 *           "d_0b7e4c1d9a2f3e5b6c8d0a14"
                 *         ],
                 *         "claimId": "dc_5f0c2a9e1b7d4c3a8e6f0b12",
                 *         "actor": {
                 *           "type": "user",
                 *           "id": "u_01JD3"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["devicesTransferredEvent"];
            };
        };
        responses: {
            /** @description Received: the delivery is done (the body of the answer is ignored) */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Anything else (a redirect too: none is followed), or no answer within 5 seconds: not received. Retried with back-off, then marked failed after the last attempt (S4), as `GET /v1/webhook/deliveries` shows */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
