/**
 * Issue 11, devices at factory scale: DynamoDB requests and devices per second of a synchronous
 * `POST /v1/devices` of 1,000 (next to validate-1000's time, in the same run), and of device
 * batches of 1,000 and 100,000 devices worked end to end: created, filled a part of 1,000 at a
 * time, submitted, planned and worked by tasks (four at once, as parallel workers would), every
 * request counted on the SDK client.
 */
import { randomBytes } from 'node:crypto';
import { callPartnerApi, countDynamoDbRequests, median, timeIt } from './support.ts';

type Device = { hardwareHash?: string; productKeyId?: string; manufacturer?: string; model?: string; serialNumber?: string };
let serial = 0;
const realistic = (): Device => ({ hardwareHash: randomBytes(3000).toString('base64'), productKeyId: String(1e12 + Math.floor(Math.random() * 9e12)), manufacturer: 'Contoso', model: 'Laptop 7', serialNumber: `SN-${serial++}` });
const tupleOnly = (): Device => ({ manufacturer: 'Fabrikam', model: 'Tablet 3', serialNumber: `FB-${Date.now()}-${serial++}` });

export async function benchBatches(): Promise<void> {
  const { createPartner } = await import('#shared/partners/partners.ts');
  const { createTenant } = await import('#shared/directory/directory.ts');
  const { relationshipActivated } = await import('#shared/table/relationships.ts');
  const { commitChange } = await import('#shared/outbox/commit.ts');
  const { planBatch } = await import('#shared/devices/batches.ts');
  const { workBatchTask } = await import('#shared/workers/outbox-workers.ts');
  const { getBatch } = await import('#shared/table/batches.ts');
  const { batchKeys } = await import('#shared/table/keys.ts');
  await import('../functions/partner-api/handler.ts'); // loaded before the counter wraps the SDK, as before
  const counter = await countDynamoDbRequests();
  const actor = { type: 'system' as const, id: 'bench' };
  const call = callPartnerApi;
  const authorized = async () => {
    const { partner } = await createPartner({ name: 'Bench OEM-free CSP', kind: 'direct-csp', contactEmail: 'bench@example.com' }, actor);
    const tenant = await createTenant({ name: 'Bench tenant', initialDomain: `bench${Date.now()}${serial++}.onmicrosoft.example` }, actor);
    await commitChange({
      writes: relationshipActivated({ tenantId: tenant.id, partnerId: partner.id, partnerKind: partner.kind, status: 'active', grantedAt: new Date().toISOString(), acceptedBy: { userId: 'u', email: 'a@example.com' }, source: { linkId: 'bench' } }),
      audit: { action: 'consent.accepted', actor, tenantId: tenant.id, partnerId: partner.id },
    });
    return { partner, tenant };
  };

  console.log('\n## Devices at factory scale (issue 11)\n');
  {
    const { partner, tenant } = await authorized();
    const devices = Array.from({ length: 1000 }, realistic);
    const validate = median(await timeIt(5, () => call('POST /v1/device-submissions/validate', partner.id, { tenantId: tenant.id, devices })));
    counter.reset();
    const [register] = await timeIt(1, () => call('POST /v1/devices', partner.id, { tenantId: tenant.id, devices }));
    const requests = counter.total();
    console.log('| synchronous, 1,000 devices (hash, product key id and tuple each) | DynamoDB requests | of which TransactWriteItems | time ms | validate-1000 median ms, same run | register / validate |');
    console.log('|---|---:|---:|---:|---:|---:|');
    console.log(`| POST /v1/devices | ${requests} | ${counter.byCommand().TransactWriteItemsCommand ?? 0} | ${register.toFixed(0)} | ${validate.toFixed(0)} | ${(register / validate).toFixed(2)} |`);
  }

  console.log('\n| batch | identities a device | DynamoDB requests | requests per 1,000 devices | time s | devices per second |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const [n, make, label] of [[1000, realistic, '1,000 (hash, product key id, tuple)'], [100_000, tupleOnly, '100,000 (tuple)']] as const) {
    const { partner, tenant } = await authorized();
    counter.reset();
    const start = process.hrtime.bigint();
    const { batch } = await call('POST /v1/device-batches', partner.id, { tenantId: tenant.id, action: 'register' });
    for (let added = 0; added < n; added += 1000) {
      await call('POST /v1/device-batches/{batchId}/devices', partner.id, { devices: Array.from({ length: Math.min(1000, n - added) }, make) }, { batchId: batch.id });
    }
    await call('POST /v1/device-batches/{batchId}/submit', partner.id, undefined, { batchId: batch.id });
    // What the stream consumer does: the planner, then the tasks, four at a time.
    await planBatch(batch.id);
    const tasks = Array.from({ length: (await getBatch(batch.id))!.tasks! }, (_, i) => batchKeys.task(batch.id, i));
    let next = 0;
    await Promise.all(Array.from({ length: 4 }, async () => {
      while (next < tasks.length) await workBatchTask(tasks[next++]);
    }));
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const done = (await getBatch(batch.id))!;
    if (done.status !== 'finished' || done.succeeded !== n) throw new Error(`batch ended ${done.status} with ${done.succeeded} of ${n}`);
    const requests = counter.total();
    console.log(`| ${label} | ${make === realistic ? 3 : 1} | ${requests} | ${((requests / n) * 1000).toFixed(0)} | ${seconds.toFixed(1)} | ${(n / seconds).toFixed(0)} |`);
  }
  console.log('\nA write registers up to 97 items: 24 devices with three identities, 48 with one. Budget: at most 80 requests for 1,000 devices.');
}
