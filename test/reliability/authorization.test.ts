import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes, splitRouteKey, type RouteKey, type RouteSpec } from '#shared/http/routes.ts';
import { asPartner, createPartner, createTenant, createUser, ops, stack } from '../support/api.ts';
import type { PageClient } from '../support/pages.ts';
import { recordFigures } from './support/figures.ts';
import { dumpDiff, dumpTable, leakIn, partnerSessionFor, pool, sessionFor, startService } from './support/harness.ts';
import { validBodyFor } from './support/invalid-bodies.ts';

/**
 * The authorization matrix, generated from the route table: every route against every kind of
 * caller, every cell asserted (its status, no 5xx, nothing leaked). Refusals change nothing in the
 * table. A route added to the table without an entry here is still checked by its `auth` mode.
 *
 * Callers: none, a malformed credential, a revoked API key, the operator, the partner owning the
 * resources (a direct CSP), another direct CSP, an indirect provider, an indirect reseller, an
 * eligible OEM, an OEM not eligible, a suspended partner, and in the customer pages the global
 * admin of the tenant, the global admin of another tenant, and a user of the tenant who is no admin;
 * in the partner portal (R32) an admin and a viewer of the owner, and an admin of another partner.
 */
const CALLERS = ['none', 'malformed', 'revoked', 'operator', 'owner', 'otherCsp', 'provider', 'reseller', 'oem', 'oemIneligible', 'suspended', 'adminT', 'adminU', 'userT', 'ownerAdmin', 'ownerViewer', 'otherAdmin'] as const;
type Caller = (typeof CALLERS)[number];
const PARTNERS: Caller[] = ['owner', 'otherCsp', 'provider', 'reseller', 'oem', 'oemIneligible'];
const SESSIONS: Caller[] = ['adminT', 'adminU', 'userT'];
/** R32: the partner portal's people (a session of its own kind, which the customer pages never read). */
const PEOPLE: Caller[] = ['ownerAdmin', 'ownerViewer', 'otherAdmin'];
const isPartner = (c: Caller) => PARTNERS.includes(c);

interface Cell {
  key: RouteKey;
  caller: Caller;
  /** Statuses the cell may answer. */
  expected: number[];
}

/** What each caller may get from each route (all statuses; the default by `auth` mode covers new routes). */
function expectedFor(key: RouteKey, spec: RouteSpec, caller: Caller): number[] {
  if (spec.auth === 'operator') return caller === 'operator' ? [OPERATOR_SUCCESS[key] ?? 200] : [401];
  if (spec.auth === 'partner') {
    if (!isPartner(caller)) return caller === 'suspended' ? [403] : [401];
    const rule = PARTNER_RULES[key];
    if (rule) return [rule(caller)];
    return [spec.success];
  }
  if (spec.fn === 'partner-portal') {
    const portalRule = PORTAL_RULES[key];
    return portalRule ? [portalRule(PEOPLE.includes(caller) ? (caller as PortalViewer) : 'anonymous')] : [];
  }
  const anonymous = !SESSIONS.includes(caller);
  const rule = PAGE_RULES[key];
  if (rule) return [rule(anonymous ? 'anonymous' : (caller as 'adminT' | 'adminU' | 'userT'))];
  return []; // a page route without a rule here: any answer below 500, nothing leaked
}

const OPERATOR_SUCCESS: Partial<Record<RouteKey, number>> = {
  'POST /ops/partners': 201,
  'POST /ops/partners/{partnerId}/api-keys': 201,
  'DELETE /ops/partners/{partnerId}/api-keys/{keyId}': 204,
  'POST /ops/tenants': 201,
  'POST /ops/tenants/{tenantId}/users': 201,
  'POST /ops/partners/{partnerId}/users': 201,
  // R26: the matrix's claim has no contested or uncontested device to decide (it is open, then withdrawn).
  'POST /ops/device-claims/{claimId}/decisions': 409,
};

