import type { Actor } from '#shared/domain/actor.ts';
import { claimStatusOf, type ClaimDeviceStatus, type ClaimStatus, type ClaimSummary } from '#shared/domain/device-claims.ts';
import { batchGet } from './batch.ts';
import { tableName } from './client.ts';
import type { DeviceOrigin } from './devices.ts';
import { fieldsOf, pick } from './items.ts';
import { claimKeys, claimMarkerKeys, dueKeys } from './keys.ts';
import { keyQuery, queryAll, queryPage, type Page, type PageRequest } from './page.ts';
import type { Write } from './transact.ts';

/**
 * Device claims (R26) in the table. A claim's partition holds the claim, one item per owner tenant
 * (the owner's part: its counts and a copy of what it is shown, so its list reads nothing else),
 * the chunks of device rows (96 a chunk, rows sorted by owner), and the operators' list items. Every
 * change to a claim's rows is one transaction conditioned on the claim's `rev`: the claim is the
 * lock, so of two racing answers one wins and the other reads the outcome again. One marker item per
 * claimed device (`attribute_not_exists`) keeps a device in one open claim at a time.
 */

export type ClaimantKind = 'partner' | 'tenant';

export interface DeviceClaim {
  id: string;
  /** The tenant the devices are claimed for: never shown to an owner (R19). */
  claimantTenantId: string;
  kind: ClaimantKind;
  /** The claimant partner (absent when the tenant's own admin or key claims, with proof of possession). */
  partnerId?: string;
  partnerName?: string;
  status: ClaimStatus;
  reference: string;
  purchaseDate?: string;
  note?: string;
  deadline: string;
  createdAt: string;
  closedAt?: string;
  summary: ClaimSummary;
  chunkCount: number;
  /** The owner tenants (never answered to the claimant, R19). */
  ownerTenantIds: string[];
  /** What a moved device's new tenant sees of who registered it (R23): the claimant partner. */
  origin?: DeviceOrigin;
  openedBy: Actor;
  rev: number;
}

/** An owner tenant's part of a claim: what its admins see (the claimant partner's name, never the claimant tenant's, R19). */
export interface ClaimOwner {
  claimId: string;
  tenantId: string;
  kind: ClaimantKind;
  partnerName?: string;
  reference: string;
  purchaseDate?: string;
  note?: string;
  deadline: string;
  createdAt: string;
  status: ClaimStatus;
  summary: ClaimSummary;
}

/** One claimed device: where it is in the claim, whose it is, and its state. */
export interface ClaimRow {
  index: number;
  deviceId: string;
  ownerTenantId: string;
  /** The partner that registered it in the owner tenant (`devices.transferred` goes there). */
  ownerPartnerId: string;
  deviceRef: string;
  status: ClaimDeviceStatus;
  decidedAt?: string;
  /** The owner's reason to contest (seen by the owner and operators only). */
  contestReason?: string;
  /** An operator's reason, or why a device could not move. */
  reason?: string;
}

export interface StoredClaim {
  claim: DeviceClaim;
  owners: Map<string, ClaimOwner>;
  /** Every row, by chunk number. */
  chunks: ClaimRow[][];
}

const CLAIM_FIELDS = /* @__PURE__ */ fieldsOf<DeviceClaim>()([
  'id', 'claimantTenantId', 'kind', 'partnerId', 'partnerName', 'status', 'reference', 'purchaseDate', 'note', 'deadline', 'createdAt', 'closedAt', 'summary', 'chunkCount',
  'ownerTenantIds', 'origin', 'openedBy', 'rev',
]);
const OWNER_FIELDS = /* @__PURE__ */ fieldsOf<ClaimOwner>()(['claimId', 'tenantId', 'kind', 'partnerName', 'reference', 'purchaseDate', 'note', 'deadline', 'createdAt', 'status', 'summary']);

export const toClaim = (item: Record<string, unknown>): DeviceClaim => pick(item, CLAIM_FIELDS);
export const toClaimOwner = (item: Record<string, unknown>): ClaimOwner => pick(item, OWNER_FIELDS);

/** Rows per chunk item (well under 400 KB: a row holds ids and a short reference, no hash). */
export const ROWS_PER_CHUNK = 96;

