import { packBySize } from '#shared/util/batching.ts';
import { actorRef, systemActor, type Actor } from '#shared/domain/actor.ts';
import { deviceIdentities, judgeRows, registrationRefusal, withAutopilotError, type Channel, type DeviceError, type DeviceInput, type NamedRow } from '#shared/domain/devices.ts';
import { conflict, idempotencyKeyReused, notFound, validationFailed } from '#shared/domain/errors.ts';
import { approvalNeeded, holdRefusal, holdUntil, type ApprovalReason, type WhenNotAuthorized } from '#shared/domain/held-batches.ts';
import { newId, nowIso } from '#shared/domain/ids.ts';
import { noticeEmail, webhookEvent } from '#shared/domain/outbox-events.ts';
import type { Partner } from '#shared/domain/partner.ts';
import { sha256 } from '#shared/domain/tokens.ts';
import { logger } from '#shared/observability/logger.ts';
import { recordBatchThroughput } from '#shared/observability/metrics.ts';
import { changeWrites, commitChange, recordRefusedAttempt } from '#shared/outbox/commit.ts';
import { canonicalJson } from '#shared/util/canonical-json.ts';
import {
  batchFinished,
  batchHeld,
  batchPut,
  batchRead,
  batchSubmitted,
  claimFinishing,
  getBatch,
  getPart,
  listParts,
  markProcessing,
  partCommitted,
  partRead,
  readPartRows,
  recordedTasks,
  resultItems,
  setTaskCount,
  stageChunks,
  taskRecorded,
  tasksDoneOf,
  type Batch,
  type BatchAction,
  type BatchChannel,
  type BatchTask,
  type StoredResult,
  type StoredRow,
} from '#shared/table/batches.ts';
import { getItem, getItems } from '#shared/table/batch.ts';
import { activityCounted } from '#shared/table/activity.ts';
import { findDeregisteredInBatch } from '#shared/table/batches.ts';
import { findRegistrations, type DeviceOrigin } from '#shared/table/devices.ts';
import type { Write } from '#shared/table/transact.ts';
import { findTenantIdByDomain, listGlobalAdmins, tenantRead } from '#shared/table/directory.ts';
import { holdBlockRead } from '#shared/table/hold-blocks.ts';
import { decodeCursor, encodeCursor, type PageRequest } from '#shared/table/page.ts';
import { getPartner, partnerRead } from '#shared/table/partners.ts';
import { authorizationFor, leaseTaskSlot, releaseTaskSlot, type Authorization } from '#shared/table/relationships.ts';
import { grantMarkerKeys } from '#shared/table/keys.ts';
import { S4_RETRIES } from '#shared/domain/outbox-retries.ts';
import { failedBecause } from '#shared/table/transact.ts';
import { deregisterRows } from './deregistration.ts';
import { releaseRows } from './release.ts';
import { deviceChange, deviceOrigin, registerRows, type RowToRegister, type SubmittedRow } from './submission.ts';

/**
 * Device batches (API.md): a partner creates a batch for a tenant and an action, adds devices in
 * parts of up to 1000 (JSON or a CSV file), and submits it; the answer is 202 and the batch is
 * worked asynchronously. At submission the planner (woken by the batch's change on the table's
 * stream) cuts the batch into tasks of up to 1000 devices, each an outbox item whose insertion
 * wakes a worker; each worker judges its devices when it works them (R22), registers them many to
 * a transaction, and records its results and the batch's counters in one transaction. The last
 * task to be recorded finishes the batch and raises `device_batch.finished`.
 */
export const MAX_BATCH_DEVICES = 100_000;
/** Devices a task works; a part is never split across tasks. */
const TASK_DEVICES = 1000;
/** A chunk item's rows, in bytes of JSON: well under DynamoDB's 400 KB item limit. */
const CHUNK_BYTES = 250_000;
/** What a partner sees of a batch (API.md `batch`). */
export const toApiBatch = (batch: Batch) => ({
  id: batch.id,
  tenantId: batch.tenantId,
  action: batch.action,
  status: batch.status,
  summary: { received: batch.received, processed: batch.processed, succeeded: batch.succeeded, failed: batch.failed },
  createdAt: batch.createdAt,
  ...(batch.submittedAt ? { submittedAt: batch.submittedAt } : {}),
  ...(batch.finishedAt ? { finishedAt: batch.finishedAt } : {}),
  ...(batch.whenNotAuthorized ? { whenNotAuthorized: batch.whenNotAuthorized } : {}),
  ...(batch.reference !== undefined ? { reference: batch.reference } : {}),
  ...(batch.approval
    ? { approval: { status: batch.approval.status, reason: batch.approval.reason, expiresAt: batch.approval.until, ...(batch.approval.decidedAt ? { decidedAt: batch.approval.decidedAt } : {}) } }
    : {}),
});

