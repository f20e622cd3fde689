import { actorRef, type Actor } from '#shared/domain/actor.ts';
import {
  claimDeadline,
  claimStatusOf,
  deviceRefOf,
  isFinal,
  movesDevice,
  selectForAction,
  summaryOf,
  type ClaimAction,
  type ClaimDeviceStatus,
  type ClaimStatus,
  type DeviceSelection,
} from '#shared/domain/device-claims.ts';
import { judgeRows, registrationRefusal, withAutopilotError, type Channel, type DeviceError, type DeviceInput } from '#shared/domain/devices.ts';
import { conflict, notFound, validationFailed } from '#shared/domain/errors.ts';
import { newId, nowIso } from '#shared/domain/ids.ts';
import { noticeEmail, webhookEvent, type OutboxMessage } from '#shared/domain/outbox-events.ts';
import type { Partner } from '#shared/domain/partner.ts';
import { commitChange } from '#shared/outbox/commit.ts';
import type { AuditInput } from '#shared/table/audit.ts';
import {
  CLAIM_CHANGED,
  ROWS_PER_CHUNK,
  chunkWritten,
  claimChanged,
  claimOpened,
  existingClaims,
  findMarkers,
  markerDeleted,
  markerPut,
  markerTaken,
  operatorLists,
  ownerChanged,
  readClaim,
  getClaims,
  listClaimsForOperators,
  listIncomingClaims,
  listOutgoingClaims,
  listPartnerClaims,
  type ClaimOwner,
  type ClaimRow,
  type DeviceClaim,
  type StoredClaim,
} from '#shared/table/device-claims.ts';
import { deviceDeregistered, deviceMoved, findRegistrations, getDevices, type Device } from '#shared/table/devices.ts';
import { encodeCursor, decodeCursor } from '#shared/table/page.ts';
import { listGlobalAdmins } from '#shared/table/directory.ts';
import { authorizationCheck, authorizationFor, type Authorization } from '#shared/table/relationships.ts';
import { getPartner } from '#shared/table/partners.ts';
import { failedBecause, transact, type Write } from '#shared/table/transact.ts';
import { publicRow, deviceOrigin, type SubmittedRow } from './submission.ts';

/**
 * Device claims (R26, S6): opening one, the owner's answers, the operators' decisions, the
 * claimant's withdrawal and the deadline, each a use case. What each party is shown is shaped here
 * too, so the privacy of R19 is in one place: the claimant never sees an owner tenant (nor an owner's
 * device ids or reasons), an owner sees the claimant partner's name, never the claimant tenant.
 */

/** Who claims: a partner for a tenant it is authorized for (R14, through its channel), or the tenant itself (proof of possession). */
export type Claimant = { kind: 'partner'; partner: Partner; tenantId: string; channel: Channel } | { kind: 'tenant'; tenantId: string };

export interface ClaimEvidence {
  reference: string;
  purchaseDate?: string;
  note?: string;
}

export interface ClaimRowResult {
  index: number;
  line?: number;
  status: 'claimed' | 'invalid';
  errors: DeviceError[];
}

/** A marker older than this whose claim does not exist is of an opening that died: it holds nothing. */
const ORPHAN_AFTER_MS = 10 * 60_000;
/** TransactWriteItems takes 100 items. */
const MAX_ITEMS = 100;

const NOT_REGISTERED: DeviceError = { code: 'device_not_registered', message: 'No device with these identifiers is registered' };
const ALREADY_HERE: DeviceError = { code: 'device_already_assigned', message: 'This device is already registered to this tenant' };
const PENDING: DeviceError = { code: 'claim_pending', message: 'This device is in another open claim' };
const HASH_NEEDED: DeviceError = { code: 'missing_identifier', field: 'hardwareHash', message: "A tenant's own claim names each device by the hardware hash captured on it (proof of possession)" };

/**
 * Opens a claim (R26): each row is judged as a registration's (R14 for a partner: refused on every
 * row, nothing claimed; its fields, R17; the same device twice), then by who holds it: no one
 * (`device_not_registered`), the claimant tenant (`device_already_assigned`), another open claim
 * (`claim_pending`). The others are claimed: their markers first (one open claim a device, many a
 * transaction, each holding or naming the devices taken meanwhile), then the claim, its owners'
 * parts, its chunks of rows, the audit events of the claimant and of each owner (R18), the
 * claimant partner's `device_claim.opened` and one email to each global admin of each owner (an
 * admin notice, `device_claim`), in one transaction (owners that do not fit follow, each whole). Nothing claimable: no claim.
 */
