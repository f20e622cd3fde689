import { normalizeDomain, normalizeEmail } from '#shared/domain/directory.ts';
import { sha256 } from '#shared/domain/tokens.ts';
import type { DueKind } from '#shared/domain/due-kinds.ts';

/**
 * Every key of the single table, built once: one object per entity with the item's own key
 * (`key`), the index keys it is written with (`indexes`), and the queries that read it back
 * (`query...`, each naming its index). Writes and reads use the same functions, so an index key can
 * never be spelled one way when written and another when queried. ARCHITECTURE.md has the table.
 */
export type Key = { pk: string; sk: string };
export type IndexName = 'gsi1' | 'gsi2' | 'due';

/** A key condition: the partition of a table or index, and optionally a sort-key prefix. */
export interface KeyQuery {
  index?: IndexName;
  partition: string;
  sortPrefix?: string;
}

const at = (sortable: string, id: string) => `${sortable}#${id}`;

export const partnerKeys = {
  key: (partnerId: string): Key => ({ pk: `PARTNER#${partnerId}`, sk: 'PARTNER' }),
};

export const apiKeyKeys = {
  key: (keyId: string): Key => ({ pk: `APIKEY#${keyId}`, sk: 'APIKEY' }),
  indexes: (k: { partnerId: string; keyId: string }) => ({ gsi1pk: `PARTNER#${k.partnerId}`, gsi1sk: `APIKEY#${k.keyId}` }),
  /** A partner's API keys. */
  queryOfPartner: (partnerId: string): KeyQuery => ({ index: 'gsi1', partition: `PARTNER#${partnerId}`, sortPrefix: 'APIKEY#' }),
};

/**
 * A customer API key (R25): found by its id at authentication; a tenant's keys on gsi1, newest
 * first; the count of a tenant's live keys on a counter item in the tenant's partition, so the
 * 50-key limit holds in the transaction that creates a key.
 */
export const customerKeyKeys = {
  key: (keyId: string): Key => ({ pk: `CUSTKEY#${keyId}`, sk: 'CUSTKEY' }),
  indexes: (k: { tenantId: string; keyId: string; createdAt: string }) => ({ gsi1pk: `TENANT#${k.tenantId}#CUSTKEYS`, gsi1sk: at(k.createdAt, k.keyId) }),
  queryOfTenant: (tenantId: string): KeyQuery => ({ index: 'gsi1', partition: `TENANT#${tenantId}#CUSTKEYS` }),
  counter: (tenantId: string): Key => ({ pk: `TENANT#${tenantId}`, sk: 'CUSTKEYS' }),
};

export const linkKeys = {
  key: (linkId: string): Key => ({ pk: `LINK#${linkId}`, sk: 'LINK' }),
};

export const tenantKeys = {
  key: (tenantId: string): Key => ({ pk: `TENANT#${tenantId}`, sk: 'TENANT' }),
};

/** One item per domain: a domain belongs to at most one tenant, and finds it in one read. */
export const domainKeys = {
  key: (domain: string): Key => ({ pk: `DOMAIN#${normalizeDomain(domain)}`, sk: 'DOMAIN' }),
};

/**
 * R21: a domain a tenant's global admin is proving by a DNS TXT record (the record's token), in the
 * tenant's partition: one per (tenant, domain); the portal lists a tenant's pending proofs.
 */
export const domainProofKeys = {
  key: (tenantId: string, domain: string): Key => ({ pk: `TENANT#${tenantId}`, sk: `DOMAINPROOF#${normalizeDomain(domain)}` }),
  queryOfTenant: (tenantId: string): KeyQuery => ({ partition: `TENANT#${tenantId}`, sortPrefix: 'DOMAINPROOF#' }),
};

/** R21: one item per identity-provider tenant id (`tid`): it binds at most one tenant, found in one read. */
export const idpTenantKeys = {
  key: (tid: string): Key => ({ pk: `IDPTENANT#${tid.toLowerCase()}`, sk: 'IDPTENANT' }),
};

/** One item per email: emails are unique across the directory, case-insensitively. */
export const userKeys = {
  key: (email: string): Key => ({ pk: `USER#${normalizeEmail(email)}`, sk: 'USER' }),
  indexes: (u: { tenantId: string; email: string }) => ({ gsi1pk: `TENANT#${u.tenantId}`, gsi1sk: `USER#${normalizeEmail(u.email)}` }),
  /** A tenant's users. */
  queryOfTenant: (tenantId: string): KeyQuery => ({ index: 'gsi1', partition: `TENANT#${tenantId}`, sortPrefix: 'USER#' }),
};

