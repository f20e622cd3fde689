import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isLoopbackAddress, isPrivateAddress } from '#shared/domain/webhooks.ts';
import { checkedLookup, postPinned, wasRefused, webhookAddressAllowed, type Resolver } from '#shared/webhooks/pinned-request.ts';

/** A resolver that answers each call with the next of `answers` (the last one repeats): a rebinding name. */
function rebinding(...answers: string[][]): Resolver & { calls: number } {
  const resolver = Object.assign(
    async () => {
      const answer = answers[Math.min(resolver.calls, answers.length - 1)];
      resolver.calls++;
      return answer.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    },
    { calls: 0 },
  );
  return resolver;
}

const lookupOnce = (lookup: ReturnType<typeof checkedLookup>, all: boolean) =>
  new Promise<{ error: NodeJS.ErrnoException | null; address: unknown; family?: number }>((resolve) =>
    lookup('hooks.partner.example', { all } as never, ((error: NodeJS.ErrnoException | null, address: unknown, family?: number) => resolve({ error, address, family })) as never),
  );

describe('webhook addresses (SSRF: private, loopback, link-local, metadata; IPv4 and IPv6, mapped forms included)', () => {
  it.each([
    ['169.254.169.254', 4], ['127.0.0.1', 4], ['10.1.2.3', 4], ['172.16.0.1', 4], ['192.168.1.1', 4], ['100.64.0.1', 4], ['0.0.0.0', 4], ['255.255.255.255', 4],
    ['192.0.2.1', 4], ['198.51.100.7', 4], ['203.0.113.9', 4],
    ['::1', 6], ['::', 6], ['fe80::1', 6], ['fd00:ec2::254', 6], ['fc00::1', 6], ['ff02::1', 6],
    ['::ffff:169.254.169.254', 6], ['::ffff:a9fe:a9fe', 6], ['::ffff:7f00:1', 6], ['64:ff9b::a9fe:a9fe', 6], ['64:ff9b::10.0.0.1', 6], ['2002:a9fe:a9fe::1', 6], ['::127.0.0.1', 6], ['2001:db8::1', 6],
  ] as const)('%s is not public', (address, family) => {
    expect(isPrivateAddress(address, family)).toBe(true);
  });

  it.each([['93.184.216.34', 4], ['8.8.8.8', 4], ['2606:4700::1111', 6], ['::ffff:8.8.8.8', 6], ['64:ff9b::808:808', 6]] as const)('%s is public', (address, family) => {
    expect(isPrivateAddress(address, family)).toBe(false);
  });

  it('loopback is allowed only when running locally', () => {
    expect(isLoopbackAddress('127.0.0.1', 4) && isLoopbackAddress('::1', 6) && isLoopbackAddress('::ffff:127.0.0.2', 6)).toBe(true);
    expect(isLoopbackAddress('169.254.169.254', 4)).toBe(false);
    expect(webhookAddressAllowed(true)('127.0.0.1', 4)).toBe(true);
    expect(webhookAddressAllowed(false)('127.0.0.1', 4)).toBe(false);
    expect(webhookAddressAllowed(true)('169.254.169.254', 4)).toBe(false);
    expect(webhookAddressAllowed(false)('93.184.216.34', 4)).toBe(true);
  });
});

describe('the checked lookup of every webhook connection', () => {
  it('a name that answers public first and 169.254.169.254 next is refused on the second connection: what is checked is what is connected to', async () => {
    const resolver = rebinding(['93.184.216.34'], ['169.254.169.254']);
    const lookup = checkedLookup(resolver, webhookAddressAllowed(false));
    const first = await lookupOnce(lookup, true);
    expect(first.error).toBeNull();
    expect(first.address).toEqual([{ address: '93.184.216.34', family: 4 }]);
    const second = await lookupOnce(lookup, false);
    expect(second.error?.code).toBe('ERR_WEBHOOK_ADDRESS_REFUSED');
    expect(resolver.calls).toBe(2);
  });

  it('refuses when any address of an answer is private (Happy Eyeballs could pick it)', async () => {
    const lookup = checkedLookup(rebinding(['93.184.216.34', '::ffff:10.0.0.1']), webhookAddressAllowed(false));
    expect((await lookupOnce(lookup, true)).error?.code).toBe('ERR_WEBHOOK_ADDRESS_REFUSED');
  });

  it('connects to the address the lookup checked, never resolving again, and refuses the metadata address next time without connecting', async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      res.writeHead(204).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    try {
      // The name is not resolvable by the system: only the lookup's own answer can reach the server.
      const resolver = rebinding(['127.0.0.1'], ['169.254.169.254']);
      const post = async () => {
        try {
          return await postPinned(`http://hooks.invalid:${port}/h`, { headers: {}, body: '{}', resolve: resolver, local: true, timeoutMs: 5000 });
        } catch (error) {
          return wasRefused(error) ? 'refused' : String(error);
        }
      };
      expect(await post()).toBe(204);
      expect(await post()).toBe('refused');
      expect(hits).toBe(1);
      expect(resolver.calls).toBe(2);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