const claimItem = (claim: DeviceClaim) => ({
  ...claimKeys.key(claim.id),
  type: 'deviceClaim',
  ...claimKeys.indexes(claim),
  ...(claim.status === 'open' ? dueKeys.indexes('claim', claim.deadline, claimKeys.key(claim.id)) : {}),
  ...claim,
});

/** The writes that open a claim: the claim (new), each owner's part, the chunks of rows. */
export function claimOpened(claim: DeviceClaim, owners: ClaimOwner[], chunks: ClaimRow[][]): Write[] {
  return [
    { Put: { TableName: tableName(), Item: claimItem(claim), ConditionExpression: 'attribute_not_exists(pk)' } },
    ...owners.map((owner): Write => ({ Put: { TableName: tableName(), Item: { ...claimKeys.owner(claim.id, owner.tenantId), type: 'deviceClaimOwner', ...claimKeys.ownerIndexes(owner), ...owner } } })),
    ...chunks.map((rows, n) => chunkWritten(claim.id, n, rows)),
  ];
}

export const chunkWritten = (claimId: string, n: number, rows: ClaimRow[]): Write => ({ Put: { TableName: tableName(), Item: { ...claimKeys.chunk(claimId, n), type: 'deviceClaimChunk', rows } } });

/** Why a marker could not be written: the device is in another open claim. */
export const markerTaken = (deviceId: string) => `pending:${deviceId}`;

/**
 * The marker of a device in a claim: only if the device is in no other open claim, or in one that
 * never committed (`orphanOf`: a claim whose opening died after its markers, found stale).
 */
export function markerPut(deviceId: string, claimId: string, at: string, orphanOf?: string): Write {
  return {
    ifConditionFails: markerTaken(deviceId),
    Put: {
      TableName: tableName(),
      Item: { ...claimMarkerKeys.key(deviceId), type: 'deviceClaimMarker', claimId, at },
      ConditionExpression: orphanOf ? 'attribute_not_exists(pk) OR claimId = :orphan' : 'attribute_not_exists(pk)',
      ...(orphanOf ? { ExpressionAttributeValues: { ':orphan': orphanOf } } : {}),
    },
  };
}

/** A device's marker goes when its state in the claim is final. */
export const markerDeleted = (deviceId: string, claimId: string): Write => ({
  Delete: { TableName: tableName(), Key: claimMarkerKeys.key(deviceId), ConditionExpression: 'attribute_not_exists(pk) OR claimId = :claim', ExpressionAttributeValues: { ':claim': claimId } },
});

/** Why a change of a claim did not commit: someone changed it since it was read. */
export const CLAIM_CHANGED = 'claim_changed';

/**
 * The claim after a change of its rows: the new summary and state, only if it is still as read
 * (`rev`); off the due index once no device waits for its owner (S6), closed when nothing is left.
 */
export function claimChanged(claim: DeviceClaim, summary: ClaimSummary, at: string): Write {
  const status = claimStatusOf(summary);
  const leavesDue = status !== 'open';
  return {
    ifConditionFails: CLAIM_CHANGED,
    Update: {
      TableName: tableName(),
      Key: claimKeys.key(claim.id),
      UpdateExpression: `SET #summary = :summary, #status = :status, #rev = :next${status === 'closed' ? ', closedAt = :at' : ''}${leavesDue ? ' REMOVE dueKind, dueAt' : ''}`,
      ConditionExpression: '#rev = :rev',
      ExpressionAttributeNames: { '#summary': 'summary', '#status': 'status', '#rev': 'rev' },
      ExpressionAttributeValues: { ':summary': summary, ':status': status, ':rev': claim.rev, ':next': claim.rev + 1, ...(status === 'closed' ? { ':at': at } : {}) },
    },
  };
}

/** An owner's part after a change (the claim's `rev` already holds the change to one writer). */
export const ownerChanged = (claimId: string, tenantId: string, summary: ClaimSummary): Write => ({
  Update: {
    TableName: tableName(),
    Key: claimKeys.owner(claimId, tenantId),
    UpdateExpression: 'SET #summary = :summary, #status = :status',
    ExpressionAttributeNames: { '#summary': 'summary', '#status': 'status' },
    ExpressionAttributeValues: { ':summary': summary, ':status': claimStatusOf(summary) },
  },
});

