import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { AcceptRefused } from '#shared/consent/accept-consent.ts';
import { approveHeldBatch, rejectHeldBatch, unblockPartner } from '#shared/consent/held-batches.ts';
import { approvalPolicyOf } from '#shared/domain/approval-policy.ts';
import { acceptRefusal } from '#shared/domain/consent.ts';
import { isGlobalAdministrator } from '#shared/domain/directory.ts';
import { effectiveApproval } from '#shared/domain/held-batches.ts';
import { nowIso } from '#shared/domain/ids.ts';
import type { Partner } from '#shared/domain/partner.ts';
import type { Relationship } from '#shared/domain/relationship.ts';
import { checkFormPost } from '#shared/http/session.ts';
import type { HttpResult } from '#shared/http/response.ts';
import { getItems } from '#shared/table/batch.ts';
import { getBatch, type Batch } from '#shared/table/batches.ts';
import { partnerRead } from '#shared/table/partners.ts';
import { authorizationFor, relationshipRead } from '#shared/table/relationships.ts';
import { html } from '#shared/util/html.ts';
import { notFoundPage, refusal, userActor, viewerOf, type Viewer } from './consent-flow.ts';
import { refusalPage } from './consent-views.ts';
import { approvedPage, heldBatchPage, rejectedPage, type HeldBatchSubject } from './held-batch-views.ts';
import { page, redirect } from './layout.ts';
import { requireAdmin } from './portal.ts';

/*
 * `/portal/batches/{batchId}` (R27): a held batch, shown to a signed-in global admin of its tenant,
 * with the one form that approves it (the acceptance of the partner too when it has none: the
 * consent's "Yes" and every rule of R1-R9, through acceptConsent) or rejects it, optionally
 * blocking the partner. Anyone else signed in gets the R1 or R5 page; nothing changes.
 */

interface HeldBatchContext {
  viewer: Viewer;
  batch: Batch & { partnerId: string };
  partner: Partner;
  provider?: Partner;
  relationship?: Relationship;
}

const signedIn = (viewer: Viewer) => ({ signedIn: { email: viewer.user.email, csrf: viewer.session.csrf } });

/**
 * The batch and who looks at it, or the page that answers instead: sign in first; a batch that is
 * not a held one is a 404; one of another tenant the R5 page, a non-admin the R1 page (R19: the
 * batch's details are never shown to them).
 */
async function loadHeldBatch(event: APIGatewayProxyEventV2, batchId: string, viewer: Viewer | undefined): Promise<HeldBatchContext | HttpResult> {
  if (!viewer) return redirect(`/signin?next=${encodeURIComponent(`/portal/batches/${batchId}`)}`);
  const batch = await getBatch(batchId);
  if (!batch?.partnerId || !batch.approval) throw notFoundPage();
  const { partner, relationship } = await getItems({ partner: partnerRead(batch.partnerId), relationship: relationshipRead(batch.partnerId, batch.tenantId) });
  if (!partner) throw notFoundPage();
  if (batch.tenantId !== viewer.tenant.id) return refusal('wrong_tenant', partner, viewer);
  if (!isGlobalAdministrator(viewer.user)) return refusal('not_global_admin', partner, viewer);
  const provider = partner.providerId ? (await getItems({ provider: partnerRead(partner.providerId) })).provider : undefined;
  return { viewer, batch: batch as Batch & { partnerId: string }, partner, provider, relationship: relationship?.tenantId === viewer.tenant.id ? relationship : undefined };
}

