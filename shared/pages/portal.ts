import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { readApprovalPolicyForm, type ApprovalPolicyFormInput } from '#shared/domain/approval-policy.ts';
import { isGlobalAdministrator } from '#shared/domain/directory.ts';
import { conflict, DomainError, notFound, type FieldError } from '#shared/domain/errors.ts';
import { nowIso } from '#shared/domain/ids.ts';
import type { Partner } from '#shared/domain/partner.ts';
import { customerMayRemoveRoles, customerMayTerminate, type Relationship } from '#shared/domain/relationship.ts';
import { checkFormPost } from '#shared/http/session.ts';
import type { HttpResult } from '#shared/http/response.ts';
import { setApprovalPolicy } from '#shared/relationships/approval-policy.ts';
import { removeDelegatedAdmin, terminateRelationship } from '#shared/relationships/end-relationship.ts';
import { turnOffAutoExtend } from '#shared/relationships/delegated-admin.ts';
import { fileRemovalRequest } from '#shared/relationships/removal-requests.ts';
import { listGlobalAdmins } from '#shared/table/directory.ts';
import { getPartner } from '#shared/table/partners.ts';
import { getRelationship, listTenantRelationships } from '#shared/table/relationships.ts';
import { getRemovalRequest, type RemovalRequest } from '#shared/table/removal-requests.ts';
import { listHoldBlocks } from '#shared/table/hold-blocks.ts';
import { heldBatchesSection, holdBlocksSection } from './held-batch-views.ts';
import { listHeldBatches } from '#shared/table/held-batch-list.ts';
import { html } from '#shared/util/html.ts';
import { userActor, viewerOf, type Viewer } from './consent-flow.ts';
import { askAdmins } from './consent-views.ts';
import { rolesUnknownNote } from './identity-views.ts';
import { page, redirect } from './layout.ts';
import { approvalPolicyPage, portalPage, removeRolesConfirmation, terminateConfirmation, type ConfirmationSubject, type PortalRow } from './site-views.ts';

/*
 * The customer portal (API.md `GET /portal`): a tenant's global administrator sees the tenant's
 * partners and may remove delegated admin roles (R10), end a CSP relationship (R11) or ask the
 * operators to remove an OEM (R12). Removing roles and ending a relationship first show a page of
 * what will happen, whose form (with its `confirm` value) does it; each action then comes back to
 * the portal with a notice.
 */

/** What the portal says after an action (`/portal?done=<action>`). */
const DONE_NOTICES: Record<string, string> = {
  'roles-removed': 'The admin roles were removed. The partner can still register devices.',
  terminated: 'The relationship was ended. The partner can no longer register devices for your organization.',
  'removal-requested': 'Your removal request was sent to the operators. The OEM stays authorized until they revoke it.',
  'approval-policy': 'The approval policy was saved. The partner sees it at once, and its next registrations follow it.',
  'auto-extend-off': 'The admin roles will no longer be extended automatically: they end on their end date.',
  unblocked: 'The partner is unblocked: it can send batches for your approval again.',
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
    const admins = await listGlobalAdmins(viewer.tenant.id, 10);
    return page('You need global administrator privileges', html`<h1>You need global administrator privileges</h1><p>Only a global administrator of your organization can manage its partners.</p>${askAdmins(admins)}${viewer.rolesKnown ? '' : rolesUnknownNote()}`, { status: 403, signedIn });
  }
  const relationships = await listTenantRelationships(viewer.tenant.id);
  const partners = await Promise.all(relationships.map((r) => getPartner(r.partnerId)));
  const removals = await Promise.all(relationships.map((r) => (r.partnerKind === 'oem' ? getRemovalRequest(r.tenantId, r.partnerId) : undefined)));
  const now = nowIso();
  // R27, R28: the batches waiting for approval (one Query), their partners' names read with those of the relationships; the partners blocked from holding batches, to unblock.
  const [held, blocks] = await Promise.all([listHeldBatches(viewer.tenant.id, now), listHoldBlocks(viewer.tenant.id)]);
  const known = new Map(partners.flatMap((p) => (p ? [[p.id, p] as const] : [])));
  const others = [...new Set(held.map((b) => b.partnerId!).filter((id) => !known.has(id)))];
  for (const p of await Promise.all(others.map((id) => getPartner(id)))) if (p) known.set(p.id, p);
  const partnersPage = portalPage(portalRows(relationships, partners, removals), { csrf: viewer.session.csrf, now, flash: DONE_NOTICES[done ?? ''], tenantName: viewer.tenant.name });
  return page('Your partners', html`${partnersPage}${heldBatchesSection(held, known)}${holdBlocksSection(blocks, viewer.session.csrf)}`, { signedIn });
}

