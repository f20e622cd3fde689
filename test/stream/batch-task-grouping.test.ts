import { describe, expect, it } from 'vitest';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { createTenant } from '#shared/directory/directory.ts';
import { addToBatch, batchResultsPage, createBatch, planBatch, submitBatch } from '#shared/devices/batches.ts';
import { workBatchTask } from '#shared/workers/outbox-workers.ts';
import { commitChange } from '#shared/outbox/commit.ts';
import { createPartner } from '#shared/partners/partners.ts';
import { activityOf } from '#shared/table/activity.ts';
import { queryAudit } from '#shared/table/audit.ts';
import { batchPut, getBatch } from '#shared/table/batches.ts';
import { transact } from '#shared/table/transact.ts';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { db, tableName } from '#shared/table/client.ts';
import { batchKeys, grantMarkerKeys } from '#shared/table/keys.ts';
import { authorizationCheck, authorizationFor, relationshipActivated, relationshipEnded, type Authorization } from '#shared/table/relationships.ts';
import { forEachConcurrently } from '#shared/util/batching.ts';
import { unique } from '../support/api.ts';

/**
 * Issue 26, items 1 and 4: a batch's workers, run at once on one (partner, tenant), never meet on
 * an item (no TransactionConflict: every cancellation reason the table gives is counted), and what
 * a batch causes adds up exactly: one `devices.registered` event and one audit event per task,
 * naming every device the task registered, and counters that are the sums of the tasks'.
 */
const operator = { type: 'operator' as const, id: 'test' };
let serial = 0;
const pkid = () => `7${String(Date.now() % 1e7).padStart(7, "0")}${String(serial++ % 1e5).padStart(5, "0")}`;

/** One TransactWriteItems call: when it was in flight (as its caller saw it), and every item it wrote or checked. */
interface Flight {
  start: number;
  end: number;
  items: Set<string>;
}

/**
 * Records every TransactWriteItems call while `fn` runs, with the items it writes or checks, and
 * the cancellation reasons the table gives. DynamoDB Local cannot show TransactionConflict itself:
 * it runs one transaction at a time under a table lock (an overlong wait is its "too long waiting
 * for a lock... will succeed in actual DynamoDB API"), so the test looks for what would conflict
 * in AWS: two calls in flight at once with an item in common. Run against the design before issue
 * 26, this found hundreds (every write checking the relationship item, every task's record adding
 * to the batch item, activity shards picked at random).
 */
async function recordingTransactions<T>(fn: () => Promise<T>): Promise<{ value: T; flights: Flight[]; reasons: Map<string, number>; events: { eventType: string; payload: string }[] }> {
  const flights: Flight[] = [];
  const events: { eventType: string; payload: string }[] = [];
  const reasons = new Map<string, number>();
  const name = `transactions${Math.random()}`;
  type Item = { Put?: { Item?: { pk?: string; sk?: string; type?: string; eventType?: string; payload?: string } }; Update?: { Key?: { pk?: string; sk?: string } }; Delete?: { Key?: { pk?: string; sk?: string } }; ConditionCheck?: { Key?: { pk?: string; sk?: string } } };
  db().middlewareStack.add(
    ((next: (args: unknown) => Promise<unknown>) => async (args: { input: { TransactItems?: Item[] } }) => {
      const transactItems = args.input.TransactItems;
      if (!transactItems) return next(args);
      const flight: Flight = {
        start: performance.now(),
        end: Infinity,
        items: new Set(transactItems.map((i) => {
          const key = i.Put?.Item ?? i.Update?.Key ?? i.Delete?.Key ?? i.ConditionCheck?.Key;
          return `${key?.pk}|${key?.sk}`;
        })),
      };
      flights.push(flight);
      try {
        const out = await next(args);
        // The webhook events of a committed transaction (the outbox items the stream would deliver).
        for (const i of transactItems) if (i.Put?.Item?.type === 'webhookDelivery') events.push({ eventType: i.Put.Item.eventType!, payload: i.Put.Item.payload! });
        return out;
      } catch (error) {
        if (error instanceof TransactionCanceledException) for (const r of error.CancellationReasons ?? []) if (r.Code && r.Code !== 'None') reasons.set(r.Code, (reasons.get(r.Code) ?? 0) + 1);
        throw error;
      } finally {
        flight.end = performance.now();
      }
    }) as never,
    { step: 'initialize', name },
  );
  try {
    return { value: await fn(), flights, reasons, events };
  } finally {
    db().middlewareStack.remove(name);
  }
}

/** The items two transactions in flight at the same moment both wrote or checked. */
function sharedInFlight(flights: Flight[]): string[] {
  const shared: string[] = [];
  const sorted = [...flights].sort((a, b) => a.start - b.start);
  sorted.forEach((a, i) => {
    for (const b of sorted.slice(i + 1)) {
      if (b.start >= a.end) break;
      for (const item of a.items) if (b.items.has(item)) shared.push(item);
    }
  });
  return shared;
}

