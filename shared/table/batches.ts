import { BatchWriteCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { getItem, type ItemRead } from './batch.ts';
import type { DeviceInput, NamedRow } from '#shared/domain/devices.ts';
import type { Approval, ApprovalReason, WhenNotAuthorized } from '#shared/domain/held-batches.ts';
import { newId } from '#shared/domain/ids.ts';
import { db, tableName } from './client.ts';
import { OUTBOX_ATTRIBUTE, TTL_ATTRIBUTE } from './definition.ts';
import { batchKeys, dueKeys, heldBatchKeys } from './keys.ts';
import { fieldsOf, pick } from './items.ts';
import { OUTBOX_GRACE_MS } from './outbox.ts';
import { keyQuery, queryAll, queryPage, queryPages, type Page, type PageRequest } from './page.ts';
import { ifConditionHolds, type Write } from './transact.ts';

/**
 * Device batches (API.md "Device batches"): the batch item with its counters (atomic ADDs, so the
 * status is readable at any moment), its parts, the chunks holding each part's devices, the tasks
 * made at submission, and the results of each task. ARCHITECTURE.md has the keys.
 */
/** `release`: a tenant's own release of its devices from a file (R24), worked like a partner's batch. */
export type BatchAction = 'register' | 'deregister' | 'release';
/**
 * `awaiting_approval`, `rejected`, `expired`: a held batch (R27, S5), which waits for the customer
 * instead of being worked; approved, it is `queued` and worked as any batch.
 */
export type BatchStatus = 'open' | 'queued' | 'awaiting_approval' | 'processing' | 'finished' | 'finished_with_errors' | 'rejected' | 'expired';
export type BatchChannel = 'api' | 'csv';

export interface Batch {
  id: string;
  /** The partner whose batch it is; absent on a tenant's release (R24), which only its tenant sees. */
  partnerId?: string;
  tenantId: string;
  /** Who asked for a tenant's release (its global admin, or its customer API key): the actor of what it releases. */
  requestedBy?: { type: 'user' | 'customer_key'; id: string };
  action: BatchAction;
  status: BatchStatus;
  received: number;
  processed: number;
  succeeded: number;
  failed: number;
  createdAt: string;
  submittedAt?: string;
  finishedAt?: string;
  /** Tasks made by the planner, and those recorded so far. */
  tasks?: number;
  tasksDone?: number;
  /** Hash of the body that created it, to spot an Idempotency-Key reused for another body (R20). */
  bodyHash?: string;
  /** R27: `hold` when the partner asked that the batch wait for the customer if it is not authorized. */
  whenNotAuthorized?: WhenNotAuthorized;
  /** The partner's order or shipment number, shown to the customer (R27). */
  reference?: string;
  /** R27: present once the batch waited for approval. */
  approval?: Approval;
}

/** A row as stored in a chunk: its index within its part, and its CSV line. */
export interface StoredRow {
  i: number;
  line?: number;
  device: DeviceInput;
  named?: NamedRow;
}

export interface BatchPart {
  partId: string;
  count: number;
  chunks: number;
  channel: BatchChannel;
  committedAt: string;
  bodyHash?: string;
}

export interface BatchTask {
  batchId: string;
  taskNo: number;
  /** The batch's partner (absent on a release, and on tasks planned before issue 26): its worker reads it with the batch, in one request. */
  partnerId?: string;
  /** The parts this task works, each with the batch-wide index of its first row. */
  parts: { partId: string; baseIndex: number; count: number; channel: BatchChannel }[];
}

export interface StoredResult {
  index: number;
  line?: number;
  status: 'registered' | 'deregistered' | 'released' | 'invalid' | 'failed';
  deviceId?: string;
  errors: { code: string; field?: string; message: string; autopilotError?: { code?: number; name: string } }[];
}

const BATCH_FIELDS = /* @__PURE__ */ fieldsOf<Batch>()(['id', 'partnerId', 'tenantId', 'requestedBy', 'action', 'status', 'received', 'processed', 'succeeded', 'failed', 'createdAt', 'submittedAt', 'finishedAt', 'tasks', 'tasksDone', 'bodyHash', 'whenNotAuthorized', 'reference', 'approval']);
export const toBatch = (item: Record<string, unknown>): Batch => pick(item, BATCH_FIELDS);
/** Staged chunks of a part that never committed are cleaned up by TTL; reads go through committed parts only. */
const CHUNK_TTL_SECONDS = 30 * 24 * 3600;

export function batchPut(batch: Batch): Write {
  return {
    ifConditionFails: 'exists',
    Put: {
      TableName: tableName(),
      // A partner's batches are listed per tenant (gsi1); a tenant's release is found by its id alone.
      Item: { ...batchKeys.key(batch.id), type: 'deviceBatch', ...(batch.partnerId ? batchKeys.indexes({ ...batch, partnerId: batch.partnerId }) : {}), ...batch },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export const batchRead = (batchId: string): ItemRead<Batch | undefined> => ({ key: batchKeys.key(batchId), from: (item) => (item ? toBatch(item) : undefined) });

/**
 * A batch as it stands: while it is worked (`queued`, `processing`, its tasks planned), its
 * counters are the sums of its recorded tasks' (tasksDoneOf: one Query of small items); once
 * finished, the batch item holds them.
 */
export async function getBatch(batchId: string): Promise<Batch | undefined> {
  if (!/^b_[0-9a-f]{24}$/.test(batchId)) return undefined;
  const batch = await getItem(batchRead(batchId));
  return batch && withProgress(batch);
}

const isBeingWorked = (batch: Batch) => (batch.status === 'queued' || batch.status === 'processing') && batch.tasks !== undefined;

async function withProgress(batch: Batch): Promise<Batch> {
  return isBeingWorked(batch) ? { ...batch, ...(await tasksDoneOf(batch.id)) } : batch;
}

export async function listBatches(partnerId: string, tenantId: string, page: PageRequest): Promise<Page<Batch>> {
  const listed = await queryPage(keyQuery(batchKeys.queryOfPartnerAndTenant(partnerId, tenantId), { descending: true }), page, toBatch);
  return { ...listed, items: await Promise.all(listed.items.map(withProgress)) };
}

/** What the recorded tasks of a batch add up to. */
export interface TasksDone {
  tasksDone: number;
  processed: number;
  succeeded: number;
  failed: number;
}

/** The sums of a batch's recorded tasks (batchKeys.taskDone), strongly consistent. */
export async function tasksDoneOf(batchId: string): Promise<TasksDone> {
  const items = await queryAll(keyQuery(batchKeys.queryTasksDone(batchId), { consistent: true }));
  const sum = (field: string) => items.reduce((n, item) => n + Number(item[field] ?? 0), 0);
  return { tasksDone: items.length, processed: sum('processed'), succeeded: sum('succeeded'), failed: sum('failed') };
}

/** Which of a batch's tasks are recorded, by number (a results page skips those not yet). */
export async function recordedTasks(batchId: string): Promise<number[]> {
  const items = await queryAll(keyQuery(batchKeys.queryTasksDone(batchId), { consistent: true }));
  return items.map((item) => Number(item.taskNo)).sort((a, b) => a - b);
}

/**
 * Stages a part's devices in chunk items (BatchWriteItem, 25 a call, unprocessed items retried).
 * They count only once the part commits (`partCommitted`); a part that never does leaves chunks no
 * read ever reaches, which TTL removes.
 */
export async function stageChunks(batchId: string, partId: string, chunks: StoredRow[][], channel: BatchChannel): Promise<void> {
  const ttl = Math.ceil(Date.now() / 1000) + CHUNK_TTL_SECONDS;
  const requests = chunks.map((rows, n) => ({ PutRequest: { Item: { ...batchKeys.chunk(batchId, partId, n), type: 'batchChunk', channel, rows, [TTL_ATTRIBUTE]: ttl } } }));
  for (let i = 0; i < requests.length; i += 25) {
    let pending: typeof requests | undefined = requests.slice(i, i + 25);
    for (let attempt = 0; pending && pending.length > 0; attempt++) {
      if (attempt > 8) throw new Error(`BatchWriteItem left ${pending.length} chunks unprocessed`);
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 2 ** attempt * 10)));
      const out = await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: pending } }));
      pending = out.UnprocessedItems?.[tableName()] as typeof requests | undefined;
    }
  }
}

