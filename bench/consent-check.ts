/**
 * Issue 6, cost of the scheduled check: with many relationships and requests of which 100 are
 * due, the check reads in the order of 100 items (the due index), never the table. The items are
 * written straight into DynamoDB Local (not through the counting proxy: seeding is not measured);
 * the check itself is run by bench/requests.ts through the operator route
 * `POST /ops/jobs/consent-status-check`, its requests counted by the proxy.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';

/** Items in the table for the check (BENCH_CHECK_ITEMS to change; 100,000 as in issue 6). */
export const CHECK_TOTAL = Number(process.env.BENCH_CHECK_ITEMS ?? 100_000);
export const CHECK_DUE = 100;

/**
 * Half consent requests, half relationships with delegated admin roles; the first `due` of them due
 * at `now`. Numbered from `first`, so more due items can be added to a table seeded already.
 */
export async function consentCheckItems(total: number, due: number, now: string, first = 0): Promise<Record<string, unknown>[]> {
  const { addDays, REMINDER_BEFORE_EXPIRY_DAYS } = await import('#shared/domain/consent.ts');
  const hex = (n: number) => n.toString(16).padStart(24, '0');
  const items: Record<string, unknown>[] = [];
  for (let i = first; i < first + total; i++) {
    const isDue = i - first < due;
    if (i % 2 === 0) {
      const id = `cr_${hex(i)}`;
      const expiresAt = isDue ? addDays(now, -1) : addDays(now, 10 + (i % 80));
      items.push({
        pk: `REQUEST#${id}`, sk: 'REQUEST', type: 'consentRequest', id, partnerId: `p_${hex(i % 500)}`, status: 'pending',
        recipientEmail: `user${i}@example.com`, createdAt: addDays(expiresAt, -90), expiresAt, email: { status: 'sent', attempts: 1 },
        dueKind: 'request', dueAt: isDue ? expiresAt : addDays(expiresAt, -REMINDER_BEFORE_EXPIRY_DAYS),
      });
    } else {
      const expiresAt = isDue ? addDays(now, -1) : addDays(now, 60 + (i % 600));
      items.push({
        pk: `PARTNER#p_${hex(i % 500)}`, sk: `REL#t_${hex(i)}`, type: 'relationship', tenantId: `t_${hex(i)}`, partnerId: `p_${hex(i % 500)}`,
        partnerKind: 'direct-csp', status: 'active', grantedAt: addDays(expiresAt, -700),
        delegatedAdmin: { roles: ['GlobalReader'], durationDays: 700, grantedAt: addDays(expiresAt, -700), expiresAt, warned30At: now, warned7At: now },
        dueKind: 'dap', dueAt: isDue ? expiresAt : addDays(expiresAt, -30),
      });
    }
  }
  return items;
}

/** Writes items with BatchWriteItem, 8 at a time, through this process's client; returns seconds taken. */
export async function writeItems(items: Record<string, unknown>[]): Promise<number> {
  const { db, tableName } = await import('#shared/table/client.ts');
  const start = Date.now();
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
  return (Date.now() - start) / 1000;
}
