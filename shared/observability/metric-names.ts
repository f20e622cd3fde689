/**
 * The names the service publishes its own metrics under, in one place: the code counts with them
 * (shared/observability/metrics.ts) and the CDK app alarms and draws its dashboard with them
 * (infra/constructs/monitoring.ts). No imports, so the CDK app can read it as it is.
 *
 * Powertools adds the `service` dimension to every metric; an alarm names it too
 * (SERVICE_DIMENSIONS), or it would watch a metric nobody publishes.
 */
export const SERVICE_NAME = 'device-consent';
export const METRICS_NAMESPACE = 'DeviceConsent';
export const SERVICE_DIMENSIONS = { service: SERVICE_NAME } as const;

export const METRIC = {
  /** A partner's consent request was created (not an idempotent replay). */
  consentsRequested: 'ConsentsRequested',
  /** A customer accepted: a request, or a partner's reusable link. */
  consentsAccepted: 'ConsentsAccepted',
  consentsDeclined: 'ConsentsDeclined',
  /** S1: a pending request expired. */
  consentsExpired: 'ConsentsExpired',
  /** An email (consent, reminder, sign-in) was accepted by SES. */
  emailsSent: 'EmailsSent',
  /** An email failed for good: SES refused its last attempt. */
  emailsFailed: 'EmailsFailed',
  /** An email not sent because its address is suppressed (hard bounce or complaint before). */
  emailsSuppressed: 'EmailsSuppressed',
  /** SES events (through the configuration set): delivered, bounced for good, complained. */
  emailsDelivered: 'EmailsDelivered',
  emailsBounced: 'EmailsBounced',
  emailsComplained: 'EmailsComplained',
  webhooksDelivered: 'WebhooksDelivered',
  /** A webhook delivery failed for good (S4's last attempt, or no endpoint any more). */
  webhooksFailed: 'WebhooksFailed',
  /** Devices judged by `POST /v1/device-submissions/validate`; also with a `code` dimension. */
  devicesValidated: 'DevicesValidated',
  /** Devices judged by a registration (API, CSV or batch); also with a `code` dimension. */
  devicesRegistered: 'DevicesRegistered',
  /** Devices a batch worker processed per second (Count/Second), published by the batch worker. */
  batchDevicesPerSecond: 'BatchDevicesPerSecond',
  /**
   * Gauge published by the batch worker: the number of device batches in `processing` that made
   * no progress for BATCH_STUCK_AFTER_MINUTES. Published at least every 5 minutes while any batch
   * is processing (0 when none is stuck); the alarm fires on a maximum of 1 or more.
   */
  batchesStuck: 'BatchesStuck',
  /**
   * Gauge published by every run of the consent-status check (hourly, and every minute for the
   * outbox): how long the oldest due email or webhook has been due, in seconds (0 when none).
   * Healthy, it stays under two minutes; it grows when the outbox is not worked.
   */
  outboxOldestDueAge: 'OutboxOldestDueAgeSeconds',
} as const;

export type MetricName = (typeof METRIC)[keyof typeof METRIC];

/** The dimension of the per-code device metrics (`valid`, `registered`, or a per-device error code of API.md). */
export const DEVICE_CODE_DIMENSION = 'code';

/** A batch is stuck when it has been `processing` this long without progress (BatchesStuck). */
export const BATCH_STUCK_AFTER_MINUTES = 15;