export const consentRequestKeys = {
  key: (requestId: string): Key => ({ pk: `REQUEST#${requestId}`, sk: 'REQUEST' }),
  indexes: (r: { partnerId: string; status: string; createdAt: string; id: string }) => ({
    gsi1pk: `PARTNER#${r.partnerId}#REQ`,
    gsi1sk: at(r.createdAt, r.id),
    gsi2pk: `PARTNER#${r.partnerId}#REQ#${r.status}`,
    gsi2sk: at(r.createdAt, r.id),
  }),
  /** A partner's requests (newest first when read descending), or those of one status. */
  queryOfPartner: (partnerId: string, status?: string): KeyQuery =>
    status ? { index: 'gsi2', partition: `PARTNER#${partnerId}#REQ#${status}` } : { index: 'gsi1', partition: `PARTNER#${partnerId}#REQ` },
};

/** The email outbox pointer of a request: the consent email or its one reminder (S2). */
export const requestEmailKeys = {
  key: (requestId: string, which: 'email' | 'reminder'): Key => ({ pk: `DUE#EMAIL#${requestId}#${which}`, sk: 'DUE' }),
};

/** Relationships live in their partner's partition; a tenant's partners are on gsi1. */
export const relationshipKeys = {
  key: (partnerId: string, tenantId: string): Key => ({ pk: `PARTNER#${partnerId}`, sk: `REL#${tenantId}` }),
  indexes: (r: { partnerId: string; tenantId: string }) => ({ gsi1pk: `TENANT#${r.tenantId}`, gsi1sk: `REL#${r.partnerId}` }),
  /** A partner's relationships and, for a provider, its grants through resellers. */
  queryOfPartner: (partnerId: string): KeyQuery => ({ partition: `PARTNER#${partnerId}`, sortPrefix: 'REL#' }),
  /** A partner's relationship with one tenant and its grants for that tenant (R2, R8). */
  queryOfPartnerForTenant: (partnerId: string, tenantId: string): KeyQuery => ({ partition: `PARTNER#${partnerId}`, sortPrefix: `REL#${tenantId}` }),
  /** A tenant's relationships with its partners (the portal). */
  queryOfTenant: (tenantId: string): KeyQuery => ({ index: 'gsi1', partition: `TENANT#${tenantId}`, sortPrefix: 'REL#' }),
  /** The sort key of the partner's own relationship with a tenant, and whether a sort key is a grant for it. */
  ownSortKey: (tenantId: string) => `REL#${tenantId}`,
  isGrantSortKey: (sk: string, tenantId: string) => sk.startsWith(`REL#${tenantId}#VIA#`),
};

/**
 * R7: a provider's authorization through one of its resellers, in the provider's partition; on
 * the tenant's gsi1 beside its relationships (R30: a page of everyone with access is one Query).
 */
export const providerGrantKeys = {
  key: (providerId: string, tenantId: string, resellerId: string): Key => ({ pk: `PARTNER#${providerId}`, sk: `REL#${tenantId}#VIA#${resellerId}` }),
  indexes: (g: { providerId: string; tenantId: string; resellerId: string }) => ({ gsi1pk: `TENANT#${g.tenantId}`, gsi1sk: `REL#${g.providerId}#VIA#${g.resellerId}` }),
};

/**
 * R30: what a partner did for a tenant, counted as it happens: the devices it registered (less
 * those deregistered or released) and its last registration or deregistration, on a few shard
 * items per (tenant, partner) in the tenant's partition. Each device transaction adds to one shard
 * (chosen at random), so the batch workers' parallel transactions rarely meet on one item; the
 * access page reads a partner's shards by key and sums them.
 */
/**
 * Issue 26: copies of a relationship's "may register devices" state (its status), one partition
 * each, written, changed and ended in the same transaction as the relationship itself
 * (relationshipActivated, relationshipEnded), so a device write checks one copy instead of the
 * relationship in the partner's partition (R14 at write time, never one hot item). A batch task
 * leases one of `slots` slots of its (partner, tenant) while it works (`slot`: a lease item
 * beside the slot's first copy) and each of its writes in flight checks the copy of its slot and
 * lane (`copyFor`), so the transactions of tasks worked at once never check one item.
 */
