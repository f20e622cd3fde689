import { approvalPolicyOf, approvalRequiredMessage, policyHoldsBatch, withDefaultGroupTag } from '#shared/domain/approval-policy.ts';
import { judgeRows, registrationRefusal, REFUSAL_MESSAGES, withAutopilotError, type Channel, type DeviceError, type DeviceIdentity, type DeviceInput, type NamedRow } from '#shared/domain/devices.ts';
import { actorRef, publicActor } from '#shared/domain/actor.ts';
import { forEachConcurrently, packBySize } from '#shared/util/batching.ts';
import { webhookEvent } from '#shared/domain/outbox-events.ts';
import type { Partner } from '#shared/domain/partner.ts';
import type { Actor } from '#shared/domain/actor.ts';
import { newId, nowIso } from '#shared/domain/ids.ts';
import { deviceDeregistered, deviceRegistered, findRegistrations, getDevice, type Device, type DeviceOrigin, type Registration } from '#shared/table/devices.ts';
import { getPartner } from '#shared/table/partners.ts';
import { forbidden, notFound, partnerNotEligible } from '#shared/domain/errors.ts';
import { commitChange, type Change } from '#shared/outbox/commit.ts';
import { activityCounted } from '#shared/table/activity.ts';
import { failedBecause, transact, type Write } from '#shared/table/transact.ts';
import { grantMarkerKeys } from '#shared/table/keys.ts';
import { authorizationCheck, authorizationFor, type Authorization } from '#shared/table/relationships.ts';

export interface SubmittedRow {
  device: DeviceInput;
  /** CSV line number, for uploads. */
  line?: number;
  /** A row of a tenant's export names its device and partner (Device ID, Partner ID): a release uses them (R24). */
  named?: NamedRow;
}

export interface Judged {
  index: number;
  line?: number;
  errors: DeviceError[];
  identities: DeviceIdentity[];
  /** For a row whose device is registered already: who holds it. */
  heldBy?: Registration;
}

export interface Judgement {
  authorization: Authorization;
  consent: { status: string; grantedAt?: string };
  refused: boolean;
  rows: Judged[];
}

const assignedError = (registration: Registration, tenantId: string, identity: DeviceIdentity): DeviceError =>
  registration.tenantId === tenantId
    ? { code: 'device_already_assigned', field: identity.field, message: 'This device is already registered to this tenant' }
    : // R16: which tenant holds it is never revealed.
      { code: 'device_assigned_to_other_tenant', field: identity.field, message: 'This device is registered to another tenant' };

/**
 * Judges a submission without writing anything (R15): the partner's consent status for the tenant,
 * looked up once; each row by judgeRows (R14, its fields, R17, duplicates within the submission);
 * and, only for a partner that may register here, existing registrations, read in batches of 100
 * keys (R16). To `register` synchronously, a submission the customer's approval policy would hold
 * (R28, counted by its rows) is refused on every row with `approval_required`, as `consent_required`
 * is; validation judges the devices alone (a batch of them would wait for approval, not fail).
 */
export async function judgeSubmission(partner: Partner, tenantId: string, rows: SubmittedRow[], channel: Channel, purpose: 'validate' | 'register' = 'validate'): Promise<Judgement> {
  const authorization = await authorizationFor(partner, tenantId);
  const consent = {
    status: authorization.status,
    ...(authorization.status === 'active' && authorization.relationship ? { grantedAt: authorization.relationship.grantedAt } : {}),
  };
  const refusal = registrationRefusal(partner, channel, authorization.status === 'active');
  const policy = approvalPolicyOf(authorization.relationship);
  const held = !refusal && purpose === 'register' && policyHoldsBatch(policy, rows.length);
  const verdicts = judgeRows(rows.map(({ device }) => ({ device, channel })), () => refusal);
  const judged: Judged[] = rows.map(({ line }, index) => ({ index, ...(line !== undefined ? { line } : {}), ...verdicts[index] }));
  if (held) for (const row of judged) row.errors.unshift({ code: 'approval_required', message: approvalRequiredMessage(policy) });
  if (!refusal && !held) {
    const lookups = judged.filter((r) => r.errors.length === 0).flatMap((r) => r.identities.map((i) => i.key));
    const registrations = await findRegistrations(lookups);
    for (const row of judged) {
      if (row.errors.length) continue;
      const taken = row.identities.find((i) => registrations.has(i.key));
      if (taken) {
        row.heldBy = registrations.get(taken.key)!;
        row.errors.push(assignedError(row.heldBy, tenantId, taken));
      }
    }
  }
  return { authorization, consent, refused: refusal !== undefined || held, rows: judged };
}