const ownerOnly = (ok: number) => (c: Caller) => (c === 'owner' ? ok : 404);
const PARTNER_RULES: Partial<Record<RouteKey, (c: Caller) => number>> = {
  // S4: the owner's delivery is still pending (its endpoint never answers): 409; anyone else's is 404 (R19).
  'POST /v1/webhook/deliveries/{deliveryId}/redeliver': (c) => (c === 'owner' ? 409 : 404),
  // R8, R9: a provider never asks for consent, an OEM only while eligible.
  'POST /v1/consent-requests': (c) => (c === 'provider' || c === 'oemIneligible' ? 403 : 201),
  'GET /v1/consent-requests/{requestId}': ownerOnly(200),
  'DELETE /v1/consent-requests/{requestId}': ownerOnly(200),
  'GET /v1/consent-link': (c) => (c === 'provider' || c === 'oemIneligible' ? 403 : 200),
  'GET /v1/customers/{tenantId}': ownerOnly(200),
  'GET /v1/devices': ownerOnly(200),
  'DELETE /v1/devices/{deviceId}': ownerOnly(204),
  'GET /v1/device-batches/{batchId}': ownerOnly(200),
  'POST /v1/device-batches/{batchId}/devices': ownerOnly(200),
  'POST /v1/device-batches/{batchId}/submit': ownerOnly(202),
  'GET /v1/device-batches/{batchId}/results': ownerOnly(200),
  // R26: a claim naming a device registered nowhere claims nothing (200, per device), whoever asks; a claim is its partner's alone (R19).
  'POST /v1/device-claims': () => 200,
  'GET /v1/device-claims/{claimId}': ownerOnly(200),
  'GET /v1/device-claims/{claimId}/devices': ownerOnly(200),
  'POST /v1/device-claims/{claimId}/withdraw': ownerOnly(200),
};

type Viewer = 'anonymous' | 'adminT' | 'adminU' | 'userT';
const PAGE_RULES: Partial<Record<RouteKey, (v: Viewer) => number>> = {
  'GET /consent/{token}': (v) => (v === 'adminU' || v === 'userT' ? 403 : 200),
  'POST /consent/{token}': (v) => (v === 'anonymous' ? 303 : v === 'adminT' ? 200 : 403),
  'GET /l/{linkId}': (v) => (v === 'userT' ? 403 : 200),
  'POST /l/{linkId}': (v) => (v === 'anonymous' ? 303 : v === 'userT' ? 403 : 200),
  'GET /signin': () => 200,
  'POST /signin': () => 200,
  'GET /signin/verify': () => 410,
  'POST /signin/verify': () => 410,
  'POST /signout': () => 303,
  'GET /portal': (v) => (v === 'anonymous' ? 303 : v === 'userT' ? 403 : 200),
  'GET /portal/relationships/{partnerId}/remove-roles': (v) => (v === 'anonymous' ? 303 : v === 'userT' ? 403 : v === 'adminU' ? 404 : 200),
  'GET /portal/relationships/{partnerId}/terminate': (v) => (v === 'anonymous' ? 303 : v === 'userT' ? 403 : v === 'adminU' ? 404 : 200),
  'GET /portal/domains': (v) => (v === 'anonymous' ? 303 : v === 'userT' ? 403 : 200),
  'GET /portal/access': (v) => (v === 'anonymous' ? 303 : v === 'userT' ? 403 : 200),
  'GET /portal/access/end-all': (v) => (v === 'anonymous' ? 303 : v === 'userT' ? 403 : 200),
  // R30: the matrix posts no confirmation, so a global admin gets the confirmation page again (400) and nothing ends.
  'POST /portal/access/end-all': (v) => (v === 'anonymous' ? 401 : v === 'userT' ? 403 : 400),
  // R29: the tenant's own trail (the viewer's tenant: another tenant's admin sees its own).
  'GET /portal/audit': (v) => (v === 'anonymous' ? 303 : v === 'userT' ? 403 : 200),
  'GET /portal/audit/export': (v) => (v === 'anonymous' ? 303 : v === 'userT' ? 403 : 303),
  'POST /portal/relationships/{partnerId}/remove-roles': (v) => (v === 'anonymous' ? 401 : v === 'userT' ? 403 : v === 'adminU' ? 404 : 303),
  'POST /portal/relationships/{partnerId}/terminate': (v) => (v === 'anonymous' ? 401 : v === 'userT' ? 403 : v === 'adminU' ? 404 : 303),
  'POST /portal/relationships/{partnerId}/auto-extend': (v) => (v === 'anonymous' ? 401 : v === 'userT' ? 403 : v === 'adminU' ? 404 : 303),
  'POST /portal/relationships/{partnerId}/removal-request': (v) => (v === 'anonymous' ? 401 : v === 'userT' ? 403 : v === 'adminU' ? 404 : 303),
  // R28: T's admin sees and sets a partner's approval policy; U's admin finds no such relationship (R19).
  'GET /portal/relationships/{partnerId}/approval-policy': (v) => (v === 'anonymous' ? 303 : v === 'userT' ? 403 : v === 'adminU' ? 404 : 200),
  'POST /portal/relationships/{partnerId}/approval-policy': (v) => (v === 'anonymous' ? 401 : v === 'userT' ? 403 : v === 'adminU' ? 404 : 303),
  // R27: a held batch of T's: its admin decides (rejects, blocking), another tenant's admin gets the R5 page, a non-admin the R1 page.
  'GET /portal/batches/{batchId}': (v) => (v === 'anonymous' ? 303 : v === 'adminT' ? 200 : 403),
  'POST /portal/batches/{batchId}': (v) => (v === 'anonymous' ? 303 : v === 'adminT' ? 200 : 403),
  'POST /portal/hold-blocks/{partnerId}/remove': (v) => (v === 'anonymous' ? 401 : v === 'userT' ? 403 : v === 'adminU' ? 404 : 303),
};

