import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { stringify } from 'csv-stringify/sync';
import { decodeCsv, parseDeviceCsv } from '#shared/devices/csv.ts';
import type { DeviceInput } from '#shared/domain/devices.ts';
import { type Api, newIdempotencyKey, ok, pages, type Schemas, sleep, UsageError } from './client.ts';
import { readInput, STDIN } from './terminal.ts';

/** API.md: at most 1000 devices a part (a batch holds up to 100,000). */
export const PART_SIZE = 1000;

export interface FileRow {
  device: DeviceInput;
  /** Line in the file (CSV), or position in the array (JSON, from 1). */
  line: number;
}

export interface DeviceFile {
  rows: FileRow[];
  /** Lines that could not be read: reported as invalid, never sent. */
  malformed: { line: number; message: string }[];
}

/**
 * Reads a device file of any size: a CSV as Get-WindowsAutopilotInfo, Export-Csv, Excel or Partner
 * Center write it (in any of their encodings; the service's own parser, so the CLI judges columns
 * exactly as an upload would), or JSON (an array of devices, or `{devices: [...]}`). `-` reads
 * standard input, JSON when it starts with `[` or `{`, otherwise CSV (a CSV header never does).
 */
export async function readDeviceFile(file: string, options: { maxRows?: number } = {}): Promise<DeviceFile> {
  const bytes = await readInput(file);
  const isJson = file === STDIN ? /^(\uFEFF)?\s*[[{]/.test(bytes.subarray(0, 64).toString('utf8')) : extname(file).toLowerCase() === '.json';
  if (isJson) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new UsageError(`${file} is not valid JSON`);
    }
    const devices = Array.isArray(parsed) ? parsed : (parsed as { devices?: unknown })?.devices;
    if (!Array.isArray(devices)) throw new UsageError(`${file}: expected an array of devices or {"devices": [...]}`);
    return { rows: devices.map((device, i) => ({ device: device as DeviceInput, line: i + 1 })), malformed: [] };
  }
  return readCsv(decodeCsv(bytes), options.maxRows ?? MAX_RUN_DEVICES);
}

/** A run's most devices (a batch's, API.md). */
export const MAX_RUN_DEVICES = 100_000;

/**
 * The service's own parser, with a run's limit (a batch's, by default) for an upload's: the row after
 * it is refused before any line after it is read, however long the file. `devices claim` has none:
 * its claims of 1000 take a file of any size (issue 22: a fleet of 150,000).
 */
function readCsv(text: string, maxRows: number): DeviceFile {
  let parsed;
  try {
    parsed = parseDeviceCsv(text, { maxRows });
  } catch (error) {
    const problem = error as { errors?: { message: string }[]; message: string };
    throw new UsageError(`the CSV cannot be read: ${problem.errors?.[0]?.message ?? problem.message}`);
  }
  return { rows: parsed.rows.map((row) => ({ device: row.device, line: row.line ?? 0 })), malformed: parsed.malformed };
}

export type DeviceAction = 'validate' | 'register' | 'deregister';

/** A device's error as the document has it, or `malformed_line` for a line the CLI could not read (never sent). */
export type DeviceOutcomeError = Omit<Schemas['deviceError'], 'code'> & { code: Schemas['deviceError']['code'] | 'malformed_line' };

export interface DeviceOutcome {
  line: number;
  /** `held`: in a batch waiting for the customer's approval (R27), not registered yet. */
  status: Schemas['validationAnswer']['results'][number]['status'] | Schemas['batchResult']['status'] | 'held';
  deviceId?: string;
  errors: DeviceOutcomeError[];
}

export interface DevicesReport {
  action: DeviceAction;
  tenantId: string;
  batchId?: string;
  batchStatus?: Schemas['batch']['status'];
  total: number;
  succeeded: number;
  failed: number;
  byStatus: Record<string, number>;
  byErrorCode: Record<string, number>;
  resultsFile?: string;
  outcomes: DeviceOutcome[];
}

interface Progress {
  start(total: number, label: string): void;
  update(done: number): void;
  stop(): void;
}

/** A progress bar on stderr (an interactive terminal only), so stdout stays the answer. */
export function progressBar(enabled: boolean): Progress {
  if (!enabled || !process.stderr.isTTY) return { start() {}, update() {}, stop() {} };
  const bar = new SingleBar({ format: '{label} [{bar}] {percentage}% | {value}/{total} devices | {eta_formatted} left', stream: process.stderr, hideCursor: true }, Presets.shades_classic);
  return {
    start: (total, label) => bar.start(total, 0, { label }),
    update: (done) => bar.update(done),
    stop: () => bar.stop(),
  };
}

/**
 * Validates, registers or deregisters every device of a file. Validation goes 1000 devices a call
 * (it is synchronous and changes nothing); registration and deregistration go through one device
 * batch (API.md "Device batches"): create, add parts of 1000, submit, poll until finished. Every
 * POST carries an Idempotency-Key made here, so a retried part is never added twice.
 */
