import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../dev/engines.ts';
import { PageClient as BaseClient } from '../../dev/page-client.ts';
import { createTenant, createUser } from '../support/api.ts';
import { PageClient } from '../support/pages.ts';
import { authorizeAtProvider } from '../support/oidc.ts';
import { openFlow, sealFlow } from '#shared/pages/oidc-flow.ts';

/**
 * R21 sign-in: the flow between `GET /signin/oidc` and the provider's answer lives only in the
 * browser, in an encrypted, authenticated cookie (shared/pages/oidc-flow.ts). An anonymous start
 * costs the table nothing; a flow cookie that was changed, has expired, was used, is missing, or
 * carries a name a sibling subdomain could set, signs nobody in (400 "Sign-in did not complete").
 *
 * Two servers: the shared stack's (a whole sign-in through the local OpenID Provider), and one in
 * this process (the same route table and handlers, `dev/local-server.ts`), whose DynamoDB client
 * is this process's, so its requests can be counted, and whose `PUBLIC_URL` can be https.
 */

const FLOW_REFUSED = 'not one this browser is waiting for';

let server: Server;
let local: string;
let dynamoRequests = 0;

beforeAll(async () => {
  const { db } = await import('#shared/table/client.ts');
  db().middlewareStack.add(
    (next) => async (args) => {
      dynamoRequests++;
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  const { startLocalServer } = await import('../../dev/local-server.ts');
  const port = await freePort();
  local = `http://127.0.0.1:${port}`;
  server = await startLocalServer({ port, health: async () => true });
});

afterAll(async () => {
  await new Promise<void>((resolve) => {
    server?.closeAllConnections();
    server ? server.close(() => resolve()) : resolve();
  });
});

/** A sign-in stopped at the provider's answer, its flow cookie as the browser holds it. */
async function heldAnswer() {
  const tenant = await createTenant();
  const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
  const client = new PageClient();
  const { callbackUrl } = await authorizeAtProvider(client, admin.email);
  const cookie = client.cookies.get('dc_oidc');
  expect(cookie).toBeTruthy();
  return { client, callbackUrl, cookie: cookie! };
}

const signedIn = (client: BaseClient) => client.cookies.has('dc_session');

describe('R21 sign-in: the flow state is a cookie, not a table item', () => {
  it('R21: 50 anonymous GET /signin/oidc answer 303 with a flow cookie each and send the table no request at all', async () => {
    const anonymous = new BaseClient(local);
    const before = dynamoRequests;
    const cookies = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const res = await anonymous.get('/signin/oidc?next=%2Fportal');
      expect(res.status).toBe(303);
      cookies.add(anonymous.cookies.get('dc_oidc')!);
    }
    expect(cookies.size).toBe(50);
    expect(dynamoRequests - before).toBe(0);
    // The counter does see this server's table requests: an emailed sign-in link is queued in the table.
    await anonymous.post('/signin', { email: 'someone@counter.example' });
    expect(dynamoRequests - before).toBeGreaterThan(0);
  });

  it('R21: the flow cookie holds nothing readable: state, nonce and the PKCE verifier are encrypted; it is HttpOnly, SameSite=Lax, Path=/, 10 minutes', async () => {
    const client = new PageClient();
    const start = await client.get('/signin/oidc');
    const setCookie = start.headers.getSetCookie().find((c) => c.startsWith('dc_oidc='))!;
    expect(setCookie).toMatch(/^dc_oidc=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=600$/);
    const value = client.cookies.get('dc_oidc')!;
    const state = new URL(start.location!).searchParams.get('state')!;
    const nonce = new URL(start.location!).searchParams.get('nonce')!;
    expect(value).toMatch(/^v1\.[\w-]{16}\.[\w-]+\.[\w-]{22}$/); // version, 96-bit IV, ciphertext, 128-bit GCM tag
    for (const part of value.split('.')) {
      const decoded = Buffer.from(part, 'base64url').toString('latin1');
      expect(decoded).not.toContain(state);
      expect(decoded).not.toContain(nonce);
    }
    expect(value).not.toContain(state);
    // Opened with the service's key: the flow of this very state.
    expect((await openFlow(value))?.state).toBe(state);
  });

  it('R21: a tampered flow cookie signs nobody in (400), and the untampered one still works once', async () => {
    const { client, callbackUrl, cookie } = await heldAnswer();
    const parts = cookie.split('.');
    const ciphertext = Buffer.from(parts[2], 'base64url');
    ciphertext[0] ^= 1;
    client.cookies.set('dc_oidc', [parts[0], parts[1], ciphertext.toString('base64url'), parts[3]].join('.'));
    const refused = await client.get(callbackUrl);
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Sign-in did not complete');
    expect(refused.html).toContain(FLOW_REFUSED);
    expect(signedIn(client)).toBe(false);
    // Made up from nothing, or sealed with another key: refused alike.
    client.cookies.set('dc_oidc', `v1.AAAAAAAAAAAAAAAA.${Buffer.from(JSON.stringify({ state: 'x' })).toString('base64url')}.AAAAAAAAAAAAAAAAAAAAAA`);
    expect((await client.get(callbackUrl)).status).toBe(400);
    expect(signedIn(client)).toBe(false);

    client.cookies.set('dc_oidc', cookie);
    const done = await client.get(callbackUrl);
    expect(done.status).toBe(303);
    expect(signedIn(client)).toBe(true);
    // The callback that used it cleared it.
    expect(done.headers.getSetCookie().some((c) => /^dc_oidc=; Path=\/; .*Max-Age=0/.test(c))).toBe(true);
    expect(client.cookies.has('dc_oidc')).toBe(false);
  });

  it('R21: an expired flow (sealed by the service, 10 minutes past) signs nobody in; the same flow unexpired does', async () => {
    const { client, callbackUrl, cookie } = await heldAnswer();
    const flow = (await openFlow(cookie))!;
    expect(flow.expiresAt - Math.floor(Date.now() / 1000)).toBeGreaterThan(590);
    expect(flow.expiresAt - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(600);
    client.cookies.set('dc_oidc', await sealFlow({ ...flow, expiresAt: Math.floor(Date.now() / 1000) - 1 }));
    const refused = await client.get(callbackUrl);
    expect(refused.status).toBe(400);
    expect(refused.html).toContain(FLOW_REFUSED);
    expect(signedIn(client)).toBe(false);

    client.cookies.set('dc_oidc', await sealFlow({ ...flow, expiresAt: Math.floor(Date.now() / 1000) + 60 }));
    expect((await client.get(callbackUrl)).status).toBe(303);
    expect(signedIn(client)).toBe(true);
  });

  it('R21: a replayed callback signs nobody in: without the cookie (cleared) nor with a copy of it (the provider takes a code once)', async () => {
    const { client, callbackUrl, cookie } = await heldAnswer();
    expect((await client.get(callbackUrl)).status).toBe(303);
    const session = client.cookies.get('dc_session');

    const again = await client.get(callbackUrl);
    expect(again.status).toBe(400);
    expect(again.html).toContain('used already');
    expect(client.cookies.get('dc_session')).toBe(session);

    const thief = new PageClient();
    thief.cookies.set('dc_oidc', cookie);
    const replayed = await thief.get(callbackUrl);
    expect(replayed.status).toBe(400);
    expect(replayed.html).toContain('could not be verified');
    expect(signedIn(thief)).toBe(false);
  });

  it('R21: a callback without a flow cookie signs nobody in, and leaves the flow of the browser that has it working', async () => {
    const { client, callbackUrl } = await heldAnswer();
    const other = new PageClient();
    const refused = await other.get(callbackUrl);
    expect(refused.status).toBe(400);
    expect(refused.html).toContain(FLOW_REFUSED);
    expect(signedIn(other)).toBe(false);
    expect((await client.get(callbackUrl)).status).toBe(303);
  });

  it('R21: an answer whose state is not the flow\'s leaves the flow cookie alone (a forged answer spoils nothing)', async () => {
    const { client, callbackUrl, cookie } = await heldAnswer();
    const forged = new URL(callbackUrl);
    forged.searchParams.set('state', 'A'.repeat(43));
    const res = await client.get(forged.href);
    expect(res.status).toBe(400);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(client.cookies.get('dc_oidc')).toBe(cookie);
    expect((await client.get(callbackUrl)).status).toBe(303);
  });
});

describe('R21 sign-in over https: the flow cookie is __Host- prefixed', () => {
  const original = process.env.PUBLIC_URL;
  beforeAll(() => {
    process.env.PUBLIC_URL = 'https://consent.example';
  });
  afterAll(() => {
    process.env.PUBLIC_URL = original;
  });

  it('R21: the cookie is __Host-dc_oidc (Secure, Path=/, no Domain); one of the same value named dc_oidc, as a sibling subdomain could set, is not even looked at', async () => {
    const browser = new BaseClient(local);
    const start = await browser.get('/signin/oidc');
    expect(start.status).toBe(303);
    const setCookie = start.headers.getSetCookie();
    expect(setCookie).toHaveLength(1);
    expect(setCookie[0]).toMatch(/^__Host-dc_oidc=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=600; Secure$/);
    expect(setCookie[0]).not.toMatch(/Domain=/i);
    const sealed = browser.cookies.get('__Host-dc_oidc')!;
    const state = new URL(start.location!).searchParams.get('state')!;
    const callback = `/signin/oidc/callback?code=${'c'.repeat(43)}&state=${state}`;

    // Planted under the name a sibling subdomain can set: refused before anything else.
    const planted = new BaseClient(local);
    planted.cookies.set('dc_oidc', sealed);
    const refused = await planted.get(callback);
    expect(refused.status).toBe(400);
    expect(refused.html).toContain(FLOW_REFUSED);

    // The same value under the __Host- name is this flow: checked on to the code (made up here, so refused there).
    const own = new BaseClient(local);
    own.cookies.set('__Host-dc_oidc', sealed);
    const exchanged = await own.get(callback);
    expect(exchanged.status).toBe(400);
    expect(exchanged.html).not.toContain(FLOW_REFUSED);
    expect(exchanged.html).toContain('could not be verified');
    expect(exchanged.headers.getSetCookie()[0]).toMatch(/^__Host-dc_oidc=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0; Secure$/);
  });
});
