import { deviceIdentities, checkDeviceFields, registrationRefusal, REFUSAL_MESSAGES, type Channel, type DeviceError, type DeviceIdentity, type DeviceInput } from '../domain/devices.ts';
import type { Partner } from '../domain/partner.ts';
import type { Actor } from '../domain/actor.ts';
import { newId, nowIso } from '../domain/ids.ts';
import { deviceDeregistered, deviceRegistered, findRegistrations, getDevice, identityTaken, type Device, type Registration } from '../table/devices.ts';
import { forbidden, notFound, partnerNotEligible } from '../domain/errors.ts';
import { commitChange } from '../outbox/commit.ts';
import { failedBecause, type Write } from '../table/transact.ts';
import { authorizationCheck, authorizationFor, type Authorization } from '../table/relationships.ts';

export interface SubmittedRow {
  device: DeviceInput;
  /** CSV line number, for uploads. */
  line?: number;
}

interface Judged {
  index: number;
  line?: number;
  errors: DeviceError[];
  identities: DeviceIdentity[];
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
 * looked up once; each row's fields (R17); duplicates within the submission; and, only for a
 * partner that may register here, existing registrations, read in batches of 100 keys (R16).
 */
export async function judgeSubmission(partner: Partner, tenantId: string, rows: SubmittedRow[], channel: Channel): Promise<Judgement> {
  const authorization = await authorizationFor(partner, tenantId);
  const consent = {
    status: authorization.status,
    ...(authorization.status === 'active' && authorization.relationship ? { grantedAt: authorization.relationship.grantedAt } : {}),
  };
  const refusal = registrationRefusal(partner, channel, authorization.status === 'active');
  const seen = new Set<string>();
  const judged: Judged[] = rows.map(({ device, line }, index) => {
    const errors: DeviceError[] = refusal ? [{ code: refusal, message: REFUSAL_MESSAGES[refusal](channel) }] : [];
    const fieldErrors = checkDeviceFields(device);
    errors.push(...fieldErrors);
    const identities = fieldErrors.length ? [] : deviceIdentities(device);
    const duplicate = identities.find((i) => seen.has(i.key));
    if (duplicate) errors.push({ code: 'duplicate_in_submission', field: duplicate.field, message: 'The same device appears earlier in this submission' });
    identities.forEach((i) => seen.add(i.key));
    return { index, ...(line !== undefined ? { line } : {}), errors, identities };
  });
  if (!refusal) {
    const lookups = judged.filter((r) => r.errors.length === 0).flatMap((r) => r.identities.map((i) => i.key));
    const registrations = await findRegistrations(lookups);
    for (const row of judged) {
      if (row.errors.length) continue;
      const taken = row.identities.find((i) => registrations.has(i.key));
      if (taken) row.errors.push(assignedError(registrations.get(taken.key)!, tenantId, taken));
    }
  }
  return { authorization, consent, refused: refusal !== undefined, rows: judged };
}

const publicRow = (row: Judged) => ({ index: row.index, ...(row.line !== undefined ? { line: row.line } : {}) });

/** `POST /v1/device-submissions/validate`: the answer of API.md. */
export async function validateSubmission(partner: Partner, tenantId: string, rows: SubmittedRow[], channel: Channel = 'api') {
  const { consent, rows: judged } = await judgeSubmission(partner, tenantId, rows, channel);
  const valid = judged.filter((r) => r.errors.length === 0).length;
  return {
    consent,
    summary: { total: judged.length, valid, invalid: judged.length - valid },
    results: judged.map((r) => ({ ...publicRow(r), status: r.errors.length ? 'invalid' : 'valid', errors: r.errors })),
  };
}

const REGISTRATION_CONCURRENCY = 8;

/**
 * Registers every valid row and reports the rest with the same codes. Each device is its own
 * transaction; a registration that lost a race since the judgement is reported like any other
 * assigned device.
 */
export async function registerSubmission(partner: Partner, tenantId: string, rows: SubmittedRow[], channel: Channel, actor: Actor) {
  const { consent, rows: judged, authorization } = await judgeSubmission(partner, tenantId, rows, channel);
  const stillAuthorized = authorization.status === 'active' ? authorizationCheck(authorization) : undefined;
  const results: { index: number; line?: number; status: 'registered' | 'invalid'; deviceId?: string; errors: DeviceError[] }[] = judged.map((r) => ({
    ...publicRow(r),
    status: 'invalid',
    errors: r.errors,
  }));
  const toRegister = judged.filter((r) => r.errors.length === 0);
  let next = 0;
  const worker = async () => {
    while (next < toRegister.length) {
      const row = toRegister[next++];
      const outcome = await registerDevice(rows[row.index].device, row.identities, { tenantId, partnerId: partner.id, actor, channel, stillAuthorized });
      if ('unauthorized' in outcome) {
        // R14: the consent ended while this submission was being registered.
        results[row.index].errors = [{ code: 'consent_required', message: REFUSAL_MESSAGES.consent_required(channel) }];
        continue;
      }
      if ('device' in outcome) {
        results[row.index] = { ...publicRow(row), status: 'registered', deviceId: outcome.device.id, errors: [] };
      } else {
        const holder = (await findRegistrations([outcome.taken.key])).get(outcome.taken.key);
        results[row.index].errors = [holder ? assignedError(holder, tenantId, outcome.taken) : { code: 'device_assigned_to_other_tenant', field: outcome.taken.field, message: 'This device is registered to another tenant' }];
      }
    }
  };
  await Promise.all(Array.from({ length: REGISTRATION_CONCURRENCY }, worker));
  const registered = results.filter((r) => r.status === 'registered').length;
  return { consent, summary: { total: results.length, registered, invalid: results.length - registered }, results };
}

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
  const outcome = await commitChange({
    writes: [authorizationCheck(authorization), ...deviceDeregistered(device)],
    audit: { action: 'device.deregistered', actor, tenantId: device.tenantId, partnerId: device.partnerId, subject: device.id },
  });
  if (failedBecause(outcome, 'not_authorized')) throw forbidden(REFUSAL_MESSAGES.consent_required('api'));
  if (!outcome.ok) throw notFound('Device'); // deregistered meanwhile
}

