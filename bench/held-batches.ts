import type { Rows } from './report.ts';
/**
 * Issue 23 (R27, item 5): a held batch costs what any batch costs. The same number of devices
 * sent twice in one run, in this process on the handlers' own SDK client, every request counted:
 * once by an authorized partner (worked at once), once held for a tenant that has not consented,
 * then approved with the consent (one decision) and worked. Rows are staged once: the approval
 * reads only the batch, the workers read the chunks as for any batch.
 * `BENCH_ONLY=held npm run bench` (size: BENCH_HELD_DEVICES, default 10,000).
 */
import { callPartnerApi, countDynamoDbRequests } from './support.ts';

let serial = 0;
const device = () => ({ manufacturer: 'Fabrikam', model: 'Tablet 3', serialNumber: `HB-${Date.now()}-${serial++}` });

export async function benchHeldBatches(log: (line: string) => void): Promise<Rows> {
  const n = Number(process.env.BENCH_HELD_DEVICES ?? 10_000);
  const { createPartner } = await import('#shared/partners/partners.ts');
  const { createTenant, createUser } = await import('#shared/directory/directory.ts');
  const { relationshipActivated } = await import('#shared/table/relationships.ts');
  const { commitChange } = await import('#shared/outbox/commit.ts');
  const { planBatch } = await import('#shared/devices/batches.ts');
  const { approveHeldBatch } = await import('#shared/consent/held-batches.ts');
  const { workBatchTask } = await import('#shared/workers/outbox-workers.ts');
  const { getBatch } = await import('#shared/table/batches.ts');
  const { batchKeys } = await import('#shared/table/keys.ts');
  await import('../functions/partner-api/handler.ts'); // loaded before the counter wraps the SDK, as before
  const counter = await countDynamoDbRequests();
  const actor = { type: 'system' as const, id: 'bench' };
  const call = callPartnerApi;
  const world = async (authorized: boolean) => {
    const { partner } = await createPartner({ name: `Bench CSP ${serial++}`, kind: 'direct-csp', contactEmail: 'bench@example.com' }, actor);
    const tenant = await createTenant({ name: 'Bench tenant', initialDomain: `held${Date.now()}${serial++}.onmicrosoft.example` }, actor);
    const user = await createUser(tenant.id, { email: `admin@${tenant.initialDomain}`, displayName: 'Admin', roles: ['GlobalAdministrator'] }, actor);
    if (authorized) {
      await commitChange({
        writes: relationshipActivated({ tenantId: tenant.id, partnerId: partner.id, partnerKind: partner.kind, status: 'active', grantedAt: new Date().toISOString(), acceptedBy: { userId: user.id, email: user.email }, source: { linkId: 'bench' } }),
        audit: { action: 'consent.accepted', actor, tenantId: tenant.id, partnerId: partner.id },
      });
    }
    return { partner, tenant, user };
  };
  /** The stream consumer's part: the planner, then the tasks, four at a time. */
  const work = async (batchId: string) => {
    await planBatch(batchId);
    const tasks = Array.from({ length: (await getBatch(batchId))!.tasks! }, (_, i) => batchKeys.task(batchId, i));
    let next = 0;
    await Promise.all(Array.from({ length: 4 }, async () => {
      while (next < tasks.length) await workBatchTask(tasks[next++]);
    }));
  };

  const rows: string[] = [];
  const per1000: Record<'plain' | 'held', { send: number; work: number; decision: number; seconds: number }> = { plain: { send: 0, work: 0, decision: 0, seconds: 0 }, held: { send: 0, work: 0, decision: 0, seconds: 0 } };
  for (const held of [false, true]) {
    const { partner, tenant, user } = await world(!held);
    log(`${held ? 'held' : 'plain'} batch of ${n}`);
    counter.reset();
    const { batch } = await call('POST /v1/device-batches', partner.id, { tenantId: tenant.id, action: 'register', ...(held ? { whenNotAuthorized: 'hold', reference: 'PO-bench' } : {}) });
    for (let added = 0; added < n; added += 1000) {
      await call('POST /v1/device-batches/{batchId}/devices', partner.id, { devices: Array.from({ length: Math.min(1000, n - added) }, device) }, { batchId: batch.id });
    }
    const submitted = await call('POST /v1/device-batches/{batchId}/submit', partner.id, undefined, { batchId: batch.id });
    const sending = counter.total();
    let decision = 0;
    if (held) {
      if (submitted.batch.status !== 'awaiting_approval') throw new Error(`not held: ${submitted.batch.status}`);
      counter.reset();
      const waiting = (await getBatch(batch.id))!;
      await approveHeldBatch(waiting, partner, { user, tenant, actor: { type: 'user', id: user.id } }, undefined);
      decision = counter.total();
    }
    counter.reset();
    const start = process.hrtime.bigint();
    await work(batch.id);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const processing = counter.total();
    const done = (await getBatch(batch.id))!;
    if (done.status !== 'finished' || done.succeeded !== n) throw new Error(`batch ended ${done.status} with ${done.succeeded} of ${n}`);
    per1000[held ? 'held' : 'plain'] = { send: (sending / n) * 1000, work: (processing / n) * 1000, decision, seconds };
    rows.push(`| ${held ? 'held, then approved with the consent' : 'authorized, worked at once'} | ${n.toLocaleString('en-US')} | ${((sending / n) * 1000).toFixed(1)} | ${held ? decision : '-'} | ${((processing / n) * 1000).toFixed(1)} | ${seconds.toFixed(1)} |`);
  }
  console.log('\n## Issue 23: a held batch costs what any batch costs\n');
  console.log('| batch | devices | requests per 1,000 to send (create, parts, submit) | requests of the approval | requests per 1,000 to work (plan, tasks) | work s |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const row of rows) console.log(row);
  const { plain, held } = per1000;
  const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
  const devices = n.toLocaleString('en-US');
  return {
    heldBatchApproval: {
      figure: held.decision,
      budget: 5,
      unit: 'DynamoDB requests',
      withinBudget: held.decision <= 5,
      description: `approving a held batch of ${devices} devices (with the consent in the same transaction): one decision, whatever the size (issue 23)`,
    },
    heldBatchSend: {
      figure: round(held.send / plain.send),
      budget: 1.1,
      unit: 'ratio of requests per 1,000 devices',
      withinBudget: held.send / plain.send <= 1.1,
      description: `sending a batch of ${devices} devices that is held (create, parts, submit) against one that is worked at once: ${round(held.send, 1)} vs ${round(plain.send, 1)} requests per 1,000 (issue 23)`,
    },
    heldBatchWork: {
      figure: round(held.work / plain.work),
      budget: 1.02,
      unit: 'ratio of requests per 1,000 devices',
      withinBudget: held.work / plain.work <= 1.02,
      description: `working a held batch once approved against an authorized one, ${devices} devices each (plan and tasks): ${round(held.work, 1)} vs ${round(plain.work, 1)} requests per 1,000; rows staged once, never re-read for the approval (issue 23)`,
      workSeconds: { held: round(held.seconds, 1), plain: round(plain.seconds, 1) },
    },
  };
}
