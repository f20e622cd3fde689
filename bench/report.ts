/**
 * The rows of `npm run bench`: each `{ figure, budget, unit, withinBudget, ...details }`, printed as
 * one markdown table and written to bench/results.json with the machine they were measured on.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, arch, totalmem, type } from 'node:os';

export interface Row {
  figure: number;
  /** The figure must be at most this. */
  budget: number;
  unit: string;
  withinBudget: boolean;
  [detail: string]: unknown;
}
export type Rows = Record<string, Row>;

export function machine() {
  const list = cpus();
  return {
    os: `${type()} ${release()} (${platform()} ${arch()})`,
    cpus: { model: list[0]?.model ?? 'unknown', count: list.length },
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    date: new Date().toISOString(),
  };
}

/**
 * The bundle-size rows, when bench/bundles.ts exists (the lead engineer's): its `benchBundles()`
 * answers rows of the same shape. A row without `withinBudget` is judged here (figure <= budget).
 */
export async function bundleRows(file = new URL('./bundles.ts', import.meta.url)): Promise<Rows> {
  if (!existsSync(file)) return {};
  type BundleRow = { figure: number; budget: number; unit: string; withinBudget?: boolean; [detail: string]: unknown };
  const mod = (await import(file.href)) as { benchBundles?: () => Promise<Record<string, BundleRow>> };
  if (typeof mod.benchBundles !== 'function') throw new Error('bench/bundles.ts exports no benchBundles()');
  const rows = await mod.benchBundles();
  return Object.fromEntries(Object.entries(rows).map(([key, row]): [string, Row] => [key, { ...row, withinBudget: row.withinBudget ?? row.figure <= row.budget }]));
}

const fmt = (n: unknown) => (typeof n === 'number' ? n.toLocaleString('en', { maximumFractionDigits: 2 }) : n === undefined ? '' : String(n));

/** One markdown table: every row, its figure against its budget, pass or fail. */
export function markdownTable(rows: Rows): string {
  const lines = [
    '| row | what | figure | budget | unit | round trips | within budget |',
    '|---|---|---:|---:|---|---:|:---:|',
  ];
  for (const [key, row] of Object.entries(rows)) {
    const budget = `<= ${fmt(row.budget)}`;
    // Rows with a second budget (round trips) show it next to their figure.
    const trips = row.roundTripBudget !== undefined ? `${fmt(row.roundTrips)} (<= ${fmt(row.roundTripBudget)})` : fmt(row.roundTrips);
    lines.push(`| \`${key}\` | ${String(row.description ?? '')} | ${fmt(row.figure)} | ${budget} | ${row.unit} | ${trips} | ${row.withinBudget ? 'pass' : '**FAIL**'} |`);
  }
  return lines.join('\n');
}

/**
 * The whole file: `machine` and the rows of this run. With `keep` (a run of some parts only), the
 * rows of the file this run did not measure stay, each with the machine it was measured on.
 */
export function writeResults(file: URL, rows: Rows, machineInfo: ReturnType<typeof machine>, options: { keep?: boolean } = {}): void {
  const kept: Record<string, unknown> = {};
  if (options.keep && existsSync(file)) {
    const { machine: earlier, ...old } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
    for (const [key, row] of Object.entries(old)) if (!(key in rows)) kept[key] = { ...row, machine: row.machine ?? earlier };
  }
  writeFileSync(file, `${JSON.stringify({ machine: machineInfo, ...rows, ...kept }, null, 2)}\n`);
}

/**
 * A run of some rows only (`BENCH_ONLY`): their keys replace those in the file, each with the
 * machine it was measured on; every other row, and the file's machine (that of the last full run),
 * stay as they were.
 */
export function mergeResults(file: URL, rows: Rows, machineInfo: ReturnType<typeof machine>): void {
  const existing = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : { machine: machineInfo };
  for (const [key, row] of Object.entries(rows)) existing[key] = { ...row, machine: machineInfo };
  writeFileSync(file, `${JSON.stringify(existing, null, 2)}\n`);
}
