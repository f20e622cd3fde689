import type { DeviceInput } from './devices.ts';

/**
 * Device claims (R26, S6): a claimant (a partner authorized for its tenant, or the tenant's own
 * global admin with proof of possession) asks that devices registered to other tenants be moved to
 * its tenant. Each device of a claim has its own state; the claim's state follows from theirs.
 *
 * ```
 *  device:  open ──release (owner)──► released ─┐
 *            │  ──contest (owner)──► contested ─┼─ grant (operator) ─► granted   (released and granted devices move)
 *            │  ──deadline (S6)────► uncontested┘─ deny (operator) ──► denied
 *            └──withdraw (claimant: open, contested, uncontested)──► withdrawn
 *  claim:   open (some device open) → with_operators (none open, some contested/uncontested) → closed
 * ```
 */

export const CLAIM_STATUSES = ['open', 'with_operators', 'closed'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const CLAIM_DEVICE_STATUSES = ['open', 'released', 'contested', 'uncontested', 'granted', 'denied', 'withdrawn'] as const;
export type ClaimDeviceStatus = (typeof CLAIM_DEVICE_STATUSES)[number];

/** R26, S6: the owner answers within 14 days of the claim. */
export const CLAIM_DEADLINE_DAYS = 14;
/** API.md: a claim names 1-1000 devices (the CLI splits a larger file into claims of 1000). */
export const MAX_CLAIM_DEVICES = 1000;

/** What moves a device, and who may make it. */
export type ClaimAction = 'release' | 'contest' | 'grant' | 'deny' | 'withdraw' | 'expire';

/** The state a device goes to by an action, or `undefined` when the action does not apply to its state. */
export function claimDeviceTransition(status: ClaimDeviceStatus, action: ClaimAction): ClaimDeviceStatus | undefined {
  switch (action) {
    case 'release':
      return status === 'open' ? 'released' : undefined;
    case 'contest':
      return status === 'open' ? 'contested' : undefined;
    case 'expire':
      return status === 'open' ? 'uncontested' : undefined;
    case 'grant':
      return status === 'contested' || status === 'uncontested' ? 'granted' : undefined;
    case 'deny':
      return status === 'contested' || status === 'uncontested' ? 'denied' : undefined;
    case 'withdraw':
      return status === 'open' || status === 'contested' || status === 'uncontested' ? 'withdrawn' : undefined;
  }
}

/** Released and granted devices move to the claimant's tenant (R26). */
export const movesDevice = (status: ClaimDeviceStatus): boolean => status === 'released' || status === 'granted';

/** A device is done with when it can change no more: its marker (one open claim a device) goes with it. */
export const isFinal = (status: ClaimDeviceStatus): boolean => status === 'released' || status === 'granted' || status === 'denied' || status === 'withdrawn';

/** API.md `claim.summary`: how many devices were claimed, and how many are in each state but `open`. */
export interface ClaimSummary {
  claimed: number;
  released: number;
  contested: number;
  uncontested: number;
  granted: number;
  denied: number;
  withdrawn: number;
}

export const emptySummary = (): ClaimSummary => ({ claimed: 0, released: 0, contested: 0, uncontested: 0, granted: 0, denied: 0, withdrawn: 0 });

/** The summary of devices in these states. */
export function summaryOf(statuses: Iterable<ClaimDeviceStatus>): ClaimSummary {
  const summary = emptySummary();
  for (const status of statuses) {
    summary.claimed++;
    if (status !== 'open') summary[status]++;
  }
  return summary;
}

/** Devices still waiting for their owner. */
export const openCount = (s: ClaimSummary): number => s.claimed - s.released - s.contested - s.uncontested - s.granted - s.denied - s.withdrawn;

/** The claim's state from its devices': open while any waits for its owner, with operators while any waits for them, else closed. */
export function claimStatusOf(summary: ClaimSummary): ClaimStatus {
  if (openCount(summary) > 0) return 'open';
  if (summary.contested + summary.uncontested > 0) return 'with_operators';
  return 'closed';
}

/** The deadline of a claim opened at `at` (S6). */
export const claimDeadline = (at: string): string => new Date(Date.parse(at) + CLAIM_DEADLINE_DAYS * 86_400_000).toISOString();

/**
 * How a claimed device is named to the claimant and in emails (never its device id, which is the
 * owner's): the serial number, else the product key id, else the start of the hardware hash.
 */
export function deviceRefOf(device: DeviceInput): string {
  if (device.serialNumber?.trim()) return [device.manufacturer?.trim(), device.model?.trim(), device.serialNumber.trim()].filter(Boolean).join(' ');
  if (device.productKeyId?.trim()) return `PKID ${device.productKeyId.trim()}`;
  const hash = device.hardwareHash?.trim() ?? '';
  return `hash ${hash.slice(0, 16)}…`;
}

/** Which devices an answer names: indexes of the claim, or all of them. */
export type DeviceSelection = number[] | 'all';

/**
 * The devices of `rows` an answer selects, judged for an action: those it moves (with their new
 * state) and whether anything at all was selected and applicable. An index that is not among the
 * rows (another owner's device, or none) is not found; a selected device the action does not apply
 * to (answered already) makes the whole answer a conflict (409) when nothing applies.
 */
export function selectForAction<R extends { index: number; status: ClaimDeviceStatus }>(
  rows: readonly R[],
  selection: DeviceSelection,
  action: ClaimAction,
): { changes: { row: R; to: ClaimDeviceStatus }[]; unknown: number[]; notApplicable: number[] } {
  const byIndex = new Map(rows.map((row) => [row.index, row]));
  const chosen = selection === 'all' ? rows : [...new Set(selection)].map((i) => byIndex.get(i)).filter((r): r is R => r !== undefined);
  const unknown = selection === 'all' ? [] : [...new Set(selection)].filter((i) => !byIndex.has(i));
  const changes: { row: R; to: ClaimDeviceStatus }[] = [];
  const notApplicable: number[] = [];
  for (const row of chosen) {
    const to = claimDeviceTransition(row.status, action);
    if (to) changes.push({ row, to });
    else if (selection !== 'all') notApplicable.push(row.index);
  }
  return { changes, unknown, notApplicable };
}