/**
 * R32: the partner portal, for someone without a partner session (every other caller: a customer
 * session opens nothing here), the owner's admin and viewer, and another partner's admin. The
 * person a form changes is the owner's (a viewer for the role, a spare for removal): another
 * partner's admin finds no such person (404, R19), a viewer may not (403).
 */
type PortalViewer = 'anonymous' | 'ownerAdmin' | 'ownerViewer' | 'otherAdmin';
const signedInPage = (v: PortalViewer) => (v === 'anonymous' ? 303 : 200);
const PORTAL_RULES: Partial<Record<RouteKey, (v: PortalViewer) => number>> = {
  'GET /partner/signin': () => 200,
  'POST /partner/signin': () => 200,
  'GET /partner/signin/verify': () => 410,
  'POST /partner/signin/verify': () => 410,
  'GET /partner/signin/oidc': () => 303,
  'GET /partner/signin/oidc/callback': () => 400,
  'POST /partner/signout': () => 303,
  'GET /partner': signedInPage,
  'GET /partner/settings': (v) => (v === 'ownerViewer' ? 403 : signedInPage(v)),
  'POST /partner/settings/people': (v) => (v === 'ownerViewer' ? 403 : 303),
  'POST /partner/settings/people/{userId}/role': (v) => (v === 'ownerViewer' ? 403 : v === 'otherAdmin' ? 404 : 303),
  'POST /partner/settings/people/{userId}/remove': (v) => (v === 'ownerViewer' ? 403 : v === 'otherAdmin' ? 404 : 303),
  // Device files (R14, R19, R32): a viewer never uploads; the owner's admin registers for its tenant (a
  // direct CSP), another partner's admin finds neither that tenant nor the owner's batch.
  // The portal's working pages (R4, R8, R19, R32): a viewer reads, never posts; the owner is a direct CSP with
  // request R1 and the pending delivery W; another partner's admin finds neither (404), nor the operators' key K.
  'GET /partner/customers': signedInPage,
  'GET /partner/consent-requests/new': (v) => (v === 'ownerViewer' ? 403 : signedInPage(v)),
  'POST /partner/consent-requests': (v) => (v === 'ownerViewer' ? 403 : 303),
  'GET /partner/consent-requests/{requestId}': (v) => (v === 'otherAdmin' ? 404 : signedInPage(v)),
  'GET /partner/consent-link': (v) => (v === 'ownerViewer' ? 403 : signedInPage(v)),
  'POST /partner/settings/api-keys': (v) => (v === 'anonymous' ? 303 : v === 'ownerViewer' ? 403 : 200),
  'POST /partner/settings/api-keys/{keyId}/revoke': (v) => (v === 'anonymous' ? 303 : v === 'ownerViewer' ? 403 : 404),
  // The matrix posts no URL: an admin gets the section saying what is wrong (400), nothing changed.
  'POST /partner/settings/webhook': (v) => (v === 'anonymous' ? 303 : v === 'ownerViewer' ? 403 : 400),
  'POST /partner/settings/webhook/deliveries/{deliveryId}/redeliver': (v) => (v === 'anonymous' ? 303 : v === 'ownerViewer' ? 403 : v === 'otherAdmin' ? 404 : 409),
  'GET /partner/uploads/new': (v) => (v === 'ownerViewer' ? 403 : signedInPage(v)),
  'POST /partner/uploads': (v) => (v === 'anonymous' ? 303 : v === 'ownerViewer' ? 403 : v === 'otherAdmin' ? 404 : 303),
  // The owner's upload waiting for its file: its admin gets the form that posts to S3; a viewer may not send it; another partner's is unknown.
  'GET /partner/uploads/{uploadId}': (v) => (v === 'otherAdmin' ? 404 : v === 'ownerViewer' ? 403 : signedInPage(v)),
  'GET /partner/batches': signedInPage,
  'GET /partner/batches/{batchId}': (v) => (v === 'otherAdmin' ? 404 : signedInPage(v)),
  'GET /partner/batches/{batchId}/results': (v) => (v === 'otherAdmin' ? 404 : 303),
};

