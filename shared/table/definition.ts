/**
 * The single table, defined once: the CDK stateful stack and the local server both create it
 * from this. Keys and access patterns are described in ARCHITECTURE.md.
 */
export const TABLE_KEY = { partitionKey: 'pk', sortKey: 'sk' } as const;

/** Units a second a table or an index serves at once, without waiting for DynamoDB to scale up (AWS only). */
export interface WarmThroughput {
  readUnitsPerSecond: number;
  writeUnitsPerSecond: number;
}

/** What a new on-demand table or index is warmed to anyway: no warm throughput is set below it. */
const ON_DEMAND_INITIAL: WarmThroughput = { readUnitsPerSecond: 12_000, writeUnitsPerSecond: 4_000 };

/** A quarter above the peak: the simulation's rates are per scenario, a real peak mixes them. */
const HEADROOM = 1.25;
const warm = (peak: { read?: number; write?: number }): WarmThroughput => ({
  readUnitsPerSecond: Math.max(ON_DEMAND_INITIAL.readUnitsPerSecond, Math.ceil(((peak.read ?? 0) * HEADROOM) / 1000) * 1000),
  writeUnitsPerSecond: Math.max(ON_DEMAND_INITIAL.writeUnitsPerSecond, Math.ceil(((peak.write ?? 0) * HEADROOM) / 1000) * 1000),
});

/**
 * The peak units a second of the table and each index, every partition together, at 1,000x
 * today's load: issue 26's simulation (`BENCH_ONLY=partitions npm run bench`, bench/partitions.ts,
 * the `throughput` of its rows), whose peak is the scenario "1,000 batches, one OEM" (100 workers
 * at 80 device transactions a second). Sharding spreads an index's writes over partitions but does
 * not change their sum. Figures of main with every issue 26 change merged (20:35, one run): run
 * the simulation again after a change of what a device write touches, and put its peak here.
 */
export const PEAK_UNITS = {
  due: { write: 17_714 },
  gsi1: { write: 964_381 },
  gsi2: { write: 957_905 },
  table: { write: 3_131_238, read: 194_095 },
} as const;

/**
 * The table's warm throughput (issue 26, CDK `warmThroughput`; each index's is on its definition):
 * its peak in PEAK_UNITS with a quarter of headroom, rounded up to a thousand, never below what a
 * new on-demand table starts with. On AWS the account's table-level throughput quota (40,000
 * units a second by default) must be raised above these before the first deploy that sets them.
 */
export const TABLE_WARM_THROUGHPUT: WarmThroughput = warm(PEAK_UNITS.table);

export interface IndexDefinition {
  name: string;
  partitionKey: string;
  sortKey: string;
  /** The access patterns it serves (ARCHITECTURE.md). */
  serves: string;
  /** What it is warmed to on AWS: its peak in PEAK_UNITS with headroom (issue 26). */
  warmThroughput: WarmThroughput;
}

export const TABLE_INDEXES: IndexDefinition[] = [
  {
    name: 'gsi1',
    partitionKey: 'gsi1pk',
    sortKey: 'gsi1sk',
    serves: "a tenant's partners; a tenant's users; a partner's API keys; audit by partner; email suppressions, newest first",
    warmThroughput: warm(PEAK_UNITS.gsi1),
  },
  {
    name: 'gsi2',
    partitionKey: 'gsi2pk',
    sortKey: 'gsi2sk',
    serves: "audit by tenant; consent requests of a partner by status; devices of a tenant for a partner; a tenant's batches waiting for approval",
    warmThroughput: warm(PEAK_UNITS.gsi2),
  },
  {
    name: 'due',
    partitionKey: 'dueKind',
    sortKey: 'dueAt',
    serves: 'items due by time for the scheduled check (sparse: only items with work pending; the outbox over 64 shards, keys.ts `dueKeys`)',
    warmThroughput: warm(PEAK_UNITS.due),
  },
];

/** TTL attribute: used only to clean up; reads always filter on expiry themselves. */
export const TTL_ATTRIBUTE = 'ttl';

/** Marks an outbox item (value `email` or `webhook`): the stream's filter passes only their insertion. */
export const OUTBOX_ATTRIBUTE = 'outbox';
