/**
 * Device CSV files byte for byte as Microsoft's tools write them, generated in code so each
 * fixture says which tool, version and options it stands for. What the tools do (see also
 * shared/devices/csv.ts):
 *
 * - Get-WindowsAutopilotInfo.ps1 (PowerShell Gallery) ends with
 *   `$computers | Select-Object <columns> | ConvertTo-CSV -NoTypeInformation | % {$_ -replace '"',''} | Out-File $OutputFile`:
 *   every quote removed, one line per device, written by Out-File: UTF-16LE with a BOM in Windows
 *   PowerShell 5.1 ("Unicode", its default), UTF-8 without a BOM in PowerShell 7 (utf8NoBOM); CRLF
 *   after every line on Windows. Columns: `Device Serial Number,Windows Product ID,Hardware Hash`,
 *   with -GroupTag `+ Group Tag`, with -AssignedUser `+ Group Tag,Assigned User`, with -Partner
 *   `...,Hardware Hash,Manufacturer name,Device model`. The product id is empty.
 * - Export-Csv quotes every field (`"..."`, inner quotes doubled); a $null value is nothing
 *   between the delimiters. Windows PowerShell 5.1 writes `#TYPE <type>` first unless
 *   -NoTypeInformation, and encodes in ASCII unless -Encoding (Unicode, BigEndianUnicode, UTF8 with
 *   BOM, UTF32, UTF7, Default = ANSI, OEM). PowerShell 7 writes no `#TYPE` unless
 *   -IncludeTypeInformation and encodes UTF-8 without BOM unless -Encoding (utf8BOM, unicode,
 *   bigendianunicode, utf32, bigendianutf32, ascii, ansi, oem, utf7). -UseCulture or -Delimiter
 *   change the delimiter (`;` for de-DE, fr-FR...).
 * - Excel "CSV (Comma delimited)": the ANSI code page (Windows-1252 in Western locales), no BOM;
 *   "CSV UTF-8 (Comma delimited)": UTF-8 with a BOM. Both quote only a field holding the
 *   delimiter, a quote or a line break, end every row with CRLF, and use the locale's list
 *   separator (`;` where the decimal separator is a comma).
 */

export interface FixtureDevice {
  serialNumber?: string;
  productKeyId?: string;
  hardwareHash?: string;
  manufacturer?: string;
  model?: string;
  groupTag?: string;
  assignedUser?: string;
}

const COLUMN_FIELDS: Record<string, keyof FixtureDevice> = {
  'Device Serial Number': 'serialNumber',
  'Windows Product ID': 'productKeyId',
  'Hardware Hash': 'hardwareHash',
  'Manufacturer name': 'manufacturer',
  'Device model': 'model',
  'Group Tag': 'groupTag',
  'Assigned User': 'assignedUser',
};

/** Get-WindowsAutopilotInfo's column sets, by switch. */
export const AUTOPILOT_LAYOUTS = {
  default: ['Device Serial Number', 'Windows Product ID', 'Hardware Hash'],
  groupTag: ['Device Serial Number', 'Windows Product ID', 'Hardware Hash', 'Group Tag'],
  assignedUser: ['Device Serial Number', 'Windows Product ID', 'Hardware Hash', 'Group Tag', 'Assigned User'],
  partner: ['Device Serial Number', 'Windows Product ID', 'Hardware Hash', 'Manufacturer name', 'Device model'],
} as const;

/** Partner Center's layouts: the full one, the tuple only, the product key id only. */
export const PARTNER_CENTER_LAYOUTS = {
  full: ['Device Serial Number', 'Windows Product ID', 'Hardware Hash', 'Manufacturer name', 'Device model'],
  tuple: ['Manufacturer name', 'Device model', 'Device Serial Number'],
  productKey: ['Windows Product ID'],
} as const;

/* Encoders ------------------------------------------------------------------------------------- */

const CP1252_BYTE = new Map<string, number>();
{
  const decoder = new TextDecoder('windows-1252');
  for (let b = 0; b < 256; b++) CP1252_BYTE.set(decoder.decode(Uint8Array.of(b)), b);
}

/** Windows-1252 ("ANSI" on Western Windows): a character it lacks becomes `?`, as .NET and Excel write it. */
export const windows1252 = (text: string): Buffer => Buffer.from([...text].map((c) => CP1252_BYTE.get(c) ?? 0x3f));

/** ASCII as .NET's ASCIIEncoding writes it: anything above 0x7F becomes `?`. */
export const ascii = (text: string): Buffer => Buffer.from([...text].map((c) => (c.codePointAt(0)! < 0x80 ? c.codePointAt(0)! : 0x3f)));

export const utf8 = (text: string, bom = false): Buffer => Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);

export function utf16(text: string, endian: 'le' | 'be', bom = true): Buffer {
  const le = Buffer.from(`${bom ? '\uFEFF' : ''}${text}`, 'utf16le');
  return endian === 'le' ? le : Buffer.from(le).swap16();
}

export function utf32(text: string, endian: 'le' | 'be'): Buffer {
  const points = [...`\uFEFF${text}`].map((c) => c.codePointAt(0)!);
  const out = Buffer.alloc(points.length * 4);
  points.forEach((p, i) => (endian === 'le' ? out.writeUInt32LE(p, i * 4) : out.writeUInt32BE(p, i * 4)));
  return out;
}

/**
 * UTF-7 as .NET's `Encoding.UTF7` writes it (Export-Csv -Encoding UTF7): RFC 2152 set D, space,
 * tab, CR and LF directly; everything else (`"` and `#` included: .NET does not use the optional
 * direct characters) as `+` modified base64 of UTF-16BE `-`; `+` itself as `+-`. No BOM.
 */