let service: Awaited<ReturnType<typeof startService>>;
const keys = {} as Record<Caller, string | undefined>;
const sessions = {} as Record<Caller, { client: PageClient; csrf: string } | undefined>;
const partnerIds = {} as Record<string, string>;
const fx = {} as {
  uploadU: string;
  tenantT: string;
  tenantV: string;
  domainV: string;
  requestR1: string;
  requestR2: string;
  deviceD: string;
  batchB: string;
  linkL: string;
  opsPartnerX: string;
  opsKeyK: string;
  revokeTenantW: string;
  revokePartner: string;
  csp2: string;
  csp3: string;
  csp5: string;
  oem4: string;
  heldH: string;
  holder: string;
  ownerHook: string;
  claimC: string;
  deliveryW: string;
  personViewer: string;
  personSpare: string;
};
const figures = { cells: 0, fiveXx: 0, leaks: 0, mismatches: [] as string[] };
const sessionEmails = {} as Record<Caller, string | undefined>;
const personOf = {} as Record<Caller, { partnerId: string; email: string } | undefined>;

async function acceptAs(admin: { client: PageClient; csrf: string }, path: string) {
  const res = await admin.client.post(path, { csrf: admin.csrf, confirm: 'yes', action: 'accept' });
  if (!res.html.includes('Authorization is complete')) throw new Error(`acceptance through ${path} failed: ${res.status}`);
}

