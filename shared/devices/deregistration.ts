import type { Actor } from '#shared/domain/actor.ts';
import { judgeRows, registrationRefusal, REFUSAL_MESSAGES, type Channel, type DeviceError, type DeviceIdentity, type DeviceInput } from '#shared/domain/devices.ts';
import { nowIso } from '#shared/domain/ids.ts';
import type { Partner } from '#shared/domain/partner.ts';
import { deviceDeregistered, findRegistrations, getDevices, type Device } from '#shared/table/devices.ts';
import { authorizationFor, type Authorization } from '#shared/table/relationships.ts';
import { deregisteredInBatch, findDeregisteredInBatch } from '#shared/table/batches.ts';
import { failedBecause } from '#shared/table/transact.ts';
import { forEachConcurrently } from '#shared/util/batching.ts';
import { commitDeviceGroup, groupsForWrites, publicResult, publicRow, stillAuthorizedCheck, WRITES_IN_FLIGHT, type SubmittedRow } from './submission.ts';

/** A row judged fit to deregister (judgeRows): the device it names by its identities (R17), and where it was in the submission. */
export interface RowToDeregister {
  index: number;
  line?: number;
  device: DeviceInput;
  identities: DeviceIdentity[];
}

export interface DeregistrationResult {
  index: number;
  line?: number;
  status: 'deregistered' | 'invalid';
  deviceId?: string;
  errors: DeviceError[];
}

/** How often a group is written again after some of its devices changed under it. */
const MAX_ATTEMPTS = 4;

const NOT_REGISTERED: DeviceError = { code: 'device_not_registered', message: 'No device with these identifiers is registered by this partner to this tenant' };


/**
 * Deregisters the devices that rows judged fit (judgeRows: R14, their fields, R17) name. A row names
 * a device by any of its identities (hardware hash first, then product key id, then the tuple);
 * only a device this partner registered to this tenant counts: another's, or none, is
 * `device_not_registered`, alike (R19); a device two rows name by different identities is
 * `duplicate_in_submission` on the second. The devices are deregistered many a transaction: each
 * write holds the devices and their identity items, the check that the partner is still authorized
 * (R14 at write time), and for a submission one audit event naming them (R18) and one
 * `devices.deregistered` event (a batch task tells its devices once, with its record). A
 * device deregistered meanwhile is reported `device_not_registered`; an authorization ended
 * meanwhile, `consent_required`.
 *
 * For the batch worker as for a submission: `authorization` is read by the caller
 * (authorizationFor), once a chunk. Answers every row's result by its `index`.
 */
