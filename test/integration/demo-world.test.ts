import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../dev/engines.ts';

/**
 * The README's first hour: `npm start` on an empty DATA_DIR creates the demo world and prints it;
 * then the CLI, as the README has it, reaches an accepted consent and a registered batch of
 * samples/devices.csv.
 */
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: process.cwd(), env: { ...process.env, ...env, DEPLOYMENT: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the demo world (README "The first hour")', () => {
  it('npm start on an empty DATA_DIR seeds it; the CLI walk-through accepts a consent and registers samples/devices.csv', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dc-demo-'));
    dirs.push(dataDir);
    const env = { PORT: String(await freePort()), DYNAMODB_PORT: String(await freePort()), SES_PORT: String(await freePort()), IDP_PORT: String(await freePort()), DNS_PORT: String(await freePort()), DATA_DIR: dataDir };
    const server = spawn(process.execPath, ['dev/start.ts'], { cwd: process.cwd(), env: { ...process.env, ...env, DEPLOYMENT: '' } });
    let out = '';
    server.stdout.on('data', (d) => (out += d));
    server.stderr.on('data', (d) => (out += d));
    const exited = new Promise((resolve) => server.on('exit', resolve));
    try {
      const end = Date.now() + 45_000;
      while (!out.includes('Try, in another terminal')) {
        if (Date.now() > end) throw new Error(`npm start printed no demo world:\n${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const world = JSON.parse(readFileSync(join(dataDir, 'demo.json'), 'utf8'));
      expect(Object.values(world.partners).map((p) => (p as { kind: string }).kind)).toEqual(['direct-csp', 'indirect-provider', 'indirect-reseller', 'oem']);
      expect(out).toContain(world.partners.oem.apiKey);
      expect(world.users).toEqual({ globalAdmin: 'admin@fabrikam.onmicrosoft.example', customDomainAdmin: 'it-admin@fabrikam.example', nonAdmin: 'helpdesk@fabrikam.example' });

      const cliEnv = { DEVICE_CONSENT_URL: `http://127.0.0.1:${env.PORT}`, DEVICE_CONSENT_KEY: world.partners.directCsp.apiKey };
      const cli = (...args: string[]) => run(['cli/device-consent.ts', ...args], cliEnv);
      const requested = await cli('--json', 'consent', 'request', '--email', world.users.globalAdmin, '--roles', 'IntuneAdministrator', '--days', '90');
      expect(requested.code).toBe(0);
      const request = JSON.parse(requested.stdout);
      // The consent email leaves through the stream just after the answer.
      let accepted;
      for (let i = 0; i < 50; i++) {
        accepted = await cli('local', 'accept', '--email', world.users.globalAdmin, '--ses-url', `http://127.0.0.1:${env.SES_PORT}`);
        if (accepted.code === 0) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(accepted?.stderr).toBe('');
      expect(accepted?.stdout).toContain('Authorization is complete');
      const waited = await cli('--json', 'consent', 'wait', request.id, '--timeout', '10');
      expect(waited.code).toBe(0);
      expect(JSON.parse(waited.stdout)).toMatchObject({ status: 'accepted', tenantId: world.tenant.id });

      const registered = await cli('--json', 'devices', 'register', 'samples/devices.csv', '--tenant', world.tenant.id, '--results', join(dataDir, 'results.csv'));
      expect(registered.code).toBe(0);
      expect(JSON.parse(registered.stdout)).toMatchObject({ batchStatus: 'finished', total: 5, succeeded: 5, failed: 0 });
    } finally {
      server.kill('SIGINT');
      await exited;
    }
  }, 120_000);
});