/**
 * The commit of a part: the part item (once: `part_exists` when an Idempotency-Key retry finds it)
 * and the batch's received count, only while the batch is open and stays within its limit
 * (`not_open_or_full`).
 */
export function partCommitted(batchId: string, part: BatchPart, maxDevices: number): Write[] {
  return [
    {
      ifConditionFails: 'part_exists',
      Put: { TableName: tableName(), Item: { ...batchKeys.part(batchId, part.partId), type: 'batchPart', ...part }, ConditionExpression: 'attribute_not_exists(pk)' },
    },
    {
      ifConditionFails: 'not_open_or_full',
      Update: {
        TableName: tableName(),
        Key: batchKeys.key(batchId),
        UpdateExpression: 'ADD received :n',
        ConditionExpression: '#status = :open AND received <= :room',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':n': part.count, ':open': 'open', ':room': maxDevices - part.count },
      },
    },
  ];
}

const PART_FIELDS = /* @__PURE__ */ fieldsOf<BatchPart>()(['partId', 'count', 'chunks', 'channel', 'committedAt', 'bodyHash']);
// Listing the parts (to plan the tasks) needs no body hash: that is for a replayed part alone.
const LISTED_PART_FIELDS = /* @__PURE__ */ fieldsOf<Omit<BatchPart, 'bodyHash'>>()(['partId', 'count', 'chunks', 'channel', 'committedAt']);

