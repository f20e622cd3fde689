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
  'delegated_admin.extended',
  'delegated_admin.roles_changed',
  'devices.registered',
  'devices.deregistered',
  'devices.released',
  'device_batch.finished',
  'device_batch.awaiting_approval',
  'device_batch.approved',
  'device_batch.rejected',
  'device_batch.expired',
  'device_claim.opened',
  'device_claim.updated',
  'device_claim.closed',
  'devices.transferred',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** How long a replaced signing secret still signs every delivery after a rotation (API.md: 24 hours). */
export const SECRET_OVERLAP_MS = 24 * 60 * 60 * 1000;

/**
 * Which signing secrets a webhook has, by version (a secret is derived from its version,
 * shared/webhooks/signing.ts): the current one, and after a rotation the one it replaced, which
 * signs too until `SECRET_OVERLAP_MS` after `secretRotatedAt`.
 */
export interface SecretVersions {
  secretVersion: number;
  previousSecretVersion?: number;
  secretRotatedAt?: string;
}

/** When the secret a rotation at `rotatedAt` replaced stops signing. */
export const previousSecretValidUntil = (rotatedAt: string): string => new Date(Date.parse(rotatedAt) + SECRET_OVERLAP_MS).toISOString();

/**
 * The versions whose secrets sign a delivery sent at `at`, newest first: the current one, and
 * during the overlap the one it replaced. Past the overlap the replaced one is simply no longer
 * used (dropped lazily: nothing secret is stored, so there is nothing to erase on time).
 */
export function signingSecretVersions(secret: SecretVersions, at: Date): number[] {
  const previous = secret.previousSecretVersion !== undefined && secret.secretRotatedAt !== undefined && at.getTime() < Date.parse(previousSecretValidUntil(secret.secretRotatedAt));
  return previous ? [secret.secretVersion, secret.previousSecretVersion!] : [secret.secretVersion];
}

/**
 * The secret a configuration keeps when it is written again at `at` (a `PUT /v1/webhook`): the same
 * one, with the replaced one only while its overlap lasts (the item forgets it at the first write after).
 */
export function keptSecret(secret: SecretVersions, at: string): SecretVersions {
  const overlapping = signingSecretVersions(secret, new Date(at)).length > 1;
  return overlapping ? { secretVersion: secret.secretVersion, previousSecretVersion: secret.previousSecretVersion, secretRotatedAt: secret.secretRotatedAt } : { secretVersion: secret.secretVersion };
}

/**
 * A rotation at `at`: a new version, and the current one signs alongside it for `SECRET_OVERLAP_MS`.
 * A rotation during an overlap replaces the current secret the same way; the one before it stops at
 * once (at most two secrets sign: a second rotation never blocks, so a leaked secret can always be
 * replaced).
 */
export function rotatedSecret(secret: SecretVersions, at: string): Required<SecretVersions> {
  return { secretVersion: secret.secretVersion + 1, previousSecretVersion: secret.secretVersion, secretRotatedAt: at };
}

/** A delivery as the redelivery rule reads it (S4): its state, its event, and a redelivery made of it already. */
export interface DeliveryState {
  status: 'pending' | 'delivered' | 'failed';
  type: WebhookEvent;
  redeliveredAs?: string;
}

/**
 * Why a delivery may not be redelivered now (S4), or `undefined` when it may: one still `pending`
 * is on its way (its retries run on their own back-off), and a redelivery needs a webhook that
 * still takes the event. A delivery already redelivered is not refused: its redelivery is the
 * answer again (idempotent), decided by the caller.
 */
