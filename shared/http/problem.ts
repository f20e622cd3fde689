import { ZodError, type z } from 'zod';
import { ProblemError, validationFailed, type FieldError } from '../domain/errors.ts';
import { API_HEADERS, type HttpResult } from './response.ts';

/**
 * The one place where errors become HTTP answers (RFC 9457 problem+json). Domain errors keep
 * their status and code; anything else is logged by the caller and answered as a bare 500.
 */
export const toProblem = (error: unknown): ProblemError =>
  error instanceof ProblemError
    ? error
    : error instanceof ZodError
      ? validationFailed(zodFieldErrors(error))
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
