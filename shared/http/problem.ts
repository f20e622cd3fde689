import { $ZodError } from 'zod/v4/core';
import { DomainError, RateLimited, unavailable, validationFailed, type ErrorCode, type FieldError } from '#shared/domain/errors.ts';
import type { LimitReport } from '#shared/domain/rate-limits.ts';
import { API_HEADERS, type HttpResult } from './response.ts';

/**
 * The one place where errors become HTTP answers (RFC 9457 problem+json): a domain error's
 * stable code gets its status here; anything unknown is logged by the caller and answered as a
 * bare 500, with no detail of ours.
 */
export class ProblemError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;

  constructor(status: number, code: string, title: string, detail?: string, errors?: FieldError[], headers?: Record<string, string>) {
    super(detail ?? title);
    this.name = 'ProblemError';
    this.status = status;
    this.code = code;
    this.title = title;
    this.errors = errors;
    this.headers = headers;
  }
}

/** API.md: the status of each error code. */
export const STATUS_OF: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  partner_not_eligible: 403,
  not_found: 404,
  conflict: 409,
  idempotency_key_reused: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
};

/** How long a caller waits after a `503 unavailable`: DynamoDB's throttling clears in about a second. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 1;

/** Headers a problem of this code carries (RFC 6750: a 401 names its scheme). */
const HEADERS_OF: Partial<Record<ErrorCode, Record<string, string>>> = {
  unauthorized: { 'www-authenticate': 'Bearer' },
  unavailable: { 'retry-after': String(UNAVAILABLE_RETRY_AFTER_SECONDS) },
};

/** A Structured Field String (RFC 9651 3.3.3): printable ASCII, with `"` and `\\` escaped. */
const sfString = (value: string): string => `"${value.replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, (c) => `\\${c}`)}"`;
/** A Structured Field Integer as the draft's parameters take it: a whole number, never negative. */
const sfInteger = (value: number): string => String(Math.max(0, Math.floor(value)));

/**
 * The IETF RateLimit fields (draft-ietf-httpapi-ratelimit-headers: Structured Field Lists of
 * Items) and, when the call was refused, `Retry-After` (seconds):
 * `RateLimit-Policy: "partner-minute";q=60;w=60, "partner-day";q=1000;w=86400` names the caller's
 * own policies (the same on every answer; a refusal by a limit shared with others adds that one),
 * and `RateLimit: "partner-minute";r=59;t=42` the state of one of them (`r` remaining, `t` seconds
 * until more quota is available; on a refusal, when to try again).
 */
export function rateLimitHeaders(report: LimitReport, retryAfterSeconds?: number): Record<string, string> {
  const policy = report.policies
    .map((p) => `${sfString(p.id)};q=${sfInteger(p.limit)}${p.windowSeconds !== undefined ? `;w=${sfInteger(Math.max(1, p.windowSeconds))}` : ''}`)
    .join(', ');
  const { current } = report;
  return {
    'ratelimit-policy': policy,
    ratelimit: `${sfString(current.id)};r=${sfInteger(current.remaining)};t=${sfInteger(Math.ceil(current.resetSeconds))}`,
    ...(retryAfterSeconds !== undefined ? { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) } : {}),
  };
}

/**
 * AWS errors that mean "not now" rather than "never": throttling, a service error, a transaction
 * cancelled by throttling or by another transaction. Nothing was written (DynamoDB's writes are
 * atomic), so the caller may retry: `503 unavailable`. Any other error stays a 500.
 */
const TRANSIENT_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TransactionInProgressException',
  'TooManyRequestsException',
]);
const TRANSIENT_CANCELLATIONS = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded', 'TransactionConflict', 'RequestLimitExceeded']);

export function isTransientAwsError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { name?: string; $retryable?: unknown; $metadata?: { httpStatusCode?: number }; CancellationReasons?: { Code?: string }[] };
  if (e.name === 'TransactionCanceledException') {
    const codes = (e.CancellationReasons ?? []).map((r) => r.Code).filter((c) => c && c !== 'None');
    return codes.length > 0 && codes.every((c) => TRANSIENT_CANCELLATIONS.has(c!));
  }
  if (e.name && TRANSIENT_NAMES.has(e.name)) return true;
  return e.$retryable !== undefined && (e.$metadata?.httpStatusCode ?? 0) >= 500;
}

export const toProblem = (error: unknown): ProblemError =>
  error instanceof ProblemError
    ? error
    : error instanceof RateLimited
      ? new ProblemError(429, error.code, error.title, error.message, undefined, rateLimitHeaders(error.report, error.retryAfterSeconds))
      : error instanceof DomainError
        ? new ProblemError(STATUS_OF[error.code], error.code, error.title, error.message, error.errors, HEADERS_OF[error.code])
        : error instanceof $ZodError
          ? toProblem(validationFailed(zodFieldErrors(error)))
          : isTransientAwsError(error)
            ? toProblem(unavailable())
            : new ProblemError(500, 'internal', 'Internal error', 'Something went wrong on our side; it has been logged');

export function problemResponse(error: unknown): HttpResult {
  const problem = toProblem(error);
  return {
    statusCode: problem.status,
    headers: { ...API_HEADERS, 'content-type': 'application/problem+json; charset=utf-8', ...problem.headers },
    body: JSON.stringify({
      type: 'about:blank',
      status: problem.status,
      code: problem.code,
      title: problem.title,
      detail: problem.message,
      ...(problem.errors ? { errors: problem.errors } : {}),
    }),
  };
}

/** `devices[3].serialNumber`, as API.md writes paths. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`))
    .join('');
}

export const zodFieldErrors = (error: $ZodError, prefix = ''): FieldError[] =>
  error.issues.map((issue) => {
    const path = formatPath(issue.path);
    return { path: prefix && path ? `${prefix}.${path}` : prefix || path, message: issue.message };
  });