export const partRead = (batchId: string, partId: string): ItemRead<BatchPart | undefined> => ({
  key: batchKeys.part(batchId, partId),
  from: (item) => (item ? pick(item, PART_FIELDS) : undefined),
});

export const getPart = (batchId: string, partId: string): Promise<BatchPart | undefined> => getItem(partRead(batchId, partId));

/** Every committed part, in the order they committed (the order of the batch's indexes). */
export async function listParts(batchId: string): Promise<BatchPart[]> {
  const items = await queryAll(keyQuery(batchKeys.queryParts(batchId), { consistent: true }));
  return items
    .map((item) => pick(item, LISTED_PART_FIELDS))
    .sort((a, b) => a.committedAt.localeCompare(b.committedAt) || a.partId.localeCompare(b.partId));
}

/**
 * A committed part's rows, from its chunks (a part has at least one): in the part's own partition,
 * or, for a part staged before issue 26 (none there), in the batch's.
 */
export async function readPartRows(batchId: string, partId: string): Promise<StoredRow[]> {
  let items = await queryAll(keyQuery(batchKeys.queryChunksOfPart(batchId, partId), { consistent: true }));
  if (items.length === 0) items = await queryAll(keyQuery(batchKeys.queryLegacyChunksOfPart(batchId, partId), { consistent: true }));
  return items.flatMap((item) => item.rows as StoredRow[]);
}

/** Open -> queued, with something in it (`not_open` / `empty`). */
export function batchSubmitted(batchId: string, now: string): Write {
  return {
    ifConditionFails: 'not_open_or_empty',
    Update: {
      TableName: tableName(),
      Key: batchKeys.key(batchId),
      UpdateExpression: 'SET #status = :queued, submittedAt = :now',
      ConditionExpression: '#status = :open AND received > :zero',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':queued': 'queued', ':open': 'open', ':now': now, ':zero': 0 },
    },
  };
}

/**
 * R27: open -> awaiting_approval (instead of queued), with something in it: its approval pending
 * until `until` (S5), and on the due index at that time, so the scheduled check finds it then and
 * only then (`not_open_or_empty`); listed for its tenant's admins while it waits (heldIndexes).
 */
export function batchHeld(batch: Pick<Batch, 'id' | 'tenantId'>, now: string, reason: ApprovalReason, until: string): Write {
  const approval: Approval = { status: 'pending', reason, until };
  const listed = heldBatchKeys.indexes({ tenantId: batch.tenantId, submittedAt: now, id: batch.id });
  return {
    ifConditionFails: 'not_open_or_empty',
    Update: {
      TableName: tableName(),
      Key: batchKeys.key(batch.id),
      UpdateExpression: 'SET #status = :held, submittedAt = :now, approval = :approval, dueKind = :kind, dueAt = :until, gsi2pk = :heldPk, gsi2sk = :heldSk',
      ConditionExpression: '#status = :open AND received > :zero',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':held': 'awaiting_approval', ':open': 'open', ':now': now, ':zero': 0, ':approval': approval, ...dueValues(batch.id, until), ':heldPk': listed.gsi2pk, ':heldSk': listed.gsi2sk },
    },
  };
}

const dueValues = (batchId: string, until: string) => {
  const due = dueKeys.indexes('held', until, batchKeys.key(batchId));
  return { ':kind': due.dueKind, ':until': due.dueAt };
};

/**
 * The end of a held batch's wait (R27, S5), only while it still waits (`not_awaiting`): the one
 * condition that makes an approval racing a rejection or the expiry have exactly one winner.
 * Approved, it is `queued` (the planner works it as any batch, woken by this change on the
 * stream), and only before its time is up; rejected, any time; expired, only once its time is up.
 * Each takes it off the due index and off its tenant's list of batches waiting.
 */
