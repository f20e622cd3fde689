/**
 * Issue 26, item 2: the pure part of the partition simulation (bench/partitions.ts). What each
 * recorded request costs each partition key value in DynamoDB's units, by the documented rules:
 *
 * - a write: 1 WCU per KB (rounded up, at least 1) of the larger of the item before and after it,
 *   twice in a transaction; a ConditionCheck in a transaction is billed as a transactional write of
 *   the item it checks (the condition's item, 2 WCU per KB), conservatively, as AWS bills it;
 * - on each index the item is on before or after (both of its keys present): a write of the
 *   projected item (ALL unless the index definition says otherwise) on its partition, a delete of the
 *   old one and a put of the new one when its key changed, nothing when nothing changed;
 * - a read: 1 RCU per 4 KB of the items a request read (a Query's pages together, each item of a
 *   GetItem or BatchGetItem alone), half that when eventually consistent, twice in a transaction.
 *
 * And how partition key values group into patterns (`patternOf`): the ids the simulation made
 * become `{partner}`, `{tenant}`, `{batch}`, other ids `{id}`, a number of up to 3 digits `{shard}`
 * (so a key spread over shards is reported per shard, whatever its shard count), a longer one `{n}`.
 */
import { TABLE_INDEXES, TABLE_KEY } from '#shared/table/definition.ts';
import { sizeOfItem } from './proxy.ts';

export type AttributeValue = Parameters<typeof sizeOfItem>[0][string];
export type Item = Record<string, AttributeValue>;

export interface RecordedWrite {
  action: 'put' | 'update' | 'delete' | 'check';
  transactional: boolean;
  before?: Item;
  after?: Item;
  /** The item's key, as sent (the before and after images may both be absent). */
  key: Item;
}

export interface RecordedRead {
  kind: 'query' | 'get';
  /** `table` or an index name. */
  index: string;
  partition: string;
  /** DynamoDB's size of the items read (for a filtered Query, scaled to those it scanned). */
  bytes: number;
  consistent: boolean;
  transactional: boolean;
  /** A GetItem/BatchGetItem item read alone (rounded alone), or a Query's pages (rounded together). */
  items: number;
}

/** One unit of load on one partition key value. */
export interface Charge {
  index: string;
  partition: string;
  kind: 'write' | 'read';
  units: number;
}

const KB = 1024;
const str = (v: AttributeValue | undefined) => v?.S ?? v?.N;

type IndexShape = { name: string; partitionKey: string; sortKey: string; projectionType?: string; nonKeyAttributes?: string[] };

/** The item an index holds for `item` (null when the item is not on it), by the index's projection. */
export function projected(item: Item | undefined, index: IndexShape): Item | null {
  if (!item || str(item[index.partitionKey]) === undefined || str(item[index.sortKey]) === undefined) return null;
  const type = (index.projectionType ?? 'ALL').toUpperCase();
  if (type === 'ALL') return item;
  const keep = new Set([TABLE_KEY.partitionKey, TABLE_KEY.sortKey, index.partitionKey, index.sortKey, ...(type === 'INCLUDE' ? (index.nonKeyAttributes ?? []) : [])]);
  return Object.fromEntries(Object.entries(item).filter(([k]) => keep.has(k)));
}

const writeUnits = (item: Item | null | undefined) => Math.max(1, Math.ceil((item ? sizeOfItem(item) : 0) / KB));
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What one write costs, on the table's partition and on every index partition it touches. */
export function chargesOfWrite(w: RecordedWrite, indexes: readonly IndexShape[] = TABLE_INDEXES): Charge[] {
  const pk = str(w.key[TABLE_KEY.partitionKey]) ?? str(w.after?.[TABLE_KEY.partitionKey]) ?? str(w.before?.[TABLE_KEY.partitionKey]) ?? '?';
  const larger = Math.max(w.before ? sizeOfItem(w.before) : 0, w.after ? sizeOfItem(w.after) : 0);
  const base = Math.max(1, Math.ceil(larger / KB)) * (w.transactional ? 2 : 1);
  const charges: Charge[] = [{ index: 'table', partition: pk, kind: 'write', units: base }];
  if (w.action === 'check') return charges;
  for (const index of indexes) {
    const old = projected(w.before, index);
    const now = projected(w.after, index);
    const oldPk = old ? str(old[index.partitionKey])! : undefined;
    const newPk = now ? str(now[index.partitionKey])! : undefined;
    if (old && now && oldPk === newPk && same(old[index.sortKey], now[index.sortKey])) {
      if (!same(old, now)) charges.push({ index: index.name, partition: newPk!, kind: 'write', units: writeUnits(now) });
      continue;
    }
    if (old) charges.push({ index: index.name, partition: oldPk!, kind: 'write', units: writeUnits(old) });
    if (now) charges.push({ index: index.name, partition: newPk!, kind: 'write', units: writeUnits(now) });
  }
  return charges;
}