/** The confirmations of the portal: R10 (remove roles) and R11 (end a CSP relationship). */
const CONFIRMATIONS = {
  'remove-roles': {
    title: (p: Partner) => `Remove the admin roles of ${p.name}?`,
    view: removeRolesConfirmation,
    allowed: (r: Relationship) => customerMayRemoveRoles(r, nowIso()),
    refused: 'There are no delegated admin roles to remove',
    notConfirmed: 'Nothing was removed: confirm with the button below.',
  },
  terminate: {
    title: (p: Partner) => `End the relationship with ${p.name}?`,
    view: terminateConfirmation,
    allowed: customerMayTerminate,
    refused: 'This relationship cannot be ended by the customer',
    notConfirmed: 'Nothing was ended: confirm with the button below.',
  },
} as const;
type Confirmation = keyof typeof CONFIRMATIONS;

/**
 * The confirmation page of an action on one of the tenant's relationships: what will happen, and
 * the form that does it. A partner without a relationship with the tenant is a 404 (R19); an
 * action the relationship no longer allows, a 409.
 */
async function confirmationPage(viewer: Viewer, partnerId: string, action: Confirmation, options: { error?: string } = {}): Promise<HttpResult> {
  const [relationship, partner] = await Promise.all([getRelationship(partnerId, viewer.tenant.id), getPartner(partnerId)]);
  if (!relationship || !partner) throw notFound('Relationship');
  const confirmation = CONFIRMATIONS[action];
  if (!confirmation.allowed(relationship)) throw conflict(confirmation.refused);
  const provider = relationship.providerId ? await getPartner(relationship.providerId) : undefined;
  const subject: ConfirmationSubject = { relationship, partner, provider, tenantName: viewer.tenant.name, csrf: viewer.session.csrf, ...options };
  return page(confirmation.title(partner), confirmation.view(subject), { status: options.error ? 400 : 200, signedIn: { email: viewer.user.email, csrf: viewer.session.csrf } });
}

/** `GET /portal/relationships/{partnerId}/remove-roles` or `/terminate`: the confirmation page (R10, R11). */
export async function showConfirmation(event: APIGatewayProxyEventV2, partnerId: string, action: Confirmation): Promise<HttpResult> {
  const viewer = await relationshipPageViewer(event);
  return 'tenant' in viewer ? confirmationPage(viewer, partnerId, action) : viewer;
}

/** R1 for a page about one of the tenant's relationships: a signed-in global admin, or the sign-in, or a 403. */
async function relationshipPageViewer(event: APIGatewayProxyEventV2): Promise<Viewer | HttpResult> {
  const viewer = await viewerOf(event);
  if (!viewer) return redirect('/signin?next=%2Fportal');
  if (!isGlobalAdministrator(viewer.user)) {
    throw new DomainError('forbidden', 'You need global administrator privileges', 'Only a global administrator of your organization can manage its partners.');
  }
  return viewer;
}

/** R10 from the portal: a global administrator removes a partner's delegated admin roles, once confirmed. */
export async function portalRemoveDelegatedAdmin(event: APIGatewayProxyEventV2, partnerId: string, form: { csrf?: string; confirm?: 'remove-roles' }): Promise<HttpResult> {
  const viewer = await requireAdmin(event, form.csrf);
  if (form.confirm !== 'remove-roles') return confirmationPage(viewer, partnerId, 'remove-roles', { error: CONFIRMATIONS['remove-roles'].notConfirmed });
  await removeDelegatedAdmin(viewer.tenant.id, partnerId, userActor(viewer, event));
  return redirect('/portal?done=roles-removed');
}