export function redeliveryRefusal(delivery: DeliveryState, webhook: { events: readonly WebhookEvent[] } | undefined): string | undefined {
  if (delivery.status === 'pending') return 'This delivery is still being delivered (S4); it can be redelivered once it is delivered or failed';
  if (!webhook) return 'No webhook is registered: register one (PUT /v1/webhook) before redelivering';
  if (!webhook.events.includes(delivery.type)) return `The webhook no longer takes ${delivery.type}: subscribe to it again before redelivering`;
  return undefined;
}

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
// This network, private, shared (CGN), loopback, link-local (169.254.169.254, the metadata
// service, included), IETF protocol assignments, the documentation networks, benchmarking, and
// multicast up to broadcast.
for (const [net, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 3]] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv4');
}
// Unspecified, loopback and IPv4-compatible (::/96), local-use NAT64 (64:ff9b:1::/48, which
// translates to whatever the local network chooses), discard-only, IETF assignments (Teredo
// included), documentation, unique local (fd00:ec2::254, the IPv6 metadata service of EC2, and
// fd20:ce::254, Google Cloud's, included), site-local, link-local, multicast.
for (const [net, prefix] of [['::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 23], ['2001:db8::', 32], ['fc00::', 7], ['fec0::', 10], ['fe80::', 10], ['ff00::', 8]] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv6');
}

/**
 * The IPv4 address an IPv6 address carries, in the forms that reach it: IPv4-mapped
 * (`::ffff:a.b.c.d`, also written in hex), IPv4-translated (`::ffff:0:a.b.c.d`, RFC 6145), NAT64
 * (`64:ff9b::/96`) and 6to4 (`2002::/16`).
 */
function embeddedIpv4(address: string): string | undefined {
  const dotted = /^(?:::ffff:|::ffff:0:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (dotted) return dotted[1];
  const words = expandIpv6(address);
  if (!words) return undefined;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  if (words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff) return v4(words[6], words[7]);
  if (words.slice(0, 4).every((w) => w === 0) && words[4] === 0xffff && words[5] === 0) return v4(words[6], words[7]);
  if (words[0] === 0x64 && words[1] === 0xff9b && words.slice(2, 6).every((w) => w === 0)) return v4(words[6], words[7]);
  if (words[0] === 0x2002) return v4(words[1], words[2]);
  return undefined;
}

/** The eight 16-bit words of an IPv6 address (with a trailing dotted IPv4 part allowed). */
function expandIpv6(address: string): number[] | undefined {
  if (isIP(address) !== 6) return undefined;
  let text = address.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const parse = (part: string | undefined) => (part ? part.split(':').map((w) => parseInt(w, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  const words = tail === undefined ? left : [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  return words.length === 8 && words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffff) ? words : undefined;
}

/**
 * An address in the one spelling the checks below know: IPv4 dotted-quad, IPv6 as the URL
 * standard writes it. IPv4 written in decimal (`2852039166`), hex (`0xa9fea9fe`), octal
 * (`0251.0376.0251.0376`) or with fewer parts (`169.254.43518`) is read as the WHATWG URL host
 * parser reads it (which is how `new URL` reads a webhook URL, and how `inet_aton` reads such a
 * name); anything that is no address at all is `undefined`.
 */
function canonicalAddress(address: string): { address: string; family: 4 | 6 } | undefined {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 4) return { address: bare, family: 4 };
  if (family === 6) return { address: bare.toLowerCase(), family: 6 };
  let host: string;
  try {
    host = new URL(`http://${bare}/`).hostname;
  } catch {
    return undefined;
  }
  return isIP(host) === 4 ? { address: host, family: 4 } : undefined;
}

/**
 * True when an address a webhook host resolved to is loopback, private, link-local, a cloud's
 * metadata service or otherwise not public; also for anything that does not read as an address
 * (refused rather than guessed at).
 */
export function isPrivateAddress(address: string, family: 4 | 6): boolean {
  const canonical = canonicalAddress(address);
  if (!canonical) return true;
  const v4 = family === 6 || canonical.family === 6 ? embeddedIpv4(canonical.address) : undefined;
  if (v4) return PRIVATE.check(v4, 'ipv4');
  return PRIVATE.check(canonical.address, canonical.family === 4 ? 'ipv4' : 'ipv6');
}

/** True for 127.0.0.0/8 and ::1 (and 127.x mapped into IPv6): where a local receiver listens. */
export function isLoopbackAddress(address: string, family: 4 | 6): boolean {
  const v4 = family === 6 || address.includes(':') ? embeddedIpv4(address) : address;
  if (v4) return /^127\./.test(v4);
  return expandIpv6(address)?.every((w, i) => w === (i === 7 ? 1 : 0)) ?? false;
}
