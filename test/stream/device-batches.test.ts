import { describe, expect, it } from 'vitest';
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createTenant } from '#shared/directory/directory.ts';
import { addToBatch, batchResultsPage, createBatch, createReleaseBatch, planBatch, submitBatch } from '#shared/devices/batches.ts';
import { workBatchTask } from '#shared/workers/outbox-workers.ts';
import { commitChange } from '#shared/outbox/commit.ts';
import { createPartner } from '#shared/partners/partners.ts';
import { revokeRelationship } from '#shared/relationships/end-relationship.ts';
import { getBatch } from '#shared/table/batches.ts';
import { db, tableName } from '#shared/table/client.ts';
import { listDevices } from '#shared/table/devices.ts';
import { batchKeys } from '#shared/table/keys.ts';
import { relationshipActivated } from '#shared/table/relationships.ts';
import { unique } from '../support/api.ts';

/**
 * The batch worker under faults, driven directly (no stream consumer runs in this project), so a
 * test decides what happens between the writes of a task.
 */
const operator = { type: 'operator' as const, id: 'test' };
let serial = 0;
const pkid = () => `8${String(Date.now() % 1e8).padStart(8, '0')}${String(serial++ % 1e4).padStart(4, '0')}`;

async function authorizedPartner() {
  const { partner } = await createPartner({ name: `OEM-free CSP ${unique()}`, kind: 'direct-csp', contactEmail: 'ops@p.example' }, operator);
  const tenant = await createTenant({ name: 'Tenant', initialDomain: `${unique('t')}.onmicrosoft.example` }, operator);
  await commitChange({
    writes: relationshipActivated({ tenantId: tenant.id, partnerId: partner.id, partnerKind: partner.kind, status: 'active', grantedAt: new Date().toISOString(), acceptedBy: { userId: 'u', email: 'admin@example.com' }, source: { linkId: 'test' } }),
    audit: { action: 'consent.accepted', actor: operator, tenantId: tenant.id, partnerId: partner.id },
  });
  return { partner, tenant, actor: { type: 'partner' as const, id: partner.id } };
}

/** A submitted batch of `parts` parts of `size` devices, planned into its tasks. */
async function plannedBatch(parts: number, size: number) {
  const authorized = await authorizedPartner();
  const devices = Array.from({ length: parts }, () => Array.from({ length: size }, () => ({ productKeyId: pkid() })));
  return { ...authorized, ...(await planned(authorized, 'register', devices)) };
}

/** A batch of the partner's that `action`s these parts of devices, submitted and planned into its tasks. */
async function planned({ partner, tenant, actor }: Awaited<ReturnType<typeof authorizedPartner>>, action: 'register' | 'deregister', parts: { productKeyId: string }[][]) {
  const { batch } = await createBatch(partner, { tenantId: tenant.id, action }, { actor });
  for (const [p, devices] of parts.entries()) {
    await addToBatch(partner, batch.id, { rows: devices.map((device) => ({ device })), channel: 'api', requestBody: `${action}${p}` }, { actor });
  }
  await submitBatch(partner, batch.id, actor);
  await planBatch(batch.id);
  const tasks = Array.from({ length: (await getBatch(batch.id))!.tasks! }, (_, n) => batchKeys.task(batch.id, n));
  return { batchId: batch.id, tasks };
}

/** Runs `fn` with the n-th write of devices (a TransactWriteItems putting or deleting device items) replaced by `instead`. */
async function onDeviceWrite<T>(n: number, instead: () => Promise<void> | never, fn: () => Promise<T>): Promise<T> {
  let seen = 0;
  const name = `onDeviceWrite${n}${Math.random()}`;
  db().middlewareStack.add(
    ((next: (args: unknown) => Promise<unknown>) => async (args: { input: { TransactItems?: { Put?: { Item?: { type?: string } }; Delete?: { Key?: { pk?: string } } }[] } }) => {
      const writesDevices = args.input.TransactItems?.some((i) => i.Put?.Item?.type === 'device' || i.Delete?.Key?.pk?.startsWith('DEVICE#'));
      if (writesDevices && ++seen === n) await instead();
      return next(args);
    }) as never,
    { step: 'initialize', name },
  );
  try {
    return await fn();
  } finally {
    db().middlewareStack.remove(name);
  }
}

const allResults = async (batchId: string) => (await batchResultsPage((await getBatch(batchId))!, { limit: 100, scope: 'test' })).items;

