import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { freePort } from '../../dev/engines.ts';
import { startLocalServer } from '../../dev/local-server.ts';
import { startStreamPoller, type StreamPoller } from '../../dev/stream-poller.ts';
import { handler as streamConsumer } from '../../functions/stream-consumer/handler.ts';
import { logger } from '#shared/observability/logger.ts';
import { STREAM_FILTER_PATTERNS } from '#shared/outbox/stream-filter.ts';
import { unique } from '../support/api.ts';
import { startReceiver } from '../support/webhook-receiver.ts';
import { eventually } from './consumer.ts';

/**
 * The whole service in this process (the local HTTP server with the deployed handlers, the stream
 * consumer's Lambda handler on the table's real stream), driven through every flow that handles a
 * credential, with the logger at DEBUG and everything written to stdout and stderr captured: no
 * secret, token, API key, webhook secret or signature, session, CSRF token or hardware hash may
 * appear in any line; and each email and webhook is logged under the id of the request that
 * caused it.
 */
const lines: string[] = [];
const keep = (chunk: unknown) => {
  lines.push(...String(chunk).split('\n').filter((line) => line.trim() !== ''));
  return true;
};
const logLines = () =>
  lines.flatMap((line) => {
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });

let server: Server;
let poller: StreamPoller;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let api: string;
const secrets = new Map<string, string>();
const remember = (what: string, value: string | undefined) => {
  expect(value, what).toBeTruthy();
  secrets.set(what, value!);
};

beforeAll(async () => {
  vi.spyOn(process.stdout, 'write').mockImplementation(keep as never);
  vi.spyOn(process.stderr, 'write').mockImplementation(keep as never);
  logger.setLogLevel('DEBUG');
  const port = await freePort();
  api = `http://127.0.0.1:${port}`;
  server = await startLocalServer({ port, health: async () => true });
  poller = await startStreamPoller({
    endpoint: process.env.DYNAMODB_ENDPOINT!,
    tableName: process.env.TABLE_NAME!,
    filters: STREAM_FILTER_PATTERNS,
    startingPosition: 'LATEST',
    log: (message) => logger.warn(message),
    handler: (event) => streamConsumer(event),
  });
  receiver = await startReceiver();
  for (const name of ['OPS_TOKEN', 'CURSOR_KEY', 'SESSION_KEY', 'WEBHOOK_KEY']) remember(name, process.env[name]);
});

afterAll(async () => {
  await poller?.stop();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  await receiver?.close();
  logger.setLogLevel('ERROR');
  vi.restoreAllMocks();
});

/** A cookie-keeping HTTP client of the in-process server. */
class Client {
  cookies = new Map<string, string>();
  async call(method: string, path: string, options: { token?: string; json?: unknown; form?: Record<string, string>; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    }
    const res = await fetch(`${api}${path}`, { method, headers, body, redirect: 'manual' });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...rest] = pair.split('=');
      if (rest.join('=')) {
        this.cookies.set(name, rest.join('='));
        remember(`cookie ${name}`, rest.join('='));
      }
    }
    const text = await res.text();
    return { status: res.status, text, json: (res.headers.get('content-type') ?? '').includes('json') && text ? (JSON.parse(text) as any) : undefined };
  }
}

/** The mail of one recipient in the local SES, once `count` arrived. */
async function mailTo(recipient: string, count = 1): Promise<{ body: { text: string } }[]> {
  return eventually(async () => {
    const { emails } = (await (await fetch(`${inject('stack').sesUrl}/store`)).json()) as { emails: { destination: { to: string[] }; body: { text: string } }[] };
    const mine = emails.filter((e) => e.destination.to.includes(recipient));
    return mine.length >= count && mine;
  }, `mail to ${recipient}`);
}
const tokenIn = (text: string, path: RegExp) => path.exec(text)?.[1];