beforeAll(async () => {
  service = await startService();
  const make = async (kind: Parameters<typeof createPartner>[0], extra: Record<string, unknown> = {}) => createPartner(kind, extra);
  const owner = await make('direct-csp');
  const provider = await make('indirect-provider');
  const created = {
    owner,
    otherCsp: await make('direct-csp'),
    provider,
    reseller: await make('indirect-reseller', { providerId: provider.partner.id }),
    oem: await make('oem', { directApiEligible: true }),
    oemIneligible: await make('oem'),
    suspended: await make('direct-csp'),
  };
  for (const [caller, p] of Object.entries(created)) {
    keys[caller as Caller] = p.apiKey;
    partnerIds[caller] = p.partner.id;
  }
  expect((await ops('PATCH', `/ops/partners/${created.suspended.partner.id}`, { status: 'suspended' })).status).toBe(200);
  // A key of the owner's, revoked.
  const spare = await ops('POST', `/ops/partners/${owner.partner.id}/api-keys`);
  expect((await ops('DELETE', `/ops/partners/${owner.partner.id}/api-keys/${spare.body.keyId}`)).status).toBe(204);
  keys.revoked = spare.body.apiKey;
  keys.operator = stack().opsToken;

  const tenantT = await createTenant();
  const tenantU = await createTenant();
  const adminT = await createUser(tenantT.id, `admin@${tenantT.initialDomain}`);
  const adminU = await createUser(tenantU.id, `admin@${tenantU.initialDomain}`);
  const userT = await createUser(tenantT.id, `user@${tenantT.initialDomain}`, []);
  sessions.adminT = await sessionFor(adminT.email);
  sessions.adminU = await sessionFor(adminU.email);
  sessions.userT = await sessionFor(userT.email);
  Object.assign(sessionEmails, { adminT: adminT.email, adminU: adminU.email, userT: userT.email });
  fx.tenantT = tenantT.id;

  // The owner: authorized for T, with a pending request, one to cancel, a device, a batch, a webhook, a link.
  const ask = async (apiKey: string, extra: Record<string, unknown> = {}) => {
    const res = await asPartner(apiKey, 'POST', '/v1/consent-requests', { recipientEmail: adminT.email, tenantDomain: tenantT.initialDomain, ...extra });
    expect(res.status).toBe(201);
    return res.body.consentRequest.id as string;
  };
  await acceptAs(sessions.adminT, `/consent/${await ask(owner.apiKey)}`);
  fx.requestR1 = await ask(owner.apiKey);
  fx.requestR2 = await ask(owner.apiKey);
  const registered = await asPartner(owner.apiKey, 'POST', '/v1/devices', { tenantId: tenantT.id, devices: [{ productKeyId: '9000000000001' }] });
  fx.deviceD = registered.body.results[0].deviceId;
  fx.batchB = (await asPartner(owner.apiKey, 'POST', '/v1/device-batches', { tenantId: tenantT.id, action: 'register' })).body.batch.id;
  fx.ownerHook = 'http://127.0.0.1:9/owner-hooks';
  expect((await asPartner(owner.apiKey, 'PUT', '/v1/webhook', { url: fx.ownerHook, events: ['consent.accepted'] })).status).toBe(200);
  fx.linkL = new URL((await asPartner(owner.apiKey, 'GET', '/v1/consent-link')).body.url).pathname.split('/').pop()!;
  // A delivery of the owner's (consent.accepted, to an address nobody answers), tried once by the
  // scheduled check (no stream consumer runs here): listed, pending, retried later (S4).
  await acceptAs(sessions.adminT, `/consent/${await ask(owner.apiKey)}`);
  expect((await ops('POST', '/ops/jobs/consent-status-check', { now: new Date(Date.now() + 5 * 60_000).toISOString() })).status).toBe(200);
  fx.deliveryW = (await asPartner(owner.apiKey, 'GET', '/v1/webhook/deliveries')).body.items[0]?.id;
  expect(fx.deliveryW).toBeDefined();

  // T's other partners, for the portal's actions: roles to remove, a relationship to end, an OEM to ask removed.
  const csp2 = await make('direct-csp');
  const csp3 = await make('direct-csp');
  const oem4 = await make('oem', { directApiEligible: true });
  const csp5 = await make('direct-csp');
  await acceptAs(sessions.adminT, `/consent/${await ask(csp2.apiKey, { delegatedAdmin: { roles: ['GlobalReader'], durationDays: 30 } })}`);
  await acceptAs(sessions.adminT, `/consent/${await ask(csp5.apiKey, { delegatedAdmin: { roles: ['GlobalReader'], durationDays: 30, autoExtend: true } })}`);
  await acceptAs(sessions.adminT, `/consent/${await ask(csp3.apiKey)}`);
  const oem4Link = new URL((await asPartner(oem4.apiKey, 'GET', '/v1/consent-link')).body.url).pathname;
  await acceptAs(sessions.adminT, oem4Link);
  Object.assign(fx, { csp2: csp2.partner.id, csp3: csp3.partner.id, oem4: oem4.partner.id, csp5: csp5.partner.id });
  // R27: a batch held for T by a partner T has not authorized.
  const holder = await make('direct-csp');
  const held = (await asPartner(holder.apiKey, 'POST', '/v1/device-batches', { tenantId: tenantT.id, action: 'register', whenNotAuthorized: 'hold' })).body.batch.id as string;
  await asPartner(holder.apiKey, 'POST', `/v1/device-batches/${held}/devices`, { devices: [{ productKeyId: '9000000000002' }] });
  expect((await asPartner(holder.apiKey, 'POST', `/v1/device-batches/${held}/submit`)).body.batch.status).toBe('awaiting_approval');
  Object.assign(fx, { heldH: held, holder: holder.partner.id });

  // The operator's: a partner and a spare key, a tenant to change, a relationship to revoke.
  const x = await make('direct-csp');
  fx.opsPartnerX = x.partner.id;
  fx.opsKeyK = (await ops('POST', `/ops/partners/${x.partner.id}/api-keys`)).body.keyId;
  const tenantV = await createTenant();
  Object.assign(fx, { tenantV: tenantV.id, domainV: tenantV.initialDomain });
  const tenantW = await createTenant();
  const adminW = await createUser(tenantW.id, `admin@${tenantW.initialDomain}`);
  const oemR = await make('oem', { directApiEligible: true });
  await acceptAs(await sessionFor(adminW.email), new URL((await asPartner(oemR.apiKey, 'GET', '/v1/consent-link')).body.url).pathname);
  Object.assign(fx, { revokeTenantW: tenantW.id, revokePartner: oemR.partner.id });
  // R26: the owner's claim, for T, of a device the OEM registered to W.
  expect((await asPartner(oemR.apiKey, 'POST', '/v1/devices', { tenantId: tenantW.id, devices: [{ productKeyId: '9000000000002' }] })).body.results[0].status).toBe('registered');
  const claimed = await asPartner(owner.apiKey, 'POST', '/v1/device-claims', { tenantId: tenantT.id, devices: [{ productKeyId: '9000000000002' }], evidence: { reference: 'Matrix' } });
  expect(claimed.status, claimed.text).toBe(201);
  fx.claimC = claimed.body.claim.id;

  // R32: the owner's people (an admin, a viewer, a spare to remove) and another partner's admin.
  const person = async (caller: Caller | 'spare', partnerId: string, role: string) => {
    const email = `${caller}.${Date.now()}@people.example`;
    const res = await ops('POST', `/ops/partners/${partnerId}/users`, { email, displayName: `Matrix ${caller}`, role });
    expect(res.status, res.text).toBe(201);
    if (caller !== 'spare') personOf[caller] = { partnerId, email };
    return res.body.person.id as string;
  };
  await person('ownerAdmin', owner.partner.id, 'admin');
  fx.personViewer = await person('ownerViewer', owner.partner.id, 'viewer');
  fx.personSpare = await person('spare', owner.partner.id, 'submitter');
  await person('otherAdmin', created.otherCsp.partner.id, 'admin');
  for (const caller of PEOPLE) sessions[caller] = await partnerSessionFor(personOf[caller]!.partnerId, personOf[caller]!.email);
  // R32: an upload of the owner's admin waiting for its file (step one done, nothing sent to S3).
  const [{ startUpload }, { getPartner }] = await Promise.all([import('#shared/devices/device-uploads.ts'), import('#shared/table/partners.ts')]);
  const actor = { type: 'partner_user' as const, id: 'matrix', partnerId: owner.partner.id, name: 'Matrix', signIn: 'email' as const };
  fx.uploadU = (await startUpload((await getPartner(owner.partner.id))!, { tenantId: tenantT.id, mode: 'register', formToken: 'matrix-upload' }, actor)).id;
});

