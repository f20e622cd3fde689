/**
 * Issue 5, cost of a device submission: DynamoDB requests per submission of n devices, and the
 * validate handler's time against the bare batched reads of the same keys, side by side in one run.
 */
import { randomBytes } from 'node:crypto';
import { countDynamoDbRequests, lambdaContext, median, partnerEvent, timeIt } from './support.ts';

export async function benchDevices(): Promise<void> {
  const { createPartner } = await import('#shared/partners/partners.ts');
  const { createTenant } = await import('#shared/directory/directory.ts');
  const { relationshipActivated } = await import('#shared/table/relationships.ts');
  const { commitChange } = await import('#shared/outbox/commit.ts');
  const { deviceIdentities } = await import('#shared/domain/devices.ts');
  const { findRegistrations } = await import('#shared/table/devices.ts');
  const { registerSubmission } = await import('#shared/devices/submission.ts');
  const { handler } = await import('../functions/partner-api/handler.ts');
  const counter = await countDynamoDbRequests();

  const actor = { type: 'system' as const, id: 'bench' };
  const { partner } = await createPartner({ name: 'Bench CSP', kind: 'direct-csp', contactEmail: 'bench@example.com' }, actor);
  const tenant = await createTenant({ name: 'Bench tenant', initialDomain: `bench${Date.now()}.onmicrosoft.example` }, actor);
  await commitChange({
    writes: relationshipActivated({
      tenantId: tenant.id, partnerId: partner.id, partnerKind: partner.kind, status: 'active', grantedAt: new Date().toISOString(),
      acceptedBy: { userId: 'u', email: 'admin@example.com' }, source: { linkId: 'bench' },
    }),
    audit: { action: 'consent.accepted', actor, tenantId: tenant.id, partnerId: partner.id },
  });

  console.log('\n## Device submissions (issue 5)\n');
  console.log('| devices | identities | DynamoDB requests (validate) | of which BatchGetItem | requests per 100 devices | validate handler, median ms | bare BatchGets, median ms | handler / bare reads |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const n of [10, 100, 1000]) {
    const devices = Array.from({ length: n }, (_, i) => ({
      hardwareHash: randomBytes(256).toString('base64'),
      ...(i % 2 ? { productKeyId: String(1e12 + Math.floor(Math.random() * 9e12)) } : {}),
      ...(i % 3 ? { manufacturer: 'Contoso', model: 'Laptop', serialNumber: `SN-${n}-${i}` } : {}),
    }));
    // A fifth is registered already, so the answer has both kinds of rows.
    await registerSubmission(partner, tenant.id, devices.slice(0, Math.ceil(n / 5)).map((device) => ({ device })), 'api', actor);
    const event = partnerEvent('POST /v1/device-submissions/validate', partner.id, { tenantId: tenant.id, devices });
    counter.reset();
    const answer = (await handler(event, lambdaContext)) as { statusCode: number; body: string };
    if (answer.statusCode !== 200) throw new Error(`validate failed: ${answer.body}`);
    const requests = counter.total();
    const batchGets = counter.byCommand().BatchGetItemCommand ?? 0;
    const identities = devices.reduce((sum, d) => sum + deviceIdentities(d).length, 0);
    const keys = devices.flatMap((d) => deviceIdentities(d).map((i) => i.key));
    const runs = n === 1000 ? 15 : 30;
    // Interleaved, so both see the same machine load.
    const handlerTimes: number[] = [];
    const bareTimes: number[] = [];
    for (let r = 0; r < runs; r++) {
      handlerTimes.push(...(await timeIt(1, () => handler(event, lambdaContext))));
      bareTimes.push(...(await timeIt(1, () => findRegistrations(keys))));
    }
    const h = median(handlerTimes);
    const b = median(bareTimes);
    console.log(`| ${n} | ${identities} | ${requests} | ${batchGets} | ${((requests / n) * 100).toFixed(1)} | ${h.toFixed(1)} | ${b.toFixed(1)} | ${(h / b).toFixed(2)} |`);
  }
  console.log('\nRequests per validate: 1 GetItem (partner, in the middleware chain), 1 Query (authorization, once per submission),');
  console.log('and ceil(identities / 100) BatchGetItem (each device has 1-3 identities). No Scan.');
}
