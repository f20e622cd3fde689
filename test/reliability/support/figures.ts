import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One line of the suite's figures: what was tried, how many, what went wrong, and the outcome. */
export interface FigureRow {
  category: string;
  cases: number;
  /** Answers of status 500 or more (a 503 `unavailable` under injected faults is counted apart, in `outcome`). */
  fiveXx: number;
  /** Answers that showed internal detail (a stack, an AWS error name, a secret, another partner's data). */
  leaks: number;
  outcome: string;
}

/** Records a file's figures; the project's teardown prints every file's in one table. */
export function recordFigures(file: string, rows: FigureRow[]): void {
  const dir = process.env.RELIABILITY_FIGURES_DIR;
  if (!dir) return;
  writeFileSync(join(dir, `${file}.json`), JSON.stringify(rows));
}

export function formatFigures(rows: FigureRow[]): string {
  const header = ['category', 'cases', '5xx*', 'leaks', 'outcome'];
  const table = [header, ...rows.map((r) => [r.category, String(r.cases), String(r.fiveXx), String(r.leaks), r.outcome])];
  const widths = header.map((_, i) => Math.max(...table.map((row) => row[i].length)));
  const line = (row: string[]) => `| ${row.map((cell, i) => (i >= 1 && i <= 3 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i >= 1 && i <= 3 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  const total = rows.reduce((sum, r) => ({ cases: sum.cases + r.cases, fiveXx: sum.fiveXx + r.fiveXx, leaks: sum.leaks + r.leaks }), { cases: 0, fiveXx: 0, leaks: 0 });
  return [
    'Reliability suite (npm run test:reliability)',
    line(table[0]),
    rule,
    ...table.slice(1).map(line),
    line(['total', String(total.cases), String(total.fiveXx), String(total.leaks), '']),
    '* answers of 500 or more, but the retryable 503 `unavailable` an injected fault calls for (counted in its outcome)',
  ].join('\n');
}