/** The operators' list items of a claim as its summary says: on a list while it has devices of that kind. */
export function operatorLists(claim: DeviceClaim, summary: ClaimSummary): Write[] {
  return (['contested', 'uncontested'] as const).map((list): Write =>
    summary[list] > 0
      ? { Put: { TableName: tableName(), Item: { ...claimKeys.operators(claim.id, list), type: 'deviceClaimOps', claimId: claim.id, ...claimKeys.operatorsIndexes({ list, createdAt: claim.createdAt, claimId: claim.id }) } } }
      : { Delete: { TableName: tableName(), Key: claimKeys.operators(claim.id, list) } },
  );
}

/** A claim and all of it, in one Query of its partition (strongly consistent). */
export async function readClaim(claimId: string): Promise<StoredClaim | undefined> {
  if (!/^dc_[0-9a-f]{24}$/.test(claimId)) return undefined;
  const items = await queryAll(keyQuery(claimKeys.queryClaim(claimId), { consistent: true }));
  const claimItem = items.find((item) => item.sk === 'CLAIM');
  if (!claimItem) return undefined;
  const claim = toClaim(claimItem);
  const owners = new Map(items.filter((item) => String(item.sk).startsWith('OWNER#')).map((item) => [String(item.tenantId), toClaimOwner(item)]));
  const chunks: ClaimRow[][] = [];
  for (const item of items) {
    const match = /^CHUNK#(\d+)$/.exec(String(item.sk));
    if (match) chunks[Number(match[1])] = item.rows as ClaimRow[];
  }
  return { claim, owners, chunks: Array.from({ length: claim.chunkCount }, (_, n) => chunks[n] ?? []) };
}

/** The claims the markers of these devices name, by device: who holds each device in a claim now. */
export async function findMarkers(deviceIds: string[]): Promise<Map<string, { claimId: string; at: string }>> {
  const items = await batchGet([...new Set(deviceIds)].map(claimMarkerKeys.key));
  return new Map(items.map((item) => [String(item.pk).slice('CLAIMDEV#'.length), { claimId: String(item.claimId), at: String(item.at) }]));
}

/** Which of these claims exist (to tell a stale marker of a claim that never committed). */
export async function existingClaims(claimIds: string[]): Promise<Set<string>> {
  if (claimIds.length === 0) return new Set();
  const items = await batchGet([...new Set(claimIds)].map(claimKeys.key));
  return new Set(items.map((item) => String(item.id)));
}

/** A page of the claims made for a tenant (outgoing), newest first. */
export const listOutgoingClaims = (tenantId: string, page: PageRequest): Promise<Page<DeviceClaim>> =>
  queryPage(keyQuery(claimKeys.queryOutgoing(tenantId), { descending: true }), page, toClaim);

/** A page of the claims on a tenant's devices (incoming): its own part of each, newest first. */
export const listIncomingClaims = (tenantId: string, page: PageRequest): Promise<Page<ClaimOwner>> =>
  queryPage(keyQuery(claimKeys.queryIncoming(tenantId), { descending: true }), page, toClaimOwner);

/** A page of a partner's claims, newest first, optionally of one tenant and one state. */
export function listPartnerClaims(partnerId: string, filter: { tenantId?: string; status?: ClaimStatus }, page: PageRequest): Promise<Page<DeviceClaim>> {
  const params = keyQuery(claimKeys.queryOfPartner(partnerId), { descending: true });
  const conditions: string[] = [];
  if (filter.tenantId) {
    conditions.push('claimantTenantId = :tenant');
    params.ExpressionAttributeValues[':tenant'] = filter.tenantId;
  }
  if (filter.status) {
    conditions.push('#status = :status');
    params.ExpressionAttributeNames = { ...params.ExpressionAttributeNames, '#status': 'status' };
    params.ExpressionAttributeValues[':status'] = filter.status;
  }
  if (conditions.length > 0) params.FilterExpression = conditions.join(' AND ');
  return queryPage(params, page, toClaim);
}

/** A page of the claims with devices for operators to decide, oldest first: their ids. */
export const listClaimsForOperators = (list: 'contested' | 'uncontested', page: PageRequest): Promise<Page<string>> =>
  queryPage(keyQuery(claimKeys.queryForOperators(list)), page, (item) => String(item.claimId));

/** Claims by id (a page of the operators' list). */
export async function getClaims(claimIds: string[]): Promise<Map<string, DeviceClaim>> {
  const items = await batchGet([...new Set(claimIds)].map(claimKeys.key));
  return new Map(items.map((item) => [String(item.id), toClaim(item)]));
}
