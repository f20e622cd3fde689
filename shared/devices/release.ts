import { actorRef, type Actor } from '#shared/domain/actor.ts';
import { judgeRows, type DeviceError, type DeviceInput, type NamedRow } from '#shared/domain/devices.ts';
import { nowIso } from '#shared/domain/ids.ts';
import { webhookEvent, type OutboxMessage } from '#shared/domain/outbox-events.ts';
import { commitChange } from '#shared/outbox/commit.ts';
import { activityCounted } from '#shared/table/activity.ts';
import { deregisteredInBatch, findDeregisteredInBatch } from '#shared/table/batches.ts';
import { getItems } from '#shared/table/batch.ts';
import { deviceDeregistered, findRegistrations, getDevices, namedDeviceDeregistered, type NamedDevice } from '#shared/table/devices.ts';
import { partnerRead } from '#shared/table/partners.ts';
import { forEachConcurrently, packBySize } from '#shared/util/batching.ts';
import { publicRow, WRITES_IN_FLIGHT } from './submission.ts';

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
  /** What a tenant's export names of the row's device beside its identities: released by a checked write, without a read first. */
  named?: NamedRow;
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

/** Items a transaction takes (100), less the audit event, the two events at most a group raises, a batch's receipt and the partner's activity (R30). */
const MAX_ITEMS_PER_WRITE = 95;
const MAX_ATTEMPTS = 4;

/**
 * Releases the devices rows name. Rows by identity are judged as a partner's are (their fields,
 * R17, the same device twice). A row that also names its device and partner (a row of the
 * tenant's export) is released by a write that checks the device is exactly that, with no read
 * first; every other row, and a named row whose write did not hold, is looked up and checked on
 * its own item to be this tenant's. Devices are released many a transaction, grouped by the
 * partner that registered them, so each partner's event names only its devices. In a batch
 * (`batchId`), each transaction leaves a receipt of its rows, so a task worked again after a
 * crash reports them released.
 */
export async function releaseRows(tenantId: string, rows: ReleaseRow[], actor: Actor, options: { batchId?: string } = {}): Promise<Map<number, ReleaseResult>> {
  const { batchId } = options;
  const results = new Map<number, ReleaseResult>();
  const invalid = (row: ReleaseRow, errors: DeviceError[]) => results.set(row.index, { ...publicRow(row), status: 'invalid', errors });
  const released = (row: ReleaseRow, deviceId: string) => results.set(row.index, { ...publicRow(row), status: 'released', deviceId, errors: [] });
  const write = (groups: Release[][]) => writeReleases(tenantId, groups, actor, batchId, { released, gone: (row) => invalid(row, [NOT_REGISTERED]) });

  const byIdentity = rows.filter((row) => row.deviceId === undefined);
  const verdicts = judgeRows(byIdentity.map((row) => ({ device: row.device ?? {}, channel: 'api' as const })), () => undefined, batchId ? 'batch' : 'submission');
  const identitiesOf = new Map<number, string[]>();
  byIdentity.forEach((row, i) => {
    if (verdicts[i].errors.length > 0) invalid(row, verdicts[i].errors);
    else identitiesOf.set(row.index, verdicts[i].identities.map((identity) => identity.key));
  });

  // Rows that name their device: written as named, checked by the write itself.
  const named = await namedReleases(tenantId, rows.filter((row) => row.named && identitiesOf.has(row.index)), identitiesOf);
  await write(groupReleases(named));

  // Every other row, and the named rows whose write did not hold: read, then written.
  const rest = rows.filter((row) => !results.has(row.index));
  const registrations = await findRegistrations(rest.flatMap((row) => (row.deviceId === undefined ? (identitiesOf.get(row.index) ?? []) : [])));
  const wanted = new Map<number, string>();
  for (const row of rest) {
    const deviceId = row.deviceId ?? (identitiesOf.get(row.index) ?? []).map((key) => registrations.get(key)).find((r) => r?.tenantId === tenantId)?.deviceId;
    if (deviceId) wanted.set(row.index, deviceId);
  }
  const devices = await getDevices([...new Set(wanted.values())]);
  // A task worked again: only a row whose device is gone may be one this batch released already.
  const gone = rest.filter((row) => !devices.has(wanted.get(row.index) ?? ''));
  const done = batchId && gone.length > 0 ? await findDeregisteredInBatch(batchId, rows.map((row) => row.index)) : new Map<number, string>();
  const claimed = new Set<string>(named.filter((p) => results.has(p.row.index)).map((p) => p.device.id));
  const toRelease: Release[] = [];
  for (const row of rest) {
    const receipt = done.get(row.index);
    if (receipt) {
      released(row, receipt);
      continue;
    }
    const device = devices.get(wanted.get(row.index) ?? '');
    if (!device || device.tenantId !== tenantId) invalid(row, [NOT_REGISTERED]);
    else if (claimed.has(device.id)) invalid(row, [DUPLICATE]);
    else {
      claimed.add(device.id);
      toRelease.push({ row, device: { ...device, ...(device.origin?.provider ? { providerId: device.origin.provider.id } : {}) }, checked: false });
    }
  }
  await write(groupReleases(toRelease));
  return results;
}