export async function openClaim(claimant: Claimant, rows: SubmittedRow[], evidence: ClaimEvidence, actor: Actor) {
  const { tenantId } = claimant;
  const channel: Channel = claimant.kind === 'partner' ? claimant.channel : 'api';
  const authorization = claimant.kind === 'partner' ? await authorizationFor(claimant.partner, tenantId) : undefined;
  const refusal = claimant.kind === 'partner' ? registrationRefusal(claimant.partner, channel, authorization!.status === 'active') : undefined;
  const verdicts = judgeRows(rows.map(({ device }) => ({ device, channel })), () => refusal);
  const results = new Map<number, ClaimRowResult>();
  const invalid = (index: number, errors: DeviceError[]) => results.set(index, { ...publicRow({ index, line: rows[index].line }), status: 'invalid', errors });
  verdicts.forEach((v, index) => {
    if (v.errors.length > 0) invalid(index, v.errors);
    else if (claimant.kind === 'tenant' && !v.identities.some((i) => i.field === 'hardwareHash')) invalid(index, [HASH_NEEDED]);
  });

  const registrations = refusal ? new Map() : await findRegistrations(verdicts.flatMap((v, index) => (results.has(index) ? [] : v.identities.map((i) => i.key))));
  const seen = new Set<string>();
  const candidates: { index: number; device: DeviceInput; deviceId: string; ownerTenantId: string; ownerPartnerId: string }[] = [];
  verdicts.forEach((v, index) => {
    if (results.has(index)) return;
    const holder = v.identities.map((i) => registrations.get(i.key)).find((r) => r !== undefined);
    if (!holder) return void invalid(index, [NOT_REGISTERED]);
    if (holder.tenantId === tenantId) return void invalid(index, [ALREADY_HERE]);
    if (seen.has(holder.deviceId)) return void invalid(index, [{ code: 'duplicate_in_submission', message: 'The same device appears earlier in this claim' }]);
    seen.add(holder.deviceId);
    candidates.push({ index, device: rows[index].device, deviceId: holder.deviceId, ownerTenantId: holder.tenantId, ownerPartnerId: holder.partnerId });
  });

  // One open claim a device: a marker of a claim that exists, or of one being opened right now, holds it.
  const markers = await findMarkers(candidates.map((c) => c.deviceId));
  const live = await existingClaims([...new Set([...markers.values()].map((m) => m.claimId))]);
  const now = Date.now();
  const orphanOf = new Map<string, string>();
  let claimable = candidates.filter((c) => {
    const marker = markers.get(c.deviceId);
    if (!marker) return true;
    if (!live.has(marker.claimId) && Date.parse(marker.at) < now - ORPHAN_AFTER_MS) {
      orphanOf.set(c.deviceId, marker.claimId);
      return true;
    }
    invalid(c.index, [PENDING]);
    return false;
  });

  const claimId = newId('dc');
  const at = nowIso();
  for (let start = 0; start < claimable.length; ) {
    let group = claimable.slice(start, start + MAX_ITEMS);
    for (;;) {
      const outcome = await transact(group.map((c) => markerPut(c.deviceId, claimId, at, orphanOf.get(c.deviceId))));
      if (outcome.ok) break;
      const taken = new Set(outcome.failed.filter((r) => r.startsWith('pending:')).map((r) => r.slice('pending:'.length)));
      if (taken.size === 0) throw new Error(`claim markers not written: ${outcome.failed.join(', ')}`);
      for (const c of group) if (taken.has(c.deviceId)) invalid(c.index, [PENDING]);
      claimable = claimable.filter((c) => !taken.has(c.deviceId));
      group = group.filter((c) => !taken.has(c.deviceId));
      if (group.length === 0) break;
    }
    start += group.length;
  }

  const answer = (claim?: DeviceClaim) => {
    const all = rows.map((_, index) => results.get(index) ?? { ...publicRow({ index, line: rows[index].line }), status: 'claimed' as const, errors: [] });
    const claimed = all.filter((r) => r.status === 'claimed').length;
    return {
      ...(claim ? { claim: claimantView(claim) } : {}),
      summary: { total: all.length, claimed, invalid: all.length - claimed },
      results: all.map((r) => ({ ...r, errors: r.errors.map(withAutopilotError) })),
    };
  };
  if (claimable.length === 0) return answer();

  // Rows sorted by owner, so an owner's devices share chunks and an answer touches few of them.
  const claimRows: ClaimRow[] = [...claimable]
    .sort((a, b) => a.ownerTenantId.localeCompare(b.ownerTenantId) || a.index - b.index)
    .map((c) => ({ index: c.index, deviceId: c.deviceId, ownerTenantId: c.ownerTenantId, ownerPartnerId: c.ownerPartnerId, deviceRef: deviceRefOf(c.device), status: 'open' }));
  const chunks: ClaimRow[][] = [];
  for (let i = 0; i < claimRows.length; i += ROWS_PER_CHUNK) chunks.push(claimRows.slice(i, i + ROWS_PER_CHUNK));
  const partner = claimant.kind === 'partner' ? claimant.partner : undefined;
  const summary = summaryOf(claimRows.map((r) => r.status));
  const ownerIds = [...new Set(claimRows.map((r) => r.ownerTenantId))];
  const claim: DeviceClaim = {
    id: claimId,
    claimantTenantId: tenantId,
    kind: claimant.kind,
    ...(partner ? { partnerId: partner.id, partnerName: partner.name, origin: await deviceOrigin(partner, authorization!, actor) } : {}),
    status: 'open',
    ...evidence,
    deadline: claimDeadline(at),
    createdAt: at,
    summary,
    chunkCount: chunks.length,
    ownerTenantIds: ownerIds,
    openedBy: actor,
    rev: 1,
  };
  const owners: ClaimOwner[] = ownerIds.map((ownerId) => ({
    claimId,
    tenantId: ownerId,
    kind: claim.kind,
    ...(partner ? { partnerName: partner.name } : {}),
    ...evidence,
    deadline: claim.deadline,
    createdAt: at,
    status: 'open',
    summary: summaryOf(claimRows.filter((r) => r.ownerTenantId === ownerId).map((r) => r.status)),
  }));
  const ownerAudit = (owner: ClaimOwner): AuditInput => ({ action: 'device_claim.opened', actor, tenantId: owner.tenantId, subject: claimId, details: { claimId, claimant: claimantName(claim), devices: owner.summary.claimed, reference: evidence.reference } });
  // One email per global admin of each owner (an admin notice: a retry resends to that admin only), at most 90 an owner as a held batch's.
  const adminsOf = new Map(await Promise.all(ownerIds.map(async (id) => [id, await listGlobalAdmins(id)] as const)));
  const ownerEmails = (owner: ClaimOwner): OutboxMessage[] =>
    adminsOf.get(owner.tenantId)!.map((admin) =>
      noticeEmail(admin.email, {
        kind: 'device_claim',
        tenantId: owner.tenantId,
        claimId,
        claimant: claim.kind === 'partner' ? claim.partnerName! : 'An organization holding the devices',
        count: owner.summary.claimed,
        reference: evidence.reference,
        ...(evidence.purchaseDate ? { purchaseDate: evidence.purchaseDate } : {}),
        ...(evidence.note ? { note: evidence.note } : {}),
        deadline: claim.deadline,
      }),
    );
  // An owner's part, its audit event and its admins' emails go in one transaction: as many owners a transaction as fit.
  const costOf = (owner: ClaimOwner) => 2 + adminsOf.get(owner.tenantId)!.length;
  const groups: ClaimOwner[][] = [[]];
  let room = MAX_ITEMS - 3 - chunks.length - 1; // the claim, its chunks, the claimant's audit event and webhook, one spare
  for (const owner of owners) {
    if (costOf(owner) > room) {
      groups.push([]);
      room = MAX_ITEMS - 1;
    }
    groups.at(-1)!.push(owner);
    room -= costOf(owner);
  }
  const [first, ...more] = groups;
  const outcome = await commitChange({
    at,
    writes: claimOpened(claim, first, chunks),
    audit: [
      { action: 'device_claim.opened', actor, tenantId, ...(partner ? { partnerId: partner.id } : {}), subject: claimId, details: { claimId, devices: summary.claimed, reference: evidence.reference } },
      ...first.map(ownerAudit),
    ],
    outbox: [
      ...(partner ? [webhookEvent('device_claim.opened', partner.id, { claimId, tenantId, partnerId: partner.id, reference: evidence.reference, deadline: claim.deadline, summary, actor: actorRef(actor) })] : []),
      ...first.flatMap(ownerEmails),
    ],
  });
  if (!outcome.ok) throw new Error(`claim not opened: ${outcome.failed.join(', ')}`);
  // More owners than one transaction holds: their parts follow, each with its audit and its admins' emails.
  for (const group of more) {
    const written = await commitChange({ at, writes: claimOpened(claim, group, []).slice(1), audit: group.map(ownerAudit), outbox: group.flatMap(ownerEmails) });
    if (!written.ok) throw new Error(`claim owners not written: ${written.failed.join(', ')}`);
  }
  return answer(claim);
}