/** R19: another partner's batch is as unknown as one that does not exist. */
export async function requireOwnBatch(partnerId: string, batchId: string): Promise<Batch> {
  const batch = await getBatch(batchId);
  if (!batch || batch.partnerId !== partnerId) throw notFound('Device batch');
  return batch;
}

/**
 * Whose batch it is: a partner's (by the partner), or a tenant's release of its own devices (R24).
 * A partner never reaches a tenant's release, nor a tenant a partner's batch (R19).
 */
export type BatchOwner = Pick<Partner, 'id'> | { tenantId: string };

const ownedBy = (owner: BatchOwner, batch: Batch | undefined): batch is Batch =>
  batch !== undefined && ('tenantId' in owner ? batch.action === 'release' && batch.partnerId === undefined && batch.tenantId === owner.tenantId : batch.partnerId === owner.id);

const ownerAudit = (owner: BatchOwner) => ('tenantId' in owner ? {} : { partnerId: owner.id });

/** R24, R19: a tenant's release, by its id; anyone else's batch is unknown alike. */
export async function requireReleaseBatch(tenantId: string, batchId: string): Promise<Batch> {
  const batch = await getBatch(batchId);
  if (!ownedBy({ tenantId }, batch)) throw notFound('Release');
  return batch;
}

/** A batch as it is created: open, nothing received yet. */
const NEW_BATCH = { status: 'open', received: 0, processed: 0, succeeded: 0, failed: 0 } as const;

/**
 * R24: a tenant's release of up to 100,000 devices, worked by the batch engine: created open, then
 * parts and submit as a partner's batch. With an Idempotency-Key its id comes from the key.
 */
export async function createReleaseBatch(tenantId: string, options: { idempotencyKey?: string; actor: Actor & { type: 'user' | 'customer_key' } }): Promise<{ batch: Batch; created: boolean }> {
  const id = options.idempotencyKey ? `b_${sha256(`release\n${tenantId}\n${options.idempotencyKey}`).slice(0, 24)}` : newId('b');
  const batch: Batch = {
    id,
    tenantId,
    requestedBy: { type: options.actor.type, id: options.actor.id },
    action: 'release',
    ...NEW_BATCH,
    createdAt: nowIso(),
  };
  const outcome = await commitChange({
    at: batch.createdAt,
    writes: [batchPut(batch)],
    audit: { action: 'device_batch.created', actor: options.actor, tenantId, subject: id, details: { action: 'release' } },
  });
  if (failedBecause(outcome, 'exists') && options.idempotencyKey) {
    const existing = await getBatch(id);
    if (ownedBy({ tenantId }, existing)) return { batch: existing, created: false };
  }
  if (!outcome.ok) throw new Error(`release not created: ${outcome.failed.join(', ')}`);
  return { batch, created: true };
}

/** A tenant is named by its id, or by one of its proven domains (ids have no dots). */
const isDomain = (given: string) => given.includes('.');

/**
 * R27: may this partner hold a batch for this tenant? The tenant must be known (by id, or a domain
 * it proved: 404 otherwise, R19), and the partner one that can be accepted (R8, R9) and not
 * blocked by the customer (403). The one place a hold is refused, at the batch's creation and
 * again at its submission.
 */
export async function checkMayHold(partner: Partner, tenantId: string, actor: Actor): Promise<void> {
  const { tenant, block } = await getItems({ tenant: tenantRead(tenantId), block: holdBlockRead(tenantId, partner.id) });
  if (!tenant) throw notFound('Tenant');
  const refusal = holdRefusal(partner, block !== undefined);
  if (!refusal) return;
  // R29: a blocked partner's hold matters to the tenant: its trail (and the partner's) shows it refused.
  if (block) await recordRefusedAttempt({ action: 'device_batch.created', actor, tenantId, partnerId: partner.id, reason: 'partner_blocked', details: { whenNotAuthorized: 'hold' } });
  throw refusal;
}

/**
 * Creates an open batch; with an Idempotency-Key its id comes from the key, so a retry finds it
 * (R20). The tenant may be named by a proven domain (an unknown one is a 404); with
 * `whenNotAuthorized: "hold"` the partner must be allowed to hold (checkMayHold, R27).
 */