/** What one read costs its partition. */
export function chargeOfRead(r: RecordedRead): Charge {
  const blocks = Math.max(1, Math.ceil(r.bytes / (4 * KB)));
  const units = r.transactional ? blocks * 2 : r.consistent ? blocks : blocks / 2;
  return { index: r.index, partition: r.partition, kind: 'read', units };
}

/**
 * The pattern of a partition key value: the simulation's own ids by name (`known`), other ids
 * `{id}`, short numbers `{shard}`, long ones `{n}`; words stay.
 */
export function patternOf(value: string, known: ReadonlyMap<string, string>): string {
  return value
    .split('#')
    .map((segment) => {
      const name = known.get(segment);
      if (name) return `{${name}}`;
      if (/^\d{1,3}$/.test(segment)) return '{shard}';
      if (/^\d+$/.test(segment)) return '{n}';
      if (/^[A-Za-z][A-Za-z_-]{0,31}$/.test(segment) && !/^[a-z]+_[0-9a-f]{8,}$/.test(segment)) return segment;
      return '{id}';
    })
    .join('#');
}

/** A worker's pace in the simulation: device transactions a second (the measured figure). */
export const TRANSACTIONS_PER_WORKER_SECOND = 80;

/** DynamoDB's ceiling per partition key value, per second. */
export const LIMITS = { write: 1000, read: 3000 } as const;

export interface Scenario {
  name: string;
  /** Which recording it scales: a batch of tuple-only devices, or devices with hashes. */
  devices: 'tuple' | 'hash';
  workers: number;
  /** At most how many of the workers work at once on one batch, one partner, one tenant, one (partner, tenant). */
  perBatch: number;
  perPartner: number;
  perTenant: number;
  perPair: number;
}

/** How many of a scenario's workers meet on one value of a pattern. */
export function workersSharing(pattern: string, s: Scenario): number {
  if (pattern.includes('{id}') || pattern.includes('{n}')) return 1; // one item's own partition
  if (pattern.includes('{batch}')) return s.perBatch;
  if (pattern.includes('{partner}') && pattern.includes('{tenant}')) return s.perPair;
  if (pattern.includes('{partner}')) return s.perPartner;
  if (pattern.includes('{tenant}')) return s.perTenant;
  return s.workers;
}

export interface ValueLoad {
  index: string;
  partition: string;
  kind: 'write' | 'read';
  units: number;
  /** The first and last device transaction (the recording's clock) during which the value was charged. */
  first: number;
  last: number;
}

/**
 * One worker's rate on each value: its units over the time they took at the worker's pace (the
 * span of device transactions that charged it, at least one second's worth or the whole recording
 * when shorter), grouped by pattern: a pattern's rate is its hottest value's, except for a sharded
 * one (`{shard}`), whose rate is the pattern's whole rate spread over its shards: as many as the
 * recording touched, or the highest shard number seen plus one when more (a small recording touches
 * few of many shards; at 1,000x they even out; the hottest shard of a small recording overstates
 * them; `hottestRate` keeps it).
 */
export function ratesByPattern(loads: Iterable<ValueLoad>, transactions: number, known: ReadonlyMap<string, string>) {
  const floor = Math.max(1, Math.min(TRANSACTIONS_PER_WORKER_SECOND, transactions));
  const out = new Map<string, { index: string; pattern: string; kind: 'write' | 'read'; rate: number; hottestRate: number; values: number; shards: number; total: number; hottest: string }>();
  for (const v of loads) {
    const span = Math.max(floor, v.last - v.first + 1);
    const rate = (v.units * TRANSACTIONS_PER_WORKER_SECOND) / span;
    const pattern = patternOf(v.partition, known);
    const id = `${v.kind} ${v.index} ${pattern}`;
    const entry = out.get(id) ?? { index: v.index, pattern, kind: v.kind, rate: 0, hottestRate: 0, values: 0, shards: 0, total: 0, hottest: '' };
    entry.values++;
    entry.total += rate;
    if (rate > entry.hottestRate) {
      entry.hottestRate = rate;
      entry.hottest = v.partition;
    }
    const shard = v.partition.split('#').filter((segment) => /^\d{1,3}$/.test(segment)).map(Number).at(-1) ?? 0;
    entry.shards = Math.max(entry.values, entry.shards, shard + 1);
    entry.rate = pattern.includes('{shard}') ? entry.total / entry.shards : entry.hottestRate;
    out.set(id, entry);
  }
  return out;
}
