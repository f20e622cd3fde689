/**
 * The kinds of work on the table's sparse `due` index, in the order the scheduled check does them
 * (S1-S6): pending requests, delegated admin roles, held batches (S5), device claims at their deadline (S6), and the outbox (emails,
 * webhooks and batch tasks in one kind, each item naming its channel; spread over shards, shared/table/keys.ts `dueKeys`). A
 * constant module with no imports: the CDK app reads it to build the schedule's input.
 */
export const DUE_KINDS = ['request', 'dap', 'held', 'outbox', 'claim'] as const;
export type DueKind = (typeof DUE_KINDS)[number];

/** The outbox alone: retried every minute so S4's back-off (1, 4, 16 minutes...) is kept, not rounded up to the hour. */
export const OUTBOX_KINDS: readonly DueKind[] = ['outbox'];
