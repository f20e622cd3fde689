import { validationFailed } from '#shared/domain/errors.ts';

/**
 * Idempotency keys: printable ASCII, as the IETF draft's examples use (UUIDs, random strings).
 * Checked by the chain (shared/http/chain.ts) on the routes that declare `idempotencyKey`.
 */
export function checkIdempotencyKey(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw validationFailed([{ path: 'Idempotency-Key', message: 'must be 1-255 printable ASCII characters' }], 'Request header is invalid');
  }
  return key;
}