export async function createBatch(
  partner: Partner,
  input: { tenantId: string; action: BatchAction; whenNotAuthorized?: WhenNotAuthorized; reference?: string },
  options: { idempotencyKey?: string; actor: Actor },
): Promise<{ batch: Batch; created: boolean }> {
  const bodyHash = sha256(canonicalJson(input));
  const tenantId = isDomain(input.tenantId) ? await findTenantIdByDomain(input.tenantId) : input.tenantId;
  if (!tenantId) throw notFound('Tenant');
  const hold = input.whenNotAuthorized === 'hold';
  if (hold) await checkMayHold(partner, tenantId, options.actor);
  const id = options.idempotencyKey ? `b_${sha256(`batch\n${partner.id}\n${options.idempotencyKey}`).slice(0, 24)}` : newId('b');
  const batch: Batch = {
    id,
    partnerId: partner.id,
    tenantId,
    action: input.action,
    ...NEW_BATCH,
    createdAt: nowIso(),
    bodyHash,
    ...(hold ? { whenNotAuthorized: 'hold' as const } : {}),
    ...(input.reference !== undefined ? { reference: input.reference } : {}),
  };
  const outcome = await commitChange({
    at: batch.createdAt,
    writes: [batchPut(batch)],
    audit: { action: 'device_batch.created', actor: options.actor, partnerId: partner.id, tenantId, subject: id, details: { action: input.action, ...(hold ? { whenNotAuthorized: 'hold' } : {}), ...(input.reference !== undefined ? { reference: input.reference } : {}) } },
  });
  if (failedBecause(outcome, 'exists') && options.idempotencyKey) {
    const existing = await getBatch(id);
    if (existing && existing.bodyHash !== bodyHash) throw idempotencyKeyReused();
    if (existing) return { batch: existing, created: false };
  }
  if (!outcome.ok) throw new Error(`batch not created: ${outcome.failed.join(', ')}`);
  return { batch, created: true };
}

/** Rows in chunks of at most CHUNK_BYTES of JSON each. */
const chunksOf = (rows: StoredRow[]): StoredRow[][] => packBySize(rows, (row) => Buffer.byteLength(JSON.stringify(row)), CHUNK_BYTES);

/**
 * Adds a part of up to 1000 devices to an open batch: the devices are staged in chunks, then the
 * part commits with the batch's count, only while the batch is open and within 100,000 devices.
 * With an Idempotency-Key the part's id comes from the key: a retry adds nothing twice (R20).
 */
export async function addToBatch(
  owner: BatchOwner,
  batchId: string,
  part: { rows: SubmittedRow[]; channel: BatchChannel; requestBody: string },
  options: { idempotencyKey?: string; actor: Actor },
): Promise<Batch> {
  const bodyHash = sha256(part.requestBody);
  const partId = options.idempotencyKey ? sha256(`part\n${options.idempotencyKey}`).slice(0, 24) : newId('pt').slice(3);
  // The batch, and with an Idempotency-Key the part it names, in one read.
  const { batch, existing } = await getItems({ batch: batchRead(batchId), existing: options.idempotencyKey ? partRead(batchId, partId) : undefined });
  if (!ownedBy(owner, batch)) throw notFound('tenantId' in owner ? 'Release' : 'Device batch');
  if (existing) {
    if (existing.bodyHash !== bodyHash) throw idempotencyKeyReused();
    return batch;
  }
  if (batch.status !== 'open') throw conflict(`This batch is ${batch.status}: devices can be added only while it is open`);
  if (batch.received + part.rows.length > MAX_BATCH_DEVICES) throw tooMany(batch.received, part.rows.length);
  const rows = part.rows.map((row, i): StoredRow => ({ i, ...(row.line !== undefined ? { line: row.line } : {}), device: row.device, ...(row.named ? { named: row.named } : {}) }));
  const chunks = chunksOf(rows);
  await stageChunks(batchId, partId, chunks, part.channel);
  const now = nowIso();
  const outcome = await commitChange({
    at: now,
    writes: partCommitted(batchId, { partId, count: rows.length, chunks: chunks.length, channel: part.channel, committedAt: now, bodyHash }, MAX_BATCH_DEVICES),
    audit: { action: 'device_batch.devices_added', actor: options.actor, ...ownerAudit(owner), tenantId: batch.tenantId, subject: batchId, details: { partId, count: rows.length, channel: part.channel } },
  });
  if (failedBecause(outcome, 'part_exists')) {
    if ((await getPart(batchId, partId))?.bodyHash !== bodyHash) throw idempotencyKeyReused();
    return (await getBatch(batchId))!;
  }
  if (!outcome.ok) {
    const now = await getBatch(batchId);
    if (now?.status !== 'open') throw conflict(`This batch is ${now?.status}: devices can be added only while it is open`);
    throw tooMany(now.received, rows.length);
  }
  // The batch as read (consistently) before this part, with this part's devices: no second read a
  // part (issue 26: the batch bench's 40). Parts the partner adds one after another are counted
  // exactly; one committed concurrently shows in the next answer.
  return { ...batch, received: batch.received + rows.length };
}