/** Where a row was in its submission (index, and line for CSV), as answers name it. */
export const publicRow = (row: { index: number; line?: number }) => ({ index: row.index, ...(row.line !== undefined ? { line: row.line } : {}) });

/** `POST /v1/device-submissions/validate`: the answer of API.md. */
export async function validateSubmission(partner: Partner, tenantId: string, rows: SubmittedRow[], channel: Channel = 'api') {
  const { consent, rows: judged } = await judgeSubmission(partner, tenantId, rows, channel);
  const valid = judged.filter((r) => r.errors.length === 0).length;
  return {
    consent,
    summary: { total: judged.length, valid, invalid: judged.length - valid },
    results: judged.map((r) => publicResult({ ...publicRow(r), status: r.errors.length ? 'invalid' : 'valid', errors: r.errors })),
  };
}

/** Writes in flight at once for one submission (registrations and deregistrations). */
export const WRITES_IN_FLIGHT = 8;
/** TransactWriteItems takes 100 items: the devices' items, and the check, the partner's activity (R30), the audit and the event. */
const MAX_DEVICE_ITEMS_PER_WRITE = 96;

export interface DeviceResult {
  index: number;
  line?: number;
  status: 'registered' | 'invalid';
  deviceId?: string;
  errors: DeviceError[];
}

/** A judged row ready to be written: its device and identities. */
export interface RowToRegister {
  index: number;
  line?: number;
  device: DeviceInput;
  identities: DeviceIdentity[];
}

/** Who writes a group of devices, for whom, by which channel (and in which batch, by which of its tasks). */
export interface DeviceWriteContext {
  partner: Partner;
  tenantId: string;
  channel: Channel;
  actor: Actor;
  batchId?: string;
  /**
   * Issue 26: the batch task writing these devices (its number). Its writes then carry the
   * devices and the authorization check alone: the task's one audit event, one event and one
   * activity count are written with its record (`taskRecord` in ./batches.ts), and each of its
   * writes in flight checks a copy of the authorization of its own (`slot`, grantMarkerKeys.copyFor).
   */
  taskNo?: number;
  /** The task slot its task leased (leaseTaskSlot), whose copies of the authorization its writes check. */
  slot?: number;
}

/** Who the devices' change is audited as coming through (R29): a reseller's provider, or the reseller a provider registered through. */
const throughOf = (partner: Partner, origin?: DeviceOrigin) => ({
  ...(origin?.provider ? { provider: origin.provider } : partner.providerId ? { providerId: partner.providerId } : {}),
  ...(origin?.via ? { via: origin.via } : {}),
});

/**
 * A change of devices as it is told (R18, R30, the webhook): the partner's activity for the
 * tenant (one counter update, on a shard at random), one audit event naming the devices and one
 * `devices.<registered|deregistered>` event. A synchronous submission's write carries it whole; a
 * batch task's record carries its audit event and event once for the whole task (with `taskNo`),
 * and counts the activity itself.
 */
export function deviceChange(change: 'registered' | 'deregistered', deviceIds: string[], context: DeviceWriteContext & { origin?: DeviceOrigin }, at: string): Change {
  const { partner, tenantId, channel, actor, batchId, taskNo } = context;
  const data = { tenantId, partnerId: partner.id, deviceIds, channel, ...(batchId ? { batchId } : {}), actor: actorRef(actor) };
  return {
    at,
    writes: [activityCounted(tenantId, partner.id, change === 'registered' ? deviceIds.length : -deviceIds.length, at)],
    audit: {
      action: `device.${change}`,
      actor,
      tenantId,
      partnerId: partner.id,
      ...(deviceIds.length === 1 ? { subject: deviceIds[0] } : {}),
      details: { channel, deviceIds, ...(batchId ? { batchId } : {}), ...(taskNo !== undefined ? { taskNo } : {}), ...throughOf(partner, context.origin) },
    },
    outbox: [change === 'registered' ? webhookEvent('devices.registered', partner.id, data) : webhookEvent('devices.deregistered', partner.id, data)],
  };
}

/**
 * One grouped write of devices, registering or deregistering them: their items and the check that
 * the partner is still authorized (R14 at write time), in one transaction; for a synchronous
 * submission with its change told (deviceChange: activity, audit, event), for a batch task without
 * (the task's record tells it once, for all its writes).
 */
