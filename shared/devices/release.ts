import { actorRef, type Actor } from '#shared/domain/actor.ts';
import { judgeRows, type DeviceError, type DeviceInput } from '#shared/domain/devices.ts';
import { nowIso } from '#shared/domain/ids.ts';
import { webhookEvent, type OutboxMessage } from '#shared/domain/outbox-events.ts';
import { commitChange } from '#shared/outbox/commit.ts';
import { deregisteredInBatch, findDeregisteredInBatch } from '#shared/table/batches.ts';
import { deviceDeregistered, findRegistrations, getDevices, type Device } from '#shared/table/devices.ts';
import { forEachConcurrently, packBySize } from '#shared/util/batching.ts';

/**
 * R24: a tenant releases devices registered to it: they are deregistered, each group in the same
 * transaction as its audit event, and the partner that registered them (and a reseller's
 * provider) hears `devices.released`; any authorized partner may register them again. Release is
 * the tenant's own act, so no partner's consent is checked; a device of another tenant, or none,
 * is `device_not_registered` alike (R19).
 */

/** A row of a release: a device by its id, or by the identities a partner's file names (R17). */
export interface ReleaseRow {
  index: number;
  line?: number;
  deviceId?: string;
  device?: DeviceInput;
}

export interface ReleaseResult {
  index: number;
  line?: number;
  status: 'released' | 'invalid';
  deviceId?: string;
  errors: DeviceError[];
}

const NOT_REGISTERED: DeviceError = { code: 'device_not_registered', message: 'No device with these identifiers is registered to this tenant' };
const DUPLICATE: DeviceError = { code: 'duplicate_in_submission', message: 'The same device appears earlier in this release' };

/** Items a transaction takes (100), less the audit event and the two events at most a group raises. */
const MAX_ITEMS_PER_WRITE = 97;
const WRITES_IN_FLIGHT = 8;
const MAX_ATTEMPTS = 4;

const publicRow = (row: { index: number; line?: number }) => ({ index: row.index, ...(row.line !== undefined ? { line: row.line } : {}) });

/**
 * Releases the devices rows name. Rows by identity are judged as a partner's are (their fields,
 * R17, the same device twice); each device found is checked on its own item to be this tenant's.
 * Devices are released many a transaction, grouped by the partner that registered them, so each
 * partner's event names only its devices. In a batch (`batchId`), each released row leaves a
 * receipt in the same transaction, so a task worked again after a crash reports it released.
 */
