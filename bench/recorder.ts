/**
 * Issue 26, item 2: a recording proxy in front of DynamoDB Local for the partition simulation
 * (bench/partitions.ts). Like bench/proxy.ts it forwards every request unchanged; it also keeps
 * what each one did to each partition key value: for a write, the item before and after it (read
 * with a consistent BatchGetItem of its own just before forwarding it and right after its answer,
 * not recorded: the simulation runs one stream consumer and sequential calls, so nothing else
 * writes those items in between); for a read, the partition it read and the size of what it read.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { TABLE_INDEXES, TABLE_KEY } from '#shared/table/definition.ts';
import { sizeOfItem } from './proxy.ts';
import type { Item, RecordedRead, RecordedWrite } from './partition-model.ts';

export interface RecordedRequest {
  seq: number;
  operation: string;
  ok: boolean;
  writes: RecordedWrite[];
  reads: RecordedRead[];
}

export interface RecordingProxy {
  endpoint: string;
  reset(): void;
  records(): RecordedRequest[];
  idle(): Promise<void>;
  stop(): Promise<void>;
}

const PREFIX = 'DynamoDB_20120810.';
type Json = any;

const keyOf = (item: Item): Item => ({ [TABLE_KEY.partitionKey]: item[TABLE_KEY.partitionKey], [TABLE_KEY.sortKey]: item[TABLE_KEY.sortKey] });
const keyId = (key: Item) => JSON.stringify([key[TABLE_KEY.partitionKey], key[TABLE_KEY.sortKey]]);
const pkOf = (item: Item) => String(item[TABLE_KEY.partitionKey]?.S ?? item[TABLE_KEY.partitionKey]?.N ?? '?');

/** The partition a Query reads: its key condition's equality on the partition key of its table or index. */
function queryPartition(input: Json): { index: string; partition: string } {
  const index = input.IndexName ?? 'table';
  const attribute = index === 'table' ? TABLE_KEY.partitionKey : (TABLE_INDEXES.find((i) => i.name === index)?.partitionKey ?? '?');
  const names: Record<string, string> = input.ExpressionAttributeNames ?? {};
  for (const [, name, value] of String(input.KeyConditionExpression ?? '').matchAll(/([#\w]+)\s*=\s*(:\w+)/g)) {
    if ((names[name] ?? name) === attribute) return { index, partition: String(input.ExpressionAttributeValues?.[value]?.S ?? input.ExpressionAttributeValues?.[value]?.N) };
  }
  return { index, partition: '?' };
}

export async function startRecordingProxy(upstream: string): Promise<RecordingProxy> {
  let recorded: RecordedRequest[] = [];
  let generation = 0;
  let seq = 0;
  let inFlight = 0;
  let waiters: (() => void)[] = [];
  const call = async (target: string, body: unknown): Promise<{ status: number; text: string }> => {
    const res = await fetch(upstream, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `${PREFIX}${target}`, authorization: 'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0' },
      body: JSON.stringify(body),
    });
    return { status: res.status, text: await res.text() };
  };
  /** The items at these keys now (consistent reads, 100 keys a request). */
  const images = async (table: string, keys: Item[]): Promise<Map<string, Item>> => {
    const found = new Map<string, Item>();
    const unique = [...new Map(keys.map((k) => [keyId(k), k])).values()];
    for (let i = 0; i < unique.length; i += 100) {
      let pending: Json = { [table]: { Keys: unique.slice(i, i + 100), ConsistentRead: true } };
      while (pending && Object.keys(pending).length > 0) {
        const out = JSON.parse((await call('BatchGetItem', { RequestItems: pending })).text);
        for (const item of (out.Responses?.[table] ?? []) as Item[]) found.set(keyId(keyOf(item)), item);
        pending = out.UnprocessedKeys;
      }
    }
    return found;
  };

  /** The writes a request asks for: their table, key, action and whether in a transaction. */
  const writesOf = (operation: string, input: Json): { table: string; key: Item; action: RecordedWrite['action']; transactional: boolean }[] => {
    switch (operation) {
      case 'PutItem':
        return [{ table: input.TableName, key: keyOf(input.Item), action: 'put', transactional: false }];
      case 'UpdateItem':
        return [{ table: input.TableName, key: input.Key, action: 'update', transactional: false }];
      case 'DeleteItem':
        return [{ table: input.TableName, key: input.Key, action: 'delete', transactional: false }];
      case 'BatchWriteItem':
        return Object.entries(input.RequestItems as Record<string, Json[]>).flatMap(([table, requests]) =>
          requests.map((r) => (r.PutRequest ? { table, key: keyOf(r.PutRequest.Item), action: 'put' as const, transactional: false } : { table, key: r.DeleteRequest.Key, action: 'delete' as const, transactional: false })),
        );
      case 'TransactWriteItems':
        return (input.TransactItems as Json[]).map((t) =>
          t.Put ? { table: t.Put.TableName, key: keyOf(t.Put.Item), action: 'put' as const, transactional: true }
          : t.Update ? { table: t.Update.TableName, key: t.Update.Key, action: 'update' as const, transactional: true }
          : t.Delete ? { table: t.Delete.TableName, key: t.Delete.Key, action: 'delete' as const, transactional: true }
          : { table: t.ConditionCheck.TableName, key: t.ConditionCheck.Key, action: 'check' as const, transactional: true },
        );
      default:
        return [];
    }
  };

  /** The reads a request made, from its input and its answer. */
  const readsOf = (operation: string, input: Json, output: Json): RecordedRead[] => {
    const get = (item: Item | undefined, consistent: boolean, transactional: boolean, key?: Item): RecordedRead => ({
      kind: 'get', index: 'table', partition: item ? pkOf(item) : key ? pkOf(key) : '?', bytes: item ? sizeOfItem(item) : 0, consistent, transactional, items: 1,
    });
    switch (operation) {
      case 'GetItem':
        return [get(output.Item, input.ConsistentRead === true, false, input.Key)];
      case 'BatchGetItem':
        return Object.entries((output.Responses ?? {}) as Record<string, Item[]>).flatMap(([table, items]) => items.map((item) => get(item, input.RequestItems?.[table]?.ConsistentRead === true, false)));
      case 'TransactGetItems':
        return ((output.Responses ?? []) as { Item?: Item }[]).map((r, i) => get(r.Item, true, true, input.TransactItems?.[i]?.Get?.Key));
      case 'Query': {
        const { index, partition } = queryPartition(input);
        const items = (output.Items ?? []) as Item[];
        let bytes = items.reduce((n, item) => n + sizeOfItem(item), 0);
        if (output.ScannedCount > items.length && items.length > 0) bytes = (bytes / items.length) * output.ScannedCount;
        return [{ kind: 'query', index, partition, bytes, consistent: input.ConsistentRead === true, transactional: false, items: output.ScannedCount ?? items.length }];
      }
      default:
        return [];
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(PREFIX) ? target.slice(PREFIX.length) : '';
    const mine = generation;
    let input: Json = {};
    try {
      input = operation ? JSON.parse(body.toString('utf8')) : {};
    } catch { /* forwarded as it is */ }
    const writes = operation ? writesOf(operation, input) : [];
    const table = writes[0]?.table;
    const before = table ? await images(table, writes.map((w) => w.key)) : new Map<string, Item>();
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'content-length' && k !== 'connection') headers[k] = v;
    const answer = await fetch(upstream + (req.url ?? '/'), { method: req.method, headers, body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body });
    const text = await answer.text();
    const ok = answer.status === 200;
    if (operation && mine === generation) {
      const after = ok && table ? await images(table, writes.map((w) => w.key)) : new Map<string, Item>();
      let output: Json = {};
      try {
        output = ok ? JSON.parse(text) : {};
      } catch { /* no reads */ }
      recorded.push({
        seq: seq++,
        operation,
        ok,
        writes: ok ? writes.map((w) => ({ action: w.action, transactional: w.transactional, key: w.key, before: before.get(keyId(w.key)), after: w.action === 'check' ? undefined : after.get(keyId(w.key)) })) : [],
        reads: ok ? readsOf(operation, input, output) : [],
      });
    }
    const out: Record<string, string> = {};
    answer.headers.forEach((v, k) => {
      if (k !== 'content-length' && k !== 'content-encoding' && k !== 'transfer-encoding' && k !== 'connection') out[k] = v;
    });
    res.writeHead(answer.status, out);
    res.end(text);
  };

  const server = createServer((req, res) => {
    inFlight++;
    handle(req, res)
      .catch((error) => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`recording proxy: ${(error as Error).message}`);
      })
      .finally(() => {
        if (--inFlight === 0) {
          const w = waiters;
          waiters = [];
          w.forEach((f) => f());
        }
      });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1' }, () => resolve()));
  const address = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    reset() {
      generation++;
      recorded = [];
    },
    records: () => [...recorded],
    idle: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
