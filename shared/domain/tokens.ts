import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, base64url: the secret part of API keys, link tokens and session ids. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/** Only this hash of a secret is ever stored. */
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

/** Constant-time comparison of two hex digests (or any two strings). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Partner API keys read `dck_<keyId>_<secret>`: the key id finds the stored hash in one read, the
 * secret is compared to it in constant time. The id alone grants nothing.
 */
const API_KEY_FORMAT = /^dck_([0-9a-f]{24})_([A-Za-z0-9_-]{43})$/;

export const formatApiKey = (keyId: string, secret: string): string => `dck_${keyId}_${secret}`;

export function parseApiKey(raw: string): { keyId: string; secret: string } | undefined {
  const match = API_KEY_FORMAT.exec(raw);
  return match ? { keyId: match[1], secret: match[2] } : undefined;
}

/**
 * Customer API keys read `dcc_<keyId>_<secret>` (R25): a prefix of their own, so a partner key on
 * the customer API, or a customer key on the partner API, is malformed there: 401, not a lookup.
 */
const CUSTOMER_KEY_FORMAT = /^dcc_([0-9a-f]{24})_([A-Za-z0-9_-]{43})$/;

export const formatCustomerKey = (keyId: string, secret: string): string => `dcc_${keyId}_${secret}`;

export function parseCustomerKey(raw: string): { keyId: string; secret: string } | undefined {
  const match = CUSTOMER_KEY_FORMAT.exec(raw);
  return match ? { keyId: match[1], secret: match[2] } : undefined;
}
