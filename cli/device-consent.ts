#!/usr/bin/env node
/**
 * `npx device-consent ...`: the command-line tool for partners (DEVICE_CONSENT_KEY), operators
 * (DEVICE_CONSENT_OPS_TOKEN) and customers (DEVICE_CONSENT_TENANT_KEY) against any deployment (`--url` or DEVICE_CONSENT_URL). Run by Node 24
 * as TypeScript, like dev/start.ts. Exit codes: 0 success, 2 partial failure (some devices or
 * tenants were refused), 1 error (bad arguments, a refused credential, a rate limit to wait out
 * for more than a minute, anything else). Wherever it takes a file, `-` is standard input;
 * `NO_COLOR` (any non-empty value) turns colour off (cli/terminal.ts).
 *
 * One module a command group in `commands/`; this file only wires them and turns errors into exit codes.
 */
import { Command, CommanderError } from 'commander';
import { ApiError, UsageError } from './client.ts';
import { consent } from './commands/consent.ts';
import { customers } from './commands/customers.ts';
import { devices } from './commands/devices.ts';
import { local } from './commands/local.ts';
import { keys, me, partners } from './commands/partners.ts';
import { tenant } from './commands/tenant.ts';
import { tenants, users } from './commands/tenants.ts';
import { webhook } from './commands/webhook.ts';
import { EXIT, exitCodeOf, offerGlobalOptions, startRun } from './context.ts';
import { say } from './terminal.ts';

const program = new Command('device-consent').description('Partners and operators of device-consent, from the command line');

// In this order in --help: operators' commands, then partners', then customers'.
for (const command of [partners, keys, tenants, users, me, consent, customers, devices, webhook, tenant, local]) program.addCommand(command);
// --url and --json, before or after the command, never taking a command's own option of that name.
offerGlobalOptions(program);

// Every command, the program and each subcommand, sends its errors back to main() instead of exiting.
for (const command of (function all(c: Command): Command[] {
  return [c, ...c.commands.flatMap(all)];
})(program)) {
  command.exitOverride().showHelpAfterError();
}

/**
 * Runs the CLI on `argv` (as `process.argv`: node, the script, then the arguments) and answers its
 * exit code: 0, 2 when an action reported a partial failure, 1 on any error (printed here: the
 * problem's status, code and message for an API error, also as JSON on stdout with --json).
 */
export async function main(argv: string[]): Promise<number> {
  startRun(program);
  try {
    await program.parseAsync(argv);
    return exitCodeOf(program);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version are no errors; anything else commander refused already said why.
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.help' || error.code === 'commander.version' || error.exitCode === 0 ? EXIT.ok : EXIT.error;
    }
    const json = process.argv.includes('--json');
    if (error instanceof ApiError) {
      if (json) console.log(JSON.stringify({ error: { status: error.status, code: error.code, message: error.message, ...(error.retryAt ? { retryAt: error.retryAt } : {}) } }));
      say(`${error.message}${error.status === 401 ? ' (check DEVICE_CONSENT_KEY, DEVICE_CONSENT_OPS_TOKEN or DEVICE_CONSENT_TENANT_KEY)' : ''}`, error.status === 429 ? 'yellow' : 'red');
    } else {
      if (json) console.log(JSON.stringify({ error: { code: error instanceof UsageError ? 'usage' : 'error', message: (error as Error).message } }));
      say((error as Error).message, 'red');
    }
    return EXIT.error;
  }
}

if (import.meta.main) process.exitCode = await main(process.argv);
