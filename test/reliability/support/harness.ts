import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { checkWebhookPayload } from '#shared/domain/webhook-catalogue.ts';
import type { Server } from 'node:http';
import { stack } from '../../support/api.ts';
import { PageClient } from '../../support/pages.ts';

/**
 * The service for one reliability test file, in the file's own process: the local HTTP server
 * (the same route table, authorizer and handlers as `npm start`) on the project's port, the local
 * OpenID Provider, and, when
 * asked, the stream consumer on the table's stream. Handlers running here share this process's
 * DynamoDB client, which is what lets a test inject faults into them.
 */
export async function startService(options: { streamConsumer?: boolean } = {}): Promise<{ stop(): Promise<void> }> {
  const { startLocalIdp } = await import('../../../dev/idp.ts');
  const idp = await startLocalIdp({ port: Number(process.env.RELIABILITY_IDP_PORT), publicUrl: process.env.PUBLIC_URL!, clientId: process.env.OIDC_CLIENT_ID!, clientSecret: process.env.OIDC_CLIENT_SECRET! });
  const { startLocalServer } = await import('../../../dev/local-server.ts');
  const server: Server = await startLocalServer({ port: Number(process.env.RELIABILITY_PORT), health: async () => true });
  let poller: { stop(): Promise<void> } | undefined;
  if (options.streamConsumer) {
    const [{ startStreamPoller }, { handler }, { STREAM_FILTER_PATTERNS }] = await Promise.all([
      import('../../../dev/stream-poller.ts'),
      import('../../../functions/stream-consumer/handler.ts'),
      import('#shared/outbox/stream-filter.ts'),
    ]);
    poller = await startStreamPoller({
      endpoint: process.env.DYNAMODB_ENDPOINT!,
      tableName: process.env.TABLE_NAME!,
      handler,
      filters: STREAM_FILTER_PATTERNS,
      startingPosition: 'LATEST',
      log: () => undefined,
    });
  }
  return {
    async stop() {
      await poller?.stop();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await idp.stop();
    },
  };
}

/** Every item of the table, by key, as JSON (a Scan: fine in a test, never in the service). */
export async function dumpTable(): Promise<Map<string, string>> {
  const { db, tableName } = await import('#shared/table/client.ts');
  const items = new Map<string, string>();
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(new ScanCommand({ TableName: tableName(), ExclusiveStartKey: start, ConsistentRead: true }));
    for (const item of out.Items ?? []) items.set(`${item.pk}|${item.sk}`, JSON.stringify(item, Object.keys(item).sort()));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/** What changed between two dumps: keys added, removed, or whose item differs. */
export function dumpDiff(before: Map<string, string>, after: Map<string, string>): { added: string[]; removed: string[]; changed: string[] } {
  return {
    added: [...after.keys()].filter((k) => !before.has(k)),
    removed: [...before.keys()].filter((k) => !after.has(k)),
    changed: [...after.keys()].filter((k) => before.has(k) && before.get(k) !== after.get(k)),
  };
}

/** A page client signed in as this user, its session made directly (no email, no sign-in limit). */
export async function sessionFor(email: string): Promise<{ client: PageClient; csrf: string }> {
  const [{ getUserByEmail }, { createSession }, { sessionCookie }] = await Promise.all([
    import('#shared/table/directory.ts'),
    import('#shared/table/sessions.ts'),
    import('#shared/http/session.ts'),
  ]);
  const user = await getUserByEmail(email);
  if (!user) throw new Error(`no user ${email}`);
  const { sessionId, session } = await createSession(user);
  const [pair] = (await sessionCookie(sessionId, 8 * 60 * 60)).split(';');
  const at = pair.indexOf('=');
  const client = new PageClient();
  client.cookies.set(pair.slice(0, at), pair.slice(at + 1));
  return { client, csrf: session.csrf };
}

/** The secrets and internals an answer must never show. */
function secretsOf(): string[] {
  const env = stack().env;
  return [stack().opsToken, env.OPS_TOKEN_SHA256, env.CURSOR_KEY, env.SESSION_KEY, env.WEBHOOK_KEY, env.TABLE_NAME].filter((v): v is string => Boolean(v));
}

const INTERNALS = [
  /\n\s+at [\w.<>[\] ]+ \(/, // a stack frame
  /\.ts:\d+/,
  /node_modules/,
  /[A-Z][a-zA-Z]+Exception\b/, // an AWS SDK error name
  /ConditionalCheckFailed|TransactionCanceled|ValidationError|ResourceNotFound/,
  /\b(PARTNER|TENANT|REQUEST|APIKEY|SESSION|TOKEN|RATE|AUDIT|DEVICEID|IDEMPOTENCY|OUTBOX)#/, // a table key
];

/** Why an answer leaks, if it does: internal detail, a secret, or one of `markers` (data the caller may not see). */
export function leakIn(text: string, markers: readonly string[] = []): string | undefined {
  for (const pattern of INTERNALS) if (pattern.test(text)) return `internal detail ${pattern}`;
  for (const secret of secretsOf()) if (text.includes(secret)) return 'a secret';
  for (const marker of markers) if (marker && text.includes(marker)) return `another's data (${marker})`;
  return undefined;
}

/** Runs `work` over `items`, at most `concurrency` at a time, in order of start. */
export async function pool<T, R>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i], i);
      }
    }),
  );
  return results;
}

/** The median of some numbers. */
export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Every item of the table (a Scan, for counting in tests). */
export async function allItems(): Promise<Record<string, unknown>[]> {
  const { db, tableName } = await import('#shared/table/client.ts');
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(new ScanCommand({ TableName: tableName(), ExclusiveStartKey: start, ConsistentRead: true }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/** The audit events of the table, as their `data`. */
export const auditEvents = async () =>
  (await allItems()).filter((i) => i.type === 'audit').map((i) => i.data as { action: string; subject?: string; partnerId?: string; tenantId?: string; details?: Record<string, unknown> });

/**
 * The webhook outbox items of a partner, with their payloads parsed, each checked against the
 * webhook catalogue (it throws on one that breaks it): the events of a race are checked whether or
 * not they are ever delivered.
 */
export const webhookItems = async (partnerId: string) =>
  (await allItems())
    .filter((i) => i.type === 'webhookDelivery' && i.partnerId === partnerId)
    .map((i) => {
      const payload = JSON.parse(String(i.payload)) as { type: string; data: Record<string, unknown> };
      checkWebhookPayload(payload);
      return { item: i, payload };
    });

/** R32: a page client signed in to the partner portal as this person of a partner, its session made directly (no email, no sign-in limit). */
export async function partnerSessionFor(partnerId: string, email: string): Promise<{ client: PageClient; csrf: string }> {
  const [{ getPartnerPersonByEmail }, { createPartnerSession, PARTNER_SESSION_LIFETIME_MS }, { partnerSessionCookie }] = await Promise.all([
    import('#shared/table/partner-people.ts'),
    import('#shared/table/partner-sessions.ts'),
    import('#shared/http/session.ts'),
  ]);
  const person = await getPartnerPersonByEmail(partnerId, email);
  if (!person) throw new Error(`no person ${email} of ${partnerId}`);
  const { sessionId, session } = await createPartnerSession({ partnerId, userId: person.userId, email: person.email, role: person.role, signedInWith: 'email' });
  const [pair] = (await partnerSessionCookie(sessionId, PARTNER_SESSION_LIFETIME_MS / 1000)).split(';');
  const at = pair.indexOf('=');
  const client = new PageClient();
  client.cookies.set(pair.slice(0, at), pair.slice(at + 1));
  return { client, csrf: session.csrf };
}
