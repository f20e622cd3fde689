#!/usr/bin/env node
/**
 * `npx device-consent ...`: the command-line tool for partners (DEVICE_CONSENT_KEY) and operators
 * (DEVICE_CONSENT_OPS_TOKEN) against any deployment (`--url` or DEVICE_CONSENT_URL). Run by Node 24
 * as TypeScript, like dev/start.ts. Exit codes: 0 success, 2 partial failure (some devices or
 * tenants were refused), 1 error (bad arguments, a refused credential, anything else).
 */
import { readFile } from 'node:fs/promises';
import { Command, CommanderError, Option } from 'commander';
import { ApiError, Client, newIdempotencyKey, sleep, UsageError } from './client.ts';
import { type DeviceAction, progressBar, readDeviceFile, runDevices, writeResultsCsv } from './devices.ts';
import { acceptLocally, listen } from './local.ts';

export const EXIT = { ok: 0, error: 1, partial: 2 } as const;
const DEFAULT_URL = 'http://127.0.0.1:3000';

const program = new Command('device-consent')
  .description('Partners and operators of device-consent, from the command line')
  .option('--url <url>', `base URL of the service (env DEVICE_CONSENT_URL; default ${DEFAULT_URL})`)
  .option('--json', 'print the answer as JSON (for scripts)')
  .showHelpAfterError()
  .exitOverride();

interface Globals {
  url?: string;
  json?: boolean;
}
const globals = (): Globals => program.opts<Globals>();
const baseUrl = () => globals().url ?? process.env.DEVICE_CONSENT_URL ?? DEFAULT_URL;

function partnerClient(): Client {
  const token = process.env.DEVICE_CONSENT_KEY;
  if (!token) throw new UsageError('set DEVICE_CONSENT_KEY to your partner API key (dck_...)');
  return new Client({ baseUrl: baseUrl(), token });
}

function opsClient(): Client {
  const token = process.env.DEVICE_CONSENT_OPS_TOKEN;
  if (!token) throw new UsageError('set DEVICE_CONSENT_OPS_TOKEN to the operator token (npm start prints it)');
  return new Client({ baseUrl: baseUrl(), token });
}

/** Prints the answer: JSON with --json, otherwise the lines a person reads. */
function print(value: unknown, human?: () => string): void {
  if (globals().json || !human) console.log(JSON.stringify(value, null, 2));
  else console.log(human());
}

/** A small text table (the summary of a device run, lists). */
export function table(rows: Record<string, unknown>[], columns: string[]): string {
  const cells = rows.map((r) => columns.map((c) => (r[c] === undefined || r[c] === null ? '' : String(r[c]))));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i].length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

let exitCode: number = EXIT.ok;
const list = (value: string) => value.split(',').map((v) => v.trim()).filter(Boolean);
const positive = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CommanderError(EXIT.error, 'device-consent.invalidArgument', `error: not a positive whole number: ${value}`);
  return n;
};

/* ----------------------------------------------- operators ---------------------------------------------- */

const partners = program.command('partners').description('Operators: partners (DEVICE_CONSENT_OPS_TOKEN)');
partners
  .command('create')
  .description('Create a partner; prints its first API key (shown this once)')
  .requiredOption('--name <name>', 'partner name')
  .addOption(new Option('--kind <kind>', 'partner kind').choices(['direct-csp', 'indirect-provider', 'indirect-reseller', 'oem']).makeOptionMandatory())
  .requiredOption('--email <email>', 'contact email')
  .option('--provider <partnerId>', "an Indirect Reseller's Indirect Provider")
  .option('--direct-api-eligible', 'an OEM allowed direct API consent (R9)')
  .action(async (o) => {
    const { body } = await opsClient().request('POST', '/ops/partners', {
      body: { name: o.name, kind: o.kind, contactEmail: o.email, ...(o.provider ? { providerId: o.provider } : {}), ...(o.directApiEligible ? { directApiEligible: true } : {}) },
    });
    print(body, () => `partner ${body.partner.id} (${body.partner.kind}) created\nAPI key (shown this once): ${body.apiKey}`);
  });
partners
  .command('get <partnerId>')
  .description('Read a partner')
  .action(async (id) => {
    const { body } = await opsClient().request('GET', `/ops/partners/${encodeURIComponent(id)}`);
    print(body.partner, () => table([body.partner], ['id', 'name', 'kind', 'status', 'providerId', 'directApiEligible', 'createdAt']));
  });