/** How an owner is told who claims (R19): the partner's name, or that the devices' holder claims them. */
const claimantName = (claim: Pick<DeviceClaim, 'kind' | 'partnerName'>) => (claim.kind === 'partner' ? claim.partnerName! : 'The organization holding the devices');

/** API.md `claim`, as the claimant (its partner, its own tenant) sees it: no owner (R19). */
export function claimantView(claim: DeviceClaim) {
  return {
    id: claim.id,
    tenantId: claim.claimantTenantId,
    status: claim.status,
    reference: claim.reference,
    ...(claim.purchaseDate ? { purchaseDate: claim.purchaseDate } : {}),
    ...(claim.note ? { note: claim.note } : {}),
    deadline: claim.deadline,
    summary: claim.summary,
    createdAt: claim.createdAt,
    ...(claim.closedAt ? { closedAt: claim.closedAt } : {}),
  };
}

/** A claim as its owner sees it: its own part, and the claimant partner's name, never the claimant tenant (R19). */
export function ownerView(owner: ClaimOwner) {
  return {
    id: owner.claimId,
    direction: 'incoming' as const,
    claimant: owner.kind === 'partner' ? { type: 'partner' as const, partnerName: owner.partnerName! } : { type: 'device_holder' as const },
    status: owner.status,
    reference: owner.reference,
    ...(owner.purchaseDate ? { purchaseDate: owner.purchaseDate } : {}),
    ...(owner.note ? { note: owner.note } : {}),
    deadline: owner.deadline,
    summary: owner.summary,
    createdAt: owner.createdAt,
  };
}

