/**
 * What the CLI does with the terminal, in one place for every command: colour (and `NO_COLOR`),
 * files given as `-` (standard input), and a wait shown while it lasts (a countdown on a
 * terminal, one line otherwise). Answers go to stdout; everything said about the run goes to
 * stderr, so `--json` output stays clean for scripts.
 */
import { readFile } from 'node:fs/promises';
import { UsageError } from './client.ts';

/** A stream the CLI writes to (process.stderr, or a stand-in in tests). */
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

/**
 * Whether to colour what goes to `stream`: never when `NO_COLOR` holds any non-empty value
 * (https://no-color.org), always when `FORCE_COLOR` asks for it (other than `0` or `false`),
 * otherwise only on a terminal. The same rule commander applies to its help.
 */
export function colourEnabled(stream: Output, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return stream.isTTY === true;
}

const STYLES = { red: [31, 39], yellow: [33, 39], bold: [1, 22], dim: [2, 22] } as const;

/** `text` in `style` when `stream` takes colour (colourEnabled), else as it is. */
export function paint(stream: Output, style: keyof typeof STYLES, text: string, env: NodeJS.ProcessEnv = process.env): string {
  if (!colourEnabled(stream, env)) return text;
  const [on, off] = STYLES[style];
  return `\x1b[${on}m${text}\x1b[${off}m`;
}

/** A line about the run (not the answer), on stderr: `device-consent: ...`, the prefix in `style`. */
export function say(line: string, style: keyof typeof STYLES = 'bold', stream: Output = process.stderr): void {
  stream.write(`${paint(stream, style, 'device-consent:')} ${line}\n`);
}

/** The file name that means standard input, wherever the CLI takes a file (`-`, as cat and curl take it). */
export const STDIN = '-';

/**
 * The bytes of a file the CLI was given, or of standard input for `-` (read to its end). A file
 * that cannot be read is a usage error naming it.
 */
export async function readInput(file: string): Promise<Buffer> {
  if (file === STDIN) {
    if (process.stdin.isTTY) say('reading standard input (end it with Ctrl-D)', 'dim');
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
    return Buffer.concat(chunks);
  }
  try {
    return await readFile(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Whole seconds, as a person reads them: `45 s`, `12 min 5 s`, `2 h 3 min`. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  return `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`;
}

/** A moment as an ISO 8601 UTC time to the second (`2026-12-03T14:00:00Z`). */
export const isoSecond = (ms: number): string => new Date(Math.ceil(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Waits `seconds`, saying so on `stream`: on a terminal a countdown rewritten in place each
 * second (then cleared), otherwise one line, so a log shows the wait once rather than sixty times.
 */
export async function waitShown(seconds: number, why: string, stream: Output = process.stderr, tick = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))): Promise<void> {
  const total = Math.max(0, Math.ceil(seconds));
  const until = isoSecond(Date.now() + total * 1000);
  if (!stream.isTTY) {
    say(`${why}; waiting ${duration(total)} (until ${until}), then trying again`, 'yellow', stream);
    await tick(total * 1000);
    return;
  }
  for (let left = total; left > 0; left--) {
    stream.write(`\r\x1b[2K${paint(stream, 'yellow', 'device-consent:')} ${why}; trying again in ${duration(left)} (Ctrl-C to stop)`);
    await tick(1000);
  }
  stream.write('\r\x1b[2K');
  say(`${why}; waited ${duration(total)}, trying again`, 'yellow', stream);
}
