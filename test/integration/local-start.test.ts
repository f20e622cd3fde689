import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createSocket } from 'node:dgram';
import { Resolver } from 'node:dns/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../dev/engines.ts';

/** `npm start` as a user runs it: a child process, its output, Ctrl-C. */
function start(env: Record<string, string>): { child: ChildProcessWithoutNullStreams; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['dev/start.ts'], { env: { ...process.env, ...env, DEPLOYMENT: '' }, cwd: process.cwd() });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitFor(check: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('npm start', () => {
  it('prints its URLs and operator token, is healthy, keeps data across a restart, and Ctrl-C stops every child', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dc-start-'));
    dirs.push(dataDir);
    const env = { PORT: String(await freePort()), DYNAMODB_PORT: String(await freePort()), SES_PORT: String(await freePort()), IDP_PORT: String(await freePort()), DNS_PORT: String(await freePort()), DATA_DIR: dataDir };
    const first = start(env);
    await waitFor(() => first.output().includes('Press Ctrl-C'));
    expect(first.output()).toContain(`http://localhost:${env.PORT}`);
    expect(first.output()).toContain(`http://localhost:${env.SES_PORT}`);
    const token = /operator token\s+(\S+)/.exec(first.output())?.[1];
    expect(token).toMatch(/^ops_/);
    const base = `http://127.0.0.1:${env.PORT}`;
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok' });
    const created = await fetch(`${base}/ops/tenants`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Kept', initialDomain: 'kept.onmicrosoft.example' }),
    });
    const { tenant } = (await created.json()) as { tenant: { id: string } };
    // R21: the DNS server of the domain proofs answers on DNS_PORT (UDP); its records are published over HTTP on the same port.
    expect(first.output()).toContain(`127.0.0.1:${env.DNS_PORT}`);
    const published = await fetch(`http://127.0.0.1:${env.DNS_PORT}/records/kept.example`, { method: 'PUT', body: JSON.stringify({ txt: ['device-consent-verification=kept'] }) });
    expect(published.status).toBe(204);
    const resolver = new Resolver({ timeout: 2000, tries: 2 });
    resolver.setServers([`127.0.0.1:${env.DNS_PORT}`]);
    expect(await resolver.resolveTxt('kept.example')).toEqual([['device-consent-verification=kept']]);

    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    // Every port is free again: DynamoDB Local (Java) and SES died with the parent.
    for (const port of [env.PORT, env.DYNAMODB_PORT, env.SES_PORT, env.IDP_PORT, env.DNS_PORT]) {
      await new Promise<void>((resolve, reject) => {
        const probe = createServer().once('error', reject);
        probe.listen({ port: Number(port), host: '127.0.0.1' }, () => probe.close(() => resolve()));
      });
    }
    // The DNS server's UDP port too.
    await new Promise<void>((resolve, reject) => {
      const probe = createSocket('udp4').once('error', reject);
      probe.bind({ port: Number(env.DNS_PORT), address: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve()));
    });

    const second = start(env);
    await waitFor(() => second.output().includes('Press Ctrl-C'));
    expect(/operator token\s+(\S+)/.exec(second.output())?.[1]).toBe(token);
    const read = await fetch(`${base}/ops/tenants/${tenant.id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(read.status).toBe(200);
    // Published records are kept under DATA_DIR too.
    expect(await resolver.resolveTxt('kept.example')).toEqual([['device-consent-verification=kept']]);
    second.child.kill('SIGINT');
    await second.exited;
  }, 60_000);

  it('a second start on busy ports fails at once with a clear message', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen({ port: 0, host: '127.0.0.1' }, () => r()));
    const port = (busy.address() as { port: number }).port;
    const dataDir = mkdtempSync(join(tmpdir(), 'dc-start-'));
    dirs.push(dataDir);
    const run = start({ PORT: String(port), DYNAMODB_PORT: String(await freePort()), SES_PORT: String(await freePort()), DATA_DIR: dataDir });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(`Port ${port} is already in use (PORT)`);
    busy.close();
  });

  it('without Java, says so in one line with the command that installs it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dc-start-'));
    dirs.push(dataDir);
    const run = start({ PATH: '/nonexistent', PORT: String(await freePort()), DATA_DIR: dataDir });
    expect(await run.exited).toBe(1);
    expect(run.output().trim()).toBe(
      'npm start failed: Java 17+ is needed to run DynamoDB Local: install it with `apt-get install -y openjdk-17-jre-headless`',
    );
  });

  it('refuses wrong configuration at once, in one line naming the variable: a short OPS_TOKEN, a bad port, a bad PUBLIC_URL', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dc-start-'));
    dirs.push(dataDir);
    const ports = { PORT: String(await freePort()), DYNAMODB_PORT: String(await freePort()), SES_PORT: String(await freePort()), DATA_DIR: dataDir };
    const short = start({ ...ports, OPS_TOKEN: 'tooshort' });
    expect(await short.exited).toBe(1);
    expect(short.output().trim()).toBe('npm start failed: OPS_TOKEN is too short: it must be at least 32 characters (it has 8)');
    const port = start({ ...ports, PORT: 'eighty' });
    expect(await port.exited).toBe(1);
    expect(port.output().trim()).toBe('npm start failed: PORT is not valid: it must be a port number (1-65535), not "eighty"');
    const url = start({ ...ports, PUBLIC_URL: 'consent.example' });
    expect(await url.exited).toBe(1);
    expect(url.output().trim()).toBe('npm start failed: PUBLIC_URL is not valid: it must be an absolute http(s) URL, the base of the links in emails');
  });

  it("a function's cold start fails on wrong configuration, naming the variable, before it serves anything", async () => {
    const load = (env: Record<string, string>) =>
      new Promise<{ code: number | null; output: string }>((resolve) => {
        const child = spawn(process.execPath, ['-e', "await import('./functions/ops-api/handler.ts')"], { cwd: process.cwd(), env: { PATH: process.env.PATH ?? '', ...env } });
        let output = '';
        child.stderr.on('data', (d) => (output += d));
        child.on('exit', (code) => resolve({ code, output }));
      });
    const missing = await load({ PUBLIC_URL: 'https://consent.example', CURSOR_KEY_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:1:secret:s' });
    expect(missing.code).not.toBe(0);
    expect(missing.output).toContain('ConfigError: Configuration: TABLE_NAME is not set: it must be a DynamoDB table name');
    const local = await load({ DEPLOYMENT: 'local', TABLE_NAME: 'device-consent', PUBLIC_URL: 'http://localhost:3000', DYNAMODB_ENDPOINT: 'http://127.0.0.1:9', CURSOR_KEY: 'x' });
    expect(local.code).not.toBe(0);
    // The ops API reads the cursor key only (FUNCTION_SECRETS): that is what it checks.
    expect(local.output).toContain('ConfigError: Configuration: CURSOR_KEY is too short: it must be at least 32 characters (it has 1)');
  });
});
