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
 * 3. Issue 21: the customer API at a tenant's scale (bench/tenant.ts): a page of a tenant's
 *    devices, its export, and a release batch of 100,000 devices, in the table and results.json.
 * 4. Issue 20: a device CSV of 3,000,000 rows refused at its 1,001st, against a 1,000-row upload:
 *    the ratio of their times and the service's peak memory growth (bench/files.ts).
 *
 * Figures are counts and ratios; absolute times vary with the machine. Progress goes to stderr.
 * 5. Issue 24: the tenant's audit trail at scale (bench/audit.ts): the first page of a trail of a
 *    million events against one of ten, its requests and the ratio of their times.
 *
 * BENCH_RUNS (3) runs per operation, BENCH_CHECK_ITEMS (100,000) items for the scheduled check,
 * BENCH_ONLY=claims for issue 22's claim rows alone (bench/claims.ts), BENCH_ONLY=claims-fleet for its fleet claim through the CLI alone (bench/claims-fleet.ts; BENCH_FLEET_DEVICES, 150,000), BENCH_ONLY=held for the held-batch rows (bench/held-batches.ts), BENCH_ONLY=requests for part 1 alone, BENCH_ONLY=tenant for part 3 alone (bench/tenant.ts names
 * its sizes' variables), BENCH_ONLY=files for part 4 alone (BENCH_HUGE_CSV_ROWS, 3,000,000), BENCH_ONLY=audit for part 5 alone (BENCH_AUDIT_EVENTS, 1,000,000); a partial run replaces its own rows in results.json and keeps the others.
 * BENCH_ONLY=batches for issue 26's batch rows alone (bench/batches.ts: everything a batch causes through the stream path;
 * BENCH_BATCH_SIZES, `1000:realistic,100000:tuple`), BENCH_ONLY=partitions for its per-partition simulation alone
 * (bench/partitions.ts; BENCH_SIM_TUPLE_DEVICES 4,000, BENCH_SIM_HASH_DEVICES 1,000).
 * BENCH_ONLY=uploads for issue 27's 100,000-device upload on the partner portal's page (bench/uploads.ts; BENCH_UPLOAD_DEVICES).
 * BENCH_RESULTS writes the results elsewhere (a trial at other sizes).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startBenchEngines } from './support.ts';
import { bundleRows, machine, markdownTable, mergeResults, writeResults, type Rows } from './report.ts';

const TENANT_NOTE = `
Issue 21 rows (bench/tenant.ts): the page and the export counted by the proxy as above (the export's
S3 requests by a second proxy in front of the local S3). The release batch: its HTTP calls counted by
the proxy, and the stream consumer's planner and tasks for it counted on the consumer's own SDK client,
record by record; the webhook deliveries its events cause are counted but left out of the figure, as
the registration figure (bench/batches.ts) leaves out its own. Every part is in bench/results.json.`;

const FILES_NOTE = `
Issue 20 rows (bench/files.ts): each upload over HTTP to the local server, the huge file and the 1,000-row
file alternately in one run (the medians' ratio); memory is the service process's peak resident set,
its growth over the huge answers from its peak after the 1,000-row ones.`;

const AUDIT_NOTE = `
Issue 24 rows (bench/audit.ts): the customer API's first page of the audit trail, counted by the proxy
as above; the long trail written straight into the table as the service writes audit items, the
tenants and their keys made over HTTP. The ratio compares median times of alternated runs.`;

