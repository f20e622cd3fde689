import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { tenantAccess } from '#shared/customers/access.ts';
import { customerMayTerminate } from '#shared/domain/relationship.ts';
import type { HttpResult } from '#shared/http/response.ts';
import { terminateEveryCspRelationship } from '#shared/relationships/end-every-csp-relationship.ts';
import { getItems } from '#shared/table/batch.ts';
import { partnerRead } from '#shared/table/partners.ts';
import { listTenantRelationships } from '#shared/table/relationships.ts';
import { userActor, type Viewer } from './consent-flow.ts';
import { accessPage, endAllConfirmation, type EndAllNotice, type EndAllTarget } from './access-views.ts';
import { adminPage, signedInAs } from './customer-portal.ts';
import { page, redirect } from './layout.ts';
import { requireAdmin } from './portal.ts';

/*
 * R30 in the portal: a tenant's global administrator sees everyone with access to the tenant on
 * one page, and ends every CSP relationship at once after a confirmation page (R11 for each; OEMs
 * stay, R12). The action comes back to the page, re-read, with how many relationships it ended.
 */

const PAGE_SIZE = 50;

/** `GET /portal/access`: a page of everyone with access, with the outcome of "end every CSP relationship" just done. */
export async function showAccess(event: APIGatewayProxyEventV2, query: { cursor?: string; ended?: number; notEnded?: number }): Promise<HttpResult> {
  const viewer = await adminPage(event, '/portal/access');
  if (!('tenant' in viewer)) return viewer;
  const found = await tenantAccess(viewer.tenant, { limit: PAGE_SIZE, ...(query.cursor ? { cursor: query.cursor } : {}) });
  const notice: EndAllNotice | undefined = query.ended !== undefined ? { ended: query.ended, notEnded: query.notEnded ?? 0 } : undefined;
  return page('Everyone with access', accessPage({ tenantName: viewer.tenant.name, rows: found.items, nextCursor: found.nextCursor, ...(notice ? { notice } : {}) }), signedInAs(viewer));
}

/** The confirmation page: the CSP relationships that would end (with a reseller's provider) and the OEMs that stay. */
async function endAllPage(viewer: Viewer, error?: string): Promise<HttpResult> {
  const active = (await listTenantRelationships(viewer.tenant.id)).filter((r) => r.status === 'active');
  const ids = [...new Set(active.flatMap((r) => [r.partnerId, ...(r.providerId ? [r.providerId] : [])]))];
  const partners = ids.length ? await getItems(Object.fromEntries(ids.map((id) => [id, partnerRead(id)]))) : {};
  const named = (id: string) => ({ id, name: partners[id]?.name ?? id });
  const csps: EndAllTarget[] = active
    .filter(customerMayTerminate)
    .map((r) => ({ partner: { ...named(r.partnerId), kind: r.partnerKind }, ...(r.providerId ? { provider: named(r.providerId) } : {}) }));
  const oems = active.filter((r) => r.partnerKind === 'oem').map((r) => named(r.partnerId));
  return page(
    'End every CSP relationship?',
    endAllConfirmation({ tenantName: viewer.tenant.name, csps, oems, csrf: viewer.session.csrf, ...(error ? { error } : {}) }),
    { status: error ? 400 : 200, ...signedInAs(viewer) },
  );
}

/** `GET /portal/access/end-all`: what will happen, and the button that does it. */
export async function showEndAll(event: APIGatewayProxyEventV2): Promise<HttpResult> {
  const viewer = await adminPage(event, '/portal/access');
  if (!('tenant' in viewer)) return viewer;
  return endAllPage(viewer);
}

/**
 * `POST /portal/access/end-all`, once confirmed (`confirm=end-all`; without it, the confirmation
 * page again and nothing ends): every active CSP relationship ended by R11's use case, then back
 * to the page, which is read again and says how many ended.
 */
export async function portalEndEveryCspRelationship(event: APIGatewayProxyEventV2, form: { csrf?: string; confirm?: 'end-all' }): Promise<HttpResult> {
  const viewer = await requireAdmin(event, form.csrf);
  if (form.confirm !== 'end-all') return endAllPage(viewer, 'Nothing was ended: confirm with the button below.');
  const outcome = await terminateEveryCspRelationship(viewer.tenant.id, userActor(viewer, event));
  return redirect(`/portal/access?ended=${outcome.ended}&notEnded=${outcome.notEnded.length}`);
}