export function heldBatchDecided(batchId: string, decision: 'approved' | 'rejected' | 'expired', now: string, decidedBy?: string): Write {
  const status = decision === 'approved' ? 'queued' : decision;
  const time = decision === 'approved' ? ' AND approval.#until > :now' : decision === 'expired' ? ' AND approval.#until <= :now' : '';
  return {
    ifConditionFails: 'not_awaiting',
    Update: {
      TableName: tableName(),
      Key: batchKeys.key(batchId),
      UpdateExpression: `SET #status = :status, approval.#approvalStatus = :decision, approval.decidedAt = :now${decidedBy ? ', approval.decidedBy = :by' : ''}${decision === 'approved' ? '' : ', finishedAt = :now'} REMOVE dueKind, dueAt, gsi2pk, gsi2sk`,
      ConditionExpression: `#status = :held${time}`,
      ExpressionAttributeNames: { '#status': 'status', '#approvalStatus': 'status', ...(time ? { '#until': 'until' } : {}) },
      ExpressionAttributeValues: { ':status': status, ':decision': decision, ':now': now, ':held': 'awaiting_approval', ...(decidedBy ? { ':by': decidedBy } : {}) },
    },
  };
}

/** The planner fixes the number of tasks once (a planner run again finds the same number). */
export async function setTaskCount(batchId: string, tasks: number): Promise<void> {
  await ifConditionHolds(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: batchKeys.key(batchId),
        UpdateExpression: 'SET tasks = :n',
        ConditionExpression: 'attribute_not_exists(tasks)',
        ExpressionAttributeValues: { ':n': tasks },
      }),
    ),
  );
}


/** Queued -> processing, when the first worker starts (no-op otherwise). */
export async function markProcessing(batchId: string): Promise<void> {
  await ifConditionHolds(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: batchKeys.key(batchId),
        UpdateExpression: 'SET #status = :processing',
        ConditionExpression: '#status = :queued',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':processing': 'processing', ':queued': 'queued' },
      }),
    ),
  );
}

/** Results a result item holds: a results page (API.md's default limit) reads one item, not a task's thousand. */
export const RESULTS_PER_ITEM = 100;

const isSuccess = (r: StoredResult) => r.status === 'registered' || r.status === 'deregistered' || r.status === 'released';

/**
 * The record of a worked task (issue 26: nothing every worker of the batch updates): its results,
 * RESULTS_PER_ITEM an item in the task's own partition, and its counts on an item of its own
 * (`batchKeys.taskDone`), each written once (`recorded`), in the one transaction that also records
 * the task's outbox item done (`recordOutboxAttempt` in shared/table/outbox.ts) and tells what its
 * devices' writes changed (one audit event, one event). A worker that died before this leaves
 * nothing half-recorded (R22); a task recorded already records nothing again.
 */