async function everyPage<T>(read: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

describe('the batch workers on one (partner, tenant) (issue 26)', () => {
  it('R22, R18, R14: a 10,000-device batch worked by 8 workers at once: no TransactionConflict; one devices.registered event and one audit event per task; events, audit, results and counters add up exactly', async () => {
    const { partner } = await createPartner({ name: `CSP ${unique()}`, kind: 'direct-csp', contactEmail: 'ops@p.example' }, operator);
    const tenant = await createTenant({ name: 'Tenant', initialDomain: `${unique('t')}.onmicrosoft.example` }, operator);
    await commitChange({
      writes: relationshipActivated({ tenantId: tenant.id, partnerId: partner.id, partnerKind: partner.kind, status: 'active', grantedAt: new Date().toISOString(), acceptedBy: { userId: 'u', email: 'admin@example.com' }, source: { linkId: 'test' } }),
      audit: { action: 'consent.accepted', actor: operator, tenantId: tenant.id, partnerId: partner.id },
    });
    const actor = { type: 'partner' as const, id: partner.id };
    const { batch } = await createBatch(partner, { tenantId: tenant.id, action: 'register' }, { actor });
    // 10 parts of 1,000; 7 rows repeat the device of a row 10 earlier in their part, so not every row registers (R17's duplicate).
    const devices = Array.from({ length: 10_000 }, () => ({ productKeyId: pkid() }));
    const repeated = new Set([1_500, 2_222, 3_600, 4_444, 5_700, 7_800, 9_999]);
    for (const i of repeated) devices[i].productKeyId = devices[i - 10].productKeyId;
    for (let p = 0; p < 10; p++) {
      const rows = devices.slice(p * 1000, (p + 1) * 1000).map(({ productKeyId }) => ({ device: { productKeyId } }));
      await addToBatch(partner, batch.id, { rows, channel: 'api', requestBody: `part${p}` }, { actor });
    }
    await submitBatch(partner, batch.id, actor);
    await planBatch(batch.id);
    const tasks = Array.from({ length: (await getBatch(batch.id))!.tasks! }, (_, n) => batchKeys.task(batch.id, n));
    expect(tasks).toHaveLength(10);

    // Eight workers at once, as eight stream shards would run them; a task whose attempt DynamoDB Local refused (its table lock waited too long under load) is worked again, as the check would.
    const outcomes: string[] = [];
    const { flights, reasons, events } = await recordingTransactions(() =>
      forEachConcurrently(tasks, 8, async (task) => {
        let outcome = await workBatchTask(task, { leaseMs: 100 });
        for (let again = 0; outcome === 'retry' && again < 5; again++) outcome = await workBatchTask(task, { leaseMs: 100 });
        outcomes.push(outcome);
      }),
    );
    expect(reasons.get('TransactionConflict') ?? 0).toBe(0);
    expect(flights.length).toBeGreaterThan(200);
    // Issue 26: no item is written or checked by two transactions in flight at once (what AWS would cancel with TransactionConflict).
    expect(sharedInFlight(flights)).toEqual([]);
    expect(outcomes).toEqual(Array(10).fill('done'));

    const finished = (await getBatch(batch.id))!;
    expect(finished).toMatchObject({ status: 'finished_with_errors', received: 10_000, processed: 10_000, succeeded: 10_000 - repeated.size, failed: repeated.size });
    const results = await everyPage((cursor) => batchResultsPage(finished, { limit: 100, cursor, scope: 'test' }));
    expect(results.map((r) => r.index)).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
    const registered = results.filter((r) => r.status === 'registered').map((r) => r.deviceId!);
    expect(registered).toHaveLength(10_000 - repeated.size);
    const invalid = results.filter((r) => r.status === 'invalid');
    expect(invalid.map((r) => r.index).sort((a, b) => a - b)).toEqual([...repeated].sort((a, b) => a - b));
    expect(invalid.every((r) => r.errors[0].code === 'duplicate_in_submission')).toBe(true);

    // One devices.registered event per task, together naming every registered device once.
    const registeredEvents = events.filter((e) => e.eventType === 'devices.registered');
    expect(registeredEvents).toHaveLength(10);
    const told = registeredEvents.flatMap((e) => (JSON.parse(e.payload) as { data: { deviceIds: string[]; batchId: string } }).data.deviceIds);
    expect(told.sort()).toEqual([...registered].sort());
    expect(events.filter((e) => e.eventType === 'device_batch.finished')).toHaveLength(1);
    const audit = await everyPage((cursor) => queryAudit({ partnerId: partner.id }, { limit: 100, cursor, scope: 'test' }));
    const deviceAudit = audit.filter((e) => e.action === 'device.registered');
    expect(deviceAudit).toHaveLength(10);
    const audited = deviceAudit.flatMap((e) => (e.details as { deviceIds: string[] }).deviceIds);
    expect(audited.sort()).toEqual([...registered].sort());
    expect(new Set(audited).size).toBe(registered.length);
    // R30: the partner's activity for the tenant counts every device once.
    expect((await activityOf(tenant.id, [partner.id])).get(partner.id)!.devicesRegistered).toBe(registered.length);
  }, 600_000);

  it('R22: a batch finished before issue 26 (a task\'s results all in one item of the batch\'s partition) still pages its results in order', async () => {
    const id = `b_${randomBytes(12).toString('hex')}`;
    const at = new Date().toISOString();
    await transact([batchPut({ id, partnerId: 'p_legacy', tenantId: 't_legacy', action: 'register', status: 'finished', received: 300, processed: 300, succeeded: 300, failed: 0, createdAt: at, tasks: 2, tasksDone: 2 })]);
    for (const [taskNo, count] of [[0, 150], [1, 150]] as const) {
      const results = Array.from({ length: count }, (_, i) => ({ index: taskNo * 150 + i, status: 'registered', deviceId: `d_${taskNo}_${i}`, errors: [] }));
      await db().send(new PutCommand({ TableName: tableName(), Item: { ...batchKeys.legacyResult(id, taskNo), type: 'batchResults', results } }));
    }
    const pages: number[][] = [];
    let cursor: string | undefined;
    do {
      const page = await batchResultsPage((await getBatch(id))!, { limit: 100, cursor, scope: 'test' });
      pages.push(page.items.map((r) => r.index));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(pages.map((p) => p.length)).toEqual([100, 100, 100]);
    expect(pages.flat()).toEqual(Array.from({ length: 300 }, (_, i) => i));
  });

  it('R14, R11, R8: every copy a device write may check says what the relationship says: active after the acceptance, ended in the same write as the relationship (a reseller\'s for its provider too); a relationship from before the copies holds until it ends', async () => {
    const { partner: provider } = await createPartner({ name: `Provider ${unique()}`, kind: 'indirect-provider', contactEmail: 'ops@p.example' }, operator);
    const { partner: reseller } = await createPartner({ name: `Reseller ${unique()}`, kind: 'indirect-reseller', providerId: provider.id, contactEmail: 'ops@r.example' }, operator);
    const tenant = await createTenant({ name: 'Tenant', initialDomain: `${unique('t')}.onmicrosoft.example` }, operator);
    const relationship = { tenantId: tenant.id, partnerId: reseller.id, partnerKind: reseller.kind, status: 'active' as const, grantedAt: new Date().toISOString(), acceptedBy: { userId: 'u', email: 'admin@example.com' }, source: { linkId: 'test' }, providerId: provider.id };
    await commitChange({ writes: relationshipActivated(relationship), audit: { action: 'consent.accepted', actor: operator, tenantId: tenant.id, partnerId: reseller.id } });
    const checks = async (authorization: Authorization) => {
      const outcomes = await Promise.all(Array.from({ length: grantMarkerKeys.copies }, (_, copy) => transact([authorizationCheck(authorization, copy)])));
      return outcomes.map((o) => (o.ok ? 'holds' : o.failed.join()));
    };
    const viaReseller = await authorizationFor(provider, tenant.id);
    expect(viaReseller).toMatchObject({ status: 'active', viaResellerId: reseller.id });
    expect(new Set(await checks(viaReseller))).toEqual(new Set(['holds']));
    await commitChange({ writes: relationshipEnded((await authorizationFor(reseller, tenant.id)).relationship!, 'terminated', new Date().toISOString()), audit: { action: 'relationship.terminated', actor: operator, tenantId: tenant.id, partnerId: reseller.id } });
    expect(new Set(await checks(viaReseller))).toEqual(new Set(['not_authorized']));

    // A relationship written before the copies existed (none of them): its checks hold while it is active, and fail once it ends.
    const { partner: older } = await createPartner({ name: `Older ${unique()}`, kind: 'direct-csp', contactEmail: 'ops@o.example' }, operator);
    const legacy = { ...relationship, partnerId: older.id, partnerKind: older.kind, providerId: undefined };
    await commitChange({ writes: relationshipActivated(legacy).filter((w) => w.Put?.Item?.type === 'relationship'), audit: { action: 'consent.accepted', actor: operator, tenantId: tenant.id, partnerId: older.id } });
    const own = await authorizationFor(older, tenant.id);
    expect(new Set(await checks(own))).toEqual(new Set(['holds']));
    await commitChange({ writes: relationshipEnded(own.relationship!, 'revoked', new Date().toISOString(), 'test'), audit: { action: 'relationship.revoked', actor: operator, tenantId: tenant.id, partnerId: older.id } });
    expect(new Set(await checks(own))).toEqual(new Set(['not_authorized']));
  });
});
