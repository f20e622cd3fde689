import { InternalServerError, ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPartner, createPartner, createTenant, createUser, stack, unique } from '../support/api.ts';
import { mailTo } from '../support/pages.ts';
import { recordFigures, type FigureRow } from './support/figures.ts';
import { allItems, dumpDiff, dumpTable, leakIn, sessionFor, startService } from './support/harness.ts';

/**
 * Faults injected into the real engine's client: at each DynamoDB call a request, an acceptance
 * and a registration make, the call fails with throttling, a service error, or (on a transaction)
 * a cancellation. The caller gets success or a retryable error (503 `unavailable` with
 * Retry-After, or 409); the state is the one before or the one after, never between; a retry then
 * completes it, and nothing is lost (every email goes out, once, SES failing first).
 */
type FaultKind = 'throttling' | 'service error' | 'cancelled (throttling)' | 'cancelled (conflict)';

interface Injector {
  /** Calls counted since `start()`, by command. */
  calls: string[];
  start(): void;
  /** The `at`-th call from now fails with `kind` (once). */
  arm(at: number, kind: FaultKind): void;
}

function fault(kind: FaultKind, command: string, input: { TransactItems?: unknown[] }): Error {
  const $metadata = {};
  if (kind === 'throttling') return new ProvisionedThroughputExceededException({ message: 'injected: throughput exceeded', $metadata });
  if (kind === 'service error') return new InternalServerError({ message: 'injected: internal server error', $metadata });
  if (command !== 'TransactWriteItemsCommand') return new ProvisionedThroughputExceededException({ message: 'injected: throughput exceeded', $metadata });
  const code = kind === 'cancelled (conflict)' ? 'TransactionConflict' : 'ThrottlingError';
  return new TransactionCanceledException({ message: `injected: cancelled (${code})`, $metadata, CancellationReasons: (input.TransactItems ?? []).map((_, i) => ({ Code: i === 0 ? code : 'None' })) });
}

async function installInjector(): Promise<Injector> {
  const { db } = await import('#shared/table/client.ts');
  let armed: { at: number; kind: FaultKind } | undefined;
  const injector: Injector = {
    calls: [],
    start() {
      injector.calls = [];
      armed = undefined;
    },
    arm(at, kind) {
      injector.calls = [];
      armed = { at, kind };
    },
  };
  db().middlewareStack.add(
    (next, context) => async (args) => {
      const n = injector.calls.length;
      const command = context.commandName ?? '?';
      injector.calls.push(command);
      if (armed && armed.at === n) {
        const { kind } = armed;
        armed = undefined;
        throw fault(kind, command, args.input as { TransactItems?: unknown[] });
      }
      return next(args);
    },
    { step: 'initialize', name: 'reliabilityFaultInjector' },
  );
  return injector;
}

let service: Awaited<ReturnType<typeof startService>>;
let injector: Injector;
const rows: FigureRow[] = [];
const KINDS: FaultKind[] = ['throttling', 'service error', 'cancelled (throttling)', 'cancelled (conflict)'];
const tally = { injected: 0, succeeded: 0, unavailable: 0, conflict: 0, fiveXxOther: 0, leaks: 0, between: [] as string[], retryAfter: 0 };

beforeAll(async () => {
  service = await startService();
  injector = await installInjector();
});

afterAll(async () => {
  await service?.stop();
  rows.unshift({
    category: 'faults: throttling, service errors, cancelled transactions at each DynamoDB call of request, accept, register',
    cases: tally.injected,
    fiveXx: tally.fiveXxOther,
    leaks: tally.leaks,
    outcome: `${tally.succeeded} succeeded, ${tally.unavailable} x 503 unavailable (Retry-After), ${tally.conflict} x 409; ${tally.between.length} half-done; every retry completed`,
  });
  recordFigures('4-faults', rows);
});

/** Counts an answer under a fault: success, 503 with Retry-After, or 409; anything else is a failure. */
function count(label: string, status: number, headers: Headers, text: string, okStatus: number): 'after' | 'before' | 'unknown' {
  tally.injected++;
  if (leakIn(text)) tally.leaks++;
  if (status === okStatus) {
    tally.succeeded++;
    return 'after';
  }
  if (status === 503) {
    tally.unavailable++;
    if (headers.get('retry-after')) tally.retryAfter++;
    else tally.between.push(`${label}: 503 without Retry-After`);
    return 'before';
  }
  if (status === 409) {
    tally.conflict++;
    return 'unknown';
  }
  if (status >= 500) tally.fiveXxOther++;
  tally.between.push(`${label}: answered ${status} ${text.slice(0, 120)}`);
  return 'unknown';
}

