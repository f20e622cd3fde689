import { isUtf8 } from 'node:buffer';
import { parse } from 'csv-parse/sync';
import { validationFailed } from '#shared/domain/errors.ts';
import type { DeviceInput } from '#shared/domain/devices.ts';
import type { SubmittedRow } from './submission.ts';

/**
 * Device CSV files as Microsoft's tools write them (API.md "CSV upload"), read from their bytes.
 *
 * What each tool writes, and so what this module reads:
 * - Get-WindowsAutopilotInfo (-GroupTag, -AssignedUser, -Partner) pipes `ConvertTo-Csv
 *   -NoTypeInformation`, strips every `"`, and writes with `Out-File`: UTF-16LE with a BOM in
 *   Windows PowerShell 5.1, UTF-8 without a BOM in PowerShell 7; CRLF on Windows. Layouts:
 *   `Device Serial Number,Windows Product ID,Hardware Hash` (+ `Group Tag`, + `Assigned User`), or
 *   with -Partner `...,Hardware Hash,Manufacturer name,Device model`.
 * - Export-Csv quotes every field. Windows PowerShell 5.1 writes `#TYPE <type name>` first unless
 *   -NoTypeInformation and defaults to ASCII; its -Encoding also gives Unicode (UTF-16LE BOM),
 *   BigEndianUnicode (UTF-16BE BOM), UTF8 (BOM), UTF32 (UTF-32LE BOM), UTF7 (no BOM), Default (the
 *   ANSI code page, Windows-1252 in the West) and OEM. PowerShell 7 defaults to UTF-8 without BOM,
 *   writes `#TYPE` only with -IncludeTypeInformation, and adds utf8BOM, bigendianutf32 and ansi.
 *   -UseCulture uses the culture's list separator (`;` in much of Europe), -Delimiter any.
 * - Excel: "CSV (Comma delimited)" is the ANSI code page (Windows-1252) without BOM, "CSV UTF-8"
 *   is UTF-8 with a BOM; both CRLF, quoting only where needed, the list separator as delimiter;
 *   "Unicode Text" is UTF-16LE, tab-delimited. Partner Center's layouts are
 *   `Device Serial Number,Windows Product ID,Hardware Hash,Manufacturer name,Device model`, or
 *   only the tuple's columns, or only `Windows Product ID`.
 */

/** The columns of the Partner Center, Intune and Get-WindowsAutopilotInfo layouts (API.md), matched case-insensitively. */
const COLUMNS: Record<string, keyof DeviceInput | null> = {
  'device serial number': 'serialNumber',
  'windows product id': 'productKeyId',
  'hardware hash': 'hardwareHash',
  'manufacturer name': 'manufacturer',
  'device model': 'model',
  'group tag': 'groupTag',
  'assigned user': null,
};
const TUPLE = ['manufacturer name', 'device model', 'device serial number'];
/** A tenant's export names each device and its partner: a release reads them (R24); other uploads ignore them. */
const NAMING = { deviceId: 'device id', partnerId: 'partner id' } as const;
const TITLES: Record<string, string> = {
  'device serial number': 'Device Serial Number',
  'windows product id': 'Windows Product ID',
  'hardware hash': 'Hardware Hash',
  'manufacturer name': 'Manufacturer name',
  'device model': 'Device model',
};
/** Comma first: it wins a tie. Semicolons come from -UseCulture and European Excel; tabs from Excel's "Unicode Text". */
const DELIMITERS = [',', ';', '\t'];
export const MAX_CSV_ROWS = 1000;

export interface ParsedCsv {
  rows: SubmittedRow[];
  /** Lines csv-parse could not read (an unbalanced quote, more cells than the header): reported, not fatal. */
  malformed: { line: number; message: string }[];
}

const csvError = (message: string) => validationFailed([{ path: 'body', message }], 'CSV upload is invalid');

/* ------------------------------------------------------------------------------------------------
 * Decoding: the encoding is read from the bytes (byte order marks, the NUL bytes of UTF-16, UTF-8
 * validity), never from a file name or a content type, which say nothing reliable about it.
 */

const startsWith = (bytes: Buffer, prefix: number[]) => bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

/** Files that are clearly not text, by their signature, with what to do instead. */
function notCsv(bytes: Buffer): string | undefined {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    return 'the file is an Excel workbook (.xlsx, a ZIP archive), not CSV: save it as CSV ("CSV UTF-8 (Comma delimited)")';
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return 'the file is an Excel 97-2003 workbook (.xls), not CSV: save it as CSV ("CSV UTF-8 (Comma delimited)")';
  }
  if (startsWith(bytes, [0x1f, 0x8b])) return 'the file is compressed (gzip), not CSV: send the CSV file itself';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'the file is a PDF document, not CSV';
  return undefined;
}

