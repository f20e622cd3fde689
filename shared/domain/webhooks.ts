import { isIP } from 'node:net';

/** The events of API.md a partner can subscribe to. */
export const WEBHOOK_EVENTS = [
  'consent.accepted',
  'consent.declined',
  'consent.expired',
  'relationship.terminated',
  'relationship.revoked',
  'delegated_admin.removed',
  'delegated_admin.expiring',
  'delegated_admin.expired',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** S4: attempts of one delivery before it is marked failed, and the back-off between them. */
export const MAX_WEBHOOK_ATTEMPTS = 8;
export const webhookRetryDelayMs = (attempts: number): number => Math.min(60_000 * 5 ** Math.max(0, attempts - 1), 24 * 60 * 60 * 1000);

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Where webhooks may go: https only in AWS, and never to an address literal (no loopback, private
 * or link-local targets by IP); when running locally, to loopback only, so tests reach a local receiver.
 */
export function webhookUrlProblem(raw: string, local: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.username || url.password) return 'must not carry credentials';
  if (local) {
    return LOOPBACK.has(url.hostname) && (url.protocol === 'http:' || url.protocol === 'https:') ? undefined : 'must be a loopback URL when running locally';
  }
  if (url.protocol !== 'https:') return 'must be an https URL';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) || LOOPBACK.has(url.hostname) || host.endsWith('.localhost') || host.endsWith('.internal')) return 'must name a public host, not an address';
  return undefined;
}
