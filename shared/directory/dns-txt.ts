import { Resolver } from 'node:dns/promises';
import { optionalEnv } from '#shared/config/env.ts';

/**
 * The DNS TXT records of a name (R21's domain proof), through a resolver: in AWS the system's (the
 * Lambda function's own resolver, which recurses on the public DNS); locally and in the tests the
 * local DNS server `npm start` runs (dev/dns.ts), named by `DNS_RESOLVER` (`127.0.0.1:<port>`,
 * several separated by commas). No answer is cached here: each check asks again.
 */

export type TxtLookup = { found: 'records'; records: string[] } | { found: 'none' } | { found: 'unavailable' };

/** Answers that mean "this name has no TXT record": the name does not exist, or has records of other types only. */
const NO_RECORD = new Set(['ENOTFOUND', 'ENODATA']);

/** `DNS_RESOLVER`, when set: `host:port` or `host` entries, separated by commas. */
export function dnsResolverProblems(env: NodeJS.ProcessEnv = process.env): string[] {
  const value = env.DNS_RESOLVER;
  if (!value) return [];
  const ok = value.split(',').every((server) => /^(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:]+\])(?::\d{1,5})?$/i.test(server.trim()));
  return ok ? [] : ['DNS_RESOLVER is not valid: it must be the resolver\'s address as ip:port (e.g. 127.0.0.1:8053), several separated by commas'];
}

/** Each TXT record of `name` as one string (its character-strings joined), or why there is none. */
export async function lookupTxt(name: string): Promise<TxtLookup> {
  const resolver = new Resolver({ timeout: 2000, tries: 2 });
  const servers = optionalEnv('DNS_RESOLVER');
  if (servers) resolver.setServers(servers.split(',').map((s) => s.trim()));
  try {
    const records = await resolver.resolveTxt(name);
    return { found: 'records', records: records.map((chunks) => chunks.join('')) };
  } catch (error) {
    return NO_RECORD.has((error as { code?: string }).code ?? '') ? { found: 'none' } : { found: 'unavailable' };
  }
}
