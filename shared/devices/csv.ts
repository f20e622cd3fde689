import { parse } from 'csv-parse/sync';
import { validationFailed } from '../domain/errors.ts';
import type { DeviceInput } from '../domain/devices.ts';
import type { SubmittedRow } from './submission.ts';

/** The columns of the Partner Center and Intune CSV layouts (API.md), matched case-insensitively. */
const COLUMNS: Record<string, keyof DeviceInput | null> = {
  'device serial number': 'serialNumber',
  'windows product id': 'productKeyId',
  'hardware hash': 'hardwareHash',
  'manufacturer name': 'manufacturer',
  'device model': 'model',
  'group tag': 'groupTag',
  'assigned user': null,
};
/** Both layouts have these three; the Partner Center layout adds manufacturer and model. */
const REQUIRED: Record<string, string> = {
  'device serial number': 'Device Serial Number',
  'windows product id': 'Windows Product ID',
  'hardware hash': 'Hardware Hash',
};
export const MAX_CSV_ROWS = 1000;

export interface ParsedCsv {
  rows: SubmittedRow[];
  /** Lines csv-parse could not read (an unbalanced quote, more cells than the header): reported, not fatal. */
  malformed: { line: number; message: string }[];
}

const csvError = (message: string) => validationFailed([{ path: 'body', message }], 'CSV upload is invalid');

/** One physical line as CSV cells, by csv-parse; an error names what is wrong with the line. */
function parseLine(line: string): { cells: string[] } | { error: string } {
  try {
    const [cells = []] = parse(line, { relax_column_count: true }) as string[][];
    return { cells };
  } catch (error) {
    return { error: (error as Error).message.replace(/^Invalid \w+: /, '').replace(/ at line \d+/, '') };
  }
}

/**
 * Parses an upload: a UTF-8 BOM, CRLF, LF or mixed line ends, empty lines; the header matched
 * case-insensitively in any column order; quoted fields read by csv-parse.
 *
 * Device CSVs (Partner Center, Intune, Get-WindowsAutopilotInfo) never hold a line break inside a
 * field, so each physical line is one record. That keeps a malformed line (an unbalanced quote,
 * more cells than the header) to itself: it is reported by its own line number and every other
 * line still counts, where a stray quote would otherwise swallow the rest of the file.
 */
export function parseDeviceCsv(text: string): ParsedCsv {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex < 0) throw csvError('the CSV has no header row');
  const headerLine = parseLine(lines[headerIndex]);
  if ('error' in headerLine) throw csvError(`the header row is not readable: ${headerLine.error}`);
  const header = headerLine.cells.map((h) => h.trim().toLowerCase());
  const missing = Object.keys(REQUIRED).filter((c) => !header.includes(c));
  if (missing.length) {
    throw validationFailed(
      missing.map((c) => ({ path: 'header', message: `missing column "${REQUIRED[c]}"` })),
      'CSV upload is invalid',
    );
  }
  const rows: SubmittedRow[] = [];
  const malformed: ParsedCsv['malformed'] = [];
  lines.forEach((text, index) => {
    const line = index + 1;
    if (index <= headerIndex || text.trim() === '') return;
    const parsed = parseLine(text);
    if ('error' in parsed) return void malformed.push({ line, message: parsed.error });
    if (parsed.cells.every((v) => v.trim() === '')) return;
    if (parsed.cells.length > header.length) {
      return void malformed.push({ line, message: `${parsed.cells.length} cells, but the header has ${header.length} columns` });
    }
    const device: DeviceInput = {};
    header.forEach((name, i) => {
      const field = COLUMNS[name];
      const value = parsed.cells[i]?.trim();
      if (field && value) device[field] = value;
    });
    rows.push({ device, line });
  });
  if (rows.length + malformed.length > MAX_CSV_ROWS) {
    throw csvError(`at most ${MAX_CSV_ROWS} rows; this file has ${rows.length + malformed.length}`);
  }
  return { rows, malformed };
}