/** R11 from the portal: a global administrator ends a CSP relationship, once confirmed. */
export async function portalTerminateRelationship(event: APIGatewayProxyEventV2, partnerId: string, form: { csrf?: string; confirm?: 'terminate' }): Promise<HttpResult> {
  const viewer = await requireAdmin(event, form.csrf);
  if (form.confirm !== 'terminate') return confirmationPage(viewer, partnerId, 'terminate', { error: CONFIRMATIONS.terminate.notConfirmed });
  await terminateRelationship(viewer.tenant.id, partnerId, userActor(viewer, event));
  return redirect('/portal?done=terminated');
}

/** R31 from the portal: a global administrator turns off the automatic extension of a partner's admin roles. */
export async function portalTurnOffAutoExtend(event: APIGatewayProxyEventV2, partnerId: string, form: { csrf?: string; autoExtend: 'off' }): Promise<HttpResult> {
  const viewer = await requireAdmin(event, form.csrf);
  await turnOffAutoExtend(viewer.tenant.id, partnerId, userActor(viewer, event));
  return redirect('/portal?done=auto-extend-off');
}

/** R12 from the portal: a global administrator asks the operators to remove an OEM, saying why. */
export async function portalFileRemovalRequest(event: APIGatewayProxyEventV2, partnerId: string, form: { csrf?: string; reason: string }): Promise<HttpResult> {
  const viewer = await requireAdmin(event, form.csrf);
  await fileRemovalRequest(viewer.tenant.id, partnerId, { reason: form.reason, requestedBy: { userId: viewer.user.id, email: viewer.user.email } }, userActor(viewer, event));
  return redirect('/portal?done=removal-requested');
}

/**
 * R28: the approval policy page of one of the tenant's relationships (with what was posted and
 * what is wrong with it, when a post was refused). A partner without a relationship with the
 * tenant is a 404 (R19); an ended relationship, a 409.
 */
async function approvalPolicyPageOf(viewer: Viewer, partnerId: string, refused?: { posted: ApprovalPolicyFormInput; problems: FieldError[] }): Promise<HttpResult> {
  const [relationship, partner] = await Promise.all([getRelationship(partnerId, viewer.tenant.id), getPartner(partnerId)]);
  if (!relationship || !partner) throw notFound('Relationship');
  if (relationship.status !== 'active') throw conflict(`This relationship is ${relationship.status}: its approval policy can no longer change`);
  const provider = relationship.providerId ? await getPartner(relationship.providerId) : undefined;
  return page(
    `Approval policy for ${partner.name}`,
    approvalPolicyPage({ relationship, partner, provider, tenantName: viewer.tenant.name, csrf: viewer.session.csrf, ...(refused ?? {}) }),
    { status: refused ? 400 : 200, signedIn: { email: viewer.user.email, csrf: viewer.session.csrf } },
  );
}

/** `GET /portal/relationships/{partnerId}/approval-policy`: a global admin's view of a partner's approval policy (R28). */
export async function showApprovalPolicy(event: APIGatewayProxyEventV2, partnerId: string): Promise<HttpResult> {
  const viewer = await relationshipPageViewer(event);
  return 'tenant' in viewer ? approvalPolicyPageOf(viewer, partnerId) : viewer;
}

/**
 * R28 from the portal: a global administrator sets a partner's approval policy and default group
 * tag. Bad input changes nothing: the page comes back (400) saying what is wrong with each field.
 */
export async function portalSetApprovalPolicy(event: APIGatewayProxyEventV2, partnerId: string, form: ApprovalPolicyFormInput & { csrf?: string }): Promise<HttpResult> {
  const viewer = await requireAdmin(event, form.csrf);
  const read = readApprovalPolicyForm(form);
  if ('problems' in read) {
    const posted = { mode: form.mode, threshold: form.threshold, defaultGroupTag: form.defaultGroupTag };
    return approvalPolicyPageOf(viewer, partnerId, { posted, problems: read.problems });
  }
  await setApprovalPolicy(viewer.tenant.id, partnerId, read.policy, userActor(viewer, event));
  return redirect('/portal?done=approval-policy');
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