afterAll(async () => {
  await service?.stop();
  recordFigures('2-authorization', [
    {
      category: `authorization matrix: ${Object.keys(routes).length} routes x ${CALLERS.length} callers`,
      cases: figures.cells,
      fiveXx: figures.fiveXx,
      leaks: figures.leaks,
      outcome: figures.mismatches.length ? `${figures.mismatches.length} cells not as expected` : 'every cell as expected; refusals changed nothing but their R29 audit of refused acceptances',
    },
  ]);
});

/** The path of a route for a cell, its parameters filled with the fixtures. */
function pathFor(key: RouteKey): string {
  const values: Record<string, string> = {
    partnerId: key.includes('/portal/hold-blocks/') ? fx.holder : key.includes('/portal/relationships/{partnerId}/remove-roles') || key.includes('/approval-policy') ? fx.csp2 : key.includes('/auto-extend') ? fx.csp5 : key.includes('/terminate') ? fx.csp3 : key.includes('/removal-request') ? fx.oem4 : key.includes('/revoke') ? fx.revokePartner : fx.opsPartnerX,
    keyId: fx.opsKeyK,
    tenantId: key.includes('/revoke') ? fx.revokeTenantW : key.startsWith('PATCH /ops/tenants') || key.startsWith('POST /ops/tenants/{tenantId}/users') ? fx.tenantV : fx.tenantT,
    requestId: key.startsWith('DELETE') ? fx.requestR2 : fx.requestR1,
    deviceId: fx.deviceD,
    batchId: key.includes('/portal/batches/') ? fx.heldH : fx.batchB,
    token: fx.requestR1,
    linkId: fx.linkL,
    claimId: fx.claimC,
    deliveryId: fx.deliveryW,
    uploadId: fx.uploadU,
    userId: key.endsWith('/remove') ? fx.personSpare : fx.personViewer,
  };
  const path = splitRouteKey(key).path.replace(/\{(\w+)\}/g, (_m, name: string) => values[name] ?? 'x_matrix');
  const query: Partial<Record<RouteKey, string>> = {
    'GET /ops/audit': `partnerId=${partnerIds.owner}`,
    'GET /v1/devices': `tenantId=${fx.tenantT}`,
    'GET /v1/device-batches': `tenantId=${fx.tenantT}`,
    'POST /v1/device-uploads': `tenantId=${fx.tenantT}`,
    'GET /ops/device-claims': 'status=contested',
  };
  return query[key] ? `${path}?${query[key]}` : path;
}

