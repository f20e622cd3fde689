/**
 * Issue 6, cost of the scheduled check: with 100,000 relationships and requests of which 100 are
 * due, the check reads in the order of 100 items (the due index), never the table.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { countDynamoDbRequests, timeIt } from './support.ts';

const TOTAL = 100_000;
const DUE = 100;

export async function benchConsentCheck(): Promise<void> {
  const { db, tableName } = await import('../shared/table/client.ts');
  const { addDays, REMINDER_BEFORE_EXPIRY_DAYS } = await import('../shared/domain/consent.ts');
  const { runConsentStatusCheck } = await import('../shared/jobs/consent-status-check.ts');
  const counter = await countDynamoDbRequests();
  const now = new Date().toISOString();
  const hex = (n: number) => n.toString(16).padStart(24, '0');

  // Half consent requests, half relationships with delegated admin roles; DUE of them due now.
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < TOTAL; i++) {
    const due = i < DUE;
    if (i % 2 === 0) {
      const id = `cr_${hex(i)}`;
      const expiresAt = due ? addDays(now, -1) : addDays(now, 10 + (i % 80));
      items.push({
        pk: `REQUEST#${id}`, sk: 'REQUEST', type: 'consentRequest', id, partnerId: `p_${hex(i % 500)}`, status: 'pending',
        recipientEmail: `user${i}@example.com`, createdAt: addDays(expiresAt, -90), expiresAt, email: { status: 'sent', attempts: 1 },
        dueKind: 'request', dueAt: due ? expiresAt : addDays(expiresAt, -REMINDER_BEFORE_EXPIRY_DAYS),
      });
    } else {
      const expiresAt = due ? addDays(now, -1) : addDays(now, 60 + (i % 600));
      items.push({
        pk: `PARTNER#p_${hex(i % 500)}`, sk: `REL#t_${hex(i)}`, type: 'relationship', tenantId: `t_${hex(i)}`, partnerId: `p_${hex(i % 500)}`,
        partnerKind: 'direct-csp', status: 'active', grantedAt: addDays(expiresAt, -700),
        delegatedAdmin: { roles: ['GlobalReader'], durationDays: 700, grantedAt: addDays(expiresAt, -700), expiresAt, warned30At: now, warned7At: now },
        dueKind: 'dap', dueAt: due ? expiresAt : addDays(expiresAt, -30),
      });
    }
  }
  const seedStart = Date.now();
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < batches.length) {
        let pending: { PutRequest: { Item: Record<string, unknown> } }[] | undefined = batches[next++].map((Item) => ({ PutRequest: { Item } }));
        while (pending?.length) {
          const out = await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: pending } }));
          pending = out.UnprocessedItems?.[tableName()] as typeof pending;
        }
      }
    }),
  );
  const seedSeconds = (Date.now() - seedStart) / 1000;

  counter.reset();
  let result: Awaited<ReturnType<typeof runConsentStatusCheck>> | undefined;
  const [ms] = await timeIt(1, async () => {
    result = await runConsentStatusCheck(now);
  });
  const requests = counter.total();
  const byCommand = JSON.stringify(counter.byCommand()).replace(/Command/g, '');
  counter.reset();
  const [idleMs] = await timeIt(1, () => runConsentStatusCheck(now));
  const idleRequests = counter.total();

  console.log('\n## Scheduled consent-status check (issue 6)\n');
  console.log(`Seeded ${TOTAL.toLocaleString('en')} items (${TOTAL / 2} pending requests, ${TOTAL / 2} relationships with roles) in ${seedSeconds.toFixed(0)} s; ${DUE} are due.\n`);
  console.log('| run | due items read | items in the table | DynamoDB requests | by command | time ms |');
  console.log('|---|---:|---:|---:|---|---:|');
  console.log(`| first (100 due) | ${result!.itemsRead} | ${TOTAL} | ${requests} | ${byCommand} | ${ms.toFixed(0)} |`);
  console.log(`| second (nothing due) | 0 | ${TOTAL} | ${idleRequests} | ${idleRequests} Query (one per kind of work) | ${idleMs.toFixed(0)} |`);
  console.log(`\nFirst run: expired ${result!.expired}, roles expired ${result!.rolesExpired}; items read / items in the table = ${(result!.itemsRead / TOTAL).toFixed(4)}.`);
}