export async function runDevices(
  api: Api,
  action: DeviceAction,
  tenantId: string,
  file: DeviceFile,
  options: { progress: Progress; pollMs?: number; timeoutMs?: number; hold?: { reference?: string } },
): Promise<DevicesReport> {
  const { rows, malformed } = file;
  const outcomes: DeviceOutcome[] = malformed.map((m) => ({ line: m.line, status: 'invalid', errors: [{ code: 'malformed_line', message: m.message }] }));
  const total = rows.length + malformed.length;
  if (total === 0) throw new UsageError('the file holds no devices');
  if (rows.length > MAX_RUN_DEVICES) throw new UsageError(`at most 100,000 devices a run; this file has ${rows.length}`);
  let batchId: string | undefined;
  let batchStatus: Schemas['batch']['status'] | undefined;

  if (action === 'validate') {
    options.progress.start(rows.length, 'validating');
    for (let start = 0; start < rows.length; start += PART_SIZE) {
      const part = rows.slice(start, start + PART_SIZE);
      const body = await ok(api.POST('/v1/device-submissions/validate', { body: { tenantId, devices: part.map((r) => r.device) } }));
      for (const r of body.results) {
        outcomes.push({ line: part[r.index].line, status: r.status, errors: r.errors });
      }
      options.progress.update(Math.min(start + PART_SIZE, rows.length));
    }
    options.progress.stop();
  } else if (rows.length > 0) {
    const runKey = newIdempotencyKey();
    // R27: with --hold, a registration for a tenant that has not consented waits for its approval.
    const hold = options.hold && action === 'register' ? { whenNotAuthorized: 'hold' as const, ...(options.hold.reference ? { reference: options.hold.reference } : {}) } : {};
    const created = await ok(api.POST('/v1/device-batches', { params: { header: { 'Idempotency-Key': runKey } }, body: { tenantId, action, ...hold } }));
    // A const, for the calls below that take it in closures.
    const id = created.batch.id;
    batchId = id;
    options.progress.start(rows.length, 'uploading ');
    for (let start = 0, part = 0; start < rows.length; start += PART_SIZE, part++) {
      const devices = rows.slice(start, start + PART_SIZE).map((r) => r.device);
      await ok(api.POST('/v1/device-batches/{batchId}/devices', { params: { path: { batchId: id }, header: { 'Idempotency-Key': `${runKey}-part-${part}` } }, body: { devices } }));
      options.progress.update(Math.min(start + PART_SIZE, rows.length));
    }
    options.progress.stop();
    const submitted = await ok(api.POST('/v1/device-batches/{batchId}/submit', { params: { path: { batchId: id }, header: { 'Idempotency-Key': `${runKey}-submit` } } }));
    batchStatus = submitted.batch.status;
  }
  if (batchId && batchStatus === 'awaiting_approval') {
    // Held (R27): nothing to poll for now; the customer decides within 30 days (S5).
    outcomes.push(...rows.map((r): DeviceOutcome => ({ line: r.line, status: 'held', errors: [] })));
  } else if (batchId) {
    const id = batchId;
    options.progress.start(rows.length, action === 'register' ? 'registering' : 'deregistering');
    const end = Date.now() + (options.timeoutMs ?? 30 * 60_000);
    for (;;) {
      const { batch } = await ok(api.GET('/v1/device-batches/{batchId}', { params: { path: { batchId: id } } }));
      batchStatus = batch.status;
      options.progress.update(batch.summary.processed);
      if (batchStatus === 'finished' || batchStatus === 'finished_with_errors') break;
      if (Date.now() > end) {
        options.progress.stop();
        throw new Error(`batch ${batchId} is still ${batchStatus}; follow it with: device-consent devices batch ${batchId}`);
      }
      await sleep(options.pollMs ?? 500);
    }
    options.progress.stop();
    for await (const r of pages((cursor) => ok(api.GET('/v1/device-batches/{batchId}/results', { params: { path: { batchId: id }, query: { limit: 100, cursor } } })))) {
      outcomes.push({ line: rows[r.index]?.line ?? r.index + 1, status: r.status, ...(r.deviceId ? { deviceId: r.deviceId } : {}), errors: r.errors });
    }
  }

  outcomes.sort((a, b) => a.line - b.line);
  const good = new Set(['valid', 'registered', 'deregistered', 'held']);
  const byStatus: Record<string, number> = {};
  const byErrorCode: Record<string, number> = {};
  for (const o of outcomes) {
    byStatus[o.status] = (byStatus[o.status] ?? 0) + 1;
    for (const e of o.errors) byErrorCode[e.code] = (byErrorCode[e.code] ?? 0) + 1;
  }
  const succeeded = outcomes.filter((o) => good.has(o.status)).length;
  return { action, tenantId, batchId, batchStatus, total, succeeded, failed: total - succeeded, byStatus, byErrorCode, outcomes };
}

/** One line a device, in the file's order: line, status, device id, error codes and messages. */
export async function writeResultsCsv(file: string, report: DevicesReport): Promise<void> {
  const records = report.outcomes.map((o) => [
    o.line,
    o.status,
    o.deviceId ?? '',
    o.errors.map((e) => e.code).join(' '),
    o.errors.map((e) => (e.autopilotError ? `${e.autopilotError.code ?? ''} ${e.autopilotError.name}`.trim() : '')).filter(Boolean).join(' '),
    o.errors.map((e) => `${e.field ? `${e.field}: ` : ''}${e.message}`).join('; '),
  ]);
  await writeFile(file, stringify(records, { header: true, columns: ['line', 'status', 'deviceId', 'errorCodes', 'autopilotErrors', 'messages'] }));
}