/**
 * Where the NUL bytes are. Text in UTF-16 has one in nearly every other byte (each ASCII character
 * is its code and a zero); no 8-bit text has any. NULs in any other pattern mean a binary file.
 */
function nulLayout(bytes: Buffer): 'none' | 'utf-16le' | 'utf-16be' | { binaryAt: number } {
  if (bytes.indexOf(0) < 0) return 'none';
  let even = 0;
  let odd = 0;
  let first = -1;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 0) continue;
    if (first < 0) first = i;
    if (i % 2) odd++;
    else even++;
  }
  if (first < 0) return 'none';
  const pairs = bytes.length / 2;
  if (odd >= pairs / 4 && even * 16 <= odd) return 'utf-16le';
  if (even >= pairs / 4 && odd * 16 <= even) return 'utf-16be';
  return { binaryAt: first };
}

function decodeUtf16(bytes: Buffer, endian: 'le' | 'be', how: string): string {
  const name = `UTF-16 (${endian === 'le' ? 'little' : 'big'}-endian, ${how})`;
  if (bytes.length % 2) throw csvError(`the file is ${name} but has an odd number of bytes (${bytes.length}): it is cut short or not UTF-16`);
  try {
    return new TextDecoder(`utf-16${endian}`, { fatal: true }).decode(bytes);
  } catch {
    throw csvError(`the file is ${name} but is not valid UTF-16 (it holds an unpaired surrogate)`);
  }
}

function decodeUtf32(bytes: Buffer, endian: 'le' | 'be'): string {
  const name = `UTF-32 (${endian === 'le' ? 'little' : 'big'}-endian)`;
  if (bytes.length % 4) throw csvError(`the file is ${name} but its length (${bytes.length} bytes) is not a multiple of 4: it is cut short`);
  // Into UTF-16 code units (never more than the file's bytes hold), then one decode: no string a character.
  const units = Buffer.alloc(bytes.length / 2);
  let at = 0;
  for (let i = 4; i < bytes.length; i += 4) {
    const code = endian === 'le' ? bytes.readUInt32LE(i) : bytes.readUInt32BE(i);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw csvError(`the file is ${name} but is not valid: byte ${i} holds no character`);
    if (code < 0x10000) at = units.writeUInt16LE(code, at);
    else at = units.writeUInt16LE(0xdc00 + ((code - 0x10000) & 0x3ff), units.writeUInt16LE(0xd800 + ((code - 0x10000) >> 10), at));
  }
  return units.toString('utf16le', 0, at);
}

/**
 * UTF-7 as .NET writes it (Export-Csv -Encoding UTF7, no BOM): ASCII where a character is
 * "directly encoded", `+<modified base64 of UTF-16BE>-` for the rest, `+-` for a plus. .NET encodes
 * `"` and `#` (optional direct characters), so such a file starts `+ACI-` (a quote) or `+ACM-`
 * (the `#` of `#TYPE`), which no CSV in another encoding does.
 */
const UTF7_START = /^\+AC[IM]/;
function decodeUtf7(text: string): string {
  return text.replace(/\+([A-Za-z0-9+/]*)-?/g, (_match, run: string) => {
    if (run === '') return '+';
    const bytes = Buffer.from(run, 'base64');
    return new TextDecoder('utf-16be').decode(bytes.subarray(0, bytes.length - (bytes.length % 2)));
  });
}

/**
 * The text of an uploaded file, its encoding detected from its bytes: a BOM (UTF-8, UTF-16LE/BE,
 * UTF-32LE/BE), else UTF-16 by its pattern of NUL bytes, else UTF-8 when the bytes are valid
 * UTF-8 (ASCII included; UTF-7 when it starts as .NET's does), else Windows-1252 (Excel's "CSV" and
 * Export-Csv -Encoding Default in Western locales; any byte decodes). A file that cannot be
 * decoded (a workbook, a binary, UTF-16 cut short or invalid) is `validation_failed` naming the
 * problem, never a misleading missing column.
 */
