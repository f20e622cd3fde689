import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { Agent } from 'undici';
import { isLoopbackAddress, isPrivateAddress } from '../domain/webhooks.ts';

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
 * An HTTP agent for one delivery attempt whose every connection (the first attempt's and each
 * retry's, as each attempt makes its own agent) goes only to addresses `checkedLookup` allowed.
 */
export function pinnedAgent(options: { resolve?: Resolver; local: boolean; connectTimeoutMs?: number }): Agent {
  return new Agent({
    connect: { lookup: checkedLookup(options.resolve ?? systemResolver, webhookAddressAllowed(options.local)), timeout: options.connectTimeoutMs ?? 5000 },
    // One request per agent: nothing is kept alive for a later attempt to reuse.
    pipelining: 0,
  });
}

/** True when a fetch failed because the connection was refused by `checkedLookup`. */
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
