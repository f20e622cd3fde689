import { describe, expect, it } from 'vitest';
import { isPrivateAddress, webhookUrlProblem } from '#shared/domain/webhooks.ts';
import { checkedLookup, webhookAddressAllowed, type Resolver } from '#shared/webhooks/pinned-request.ts';

/*
 * Issue 20 (SSRF): every spelling of a cloud's metadata service is refused for a webhook, form by
 * form, at both checks a webhook passes: the URL check of `PUT /v1/webhook` (and of each delivery),
 * and the check of the addresses a host name resolves to, at each connection.
 */

/** The metadata address of EC2, Azure, Google Cloud and DigitalOcean, as a webhook URL's host may spell it. */
const METADATA_URL_HOSTS = [
  ['dotted', '169.254.169.254'],
  ['dotted with a trailing dot', '169.254.169.254.'],
  ['decimal', '2852039166'],
  ['hex', '0xa9fea9fe'],
  ['hex, upper case', '0XA9FEA9FE'],
  ['hex by part', '0xa9.0xfe.0xa9.0xfe'],
  ['octal', '0251.0376.0251.0376'],
  ['octal in one part', '0251.254.169.254'],
  ['three parts', '169.254.43518'],
  ['two parts', '169.16689662'],
  ['percent-encoded', '%31%36%39.254.169.254'],
  ['full-width digits (IDNA maps them)', '１６９.２５４.１６９.２５４'],
  ['IPv4-mapped IPv6, dotted', '[::ffff:169.254.169.254]'],
  ['IPv4-mapped IPv6, hex', '[::ffff:a9fe:a9fe]'],
  ['IPv4-mapped IPv6, written out', '[0:0:0:0:0:ffff:a9fe:a9fe]'],
  ['IPv4-translated IPv6 (RFC 6145)', '[::ffff:0:a9fe:a9fe]'],
  ['NAT64 IPv6', '[64:ff9b::a9fe:a9fe]'],
  ['6to4 IPv6', '[2002:a9fe:a9fe::1]'],
  ['IPv4-compatible IPv6', '[::169.254.169.254]'],
  ['EC2 IPv6 metadata', '[fd00:ec2::254]'],
  ['EC2 IPv6 metadata, written out in capitals', '[FD00:EC2:0:0:0:0:0:254]'],
  ['Google Cloud IPv6 metadata', '[fd20:ce::254]'],
  ['Alibaba Cloud metadata', '100.100.100.200'],
  ['Oracle Cloud metadata', '192.0.0.192'],
] as const;

describe('SSRF: the metadata service in every form, refused in a webhook URL', () => {
  it.each(METADATA_URL_HOSTS)('%s (%s) is refused in AWS', (_form, host) => {
    expect(webhookUrlProblem(`https://${host}/hooks`, false)).toBe('must name a public host, not an address');
  });

  it.each(METADATA_URL_HOSTS)('%s (%s) is refused when running locally (loopback only)', (_form, host) => {
    expect(webhookUrlProblem(`http://${host}/hooks`, true)).toBe('must be a loopback URL when running locally');
  });

  it('a host that is not even a URL host (a space inside: "0xa9fe a9fe") is refused as no URL', () => {
    expect(webhookUrlProblem('https://0xa9fe a9fe/hooks', false)).toBe('must be an absolute URL');
    expect(webhookUrlProblem('https://0xa9fe a9fe/hooks', true)).toBe('must be an absolute URL');
  });

  it('names of the metadata service are refused: metadata.google.internal, instance-data (EC2), metadata (no dot)', () => {
    for (const host of ['metadata.google.internal', 'metadata.google.internal.', 'instance-data', 'metadata']) {
      expect(webhookUrlProblem(`https://${host}/computeMetadata/v1/`, false), host).toBe('must name a public host, not an address');
    }
  });
});