export const grantMarkerKeys = {
  /** 8 task slots x 8 writes in flight a task (WRITES_IN_FLIGHT in shared/devices/submission.ts): 64 items written with each relationship change, well within a transaction's 100. */
  copies: 64,
  slots: 8,
  lanes: 8,
  key: (partnerId: string, tenantId: string, copy: number): Key => ({ pk: `GRANT#${partnerId}#${tenantId}#${String(copy).padStart(2, '0')}`, sk: 'GRANT' }),
  /** The lease of a task slot (never in a transaction: claimed and released by single conditional writes). */
  slot: (partnerId: string, tenantId: string, slot: number): Key => ({ pk: grantMarkerKeys.key(partnerId, tenantId, slot * grantMarkerKeys.lanes).pk, sk: 'SLOT' }),
  /** The copy a write checks: its task's slot (or any, for a synchronous write) and the write's lane. */
  copyFor: (slot: number, lane: number): number => (slot % grantMarkerKeys.slots) * grantMarkerKeys.lanes + (lane % grantMarkerKeys.lanes),
};

export const activityKeys = {
  shards: 8,
  key: (tenantId: string, partnerId: string, shard: number): Key => ({ pk: `TENANT#${tenantId}`, sk: `ACTIVITY#${partnerId}#${shard}` }),
};

export const removalRequestKeys = {
  key: (tenantId: string, partnerId: string): Key => ({ pk: `REMOVAL#${tenantId}#${partnerId}`, sk: 'REMOVAL' }),
  /** Only open requests carry the index keys (a sparse index of what operators must look at). */
  openIndexes: (r: { tenantId: string; partnerId: string; createdAt: string }) => ({ gsi1pk: 'REMOVAL#open', gsi1sk: `${r.createdAt}#${r.tenantId}#${r.partnerId}` }),
  queryOpen: (): KeyQuery => ({ index: 'gsi1', partition: 'REMOVAL#open' }),
};

/**
 * The shard of a device on a sharded index (issue 26): a stable hash of the device's first identity
 * (R17: its hardware hash, else its product key id, else its tuple; the device id for an item
 * without identities), so a device lands on the same shard whoever registers it, and serial numbers
 * that differ in one character spread like any others (`shardOf`).
 */
export const deviceShard = (device: { id: string; identities?: readonly string[] }, shards: number): number => shardOf(device.identities?.[0] ?? device.id, shards);

/**
 * The devices on the two indexes their lists read, each partition spread over shards
 * (`...#DEVICES#<shard>`) because a batch writes a partner's devices for one tenant at thousands
 * of write units a second, more than the 1,000 one partition key value takes, and the sort key
 * (registration time, then id) only rises, so DynamoDB cannot split the partition for heat:
 * - gsi2, a partner's devices for a tenant: the issue's peak is 9,600 WCU/s on one (partner,
 *   tenant) (100 workers registering devices with hashes, each ~5 KB projected); 16 shards take
 *   600 a second each, and the hash's spread over a second's ~1,900 devices (2.5 standard
 *   deviations: +22%) keeps the busiest under 750.
 * - gsi1, every device of a tenant: every partner's batches for the tenant write here at once (a
 *   tenant receiving 150,000 devices from 20 partners), so up to twice that peak (the workers of
 *   two such partners' batches); 32 shards take 600 a second each at 19,200.
 * A list reads every shard of its partition in parallel and merges them by sort key
 * (./sharded-page.ts). Devices written before the shards keep their unsharded partition, read as
 * one more shard (`legacy`) until they are rewritten.
 */
export const deviceKeys = {
  key: (deviceId: string): Key => ({ pk: `DEVICE#${deviceId}`, sk: 'DEVICE' }),
  /** Shards of a partner's devices for a tenant (gsi2). */
  partnerShards: 16,
  /** Shards of a tenant's devices (gsi1). */
  tenantShards: 32,
  indexes: (d: { partnerId: string; tenantId: string; registeredAt: string; id: string; identities?: readonly string[] }) => ({
    gsi1pk: `TENANT#${d.tenantId}#DEVICES#${deviceShard(d, deviceKeys.tenantShards)}`,
    gsi1sk: at(d.registeredAt, d.id),
    gsi2pk: `PARTNER#${d.partnerId}#TENANT#${d.tenantId}#DEVICES#${deviceShard(d, deviceKeys.partnerShards)}`,
    gsi2sk: at(d.registeredAt, d.id),
  }),
  /** The devices a partner registered for a tenant: one query a shard, then the unsharded partition of older devices. */
  queryShardsOfPartnerAndTenant: (partnerId: string, tenantId: string): KeyQuery[] =>
    shardQueries('gsi2', `PARTNER#${partnerId}#TENANT#${tenantId}#DEVICES`, deviceKeys.partnerShards),
  /** Every device registered to a tenant, by whichever partner (R23): one query a shard, then the unsharded partition. */
  queryShardsOfTenant: (tenantId: string): KeyQuery[] => shardQueries('gsi1', `TENANT#${tenantId}#DEVICES`, deviceKeys.tenantShards),
  /**
   * Where a query of a device index resumes just after the device whose index sort key is
   * `sortKey` (a list's position): the index keys and the table key, all from the sort key (it ends
   * with the device id). The device need not be in that partition: a position is a place in the order.
   */
  startAfter: (q: KeyQuery, sortKey: string): Record<string, string> => {
    const names = INDEX_ATTRIBUTES[q.index ?? 'table'];
    return { [names.pk]: q.partition, [names.sk]: sortKey, ...deviceKeys.key(sortKey.slice(sortKey.lastIndexOf('#') + 1)) };
  },
  /** Whether a string is a position `startAfter` takes (a cursor's content is checked before use). */
  isPosition: (sortKey: unknown): sortKey is string => typeof sortKey === 'string' && /^[0-9T:.Z+-]+#d_[0-9a-f]+$/.test(sortKey),
};