const tooMany = (received: number, adding: number) =>
  validationFailed([{ path: 'devices', message: `a batch holds at most ${MAX_BATCH_DEVICES} devices; it has ${received}, and this part adds ${adding}` }]);

/**
 * Does a partner's batch wait for the customer's approval at its submission, and why
 * (approvalNeeded: R27 a hold without consent, R28 the relationship's approval policy, for a
 * provider its reseller's): read once per batch, never per device. A tenant's release never waits.
 */
async function approvalReasonOf(batch: Batch): Promise<{ reason: ApprovalReason; partner: Partner } | undefined> {
  if (batch.partnerId === undefined || batch.action !== 'register') return undefined;
  const partner = await getPartner(batch.partnerId);
  if (!partner) return undefined;
  const authorization = await authorizationFor(partner, batch.tenantId);
  const authorized = authorization.status === 'active';
  const reason = approvalNeeded({
    action: batch.action,
    whenNotAuthorized: batch.whenNotAuthorized ?? 'fail',
    authorized,
    ...(authorized ? { relationship: authorization.relationship } : {}),
    received: batch.received,
  });
  return reason ? { reason, partner } : undefined;
}

/**
 * Open -> queued, or -> awaiting_approval when approvalNeeded says the batch waits (R27 a hold
 * without consent, R28 the approval policy): then, in the same transaction, its approval is
 * pending for 30 days (S5), the partner hears `device_batch.awaiting_approval` and each of the
 * tenant's global admins gets one email (a `held_batch` notice, an outbox item each, as S7's).
 * Only a hold without consent is refused to a partner the tenant blocked (checkMayHold): a policy
 * holds a consented partner's batch whatever it asked. Submitting again answers the batch as it is
 * (idempotent); an empty batch is refused.
 */
export async function submitBatch(owner: BatchOwner, batchId: string, actor: Actor): Promise<Batch> {
  const batch = 'tenantId' in owner ? await requireReleaseBatch(owner.tenantId, batchId) : await requireOwnBatch(owner.id, batchId);
  if (batch.status !== 'open') return batch;
  const now = nowIso();
  const held = await approvalReasonOf(batch);
  if (held?.reason === 'not_authorized') await checkMayHold(held.partner, batch.tenantId, actor);
  const until = holdUntil(now);
  // One transaction holds at most 100 items: the batch, its audit event and webhook, and (far more than any tenant has) 90 admins' emails.
  const admins = held ? await listGlobalAdmins(batch.tenantId) : [];
  const outcome = await commitChange(
    held
      ? {
          at: now,
          writes: [batchHeld(batch, now, held.reason, until)],
          audit: { action: 'device_batch.awaiting_approval', actor, ...ownerAudit(owner), tenantId: batch.tenantId, subject: batchId, details: { received: batch.received, reason: held.reason, until } },
          outbox: [
            webhookEvent('device_batch.awaiting_approval', held.partner.id, {
              batchId,
              tenantId: batch.tenantId,
              partnerId: held.partner.id,
              ...(batch.reference !== undefined ? { reference: batch.reference } : {}),
              reason: held.reason,
              summary: { received: batch.received },
              until,
              actor: actorRef(actor),
            }),
            ...admins.map((admin) =>
              noticeEmail(admin.email, {
                kind: 'held_batch',
                tenantId: batch.tenantId,
                partnerId: held.partner.id,
                batchId,
                reason: held.reason,
                count: batch.received,
                ...(batch.reference !== undefined ? { reference: batch.reference } : {}),
                until,
              }),
            ),
          ],
        }
      : {
          at: now,
          writes: [batchSubmitted(batchId, now)],
          audit: { action: 'device_batch.submitted', actor, ...ownerAudit(owner), tenantId: batch.tenantId, subject: batchId, details: { received: batch.received } },
        },
  );
  const current = (await getBatch(batchId))!;
  if (!outcome.ok && current.status === 'open') throw validationFailed([{ path: 'devices', message: 'the batch has no devices: add some before submitting' }]);
  return current;
}

