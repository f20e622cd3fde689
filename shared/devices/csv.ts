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
  /** Rows csv-parse could not read (e.g. an unclosed quote), by line: reported, not fatal. */
  malformed: { line: number; message: string }[];
}

/**
 * Parses an upload with csv-parse (quotes, CRLF, a UTF-8 BOM, empty lines), maps the header to
 * device fields in any order, and keeps each record's line number for the answer.
 */
export function parseDeviceCsv(text: string): ParsedCsv {
  const malformed: ParsedCsv['malformed'] = [];
  let header: string[] | undefined;
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      // Fewer cells (trailing empty columns dropped by spreadsheets) is fine; more is a malformed row.
      relax_column_count_less: true,
      info: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        if (error) malformed.push({ line: (error as { lines?: number }).lines ?? 0, message: error.message.replace(/^Invalid Record Length: /, '') });
      },
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    throw validationFailed([{ path: 'body', message: `not readable as CSV: ${(error as Error).message}` }], 'CSV upload is invalid');
  }
  const [first, ...data] = records;
  if (!first) throw validationFailed([{ path: 'body', message: 'the CSV has no header row' }], 'CSV upload is invalid');
  header = first.record.map((h) => h.trim().toLowerCase());
  const missing = Object.keys(REQUIRED).filter((c) => !header!.includes(c));
  if (missing.length) {
    throw validationFailed(
      missing.map((c) => ({ path: 'header', message: `missing column "${REQUIRED[c]}"` })),
      'CSV upload is invalid',
    );
  }
  const rows = data.filter(({ record }) => record.some((v) => v.trim() !== ''));
  if (rows.length > MAX_CSV_ROWS) {
    throw validationFailed([{ path: 'body', message: `at most ${MAX_CSV_ROWS} rows; this file has ${rows.length}` }], 'CSV upload is invalid');
  }
  return {
    malformed,
    rows: rows.map(({ record, info }) => {
      const device: DeviceInput = {};
      header!.forEach((name, i) => {
        const field = COLUMNS[name];
        const value = record[i]?.trim();
        if (field && value) device[field] = value;
      });
      return { device, line: info.lines };
    }),
  };
}
