import { spawn } from 'node:child_process';
import { stack } from './api.ts';

/**
 * The command-line tool (cli/device-consent.ts) run as its users run it: a child process with the
 * local service's URL and the given credentials in its environment; its exit code and output.
 * `input` is written to its standard input (for a file given as `-`), which is then closed.
 */
export function cli(args: string[], env: Record<string, string | undefined> = {}, options: { input?: string | Buffer } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['cli/device-consent.ts', ...args], { cwd: process.cwd(), env: { PATH: process.env.PATH, DEVICE_CONSENT_URL: stack().apiUrl, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    if (options.input !== undefined) child.stdin.end(options.input);
  });
}

/**
 * The command-line tool on a terminal: run under util-linux `script`, which gives it a
 * pseudo-terminal for stdin, stdout and stderr (what it writes there comes back as `output`, with
 * the terminal's `\r\n` line ends), as a person at a terminal runs it.
 */
export function cliOnTerminal(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number | null; output: string }> {
  const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
  const command = [process.execPath, 'cli/device-consent.ts', ...args].map(quote).join(' ');
  return new Promise((resolve) => {
    const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], { cwd: process.cwd(), env: { PATH: process.env.PATH, TERM: 'xterm', DEVICE_CONSENT_URL: stack().apiUrl, ...env } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => resolve({ code, output }));
    child.stdin.end();
  });
}
