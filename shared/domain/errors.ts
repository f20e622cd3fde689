/**
 * Domain errors: what went wrong, as the stable `code` of API.md, with no HTTP in it. The one
 * place that turns them into HTTP answers (statuses, problem+json, headers) is
 * `shared/http/problem.ts`.
 */
import type { LimitReport } from './rate-limits.ts';

export interface FieldError {
  path: string;
  message: string;
}

/** Every problem `code` of API.md a domain error can carry (the OpenAPI document lists these and `internal`). */
export const ERROR_CODES = [
  'validation_failed',
  'unauthorized',
  'forbidden',
  'partner_not_eligible',
  'not_found',
  'conflict',
  'idempotency_key_reused',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'unavailable',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly title: string;
  readonly errors?: FieldError[];

  constructor(code: ErrorCode, title: string, detail?: string, errors?: FieldError[]) {
    super(detail ?? title);
    this.name = 'DomainError';
    this.code = code;
    this.title = title;
    this.errors = errors;
  }
}

export const validationFailed = (errors: FieldError[], title = 'Request is invalid') =>
  new DomainError(
    'validation_failed',
    title,
    errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; '),
    errors,
  );

export const unauthorized = (detail = 'A valid credential is required') => new DomainError('unauthorized', 'Unauthorized', detail);

export const forbidden = (detail: string) => new DomainError('forbidden', 'Forbidden', detail);

export const partnerNotEligible = (detail = 'This OEM is not enabled for direct API consent') =>
  new DomainError('partner_not_eligible', 'Partner not eligible', detail);

/** Unknown and forbidden look alike from outside (R19). */
export const notFound = (what = 'Resource') => new DomainError('not_found', 'Not found', `${what} not found`);

export const conflict = (detail: string) => new DomainError('conflict', 'Conflict', detail);

export const idempotencyKeyReused = () =>
  new DomainError('idempotency_key_reused', 'Idempotency key reused', 'This Idempotency-Key was used with a different request');

export const payloadTooLarge = (limit: number) =>
  new DomainError('payload_too_large', 'Payload too large', `The body must be at most ${limit} bytes`);

export const unsupportedMediaType = (expected: string) =>
  new DomainError('unsupported_media_type', 'Unsupported media type', `Content-Type must be ${expected}`);

/**
 * Over a limit of API.md ("Rate limits"): when to try again, and what the answer tells of the
 * limits (`Retry-After`, `RateLimit-Policy`, `RateLimit`).
 */
export class RateLimited extends DomainError {
  readonly retryAfterSeconds: number;
  readonly report: LimitReport;
  /**
   * The caller's own limits as they stand, when a limit shared with other callers refused: what a
   * replay of the caller's own earlier call (R20), answered despite the refusal, reports.
   */
  readonly ownReport: LimitReport;

  constructor(detail: string, retryAfterSeconds: number, report: LimitReport, ownReport: LimitReport = report) {
    super('rate_limited', 'Too many requests', detail);
    this.name = 'RateLimited';
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
    this.report = report;
    this.ownReport = ownReport;
  }
}

/** A dependency is throttling or unavailable for a moment: nothing was changed, try again. */
export const unavailable = (detail = 'The service is busy; nothing was changed. Try again in a moment') =>
  new DomainError('unavailable', 'Service unavailable', detail);