/** A claimed device as the claimant sees it: its own reference for it, never the owner's device id or reasons (R19). */
const claimantRow = (row: ClaimRow) => ({ index: row.index, deviceRef: row.deviceRef, status: row.status, ...(row.decidedAt ? { decidedAt: row.decidedAt } : {}), ...(row.reason ? { reason: row.reason } : {}) });
/** A claimed device as its owner sees it: its own device id too, and its own reason. */
const ownerRow = (row: ClaimRow) => ({ ...claimantRow(row), deviceId: row.deviceId, ...(row.contestReason ? { contestReason: row.contestReason } : {}) });

const rowsOf = (stored: StoredClaim) => stored.chunks.flat().sort((a, b) => a.index - b.index);

/** A page of rows held in memory (a claim's 1000 at most), with a cursor bound to its list. */
async function rowPage<T>(rows: T[], page: { limit: number; cursor?: string; scope: string }) {
  const offset = page.cursor ? Number((await decodeCursor(page.cursor, page.scope)).offset) || 0 : 0;
  const items = rows.slice(offset, offset + page.limit);
  const next = offset + page.limit < rows.length ? await encodeCursor({ offset: offset + page.limit }, page.scope) : null;
  return { items, nextCursor: next };
}

/** A partner's own claim (another's is unknown, R19). */
export async function requirePartnerClaim(partnerId: string, claimId: string): Promise<StoredClaim> {
  const stored = await readClaim(claimId);
  if (!stored || stored.claim.partnerId !== partnerId) throw notFound('Claim');
  return stored;
}

/** A claim the tenant made, or one on its devices; anything else is unknown (R19). */
export async function requireTenantClaim(tenantId: string, claimId: string): Promise<{ stored: StoredClaim; side: 'claimant' | 'owner' }> {
  const stored = await readClaim(claimId);
  if (stored?.claim.claimantTenantId === tenantId) return { stored, side: 'claimant' };
  if (stored?.owners.has(tenantId)) return { stored, side: 'owner' };
  throw notFound('Claim');
}

/** The tenant's view of a claim: the claimant's, or the owner's part. */
export const tenantClaimView = (tenantId: string, found: { stored: StoredClaim; side: 'claimant' | 'owner' }) =>
  found.side === 'claimant' ? { ...claimantView(found.stored.claim), direction: 'outgoing' as const } : ownerView(found.stored.owners.get(tenantId)!);

/** `GET /v1/device-claims/{claimId}/devices`: the claimant's page of its claim's devices. */
export const claimantDevicesPage = (stored: StoredClaim, page: { limit: number; cursor?: string; scope: string }) => rowPage(rowsOf(stored).map(claimantRow), page);

/** The tenant's page of a claim's devices: all of them for the claimant, its own for an owner. */
export const tenantClaimDevicesPage = (tenantId: string, found: { stored: StoredClaim; side: 'claimant' | 'owner' }, page: { limit: number; cursor?: string; scope: string }) =>
  found.side === 'claimant' ? rowPage(rowsOf(found.stored).map(claimantRow), page) : rowPage(rowsOf(found.stored).filter((r) => r.ownerTenantId === tenantId).map(ownerRow), page);