/**
 * The planner, run by the stream consumer when a batch becomes `queued`: its parts in the order
 * they committed, cut into tasks of up to 1000 devices, each written once (a planner run again
 * writes nothing twice), each waking a worker as it is inserted.
 */
export async function planBatch(batchId: string): Promise<void> {
  const parts = await listParts(batchId);
  const tasks: BatchTask[] = [];
  let baseIndex = 0;
  for (const part of parts) {
    let task = tasks.at(-1);
    const devices = task?.parts.reduce((sum, p) => sum + p.count, 0) ?? 0;
    if (!task || devices + part.count > TASK_DEVICES) {
      task = { batchId, taskNo: tasks.length, parts: [] };
      tasks.push(task);
    }
    task.parts.push({ partId: part.partId, baseIndex, count: part.count, channel: part.channel });
    baseIndex += part.count;
  }
  await setTaskCount(batchId, tasks.length);
  const batch = (await getBatch(batchId))!;
  if (batch.partnerId !== undefined) for (const task of tasks) task.partnerId = batch.partnerId;
  const plan = (group: BatchTask[]) =>
    commitChange({
      writes: [],
      audit: { action: 'device_batch.planned', actor: systemActor('device-batch'), ...(batch.partnerId ? { partnerId: batch.partnerId } : {}), tenantId: batch.tenantId, subject: batchId, details: { tasks: group.map((t) => t.taskNo) } },
      outbox: group.map((task) => ({ channel: 'batch' as const, ...task })),
    });
  // 99 tasks and the audit event a transaction; a group an earlier run wrote in part goes one by one.
  for (let i = 0; i < tasks.length; i += 99) {
    const group = tasks.slice(i, i + 99);
    if (!(await plan(group)).ok) for (const task of group) await plan([task]);
  }
}

interface WorkRow extends RowToRegister {
  channel: Channel;
  named?: NamedRow;
}

/** The task an outbox item of a batch task carries. */
export const taskOf = (item: Record<string, unknown>): BatchTask => ({
  batchId: String(item.batchId),
  taskNo: Number(item.taskNo),
  ...(typeof item.partnerId === 'string' ? { partnerId: item.partnerId } : {}),
  parts: item.parts as BatchTask['parts'],
});

/**
 * A worked task: its results, and the record to write with the task's own state (taskRecord): the
 * results and counts, and what its devices' writes changed, told once.
 */
export interface WorkedTask {
  results: StoredResult[];
  record: Write[];
  /** Gives back the task slot its writes used (leaseTaskSlot), once its record is written. */
  release?: () => Promise<void>;
  /** The batch as the task read it when it started (finishBatchAfterTask needs no second read). */
  batch?: Batch;
}

/**
 * Works one task's devices (R22): judged now, by the same rules as a synchronous submission
 * (R14-R17), registered or deregistered many to a transaction, each write checking that the
 * partner is still authorized (a copy of its own: grantMarkerKeys). Answers their results and the
 * record to write with the task (taskRecord); throws when the task could not be worked. A task
 * worked again after a crash finds the devices it registered (they carry the batch and the row)
 * and reports them registered: nothing twice, nothing lost.
 */
export async function workTaskDevices(task: BatchTask): Promise<WorkedTask> {
  const started = Date.now();
  // The batch and its partner in one request (a task planned before issue 26 names no partner: read after).
  const read = await getItems({ batch: batchRead(task.batchId), partner: task.partnerId !== undefined ? partnerRead(task.partnerId) : undefined });
  const batch = read.batch;
  if (!batch) throw new Error(`batch ${task.batchId} not found`);
  // The first task to start moves the batch on; the others read it moved already and write nothing to it.
  if (batch.status === 'queued') await markProcessing(batch.id);
  const rows = await taskRows(batch, task);
  const worked = { ...(await judgeAndWrite(batch, task, rows, read.partner)), batch };
  const seconds = Math.max(0.001, (Date.now() - started) / 1000);
  recordBatchThroughput(rows.length, seconds);
  logger.info('batch task worked', { batchId: batch.id, taskNo: task.taskNo, devices: rows.length, devicesPerSecond: Math.round(rows.length / seconds) });
  return worked;
}

/** A task's rows, in index order, with the channel of the part each came in. */
async function taskRows(batch: Batch, task: BatchTask): Promise<WorkRow[]> {
  const rows: WorkRow[] = [];
  for (const part of task.parts) {
    for (const row of await readPartRows(batch.id, part.partId)) {
      rows.push({ index: part.baseIndex + row.i, ...(row.line !== undefined ? { line: row.line } : {}), device: row.device, ...(row.named ? { named: row.named } : {}), identities: [], channel: part.channel });
    }
  }
  return rows.sort((a, b) => a.index - b.index);
}