let counter = 0;
/** The body of a cell: valid for the route, so what decides is who calls. */
function bodyFor(key: RouteKey, caller: Caller): { body?: string; contentType?: string } {
  const n = `${Date.now()}${counter++}`;
  const productKeyId = `8${n.slice(-12).padStart(12, '0')}`;
  const json = (value: unknown) => ({ body: JSON.stringify(value), contentType: 'application/json' });
  const session = sessions[caller];
  const form = (value: Record<string, string>) => ({ body: new URLSearchParams({ ...(session ? { csrf: session.csrf } : {}), ...value }).toString(), contentType: 'application/x-www-form-urlencoded' });
  switch (key) {
    case 'POST /ops/partners':
      return json({ name: `Matrix ${n}`, kind: 'direct-csp', contactEmail: `ops@m${n}.example` });
    case 'PATCH /ops/partners/{partnerId}':
      return json({ status: 'active' });
    case 'POST /ops/tenants':
      return json({ name: `Matrix ${n}`, initialDomain: `m${n}.onmicrosoft.example` });
    case 'POST /ops/partners/{partnerId}/users':
      return json({ email: `p${n}@people.example`, displayName: 'Matrix person', role: 'admin' });
    case 'POST /partner/signin':
      return form({ email: `nobody${n}@matrix.example` });
    case 'POST /partner/signin/verify':
      return form({ token: 'not-a-token' });
    case 'POST /partner/consent-requests':
      return form({ recipientEmail: `r${n}@matrix.example` });
    case 'POST /partner/settings/people':
      return form({ email: `i${n}@people.example`, displayName: 'Invited', role: 'viewer' });
    case 'POST /partner/settings/people/{userId}/role':
      return form({ role: 'viewer' });
    case 'POST /ops/tenants/{tenantId}/users':
      return json({ email: `u${n}@${fx.domainV}`, displayName: 'Matrix user', roles: [] });
    case 'POST /ops/relationships/{tenantId}/{partnerId}/revoke':
      return json({ reason: 'Customer asked, verified by phone' });
    case 'POST /ops/jobs/consent-status-check':
      return json({});
    case 'POST /v1/consent-requests':
      return json({ recipientEmail: `r${n}@matrix.example` });
    case 'POST /v1/consent-checks':
      return json({ tenants: [fx.tenantT] });
    case 'POST /v1/device-submissions/validate':
    case 'POST /v1/devices':
      return json({ tenantId: fx.tenantT, devices: [{ productKeyId }] });
    case 'POST /v1/device-uploads':
      return { body: `Windows Product ID\n${productKeyId}\n`, contentType: 'text/csv' };
    case 'POST /partner/uploads':
      // Step one of the portal's upload as a browser posts it: the session's token, a one-time form token, the customer, the mode (the file goes to S3 next).
      return form({ formToken: `m${n}`.padEnd(43, 'x'), tenantId: fx.tenantT, mode: 'register' });
    case 'POST /v1/device-batches':
      return json({ tenantId: fx.tenantT, action: 'register' });
    case 'POST /v1/device-batches/{batchId}/devices':
      return json({ devices: [{ productKeyId }] });
    case 'POST /v1/device-claims':
      return json({ tenantId: fx.tenantT, devices: [{ productKeyId }], evidence: { reference: 'Matrix' } });
    case 'PUT /v1/webhook':
      return json({ url: caller === 'owner' ? fx.ownerHook : 'http://127.0.0.1:9/hooks', events: ['consent.accepted'] });
    case 'POST /consent/{token}':
    case 'POST /l/{linkId}':
      return form({ confirm: 'yes', action: 'accept' });
    case 'POST /signin':
      return form({ email: `nobody${n}@matrix.example` });
    case 'POST /signin/verify':
      return form({ token: 'not-a-token' });
    case 'POST /portal/relationships/{partnerId}/remove-roles':
      return form({ confirm: 'remove-roles' });
    case 'POST /portal/relationships/{partnerId}/auto-extend':
      return form({ autoExtend: 'off' });
    case 'POST /portal/relationships/{partnerId}/terminate':
      return form({ confirm: 'terminate' });
    case 'POST /portal/relationships/{partnerId}/removal-request':
      return form({ reason: 'We no longer buy from them' });
    case 'POST /portal/relationships/{partnerId}/approval-policy':
      return form({ mode: 'above', threshold: '1000', defaultGroupTag: 'Matrix' });
    case 'POST /portal/batches/{batchId}':
      return form({ action: 'reject', block: 'yes' });
    default: {
      const spec: RouteSpec = routes[key];
      if (spec.form) return form({});
      if (spec.body) return json(validBodyFor(spec.body));
      return {};
    }
  }
}

/** The data of the owner's that no other caller may see. */
const markers = () => [fx.requestR1, fx.requestR2, fx.deviceD, fx.batchB, fx.ownerHook, fx.claimC, fx.deliveryW];