/** An operator's view of a claim: both sides, their evidence, every device with both sides' reasons. */
export function operatorView(stored: StoredClaim) {
  const { claim } = stored;
  return {
    claim: { ...claimantView(claim), claimant: { kind: claim.kind, tenantId: claim.claimantTenantId, ...(claim.partnerId ? { partnerId: claim.partnerId, partnerName: claim.partnerName } : {}) } },
    owners: [...stored.owners.values()].map((o) => ({ tenantId: o.tenantId, status: o.status, summary: o.summary })),
    devices: rowsOf(stored).map((row) => ({ ...ownerRow(row), ownerTenantId: row.ownerTenantId, ownerPartnerId: row.ownerPartnerId })),
  };
}

/** A row's new state, with the reason that goes with it. */
interface RowChange {
  row: ClaimRow;
  to: ClaimDeviceStatus;
}

/** Who changes rows, and how it is told in the audit and the events. */
interface ChangeContext {
  action: ClaimAction;
  actor: Actor;
  at: string;
  reason?: string;
}

class ClaimChanged extends Error {}

/**
 * Writes rows' new states, owner by owner, many a transaction: each holds the devices that move
 * (deviceMoved: the owner's goes, the claimant's comes, the identities follow; a tenant's own claim
 * frees the device instead: no partner registered it for the claimant), the markers of devices
 * done with, the chunks, the owner's part, the claim (only as read: its `rev`), the operators'
 * lists, an audit event on each side (R18), `devices.transferred` for the partner that had
 * registered moved devices, and the claimant partner's `device_claim.updated` (and `.closed`). A
 * device gone meanwhile (its owner released it) does not move: it is withdrawn, saying why.
 */
async function writeChanges(stored: StoredClaim, changes: RowChange[], context: ChangeContext, committed: Set<number>): Promise<void> {
  const { claim } = stored;
  const moving = changes.filter((c) => movesDevice(c.to));
  // The devices that move, and those handed to operators at the deadline (their partner, and its provider, are told: S6).
  const devices = await getDevices(changes.filter((c) => movesDevice(c.to) || c.to === 'uncontested').map((c) => c.row.deviceId));
  const authorization = moving.length > 0 ? await claimantAuthorization(claim) : undefined;
  const pending = [...changes].sort((a, b) => a.row.ownerTenantId.localeCompare(b.row.ownerTenantId) || a.row.index - b.row.index);
  const chunkOf = new Map<number, number>();
  stored.chunks.forEach((rows, n) => rows.forEach((r) => chunkOf.set(r.index, n)));

  while (pending.length > 0) {
    // One owner's changes, as many as a transaction holds.
    const owner = pending[0].row.ownerTenantId;
    const group: RowChange[] = [];
    const partners = new Set<string>();
    const chunks = new Set<number>();
    let items = 13; // the claim, the owner's part, two operator lists, two audit events, the claimant's events, the authorization check
    for (const change of pending) {
      if (change.row.ownerTenantId !== owner) break;
      const device = devices.get(change.row.deviceId);
      const told = movesDevice(change.to) || change.to === 'uncontested';
      // A partner told (devices.transferred, or the owner's device_claim.updated) and its provider: two outbox items.
      const cost = (movesDevice(change.to) ? (device ? device.identities.length + 2 : 0) : 0) + (isFinal(change.to) ? 1 : 0) + (chunks.has(chunkOf.get(change.row.index)!) ? 0 : 1) + (told && !partners.has(change.row.ownerPartnerId) ? 2 : 0);
      if (items + cost > MAX_ITEMS) break;
      items += cost;
      group.push(change);
      chunks.add(chunkOf.get(change.row.index)!);
      if (told) partners.add(change.row.ownerPartnerId);
    }
    pending.splice(0, group.length);
    await writeGroup(stored, group, devices, chunkOf, context, authorization);
    for (const change of group) committed.add(change.row.index);
  }
}

/** Why nothing moved: the claimant partner lost its authorization for the claimant tenant (R14 at write time). */
const NOT_AUTHORIZED = 'The partner that made this claim is no longer authorized for the tenant it claims for: no device moved, the claim is as it was';

/**
 * R14, R22 at write time: a partner's claim moves devices only while the partner is still
 * authorized for the claimant tenant (its relationship, or for a provider its grant through a
 * reseller). Read once per answer; each write carries it as a condition check. A tenant's own
 * claim needs none (the device is freed for it, nobody registers it). Not authorized: 409.
 */