export function commitDeviceGroup(change: 'registered' | 'deregistered', deviceIds: string[], writes: Write[], context: DeviceWriteContext & { origin?: DeviceOrigin }, at: string) {
  if (context.batchId !== undefined && context.taskNo !== undefined) return transact(writes);
  const told = deviceChange(change, deviceIds, context, at);
  return commitChange({ ...told, writes: [...writes, ...told.writes] });
}

/**
 * The check a write of devices carries (R14 at write time): a batch task's write checks the copy
 * of its leased slot and its lane, so the task's writes in flight and those of the tasks worked
 * beside it never check one item; a synchronous write any copy.
 */
export const stillAuthorizedCheck = (authorization: Authorization, slot: number | undefined, lane: number): Write =>
  authorizationCheck(authorization, slot === undefined ? undefined : grantMarkerKeys.copyFor(slot, lane));

/**
 * Who the tenant will see registered these devices (R23), worked out once a submission or task:
 * a reseller's provider, or the reseller whose consent a provider registers through, is read here
 * (one read at most), so listing the tenant's devices reads nothing more.
 */
export async function deviceOrigin(partner: Partner, authorization: Authorization, actor: Actor): Promise<DeviceOrigin> {
  const otherId = authorization.viaResellerId ?? partner.providerId;
  const other = otherId ? await getPartner(otherId) : undefined;
  return {
    partnerName: partner.name,
    partnerKind: partner.kind,
    ...(authorization.viaResellerId ? { via: { resellerId: authorization.viaResellerId, resellerName: other?.name ?? authorization.viaResellerId } } : {}),
    ...(!authorization.viaResellerId && partner.providerId ? { provider: { id: partner.providerId, name: other?.name ?? partner.providerId } } : {}),
    registeredBy: publicActor(actor, partner.name),
  };
}

/** Rows in groups whose items fit one transaction (each device: its identities, itself, and `extraPerRow` more; `extraPerGroup` more a group, a batch's receipt). */
export const groupsForWrites = <T extends { identities: unknown[] }>(rows: T[], extraPerRow = 0, extraPerGroup = 0): T[][] =>
  packBySize(rows, (row) => row.identities.length + 1 + extraPerRow, MAX_DEVICE_ITEMS_PER_WRITE - extraPerGroup);

/**
 * Registers judged rows, many devices a transaction: each write holds a group's devices and
 * identity items (R16), the check that the partner is still authorized (R14 at write time), and
 * for a synchronous submission one audit event naming the group's devices (R18) and one
 * `devices.registered` event (a batch task tells its devices once, with its record). A write that
 * finds identities taken (a race lost, a registration since the judgement) is retried without
 * those rows, which are reported like any assigned device; one that finds the authorization gone
 * reports `consent_required` for its rows. A row already registered by this very batch (a chunk
 * worked again after a crash) is reported registered, with its device (R22). A device without a
 * group tag gets the default one of the relationship the authorization names (R28), for a batch as
 * the relationship reads when the task is worked.
 */
export async function registerRows(
  rows: RowToRegister[],
  context: DeviceWriteContext & { authorization: Authorization; origin?: DeviceOrigin },
): Promise<Map<number, DeviceResult>> {
  const { partner, tenantId, channel, batchId } = context;
  const results = new Map<number, DeviceResult>();
  if (rows.length === 0) return results;
  const origin = context.origin ?? (await deviceOrigin(partner, context.authorization, context.actor));
  // R28: devices without a group tag take the relationship's default one, as the relationship reads now.
  const policy = approvalPolicyOf(context.authorization.relationship);
  const registered = (row: RowToRegister, deviceId: string): DeviceResult => ({ ...publicRow(row), status: 'registered', deviceId, errors: [] });
  const refused = (row: RowToRegister, errors: DeviceError[]): DeviceResult => ({ ...publicRow(row), status: 'invalid', errors });

  const writeGroup = async (group: RowToRegister[], lane: number) => {
    const stillAuthorized = stillAuthorizedCheck(context.authorization, context.slot, lane);
    let pending = group;
    while (pending.length > 0) {
      const at = nowIso();
      const devices = pending.map((row) => ({
        row,
        device: { id: newId('d'), ...stripInput(withDefaultGroupTag(row.device, policy)), tenantId, partnerId: partner.id, registeredAt: at, identities: row.identities.map((i) => i.key), ...(batchId ? { batchId, batchIndex: row.index } : {}), origin } satisfies Device,
      }));
      const writes = [...devices.flatMap(({ row, device }) => deviceRegistered(device, row.identities)), stillAuthorized];
      const outcome = await commitDeviceGroup('registered', devices.map((d) => d.device.id), writes, { ...context, origin }, at);
      if (outcome.ok) {
        for (const { row, device } of devices) results.set(row.index, registered(row, device.id));
        return;
      }
      if (failedBecause(outcome, 'not_authorized')) {
        // R14: the consent ended while this submission was being registered.
        for (const row of pending) results.set(row.index, refused(row, [{ code: 'consent_required', message: REFUSAL_MESSAGES.consent_required(channel) }]));
        return;
      }
      const takenKeys = new Set(outcome.failed.filter((r) => r.startsWith('taken:')).map((r) => r.slice('taken:'.length)));
      const losers = pending.filter((row) => row.identities.some((i) => takenKeys.has(i.key)));
      if (losers.length === 0) throw new Error(`devices not registered: ${outcome.failed.join(', ')}`);
      const holders = await findRegistrations(losers.flatMap((row) => row.identities.map((i) => i.key)));
      for (const row of losers) {
        const identity = row.identities.find((i) => holders.has(i.key)) ?? row.identities.find((i) => takenKeys.has(i.key))!;
        const holder = holders.get(identity.key);
        if (holder && batchId && holder.batchId === batchId && holder.batchIndex === row.index) results.set(row.index, registered(row, holder.deviceId));
        else if (holder && batchId && holder.batchId === batchId) results.set(row.index, refused(row, [{ code: 'duplicate_in_submission', field: identity.field, message: 'The same device appears earlier in this batch' }]));
        else results.set(row.index, refused(row, [holder ? assignedError(holder, tenantId, identity) : { code: 'device_assigned_to_other_tenant', field: identity.field, message: 'This device is registered to another tenant' }]));
      }
      pending = pending.filter((row) => !losers.includes(row));
    }
  };
  await forEachConcurrently(groupsForWrites(rows), WRITES_IN_FLIGHT, writeGroup);
  return results;
}