const shardQueries = (index: IndexName, partition: string, shards: number): KeyQuery[] => [
  ...Array.from({ length: shards }, (_, n): KeyQuery => ({ index, partition: `${partition}#${n}` })),
  { index, partition },
];

/** One item per device identity (hardware hash, product key id, tuple): R16's uniqueness. */
export const deviceIdentityKeys = {
  key: (identity: string): Key => ({ pk: `DEVICEID#${identity}`, sk: 'DEVICEID' }),
  identityOf: (item: Record<string, unknown>) => String(item.pk).slice('DEVICEID#'.length),
};

/**
 * A device batch: its item (listed per partner and tenant, newest first), the parts added to it
 * (the commit of each `POST .../devices`), the chunks that hold a part's devices (items stay well
 * under 400 KB), the tasks the planner makes at submission (each an outbox item that wakes a
 * worker), and the per-device results of each task.
 */
export const batchKeys = {
  key: (batchId: string): Key => ({ pk: `BATCH#${batchId}`, sk: 'BATCH' }),
  indexes: (b: { partnerId: string; tenantId: string; createdAt: string; id: string }) => ({ gsi1pk: `PARTNER#${b.partnerId}#BATCHES#${b.tenantId}`, gsi1sk: at(b.createdAt, b.id) }),
  queryOfPartnerAndTenant: (partnerId: string, tenantId: string): KeyQuery => ({ index: 'gsi1', partition: `PARTNER#${partnerId}#BATCHES#${tenantId}` }),
  part: (batchId: string, partId: string): Key => ({ pk: `BATCH#${batchId}`, sk: `PART#${partId}` }),
  queryParts: (batchId: string): KeyQuery => ({ partition: `BATCH#${batchId}`, sortPrefix: 'PART#' }),
  /**
   * A part's chunks, in a partition of the part's own (issue 26): a task reads its parts' chunks
   * (~4 KB a device with a hardware hash), so two workers of one batch read different partitions,
   * and none reads the batch's partition beyond its small items.
   */
  chunk: (batchId: string, partId: string, n: number): Key => ({ pk: `BATCH#${batchId}#PART#${partId}`, sk: `CHUNK#${String(n).padStart(4, '0')}` }),
  queryChunksOfPart: (batchId: string, partId: string): KeyQuery => ({ partition: `BATCH#${batchId}#PART#${partId}`, sortPrefix: 'CHUNK#' }),
  /** A part's chunks as parts staged them before issue 26 (in the batch's partition), still read. */
  queryLegacyChunksOfPart: (batchId: string, partId: string): KeyQuery => ({ partition: `BATCH#${batchId}`, sortPrefix: `CHUNK#${partId}#` }),
  task: (batchId: string, n: number): Key => ({ pk: `BATCHTASK#${batchId}#${String(n).padStart(6, '0')}`, sk: 'TASK' }),
  /**
   * A task's results, `RESULTS_PER_ITEM` a item (the size of a results page), in a partition of
   * the task's own: the workers of one batch write theirs to different partitions.
   */
  result: (batchId: string, taskNo: number, page: number): Key => ({ pk: `BATCH#${batchId}#RESULTS#${String(taskNo).padStart(6, '0')}`, sk: `RESULT#${String(page).padStart(4, '0')}` }),
  /** A task's results as batches recorded them before issue 26 (all of them in one item of the batch's partition), still read. */
  legacyResult: (batchId: string, taskNo: number): Key => ({ pk: `BATCH#${batchId}`, sk: `RESULT#${String(taskNo).padStart(6, '0')}` }),
  queryResults: (batchId: string, taskNo: number): KeyQuery => ({ partition: `BATCH#${batchId}#RESULTS#${String(taskNo).padStart(6, '0')}`, sortPrefix: 'RESULT#' }),
  /**
   * The record of a worked task and its counts (processed, succeeded, failed): one small item a
   * task, written once; the batch's counters are their sum while it is worked (no item that every
   * worker updates), and are written on the batch item when it finishes.
   */
  taskDone: (batchId: string, taskNo: number): Key => ({ pk: `BATCH#${batchId}`, sk: `DONE#${String(taskNo).padStart(6, '0')}` }),
  queryTasksDone: (batchId: string): KeyQuery => ({ partition: `BATCH#${batchId}`, sortPrefix: 'DONE#' }),
  /** Who finishes the batch: claimed by a single conditional write, so two last tasks never both write the batch item. */
  finishing: (batchId: string): Key => ({ pk: `BATCH#${batchId}`, sk: 'FINISHING' }),
  /**
   * The receipt of the rows whose devices one transaction of this batch deregistered: by the first
   * of them and the write's own id (a task worked again finds them: its rows' range holds its
   * receipts). The previous version's receipts, one a row, have no id.
   */
  deregistered: (batchId: string, index: number, writeId?: string): Key => ({ pk: `BATCH#${batchId}`, sk: `DEREG#${String(index).padStart(6, '0')}${writeId ? `#${writeId}` : ''}` }),
  queryDeregistered: (batchId: string): KeyQuery => ({ partition: `BATCH#${batchId}` }),
};

/**
 * R32: a device file uploaded on the partner portal straight to S3 (its item: who, for which
 * tenant, to register or check, its state and progress), and the outbox item that imports it once
 * the browser is back (woken on the stream like a batch task, retried per S4).
 */
export const uploadKeys = {
  key: (uploadId: string): Key => ({ pk: `UPLOAD#${uploadId}`, sk: 'UPLOAD' }),
  importTask: (uploadId: string): Key => ({ pk: `UPLOADIMPORT#${uploadId}`, sk: 'IMPORT' }),
};

/**
 * R27, R28: a batch waiting for its tenant's approval is listed for the tenant (gsi2 on the batch
 * item, newest first) while it waits: set when it is held, removed when it is decided or expires
 * (sparse). Its own builder, so that only the portal, which lists them, may query the list.
 */
export const heldBatchKeys = {
  indexes: (b: { tenantId: string; submittedAt: string; id: string }) => ({ gsi2pk: `TENANT#${b.tenantId}#HELDBATCHES`, gsi2sk: at(b.submittedAt, b.id) }),
  queryOfTenant: (tenantId: string): KeyQuery => ({ index: 'gsi2', partition: `TENANT#${tenantId}#HELDBATCHES` }),
};

/**
 * R27: a partner the customer blocked from holding batches for its tenant, in the tenant's
 * partition: read by key when the partner asks to hold, listed for the portal (to unblock).
 */
export const holdBlockKeys = {
  key: (tenantId: string, partnerId: string): Key => ({ pk: `TENANT#${tenantId}`, sk: `HOLDBLOCK#${partnerId}` }),
  queryOfTenant: (tenantId: string): KeyQuery => ({ partition: `TENANT#${tenantId}`, sortPrefix: 'HOLDBLOCK#' }),
};

/**
 * A device claim (R26) and everything of it in its own partition, so one Query reads it whole: the
 * claim (listed for its claimant tenant on gsi1, for its partner on gsi2, on the due index until its
 * deadline, S6), one item per owner tenant (its own part of the claim: listed on the owner's gsi1
 * partition, never shown to the claimant, R19), the chunks of its device rows (up to 96 rows each,
 * as the batch engine chunks a part) and, while operators have something to decide, one item per
 * operator list (contested, uncontested) on gsi1.
 */
export const claimKeys = {
  key: (claimId: string): Key => ({ pk: `CLAIM#${claimId}`, sk: 'CLAIM' }),
  indexes: (c: { claimantTenantId: string; partnerId?: string; createdAt: string; id: string }) => ({
    gsi1pk: `TENANT#${c.claimantTenantId}#CLAIMS#OUT`,
    gsi1sk: at(c.createdAt, c.id),
    ...(c.partnerId ? { gsi2pk: `PARTNER#${c.partnerId}#CLAIMS`, gsi2sk: at(c.createdAt, c.id) } : {}),
  }),
  /** Everything of one claim: the claim, its owners, its chunks, its operator items. */
  queryClaim: (claimId: string): KeyQuery => ({ partition: `CLAIM#${claimId}` }),
  /** The claims made for a tenant (its outgoing claims), newest first. */
  queryOutgoing: (tenantId: string): KeyQuery => ({ index: 'gsi1', partition: `TENANT#${tenantId}#CLAIMS#OUT` }),
  /** A partner's claims, newest first. */
  queryOfPartner: (partnerId: string): KeyQuery => ({ index: 'gsi2', partition: `PARTNER#${partnerId}#CLAIMS` }),
  owner: (claimId: string, tenantId: string): Key => ({ pk: `CLAIM#${claimId}`, sk: `OWNER#${tenantId}` }),
  ownerIndexes: (o: { tenantId: string; createdAt: string; claimId: string }) => ({ gsi1pk: `TENANT#${o.tenantId}#CLAIMS#IN`, gsi1sk: at(o.createdAt, o.claimId) }),
  /** The claims on a tenant's devices (its incoming claims), newest first. */
  queryIncoming: (tenantId: string): KeyQuery => ({ index: 'gsi1', partition: `TENANT#${tenantId}#CLAIMS#IN` }),
  chunk: (claimId: string, n: number): Key => ({ pk: `CLAIM#${claimId}`, sk: `CHUNK#${String(n).padStart(4, '0')}` }),
  operators: (claimId: string, list: 'contested' | 'uncontested'): Key => ({ pk: `CLAIM#${claimId}`, sk: `OPS#${list}` }),
  operatorsIndexes: (o: { list: 'contested' | 'uncontested'; createdAt: string; claimId: string }) => ({ gsi1pk: `CLAIMS#OPS#${o.list}`, gsi1sk: at(o.createdAt, o.claimId) }),
  /** The claims with devices for operators to decide (S6), oldest first. */
  queryForOperators: (list: 'contested' | 'uncontested'): KeyQuery => ({ index: 'gsi1', partition: `CLAIMS#OPS#${list}` }),
};

/** One item per device while a claim on it is undecided: a device is in one open claim at a time (R26). */
export const claimMarkerKeys = {
  key: (deviceId: string): Key => ({ pk: `CLAIMDEV#${deviceId}`, sk: 'CLAIMDEV' }),
};

/** Link tokens and sessions are found by the hash of their secret; the secret is never stored. */
export const tokenKeys = {
  key: (raw: string): Key => ({ pk: `TOKEN#${sha256(raw)}`, sk: 'TOKEN' }),
};

export const sessionKeys = {
  key: (sessionId: string): Key => ({ pk: `SESSION#${sha256(sessionId)}`, sk: 'SESSION' }),
};

/**
 * R32: a partner portal session, a kind of its own (not `SESSION#`): only the partner portal's
 * function may touch these, and only the pages function the customers' (TABLE_ACCESS), so neither
 * session ever opens the other's pages.
 */
export const partnerSessionKeys = {
  key: (sessionId: string): Key => ({ pk: `PSESSION#${sha256(sessionId)}`, sk: 'PSESSION' }),
};

/**
 * R32: a partner's people, in the partner's partition (one consistent Query lists them; an email is
 * a person of a partner at most once: the key), found by email for sign-in on gsi1 (an address may
 * be a person of several partners); the partner's count of admins on one item beside them, which
 * every change of an admin's role updates in its own transaction (the last admin stays).
 */
export const partnerPersonKeys = {
  key: (partnerId: string, email: string): Key => ({ pk: `PARTNER#${partnerId}`, sk: `PERSON#${normalizeEmail(email)}` }),
  indexes: (p: { partnerId: string; email: string }) => ({ gsi1pk: `PERSON#${normalizeEmail(p.email)}`, gsi1sk: `PARTNER#${p.partnerId}` }),
  /** A partner's people. */
  queryOfPartner: (partnerId: string): KeyQuery => ({ partition: `PARTNER#${partnerId}`, sortPrefix: 'PERSON#' }),
  /** The partners an address is a person of (sign-in). */
  queryOfEmail: (email: string): KeyQuery => ({ index: 'gsi1', partition: `PERSON#${normalizeEmail(email)}` }),
  admins: (partnerId: string): Key => ({ pk: `PARTNER#${partnerId}`, sk: 'ADMINS' }),
};

export const idempotencyKeys = {
  key: (partnerId: string, route: string, idempotencyKey: string): Key => ({ pk: `IDEMPOTENCY#${partnerId}#${sha256(`${route}\n${idempotencyKey}`)}`, sk: 'IDEMPOTENCY' }),
};

/** One item per limit counter (a sliding window, or a recipient's pending requests), by the hash of what it counts. */
export const rateLimitKeys = {
  key: (counter: string): Key => ({ pk: `RATE#${sha256(counter)}`, sk: 'RATE' }),
};

export const webhookConfigKeys = {
  key: (partnerId: string): Key => ({ pk: `PARTNER#${partnerId}`, sk: 'WEBHOOK' }),
};

/**
 * Where a query of a sharded list whose sort key ends with an item's id (`at(time, id)`) resumes
 * just after the item at `sortKey`: the index keys, and the table key `key` gives for that id. The
 * item need not be in that shard: a position is a place in the order.
 */
const startAfterIn = (key: (id: string) => Key) => (q: KeyQuery, sortKey: string): Record<string, string> => {
  const names = INDEX_ATTRIBUTES[q.index ?? 'table'];
  return { [names.pk]: q.partition, [names.sk]: sortKey, ...key(sortKey.slice(sortKey.lastIndexOf('#') + 1)) };
};

/** Whether a value is a sort key `at(time, id)` of one of these lists (a cursor's content is checked before use). */
const isTimedPosition = (sortKey: unknown): sortKey is string => typeof sortKey === 'string' && /^[0-9T:.Z+-]+#[a-z]+_[0-9a-f]+$/.test(sortKey);

/**
 * How many shards a partner's deliveries (gsi1) and each audit trail (a partner's on gsi1, a
 * tenant's on gsi2) are spread over (issue 26). Each batch task writes one `devices.registered`
 * delivery, rewritten on the index at each state change (pending, attempted, delivered: the index
 * projects ALL, and its payload names the task's devices), and one audit item naming its devices;
 * the simulation (`BENCH_ONLY=partitions npm run bench`) put one partner's deliveries at 5,905 WCU/s
 * and its audit trail at 5,395 at the peak (1,000 batches of one OEM, 100 workers), a tenant's trail
 * at 2,071 (150,000 devices from 20 partners). 16 shards take 369 a second each at that peak, and
 * the hash's spread over a second's few hundred items a shard (2.5 standard deviations: about +50%)
 * keeps the busiest near 560, under the 1,000 a partition key value takes. A list reads every shard
 * in parallel and merges them by sort key (./sharded-page.ts); items written before the shards keep
 * their unsharded partition, read as one more shard (audit items live 400 days, R29).
 */
const LIST_SHARDS = 16;

/** A webhook delivery is listed (gsi1) once the consumer has found its partner subscribed, on the shard its id picks (`LIST_SHARDS`). */
export const webhookDeliveryKeys = {
  shards: LIST_SHARDS,
  key: (messageId: string): Key => ({ pk: `WEBHOOK#${messageId}`, sk: 'DELIVERY' }),
  indexes: (d: { partnerId: string; createdAt: string; id: string }) => ({
    gsi1pk: `PARTNER#${d.partnerId}#WEBHOOKS#${shardOf(d.id, webhookDeliveryKeys.shards)}`,
    gsi1sk: at(d.createdAt, d.id),
  }),
  /** A partner's deliveries: one query a shard, then the unsharded partition of older ones. */
  queryShardsOfPartner: (partnerId: string): KeyQuery[] => shardQueries('gsi1', `PARTNER#${partnerId}#WEBHOOKS`, webhookDeliveryKeys.shards),
  startAfter: (q: KeyQuery, sortKey: string): Record<string, string> => startAfterIn(webhookDeliveryKeys.key)(q, sortKey),
  isPosition: isTimedPosition,
};

/** A sign-in email waiting to be sent (the address may or may not have an account). */
export const signInEmailKeys = {
  key: (id: string): Key => ({ pk: `OUTBOX#SIGNIN#${id}`, sk: 'OUTBOX' }),
};

/** A notice emailed to a tenant's global admin (S7), an outbox item of its own. */
export const noticeEmailKeys = {
  key: (id: string): Key => ({ pk: `OUTBOX#NOTICE#${id}`, sk: 'OUTBOX' }),
};

/** One item per suppressed address (a hard bounce or a complaint): never emailed again; listed for operators on gsi1, newest first. */
export const suppressionKeys = {
  key: (email: string): Key => ({ pk: `SUPPRESSION#${normalizeEmail(email)}`, sk: 'SUPPRESSION' }),
  indexes: (s: { email: string; at: string }) => ({ gsi1pk: 'SUPPRESSIONS', gsi1sk: at(s.at, normalizeEmail(s.email)) }),
  queryAll: (): KeyQuery => ({ index: 'gsi1', partition: 'SUPPRESSIONS' }),
};

/** An audit event, on its partner's trail (gsi1) and its tenant's (gsi2), each on the shard its id picks (`LIST_SHARDS`). */
export const auditKeys = {
  shards: LIST_SHARDS,
  key: (eventId: string): Key => ({ pk: `AUDIT#${eventId}`, sk: 'AUDIT' }),
  indexes: (e: { id: string; at: string; partnerId?: string; tenantId?: string }) => ({
    ...(e.partnerId ? { gsi1pk: `AUDIT#PARTNER#${e.partnerId}#${shardOf(e.id, auditKeys.shards)}`, gsi1sk: at(e.at, e.id) } : {}),
    ...(e.tenantId ? { gsi2pk: `AUDIT#TENANT#${e.tenantId}#${shardOf(e.id, auditKeys.shards)}`, gsi2sk: at(e.at, e.id) } : {}),
  }),
  /** A partner's trail: one query a shard, then the unsharded partition of older events. */
  queryShardsOfPartner: (partnerId: string): KeyQuery[] => shardQueries('gsi1', `AUDIT#PARTNER#${partnerId}`, auditKeys.shards),
  /** A tenant's trail: one query a shard, then the unsharded partition of older events. */
  queryShardsOfTenant: (tenantId: string): KeyQuery[] => shardQueries('gsi2', `AUDIT#TENANT#${tenantId}`, auditKeys.shards),
  startAfter: (q: KeyQuery, sortKey: string): Record<string, string> => startAfterIn(auditKeys.key)(q, sortKey),
  isPosition: isTimedPosition,
};

/**
 * The shard, in `[0, shards)`, of a value (an item's own key): the first 32 bits of its SHA-256.
 * Stable (the same value always lands on the same shard, so a rewrite of an item stays where it
 * is) and even (a cryptographic hash spreads any ids, however alike, uniformly).
 */
export const shardOf = (value: string, shards: number): number => (shards <= 1 ? 0 : Number.parseInt(sha256(value).slice(0, 8), 16) % shards);

/**
 * How many partitions of the due index each kind is spread over (issue 26). DynamoDB serves at
 * most 1,000 write units a second per partition key value, and a GSI write costs the whole
 * projected item (the due index projects ALL). The issue's simulation puts every email, webhook
 * and batch task on `outbox` at 48,348 WCU/s at its peak (1,000 batches of one OEM, 100 workers;
 * the bench's simulation: 49,143 on the whole due index); 64 shards hold that at about 770 WCU/s
 * each, a quarter under the limit, with room for the hash's spread (over thousands of items a
 * second the shards differ by a few percent). The other kinds are written by people's actions (a
 * consent request, roles granted, a batch held, a claim), a few writes each over days, never per
 * device: at 1,000x today's load far below one partition, so one partition each, named by the kind
 * alone as before. Each shard costs one Query per check when idle (ARCHITECTURE.md, "Sharded
 * keys"). Changing a count moves new items only: keep reading the old shards (`dueKeys.partitions`)
 * until the items written under the old count have left.
 */
const DUE_SHARDS: { readonly [K in DueKind]: number } = { request: 1, dap: 1, held: 1, claim: 1, outbox: 64 };

/** The due-index partition of shard `shard` of a kind: `kind#<shard>`, or the kind alone when it has one partition. */
const duePartition = (kind: DueKind, shard: number): string => (DUE_SHARDS[kind] === 1 ? kind : `${kind}#${shard}`);

/**
 * The sparse `due` index: an item is on it while it has work pending at `dueAt`, on its kind's
 * shard of its own key (`DUE_SHARDS`), so however often the item is rewritten it stays on one
 * partition and readers find it there.
 */
export const dueKeys = {
  shards: DUE_SHARDS,
  indexes: (kind: DueKind, dueAt: string, key: Key) => ({ dueKind: dueKeys.partitionOf(kind, key), dueAt }),
  /** The partition of the due index an item of `kind` with this key is on. */
  partitionOf: (kind: DueKind, key: Key): string => duePartition(kind, shardOf(`${key.pk}\n${key.sk}`, DUE_SHARDS[kind])),
  /**
   * Every partition that may hold items of a kind: its shards, and for a sharded kind the kind
   * alone, where the items written before it was sharded wait until the check has moved or
   * settled them (an outbox item lives minutes to days: S4's last retry).
   */
  partitions: (kind: DueKind): string[] =>
    DUE_SHARDS[kind] === 1 ? [kind] : [...Array.from({ length: DUE_SHARDS[kind] }, (_, shard) => duePartition(kind, shard)), kind],
  /** Items of a kind due at or before `now`: one query per partition (`partitions`), read in parallel and merged by `dueAt`. */
  queryDue: (kind: DueKind): KeyQuery[] => dueKeys.partitions(kind).map((partition) => ({ index: 'due', partition })),
};

/** The attribute names of each index's keys. */
export const INDEX_ATTRIBUTES: Record<IndexName | 'table', { pk: string; sk: string }> = {
  table: { pk: 'pk', sk: 'sk' },
  gsi1: { pk: 'gsi1pk', sk: 'gsi1sk' },
  gsi2: { pk: 'gsi2pk', sk: 'gsi2sk' },
  due: { pk: 'dueKind', sk: 'dueAt' },
};