/** How many DynamoDB calls one run of `run` makes (no fault). */
async function callsOf(run: () => Promise<unknown>): Promise<string[]> {
  injector.start();
  await run();
  return [...injector.calls];
}

describe('faults', () => {
  it('POST /v1/consent-requests: a fault at each call leaves no request or the whole request, and a retry completes it', async () => {
    const partner = await createPartner('direct-csp');
    const tenant = await createTenant();
    const send = (recipientEmail: string, key: string) =>
      fetch(`${stack().apiUrl}/v1/consent-requests`, {
        method: 'POST',
        headers: { authorization: `Bearer ${partner.apiKey}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ recipientEmail, tenantDomain: tenant.initialDomain }),
      });
    const calls = await callsOf(async () => expect((await send(`dry-${unique()}@faults.example`, unique())).status).toBe(201));
    // The API key, the partner, the domain and the limits (one batch), the commit (issue 14).
    expect(calls.length).toBeGreaterThanOrEqual(5);
    const recipients: string[] = [];
    for (let at = 0; at < calls.length; at++) {
      for (const kind of KINDS) {
        if (kind.startsWith('cancelled') && calls[at] !== 'TransactWriteItemsCommand') continue;
        const recipient = `f${at}-${unique()}@faults.example`;
        const key = unique();
        const before = await dumpTable();
        injector.arm(at, kind);
        const res = await send(recipient, key);
        const text = await res.text();
        const state = count(`request, call ${at} (${calls[at]}), ${kind}`, res.status, res.headers, text, 201);
        const diff = dumpDiff(before, await dumpTable());
        const requests = (await allItems()).filter((i) => i.type === 'consentRequest' && i.recipientEmail === recipient);
        if (state === 'before' && (diff.added.length || diff.changed.length || diff.removed.length)) tally.between.push(`request, call ${at}, ${kind}: failed but changed ${JSON.stringify(diff)}`);
        if (state === 'after' && requests.length !== 1) tally.between.push(`request, call ${at}, ${kind}: succeeded without its request`);
        // The retry completes it, once.
        const retry = await send(recipient, key);
        expect(retry.status).toBe(201);
        const after = (await allItems()).filter((i) => (i.type === 'consentRequest' && i.recipientEmail === recipient) || (i.type === 'audit' && (i.data as { details?: { recipientEmail?: string } }).details?.recipientEmail === recipient));
        expect(after.map((i) => i.type).sort()).toEqual(['audit', 'consentRequest']);
        recipients.push(recipient);
      }
    }
    expect(tally.between).toEqual([]);

    // Nothing is lost: SES fails at first (each email is kept for a retry), then every email goes out once.
    const { handleStreamEvent } = await import('#shared/workers/stream-consumer.ts');
    const { runConsentStatusCheck } = await import('#shared/workers/consent-status-check.ts');
    const requestIds = new Set((await allItems()).filter((i) => i.type === 'consentRequest' && recipients.includes(String(i.recipientEmail))).map((i) => String(i.id)));
    const emails = (await allItems()).filter((i) => i.type === 'emailDue' && requestIds.has(String(i.requestId)));
    expect(emails).toHaveLength(recipients.length);
    const failing = { send: async () => Promise.reject(Object.assign(new Error('injected: SES unavailable'), { name: 'ServiceUnavailableException' })) };
    const event: DynamoDBStreamEvent = { Records: emails.map((item, i) => ({ eventName: 'INSERT', dynamodb: { SequenceNumber: String(i + 1), NewImage: marshall(item, { removeUndefinedValues: true }) as never } })) };
    await handleStreamEvent(event, { mailer: failing });
    for (const r of recipients) expect(await mailTo(r)).toHaveLength(0);
    const retried = await runConsentStatusCheck(new Date(Date.now() + 10 * 60_000).toISOString(), { kinds: ['outbox'] });
    expect(retried.emailsSent).toBeGreaterThanOrEqual(recipients.length);
    const counts = await Promise.all(recipients.map(async (r) => (await mailTo(r)).length));
    expect(counts).toEqual(recipients.map(() => 1));
    rows.push({ category: 'faults: SES failing on every first send', cases: recipients.length, fiveXx: 0, leaks: 0, outcome: `${recipients.length} emails kept, retried by the check, each sent once; 0 lost` });
  });

  it('POST /consent/{id}: a fault at each call leaves the request pending or accepted with its relationship, and a retry completes it', async () => {
    const partner = await createPartner('direct-csp');
    const tenant = await createTenant();
    const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
    const session = await sessionFor(admin.email);
    // Each to a recipient of its own (a recipient gets at most 10 a day); addressed to the tenant, so its admin may accept.
    const newRequest = async () => (await asPartner(partner.apiKey, 'POST', '/v1/consent-requests', { recipientEmail: `it-${unique()}@${tenant.initialDomain}`, tenantDomain: tenant.initialDomain })).body.consentRequest.id as string;
    const state = async (id: string) => {
      const items = await allItems();
      return {
        status: items.find((i) => i.type === 'consentRequest' && i.id === id)?.status,
        relationships: items.filter((i) => i.pk === `PARTNER#${partner.partner.id}` && i.sk === `REL#${tenant.id}`).length,
        audits: items.filter((i) => i.type === 'audit' && (i.data as { action: string; subject?: string }).action === 'consent.accepted' && (i.data as { subject?: string }).subject === id).length,
      };
    };
    const firstId = await newRequest();
    const calls = await callsOf(async () => expect((await session.client.post(`/consent/${firstId}`, { csrf: session.csrf, confirm: 'yes', action: 'accept' })).status).toBe(200));
    // The session and the request, the partner, tenant, recipient and relationship (one batch), the commit (issue 14).
    expect(calls.length).toBeGreaterThanOrEqual(4);
    for (let at = 0; at < calls.length; at++) {
      for (const kind of KINDS) {
        if (kind.startsWith('cancelled') && calls[at] !== 'TransactWriteItemsCommand') continue;
        const id = await newRequest();
        injector.arm(at, kind);
        const res = await session.client.post(`/consent/${id}`, { csrf: session.csrf, confirm: 'yes', action: 'accept' });
        const outcome = count(`accept, call ${at} (${calls[at]}), ${kind}`, res.status, res.headers, res.html, 200);
        const s = await state(id);
        const consistent = (s.status === 'pending' && s.audits === 0) || (s.status === 'accepted' && s.audits === 1 && s.relationships === 1);
        if (!consistent) tally.between.push(`accept, call ${at}, ${kind}: ${JSON.stringify(s)}`);
        if (outcome === 'before' && s.status !== 'pending') tally.between.push(`accept, call ${at}, ${kind}: answered 503 but accepted`);
        const retry = await session.client.post(`/consent/${id}`, { csrf: session.csrf, confirm: 'yes', action: 'accept' });
        expect([200, 409]).toContain(retry.status);
        expect(await state(id)).toMatchObject({ status: 'accepted', audits: 1, relationships: 1 });
      }
    }
    expect(tally.between).toEqual([]);
  });

  it('POST /v1/devices: a fault at each call registers both devices of a submission or neither, and a retry with the same key completes it', async () => {
    const partner = await createPartner('direct-csp');
    const tenant = await createTenant();
    const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
    const session = await sessionFor(admin.email);
    const link = new URL((await asPartner(partner.apiKey, 'GET', '/v1/consent-link')).body.url).pathname;
    expect((await session.client.post(link, { csrf: session.csrf, confirm: 'yes', action: 'accept' })).html).toContain('Authorization is complete');
    const devices = () => [{ manufacturer: 'Contoso', model: 'Fault', serialNumber: `A-${unique()}` }, { manufacturer: 'Contoso', model: 'Fault', serialNumber: `B-${unique()}` }];
    const register = (body: unknown, key: string) => asPartner(partner.apiKey, 'POST', '/v1/devices', body, { 'idempotency-key': key });
    const registered = async (serials: string[]) => (await allItems()).filter((i) => i.type === 'device' && serials.includes(String(i.serialNumber))).length;
    const calls = await callsOf(async () => expect((await register({ tenantId: tenant.id, devices: devices() }, unique())).status).toBe(200));
    expect(calls.length).toBeGreaterThanOrEqual(5);
    for (let at = 0; at < calls.length; at++) {
      for (const kind of KINDS) {
        if (kind.startsWith('cancelled') && calls[at] !== 'TransactWriteItemsCommand') continue;
        const body = { tenantId: tenant.id, devices: devices() };
        const serials = body.devices.map((d) => d.serialNumber);
        const key = unique();
        injector.arm(at, kind);
        const res = await register(body, key);
        count(`register, call ${at} (${calls[at]}), ${kind}`, res.status, res.headers, res.text, 200);
        const n = await registered(serials);
        if (n !== 0 && n !== 2) tally.between.push(`register, call ${at}, ${kind}: ${n} of 2 devices registered`);
        if (res.status === 503 && n !== 0) tally.between.push(`register, call ${at}, ${kind}: answered 503 but registered ${n}`);
        const retry = await register(body, key);
        expect(retry.status).toBe(200);
        expect(await registered(serials)).toBe(2);
      }
    }
    expect(tally.between).toEqual([]);
  });
});
