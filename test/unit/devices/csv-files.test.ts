import { describe, expect, it } from 'vitest';
import { decodeCsv, parseDeviceCsvFile } from '#shared/devices/csv.ts';
import {
  AUTOPILOT_LAYOUTS,
  autopilotInfoFile,
  excelCsvFile,
  exportCsvFile,
  partnerCenterRows,
  utf16,
  utf32,
  utf8,
  windows1252,
  XLS_BYTES,
  XLSX_BYTES,
  type ExportCsvEncoding,
  type FixtureDevice,
} from '../../support/csv-fixtures.ts';
import { problemOf } from '../../support/problem-of.ts';

const HASH_A = Buffer.from(Array.from({ length: 96 }, (_, i) => (i * 7) % 256)).toString('base64');
const HASH_B = Buffer.from(Array.from({ length: 96 }, (_, i) => (i * 11 + 3) % 256)).toString('base64');

/** Two devices as Get-WindowsAutopilotInfo collects them: serial, hash, empty product id, SMBIOS manufacturer and model. */
const COLLECTED: FixtureDevice[] = [
  { serialNumber: 'PF2ABCDE', productKeyId: '', hardwareHash: HASH_A, manufacturer: 'LENOVO', model: '20XW0026US', groupTag: 'Sales', assignedUser: 'ada@contoso.example' },
  { serialNumber: '0F3XYZ', productKeyId: '', hardwareHash: HASH_B, manufacturer: 'Microsoft Corporation', model: 'Surface Laptop 5', groupTag: 'Sales', assignedUser: 'bob@contoso.example' },
];

/** Devices with what only some encodings hold: an "é", a comma and quotes (Export-Csv quotes every field). */
const FANCY: FixtureDevice[] = [
  { serialNumber: 'SN-1', productKeyId: '1234567890123', hardwareHash: HASH_A, manufacturer: 'Contoso, Ltd.', model: 'Modèle "Pro" 5', groupTag: 'Ventes' },
  { serialNumber: 'SN-2', productKeyId: '1234567890124', hardwareHash: HASH_B, manufacturer: 'Fabrikam', model: 'Série 7', groupTag: 'Bureau' },
];
const FANCY_COLUMNS = ['Device Serial Number', 'Windows Product ID', 'Hardware Hash', 'Manufacturer name', 'Device model', 'Group Tag'] as const;

const devicesOf = (bytes: Buffer) => {
  const parsed = parseDeviceCsvFile(bytes);
  expect(parsed.malformed).toEqual([]);
  return parsed.rows;
};

describe('Get-WindowsAutopilotInfo files (R17): Out-File of quote-stripped ConvertTo-Csv', () => {
  const expected = {
    default: (d: FixtureDevice) => ({ serialNumber: d.serialNumber, hardwareHash: d.hardwareHash }),
    groupTag: (d: FixtureDevice) => ({ serialNumber: d.serialNumber, hardwareHash: d.hardwareHash, groupTag: d.groupTag }),
    assignedUser: (d: FixtureDevice) => ({ serialNumber: d.serialNumber, hardwareHash: d.hardwareHash, groupTag: d.groupTag }),
    partner: (d: FixtureDevice) => ({ serialNumber: d.serialNumber, hardwareHash: d.hardwareHash, manufacturer: d.manufacturer, model: d.model }),
  };
  const cases = (['5.1', '7'] as const).flatMap((powershell) => (Object.keys(AUTOPILOT_LAYOUTS) as (keyof typeof AUTOPILOT_LAYOUTS)[]).map((layout) => [powershell, layout] as const));

  it.each(cases)('R17: PowerShell %s, layout %s: every device, lines 2 and 3', (powershell, layout) => {
    const bytes = autopilotInfoFile(COLLECTED, { powershell, layout });
    expect(bytes.subarray(0, 2).equals(Buffer.from([0xff, 0xfe]))).toBe(powershell === '5.1');
    expect(devicesOf(bytes)).toEqual(COLLECTED.map((d, i) => ({ line: i + 2, device: expected[layout](d) })));
  });

  it('R17: the Windows PowerShell 5.1 file is UTF-16LE with a BOM and CRLF, as Out-File writes it', () => {
    const bytes = autopilotInfoFile(COLLECTED.slice(0, 1), { powershell: '5.1' });
    expect([...bytes.subarray(0, 6)]).toEqual([0xff, 0xfe, 0x44, 0x00, 0x65, 0x00]); // BOM, "De"
    expect(decodeCsv(bytes)).toBe(`Device Serial Number,Windows Product ID,Hardware Hash\r\nPF2ABCDE,,${HASH_A}\r\n`);
  });
});