export async function deregisterRows(
  partner: Partner,
  tenantId: string,
  rows: RowToDeregister[],
  channel: Channel,
  actor: Actor,
  options: { authorization: Authorization; batchId?: string; taskNo?: number; slot?: number },
): Promise<Map<number, DeregistrationResult>> {
  const { authorization, batchId, taskNo, slot } = options;
  const registrations = await findRegistrations(rows.flatMap((row) => row.identities.map((i) => i.key)));
  const claimed = new Set<string>();
  const judged = rows.map((row) => {
    const own = row.identities.map((i) => registrations.get(i.key)).find((r) => r && r.partnerId === partner.id && r.tenantId === tenantId);
    if (!own) return { row, errors: [NOT_REGISTERED] };
    if (claimed.has(own.deviceId)) return { row, errors: [{ code: 'duplicate_in_submission', message: 'The same device appears earlier in this submission' } satisfies DeviceError] };
    claimed.add(own.deviceId);
    return { row, errors: [], deviceId: own.deviceId };
  });

  // A batch task worked again after a crash: the rows whose device it deregistered already say so.
  const done = batchId && judged.some((j) => !j.deviceId) ? await findDeregisteredInBatch(batchId, rows.map((row) => row.index)) : new Map<number, string>();
  const devices = await getDevices([...claimed]);
  const results = new Map<number, DeregistrationResult>();
  for (const [index, deviceId] of done) {
    const row = rows.find((r) => r.index === index)!;
    results.set(index, { ...publicRow(row), status: 'deregistered', deviceId, errors: [] });
  }
  const toWrite: { row: RowToDeregister; device: Device; identities: string[] }[] = [];
  for (const j of judged) {
    if (results.has(j.row.index)) continue;
    const device = j.deviceId ? devices.get(j.deviceId) : undefined;
    // Checked again on the item itself: it may have gone since its identities were read.
    if (device && device.partnerId === partner.id && device.tenantId === tenantId) toWrite.push({ row: j.row, device, identities: device.identities });
    else results.set(j.row.index, { ...publicRow(j.row), status: 'invalid', errors: j.errors.length ? j.errors : [NOT_REGISTERED] });
  }

  const writeGroup = async (group: typeof toWrite, lane: number) => {
    const stillAuthorized = authorization.status === 'active' ? stillAuthorizedCheck(authorization, slot, lane) : undefined;
    let pending = group;
    for (let attempt = 1; pending.length > 0; attempt++) {
      const deviceIds = pending.map((p) => p.device.id);
      const at = nowIso();
      const writes = [
        ...pending.flatMap((p) => deviceDeregistered(p.device)),
        ...(batchId ? [deregisteredInBatch(batchId, pending.map((p) => ({ index: p.row.index, deviceId: p.device.id })), at)] : []),
        ...(stillAuthorized ? [stillAuthorized] : []),
      ];
      const outcome = await commitDeviceGroup('deregistered', deviceIds, writes, { partner, tenantId, channel, actor, batchId, taskNo }, at);
      if (outcome.ok) {
        for (const p of pending) results.set(p.row.index, { ...publicRow(p.row), status: 'deregistered', deviceId: p.device.id, errors: [] });
        return;
      }
      if (failedBecause(outcome, 'not_authorized')) {
        // R14: the consent ended while this submission was being worked.
        for (const p of pending) results.set(p.row.index, { ...publicRow(p.row), status: 'invalid', errors: [{ code: 'consent_required', message: REFUSAL_MESSAGES.consent_required(channel) }] });
        return;
      }
      // Some device is gone (deregistered meanwhile): which one, the write cannot say; read them again.
      const current = await getDevices(deviceIds);
      const gone = pending.filter((p) => current.get(p.device.id)?.identities.join() !== p.device.identities.join());
      if (gone.length === 0 || attempt >= MAX_ATTEMPTS) throw new Error(`devices not deregistered: ${outcome.failed.join(', ')}`);
      for (const p of gone) results.set(p.row.index, { ...publicRow(p.row), status: 'invalid', errors: [NOT_REGISTERED] });
      pending = pending.filter((p) => !gone.includes(p));
    }
  };
  await forEachConcurrently(groupsForWrites(toWrite, 0, batchId ? 1 : 0), WRITES_IN_FLIGHT, writeGroup);
  return results;
}

/**
 * Deregisters the devices a submission names (`POST /v1/device-uploads?action=deregister`, the CSV
 * channel of R14): the partner's authorization read once, then deregisterRows. The answer is that
 * of a registration, with `deregistered` for `registered`.
 */
export async function deregisterSubmission(partner: Partner, tenantId: string, rows: SubmittedRow[], channel: Channel, actor: Actor) {
  const authorization = await authorizationFor(partner, tenantId);
  const refusal = registrationRefusal(partner, channel, authorization.status === 'active');
  const verdicts = judgeRows(rows.map(({ device }) => ({ device, channel })), () => refusal);
  const indexed = rows.map((row, index) => ({ index, ...(row.line !== undefined ? { line: row.line } : {}), device: row.device, identities: verdicts[index].identities }));
  const byIndex = await deregisterRows(partner, tenantId, indexed.filter((row) => verdicts[row.index].errors.length === 0), channel, actor, { authorization });
  const results = indexed.map((row): DeregistrationResult => byIndex.get(row.index) ?? { ...publicRow(row), status: 'invalid', errors: verdicts[row.index].errors });
  const deregistered = results.filter((r) => r.status === 'deregistered').length;
  return { summary: { total: results.length, deregistered, invalid: results.length - deregistered }, results: results.map(publicResult) };
}