/** What the page shows: whether approving is also the consent, and whether this admin may give it (R9). */
async function subjectOf(context: HeldBatchContext): Promise<HeldBatchSubject> {
  const { viewer, batch, partner, provider } = context;
  const now = nowIso();
  const authorization = await authorizationFor(partner, batch.tenantId);
  const withConsent = authorization.status !== 'active';
  const reason = withConsent ? acceptRefusal({ partner, user: viewer.user, tenant: viewer.tenant, now }) : undefined;
  return {
    batch,
    partner,
    ...(provider ? { provider } : {}),
    organization: viewer.tenant,
    withConsent,
    ...(reason ? { cannotApprove: html`<strong>You cannot approve this batch.</strong> ${refusalPage(reason, partner).body}` } : {}),
    status: effectiveApproval(batch.approval!, now),
    ...(withConsent ? {} : { policy: approvalPolicyOf(authorization.relationship) }),
  };
}

/** `GET /portal/batches/{batchId}`. */
export async function showHeldBatch(event: APIGatewayProxyEventV2, batchId: string): Promise<HttpResult> {
  const context = await loadHeldBatch(event, batchId, await viewerOf(event));
  if (!('viewer' in context)) return context;
  const subject = await subjectOf(context);
  return page(`${context.partner.name}: devices to approve`, heldBatchPage(subject, { csrf: context.viewer.session.csrf }), signedIn(context.viewer));
}

/**
 * `POST /portal/batches/{batchId}`: approve (R27; with the consent's "Yes" when the partner is not
 * authorized, R3) or reject, optionally blocking the partner. A batch decided or expired meanwhile
 * is a 409 page saying which (HeldBatchDecided); an admin who may not accept this partner gets its
 * refusal page (R9), and nothing changes.
 */
export async function decideHeldBatch(event: APIGatewayProxyEventV2, batchId: string, form: { csrf?: string; action: 'approve' | 'reject'; confirm?: 'yes'; block?: 'yes' }): Promise<HttpResult> {
  const viewer = await viewerOf(event);
  if (viewer) checkFormPost(event, viewer.session, form.csrf);
  const context = await loadHeldBatch(event, batchId, viewer);
  if (!('viewer' in context)) return context;
  const { batch, partner, relationship } = context;
  // R30: an approval that is also the acceptance records how the admin had signed in.
  const approver = { user: context.viewer.user, tenant: context.viewer.tenant, actor: userActor(context.viewer, event), signedInWith: context.viewer.signedInWith };
  if (form.action === 'reject') {
    // Blocking stops holds without consent (R27): a batch the approval policy held (R28) is rejected without it.
    const block = form.block === 'yes' && batch.approval?.reason !== 'approval_policy';
    await rejectHeldBatch(batch, partner, approver, { block });
    return page('The batch is rejected', rejectedPage(partner, block), signedIn(context.viewer));
  }
  const subject = await subjectOf(context);
  if (subject.withConsent && subject.status === 'pending') {
    const reason = acceptRefusal({ partner, user: context.viewer.user, tenant: context.viewer.tenant, now: nowIso() });
    if (reason) return refusal(reason, partner, context.viewer);
    if (form.confirm !== 'yes') {
      return page(`${partner.name}: devices to approve`, heldBatchPage(subject, { csrf: context.viewer.session.csrf, error: `Nothing was approved: tick "Yes" to authorize ${partner.name}, then choose Approve.` }), { status: 400, ...signedIn(context.viewer) });
    }
  }
  try {
    const { relationship: granted } = await approveHeldBatch(batch, partner, approver, relationship);
    return page('The devices are approved', approvedPage(partner, batch, granted !== undefined), signedIn(context.viewer));
  } catch (error) {
    if (error instanceof AcceptRefused) return refusal(error.reason, partner, context.viewer);
    throw error;
  }
}

/** `POST /portal/hold-blocks/{partnerId}/remove` (R27): a global admin unblocks a partner. */
export async function portalUnblockPartner(event: APIGatewayProxyEventV2, partnerId: string, form: { csrf?: string }): Promise<HttpResult> {
  const viewer = await requireAdmin(event, form.csrf);
  await unblockPartner(viewer.tenant.id, partnerId, userActor(viewer, event));
  return redirect('/portal?done=unblocked');
}
