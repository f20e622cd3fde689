/**
 * Domain errors. Each carries the HTTP status and the stable `code` of API.md; the one place that
 * turns them into problem+json is `shared/http/problem.ts`.
 */
export interface FieldError {
  path: string;
  message: string;
}

export class ProblemError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;

  constructor(
    status: number,
    code: string,
    title: string,
    detail?: string,
    errors?: FieldError[],
    headers?: Record<string, string>,
  ) {
    super(detail ?? title);
    this.name = 'ProblemError';
    this.status = status;
    this.code = code;
    this.title = title;
    this.errors = errors;
    this.headers = headers;
  }
}

export const validationFailed = (errors: FieldError[], title = 'Request is invalid') =>
  new ProblemError(
    400,
    'validation_failed',
    title,
    errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; '),
    errors,
  );

export const unauthorized = (detail = 'A valid credential is required') =>
  new ProblemError(401, 'unauthorized', 'Unauthorized', detail, undefined, {
    'www-authenticate': 'Bearer',
  });

export const forbidden = (detail: string) => new ProblemError(403, 'forbidden', 'Forbidden', detail);

export const partnerNotEligible = (detail = 'This OEM is not enabled for direct API consent') =>
  new ProblemError(403, 'partner_not_eligible', 'Partner not eligible', detail);

/** Unknown and forbidden look alike from outside (R19). */
export const notFound = (what = 'Resource') => new ProblemError(404, 'not_found', 'Not found', `${what} not found`);

export const conflict = (detail: string) => new ProblemError(409, 'conflict', 'Conflict', detail);

export const idempotencyKeyReused = () =>
  new ProblemError(
    409,
    'idempotency_key_reused',
    'Idempotency key reused',
    'This Idempotency-Key was used with a different request',
  );

export const payloadTooLarge = (limit: number) =>
  new ProblemError(413, 'payload_too_large', 'Payload too large', `The body must be at most ${limit} bytes`);

export const unsupportedMediaType = (expected: string) =>
  new ProblemError(415, 'unsupported_media_type', 'Unsupported media type', `Content-Type must be ${expected}`);