/**
 * Registers every valid row and reports the rest with the same codes (`POST /v1/devices`, the CSV
 * upload): one judgement, then the valid rows many to a transaction (registerRows). A call the
 * customer's approval policy would hold registers nothing: every row is `approval_required` (R28).
 */
export async function registerSubmission(partner: Partner, tenantId: string, rows: SubmittedRow[], channel: Channel, actor: Actor) {
  const { consent, rows: judged, authorization } = await judgeSubmission(partner, tenantId, rows, channel, 'register');
  const written = await registerRows(
    judged.filter((r) => r.errors.length === 0).map((r) => ({ ...r, device: rows[r.index].device })),
    { partner, tenantId, channel, actor, authorization },
  );
  const results: DeviceResult[] = judged.map((r) => written.get(r.index) ?? { ...publicRow(r), status: 'invalid', errors: r.errors });
  const registered = results.filter((r) => r.status === 'registered').length;
  return { consent, summary: { total: results.length, registered, invalid: results.length - registered }, results: results.map(publicResult) };
}

/** A result as answered: errors with their Autopilot equivalents (API.md). */
export const publicResult = <R extends { errors: DeviceError[] }>(result: R): R => ({ ...result, errors: result.errors.map(withAutopilotError) });

/**
 * Deregisters a device this partner registered (another's is unknown, R19), only while the partner
 * may register for its tenant through the API (R14).
 */
export async function deregister(partner: Partner, deviceId: string, actor: Actor): Promise<void> {
  const device = await getDevice(deviceId);
  if (!device || device.partnerId !== partner.id) throw notFound('Device');
  const authorization = await authorizationFor(partner, device.tenantId);
  const refusal = registrationRefusal(partner, 'api', authorization.status === 'active');
  if (refusal === 'partner_not_eligible') throw partnerNotEligible(REFUSAL_MESSAGES[refusal]('api'));
  if (refusal) throw forbidden(REFUSAL_MESSAGES[refusal]('api'));
  const context = { partner, tenantId: device.tenantId, channel: 'api' as const, actor };
  const outcome = await commitDeviceGroup('deregistered', [device.id], [stillAuthorizedCheck(authorization, undefined, 0), ...deviceDeregistered(device)], context, nowIso());
  if (failedBecause(outcome, 'not_authorized')) throw forbidden(REFUSAL_MESSAGES.consent_required('api'));
  if (!outcome.ok) throw notFound('Device'); // deregistered meanwhile
}

const stripInput = (d: DeviceInput): DeviceInput =>
  Object.fromEntries(
    (['serialNumber', 'manufacturer', 'model', 'hardwareHash', 'productKeyId', 'groupTag'] as const)
      .filter((f) => d[f] !== undefined && d[f] !== '')
      .map((f) => [f, f === 'groupTag' ? d[f] : d[f]!.trim()]),
  );
