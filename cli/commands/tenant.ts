import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Command } from 'commander';
import { ApiError, ok, pages, sleep, type Schemas, UsageError } from '../client.ts';
import { contextOf, positive, table } from '../context.ts';
import { PART_SIZE, progressBar, readDeviceFile } from '../device-runs.ts';

/**
 * `tenant devices list|export|release` and `tenant partners`: a customer's own devices and everyone
 * with access through the customer API, with a customer API key (DEVICE_CONSENT_TENANT_KEY, made
 * on the portal's API keys page, R25).
 */
export const tenant = new Command('tenant').description("Customers: your tenant's devices and partners (DEVICE_CONSENT_TENANT_KEY)");
const devices = tenant.command('devices').description('Devices registered to your tenant, and their release');

tenant
  .command('partners')
  .description('Everyone with access to your tenant now: kind, through which reseller, since when, who accepted, admin roles, devices registered, last activity (R30; access:read)')
  .action(async (_o: unknown, command: Command) => {
    const { tenantApi, print } = contextOf(command);
    const api = tenantApi();
    const items: Schemas['access'][] = [];
    for await (const row of pages((cursor) => ok(api.GET('/v1/tenant/partners', { params: { query: { limit: 100, cursor } } })))) items.push(row);
    print(items, () =>
      table(
        items.map((r) => ({
          partner: r.partner.name,
          kind: r.partner.kind,
          via: r.via?.resellerName,
          since: r.since.slice(0, 10),
          acceptedBy: r.acceptedBy.email,
          roles: r.delegatedAdmin ? `${r.delegatedAdmin.roles.join(' ')} (${r.delegatedAdmin.status})` : undefined,
          devices: String(r.devicesRegistered),
          lastActivity: r.lastActivityAt,
        })),
        ['partner', 'kind', 'via', 'since', 'acceptedBy', 'roles', 'devices', 'lastActivity'],
      ),
    );
  });

interface FilterOptions {
  partner?: string;
  batch?: string;
  q?: string;
  after?: string;
  before?: string;
}

const withFilters = (command: Command) =>
  command
    .option('--partner <partnerId>', 'registered by this partner')
    .option('--batch <batchId>', 'from this batch')
    .option('-q, --q <identity>', 'a serial number, a product key id, or the start of a hardware hash')
    .option('--after <date>', 'registered on or after (2026-11-30, or a UTC time)')
    .option('--before <date>', 'registered on or before');

const queryOf = (o: FilterOptions) => ({
  ...(o.partner ? { partnerId: o.partner } : {}),
  ...(o.batch ? { batchId: o.batch } : {}),
  ...(o.q ? { q: o.q } : {}),
  ...(o.after ? { registeredAfter: o.after } : {}),
  ...(o.before ? { registeredBefore: o.before } : {}),
});

withFilters(devices.command('list').description('Every device registered to your tenant, newest first (R23)')).action(async (o: FilterOptions, command: Command) => {
  const { tenantApi, print } = contextOf(command);
  const api = tenantApi();
  const items: Schemas['tenantDevice'][] = [];
  for await (const d of pages((cursor) => ok(api.GET('/v1/tenant/devices', { params: { query: { ...queryOf(o), limit: 100, cursor } } })))) items.push(d);
  print(items, () =>
    table(
      items.map((d) => ({ id: d.id, serial: d.serialNumber, productKeyId: d.productKeyId, partner: d.partner.name, via: d.via?.resellerName, batch: d.batchId, registeredAt: d.registeredAt })),
      ['id', 'serial', 'productKeyId', 'partner', 'via', 'batch', 'registeredAt'],
    ),
  );
});

withFilters(devices.command('export').description('Every device as one CSV file of any size (R23)'))
  .requiredOption('--out <path>', 'where to write the CSV file')
  .action(async (o: FilterOptions & { out: string }, command: Command) => {
    const { baseUrl, tenantKey, print } = contextOf(command);
    const query = new URLSearchParams(queryOf(o)).toString();
    // The answer is a 303 to the file (API.md): followed here, without our credential.
    const answer = await fetch(`${baseUrl.replace(/\/$/, '')}/v1/tenant/devices${query ? `?${query}` : ''}`, {
      headers: { authorization: `Bearer ${tenantKey()}`, accept: 'text/csv' },
      redirect: 'manual',
    });
    const location = answer.headers.get('location');
    if (answer.status !== 303 || !location) {
      const problem = (await answer.json().catch(() => ({}))) as { code?: string; detail?: string; title?: string };
      throw new ApiError(answer.status, problem.code ?? `http_${answer.status}`, `${answer.status} ${problem.code ?? ''}: ${problem.detail ?? problem.title ?? 'the export failed'}`);
    }
    const file = await fetch(location);
    if (!file.ok || !file.body) throw new ApiError(file.status, `http_${file.status}`, `the download failed (${file.status})`);
    await pipeline(Readable.fromWeb(file.body as never), createWriteStream(o.out));
    print({ file: o.out }, () => `devices written to ${o.out}`);
  });