const started = Date.now();
const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
const only = process.env.BENCH_ONLY;
const results = process.env.BENCH_RESULTS ? pathToFileURL(resolve(process.env.BENCH_RESULTS)) : new URL('./results.json', import.meta.url);
const engines = await startBenchEngines();
try {
  if (only === 'partitions') {
    const { benchPartitions } = await import('./partitions.ts');
    const rows = await benchPartitions(engines, log);
    mergeResults(results, rows, machine());
    console.log(markdownTable(rows));
  } else if (only === 'batches') {
    const { benchBatchRows } = await import('./batches.ts');
    const rows = await benchBatchRows(engines, log);
    mergeResults(results, rows, machine());
    console.log(markdownTable(rows));
  } else if (only === 'held') {
    const { benchHeldBatches } = await import('./held-batches.ts');
    const rows = await benchHeldBatches(log);
    mergeResults(results, rows, machine());
    console.log(markdownTable(rows));
  } else if (only === 'uploads') {
    const { benchUploads } = await import('./uploads.ts');
    const rows = await benchUploads(log);
    mergeResults(results, rows, machine());
    console.log(markdownTable(rows));
  } else if (only === 'claims') {
    const { benchClaims } = await import('./claims.ts');
    const rows = await benchClaims(engines, log);
    mergeResults(results, rows, machine());
    console.log('\n## Issue 22: a device claim of 1,000 devices, opened and released whole\n');
    console.log(markdownTable(rows));
  } else if (only === 'claims-fleet') {
    const { benchClaimsFleet } = await import('./claims-fleet.ts');
    const rows = await benchClaimsFleet(engines, log);
    mergeResults(results, rows, machine());
    console.log('\n## Issue 22: a fleet claim through the CLI, claims of 1,000\n');
    console.log(markdownTable(rows));
  } else if (only === 'files') {
    const { benchFiles } = await import('./files.ts');
    const rows = await benchFiles(engines, log);
    mergeResults(results, rows, machine());
    console.log('\n## Issue 20: a huge device CSV costs what its first 1,001 rows cost\n');
    console.log(markdownTable(rows));
    console.log(FILES_NOTE);
  } else if (only === 'audit') {
    const { benchAudit } = await import('./audit.ts');
    const rows = await benchAudit(engines, log);
    mergeResults(results, rows, machine());
    console.log("\n## Issue 24: the tenant's audit trail at scale\n");
    console.log(markdownTable(rows));
    console.log(AUDIT_NOTE);
  } else if (only === 'tenant') {
    const { benchTenant } = await import('./tenant.ts');
    const rows = await benchTenant(engines, log);
    mergeResults(results, rows, machine());
    console.log('\n## Issue 21: the customer API at a tenant\'s scale\n');
    console.log(markdownTable(rows));
    console.log(TENANT_NOTE);
  } else {
    const { benchRequests } = await import('./requests.ts');
    const requestRows = await benchRequests(engines, log);
    log(`request rows done at ${((Date.now() - started) / 1000).toFixed(0)} s`);
    let tenantRows: Rows = {};
    let fileRows: Rows = {};
    let auditRows: Rows = {};
    if (only !== 'requests') {
      const { benchTenant } = await import('./tenant.ts');
      tenantRows = await benchTenant(engines, log);
      log(`tenant rows done at ${((Date.now() - started) / 1000).toFixed(0)} s`);
      const { benchFiles } = await import('./files.ts');
      fileRows = await benchFiles(engines, log);
      log(`file rows done at ${((Date.now() - started) / 1000).toFixed(0)} s`);
      const { benchAudit } = await import('./audit.ts');
      auditRows = await benchAudit(engines, log);
      log(`audit rows done at ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
    const rows = { ...requestRows, ...tenantRows, ...fileRows, ...auditRows, ...(await bundleRows()) };
    log(`bundle rows done at ${((Date.now() - started) / 1000).toFixed(0)} s`);
    writeResults(results, rows, machine(), { keep: only !== undefined });
    console.log('\n## Issue 14: DynamoDB requests per operation, and bundles\n');
    console.log(markdownTable(rows));
    console.log(`
Counted by a proxy in front of DynamoDB Local (DynamoDB_20120810.* requests only), each operation sent
over HTTP to the local server (the route table, authorizer and handlers of \`npm start\`); the median
of ${process.env.BENCH_RUNS ?? 3} runs. Round trips: groups of overlapping requests during the operation. Emails and
webhooks leave through the stream afterwards and are not counted. Every run is in bench/results.json.`);
    if (only !== 'requests') console.log(`${TENANT_NOTE}\n${FILES_NOTE}\n${AUDIT_NOTE}`);

    if (only !== 'requests') {
      const { benchDevices } = await import('./devices.ts');
      await benchDevices();
      const { benchBatches, benchBatchRows } = await import('./batches.ts');
      await benchBatches();
      mergeResults(results, await benchBatchRows(engines, log), machine());
      const { benchPartitions } = await import('./partitions.ts');
      mergeResults(results, await benchPartitions(engines, log), machine());
    }
  }
} finally {
  await engines.stop();
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