partners
  .command('update <partnerId>')
  .description("Change a partner's eligibility or status")
  .addOption(new Option('--direct-api-eligible <yes|no>', 'OEM direct API eligibility').choices(['yes', 'no']))
  .addOption(new Option('--status <status>').choices(['active', 'suspended']))
  .action(async (id, o) => {
    const { body } = await opsClient().request('PATCH', `/ops/partners/${encodeURIComponent(id)}`, {
      body: { ...(o.directApiEligible ? { directApiEligible: o.directApiEligible === 'yes' } : {}), ...(o.status ? { status: o.status } : {}) },
    });
    print(body.partner, () => `partner ${body.partner.id}: status ${body.partner.status}${body.partner.directApiEligible !== undefined ? `, directApiEligible ${body.partner.directApiEligible}` : ''}`);
  });

const keys = program.command('keys').description("Operators: a partner's API keys");
keys
  .command('list <partnerId>')
  .description('List API keys (never their secrets)')
  .action(async (id) => {
    const items: any[] = [];
    for await (const k of opsClient().pages(`/ops/partners/${encodeURIComponent(id)}/api-keys`)) items.push(k);
    print(items, () => table(items, ['keyId', 'createdAt', 'revokedAt']));
  });
keys
  .command('create <partnerId>')
  .description('Create another API key (rotation: create, then revoke the old one)')
  .action(async (id) => {
    const { body } = await opsClient().request('POST', `/ops/partners/${encodeURIComponent(id)}/api-keys`);
    print(body, () => `key ${body.keyId} created\nAPI key (shown this once): ${body.apiKey}`);
  });
keys
  .command('revoke <partnerId> <keyId>')
  .description('Revoke an API key')
  .action(async (id, keyId) => {
    await opsClient().request('DELETE', `/ops/partners/${encodeURIComponent(id)}/api-keys/${encodeURIComponent(keyId)}`);
    print({ revoked: keyId }, () => `key ${keyId} revoked`);
  });

const tenants = program.command('tenants').description('Operators: tenants');
tenants
  .command('create')
  .description('Create a tenant')
  .requiredOption('--name <name>', 'tenant name')
  .requiredOption('--domain <domain>', 'initial domain, e.g. fabrikam.onmicrosoft.example')
  .option('--domains <list>', 'more verified domains, comma-separated', list)
  .option('--require-idp-sign-in', 'its users sign in only through their identity provider (R21)')
  .action(async (o) => {
    const { body } = await opsClient().request('POST', '/ops/tenants', {
      body: { name: o.name, initialDomain: o.domain, ...(o.domains ? { domains: o.domains } : {}), ...(o.requireIdpSignIn ? { requireIdpSignIn: true } : {}) },
    });
    print(body.tenant, () => `tenant ${body.tenant.id} (${body.tenant.domains.join(', ')}) created`);
  });
tenants
  .command('get <tenantId>')
  .description('Read a tenant')
  .action(async (id) => {
    const { body } = await opsClient().request('GET', `/ops/tenants/${encodeURIComponent(id)}`);
    print(body.tenant, () => table([{ ...body.tenant, domains: body.tenant.domains.join(' ') }], ['id', 'name', 'initialDomain', 'domains', 'requireIdpSignIn']));
  });

const users = program.command('users').description('Operators: users of a tenant');
users
  .command('create <tenantId>')
  .description('Create a user of a tenant')
  .requiredOption('--email <email>')
  .requiredOption('--name <displayName>')
  .option('--roles <list>', 'directory roles, comma-separated (e.g. GlobalAdministrator)', list, [])
  .action(async (tenantId, o) => {
    const { body } = await opsClient().request('POST', `/ops/tenants/${encodeURIComponent(tenantId)}/users`, { body: { email: o.email, displayName: o.name, roles: o.roles } });
    print(body.user, () => `user ${body.user.id} <${body.user.email}> created, roles: ${body.user.roles.join(', ') || 'none'}`);
  });

/* ------------------------------------------------ partners ---------------------------------------------- */

program
  .command('me')
  .description('The calling partner (DEVICE_CONSENT_KEY)')
  .action(async () => {
    const { body } = await partnerClient().request('GET', '/v1/me');
    print(body.partner, () => table([body.partner], ['id', 'name', 'kind', 'status']));
  });