export function decodeCsv(bytes: Buffer): string {
  if (bytes.length === 0) throw csvError('the file is empty');
  const signature = notCsv(bytes);
  if (signature) throw csvError(signature);
  // Longest BOM first: UTF-32LE's begins with UTF-16LE's.
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00])) return decodeUtf32(bytes, 'le');
  if (startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) return decodeUtf32(bytes, 'be');
  if (startsWith(bytes, [0xff, 0xfe])) return decodeUtf16(bytes, 'le', 'with a byte order mark');
  if (startsWith(bytes, [0xfe, 0xff])) return decodeUtf16(bytes, 'be', 'with a byte order mark');
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    if (!isUtf8(bytes)) throw csvError('the file starts with a UTF-8 byte order mark but is not valid UTF-8');
    return bytes.subarray(3).toString('utf8');
  }
  const nuls = nulLayout(bytes);
  if (nuls === 'utf-16le' || nuls === 'utf-16be') return decodeUtf16(bytes, nuls === 'utf-16le' ? 'le' : 'be', 'without a byte order mark');
  if (nuls !== 'none') throw csvError(`the file is not text: it holds NUL bytes (the first at byte ${nuls.binaryAt}) and is not UTF-16`);
  if (isUtf8(bytes)) {
    const text = bytes.toString('utf8');
    return UTF7_START.test(text) ? decodeUtf7(text) : text;
  }
  return new TextDecoder('windows-1252').decode(bytes);
}

/* ------------------------------------------------------------------------------------------------
 * Parsing: a line at a time, from the first, stopping at the row over the limit, so a file of
 * millions of rows costs what its first rows cost (issue 20).
 */

/** One physical line as CSV cells, by csv-parse; an error names what is wrong with the line. */
function parseLine(line: string, delimiter: string): { cells: string[] } | { error: string } {
  try {
    const [cells = []] = parse(line, { delimiter, relax_column_count: true }) as string[][];
    return { cells };
  } catch (error) {
    return { error: (error as Error).message.replace(/^Invalid \w+: /, '').replace(/ at line \d+/, '') };
  }
}

/**
 * The lines of a text one after the other (CRLF, LF, CR or mixed ends), found as they are asked
 * for: the text is never split whole, so a reader that stops early never visits the rest.
 */
export function* linesOf(text: string): Generator<string> {
  const ends = /\r\n|\n|\r/g;
  let start = 0;
  for (let end = ends.exec(text); end; end = ends.exec(text)) {
    yield text.slice(start, end.index);
    start = ends.lastIndex;
  }
  yield text.slice(start);
}

const columnOf = (name: string) => (Object.hasOwn(COLUMNS, name) ? COLUMNS[name] : undefined);
const known = (cells: string[]) => cells.filter((c) => columnOf(c.trim().toLowerCase()) !== undefined).length;
const namesOf = (cells: string[]) => cells.map((c) => c.trim().toLowerCase());

/** The delimiter under which the header names the most device columns (a comma on a tie). */
function headerOf(line: string, given?: string): { cells: string[]; delimiter: string } {
  let best: { cells: string[]; delimiter: string; known: number } | undefined;
  let firstError: string | undefined;
  for (const delimiter of given ? [given] : DELIMITERS) {
    const parsed = parseLine(line, delimiter);
    if ('error' in parsed) {
      firstError ??= parsed.error;
      continue;
    }
    const count = known(parsed.cells);
    if (!best || count > best.known) best = { ...parsed, delimiter, known: count };
  }
  if (!best) throw csvError(`the header row is not readable: ${firstError}`);
  return best;
}

/** R17: a header names the columns of at least one identification. */
const identifies = (header: string[]) => header.includes('hardware hash') || header.includes('windows product id') || TUPLE.every((c) => header.includes(c));

/** R17: the header must hold the columns of at least one identification. */
function checkIdentifyingColumns(header: string[], raw: string): void {
  if (identifies(header)) return;
  const has = (c: string) => header.includes(c);
  const someTuple = TUPLE.filter(has);
  const detail = someTuple.length
    ? `; it has ${someTuple.map((c) => `"${TITLES[c]}"`).join(', ')} but not ${TUPLE.filter((c) => !has(c)).map((c) => `"${TITLES[c]}"`).join(', ')}`
    : known(header) === 0
      ? `; the header read was "${raw.length > 120 ? `${raw.slice(0, 120)}...` : raw}"`
      : '';
  throw validationFailed(
    [
      {
        path: 'header',
        message: `missing columns: the header needs "Hardware Hash", or "Windows Product ID", or all of "Manufacturer name", "Device model" and "Device Serial Number"${detail}`,
      },
    ],
    'CSV upload is invalid',
  );
}

/** A line that could be a header: it names a device column. Device rows never do (cheap to test on every line). */
const NAMES_A_COLUMN = /device serial number|windows product id|hardware hash|manufacturer name|device model/i;
/** Lines a file has before its header: Export-Csv's `#TYPE <type>`, Excel's `sep=<delimiter>`. */
const TYPE_LINE = /^#TYPE\b/i;
const SEP_LINE = /^sep=(.)\s*$/i;

