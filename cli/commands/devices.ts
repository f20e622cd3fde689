import { Command } from 'commander';
import { newIdempotencyKey, ok, pages, type Schemas } from '../client.ts';
import { contextOf, positive, table } from '../context.ts';
import { type DeviceAction, progressBar, readDeviceFile, runDevices, writeResultsCsv } from '../device-runs.ts';
import { STDIN } from '../terminal.ts';

/** `devices validate|register|deregister <file>`, `devices batch|list`: a partner's devices (DEVICE_CONSENT_KEY). */
export const devices = new Command('devices').description('Partners: validate, register or deregister the devices of a CSV or JSON file of any size');

for (const action of ['validate', 'register', 'deregister'] as const satisfies readonly DeviceAction[]) {
  const sub = devices
    .command(`${action} <file>`)
    .addHelpText('after', '\n<file> is a CSV or JSON file, or - for standard input (then results go to a file only with --results).')
    .description(
      action === 'validate'
        ? 'Judge every device of the file without registering anything (1000 a call)'
        : `${action === 'register' ? 'Register' : 'Deregister'} every device of the file through a device batch (parts of 1000), with progress; exit 2 if some were refused`,
    )
    .requiredOption('--tenant <tenantId>', 'the customer tenant')
    .option('--results <path>', 'write one line a device to this CSV (default: <file>.results.csv; none for -)')
    .option('--no-results', 'write no results file')
    .option('--poll <ms>', 'poll the batch every this many milliseconds', positive, 500);
  if (action === 'register') {
    sub
      .option('--hold', "R27: if you are not authorized for the tenant yet, hold the batch for its global admins' approval (the tenant by id or proven domain)")
      .option('--reference <text>', 'with --hold: your order or shipment number, shown to the customer');
  }
  sub.action(async (file: string, o: { tenant: string; results: string | boolean; poll: number; hold?: boolean; reference?: string }, command: Command) => {
      const { partnerApi, print, partial, json } = contextOf(command);
      const api = partnerApi();
      const parsed = await readDeviceFile(file);
      const report = await runDevices(api, action, o.tenant, parsed, { progress: progressBar(!json), pollMs: o.poll, ...(o.hold ? { hold: { ...(o.reference ? { reference: o.reference } : {}) } } : {}) });
      // From standard input there is no file to put the results beside: only where --results says.
      if (o.results !== false && (typeof o.results === 'string' || file !== STDIN)) {
        const resultsFile = typeof o.results === 'string' ? o.results : `${file.replace(/\.(csv|json)$/i, '')}.results.csv`;
        await writeResultsCsv(resultsFile, report);
        report.resultsFile = resultsFile;
      }
      if (report.failed > 0) partial();
      const { outcomes, ...summary } = report;
      print(json ? { ...summary, outcomes } : summary, () =>
        [
          `${action} ${report.total} devices for tenant ${report.tenantId}${report.batchId ? ` (batch ${report.batchId}: ${report.batchStatus})` : ''}`,
          '',
          table(Object.entries(report.byStatus).map(([status, count]) => ({ status, devices: count })), ['status', 'devices']),
          ...(Object.keys(report.byErrorCode).length ? ['', table(Object.entries(report.byErrorCode).map(([code, count]) => ({ 'error code': code, devices: count })), ['error code', 'devices'])] : []),
          ...(report.batchStatus === 'awaiting_approval'
            ? ['', `held for the customer's approval (R27): its global admins were emailed; follow it with: device-consent devices batch ${report.batchId}`]
            : []),
          ...(report.resultsFile ? ['', `results, one line a device: ${report.resultsFile}`] : []),
        ].join('\n'),
      );
    });
}

devices
  .command('batch <batchId>')
  .description('One device batch: its status and counts')
  .action(async (id: string, _o: object, command: Command) => {
    const { partnerApi, print } = contextOf(command);
    const body = await ok(partnerApi().GET('/v1/device-batches/{batchId}', { params: { path: { batchId: id } } }));
    print(body.batch, () => table([{ ...body.batch, ...body.batch.summary, approval: body.batch.approval?.status ?? '' }], ['id', 'action', 'status', 'approval', 'received', 'processed', 'succeeded', 'failed']));
  });

devices
  .command('list')
  .description('Devices you registered for a tenant')
  .requiredOption('--tenant <tenantId>')
  .action(async (o: { tenant: string }, command: Command) => {
    const { partnerApi, print } = contextOf(command);
    const api = partnerApi();
    const items: Schemas['device'][] = [];
    for await (const d of pages((cursor) => ok(api.GET('/v1/devices', { params: { query: { tenantId: o.tenant, limit: 100, cursor } } })))) items.push(d);
    print(items, () => table(items, ['id', 'manufacturer', 'model', 'serialNumber', 'productKeyId', 'registeredAt']));
  });