const consent = program.command('consent').description('Partners: consent requests');
consent
  .command('request')
  .description('Ask a customer for consent (an Idempotency-Key is made for you)')
  .requiredOption('--email <recipient>', "the customer's global administrator")
  .option('--domain <tenantDomain>', "the customer's domain")
  .option('--roles <list>', 'delegated admin roles, comma-separated (e.g. IntuneAdministrator)', list)
  .option('--days <n>', 'delegated admin duration in days (1-730)', positive)
  .option('--message <text>', 'a message shown to the customer')
  .option('--idempotency-key <key>', 'to retry a request safely (default: a new one)')
  .action(async (o) => {
    const body = {
      recipientEmail: o.email,
      ...(o.domain ? { tenantDomain: o.domain } : {}),
      ...(o.roles ? { delegatedAdmin: { roles: o.roles, durationDays: o.days ?? 30 } } : {}),
      ...(o.message ? { message: o.message } : {}),
    };
    const res = await partnerClient().request('POST', '/v1/consent-requests', { body, idempotencyKey: o.idempotencyKey ?? newIdempotencyKey() });
    const r = res.body.consentRequest;
    print(r, () => `consent request ${r.id}: ${r.status}, email ${r.email.status}; expires ${r.expiresAt}\nwait for the answer: device-consent consent wait ${r.id}`);
  });
consent
  .command('list')
  .description('Your consent requests, newest first')
  .addOption(new Option('--status <status>').choices(['pending', 'accepted', 'declined', 'expired', 'cancelled']))
  .option('--limit <n>', 'at most this many', positive, 50)
  .action(async (o) => {
    const items: any[] = [];
    for await (const r of partnerClient().pages('/v1/consent-requests', { status: o.status, limit: Math.min(o.limit, 100) })) {
      items.push(r);
      if (items.length >= o.limit) break;
    }
    print(items, () => table(items, ['id', 'status', 'recipientEmail', 'tenantId', 'createdAt']));
  });
consent
  .command('get <requestId>')
  .description('One consent request')
  .action(async (id) => {
    const { body } = await partnerClient().request('GET', `/v1/consent-requests/${encodeURIComponent(id)}`);
    print(body.consentRequest, () => table([{ ...body.consentRequest, email: body.consentRequest.email.status }], ['id', 'status', 'recipientEmail', 'tenantId', 'email', 'expiresAt']));
  });
consent
  .command('cancel <requestId>')
  .description('Cancel a pending consent request')
  .action(async (id) => {
    const { body } = await partnerClient().request('DELETE', `/v1/consent-requests/${encodeURIComponent(id)}`);
    print(body.consentRequest, () => `consent request ${id}: ${body.consentRequest.status}`);
  });
consent
  .command('wait <requestId>')
  .description('Wait until the customer answers; exit 0 when accepted, 2 when declined, expired or cancelled')
  .option('--timeout <seconds>', 'give up after this long (exit 1)', positive, 600)
  .option('--interval <seconds>', 'poll every this many seconds', positive, 2)
  .action(async (id, o) => {
    const client = partnerClient();
    const end = Date.now() + o.timeout * 1000;
    for (;;) {
      const { body } = await client.request('GET', `/v1/consent-requests/${encodeURIComponent(id)}`);
      const r = body.consentRequest;
      if (r.status !== 'pending') {
        print(r, () => `consent request ${id}: ${r.status}${r.tenantId ? ` (tenant ${r.tenantId})` : ''}`);
        if (r.status !== 'accepted') exitCode = EXIT.partial;
        return;
      }
      if (Date.now() > end) throw new UsageError(`consent request ${id} is still pending after ${o.timeout} s`);
      await sleep(o.interval * 1000);
    }
  });
consent
  .command('link')
  .description("Your reusable consent link (R9 for OEMs)")
  .action(async () => {
    const { body } = await partnerClient().request('GET', '/v1/consent-link');
    print(body, () => body.url);
  });

const customers = program.command('customers').description('Partners: tenants you are authorized for');
customers
  .command('list')
  .description('Every tenant you are authorized for now')
  .action(async () => {
    const items: any[] = [];
    for await (const c of partnerClient().pages('/v1/customers')) items.push(c);
    print(items, () => table(items.map((c) => ({ tenantId: c.tenantId, name: c.name, domains: c.domains.join(' '), status: c.relationship.status, grantedAt: c.relationship.grantedAt })), ['tenantId', 'name', 'domains', 'status', 'grantedAt']));
  });
customers
  .command('get <tenantId>')
  .description('One tenant you are authorized for')
  .action(async (id) => {
    const { body } = await partnerClient().request('GET', `/v1/customers/${encodeURIComponent(id)}`);
    print(body.customer, () => table([{ ...body.customer, domains: body.customer.domains.join(' '), status: body.customer.relationship.status }], ['tenantId', 'name', 'domains', 'status']));
  });
