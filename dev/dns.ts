import { createSocket, type Socket } from 'node:dgram';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { normalizeDomain } from '#shared/domain/directory.ts';
import { readBody } from './request-body.ts';

/**
 * The local DNS server of `npm start` and the tests (R21's domain proof): a real DNS server on UDP
 * 127.0.0.1:<port> that answers the TXT records it is given, authoritatively, for any name, so the
 * service checks a tenant's `device-consent-verification=<token>` record through an ordinary
 * resolver (`DNS_RESOLVER=127.0.0.1:<port>`), as it does against the public DNS in AWS. It speaks
 * the DNS message format of RFC 1035 over UDP, enough of it for a stub resolver's question: one
 * question, TXT (or ANY) answers, NXDOMAIN for a name it has no record of, no recursion.
 *
 * The same port on TCP serves its records over HTTP, the way to publish one locally:
 *   PUT    /records/<name>   {"txt": ["device-consent-verification=..."]}   (replaces the name's records)
 *   DELETE /records/<name>
 *   GET    /records
 * With a file (`npm start`: DATA_DIR/dns-records.json) the records survive a restart.
 */

export interface LocalDnsOptions {
  port: number;
  /** Where the records are kept; in memory when absent. */
  file?: string;
}

export interface LocalDns {
  /** `127.0.0.1:<port>`: the value of DNS_RESOLVER. */
  resolver: string;
  /** `http://127.0.0.1:<port>`: where records are published. */
  url: string;
  setTxt(name: string, values: string[]): void;
  stop(): Promise<void>;
}

const TYPE_TXT = 16;
const TYPE_ANY = 255;
const CLASS_IN = 1;
const RCODE = { noError: 0, formErr: 1, nxDomain: 3, notImp: 4, refused: 5 } as const;

interface Question {
  id: number;
  /** The request's flags: its opcode and RD bit are answered back. */
  flags: number;
  name: string;
  type: number;
  klass: number;
  /** The question's bytes (name, type, class), copied into the answer. */
  bytes: Buffer;
}

/** The one question of a query, or the reason it is not one this server answers. */
export function parseQuery(message: Buffer): Question | { id: number; flags: number; rcode: number } | undefined {
  if (message.length < 12) return undefined;
  const id = message.readUInt16BE(0);
  const flags = message.readUInt16BE(2);
  if (flags & 0x8000) return undefined; // an answer, not a query: never answered
  if (((flags >> 11) & 0xf) !== 0) return { id, flags, rcode: RCODE.notImp };
  if (message.readUInt16BE(4) !== 1) return { id, flags, rcode: RCODE.formErr };
  const labels: string[] = [];
  let at = 12;
  for (;;) {
    if (at >= message.length) return { id, flags, rcode: RCODE.formErr };
    const length = message[at];
    // A question's name is never compressed (RFC 1035 4.1.4 allows pointers only to earlier names).
    if (length & 0xc0) return { id, flags, rcode: RCODE.formErr };
    at += 1;
    if (length === 0) break;
    if (at + length > message.length) return { id, flags, rcode: RCODE.formErr };
    labels.push(message.toString('latin1', at, at + length));
    at += length;
  }
  if (at + 4 > message.length) return { id, flags, rcode: RCODE.formErr };
  const type = message.readUInt16BE(at);
  const klass = message.readUInt16BE(at + 2);
  return { id, flags, name: normalizeDomain(labels.join('.')), type, klass, bytes: message.subarray(12, at + 4) };
}

/** A TXT record's data: its text in character-strings of at most 255 bytes. */
function txtData(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length || i === 0; i += 255) {
    const chunk = bytes.subarray(i, i + 255);
    parts.push(Buffer.from([chunk.length]), chunk);
  }
  return Buffer.concat(parts);
}

