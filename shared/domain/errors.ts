/**
 * Domain errors: what went wrong, as the stable `code` of API.md, with no HTTP in it. The one
 * place that turns them into HTTP answers (statuses, problem+json, headers) is
 * `shared/http/problem.ts`.
 */
export interface FieldError {
  path: string;
  message: string;
}

export type ErrorCode =
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'partner_not_eligible'
  | 'not_found'
  | 'conflict'
  | 'idempotency_key_reused'
  | 'payload_too_large'
  | 'unsupported_media_type';

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