describe('Export-Csv files (R17): every field quoted, #TYPE, -Encoding, -UseCulture', () => {
  it('R17: Windows PowerShell 5.1 defaults: #TYPE line first, ASCII; the header is line 2', () => {
    const bytes = exportCsvFile(COLLECTED, { powershell: '5.1' });
    expect(bytes.toString('ascii')).toMatch(/^#TYPE Selected\.System\.Management\.Automation\.PSCustomObject\r\n"Device Serial Number","Windows Product ID"/);
    expect(devicesOf(bytes)).toEqual(COLLECTED.map((d, i) => ({ line: i + 3, device: { serialNumber: d.serialNumber, hardwareHash: d.hardwareHash, groupTag: d.groupTag } })));
  });

  it('R17: -NoTypeInformation (5.1), PowerShell 7 defaults, and 7 with -IncludeTypeInformation', () => {
    const first = (bytes: Buffer) => devicesOf(bytes)[0];
    expect(first(exportCsvFile(COLLECTED, { powershell: '5.1', noTypeInformation: true }))).toMatchObject({ line: 2, device: { serialNumber: 'PF2ABCDE' } });
    expect(first(exportCsvFile(COLLECTED, { powershell: '7' }))).toMatchObject({ line: 2, device: { serialNumber: 'PF2ABCDE' } });
    expect(first(exportCsvFile(COLLECTED, { powershell: '7', includeTypeInformation: true }))).toMatchObject({ line: 3, device: { serialNumber: 'PF2ABCDE' } });
  });

  const unicodeEncodings: ['5.1' | '7', ExportCsvEncoding][] = [
    ['5.1', 'unicode'],
    ['5.1', 'bigendianunicode'],
    ['5.1', 'utf8'],
    ['5.1', 'utf32'],
    ['5.1', 'utf7'],
    ['5.1', 'default'],
    ['7', 'utf8'],
    ['7', 'utf8BOM'],
    ['7', 'utf8NoBOM'],
    ['7', 'unicode'],
    ['7', 'bigendianunicode'],
    ['7', 'utf32'],
    ['7', 'bigendianutf32'],
    ['7', 'ansi'],
    ['7', 'utf7'],
  ];
  it.each(unicodeEncodings)('R17: PowerShell %s -Encoding %s: every field, "é", commas and quotes intact', (powershell, encoding) => {
    const bytes = exportCsvFile(FANCY, { powershell, encoding, columns: FANCY_COLUMNS });
    const rows = devicesOf(bytes);
    expect(rows.map((r) => r.device)).toEqual(FANCY.map((d) => ({ ...d })));
    expect(rows[0].device.model).toBe('Modèle "Pro" 5');
  });

  it.each([
    ['5.1', 'ascii'],
    ['5.1', 'oem'],
    ['7', 'ascii'],
  ] as const)('R17: PowerShell %s -Encoding %s: read as written (.NET wrote "?" for "é")', (powershell, encoding) => {
    const rows = devicesOf(exportCsvFile(FANCY, { powershell, encoding, columns: FANCY_COLUMNS }));
    expect(rows[0].device).toMatchObject({ manufacturer: 'Contoso, Ltd.', model: 'Mod?le "Pro" 5', hardwareHash: HASH_A });
  });

  it('R17: -UseCulture in de-DE (";") with -Encoding Default (Windows-1252)', () => {
    const bytes = exportCsvFile(FANCY, { powershell: '5.1', encoding: 'default', delimiter: ';', columns: FANCY_COLUMNS });
    expect(bytes.includes(Buffer.from([0xe8]))).toBe(true); // "è" in Windows-1252
    expect(devicesOf(bytes).map((r) => r.device)).toEqual(FANCY);
  });

  it('R17: a $null value (nothing between the delimiters) and an empty string ("") both leave the field out', () => {
    const rows = devicesOf(exportCsvFile([{ serialNumber: 'SN-9', productKeyId: '', hardwareHash: HASH_A }], { powershell: '7' }));
    expect(rows[0].device).toEqual({ serialNumber: 'SN-9', hardwareHash: HASH_A });
  });
});

describe('Excel and Partner Center files (R17)', () => {
  it.each(['full', 'tuple', 'productKey'] as const)('R17: the Partner Center %s layout, saved by Excel as "CSV UTF-8" (BOM)', (layout) => {
    const devices: FixtureDevice[] = [{ serialNumber: 'SN-1', productKeyId: '1234567890123', manufacturer: 'Contoso', model: 'Laptop 7' }];
    const bytes = excelCsvFile(partnerCenterRows(layout, devices), { format: 'utf8' });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const expected = {
      full: { serialNumber: 'SN-1', productKeyId: '1234567890123', manufacturer: 'Contoso', model: 'Laptop 7' },
      tuple: { serialNumber: 'SN-1', manufacturer: 'Contoso', model: 'Laptop 7' },
      productKey: { productKeyId: '1234567890123' },
    }[layout];
    expect(devicesOf(bytes)).toEqual([{ line: 2, device: expected }]);
  });

  it('R17: Excel "CSV (Comma delimited)" is Windows-1252: "é" in a model, "€" in a group tag', () => {
    const rows = [...partnerCenterRows('full', [{ serialNumber: 'SN-1', hardwareHash: HASH_A, manufacturer: 'Contoso, Ltd.', model: 'Portátil Édition' }]), ];
    rows[0].push('Group Tag');
    rows[1].push('Coût €');
    const bytes = excelCsvFile(rows, { format: 'ansi' });
    expect(bytes.includes(Buffer.from([0xc9]))).toBe(true); // "É", one byte
    expect(devicesOf(bytes)).toEqual([{ line: 2, device: { serialNumber: 'SN-1', hardwareHash: HASH_A, manufacturer: 'Contoso, Ltd.', model: 'Portátil Édition', groupTag: 'Coût €' } }]);
  });

  it('R17: Excel in a ";" locale (fr-FR, de-DE), ANSI and UTF-8', () => {
    const devices = [{ serialNumber: 'SN-1', productKeyId: '1234567890123', manufacturer: 'Contoso; Ltd.', model: 'Modèle 5' }];
    for (const format of ['ansi', 'utf8'] as const) {
      const bytes = excelCsvFile(partnerCenterRows('full', devices), { format, delimiter: ';' });
      expect(devicesOf(bytes)).toEqual([{ line: 2, device: devices[0] }]);
    }
  });

  it('R17: Excel\'s "sep=;" line names the delimiter; the header follows it', () => {
    const bytes = windows1252('sep=;\r\nManufacturer name;Device model;Device Serial Number\r\nContoso;Modèle 5;SN-1\r\n');
    expect(devicesOf(bytes)).toEqual([{ line: 3, device: { manufacturer: 'Contoso', model: 'Modèle 5', serialNumber: 'SN-1' } }]);
  });

  it('R17: Excel "Unicode Text" (UTF-16LE, tab-delimited) is read too', () => {
    const bytes = utf16(`Device Serial Number\tWindows Product ID\tHardware Hash\r\nSN-1\t1234567890123\t${HASH_A}\r\n`, 'le');
    expect(devicesOf(bytes)).toEqual([{ line: 2, device: { serialNumber: 'SN-1', productKeyId: '1234567890123', hardwareHash: HASH_A } }]);
  });
});

describe('decodeCsv: the encoding comes from the bytes', () => {
  const text = 'Device model,Windows Product ID\r\nModèle €,1234567890123\r\n';

  it.each([
    ['UTF-8 without BOM', utf8(text)],
    ['UTF-8 with BOM', utf8(text, true)],
    ['UTF-16LE with BOM', utf16(text, 'le')],
    ['UTF-16BE with BOM', utf16(text, 'be')],
    ['UTF-16LE without BOM (its NUL bytes)', utf16(text, 'le', false)],
    ['UTF-16BE without BOM (its NUL bytes)', utf16(text, 'be', false)],
    ['UTF-32LE with BOM', utf32(text, 'le')],
    ['UTF-32BE with BOM', utf32(text, 'be')],
    ['Windows-1252 (not valid UTF-8)', windows1252(text)],
  ])('%s', (_name, bytes) => {
    expect(decodeCsv(bytes)).toBe(text);
  });

  it('a text that is ASCII is read as it is, whatever the file name or content type would say', () => {
    expect(decodeCsv(Buffer.from('Windows Product ID\n1234567890123\n'))).toBe('Windows Product ID\n1234567890123\n');
  });

  it('Windows-1252 bytes 0x80-0x9F are its characters (€, ‚, “...), not Latin-1 controls', () => {
    expect(decodeCsv(Buffer.from([0x41, 0x80, 0x93, 0x94]))).toBe('A€“”');
  });
});

describe('decodeCsv: a file that cannot be decoded is 400 validation_failed naming the problem, never a missing column', () => {
  const refusal = (bytes: Buffer) => {
    const problem = problemOf(() => parseDeviceCsvFile(bytes));
    expect(problem.status).toBe(400);
    expect(problem.code).toBe('validation_failed');
    expect(problem.message).not.toContain('missing column');
    return problem.message;
  };

  it.each([
    ['an .xlsx workbook (a ZIP archive, "PK")', XLSX_BYTES, 'the file is an Excel workbook (.xlsx, a ZIP archive), not CSV: save it as CSV'],
    ['an .xls workbook (OLE2)', XLS_BYTES, 'the file is an Excel 97-2003 workbook (.xls), not CSV: save it as CSV'],
    ['a gzip file', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00]), 'the file is compressed (gzip)'],
    ['a PDF', Buffer.from('%PDF-1.7\n%\xe2\xe3\n', 'latin1'), 'the file is a PDF document'],
    ['an empty file', Buffer.alloc(0), 'the file is empty'],
    ['NUL bytes that are not UTF-16', Buffer.concat([Buffer.from('Windows Product ID\r\n1234'), Buffer.from([0, 0, 0, 0x7f, 0x45, 0x4c, 0x46]), Buffer.from('567890123\r\n')]), 'the file is not text: it holds NUL bytes (the first at byte 24)'],
    ['UTF-16LE with BOM, odd length', Buffer.concat([utf16('Windows Product ID\r\n', 'le'), Buffer.from([0x31])]), 'UTF-16 (little-endian, with a byte order mark) but has an odd number of bytes'],
    ['UTF-16LE without BOM, odd length', Buffer.concat([utf16('Windows Product ID\r\n', 'le', false), Buffer.from([0x31])]), 'UTF-16 (little-endian, without a byte order mark) but has an odd number of bytes'],
    ['UTF-16BE with an unpaired surrogate', Buffer.concat([utf16('Windows Product ID\r\n', 'be'), Buffer.from([0xd8, 0x00, 0x00, 0x41])]), 'UTF-16 (big-endian, with a byte order mark) but is not valid UTF-16'],
    ['UTF-8 BOM, then bytes that are not UTF-8', Buffer.concat([utf8('Windows Product ID\r\n', true), Buffer.from([0xe9, 0x0d, 0x0a])]), 'starts with a UTF-8 byte order mark but is not valid UTF-8'],
    ['UTF-32LE cut short', utf32('Windows Product ID\r\n', 'le').subarray(0, 42), 'UTF-32 (little-endian) but its length (42 bytes) is not a multiple of 4'],
  ])('%s', (_name, bytes, message) => {
    expect(refusal(bytes)).toContain(message);
  });

  it('R17: the 1000-row limit counts the rows of a decoded file', () => {
    const rows = Array.from({ length: 1001 }, (_, i) => `SN${i},,${HASH_A}\r\n`).join('');
    expect(refusal(utf16(`Device Serial Number,Windows Product ID,Hardware Hash\r\n${rows}`, 'le'))).toContain('at most 1000 rows');
  });

  it('a malformed line of a UTF-16 file is reported by its line; the others count', () => {
    const parsed = parseDeviceCsvFile(utf16(`Device Serial Number,Hardware Hash\r\nSN1,${HASH_A}\r\nS"N2,${HASH_B},x\r\nSN3,${HASH_B}\r\n`, 'le'));
    expect(parsed.malformed.map((m) => m.line)).toEqual([3]);
    expect(parsed.rows.map((r) => r.line)).toEqual([2, 4]);
  });
});