async function runCell(cell: Cell): Promise<void> {
  const { key, caller } = cell;
  const spec: RouteSpec = routes[key];
  const { method } = splitRouteKey(key);
  const headers: Record<string, string> = {};
  const bearer = caller === 'malformed' ? 'Basic Zm9vOmJhcg==' : keys[caller] ? `Bearer ${keys[caller]}` : undefined;
  if (bearer) headers.authorization = bearer;
  // Signing out ends the session: that cell gets a session of its own.
  const session =
    key === 'POST /signout' && sessions[caller] && sessionEmails[caller]
      ? await sessionFor(sessionEmails[caller]!)
      : key === 'POST /partner/signout' && personOf[caller]
        ? await partnerSessionFor(personOf[caller]!.partnerId, personOf[caller]!.email)
        : sessions[caller];
  if (session) headers.cookie = [...session.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const { body, contentType } = (key === 'POST /signout' || key === 'POST /partner/signout') && session ? { body: new URLSearchParams({ csrf: session.csrf }).toString(), contentType: 'application/x-www-form-urlencoded' } : bodyFor(key, caller);
  if (contentType) headers['content-type'] = contentType;
  const res = await fetch(`${stack().apiUrl}${pathFor(key)}`, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  figures.cells++;
  if (res.status >= 500) figures.fiveXx++;
  // The owner and the operator may see the owner's data; no other caller of the API may.
  const leak = leakIn(text, caller === 'owner' || caller === 'operator' || spec.auth === 'none' ? [] : markers());
  if (leak) figures.leaks++;
  const ok = (cell.expected.length === 0 ? res.status < 500 : cell.expected.includes(res.status)) && !leak;
  if (!ok) figures.mismatches.push(`${key} as ${caller}: ${res.status} (expected ${cell.expected.join('|') || '<500'})${leak ? `, leak: ${leak}` : ''} ${text.slice(0, 160)}`);
  // R14: a partner not authorized for the tenant registers nothing, whatever it sends.
  if (res.status === 200 && caller !== 'owner' && ['POST /v1/devices', 'POST /v1/device-uploads'].includes(key)) {
    const answer = JSON.parse(text) as { results: { status: string; errors: { code: string }[] }[] };
    if (answer.results.some((r) => r.status === 'registered')) figures.mismatches.push(`${key} as ${caller}: registered a device for a tenant it is not authorized for`);
  }
}

describe('authorization matrix', () => {
  it('every route x every caller: refusals first (and they change nothing), then what is allowed', async () => {
    const cells: Cell[] = (Object.entries(routes) as [RouteKey, RouteSpec][]).flatMap(([key, spec]) => CALLERS.map((caller) => ({ key, caller, expected: expectedFor(key, spec, caller) })));
    const refusals = cells.filter((c) => c.expected.length > 0 && c.expected.every((s) => s >= 400));
    const allowed = cells.filter((c) => !refusals.includes(c));

    const before = await dumpTable();
    await pool(refusals, 6, runCell);
    const diff = dumpDiff(before, await dumpTable());
    // R29: an acceptance refused to a signed-in user (R1, R5, R9) is recorded on their tenant's
    // trail, an audit event with outcome `refused` and nothing else; any other write is a defect.
    const { db, tableName } = await import('#shared/table/client.ts');
    const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
    const refusedAttempts = new Set<string>();
    for (const k of diff.added) {
      const [pk, sk] = k.split('|');
      const item = (await db().send(new GetCommand({ TableName: tableName(), Key: { pk, sk } }))).Item as { type?: string; data?: { outcome?: string; action?: string } } | undefined;
      if (item?.type === 'audit' && item.data?.outcome === 'refused' && item.data.action === 'consent.accepted') refusedAttempts.add(k);
    }
    const isRefusedAttempt = (k: string) => refusedAttempts.has(k);
    expect(refusedAttempts.size, 'the refused acceptances of the pages were recorded').toBeGreaterThan(0);
    expect({ ...diff, added: diff.added.filter((k) => !isRefusedAttempt(k)) }, 'a refused call changed the table').toEqual({ added: [], removed: [], changed: [] });

    // Allowed cells in route-table order, one route at a time (an earlier route's change never
    // hides a later route's resource: the table lists reads before the changes that end them).
    for (const [key] of Object.entries(routes) as [RouteKey, RouteSpec][]) {
      const ofRoute = allowed.filter((c) => c.key === key);
      // On a route that changes the owner's resource, the owner (and T's admin) go last.
      ofRoute.sort((a, b) => Number(a.caller === 'owner' || a.caller === 'adminT') - Number(b.caller === 'owner' || b.caller === 'adminT'));
      for (const cell of ofRoute) await runCell(cell);
    }
    expect(figures.mismatches).toEqual([]);
    expect(figures.cells).toBe(Object.keys(routes).length * CALLERS.length);
  });
});