/** The metadata address as a resolver may answer it, in every spelling. */
const METADATA_ADDRESSES = [
  ['169.254.169.254', 4],
  ['2852039166', 4],
  ['0xa9fea9fe', 4],
  ['0251.0376.0251.0376', 4],
  ['169.254.43518', 4],
  ['::ffff:169.254.169.254', 6],
  ['::ffff:a9fe:a9fe', 6],
  ['0:0:0:0:0:ffff:a9fe:a9fe', 6],
  ['::FFFF:A9FE:A9FE', 6],
  ['::ffff:0:a9fe:a9fe', 6],
  ['::ffff:0:169.254.169.254', 6],
  ['64:ff9b::a9fe:a9fe', 6],
  ['64:ff9b:1::a9fe:a9fe', 6],
  ['2002:a9fe:a9fe::', 6],
  ['::169.254.169.254', 6],
  ['fd00:ec2::254', 6],
  ['fd00:0ec2:0000:0000:0000:0000:0000:0254', 6],
  ['fd20:ce::254', 6],
  ['100.100.100.200', 4],
  ['192.0.0.192', 4],
  ['[fd00:ec2::254]', 6],
  ['not an address', 4],
] as const;

describe('SSRF: the metadata service in every form, refused as an address a name resolves to', () => {
  it.each(METADATA_ADDRESSES)('%s is not public, and no webhook connects to it, in AWS or locally', (address, family) => {
    expect(isPrivateAddress(address, family)).toBe(true);
    expect(webhookAddressAllowed(false)(address, family)).toBe(false);
    expect(webhookAddressAllowed(true)(address, family)).toBe(false);
  });

  it('a public address stays public in each spelling (nothing above refuses everything)', () => {
    for (const [address, family] of [['93.184.216.34', 4], ['1572395042', 4], ['0x5db8d822', 4], ['::ffff:93.184.216.34', 6], ['::ffff:5db8:d822', 6], ['2606:4700::1111', 6]] as const) {
      expect(isPrivateAddress(address, family), address).toBe(false);
    }
  });
});

/** A resolver answering as nip.io and sslip.io do: the address written into the name. */
const wildcardDns: Resolver = async (hostname) => {
  const v4 = /^(\d+)[.-](\d+)[.-](\d+)[.-](\d+)\.(?:nip|sslip)\.io$/.exec(hostname);
  if (v4) return [{ address: v4.slice(1).join('.'), family: 4 }];
  const v6 = /^(.+)\.sslip\.io$/.exec(hostname);
  if (v6) return [{ address: v6[1].replace(/-/g, ':'), family: 6 }];
  return [{ address: '93.184.216.34', family: 4 }];
};

const lookupOf = (hostname: string) =>
  new Promise<{ code?: string; address: unknown }>((resolve) =>
    checkedLookup(wildcardDns, webhookAddressAllowed(false))(hostname, { all: true } as never, ((error: NodeJS.ErrnoException | null, address: unknown) =>
      resolve({ code: error?.code, address })) as never),
  );

describe('SSRF: a name that resolves to the metadata service (169.254.169.254.nip.io) passes the URL check and is refused when resolved', () => {
  it.each(['169.254.169.254.nip.io', '169-254-169-254.sslip.io', 'fd00-ec2--254.sslip.io', '--ffff-a9fe-a9fe.sslip.io'])('%s', async (hostname) => {
    // A name is no address: the URL check cannot know where it leads...
    expect(webhookUrlProblem(`https://${hostname}/hooks`, false)).toBeUndefined();
    // ...so every connection resolves it once, checks what it got, and refuses before connecting.
    expect(await lookupOf(hostname)).toMatchObject({ code: 'ERR_WEBHOOK_ADDRESS_REFUSED' });
  });

  it('a name that resolves to a public address is connected to (the check refuses by address, not by name)', async () => {
    expect(await lookupOf('hooks.partner.example')).toEqual({ code: undefined, address: [{ address: '93.184.216.34', family: 4 }] });
  });
});