describe('the batch worker (R22)', () => {
  it('R22, R14: a partner that loses its consent half-way registers nothing more: the rest are consent_required, and the batch finishes with errors', async () => {
    const { partner, tenant, batchId, tasks } = await plannedBatch(1, 90);
    // The relationship is revoked just before the second write of the task's devices.
    const outcome = await onDeviceWrite(2, () => revokeRelationship(tenant.id, partner.id, 'customer asked', operator).then(() => undefined), () => workBatchTask(tasks[0]));
    expect(outcome).toBe('done');
    const batch = (await getBatch(batchId))!;
    expect(batch).toMatchObject({ status: 'finished_with_errors', processed: 90 });
    const results = await allResults(batchId);
    const registered = results.filter((r) => r.status === 'registered');
    // The writes run concurrently: the first may commit before the revocation or not, but the
    // write issued after it registers nothing (48 devices a write with one identity each).
    expect(registered.length).toBeLessThanOrEqual(48);
    expect(results.filter((r) => r.status === 'invalid').every((r) => r.errors[0].code === 'consent_required')).toBe(true);
    expect(batch.succeeded).toBe(registered.length);
    expect((await listDevices(partner.id, tenant.id, { limit: 100, scope: 't' })).items).toHaveLength(registered.length);
  });

  it('R22: a worker that dies mid-task loses nothing and registers nothing twice when the task is worked again', async () => {
    const { partner, tenant, batchId, tasks } = await plannedBatch(2, 600);
    expect(tasks).toHaveLength(2);
    // Task 0 dies before its third write: its first writes are in, nothing is recorded.
    const first = await onDeviceWrite(3, () => Promise.reject(new Error('worker killed')), () => workBatchTask(tasks[0], { leaseMs: 100 }));
    expect(first).toBe('retry');
    expect((await getBatch(batchId))!.processed).toBe(0);
    const partial = (await listDevices(partner.id, tenant.id, { limit: 200, scope: 't' })).items.length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(600);
    // Worked again (by the check, once due), and the other task.
    expect(await workBatchTask(tasks[0])).toBe('done');
    expect(await workBatchTask(tasks[1])).toBe('done');
    expect(await workBatchTask(tasks[1])).toBe('skipped');
    const batch = (await getBatch(batchId))!;
    expect(batch).toMatchObject({ status: 'finished', received: 1200, processed: 1200, succeeded: 1200, failed: 0 });
    const results = await allResults(batchId);
    expect(results.map((r) => r.index)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    const devices: { id: string }[] = [];
    let cursor: string | undefined;
    do {
      const page = await listDevices(partner.id, tenant.id, { limit: 100, cursor, scope: 't' });
      devices.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(devices).toHaveLength(1200);
    // Each result names the one device registered for its row.
    expect(new Set(results.map((r) => r.deviceId)).size).toBe(100);
    expect(results.every((r) => devices.some((d) => d.id === r.deviceId))).toBe(true);
  });

  it('R22: a deregistration task that dies mid-task, worked again, reports every device it deregistered as deregistered, none as not registered', async () => {
    const authorized = await authorizedPartner();
    const devices = Array.from({ length: 300 }, () => ({ productKeyId: pkid() }));
    const registration = await planned(authorized, 'register', [devices]);
    for (const task of registration.tasks) expect(await workBatchTask(task)).toBe('done');
    const { partner, tenant } = authorized;
    const { batchId, tasks } = await planned(authorized, 'deregister', [devices]);
    expect(tasks).toHaveLength(1);
    // The task dies before its third write: its first writes are in (devices gone), nothing is recorded.
    expect(await onDeviceWrite(3, () => Promise.reject(new Error('worker killed')), () => workBatchTask(tasks[0], { leaseMs: 100 }))).toBe('retry');
    const left = (await listDevices(partner.id, tenant.id, { limit: 100, scope: 't' })).items.length;
    expect(left).toBeGreaterThan(0);
    expect(await workBatchTask(tasks[0])).toBe('done');
    expect((await getBatch(batchId))!).toMatchObject({ status: 'finished', processed: 300, succeeded: 300, failed: 0 });
    expect((await listDevices(partner.id, tenant.id, { limit: 100, scope: 't' })).items).toEqual([]);
    const results = await allResults(batchId);
    expect(results.every((r) => r.status === 'deregistered' && r.deviceId)).toBe(true);
  });

  it("R24, R22: a release task that dies mid-task, worked again, reports every device it released as released (rows naming their device, rows by identity), none as not registered", async () => {
    const authorized = await authorizedPartner();
    const devices = Array.from({ length: 300 }, () => ({ productKeyId: pkid() }));
    const registration = await planned(authorized, 'register', [devices]);
    for (const task of registration.tasks) expect(await workBatchTask(task)).toBe('done');
    const { partner, tenant } = authorized;
    // Rows naming their device (as the tenant's export does) for the first 150, by identity for the rest.
    const byKey = new Map<string, string>();
    let cursor: string | undefined;
    do {
      const page = await listDevices(partner.id, tenant.id, { limit: 100, cursor, scope: 't' });
      for (const d of page.items) byKey.set(d.productKeyId!, d.id);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(byKey.size).toBe(300);
    const rows = devices.map((device, i) => ({ device, ...(i < 150 ? { named: { deviceId: byKey.get(device.productKeyId)!, partnerId: partner.id } } : {}) }));
    const actor = { type: 'user' as const, id: 'u_admin' };
    const { batch } = await createReleaseBatch(tenant.id, { actor });
    await addToBatch({ tenantId: tenant.id }, batch.id, { rows, channel: 'csv', requestBody: 'release' }, { actor });
    await submitBatch({ tenantId: tenant.id }, batch.id, actor);
    await planBatch(batch.id);
    const task = batchKeys.task(batch.id, 0);
    // The task dies before its third write: its first writes are in (devices gone), nothing is recorded.
    expect(await onDeviceWrite(3, () => Promise.reject(new Error('worker killed')), () => workBatchTask(task, { leaseMs: 100 }))).toBe('retry');
    const left = (await listDevices(partner.id, tenant.id, { limit: 100, scope: 't' })).items.length;
    expect(left).toBeGreaterThan(0);
    expect(await workBatchTask(task)).toBe('done');
    expect((await getBatch(batch.id))!).toMatchObject({ status: 'finished', processed: 300, succeeded: 300, failed: 0 });
    expect((await listDevices(partner.id, tenant.id, { limit: 100, scope: 't' })).items).toEqual([]);
    const results: { index: number; status: string; deviceId?: string }[] = [];
    let next: string | undefined;
    do {
      const page = await batchResultsPage((await getBatch(batch.id))!, { limit: 100, cursor: next, scope: 'test' });
      results.push(...page.items);
      next = page.nextCursor ?? undefined;
    } while (next);
    expect(results).toHaveLength(300);
    expect(results.every((r, i) => r.status === 'released' && r.deviceId === byKey.get(devices[i].productKeyId))).toBe(true);
  });

  it("issue 26: each part's chunks are in a partition of the part's own (not the batch's), and a part staged before (its chunks in the batch's partition) is still worked", async () => {
    const { batchId, tasks } = await plannedBatch(2, 5);
    const query = (pk: string, prefix: string) => db().send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)', ExpressionAttributeValues: { ':pk': pk, ':p': prefix }, ConsistentRead: true }));
    expect((await query(batchKeys.key(batchId).pk, 'CHUNK#')).Items).toEqual([]);
    const parts = ((await query(batchKeys.key(batchId).pk, 'PART#')).Items ?? []).map((item) => String(item.partId));
    expect(parts).toHaveLength(2);
    for (const partId of parts) expect((await query(batchKeys.chunk(batchId, partId, 0).pk, 'CHUNK#')).Items).toHaveLength(1);
    // The first part as the previous version staged it: its chunk in the batch's partition, sorted by part.
    const [chunk] = (await query(batchKeys.chunk(batchId, parts[0], 0).pk, 'CHUNK#')).Items!;
    await db().send(
      new BatchWriteCommand({
        RequestItems: {
          [tableName()]: [
            { PutRequest: { Item: { ...chunk, pk: batchKeys.key(batchId).pk, sk: `CHUNK#${parts[0]}#0000` } } },
            { DeleteRequest: { Key: batchKeys.chunk(batchId, parts[0], 0) } },
          ],
        },
      }),
    );
    for (const task of tasks) await workBatchTask(task);
    expect((await getBatch(batchId))!).toMatchObject({ status: 'finished', processed: 10, succeeded: 10 });
    expect((await allResults(batchId)).map((r) => r.status)).toEqual(Array(10).fill('registered'));
  });

  it('R22: a task claimed by a live worker is not worked twice, and a planner run again adds no task', async () => {
    const { batchId, tasks } = await plannedBatch(1, 5);
    await planBatch(batchId);
    const items = await db().send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': batchKeys.task(batchId, 1).pk } }));
    expect(items.Items).toEqual([]);
    const [a, b] = await Promise.all([workBatchTask(tasks[0]), workBatchTask(tasks[0])]);
    expect([a, b].sort()).toEqual(['done', 'skipped']);
    expect((await getBatch(batchId))!).toMatchObject({ status: 'finished', processed: 5, succeeded: 5 });
  });
});