export function taskRecorded(task: BatchTask, results: StoredResult[]): Write[] {
  const succeeded = results.filter(isSuccess).length;
  const items: Write[] = [];
  for (let page = 0; page * RESULTS_PER_ITEM < results.length; page++) {
    const slice = results.slice(page * RESULTS_PER_ITEM, (page + 1) * RESULTS_PER_ITEM);
    const last = (page + 1) * RESULTS_PER_ITEM >= results.length;
    items.push({
      ifConditionFails: 'recorded',
      Put: { TableName: tableName(), Item: { ...batchKeys.result(task.batchId, task.taskNo, page), type: 'batchResults', results: slice, ...(last ? { last: true } : {}) }, ConditionExpression: 'attribute_not_exists(pk)' },
    });
  }
  items.push({
    ifConditionFails: 'recorded',
    Put: {
      TableName: tableName(),
      Item: { ...batchKeys.taskDone(task.batchId, task.taskNo), type: 'batchTaskDone', taskNo: task.taskNo, processed: results.length, succeeded, failed: results.length - succeeded },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  });
  return items;
}

/**
 * Processing -> finished(_with_errors), once (`not_done`), when every task is recorded: the sums
 * of its tasks written on the batch item, where they stay.
 */
export function batchFinished(batch: Batch, done: TasksDone, now: string): Write {
  return {
    ifConditionFails: 'not_done',
    Update: {
      TableName: tableName(),
      Key: batchKeys.key(batch.id),
      UpdateExpression: 'SET #status = :final, finishedAt = :now, #processed = :processed, succeeded = :succeeded, #failed = :failed, tasksDone = :done',
      ConditionExpression: '#status IN (:queued, :processing) AND tasks = :done',
      ExpressionAttributeNames: { '#status': 'status', '#processed': 'processed', '#failed': 'failed' },
      ExpressionAttributeValues: {
        ':final': done.failed > 0 ? 'finished_with_errors' : 'finished',
        ':now': now,
        ':queued': 'queued',
        ':processing': 'processing',
        ':processed': done.processed,
        ':succeeded': done.succeeded,
        ':failed': done.failed,
        ':done': done.tasksDone,
      },
    },
  };
}

/**
 * Claims the finishing of a batch for one of its tasks (`holder`), by one conditional write of an
 * item of its own: of two last tasks recorded at once, one finishes the batch, and the other never
 * writes the batch item beside it. A claim whose finisher died lapses after `leaseMs`.
 */
export async function claimFinishing(batchId: string, holder: string, leaseMs: number): Promise<boolean> {
  const now = Date.now();
  const claimed = await ifConditionHolds(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: batchKeys.finishing(batchId),
        UpdateExpression: 'SET #type = :type, holder = :holder, claimedUntil = :until',
        ConditionExpression: 'attribute_not_exists(holder) OR holder = :holder OR claimedUntil < :now',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':type': 'batchFinishing', ':holder': holder, ':until': now + leaseMs, ':now': now },
      }),
    ),
  );
  return claimed !== undefined;
}

/**
 * Result items of one task, in index order, from `startKey`: `limit` items (each RESULTS_PER_ITEM
 * results; `last` on the task's last one).
 */
export async function resultItems(batchId: string, taskNo: number, page: { startKey?: Record<string, unknown>; limit: number }) {
  const out = await db().send(new QueryCommand({ ...keyQuery(batchKeys.queryResults(batchId, taskNo), { consistent: true }), Limit: page.limit, ExclusiveStartKey: page.startKey }));
  if (!page.startKey && !out.Items?.length) {
    // A task recorded before issue 26: its results, all in one item.
    const legacy = await getItem({ key: batchKeys.legacyResult(batchId, taskNo), from: (item) => item });
    const items = legacy ? [{ key: batchKeys.legacyResult(batchId, taskNo) as Record<string, unknown>, results: legacy.results as StoredResult[], last: true }] : [];
    return { items, lastKey: undefined };
  }
  return {
    items: (out.Items ?? []).map((item) => ({ key: { pk: item.pk, sk: item.sk } as Record<string, unknown>, results: item.results as StoredResult[], last: item.last === true })),
    lastKey: out.LastEvaluatedKey,
  };
}

/**
 * The receipt of a batch row whose device was deregistered, written in the deregistration's own
 * transaction: a task worked again after a crash finds the devices it already deregistered by
 * their receipts, and reports them deregistered rather than not registered (R22). Kept as long as
 * the batch's staged rows.
 */
export function deregisteredInBatch(batchId: string, released: { index: number; deviceId: string }[], at: string): Write {
  const first = Math.min(...released.map((r) => r.index));
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...batchKeys.deregistered(batchId, first, newId('w')),
        type: 'batchDeregistration',
        batchId,
        released: released.map((r) => [r.index, r.deviceId]),
        at,
        [TTL_ATTRIBUTE]: Math.ceil(Date.parse(at) / 1000) + CHUNK_TTL_SECONDS,
      },
    },
  };
}

/**
 * The devices this batch deregistered for rows of one task, by row index: one Query of the
 * receipts in the task's range of rows (`indexes` are all of them). Receipts of one row each, as
 * the previous version wrote them, are read alike.
 */
export async function findDeregisteredInBatch(batchId: string, indexes: number[]): Promise<Map<number, string>> {
  if (indexes.length === 0) return new Map();
  const range = [batchKeys.deregistered(batchId, Math.min(...indexes)).sk, `${batchKeys.deregistered(batchId, Math.max(...indexes)).sk}~`] as const;
  const found = new Map<number, string>();
  for await (const items of queryPages(keyQuery(batchKeys.queryDeregistered(batchId), { sortBetween: range, consistent: true }))) {
    for (const item of items) {
      const released = (item.released as [number, string][] | undefined) ?? [[Number(item.index), String(item.deviceId)]];
      for (const [index, deviceId] of released) found.set(Number(index), String(deviceId));
    }
  }
  return found;
}