/**
 * A task given up (S4), so the batch still finishes and says so: every device failed, except
 * those its attempts did write (a device registered with this batch and row, a receipt of a
 * deregistration), which are reported done and told in the record as any task's, so no device is
 * changed without its audit event and event (R18). Should that read fail too, every device is
 * reported failed.
 */
export async function givenUpTask(task: BatchTask): Promise<WorkedTask> {
  const failed = (index: number): StoredResult => ({ index, status: 'failed', errors: [{ code: 'internal', message: 'This device could not be processed; submit it again' }] });
  const allFailed = task.parts.flatMap((part) => Array.from({ length: part.count }, (_, i) => failed(part.baseIndex + i)));
  try {
    const batch = await getItem(batchRead(task.batchId));
    if (!batch || batch.partnerId === undefined || batch.action === 'release') return { results: allFailed, record: taskRecorded(task, allFailed) };
    const rows = await taskRows(batch, task);
    const done = new Map<number, string>();
    if (batch.action === 'register') {
      const identities = new Map(rows.map((row) => [row.index, deviceIdentities(row.device).map((i) => i.key)]));
      const holders = await findRegistrations([...identities.values()].flat());
      for (const row of rows) {
        const holder = identities.get(row.index)!.map((key) => holders.get(key)).find((h) => h?.batchId === batch.id && h.batchIndex === row.index);
        if (holder) done.set(row.index, holder.deviceId);
      }
    } else {
      for (const [index, deviceId] of await findDeregisteredInBatch(batch.id, rows.map((row) => row.index))) done.set(index, deviceId);
    }
    const status = batch.action === 'register' ? 'registered' : 'deregistered';
    const results = allFailed.map((r): StoredResult => (done.has(r.index) ? { index: r.index, status, deviceId: done.get(r.index)!, errors: [] } : r));
    const partner = await getPartner(batch.partnerId);
    if (!partner || done.size === 0) return { results, record: taskRecorded(task, results) };
    const authorization = await authorizationFor(partner, batch.tenantId);
    const origin = authorization.status === 'active' ? await deviceOrigin(partner, authorization, batchActor(partner)) : undefined;
    return { results, record: taskRecord(batch, task, rows, results, { partner, ...(origin ? { origin } : {}) }) };
  } catch (error) {
    logger.error('batch task given up: its written devices could not be read', { batchId: task.batchId, taskNo: task.taskNo, error: error as Error });
    return { results: allFailed, record: taskRecorded(task, allFailed) };
  }
}

/**
 * The record of a partner's task (issue 26): its results and counts (taskRecorded), and what its
 * devices' writes changed, told once for the task rather than once a write: one audit event and
 * one `devices.<registered|deregistered>` event naming every device it changed (one of each per
 * channel of its parts, nearly always one), and one count of the partner's activity for the
 * tenant (R30, on its slot's shard). Written in the transaction that records the task done, once:
 * a task recorded already writes nothing again (`recorded`).
 */
function taskRecord(batch: Batch, task: BatchTask, rows: WorkRow[], results: StoredResult[], told: { partner: Partner; origin?: DeviceOrigin; slot?: number }): Write[] {
  const at = nowIso();
  const change = batch.action === 'register' ? 'registered' : 'deregistered';
  const channelOf = new Map(rows.map((row) => [row.index, row.channel]));
  const changed = results.filter((r) => r.status === change && r.deviceId);
  const writes = taskRecorded(task, results);
  if (changed.length === 0) return writes;
  const context = { partner: told.partner, tenantId: batch.tenantId, actor: batchActor(told.partner), batchId: batch.id, taskNo: task.taskNo, ...(told.origin ? { origin: told.origin } : {}) };
  for (const channel of ['api', 'csv'] as const) {
    const deviceIds = changed.filter((r) => channelOf.get(r.index) === channel).map((r) => r.deviceId!);
    if (deviceIds.length === 0) continue;
    const { audit, outbox } = deviceChange(change, deviceIds, { ...context, channel }, at);
    writes.push(...changeWrites({ writes: [], audit, outbox, at }));
  }
  writes.push(activityCounted(batch.tenantId, told.partner.id, change === 'registered' ? changed.length : -changed.length, at, told.slot ?? task.taskNo));
  return writes;
}

