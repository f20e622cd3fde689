import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { openTenantClaim } from '#shared/devices/claim-files.ts';
import { requireTenantClaim, respondToClaim, tenantClaimDevicesPage, tenantClaimsPage, tenantClaimView, withdrawClaim } from '#shared/devices/claims.ts';
import { validationFailed } from '#shared/domain/errors.ts';
import { multipartTextFields } from '#shared/http/file-body.ts';
import type { HttpResult } from '#shared/http/response.ts';
import { userActor } from './consent-flow.ts';
import { claimPage, claimsPage } from './claim-views.ts';
import { adminPage, signedInAs } from './customer-portal.ts';
import { page, redirect } from './layout.ts';
import { requireAdmin } from './portal.ts';

/*
 * R26 in the portal: a tenant's global admin sees the claims on its devices and its own claims,
 * answers a claim (release or contest, device by device or all), claims devices it holds by their
 * hardware hashes, and withdraws its own claim. The same use cases as the customer API's.
 */

const FLASH: Record<string, string> = {
  release: 'The devices were released: they are no longer registered to your organization.',
  contest: 'The devices were contested: our operators will decide, with both sides\' evidence.',
  withdrawn: 'The claim was withdrawn.',
  opened: 'Your claim was sent to the owners of the devices. They have 14 days to answer.',
};

/** `GET /portal/claims`: the claims on the tenant's devices and its own (the newest 50 of each). */
export async function showClaims(event: APIGatewayProxyEventV2, done?: string): Promise<HttpResult> {
  const viewer = await adminPage(event, '/portal/claims');
  if (!('tenant' in viewer)) return viewer;
  const tenantId = viewer.tenant.id;
  const [incoming, outgoing] = await Promise.all([
    tenantClaimsPage(tenantId, 'incoming', { limit: 50, scope: `portal-claims-in:${tenantId}` }),
    tenantClaimsPage(tenantId, 'outgoing', { limit: 50, scope: `portal-claims-out:${tenantId}` }),
  ]);
  return page('Device claims', claimsPage({ tenantName: viewer.tenant.name, incoming: incoming.items, outgoing: outgoing.items, csrf: viewer.session.csrf, ...(done && FLASH[done] ? { flash: FLASH[done] } : {}) }), signedInAs(viewer));
}

/** `GET /portal/claims/{claimId}`: one claim, with the owner's answer form while devices wait for it. */
export async function showClaim(event: APIGatewayProxyEventV2, claimId: string, done?: string): Promise<HttpResult> {
  const viewer = await adminPage(event, `/portal/claims/${claimId}`);
  if (!('tenant' in viewer)) return viewer;
  const found = await requireTenantClaim(viewer.tenant.id, claimId);
  const devices = await tenantClaimDevicesPage(viewer.tenant.id, found, { limit: 1000, scope: `portal-claim:${claimId}` });
  const claim = tenantClaimView(viewer.tenant.id, found);
  return page(
    'Device claim',
    claimPage({ claim, devices: devices.items, csrf: viewer.session.csrf, open: new Date().toISOString() < claim.deadline, ...(done && FLASH[done] ? { flash: FLASH[done] } : {}) }),
    signedInAs(viewer),
  );
}

/** `POST /portal/claims/{claimId}/responses`: release (confirmed) or contest (with a reason) the selected devices, or all. */
export async function answerClaimFromPortal(
  event: APIGatewayProxyEventV2,
  claimId: string,
  form: { csrf?: string; response: 'release' | 'contest'; devices?: string[]; scope?: string; reason?: string; confirm?: string },
): Promise<HttpResult> {
  const viewer = await requireAdmin(event, form.csrf);
  if (form.response === 'release' && form.confirm !== 'irreversible') throw validationFailed([{ path: 'confirm', message: 'tick "I understand that releasing cannot be undone" to release devices' }], 'Nothing was released');
  const selection = form.scope === 'all' ? ('all' as const) : (form.devices ?? []).map(Number);
  if (selection !== 'all' && (selection.length === 0 || selection.some((i) => !Number.isInteger(i)))) throw validationFailed([{ path: 'devices', message: 'select at least one device, or answer for every device' }], 'Nothing was answered');
  const reason = form.reason?.trim();
  await respondToClaim(viewer.tenant.id, claimId, { devices: selection, response: form.response, ...(reason ? { reason } : {}) }, userActor(viewer, event));
  return redirect(`/portal/claims/${claimId}?done=${form.response}`);
}

/** `POST /portal/claims`: a claim of the devices a hash file names (multipart: the file and the evidence fields). */
export async function claimFromPortal(event: APIGatewayProxyEventV2, file: Buffer): Promise<HttpResult> {
  const fields = await multipartTextFields(event);
  const viewer = await requireAdmin(event, fields.csrf);
  if (!fields.reference?.trim()) throw validationFailed([{ path: 'reference', message: 'give your reference (an order number, a site)' }], 'Nothing was claimed');
  const query = { reference: fields.reference.trim().slice(0, 128), ...(fields.purchaseDate ? { purchaseDate: fields.purchaseDate } : {}), ...(fields.note?.trim() ? { note: fields.note.trim().slice(0, 1000) } : {}) };
  if (query.purchaseDate && !/^\d{4}-\d{2}-\d{2}$/.test(query.purchaseDate)) throw validationFailed([{ path: 'purchaseDate', message: 'must be a date such as 2026-11-24' }], 'Nothing was claimed');
  const answer = await openTenantClaim(viewer.tenant.id, file, query, userActor(viewer, event));
  if (!answer.body.claim) {
    const why = [...new Set(answer.body.results.flatMap((r) => r.errors.map((e) => e.message)))].join('; ');
    throw validationFailed([{ path: 'file', message: `no device of the file could be claimed: ${why || 'the file names no device'}` }], 'Nothing was claimed');
  }
  return redirect(`/portal/claims/${answer.body.claim.id}?done=opened`);
}

/** `POST /portal/claims/{claimId}/withdraw`: the tenant's own claim withdrawn. */
export async function withdrawClaimFromPortal(event: APIGatewayProxyEventV2, claimId: string, form: { csrf?: string }): Promise<HttpResult> {
  const viewer = await requireAdmin(event, form.csrf);
  await withdrawClaim({ tenantId: viewer.tenant.id }, claimId, userActor(viewer, event));
  return redirect(`/portal/claims/${claimId}?done=withdrawn`);
}