/** A device to release: as read (`checked: false`, deregistered if still there), or as its row names it (`checked: true`, only if exactly that). */
interface Release {
  row: ReleaseRow;
  device: NamedDevice;
  checked: boolean;
}

/**
 * The named rows as releases: the partner each names is read (one request for a task's partners)
 * for the provider its devices were registered through (R24's events). A row naming an unknown
 * partner, or a device an earlier row names, is left to the read (what it names may be untrue).
 */
async function namedReleases(tenantId: string, rows: ReleaseRow[], identitiesOf: Map<number, string[]>): Promise<Release[]> {
  const partnerIds = [...new Set(rows.map((row) => row.named!.partnerId))];
  const partners = await getItems(Object.fromEntries(partnerIds.map((id) => [id, partnerRead(id)])));
  const seen = new Set<string>();
  const releases: Release[] = [];
  for (const row of rows) {
    const { deviceId, partnerId } = row.named!;
    const partner = partners[partnerId];
    if (partner && !seen.has(deviceId)) {
      seen.add(deviceId);
      const device = { id: deviceId, tenantId, partnerId, identities: identitiesOf.get(row.index)!, ...(partner.providerId ? { providerId: partner.providerId } : {}) };
      releases.push({ row, device, checked: true });
    }
  }
  return releases;
}

/** Releases in transactions: one partner's (and provider's) devices each, as many as a transaction holds. */
function groupReleases(releases: Release[]): Release[][] {
  const perDevice = (p: Release) => p.device.identities.length + 1;
  return [...Map.groupBy(releases, (p) => `${p.device.partnerId}\n${p.device.providerId ?? ''}`).values()].flatMap((group) => packBySize(group, perDevice, MAX_ITEMS_PER_WRITE));
}

/**
 * Writes the groups, each with its audit event, its events and (in a batch) its receipt. A checked
 * group whose write does not hold leaves its rows unanswered (to be read); a group of devices as
 * read drops a device gone meanwhile (`gone`: not registered) and is written again.
 */
async function writeReleases(
  tenantId: string,
  groups: Release[][],
  actor: Actor,
  batchId: string | undefined,
  on: { released: (row: ReleaseRow, deviceId: string) => void; gone: (row: ReleaseRow) => void },
): Promise<void> {
  await forEachConcurrently(groups, WRITES_IN_FLIGHT, async (group) => {
    let pending = group;
    for (let attempt = 1; pending.length > 0; attempt++) {
      const at = nowIso();
      const devices = pending.map((p) => p.device);
      const outcome = await commitChange({
        at,
        writes: [
          ...pending.flatMap((p) => (p.checked ? namedDeviceDeregistered(p.device) : deviceDeregistered(p.device))),
          ...(batchId ? [deregisteredInBatch(batchId, pending.map((p) => ({ index: p.row.index, deviceId: p.device.id })), at)] : []),
          // R30: the partner's count of registered devices, not its activity (a release is the tenant's act).
          activityCounted(tenantId, devices[0].partnerId, -devices.length),
        ],
        audit: releaseAudit(tenantId, devices, actor, batchId),
        outbox: releaseEvents(tenantId, devices, actor, batchId),
      });
      if (outcome.ok) {
        for (const p of pending) on.released(p.row, p.device.id);
        return;
      }
      if (pending[0].checked) return;
      // A device went meanwhile (its partner deregistered it, another release): which one, the write cannot say.
      const current = await getDevices(pending.map((p) => p.device.id));
      const gone = pending.filter((p) => current.get(p.device.id)?.identities.join() !== p.device.identities.join());
      if (gone.length === 0 || attempt >= MAX_ATTEMPTS) throw new Error(`devices not released: ${outcome.failed.join(', ')}`);
      for (const p of gone) on.gone(p.row);
      pending = pending.filter((p) => !gone.includes(p));
    }
  });
}

/** One audit event for a group of one partner's devices (R18), on the tenant's and that partner's trails. */
function releaseAudit(tenantId: string, devices: NamedDevice[], actor: Actor, batchId?: string) {
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
function releaseEvents(tenantId: string, devices: NamedDevice[], actor: Actor, batchId?: string): OutboxMessage[] {
  const partnerId = devices[0].partnerId;
  const data = { tenantId, partnerId, deviceIds: devices.map((d) => d.id), ...(batchId ? { batchId } : {}), actor: actorRef(actor) };
  const providerId = devices[0].providerId;
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
