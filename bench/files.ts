/**
 * Issue 20, item 3: a huge device CSV costs what its first 1,001 rows cost. Over HTTP to the local
 * server (bench/http-service.ts, the route table and handlers of `npm start`), a partner uploads to
 * `POST /v1/device-uploads`:
 *
 * - the file of the attack: `Windows Product ID`, then 3,000,000 rows of `1` (6 MB, under the
 *   6 MiB body limit), answered 400 `validation_failed` (more than 1000 rows);
 * - the same rows, 1,000 of them: answered 200, every row judged (invalid: `1` is no product key id,
 *   and the tenant has not consented), so the answer reads and judges the whole file.
 *
 * `csvHugeFileMemory`: how far the service process's peak resident set
 * (`process.resourceUsage().maxRSS`) rose over its first huge answer, from its peak after three
 * 1,000-row answers (which warm the process up); budget 50 MB. `csvHugeFileTime`: then the two
 * files alternately (5 runs each, BENCH_RUNS when more), the median time of the huge file's answer
 * over that of the 1,000-row file's; budget 3x. Before issue 20 the huge file was parsed to its end: 67.6 s (415x) and about 311 MB.
 */
import { Api } from './http-client.ts';
import type { Rows } from './report.ts';
import { startService } from './requests.ts';
import type { BenchEngines } from './support.ts';

/** Cheap runs, so more of them than the other rows' 3: BENCH_RUNS when more. */
const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 5));
const HUGE_ROWS = Number(process.env.BENCH_HUGE_CSV_ROWS ?? 3_000_000);
const TIME_BUDGET = 3;
const MEMORY_BUDGET_MB = 50;
const MB = 1024 * 1024;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const csvOf = (rows: number) => Buffer.from(`Windows Product ID\n${'1\n'.repeat(rows)}`);

export async function benchFiles(engines: BenchEngines, log: (line: string) => void): Promise<Rows> {
  const service = await startService(engines.dynamoDbEndpoint);
  try {
    const api = new Api(service.url, engines.sesUrl, engines.opsToken);
    const run = Date.now().toString(36);
    const { apiKey } = await api.createPartner(`Bench files ${run}`);
    const tenant = await api.createTenant(`f${run}`);
    const upload = async (file: Buffer, expected: number) => {
      const start = performance.now();
      const res = await fetch(`${service.url}/v1/device-uploads?tenantId=${tenant.id}`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'text/csv' }, body: new Uint8Array(file) });
      const body = (await res.json()) as { code?: string; summary?: { total: number }; errors?: { message: string }[] };
      const ms = performance.now() - start;
      if (res.status !== expected) throw new Error(`a ${file.length}-byte upload answered ${res.status}, not ${expected}: ${JSON.stringify(body).slice(0, 300)}`);
      return { ms, body };
    };
    const small = csvOf(1000);
    const huge = csvOf(HUGE_ROWS);
    log(`files: ${HUGE_ROWS.toLocaleString('en')} rows (${round(huge.length / MB)} MB) against 1,000 rows, ${RUNS} runs each...`);

    // Memory first: the peak after 1,000-row answers (which warm the process up), then after a huge one.
    for (let i = 0; i < 3; i++) await upload(small, 200);
    const before = await service.memory();
    const first = await upload(huge, 400);
    const after = await service.memory();
    const hugeAnswer = { status: 400, code: first.body.code, message: first.body.errors?.[0]?.message };
    // Then time, the two files alternately.
    const smallMs: number[] = [];
    const hugeMs: number[] = [];
    let smallAnswer: unknown;
    for (let i = 0; i < RUNS; i++) {
      hugeMs.push((await upload(huge, 400)).ms);
      const s = await upload(small, 200);
      smallMs.push(s.ms);
      smallAnswer = { status: 200, summary: s.body.summary };
    }
    const ratio = median(hugeMs) / median(smallMs);
    const growthMb = (after.maxRss - before.maxRss) / MB;
    const runs = hugeMs.map((ms, i) => ({ hugeMs: round(ms), smallMs: round(smallMs[i]) }));
    return {
      csvHugeFileTime: {
        figure: round(ratio, 2),
        budget: TIME_BUDGET,
        unit: 'x the 1,000-row answer',
        withinBudget: ratio <= TIME_BUDGET,
        description: `\`POST /v1/device-uploads\`, a ${round(huge.length / MB)} MB file of ${HUGE_ROWS.toLocaleString('en')} rows (400) against one of 1,000 rows (200): median time`,
        hugeMedianMs: round(median(hugeMs)),
        smallMedianMs: round(median(smallMs)),
        firstHugeMs: round(first.ms),
        hugeAnswer,
        smallAnswer,
        runs,
      },
      csvHugeFileMemory: {
        figure: round(growthMb),
        budget: MEMORY_BUDGET_MB,
        unit: 'MB of peak RSS',
        withinBudget: growthMb <= MEMORY_BUDGET_MB,
        description: `the same ${HUGE_ROWS.toLocaleString('en')}-row file's first answer: growth of the service process's peak resident set over its peak after 1,000-row answers`,
        maxRssBeforeMb: round(before.maxRss / MB),
        maxRssAfterMb: round(after.maxRss / MB),
        rssAfterMb: round(after.rss / MB),
        heapUsedAfterMb: round(after.heapUsed / MB),
      },
    };
  } finally {
    await service.stop();
  }
}