describe('logs', () => {
  let requestId: string;
  let partnerId: string;

  it('drives every flow that carries a credential at DEBUG', async () => {
    const ops = process.env.OPS_TOKEN!;
    const anonymous = new Client();
    // Operator: a partner (its API key is shown once), a tenant and its global admin.
    const created = await anonymous.call('POST', '/ops/partners', { token: ops, json: { name: `Partner ${unique()}`, kind: 'direct-csp', contactEmail: 'ops@p.example' } });
    expect(created.status).toBe(201);
    const apiKey = created.json.apiKey as string;
    partnerId = created.json.partner.id;
    remember('API key', apiKey);
    // `dck_<keyId>_<secret>`; the secret is base64url, so it may hold `_` itself.
    remember('API key secret part', apiKey.split('_').slice(2).join('_'));
    const rotated = await anonymous.call('POST', `/ops/partners/${partnerId}/api-keys`, { token: ops });
    remember('second API key', rotated.json.apiKey);
    const tenant = (await anonymous.call('POST', '/ops/tenants', { token: ops, json: { name: `Tenant ${unique()}`, initialDomain: `${unique('t')}.onmicrosoft.example` } })).json.tenant;
    const admin = `admin@${tenant.initialDomain}`;
    expect((await anonymous.call('POST', `/ops/tenants/${tenant.id}/users`, { token: ops, json: { email: admin, displayName: 'Admin', roles: ['GlobalAdministrator'] } })).status).toBe(201);
    // Refused credentials are not logged either.
    expect((await anonymous.call('GET', '/v1/me', { token: `${apiKey}x` })).status).toBe(401);
    expect((await anonymous.call('GET', '/ops/removal-requests', { token: `ops_${'y'.repeat(40)}` })).status).toBe(401);

    // Partner: its webhook (the secret is shown), a consent request.
    const webhook = await anonymous.call('PUT', '/v1/webhook', { token: apiKey, json: { url: receiver.url, events: ['consent.accepted'] } });
    remember('webhook secret', webhook.json.secret);
    remember('webhook secret key', String(webhook.json.secret).replace(/^whsec_/, ''));
    const request = await anonymous.call('POST', '/v1/consent-requests', { token: apiKey, json: { recipientEmail: admin }, headers: { 'idempotency-key': randomBytes(8).toString('hex') } });
    expect(request.status).toBe(201);
    requestId = request.json.consentRequest.id;

    // Customer: the emailed link signs in; accepting sends the signed webhook.
    const [consentMail] = await mailTo(admin);
    const consentToken = tokenIn(consentMail.body.text, /\/consent\/([A-Za-z0-9_-]{43})/);
    remember('consent link token', consentToken);
    const browser = new Client();
    const opened = await browser.call('GET', `/consent/${consentToken}`);
    expect([200, 303]).toContain(opened.status);
    const page = await browser.call('GET', `/consent/${requestId}`);
    const csrf = tokenIn(page.text, /name="csrf" value="([^"]+)"/);
    remember('CSRF token', csrf);
    const accepted = await browser.call('POST', `/consent/${requestId}`, { form: { csrf: csrf!, confirm: 'yes', action: 'accept' } });
    expect(accepted.text).toContain('Authorization is complete');
    const [delivery] = await receiver.waitFor(1, 'consent.accepted');
    remember('webhook signature', delivery.headers['webhook-signature']?.split(',')[1]);

    // Devices with a hardware hash: validated, then registered.
    const hardwareHash = randomBytes(256).toString('base64');
    remember('hardware hash', hardwareHash);
    const validated = await anonymous.call('POST', '/v1/device-submissions/validate', { token: apiKey, json: { tenantId: tenant.id, devices: [{ hardwareHash }] } });
    expect(validated.status).toBe(200);
    const registered = await anonymous.call('POST', '/v1/devices', { token: apiKey, json: { tenantId: tenant.id, devices: [{ hardwareHash, serialNumber: 'SN-LOG-1', manufacturer: 'Contoso', model: 'Laptop' }] } });
    expect(registered.status).toBe(200);

    // Email sign-in: the one-time link, then its button.
    await anonymous.call('POST', '/signin', { form: { email: admin } });
    const [, signInMail] = await mailTo(admin, 2);
    const signInToken = tokenIn(signInMail.body.text, /token=([A-Za-z0-9_-]{43})/);
    remember('sign-in token', signInToken);
    const signer = new Client();
    expect((await signer.call('GET', `/signin/verify?token=${signInToken}`)).status).toBe(200);
    expect((await signer.call('POST', '/signin/verify', { form: { token: signInToken! } })).status).toBe(303);
    expect((await signer.call('GET', '/portal')).status).toBe(200);
  });

  it('hold no secret, token, API key, signature, session or hardware hash', () => {
    expect(lines.length).toBeGreaterThanOrEqual(20);
    const text = lines.join('\n');
    expect(secrets.size).toBeGreaterThan(12);
    for (const [what, value] of secrets) expect(text.includes(value), `${what} appears in the logs`).toBe(false);
  });

  it('name the request that caused each email and webhook: one correlation id from the API call to the send', () => {
    const json = logLines();
    // Every line written while a request or a record was worked carries an id.
    const served = json.filter((l) => l.message === 'request served');
    expect(served.length).toBeGreaterThan(5);
    for (const line of served) expect(line.correlation_id, JSON.stringify(line)).toEqual(expect.any(String));
    expect(new Set(served.map((l) => l.correlation_id)).size).toBe(served.length);

    const asked = served.find((l) => l.routeKey === 'POST /v1/consent-requests');
    const sent = json.find((l) => l.message === 'consent email sent' && l.requestId === requestId);
    expect(sent?.correlation_id).toBe(asked?.correlation_id);
    // ...logged by the stream consumer's invocation, not by the API's.
    expect(sent?.function_name).not.toBe('partner-api');
    expect(sent?.function_request_id).not.toBe(asked?.function_request_id);

    const answered = served.find((l) => l.routeKey === 'POST /consent/{token}');
    const delivered = json.find((l) => l.message === 'webhook delivered' && l.partnerId === partnerId && l.eventType === 'consent.accepted');
    expect(delivered?.correlation_id).toBe(answered?.correlation_id);

    const signIn = served.find((l) => l.routeKey === 'POST /signin');
    expect(json.find((l) => l.message === 'sign-in email sent' && l.correlation_id === signIn?.correlation_id)).toBeDefined();
  });
});
