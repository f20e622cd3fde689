import { $ZodError } from 'zod/v4/core';
import { DomainError, RateLimited, unavailable, validationFailed, type ErrorCode, type FieldError } from '#shared/domain/errors.ts';
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
  idempotency_key_reused: 409,
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

/** `Retry-After` and the IETF draft's `RateLimit-*` fields (seconds, integers) of a limit. */
export function rateLimitHeaders(limit: { limit: number; remaining: number; resetSeconds: number }, retryAfterSeconds?: number): Record<string, string> {
  return {
    'ratelimit-limit': String(limit.limit),
    'ratelimit-remaining': String(Math.max(0, Math.floor(limit.remaining))),
    'ratelimit-reset': String(Math.max(0, Math.ceil(limit.resetSeconds))),
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
      ? new ProblemError(429, error.code, error.title, error.message, undefined, rateLimitHeaders(error.limit, error.retryAfterSeconds))
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