/** Judges a task's rows as a submission's are (judgeRows: R14 by each row's channel, the fields, R17), then writes the rest. */
async function judgeAndWrite(batch: Batch, task: BatchTask, rows: WorkRow[], known?: Partner): Promise<WorkedTask> {
  if (batch.partnerId === undefined) {
    const results = await releaseTaskRows(batch, rows);
    return { results, record: taskRecorded(task, results) };
  }
  const partner = known?.id === batch.partnerId ? known : await getPartner(batch.partnerId);
  if (!partner) throw new Error(`partner ${batch.partnerId} not found`);
  const authorization = await authorizationFor(partner, batch.tenantId);
  const results = new Map<number, StoredResult>();
  const invalid = (row: WorkRow, errors: DeviceError[]) => results.set(row.index, { index: row.index, ...(row.line !== undefined ? { line: row.line } : {}), status: 'invalid', errors });
  const authorized = authorization.status === 'active';
  const verdicts = judgeRows(rows, (channel) => registrationRefusal(partner, channel, authorized), 'batch');
  const toWrite: WorkRow[] = [];
  rows.forEach((row, i) => {
    if (verdicts[i].errors.length > 0) invalid(row, verdicts[i].errors);
    else toWrite.push({ ...row, identities: verdicts[i].identities });
  });
  const actor = batchActor(partner);
  const writing = authorized && toWrite.length > 0;
  // Who the tenant sees registered the devices (R23), and whom the task's audit names (R29): read once a task.
  const origin = writing ? await deviceOrigin(partner, authorization, actor) : undefined;
  const lease = writing ? await leaseSlot(batch, task, authorization) : undefined;
  try {
    for (const channel of ['api', 'csv'] as const) {
      const group = toWrite.filter((r) => r.channel === channel);
      if (group.length === 0) continue;
      const inTask = { batchId: batch.id, taskNo: task.taskNo, ...(lease ? { slot: lease.slot } : {}) };
      const written =
        batch.action === 'register'
          ? await registerRows(group, { partner, tenantId: batch.tenantId, channel, actor, authorization, ...inTask, ...(origin ? { origin } : {}) })
          : await deregisterRows(partner, batch.tenantId, group, channel, actor, { authorization, ...inTask });
      for (const [index, result] of written) results.set(index, result as StoredResult);
    }
  } catch (error) {
    await lease?.release();
    throw error;
  }
  const ordered = rows.map((row) => {
    const result = results.get(row.index)!;
    return { ...result, errors: (result.errors as DeviceError[]).map(withAutopilotError) };
  });
  return {
    results: ordered,
    record: taskRecord(batch, task, rows, ordered, { partner, ...(origin ? { origin } : {}), ...(lease ? { slot: lease.slot } : {}) }),
    ...(lease ? { release: lease.release } : {}),
  };
}

/**
 * Issue 26: the task slot of the (partner, tenant) whose copies of the authorization the task's
 * writes check (the copies of the relationship the authorization rests on: for a provider, its
 * reseller's, R8), leased for as long as a worker's claim of the task lasts. More tasks of one
 * (partner, tenant) at once than there are slots is not expected (the stream works a shard's
 * records one after another); should it happen, the task uses its own number's slot, shared.
 */
async function leaseSlot(batch: Batch, task: BatchTask, authorization: Authorization): Promise<{ slot: number; release: () => Promise<void> }> {
  const owner = authorization.relationship!.partnerId;
  const holder = `${batch.id}#${task.taskNo}`;
  const slot = await leaseTaskSlot(owner, batch.tenantId, holder, task.taskNo, S4_RETRIES.batchTask.leaseMs);
  if (slot === undefined) {
    logger.warn('every task slot of the partner and tenant is held: this task shares one', { batchId: batch.id, taskNo: task.taskNo });
    return { slot: task.taskNo % grantMarkerKeys.slots, release: async () => {} };
  }
  return { slot, release: () => releaseTaskSlot(owner, batch.tenantId, holder, slot) };
}

/** The partner acts through its batch: audit events and webhooks name the partner. */
const batchActor = (partner: Partner): Actor => ({ type: 'partner', id: partner.id });

/** R24: a task of a tenant's release: its rows released as a synchronous release's are, each leaving a receipt (R22's "nothing twice"). */
async function releaseTaskRows(batch: Batch, rows: WorkRow[]): Promise<StoredResult[]> {
  const actor: Actor = batch.requestedBy ?? systemActor('device-batch');
  const released = await releaseRows(batch.tenantId, rows.map((row) => ({ index: row.index, ...(row.line !== undefined ? { line: row.line } : {}), device: row.device, ...(row.named ? { named: row.named } : {}) })), actor, { batchId: batch.id });
  return rows.map((row) => {
    const result = released.get(row.index)!;
    return { ...result, errors: result.errors.map(withAutopilotError) };
  });
}