export function utf7(text: string): Buffer {
  const direct = /[A-Za-z0-9'(),\-./:? \t\r\n]/;
  let out = '';
  let run = '';
  const flush = () => {
    if (!run) return;
    out += `+${Buffer.from(run, 'utf16le').swap16().toString('base64').replace(/=+$/, '')}-`;
    run = '';
  };
  for (const c of text) {
    if (c === '+') {
      flush();
      out += '+-';
    } else if (direct.test(c)) {
      flush();
      out += c;
    } else run += c;
  }
  flush();
  return Buffer.from(out, 'ascii');
}

/* Writers -------------------------------------------------------------------------------------- */

const cellsOf = (columns: readonly string[], device: FixtureDevice) => columns.map((c) => device[COLUMN_FIELDS[c]]);

/**
 * Get-WindowsAutopilotInfo -OutputFile: ConvertTo-Csv -NoTypeInformation (every field quoted),
 * quotes stripped, Out-File (5.1: UTF-16LE BOM; 7: UTF-8, no BOM), CRLF after each line.
 */
export function autopilotInfoFile(devices: FixtureDevice[], options: { powershell: '5.1' | '7'; layout?: keyof typeof AUTOPILOT_LAYOUTS }): Buffer {
  const columns = AUTOPILOT_LAYOUTS[options.layout ?? 'default'];
  const lines = [columns.map((c) => `"${c}"`).join(','), ...devices.map((d) => cellsOf(columns, d).map((v) => `"${v ?? ''}"`).join(','))];
  const text = lines.map((l) => `${l.replace(/"/g, '')}\r\n`).join('');
  return options.powershell === '5.1' ? utf16(text, 'le') : utf8(text);
}

export type ExportCsvEncoding =
  | 'ascii'
  | 'unicode'
  | 'bigendianunicode'
  | 'utf8'
  | 'utf8BOM'
  | 'utf8NoBOM'
  | 'utf32'
  | 'bigendianutf32'
  | 'utf7'
  | 'default'
  | 'ansi'
  | 'oem';

/**
 * `Select-Object <columns> | Export-Csv`: every field quoted (a $null left empty), `#TYPE` first in
 * 5.1 unless `noTypeInformation` (in 7 only with `includeTypeInformation`), CRLF, the encoding's
 * bytes. `utf8` means UTF-8 with BOM in 5.1 and without in 7. `oem` is written here for ASCII text
 * only (code page 437/850 agree with ASCII there).
 */
export function exportCsvFile(
  devices: FixtureDevice[],
  options: {
    powershell: '5.1' | '7';
    columns?: readonly string[];
    noTypeInformation?: boolean;
    includeTypeInformation?: boolean;
    encoding?: ExportCsvEncoding;
    delimiter?: string;
  },
): Buffer {
  const columns = options.columns ?? AUTOPILOT_LAYOUTS.groupTag;
  const delimiter = options.delimiter ?? ',';
  const quote = (v: string | undefined) => (v === undefined ? '' : `"${v.replace(/"/g, '""')}"`);
  const typeLine = options.powershell === '5.1' ? !options.noTypeInformation : !!options.includeTypeInformation;
  const lines = [
    ...(typeLine ? ['#TYPE Selected.System.Management.Automation.PSCustomObject'] : []),
    columns.map(quote).join(delimiter),
    ...devices.map((d) => cellsOf(columns, d).map(quote).join(delimiter)),
  ];
  const text = lines.map((l) => `${l}\r\n`).join('');
  const encoding = options.encoding ?? (options.powershell === '5.1' ? 'ascii' : 'utf8NoBOM');
  switch (encoding) {
    case 'ascii':
    case 'oem':
      return ascii(text);
    case 'unicode':
      return utf16(text, 'le');
    case 'bigendianunicode':
      return utf16(text, 'be');
    case 'utf8':
      return utf8(text, options.powershell === '5.1');
    case 'utf8BOM':
      return utf8(text, true);
    case 'utf8NoBOM':
      return utf8(text);
    case 'utf32':
      return utf32(text, 'le');
    case 'bigendianutf32':
      return utf32(text, 'be');
    case 'utf7':
      return utf7(text);
    case 'default':
    case 'ansi':
      return windows1252(text);
  }
}

/**
 * Excel "Save As": "CSV (Comma delimited)" (`ansi`: Windows-1252, no BOM) or "CSV UTF-8 (Comma
 * delimited)" (`utf8`: with BOM). A field is quoted only when it holds the delimiter, a quote or a
 * line break; every row ends in CRLF; the delimiter is the locale's list separator.
 */
export function excelCsvFile(rows: (string | undefined)[][], options: { format: 'ansi' | 'utf8'; delimiter?: ',' | ';' }): Buffer {
  const delimiter = options.delimiter ?? ',';
  const cell = (v: string | undefined) => (v === undefined ? '' : /["\r\n]/.test(v) || v.includes(delimiter) ? `"${v.replace(/"/g, '""')}"` : v);
  const text = rows.map((r) => `${r.map(cell).join(delimiter)}\r\n`).join('');
  return options.format === 'ansi' ? windows1252(text) : utf8(text, true);
}

/** A Partner Center layout filled from devices, as a spreadsheet would hold it (header first). */
export const partnerCenterRows = (layout: keyof typeof PARTNER_CENTER_LAYOUTS, devices: FixtureDevice[]): (string | undefined)[][] => {
  const columns = PARTNER_CENTER_LAYOUTS[layout];
  return [[...columns], ...devices.map((d) => cellsOf(columns, d))];
};

/** The first bytes of an .xlsx (a ZIP archive's local file header) and of an .xls (OLE2 compound file). */
export const XLSX_BYTES = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), Buffer.from('[Content_Types].xml', 'ascii'), Buffer.alloc(64)]);
export const XLS_BYTES = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