async function claimantAuthorization(claim: DeviceClaim): Promise<Authorization | undefined> {
  if (claim.kind !== 'partner') return undefined;
  const partner = await getPartner(claim.partnerId!);
  const authorization = partner ? await authorizationFor(partner, claim.claimantTenantId) : undefined;
  if (authorization?.status !== 'active') throw conflict(NOT_AUTHORIZED);
  return authorization;
}

async function writeGroup(stored: StoredClaim, group: RowChange[], devices: Map<string, Device>, chunkOf: Map<number, number>, context: ChangeContext, authorization?: Authorization): Promise<void> {
  const { claim } = stored;
  const { at, actor } = context;
  const owner = group[0].row.ownerTenantId;
  // A device gone since it was claimed (its owner released it) cannot move: withdrawn, saying why.
  const applied = group.map((c): RowChange & { device?: Device; newDevice?: Device } => {
    if (!movesDevice(c.to)) return c;
    const device = devices.get(c.row.deviceId);
    if (!device || device.tenantId !== owner) return { row: c.row, to: 'withdrawn' };
    const newDevice: Device | undefined =
      claim.kind === 'partner'
        ? {
            id: newId('d'),
            ...Object.fromEntries((['serialNumber', 'manufacturer', 'model', 'hardwareHash', 'productKeyId'] as const).filter((f) => device[f] !== undefined).map((f) => [f, device[f]])),
            tenantId: claim.claimantTenantId,
            partnerId: claim.partnerId!,
            registeredAt: at,
            identities: device.identities,
            ...(claim.origin ? { origin: claim.origin } : {}),
          }
        : undefined;
    return { ...c, device, ...(newDevice ? { newDevice } : {}) };
  });
  const updated = new Map<number, ClaimRow>();
  for (const c of applied) {
    const gone = movesDevice(c.to) === false && c.to === 'withdrawn' && movesDevice(group.find((g) => g.row === c.row)!.to);
    updated.set(c.row.index, {
      ...c.row,
      status: c.to,
      decidedAt: at,
      ...(context.action === 'contest' && context.reason ? { contestReason: context.reason } : {}),
      // The claimant sees an operator's reason; an owner's own words (a release's note: its audit only; a contest's reason) stay with the owner and operators (R19).
      ...(gone ? { reason: 'The device is no longer registered to its owner; it can be registered anew' } : (context.action === 'grant' || context.action === 'deny') && context.reason ? { reason: context.reason } : {}),
    });
  }
  const chunks = stored.chunks.map((rows) => rows.map((r) => updated.get(r.index) ?? r));
  const touched = [...new Set(group.map((c) => chunkOf.get(c.row.index)!))];
  const all = chunks.flat();
  const summary = summaryOf(all.map((r) => r.status));
  const ownerSummary = summaryOf(all.filter((r) => r.ownerTenantId === owner).map((r) => r.status));
  const status = claimStatusOf(summary);

  const moved = applied.filter((c) => c.device && movesDevice(c.to));
  const writes: Write[] = [
    ...(authorization && moved.some((c) => c.newDevice) ? [authorizationCheck(authorization)] : []),
    ...moved.flatMap((c) => (c.newDevice ? deviceMoved(c.device!, c.newDevice) : deviceDeregistered(c.device!))),
    ...applied.filter((c) => isFinal(c.to)).map((c) => markerDeleted(c.row.deviceId, claim.id)),
    ...touched.map((n) => chunkWritten(claim.id, n, chunks[n])),
    claimChanged(claim, summary, at),
    ownerChanged(claim.id, owner, ownerSummary),
    ...operatorLists(claim, summary),
  ];
  const indexes = applied.map((c) => ({ index: c.row.index, status: updated.get(c.row.index)!.status }));
  const verb = `device_claim.${context.action === 'expire' ? 'deadline_passed' : context.action === 'release' ? 'released' : context.action === 'contest' ? 'contested' : context.action === 'grant' ? 'granted' : context.action === 'deny' ? 'denied' : 'withdrawn'}`;
  const newIds = moved.flatMap((c) => (c.newDevice ? [c.newDevice.id] : []));
  const audit: AuditInput[] = [
    // The owner's trail: its own devices; never the claimant tenant (R19).
    { action: verb, actor, tenantId: owner, subject: claim.id, details: { claimId: claim.id, claimant: claimantName(claim), devices: indexes, deviceIds: applied.map((c) => c.row.deviceId), ...(context.reason ? { reason: context.reason } : {}) } },
    // The claimant's trail: its devices by index and the devices it now has; never the owner (R19).
    { action: verb, actor, tenantId: claim.claimantTenantId, ...(claim.partnerId ? { partnerId: claim.partnerId } : {}), subject: claim.id, details: { claimId: claim.id, devices: indexes, ...(newIds.length ? { deviceIds: newIds } : {}) } },
  ];
  const ref = actorRef(actor);
  const outbox: OutboxMessage[] = [];
  // The owner's side (R19: its tenant and its devices only): the partner that had registered them, and a reseller's provider (R7, R8), as devices.* events go.
  const providerOf = (c: { row: ClaimRow }) => devices.get(c.row.deviceId)?.origin?.provider?.id;
  for (const [partnerId, ofPartner] of Map.groupBy(moved, (c) => c.row.ownerPartnerId)) {
    const data = { tenantId: owner, partnerId, deviceIds: ofPartner.map((c) => c.row.deviceId), claimId: claim.id, actor: ref };
    outbox.push(webhookEvent('devices.transferred', partnerId, data));
    for (const [providerId, ofProvider] of Map.groupBy(ofPartner, providerOf)) if (providerId) outbox.push(webhookEvent('devices.transferred', providerId, { ...data, deviceIds: ofProvider.map((c) => c.row.deviceId) }));
  }
  // S6: at the deadline the owner's partner hears that its devices are with operators, as the claimant's does.
  for (const [partnerId, ofPartner] of Map.groupBy(applied.filter((c) => c.to === 'uncontested'), (c) => c.row.ownerPartnerId)) {
    const data = { side: 'owner' as const, claimId: claim.id, tenantId: owner, partnerId, status: 'uncontested' as const, deviceIds: ofPartner.map((c) => c.row.deviceId), actor: ref };
    outbox.push(webhookEvent('device_claim.updated', partnerId, data));
    for (const [providerId, ofProvider] of Map.groupBy(ofPartner, providerOf)) if (providerId) outbox.push(webhookEvent('device_claim.updated', providerId, { ...data, deviceIds: ofProvider.map((c) => c.row.deviceId) }));
  }
  if (claim.partnerId) {
    const base = { claimId: claim.id, tenantId: claim.claimantTenantId, partnerId: claim.partnerId };
    outbox.push(webhookEvent('device_claim.updated', claim.partnerId, { ...base, status, summary, devices: indexes, actor: ref }));
    if (status === 'closed') outbox.push(webhookEvent('device_claim.closed', claim.partnerId, { ...base, summary, actor: ref }));
  }
  const outcome = await commitChange({ at, writes, audit, outbox });
  if (failedBecause(outcome, CLAIM_CHANGED)) throw new ClaimChanged();
  if (failedBecause(outcome, 'not_authorized')) throw conflict(NOT_AUTHORIZED);
  if (!outcome.ok) {
    // A device went (or moved) meanwhile: read again, and write the group again without moving it.
    throw new ClaimChanged();
  }
  stored.chunks = chunks;
  stored.claim = { ...claim, summary, status, rev: claim.rev + 1, ...(status === 'closed' ? { closedAt: at } : {}) };
  const ownerPart = stored.owners.get(owner);
  if (ownerPart) stored.owners.set(owner, { ...ownerPart, summary: ownerSummary, status: claimStatusOf(ownerSummary) });
}

