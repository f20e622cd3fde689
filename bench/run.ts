/**
 * `npm run bench`: the benchmarks of the issues, on DynamoDB Local in memory, in one run.
 *
 * 1. Issue 14: DynamoDB requests and round trips per operation, counted by a proxy in front of
 *    DynamoDB Local while the operations go over HTTP through the local server (bench/requests.ts),
 *    then the bundle rows of bench/bundles.ts when it exists. One markdown table on stdout, and
 *    bench/results.json: one key per row, `{ figure, budget, unit, withinBudget, ...details }`, and
 *    `machine`. A row over its budget is reported, not an error: the exit code stays 0.
 * 2. Issues 5 and 11: device submissions and batches, measured in this process on the handlers'
 *    own SDK client (bench/devices.ts, bench/batches.ts); the 100,000-device batch comes last.
 *
 * Figures are counts and ratios; absolute times vary with the machine. Progress goes to stderr.
 * BENCH_RUNS (3) runs per operation, BENCH_CHECK_ITEMS (100,000) items for the scheduled check,
 * BENCH_ONLY=requests for part 1 alone.
 */
import { startBenchEngines } from './support.ts';
import { bundleRows, machine, markdownTable, writeResults } from './report.ts';

const started = Date.now();
const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
const engines = await startBenchEngines();
try {
  const { benchRequests } = await import('./requests.ts');
  const requestRows = await benchRequests(engines, log);
  log(`request rows done at ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const rows = { ...requestRows, ...(await bundleRows()) };
  log(`bundle rows done at ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const results = new URL('./results.json', import.meta.url);
  writeResults(results, rows, machine());
  console.log('\n## Issue 14: DynamoDB requests per operation, and bundles\n');
  console.log(markdownTable(rows));
  console.log(`
Counted by a proxy in front of DynamoDB Local (DynamoDB_20120810.* requests only), each operation sent
over HTTP to the local server (the route table, authorizer and handlers of \`npm start\`); the median
of ${process.env.BENCH_RUNS ?? 3} runs. Round trips: groups of overlapping requests during the operation. Emails and
webhooks leave through the stream afterwards and are not counted. Every run is in bench/results.json.`);

  if (process.env.BENCH_ONLY !== 'requests') {
    const { benchDevices } = await import('./devices.ts');
    await benchDevices();
    const { benchBatches } = await import('./batches.ts');
    await benchBatches();
  }
} finally {
  await engines.stop();
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
