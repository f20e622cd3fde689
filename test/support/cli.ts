import { spawn } from 'node:child_process';
import { stack } from './api.ts';

/**
 * The command-line tool (cli/device-consent.ts) run as its users run it: a child process with the
 * local service's URL and the given credentials in its environment; its exit code and output.
 */
export function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['cli/device-consent.ts', ...args], { cwd: process.cwd(), env: { PATH: process.env.PATH, DEVICE_CONSENT_URL: stack().apiUrl, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