describe('two files pasted together (issue 20): the second file\'s header, BOM, #TYPE and sep= lines are skipped, never devices', () => {
  const OTHERS: FixtureDevice[] = [
    { serialNumber: 'SN-3', productKeyId: '1234567890125', hardwareHash: HASH_B, manufacturer: 'Fabrikam', model: 'Desk 3', groupTag: 'Sales', assignedUser: 'eve@contoso.example' },
    { serialNumber: 'SN-4', productKeyId: '1234567890126', hardwareHash: HASH_A, manufacturer: 'Contoso', model: 'Tablet 4', groupTag: 'Sales', assignedUser: 'dan@contoso.example' },
  ];
  /** The lines a file takes: each of these tools ends every line, the last included, with CRLF. */
  const linesIn = (bytes: Buffer) => decodeCsv(bytes).split('\r\n').length - 1;
  /** What the two files pasted (their bytes one after the other, as `copy /b a.csv+b.csv` or `cat` make it) must read as: each file's rows as that file alone reads, the second's lines after the first's. */
  const expectPasted = (first: Buffer, second: Buffer) => {
    const pasted = parseDeviceCsvFile(Buffer.concat([first, second]));
    expect(pasted.malformed).toEqual([]);
    const alone = [devicesOf(first), devicesOf(second).map((r) => ({ ...r, line: r.line! + linesIn(first) }))];
    expect(alone[0]).toHaveLength(2);
    expect(alone[1]).toHaveLength(2);
    expect(pasted.rows).toEqual(alone.flat());
  };

  const autopilot = (['5.1', '7'] as const).flatMap((powershell) => (Object.keys(AUTOPILOT_LAYOUTS) as (keyof typeof AUTOPILOT_LAYOUTS)[]).map((layout) => [powershell, layout] as const));
  it.each(autopilot)('Get-WindowsAutopilotInfo, PowerShell %s, layout %s: two machines\' files pasted (5.1: UTF-16LE, the second BOM mid-file)', (powershell, layout) => {
    expectPasted(autopilotInfoFile(COLLECTED, { powershell, layout }), autopilotInfoFile(OTHERS, { powershell, layout }));
  });

  const encodings: ['5.1' | '7', ExportCsvEncoding][] = [
    ['5.1', 'ascii'],
    ['5.1', 'unicode'],
    ['5.1', 'bigendianunicode'],
    ['5.1', 'utf8'],
    ['5.1', 'utf32'],
    ['5.1', 'utf7'],
    ['5.1', 'default'],
    ['5.1', 'oem'],
    ['7', 'utf8NoBOM'],
    ['7', 'utf8BOM'],
    ['7', 'unicode'],
    ['7', 'bigendianunicode'],
    ['7', 'bigendianutf32'],
    ['7', 'ansi'],
    ['7', 'utf7'],
  ];
  it.each(encodings)('Export-Csv, PowerShell %s -Encoding %s: the second file\'s #TYPE line (5.1) and quoted header are skipped', (powershell, encoding) => {
    expectPasted(exportCsvFile(COLLECTED, { powershell, encoding }), exportCsvFile(OTHERS, { powershell, encoding }));
  });

  it('Export-Csv -UseCulture (";") files pasted', () => {
    expectPasted(exportCsvFile(FANCY, { powershell: '5.1', encoding: 'default', delimiter: ';', columns: FANCY_COLUMNS }), exportCsvFile(OTHERS, { powershell: '5.1', encoding: 'default', delimiter: ';', columns: FANCY_COLUMNS }));
  });

  it.each([
    ['ansi', ','],
    ['ansi', ';'],
    ['utf8', ','],
    ['utf8', ';'],
  ] as const)('Excel "CSV" (%s, "%s"), each Partner Center layout: the second header (and UTF-8 BOM) skipped', (format, delimiter) => {
    for (const layout of ['full', 'tuple', 'productKey'] as const) {
      expectPasted(excelCsvFile(partnerCenterRows(layout, FANCY), { format, delimiter }), excelCsvFile(partnerCenterRows(layout, OTHERS), { format, delimiter }));
    }
  });

  it('Excel files with a "sep=;" line each: the second one\'s is skipped with its header', () => {
    const file = (devices: FixtureDevice[]) => windows1252(`sep=;\r\nManufacturer name;Device model;Device Serial Number\r\n${devices.map((d) => `${d.manufacturer};${d.model};${d.serialNumber}\r\n`).join('')}`);
    expectPasted(file(OTHERS), file(COLLECTED));
  });

  it('Excel "Unicode Text" (UTF-16LE, tabs) files pasted', () => {
    const file = (devices: FixtureDevice[]) => utf16(`Device Serial Number\tWindows Product ID\tHardware Hash\r\n${devices.map((d) => `${d.serialNumber}\t${d.productKeyId}\t${d.hardwareHash}\r\n`).join('')}`, 'le');
    expectPasted(file(FANCY), file(OTHERS));
  });

  it('pasted as text (Get-Content a.csv, b.csv | Out-File): one BOM, the second header in the middle', () => {
    const text = (devices: FixtureDevice[]) => decodeCsv(autopilotInfoFile(devices, { powershell: '5.1', layout: 'groupTag' }));
    const parsed = parseDeviceCsvFile(utf16(`${text(COLLECTED)}${text(OTHERS)}`, 'le'));
    expect(parsed.malformed).toEqual([]);
    expect(parsed.rows.map((r) => [r.line, r.device.serialNumber])).toEqual([
      [2, 'PF2ABCDE'],
      [3, '0F3XYZ'],
      [5, 'SN-3'],
      [6, 'SN-4'],
    ]);
  });

  it('files of two layouts pasted: the rows after the second header are read under it', () => {
    expectPasted(autopilotInfoFile(COLLECTED, { powershell: '7', layout: 'groupTag' }), excelCsvFile(partnerCenterRows('full', OTHERS), { format: 'utf8' }));
    expectPasted(excelCsvFile(partnerCenterRows('tuple', FANCY), { format: 'ansi', delimiter: ';' }), autopilotInfoFile(OTHERS, { powershell: '7', layout: 'partner' }));
  });

  it('a file with a column of its own pasted twice: the repeated header is skipped too', () => {
    const file = (devices: FixtureDevice[]) => utf8(`Notes,Device Serial Number,Hardware Hash\r\n${devices.map((d) => `n,${d.serialNumber},${d.hardwareHash}\r\n`).join('')}`);
    expectPasted(file(COLLECTED), file(OTHERS));
  });

  it('a row whose cells merely mention column names is still a row', () => {
    const parsed = parseDeviceCsvFile(utf8(`Device Serial Number,Windows Product ID,Hardware Hash,Manufacturer name,Device model\r\nSN1,,${HASH_A},Contoso,Device model 7\r\nHardware Hash 2,,,Manufacturer name,Device model\r\n`));
    expect(parsed.rows.map((r) => r.device)).toEqual([
      { serialNumber: 'SN1', hardwareHash: HASH_A, manufacturer: 'Contoso', model: 'Device model 7' },
      { serialNumber: 'Hardware Hash 2', manufacturer: 'Manufacturer name', model: 'Device model' },
    ]);
  });
});
