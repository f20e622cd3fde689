import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { isGlobalAdministrator } from '#shared/domain/directory.ts';
import { DomainError } from '#shared/domain/errors.ts';
import { nowIso } from '#shared/domain/ids.ts';
import type { Partner } from '#shared/domain/partner.ts';
import type { Relationship } from '#shared/domain/relationship.ts';
import { checkFormPost } from '#shared/http/session.ts';
import type { HttpResult } from '#shared/http/response.ts';
import { removeDelegatedAdmin, terminateRelationship } from '#shared/relationships/end-relationship.ts';
import { fileRemovalRequest } from '#shared/relationships/removal-requests.ts';
import { listGlobalAdmins } from '#shared/table/directory.ts';
import { getPartner } from '#shared/table/partners.ts';
import { listTenantRelationships } from '#shared/table/relationships.ts';
import { getRemovalRequest, type RemovalRequest } from '#shared/table/removal-requests.ts';
import { html } from '#shared/util/html.ts';
import { userActor, viewerOf, type Viewer } from './consent-flow.ts';
import { askAdmins } from './consent-views.ts';
import { rolesUnknownNote } from './identity-views.ts';
import { page, redirect } from './layout.ts';
import { portalPage, type PortalRow } from './site-views.ts';

/*
 * The customer portal (API.md `GET /portal`): a tenant's global administrator sees the tenant's
 * partners and may remove delegated admin roles (R10), end a CSP relationship (R11) or ask the
 * operators to remove an OEM (R12). Each action posts a form, then comes back with a notice.
 */

/** What the portal says after an action (`/portal?done=<action>`). */
const DONE_NOTICES: Record<string, string> = {
  'roles-removed': 'The admin roles were removed. The partner can still register devices.',
  terminated: 'The relationship was ended. The partner can no longer register devices for your organization.',
  'removal-requested': 'Your removal request was sent to the operators. The OEM stays authorized until they revoke it.',
};

/**
 * The portal's rows, from a tenant's relationships and, by position, their partners and OEM
 * removal requests: a relationship whose partner is gone is left out; active relationships first,
 * then by partner name.
 */
export function portalRows(relationships: Relationship[], partners: (Partner | undefined)[], removals: (RemovalRequest | undefined)[]): PortalRow[] {
  const rows = relationships.flatMap((relationship, i) => (partners[i] ? [{ relationship, partner: partners[i], removal: removals[i] }] : []));
  return rows.sort((a, b) => Number(b.relationship.status === 'active') - Number(a.relationship.status === 'active') || a.partner.name.localeCompare(b.partner.name));
}

/**
 * `GET /portal`: a signed-in global administrator's partners (R1), with the notice of the action
 * just done; anyone else signed in is told who their global administrators are, and someone not
 * signed in is sent to sign in.
 */
export async function showPortal(event: APIGatewayProxyEventV2, done: string | undefined): Promise<HttpResult> {
  const viewer = await viewerOf(event);
  if (!viewer) return redirect('/signin?next=%2Fportal');
  const signedIn = { email: viewer.user.email, csrf: viewer.session.csrf };
  if (!isGlobalAdministrator(viewer.user)) {
    const admins = await listGlobalAdmins(viewer.tenant.id);
    return page('You need global administrator privileges', html`<h1>You need global administrator privileges</h1><p>Only a global administrator of your organization can manage its partners.</p>${askAdmins(admins)}${viewer.rolesKnown ? '' : rolesUnknownNote()}`, { status: 403, signedIn });
  }
  const relationships = await listTenantRelationships(viewer.tenant.id);
  const partners = await Promise.all(relationships.map((r) => getPartner(r.partnerId)));
  const removals = await Promise.all(relationships.map((r) => (r.partnerKind === 'oem' ? getRemovalRequest(r.tenantId, r.partnerId) : undefined)));
  return page('Your partners', portalPage(portalRows(relationships, partners, removals), { csrf: viewer.session.csrf, now: nowIso(), flash: DONE_NOTICES[done ?? ''], tenantName: viewer.tenant.name }), { signedIn });
}

/** R10 from the portal: a global administrator removes a partner's delegated admin roles. */
export async function portalRemoveDelegatedAdmin(event: APIGatewayProxyEventV2, partnerId: string, form: { csrf?: string }): Promise<HttpResult> {
  const viewer = await requireAdmin(event, form.csrf);
  await removeDelegatedAdmin(viewer.tenant.id, partnerId, userActor(viewer, event));
  return redirect('/portal?done=roles-removed');
}

/** R11 from the portal: a global administrator ends a CSP relationship. */
export async function portalTerminateRelationship(event: APIGatewayProxyEventV2, partnerId: string, form: { csrf?: string }): Promise<HttpResult> {
  const viewer = await requireAdmin(event, form.csrf);
  await terminateRelationship(viewer.tenant.id, partnerId, userActor(viewer, event));
  return redirect('/portal?done=terminated');
}

/** R12 from the portal: a global administrator asks the operators to remove an OEM, saying why. */
export async function portalFileRemovalRequest(event: APIGatewayProxyEventV2, partnerId: string, form: { csrf?: string; reason: string }): Promise<HttpResult> {
  const viewer = await requireAdmin(event, form.csrf);
  await fileRemovalRequest(viewer.tenant.id, partnerId, { reason: form.reason, requestedBy: { userId: viewer.user.id, email: viewer.user.email } }, userActor(viewer, event));
  return redirect('/portal?done=removal-requested');
}

/** R1 for the portal's actions: a signed-in global admin, posting a form of their own session. */
export async function requireAdmin(event: APIGatewayProxyEventV2, csrf: string | undefined): Promise<Viewer> {
  const viewer = await viewerOf(event);
  if (!viewer) throw new DomainError('unauthorized', 'Sign in first', 'Your session has ended; sign in again.');
  checkFormPost(event, viewer.session, csrf);
  if (!isGlobalAdministrator(viewer.user)) {
    throw new DomainError('forbidden', 'You need global administrator privileges', 'Only a global administrator of your organization can manage its partners.');
  }
  return viewer;
}
