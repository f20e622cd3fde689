import { describe, expect, it } from 'vitest';
import { answer, parseQuery } from '../../../dev/dns.ts';

/** A DNS query (RFC 1035 4.1) for one name and type, with the RD bit set as stub resolvers send it. */
function query(name: string, type: number, options: { id?: number; flags?: number } = {}): Buffer {
  const labels = name.split('.').flatMap((label) => [Buffer.from([label.length]), Buffer.from(label, 'latin1')]);
  const header = Buffer.alloc(12);
  header.writeUInt16BE(options.id ?? 0x1234, 0);
  header.writeUInt16BE(options.flags ?? 0x0100, 2);
  header.writeUInt16BE(1, 4);
  const tail = Buffer.alloc(4);
  tail.writeUInt16BE(type, 0);
  tail.writeUInt16BE(1, 2);
  return Buffer.concat([header, ...labels, Buffer.from([0]), tail]);
}

const records = new Map([['contoso.example', ['device-consent-verification=abc', 'y'.repeat(300)]]]);
const reply = (message: Buffer) => {
  const parsed = parseQuery(message);
  if (!parsed) return undefined;
  const out = answer(parsed, records);
  return { out, id: out.readUInt16BE(0), flags: out.readUInt16BE(2), rcode: out.readUInt16BE(2) & 0xf, answers: out.readUInt16BE(6) };
};

describe("the local DNS server's messages (dev/dns.ts, R21's domain proofs)", () => {
  it('R21: a TXT question is answered authoritatively with every record, long ones split into 255-byte strings', () => {
    const r = reply(query('Contoso.Example', 16))!;
    expect(r.id).toBe(0x1234);
    expect(r.flags & 0x8000).toBe(0x8000); // an answer
    expect(r.flags & 0x0400).toBe(0x0400); // authoritative
    expect(r.flags & 0x0100).toBe(0x0100); // RD echoed
    expect(r.rcode).toBe(0);
    expect(r.answers).toBe(2);
    const text = r.out.toString('latin1');
    expect(text).toContain('device-consent-verification=abc');
    // 300 bytes: a 255-byte string, then a 45-byte one.
    expect(r.out.includes(Buffer.concat([Buffer.from([255]), Buffer.from('y'.repeat(255))]))).toBe(true);
    expect(r.out.includes(Buffer.concat([Buffer.from([45]), Buffer.from('y'.repeat(45))]))).toBe(true);
  });

  it('R21: an unknown name is NXDOMAIN; a known name asked for another type has no answer', () => {
    expect(reply(query('other.example', 16))).toMatchObject({ rcode: 3, answers: 0 });
    expect(reply(query('contoso.example', 1))).toMatchObject({ rcode: 0, answers: 0 });
  });

  it('R21: what is not a plain query is refused or ignored, never answered with records', () => {
    // Another opcode (a notify, an update): not implemented.
    expect(reply(query('contoso.example', 16, { flags: 0x2100 }))).toMatchObject({ rcode: 4, answers: 0 });
    // A compressed name in the question, a truncated one: format error.
    const compressed = query('contoso.example', 16);
    compressed[12] = 0xc0;
    expect(reply(compressed)).toMatchObject({ rcode: 1, answers: 0 });
    expect(reply(query('contoso.example', 16).subarray(0, 20))).toMatchObject({ rcode: 1, answers: 0 });
    // An answer (QR set) or a runt: not answered at all.
    expect(reply(query('contoso.example', 16, { flags: 0x8100 }))).toBeUndefined();
    expect(reply(Buffer.alloc(5))).toBeUndefined();
  });
});