/**
 * Applies an action to the selected rows of a claim: reads the claim, judges, writes; when another
 * writer changed the claim in between (its `rev`), reads it again and judges again, so of two
 * racing answers one wins and the other sees the outcome. A selection whose devices were all
 * answered already is a conflict (409).
 */
async function applyAction(
  claimId: string,
  rowsFor: (stored: StoredClaim) => ClaimRow[],
  selection: DeviceSelection,
  context: Omit<ChangeContext, 'at'>,
  check: (stored: StoredClaim, at: string) => void,
): Promise<StoredClaim> {
  // The rows this call itself wrote (another writer may have put a row in the same state: that is not this call's doing).
  const done = new Set<number>();
  for (let attempt = 1; ; attempt++) {
    const stored = await readClaim(claimId);
    if (!stored) throw notFound('Claim');
    const at = nowIso();
    check(stored, at);
    const rows = rowsFor(stored);
    const { changes, unknown, notApplicable } = selectForAction(rows, selection, context.action);
    if (unknown.length > 0) throw validationFailed(unknown.map((i) => ({ path: 'devices', message: `${i} is not the index of a device of this claim you may answer` })));
    const refused = notApplicable.filter((i) => !done.has(i));
    if (refused.length > 0) throw conflict(`Devices ${refused.join(', ')} of this claim were answered already`);
    if (changes.length === 0) {
      if (done.size > 0) return stored;
      throw conflict('No device of this claim is waiting for this answer');
    }
    try {
      await writeChanges(stored, changes, { ...context, at }, done);
      return stored;
    } catch (error) {
      if (!(error instanceof ClaimChanged) || attempt >= 5) throw error;
      // What this call wrote before the race stays written (`done`); the rest is judged again.
    }
  }
}

