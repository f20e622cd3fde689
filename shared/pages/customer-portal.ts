import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createCustomerKey, revokeCustomerKey } from '#shared/customers/api-keys.ts';
import { exportTenantDevices, tenantDevicesPage } from '#shared/customers/devices.ts';
import { addToBatch, createReleaseBatch, MAX_BATCH_DEVICES, requireReleaseBatch, submitBatch, toApiBatch } from '#shared/devices/batches.ts';
import { batchResultsDownload } from '#shared/devices/batch-results-download.ts';
import { parseDeviceCsvFile } from '#shared/devices/csv.ts';
import type { SubmittedRow } from '#shared/devices/submission.ts';
import { releaseDevices } from '#shared/devices/release.ts';
import { isGlobalAdministrator } from '#shared/domain/directory.ts';
import { newSecret } from '#shared/domain/tokens.ts';
import { validationFailed } from '#shared/domain/errors.ts';
import { bodyBytes, multipartTextFields } from '#shared/http/file-body.ts';
import type { HttpResult } from '#shared/http/response.ts';
import { listCustomerKeys, type CustomerApiKey } from '#shared/table/customer-api-keys.ts';
import type { TenantDeviceFilter } from '#shared/table/devices.ts';
import { listGlobalAdmins } from '#shared/table/directory.ts';
import { html } from '#shared/util/html.ts';
import { userActor, viewerOf, type Viewer } from './consent-flow.ts';
import { askAdmins } from './consent-views.ts';
import { apiKeysPage, devicesPage, releaseBatchPage, releasedPage, type DeviceFilterValues } from './customer-views.ts';
import { rolesUnknownNote } from './identity-views.ts';
import { page, redirect } from './layout.ts';
import { requireAdmin } from './portal.ts';

/*
 * The customer portal after Yes (R23-R25): a tenant's global administrator sees every device
 * registered in its name and by whom, exports them, releases them (a selection, or a file worked
 * as a release batch), and manages the tenant's customer API keys.
 */

/** A portal page: a signed-in global admin (R1), or the sign-in, or who to ask. */
export async function adminPage(event: APIGatewayProxyEventV2, path: string): Promise<Viewer | HttpResult> {
  const viewer = await viewerOf(event);
  if (!viewer) return redirect(`/signin?next=${encodeURIComponent(path)}`);
  if (isGlobalAdministrator(viewer.user)) return viewer;
  const admins = await listGlobalAdmins(viewer.tenant.id);
  return page(
    'You need global administrator privileges',
    html`<h1>You need global administrator privileges</h1><p>Only a global administrator of your organization can see and release its devices and manage its API keys.</p>${askAdmins(admins)}${viewer.rolesKnown ? '' : rolesUnknownNote()}`,
    { status: 403, signedIn: { email: viewer.user.email, csrf: viewer.session.csrf } },
  );
}

export const signedInAs = (viewer: Viewer) => ({ signedIn: { email: viewer.user.email, csrf: viewer.session.csrf } });

const filterOf = (query: DeviceFilterValues): TenantDeviceFilter => ({
  ...(query.partnerId ? { partnerId: query.partnerId } : {}),
  ...(query.batchId ? { batchId: query.batchId } : {}),
  ...(query.q ? { identity: query.q } : {}),
  ...(query.registeredAfter ? { registeredAfter: query.registeredAfter } : {}),
  ...(query.registeredBefore ? { registeredBefore: query.registeredBefore } : {}),
});

const PAGE_SIZE = 50;

/** R23: `GET /portal/devices`, a page of the tenant's devices with the filters applied. */
export async function showDevices(event: APIGatewayProxyEventV2, query: DeviceFilterValues & { cursor?: string }): Promise<HttpResult> {
  const viewer = await adminPage(event, '/portal/devices');
  if (!('tenant' in viewer)) return viewer;
  const { cursor, ...filter } = query;
  const found = await tenantDevicesPage(viewer.tenant.id, filterOf(filter), { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) });
  return page('Your devices', devicesPage({ tenantName: viewer.tenant.name, devices: found.items, filter, nextCursor: found.nextCursor, csrf: viewer.session.csrf }), signedInAs(viewer));
}

/** R23: `GET /portal/devices/export`, every device the filters select as one CSV file: a redirect to its download. */
export async function exportDevices(event: APIGatewayProxyEventV2, query: DeviceFilterValues): Promise<HttpResult> {
  const viewer = await adminPage(event, '/portal/devices');
  if (!('tenant' in viewer)) return viewer;
  const file = await exportTenantDevices(viewer.tenant.id, filterOf(query));
  return redirect(file.url);
}

/** R24 needs the explicit confirmation: without it nothing is released. */
function requireConfirmation(confirm: string | undefined): void {
  if (confirm !== 'irreversible') throw validationFailed([{ path: 'confirm', message: 'tick "I understand that this cannot be undone" to release devices' }], 'Nothing was released');
}

/** R24: `POST /portal/devices/release`, the selected devices released, device by device. */
export async function releaseSelection(event: APIGatewayProxyEventV2, form: { csrf?: string; confirm?: string; deviceId?: string[] }): Promise<HttpResult> {
  const viewer = await requireAdmin(event, form.csrf);
  requireConfirmation(form.confirm);
  if (!form.deviceId?.length) throw validationFailed([{ path: 'deviceId', message: 'select at least one device' }], 'Nothing was released');
  const answer = await releaseDevices(viewer.tenant.id, form.deviceId.map((deviceId, index) => ({ index, deviceId })), userActor(viewer, event));
  return page('Devices released', releasedPage(answer), signedInAs(viewer));
}