devices
  .command('release <file>')
  .description('Release every device a file names (CSV as partners upload it, or JSON; - for standard input), for good (R24); exit 2 if some were not released')
  .option('--yes-irreversible', 'confirm: released devices leave your tenant and cannot be taken back')
  .option('--poll <ms>', 'poll a large release every this many milliseconds', positive, 1000)
  .action(async (file: string, o: { yesIrreversible?: boolean; poll: number }, command: Command) => {
    const { tenantApi, print, partial, json } = contextOf(command);
    if (!o.yesIrreversible) throw new UsageError('a release cannot be undone: add --yes-irreversible to confirm');
    const api = tenantApi();
    const { rows, malformed } = await readDeviceFile(file);
    if (rows.length === 0) throw new UsageError(`${file} names no device`);
    let summary: { total: number; released: number; notReleased: number; batchId?: string };
    if (rows.length <= PART_SIZE) {
      const body = await ok(api.POST('/v1/tenant/device-releases', { body: { confirm: 'irreversible', devices: rows.map((r) => r.device) } }));
      summary = { total: body.summary.total, released: body.summary.released, notReleased: body.summary.invalid };
    } else {
      // Over 1000: a release batch, in parts of 1000, then polled until it ends.
      const progress = progressBar(!json);
      const { batch } = await ok(api.POST('/v1/tenant/release-batches', { body: { confirm: 'irreversible' } }));
      for (let i = 0; i < rows.length; i += PART_SIZE) {
        await ok(api.POST('/v1/tenant/release-batches/{batchId}/devices', { params: { path: { batchId: batch.id } }, body: { devices: rows.slice(i, i + PART_SIZE).map((r) => r.device) } }));
      }
      await ok(api.POST('/v1/tenant/release-batches/{batchId}/submit', { params: { path: { batchId: batch.id } } }));
      progress.start(rows.length, 'releasing');
      let current = batch;
      while (current.status !== 'finished' && current.status !== 'finished_with_errors') {
        await sleep(o.poll);
        current = (await ok(api.GET('/v1/tenant/release-batches/{batchId}', { params: { path: { batchId: batch.id } } }))).batch;
        progress.update(current.summary.processed);
      }
      progress.stop();
      summary = { total: current.summary.received, released: current.summary.succeeded, notReleased: current.summary.failed, batchId: current.id };
    }
    summary.notReleased += malformed.length;
    summary.total += malformed.length;
    if (summary.notReleased > 0) partial();
    print(summary, () => `${summary.released} of ${summary.total} devices released${summary.batchId ? ` (release ${summary.batchId})` : ''}${summary.notReleased ? `; ${summary.notReleased} not released` : ''}`);
  });

const claims = tenant.command('claims').description('Device claims on your devices (incoming) and yours (outgoing), and your answers (R26)');

claims
  .command('list')
  .description('Claims on your devices (the claimant partner is named, never its tenant), or with --outgoing yours')
  .option('--outgoing', 'the claims made for your tenant')
  .action(async (o: { outgoing?: boolean }, command: Command) => {
    const { tenantApi, print } = contextOf(command);
    const api = tenantApi();
    const items: Schemas['tenantClaim'][] = [];
    const direction = o.outgoing ? 'outgoing' : 'incoming';
    for await (const c of pages((cursor) => ok(api.GET('/v1/tenant/device-claims', { params: { query: { direction, limit: 100, cursor } } })))) items.push(c);
    print(items, () => table(items.map((c) => ({ ...c, claimant: c.claimant?.partnerName ?? c.claimant?.type ?? '', ...c.summary })), ['id', 'claimant', 'status', 'reference', 'deadline', 'claimed', 'released', 'contested', 'uncontested', 'granted', 'denied']));
  });

claims
  .command('devices <claimId>')
  .description("A claim's devices: your own of an incoming claim (their index is what you answer by)")
  .action(async (claimId: string, _o: object, command: Command) => {
    const { tenantApi, print } = contextOf(command);
    const api = tenantApi();
    const items: Schemas['claimDevice'][] = [];
    for await (const d of pages((cursor) => ok(api.GET('/v1/tenant/device-claims/{claimId}/devices', { params: { path: { claimId }, query: { limit: 100, cursor } } })))) items.push(d);
    print(items, () => table(items, ['index', 'deviceId', 'deviceRef', 'status', 'decidedAt', 'reason', 'contestReason']));
  });

for (const response of ['release', 'contest'] as const) {
  claims
    .command(`${response} <claimId>`)
    .description(response === 'release' ? 'Release devices of an incoming claim: they move to the claimant at once (irreversible)' : 'Contest devices of an incoming claim, with a reason: operators decide')
    .option('--devices <indexes>', 'the indexes to answer, comma-separated (default: all the claim still asks of you)')
    .option('--reason <reason>', response === 'contest' ? 'why the devices are yours (required)' : 'a note')
    .action(async (claimId: string, o: { devices?: string; reason?: string }, command: Command) => {
      const { tenantApi, print } = contextOf(command);
      if (response === 'contest' && !o.reason) throw new UsageError('contest needs --reason');
      const devicesSelected = o.devices ? o.devices.split(',').map((i) => Number(i.trim())) : ('all' as const);
      if (devicesSelected !== 'all' && devicesSelected.some((i) => !Number.isInteger(i) || i < 0)) throw new UsageError('--devices takes indexes such as 0,3,4');
      const body = await ok(tenantApi().POST('/v1/tenant/device-claims/{claimId}/responses', { params: { path: { claimId } }, body: { devices: devicesSelected, response, ...(o.reason ? { reason: o.reason } : {}) } }));
      print(body.claim, () => table([{ ...body.claim, ...body.claim.summary }], ['id', 'status', 'claimed', 'released', 'contested', 'uncontested']));
    });
}