const stripInput = (d: DeviceInput): DeviceInput =>
  Object.fromEntries(
    (['serialNumber', 'manufacturer', 'model', 'hardwareHash', 'productKeyId', 'groupTag'] as const)
      .filter((f) => d[f] !== undefined && d[f] !== '')
      .map((f) => [f, f === 'groupTag' ? d[f] : d[f]!.trim()]),
  );

/**
 * Registers one device: the device, its identities, the audit event and the check that the
 * partner is still authorized (R14 at write time), in one transaction. When an identity is taken
 * (a race lost, or a registration since validation), answers which one.
 */
async function registerDevice(
  input: DeviceInput,
  identities: DeviceIdentity[],
  context: { tenantId: string; partnerId: string; actor: Actor; channel: string; stillAuthorized?: Write },
): Promise<{ device: Device } | { taken: DeviceIdentity } | { unauthorized: true }> {
  const device: Device = { id: newId('d'), ...stripInput(input), tenantId: context.tenantId, partnerId: context.partnerId, registeredAt: nowIso(), identities: identities.map((i) => i.key) };
  const outcome = await commitChange({
    at: device.registeredAt,
    writes: [...deviceRegistered(device, identities), ...(context.stillAuthorized ? [context.stillAuthorized] : [])],
    audit: { action: 'device.registered', actor: context.actor, tenantId: device.tenantId, partnerId: device.partnerId, subject: device.id, details: { channel: context.channel } },
  });
  if (outcome.ok) return { device };
  const taken = identities.find((identity) => failedBecause(outcome, identityTaken(identity)));
  if (taken) return { taken };
  if (failedBecause(outcome, 'not_authorized')) return { unauthorized: true };
  throw new Error(`device not registered: ${outcome.failed.join(', ')}`);
}