/**
 * A header line after the header: a second file pasted after the first (`copy a.csv+b.csv`,
 * `type *.csv`, `cat`, or its text pasted in a spreadsheet). Its cells, under whichever delimiter
 * names the most columns, are all device columns or columns of the header in force, and name an
 * identification (R17); a device row never is that. The rows after it are read under it, so a
 * second file of another layout, or another delimiter, is read as that file would be alone.
 */
function pastedHeader(line: string, header: string[]): { names: string[]; delimiter: string } | undefined {
  if (!NAMES_A_COLUMN.test(line)) return undefined;
  let found;
  try {
    found = headerOf(line);
  } catch {
    return undefined;
  }
  const names = namesOf(found.cells);
  const columns = names.filter((name) => name !== '');
  if (!identifies(names) || !columns.every((name) => columnOf(name) !== undefined || header.includes(name))) return undefined;
  return { names, delimiter: found.delimiter };
}

/**
 * Parses the lines of an upload, one at a time: a BOM, empty lines; Export-Csv's `#TYPE` line and
 * Excel's `sep=` line before the header; the delimiter (comma, semicolon or tab) read from the
 * header; the header matched case-insensitively in any column order; quoted fields read by
 * csv-parse. Only the columns a row's identification needs must be present (R17).
 *
 * Device CSVs (Partner Center, Intune, Get-WindowsAutopilotInfo) never hold a line break inside a
 * field, so each physical line is one record. That keeps a malformed line (an unbalanced quote,
 * more cells than the header) to itself: it is reported by its own line number and every other
 * line still counts, where a stray quote would otherwise swallow the rest of the file.
 *
 * Files pasted together: a later file's byte order mark (U+FEFF at the start of a line), its
 * `#TYPE` and `sep=` lines and its header are skipped, never rows (pastedHeader).
 *
 * At most `maxRows` rows (MAX_CSV_ROWS; a blank line or one of empty cells is none, a malformed
 * line is one): the row after them is a 400 at once, and no line after it is read.
 */
export function parseDeviceLines(lines: Iterable<string>, options: { maxRows?: number } = {}): ParsedCsv {
  const maxRows = options.maxRows ?? MAX_CSV_ROWS;
  let header: string[] | undefined;
  let delimiter: string | undefined;
  const rows: SubmittedRow[] = [];
  const malformed: ParsedCsv['malformed'] = [];
  let line = 0;
  for (const raw of lines) {
    line++;
    const text = raw.replace(/^\uFEFF/, '');
    if (text.trim() === '' || TYPE_LINE.test(text.trim())) continue;
    const sep = SEP_LINE.exec(text);
    if (sep && (header || delimiter === undefined)) {
      if (!header) delimiter = sep[1];
      continue;
    }
    if (!header) {
      const found = headerOf(text, delimiter);
      header = namesOf(found.cells);
      delimiter = found.delimiter;
      checkIdentifyingColumns(header, text);
      continue;
    }
    const pasted = pastedHeader(text, header);
    if (pasted) {
      ({ names: header, delimiter } = pasted);
      continue;
    }
    const parsed = parseLine(text, delimiter!);
    if ('error' in parsed) malformed.push({ line, message: parsed.error });
    else if (parsed.cells.every((v) => v.trim() === '')) continue;
    else if (parsed.cells.length > header.length) malformed.push({ line, message: `${parsed.cells.length} cells, but the header has ${header.length} columns` });
    else {
      const device: DeviceInput = {};
      header.forEach((name, i) => {
        const field = columnOf(name);
        const value = parsed.cells[i]?.trim();
        if (field && value) device[field] = value;
      });
      const cell = (name: string) => parsed.cells[header!.indexOf(name)]?.trim();
      const [deviceId, partnerId] = [cell(NAMING.deviceId), cell(NAMING.partnerId)];
      rows.push({ device, line, ...(deviceId && partnerId ? { named: { deviceId, partnerId } } : {}) });
    }
    if (rows.length + malformed.length > maxRows) throw csvError(`at most ${maxRows} rows; this file has more (row ${maxRows + 1} is line ${line})`);
  }
  if (!header) throw csvError('the CSV has no header row');
  return { rows, malformed };
}

/** The text of an upload, parsed (parseDeviceLines). */
export const parseDeviceCsv = (text: string, options: { maxRows?: number } = {}): ParsedCsv => parseDeviceLines(linesOf(text), options);

/** An uploaded file, from its bytes: decoded (decodeCsv), then parsed (parseDeviceCsv). */
export const parseDeviceCsvFile = (bytes: Buffer, options: { maxRows?: number } = {}): ParsedCsv => parseDeviceCsv(decodeCsv(bytes), options);
