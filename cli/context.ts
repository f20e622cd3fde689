import { type Command, CommanderError, Option } from 'commander';
import { type Api, createApi, UsageError } from './client.ts';

/** Exit codes: 0 success, 2 partial failure (some devices or tenants were refused), 1 error. */
export const EXIT = { ok: 0, error: 1, partial: 2 } as const;
export const DEFAULT_URL = 'http://127.0.0.1:3000';

/** The root program's options, which every command honours. */
export interface Globals {
  url?: string;
  json?: boolean;
}

const GLOBAL_OPTIONS = [
  ['--url <url>', `base URL of the service (env DEVICE_CONSENT_URL; default ${DEFAULT_URL})`],
  ['--json', 'print the answer as JSON (for scripts)'],
] as const;

// The copies of the root's options that `offerGlobalOptions` put on commands.
const globalCopies = new WeakSet<Option>();

/**
 * The root's options (`--url`, `--json`), given before the command (`device-consent --url X
 * webhook get`) or after it (`device-consent webhook get --url X`), as always, without ever taking
 * a command's own option of the same name: the root reads its options only before the command
 * (commander's positional options), and every command that has no option of that name itself gets a
 * copy of it. So `webhook set --url <endpoint>` is the webhook's endpoint (the root's `--url`
 * used to take it, and the command never saw its own), while the service is `--url` before the
 * command, or DEVICE_CONSENT_URL.
 */
export function offerGlobalOptions(program: Command): void {
  for (const [flags, description] of GLOBAL_OPTIONS) program.addOption(new Option(flags, description));
  program.enablePositionalOptions();
  const leaves = (c: Command): Command[] => (c.commands.length > 0 ? c.commands.flatMap(leaves) : [c]);
  for (const command of program.commands.flatMap(leaves)) {
    for (const [flags, description] of GLOBAL_OPTIONS) {
      const option = new Option(flags, description);
      if (command.options.some((own) => own.long === option.long)) continue;
      globalCopies.add(option);
      command.addOption(option);
    }
  }
}

/** The root's options as given to this run: after the command (its copies) over before it (the root's). */
function globalsOf(command: Command): Globals {
  const globals: Globals = { ...rootOf(command).opts<Globals>() };
  for (let c: Command | null = command; c?.parent; c = c.parent) {
    for (const option of c.options) {
      const value: unknown = c.getOptionValue(option.attributeName());
      if (globalCopies.has(option) && value !== undefined) Object.assign(globals, { [option.attributeName()]: value });
    }
  }
  return globals;
}

/** What an action needs of the run it is part of: the deployment, the credentials, the output, the exit code. */
export interface CommandContext {
  /** --json: print the answer as JSON for scripts. */
  readonly json: boolean;
  /** --url, else DEVICE_CONSENT_URL, else the local service. */
  readonly baseUrl: string;
  /** The API as the partner of DEVICE_CONSENT_KEY; a usage error without it. */
  partnerApi(): Api;
  /** The API as an operator (DEVICE_CONSENT_OPS_TOKEN); a usage error without it. */
  opsApi(): Api;
  /** The customer API as the tenant of DEVICE_CONSENT_TENANT_KEY (R25); a usage error without it. */
  tenantApi(): Api;
  /** The customer API key itself, for a download (a redirect the typed client does not follow). */
  tenantKey(): string;
  /** Prints the answer: JSON with --json (or when there is no human form), otherwise the lines a person reads. */
  print(value: unknown, human?: () => string): void;
  /** The run ends with exit 2 (a partial failure) once its output is printed. */
  partial(): void;
}

// The exit code of a run, kept per root program (commander's actions return nothing to parseAsync).
const exitCodes = new WeakMap<Command, number>();

const rootOf = (command: Command): Command => (command.parent ? rootOf(command.parent) : command);

/**
 * The context of the action of `command` (the last argument commander passes to an action). Global
 * options are read from the root and the copies `offerGlobalOptions` made, never with
 * `optsWithGlobals()`, which would let a command's own `--url` (`webhook set --url`, its endpoint)
 * stand in for the service's.
 */
export function contextOf(command: Command): CommandContext {
  const root = rootOf(command);
  const globals = globalsOf(command);
  const baseUrl = globals.url ?? process.env.DEVICE_CONSENT_URL ?? DEFAULT_URL;
  const json = !!globals.json;
  const tenantKey = () => {
    const token = process.env.DEVICE_CONSENT_TENANT_KEY;
    if (!token) throw new UsageError("set DEVICE_CONSENT_TENANT_KEY to your tenant's customer API key (dcc_...: the portal's API keys page makes one)");
    return token;
  };
  return {
    json,
    baseUrl,
    partnerApi() {
      const token = process.env.DEVICE_CONSENT_KEY;
      if (!token) throw new UsageError('set DEVICE_CONSENT_KEY to your partner API key (dck_...)');
      return createApi({ baseUrl, token });
    },
    opsApi() {
      const token = process.env.DEVICE_CONSENT_OPS_TOKEN;
      if (!token) throw new UsageError('set DEVICE_CONSENT_OPS_TOKEN to the operator token (npm start prints it)');
      return createApi({ baseUrl, token });
    },
    tenantApi() {
      return createApi({ baseUrl, token: tenantKey() });
    },
    tenantKey,
    print(value, human) {
      if (json || !human) console.log(JSON.stringify(value, null, 2));
      else console.log(human());
    },
    partial() {
      exitCodes.set(root, EXIT.partial);
    },
  };
}

/** Starts a run of `program` with exit code 0; `exitCodeOf` reads what its action made of it. */
export function startRun(program: Command): void {
  exitCodes.set(program, EXIT.ok);
}

/** The exit code of the run of `program` that has just finished without throwing. */
export function exitCodeOf(program: Command): number {
  return exitCodes.get(program) ?? EXIT.ok;
}

/** A small text table (the summary of a device run, lists). */
export function table(rows: Record<string, unknown>[], columns: string[]): string {
  const cells = rows.map((r) => columns.map((c) => (r[c] === undefined || r[c] === null ? '' : String(r[c]))));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i].length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** Option parser: a comma-separated list. */
export const list = (value: string): string[] => value.split(',').map((v) => v.trim()).filter(Boolean);

/** Option parser: a whole number of at least 1, else exit 1 with commander's own kind of message. */
export const positive = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CommanderError(EXIT.error, 'device-consent.invalidArgument', `error: not a positive whole number: ${value}`);
  return n;
};

/**
 * A list option whose values the service judges (directory roles, delegated admin roles, webhook
 * events), typed as the values the document allows and sent as given: an unknown one is answered
 * by the service's 400 naming it, rather than checked against a second list here to keep in step.
 */
export const asSent = <Value extends string>(values: string[]): Value[] => values as Value[];
