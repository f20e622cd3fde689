/**
 * The counting proxy: a small HTTP server on loopback in front of DynamoDB Local that forwards
 * every request unchanged and records, per request, its `x-amz-target` header and when it started
 * (request received) and ended (answer fully sent back). The request-count rows of `npm run bench`
 * read their figures from this record, not from the code's own bookkeeping.
 */
import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface ProxiedRequest {
  /** `x-amz-target`, e.g. `DynamoDB_20120810.GetItem`. */
  target: string;
  /** Milliseconds (performance.now()) when the proxy received the request, and when it finished answering. */
  start: number;
  end: number;
  status: number;
  /** Bytes of the answer's body (a Query page's size on the wire, JSON). */
  bytes: number;
  /**
   * A Query's page: the `Limit` asked for, the items answered, their size as DynamoDB counts it
   * against a page's 1 MB (itemBytes), and whether it ended with a LastEvaluatedKey (its 1 MB, or its Limit).
   */
  page?: { limit?: number; items: number; itemBytes: number; more: boolean };
}

export interface CountingProxy {
  endpoint: string;
  /** Forgets every request recorded so far (and ignores the ones still in flight). */
  reset(): void;
  /** The requests recorded since the last reset, finished ones only, in order of start. */
  records(): ProxiedRequest[];
  /** Resolves once no forwarded request is in flight. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

const DYNAMODB = 'DynamoDB_20120810.';

export async function startCountingProxy(upstream: string): Promise<CountingProxy> {
  const target = new URL(upstream);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  let generation = 0;
  let recorded: ProxiedRequest[] = [];
  let inFlight = 0;
  let idleWaiters: (() => void)[] = [];

  const settle = () => {
    inFlight--;
    if (inFlight === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      waiters.forEach((w) => w());
    }
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const start = performance.now();
    const mine = generation;
    const amzTarget = String(req.headers['x-amz-target'] ?? '');
    inFlight++;
    let done = false;
    let bytes = 0;
    // A Query's request and answer are kept to read its page (Limit, Count, LastEvaluatedKey).
    const isQuery = amzTarget === `${DYNAMODB}Query`;
    const sent: Buffer[] = [];
    const answered: Buffer[] = [];
    if (isQuery) req.on('data', (chunk: Buffer) => sent.push(chunk));
    const pageOf = (): ProxiedRequest['page'] => {
      try {
        const input = JSON.parse(Buffer.concat(sent).toString('utf8')) as { Limit?: number };
        const output = JSON.parse(Buffer.concat(answered).toString('utf8')) as { Count?: number; Items?: Record<string, AttributeValue>[]; LastEvaluatedKey?: unknown };
        const itemBytes = (output.Items ?? []).reduce((n, item) => n + sizeOfItem(item), 0);
        return { ...(input.Limit !== undefined ? { limit: input.Limit } : {}), items: output.Count ?? 0, itemBytes, more: output.LastEvaluatedKey !== undefined };
      } catch {
        return undefined;
      }
    };
    const finish = (status: number) => {
      if (done) return;
      done = true;
      const page = isQuery && status === 200 ? pageOf() : undefined;
      if (mine === generation) recorded.push({ target: amzTarget, start, end: performance.now(), status, bytes, ...(page ? { page } : {}) });
      settle();
    };
    const upstreamReq = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (isQuery) answered.push(chunk);
        });
        upstreamRes.pipe(res);
        res.once('finish', () => finish(upstreamRes.statusCode ?? 502));
        res.once('close', () => finish(upstreamRes.statusCode ?? 502));
      },
    );
    upstreamReq.once('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`counting proxy: ${error.message}`);
      finish(502);
    });
    req.pipe(upstreamReq);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => resolve());
  });
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('counting proxy: no address');
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    reset() {
      generation++;
      recorded = [];
    },
    records: () => [...recorded].sort((a, b) => a.start - b.start),
    idle: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve))),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        agent.destroy();
      }),
  };
}

/** Only DynamoDB's own API counts (`DynamoDB_20120810.*`; not Streams, not anything else). */
export const dynamoDbRequests = (records: readonly ProxiedRequest[]) => records.filter((r) => r.target.startsWith(DYNAMODB));

/** Requests by operation name (GetItem, Query...), for the details of a row. */
export function byOperation(records: readonly ProxiedRequest[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of dynamoDbRequests(records)) {
    const name = r.target.slice(DYNAMODB.length);
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Sequential round trips: the number of groups of overlapping [start, end] intervals. Requests
 * sent together (Promise.all) overlap and make one group; a request sent after another finished
 * starts a new one.
 */
export function roundTrips(records: readonly ProxiedRequest[]): number {
  const sorted = [...records].sort((a, b) => a.start - b.start);
  let groups = 0;
  let groupEnd = -Infinity;
  for (const r of sorted) {
    if (r.start > groupEnd) {
      groups++;
      groupEnd = r.end;
    } else groupEnd = Math.max(groupEnd, r.end);
  }
  return groups;
}

type AttributeValue = { S?: string; N?: string; B?: string; BOOL?: boolean; NULL?: boolean; M?: Record<string, AttributeValue>; L?: AttributeValue[]; SS?: string[]; NS?: string[]; BS?: string[] };

/** A number's size as DynamoDB counts it: about one byte per two significant digits, plus one. */
const sizeOfNumber = (n: string) => Math.ceil(n.replace(/^-/, '').replace(/e.*$/i, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length / 2) + 1;

/** An attribute value's size by DynamoDB's item-size rules (names and values in UTF-8 bytes, 3 bytes a list or map and 1 an element). */
function sizeOfValue(v: AttributeValue): number {
  if (v.S !== undefined) return Buffer.byteLength(v.S);
  if (v.N !== undefined) return sizeOfNumber(v.N);
  if (v.B !== undefined) return Buffer.from(v.B, 'base64').length;
  if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
  if (v.SS) return v.SS.reduce((n, x) => n + Buffer.byteLength(x), 0);
  if (v.NS) return v.NS.reduce((n, x) => n + sizeOfNumber(x), 0);
  if (v.BS) return v.BS.reduce((n, x) => n + Buffer.from(x, 'base64').length, 0);
  if (v.L) return 3 + v.L.reduce((n, x) => n + 1 + sizeOfValue(x), 0);
  if (v.M) return 3 + Object.entries(v.M).reduce((n, [k, x]) => n + 1 + Buffer.byteLength(k) + sizeOfValue(x), 0);
  return 0;
}

/** An item's size as DynamoDB counts it against a Query page's 1 MB. */
export const sizeOfItem = (item: Record<string, AttributeValue>): number => Object.entries(item).reduce((n, [k, v]) => n + Buffer.byteLength(k) + sizeOfValue(v), 0);