/** What `devices claim` did with a file: the claims it opened (1000 devices each at most) and every device's outcome. */
interface ClaimRun {
  tenantId: string;
  total: number;
  claimed: number;
  invalid: number;
  claims: string[];
  byErrorCode: Record<string, number>;
  invalidLines: { line: number; code: string }[];
}

devices
  .command('claim <file>')
  .description('Claim the devices of a file of any size that are registered to other tenants (R26): claims of 1000 devices, with your evidence; exit 2 if some were not claimed')
  .addHelpText('after', "\n<file> is a CSV or JSON file (or - for standard input). The owners' global admins answer within 14 days; then operators decide. Which tenant owns a device is never said.")
  .requiredOption('--tenant <tenantId>', 'the customer tenant the devices are claimed for')
  .requiredOption('--reference <reference>', 'the order reference (evidence)')
  .option('--purchase-date <date>', 'the purchase date, YYYY-MM-DD (evidence)')
  .option('--note <note>', 'a note for the owner and operators (evidence)')
  .action(async (file: string, o: { tenant: string; reference: string; purchaseDate?: string; note?: string }, command: Command) => {
    const { partnerApi, print, partial, json } = contextOf(command);
    const api = partnerApi();
    // Any number of rows: unlike a batch's 100,000, a file claims in as many claims of 1000 as it needs.
    const parsed = await readDeviceFile(file, { maxRows: Number.POSITIVE_INFINITY });
    const evidence = { reference: o.reference, ...(o.purchaseDate ? { purchaseDate: o.purchaseDate } : {}), ...(o.note ? { note: o.note } : {}) };
    const run: ClaimRun = { tenantId: o.tenant, total: parsed.rows.length + parsed.malformed.length, claimed: 0, invalid: parsed.malformed.length, claims: [], byErrorCode: {}, invalidLines: [] };
    if (parsed.malformed.length) run.byErrorCode.malformed_line = parsed.malformed.length;
    const progress = progressBar(!json);
    progress.start(parsed.rows.length, 'claim');
    // Each part carries an Idempotency-Key: a retried part opens no second claim.
    const runKey = newIdempotencyKey();
    for (let start = 0; start < parsed.rows.length; start += 1000) {
      const part = parsed.rows.slice(start, start + 1000);
      const answer = await ok(api.POST('/v1/device-claims', { params: { header: { 'Idempotency-Key': `${runKey}-part-${start / 1000}` } }, body: { tenantId: o.tenant, devices: part.map((row) => row.device), evidence } }));
      if (answer.claim) run.claims.push(answer.claim.id);
      run.claimed += answer.summary.claimed;
      run.invalid += answer.summary.invalid;
      for (const result of answer.results) {
        const code = result.errors[0]?.code;
        if (!code) continue;
        run.byErrorCode[code] = (run.byErrorCode[code] ?? 0) + 1;
        run.invalidLines.push({ line: part[result.index].line, code });
      }
      progress.update(Math.min(start + 1000, parsed.rows.length));
    }
    progress.stop();
    if (run.invalid > 0) partial();
    print(run, () =>
      [
        `claimed ${run.claimed} of ${run.total} devices for tenant ${run.tenantId} in ${run.claims.length} claim${run.claims.length === 1 ? '' : 's'}: ${run.claims.join(', ') || 'none'}`,
        ...(Object.keys(run.byErrorCode).length ? ['', table(Object.entries(run.byErrorCode).map(([code, count]) => ({ 'not claimed': code, devices: count })), ['not claimed', 'devices'])] : []),
      ].join('\n'),
    );
  });

devices
  .command('claims')
  .description('Your device claims and their state (R26)')
  .option('--tenant <tenantId>')
  .action(async (o: { tenant?: string }, command: Command) => {
    const { partnerApi, print } = contextOf(command);
    const api = partnerApi();
    const items: Schemas['claim'][] = [];
    for await (const c of pages((cursor) => ok(api.GET('/v1/device-claims', { params: { query: { limit: 100, cursor, ...(o.tenant ? { tenantId: o.tenant } : {}) } } })))) items.push(c);
    print(items, () => table(items.map((c) => ({ ...c, ...c.summary })), ['id', 'tenantId', 'status', 'reference', 'deadline', 'claimed', 'released', 'contested', 'uncontested', 'granted', 'denied', 'withdrawn']));
  });