customers
  .command('check [tenants...]')
  .description('Consent status of tenants (ids or domains), given here or one a line in --file; exit 2 if any is not active')
  .option('--file <path>', 'a file of tenants, one a line (# comments allowed)')
  .action(async (given: string[], o) => {
    const fromFile = o.file
      ? (await readFile(o.file, 'utf8').catch(() => { throw new UsageError(`cannot read ${o.file}`); })).split(/\r?\n/).map((l) => l.replace(/#.*/, '').trim()).filter(Boolean)
      : [];
    const all = [...given, ...fromFile];
    if (all.length === 0) throw new UsageError('give tenants (ids or domains) or --file');
    const client = partnerClient();
    const results: { tenant: string; tenantId?: string; status: string }[] = [];
    for (let i = 0; i < all.length; i += 100) {
      const { body } = await client.request('POST', '/v1/consent-checks', { body: { tenants: all.slice(i, i + 100) } });
      results.push(...body.results);
    }
    if (results.some((r) => r.status !== 'active')) exitCode = EXIT.partial;
    print(results, () => table(results, ['tenant', 'tenantId', 'status']));
  });

const devices = program.command('devices').description('Partners: validate, register or deregister the devices of a CSV or JSON file of any size');
for (const action of ['validate', 'register', 'deregister'] as DeviceAction[]) {
  devices
    .command(`${action} <file>`)
    .description(
      action === 'validate'
        ? 'Judge every device of the file without registering anything (1000 a call)'
        : `${action === 'register' ? 'Register' : 'Deregister'} every device of the file through a device batch (parts of 1000), with progress; exit 2 if some were refused`,
    )
    .requiredOption('--tenant <tenantId>', 'the customer tenant')
    .option('--results <path>', 'write one line a device to this CSV (default: <file>.results.csv)')
    .option('--no-results', 'write no results file')
    .option('--poll <ms>', 'poll the batch every this many milliseconds', positive, 500)
    .action(async (file: string, o) => {
      const client = partnerClient();
      const parsed = await readDeviceFile(file);
      const report = await runDevices(client, action, o.tenant, parsed, { progress: progressBar(!globals().json), pollMs: o.poll });
      if (o.results !== false) {
        const resultsFile = typeof o.results === 'string' ? o.results : `${file.replace(/\.(csv|json)$/i, '')}.results.csv`;
        await writeResultsCsv(resultsFile, report);
        report.resultsFile = resultsFile;
      }
      if (report.failed > 0) exitCode = EXIT.partial;
      const { outcomes, ...summary } = report;
      print(globals().json ? { ...summary, outcomes } : summary, () =>
        [
          `${action} ${report.total} devices for tenant ${report.tenantId}${report.batchId ? ` (batch ${report.batchId}: ${report.batchStatus})` : ''}`,
          '',
          table(Object.entries(report.byStatus).map(([status, count]) => ({ status, devices: count })), ['status', 'devices']),
          ...(Object.keys(report.byErrorCode).length ? ['', table(Object.entries(report.byErrorCode).map(([code, count]) => ({ 'error code': code, devices: count })), ['error code', 'devices'])] : []),
          ...(report.resultsFile ? ['', `results, one line a device: ${report.resultsFile}`] : []),
        ].join('\n'),
      );
    });
}
devices
  .command('batch <batchId>')
  .description('One device batch: its status and counts')
  .action(async (id) => {
    const { body } = await partnerClient().request('GET', `/v1/device-batches/${encodeURIComponent(id)}`);
    print(body.batch, () => table([{ ...body.batch, ...body.batch.summary }], ['id', 'action', 'status', 'received', 'processed', 'succeeded', 'failed']));
  });
devices
  .command('list')
  .description('Devices you registered for a tenant')
  .requiredOption('--tenant <tenantId>')
  .action(async (o) => {
    const items: any[] = [];
    for await (const d of partnerClient().pages('/v1/devices', { tenantId: o.tenant })) items.push(d);
    print(items, () => table(items, ['id', 'manufacturer', 'model', 'serialNumber', 'productKeyId', 'registeredAt']));
  });

const webhook = program.command('webhook').description('Partners: webhooks (Standard Webhooks)');
webhook
  .command('set')
  .description('Register your webhook endpoint and events; prints the new signing secret')
  .requiredOption('--url <url>', 'your endpoint')
  .requiredOption('--events <list>', 'events, comma-separated (e.g. consent.accepted,device_batch.finished)', list)
  .action(async (o) => {
    const { body } = await partnerClient().request('PUT', '/v1/webhook', { body: { url: o.url, events: o.events } });
    print(body, () => `webhook ${body.url} for ${body.events.join(', ')}\nsigning secret: ${body.secret}`);
  });
webhook
  .command('get')
  .description('Your webhook endpoint and events (never the secret)')
  .action(async () => {
    const { body } = await partnerClient().request('GET', '/v1/webhook');
    print(body, () => `${body.url}: ${body.events.join(', ')}`);
  });
webhook
  .command('deliveries')
  .description('Recent webhook deliveries and their state')
  .option('--limit <n>', 'at most this many', positive, 20)
  .action(async (o) => {
    const { body } = await partnerClient().request('GET', '/v1/webhook/deliveries', { query: { limit: Math.min(o.limit, 100) } });
    print(body.items, () => table(body.items, ['id', 'type', 'status', 'attempts', 'lastStatusCode', 'createdAt']));
  });
webhook
  .command('listen')
  .description('A local receiver on 127.0.0.1 that verifies each delivery\'s signature and prints it; with --register, it registers itself first')
  .option('--port <port>', 'port to listen on', positive, 9000)
  .option('--secret <whsec>', 'the signing secret (env DEVICE_CONSENT_WEBHOOK_SECRET)')
  .option('--register <events>', 'register http://127.0.0.1:<port>/ for these events (comma-separated) and use the new secret', list)
  .option('--count <n>', 'stop after this many verified deliveries', positive)
  .action(async (o) => {
    let secret: string | undefined = o.secret ?? process.env.DEVICE_CONSENT_WEBHOOK_SECRET;
    const server = await listen(o.port, () => secret, { json: !!globals().json, count: o.count });
    if (o.register) {
      const { body } = await partnerClient().request('PUT', '/v1/webhook', { body: { url: `http://127.0.0.1:${o.port}/`, events: o.register } });
      secret = body.secret as string;
      console.error(`registered http://127.0.0.1:${o.port}/ for ${body.events.join(', ')}`);
    }
    if (!secret) {
      await server.close();
      throw new UsageError('give --secret, DEVICE_CONSENT_WEBHOOK_SECRET, or --register');
    }
    console.error(`listening on http://127.0.0.1:${o.port}/ (signatures verified; Ctrl-C stops)`);
    await server.done;
    if (server.rejected() > 0) exitCode = EXIT.partial;
  });

/* -------------------------------------------- local machine only -------------------------------------------- */

const local = program.command('local').description('Only against `npm start` on this machine');
local
  .command('accept')
  .description("Act as the customer: open the newest consent email to this address in the local SES inbox (it signs its recipient in) and accept it")
  .requiredOption('--email <recipient>', "the customer's global administrator")
  .option('--ses-url <url>', 'the local SES (env SES_URL)', process.env.SES_URL ?? 'http://127.0.0.1:8005')
  .option('--decline', 'decline instead')
  .action(async (o) => {
    const outcome = await acceptLocally({ baseUrl: baseUrl(), sesUrl: o.sesUrl, email: o.email, decline: !!o.decline });
    print(outcome, () => outcome.message);
  });

/* ------------------------------------------------------------------------------------------------------------ */

export async function main(argv: string[]): Promise<number> {
  exitCode = EXIT.ok;
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version are no errors; anything else commander refused already said why.
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.help' || error.code === 'commander.version' || error.exitCode === 0 ? EXIT.ok : EXIT.error;
    }
    const json = process.argv.includes('--json');
    if (error instanceof ApiError) {
      if (json) console.log(JSON.stringify({ error: { status: error.status, code: error.code, message: error.message } }));
      console.error(`device-consent: ${error.message}${error.status === 401 ? ' (check DEVICE_CONSENT_KEY or DEVICE_CONSENT_OPS_TOKEN)' : ''}`);
    } else {
      if (json) console.log(JSON.stringify({ error: { code: error instanceof UsageError ? 'usage' : 'error', message: (error as Error).message } }));
      console.error(`device-consent: ${(error as Error).message}`);
    }
    return EXIT.error;
  }
}

// Every subcommand inherits the settings that make errors come back here.
for (const command of program.commands.flatMap(function all(c: Command): Command[] { return [c, ...c.commands.flatMap(all)]; })) {
  command.exitOverride().showHelpAfterError();
}

if (import.meta.main) process.exitCode = await main(process.argv);
