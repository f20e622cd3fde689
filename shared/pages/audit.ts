import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { exportTenantAudit, tenantAuditPage, type AuditQueryValues } from '#shared/customers/audit.ts';
import type { HttpResult } from '#shared/http/response.ts';
import { auditPage, type AuditFilterValues } from './audit-views.ts';
import { adminPage, signedInAs } from './customer-portal.ts';
import { page, redirect } from './layout.ts';

/** A blank field of the form is no filter. */
const valuesOf = (query: AuditFilterValues): AuditQueryValues =>
  Object.fromEntries(Object.entries(query).filter(([, value]) => value)) as AuditQueryValues;

const PAGE_SIZE = 50;

/** R29: `GET /portal/audit`, a page of the tenant's trail with the filters applied (a global admin's). */
export async function showAudit(event: APIGatewayProxyEventV2, query: AuditFilterValues & { cursor?: string }): Promise<HttpResult> {
  const viewer = await adminPage(event, '/portal/audit');
  if (!('tenant' in viewer)) return viewer;
  const { cursor, ...filter } = query;
  const found = await tenantAuditPage(viewer.tenant.id, valuesOf(filter), { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) });
  return page('Audit trail', auditPage({ tenantName: viewer.tenant.name, events: found.items, filter, nextCursor: found.nextCursor }), signedInAs(viewer));
}

/** R29: `GET /portal/audit/export`, everything the filters select as one CSV file: a redirect to its download. */
export async function exportAudit(event: APIGatewayProxyEventV2, query: AuditFilterValues): Promise<HttpResult> {
  const viewer = await adminPage(event, '/portal/audit');
  if (!('tenant' in viewer)) return viewer;
  const { cursor: _cursor, ...filter } = query as AuditFilterValues & { cursor?: string };
  const file = await exportTenantAudit(viewer.tenant.id, valuesOf(filter));
  return redirect(file.url);
}
