/**
 * The single table, defined once: the CDK stateful stack and the local server both create it
 * from this. Keys and access patterns are described in ARCHITECTURE.md.
 */
export const TABLE_KEY = { partitionKey: 'pk', sortKey: 'sk' } as const;

export interface IndexDefinition {
  name: string;
  partitionKey: string;
  sortKey: string;
  /** The access patterns it serves (ARCHITECTURE.md). */
  serves: string;
}

export const TABLE_INDEXES: IndexDefinition[] = [
  {
    name: 'gsi1',
    partitionKey: 'gsi1pk',
    sortKey: 'gsi1sk',
    serves: "a tenant's partners; a tenant's users; a partner's API keys; audit by partner; email suppressions, newest first",
  },
  {
    name: 'gsi2',
    partitionKey: 'gsi2pk',
    sortKey: 'gsi2sk',
    serves: "audit by tenant; consent requests of a partner by status; devices of a tenant for a partner; a tenant's batches waiting for approval",
  },
  {
    name: 'due',
    partitionKey: 'dueKind',
    sortKey: 'dueAt',
    serves: 'items due by time for the scheduled check (sparse: only items with work pending)',
  },
];

/** TTL attribute: used only to clean up; reads always filter on expiry themselves. */
export const TTL_ATTRIBUTE = 'ttl';

/** Marks an outbox item (value `email` or `webhook`): the stream's filter passes only their insertion. */
export const OUTBOX_ATTRIBUTE = 'outbox';