/**
 * Once a task's results are recorded: when every task is (the sums of their records,
 * tasksDoneOf), the batch finishes with those sums and raises `device_batch.finished`. Two last
 * tasks recorded at once both see it: the one that claims the finishing (claimFinishing) finishes.
 */
export async function finishBatchAfterTask(batchId: string, now: string, taskNo = -1, known?: Batch): Promise<void> {
  // The batch as its last task read it will do (its tasks, partner, tenant and count never change once planned; batchFinished's condition checks its status).
  const batch = known?.id === batchId && known.tasks !== undefined ? known : await getItem(batchRead(batchId));
  if (!batch || batch.tasks === undefined || (batch.status !== 'queued' && batch.status !== 'processing')) return;
  const done = await tasksDoneOf(batchId);
  if (done.tasksDone !== batch.tasks) return;
  if (!(await claimFinishing(batchId, `${batchId}#${taskNo}`, S4_RETRIES.batchTask.leaseMs))) return;
  const status = done.failed > 0 ? 'finished_with_errors' : 'finished';
  const system = systemActor('device-batch');
  await commitChange({
    at: now,
    writes: [batchFinished(batch, done, now)],
    audit: { action: 'device_batch.finished', actor: system, ...(batch.partnerId ? { partnerId: batch.partnerId } : {}), tenantId: batch.tenantId, subject: batch.id, details: { status } },
    // A tenant's release tells no partner it ended (each partner heard of its devices as they went, R24).
    outbox: batch.partnerId === undefined || batch.action === 'release' ? [] : [
      webhookEvent('device_batch.finished', batch.partnerId, {
        batchId: batch.id,
        tenantId: batch.tenantId,
        partnerId: batch.partnerId,
        action: batch.action,
        status,
        summary: { received: batch.received, processed: done.processed, succeeded: done.succeeded, failed: done.failed },
        actor: actorRef(system),
      }),
    ],
  });
}

/** Where a results page starts: a task, a result item of it (after `key`), and a position in that item. */
interface ResultsPosition {
  task: number;
  key?: Record<string, unknown>;
  offset: number;
}

/**
 * A page of per-device results, in index order: the tasks' results in task order (while the
 * batch is worked, the tasks recorded so far), RESULTS_PER_ITEM an item, so a page of 100 reads
 * one item (two when it starts inside one). The cursor (authenticated, bound to the batch) names
 * the task, its result item and the position within it.
 */
export async function batchResultsPage(batch: Batch, page: PageRequest) {
  const position = page.cursor ? ((await decodeCursor(page.cursor, page.scope)) as unknown as ResultsPosition) : { task: 0, offset: 0 };
  const tasks = await tasksWithResults(batch);
  const items: StoredResult[] = [];
  const cursorAt = (at: ResultsPosition) => encodeCursor(at as unknown as Record<string, unknown>, page.scope);
  let t = tasks.findIndex((n) => n >= position.task);
  if (t < 0) return { items, nextCursor: null };
  let key = tasks[t] === position.task ? position.key : undefined;
  let offset = tasks[t] === position.task ? position.offset : 0;
  for (;;) {
    const [set] = (await resultItems(batch.id, tasks[t], { startKey: key, limit: 1 })).items;
    if (set) {
      const take = set.results.slice(offset, offset + (page.limit - items.length));
      items.push(...take);
      if (offset + take.length < set.results.length) return { items, nextCursor: await cursorAt({ task: tasks[t], ...(key ? { key } : {}), offset: offset + take.length }) };
      if (!set.last) {
        key = set.key;
        offset = 0;
        if (items.length >= page.limit) return { items, nextCursor: await cursorAt({ task: tasks[t], key, offset: 0 }) };
        continue;
      }
    }
    t += 1;
    key = undefined;
    offset = 0;
    if (t >= tasks.length) return { items, nextCursor: null };
    if (items.length >= page.limit) return { items, nextCursor: await cursorAt({ task: tasks[t], offset: 0 }) };
  }
}

/** The tasks whose results can be read, in order: all of a finished batch's, the recorded ones of a batch being worked. */
export async function tasksWithResults(batch: Batch): Promise<number[]> {
  if (batch.tasks === undefined) return [];
  if (batch.status === 'queued' || batch.status === 'processing') return recordedTasks(batch.id);
  return Array.from({ length: batch.tasks }, (_, n) => n);
}
