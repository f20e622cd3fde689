import { ZodError, type z } from 'zod';
import { DomainError, validationFailed, type ErrorCode, type FieldError } from '../domain/errors.ts';
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
};

/** Headers a problem of this code carries (RFC 6750: a 401 names its scheme). */
const HEADERS_OF: Partial<Record<ErrorCode, Record<string, string>>> = { unauthorized: { 'www-authenticate': 'Bearer' } };

export const toProblem = (error: unknown): ProblemError =>
  error instanceof ProblemError
    ? error
    : error instanceof DomainError
      ? new ProblemError(STATUS_OF[error.code], error.code, error.title, error.message, error.errors, HEADERS_OF[error.code])
      : error instanceof ZodError
        ? toProblem(validationFailed(zodFieldErrors(error)))
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

export const zodFieldErrors = (error: z.ZodError, prefix = ''): FieldError[] =>
  error.issues.map((issue) => {
    const path = formatPath(issue.path);
    return { path: prefix && path ? `${prefix}.${path}` : prefix || path, message: issue.message };
  });