/** R26: the owner's answer, before the deadline: release (the devices move) or contest (with a reason: to operators at once). */
export async function respondToClaim(tenantId: string, claimId: string, answer: { devices: DeviceSelection; response: 'release' | 'contest'; reason?: string }, actor: Actor) {
  if (answer.response === 'contest' && !answer.reason) throw validationFailed([{ path: 'reason', message: 'a contest needs a reason' }]);
  const stored = await applyAction(
    claimId,
    (s) => rowsOf(s).filter((r) => r.ownerTenantId === tenantId),
    answer.devices,
    { action: answer.response, actor, ...(answer.reason ? { reason: answer.reason } : {}) },
    (s, at) => {
      if (!s.owners.has(tenantId)) throw notFound('Claim');
      if (at >= s.claim.deadline) throw conflict('The deadline of this claim has passed: it is with operators');
    },
  );
  return ownerView(stored.owners.get(tenantId)!);
}

/** R26: an operator grants (the devices move) or denies contested and uncontested devices, with a reason. */
export async function decideClaim(claimId: string, decision: { devices: DeviceSelection; decision: 'grant' | 'deny'; reason: string }, actor: Actor) {
  const stored = await applyAction(claimId, rowsOf, decision.devices, { action: decision.decision, actor, reason: decision.reason }, () => undefined);
  return operatorView(stored);
}

/** The claimant withdraws its claim: every device not yet decided is withdrawn. */
export async function withdrawClaim(claimant: { partnerId?: string; tenantId?: string }, claimId: string, actor: Actor) {
  const stored = await applyAction(claimId, rowsOf, 'all', { action: 'withdraw', actor }, (s) => {
    const own = claimant.partnerId ? s.claim.partnerId === claimant.partnerId : s.claim.claimantTenantId === claimant.tenantId && s.claim.kind === 'tenant';
    if (!own) throw notFound('Claim');
  });
  return claimantView(stored.claim);
}

/** S6: at the deadline what the owners left unanswered goes to operators as `uncontested`. Answers whether it did anything. */
export async function passClaimDeadline(claimId: string, now: string, actor: Actor): Promise<boolean> {
  try {
    await applyAction(claimId, rowsOf, 'all', { action: 'expire', actor }, (s) => {
      if (s.claim.deadline > now) throw conflict('not due');
    });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'conflict' || (error as { code?: string }).code === 'not_found') return false;
    throw error;
  }
}

/** The claim's state, for the list filters. */
export type { ClaimStatus };

/** `GET /v1/device-claims`: a page of the partner's claims as it sees them. */
export async function partnerClaimsPage(partnerId: string, filter: { tenantId?: string; status?: ClaimStatus }, page: { limit: number; cursor?: string; scope: string }) {
  const found = await listPartnerClaims(partnerId, filter, page);
  return { items: found.items.map(claimantView), nextCursor: found.nextCursor };
}

/** `GET /v1/tenant/device-claims`: incoming (the tenant's own part of each, R19) or outgoing. */
export async function tenantClaimsPage(tenantId: string, direction: 'incoming' | 'outgoing', page: { limit: number; cursor?: string; scope: string }) {
  if (direction === 'incoming') {
    const found = await listIncomingClaims(tenantId, page);
    return { items: found.items.map(ownerView), nextCursor: found.nextCursor };
  }
  const found = await listOutgoingClaims(tenantId, page);
  return { items: found.items.map((claim) => ({ ...claimantView(claim), direction: 'outgoing' as const })), nextCursor: found.nextCursor };
}

/** `GET /ops/device-claims?status=`: the claims with devices of that kind to decide, oldest first. */
export async function operatorClaimsPage(list: 'contested' | 'uncontested', page: { limit: number; cursor?: string; scope: string }) {
  const found = await listClaimsForOperators(list, page);
  const claims = await getClaims(found.items);
  const items = found.items.flatMap((id) => {
    const claim = claims.get(id);
    return claim ? [{ ...claimantView(claim), claimant: { kind: claim.kind, tenantId: claim.claimantTenantId, ...(claim.partnerId ? { partnerId: claim.partnerId, partnerName: claim.partnerName } : {}) } }] : [];
  });
  return { items, nextCursor: found.nextCursor };
}

/** `GET /ops/device-claims/{claimId}`. */
export async function requireOperatorClaim(claimId: string) {
  const stored = await readClaim(claimId);
  if (!stored) throw notFound('Claim');
  return operatorView(stored);
}
