import { BlockList, isIP } from 'node:net';

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
  const hostname = url.hostname.replace(/\.$/, '');
  if (local) {
    return LOOPBACK.has(hostname) && (url.protocol === 'http:' || url.protocol === 'https:') ? undefined : 'must be a loopback URL when running locally';
  }
  if (url.protocol !== 'https:') return 'must be an https URL';
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (isIP(host) || LOOPBACK.has(host) || host.endsWith('.localhost') || host.endsWith('.internal') || !host.includes('.')) {
    return 'must name a public host, not an address';
  }
  return undefined;
}

const PRIVATE = new BlockList();
for (const [net, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 3]] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [['::', 127], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv6');
}

/** True when an address a webhook host resolved to is loopback, private, link-local or otherwise not public. */
export function isPrivateAddress(address: string, family: 4 | 6): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return PRIVATE.check(mapped[1], 'ipv4');
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}
