import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { BATCH_STUCK_AFTER_MINUTES, DEVICE_CODE_DIMENSION, METRIC, METRICS_NAMESPACE, type MetricName, SERVICE_NAME } from './metric-names.ts';

export { METRIC, BATCH_STUCK_AFTER_MINUTES };

let instance: Metrics | undefined;

/**
 * The service's Powertools metrics (CloudWatch embedded metric format, written to the function's
 * log and published by CloudWatch from there: no API call, no permission). Created at first use,
 * so it reads the environment the function (or `npm start`) has set by then. Locally nothing
 * reads EMF, so they are counted but not printed unless POWERTOOLS_METRICS_DISABLED=false.
 * The handlers' middleware (middleware.ts) publishes what an invocation counted when it ends.
 */
export function metrics(): Metrics {
  if (!instance) {
    if (process.env.DEPLOYMENT === 'local' && process.env.POWERTOOLS_METRICS_DISABLED === undefined) {
      process.env.POWERTOOLS_METRICS_DISABLED = 'true';
    }
    instance = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });
  }
  return instance;
}

/** Adds `value` (default 1) to a count metric of this invocation; nothing for 0. */
export function countMetric(name: MetricName, value = 1): void {
  if (value > 0) metrics().addMetric(name, MetricUnit.Count, value);
}

/** Publishes what this invocation counted, if anything (an empty flush only warns). */
export function publishMetrics(): void {
  const m = metrics();
  if (m.hasStoredMetrics()) m.publishStoredMetrics();
}

/** A device's result as the device endpoints answer it (API.md): its status and, if refused, its errors. */
export interface DeviceResultLike {
  status: string;
  errors?: readonly { code: string }[];
}

/**
 * Counts judged devices: the total (`DevicesValidated` or `DevicesRegistered`, dimension
 * `service`) and one count per code (same name, dimensions `service` and `code`): the device's
 * status when it passed (`valid`, `registered`, `deregistered`), else its first error code
 * (`device_assigned_to_other_tenant`, ...). For the dashboard; no alarm watches them.
 */
export function recordDeviceResults(kind: 'validated' | 'registered', results: readonly DeviceResultLike[]): void {
  if (results.length === 0) return;
  const name = kind === 'validated' ? METRIC.devicesValidated : METRIC.devicesRegistered;
  countMetric(name, results.length);
  const byCode = new Map<string, number>();
  for (const result of results) {
    const code = result.errors?.[0]?.code ?? result.status;
    byCode.set(code, (byCode.get(code) ?? 0) + 1);
  }
  // A single metric carries its own dimensions and is written at once, apart from the others.
  for (const [code, count] of byCode) {
    metrics().singleMetric().addDimension(DEVICE_CODE_DIMENSION, code).addMetric(name, MetricUnit.Count, count);
  }
}

/**
 * For the batch worker: how fast it processed a slice of a batch (`BatchDevicesPerSecond`,
 * Count/Second). Call it once per slice it worked, e.g. `recordBatchThroughput(1000, 4.2)`.
 */
export function recordBatchThroughput(devices: number, seconds: number): void {
  if (devices <= 0 || !(seconds > 0)) return;
  metrics().addMetric(METRIC.batchDevicesPerSecond, MetricUnit.CountPerSecond, devices / seconds);
}

/**
 * For the batch worker (or whatever looks at batches): the number of batches in `processing`
 * without progress for BATCH_STUCK_AFTER_MINUTES (`BatchesStuck`). Publish it at least every 5
 * minutes while any batch is processing, 0 included; the `BatchStuck` alarm fires at 1 or more.
 */
export function publishBatchesStuck(count: number): void {
  metrics().addMetric(METRIC.batchesStuck, MetricUnit.Count, Math.max(0, count));
}

/** The consent-status check's gauge of the outbox: how long the oldest due email or webhook has waited. */
export function publishOutboxOldestDueAge(seconds: number): void {
  metrics().addMetric(METRIC.outboxOldestDueAge, MetricUnit.Seconds, Math.max(0, Math.round(seconds)));
}

/** `recordDeviceResults` of a device endpoint's answer, handing the answer back: `json(200, countDevices('validated', await validateSubmission(...)))`. */
export function countDevices<T extends { results: readonly DeviceResultLike[] }>(kind: 'validated' | 'registered', answer: T): T {
  recordDeviceResults(kind, answer.results);
  return answer;
}