export async function releaseRows(tenantId: string, rows: ReleaseRow[], actor: Actor, options: { batchId?: string } = {}): Promise<Map<number, ReleaseResult>> {
  const { batchId } = options;
  const results = new Map<number, ReleaseResult>();
  const invalid = (row: ReleaseRow, errors: DeviceError[]) => results.set(row.index, { ...publicRow(row), status: 'invalid', errors });

  const byIdentity = rows.filter((row) => row.deviceId === undefined);
  const verdicts = judgeRows(byIdentity.map((row) => ({ device: row.device ?? {}, channel: 'api' as const })), () => undefined, batchId ? 'batch' : 'submission');
  const registrations = await findRegistrations(verdicts.flatMap((v) => v.identities.map((i) => i.key)));
  const wanted = new Map<number, string>();
  byIdentity.forEach((row, i) => {
    if (verdicts[i].errors.length > 0) return void invalid(row, verdicts[i].errors);
    const held = verdicts[i].identities.map((identity) => registrations.get(identity.key)).find((r) => r?.tenantId === tenantId);
    if (held) wanted.set(row.index, held.deviceId);
  });
  for (const row of rows) if (row.deviceId !== undefined) wanted.set(row.index, row.deviceId);

  const devices = await getDevices([...new Set(wanted.values())]);
  // A task worked again: only a row whose device is gone may be one this batch released already.
  const gone = rows.filter((row) => !results.has(row.index) && !devices.has(wanted.get(row.index) ?? ''));
  const done = batchId && gone.length > 0 ? await findDeregisteredInBatch(batchId, gone.map((row) => row.index)) : new Map<number, string>();
  const claimed = new Set<string>();
  const toRelease: { row: ReleaseRow; device: Device }[] = [];
  for (const row of rows) {
    if (results.has(row.index)) continue;
    const receipt = done.get(row.index);
    if (receipt) {
      results.set(row.index, { ...publicRow(row), status: 'released', deviceId: receipt, errors: [] });
      continue;
    }
    const device = devices.get(wanted.get(row.index) ?? '');
    if (!device || device.tenantId !== tenantId) invalid(row, [NOT_REGISTERED]);
    else if (claimed.has(device.id)) invalid(row, [DUPLICATE]);
    else {
      claimed.add(device.id);
      toRelease.push({ row, device });
    }
  }

  const perDevice = (p: { device: Device }) => p.device.identities.length + 1 + (batchId ? 1 : 0);
  const groups = [...Map.groupBy(toRelease, (p) => p.device.partnerId).values()].flatMap((group) => packBySize(group, perDevice, MAX_ITEMS_PER_WRITE));
  await forEachConcurrently(groups, WRITES_IN_FLIGHT, async (group) => {
    let pending = group;
    for (let attempt = 1; pending.length > 0; attempt++) {
      const at = nowIso();
      const outcome = await commitChange({
        at,
        writes: pending.flatMap((p) => [...deviceDeregistered(p.device), ...(batchId ? [deregisteredInBatch(batchId, p.row.index, p.device.id, at)] : [])]),
        audit: releaseAudit(tenantId, pending.map((p) => p.device), actor, batchId),
        outbox: releaseEvents(tenantId, pending.map((p) => p.device), actor, batchId),
      });
      if (outcome.ok) {
        for (const p of pending) results.set(p.row.index, { ...publicRow(p.row), status: 'released', deviceId: p.device.id, errors: [] });
        return;
      }
      // A device went meanwhile (its partner deregistered it, another release): which one, the write cannot say.
      const current = await getDevices(pending.map((p) => p.device.id));
      const gone = pending.filter((p) => current.get(p.device.id)?.identities.join() !== p.device.identities.join());
      if (gone.length === 0 || attempt >= MAX_ATTEMPTS) throw new Error(`devices not released: ${outcome.failed.join(', ')}`);
      for (const p of gone) invalid(p.row, [NOT_REGISTERED]);
      pending = pending.filter((p) => !gone.includes(p));
    }
  });
  return results;
}

/** One audit event for a group of one partner's devices (R18), on the tenant's and that partner's trails. */
function releaseAudit(tenantId: string, devices: Device[], actor: Actor, batchId?: string) {
  const deviceIds = devices.map((d) => d.id);
  return {
    action: 'device.released',
    actor,
    tenantId,
    partnerId: devices[0].partnerId,
    ...(deviceIds.length === 1 ? { subject: deviceIds[0] } : {}),
    details: { deviceIds, ...(batchId ? { batchId } : {}) },
  };
}

/** R24: `devices.released` for the partner that registered them, and for a reseller's provider too. */
function releaseEvents(tenantId: string, devices: Device[], actor: Actor, batchId?: string): OutboxMessage[] {
  const partnerId = devices[0].partnerId;
  const data = { tenantId, partnerId, deviceIds: devices.map((d) => d.id), ...(batchId ? { batchId } : {}), actor: actorRef(actor) };
  const providerId = devices.find((d) => d.origin?.provider)?.origin?.provider?.id;
  return [webhookEvent('devices.released', partnerId, data), ...(providerId ? [webhookEvent('devices.released', providerId, data)] : [])];
}

/** The rows of a synchronous release (`POST /v1/tenant/device-releases`, the page's selection): a device id, or a device's identities. */
export function releaseRowsOf(devices: ({ deviceId: string } | DeviceInput)[]): ReleaseRow[] {
  return devices.map((entry, index) => ('deviceId' in entry && typeof entry.deviceId === 'string' ? { index, deviceId: entry.deviceId } : { index, device: entry as DeviceInput }));
}

/** R24's answer: every row's result, and how many were released. */
export async function releaseDevices(tenantId: string, rows: ReleaseRow[], actor: Actor) {
  const byIndex = await releaseRows(tenantId, rows, actor);
  const results = rows.map((row) => byIndex.get(row.index)!);
  const released = results.filter((r) => r.status === 'released').length;
  return { summary: { total: results.length, released, invalid: results.length - released }, results };
}