/**
 * R24: the devices a release file names, up to 100,000: read as a partner's upload is
 * (parseDeviceCsvFile), with the batch's limit for the upload's; the row after it is refused
 * before any line after it is read.
 */
const readReleaseFile = (file: Buffer): SubmittedRow[] => parseDeviceCsvFile(file, { maxRows: MAX_BATCH_DEVICES }).rows;

/**
 * R24: `POST /portal/devices/release-file`, a file of up to 100,000 devices released as a release
 * batch: read, confirmed, added in parts of 1000, submitted; the page then follows its progress.
 */
export async function releaseFile(event: APIGatewayProxyEventV2, file: Buffer): Promise<HttpResult> {
  const fields = await multipartTextFields(event);
  const viewer = await requireAdmin(event, fields.csrf);
  requireConfirmation(fields.confirm);
  const rows = readReleaseFile(file);
  if (rows.length === 0) throw validationFailed([{ path: 'file', message: 'the file names no device' }], 'Nothing was released');
  const actor = userActor(viewer, event);
  const { batch } = await createReleaseBatch(viewer.tenant.id, { actor: { ...actor, type: 'user' } });
  for (let i = 0; i < rows.length; i += 1000) {
    const part = rows.slice(i, i + 1000);
    await addToBatch({ tenantId: viewer.tenant.id }, batch.id, { rows: part, channel: 'csv', requestBody: `${batch.id}:${i}` }, { actor });
  }
  await submitBatch({ tenantId: viewer.tenant.id }, batch.id, actor);
  return redirect(`/portal/devices/releases/${batch.id}`);
}

/** R24: a release from a file, its progress. */
export async function showRelease(event: APIGatewayProxyEventV2, batchId: string): Promise<HttpResult> {
  const viewer = await adminPage(event, '/portal/devices');
  if (!('tenant' in viewer)) return viewer;
  const batch = toApiBatch(await requireReleaseBatch(viewer.tenant.id, batchId));
  return page('Release from a file', releaseBatchPage(batch), signedInAs(viewer));
}

/** R24: a release's results as one CSV file: a redirect to its download. */
export async function releaseResults(event: APIGatewayProxyEventV2, batchId: string): Promise<HttpResult> {
  const viewer = await adminPage(event, '/portal/devices');
  if (!('tenant' in viewer)) return viewer;
  return redirect((await batchResultsDownload(await requireReleaseBatch(viewer.tenant.id, batchId))).url);
}

/** The one-time id of a rendering of the "Create a key" form (R25: a reload of its answer posts it again, and makes nothing). */
const FORM_ID = /^[\w-]{43}$/;

/** The form's one-time id as posted (the form schema knows only the fields every client sends). */
function postedFormId(event: APIGatewayProxyEventV2): string | undefined {
  const value = new URLSearchParams(bodyBytes(event).toString('utf8')).get('once') ?? '';
  return FORM_ID.test(value) ? value : undefined;
}

/** The API keys page of a viewer, with what just happened. */
async function keysPage(viewer: Viewer, shown: { created?: { key: CustomerApiKey; secret: string }; flash?: string; cursor?: string }): Promise<HttpResult> {
  const keys = await listCustomerKeys(viewer.tenant.id, { limit: 50, ...(shown.cursor ? { cursor: shown.cursor } : {}), scope: `customer-keys:${viewer.tenant.id}` });
  return page(
    'API keys',
    apiKeysPage({
      tenantName: viewer.tenant.name,
      keys: keys.items,
      nextCursor: keys.nextCursor,
      csrf: viewer.session.csrf,
      formId: newSecret(),
      ...(shown.created ? { created: shown.created } : {}),
      ...(shown.flash ? { flash: shown.flash } : {}),
    }),
    signedInAs(viewer),
  );
}

/** R25: `GET /portal/api-keys`, the tenant's keys, and the form that creates one. */
export async function showApiKeys(event: APIGatewayProxyEventV2, query: { cursor?: string }, flash?: string): Promise<HttpResult> {
  const viewer = await adminPage(event, '/portal/api-keys');
  if (!('tenant' in viewer)) return viewer;
  return keysPage(viewer, { ...(query.cursor ? { cursor: query.cursor } : {}), ...(flash ? { flash } : {}) });
}

/**
 * R25: `POST /portal/api-keys`, a key created with its scopes; its secret is shown on this page,
 * once: the same form posted again (a reload) makes no second key and shows no secret.
 */
export async function createApiKeyFromPortal(event: APIGatewayProxyEventV2, form: { csrf?: string; name: string; scopes?: string[] }): Promise<HttpResult> {
  const viewer = await requireAdmin(event, form.csrf);
  const formId = postedFormId(event);
  const created = await createCustomerKey(
    { user: viewer.user, tenantId: viewer.tenant.id, signedInWith: viewer.signedInWith },
    { name: form.name, scopes: form.scopes ?? [], ...(formId ? { once: `${viewer.sessionId}\n${formId}` } : {}) },
    userActor(viewer, event),
  );
  return created.created
    ? keysPage(viewer, { created })
    : keysPage(viewer, { flash: 'This key was created already: its secret was shown then, once.' });
}

/** R25: `POST /portal/api-keys/{keyId}/revoke`, the key refused from now on. */
export async function revokeApiKeyFromPortal(event: APIGatewayProxyEventV2, keyId: string, form: { csrf?: string }): Promise<HttpResult> {
  const viewer = await requireAdmin(event, form.csrf);
  await revokeCustomerKey(viewer.user, viewer.tenant.id, keyId, userActor(viewer, event));
  return redirect('/portal/api-keys');
}
