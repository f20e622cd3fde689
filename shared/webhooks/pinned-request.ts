import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isLoopbackAddress, isPrivateAddress } from '#shared/domain/webhooks.ts';

/** Resolves a host name to all its addresses (the system resolver by default; tests give their own). */
export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

export const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** A connection refused because the host resolved to an address a webhook may not reach. */
export class RefusedAddressError extends Error {
  readonly code = 'ERR_WEBHOOK_ADDRESS_REFUSED';
  constructor(hostname: string) {
    super(`${hostname} resolves to a private, loopback, link-local or metadata address`);
    this.name = 'RefusedAddressError';
  }
}

/**
 * Which addresses a webhook may connect to: public ones only, and locally (`npm start`, tests)
 * loopback as well, so a receiver on this machine can be reached.
 */
export const webhookAddressAllowed =
  (local: boolean) =>
  (address: string, family: number): boolean =>
    !isPrivateAddress(address, family === 6 ? 6 : 4) || (local && isLoopbackAddress(address, family === 6 ? 6 : 4));

/**
 * The `lookup` of every connection a webhook delivery makes (DESIGN-NOTES, "Outbound HTTP to
 * partners' URLs"): it resolves the host once, refuses the connection if any address is not
 * allowed (so neither a rebinding answer nor Happy Eyeballs can pick a private one), and hands
 * exactly the addresses it checked to the socket. The socket never resolves again, so a name that
 * answers a public address to a check and 169.254.169.254 to the connection cannot exist.
 */
export function checkedLookup(resolve: Resolver, allowed: (address: string, family: number) => boolean): LookupFunction {
  return (hostname, options, callback) => {
    const done = callback as (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
    resolve(hostname)
      .then((resolved) => {
        const wanted = options.family === 4 || options.family === 6 ? resolved.filter((a) => a.family === options.family) : resolved;
        if (wanted.length === 0) throw Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' });
        if (resolved.some((a) => !allowed(a.address, a.family))) throw new RefusedAddressError(hostname);
        if (options.all) done(null, wanted.map((a) => ({ address: a.address, family: a.family })));
        else done(null, wanted[0].address, wanted[0].family);
      })
      .catch((error: NodeJS.ErrnoException) => done(error, ''));
  };
}

/**
 * POSTs one webhook attempt and answers the status code: over a connection of its own (no agent
 * kept alive for a later attempt to reuse) to an address `checkedLookup` resolved and allowed, with
 * no redirect followed and the answer's body discarded unread. Node's own `http`/`https` request
 * takes the `lookup`, so no HTTP client library is bundled for this.
 */
export function postPinned(
  url: string,
  options: { headers: Record<string, string>; body: string; resolve?: Resolver; local: boolean; timeoutMs: number },
): Promise<number> {
  const target = new URL(url);
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: 'POST',
        headers: { ...options.headers, 'content-length': String(Buffer.byteLength(options.body)) },
        agent: false,
        lookup: checkedLookup(options.resolve ?? systemResolver, webhookAddressAllowed(options.local)),
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (res) => {
        resolve(res.statusCode ?? 0);
        res.resume();
        res.on('error', () => undefined);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** True when a request failed because the connection was refused by `checkedLookup`. */
export function wasRefused(error: unknown): boolean {
  const seen = new Set<unknown>();
  const stack = [error];
  while (stack.length > 0) {
    const e = stack.pop();
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    if (e instanceof RefusedAddressError || (e as { code?: string }).code === 'ERR_WEBHOOK_ADDRESS_REFUSED') return true;
    stack.push((e as { cause?: unknown }).cause, ...(((e as { errors?: unknown[] }).errors ?? []) as unknown[]));
  }
  return false;
}