/** The answer to a query: the header (QR, AA, the query's opcode and RD), its question, and the TXT records. */
export function answer(query: Question | { id: number; flags: number; rcode: number }, records: ReadonlyMap<string, string[]>): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.id, 0);
  const reply = (rcode: number, question: Buffer, answers: Buffer[]) => {
    header.writeUInt16BE(0x8000 | (query.flags & 0x7900) | 0x0400 | rcode, 2);
    header.writeUInt16BE(question.length ? 1 : 0, 4);
    header.writeUInt16BE(answers.length, 6);
    return Buffer.concat([header, question, ...answers]);
  };
  if ('rcode' in query) return reply(query.rcode, Buffer.alloc(0), []);
  if (query.klass !== CLASS_IN) return reply(RCODE.refused, query.bytes, []);
  const texts = records.get(query.name);
  if (!texts) return reply(RCODE.nxDomain, query.bytes, []);
  if (query.type !== TYPE_TXT && query.type !== TYPE_ANY) return reply(RCODE.noError, query.bytes, []);
  const answers = texts.map((text) => {
    const data = txtData(text);
    const rr = Buffer.alloc(12);
    rr.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
    rr.writeUInt16BE(TYPE_TXT, 2);
    rr.writeUInt16BE(CLASS_IN, 4);
    rr.writeUInt32BE(0, 6); // TTL 0: a record changed here is seen at once
    rr.writeUInt16BE(data.length, 10);
    return Buffer.concat([rr, data]);
  });
  return reply(RCODE.noError, query.bytes, answers);
}

const readJson = async (req: IncomingMessage): Promise<unknown> => JSON.parse((await readBody(req)) || '{}');

export async function startLocalDns(options: LocalDnsOptions): Promise<LocalDns> {
  const records = new Map<string, string[]>(
    options.file && existsSync(options.file) ? Object.entries(JSON.parse(readFileSync(options.file, 'utf8')) as Record<string, string[]>) : [],
  );
  const save = () => {
    if (options.file) writeFileSync(options.file, JSON.stringify(Object.fromEntries(records), null, 2));
  };
  const setTxt = (name: string, values: string[]) => {
    records.set(normalizeDomain(name), values);
    save();
  };

  const udp: Socket = createSocket('udp4');
  udp.on('message', (message, peer) => {
    const query = parseQuery(message);
    if (query) udp.send(answer(query, records), peer.port, peer.address);
  });
  udp.on('error', (error) => console.error('local DNS:', error.message));

  const control: Server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const name = path.startsWith('/records/') ? normalizeDomain(decodeURIComponent(path.slice('/records/'.length))) : undefined;
      try {
        if (req.method === 'GET' && path === '/records') {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(Object.fromEntries(records)));
        } else if (req.method === 'PUT' && name) {
          const body = (await readJson(req)) as { txt?: unknown };
          if (!Array.isArray(body.txt) || !body.txt.every((t) => typeof t === 'string')) {
            res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'give {"txt": ["..."]}' }));
            return;
          }
          setTxt(name, body.txt as string[]);
          res.writeHead(204).end();
        } else if (req.method === 'DELETE' && name) {
          records.delete(name);
          save();
          res.writeHead(204).end();
        } else res.writeHead(404).end();
      } catch (error) {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: (error as Error).message }));
      }
    })();
  });

  await new Promise<void>((resolve, reject) => {
    udp.once('error', reject);
    udp.bind({ port: options.port, address: '127.0.0.1', exclusive: true }, () => resolve());
  });
  try {
    await new Promise<void>((resolve, reject) => {
      control.once('error', reject);
      control.listen({ port: options.port, host: '127.0.0.1' }, () => resolve());
    });
  } catch (error) {
    udp.close();
    throw error;
  }
  return {
    resolver: `127.0.0.1:${options.port}`,
    url: `http://127.0.0.1:${options.port}`,
    setTxt,
    stop: async () => {
      await Promise.all([
        new Promise<void>((resolve) => udp.close(() => resolve())),
        new Promise<void>((resolve) => {
          control.closeAllConnections();
          control.close(() => resolve());
        }),
      ]);
    },
  };
}
